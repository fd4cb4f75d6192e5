//! Analysis: corpus-linguistic answers over an [`Index`]: word frequencies, theme tracking,
//! concordances (KWIC, sortable: [`concordance`]), collocates ([`colloc`]), keyness of subsets
//! ([`keyness`], subsets in [`subset`]), dispersion ([`dispersion`]), n-grams and slogan
//! candidates ([`ngrams`]), a theme over time, by kind and unit, with co-occurrence and
//! suggested themes ([`timeline`]), and their CSV forms. The formulas live in [`stats`], tested against
//! the vectors of `docs/statistics.md`; what a context token is, in [`context`].
//!
//! Takes an index and options; returns plain serde data. Guarantees:
//! - [`frequencies`] counts segmented word tokens of title + paragraphs (the word tier).
//! - [`theme`] and [`kwic`] count exact (normalised) string occurrences in title + paragraphs,
//!   found through the character tier, so a theme term the segmenter split is still counted.
//!   Occurrences of one term do not overlap (leftmost first, like `str::matches`).
//! - Output order is fixed: counts descending then term; reading order for articles.
//! - A piece the answer needs that is corrupt, truncated or missing is an error naming it
//!   ([`try_frequencies`], [`try_theme_top`], [`try_kwic`]), as search's: never a count of zero.
//!   On a lazily opened index a piece not loaded yet is not an error: the answer goes on
//!   without it and [`Index::attempt`] names it, so one round asks for every piece it lacks.
//! - CSV: a header row, RFC 4180 quoting (fields with `,` `"` CR or LF are quoted, `"` doubled),
//!   a leading `'` before a cell a spreadsheet would run as a formula (`=` `+` `-` `@`),
//!   CRLF line ends.

use crate::corpus::Kind;
use crate::index::{DocLayout, DocMeta, Index, IndexError, PieceEntry, PieceKind, Tier, MANIFEST_FILE};
use crate::query::search::char_matches;
use crate::text::normalize;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub mod colloc;
pub mod concordance;
pub mod context;
pub mod dispersion;
mod error;
mod fixed;
pub mod keyness;
pub mod ngrams;
pub mod stats;
pub mod subset;
pub mod timeline;

pub use colloc::{collocates, collocates_csv, CollocOptions, Collocate, Collocates};
pub use concordance::{concordance, concordance_csv, parse_sort, Concordance, ConcordanceLine, KwicOptions, SortKey};
pub use dispersion::{dispersion, dispersion_csv, DispersionReport, Part, PartsBy};
pub use error::AnalysisError;
pub use fixed::fixed;
pub use keyness::{keyness, keyness_csv, Keyness, KeynessOptions, Keyword};
pub use ngrams::{ngrams, ngrams_csv, Ngrams, NgramOptions};
pub use stats::Measure;

/// What to count in [`frequencies`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FreqOptions {
    /// true = leave out the stopwords of `corpus/stopwords.txt`.
    pub stopwords: bool,
    /// Shortest term counted, in chars.
    pub min_len: usize,
    /// Only articles of this kind.
    pub kind: Option<Kind>,
    /// Only articles with a unit containing this string.
    pub unit: Option<String>,
    /// Most rows returned (0 = all).
    pub limit: usize,
}

/// The shortest word [`FreqOptions::default`] counts: single characters are mostly function
/// words and particles. The CLI, the JS API and the page start from it.
pub const FREQ_MIN_LEN: usize = 2;
/// The rows [`FreqOptions::default`] asks for (the CLI's `--limit`, the page's first view).
pub const FREQ_ROWS: usize = 50;

impl Default for FreqOptions {
    fn default() -> Self {
        FreqOptions { stopwords: true, min_len: FREQ_MIN_LEN, kind: None, unit: None, limit: FREQ_ROWS }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct FreqTable {
    /// Word tokens in the selected articles (stopwords included).
    pub total_tokens: u64,
    pub rows: Vec<FreqRow>,
    /// True when the rows come from a precomputed table that keeps only the most frequent
    /// words and the filters left fewer rows than asked for: rarer words exist but are not listed.
    #[serde(default)]
    pub truncated: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FreqRow {
    pub term: String,
    pub count: u64,
    /// Occurrences per 10,000 tokens of the selected articles.
    pub per_10k: f64,
    /// Articles holding the term.
    pub articles: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct ThemeReport {
    pub terms: Vec<String>,
    pub total: u64,
    /// Only articles with count > 0, in reading order (with [`theme_top`]: the ones that
    /// hold the terms most often).
    pub articles: Vec<ThemeRow>,
    /// Articles holding any term (more than `articles.len()` when [`theme_top`] left some out).
    #[serde(default)]
    pub matched: usize,
    /// The count in every issue, in issue order, zeros included: the theme over time.
    #[serde(default)]
    pub issues: Vec<IssueCount>,
}

/// A theme's count in one issue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IssueCount {
    pub stem: String,
    pub date: Option<String>,
    pub count: u64,
    /// Articles of the issue holding a term.
    pub articles: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThemeRow {
    pub id: String,
    pub doc: u32,
    pub title: Option<String>,
    pub count: u64,
    /// Count per term, in the order of `ThemeReport::terms`.
    pub per_term: Vec<u64>,
    pub units: Vec<String>,
    pub kind: Kind,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KwicLine {
    pub id: String,
    pub doc: u32,
    pub title: Option<String>,
    pub left: String,
    /// The keyword as printed in the article (original case and width).
    pub keyword: String,
    pub right: String,
}

/// `r`, with "not loaded yet" read as `Ok(None)`: on a lazily opened index the piece is then
/// recorded for [`Index::attempt`] and the answer goes on without it. Other errors stay errors.
fn unless_pending<T>(r: Result<Option<T>, IndexError>) -> Result<Option<T>, IndexError> {
    match r {
        Err(IndexError::NotLoaded { .. }) => Ok(None),
        r => r,
    }
}

/// Why an accessor that answers `None` both for "not loaded yet" and for "does not decode"
/// (`Index::table`, `Index::layout`) gave nothing for the piece `entry`: `NotLoaded` when it
/// is not loaded (a lazily opened index has recorded it), else the piece is corrupt.
fn piece_failure(index: &Index, entry: Option<&PieceEntry>, what: &str) -> IndexError {
    match entry {
        Some(e) if !index.is_loaded(&e.name) => IndexError::NotLoaded { piece: e.name.clone() },
        Some(e) => IndexError::Corrupt { piece: e.name.clone(), detail: format!("{what} does not decode") },
        None => IndexError::Corrupt { piece: MANIFEST_FILE.into(), detail: format!("no piece holds {what}") },
    }
}

/// The metadata of `doc`: `Ok(None)` only while its piece is not loaded (or `doc` is out of
/// range); the piece's own error when it is corrupt.
fn meta_of(index: &Index, doc: u32) -> Result<Option<&DocMeta>, IndexError> {
    match index.meta(doc) {
        Some(m) => Ok(Some(m)),
        // The same document read again, to learn why: the error is kept with the piece.
        None => unless_pending(index.try_article(doc)).map(|_| None),
    }
}

/// Where `doc`'s title and body lie: `Ok(None)` only while its piece is not loaded.
fn layout_of(index: &Index, doc: u32) -> Result<Option<DocLayout>, IndexError> {
    if let Some(l) = index.layout(doc) {
        return Ok(Some(l));
    }
    let entry = index.manifest().pieces.iter().find(|e| e.kind == PieceKind::Layout && e.from <= doc && doc < e.to);
    unless_pending(Err(piece_failure(index, entry, &format!("the layout of document {doc}"))))
}

fn doc_selected<'a>(index: &'a Index, doc: u32, kind: Option<Kind>, unit: &Option<String>) -> Result<Option<&'a DocMeta>, IndexError> {
    Ok(meta_of(index, doc)?.filter(|m| {
        kind.is_none_or(|k| m.kind == k)
            && unit.as_ref().is_none_or(|u| {
                let u = normalize(u);
                m.units.iter().any(|x| normalize(x).contains(&u))
            })
    }))
}

/// [`try_frequencies`], with an empty table where the index fails: for a caller with no place
/// to show an error. Prefer [`try_frequencies`].
pub fn frequencies(index: &Index, opts: &FreqOptions) -> FreqTable {
    try_frequencies(index, opts).unwrap_or_default()
}

/// Word frequencies over the whole corpus or the selected articles.
///
/// The whole corpus, one kind or one unit (named exactly) read the index's precomputed table of
/// that group: one small piece, no postings. Other selections (a kind and a unit together, part
/// of a unit's name) count through the postings of every word. A piece that does not decode is
/// an error naming it.
pub fn try_frequencies(index: &Index, opts: &FreqOptions) -> Result<FreqTable, IndexError> {
    let group = match (opts.kind, &opts.unit) {
        (None, None) => Some(crate::index::tables::ALL.to_string()),
        (Some(k), None) => Some(format!("kind:{}", k.as_str())),
        (None, Some(u)) => Some(format!("unit:{u}")),
        (Some(_), Some(_)) => None,
    };
    match group {
        Some(g) if index.has_table(&g) => {
            let Some(table) = index.table(&g) else {
                let entry = index.manifest().pieces.iter().find(|e| e.kind == PieceKind::Table && e.first == g);
                return Err(piece_failure(index, entry, &format!("the frequency table of {g}")));
            };
            let stop = index.stopwords();
            let mut rows = Vec::new();
            for r in &table.rows {
                if opts.limit > 0 && rows.len() >= opts.limit {
                    break;
                }
                if r.term.chars().count() < opts.min_len || (opts.stopwords && stop.binary_search_by(|s| s.as_str().cmp(&r.term)).is_ok()) {
                    continue;
                }
                rows.push(FreqRow { term: r.term.clone(), count: r.count, per_10k: per_10k(r.count, table.tokens), articles: r.articles });
            }
            let short = opts.limit == 0 || rows.len() < opts.limit;
            Ok(FreqTable { total_tokens: table.tokens, rows, truncated: table.truncated && short })
        }
        // A kind that no article has: nothing to count.
        Some(_) if opts.unit.is_none() => Ok(FreqTable::default()),
        _ => frequencies_from_postings(index, opts),
    }
}

fn per_10k(count: u64, total_tokens: u64) -> f64 {
    if total_tokens == 0 {
        0.0
    } else {
        count as f64 * 10_000.0 / total_tokens as f64
    }
}

/// [`try_frequencies`] for a selection no table holds: every word's postings.
fn frequencies_from_postings(index: &Index, opts: &FreqOptions) -> Result<FreqTable, IndexError> {
    // `for_each_term` passes over a vocabulary piece that does not decode: ask each piece for
    // its first term, which is an error naming a corrupt one.
    for e in index.manifest().pieces.iter().filter(|e| e.kind == PieceKind::Vocab) {
        unless_pending(index.find(Tier::Word, &e.first))?;
    }
    let mut selected = vec![false; index.article_count()];
    let mut total_tokens = 0u64;
    for (d, chosen) in selected.iter_mut().enumerate() {
        if let Some(m) = doc_selected(index, d as u32, opts.kind, &opts.unit)? {
            *chosen = true;
            total_tokens += u64::from(m.tokens);
        }
    }
    let stop = index.stopwords();
    let mut rows = Vec::new();
    let mut failure = None;
    index.for_each_term(|term, ord, _info| {
        if failure.is_some()
            || term.chars().count() < opts.min_len
            || (opts.stopwords && stop.binary_search_by(|s| s.as_str().cmp(term)).is_ok())
        {
            return;
        }
        let list = match unless_pending(index.term_postings(ord).map(Some)) {
            Ok(Some(list)) => list,
            Ok(None) => return,
            Err(e) => {
                failure = Some(e);
                return;
            }
        };
        let (mut count, mut articles) = (0u64, 0u32);
        for (i, d) in list.docs.iter().enumerate() {
            if selected.get(*d as usize).copied().unwrap_or(false) {
                count += u64::from(list.tf_at(i));
                articles += 1;
            }
        }
        if count > 0 {
            rows.push(FreqRow { term: term.to_string(), count, per_10k: per_10k(count, total_tokens), articles });
        }
    });
    if let Some(e) = failure {
        return Err(e);
    }
    crate::order::sort_by(&mut rows, |a, b| b.count.cmp(&a.count).then_with(|| a.term.cmp(&b.term)));
    if opts.limit > 0 {
        rows.truncate(opts.limit);
    }
    Ok(FreqTable { total_tokens, rows, truncated: false })
}

/// Non-overlapping occurrence starts (char offsets) of `term` in the body of each article.
fn body_occurrences(index: &Index, term: &str) -> Result<BTreeMap<u32, Vec<u32>>, IndexError> {
    let norm = normalize(term.trim());
    let len = norm.chars().count() as u32;
    let mut out = BTreeMap::new();
    if len == 0 {
        return Ok(out);
    }
    let mut cache = BTreeMap::new();
    let Some(matches) = unless_pending(char_matches(index, &norm, &mut cache).map(Some))? else {
        return Ok(out);
    };
    for (doc, starts) in matches {
        let Some(m) = layout_of(index, doc)? else { continue };
        let mut kept = Vec::new();
        let mut next_free = 0u32;
        for s in starts {
            if s + len <= m.body_chars && s >= next_free {
                kept.push(s);
                next_free = s + len;
            }
        }
        if !kept.is_empty() {
            out.insert(doc, kept);
        }
    }
    Ok(out)
}

/// The terms as given, without empty ones and without repeats of the same normalised string
/// (so `两带两创 两带两创` counts once).
fn distinct_terms(terms: &[String]) -> Vec<String> {
    let mut seen = std::collections::BTreeSet::new();
    terms
        .iter()
        .filter(|t| {
            let norm = normalize(t.trim());
            !norm.is_empty() && seen.insert(norm)
        })
        .cloned()
        .collect()
}

/// Counts occurrences per article (title + paragraphs). Terms are normalised for matching,
/// reported as given, and repeated terms dropped. `per_term` counts each term on its own;
/// `count` counts places in the text: overlapping matches of several terms (提质增效, 提质
/// and 增效 on the same four characters) are one occurrence, so a theme's total never counts
/// a passage twice.
pub fn theme(index: &Index, terms: &[String]) -> ThemeReport {
    theme_top(index, terms, 0)
}

/// [`theme`], failing with the error of a piece that does not decode.
pub fn try_theme(index: &Index, terms: &[String]) -> Result<ThemeReport, IndexError> {
    try_theme_top(index, terms, 0)
}

/// [`try_theme_top`], with an empty report where the index fails: for a caller with no place
/// to show an error. Prefer [`try_theme_top`].
pub fn theme_top(index: &Index, terms: &[String], limit: usize) -> ThemeReport {
    try_theme_top(index, terms, limit).unwrap_or_default()
}

/// Each article holding any of `terms` (distinct, as [`distinct_terms`] keeps them): `(doc,
/// places, count per term)` in reading order, places counted as [`theme`] counts them. Reads the
/// terms' postings and the documents' layouts only: the one count behind [`try_theme_top`] and
/// the theme's series over time ([`timeline`]).
pub(crate) fn theme_doc_counts(index: &Index, terms: &[String]) -> Result<Vec<(u32, u64, Vec<u64>)>, IndexError> {
    let per_term: Vec<BTreeMap<u32, Vec<u32>>> =
        terms.iter().map(|t| body_occurrences(index, t)).collect::<Result<_, _>>()?;
    let lens: Vec<u32> = terms.iter().map(|t| normalize(t.trim()).chars().count() as u32).collect();
    // Every (doc, term, starts) in reading order, then grouped by doc (a sorted list rather
    // than a map: one more map type costs the web build ~3 KB).
    let mut found: Vec<(u32, usize, &Vec<u32>)> = Vec::new();
    for (i, occ) in per_term.iter().enumerate() {
        found.extend(occ.iter().map(|(doc, starts)| (*doc, i, starts)));
    }
    crate::order::sort_by(&mut found, |a, b| a.0.cmp(&b.0));
    let mut docs: Vec<(u32, Vec<u64>, Vec<(u32, u32)>)> = Vec::new();
    for (doc, i, starts) in found {
        if docs.last().map(|d| d.0) != Some(doc) {
            docs.push((doc, vec![0; terms.len()], Vec::new()));
        }
        if let Some((_, counts, spans)) = docs.last_mut() {
            counts[i] = starts.len() as u64;
            spans.extend(starts.iter().map(|&s| (s, s + lens[i])));
        }
    }
    // Places in the text: overlapping matches of several terms count once.
    let counted: Vec<(u32, u64, Vec<u64>)> = docs
        .into_iter()
        .map(|(doc, counts, mut spans)| {
            crate::order::sort_by(&mut spans, Ord::cmp);
            let mut count = 0u64;
            let mut covered_to = 0u32;
            for (start, end) in spans {
                if count == 0 || start >= covered_to {
                    count += 1;
                    covered_to = end;
                } else {
                    covered_to = covered_to.max(end);
                }
            }
            (doc, count, counts)
        })
        .collect();
    Ok(counted)
}

/// [`theme`] with at most `limit` article rows (0 = all): the articles that hold the terms most
/// often (ties: reading order), listed in reading order. Counting reads the terms' postings and
/// the documents' lengths only; metadata (ids, titles, units) is read for the rows kept, so a
/// common term over an archive costs its postings, not the archive's metadata. A piece that
/// does not decode is an error naming it.
pub fn try_theme_top(index: &Index, terms: &[String], limit: usize) -> Result<ThemeReport, IndexError> {
    let terms = distinct_terms(terms);
    let counted = theme_doc_counts(index, &terms)?;
    let total = counted.iter().map(|c| c.1).sum();
    let mut issues: Vec<IssueCount> = index
        .issues()
        .iter()
        .map(|i| IssueCount { stem: i.stem.clone(), date: i.date.clone(), count: 0, articles: 0 })
        .collect();
    for (doc, count, _) in &counted {
        let n = index.issues().partition_point(|i| i.first_doc + i.docs <= *doc);
        if let Some(row) = issues.get_mut(n) {
            row.count += count;
            row.articles += 1;
        }
    }
    let matched = counted.len();
    let mut kept: Vec<&(u32, u64, Vec<u64>)> = counted.iter().collect();
    if limit > 0 && kept.len() > limit {
        crate::order::sort_by(&mut kept, |a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        kept.truncate(limit);
        crate::order::sort_by(&mut kept, |a, b| a.0.cmp(&b.0));
    }
    let mut articles = Vec::with_capacity(kept.len());
    for (doc, count, per_term) in kept {
        let Some(m) = meta_of(index, *doc)? else { continue };
        articles.push(ThemeRow {
            id: m.id.clone(),
            doc: *doc,
            title: m.title.clone(),
            count: *count,
            per_term: per_term.clone(),
            units: m.units.clone(),
            kind: m.kind,
        });
    }
    Ok(ThemeReport { terms, total, articles, matched, issues })
}

/// The places concordance lines stand at, `(doc, start char, length)` in reading order: every
/// occurrence of any of `terms` in title + paragraphs (then position, the longest term first); a
/// term inside one already chosen is no new place; at most `limit` (0 = all). Positions alone:
/// no document text is read.
pub(crate) fn kwic_places(index: &Index, terms: &[String], limit: usize) -> Result<Vec<(u32, u32, u32)>, IndexError> {
    // Sorted by (doc, start, longest first, term order): one line per place in the text.
    let mut occ: Vec<((u32, u32, std::cmp::Reverse<u32>, usize), u32)> = Vec::new();
    for (i, t) in distinct_terms(terms).iter().enumerate() {
        let len = normalize(t.trim()).chars().count() as u32;
        for (doc, starts) in body_occurrences(index, t)? {
            occ.extend(starts.into_iter().map(|s| ((doc, s, std::cmp::Reverse(len), i), len)));
        }
    }
    crate::order::sort_by(&mut occ, |a, b| a.0.cmp(&b.0));
    // The lines first, from positions alone (body_occurrences keeps only matches inside the
    // body): then the texts of just those documents. Choosing lines while reading texts would,
    // on a lazily opened archive, skip every document whose text is not loaded yet and ask for
    // the whole archive in one round.
    let mut chosen: Vec<(u32, u32, u32)> = Vec::new();
    let mut covered: Option<(u32, u32)> = None; // (doc, end of the last line's keyword)
    for ((doc, start, _, _), len) in occ {
        if limit > 0 && chosen.len() >= limit {
            break;
        }
        // A shorter term inside a longer one already shown (提质 inside 提质增效) is not a new line.
        if matches!(covered, Some((d, end)) if d == doc && start < end) {
            continue;
        }
        covered = Some((doc, start + len));
        chosen.push((doc, start, len));
    }
    Ok(chosen)
}

/// Concordance lines for every occurrence of any of `terms` in title + paragraphs, in reading
/// order (then position, the longest term first); a term inside one already shown is no new line;
/// `context_chars` chars either side (line breaks shown as spaces, never crossing into the
/// metadata); at most `limit` lines (0 = all). A piece that does not decode is an error naming it.
pub fn try_kwic(index: &Index, terms: &[String], context_chars: usize, limit: usize) -> Result<Vec<KwicLine>, IndexError> {
    let chosen = kwic_places(index, terms, limit)?;
    let mut out = Vec::with_capacity(chosen.len());
    let mut current: Option<(u32, Vec<char>)> = None;
    for (doc, start, len) in chosen {
        if current.as_ref().map(|c| c.0) != Some(doc) {
            let Some((text, _, _)) = unless_pending(index.search_text(doc))? else {
                continue;
            };
            current = Some((doc, text.chars().collect()));
        }
        let (Some((_, chars)), Some(m)) = (&current, meta_of(index, doc)?) else {
            continue;
        };
        let body_end = (m.body_chars as usize).min(chars.len());
        let (s, e) = (start as usize, (start + len) as usize);
        if e > body_end {
            continue;
        }
        let show = |r: &[char]| {
            r.iter()
                .map(|&c| if c == '\n' { ' ' } else { c })
                .collect::<String>()
        };
        out.push(KwicLine {
            id: m.id.clone(),
            doc,
            title: m.title.clone(),
            left: show(&chars[s.saturating_sub(context_chars)..s]),
            keyword: show(&chars[s..e]),
            right: show(&chars[e..(e + context_chars).min(body_end)]),
        });
    }
    Ok(out)
}

/// [`try_kwic`], with no lines where the index fails: for a caller with no place to show an
/// error. Prefer [`try_kwic`].
pub fn kwic(index: &Index, terms: &[String], context_chars: usize, limit: usize) -> Vec<KwicLine> {
    try_kwic(index, terms, context_chars, limit).unwrap_or_default()
}

/// The same table as tab-separated values: reads the CSV this module writes (RFC 4180, so one
/// implementation of each table's columns) and writes its cells between tabs, one row a line
/// (`\n`); a tab or line break inside a cell becomes a space, as TSV has no quoting.
pub fn csv_to_tsv(csv: &str) -> String {
    let mut out = String::with_capacity(csv.len());
    let mut chars = csv.chars().peekable();
    let mut quoted = false;
    let mut cell = String::new();
    let flush = |cell: &mut String, out: &mut String| {
        out.extend(cell.chars().map(|c| if matches!(c, '\t' | '\r' | '\n') { ' ' } else { c }));
        cell.clear();
    };
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, ',') => {
                flush(&mut cell, &mut out);
                out.push('\t');
            }
            (false, '\r') => {}
            (false, '\n') => {
                flush(&mut cell, &mut out);
                out.push('\n');
            }
            (false, c) => cell.push(c),
        }
    }
    flush(&mut cell, &mut out);
    out
}

/// One CSV field, quoted when needed (RFC 4180). A cell a spreadsheet would read as a formula
/// (starting with `=`, `+`, `-`, `@`, a tab or a carriage return: theme terms from a shared
/// link land in the header row) gets a leading `'`, so it opens as text.
fn field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{s}") } else { s.to_string() };
    if s.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

fn line(fields: &[String]) -> String {
    let mut l = fields
        .iter()
        .map(|f| field(f))
        .collect::<Vec<_>>()
        .join(",");
    l.push_str("\r\n");
    l
}

/// `term,count,per_10k,articles` (per_10k with 2 decimals).
pub fn freq_csv(table: &FreqTable) -> String {
    let mut s = line(&[
        "term".into(),
        "count".into(),
        "per_10k".into(),
        "articles".into(),
    ]);
    for r in &table.rows {
        s.push_str(&line(&[
            r.term.clone(),
            r.count.to_string(),
            fixed(r.per_10k, 2),
            r.articles.to_string(),
        ]));
    }
    s
}

/// `id,title,kind,units,count,<one column per term>` (units joined with `;`).
pub fn theme_csv(report: &ThemeReport) -> String {
    let mut header: Vec<String> = ["id", "title", "kind", "units", "count"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    header.extend(report.terms.iter().cloned());
    let mut s = line(&header);
    for r in &report.articles {
        let mut row = vec![
            r.id.clone(),
            r.title.clone().unwrap_or_default(),
            r.kind.as_str().to_string(),
            r.units.join(";"),
            r.count.to_string(),
        ];
        row.extend(r.per_term.iter().map(u64::to_string));
        s.push_str(&line(&row));
    }
    s
}

/// `id,title,left,keyword,right`.
pub fn kwic_csv(lines: &[KwicLine]) -> String {
    let mut s = line(&[
        "id".into(),
        "title".into(),
        "left".into(),
        "keyword".into(),
        "right".into(),
    ]);
    for l in lines {
        s.push_str(&line(&[
            l.id.clone(),
            l.title.clone().unwrap_or_default(),
            l.left.clone(),
            l.keyword.clone(),
            l.right.clone(),
        ]));
    }
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn tsv_has_the_csv_cells_between_tabs() {
        let csv = super::line(&["term".into(), "a,b".into(), "say \"hi\"".into(), "=1".into(), "two\nlines".into()])
            + &super::line(&["x".into(), "".into(), "y".into(), "z".into(), "w".into()]);
        assert_eq!(super::csv_to_tsv(&csv), "term\ta,b\tsay \"hi\"\t'=1\ttwo lines\nx\t\ty\tz\tw\n");
    }

    use super::*;

    #[test]
    fn csv_quoting_rfc4180() {
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("两带两创"), "两带两创");
        let t = FreqTable {
            total_tokens: 3,
            rows: vec![FreqRow {
                term: "x,y".into(),
                count: 1,
                per_10k: 3333.333,
                articles: 1,
            }],
            truncated: false,
        };
        assert_eq!(
            freq_csv(&t),
            "term,count,per_10k,articles\r\n\"x,y\",1,3333.33,1\r\n"
        );
    }
}
