//! The `yuliao` binary over the seed: index, search, theme, freq, kwic; JSON shapes as in
//! design.md; the default index is rebuilt when missing; bad queries exit non-zero with a message.

use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::OnceLock;

/// The binary cargo built for this test run (same features, same profile).
fn bin() -> &'static std::path::Path {
    std::path::Path::new(env!("CARGO_BIN_EXE_yuliao"))
}

/// The repository root (the parent of this package).
fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// A private index directory built by `yuliao index --out`.
fn index_dir() -> &'static PathBuf {
    static D: OnceLock<PathBuf> = OnceLock::new();
    D.get_or_init(|| {
        let dir = repo_root().join("target/test-cli-index");
        let out = run(&["index", "--out", dir.to_str().unwrap()]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8_lossy(&out.stdout).to_string();
        assert!(
            text.contains("manifest.bin") && text.contains("total"),
            "{text}"
        );
        dir
    })
}

fn run(args: &[&str]) -> Output {
    Command::new(bin())
        .args(args)
        .current_dir(repo_root())
        .env("RUST_BACKTRACE", "0")
        .output()
        .unwrap()
}

fn json(args: &[&str]) -> serde_json::Value {
    let out = run(args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{args:?}: {e}: {}", String::from_utf8_lossy(&out.stdout)))
}

fn articles_containing(s: &str) -> Vec<String> {
    let text = std::fs::read_to_string(repo_root().join("corpus/clean/000_d2874fb822b0e5bc.json"))
        .unwrap();
    let issue: yuliao::corpus::Issue = serde_json::from_str(&text).unwrap();
    issue
        .articles
        .iter()
        .filter(|a| a.title.iter().chain(&a.paragraphs).any(|p| p.contains(s)))
        .map(|a| a.id.clone())
        .collect()
}

#[test]
fn search_json_has_the_contract_shape() {
    let d = index_dir().to_str().unwrap();
    let v = json(&[
        "search",
        "--json",
        "--limit",
        "3",
        "--index",
        d,
        "拟薄水铝石",
    ]);
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["hits", "query", "total"]);
    assert_eq!(v["query"], "拟薄水铝石");
    assert_eq!(
        v["total"].as_u64().unwrap() as usize,
        articles_containing("拟薄水铝石").len()
    );
    let hits = v["hits"].as_array().unwrap();
    assert!(!hits.is_empty() && hits.len() <= 3);
    for h in hits {
        let keys: Vec<&String> = h.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["id", "score", "snippet", "title"]);
        assert!(h["snippet"].as_str().unwrap().contains("拟薄水铝石"));
    }
}

#[test]
fn search_accepts_a_leading_minus_number_and_several_words() {
    let d = index_dir().to_str().unwrap();
    let v = json(&["search", "--json", "--index", d, "-45μm"]);
    assert_eq!(
        v["total"].as_u64().unwrap() as usize,
        articles_containing("-45μm").len()
    );
    assert!(v["total"].as_u64().unwrap() > 0);
    let v = json(&["search", "--json", "--index", d, "拟薄水铝石", "产量"]);
    assert_eq!(v["query"], "拟薄水铝石 产量");
}

#[test]
fn theme_json_counts_occurrences() {
    let d = index_dir().to_str().unwrap();
    let v = json(&["theme", "--json", "--index", d, "两带两创", "窑"]);
    assert_eq!(v["terms"], serde_json::json!(["两带两创", "窑"]));
    let rows = v["articles"].as_array().unwrap();
    let sum: u64 = rows.iter().map(|r| r["count"].as_u64().unwrap()).sum();
    assert_eq!(v["total"].as_u64().unwrap(), sum);
    // Rows come in reading order: the articles holding either term, as the issue prints them.
    let (a, b) = (articles_containing("两带两创"), articles_containing("窑"));
    let expected: Vec<String> = articles_containing("")
        .into_iter()
        .filter(|id| a.contains(id) || b.contains(id))
        .collect();
    let got: Vec<String> = rows
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(got, expected);
    assert_eq!(
        rows[0].as_object().unwrap().keys().collect::<Vec<_>>(),
        ["count", "id", "title"]
    );
}

#[test]
fn freq_and_kwic_print_tables() {
    let d = index_dir().to_str().unwrap();
    let out = run(&["freq", "--csv", "--limit", "10", "--index", d]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("term,count,per_10k,articles\r\n"));
    assert_eq!(text.lines().count(), 11);
    let out = run(&["kwic", "--csv", "--index", d, "窑"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("id,title,left,keyword,right\r\n"));
    assert!(text.lines().skip(1).all(|l| l.contains(",窑,")), "{text}");
    assert_eq!(text.lines().count() - 1, 1);
}

#[test]
fn bad_queries_exit_non_zero_with_a_message() {
    let d = index_dir().to_str().unwrap();
    let out = run(&["search", "--index", d, "，。"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("punctuation"));
    let missing = repo_root().join("target/test-cli-no-index");
    let out = run(&["search", "--index", missing.to_str().unwrap(), "窑"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("manifest.bin"));
}

#[test]
fn default_index_is_built_when_missing() {
    // Without --index the CLI uses target/yuliao-index and (re)builds it when needed.
    let v = json(&["search", "--json", "窑"]);
    assert_eq!(
        v["total"].as_u64().unwrap() as usize,
        articles_containing("窑").len()
    );
    assert!(repo_root()
        .join("target/yuliao-index/manifest.bin")
        .is_file());
}

#[test]
fn flags_may_follow_terms_and_terms_may_start_with_a_minus() {
    let d = index_dir().to_str().unwrap();
    let v = json(&[
        "search",
        "氧化铝",
        "-焙烧",
        "--json",
        "--limit",
        "1",
        "--index",
        d,
    ]);
    assert_eq!(v["query"], "氧化铝 -焙烧");
    assert_eq!(v["hits"].as_array().unwrap().len(), 1);
    let with = articles_containing("氧化铝");
    let without: Vec<String> = with
        .iter()
        .filter(|id| !articles_containing("焙烧").contains(id))
        .cloned()
        .collect();
    assert!(v["total"].as_u64().unwrap() as usize >= without.len() && without.len() < with.len());
    let out = run(&["kwic", "两带两创", "--context", "4", "--index", d]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        !text.is_empty() && text.lines().all(|l| l.contains("【两带两创】")),
        "{text}"
    );
    let v = json(&["theme", "-45μm", "--json", "--index", d]);
    assert_eq!(v["terms"], serde_json::json!(["-45μm"]));
    assert_eq!(
        v["articles"].as_array().unwrap().len(),
        articles_containing("-45μm").len()
    );
}
