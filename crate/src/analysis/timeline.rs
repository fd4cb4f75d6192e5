//! *How does a theme move over time, and where does it stand?* A theme's counts per term, by
//! issue, by month of the issue date, by kind and by unit, raw and per 10,000 tokens; which
//! tracked terms and preset themes occur in the same articles; a centred moving average over
//! the month axis.
//!
//! Why a module of its own: [`super::try_theme_top`] answers "which articles, how often"; a
//! tracker of slogans also asks "when" and "where", with a denominator, and it must answer that
//! on a 300,000-article archive for the price of the terms' postings. So:
//! - Counts come from [`super::theme_doc_counts`], the one count behind the theme view (places
//!   in title + paragraphs; overlapping matches of several terms count once in the total, each
//!   term counts its own matches in `per_term`): the chart and the table agree by construction.
//! - Denominators come from small precomputed figures, never from reading every document:
//!   an issue's tokens from the manifest ([`crate::index::IssueInfo::tokens`]), a kind's or a
//!   unit's from its frequency table (`kind:<kind>`, `unit:<unit>`, one small piece each).
//!   Tokens are segmented word tokens of title + paragraphs, the frequency list's; the counts
//!   are exact string occurrences (words vs strings: a term the segmenter split is still
//!   counted), so "per 10,000 tokens" is occurrences per 10,000 word tokens.
//! - The kind of an article is in its layout (read already to count); its units are in its
//!   metadata, read only when the units are asked for ([`try_theme_units`]).
//!
//! The month axis ([`date_axis`]): every month from the first to the last dated issue; a month
//! without an issue is a gap (`issues == 0`: no value, a break in the line, neither zero nor
//! skipped); several issues in one month add up; an issue without a date, or with one that is
//! not `YYYY-MM…`, is listed in `undated`, never placed on the axis.
//!
//! The moving average ([`moving_average`]): centred over `k` periods (k odd; an even k is
//! taken as k + 1; k ≤ 1 is no smoothing). The value at period i is the mean of the values
//! present among periods i − k/2 ..= i + k/2: gaps and periods beyond either end of the axis
//! are left out of the mean (not read as zeros); a gap stays a gap.

use super::{layout_of, meta_of, piece_failure, theme_doc_counts, unless_pending, distinct_terms};
use crate::corpus::Kind;
use crate::index::{Index, IndexError, PieceKind};
use serde::{Deserialize, Serialize};

/// A theme's counts in one part (an issue, a month, a kind, a unit).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct SeriesPoint {
    /// The issue's stem, the month (`2024-01`), the kind (`news`) or the unit.
    pub label: String,
    /// The issue's date (issues only).
    pub date: Option<String>,
    /// Issues in the part (months: 0 is a gap, nothing was published).
    pub issues: u32,
    /// Word tokens of the part's title + paragraphs: the per-10k denominator.
    pub tokens: u64,
    /// Places where any term stands (the theme's total, as the theme table counts it).
    pub total: u64,
    /// Occurrences of each term, in the order of [`ThemeSeries::terms`].
    pub per_term: Vec<u64>,
    /// Articles of the part holding a term.
    pub articles: u32,
}

impl SeriesPoint {
    /// The raw count of `term` (None: the theme total), or per 10,000 tokens; None in a gap
    /// (a month without an issue) or where the part has no tokens.
    pub fn value(&self, term: Option<usize>, per_10k: bool) -> Option<f64> {
        if self.issues == 0 && self.tokens == 0 {
            return None;
        }
        let count = match term {
            Some(i) => *self.per_term.get(i)?,
            None => self.total,
        };
        if per_10k {
            (self.tokens > 0).then(|| count as f64 * 10_000.0 / self.tokens as f64)
        } else {
            Some(count as f64)
        }
    }
}

/// The month axis of a theme: every month from the first to the last dated issue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct DateAxis {
    /// `label` is the month (`YYYY-MM`); `issues == 0` marks a gap.
    pub months: Vec<SeriesPoint>,
    /// Stems of the issues with no usable date, in issue order: not on the axis.
    pub undated: Vec<String>,
}

/// In how many articles two tracked terms, or a tracked term and a preset theme, stand together.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Cooccurrence {
    /// The rows and columns: the tracked terms, then the preset themes (by name).
    pub items: Vec<String>,
    /// How many of `items` are tracked terms (the rest are preset themes).
    pub terms: usize,
    /// `articles[i][j]`: articles holding both item i and item j; `articles[i][i]`: holding i.
    pub articles: Vec<Vec<u32>>,
}

/// A theme's series: the counts per issue (every issue, zeros included), per kind (every kind
/// with articles, when asked for) and which items occur together.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct ThemeSeries {
    pub terms: Vec<String>,
    pub issues: Vec<SeriesPoint>,
    pub kinds: Vec<SeriesPoint>,
    pub cooccurrence: Cooccurrence,
}

fn add(point: &mut SeriesPoint, count: u64, per_term: &[u64]) {
    point.total += count;
    point.articles += 1;
    point.per_term.iter_mut().zip(per_term).for_each(|(a, b)| *a += b);
}

/// Articles in `a` and in `b`, both sorted doc lists.
fn shared(a: &[u32], b: &[u32]) -> u32 {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// The word tokens of a precomputed group table (`kind:news`, `unit:…`); 0 when the corpus has
/// no such group; `Ok(None)` while its piece is not loaded yet.
fn group_tokens(index: &Index, group: &str) -> Result<Option<u64>, IndexError> {
    if !index.has_table(group) {
        return Ok(Some(0));
    }
    match index.table(group) {
        Some(t) => Ok(Some(t.tokens)),
        None => {
            let entry = index.manifest().pieces.iter().find(|e| e.kind == PieceKind::Table && e.first == group);
            unless_pending(Err(piece_failure(index, entry, &format!("the frequency table of {group}"))))
        }
    }
}

/// The series of the theme `terms` (see the module doc). `presets` are named term sets (the
/// corpus's preset themes) to cross with the tracked terms; each costs its terms' postings.
/// `with_kinds`: count by kind too; their denominators are the kinds' frequency tables (on the
/// poetry archive 167 KB, a sixth of what the theme itself reads), so only when asked.
pub fn try_theme_series(index: &Index, terms: &[String], presets: &[(String, Vec<String>)], with_kinds: bool) -> Result<ThemeSeries, IndexError> {
    let terms = distinct_terms(terms);
    let counted = theme_doc_counts(index, &terms)?;
    let blank = |label: String| SeriesPoint { label, per_term: vec![0; terms.len()], ..SeriesPoint::default() };
    let mut issues: Vec<SeriesPoint> = index
        .issues()
        .iter()
        .map(|i| SeriesPoint { date: i.date.clone(), issues: 1, tokens: i.tokens, ..blank(i.stem.clone()) })
        .collect();
    let mut kinds: Vec<SeriesPoint> = Vec::new();
    for k in Kind::ALL.into_iter().filter(|_| with_kinds) {
        let group = format!("kind:{}", k.as_str());
        if index.has_table(&group) {
            let tokens = group_tokens(index, &group)?.unwrap_or(0);
            kinds.push(SeriesPoint { tokens, ..blank(k.as_str().to_string()) });
        }
    }
    for (doc, count, per_term) in &counted {
        let n = index.issues().partition_point(|i| i.first_doc + i.docs <= *doc);
        if let Some(p) = issues.get_mut(n) {
            add(p, *count, per_term);
        }
        if !with_kinds {
            continue;
        }
        if let Some(layout) = layout_of(index, *doc)? {
            if let Some(p) = kinds.iter_mut().find(|p| p.label == layout.kind.as_str()) {
                add(p, *count, per_term);
            }
        }
    }
    // Co-occurrence: each item's articles (sorted), then every pair's overlap.
    let mut items: Vec<String> = terms.clone();
    let mut docs: Vec<Vec<u32>> = (0..terms.len())
        .map(|i| counted.iter().filter(|c| c.2[i] > 0).map(|c| c.0).collect())
        .collect();
    for (name, preset) in presets {
        items.push(name.clone());
        docs.push(theme_doc_counts(index, &distinct_terms(preset))?.into_iter().map(|c| c.0).collect());
    }
    let articles = docs.iter().map(|a| docs.iter().map(|b| shared(a, b)).collect()).collect();
    let cooccurrence = Cooccurrence { items, terms: terms.len(), articles };
    Ok(ThemeSeries { terms, issues, kinds, cooccurrence })
}

/// The theme's counts per unit, most places first (ties by unit), units without the theme
/// left out; the denominators are the units' tables. Reads the metadata of the articles holding
/// a term (for their units): called when the view asks for units, not with every theme.
/// An article of several units counts in each.
pub fn try_theme_units(index: &Index, terms: &[String]) -> Result<Vec<SeriesPoint>, IndexError> {
    let terms = distinct_terms(terms);
    let counted = theme_doc_counts(index, &terms)?;
    let mut units: Vec<SeriesPoint> = Vec::new();
    for (doc, count, per_term) in &counted {
        let Some(m) = meta_of(index, *doc)? else { continue };
        for u in &m.units {
            let at = match units.iter().position(|p| &p.label == u) {
                Some(at) => at,
                None => {
                    units.push(SeriesPoint { label: u.clone(), per_term: vec![0; terms.len()], ..SeriesPoint::default() });
                    units.len() - 1
                }
            };
            add(&mut units[at], *count, per_term);
        }
    }
    for p in &mut units {
        p.tokens = group_tokens(index, &format!("unit:{}", p.label))?.unwrap_or(0);
        p.issues = 1;
    }
    crate::order::sort_by(&mut units, |a, b| b.total.cmp(&a.total).then_with(|| a.label.cmp(&b.label)));
    Ok(units)
}

/// Most documents the slogan finder reads for the suggestions.
pub const SUGGEST_MAX_DOCS: usize = 300;

/// One suggested theme: the slogan finder's candidate and the terms it would add.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Suggestion {
    /// As the finder found it (a set reads `安全环保、提质增效`).
    pub label: String,
    /// The terms to track: the candidate, or each formula of a set.
    pub terms: Vec<String>,
    /// `quoted`, the numeral pattern (`两X两Y`) or `set`.
    pub pattern: String,
    pub count: u64,
    pub articles: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Suggestions {
    pub rows: Vec<Suggestion>,
    /// Documents read.
    pub docs: usize,
}

/// Themes to track next: the slogan finder ([`super::ngrams`]: quoted strings, numbered slogans,
/// four-character sets) over the documents `docs` (at most [`SUGGEST_MAX_DOCS`], the first in
/// reading order), counted in them; at least 2 occurrences; most frequent first (ties by text),
/// at most `limit` (0 = all), leaving out candidates whose terms are all tracked.
///
/// The theme view passes the articles its concordance has read already: the suggestions are the
/// slogans that stand beside the theme, and cost no text beyond the concordance's (on a
/// 300,000-poem archive an evenly spaced sample of 300 documents read 1.1 MB, for no candidate).
pub fn suggested_themes(index: &Index, tracked: &[String], docs: &[u32], limit: usize) -> Result<Suggestions, super::AnalysisError> {
    let opts = super::NgramOptions { min_n: 2, max_n: 2, min: 2, limit: 0 };
    let mut docs = docs.to_vec();
    docs.sort_unstable();
    docs.dedup();
    docs.truncate(SUGGEST_MAX_DOCS);
    let found = super::ngrams::ngrams_of_docs(index, &opts, docs, false)?;
    let tracked: Vec<String> = tracked.iter().map(|t| crate::text::normalize(t.trim())).collect();
    let mut rows: Vec<Suggestion> = Vec::new();
    for c in found.quoted.iter().chain(&found.patterns).chain(&found.sets) {
        let terms: Vec<String> = if c.pattern == "set" { c.term.split('、').map(str::to_string).collect() } else { vec![c.term.clone()] };
        if c.count < 2 || terms.iter().all(|t| tracked.contains(&crate::text::normalize(t))) || rows.iter().any(|r| r.label == c.term) {
            continue;
        }
        rows.push(Suggestion { label: c.term.clone(), terms, pattern: c.pattern.clone(), count: c.count, articles: c.articles });
    }
    crate::order::sort_by(&mut rows, |a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
    if limit > 0 {
        rows.truncate(limit);
    }
    Ok(Suggestions { rows, docs: found.docs })
}

/// `(year, month)` of a date written `YYYY-MM` or `YYYY-MM-DD`.
fn month_of(date: &str) -> Option<(i32, u32)> {
    let mut parts = date.trim().split('-');
    let y = parts.next()?.parse::<i32>().ok().filter(|y| (1..=9999).contains(y))?;
    let m = parts.next()?.parse::<u32>().ok().filter(|m| (1..=12).contains(m))?;
    Some((y, m))
}

fn month_label((y, m): (i32, u32)) -> String {
    let mut s = y.to_string();
    s.push('-');
    if m < 10 {
        s.push('0');
    }
    s.push_str(&m.to_string());
    s
}

/// The month axis of per-issue points (see the module doc): every month from the first to the
/// last dated issue; months without an issue are gaps; issues of one month add up.
pub fn date_axis(issues: &[SeriesPoint]) -> DateAxis {
    let mut dated: Vec<((i32, u32), &SeriesPoint)> = Vec::new();
    let mut undated = Vec::new();
    for p in issues {
        match p.date.as_deref().and_then(month_of) {
            Some(m) => dated.push((m, p)),
            None => undated.push(p.label.clone()),
        }
    }
    let (Some(first), Some(last)) = (dated.iter().map(|d| d.0).min(), dated.iter().map(|d| d.0).max()) else {
        return DateAxis { months: Vec::new(), undated };
    };
    let terms = issues.first().map_or(0, |p| p.per_term.len());
    let mut months = Vec::new();
    let mut at = first;
    loop {
        let mut point = SeriesPoint { label: month_label(at), per_term: vec![0; terms], ..SeriesPoint::default() };
        for (_, p) in dated.iter().filter(|d| d.0 == at) {
            point.issues += p.issues;
            point.tokens += p.tokens;
            point.total += p.total;
            point.articles += p.articles;
            point.per_term.iter_mut().zip(&p.per_term).for_each(|(a, b)| *a += b);
        }
        months.push(point);
        if at == last {
            break;
        }
        at = if at.1 == 12 { (at.0 + 1, 1) } else { (at.0, at.1 + 1) };
    }
    DateAxis { months, undated }
}

/// The centred moving average of `values` over `k` periods (see the module doc for gaps and
/// edges): None where the value is None.
pub fn moving_average(values: &[Option<f64>], k: usize) -> Vec<Option<f64>> {
    let half = k / 2;
    (0..values.len())
        .map(|i| {
            values[i]?;
            let window = &values[i.saturating_sub(half)..(i + half + 1).min(values.len())];
            let present: Vec<f64> = window.iter().flatten().copied().collect();
            Some(present.iter().sum::<f64>() / present.len() as f64)
        })
        .collect()
}

/// `period,issues,tokens,total,total_per_10k,<term>,<term>_per_10k…` for the points of a
/// series (issues, months, kinds or units); a gap's values are empty cells.
pub fn series_csv(points: &[SeriesPoint], terms: &[String]) -> String {
    let mut header: Vec<String> = ["period", "issues", "tokens", "total", "total_per_10k"].iter().map(|s| s.to_string()).collect();
    for t in terms {
        header.push(t.clone());
        header.push(format!("{t}_per_10k"));
    }
    let mut s = super::line(&header);
    let cell = |v: Option<f64>, digits: usize| v.map(|v| super::fixed(v, digits)).unwrap_or_default();
    for p in points {
        let mut row = vec![p.label.clone(), p.issues.to_string(), p.tokens.to_string()];
        for term in std::iter::once(None).chain((0..terms.len()).map(Some)) {
            row.push(cell(p.value(term, false), 0));
            row.push(cell(p.value(term, true), 2));
        }
        s.push_str(&super::line(&row));
    }
    s
}

/// `item,<item>…`: the co-occurrence matrix, one row per item.
pub fn cooccurrence_csv(c: &Cooccurrence) -> String {
    let mut header = vec!["item".to_string()];
    header.extend(c.items.iter().cloned());
    let mut s = super::line(&header);
    for (name, row) in c.items.iter().zip(&c.articles) {
        let mut cells = vec![name.clone()];
        cells.extend(row.iter().map(u32::to_string));
        s.push_str(&super::line(&cells));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn issue(stem: &str, date: Option<&str>, tokens: u64, total: u64, per_term: Vec<u64>) -> SeriesPoint {
        SeriesPoint { label: stem.into(), date: date.map(str::to_string), issues: 1, tokens, total, per_term, articles: 1 }
    }

    #[test]
    fn months_without_an_issue_are_gaps_and_one_month_adds_up() {
        let issues = vec![
            issue("a", Some("2024-01"), 1000, 2, vec![2]),
            issue("b", Some("2024-02-01"), 2000, 4, vec![3]),
            issue("c", Some("2024-05"), 500, 9, vec![9]),
            issue("d", None, 100, 1, vec![1]),
            issue("e", Some("2024-02-15"), 1000, 1, vec![1]),
            issue("f", Some("二〇二四年"), 100, 1, vec![1]),
        ];
        let axis = date_axis(&issues);
        let labels: Vec<&str> = axis.months.iter().map(|m| m.label.as_str()).collect();
        assert_eq!(labels, ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05"]);
        assert_eq!(axis.undated, ["d", "f"]);
        let feb = &axis.months[1];
        assert_eq!((feb.issues, feb.tokens, feb.total, feb.per_term.clone()), (2, 3000, 5, vec![4]));
        let values: Vec<Option<f64>> = axis.months.iter().map(|m| m.value(None, false)).collect();
        assert_eq!(values, [Some(2.0), Some(5.0), None, None, Some(9.0)]);
        // Per 10k: 5 in 3,000 tokens.
        assert!((feb.value(None, true).unwrap() - 5.0 * 10_000.0 / 3000.0).abs() < 1e-9);
        assert_eq!(axis.months[2].value(Some(0), true), None);
    }

    #[test]
    fn the_axis_crosses_a_year() {
        let axis = date_axis(&[issue("a", Some("2023-11"), 1, 0, vec![]), issue("b", Some("2024-02"), 1, 0, vec![])]);
        let labels: Vec<&str> = axis.months.iter().map(|m| m.label.as_str()).collect();
        assert_eq!(labels, ["2023-11", "2023-12", "2024-01", "2024-02"]);
        assert!(date_axis(&[issue("x", None, 1, 0, vec![])]).months.is_empty());
    }

    #[test]
    fn moving_average_leaves_gaps_and_the_ends_out_of_the_mean() {
        // Jan 2, Feb 5, Mar gap, Apr gap, May 9, Jun 3 (by hand).
        let v = [Some(2.0), Some(5.0), None, None, Some(9.0), Some(3.0)];
        let ma3 = moving_average(&v, 3);
        // Jan: (2+5)/2 (Dec is off the axis); Feb: (2+5)/2 (Mar a gap); Mar, Apr: gaps;
        // May: (9+3)/2 (Apr a gap); Jun: (9+3)/2 (Jul off the axis).
        assert_eq!(ma3, [Some(3.5), Some(3.5), None, None, Some(6.0), Some(6.0)]);
        let ma5 = moving_average(&v, 5);
        // Jan: Jan..Mar = 2,5; Feb: Jan..Apr = 2,5; May: Mar..Jun (+Jul) = 9,3; Jun: Apr..Jun = 9,3.
        assert_eq!(ma5, [Some(3.5), Some(3.5), None, None, Some(6.0), Some(6.0)]);
        let flat = [Some(1.0), Some(4.0), Some(7.0), Some(10.0)];
        assert_eq!(moving_average(&flat, 3), [Some(2.5), Some(4.0), Some(7.0), Some(8.5)]);
        assert_eq!(moving_average(&flat, 1), flat);
    }

    #[test]
    fn series_csv_leaves_a_gap_empty() {
        let axis = date_axis(&[issue("a", Some("2024-01"), 1000, 2, vec![2]), issue("b", Some("2024-03"), 2000, 4, vec![4])]);
        let csv = series_csv(&axis.months, &["x".to_string()]);
        let rows: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(rows[0], "period,issues,tokens,total,total_per_10k,x,x_per_10k");
        assert_eq!(rows[1], "2024-01,1,1000,2,20.00,2,20.00");
        assert_eq!(rows[2], "2024-02,0,0,,,,");
        assert_eq!(rows[3], "2024-03,1,2000,4,20.00,4,20.00");
    }
}
