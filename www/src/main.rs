//! Yuliao in the browser: mounts the Yew app into `<div id="app">`.
//!
//! Takes nothing but the page it runs in; the app fetches `index/manifest.bin` and its pieces
//! relative to the page (so the folder works under any sub-path), or reads them from the page
//! itself when it is the single file `yuliao.html`, opens the engine's
//! [`yuliao::index::Index`] and renders the views. No request ever leaves the page's origin.
//!
//! Layout (the Yew examples' habit): `app` holds the chrome and which view each route shows,
//! `context` the contexts with the hooks views read them by, `route` the hash router (and `go`), `views/` one file per route (`issues` and `issue` browse the paper), `components/` small pure pieces, `state` the URL-hash query structs, `i18n` every
//! label in both languages, `load` the download (`embedded` the single file's index block), `download` the CSV save.

mod app;
mod components;
mod context;
mod download;
mod embedded;
mod i18n;
mod load;
mod mine;
mod route;
mod state;
mod views;

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
        yew::Renderer::<app::App>::with_root(root).render();
    }
}
