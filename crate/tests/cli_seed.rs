//! The `yuliao` binary over the seed: index, search, theme, freq, kwic; JSON shapes as in
//! design.md; the default index is rebuilt when missing; bad queries exit non-zero with a message.

use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::OnceLock;

/// The binary cargo built for this test run (same features, same profile).
fn bin() -> &'static std::path::Path {
    std::path::Path::new(env!("CARGO_BIN_EXE_yuliao"))
}

/// The repository root (above this package), found as the CLI finds it.
fn repo_root() -> PathBuf {
    yuliao::corpus::repo_root_from(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap()
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

/// A fresh scratch folder under target/.
fn scratch(name: &str) -> PathBuf {
    let dir = repo_root().join("target").join(format!("test-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Issue 9: `clean` stopped at the first entry named *.txt it could not read (a folder, a broken
/// link), and two raw names with one output stem overwrote each other without a word.
#[test]
fn clean_reports_unreadable_entries_and_stem_collisions_and_cleans_the_rest() {
    let seed = std::fs::read(repo_root().join("corpus/raw/000_d2874fb822b0e5bc.txt")).unwrap();
    let dir = scratch("clean");
    let (raw, out) = (dir.join("raw"), dir.join("clean"));
    std::fs::create_dir_all(&raw).unwrap();
    for name in ["a_good.txt", "m_Twin.txt", "m_twin.txt", "x\\m_twin.txt", "z_good.txt"] {
        std::fs::write(raw.join(name), &seed).unwrap();
    }
    std::fs::create_dir(raw.join("b_folder.txt")).unwrap();
    std::os::unix::fs::symlink(raw.join("nowhere"), raw.join("c_gone.txt")).unwrap();
    let o = run(&["clean", "--raw", raw.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success(), "{err}");
    for name in ["b_folder.txt", "c_gone.txt"] {
        assert!(err.lines().any(|l| l.contains(name) && l.contains("cannot read")), "{name} not reported: {err}");
    }
    let collision = err.lines().find(|l| l.contains("one output file")).unwrap_or_else(|| panic!("{err}"));
    for name in ["raw/m_Twin.txt", "raw/m_twin.txt", "raw/x/m_twin.txt"] {
        assert!(collision.contains(name), "{name} not named: {collision}");
    }
    assert!(err.contains("5 file(s) refused"), "{err}");
    // The good files before and after the bad entries are written, as the cleaner makes them.
    let mut written: Vec<String> =
        std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    written.sort();
    assert_eq!(written, ["a_good.json", "z_good.json"]);
    let source = format!("{}/z_good.txt", raw.to_str().unwrap());
    let (issue, _) = yuliao::clean::clean_issue(&seed, &source).unwrap();
    assert_eq!(std::fs::read_to_string(out.join("z_good.json")).unwrap(), yuliao::clean::to_json(&issue));
    std::fs::remove_dir_all(dir).unwrap();
}

/// Issue 9: terms starting with `-` were hidden behind U+E000 while clap parsed, so the guard
/// showed in clap's messages, and a typed U+E000 turned into a `-` (a negated term).
#[test]
fn what_is_typed_is_what_messages_and_queries_see() {
    let d = index_dir().to_str().unwrap();
    for (args, shown) in [
        (vec!["search", "--limit", "-5", "窑"], "'-5'"),
        (vec!["freq", "-x"], "'-x'"),
        (vec!["kwic", "窑", "--context", "-2"], "'-2'"),
    ] {
        let out = run(&args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?}");
        assert!(err.contains(shown) && !err.contains('\u{E000}'), "{args:?}: {err}");
    }
    // A typed U+E000 is a character like any other: it is no `-`, so nothing is excluded.
    let typed = json(&["search", "--json", "--index", d, "\u{E000}焙烧", "氧化铝"]);
    assert_eq!(typed["query"], "\u{E000}焙烧 氧化铝");
    let excluded = json(&["search", "--json", "--index", d, "氧化铝", "-焙烧"]);
    assert!(excluded["total"].as_u64().unwrap() > 0);
    assert_eq!(typed["total"], 0, "\u{E000}焙烧 is not in the corpus, so the AND matches nothing");
    // `--` still ends the flags, and a term may look like a flag after it.
    let v = json(&["search", "--json", "--index", d, "--", "--json"]);
    assert_eq!(v["query"], "--json");
}

/// Issue 9: theme, KWIC and freq printed zero over a corrupted index where search failed.
#[test]
fn corrupt_index_pieces_fail_every_reading_command_with_the_piece_named() {
    let dir = scratch("corrupt-index");
    let src = index_dir();
    let mut pieces = Vec::new();
    for entry in std::fs::read_dir(src).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let mut bytes = std::fs::read(&path).unwrap();
        if name != "manifest.bin" {
            let mid = bytes.len() / 2;
            bytes[mid] ^= 0x80;
            pieces.push(name.clone());
        }
        std::fs::write(dir.join(&name), bytes).unwrap();
    }
    let d = dir.to_str().unwrap();
    for args in [
        vec!["search", "--index", d, "两带两创"],
        vec!["theme", "--index", d, "两带两创"],
        vec!["theme", "--json", "--index", d, "窑"],
        vec!["kwic", "--index", d, "窑"],
        vec!["freq", "--index", d],
        vec!["freq", "--kind", "news", "--unit", "厂", "--index", d],
    ] {
        let out = run(&args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?} succeeded over a corrupt index: {}", String::from_utf8_lossy(&out.stdout));
        assert!(out.stdout.is_empty(), "{args:?} printed an answer");
        assert!(pieces.iter().any(|p| err.contains(p.as_str())) && err.contains("rebuild the index"), "{args:?}: {err}");
    }
    std::fs::remove_dir_all(dir).unwrap();
}

/// Issue 8: the analysis commands print design.md's JSON shapes, with counts that agree with a
/// scan of the cleaned text.
#[test]
fn analysis_commands_print_the_contract_shapes() {
    let d = index_dir().to_str().unwrap();
    let keys = |v: &serde_json::Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    let with = articles_containing("两带两创");

    let v = json(&["kwic", "--json", "--window", "6", "--sort", "1R,2R", "--index", d, "两带两创"]);
    assert_eq!(keys(&v), ["lines", "query", "total"]);
    assert_eq!(v["query"], "两带两创");
    let lines = v["lines"].as_array().unwrap();
    assert_eq!(lines.len() as u64, v["total"].as_u64().unwrap());
    assert!(lines.len() >= with.len());
    for l in lines {
        assert_eq!(keys(l), ["id", "left", "node", "right"]);
        assert_eq!(l["node"], "两带两创");
        assert!(with.contains(&l["id"].as_str().unwrap().to_string()));
        assert!(l["left"].as_str().unwrap().chars().count() <= 6);
    }

    let v = json(&["colloc", "--json", "--window", "3", "--measure", "mi", "--min", "2", "--index", d, "两带两创"]);
    for k in ["node", "window", "measure", "node_freq", "tokens", "collocates"] {
        assert!(v.get(k).is_some(), "{k} in {v}");
    }
    assert_eq!((v["window"].as_u64(), v["measure"].as_str()), (Some(3), Some("mi")));
    assert_eq!(v["node_freq"].as_u64().unwrap() as usize, lines.len());
    for r in v["collocates"].as_array().unwrap() {
        assert_eq!(keys(r), ["co", "freq", "score", "term"]);
        assert!(r["co"].as_u64().unwrap() >= 2 && r["freq"].as_u64() >= r["co"].as_u64());
    }

    let v = json(&["keyness", "--json", "--index", d, "kind:literature"]);
    for k in ["target_tokens", "reference_tokens", "keywords"] {
        assert!(v.get(k).is_some(), "{k} in {v}");
    }
    let kw = v["keywords"].as_array().unwrap();
    assert!(!kw.is_empty());
    for r in kw {
        for k in ["term", "a", "b", "ll", "log_ratio"] {
            assert!(r.get(k).is_some(), "{k} in {r}");
        }
    }

    let v = json(&["dispersion", "--json", "--by", "article", "--index", d, "两带两创"]);
    assert_eq!(keys(&v), ["by", "dp", "dp_norm", "freq", "juilland_d", "parts", "range", "term"]);
    assert_eq!(v["range"].as_u64().unwrap() as usize, with.len());
    let parts = v["parts"].as_array().unwrap();
    assert_eq!(parts.iter().filter(|p| p["count"].as_u64() > Some(0)).count(), with.len());
    assert!(parts.iter().all(|p| keys(p) == ["count", "id", "size"]));
    let v = json(&["dispersion", "--json", "--by", "issue", "--index", d, "两带两创"]);
    assert_eq!(v["parts"].as_array().unwrap().len(), 1);

    let v = json(&["ngrams", "--json", "--limit", "5", "--index", d]);
    assert!(v["patterns"].as_array().unwrap().iter().any(|c| c["term"] == "两带两创"), "{v}");
    assert!(v["ngrams"].as_array().unwrap().len() <= 5);
}

#[test]
fn analysis_commands_refuse_bad_requests_with_a_message() {
    let d = index_dir().to_str().unwrap();
    for (args, says) in [
        (vec!["kwic", "--sort", "4R", "窑"], "sort"),
        (vec!["colloc", "--measure", "zscore", "窑"], "--measure"),
        (vec!["colloc", "，"], "empty"),
        (vec!["keyness", "kind:poem"], "poem"),
        (vec!["keyness", "unit:没有这个单位"], "selects no article"),
        (vec!["dispersion", "--by", "page", "窑"], "--by"),
    ] {
        let mut all = args.clone();
        all.extend(["--index", d]);
        let out = run(&all);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?}");
        assert!(err.contains(says), "{args:?}: {err}");
    }
}

#[test]
fn every_table_also_comes_as_tab_separated_values() {
    for args in [
        vec!["freq"],
        vec!["theme", "两带两创"],
        vec!["kwic", "两带两创"],
        vec!["colloc", "两带两创"],
        vec!["keyness", "kind:literature"],
        vec!["dispersion", "两带两创"],
    ] {
        let with = |flag: &str| {
            let mut a = vec![args[0], flag];
            a.extend(&args[1..]);
            a.push("--index");
            let dir = index_dir().to_string_lossy().into_owned();
            let out = run(&[a.as_slice(), &[dir.as_str()]].concat());
            assert!(out.status.success(), "{args:?} {flag}: {}", String::from_utf8_lossy(&out.stderr));
            String::from_utf8(out.stdout).unwrap()
        };
        let (csv, tsv) = (with("--csv"), with("--tsv"));
        assert_eq!(tsv, yuliao::analysis::csv_to_tsv(&csv), "{args:?}");
        let header_cells = csv.lines().next().unwrap().split(',').count();
        assert!(tsv.lines().all(|l| l.split('\t').count() == header_cells), "{args:?}: {tsv}");
        assert!(tsv.lines().count() >= 2, "{args:?}: rows");
    }
}
