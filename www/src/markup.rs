//! Markup that two renderers share: a small element tree that the Yew views turn into virtual
//! DOM ([`to_html`]) and the first-result module writes straight into the page ([`to_dom`]).
//!
//! Why: the first result on a cold visit comes from a module without Yew (`crate::first`), and
//! the search view shows the same rows a moment later. Building a row once, as this tree, keeps
//! one implementation of what a result row is (`crate::components::hit_row`), whichever of
//! the two puts it on screen.
//! Guarantees: text only ever becomes text nodes (never parsed as HTML, so `<script>` in an
//! article stays inert); attribute values are set as values.

use yew::virtual_dom::{VTag, VText};
use yew::{AttrValue, Html};

/// A node: text or an element.
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    Text(String),
    El(El),
}

/// An element: its tag, its attributes in order, its children.
#[derive(Clone, Debug, PartialEq)]
pub struct El {
    pub tag: &'static str,
    pub attrs: Vec<(&'static str, String)>,
    pub children: Vec<Node>,
}

impl El {
    pub fn new(tag: &'static str) -> Self {
        El { tag, attrs: Vec::new(), children: Vec::new() }
    }

    /// Adds the attribute `name="value"`.
    pub fn attr(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.attrs.push((name, value.into()));
        self
    }

    pub fn class(self, class: &'static str) -> Self {
        self.attr("class", class)
    }

    pub fn text(mut self, text: impl Into<String>) -> Self {
        self.children.push(Node::Text(text.into()));
        self
    }

    pub fn child(mut self, child: El) -> Self {
        self.children.push(Node::El(child));
        self
    }

    pub fn children(mut self, children: impl IntoIterator<Item = Node>) -> Self {
        self.children.extend(children);
        self
    }
}

impl From<El> for Node {
    fn from(el: El) -> Node {
        Node::El(el)
    }
}

/// The nodes as Yew virtual DOM.
pub fn to_html(nodes: Vec<Node>) -> Html {
    nodes.into_iter().map(node_html).collect()
}

fn node_html(node: Node) -> Html {
    match node {
        Node::Text(text) => VText::new(text).into(),
        Node::El(el) => el_html(el),
    }
}

/// One element as Yew virtual DOM.
pub fn el_html(el: El) -> Html {
    let mut tag = VTag::new(el.tag);
    for (name, value) in el.attrs {
        tag.add_attribute(name, AttrValue::from(value));
    }
    tag.add_children(el.children.into_iter().map(node_html));
    tag.into()
}

/// The nodes appended to `parent` in the page (text as text nodes): the first module's renderer.
#[cfg_attr(not(feature = "first"), allow(dead_code))]
pub fn to_dom(parent: &web_sys::Node, nodes: &[Node]) -> Result<(), wasm_bindgen::JsValue> {
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    append(&document, parent, nodes)
}

fn append(document: &web_sys::Document, parent: &web_sys::Node, nodes: &[Node]) -> Result<(), wasm_bindgen::JsValue> {
    for node in nodes {
        let made: web_sys::Node = match node {
            Node::Text(text) => document.create_text_node(text).into(),
            Node::El(el) => {
                let element = document.create_element(el.tag)?;
                for (name, value) in &el.attrs {
                    element.set_attribute(name, value)?;
                }
                append(document, &element, &el.children)?;
                element.into()
            }
        };
        parent.append_child(&made)?;
    }
    Ok(())
}
