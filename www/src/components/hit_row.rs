//! The count of a search's hits (`#hit-count`) and one search result as its row (`li.result[data-article-id]`): the title as a link to the
//! reader, kind, units and bylines, the snippet with the query highlighted, and the fields that
//! hold the query when the text does not show it.
//!
//! Built as shared markup ([`crate::markup`]): the search view renders it with Yew, and on a
//! cold visit the first-result module (`crate::first`) writes the same rows into the page
//! before the app has arrived, so a row is defined here once.

use yuliao::browse::Label;
use yuliao::query::Hit;

use crate::components::highlight::highlighted_nodes;
use crate::components::title::title_nodes;
use crate::i18n::Tr;
use crate::markup::El;
use crate::state::Links;

/// The row of `hit` (titled `label`) in the results of the query `q`.
pub fn hit_row(tr: &Tr, links: &Links, q: &str, hit: &Hit, label: &Label) -> El {
    let title_class = if label.working { "result-title untitled" } else { "result-title" };
    let mut meta = El::new("div").class("result-meta").child(El::new("span").class("badge").text(tr.kind_name(hit.kind.as_str())));
    if !hit.units.is_empty() {
        meta = meta.child(El::new("span").class("meta-units").text(hit.units.join("、")));
    }
    if !hit.authors.is_empty() {
        meta = meta.child(El::new("span").class("meta-authors").text(hit.authors.join("、")));
    }
    let mut row = El::new("li")
        .class("result")
        .attr("data-article-id", hit.id.clone())
        .child(El::new("a").class(title_class).attr("href", links.article(&hit.id, q, &[])).children(title_nodes(tr, label)))
        .child(meta)
        .child(El::new("p").class("snippet").children(highlighted_nodes(&hit.snippet.text, &hit.snippet.highlights)));
    if !hit.matched.is_empty() {
        // Why it matched: the bylines, photographers, units, column or subtitle that hold it.
        let why = El::new("p").class("result-why").child(El::new("span").class("label").text(tr.matched_in())).children(
            hit.matched.iter().map(|m| {
                El::new("span")
                    .class("why-field")
                    .attr("data-field", m.field.clone())
                    .child(El::new("span").class("why-name").text(tr.field_name(&m.field)))
                    .text(" ")
                    .children(highlighted_nodes(&m.text, &m.highlights))
                    .into()
            }),
        );
        row = row.child(why);
    }
    row
}

/// The live region that says how many articles matched (`p#hit-count[data-total]`, without
/// `data-total` while there is no number yet), saying `text`.
pub fn hit_count(total: Option<usize>, text: impl Into<String>) -> El {
    let count = El::new("p").attr("id", "hit-count").class("hit-count").attr("role", "status");
    match total {
        Some(total) => count.attr("data-total", total.to_string()),
        None => count,
    }
    .text(text)
}
