//! One issue's table of contents (`#/issue/<stem>?p=…`).
//!
//! Takes the issue's stem from the route and the page from the URL hash; calls `browse::toc`
//! for [`TOC_PAGE`] articles at a time, which reads only those articles' document groups (a
//! 5,000-poem issue is not fetched whole). Renders the issue's heading and counts, then its
//! articles in reading order (`ol#toc > li[data-article-id]`): place, kind, column, title
//! (a working title marked as such where the paper has none), bylines and units, each title
//! linking to the reader; a pager below. An unknown stem says so and links to the issue list.

use yew::prelude::*;
use yuliao::browse::{self, TOC_PAGE};

use crate::context::{use_doc_title, use_engine, use_index, use_links, use_query_pairs, use_tr};
use crate::components::pager::pager;
use crate::components::title::title_html;
use crate::state::PageState;

#[derive(Properties, PartialEq)]
pub struct IssueViewProps {
    pub stem: String,
}

#[component]
pub fn IssueView(props: &IssueViewProps) -> Html {
    let index = use_index();
    let tr = use_tr();
    let links = use_links();
    let state = PageState::parse(&use_query_pairs());
    let issue = browse::find_issue(&index, &props.stem);
    use_doc_title(issue.as_ref().map(|i| tr.issue_name(&i.publication, i.date.as_deref())).unwrap_or_default());

    let pages = issue.as_ref().map_or(1, |i| (i.docs as usize).div_ceil(TOC_PAGE).max(1));
    let page = state.page.min(pages - 1);
    let toc = use_engine((props.stem.clone(), page), |ix, (stem, page)| browse::toc(ix, stem, page * TOC_PAGE, TOC_PAGE));

    let Some(issue) = issue else {
        return html! {
            <section class="view issue-view">
                <p class="notice notice-error">{ tr.issue_not_found() }{ " " }<code>{ props.stem.clone() }</code></p>
                <p><a href={links.issues(0)}>{ tr.all_issues() }</a></p>
            </section>
        };
    };
    let prev = (page > 0).then(|| links.issue(&issue.stem, page - 1));
    let next = (page + 1 < pages).then(|| links.issue(&issue.stem, page + 1));

    let rows = match toc.ready() {
        None => html! { <p class="notice fetching" aria-live="polite">{ tr.fetching() }</p> },
        Some(None) => html! {},
        Some(Some(toc)) => html! {
            <ol id="toc" class="toc" start={(toc.offset + 1).to_string()} aria-label={tr.toc_label()}>
                { for toc.entries.iter().enumerate().map(|(k, e)| {
                    let bylines = !e.authors.is_empty() || !e.photographers.is_empty();
                    html! {
                        <li class="toc-row" data-article-id={e.id.clone()} data-kind={e.kind.as_str()}>
                            <div class="toc-head">
                                <span class="toc-place">{ toc.offset + k + 1 }</span>
                                <span class="badge">{ tr.kind_name(e.kind.as_str()) }</span>
                                if let Some(column) = &e.column {
                                    <span class="toc-column">{ column.clone() }</span>
                                }
                                <a class="toc-title" href={links.article(&e.id, "", &[])}>{ title_html(&tr, &e.label) }</a>
                            </div>
                            if bylines || !e.units.is_empty() {
                                <div class="toc-meta">
                                    if !e.authors.is_empty() {
                                        <span class="meta-authors">{ format!("{} {}", tr.by(), e.authors.join("、")) }</span>
                                    }
                                    if !e.photographers.is_empty() {
                                        <span class="meta-photographers">{ format!("{} {}", tr.photos_by(), e.photographers.join("、")) }</span>
                                    }
                                    if !e.units.is_empty() {
                                        <span class="meta-units">{ e.units.join("、") }</span>
                                    }
                                </div>
                            }
                        </li>
                    }
                }) }
            </ol>
        },
    };

    html! {
        <section class="view issue-view" data-issue={issue.stem.clone()}>
            <nav class="article-nav top" aria-label={tr.back_nav_label()}>
                <a class="back-link" href={links.issues(0)}>{ tr.all_issues() }</a>
            </nav>
            <h1 class="view-title">{ tr.issue_name(&issue.publication, issue.date.as_deref()) }</h1>
            <p class="issue-summary">
                <span class="issue-articles" data-articles={issue.docs.to_string()}>{ tr.articles_n(u64::from(issue.docs)) }</span>
                { " · " }
                <span class="issue-words">{ tr.words_n(issue.tokens) }</span>
            </p>
            { rows }
            { pager(&tr, page, pages, prev, next) }
        </section>
    }
}
