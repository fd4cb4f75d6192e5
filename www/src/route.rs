//! The hash router: which view the page's `#/path?query` asks for.
//!
//! Takes `location.hash`; returns the typed [`Route`] (the reading views and the analysis
//! views `#/kwic`, `#/colloc`, `#/keyness`, `#/dispersion`, `#/ngrams`, `#/summary`) and the hash's query string through
//! context ([`use_hash_router`], [`use_location`], [`use_route`]), read again on every `popstate`
//! (a followed link, `location.hash = …`, back and forward). Guarantees, as yew-router's
//! `HashRouter` gave them before: the page opens on `#/` when its hash is not a route; the
//! hash is read with the browser's own URL parser (so `/a/../b` and escapes are normalised as
//! in any URL); one trailing slash is ignored; an article id is percent-decoded, and an id
//! that is not UTF-8 once decoded is not found. Why not yew-router: the app needs only this,
//! and the router with its history and route-matching crates cost ~40 KB of wasm.

use std::rc::Rc;

use gloo_events::EventListener;
use yew::prelude::*;

use crate::state::percent_decode;

#[derive(Debug, Clone, PartialEq)]
pub enum Route {
    /// `#/`
    Home,
    /// `#/search`
    Search,
    /// `#/article/<id>`
    Article { id: String },
    /// `#/freq`
    Freq,
    /// `#/themes`
    Themes,
    /// `#/issues`
    Issues,
    /// `#/issue/<stem>`
    Issue { stem: String },
    /// `#/kwic?q=…&sort=1R`: the concordance.
    Kwic,
    /// `#/colloc?q=…`
    Colloc,
    /// `#/keyness?a=…&b=…`
    Keyness,
    /// `#/dispersion?t=…`
    Dispersion,
    /// `#/ngrams`: recurring sequences and slogan candidates.
    Ngrams,
    /// `#/summary`: the corpus at a glance.
    Summary,
    /// `#/mine`: your own texts.
    Mine,
    /// Anything else, and `#/404`.
    NotFound,
}

impl Route {
    /// True for the analysis views (the "分析" group of the navigation).
    pub fn is_analysis(&self) -> bool {
        matches!(self, Route::Kwic | Route::Colloc | Route::Keyness | Route::Dispersion | Route::Ngrams | Route::Summary)
    }

    /// The route for a hash path (`/search`, `/article/<id>`, …).
    pub fn recognize(path: &str) -> Route {
        let path = path.strip_suffix('/').unwrap_or(path);
        let path = path.strip_prefix('/').unwrap_or(path);
        match path {
            "" => Route::Home,
            "search" => Route::Search,
            "freq" => Route::Freq,
            "themes" => Route::Themes,
            "issues" => Route::Issues,
            "kwic" => Route::Kwic,
            "colloc" => Route::Colloc,
            "keyness" => Route::Keyness,
            "dispersion" => Route::Dispersion,
            "ngrams" => Route::Ngrams,
            "summary" => Route::Summary,
            "mine" => Route::Mine,
            _ => {
                if let Some(id) = segment(path, "article/") {
                    Route::Article { id }
                } else if let Some(stem) = segment(path, "issue/") {
                    Route::Issue { stem }
                } else {
                    Route::NotFound
                }
            }
        }
    }
}

/// The percent-decoded rest of `path` after `prefix` when it is one non-empty UTF-8 segment.
fn segment(path: &str, prefix: &str) -> Option<String> {
    let rest = path.strip_prefix(prefix).filter(|r| !r.is_empty() && !r.contains('/'))?;
    String::from_utf8(percent_decode(rest, false)).ok()
}

/// Where the hash points: its path (`/search`) and query string (`?q=…`, or empty).
#[derive(Debug, Clone, Default)]
pub struct HashLocation {
    pub path: String,
    pub query: String,
    /// Counts the `popstate` events, so every navigation renders again (even to the same hash).
    generation: u32,
}

impl PartialEq for HashLocation {
    fn eq(&self, other: &Self) -> bool {
        self.generation == other.generation
    }
}

impl HashLocation {
    /// Reads `location.hash` (without its `#`) as a URL relative to the page.
    fn read(generation: u32) -> HashLocation {
        let url = web_sys::window().and_then(|w| {
            let location = w.location();
            let hash = location.hash().ok()?;
            web_sys::Url::new_with_base(
                hash.strip_prefix('#').unwrap_or(&hash),
                &location.href().ok()?,
            )
            .ok()
        });
        match url {
            Some(url) => HashLocation {
                path: url.pathname(),
                query: url.search(),
                generation,
            },
            None => HashLocation {
                path: "/".to_string(),
                query: String::new(),
                generation,
            },
        }
    }
}

impl Reducible for HashLocation {
    type Action = ();
    fn reduce(self: Rc<Self>, _: ()) -> Rc<Self> {
        Rc::new(HashLocation::read(self.generation.wrapping_add(1)))
    }
}

/// Navigates to an href built by [`Links`] (the router follows the hash change).
pub fn go(href: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.location().set_hash(href.trim_start_matches('#'));
    }
}

/// The query string of the hash as it is now (outside a component: event listeners).
pub fn current_query() -> String {
    HashLocation::read(0).query
}

/// The path of the hash as it is now (`/search`), outside a component (the first module).
#[cfg_attr(not(feature = "first"), allow(dead_code))]
pub fn current_path() -> String {
    HashLocation::read(0).path
}

/// Replaces the page's URL by the same URL with hash `#/` when its hash is not a route
/// (empty, or not starting with `#/`), without a new history entry.
fn ensure_route_hash() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    if location.hash().is_ok_and(|h| h.starts_with("#/")) {
        return;
    }
    let Some(url) = location
        .href()
        .ok()
        .and_then(|href| web_sys::Url::new(&href).ok())
    else {
        return;
    };
    url.set_hash("#/");
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url.href()));
    }
}

/// The router itself: the current [`HashLocation`], read again (and the caller rendered again)
/// on every `popstate`. Call it once, at the top of the app, and provide what it returns in a
/// `ContextProvider<HashLocation>` for [`use_location`] and [`use_route`] below. (A hook rather
/// than a router component: a component costs ~3 KB of wasm.)
#[hook]
pub fn use_hash_router() -> HashLocation {
    let location = use_reducer(|| {
        ensure_route_hash();
        HashLocation::read(0)
    });
    {
        let dispatch = location.dispatcher();
        use_effect_with((), move |_| {
            let listener = web_sys::window()
                .map(|w| EventListener::new(&w, "popstate", move |_| dispatch.dispatch(())));
            move || drop(listener)
        });
    }
    (*location).clone()
}

/// The current hash location (below the provider of [`use_hash_router`]'s location).
#[hook]
pub fn use_location() -> HashLocation {
    use_context::<HashLocation>().unwrap_or_default()
}

/// The current route (below the provider of [`use_hash_router`]'s location).
#[hook]
pub fn use_route() -> Route {
    Route::recognize(&use_location().path)
}

#[cfg(test)]
mod tests {
    use super::Route;

    #[test]
    fn recognizes_the_routes_like_yew_router() {
        assert_eq!(Route::recognize("/"), Route::Home);
        assert_eq!(Route::recognize(""), Route::Home);
        assert_eq!(Route::recognize("/search"), Route::Search);
        assert_eq!(Route::recognize("/search/"), Route::Search);
        assert_eq!(Route::recognize("/freq"), Route::Freq);
        assert_eq!(Route::recognize("/themes"), Route::Themes);
        assert_eq!(Route::recognize("/404"), Route::NotFound);
        assert_eq!(Route::recognize("/searchx"), Route::NotFound);
        assert_eq!(Route::recognize("/search//"), Route::NotFound);
        assert_eq!(
            Route::recognize("/article/a-1"),
            Route::Article { id: "a-1".into() }
        );
        assert_eq!(
            Route::recognize("/article/a-1/"),
            Route::Article { id: "a-1".into() }
        );
        assert_eq!(
            Route::recognize("/article/%E4%B8%A4+%zz%4"),
            Route::Article {
                id: "两+%zz%4".into()
            }
        );
        assert_eq!(Route::recognize("/article/%FF"), Route::NotFound);
        assert_eq!(Route::recognize("/article/"), Route::NotFound);
        assert_eq!(Route::recognize("/article/a/b"), Route::NotFound);
        assert_eq!(Route::recognize("/issues"), Route::Issues);
        assert_eq!(Route::recognize("/issues/"), Route::Issues);
        assert_eq!(Route::recognize("/issue/000_d2874fb822b0e5bc"), Route::Issue { stem: "000_d2874fb822b0e5bc".into() });
        assert_eq!(Route::recognize("/issue/%E5%8A%B2"), Route::Issue { stem: "劲".into() });
        assert_eq!(Route::recognize("/issue/"), Route::NotFound);
        assert_eq!(Route::recognize("/issue/a/b"), Route::NotFound);
        assert_eq!(Route::recognize("/kwic"), Route::Kwic);
        assert_eq!(Route::recognize("/colloc/"), Route::Colloc);
        assert_eq!(Route::recognize("/keyness"), Route::Keyness);
        assert_eq!(Route::recognize("/dispersion"), Route::Dispersion);
        assert_eq!(Route::recognize("/ngrams"), Route::Ngrams);
        assert_eq!(Route::recognize("/summary"), Route::Summary);
        assert!(Route::Summary.is_analysis() && !Route::Freq.is_analysis());
    }

    /// The lite module's list of paths (`modules::LITE_PATHS`, which bootstrap.js also reads)
    /// names exactly the reading views: every other route is handed to the full module, and
    /// `src=mine` takes any route there.
    #[test]
    fn the_lite_module_serves_the_reading_views_only() {
        use crate::modules::lite_serves;
        let reading = ["/", "", "/search", "/search/", "/article/a-1", "/article/%E4%B8%A4", "/issues", "/issue/000_x"];
        for path in reading {
            assert!(lite_serves(path, false), "{path}");
            assert!(!lite_serves(path, true), "{path} under src=mine");
            assert!(matches!(
                Route::recognize(path),
                Route::Home | Route::Search | Route::Article { .. } | Route::Issues | Route::Issue { .. }
            ));
        }
        let full = ["/freq", "/themes", "/kwic", "/colloc", "/keyness", "/dispersion", "/ngrams", "/summary", "/mine"];
        for path in full {
            assert!(!lite_serves(path, false), "{path}");
            assert!(!matches!(Route::recognize(path), Route::NotFound), "{path} is a route");
        }
        // Not routes at all: the full module says so (the lite one would too, but need not).
        for path in ["/searchx", "/article/", "/issue", "/search//"] {
            assert!(!lite_serves(path, false), "{path}");
        }
    }
}
