//! An SVG chart of several named series over one axis: lines over time (issues, months) or
//! grouped columns over categories (units, kinds), with its legend inside the image.
//!
//! Takes the axis labels, the series (each a name, a colour, dashed or not, and one value or
//! `None` per period) and which periods are gaps. Renders one `svg#id` (`role="img"`, named by
//! `label`, which should say what the chart shows; nothing inside takes focus; each point's
//! value is its `<title>` for a mouse). Lines break at a missing value (a month without an
//! issue is a gap, not a zero) and gaps are shaded; an isolated value is a dot. Colours are
//! written on the elements, not in style.css, so a saved SVG or PNG (`chart_download`) keeps
//! them; the legend is drawn inside the SVG for the same reason. Every series carries its values
//! in `data-values` (`,`-separated, empty for a gap), which the browser tests compare with the
//! engine's. The SVG keeps its aspect ratio (text is never stretched); it is as wide as its box.

use yew::prelude::*;
use yuliao::analysis::fixed;

/// Series colours: distinguishable (Okabe–Ito hues, darkened) and each at least 3:1 against
/// the white paper, as lines and text need. The theme total is drawn in [`TOTAL_COLOUR`].
pub const PALETTE: [&str; 7] = ["#0072b2", "#c84e00", "#007a5a", "#a6427f", "#7a6000", "#5b4fa8", "#3d6b8f"];
pub const TOTAL_COLOUR: &str = "#1d232a";
/// The moving average, dashed.
pub const AVERAGE_COLOUR: &str = "#5f6b76";

#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    pub colour: &'static str,
    pub dashed: bool,
    /// One per period; None = no value (a gap).
    pub values: Vec<Option<f64>>,
}

const WIDTH: f64 = 800.0;
const PLOT_H: f64 = 240.0;
const LEFT: f64 = 56.0;
/// Room for half of the last axis label (`2030-05`), which is centred on the last slot.
const RIGHT: f64 = 32.0;
const BOTTOM: f64 = 44.0;
const LEGEND_ROW: f64 = 22.0;

/// Legend rows: `(x, row)` of each series' entry, laid out left to right.
fn legend_layout(series: &[Series]) -> (Vec<(f64, usize)>, usize) {
    let mut out = Vec::new();
    let (mut x, mut row) = (LEFT, 0usize);
    for s in series {
        // Ideographs about one em (12 units), others about half.
        let text_w: f64 = s.name.chars().map(|c| if c.is_ascii() { 7.0 } else { 13.0 }).sum();
        let w = 30.0 + text_w + 18.0;
        if x + w > WIDTH - RIGHT && x > LEFT {
            x = LEFT;
            row += 1;
        }
        out.push((x, row));
        x += w;
    }
    (out, row + 1)
}

fn values_attr(values: &[Option<f64>]) -> String {
    let mut s = String::new();
    for (i, v) in values.iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        if let Some(v) = v {
            s.push_str(&fixed(*v, 3));
        }
    }
    s
}

/// The chart `svg#id` (see the module doc); `columns` draws grouped columns instead of lines;
/// `value_text` writes a value for the axis and the tooltips.
pub fn series_chart(
    id: &'static str,
    label: String,
    x_labels: &[String],
    gaps: &[bool],
    series: &[Series],
    columns: bool,
    value_text: &dyn Fn(f64) -> String,
) -> Html {
    let n = x_labels.len();
    if n == 0 || series.is_empty() {
        return html! {};
    }
    let (legend, rows) = legend_layout(series);
    let top = rows as f64 * LEGEND_ROW + 12.0;
    let height = top + PLOT_H + BOTTOM;
    let plot_w = WIDTH - LEFT - RIGHT;
    let step = plot_w / n as f64;
    let max = series.iter().flat_map(|s| s.values.iter().flatten()).fold(0.0f64, |a, &b| a.max(b));
    let max = if max > 0.0 { max } else { 1.0 };
    let y = |v: f64| top + PLOT_H - v / max * PLOT_H;
    let cx = |i: usize| LEFT + step * (i as f64 + 0.5);
    let f2 = |v: f64| fixed(v, 2);
    let every = label_every(n);

    let gap_bands = gaps.iter().enumerate().filter(|(_, g)| **g).map(|(i, _)| {
        html! { <rect class="gap" x={f2(LEFT + step * i as f64)} y={f2(top)} width={f2(step)} height={f2(PLOT_H)} fill="#eef1f4" /> }
    });
    // A label wider than its slot (a long unit name) is cut with "…"; the table has it whole.
    let slot = step * every as f64;
    let x_text = x_labels.iter().enumerate().filter(|(i, _)| labelled(*i, n)).map(|(i, l)| {
        // At 12 units a character: an ideograph about 12 wide, a digit or letter about 7.
        let width = |c: char| if c.is_ascii() { 7.0 } else { 12.0 };
        let shown: String = if l.chars().map(width).sum::<f64>() <= slot {
            l.clone()
        } else {
            let mut used = 12.0;
            let mut cut: String = l.chars().take_while(|&c| {
                used += width(c);
                used <= slot
            }).collect();
            cut.push('…');
            cut
        };
        html! { <text class="x-label" x={f2(cx(i))} y={f2(top + PLOT_H + 18.0)} text-anchor="middle" font-size="12">{ shown }</text> }
    });
    let y_ticks = [0.0, 0.5, 1.0].map(|share| {
        let v = max * share;
        html! {
            <>
                <line x1={f2(LEFT)} x2={f2(WIDTH - RIGHT)} y1={f2(y(v))} y2={f2(y(v))} stroke="#d5dbe1" stroke-width="1" />
                <text class="y-label" x={f2(LEFT - 6.0)} y={f2(y(v) + 4.0)} text-anchor="end" font-size="12">{ value_text(v) }</text>
            </>
        }
    });
    let k = series.len() as f64;
    let drawn = series.iter().enumerate().map(|(si, s)| {
        let dash = s.dashed.then_some("6 4");
        let point_title = |i: usize, v: f64| format!("{} · {}：{}", x_labels.get(i).cloned().unwrap_or_default(), s.name, value_text(v));
        let body = if columns {
            let group = step * 0.8;
            let w = group / k;
            let marks = s.values.iter().enumerate().filter_map(|(i, v)| v.map(|v| (i, v))).map(|(i, v)| {
                let x = LEFT + step * i as f64 + (step - group) / 2.0 + w * si as f64;
                let h = (top + PLOT_H - y(v)).max(if v > 0.0 { 1.5 } else { 0.0 });
                html! { <rect x={f2(x)} y={f2(top + PLOT_H - h)} width={f2(w.max(0.5))} height={f2(h)} fill={s.colour}><title>{ point_title(i, v) }</title></rect> }
            });
            html! { { for marks } }
        } else {
            let mut d = String::new();
            let mut pen_down = false;
            for (i, v) in s.values.iter().enumerate() {
                match v {
                    Some(v) => {
                        d.push(if pen_down { 'L' } else { 'M' });
                        d.push_str(&f2(cx(i)));
                        d.push(' ');
                        d.push_str(&f2(y(*v)));
                        pen_down = true;
                    }
                    None => pen_down = false,
                }
            }
            let dots = s.values.iter().enumerate().filter_map(|(i, v)| v.map(|v| (i, v))).map(|(i, v)| {
                html! { <circle cx={f2(cx(i))} cy={f2(y(v))} r={if s.dashed { "2" } else { "3.5" }} fill={s.colour}><title>{ point_title(i, v) }</title></circle> }
            });
            html! {
                <>
                    <path d={d} fill="none" stroke={s.colour} stroke-width={if si == 0 { "3" } else { "2" }} stroke-dasharray={dash} />
                    { for dots }
                </>
            }
        };
        let (lx, row) = legend[si];
        let ly = 14.0 + row as f64 * LEGEND_ROW;
        html! {
            <g class="series" data-series={s.name.clone()} data-values={values_attr(&s.values)} data-colour={s.colour}>
                { body }
                <g class="legend-entry">
                    <line x1={f2(lx)} x2={f2(lx + 24.0)} y1={f2(ly - 4.0)} y2={f2(ly - 4.0)} stroke={s.colour} stroke-width="3" stroke-dasharray={dash} />
                    <text class="legend-label" x={f2(lx + 30.0)} y={f2(ly)} font-size="13" fill="#1d232a">{ s.name.clone() }</text>
                </g>
            </g>
        }
    });
    let view_box = format!("0 0 {} {}", WIDTH as u32, height as u32);
    html! {
        <svg {id} class="series-chart" role="img" aria-label={label} viewBox={view_box} data-periods={n.to_string()}>
            { for gap_bands }
            { for y_ticks }
            <line x1={f2(LEFT)} x2={f2(LEFT)} y1={f2(top)} y2={f2(top + PLOT_H)} stroke="#b8c0c8" stroke-width="1" />
            { for x_text }
            { for drawn }
        </svg>
    }
}

/// Every how many slots an x label is drawn: at most about 12 labels.
fn label_every(n: usize) -> usize {
    n.div_ceil(12).max(1)
}

/// Whether slot `i` of `n` gets its x label: every [`label_every`]-th, and the last one, which
/// takes the place of a grid label closer to it than a whole label slot (they would overlap).
fn labelled(i: usize, n: usize) -> bool {
    let every = label_every(n);
    i == n - 1 || (i % every == 0 && n - 1 - i >= every)
}

#[cfg(test)]
mod tests {
    use super::labelled;

    #[test]
    fn x_labels_are_spread_and_the_last_is_always_there() {
        for n in [1, 2, 5, 12, 13, 14, 25, 100, 365, 366] {
            let shown: Vec<usize> = (0..n).filter(|&i| labelled(i, n)).collect();
            assert_eq!(shown.first(), Some(&0), "n={n}");
            assert_eq!(shown.last(), Some(&(n - 1)), "n={n}");
            assert!(shown.len() <= 13, "n={n}: {} labels", shown.len());
            let every = n.div_ceil(12).max(1);
            assert!(shown.windows(2).all(|w| w[1] - w[0] >= every), "n={n}: labels closer than a slot: {shown:?}");
        }
    }
}
