//! The contexts the shell provides and the hooks views read them with, each context beside its
//! hook (as Yew's `examples/contexts` keeps context, provider and hook together).
//!
//! Takes nothing itself: the shell (`app`) puts an [`IndexHandle`] and a [`Tr`] in context, and
//! the router (`route`) the [`HashLocation`](crate::route::HashLocation). Returns to views: the
//! opened index ([`use_index`]), engine answers that fetch their pieces ([`use_engine`]), the
//! translator ([`use_tr`]), the page's query pairs ([`use_query_pairs`]), the href builder that
//! carries `embed`, `lang` and `controls` ([`use_links`]) and the tab title ([`use_doc_title`]).
//! Guarantees: it imports no view and no shell, so views and components depend on it and the
//! shell depends on them, never round in a circle.

use std::rc::Rc;

use yew::prelude::*;
use yuliao::index::Index;

use crate::i18n::Tr;
use crate::route::use_location;
use crate::state::{parse_query, Links};

/// The opened index, shared by every view, and how views ask for the pieces they miss.
/// Equal when it is the same index with the same pieces loaded.
#[derive(Clone)]
pub struct IndexHandle {
    pub index: Rc<Index>,
    /// Bumped whenever pieces arrive, so answers that waited for them are computed again.
    pub generation: u32,
    /// Fetches pieces (each at most once at a time) and loads them into the index.
    pub request: Callback<Vec<String>>,
}

impl PartialEq for IndexHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.index, &other.index) && self.generation == other.generation
    }
}

/// The opened index. Only call inside a view (the shell provides it once the manifest is in).
#[hook]
pub fn use_index() -> Rc<Index> {
    use_context::<IndexHandle>().expect("views are rendered only after the index is open").index
}

/// An engine answer that may still be waiting for index pieces.
pub struct Answer<T>(Rc<Result<T, Vec<String>>>);

impl<T> Answer<T> {
    /// The answer, once every piece it needs has arrived.
    pub fn ready(&self) -> Option<&T> {
        self.0.as_ref().as_ref().ok()
    }
}

/// Runs `op` on the index whenever `deps` change or pieces arrive. While `op` needs pieces
/// that are not loaded, asks the shell to fetch them and answers "not ready"; the view shows
/// a loading line and is rendered again when they are in.
#[hook]
pub fn use_engine<D, T, F>(deps: D, op: F) -> Answer<T>
where
    D: PartialEq + 'static,
    T: 'static,
    F: FnOnce(&Index, &D) -> T,
{
    let handle = use_context::<IndexHandle>().expect("views are rendered only after the index is open");
    let index = handle.index.clone();
    let answer = use_memo((deps, handle.generation), move |(deps, _)| index.attempt(|ix| op(ix, deps)));
    let missing = answer.as_ref().as_ref().err().cloned();
    {
        let request = handle.request.clone();
        use_effect_with((missing, handle.generation), move |(missing, _)| {
            if let Some(names) = missing {
                request.emit(names.clone());
            }
        });
    }
    Answer(answer)
}

/// The translator for the current language (the shell provides it; Chinese without one).
#[hook]
pub fn use_tr() -> Tr {
    use_context::<Tr>().unwrap_or_default()
}

/// The decoded pairs of the hash query (`#/route?a=1&b=2`), followed by those of the page's
/// own query (`page.html?embed=1#/…`), so a portal can write `?embed=1` or `?lang=en` before
/// the hash as well as inside it; the hash wins where both give a key.
#[hook]
pub fn use_query_pairs() -> Vec<(String, String)> {
    query_pairs(&use_location().query)
}

/// The pairs of the hash query `hash_query`, then those of the page's own query (for event
/// listeners outside a component; [`use_query_pairs`] inside one).
pub fn query_pairs(hash_query: &str) -> Vec<(String, String)> {
    let mut pairs = parse_query(hash_query);
    PAGE_QUERY.with(|own| pairs.extend_from_slice(own));
    pairs
}

thread_local! {
    /// The page's own query, read once: only loading another page changes it (the app moves
    /// through the hash alone), and a route change reads it in several hooks.
    static PAGE_QUERY: Vec<(String, String)> = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .map(|search| parse_query(search.trim_start_matches('?')))
        .unwrap_or_default();
}

/// The one href builder, carrying the page's `embed`, `lang` and `controls` onto every link.
#[hook]
pub fn use_links() -> Links {
    Links::from_pairs(&use_query_pairs())
}

/// Names what the view shows in the tab title (`两带两创 · 检索 · 语料`); `what` empty: the
/// app's name alone. Set in a task of its own after the render (a timeout of 0; a newer title
/// cancels one not yet set): in Chromium setting `document.title` took 1.5–2.5 ms a query, as
/// long as the rest of a search's render, and the rows need not wait for the tab.
#[hook]
pub fn use_doc_title(what: String) {
    let tr = use_tr();
    use_effect_with((what, tr.lang), move |(what, lang)| {
        let title = Tr { lang: *lang }.doc_title(what);
        let timer = gloo_timers::callback::Timeout::new(0, move || {
            if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
                doc.set_title(&title);
            }
        });
        move || drop(timer)
    });
}

/// False on the render where `deps` first take a value, true from the render a task later:
/// for the parts of a view that may follow its main content by a frame (a search's facets
/// after its rows), so that what the reader came for is on screen after one render of the
/// main content, not of everything. Every new `deps` starts false again; `None` (nothing to
/// show later) is false and schedules nothing.
#[hook]
pub fn use_after_first<D: PartialEq + Clone + 'static>(deps: Option<D>) -> bool {
    let shown = use_state_eq(|| None::<D>);
    let ready = deps.is_some() && *shown == deps;
    use_effect_with(deps, move |deps| {
        // A newer `deps` before the timeout fires drops it and schedules its own.
        let timer = deps.clone().map(|deps| gloo_timers::callback::Timeout::new(0, move || shown.set(Some(deps))));
        move || drop(timer)
    });
    ready
}
