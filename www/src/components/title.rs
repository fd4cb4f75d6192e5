//! An article's title as every list and the reader show it.
//!
//! Takes a [`Label`] from `yuliao::browse` (the printed title, or a working title made from the
//! opening words, and what tells it apart from an article of the same list with the same
//! headline); renders the printed title as text, a working title in `<i class="working-title">`
//! followed by the marker `（无标题）` / `(untitled)` (`span.untitled-mark`), and the tell in
//! `span.title-tell`. [`title_text`] gives the same as plain text (tab titles, tooltips).

use yew::prelude::*;
use yuliao::browse::Label;

use crate::i18n::Tr;
use crate::markup::{to_html, El, Node};

/// The title `l` as inline HTML.
pub fn title_html(tr: &Tr, l: &Label) -> Html {
    to_html(title_nodes(tr, l))
}

/// The title `l` as markup nodes (what [`title_html`] renders; the first-result module writes
/// the same into the page).
pub fn title_nodes(tr: &Tr, l: &Label) -> Vec<Node> {
    let mut nodes = Vec::new();
    if !l.working {
        nodes.push(Node::Text(l.text.clone()));
    } else if l.text.is_empty() {
        nodes.push(El::new("i").class("working-title").text(tr.untitled()).into());
    } else {
        nodes.push(El::new("i").class("working-title").attr("title", tr.working_title_hint()).text(l.text.clone()).into());
        nodes.push(El::new("span").class("untitled-mark").text(tr.untitled_mark()).into());
    }
    if let Some(tell) = &l.tell {
        nodes.push(El::new("span").class("title-tell").text(format!(" · {tell}")).into());
    }
    nodes
}

/// The title `l` as plain text: `超额完成… · 山西中铝工服`, `热电分厂…（无标题）`.
pub fn title_text(tr: &Tr, l: &Label) -> String {
    let mut s = match (l.working, l.text.is_empty()) {
        (true, true) => tr.untitled().to_string(),
        (true, false) => format!("{}{}", l.text, tr.untitled_mark()),
        (false, _) => l.text.clone(),
    };
    if let Some(tell) = &l.tell {
        s.push_str(" · ");
        s.push_str(tell);
    }
    s
}
