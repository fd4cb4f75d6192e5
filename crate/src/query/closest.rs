//! *This article id no longer exists: what did the link mean?* Shared links name an article by
//! `<issue stem>-<hash of its opening>` ([`crate::corpus::article_id`]). When a re-extraction or
//! a better cleaner changes an article's opening, its id changes and old links break; this finds
//! what such a link most likely meant, from what the id and the link still say.
//!
//! Takes the index, the id and the link's highlight query (`#/article/<id>?q=…`, may be empty).
//! Returns the issue the id names (when it still exists) and its articles ranked: an id that
//! differs only in its repeat suffix (`-2`) first, then articles holding the link's query (most
//! occurrences first), then the rest in reading order. Reads only that issue's metadata and
//! text, never the whole archive.

use super::search::char_matches;
use crate::index::{Index, IssueInfo};
use crate::text::normalize;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

impl ClosestReason {
    /// The name used in JSON and in the page's `data-reason`.
    pub fn as_str(self) -> &'static str {
        match self {
            ClosestReason::SameOpening => "same_opening",
            ClosestReason::HoldsQuery => "holds_query",
            ClosestReason::SameIssue => "same_issue",
        }
    }
}

/// What a missing id most likely meant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct ClosestMatch {
    /// The issue named by the id's stem, when the index still has it.
    pub issue: Option<IssueInfo>,
    /// That issue's articles, best first.
    pub articles: Vec<ClosestArticle>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClosestArticle {
    pub id: String,
    pub doc: u32,
    pub title: Option<String>,
    /// Why it ranks where it does.
    pub reason: ClosestReason,
    /// Occurrences of the link's query terms in the article (0 without a query).
    pub hits: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClosestReason {
    /// Same id but for the repeat suffix (`…-2` for `…`, or the other way round).
    SameOpening,
    /// Holds the link's query.
    HoldsQuery,
    /// Another article of the same issue.
    SameIssue,
}

/// The articles a missing `id` most likely meant; `query` is the link's highlight query.
pub fn closest(index: &Index, id: &str, query: &str) -> ClosestMatch {
    let issues = index.issues();
    // The longest stem that the id starts with, followed by '-'.
    let Some(issue) = issues
        .iter()
        .filter(|i| id.strip_prefix(i.stem.as_str()).is_some_and(|rest| rest.starts_with('-')))
        .max_by_key(|i| i.stem.len())
    else {
        return ClosestMatch::default();
    };
    let base = |s: &str| -> String {
        // `<stem>-<hash>` and `<stem>-<hash>-<n>` share their base.
        let rest = &s[issue.stem.len() + 1..];
        let hash = rest.split('-').next().unwrap_or(rest);
        hash.to_string()
    };
    let wanted = base(id);
    let docs = issue.first_doc..issue.first_doc + issue.docs;
    // Occurrences of each query term inside this issue.
    let mut hits: BTreeMap<u32, u32> = BTreeMap::new();
    if let Ok(q) = super::parse(query) {
        let mut cache = BTreeMap::new();
        for atom in q.positive_atoms() {
            if let Ok(m) = char_matches(index, &normalize(&atom.text), &mut cache) {
                for (doc, starts) in m.range(docs.clone()) {
                    *hits.entry(*doc).or_default() += starts.len() as u32;
                }
            }
        }
    }
    let mut articles: Vec<ClosestArticle> = docs
        .filter_map(|doc| {
            let m = index.meta(doc)?;
            let n = hits.get(&doc).copied().unwrap_or(0);
            let reason = if m.id != id && base(&m.id) == wanted {
                ClosestReason::SameOpening
            } else if n > 0 {
                ClosestReason::HoldsQuery
            } else {
                ClosestReason::SameIssue
            };
            Some(ClosestArticle { id: m.id.clone(), doc, title: m.title.clone(), reason, hits: n })
        })
        .collect();
    crate::order::sort_by(&mut articles, |a, b| a.reason.cmp(&b.reason).then(b.hits.cmp(&a.hits)).then(a.doc.cmp(&b.doc)));
    ClosestMatch { issue: Some(issue.clone()), articles }
}
