//! A horizontal SVG bar chart (the frequency view's top terms).
//!
//! Takes rows of label, value, value text and href; renders an inline `<svg>` scaled to the
//! largest value, each label a link and each bar carrying a `<title>` tooltip. Geometry is in
//! SVG attributes and colours in style.css, so no inline style is needed under the CSP.

use yew::prelude::*;

#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    pub value_text: String,
    pub href: String,
}

#[derive(Properties, PartialEq)]
pub struct BarChartProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub bars: Vec<Bar>,
}

const WIDTH: f64 = 400.0;
const LABEL_W: f64 = 90.0;
const VALUE_W: f64 = 40.0;
const ROW_H: f64 = 20.0;
const BAR_H: f64 = 14.0;

#[component]
pub fn BarChart(props: &BarChartProps) -> Html {
    if props.bars.is_empty() {
        return html! {};
    }
    let max = props.bars.iter().map(|b| b.value).fold(0.0_f64, f64::max).max(f64::MIN_POSITIVE);
    let span = WIDTH - LABEL_W - VALUE_W;
    let height = props.bars.len() as f64 * ROW_H + 4.0;
    let rows = props.bars.iter().enumerate().map(|(i, b)| {
        let y = i as f64 * ROW_H + 2.0;
        let w = (b.value / max * span).max(1.0);
        let text_y = y + ROW_H / 2.0;
        html! {
            <g class="bar-row">
                <a href={b.href.clone()}>
                    <text class="bar-label" x={(LABEL_W - 6.0).to_string()} y={text_y.to_string()} text-anchor="end" dominant-baseline="central">{ b.label.clone() }</text>
                </a>
                <rect class="bar" x={LABEL_W.to_string()} y={(y + (ROW_H - BAR_H) / 2.0).to_string()} width={format!("{w:.1}")} height={BAR_H.to_string()} rx="2">
                    <title>{ format!("{}: {}", b.label, b.value_text) }</title>
                </rect>
                <text class="bar-value" x={format!("{:.1}", LABEL_W + w + 4.0)} y={text_y.to_string()} dominant-baseline="central">{ b.value_text.clone() }</text>
            </g>
        }
    });
    html! {
        <svg id={props.id.clone()} class="chart bar-chart" role="img" aria-label={props.label.clone()}
             viewBox={format!("0 0 {WIDTH} {height}")} preserveAspectRatio="xMinYMin meet">
            { for rows }
        </svg>
    }
}
