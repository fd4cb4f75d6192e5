//! A vertical SVG column chart: one column per article in reading order (the theme view).
//!
//! Takes every article's value with a tooltip and an optional href; articles with zero get a
//! thin grey tick so the spread through the issue stays visible. The chart is one image
//! (`role="img"`, named by `label`) with no focusable part inside (the table below lists the
//! articles as links); a mouse click on a column with an href still opens its article
//! (`data-href`). The SVG stretches to the width of its box at a fixed height
//! (`preserveAspectRatio="none"`, so it reads the same on a phone and a desktop); the axis
//! labels are HTML text beside it, so they are never stretched or shrunk.

use yew::prelude::*;
use yuliao::analysis::fixed;

use super::bar_chart::follow_data_href;

#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub value: u64,
    pub title: String,
    /// Where the column links (None for an article without occurrences).
    pub href: Option<String>,
}

/// SVG user units: the box is stretched to the element's CSS size (`viewBox` says them too).
const WIDTH: f64 = 1000.0;
const HEIGHT: f64 = 100.0;
/// A column never gets wider than this share of one slot (few articles stay slim).
const MAX_COLUMN_W: f64 = 30.0;

/// The chart `svg#id` with accessible name `label` (nothing when there are no columns).
pub fn column_chart(id: &'static str, label: &'static str, columns: &[Column]) -> Html {
    let n = columns.len();
    if n == 0 {
        return html! {};
    }
    let max = columns.iter().map(|c| c.value).max().unwrap_or(0).max(1);
    let step = WIDTH / n as f64;
    let cols = columns.iter().enumerate().map(|(i, c)| {
        let w = (step * 0.8).clamp(0.5, MAX_COLUMN_W);
        let x = i as f64 * step + (step - w) / 2.0;
        let (h, class) =
            if c.value == 0 { (1.5, "column zero") } else { ((c.value as f64 / max as f64 * HEIGHT).max(2.0), "column") };
        html! {
            <rect class={class} x={fixed(x, 2)} y={fixed(HEIGHT - h, 2)} width={fixed(w, 2)} height={fixed(h, 2)} data-href={c.href.clone()}>
                <title>{ c.title.clone() }</title>
            </rect>
        }
    });
    html! {
        <div class="column-chart-box">
            <span class="axis-max">{ max.to_string() }</span>
            <svg {id} class="column-chart" role="img" aria-label={label} onclick={follow_data_href()}
                 viewBox="0 0 1000 100" preserveAspectRatio="none">
                { for cols }
            </svg>
            <div class="axis-x"><span>{ "1" }</span><span>{ n.to_string() }</span></div>
        </div>
    }
}
