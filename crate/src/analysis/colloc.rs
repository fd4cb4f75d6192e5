//! Collocates: the words that stand within ±N tokens of a node more often than chance says.
//!
//! Takes an index, a node string and [`CollocOptions`]; returns [`Collocates`]. Counting:
//! - The node is any string, found as exact normalised occurrences in title + paragraphs
//!   through the character tier (as KWIC and themes find it): f_A = `node_freq`.
//! - Tokens around it are context tokens ([`super::context`]: the index vocabulary's cut,
//!   punctuation skipped, windows stop at the paragraph's end). `co` (f_AB) counts, over every
//!   node occurrence, the collocate's tokens among the `window` tokens left and right; another
//!   occurrence of the node inside a window takes a slot but is not a collocate.
//! - `freq` (f_B) is the collocate's corpus frequency in the word tier (jieba's index-time
//!   cut), at least `co` (the two cuts differ on a few words); N (`tokens`) is the corpus's
//!   word tokens. Scores: [`super::stats`] (node/collocate form; `ll` is the window form with
//!   R1 = `window_tokens`).
//! - On an archive only what the node touches is read: its character lists, the layouts of its
//!   documents, and those documents' texts. When the node stands in more than
//!   [`CollocOptions::max_docs`] documents (default [`COLLOC_MAX_DOCS`]) an evenly spaced sample of them is read; `sampled` says so,
//!   `co` counts the sample, and scores use `co × node_freq / sampled.occurrences` (the
//!   sample scaled to the corpus).

use super::context::{body_lines, line_tokens};
use super::error::AnalysisError;
use super::stats::{self, Measure};
use super::{body_occurrences, unless_pending};
use crate::index::Index;
use crate::text::{is_searchable, normalize, normalize_char};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Tokens either side when nobody says otherwise.
pub const COLLOC_WINDOW: usize = 5;
/// Largest window accepted.
pub const COLLOC_MAX_WINDOW: usize = 20;
/// Least co-occurrences a collocate needs when nobody says otherwise.
pub const COLLOC_MIN: u64 = 2;
/// Rows returned when nobody says otherwise.
pub const COLLOC_ROWS: usize = 50;
/// Most documents read for one node; beyond, an evenly spaced sample of them.
pub const COLLOC_MAX_DOCS: usize = 1000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CollocOptions {
    /// Tokens either side (1..=[`COLLOC_MAX_WINDOW`]).
    pub window: usize,
    pub measure: Measure,
    /// Least co-occurrences (`co`) a row needs.
    pub min: u64,
    /// Most rows (0 = all).
    pub limit: usize,
    /// Leave out the stopwords of `corpus/stopwords.txt`.
    pub stopwords: bool,
    /// Most documents read ([`COLLOC_MAX_DOCS`]); beyond, an evenly spaced sample.
    pub max_docs: usize,
}

impl Default for CollocOptions {
    fn default() -> Self {
        CollocOptions { window: COLLOC_WINDOW, measure: Measure::LogDice, min: COLLOC_MIN, limit: COLLOC_ROWS, stopwords: false, max_docs: COLLOC_MAX_DOCS }
    }
}

/// One collocate with its contingency figures, so the sum can be redone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Collocate {
    pub term: String,
    /// f_AB: occurrences within the windows.
    pub co: u64,
    /// f_B: corpus frequency (at least `co`).
    pub freq: u64,
    pub score: f64,
}

/// How a node too frequent to read whole was sampled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sampled {
    /// Documents read, of `of_docs` holding the node.
    pub docs: usize,
    pub of_docs: usize,
    /// Node occurrences in the documents read.
    pub occurrences: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Collocates {
    pub node: String,
    pub window: usize,
    pub measure: Measure,
    /// f_A: occurrences of the node (title + paragraphs).
    pub node_freq: u64,
    /// N: word tokens of the corpus.
    pub tokens: u64,
    /// Tokens inside the windows (R1 of the window form), in the documents read.
    pub window_tokens: u64,
    pub collocates: Vec<Collocate>,
    /// Set when only a sample of the node's documents was read.
    pub sampled: Option<Sampled>,
}

/// The collocates of `node` (see the module doc), best score first (ties: more `co`, then term).
pub fn collocates(index: &Index, node: &str, opts: &CollocOptions) -> Result<Collocates, AnalysisError> {
    let norm = normalize(node.trim());
    if !is_searchable(&norm) {
        return Err(AnalysisError::EmptyQuery { what: "collocation node".into() });
    }
    if opts.window == 0 || opts.window > COLLOC_MAX_WINDOW {
        return Err(AnalysisError::BadOption { option: "window".into(), detail: format!("{} tokens: use 1 to {COLLOC_MAX_WINDOW}", opts.window) });
    }
    let occ = body_occurrences(index, &norm)?;
    let node_freq: u64 = occ.values().map(|v| v.len() as u64).sum();
    let docs: Vec<(&u32, &Vec<u32>)> = occ.iter().collect();
    let cap = opts.max_docs.max(1);
    let chosen: Vec<(&u32, &Vec<u32>)> = if docs.len() > cap {
        (0..cap).map(|j| docs[j * docs.len() / cap]).collect()
    } else {
        docs.clone()
    };
    let len = norm.chars().count();
    let mut co: BTreeMap<String, u64> = BTreeMap::new();
    let mut window_tokens = 0u64;
    let mut read_occ = 0u64;
    for (&doc, starts) in &chosen {
        read_occ += starts.len() as u64;
        let Some((text, _, body_chars)) = unless_pending(index.search_text(doc))? else { continue };
        let body: Vec<char> = text.chars().take(body_chars).map(normalize_char).collect();
        for (line_start, line) in body_lines(&body) {
            let end = line_start + line.len();
            let nodes: Vec<(usize, usize)> = starts
                .iter()
                .map(|&s| s as usize)
                .filter(|&s| s >= line_start && s + len <= end)
                .map(|s| (s - line_start, s - line_start + len))
                .collect();
            if nodes.is_empty() {
                continue;
            }
            let toks = line_tokens(index, line, &nodes)?;
            for (i, t) in toks.iter().enumerate() {
                if !t.node {
                    continue;
                }
                let lo = i.saturating_sub(opts.window);
                let hi = (i + opts.window).min(toks.len() - 1);
                for (j, w) in toks.iter().enumerate().take(hi + 1).skip(lo) {
                    if j == i {
                        continue;
                    }
                    window_tokens += 1;
                    if !w.node {
                        *co.entry(w.text.clone()).or_default() += 1;
                    }
                }
            }
        }
    }
    let sampled = (chosen.len() < docs.len()).then_some(Sampled { docs: chosen.len(), of_docs: docs.len(), occurrences: read_occ });
    let scale = if sampled.is_some() && read_occ > 0 { node_freq as f64 / read_occ as f64 } else { 1.0 };
    let n = index.stats().tokens;
    let stop = index.stopwords();
    let mut rows = Vec::new();
    for (term, c) in co {
        if c < opts.min.max(1) || (opts.stopwords && stop.binary_search_by(|s| s.as_str().cmp(&term)).is_ok()) {
            continue;
        }
        let freq = unless_pending(index.find(crate::index::Tier::Word, &term))?.map_or(0, |(_, i)| i.coll_freq).max(c);
        let (fab, fa, fb, nn) = (c as f64 * scale, node_freq as f64, freq as f64, n as f64);
        let score = match opts.measure {
            Measure::LogDice => stats::log_dice(fab, fa, fb),
            Measure::Mi => stats::mi(fab, fa, fb, nn),
            Measure::Mi3 => stats::mi3(fab, fa, fb, nn),
            Measure::T => stats::t_score(fab, fa, fb, nn),
            Measure::Ll => stats::g2(fab, window_tokens as f64 * scale, fb, nn),
        };
        if let Some(score) = score {
            rows.push(Collocate { term, co: c, freq, score });
        }
    }
    crate::order::sort_by(&mut rows, |a, b| b.score.total_cmp(&a.score).then(b.co.cmp(&a.co)).then_with(|| a.term.cmp(&b.term)));
    if opts.limit > 0 {
        rows.truncate(opts.limit);
    }
    Ok(Collocates { node: node.trim().to_string(), window: opts.window, measure: opts.measure, node_freq, tokens: n, window_tokens, collocates: rows, sampled })
}

/// `term,co,freq,score` (score with 3 decimals).
pub fn collocates_csv(c: &Collocates) -> String {
    let mut s = super::line(&["term".into(), "co".into(), "freq".into(), c.measure.as_str().into()]);
    for r in &c.collocates {
        s.push_str(&super::line(&[r.term.clone(), r.co.to_string(), r.freq.to_string(), super::fixed(r.score, 3)]));
    }
    s
}
