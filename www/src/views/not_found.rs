//! The view for an unknown route: says so and links to the search. It holds no state, so it
//! is a plain function rather than a component (see `components`).

use yew::prelude::*;

use crate::i18n::Tr;
use crate::state::Links;

/// The not-found view in `tr`'s language, its link keeping `links`' embed mode.
pub fn not_found(tr: &Tr, links: &Links) -> Html {
    html! {
        <section class="view not-found">
            <h1 class="view-title">{ tr.not_found() }</h1>
            <p><a href={links.search("", 0)}>{ tr.go_search() }</a></p>
        </section>
    }
}
