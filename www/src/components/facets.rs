//! One facet group (kind, unit or author) with article counts.
//!
//! Takes the group title and its entries, each with the label to show, the filter it adds
//! (`unit:热电分厂`) and the href of the narrowed search (built by the view). Renders the first
//! few as links and the rest inside a `<details>` so long author lists stay compact.

use yew::prelude::*;

use crate::i18n::{thousands, Tr};

/// How many entries show before the rest fold away.
const VISIBLE: usize = 8;

#[derive(Debug, Clone, PartialEq)]
pub struct FacetEntry {
    pub label: String,
    pub filter: String,
    pub count: usize,
    pub href: String,
}

fn entry(e: &FacetEntry) -> Html {
    html! {
        <li>
            <a class="facet" href={e.href.clone()} data-filter={e.filter.clone()} title={e.filter.clone()}>
                <span class="facet-label">{ e.label.clone() }</span>
                <span class="facet-count">{ thousands(e.count as u64) }</span>
            </a>
        </li>
    }
}

/// The group titled `title` (nothing when it has no entries).
pub fn facet_group(tr: &Tr, title: &'static str, entries: &[FacetEntry]) -> Html {
    if entries.is_empty() {
        return html! {};
    }
    let (head, rest) = entries.split_at(entries.len().min(VISIBLE));
    html! {
        <section class="facet-group">
            <h3>{ title }</h3>
            <ul>{ for head.iter().map(entry) }</ul>
            if !rest.is_empty() {
                <details>
                    <summary>{ format!("{} ({})", tr.more(), rest.len()) }</summary>
                    <ul>{ for rest.iter().map(entry) }</ul>
                </details>
            }
        </section>
    }
}
