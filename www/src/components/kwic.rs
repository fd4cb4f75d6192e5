//! Concordance lines (keyword in context): left context | keyword | right context, aligned
//! on the keyword.
//!
//! Takes lines from `analysis::try_kwic` with the href of each line's article; renders a table
//! (`table#kwic-table`, rows with `data-article-id`). The left context is right-aligned and
//! clipped on its far side by CSS, so keywords line up in one column on any screen width.

use yew::prelude::*;

#[derive(Debug, Clone, PartialEq)]
pub struct KwicRow {
    pub id: String,
    pub title: String,
    pub left: String,
    pub keyword: String,
    pub right: String,
    pub href: String,
}

/// The concordance table of `rows`.
pub fn kwic_table(rows: &[KwicRow]) -> Html {
    html! {
        <table id="kwic-table" class="kwic">
            <tbody>
                { for rows.iter().map(|r| html! {
                    <tr data-article-id={r.id.clone()}>
                        <td class="kwic-left"><span>{ r.left.clone() }</span></td>
                        <td class="kwic-key"><a href={r.href.clone()} title={r.title.clone()}>{ r.keyword.clone() }</a></td>
                        <td class="kwic-right"><span>{ r.right.clone() }</span></td>
                    </tr>
                }) }
            </tbody>
        </table>
    }
}
