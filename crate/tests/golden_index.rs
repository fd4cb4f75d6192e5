//! The golden index: a tiny corpus (`tests/golden/issue.json` with its `userdict.txt`,
//! `stopwords.txt` and `themes.toml`) and the index this build writes for it, committed under
//! `tests/golden/index/`. Any change to the bytes the format writes (a field, an encoding, the
//! piece cutting, the segmentation feeding it) fails here, so it cannot slip in unnoticed: when
//! the change is meant, rewrite the fixture with
//! `YULIAO_BLESS_GOLDEN=1 cargo test -p yuliao --test golden_index`, and bump
//! `FORMAT_VERSION` when indexes written before it no longer read the same.

use std::path::{Path, PathBuf};
use yuliao::corpus::Issue;
use yuliao::index::{self, BuildConfig, BuiltIndex, Index, FORMAT_VERSION, MANIFEST_FILE};
use yuliao::query::{search, SearchOptions};

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

fn built() -> BuiltIndex {
    let dir = golden_dir();
    let issue: Issue = serde_json::from_str(&std::fs::read_to_string(dir.join("issue.json")).unwrap()).unwrap();
    let config = BuildConfig::from_corpus_dir(&dir).unwrap();
    index::build(&[issue], &config).unwrap()
}

/// Every file of the committed index, sorted by name.
fn committed() -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(golden_dir().join("index"))
        .expect("tests/golden/index exists (YULIAO_BLESS_GOLDEN=1 writes it)")
        .map(|e| {
            let e = e.unwrap();
            (e.file_name().to_string_lossy().to_string(), std::fs::read(e.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}

#[test]
fn the_committed_golden_index_is_what_this_build_writes() {
    let b = built();
    if std::env::var_os("YULIAO_BLESS_GOLDEN").is_some() {
        // write_dir also removes pieces the new manifest no longer lists.
        b.write_dir(&golden_dir().join("index")).unwrap();
    }
    let mut written: Vec<(String, Vec<u8>)> = b.pieces.clone();
    written.push((MANIFEST_FILE.to_string(), b.manifest.clone()));
    written.sort();
    let committed = committed();
    let names = |v: &[(String, Vec<u8>)]| v.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&committed), names(&written), "the files of the index changed");
    for ((name, want), (_, got)) in committed.iter().zip(&written) {
        assert!(want == got, "{name} differs from the committed golden index ({} vs {} bytes)", want.len(), got.len());
    }
}

#[test]
fn the_committed_golden_index_opens_and_answers() {
    let dir = golden_dir().join("index");
    let manifest = std::fs::read(dir.join(MANIFEST_FILE)).unwrap();
    assert_eq!(&manifest[..4], b"YLIX");
    assert_eq!(u16::from_le_bytes([manifest[4], manifest[5]]), FORMAT_VERSION, "the fixture is of this format version");
    let idx = Index::open_dir(&dir).unwrap();
    idx.verify().unwrap();
    assert_eq!(idx.article_count(), 3);
    let ids = |q: &str| -> Vec<String> {
        search(&idx, q, &SearchOptions::default()).unwrap().hits.into_iter().map(|h| h.id).collect()
    };
    // A userdict word, a substring inside one, a line of a poem, a byline, Latin letters.
    assert_eq!(ids("两带两创"), ["golden_001-1a2b3c4d"]);
    assert_eq!(ids("薄水"), ["golden_001-1a2b3c4d"]);
    assert_eq!(ids("花落知多少"), ["golden_001-5e6f7a8b"]);
    assert_eq!(ids("崔丽娜"), ["golden_001-9c0d1e2f"]);
    assert_eq!(ids("arl3460"), ["golden_001-9c0d1e2f"]);
    assert!(ids("春眠不觉晓夜").is_empty(), "no match across a line break");
    let theme = yuliao::analysis::theme(&idx, &["两带两创".to_string()]);
    assert_eq!(theme.total, 2, "title and first paragraph");
    // The article text comes back as it went in, markup included (the page escapes it).
    let doc = idx.doc_by_id("golden_001-9c0d1e2f").unwrap();
    assert!(idx.article(doc).unwrap().paragraphs[0].contains("<script>alert(1)</script>"));
}
