//! Sortable concordance (KWIC) for any strings: the lines of [`super::try_kwic`], with sort
//! keys read from the context tokens ([`super::context`]).
//!
//! Takes an index, the terms and [`KwicOptions`]; returns a [`Concordance`]. Guarantees:
//! - Lines stand where [`super::try_kwic`] puts them (exact normalised string occurrences in
//!   title + paragraphs through the character tier; a term inside a longer one already shown
//!   is no new line), so `total` equals the theme count of the same terms.
//! - Width is in characters either side (line breaks shown as spaces); sort keys are in
//!   *tokens*: `1L` is the word just left of the node, `2R` the second word right of it, cut by
//!   the index vocabulary ([`super::context`]), punctuation skipped, never beyond the node's own
//!   paragraph (a missing word is the empty key, which sorts first). `node` sorts by the
//!   matched text. Keys compare by code point; ties keep reading order.
//! - Without sort keys only the lines kept are read; with keys every line's document is read,
//!   at most [`KWIC_SORT_MAX`] lines (the first in reading order), and the answer says so.

use super::context::{body_lines, line_tokens, Tok};
use super::error::AnalysisError;
use super::{kwic_places, meta_of, unless_pending};
use crate::index::Index;
use crate::text::{is_searchable, normalize, normalize_char};
use serde::{Deserialize, Serialize};

/// Characters of context either side when nobody says otherwise (the CLI's `--window`).
pub const KWIC_WINDOW: usize = 15;
/// Most lines a sorted concordance reads and sorts (a common word on an archive has tens of
/// thousands): beyond, the first ones in reading order, and [`Concordance::sorted_of`] says so.
/// As many as the page shows: sorting reads each line's document, and on chinese-poetry 5,000
/// lines of 明月 read 6.9 MB and took 14 s in the browser.
pub const KWIC_SORT_MAX: usize = 1000;
/// Most sort keys.
pub const MAX_SORT_KEYS: usize = 3;

/// One sort key: a word left or right of the node (1 = adjacent, up to 3), or the node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SortKey {
    Left(u8),
    Right(u8),
    Node,
}

impl SortKey {
    /// `1L`…`3L`, `1R`…`3R`, `node` (also `L1`, `r2`, `0`, `c`, `kw`): any case.
    pub fn parse(s: &str) -> Option<SortKey> {
        let s = s.trim().to_ascii_uppercase();
        if matches!(s.as_str(), "NODE" | "0" | "C" | "KW" | "KEY") {
            return Some(SortKey::Node);
        }
        let (digit, side) = match s.as_bytes() {
            [d @ b'1'..=b'3', side] | [side, d @ b'1'..=b'3'] => (*d - b'0', *side),
            _ => return None,
        };
        match side {
            b'L' => Some(SortKey::Left(digit)),
            b'R' => Some(SortKey::Right(digit)),
            _ => None,
        }
    }
    pub fn name(self) -> String {
        match self {
            SortKey::Left(n) => format!("{n}L"),
            SortKey::Right(n) => format!("{n}R"),
            SortKey::Node => "node".into(),
        }
    }
}

/// Parses `1R,2R` (commas or spaces; empty: reading order). At most [`MAX_SORT_KEYS`].
pub fn parse_sort(s: &str) -> Result<Vec<SortKey>, AnalysisError> {
    let mut keys = Vec::new();
    for part in s.split([',', ' ']).filter(|p| !p.trim().is_empty()) {
        let key = SortKey::parse(part).ok_or_else(|| AnalysisError::BadOption {
            option: "sort".into(),
            detail: format!("{part:?} is not a sort key: use 1L 2L 3L 1R 2R 3R or node, e.g. 1R,2R"),
        })?;
        keys.push(key);
    }
    if keys.len() > MAX_SORT_KEYS {
        return Err(AnalysisError::BadOption { option: "sort".into(), detail: format!("at most {MAX_SORT_KEYS} keys, got {}", keys.len()) });
    }
    Ok(keys)
}

/// What [`concordance`] shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KwicOptions {
    /// Characters of context either side.
    pub window: usize,
    /// Up to three keys, the first the most significant; empty: reading order.
    pub sort: Vec<SortKey>,
    /// Most lines returned (0 = all).
    pub limit: usize,
}

impl Default for KwicOptions {
    fn default() -> Self {
        KwicOptions { window: KWIC_WINDOW, sort: Vec::new(), limit: 0 }
    }
}

/// One concordance line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConcordanceLine {
    /// Article id.
    pub id: String,
    pub doc: u32,
    pub title: Option<String>,
    pub left: String,
    /// The node as printed in the article.
    pub node: String,
    pub right: String,
    /// Char offset of the node in the article's search text (title + `\n` + paragraphs).
    pub start: u32,
    /// The sort keys' values (normalised words; empty when the paragraph ends first), in the
    /// order of [`KwicOptions::sort`].
    pub keys: Vec<String>,
}

/// A concordance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Concordance {
    /// The terms, joined by spaces.
    pub query: String,
    /// Lines in the corpus (before `limit`).
    pub total: usize,
    pub lines: Vec<ConcordanceLine>,
    /// The sort keys applied (`1R`, `node`, …).
    pub sort: Vec<String>,
    /// With sort keys: how many lines were sorted (`total`, or [`KWIC_SORT_MAX`] when more).
    pub sorted_of: usize,
}

/// A concordance of `terms` (each an exact string; see the module doc).
pub fn concordance(index: &Index, terms: &[String], opts: &KwicOptions) -> Result<Concordance, AnalysisError> {
    if !terms.iter().any(|t| is_searchable(&normalize(t))) {
        return Err(AnalysisError::EmptyQuery { what: "concordance query".into() });
    }
    if opts.sort.len() > MAX_SORT_KEYS {
        return Err(AnalysisError::BadOption { option: "sort".into(), detail: format!("at most {MAX_SORT_KEYS} keys") });
    }
    let terms: Vec<String> = terms.iter().filter(|t| is_searchable(&normalize(t))).cloned().collect();
    let places = kwic_places(index, &terms, 0)?;
    let total = places.len();
    let read = if opts.sort.is_empty() {
        if opts.limit > 0 { opts.limit.min(total) } else { total }
    } else {
        total.min(KWIC_SORT_MAX)
    };
    let mut lines = Vec::with_capacity(read);
    let mut i = 0;
    while i < read {
        let doc = places[i].0;
        let mut j = i;
        while j < read && places[j].0 == doc {
            j += 1;
        }
        doc_lines(index, &places[i..j], opts, &mut lines)?;
        i = j;
    }
    if !opts.sort.is_empty() {
        crate::order::sort_by(&mut lines, |a, b| a.keys.cmp(&b.keys));
    }
    if opts.limit > 0 {
        lines.truncate(opts.limit);
    }
    Ok(Concordance {
        query: terms.join(" "),
        total,
        lines,
        sort: opts.sort.iter().map(|k| k.name()).collect(),
        sorted_of: if opts.sort.is_empty() { 0 } else { read },
    })
}

/// The lines of one document's places (all in `doc`, in reading order).
fn doc_lines(index: &Index, places: &[(u32, u32, u32)], opts: &KwicOptions, out: &mut Vec<ConcordanceLine>) -> Result<(), AnalysisError> {
    let Some(&(doc, _, _)) = places.first() else { return Ok(()) };
    let Some((text, _, _)) = unless_pending(index.search_text(doc))? else { return Ok(()) };
    let Some(m) = meta_of(index, doc)? else { return Ok(()) };
    let chars: Vec<char> = text.chars().collect();
    let body_end = (m.body_chars as usize).min(chars.len());
    let norm: Vec<char> = chars[..body_end].iter().map(|&c| normalize_char(c)).collect();
    let lines = body_lines(&norm);
    // Tokens of each paragraph holding a place, cut once with every place in it as a node.
    let mut cut: Vec<(usize, Vec<Tok>)> = Vec::new();
    if !opts.sort.is_empty() {
        for (k, (line_start, line)) in lines.iter().enumerate() {
            let end = line_start + line.len();
            let nodes: Vec<(usize, usize)> = places
                .iter()
                .map(|&(_, s, l)| (s as usize, (s + l) as usize))
                .filter(|&(s, e)| s >= *line_start && e <= end)
                .map(|(s, e)| (s - line_start, e - line_start))
                .collect();
            if !nodes.is_empty() {
                cut.push((k, line_tokens(index, line, &nodes)?));
            }
        }
    }
    let show = |r: &[char]| r.iter().map(|&c| if c == '\n' { ' ' } else { c }).collect::<String>();
    for &(_, start, len) in places {
        let (s, e) = (start as usize, (start + len) as usize);
        if e > body_end {
            continue;
        }
        let mut keys = Vec::with_capacity(opts.sort.len());
        if !opts.sort.is_empty() {
            let k = lines.partition_point(|(ls, _)| *ls <= s).saturating_sub(1);
            let line_start = lines[k].0;
            let toks = cut.iter().find(|(n, _)| *n == k).map(|(_, t)| t.as_slice()).unwrap_or(&[]);
            let at = toks.iter().position(|t| t.node && t.start + line_start == s);
            for key in &opts.sort {
                let word = match (key, at) {
                    (SortKey::Node, _) => norm[s..e].iter().collect(),
                    (SortKey::Left(n), Some(at)) => at.checked_sub(*n as usize).and_then(|i| toks.get(i)).map(|t| t.text.clone()).unwrap_or_default(),
                    (SortKey::Right(n), Some(at)) => toks.get(at + *n as usize).map(|t| t.text.clone()).unwrap_or_default(),
                    _ => String::new(),
                };
                keys.push(word);
            }
        }
        out.push(ConcordanceLine {
            id: m.id.clone(),
            doc,
            title: m.title.clone(),
            left: show(&chars[s.saturating_sub(opts.window)..s]),
            node: show(&chars[s..e]),
            right: show(&chars[e..(e + opts.window).min(body_end)]),
            start,
            keys,
        });
    }
    Ok(())
}

/// `id,title,left,keyword,right` (as [`super::kwic_csv`]) plus one column per sort key.
pub fn concordance_csv(c: &Concordance) -> String {
    let mut header: Vec<String> = ["id", "title", "left", "keyword", "right"].iter().map(|s| s.to_string()).collect();
    header.extend(c.sort.iter().cloned());
    let mut s = super::line(&header);
    for l in &c.lines {
        let mut row = vec![l.id.clone(), l.title.clone().unwrap_or_default(), l.left.clone(), l.node.clone(), l.right.clone()];
        row.extend(l.keys.iter().cloned());
        s.push_str(&super::line(&row));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sort_keys_parse_and_refuse() {
        assert_eq!(parse_sort("1R,2R").unwrap(), vec![SortKey::Right(1), SortKey::Right(2)]);
        assert_eq!(parse_sort("l3 node").unwrap(), vec![SortKey::Left(3), SortKey::Node]);
        assert_eq!(parse_sort("").unwrap(), vec![]);
        assert!(matches!(parse_sort("4R"), Err(AnalysisError::BadOption { .. })));
        assert!(matches!(parse_sort("1L,2L,3L,1R"), Err(AnalysisError::BadOption { .. })));
        assert_eq!(SortKey::Right(2).name(), "2R");
    }
}
