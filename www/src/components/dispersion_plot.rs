//! A dispersion plot: the corpus as one strip, its parts as bands as wide as their token
//! counts, one tick per occurrence where it stands.
//!
//! Takes the parts (size, count, positions and length for articles) with a tooltip and an
//! optional href each; renders `svg#dispersion-plot` (`role="img"`, named by `label`, nothing
//! focusable inside: the table below lists the parts as links; a mouse click on a band still
//! opens it through `data-href`). Ticks are `line.tick`, one per occurrence: at its character
//! offset within an article's band, or spread evenly within a band that has no positions (an
//! issue). Bands of more than [`MAX_BANDS`] parts are not drawn one by one (only their ticks).

use yew::prelude::*;
use yuliao::analysis::fixed;

use super::bar_chart::follow_data_href;

/// One part of the strip.
#[derive(Debug, Clone, PartialEq)]
pub struct PlotPart {
    pub size: u64,
    pub count: u64,
    /// Char offsets of the occurrences (empty: spread the ticks evenly).
    pub positions: Vec<u32>,
    /// Chars the offsets run over.
    pub chars: u32,
    pub title: String,
    pub href: Option<String>,
}

const WIDTH: f64 = 1000.0;
const HEIGHT: f64 = 40.0;
/// Above this many parts the bands are left out (a strip of 100,000 slivers says nothing).
pub const MAX_BANDS: usize = 2000;

/// The plot `svg#dispersion-plot` with accessible name `label`.
pub fn dispersion_plot(label: String, parts: &[PlotPart]) -> Html {
    let total: u64 = parts.iter().map(|p| p.size).sum::<u64>().max(1);
    let mut x = 0.0;
    let mut bands = Vec::new();
    let mut ticks = Vec::new();
    for (i, p) in parts.iter().enumerate() {
        let w = p.size as f64 / total as f64 * WIDTH;
        if parts.len() <= MAX_BANDS {
            let class = if i % 2 == 1 { "part alt" } else { "part" };
            bands.push(html! {
                <rect class={class} x={fixed(x, 2)} y="0" width={fixed(w, 2)} height={fixed(HEIGHT, 0)} data-href={p.href.clone()}>
                    <title>{ p.title.clone() }</title>
                </rect>
            });
        }
        let at = |k: usize| -> f64 {
            match p.positions.get(k) {
                Some(&pos) if p.chars > 0 => x + (f64::from(pos) / f64::from(p.chars)).min(1.0) * w,
                _ => x + (k as f64 + 0.5) / p.count as f64 * w,
            }
        };
        for k in 0..p.count as usize {
            let tx = fixed(at(k), 2);
            ticks.push(html! { <line class="tick" x1={tx.clone()} x2={tx} y1="4" y2={fixed(HEIGHT - 4.0, 0)} vector-effect="non-scaling-stroke" /> });
        }
        x += w;
    }
    html! {
        <svg id="dispersion-plot" class="dispersion-plot" role="img" aria-label={label} onclick={follow_data_href()}
             viewBox={format!("0 0 {WIDTH} {HEIGHT}")} preserveAspectRatio="none" data-ticks={ticks.len().to_string()}>
            { for bands }
            <rect class="plot-frame" x="0" y="0" width={fixed(WIDTH, 0)} height={fixed(HEIGHT, 0)} vector-effect="non-scaling-stroke" />
            { for ticks }
        </svg>
    }
}
