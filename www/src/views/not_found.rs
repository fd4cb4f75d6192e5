//! The view for an unknown route: says so and links to the search.

use yew::prelude::*;

use crate::app::{use_links, use_tr};

#[component]
pub fn NotFound() -> Html {
    let tr = use_tr();
    let links = use_links();
    html! {
        <section class="view not-found">
            <p>{ tr.not_found() }</p>
            <p><a href={links.search("", 0)}>{ tr.go_search() }</a></p>
        </section>
    }
}
