//! Which of the page's wasm modules serves a route.
//!
//! The page ships the app twice, compiled from the same source: the *lite* module (package
//! `yuliao-www` without its default feature `full`: search, the article reader, browsing the
//! issues) and the *full* module (every view, the theme tracker, #/mine and the JavaScript API
//! a portal imports). A visitor who searches and reads never downloads the analysis views: on
//! the seed the lite module is well under half the full one, and it is most of what the first
//! result costs. A route the lite module does not serve makes it hand over: it asks the
//! bootstrap for the full module, which stops the lite app and starts the full one on the same
//! URL (the index files already fetched are handed over, not fetched again: `load`).
//! Before either, a shared link to a search loads a third build, the *first* module (feature
//! `first`: the engine and the result rows, no Yew, a fraction of the lite one's bytes), which
//! writes that search's rows into the static first paint; the lite module follows and takes
//! over the page and the files fetched ([`FIRST_ANSWERS`], `crate::first`).
//!
//! This file is also compiled into xtask (`#[path]`), which writes [`LITE_PATHS`] into
//! `bootstrap.js`, so that a link straight to an analysis view loads only the full module, and
//! [`MANIFEST_PREFETCH`] with [`INDEX_BASE`], the request it starts for the app. It depends on nothing, so both can
//! include it.

/// Hash paths (no leading `/`, no trailing `/`) that the lite module serves; an entry ending in
/// `/` is a prefix (`article/<id>`, `issue/<stem>`).
pub const LITE_PATHS: &[&str] = &["", "search", "article/", "issues", "issue/"];

/// The query parameter and value that take any route to the full module: `src=mine` reads your
/// own texts, which only the full module's worker indexes.
pub const FULL_ONLY_PARAM: (&str, &str) = ("src", "mine");

/// True when the lite module serves the hash path `path` (as `#/search`'s `/search`; one
/// leading and one trailing slash are ignored), `mine` being whether the query says `src=mine`.
pub fn lite_serves(path: &str, mine: bool) -> bool {
    let path = path.strip_prefix('/').unwrap_or(path);
    let path = path.strip_suffix('/').unwrap_or(path);
    !mine
        && LITE_PATHS.iter().any(|p| match p.strip_suffix('/') {
            Some(_) => path.starts_with(p) && path.len() > p.len(),
            None => path == *p,
        })
}

/// The hash path and query parameter of a route the first module may answer before the app
/// (`crate::first`): a search with a query. `bootstrap.js` loads that module first for such a
/// URL unless [`FIRST_DECLINES`] or [`PAGE_PARAM`] say it would show nothing; the module itself
/// decides (it also shows nothing for a query without hits).
pub const FIRST_ANSWERS: (&str, &str) = ("search", "q");

/// The embed mode (`embed=1`): the view alone, for a portal's iframe (`crate::state`).
pub const EMBED_PARAM: (&str, &[&str]) = ("embed", &["1", "true"]);
/// A page without the search box and links (`controls=0`), as some embeds want it.
pub const NO_CONTROLS_PARAM: (&str, &[&str]) = ("controls", &["0", "false"]);
/// The results page of a search, from 0 (`p=2`: the third).
pub const PAGE_PARAM: &str = "p";

/// Parameters (of the hash query, then the page's own) and the values under which the first
/// module shows nothing: an embedded page, one without controls (the app renders those its own
/// way) and your own texts. `bootstrap.js` is written with them, so that such a link starts the
/// lite module at once instead of after a module that would decline (100 KiB on a slow link).
pub const FIRST_DECLINES: [(&str, &[&str]); 3] =
    [EMBED_PARAM, NO_CONTROLS_PARAM, (FULL_ONLY_PARAM.0, &[FULL_ONLY_PARAM.1])];

/// The global through which `bootstrap.js` hands the app the request for `index/manifest.bin`
/// (a `Promise<Response>`) that it starts beside the wasm's: the manifest then downloads while
/// the wasm does, not after the app has started (one round trip less before the first result
/// on a slow link). Whichever module starts first takes it, once (`crate::load`); without it
/// (the single file, a portal importing the module) the app fetches the manifest itself.
pub const MANIFEST_PREFETCH: &str = "__yuliaoManifest";

/// Where the index lives, relative to the page: the app fetches its files there (`crate::load`)
/// and `bootstrap.js` the manifest.
pub const INDEX_BASE: &str = "index/";
