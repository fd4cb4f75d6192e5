//! Previous / next page links with "page x of y".
//!
//! Takes the current page (from 0), the number of pages and the hrefs the view built; renders
//! nothing when everything fits on one page.

use yew::prelude::*;

use crate::app::use_tr;

#[derive(Properties, PartialEq)]
pub struct PagerProps {
    pub page: usize,
    pub pages: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
}

#[component]
pub fn Pager(props: &PagerProps) -> Html {
    let tr = use_tr();
    if props.pages <= 1 {
        return html! {};
    }
    html! {
        <nav class="pager">
            if let Some(href) = &props.prev {
                <a id="page-prev" class="pager-link" href={href.clone()}>{ tr.page_prev() }</a>
            } else {
                <span class="pager-link disabled">{ tr.page_prev() }</span>
            }
            <span class="pager-pos">{ tr.page_of(props.page + 1, props.pages) }</span>
            if let Some(href) = &props.next {
                <a id="page-next" class="pager-link" href={href.clone()}>{ tr.page_next() }</a>
            } else {
                <span class="pager-link disabled">{ tr.page_next() }</span>
            }
        </nav>
    }
}
