//! The cleaned corpus: the serde model of `corpus/clean/<raw-file-stem>.json`.
//!
//! This is the contract between the cleaner and everything after it (index, query, the web
//! app, and other tools that read the JSON). Field names and meanings follow
//! `design.md` → "Contracts other tools rely on"; adding a field is allowed, renaming is not.

use serde::{Deserialize, Serialize};

/// One cleaned issue of the paper: every article of it, plus what could not be placed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Issue {
    /// Path of the raw file, relative to the repository root (`corpus/raw/<file>`).
    pub source: String,
    /// Name of the paper, e.g. 劲旅.
    pub publication: String,
    /// `YYYY-MM` of the issue when the text gives it.
    pub date: Option<String>,
    /// Articles in reading order.
    pub articles: Vec<Article>,
    /// Raw text that could not be attached to an article. Nothing is dropped silently.
    pub unplaced: Vec<String>,
    /// Page editors named in the issue (`责编／苗 滨` → 苗滨), in reading order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub editors: Vec<String>,
}

/// The kind of an article, as a reader of the paper would file it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    News,
    Photo,
    Feature,
    Literature,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::News, Kind::Photo, Kind::Feature, Kind::Literature];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::News => "news",
            Kind::Photo => "photo",
            Kind::Feature => "feature",
            Kind::Literature => "literature",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// One article as printed: metadata plus paragraphs (a poem keeps one paragraph per line).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// Stable, unique across the corpus: `<raw-file-stem>-<ordinal>`.
    pub id: String,
    /// `None` when the text has no title (lost in the extraction).
    pub title: Option<String>,
    pub subtitle: Option<String>,
    pub authors: Vec<String>,
    pub photographers: Vec<String>,
    pub units: Vec<String>,
    pub kind: Kind,
    /// Column label (栏目) such as 两带两创, when the article stands under one.
    pub column: Option<String>,
    pub paragraphs: Vec<String>,
}

/// Slogans an issue prints in quotes (“两带两创”): the contents of each “…” of 2 to 10
/// characters made only of letters, digits and ideographs, as written. The cleaner uses them
/// to recognise slogan lines, the index builder to keep them whole as words.
pub fn quoted_slogans(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('“') {
        let after = &rest[open + '“'.len_utf8()..];
        let Some(close) = after.find('”') else { break };
        let inner = &after[..close];
        if (2..=10).contains(&inner.chars().count()) && inner.chars().all(char::is_alphanumeric) {
            out.push(inner);
        }
        rest = &after[close..];
    }
    out
}
