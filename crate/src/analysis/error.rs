//! Why an analysis (concordance, collocates, keyness, dispersion, n-grams) could not answer:
//! a bad request, said so the user can fix it, or an index piece that failed, named.

use crate::index::IndexError;
use std::fmt;

/// Everything an analysis can refuse or fail with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnalysisError {
    /// No term to look for (empty, or only punctuation).
    EmptyQuery { what: String },
    /// A subset (`kind:literature`, `unit:…`, an issue stem, an article id) the corpus cannot
    /// resolve: what was written and why.
    UnknownSubset { subset: String, detail: String },
    /// A subset that selects no article (or every article, when the rest is the reference).
    EmptySubset { subset: String },
    /// An option out of range (`--sort 4R`, `--by page`).
    BadOption { option: String, detail: String },
    /// The index failed where the analysis needed it.
    Index(IndexError),
}

impl fmt::Display for AnalysisError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AnalysisError::EmptyQuery { what } => {
                write!(f, "the {what} is empty: give a word or a string of characters (punctuation alone finds nothing)")
            }
            AnalysisError::UnknownSubset { subset, detail } => write!(
                f,
                "subset {subset:?}: {detail}; write kind:news|photo|feature|literature, unit:<unit>, author:<name>, title:<text>, issue:<stem>, an issue stem or article ids (id:<id>,<id>)"
            ),
            AnalysisError::EmptySubset { subset } => write!(f, "subset {subset:?} selects no article; check the spelling against `yuliao freq` or the issue list"),
            AnalysisError::BadOption { option, detail } => write!(f, "{option}: {detail}"),
            AnalysisError::Index(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for AnalysisError {}

impl From<IndexError> for AnalysisError {
    fn from(e: IndexError) -> Self {
        AnalysisError::Index(e)
    }
}
