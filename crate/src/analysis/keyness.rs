//! Keyness: the words a subset uses more (or less) than another part of the corpus.
//!
//! Takes an index, a target subset and optionally a reference subset (both in the filter
//! syntax of [`super::subset`]; the reference defaults to the rest of the corpus); returns
//! [`Keyness`]. Counting is over word tokens of title + paragraphs (the word tier):
//! - a subset one precomputed table covers (`all`, `kind:…`, `unit:<exact unit>`) reads that
//!   table; the rest of the corpus is the corpus minus the target (each word's corpus
//!   frequency from the dictionary); any other subset (an issue, articles, `author:`…, several
//!   filters) counts through the postings of every word;
//! - tables keep only their [`crate::index::FREQ_TABLE_ROWS`] most frequent words: a word
//!   missing from a truncated table is counted exactly from its postings, and words in no
//!   table of either side are not tested (they are rare on both sides);
//! - every tested word gets G² (signed: negative when relatively rarer in the target) and Log
//!   Ratio ([`super::stats`]); only rows with |G²| above the χ²(1) critical value for α
//!   ([`KeynessOptions::alpha`], .05) after Šidák correction for the number of words tested
//!   are kept, positive keywords first (largest Log Ratio first), negative ones last.

use super::error::AnalysisError;
use super::stats;
use super::subset::{resolve, Subset};
use super::unless_pending;
use crate::index::tables::{GroupTable, ALL};
use crate::index::{Index, IndexError, PieceKind, Tier};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeynessOptions {
    /// Family-wise significance level before the Šidák correction.
    pub alpha: f64,
    /// Least a + b for a word to be tested.
    pub min: u64,
    /// Most rows of each sign (0 = all).
    pub limit: usize,
}

/// Rows of each sign when nobody says otherwise.
pub const KEYNESS_ROWS: usize = 50;

impl Default for KeynessOptions {
    fn default() -> Self {
        KeynessOptions { alpha: 0.05, min: 1, limit: KEYNESS_ROWS }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Keyword {
    pub term: String,
    /// Frequency in the target.
    pub a: u64,
    /// Frequency in the reference.
    pub b: u64,
    /// Signed G².
    pub ll: f64,
    pub log_ratio: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Keyness {
    pub target: String,
    pub reference: String,
    pub target_tokens: u64,
    pub reference_tokens: u64,
    /// Words tested (m of the Šidák correction).
    pub tested: usize,
    /// The |G²| a row must reach.
    pub critical: f64,
    pub keywords: Vec<Keyword>,
}

/// Word counts of one side.
struct Side {
    subset: Subset,
    /// Word → count: a table's rows, or every word's postings.
    counts: BTreeMap<String, u64>,
    /// False when the counts come from a truncated table: a word missing from them is counted
    /// from its postings.
    complete: bool,
    from_table: bool,
    tokens: u64,
}

fn table_of<'a>(index: &'a Index, group: &str) -> Result<Option<&'a GroupTable>, IndexError> {
    if let Some(t) = index.table(group) {
        return Ok(Some(t));
    }
    match index.manifest().pieces.iter().find(|e| e.kind == PieceKind::Table && e.first == group) {
        Some(e) if index.is_loaded(&e.name) => Err(IndexError::Corrupt { piece: e.name.clone(), detail: format!("the frequency table of {group} does not decode") }),
        _ => Ok(None),
    }
}

fn table_counts(t: &GroupTable) -> BTreeMap<String, u64> {
    t.rows.iter().map(|r| (r.term.clone(), r.count)).collect()
}

impl Side {
    fn new(index: &Index, subset: Subset) -> Result<Side, AnalysisError> {
        let table = match &subset.table {
            Some(g) => table_of(index, g)?,
            None => None,
        };
        Ok(match table {
            Some(t) => Side { counts: table_counts(t), complete: !t.truncated, from_table: true, tokens: t.tokens, subset },
            None => Side { counts: postings_counts(index, &subset.docs)?, complete: true, from_table: false, tokens: doc_tokens(index, &subset.docs)?, subset },
        })
    }

    fn count(&self, index: &Index, term: &str) -> Result<u64, AnalysisError> {
        match self.counts.get(term) {
            Some(c) => Ok(*c),
            None if self.complete => Ok(0),
            None => count_in(index, term, &self.subset.docs),
        }
    }
}

/// Word tokens of the selected documents (from the norms). A norms piece that does not decode
/// is an error naming it; one not loaded yet is recorded for [`Index::attempt`].
fn doc_tokens(index: &Index, docs: &[bool]) -> Result<u64, AnalysisError> {
    let mut sum = 0u64;
    for (d, _) in docs.iter().enumerate().filter(|(_, s)| **s) {
        let d = d as u32;
        match index.norms(d) {
            Some(n) => sum += u64::from(n.tokens),
            None => {
                let entry = index.manifest().pieces.iter().find(|e| e.kind == PieceKind::Norms && e.from <= d && d < e.to);
                if let Some(e) = entry.filter(|e| index.is_loaded(&e.name)) {
                    return Err(IndexError::Corrupt { piece: e.name.clone(), detail: format!("the length of document {d} does not decode") }.into());
                }
            }
        }
    }
    Ok(sum)
}

/// Occurrences of `term` (a word) in the selected documents, from its postings.
fn count_in(index: &Index, term: &str, docs: &[bool]) -> Result<u64, AnalysisError> {
    let Some((ord, _)) = unless_pending(index.find(Tier::Word, term))? else { return Ok(0) };
    let Some(list) = unless_pending(index.term_postings(ord).map(Some))? else { return Ok(0) };
    Ok(list.docs.iter().enumerate().filter(|(_, d)| docs.get(**d as usize).copied().unwrap_or(false)).map(|(i, _)| u64::from(list.tf_at(i))).sum())
}

/// Every word's occurrences in the selected documents, from the postings.
fn postings_counts(index: &Index, docs: &[bool]) -> Result<BTreeMap<String, u64>, AnalysisError> {
    for e in index.manifest().pieces.iter().filter(|e| e.kind == PieceKind::Vocab) {
        unless_pending(index.find(Tier::Word, &e.first).map(Some))?;
    }
    let mut out = BTreeMap::new();
    let mut failure = None;
    index.for_each_term(|term, ord, _| {
        if failure.is_some() {
            return;
        }
        match unless_pending(index.term_postings(ord).map(Some)) {
            Ok(Some(list)) => {
                let c: u64 = list.docs.iter().enumerate().filter(|(_, d)| docs.get(**d as usize).copied().unwrap_or(false)).map(|(i, _)| u64::from(list.tf_at(i))).sum();
                if c > 0 {
                    out.insert(term.to_string(), c);
                }
            }
            Ok(None) => {}
            Err(e) => failure = Some(e),
        }
    });
    match failure {
        Some(e) => Err(e.into()),
        None => Ok(out),
    }
}

/// Keywords of `target` against `reference` (None: the rest of the corpus).
pub fn keyness(index: &Index, target: &str, reference: Option<&str>, opts: &KeynessOptions) -> Result<Keyness, AnalysisError> {
    let t_subset = resolve(index, target)?;
    let r_subset = match reference {
        Some(r) => resolve(index, r)?,
        None => {
            let rest = t_subset.rest();
            if rest.is_empty() {
                return Err(AnalysisError::EmptySubset { subset: rest.text });
            }
            rest
        }
    };
    let target_side = Side::new(index, t_subset)?;
    // The rest with a table on the target side: the corpus minus the target, no postings.
    let rest_by_subtraction = reference.is_none() && target_side.from_table;
    let all = if rest_by_subtraction { table_of(index, ALL)? } else { None };
    let reference_side = if rest_by_subtraction {
        None
    } else {
        Some(Side::new(index, r_subset.clone())?)
    };
    let target_tokens = target_side.tokens;
    let reference_tokens = match &reference_side {
        Some(s) => s.tokens,
        None => index.stats().tokens.saturating_sub(target_tokens),
    };
    // The words tested: every word either side knows.
    let mut terms: Vec<&str> = target_side.counts.keys().map(String::as_str).collect();
    match (&reference_side, all) {
        (Some(s), _) => terms.extend(s.counts.keys().map(String::as_str)),
        (None, Some(t)) => terms.extend(t.rows.iter().map(|r| r.term.as_str())),
        (None, None) => {}
    }
    crate::order::sort_by(&mut terms, |a, b| a.cmp(b));
    terms.dedup();
    let mut counted: Vec<(String, u64, u64)> = Vec::with_capacity(terms.len());
    for term in terms {
        let a = target_side.count(index, term)?;
        let b = match &reference_side {
            Some(s) => s.count(index, term)?,
            None => {
                let corpus = unless_pending(index.find(Tier::Word, term))?.map_or(0, |(_, i)| i.coll_freq);
                corpus.saturating_sub(a)
            }
        };
        if a + b >= opts.min.max(1) {
            counted.push((term.to_string(), a, b));
        }
    }
    let tested = counted.len();
    let critical = stats::chi2_1_critical(stats::sidak(opts.alpha, tested));
    let (t, r) = (target_tokens as f64, reference_tokens as f64);
    let mut rows: Vec<Keyword> = counted
        .into_iter()
        .filter_map(|(term, a, b)| {
            let ll = stats::keyness_g2(a as f64, t, b as f64, r)?;
            let log_ratio = stats::log_ratio(a as f64, t, b as f64, r)?;
            (ll.abs() >= critical).then_some(Keyword { term, a, b, ll, log_ratio })
        })
        .collect();
    crate::order::sort_by(&mut rows, |x, y| y.log_ratio.total_cmp(&x.log_ratio).then(y.ll.abs().total_cmp(&x.ll.abs())).then_with(|| x.term.cmp(&y.term)));
    if opts.limit > 0 {
        let pos: Vec<Keyword> = rows.iter().filter(|k| k.ll > 0.0).take(opts.limit).cloned().collect();
        let neg: Vec<Keyword> = rows.iter().filter(|k| k.ll <= 0.0).rev().take(opts.limit).cloned().collect();
        rows = pos;
        rows.extend(neg.into_iter().rev());
    }
    Ok(Keyness {
        target: target_side.subset.text.clone(),
        reference: reference.map_or_else(|| "rest".to_string(), |r| r.trim().to_string()),
        target_tokens,
        reference_tokens,
        tested,
        critical,
        keywords: rows,
    })
}

/// `term,a,b,ll,log_ratio` (3 decimals).
pub fn keyness_csv(k: &Keyness) -> String {
    let mut s = super::line(&["term".into(), "a".into(), "b".into(), "ll".into(), "log_ratio".into()]);
    for r in &k.keywords {
        s.push_str(&super::line(&[r.term.clone(), r.a.to_string(), r.b.to_string(), super::fixed(r.ll, 3), super::fixed(r.log_ratio, 3)]));
    }
    s
}
