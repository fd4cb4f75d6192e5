//! The list of issues (`#/issues?p=…`).
//!
//! Takes the page from the URL hash; calls `browse::issues_newest_first` (the manifest alone:
//! an archive's issue list fetches nothing more). Renders the issues newest first, each with
//! its publication, date and counts, linking to its table of contents
//! (`ol#issues > li[data-issue="<stem>"]`), [`ISSUES_PAGE`] to a page.

use yew::prelude::*;
use yuliao::browse;

use crate::context::{use_doc_title, use_index, use_links, use_query_pairs, use_tr};
use crate::components::pager::pager;
use crate::state::PageState;

/// Issues listed per page.
pub const ISSUES_PAGE: usize = 100;

#[component]
pub fn IssuesView() -> Html {
    let index = use_index();
    let tr = use_tr();
    let links = use_links();
    let state = PageState::parse(&use_query_pairs());
    use_doc_title(tr.issues_title().to_string());

    let issues = use_memo((), move |_| browse::issues_newest_first(&index));
    let pages = issues.len().div_ceil(ISSUES_PAGE).max(1);
    let page = state.page.min(pages - 1);
    let prev = (page > 0).then(|| links.issues(page - 1));
    let next = (page + 1 < pages).then(|| links.issues(page + 1));

    html! {
        <section class="view issues-view">
            <h1 class="view-title">{ tr.issues_title() }</h1>
            <ol id="issues" class="issues">
                { for issues.iter().skip(page * ISSUES_PAGE).take(ISSUES_PAGE).map(|i| html! {
                    <li class="issue-row" data-issue={i.stem.clone()}>
                        <a class="issue-link" href={links.issue(&i.stem, 0)}>
                            <span class="issue-date">{ i.date.clone().unwrap_or_else(|| tr.undated().to_string()) }</span>
                            <span class="issue-pub">{ i.publication.clone() }</span>
                        </a>
                        <span class="issue-counts">
                            <span class="issue-articles" data-articles={i.docs.to_string()}>{ tr.articles_n(u64::from(i.docs)) }</span>
                            <span class="issue-words">{ tr.words_n(i.tokens) }</span>
                        </span>
                        <span class="issue-stem">{ i.stem.clone() }</span>
                    </li>
                }) }
            </ol>
            { pager(&tr, page, pages, prev, next) }
        </section>
    }
}
