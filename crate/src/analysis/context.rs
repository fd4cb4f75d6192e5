//! Context tokens: what "a token" means for concordance sort keys, collocation windows and
//! n-grams, the same natively and in WebAssembly.
//!
//! Takes a normalised line of text and the char spans of the node in it; returns word tokens
//! with their char spans. A line is cut by the query-time segmenter
//! ([`crate::text::segment_by_vocab`]: the most probable path over the index's own vocabulary,
//! with its corpus frequencies), not by jieba, because the browser has no jieba dictionary. The
//! vocabulary holds exactly the words jieba cut at index time, so the two cuts agree on nearly
//! every word; where they do not, the context cut is the one used (and said so in the views).
//! Guarantees:
//! - each node span is one token (marked [`Tok::node`]), even inside a word (薄水 in
//!   拟薄水铝石): the text either side of it is cut on its own;
//! - punctuation and whitespace are not tokens (as in the word tier's token counts);
//! - a token never spans a line break: windows stop at the end of a paragraph (the caller
//!   passes one line at a time).

use crate::index::{Index, IndexError, Tier};
use crate::text::{is_word_token, segment_by_vocab};
use std::cell::RefCell;

/// One token of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tok {
    /// Normalised text.
    pub text: String,
    /// Char span `[start, end)` in the line.
    pub start: usize,
    pub end: usize,
    /// True for a node span given by the caller.
    pub node: bool,
}

/// The word tokens of `line` (normalised chars), with `nodes` (sorted, non-overlapping char
/// spans) as tokens of their own. A vocabulary piece that does not decode is an error naming
/// it (a piece not loaded yet is not: the cut goes on without it and [`Index::attempt`] names it).
pub fn line_tokens(index: &Index, line: &[char], nodes: &[(usize, usize)]) -> Result<Vec<Tok>, IndexError> {
    let failure: RefCell<Option<IndexError>> = RefCell::new(None);
    let lookup = |w: &str| match index.find(Tier::Word, w) {
        Ok(found) => found.map(|(_, info)| info.coll_freq),
        Err(IndexError::NotLoaded { .. }) => None,
        Err(e) => {
            failure.borrow_mut().get_or_insert(e);
            None
        }
    };
    let mut out = Vec::new();
    let mut at = 0usize;
    for &(s, e) in nodes {
        if s < at || e > line.len() || s >= e {
            continue;
        }
        cut(index, &lookup, line, at, s, &mut out);
        out.push(Tok { text: line[s..e].iter().collect(), start: s, end: e, node: true });
        at = e;
    }
    cut(index, &lookup, line, at, line.len(), &mut out);
    match failure.into_inner() {
        Some(e) => Err(e),
        None => Ok(out),
    }
}

/// Appends the word tokens of `line[from..to]`.
fn cut(index: &Index, lookup: &impl Fn(&str) -> Option<u64>, line: &[char], from: usize, to: usize, out: &mut Vec<Tok>) {
    let total = index.stats().tokens;
    let mut i = from;
    while i < to {
        if line[i].is_whitespace() {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < to && !line[j].is_whitespace() {
            j += 1;
        }
        let run: String = line[i..j].iter().collect();
        let mut at = i;
        for seg in segment_by_vocab(&run, total, lookup) {
            let len = seg.text.chars().count();
            if is_word_token(&seg.text) {
                out.push(Tok { text: seg.text, start: at, end: at + len, node: false });
            }
            at += len;
        }
        i = j;
    }
}

/// The lines of a body (title + paragraphs of a search text, normalised) with the char
/// offset where each starts.
pub fn body_lines(body: &[char]) -> Vec<(usize, &[char])> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in body.iter().enumerate() {
        if *c == '\n' {
            out.push((start, &body[start..i]));
            start = i + 1;
        }
    }
    out.push((start, &body[start..]));
    out
}
