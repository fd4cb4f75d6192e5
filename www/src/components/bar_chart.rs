//! A horizontal SVG bar chart (the frequency view's top terms).
//!
//! Takes rows of label, value, value text and href; renders an inline `<svg>` scaled to the
//! largest value, each bar carrying a `<title>` tooltip. The chart is one image (`role="img"`,
//! named by `label`) with no focusable part inside: the table beside it holds the same rows
//! as links, so a keyboard passes the chart in one step. A mouse click on a row still follows
//! its href (`data-href`, read by one click handler on the `<svg>`). Geometry is in SVG
//! attributes and colours in style.css, so no inline style is needed under the CSP.

use wasm_bindgen::JsCast;
use yew::prelude::*;
use yuliao::analysis::fixed;

/// A click handler for a chart: follows the `data-href` of the clicked part (or the nearest
/// ancestor that has one). Mouse only, on purpose: the keyboard reaches the same hrefs through
/// the chart's table.
pub fn follow_data_href() -> Callback<MouseEvent> {
    Callback::from(|e: MouseEvent| {
        let href = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("[data-href]").ok().flatten())
            .and_then(|el| el.get_attribute("data-href"));
        if let Some(href) = href {
            crate::route::go(&href);
        }
    })
}

#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    pub value_text: String,
    pub href: String,
}

// Whole SVG units, so positions are written as integers; only bar widths have decimals.
const WIDTH: u32 = 400;
const LABEL_W: u32 = 90;
const VALUE_W: u32 = 40;
const ROW_H: u32 = 20;
const BAR_H: u32 = 14;

/// The chart `svg#id` with accessible name `label` (nothing when there are no bars).
pub fn bar_chart(id: &'static str, label: &'static str, bars: &[Bar]) -> Html {
    if bars.is_empty() {
        return html! {};
    }
    let max = bars.iter().map(|b| b.value).fold(0.0_f64, f64::max).max(f64::MIN_POSITIVE);
    let span = f64::from(WIDTH - LABEL_W - VALUE_W);
    let height = bars.len() as u32 * ROW_H + 4;
    let rows = bars.iter().enumerate().map(|(i, b)| {
        let y = i as u32 * ROW_H + 2;
        let w = (b.value / max * span).max(1.0);
        let text_y = y + ROW_H / 2;
        html! {
            <g class="bar-row" data-href={b.href.clone()}>
                <text class="bar-label" x={(LABEL_W - 6).to_string()} y={text_y.to_string()} text-anchor="end" dominant-baseline="central">{ b.label.clone() }</text>
                <rect class="bar" x={LABEL_W.to_string()} y={(y + (ROW_H - BAR_H) / 2).to_string()} width={fixed(w, 1)} height={BAR_H.to_string()} rx="2">
                    <title>{ format!("{}: {}", b.label, b.value_text) }</title>
                </rect>
                <text class="bar-value" x={fixed(f64::from(LABEL_W) + w + 4.0, 1)} y={text_y.to_string()} dominant-baseline="central">{ b.value_text.clone() }</text>
            </g>
        }
    });
    html! {
        <svg {id} class="chart bar-chart" role="img" aria-label={label} onclick={follow_data_href()}
             viewBox={format!("0 0 {WIDTH} {height}")} preserveAspectRatio="xMinYMin meet">
            { for rows }
        </svg>
    }
}
