//! Query: parse a query string, match it against the index, rank, and cut snippets.
//!
//! Takes an [`Index`] and a query string; returns [`SearchResults`] (plain data: the CLI prints
//! it, the wasm API converts it, the views render it). Guarantees:
//! - **Recall**: every plain term and phrase is matched as an exact (normalised) substring of
//!   an article's search text through the character tier, so every article holding the string
//!   is found, whatever the segmenter did. The word tier only ranks.
//! - **Ranking**: BM25 ([`Bm25Params`]) over the word tier with a title boost. An article where
//!   every query group matches as indexed words ranks above every article matched only as a
//!   substring (score ≥ 1 versus < 1); ties go to reading order.
//! - **Bounded**: queries over [`MAX_QUERY_CHARS`] chars or [`MAX_ATOMS`] terms are refused with
//!   a [`QueryError`]; an unclosed quote runs to the end of the query.
//!
//! Syntax: words are ANDed; `"exact phrase"` (also “…”); `A OR B`; `-word` excludes (but `-45μm`,
//! a minus before a digit, is a term); `author:X`, `photographer:X`, `unit:X`, `title:X`
//! (substring filters) and `kind:news|photo|feature|literature`; `-unit:X` negates a filter. Terms made only of punctuation are dropped.

mod closest;
mod parse;
pub(crate) mod search;
mod snippet;

pub use closest::{closest, ClosestArticle, ClosestMatch, ClosestReason};
pub use parse::{any_of, parse, quote_term, with_filter, Atom, Field, Filter, ParsedQuery, MAX_ATOMS, MAX_QUERY_CHARS};
pub use search::{alternatives, close_terms, highlight, pinyin_suggest, search, search_with, suggest, Alternative, FACET_DOCS};
pub use snippet::merge as merge_spans;

use crate::corpus::Kind;
pub use crate::index::Facets;
use crate::index::IndexError;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Hits per page when nobody says otherwise: [`SearchOptions::default`], so the CLI's
/// `--limit`, the JS API's `search` and the page's result pages start from the same number.
pub const SEARCH_LIMIT: usize = 20;

/// Paging and snippet length.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchOptions {
    pub limit: usize,
    pub offset: usize,
    /// Approximate snippet length in chars (clamped to 10..=2000).
    pub snippet_chars: usize,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            limit: SEARCH_LIMIT,
            offset: 0,
            snippet_chars: 80,
        }
    }
}

/// BM25 ranking knobs. Every field has a default and a legal range; [`Bm25Params::clamped`]
/// forces values into range (NaN becomes the default).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bm25Params {
    /// Term-frequency saturation, default 1.2, range 0..=3.
    pub k1: f32,
    /// Length normalisation, default 0.75, range 0..=1.
    pub b: f32,
    /// A title occurrence counts as this many body occurrences, default 3, range 1..=20.
    pub title_boost: f32,
}

impl Default for Bm25Params {
    fn default() -> Self {
        Bm25Params {
            k1: 1.2,
            b: 0.75,
            title_boost: 3.0,
        }
    }
}

impl Bm25Params {
    pub fn clamped(&self) -> Bm25Params {
        let d = Bm25Params::default();
        let c = |v: f32, lo: f32, hi: f32, def: f32| if v.is_nan() { def } else { v.clamp(lo, hi) };
        Bm25Params {
            k1: c(self.k1, 0.0, 3.0, d.k1),
            b: c(self.b, 0.0, 1.0, d.b),
            title_boost: c(self.title_boost, 1.0, 20.0, d.title_boost),
        }
    }
}

/// The answer to a query.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    pub query: String,
    /// Matching articles (all pages).
    pub total: usize,
    pub hits: Vec<Hit>,
    /// Query terms and phrases found nowhere in the corpus.
    pub missing: Vec<String>,
    /// Strings to highlight in the reader (the positive terms and phrases, normalised).
    pub highlight: Vec<String>,
    /// Facets over all matching articles, not just this page; when more than
    /// [`FACET_DOCS`] match, over this page's hits.
    pub facets: Facets,
    /// How many articles the facets count: `total`, or this page's hits.
    pub facet_docs: usize,
}

/// One matching article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    pub id: String,
    pub doc: u32,
    pub title: Option<String>,
    pub score: f32,
    pub snippet: Snippet,
    pub authors: Vec<String>,
    pub units: Vec<String>,
    pub kind: Kind,
    /// Bylines, units, column and subtitle that hold a query term or a filter's value: why
    /// the article was found when its text does not say it.
    pub matched: Vec<FieldMatch>,
}

/// One field of a hit that holds a query term or a filter's value, with where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldMatch {
    /// `subtitle`, `column`, `author`, `photographer` or `unit`.
    pub field: String,
    pub text: String,
    /// `[start, end)` char offsets into `text`.
    pub highlights: Vec<[usize; 2]>,
}

/// A piece of article text with highlight spans as `[start, end)` CHAR offsets into `text`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Snippet {
    pub text: String,
    pub highlights: Vec<[usize; 2]>,
}

/// A prefix completion from the term dictionary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    pub term: String,
    /// Occurrences in the corpus.
    pub count: u64,
}

/// Why a query could not be run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum QueryError {
    /// Nothing but whitespace.
    Empty,
    /// Only punctuation (nothing searchable).
    OnlyPunctuation { query: String },
    /// Longer than [`MAX_QUERY_CHARS`].
    TooLong { chars: usize, max: usize },
    /// More than [`MAX_ATOMS`] terms, phrases and filters.
    TooManyTerms { count: usize, max: usize },
    /// A field filter with a bad value (`kind:xyz`, `unit:` with nothing after it).
    BadFilter {
        field: String,
        value: String,
        detail: String,
    },
    /// The index is corrupt where this query needed it.
    Index(IndexError),
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QueryError::Empty => write!(
                f,
                "the query is empty: type a word, a \"phrase\" or a filter such as unit:热电分厂"
            ),
            QueryError::OnlyPunctuation { query } => {
                write!(f, "the query \"{query}\" holds only punctuation; add a word or a character to search for")
            }
            QueryError::TooLong { chars, max } => write!(
                f,
                "the query has {chars} characters; the limit is {max}, shorten it"
            ),
            QueryError::TooManyTerms { count, max } => write!(
                f,
                "the query has {count} terms; the limit is {max}, use fewer"
            ),
            QueryError::BadFilter {
                field,
                value,
                detail,
            } => write!(f, "filter {field}:{value}: {detail}"),
            QueryError::Index(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for QueryError {}

impl From<IndexError> for QueryError {
    fn from(e: IndexError) -> Self {
        QueryError::Index(e)
    }
}
