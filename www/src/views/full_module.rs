//! The hand-over from the lite module to the full one (compiled into the lite module only).
//!
//! Shown for a route the lite module does not serve ([`crate::modules::lite_serves`]). On
//! mount it dispatches `yuliao:full` on `window`; `bootstrap.js` then downloads the full
//! module, counting its bytes on this view's `<progress id="full-progress">`, stops the lite
//! app (its exported `stop`) and starts the full one on the same URL. The bar stays
//! indeterminate until the bootstrap knows the size. If the download fails the bootstrap says
//! so in the page, as it does for the first module.

use yew::prelude::*;

use crate::context::use_tr;

#[component]
pub fn FullModule() -> Html {
    let tr = use_tr();
    use_effect_with((), |_| {
        if let (Some(window), Ok(event)) = (web_sys::window(), web_sys::Event::new("yuliao:full")) {
            let _ = window.dispatch_event(&event);
        }
    });
    html! {
        <section id="full-module" class="loading" aria-live="polite">
            <p class="loading-title">{ tr.loading_full() }</p>
            <progress id="full-progress"></progress>
            <p class="loading-bytes">{ tr.loading_full_why() }</p>
        </section>
    }
}
