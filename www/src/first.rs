//! The first result of a cold visit, before the app: the *first* module (package `yuliao-www`
//! with feature `first`, neither Yew nor any view compiled in) answers the query of a shared
//! `#/search?q=…` link and writes its rows into the static first paint of `index.html`.
//!
//! Why: on a cold visit the rows are what the reader waits for, and the lite module that
//! renders them with Yew is most of the bytes before them (the engine alone is well under half
//! of it). `bootstrap.js` loads this module first when the URL is a search with a query, calls
//! [`first_result`], then loads the lite module, which takes over the page (`crate::modules`)
//! and is handed every index file fetched here (`crate::load`), so nothing is fetched twice.
//!
//! Takes the page's URL and the index beside it. Writes, into `#shell main`, the count
//! (`#hit-count`) and the rows (`ol#results`, each built by
//! [`crate::components::hit_row`], as the search view builds them) and puts the query in the
//! first paint's box. Shows nothing (and answers false) for any other route, a results page
//! other than the first, an embedded page, a query without hits or with an error, or a failed
//! download: the app then says what it says today. Never panics; never blocks the app, which
//! starts once this answers.

use wasm_bindgen::prelude::wasm_bindgen;
use yuliao::index::Index;

use crate::components::hit_row::{hit_count, hit_row};
use crate::context::query_pairs;
use crate::i18n::Tr;
use crate::load::{fetch_pieces, load_index};
use crate::markup::{to_dom, El, Node};
use crate::modules::FIRST_ANSWERS;
use crate::route::{current_path, current_query};
use crate::state::{Links, SearchState};
use crate::views::search::search_page;

/// Rounds of fetching a query may take (term pieces, postings, documents) before the first
/// module leaves it to the app.
const MAX_ROUNDS: usize = 6;

/// Answers the page's `#/search?q=…` in the first paint: true when rows were shown.
#[wasm_bindgen]
pub async fn first_result() -> bool {
    let pairs = query_pairs(&current_query());
    let links = Links::from_pairs(&pairs);
    let state = SearchState::parse(&pairs);
    let (first_path, _) = FIRST_ANSWERS;
    let served = current_path().trim_matches('/') == first_path && !state.q.trim().is_empty() && state.page == 0;
    if !served || links.embed || !links.controls || links.mine {
        return false;
    }
    let Ok(index) = load_index(|_| {}).await else { return false };
    let Some(answer) = answer(&index, &state).await else { return false };
    let (results, labels) = answer;
    if results.total == 0 {
        return false;
    }
    // The reader's language, as the app will show it.
    let tr = Tr { lang: links.lang.unwrap_or_else(crate::app::stored_lang) };
    let q = state.q.trim();
    let rows = results.hits.iter().zip(&labels).map(|(hit, label)| Node::from(hit_row(&tr, &links, q, hit, label)));
    let section = El::new("section")
        .attr("id", "first-results")
        .class("first-results")
        .child(hit_count(Some(results.total), tr.hits(results.total)))
        .child(El::new("ol").attr("id", "results").class("results").children(rows));
    show(q, section).is_some()
}

/// The first page of hits of `state`, fetching the pieces it needs; `None` on a query error or
/// a failed download (the app reports those).
async fn answer(index: &Index, state: &SearchState) -> Option<(yuliao::query::SearchResults, Vec<yuliao::browse::Label>)> {
    let bar = BootBar::find();
    for _ in 0..MAX_ROUNDS {
        match index.attempt(|ix| search_page(ix, state)) {
            Ok(answer) => return answer.ok(),
            Err(names) => {
                let bytes = names.iter().map(|n| index.piece_bytes(n)).sum();
                if let Some(bar) = &bar {
                    bar.add("max", bytes);
                }
                fetch_pieces(index, &names).await.ok()?;
                if let Some(bar) = &bar {
                    bar.add("value", bytes);
                }
            }
        }
    }
    None
}

/// The first paint's progress bar (`#boot-progress`), which `bootstrap.js` fills with the wasm's
/// bytes. The index pieces this module fetches are counted on it too, so that the bar keeps
/// moving while they download (on an archive the first search reads a few hundred KB of them);
/// the lite module's bytes are then counted on from where it stands.
struct BootBar(web_sys::Element);

impl BootBar {
    fn find() -> Option<BootBar> {
        web_sys::window()?.document()?.get_element_by_id("boot-progress").map(BootBar)
    }

    /// Adds `n` to the bar's `max` or `value` (the content attributes that the properties
    /// bootstrap.js sets reflect; whole bytes, so integers: float formatting would add 30 KB of
    /// code to this module).
    fn add(&self, attribute: &str, n: u64) {
        let now = self.0.get_attribute(attribute).and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
        let _ = self.0.set_attribute(attribute, &(now + n).to_string());
    }
}

/// Puts `q` in the first paint's box and `section` after its form.
fn show(q: &str, section: El) -> Option<()> {
    let document = web_sys::window()?.document()?;
    // None when the app has taken the page already (it removes #shell).
    let main = document.query_selector("#shell main").ok()??;
    if let Some(input) = document.get_element_by_id("shell-q") {
        input.set_attribute("value", q).ok()?;
    }
    to_dom(&main, &[Node::El(section)]).ok()
}
