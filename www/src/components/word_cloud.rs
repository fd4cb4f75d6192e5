//! A word cloud of the frequency list: an SVG where each word is as large as its count says,
//! placed by a deterministic layout computed here, with no script library and no randomness (the
//! same list always gives the same picture, so screenshots and tests are stable).
//!
//! Layout ([`layout`]): words in the list's order (most frequent first); the font size grows
//! with the square root of the count, from [`MIN_SIZE`] to [`MAX_SIZE`] (area, not height, then
//! tracks the count); each word's box is estimated from its characters (an ideograph one em
//! wide, other characters about half) and tried at the points of a square spiral walked outward
//! from the centre, in fixed steps; the first point where the box stays inside the picture and
//! overlaps no placed box wins. A word that finds no place is left out and counted
//! (`omitted`). Integer steps, no trigonometry: nothing float-formatting or libm-heavy enters
//! the web build.
//!
//! Render ([`word_cloud`]): `svg#id` with `role="group"` named by `label`; each word is a link
//! (`a.cloud-word[data-term][data-count]`) to its search, as the table's words; colours are
//! written on the elements so a saved SVG/PNG (`chart_download`) keeps them.

use yew::prelude::*;
use yuliao::analysis::fixed;

use super::series_chart::PALETTE;

pub const WIDTH: f64 = 800.0;
pub const HEIGHT: f64 = 440.0;
pub const MIN_SIZE: f64 = 13.0;
pub const MAX_SIZE: f64 = 60.0;
/// Spiral step in SVG units, and the most steps tried for one word.
const STEP: f64 = 4.0;
const MAX_STEPS: usize = 20_000;

/// One word to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct CloudWord {
    pub term: String,
    pub count: u64,
    pub href: String,
}

/// Where a word landed: the centre of its baseline box and its font size.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    pub index: usize,
    pub x: f64,
    pub y: f64,
    pub size: f64,
    pub w: f64,
    pub h: f64,
}

fn text_width(term: &str, size: f64) -> f64 {
    term.chars().map(|c| if c.is_ascii() { 0.6 } else { 1.0 }).sum::<f64>() * size
}

/// Places `counts` (most frequent first) in a WIDTH × HEIGHT picture (see the module doc):
/// the placed words and how many found no place.
pub fn layout(words: &[(String, u64)]) -> (Vec<Placed>, usize) {
    let max = words.iter().map(|w| w.1).max().unwrap_or(1).max(1) as f64;
    let min = words.iter().map(|w| w.1).min().unwrap_or(1) as f64;
    let span = max.sqrt() - min.sqrt();
    let mut placed: Vec<Placed> = Vec::new();
    let mut omitted = 0;
    for (index, (term, count)) in words.iter().enumerate() {
        let share = if span > 0.0 { ((*count as f64).sqrt() - min.sqrt()) / span } else { 1.0 };
        let size = MIN_SIZE + (MAX_SIZE - MIN_SIZE) * share;
        let (w, h) = (text_width(term, size) + 4.0, size * 1.15 + 2.0);
        let fits = |x: f64, y: f64| {
            x - w / 2.0 >= 0.0
                && x + w / 2.0 <= WIDTH
                && y - h / 2.0 >= 0.0
                && y + h / 2.0 <= HEIGHT
                && placed.iter().all(|p| (x - p.x).abs() * 2.0 >= w + p.w || (y - p.y).abs() * 2.0 >= h + p.h)
        };
        // The square spiral: right 1, down 1, left 2, up 2, right 3, … steps.
        let (mut x, mut y) = (WIDTH / 2.0, HEIGHT / 2.0);
        let (mut dx, mut dy) = (1.0, 0.0);
        let (mut run, mut walked, mut turns) = (1usize, 0usize, 0usize);
        let mut spot = None;
        for _ in 0..MAX_STEPS {
            if fits(x, y) {
                spot = Some((x, y));
                break;
            }
            x += dx * STEP;
            // The picture is wider than tall: walk vertical runs at half the step.
            y += dy * STEP * 0.5;
            walked += 1;
            if walked == run {
                walked = 0;
                (dx, dy) = (-dy, dx);
                turns += 1;
                if turns % 2 == 0 {
                    run += 1;
                }
            }
        }
        match spot {
            Some((x, y)) => placed.push(Placed { index, x, y, size, w, h }),
            None => omitted += 1,
        }
    }
    (placed, omitted)
}

/// The cloud `svg#id` of `words` (most frequent first), named `label`.
pub fn word_cloud(id: &'static str, label: String, words: &[CloudWord]) -> Html {
    let counts: Vec<(String, u64)> = words.iter().map(|w| (w.term.clone(), w.count)).collect();
    let (placed, omitted) = layout(&counts);
    let f1 = |v: f64| fixed(v, 1);
    // The picture is cut to the words' extent (and a margin): the spiral fills the middle first.
    let (mut x0, mut y0, mut x1, mut y1) = (WIDTH, HEIGHT, 0.0f64, 0.0f64);
    for p in &placed {
        x0 = x0.min(p.x - p.w / 2.0);
        x1 = x1.max(p.x + p.w / 2.0);
        y0 = y0.min(p.y - p.h / 2.0);
        y1 = y1.max(p.y + p.h / 2.0);
    }
    let view_box = if placed.is_empty() {
        "0 0 800 440".to_string()
    } else {
        let mut v = f1(x0 - 8.0);
        for n in [y0 - 8.0, x1 - x0 + 16.0, y1 - y0 + 16.0] {
            v.push(' ');
            v.push_str(&f1(n));
        }
        v
    };
    html! {
        <svg {id} class="word-cloud" role="group" aria-label={label} viewBox={view_box} data-omitted={omitted.to_string()}>
            { for placed.iter().map(|p| {
                let w = &words[p.index];
                html! {
                    <a class="cloud-word" href={w.href.clone()} data-term={w.term.clone()} data-count={w.count.to_string()} data-size={f1(p.size)}>
                        <text x={f1(p.x)} y={f1(p.y + p.size * 0.36)} text-anchor="middle" font-size={f1(p.size)} fill={PALETTE[p.index % PALETTE.len()]}>{ w.term.clone() }</text>
                    </a>
                }
            }) }
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words() -> Vec<(String, u64)> {
        ["安全", "生产", "公司", "工作", "员工", "质量", "oxygen", "两带两创"].iter().enumerate().map(|(i, t)| (t.to_string(), 100 - i as u64 * 12)).collect()
    }

    #[test]
    fn the_layout_is_deterministic_inside_the_picture_and_without_overlap() {
        let (a, omitted) = layout(&words());
        assert_eq!(omitted, 0);
        assert_eq!(a.len(), 8);
        assert_eq!(layout(&words()).0, a, "the same list gives the same picture");
        for (i, p) in a.iter().enumerate() {
            assert!(p.x - p.w / 2.0 >= 0.0 && p.x + p.w / 2.0 <= WIDTH && p.y - p.h / 2.0 >= 0.0 && p.y + p.h / 2.0 <= HEIGHT, "{p:?}");
            for q in &a[i + 1..] {
                assert!((p.x - q.x).abs() * 2.0 >= p.w + q.w || (p.y - q.y).abs() * 2.0 >= p.h + q.h, "{p:?} overlaps {q:?}");
            }
        }
        // The most frequent word is the largest and sits in the middle.
        assert_eq!(a[0].size, MAX_SIZE);
        assert_eq!((a[0].x, a[0].y), (WIDTH / 2.0, HEIGHT / 2.0));
        assert_eq!(a.last().unwrap().size, MIN_SIZE);
        assert!(a.windows(2).all(|w| w[0].size >= w[1].size));
    }

    #[test]
    fn words_that_find_no_place_are_counted() {
        let many: Vec<(String, u64)> = (0..400).map(|i| (format!("词语{i}"), 1000 - i)).collect();
        let (placed, omitted) = layout(&many);
        assert!(omitted > 0);
        assert_eq!(placed.len() + omitted, 400);
    }
}
