//! Shared fixtures for the end-to-end tests: where the repository and the seed issue are.
use std::path::PathBuf;
use yuliao::corpus::Issue;
use yuliao::index::{BuildConfig, BuiltIndex};

/// The repository root (above this package), found as the CLI finds it.
pub fn repo_root() -> PathBuf {
    yuliao::corpus::repo_root_from(std::path::Path::new(env!("CARGO_MANIFEST_DIR")))
        .expect("the tests package sits below the repository root")
}

/// The seed issue's raw file, as committed under `corpus/raw/`.
pub fn seed_raw_path() -> PathBuf {
    repo_root().join("corpus/raw/000_d2874fb822b0e5bc.txt")
}

/// Every cleaned issue under `corpus/clean/`, in file-name order (the order the index reads),
/// read by the engine's one reader of that folder.
pub fn clean_issues() -> Vec<Issue> {
    yuliao::corpus::read_clean_dir(&repo_root().join("corpus/clean")).unwrap_or_else(|e| panic!("{e}"))
}

/// The build config of the repository's corpus (`corpus/`: userdict, stopwords, themes).
pub fn corpus_config() -> BuildConfig {
    BuildConfig::from_corpus_dir(repo_root().join("corpus")).unwrap_or_else(|e| panic!("{e}"))
}

/// The seed issue and its index, built in memory as `yuliao index` builds it.
pub fn seed_built() -> (Issue, BuiltIndex) {
    let issue = clean_issues().remove(0);
    let b = yuliao::index::build(std::slice::from_ref(&issue), &corpus_config()).unwrap_or_else(|e| panic!("{e}"));
    (issue, b)
}
