//! Saves a chart of the page as an SVG or PNG file, with no server involved.
//!
//! Takes the id of an `<svg>` in the page and a file name without extension; renders two
//! buttons. SVG: a deep copy of the element with the chart colours written into it (the page
//! styles it from style.css, which a file alone would lack) and its size in pixels, serialised
//! with `XMLSerializer`. PNG: that SVG drawn at twice its size on a canvas through a `data:`
//! image (the CSP allows `data:` images; no blob URL, no other host). Nothing runs until a click.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

use crate::i18n::Tr;

/// The chart rules of style.css that a saved chart needs, as plain colours.
const CHART_CSS: &str = "text{font-family:sans-serif;font-size:12px;fill:#1d232a}\
.bar,.column{fill:#c0392b}.column.zero{fill:#cfd5db}.bar-value{font-size:11px;fill:#5f6b76}\
.part{fill:#f5f7f9}.part.alt{fill:#e2e6ea}.tick{stroke:#b3261e;stroke-width:1}.plot-frame{fill:none;stroke:#b8c0c8}";

/// The serialised chart `svg#id`, styled for a file of its own, with its width and height.
fn chart_svg(id: &str) -> Option<(String, f64, f64)> {
    let doc = web_sys::window()?.document()?;
    let svg = doc.get_element_by_id(id)?;
    let rect = svg.get_bounding_client_rect();
    let (w, h) = (rect.width().max(1.0).round(), rect.height().max(1.0).round());
    let copy: web_sys::Element = svg.clone_node_with_deep(true).ok()?.dyn_into().ok()?;
    copy.set_attribute("xmlns", "http://www.w3.org/2000/svg").ok()?;
    // Whole pixels, written without f64's Display (its float formatting is ~11 KB of wasm).
    copy.set_attribute("width", &(w as u32).to_string()).ok()?;
    copy.set_attribute("height", &(h as u32).to_string()).ok()?;
    let style = doc.create_element_ns(Some("http://www.w3.org/2000/svg"), "style").ok()?;
    style.set_text_content(Some(CHART_CSS));
    copy.insert_before(&style, copy.first_child().as_ref()).ok()?;
    let text = web_sys::XmlSerializer::new().ok()?.serialize_to_string(&copy).ok()?;
    Some((text, w, h))
}

fn save_svg(id: &str, name: &str) {
    if let Some((text, _, _)) = chart_svg(id) {
        if let Err(e) = crate::download::save_text(&format!("{name}.svg"), &text, "image/svg+xml;charset=utf-8") {
            web_sys::console::error_1(&e.into());
        }
    }
}

/// Draws the chart on a canvas (2× for sharp print) and saves it as PNG.
fn save_png(id: &str, name: &str) -> Option<()> {
    let (text, w, h) = chart_svg(id)?;
    let doc = web_sys::window()?.document()?;
    let img = web_sys::HtmlImageElement::new().ok()?;
    let name = format!("{name}.png");
    let drawn = img.clone();
    let onload = Closure::once_into_js(move || {
        let draw = || -> Option<()> {
            let canvas: web_sys::HtmlCanvasElement = doc.create_element("canvas").ok()?.dyn_into().ok()?;
            canvas.set_width((w * 2.0) as u32);
            canvas.set_height((h * 2.0) as u32);
            let ctx: web_sys::CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
            ctx.set_fill_style_str("#ffffff");
            ctx.fill_rect(0.0, 0.0, w * 2.0, h * 2.0);
            ctx.draw_image_with_html_image_element_and_dw_and_dh(&drawn, 0.0, 0.0, w * 2.0, h * 2.0).ok()?;
            let url = canvas.to_data_url_with_type("image/png").ok()?;
            let a: web_sys::HtmlAnchorElement = doc.create_element("a").ok()?.dyn_into().ok()?;
            a.set_href(&url);
            a.set_download(&name);
            a.click();
            Some(())
        };
        if draw().is_none() {
            web_sys::console::error_1(&JsValue::from_str("PNG export failed"));
        }
    });
    img.set_onload(Some(onload.unchecked_ref()));
    img.set_src(&format!("data:image/svg+xml;charset=utf-8,{}", js_sys::encode_uri_component(&text)));
    Some(())
}

/// Shows the figure that holds chart `svg#<id>` full screen, in large type (`:fullscreen` in
/// style.css): for a projector. Escape leaves, as anywhere.
fn present(id: &str) {
    let figure = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|svg| svg.closest("figure").ok().flatten().or_else(|| svg.parent_element()));
    if let Some(figure) = figure {
        let _ = figure.request_fullscreen();
    }
}

/// The buttons under chart `svg#<id>`: save it as `<name>.svg` / `.png` (`#<id>-svg`,
/// `#<id>-png`) and show it full screen for a projector (`#<id>-present`).
pub fn chart_download(tr: &Tr, id: &'static str, name: String) -> Html {
    let svg = {
        let name = name.clone();
        Callback::from(move |_: MouseEvent| save_svg(id, &name))
    };
    let png = Callback::from(move |_: MouseEvent| {
        let _ = save_png(id, &name);
    });
    html! {
        <span class="chart-download">
            <button id={format!("{id}-svg")} class="csv-button" type="button" onclick={svg}>{ tr.download_svg() }</button>
            <button id={format!("{id}-png")} class="csv-button" type="button" onclick={png}>{ tr.download_png() }</button>
            <button id={format!("{id}-present")} class="csv-button" type="button" onclick={Callback::from(move |_: MouseEvent| present(id))}>{ tr.present() }</button>
        </span>
    }
}
