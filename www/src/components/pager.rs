//! Previous / next page links with "page x of y".
//!
//! Takes the current page (from 0), the number of pages and the hrefs the view built; renders
//! nothing when everything fits on one page.

use yew::prelude::*;

use crate::i18n::Tr;

/// The pager for `page` (from 0) of `pages`, linking to `prev` and `next` when there are any.
pub fn pager(tr: &Tr, page: usize, pages: usize, prev: Option<String>, next: Option<String>) -> Html {
    if pages <= 1 {
        return html! {};
    }
    html! {
        <nav class="pager" aria-label={tr.pager_label()}>
            if let Some(href) = prev {
                <a id="page-prev" class="pager-link" href={href}>{ tr.page_prev() }</a>
            } else {
                <span class="pager-link disabled">{ tr.page_prev() }</span>
            }
            <span class="pager-pos">{ tr.page_of(page + 1, pages) }</span>
            if let Some(href) = next {
                <a id="page-next" class="pager-link" href={href}>{ tr.page_next() }</a>
            } else {
                <span class="pager-link disabled">{ tr.page_next() }</span>
            }
        </nav>
    }
}
