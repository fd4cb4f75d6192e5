//! Dispersion: how evenly a term spreads over the articles or the issues of the corpus.
//!
//! Takes an index, a term (any string: exact normalised occurrences in title + paragraphs
//! through the character tier, as themes and KWIC count) and the parts; returns
//! [`DispersionReport`] with range, Gries' DP and DPnorm and Juilland's D (population standard
//! deviation; [`super::stats::dispersion`]) and every part, zero counts included. A part's
//! size is its word tokens (articles: the norms; issues: the manifest), the corpus's own
//! measure of length; counts are string occurrences. Article parts also carry the char offsets
//! of the occurrences in the article's search text and its body length, for a dispersion plot.
//! By article, every article's id is read (the document groups); by issue, only the manifest
//! and the term's lists.

use super::error::AnalysisError;
use super::stats;
use super::{body_occurrences, layout_of, meta_of};
use crate::index::Index;
use crate::text::{is_searchable, normalize};
use serde::{Deserialize, Serialize};

/// What the parts are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum PartsBy {
    #[default]
    Article,
    Issue,
}

impl PartsBy {
    pub fn parse(s: &str) -> Option<PartsBy> {
        match s.to_ascii_lowercase().as_str() {
            "article" | "articles" => Some(PartsBy::Article),
            "issue" | "issues" => Some(PartsBy::Issue),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            PartsBy::Article => "article",
            PartsBy::Issue => "issue",
        }
    }
}

/// One part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Part {
    /// Article id or issue stem.
    pub id: String,
    /// Word tokens.
    pub size: u64,
    pub count: u64,
    /// Articles: char offsets of the occurrences in the search text (title, `\n`, paragraphs).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub positions: Vec<u32>,
    /// Articles: chars of title + paragraphs (the plot's width). Issues: 0.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub chars: u32,
}

fn is_zero(x: &u32) -> bool {
    *x == 0
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DispersionReport {
    pub term: String,
    pub by: PartsBy,
    pub freq: u64,
    pub range: usize,
    pub dp: Option<f64>,
    pub dp_norm: Option<f64>,
    /// Juilland's D with the population standard deviation.
    pub juilland_d: Option<f64>,
    /// Every part, in corpus order.
    pub parts: Vec<Part>,
}

/// The dispersion of `term` over `by`.
pub fn dispersion(index: &Index, term: &str, by: PartsBy) -> Result<DispersionReport, AnalysisError> {
    let norm = normalize(term.trim());
    if !is_searchable(&norm) {
        return Err(AnalysisError::EmptyQuery { what: "dispersion term".into() });
    }
    let occ = body_occurrences(index, &norm)?;
    let mut parts = Vec::new();
    match by {
        PartsBy::Issue => {
            for i in index.issues() {
                let count = occ.range(i.first_doc..i.first_doc + i.docs).map(|(_, s)| s.len() as u64).sum();
                parts.push(Part { id: i.stem.clone(), size: i.tokens, count, positions: Vec::new(), chars: 0 });
            }
        }
        PartsBy::Article => {
            for d in 0..index.article_count() as u32 {
                let Some(m) = meta_of(index, d)? else { continue };
                let positions = occ.get(&d).cloned().unwrap_or_default();
                let chars = match layout_of(index, d)? {
                    Some(l) => l.body_chars,
                    None => m.body_chars,
                };
                parts.push(Part { id: m.id.clone(), size: u64::from(m.tokens), count: positions.len() as u64, positions, chars });
            }
        }
    }
    let counts: Vec<u64> = parts.iter().map(|p| p.count).collect();
    let sizes: Vec<u64> = parts.iter().map(|p| p.size).collect();
    let d = stats::dispersion(&counts, &sizes);
    Ok(DispersionReport { term: term.trim().to_string(), by, freq: d.freq, range: d.range, dp: d.dp, dp_norm: d.dp_norm, juilland_d: d.juilland_d, parts })
}

/// `id,size,count` for every part.
pub fn dispersion_csv(r: &DispersionReport) -> String {
    let mut s = super::line(&["id".into(), "size".into(), "count".into()]);
    for p in &r.parts {
        s.push_str(&super::line(&[p.id.clone(), p.size.to_string(), p.count.to_string()]));
    }
    s
}
