//! The loading screen and the load-failure message.
//!
//! Takes a [`Progress`] (bytes loaded / total) or a [`LoadFailure`]; renders a `<progress>`
//! element (no inline style, so the strict CSP holds) or a message for the visitor (what went
//! wrong, what they can do), with the technical detail (file, status, the engine's `IndexError`
//! Display) folded away for the site's maintainer. How a maintainer fixes it is in the README.

use yew::prelude::*;

use crate::i18n::Tr;
use crate::load::{FailureKind, LoadFailure, Progress};

/// The loading screen at progress `p`.
pub fn load_progress(tr: &Tr, p: Progress) -> Html {
    // Before the sizes are known the bar is indeterminate (no value attribute).
    let (value, max) = match p.total {
        Some(t) if t > 0 => (Some(p.loaded.min(t).to_string()), t.to_string()),
        _ => (None, "1".to_string()),
    };
    html! {
        <section class="loading" aria-live="polite">
            <p class="loading-title">{ tr.loading() }</p>
            <progress id="load-progress" max={max} value={value}></progress>
            <p class="loading-bytes" data-loaded={p.loaded.to_string()}>{ tr.progress(p.loaded, p.total) }</p>
        </section>
    }
}

/// The message for failure `f`.
pub fn load_error(tr: &Tr, f: &LoadFailure) -> Html {
    let title = match f.kind {
        FailureKind::Missing => tr.error_missing(),
        FailureKind::Corrupt => tr.error_corrupt(),
        FailureKind::Network => tr.error_network(),
    };
    html! {
        <section class="load-error" role="alert" data-error-kind={f.kind.as_str()}>
            <h1>{ title }</h1>
            <p>{ match f.kind {
                FailureKind::Missing => tr.error_hint_missing(),
                FailureKind::Corrupt => tr.error_hint_corrupt(),
                FailureKind::Network => tr.error_hint_network(),
            } }</p>
            <details class="load-error-detail"><summary>{ tr.error_details() }</summary><code>{ f.detail.clone() }</code></details>
        </section>
    }
}
