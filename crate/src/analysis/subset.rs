//! Subsets of the corpus, written as search filters: what keyness compares.
//!
//! Takes an index and a string such as `kind:literature`, `unit:氧化铝厂`, `-kind:photo`, an
//! issue stem (`000_d2874fb822b0e5bc` or `issue:…`), article ids (`id:<id>,<id>` or a bare id),
//! `author:…`, `photographer:…`, `title:…`, or `all`; returns a [`Subset`]: the documents it
//! selects and, when one precomputed frequency table covers exactly those documents, that
//! table's group. Rules: terms of the same field are ORed (`kind:news kind:feature`, as are
//! the comma-separated values of one term), different fields ANDed, a leading `-` excludes.
//! `unit:`, `author:`, `photographer:` and `title:` match a substring of that field, as search's
//! filters do, through the character tier (no metadata is read); `kind:` reads the per-document
//! layouts; issues come from the manifest and ids from the id map.

use super::error::AnalysisError;
use crate::corpus::Kind;
use crate::index::postings::Region;
use crate::index::{Index, IndexError, PieceKind};
use crate::query::search::char_starts;
use crate::text::normalize;
use std::collections::BTreeMap;

/// A resolved subset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subset {
    /// As written (trimmed).
    pub text: String,
    /// `docs[d]`: document d is in the subset.
    pub docs: Vec<bool>,
    /// The group of a precomputed table that covers exactly these documents (`all`,
    /// `kind:literature`, `unit:<unit>`).
    pub table: Option<String>,
}

impl Subset {
    pub fn len(&self) -> usize {
        self.docs.iter().filter(|&&b| b).count()
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Every document not in this subset.
    pub fn rest(&self) -> Subset {
        Subset { text: format!("rest of {}", self.text), docs: self.docs.iter().map(|b| !b).collect(), table: None }
    }
}

/// Fields a subset term may name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum SubsetField {
    Kind,
    Unit,
    Author,
    Photographer,
    Title,
    Issue,
    Id,
}

/// Resolves `text` (see the module doc). An empty subset, or a term that names nothing the
/// corpus has (`kind:poem`, an unknown issue or id), is an error that says which.
pub fn resolve(index: &Index, text: &str) -> Result<Subset, AnalysisError> {
    let text = text.trim();
    let n = index.article_count();
    let unknown = |detail: String| AnalysisError::UnknownSubset { subset: text.to_string(), detail };
    if text.is_empty() {
        return Err(unknown("nothing written".into()));
    }
    if text == "all" || text == "*" {
        return Ok(Subset { text: text.into(), docs: vec![true; n], table: Some(crate::index::tables::ALL.into()) });
    }
    // field → (values ORed, negated) per term
    let mut include: BTreeMap<SubsetField, Vec<bool>> = BTreeMap::new();
    let mut exclude = vec![false; n];
    let mut single: Vec<(SubsetField, String)> = Vec::new();
    let mut cache = BTreeMap::new();
    for term in text.split_whitespace() {
        let (negated, body) = match term.strip_prefix('-') {
            Some(rest) if !rest.is_empty() => (true, rest),
            _ => (false, term),
        };
        let (field, values) = match body.split_once(':') {
            Some((name, value)) => {
                let field = match name.to_ascii_lowercase().as_str() {
                    "kind" => SubsetField::Kind,
                    "unit" => SubsetField::Unit,
                    "author" => SubsetField::Author,
                    "photographer" => SubsetField::Photographer,
                    "title" => SubsetField::Title,
                    "issue" => SubsetField::Issue,
                    "id" => SubsetField::Id,
                    _ => return Err(unknown(format!("{name:?} is not a field"))),
                };
                (field, value)
            }
            None if index.issues().iter().any(|i| i.stem == body) => (SubsetField::Issue, body),
            None => match index.find_id(body) {
                Ok(Some(_)) => (SubsetField::Id, body),
                Ok(None) => return Err(unknown(format!("{body:?} is neither a filter, an issue stem nor an article id"))),
                Err(e) => return Err(e.into()),
            },
        };
        let mut docs = vec![false; n];
        let values: Vec<&str> = values.split(',').map(str::trim).filter(|v| !v.is_empty()).collect();
        if values.is_empty() {
            return Err(unknown(format!("{body:?} needs a value after the colon")));
        }
        for v in &values {
            select(index, field, v, &mut docs, &mut cache).map_err(|e| match e {
                AnalysisError::UnknownSubset { detail, .. } => unknown(detail),
                e => e,
            })?;
        }
        if negated {
            or_into(&mut exclude, &docs);
        } else {
            if values.len() == 1 {
                single.push((field, normalize(values[0])));
            }
            match include.get_mut(&field) {
                Some(acc) => or_into(acc, &docs),
                None => {
                    include.insert(field, docs);
                }
            }
        }
    }
    let mut docs = vec![true; n];
    for set in include.values() {
        for (d, s) in docs.iter_mut().zip(set) {
            *d &= *s;
        }
    }
    for (d, x) in docs.iter_mut().zip(&exclude) {
        *d &= !*x;
    }
    // One positive term of kind or unit, and nothing else: its table covers exactly these docs.
    let table = match (single.as_slice(), include.len(), exclude.iter().any(|&x| x)) {
        ([(SubsetField::Kind, k)], 1, false) => Some(format!("kind:{k}")).filter(|g| index.has_table(g)),
        ([(SubsetField::Unit, u)], 1, false) => unit_table(index, u),
        _ => None,
    };
    let s = Subset { text: text.to_string(), docs, table };
    if s.is_empty() {
        return Err(AnalysisError::EmptySubset { subset: text.to_string() });
    }
    Ok(s)
}

/// The table of the one unit whose name holds `value` when that name is `value` itself (so a
/// substring filter and the exact table agree).
fn unit_table(index: &Index, value: &str) -> Option<String> {
    let units: Vec<&str> = index
        .manifest()
        .pieces
        .iter()
        .filter(|e| e.kind == PieceKind::Table)
        .filter_map(|e| e.first.strip_prefix("unit:"))
        .filter(|u| normalize(u).contains(value))
        .collect();
    match units.as_slice() {
        [u] if normalize(u) == value => Some(format!("unit:{u}")),
        _ => None,
    }
}

fn or_into(acc: &mut [bool], docs: &[bool]) {
    for (a, d) in acc.iter_mut().zip(docs) {
        *a |= *d;
    }
}

/// Marks the documents `field:value` selects.
fn select(
    index: &Index,
    field: SubsetField,
    value: &str,
    docs: &mut [bool],
    cache: &mut BTreeMap<String, Option<crate::index::PostingList>>,
) -> Result<(), AnalysisError> {
    let unknown = |detail: String| AnalysisError::UnknownSubset { subset: value.to_string(), detail };
    match field {
        SubsetField::Kind => {
            let kind = Kind::parse(&normalize(value)).ok_or_else(|| unknown(format!("kind {value:?} is not one of news, photo, feature, literature")))?;
            for (d, slot) in docs.iter_mut().enumerate() {
                match index.layout(d as u32) {
                    Some(l) => *slot |= l.kind == kind,
                    None => {
                        // Not loaded yet (recorded for Index::attempt) or corrupt: say which.
                        let entry = index.manifest().pieces.iter().find(|e| e.kind == PieceKind::Layout && e.from <= d as u32 && (d as u32) < e.to);
                        if let Some(e) = entry {
                            if index.is_loaded(&e.name) {
                                return Err(IndexError::Corrupt { piece: e.name.clone(), detail: format!("the layout of document {d} does not decode") }.into());
                            }
                        }
                    }
                }
            }
        }
        SubsetField::Issue => {
            let issue = index.issues().iter().find(|i| i.stem == value).ok_or_else(|| unknown(format!("no issue {value:?}")))?;
            for d in issue.first_doc..issue.first_doc + issue.docs {
                if let Some(slot) = docs.get_mut(d as usize) {
                    *slot = true;
                }
            }
        }
        SubsetField::Id => match index.find_id(value) {
            Ok(Some(d)) => {
                if let Some(slot) = docs.get_mut(d as usize) {
                    *slot = true;
                }
            }
            Ok(None) => return Err(unknown(format!("no article {value:?}"))),
            Err(IndexError::NotLoaded { .. }) => {}
            Err(e) => return Err(e.into()),
        },
        SubsetField::Unit | SubsetField::Author | SubsetField::Photographer | SubsetField::Title => {
            let region = match field {
                SubsetField::Unit => Region::Units,
                SubsetField::Author => Region::Authors,
                SubsetField::Photographer => Region::Photographers,
                _ => Region::Title,
            };
            let found = match char_starts(index, &normalize(value), cache) {
                Ok(f) => f,
                Err(IndexError::NotLoaded { .. }) => BTreeMap::new(),
                Err(e) => return Err(e.into()),
            };
            for (d, starts) in found {
                if starts.in_region(region) > 0 {
                    if let Some(slot) = docs.get_mut(d as usize) {
                        *slot = true;
                    }
                }
            }
        }
    }
    Ok(())
}
