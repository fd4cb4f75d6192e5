//! Shared fixtures for the end-to-end tests: where the repository and the seed issue are.
use std::path::PathBuf;

/// The repository root (the parent of this package).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// The seed issue's raw file, as committed under `corpus/raw/`.
pub fn seed_raw_path() -> PathBuf {
    repo_root().join("corpus/raw/000_d2874fb822b0e5bc.txt")
}
