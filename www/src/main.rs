// The lite module (no feature `full`) compiles the same modules but routes to fewer views, and
// the first module (feature `first`) mounts no app at all; the linker drops what it never
// reaches, and these lints would only repeat that.
#![cfg_attr(not(feature = "full"), allow(dead_code, unused_imports))]
//! Yuliao in the browser: mounts the Yew app into `<div id="app">`.
//!
//! Takes nothing but the page it runs in; the app fetches `index/manifest.bin` and its pieces
//! relative to the page (so the folder works under any sub-path), or reads them from the page
//! itself when it is the single file `yuliao.html`, opens the engine's
//! [`yuliao::index::Index`] and renders the views. No request ever leaves the page's origin.
//!
//! Layout (the Yew examples' habit): `app` holds the chrome and which view each route shows,
//! `context` the contexts with the hooks views read them by, `route` the hash router (and `go`), `views/` one file per route (`issues` and `issue` browse the paper), `components/` small pure pieces, `state` the URL-hash query structs, `i18n` every
//! label in both languages, `load` the download (`embedded` the single file's index block), `download` the CSV save,
//! `modules` which routes the lite build of this crate serves (without feature `full`: searching
//! and reading, what a first visit loads) and when it hands over to the full build, `first` the
//! third build (feature `first`: no app, it writes a search link's rows into the first paint),
//! `markup` the element tree those rows are built as, for Yew and for that build alike.

mod app;
mod components;
mod context;
mod download;
mod embedded;
#[cfg(feature = "first")]
mod first;
mod i18n;
mod load;
mod markup;
mod mine;
// The full module only runs the tests of the lite module's routes.
#[cfg_attr(feature = "full", allow(dead_code))]
mod modules;
mod route;
mod state;
mod views;

#[cfg(feature = "first")]
fn main() {
    // The first module answers through `first::first_result` alone; the app is not compiled in.
}

#[cfg(not(feature = "first"))]
fn main() {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"));
    // A portal page that imports the module for its JavaScript API has no #app: it gets the
    // API only, and the app never takes over the portal's <body>.
    if let Some(root) = root {
        // The static first paint of index.html (what the corpus is, a search box that already
        // takes a query, the download's progress) gives way to the app.
        if let Some(shell) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("shell")) {
            shell.remove();
        }
        let app = yew::Renderer::<app::App>::with_root(root).render();
        #[cfg(not(any(feature = "full", feature = "first")))]
        LITE_APP.with(|slot| *slot.borrow_mut() = Some(app));
        #[cfg(feature = "full")]
        drop(app);
    }
}

#[cfg(not(any(feature = "full", feature = "first")))]
thread_local! {
    /// The running app of the lite module, kept so that [`stop`] can unmount it.
    static LITE_APP: std::cell::RefCell<Option<yew::AppHandle<app::App>>> = const { std::cell::RefCell::new(None) };
}

/// Unmounts the lite module's app (its views, listeners and timers), so that the full module
/// can take `#app` over: `bootstrap.js` calls it once the full module has arrived
/// (`modules` explains the hand-over). Exported by the lite module only.
#[cfg(not(any(feature = "full", feature = "first")))]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn stop() {
    if let Some(app) = LITE_APP.with(|slot| slot.borrow_mut().take()) {
        app.destroy();
    }
}
