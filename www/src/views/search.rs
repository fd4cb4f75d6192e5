//! The search view (`#/search?q=…&p=…`).
//!
//! Takes the query and page from the URL hash; calls `query::search` (results, facets over all
//! matches, missing terms), `query::pinyin_suggest` (latin letters in the box read as pinyin)
//! and `query::suggest` (type-ahead on the word being typed). Renders
//! a heading for screen readers, the box, the number of hits (a live region), a notice for terms not in the corpus, the result rows
//! (`li.result[data-article-id]`, snippet highlights as `<mark>`), facets that append
//! `kind:`/`unit:`/`author:` to the query, and paging. Without a query (the landing page, `#/`)
//! it says what the corpus is (`#corpus-about`: publications, issues, dates, counts), links its
//! latest issues and the issue list, and offers example searches. Titles are `browse` labels
//! (working titles marked); `controls=0` leaves out the box. Holds only the text being typed.

use std::rc::Rc;

use yew::prelude::*;
use yuliao::browse::{self, Label};
use yuliao::index::Index;
use yuliao::query::{self, Alternative, Field, Filter, QueryError, SearchOptions, SearchResults, Suggestion, SEARCH_LIMIT};

use crate::context::{use_after_first, use_doc_title, use_engine, use_index, use_links, use_query_pairs, use_tr};
use crate::route::go;
use crate::components::engine_error::engine_error;
use crate::components::facets::{facet_group, FacetEntry};
use crate::components::hit_row::{hit_count, hit_row};
use crate::components::pager::pager;
use crate::components::search_box::SearchBox;
use crate::i18n::Tr;
use crate::markup::el_html;
use crate::state::{Links, SearchState};

const SUGGESTIONS: usize = 8;
/// How long a snippet is (the first-result module's rows use the same).
pub const SNIPPET_CHARS: usize = 80;
/// Close words offered for each term the corpus does not hold, when nothing matched.
const ALTERNATIVES_PER_TERM: usize = 4;

/// The word being typed at the end of the box, without a leading `-` or `"`; `None` inside a
/// field filter (`unit:…`) or after a trailing space, where suggestions would not help.
fn typing_word(text: &str) -> Option<(&str, &str)> {
    if text.is_empty() || text.ends_with(char::is_whitespace) {
        return None;
    }
    let start = text.rfind(char::is_whitespace).map_or(0, |i| i + text[i..].chars().next().map_or(1, char::len_utf8));
    let token = &text[start..];
    let word = token.trim_start_matches(['-', '"', '“']);
    if word.is_empty() || word.contains(':') || word.contains('"') {
        return None;
    }
    Some((&text[..text.len() - word.len()], word))
}

fn facet_entries(links: &Links, q: &str, field: Field, values: &[(String, usize)], label: impl Fn(&str) -> String) -> Vec<FacetEntry> {
    values
        .iter()
        .filter_map(|(value, count)| {
            // Through the engine's query value: a value with a space or a quote stays one filter.
            let filter = Filter { field, value: value.clone(), negated: false };
            let narrowed = query::with_filter(q, filter.clone())?;
            Some(FacetEntry { label: label(value), href: links.search(&narrowed, 0), filter: filter.to_query(), count: *count })
        })
        .collect()
}

/// A page of hits for `s` with their titles: what the view shows, and what the first-result
/// module shows before it (`crate::first`).
pub fn search_page(ix: &Index, s: &SearchState) -> Result<(SearchResults, Vec<Label>), QueryError> {
    // A page of results is the engine's default limit, as the CLI and the JS API.
    let opts = SearchOptions { limit: SEARCH_LIMIT, offset: s.page * SEARCH_LIMIT, snippet_chars: SNIPPET_CHARS };
    query::search(ix, &s.q, &opts).map(|r| {
        // The hits' documents are loaded already (their metadata made the hits).
        let labels = browse::labels_of(ix, &r.hits.iter().map(|h| h.doc).collect::<Vec<_>>());
        (r, labels)
    })
}

#[component]
pub fn SearchView() -> Html {
    let index = use_index();
    let tr = use_tr();
    let links = use_links();
    let state = SearchState::parse(&use_query_pairs());
    // What is being typed, with the query it was typed over: following a link or the back
    // button (another query) shows that query instead. Derived in the render, not set by an
    // effect, so a new query costs one render, not two.
    let edits = use_state(|| (state.q.clone(), state.q.clone()));
    let typed = Rc::new(if edits.0 == state.q { edits.1.clone() } else { state.q.clone() });

    let suggestions: Rc<Vec<Suggestion>> = {
        // Latin letters in the box are read as pinyin first (`ldlc`, `liang dai`): the words
        // they spell replace the whole box when picked. Otherwise: words starting like the last
        // word typed. Only for what was typed: a query arrived at by a link or the back
        // button shows no list, so it costs no lookup (nor a fetch of pinyin or vocabulary).
        let typing = if *typed != state.q { (*typed).clone() } else { String::new() };
        let answer = use_engine(typing, |ix, text| {
            match query::pinyin_suggest(ix, text, SUGGESTIONS) {
                Ok(words) if !words.is_empty() => return Rc::new(words),
                _ => {}
            }
            match typing_word(text) {
                Some((_, word)) => Rc::new(query::suggest(ix, word, SUGGESTIONS)),
                None => Rc::default(),
            }
        });
        answer.ready().cloned().unwrap_or_default()
    };

    let results = use_engine(state.clone(), |ix, s| {
        if s.q.trim().is_empty() {
            return None;
        }
        Some(search_page(ix, s).map(|(r, labels)| {
            let alternatives = query::alternatives(ix, &r, ALTERNATIVES_PER_TERM);
            (r, labels, alternatives)
        }))
    });
    // The facets follow the rows a task later: on a page of twenty hits they are as many
    // elements as the rows, and the rows are what the reader waits for. (Counted from the
    // render that has the hits, after a fetch too; the landing page has none to wait for.)
    let has_hits = matches!(results.ready(), Some(Some(Ok((r, ..)))) if r.total > 0);
    let facets_shown = use_after_first(has_hits.then(|| state.clone()));
    let q_title = state.q.trim();
    use_doc_title(if q_title.is_empty() { tr.nav_search().to_string() } else { format!("{q_title} · {}", tr.nav_search()) });

    let on_input = {
        let (edits, q) = (edits.clone(), state.q.clone());
        Callback::from(move |v: String| edits.set((q.clone(), v)))
    };
    let on_submit = Callback::from(move |v: String| go(&links.search(v.trim(), 0)));
    let on_pick = {
        let (typed, edits) = (typed.clone(), edits.clone());
        Callback::from(move |term: String| {
            let text = (*typed).clone();
            let head = if yuliao::index::pinyin::spelling(&text).is_some() {
                // Pinyin spelled the whole box.
                String::new()
            } else {
                typing_word(&text).map_or(text.as_str(), |(head, _)| head).to_string()
            };
            let q = format!("{head}{term}");
            // Typed over the query it leads to.
            edits.set((q.trim().to_string(), q.clone()));
            go(&links.search(q.trim(), 0));
        })
    };

    // The count lives in one live region (`role="status"`) that stays in the page while a
    // query is shown, so a screen reader hears "fetching…" turn into the number of hits (or
    // that nothing matched, said once).
    let (count, body) = match results.ready() {
        None => (Some((None, tr.fetching().to_string())), html! {}),
        Some(None) => (None, intro(&tr, &links, &index)),
        // A damaged piece is not the visitor's mistake: it gets the engine-error notice.
        Some(Some(Err(QueryError::Index(e)))) => (Some((None, String::new())), engine_error(&tr, e)),
        Some(Some(Err(e))) => (
            Some((None, String::new())),
            html! { <p class="notice notice-error" role="alert">{ tr.query_error() }{ " " }{ tr.query_error_text(e) }</p> },
        ),
        Some(Some(Ok((r, labels, alternatives)))) => {
            let text = if r.total == 0 { tr.no_results().to_string() } else { tr.hits(r.total) };
            (Some((Some(r.total), text)), results_html(&tr, &links, &state, r, labels, alternatives, facets_shown))
        }
    };

    html! {
        <section class="view search-view">
            <h1 class="visually-hidden">{ if q_title.is_empty() { tr.search_label().to_string() } else { format!("{} · {q_title}", tr.search_label()) } }</h1>
            if links.controls {
                <SearchBox value={(*typed).clone()} {suggestions} {on_input} {on_pick} {on_submit} autofocus={state.q.is_empty()} />
                <p class="syntax-help">{ tr.syntax_help() }</p>
            }
            if let Some((total, text)) = count {
                { el_html(hit_count(total, text)) }
                if total.is_some_and(|t| t > 0) {
                    <p id="search-count-note" class="hint count-rule">{ tr.search_count_rule() }</p>
                }
            }
            // In an element of its own: a component that renders nothing beside siblings that
            // come and go trips Yew's node placement.
            <div class="mine-also-slot"><crate::views::mine::MineAlso q={state.q.clone()} /></div>
            { body }
        </section>
    }
}

/// Issues the landing page lists under "latest issues".
const LATEST_ISSUES: usize = 3;

/// The landing page below the box: what the corpus is (publications, issues, dates, counts),
/// its latest issues and the way to the issue list, then example searches.
fn intro(tr: &Tr, links: &Links, index: &Index) -> Html {
    let examples: Vec<String> = index.themes().into_iter().map(|t| t.name).collect();
    let stats = index.stats();
    let mut publications: Vec<&str> = index.issues().iter().map(|i| i.publication.as_str()).filter(|p| !p.is_empty()).collect();
    publications.sort_unstable();
    publications.dedup();
    let latest = browse::issues_newest_first(index);
    html! {
        <div class="intro">
            <section id="corpus-about" class="corpus-about">
                <p class="about-line">{ tr.about(&publications.join("、"), stats.issues as u64, index.manifest().date_range(), stats.articles as u64, stats.tokens) }</p>
                <p class="about-issues">
                    <span class="label">{ tr.latest_issues() }</span>
                    { for latest.iter().take(LATEST_ISSUES).map(|i| html! {
                        <a class="chip issue-chip" href={links.issue(&i.stem, 0)} data-issue={i.stem.clone()}>
                            { tr.issue_name(&i.publication, i.date.as_deref()) }
                        </a>
                    }) }
                    <a id="browse-issues" class="browse-issues" href={links.issues(0)}>{ tr.browse_issues() }</a>
                </p>
            </section>
            <p>{ tr.start_hint() }</p>
            <ul class="examples">
                { for examples.iter().map(|q| html! { <li><a class="chip" href={links.search(q, 0)}>{ q.clone() }</a></li> }) }
            </ul>
        </div>
    }
}

/// When nothing matched: the close words for each missing term and the query without them,
/// each a link to its search (`ul#alternatives li[data-query]`).
fn alternatives_html(tr: &Tr, links: &Links, alternatives: &[Alternative]) -> Html {
    if alternatives.is_empty() {
        return html! {};
    }
    html! {
        <div class="alternatives">
            <p>{ tr.try_instead() }</p>
            <ul id="alternatives">
                { for alternatives.iter().map(|a| html! {
                    <li data-query={a.query.clone()}>
                        <a href={links.search(&a.query, 0)}>{ a.query.clone() }</a>
                        { match (&a.replaces, a.count) {
                            (Some((missing, _)), Some(n)) => html! { <span class="hint">{ " " }{ tr.instead_of(missing, n) }</span> },
                            _ => html! { <span class="hint">{ " " }{ tr.without_missing() }</span> },
                        } }
                    </li>
                }) }
            </ul>
        </div>
    }
}

/// The rows, paging and (once `facets_shown`) the facets of a page of hits; the facets'
/// `aside` is there from the first render, empty and `aria-busy` until they fill it.
fn results_html(
    tr: &Tr,
    links: &Links,
    state: &SearchState,
    r: &SearchResults,
    labels: &[Label],
    alternatives: &[Alternative],
    facets_shown: bool,
) -> Html {
    let pages = r.total.div_ceil(SEARCH_LIMIT);
    let q = state.q.trim();
    let prev = (state.page > 0).then(|| links.search(q, state.page - 1));
    let next = (state.page + 1 < pages).then(|| links.search(q, state.page + 1));

    let rows = r.hits.iter().zip(labels).map(|(hit, label)| el_html(hit_row(tr, links, q, hit, label)));

    html! {
        <>
            if !r.missing.is_empty() {
                <p class="notice notice-missing" data-missing={r.missing.join(" ")}>
                    { tr.missing_terms() }{ " " }
                    { for r.missing.iter().map(|m| html! { <b class="missing-term">{ m.clone() }</b> }) }
                </p>
            }
            if r.total == 0 {
                { alternatives_html(tr, links, alternatives) }
            } else {
                <div class="results-layout">
                    <div class="results-main">
                        <ol id="results" class="results">{ for rows }</ol>
                        { pager(tr, state.page, pages, prev, next) }
                    </div>
                    <aside class="facets" aria-label={tr.facets_title()} data-counted={r.facet_docs.to_string()} aria-busy={(!facets_shown).then_some("true")}>
                        if facets_shown {
                            { facets_html(tr, links, q, r) }
                        }
                    </aside>
                </div>
            }
        </>
    }
}

/// The facet groups of a page of hits (each value a link that narrows the query to it).
fn facets_html(tr: &Tr, links: &Links, q: &str, r: &SearchResults) -> Html {
    let kinds = facet_entries(links, q, Field::Kind, &r.facets.kinds, |k| tr.kind_name(k).to_string());
    let units = facet_entries(links, q, Field::Unit, &r.facets.units, str::to_string);
    let authors = facet_entries(links, q, Field::Author, &r.facets.authors, str::to_string);
    let photographers = facet_entries(links, q, Field::Photographer, &r.facets.photographers, str::to_string);

    html! {
        <>
            if r.facet_docs < r.total {
                <p class="hint facets-partial">{ tr.facets_of_page(r.facet_docs) }</p>
            }
            { facet_group(tr, tr.facet_kind(), &kinds) }
            { facet_group(tr, tr.facet_unit(), &units) }
            { facet_group(tr, tr.facet_author(), &authors) }
            { facet_group(tr, tr.facet_photographer(), &photographers) }
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::typing_word;

    #[test]
    fn suggests_for_the_last_word_only() {
        assert_eq!(typing_word("两带 创"), Some(("两带 ", "创")));
        assert_eq!(typing_word("x -两带"), Some(("x -", "两带")));
        assert_eq!(typing_word("\"两带"), Some(("\"", "两带")));
        assert_eq!(typing_word("两带 "), None);
        assert_eq!(typing_word("unit:热电"), None);
        assert_eq!(typing_word(""), None);
    }
}
