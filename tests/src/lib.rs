//! Shared fixtures for the end-to-end tests: where the repository and the seed issue are.
use std::path::PathBuf;
use yuliao::corpus::Issue;

/// The repository root (the parent of this package).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// The seed issue's raw file, as committed under `corpus/raw/`.
pub fn seed_raw_path() -> PathBuf {
    repo_root().join("corpus/raw/000_d2874fb822b0e5bc.txt")
}

/// Every cleaned issue under `corpus/clean/`, in file-name order (the order the index reads).
pub fn clean_issues() -> Vec<Issue> {
    let dir = repo_root().join("corpus/clean");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.retain(|p| p.extension().is_some_and(|x| x == "json"));
    files.sort();
    assert!(
        !files.is_empty(),
        "no cleaned issue in {}; run `cargo run --bin yuliao -- clean`",
        dir.display()
    );
    files
        .iter()
        .map(|f| serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap())
        .collect()
}
