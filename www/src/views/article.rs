//! The article reader (`#/article/<id>?q=…`).
//!
//! Takes the article id from the route and the query from the hash; calls `Index::doc_by_id`,
//! `Index::article`, `Index::issue_of` and `query::highlight` (per paragraph and title).
//! Renders the article as printed — title (a working title from its opening words, marked, when
//! the paper printed none), subtitle, metadata, paragraphs in order — with the query's terms in
//! `<mark>`; a link back where it was opened from (`a#back-link`: the theme view of `t=…`, else
//! the search of `q=…`), its issue's table of contents (`a#issue-link`), and the articles before
//! and after it in reading order (`a#prev-article`, `a#next-article`, told apart when they share
//! its headline). The tab title names the article. An unknown id shows a message, not a panic.
//! With a query, the page scrolls to its first match and a bar (`#match-nav`) steps through
//! the matches (`#match-prev`, `#match-next`, `#match-count`; the current one is
//! `mark.current`). A poem keeps its lines as lines and a photo's text reads as a caption
//! (`browse::text_layout`).

use std::rc::Rc;

use yew::prelude::*;
use yuliao::browse::{self, Label, TextLayout, TOC_PAGE};
use yuliao::corpus::Article;
use yuliao::index::Index;
use yuliao::query;

use crate::context::{use_doc_title, use_engine, use_links, use_query_pairs, use_tr};
use crate::components::highlight::highlighted;
use crate::components::title::{title_html, title_text};
use crate::i18n::Tr;
use crate::state::{ArticleState, Links};

/// What the route's id leads to: the article, or (a link made before the text was
/// re-extracted) the articles it most likely meant.
#[derive(Clone)]
enum Answer {
    Found(Box<ArticlePage>),
    /// The closest matches, with their labels.
    Missing(query::ClosestMatch, Vec<Label>),
}

/// Everything the reader shows, computed in one engine call.
#[derive(Clone)]
struct ArticlePage {
    doc: u32,
    issue: yuliao::index::IssueInfo,
    article: Article,
    prev: Option<Article>,
    next: Option<Article>,
    /// Labels of the article and its neighbours (told apart when they share a headline).
    label: Label,
    prev_label: Label,
    next_label: Label,
    spans: Vec<Rc<Vec<[usize; 2]>>>,
    /// Its most distinctive words (TF-IDF, from the index).
    keywords: Vec<String>,
}

#[derive(Properties, PartialEq)]
pub struct ArticleViewProps {
    pub id: String,
}

fn spans(index: &Index, q: &str, text: &str) -> Rc<Vec<[usize; 2]>> {
    if q.trim().is_empty() {
        Rc::new(Vec::new())
    } else {
        Rc::new(query::highlight(index, q, text))
    }
}

fn meta_row(label: &str, values: &[String]) -> Html {
    if values.is_empty() {
        return html! {};
    }
    html! {
        <>
            <dt>{ label.to_string() }</dt>
            <dd>{ values.join("、") }</dd>
        </>
    }
}

fn neighbour(tr: &Tr, links: &Links, state: &ArticleState, a: Option<(Article, Label)>, id: &str, class: &str, arrow: &str) -> Html {
    match a {
        Some((a, label)) => html! {
            <a id={id.to_string()} class={class.to_string()} href={links.article(&a.id, state.q.trim(), &state.theme)}>
                <span class="neighbour-arrow">{ arrow.to_string() }</span>
                <span class="neighbour-title">{ title_html(tr, &label) }</span>
            </a>
        },
        None => html! { <span class={format!("{class} none")}></span> },
    }
}

/// An id the index no longer has: say so, and offer the articles of its issue that it most
/// likely meant (`ul#closest li[data-article-id]`), best first.
fn missing(tr: &Tr, links: &Links, id: &str, q: &str, closest: &query::ClosestMatch, labels: &[Label]) -> Html {
    let reason = |r: query::ClosestReason| match r {
        query::ClosestReason::SameOpening => tr.closest_same_opening(),
        query::ClosestReason::HoldsQuery => tr.closest_holds_query(),
        query::ClosestReason::SameIssue => "",
    };
    html! {
        <section class="view article-missing">
            <h1 class="view-title">{ tr.article_not_found().trim_end_matches(['：', ':']) }</h1>
            <p class="notice notice-error">{ tr.article_not_found() }{ " " }<code>{ id.to_string() }</code></p>
            if let Some(issue) = &closest.issue {
                <p class="closest-intro">{ tr.closest_intro(&issue.publication, issue.date.as_deref().unwrap_or(&issue.stem)) }</p>
                <ul id="closest" class="closest">
                    { for closest.articles.iter().zip(labels).map(|(a, label)| html! {
                        <li data-article-id={a.id.clone()} data-reason={a.reason.as_str()}>
                            <a href={links.article(&a.id, q, &[])}>{ title_html(tr, label) }</a>
                            if a.reason != query::ClosestReason::SameIssue {
                                <span class="closest-reason">{ reason(a.reason) }</span>
                            }
                        </li>
                    }) }
                </ul>
            }
            <p><a href={links.search(q, 0)}>{ tr.go_search() }</a></p>
        </section>
    }
}

/// The `n`-th match of the reader (`mark` elements in reading order), marked as the current
/// one and scrolled to the middle of the window; the mark current before loses that.
fn show_match(n: usize) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let Ok(marks) = doc.query_selector_all("#article mark") else { return };
    for i in 0..marks.length() {
        if let Some(el) = marks.item(i).and_then(|node| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(node).ok()) {
            if i as usize == n {
                let _ = el.set_attribute("class", "current");
                let opts = web_sys::ScrollIntoViewOptions::new();
                opts.set_block(web_sys::ScrollLogicalPosition::Center);
                el.scroll_into_view_with_scroll_into_view_options(&opts);
            } else {
                let _ = el.remove_attribute("class");
            }
        }
    }
}

/// The bar that steps through the matches: previous, "n / N", next (wrapping around).
fn match_nav(tr: &Tr, current: &UseStateHandle<usize>, total: usize) -> Html {
    let step = |forward: bool| {
        let current = current.clone();
        Callback::from(move |_: MouseEvent| {
            let n = if forward { (*current + 1) % total } else { (*current + total - 1) % total };
            current.set(n);
        })
    };
    html! {
        <div id="match-nav" class="match-nav" role="group" aria-label={tr.matches_label()}>
            <button id="match-prev" type="button" onclick={step(false)} aria-label={tr.prev_match()}>{ "↑" }</button>
            <span id="match-count" aria-live="polite">{ format!("{} / {}", **current + 1, total) }</span>
            <button id="match-next" type="button" onclick={step(true)} aria-label={tr.next_match()}>{ "↓" }</button>
        </div>
    }
}

#[component]
pub fn ArticleView(props: &ArticleViewProps) -> Html {
    let tr = use_tr();
    let links = use_links();
    let state = ArticleState::parse(&use_query_pairs());
    let q = state.q.trim().to_string();

    // A new article starts at its top, not where the previous page was scrolled to.
    use_effect_with(props.id.clone(), |_| {
        if let Some(window) = web_sys::window() {
            window.scroll_to_with_x_and_y(0.0, 0.0);
        }
    });

    // Which match the bar is on; back to the first for another article or query.
    let current = use_state(|| 0usize);
    {
        let current = current.clone();
        use_effect_with((props.id.clone(), q.clone()), move |_| current.set(0));
    }

    let page = use_engine((props.id.clone(), q.clone()), |ix, (id, q)| {
        // Only once the id map's piece is here and says the id is gone: the closest matches.
        let doc = match ix.find_id(id) {
            Ok(Some(doc)) => doc,
            Ok(None) => {
                let closest = query::closest(ix, id, q);
                let labels = browse::labels_of(ix, &closest.articles.iter().map(|a| a.doc).collect::<Vec<_>>());
                return Answer::Missing(closest, labels);
            }
            Err(_) => return Answer::Missing(query::ClosestMatch::default(), Vec::new()),
        };
        let Some(article) = ix.article(doc) else { return Answer::Missing(query::ClosestMatch::default(), Vec::new()) };
        let prev = doc.checked_sub(1).and_then(|d| ix.article(d));
        let next = doc.checked_add(1).and_then(|d| ix.article(d));
        let mut labels = browse::labels(&prev.iter().chain(Some(&article)).chain(&next).collect::<Vec<_>>()).into_iter();
        let prev_label = if prev.is_some() { labels.next().unwrap_or_default() } else { Label::default() };
        let label = labels.next().unwrap_or_default();
        let next_label = labels.next().unwrap_or_default();
        // Highlights of the title, the subtitle and each paragraph, in that order.
        let texts = article.title.iter().chain(&article.subtitle).chain(&article.paragraphs);
        let spans: Vec<Rc<Vec<[usize; 2]>>> = texts.map(|t| spans(ix, q, t)).collect();
        let keywords = ix.keywords(doc).unwrap_or_default();
        Answer::Found(Box::new(ArticlePage { doc, issue: ix.issue_of(doc), article, prev, next, label, prev_label, next_label, spans, keywords }))
    });
    // Once the article is on screen, and at each step: the current match, in view.
    use_effect_with((*current, props.id.clone(), q.clone(), page.ready().is_some()), |(n, _, q, ready)| {
        if *ready && !q.is_empty() {
            show_match(*n);
        }
    });
    use_doc_title(match page.ready() {
        Some(Answer::Found(p)) => title_text(&tr, &Label { tell: None, ..p.label.clone() }),
        Some(Answer::Missing(..)) => tr.article_not_found().trim_end_matches(['：', ':']).to_string(),
        None => String::new(),
    });
    let Some(found) = page.ready() else {
        return html! { <section class="view article-view"><p class="notice fetching" aria-live="polite">{ tr.fetching() }</p></section> };
    };
    let ArticlePage { doc, issue, article, prev, next, label, prev_label, next_label, spans, keywords } = match found.clone() {
        Answer::Found(page) => *page,
        Answer::Missing(closest, labels) => return missing(&tr, &links, &props.id, &q, &closest, &labels),
    };
    // The page of the issue's table of contents that lists this article.
    let issue_href = links.issue(&issue.stem, doc.saturating_sub(issue.first_doc) as usize / TOC_PAGE);
    let total: usize = spans.iter().map(|s| s.len()).sum();
    let mut spans = spans.into_iter();
    let mut next_spans = move || spans.next().unwrap_or_default();
    let layout = browse::text_layout(&article);

    let title = article.title.clone().filter(|t| !t.trim().is_empty());

    html! {
        <section class="view article-view">
            <nav class="article-nav top" aria-label={tr.back_nav_label()}>
                if !state.theme.is_empty() {
                    <a id="back-link" class="back-link" href={links.themes(&state.theme)}>{ tr.back_to_theme() }</a>
                } else if !q.is_empty() {
                    <a id="back-link" class="back-link" href={links.search(&q, 0)}>{ tr.back_to_results() }</a>
                }
            </nav>
            <article id="article" class="article" data-article-id={article.id.clone()}>
                <header class="article-header">
                    if let Some(column) = &article.column {
                        <p class="article-column">{ column.clone() }</p>
                    }
                    if let Some(t) = &title {
                        <h1 class="article-title">{ highlighted(t, &next_spans()) }</h1>
                    } else {
                        <h1 class="article-title untitled">{ title_html(&tr, &Label { tell: None, ..label }) }</h1>
                    }
                    if let Some(sub) = &article.subtitle {
                        <p class="article-subtitle">{ highlighted(sub, &next_spans()) }</p>
                    }
                    <dl class="article-meta">
                        { meta_row(tr.by(), &article.authors) }
                        { meta_row(tr.photos_by(), &article.photographers) }
                        { meta_row(tr.units(), &article.units) }
                        { meta_row(tr.kind(), &[tr.kind_name(article.kind.as_str()).to_string()]) }
                        { meta_row(tr.column(), &article.column.iter().cloned().collect::<Vec<_>>()) }
                        if !keywords.is_empty() {
                            <dt title={tr.keywords_hint()}>{ tr.keywords() }</dt>
                            <dd id="keywords">
                                { for keywords.iter().map(|k| html! {
                                    <a class="keyword" data-term={k.clone()} href={links.search(k, 0)}>{ k.clone() }</a>
                                }) }
                            </dd>
                        }
                        <dt>{ tr.issue() }</dt>
                        <dd><a id="issue-link" href={issue_href}>{ tr.issue_name(&issue.publication, issue.date.as_deref()) }</a></dd>
                    </dl>
                </header>
                if total > 0 && !q.is_empty() {
                    { match_nav(&tr, &current, total) }
                }
                <div class={classes!("article-body", match layout {
                    TextLayout::Prose => None,
                    TextLayout::Verse => Some("verse"),
                    TextLayout::Caption => Some("caption"),
                })}>
                    if layout == TextLayout::Caption && !article.paragraphs.is_empty() {
                        <p class="caption-label">{ tr.caption() }</p>
                    }
                    if article.paragraphs.is_empty() {
                        <p class="no-text">{ tr.no_text() }</p>
                    }
                    { for article.paragraphs.iter().map(|p| html! {
                        <p>{ highlighted(p, &next_spans()) }</p>
                    }) }
                </div>
            </article>
            <nav class="article-nav bottom" aria-label={tr.neighbours_label()}>
                { neighbour(&tr, &links, &state, prev.map(|a| (a, prev_label)), "prev-article", "neighbour prev", tr.prev_article()) }
                { neighbour(&tr, &links, &state, next.map(|a| (a, next_label)), "next-article", "neighbour next", tr.next_article()) }
            </nav>
        </section>
    }
}
