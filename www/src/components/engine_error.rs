//! The notice a view shows in place of its answer when the engine could not compute it.
//!
//! Takes the engine's [`IndexError`] (a piece that does not decode, a checksum that fails);
//! renders `div.notice.notice-error.engine-error` (`role="alert"`) with what happened and what
//! the visitor can do in the page's language, and the engine's own message (which names the
//! piece) folded away under "technical details" for the site's maintainer, as the load-failure
//! message does. A view that shows it shows no count: zero would be a wrong answer.

use yew::prelude::*;
use yuliao::index::IndexError;

use crate::i18n::Tr;

/// The notice for engine error `e`.
pub fn engine_error(tr: &Tr, e: &IndexError) -> Html {
    html! {
        <div class="notice notice-error engine-error" role="alert">
            <p><b>{ tr.engine_error() }</b>{ " " }{ tr.error_hint_corrupt() }</p>
            <details class="load-error-detail"><summary>{ tr.error_details() }</summary><code>{ e.to_string() }</code></details>
        </div>
    }
}
