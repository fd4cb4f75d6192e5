//! The app shell: which view a route shows, the index download, and the chrome around the views.
//!
//! Takes the page's hash URL; returns the view for the route (`#/search`, `#/article/<id>`,
//! `#/freq`, `#/themes`, `#/issues`, `#/issue/<stem>`, and the analysis views `#/summary`,
//! `#/kwic`, `#/colloc`, `#/keyness`, `#/dispersion`, `#/ngrams`, which get a second,
//! named navigation row) once the index is open, a progress bar
//! while it downloads, or an error addressed to the visitor. Guarantees: views are only
//! rendered with an opened index in context (the contexts and their hooks live in
//! `context`, which views import; this module imports the views, never the other way round);
//! every href comes from [`Links`], which carries `embed`, `lang` and `controls` on; `embed=1`
//! drops the header and footer, adds "open in the full app" (`a#open-full`) and posts the
//! page's height to the parent (`{ type: "yuliao:height", height }`); the language lives in a
//! context and in `localStorage`, unless the URL forces one.

use std::rc::Rc;

use gloo_events::{EventListener, EventListenerOptions};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;
use yuliao::index::Index;

use crate::components::progress::{load_error, load_progress};
use crate::i18n::{Lang, Tr};
use crate::load::{fetch_pieces, load_index, LoadFailure, Progress};
use crate::context::{query_pairs, use_query_pairs, IndexHandle};
use crate::route::{go, use_hash_router, use_location, use_route, HashLocation, Route};
use crate::state::{parse_query, without_embed, Links, TableSort};
use crate::views::{
    article::ArticleView, colloc::CollocView, dispersion::DispersionView, freq::FreqView, issue::IssueView, issues::IssuesView,
    keyness::KeynessView, kwic::KwicView, ngrams::NgramsView, not_found::not_found, search::SearchView, summary::SummaryView,
    themes::ThemesView,
};

/// The view for a route (`tr` and `links` for the one view that is not a component).
fn switch(route: Route, tr: &Tr, links: &Links) -> Html {
    match route {
        Route::Home | Route::Search => html! { <SearchView /> },
        Route::Article { id } => html! { <ArticleView {id} /> },
        #[cfg(feature = "full")]
        Route::Freq => html! { <FreqView /> },
        #[cfg(feature = "full")]
        Route::Themes => html! { <ThemesView /> },
        Route::Issues => html! { <IssuesView /> },
        Route::Issue { stem } => html! { <IssueView {stem} /> },
        #[cfg(feature = "full")]
        Route::Kwic => html! { <KwicView /> },
        #[cfg(feature = "full")]
        Route::Colloc => html! { <CollocView /> },
        #[cfg(feature = "full")]
        Route::Keyness => html! { <KeynessView /> },
        #[cfg(feature = "full")]
        Route::Dispersion => html! { <DispersionView /> },
        #[cfg(feature = "full")]
        Route::Ngrams => html! { <NgramsView /> },
        #[cfg(feature = "full")]
        Route::Summary => html! { <SummaryView /> },
        #[cfg(feature = "full")]
        Route::Mine => html! { <crate::views::mine::MineView /> },
        Route::NotFound => not_found(tr, links),
        // Never reached: the shell shows the hand-over for every route the lite module does not
        // serve (`modules::lite_serves`) before it asks for a view.
        #[cfg(not(feature = "full"))]
        _ => html! { <crate::views::full_module::FullModule /> },
    }
}

enum LoadState {
    Loading(Progress),
    Failed(LoadFailure),
    Ready(Rc<Index>),
}

/// What the shell knows about pieces fetched after the manifest.
#[derive(Default, PartialEq)]
struct Pieces {
    generation: u32,
    /// The last piece that failed to arrive or to load; cleared by a retry.
    failure: Option<LoadFailure>,
}

enum PiecesAction {
    Arrived,
    Failed(LoadFailure),
    Retry,
}

impl Reducible for Pieces {
    type Action = PiecesAction;
    fn reduce(self: Rc<Self>, action: PiecesAction) -> Rc<Self> {
        let generation = self.generation.wrapping_add(1);
        Rc::new(match action {
            PiecesAction::Arrived => Pieces { generation, failure: self.failure.clone() },
            // A piece that failed is loaded as its error: views compute again and show it
            // (`try_frequencies`, `try_theme_top`, … fail with it) instead of waiting.
            PiecesAction::Failed(f) => Pieces { generation, failure: Some(f) },
            PiecesAction::Retry => Pieces { generation, failure: None },
        })
    }
}

/// Fetches those of `names` that are neither loaded nor in flight into `index`, then tells
/// `pieces` they arrived, so the views compute again. With `report`, a failure is the shell's
/// to show (with a retry); without (the background fetch that holds a small corpus whole), a
/// piece that fails is loaded as its error and the view that reads it says so.
fn fetch_missing(
    index: Rc<Index>,
    names: Vec<String>,
    in_flight: &Rc<std::cell::RefCell<Vec<String>>>,
    pieces: UseReducerDispatcher<Pieces>,
    report: bool,
) {
    let names: Vec<String> = {
        let mut flight = in_flight.borrow_mut();
        names
            .into_iter()
            .filter(|n| {
                let fetch = !index.is_loaded(n) && !flight.contains(n);
                if fetch {
                    flight.push(n.clone());
                }
                fetch
            })
            .collect()
    };
    if names.is_empty() {
        return;
    }
    let in_flight = in_flight.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let result = fetch_pieces(&index, &names).await;
        in_flight.borrow_mut().retain(|n| !names.contains(n));
        pieces.dispatch(match result {
            Err(f) if report => PiecesAction::Failed(f),
            _ => PiecesAction::Arrived,
        });
    });
}

const LANG_KEY: &str = "yuliao.lang";

/// The language the reader chose (stored), Chinese without a choice.
pub(crate) fn stored_lang() -> Lang {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item(LANG_KEY).ok().flatten())
        .and_then(|v| Lang::parse(&v))
        .unwrap_or_default()
}

fn store_lang(lang: Lang) {
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = storage.set_item(LANG_KEY, lang.code());
    }
}

#[component]
pub fn App() -> Html {
    let location = use_hash_router();
    let lang = use_state(stored_lang);
    let load = use_state(|| LoadState::Loading(Progress::default()));

    {
        let load = load.setter();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let progress = load.clone();
                let result = load_index(move |p| progress.set(LoadState::Loading(p))).await;
                load.set(match result {
                    Ok(index) => LoadState::Ready(Rc::new(index)),
                    Err(failure) => LoadState::Failed(failure),
                });
            });
        });
    }

    let set_lang = {
        let lang = lang.clone();
        Callback::from(move |l: Lang| {
            store_lang(l);
            lang.set(l);
        })
    };

    let pieces = use_reducer(Pieces::default);
    // The names being fetched: a few at a time, so a Vec (a set's removal code costs ~2 KB of wasm).
    let in_flight = use_mut_ref(Vec::<String>::new);
    let ready = match &*load {
        LoadState::Ready(ix) => Some(ix.clone()),
        _ => None,
    };
    let ready_ptr = ready.as_ref().map(Rc::as_ptr);
    // A small corpus is held whole: once nothing has been in flight for a moment after the
    // index opened (the first answer is on screen), the search pieces not fetched yet are
    // fetched together (`load::HOLD_WHOLE_BYTES`), so no later search or article waits for the
    // network. Each arrival restarts the wait; it happens once. A piece that fails here is not
    // reported: it is loaded as its error, and the view that reads it says so.
    {
        let (index, in_flight, dispatch) = (ready.clone(), in_flight.clone(), pieces.dispatcher());
        let held_whole = use_mut_ref(|| false);
        use_effect_with((ready_ptr, pieces.generation), move |_| {
            let timer = index.map(|index| {
                gloo_timers::callback::Timeout::new(crate::load::HOLD_WHOLE_AFTER_MS, move || {
                    if *held_whole.borrow() || !in_flight.borrow().is_empty() {
                        return;
                    }
                    *held_whole.borrow_mut() = true;
                    if let Some(names) = index.search_pieces_within(crate::load::HOLD_WHOLE_BYTES) {
                        fetch_missing(index, names, &in_flight, dispatch, false);
                    }
                })
            });
            move || drop(timer)
        });
    }
    let request = {
        let dispatch = pieces.dispatcher();
        let blocked = pieces.failure.is_some();
        use_callback((ready_ptr, blocked), move |names: Vec<String>, _| {
            if let (Some(index), false) = (ready.clone(), blocked) {
                fetch_missing(index, names, &in_flight, dispatch.clone(), true);
            }
        })
    };
    let retry = {
        let dispatch = pieces.dispatcher();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(PiecesAction::Retry))
    };

    // #/mine and src=mine views: the reader's own texts, from the worker (started only here,
    // and only in the full module: the lite one hands those routes over, see `modules`).
    let mine = use_reducer(crate::mine::MineState::default);
    let mine_links = Links::from_pairs(&query_pairs(&location.query));
    let on_mine = Route::recognize(&location.path) == Route::Mine;
    #[cfg(feature = "full")]
    {
        let dispatch = mine.dispatcher();
        use_effect_with(on_mine || mine_links.mine, move |wanted| {
            if *wanted {
                crate::mine::ensure_started(&dispatch);
            }
        });
    }
    let mine_handle = {
        let dispatch = mine.dispatcher();
        crate::mine::MineHandle {
            state: Rc::new(crate::mine::MineState::clone_of(&mine)),
            send: Callback::from(move |op| {
                if cfg!(feature = "full") {
                    crate::mine::send(op, &dispatch)
                }
            }),
        }
    };

    let body = match &*load {
        LoadState::Loading(p) => Body::Loading(*p),
        LoadState::Failed(f) => Body::Failed(f.clone()),
        // Every view but #/mine itself reads your texts' index under src=mine: all its pieces
        // are in memory, so nothing is ever requested.
        LoadState::Ready(_) if mine_links.mine && !on_mine => match &mine.index {
            Some(ix) => Body::Ready(IndexHandle { index: ix.clone(), generation: mine.generation, request: Callback::noop() }),
            None if mine.loaded => Body::NoTexts,
            None => Body::Loading(Progress::default()),
        },
        LoadState::Ready(ix) => Body::Ready(IndexHandle { index: ix.clone(), generation: pieces.generation, request }),
    };

    html! {
        <ContextProvider<HashLocation> context={location}>
            <ContextProvider<crate::mine::MineHandle> context={mine_handle}>
                <Shell lang={*lang} {set_lang} {body} piece_failure={pieces.failure.clone()} {retry} />
            </ContextProvider<crate::mine::MineHandle>>
        </ContextProvider<HashLocation>>
    }
}

#[derive(Clone, PartialEq)]
enum Body {
    Loading(Progress),
    Failed(LoadFailure),
    Ready(IndexHandle),
    /// `src=mine` and the reader keeps no text.
    NoTexts,
}

#[derive(Properties, PartialEq)]
struct ShellProps {
    lang: Lang,
    set_lang: Callback<Lang>,
    body: Body,
    /// A piece that did not arrive after the index opened, with the retry button's action.
    piece_failure: Option<LoadFailure>,
    retry: Callback<MouseEvent>,
}

#[component]
fn Shell(props: &ShellProps) -> Html {
    let pairs = use_query_pairs();
    let links = Links::from_pairs(&pairs);
    let embed = links.embed;
    // A link may force the language (lang=en) without changing the reader's stored choice.
    let lang = links.lang.unwrap_or(props.lang);
    let tr = Tr { lang };
    let location = use_location();
    let route = use_route();

    // Views name themselves in the tab title; until one is shown (loading, an error, no such
    // page) the tab says the app's name.
    let titled_by_view = matches!(props.body, Body::Ready(_)) && route != Route::NotFound;
    use_effect_with((lang, titled_by_view), |(lang, titled_by_view)| {
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            if let Some(root) = doc.document_element() {
                let _ = root.set_attribute("lang", lang.code());
            }
            if !titled_by_view {
                doc.set_title(Tr { lang: *lang }.app_name());
            }
        }
    });
    use_slash_shortcut();
    use_post_height(embed);
    use_focus_heading(&location);

    // The language switch: the stored choice, and where the URL forces a language, the same
    // page under the other one.
    let set_lang = {
        let set_lang = props.set_lang.clone();
        let path = location.path.clone();
        let own = parse_query(&location.query);
        Callback::from(move |l: Lang| {
            set_lang.emit(l);
            if links.lang.is_some() {
                go(&Links { lang: Some(l), ..links }.relink(&path, &own));
            }
        })
    };

    let (state, main) = match &props.body {
        Body::Ready(ix) if props.piece_failure.is_some() => (
            "error",
            html! {
                <ContextProvider<IndexHandle> context={ix.clone()}>
                    if let Some(f) = &props.piece_failure {
                        <div class="piece-failure">
                            { load_error(&tr, f) }
                            <button id="retry-pieces" class="retry" type="button" onclick={props.retry.clone()}>{ tr.retry() }</button>
                        </div>
                    }
                    { switch(route.clone(), &tr, &links) }
                </ContextProvider<IndexHandle>>
            },
        ),
        Body::Loading(p) => ("loading", load_progress(&tr, *p)),
        Body::NoTexts => (
            "ready",
            html! {
                <section id="mine-empty" class="view">
                    <h1>{ tr.mine_empty_title() }</h1>
                    <p><a href={Links { mine: false, ..links }.relink("/mine", &[])}>{ tr.mine_open() }</a></p>
                </section>
            },
        ),
        Body::Failed(f) => ("error", load_error(&tr, f)),
        Body::Ready(ix) => (
            "ready",
            html! {
                <ContextProvider<IndexHandle> context={ix.clone()}>
                    { switch(route.clone(), &tr, &links) }
                </ContextProvider<IndexHandle>>
            },
        ),
    };
    // The lite module hands a route it does not serve to the full one, whether or not its
    // index is open yet.
    #[cfg(not(feature = "full"))]
    let (state, main) = if crate::modules::lite_serves(&location.path, links.mine) {
        (state, main)
    } else {
        ("loading", html! { <crate::views::full_module::FullModule /> })
    };
    let stats = match &props.body {
        Body::Ready(ix) => {
            let s = ix.index.stats();
            Some(tr.stats(s.articles as u64, s.issues as u64, s.tokens as u64, s.chars as u64))
        }
        _ => None,
    };

    html! {
        <ContextProvider<Tr> context={tr}>
            <div class="app" data-state={state} data-embed={embed.then_some("1")} data-controls={(!links.controls).then_some("0")}>
                if !embed {
                    <a id="skip-link" class="skip-link" href="#main" onclick={skip_to_main()}>{ tr.skip_to_main() }</a>
                    { header(tr, &links, &route, &set_lang) }
                }
                if links.mine && route != Route::Mine {
                    <p id="mine-banner" class="mine-banner">
                        { tr.mine_banner() }{ " " }
                        <a href={Links { mine: false, ..links }.relink(&location.path, &parse_query(&location.query))}>{ tr.mine_back() }</a>
                    </p>
                }
                <main id="main" class="main" tabindex="-1">{ main }</main>
                if embed {
                    <p class="embed-bar">
                        <a id="open-full" href={full_app_href(&links, &location)} target="_blank" rel="noopener">{ tr.open_full_app() }</a>
                    </p>
                } else {
                    <footer class="footer">
                        if let Some(stats) = stats { <span class="footer-stats">{ stats }</span> }
                        <span class="footer-note">{ tr.runs_locally() }</span>
                    </footer>
                }
            </div>
        </ContextProvider<Tr>>
    }
}

/// The same view in the full app (no `embed`, no `controls=0`), as an absolute URL: a new tab
/// must not inherit an `?embed=1` written before the hash.
fn full_app_href(links: &Links, location: &HashLocation) -> String {
    let hash = Links { embed: false, controls: true, ..*links }.relink(&location.path, &parse_query(&location.query));
    let page = web_sys::window().and_then(|w| {
        let l = w.location();
        Some(format!("{}{}{}", l.origin().ok()?, l.pathname().ok()?, without_embed(&l.search().ok()?)))
    });
    format!("{}{hash}", page.unwrap_or_default())
}

/// In an embed, posts the page's height to the parent whenever it changes, so the portal can
/// size its iframe: `{ type: "yuliao:height", height }` (CSS pixels), to any origin (the
/// height is all it says). The README shows the parent's listener.
#[hook]
fn use_post_height(embed: bool) {
    use_effect_with(embed, |embed| {
        let observer = embed.then(|| {
            let window = web_sys::window()?;
            let parent = window.parent().ok().flatten()?;
            if JsValue::from(parent.clone()) == JsValue::from(window.clone()) {
                return None;
            }
            let root = window.document()?.document_element()?;
            let measured = root.clone();
            let last = std::cell::Cell::new(0i32);
            let post = Closure::<dyn FnMut()>::new(move || {
                // The app's own height (the body's, not the viewport's: the iframe may be taller).
                let height = measured
                    .query_selector(".app")
                    .ok()
                    .flatten()
                    .map(|app| app.get_bounding_client_rect().bottom().ceil() as i32 + measured.scroll_top())
                    .unwrap_or_else(|| measured.scroll_height());
                if height == last.get() {
                    return;
                }
                last.set(height);
                let message = js_sys::Object::new();
                let _ = js_sys::Reflect::set(&message, &"type".into(), &"yuliao:height".into());
                let _ = js_sys::Reflect::set(&message, &"height".into(), &height.into());
                let _ = parent.post_message(&message, "*");
            });
            let observer = web_sys::ResizeObserver::new(post.as_ref().unchecked_ref()).ok()?;
            observer.observe(&root);
            if let Some(body) = window.document().and_then(|d| d.body()) {
                observer.observe(&body);
            }
            Some((observer, post))
        });
        move || {
            if let Some(Some((observer, _post))) = observer {
                observer.disconnect();
            }
        }
    });
}

/// The skip link's action: focus `main#main` (its href cannot do it, the hash is the route).
fn skip_to_main() -> Callback<MouseEvent> {
    Callback::from(|e: MouseEvent| {
        e.prevent_default();
        let main = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("main"))
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(main) = main {
            let _ = main.focus();
        }
    })
}

/// After a navigation (not the first page load), moves focus to the view's `h1` once it is
/// rendered, so a screen reader announces the new view and Tab goes on from it, unless the
/// reader is working in a field of the view (the search box, a select of the frequency
/// view), which keeps focus. Views that fetch first render their `h1` later: the shell is
/// rendered again whenever pieces arrive, and tries again then. Focusing needs the page laid
/// out, so it runs in a task of its own after the render (a timeout of 0), not inside it: the
/// new view's rows reach the screen without waiting for a forced layout.
#[hook]
fn use_focus_heading(location: &HashLocation) {
    // The location last seen, and whether its view's heading still waits for focus. One ref
    // and one effect: each hook instance costs wasm (two effects and two refs cost ~1.3 KB).
    let seen = use_mut_ref(|| None::<(String, bool)>);
    let key = format!("{}?{}", location.path, location.query);
    use_effect(move || {
        let pending = {
            let mut seen_now = seen.borrow_mut();
            let pending = match seen_now.take() {
                // The first page load keeps its focus where the browser put it.
                None => false,
                Some((last, pending)) => pending || last != key,
            };
            *seen_now = Some((key, pending));
            pending
        };
        // A render before the timeout fires cancels it (dropped) and schedules its own.
        let timer = pending.then(|| {
            gloo_timers::callback::Timeout::new(0, move || {
                if let Some((_, pending)) = seen.borrow_mut().as_mut() {
                    *pending = *pending && !focus_heading();
                }
            })
        });
        move || drop(timer)
    });
}

/// Focuses `main h1` (made focusable by script with `tabindex="-1"`); true when done or when a
/// field inside `main` has focus and keeps it; false while the view has no `h1` yet.
fn focus_heading() -> bool {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return true };
    if let Some(active) = doc.active_element() {
        // A button of the view (a table's sort header) that changed the URL keeps focus too.
        let field = matches!(active.tag_name().to_ascii_lowercase().as_str(), "input" | "select" | "textarea" | "button");
        if field && active.closest("main").ok().flatten().is_some() {
            return true;
        }
    }
    let Some(h1) = doc.query_selector("main h1").ok().flatten().and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return false;
    };
    let _ = h1.set_attribute("tabindex", "-1");
    // Without scrolling: a view places itself (the reader at its first match, below the h1).
    let opts = web_sys::FocusOptions::new();
    opts.set_prevent_scroll(true);
    let _ = h1.focus_with_options(&opts);
    true
}

/// `/` anywhere outside a text field focuses the search box, or opens the search view.
#[hook]
fn use_slash_shortcut() {
    use_effect_with((), |_| {
        let listener = web_sys::window().and_then(|w| w.document()).map(|doc| {
            let options = EventListenerOptions::enable_prevent_default();
            EventListener::new_with_options(&doc, "keydown", options, move |event| {
                let Some(event) = event.dyn_ref::<web_sys::KeyboardEvent>() else { return };
                if event.key() != "/" || event.ctrl_key() || event.meta_key() || event.alt_key() {
                    return;
                }
                let typing = event
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .map(|el| {
                        matches!(el.tag_name().to_ascii_lowercase().as_str(), "input" | "textarea" | "select")
                            || el.get_attribute("contenteditable").is_some()
                    })
                    .unwrap_or(false);
                if typing {
                    return;
                }
                event.prevent_default();
                let input = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.get_element_by_id("search-input"))
                    .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
                match input {
                    Some(input) => {
                        let _ = input.focus();
                    }
                    None => go(&Links::from_pairs(&query_pairs(&crate::route::current_query())).search("", 0)),
                }
            })
        });
        move || drop(listener)
    });
}

/// The header: brand, navigation (the link of `route`'s view marked active) and the language switch.
fn header(tr: Tr, links: &Links, route: &Route, set_lang: &Callback<Lang>) -> Html {
    let search_active = matches!(route, Route::Home | Route::Search | Route::Article { .. });
    let issues_active = matches!(route, Route::Issues | Route::Issue { .. });
    // The active tab: marked for the eye (class) and for screen readers (aria-current).
    let tab = |id: &'static str, active: bool, href: String, label: &'static str| {
        html! {
            <a {id} class={if active { "nav-link active" } else { "nav-link" }} aria-current={active.then_some("page")} {href}>{ label }</a>
        }
    };
    let switch = {
        let set_lang = set_lang.clone();
        let other = tr.lang.other();
        Callback::from(move |_: MouseEvent| set_lang.emit(other))
    };
    html! {
        <header class="header">
            <a class="brand" href={links.home()}>
                <span class="brand-name">{ "语料" }</span>
                <span class="brand-tagline">{ tr.tagline() }</span>
            </a>
            <nav class="nav" aria-label={tr.nav_label()}>
                { tab("nav-search", search_active, links.search("", 0), tr.nav_search()) }
                { tab("nav-issues", issues_active, links.issues(0), tr.nav_issues()) }
                { tab("nav-freq", *route == Route::Freq, links.relink("/freq", &[]), tr.nav_freq()) }
                { tab("nav-themes", *route == Route::Themes, links.themes(&[]), tr.nav_themes()) }
                { tab("nav-analysis", route.is_analysis(), links.summary(&TableSort::default()), tr.nav_analysis()) }
                // The single file has no folder to start the #/mine worker from.
                if !crate::load::is_single_file() {
                    { tab("nav-mine", *route == Route::Mine, Links { mine: false, ..*links }.relink("/mine", &[]), tr.nav_mine()) }
                }
            </nav>
            <button id="lang-switch" class="lang-switch" type="button" title={tr.switch_title()} onclick={switch}>
                { tr.switch_to() }
            </button>
            if route.is_analysis() {
                <nav id="analysis-nav" class="subnav" aria-label={tr.analysis_nav_label()}>
                    { tab("nav-summary", *route == Route::Summary, links.summary(&TableSort::default()), tr.nav_summary()) }
                    { tab("nav-kwic", *route == Route::Kwic, links.relink("/kwic", &[]), tr.nav_kwic()) }
                    { tab("nav-colloc", *route == Route::Colloc, links.relink("/colloc", &[]), tr.nav_colloc()) }
                    { tab("nav-keyness", *route == Route::Keyness, links.relink("/keyness", &[]), tr.nav_keyness()) }
                    { tab("nav-dispersion", *route == Route::Dispersion, links.relink("/dispersion", &[]), tr.nav_dispersion()) }
                    { tab("nav-ngrams", *route == Route::Ngrams, links.ngrams(&TableSort::default()), tr.nav_ngrams()) }
                </nav>
            }
        </header>
    }
}
