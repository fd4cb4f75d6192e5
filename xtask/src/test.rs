//! `cargo xtask test [--dev] [--only native|wasm|e2e]`: every test of the project, in order.
//!
//! 1. **native** — `cargo test --workspace --no-fail-fast` (every package's unit, integration and doc
//!    tests; all run even when one fails).
//! 2. **wasm** — the engine compiled to wasm32 and run by wasm-bindgen-test in headless
//!    Chromium (through `/usr/bin/chromedriver`). xtask first builds the seed index natively and
//!    writes, into `target/wasm-parity/`, `index.pack` (manifest + pieces, format below) and
//!    `expected.json`: the native engine's answers for every query in `tests/queries.txt`
//!    (search hits, suggestions, theme counts, concordances) and the frequency table. The test
//!    crate (`crate/tests/wasm_parity.rs`) embeds both at compile time through
//!    `env!("YULIAO_PARITY_DIR")` + `include_bytes!`, opens the index in the browser, and asserts
//!    that the wasm engine — directly and through the `Yuliao` JS class — answers exactly the same.
//! 3. **e2e** — builds `www/dist` (size-tuned `web` profile; `--dev` for a quick dev build), a
//!    dist of the XSS fixture corpus (`tests/e2e/fixtures/xss` → `target/e2e-xss-dist`), one of
//!    dated issues with gaps between them (`tests/e2e/fixtures/dated` → `target/e2e-dated-dist`), a copy
//!    of the seed dist with its bigram dictionary (read by every search of two or more chars) corrupted, one with the manifest missing and one under a
//!    sub-path (`/portal/yuliao/`, for the iframe test, beside `tests/e2e/fixtures/portal`, a
//!    page that uses the JS API), and the seed as one file (`target/e2e-single/yuliao.html`,
//!    alone in its folder, opened from `file://`); serves each folder on
//!    a free 127.0.0.1 port and runs `node --test tests/e2e/` (playwright-core driving
//!    `/usr/bin/chromium`; `npm ci` first when `node_modules/` lacks it).
//!
//! Every step runs even when an earlier one fails; the exit status is non-zero if any failed.
//! `--only` is for iterating on one step; CI runs them all.
//!
//! `index.pack`: a pack (`yuliao::index::pack`). The first entry is `manifest.bin`, the rest
//! are the pieces in the order `BuiltIndex::pieces` lists them.

use crate::build::{self, Options};
use crate::flags::Flags;
use crate::serve::Server;
use crate::setup;
use crate::util::{self, root, target_dir};
use anyhow::{anyhow, bail, Context, Result};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use yuliao::index::{BuiltIndex, Index};

pub const USAGE: &str = "cargo xtask test [--dev] [--only native|wasm|e2e]";

const STEPS: [&str; 3] = ["native", "wasm", "e2e"];

pub fn run(args: &[String]) -> Result<()> {
    let mut flags = Flags::new(args);
    let dev = flags.switch("--dev");
    let only = flags.value("--only")?;
    flags.finish(USAGE)?;
    if let Some(o) = &only {
        if !STEPS.contains(&o.as_str()) {
            bail!("--only {o}: expected one of {STEPS:?}");
        }
    }
    let mut results = Vec::new();
    for step in STEPS {
        if only.as_deref().is_some_and(|o| o != step) {
            continue;
        }
        eprintln!("\n===== xtask test: {step} =====");
        let outcome = match step {
            "native" => native(),
            "wasm" => wasm(),
            _ => e2e(dev),
        };
        if let Err(e) = &outcome {
            eprintln!("xtask test: {step} FAILED: {e:#}");
        }
        results.push((step, outcome.is_ok()));
    }
    eprintln!("\n===== xtask test summary =====");
    for (step, ok) in &results {
        eprintln!("  {step:<7} {}", if *ok { "ok" } else { "FAILED" });
    }
    let failed: Vec<&str> = results.iter().filter(|r| !r.1).map(|r| r.0).collect();
    eprintln!("steps: {} passed, {} failed", results.len() - failed.len(), failed.len());
    if !failed.is_empty() {
        bail!("failed: {}", failed.join(", "));
    }
    Ok(())
}

/// Step 1: every native test of the workspace.
fn native() -> Result<()> {
    util::run(util::cargo().args(["test", "--workspace", "--no-fail-fast"]))
}

/// The wasm test files: `crate/tests/wasm_*.rs`, as `--test NAME` arguments.
fn wasm_test_targets() -> Result<Vec<String>> {
    let dir = root().join("crate/tests");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| n.starts_with("wasm_") && n.ends_with(".rs"))
        .map(|n| n.trim_end_matches(".rs").to_string())
        .collect();
    names.sort();
    if names.is_empty() {
        bail!("no crate/tests/wasm_*.rs");
    }
    Ok(names.into_iter().flat_map(|n| ["--test".to_string(), n]).collect())
}

/// The headless Chromium flags of the team contract, with a fresh profile folder.
fn chromium_args(profile: &Path) -> Vec<String> {
    [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
    ]
    .iter()
    .map(|s| s.to_string())
    .chain([format!("--user-data-dir={}", profile.display())])
    .collect()
}

fn chromium() -> String {
    std::env::var("YULIAO_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into())
}

/// Step 2: wasm-bindgen-test in headless Chromium, asserting parity with the native engine.
fn wasm() -> Result<()> {
    setup::wasm_target()?;
    setup::debian_packages(&setup::BROWSER_PACKAGES)?;
    util::run(util::cargo().args(["build", "-p", "xtask", "--bin", "wasm-bindgen-test-runner"]))?;
    let runner = target_dir().join("debug/wasm-bindgen-test-runner");
    let dir = target_dir().join("wasm-parity");
    write_parity_fixture(&root().join("corpus"), &dir)?;

    let profile = dir.join("chromium-profile");
    let _ = std::fs::remove_dir_all(&profile);
    let webdriver = json!({
        "goog:chromeOptions": { "binary": chromium(), "args": chromium_args(&profile) }
    });
    let webdriver_json = dir.join("webdriver.json");
    std::fs::write(&webdriver_json, serde_json::to_vec_pretty(&webdriver)?)?;

    let mut cmd = util::cargo();
    cmd.args([
        "test",
        "-p",
        "yuliao",
        "--target",
        "wasm32-unknown-unknown",
        "--no-default-features",
        "--features",
        "wasm",
    ]);
    cmd.args(wasm_test_targets()?);
    cmd.env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER", &runner)
        .env("YULIAO_PARITY_DIR", &dir)
        .env("WASM_BINDGEN_TEST_WEBDRIVER_JSON", &webdriver_json)
        .env("WASM_BINDGEN_TEST_TIMEOUT", "600")
        .env("WASM_BINDGEN_TEST_DRIVER_TIMEOUT", "30");
    if std::env::var_os("CHROMEDRIVER").is_none() {
        cmd.env("CHROMEDRIVER", "/usr/bin/chromedriver");
    }
    util::run(&mut cmd)
}

/// The queries of `tests/queries.txt`: one per line, `#` starts a comment line, blank lines skipped.
pub fn read_queries(path: &Path) -> Result<Vec<String>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(String::from)
        .collect())
}

/// Packs the manifest and pieces into one file (format in the module doc; the single file's
/// index block is the same pack, [`yuliao::index::pack`]).
pub fn pack(built: &BuiltIndex) -> Vec<u8> {
    yuliao::index::pack::write(
        std::iter::once(("manifest.bin", built.manifest.as_slice()))
            .chain(built.pieces.iter().map(|(n, b)| (n.as_str(), b.as_slice()))),
    )
}

/// What the native engine answers for each query: the wasm tests must answer the same.
pub fn expected_answers(index: &Index, queries: &[String]) -> Result<Value> {
    use yuliao::{analysis, query};
    let opts = query::SearchOptions { limit: 100_000, ..query::SearchOptions::default() };
    let mut rows = Vec::new();
    for q in queries {
        let search = match query::search(index, q, &opts) {
            Ok(results) => json!({ "ok": results }),
            Err(e) => json!({ "err": e.to_string() }),
        };
        let prefix: String = q.chars().take(1).collect();
        let terms = vec![q.clone()];
        rows.push(json!({
            "query": q,
            "search": search,
            "suggest_prefix": prefix,
            "suggest": query::suggest(index, &prefix, 10),
            "theme": analysis::try_theme(index, &terms)?,
            "kwic": analysis::try_kwic(index, &terms, 12, 30)?,
        }));
    }
    let freq_opts = analysis::FreqOptions { stopwords: true, min_len: 1, kind: None, unit: None, limit: 200 };
    Ok(json!({
        "stats": index.stats(),
        "freq_options": { "stopwords": true, "min_len": 1, "limit": 200 },
        "freq": analysis::try_frequencies(index, &freq_opts)?,
        "queries": rows,
    }))
}

/// Builds the corpus's index natively and writes `index.pack` and `expected.json` into `dir`.
pub fn write_parity_fixture(corpus: &Path, dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir)?;
    let built = build::build_index(corpus)?;
    let index = Index::open(&built.manifest, &built.pieces).map_err(|e| anyhow!("opening the fresh index: {e}"))?;
    let queries = read_queries(&root().join("tests/queries.txt"))?;
    if queries.is_empty() {
        bail!("tests/queries.txt holds no query");
    }
    let expected = expected_answers(&index, &queries)?;
    write_if_changed(&dir.join("index.pack"), &pack(&built))?;
    write_if_changed(&dir.join("expected.json"), &serde_json::to_vec_pretty(&expected)?)?;
    eprintln!("wasm parity fixture: {} queries, {}", queries.len(), dir.display());
    Ok(())
}

/// Writes only when the bytes differ, so cargo does not rebuild the wasm tests for nothing.
fn write_if_changed(path: &Path, bytes: &[u8]) -> Result<()> {
    if std::fs::read(path).ok().as_deref() != Some(bytes) {
        std::fs::write(path, bytes).with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(())
}

/// The first bigram dictionary piece under `dist/index/`: on the seed it is the only one, so
/// every search for two or more chars (the e2e test searches 两带两创) reads it and meets the
/// corruption (pieces are fetched only when an answer needs them). Never one of its `.br`/`.gz`
/// siblings.
fn searched_piece(index_dir: &Path) -> Result<PathBuf> {
    for entry in std::fs::read_dir(index_dir)? {
        let entry = entry?;
        let name = PathBuf::from(entry.file_name());
        if name.to_string_lossy().starts_with("bigramdict-0-") && !util::is_precompressed_sibling(index_dir, &name) {
            return Ok(entry.path());
        }
    }
    Err(anyhow!("no bigramdict-0 piece in {}", index_dir.display()))
}

/// A copy of `dist` in `out` with the bytes in the middle of its first bigram dictionary piece flipped,
/// and its `.br`/`.gz` siblings made again from the flipped bytes (the server sends those to
/// a browser that accepts them, so they must be corrupt too). Returns the piece's file name.
fn corrupt_copy(dist: &Path, out: &Path) -> Result<String> {
    let _ = std::fs::remove_dir_all(out);
    util::copy_dir(dist, out)?;
    let piece = searched_piece(&out.join("index"))?;
    let mut bytes = std::fs::read(&piece)?;
    let mid = bytes.len() / 2;
    let end = (mid + 16).min(bytes.len());
    for b in &mut bytes[mid..end] {
        *b ^= 0xA5;
    }
    std::fs::write(&piece, bytes)?;
    build::precompress_file(&piece)?;
    Ok(piece.file_name().unwrap_or_default().to_string_lossy().into_owned())
}

/// Step 3: the built page in headless Chromium.
fn e2e(dev: bool) -> Result<()> {
    setup::browser()?;
    let seed = Options { dev, corpus: root().join("corpus"), out: root().join("www/dist") };
    build::build(&seed)?;
    let xss = Options {
        dev,
        corpus: root().join("tests/e2e/fixtures/xss"),
        out: target_dir().join("e2e-xss-dist"),
    };
    build::build(&xss)?;
    // Dated issues with months between them that have none: the theme tracker's time axis.
    let dated = Options {
        dev,
        corpus: root().join("tests/e2e/fixtures/dated"),
        out: target_dir().join("e2e-dated-dist"),
    };
    build::build(&dated)?;
    let corrupt_dir = target_dir().join("e2e-corrupt-dist");
    let corrupt_piece = corrupt_copy(&seed.out, &corrupt_dir)?;
    let missing_dir = target_dir().join("e2e-missing-dist");
    let _ = std::fs::remove_dir_all(&missing_dir);
    util::copy_dir(&seed.out, &missing_dir)?;
    std::fs::remove_file(missing_dir.join("index/manifest.bin"))?;
    // Its precompressed siblings too, or the server would still send one.
    for ext in ["br", "gz"] {
        let _ = std::fs::remove_file(missing_dir.join(format!("index/manifest.bin.{ext}")));
    }

    // The seed dist again, deep under a portal's folder, for the sub-path + iframe test.
    let subpath_site = target_dir().join("e2e-subpath-site");
    let _ = std::fs::remove_dir_all(&subpath_site);
    util::copy_dir(&seed.out, &subpath_site.join("portal/yuliao"))?;
    // A portal page next to it that uses the engine's JS API (tests/e2e/api.test.mjs).
    util::copy_dir(&root().join("tests/e2e/fixtures/portal"), &subpath_site.join("portal"))?;

    // The seed folder as one file, alone in a folder of its own: opened from file://, it must
    // need nothing beside it (tests/e2e/single_file.test.mjs).
    let single = target_dir().join("e2e-single").join(crate::single::FILE_NAME);
    let _ = std::fs::remove_dir_all(single.parent().expect("a file in a folder"));
    crate::single::write(&seed.out, &single)?;

    let shots = target_dir().join("e2e/screenshots");
    std::fs::create_dir_all(&shots)?;
    let mut cmd = std::process::Command::new("node");
    cmd.args(["--test", "tests/e2e/"])
        .current_dir(root())
        .env("YULIAO_E2E_URL", Server::bind(0, &seed.out)?.spawn())
        .env("YULIAO_E2E_XSS_URL", Server::bind(0, &xss.out)?.spawn())
        .env("YULIAO_E2E_DATED_URL", Server::bind(0, &dated.out)?.spawn())
        .env("YULIAO_E2E_DATED_CORPUS", root().join("tests/e2e/fixtures/dated/clean"))
        .env("YULIAO_E2E_CORRUPT_URL", Server::bind(0, &corrupt_dir)?.spawn())
        .env("YULIAO_E2E_CORRUPT_PIECE", corrupt_piece)
        .env("YULIAO_E2E_MISSING_URL", Server::bind(0, &missing_dir)?.spawn())
        .env("YULIAO_E2E_SUBPATH_URL", Server::bind(0, &subpath_site)?.spawn() + "portal/yuliao/")
        .env("YULIAO_E2E_SINGLE_FILE", &single)
        .env("YULIAO_E2E_CORPUS", root().join("corpus/clean"))
        .env("YULIAO_E2E_SEARCHED_FIELDS", yuliao::corpus::SEARCHED_FIELDS.join(","))
        .env("YULIAO_E2E_XSS_CORPUS", root().join("tests/e2e/fixtures/xss/clean"))
        .env("YULIAO_E2E_SCREENSHOTS", &shots)
        .env("YULIAO_CHROMIUM", chromium());
    util::run(&mut cmd)?;
    eprintln!("screenshots of every view: {}", shots.display());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_corrupted_piece_is_the_dictionary_not_a_compressed_copy() {
        let dist = std::env::temp_dir().join(format!("yuliao-corrupt-src-{}", std::process::id()));
        let out = std::env::temp_dir().join(format!("yuliao-corrupt-out-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dist);
        std::fs::create_dir_all(dist.join("index")).unwrap();
        let table = "两带两创 提质增效 ".repeat(200).into_bytes();
        std::fs::write(dist.join("index/bigramdict-0-0123.bin"), &table).unwrap();
        std::fs::write(dist.join("index.html"), "<!doctype html>").unwrap();
        crate::build::precompress(&dist).unwrap();

        assert_eq!(corrupt_copy(&dist, &out).unwrap(), "bigramdict-0-0123.bin");
        let corrupt = std::fs::read(out.join("index/bigramdict-0-0123.bin")).unwrap();
        assert_eq!(corrupt.len(), table.len());
        assert_ne!(corrupt, table);
        // The copies a server may send instead carry the same corruption.
        use std::io::Read;
        let mut unzipped = Vec::new();
        let gz = std::fs::read(out.join("index/bigramdict-0-0123.bin.gz")).unwrap();
        flate2::read::GzDecoder::new(&gz[..]).read_to_end(&mut unzipped).unwrap();
        assert_eq!(unzipped, corrupt);
        let mut unbrotli = Vec::new();
        let br = std::fs::read(out.join("index/bigramdict-0-0123.bin.br")).unwrap();
        brotli::Decompressor::new(&br[..], 4096).read_to_end(&mut unbrotli).unwrap();
        assert_eq!(unbrotli, corrupt);
        std::fs::remove_dir_all(dist).unwrap();
        std::fs::remove_dir_all(out).unwrap();
    }

    #[test]
    fn pack_puts_the_manifest_first_then_the_pieces() {
        // The layout itself is pinned by `yuliao::index::pack`'s own tests.
        let built = BuiltIndex {
            manifest: vec![9, 9],
            pieces: vec![("terms.bin".to_string(), vec![1, 2, 3])],
        };
        let expected = yuliao::index::pack::write([("manifest.bin", &[9u8, 9][..]), ("terms.bin", &[1, 2, 3][..])]);
        assert_eq!(pack(&built), expected);
    }

    #[test]
    fn queries_file_skips_comments_and_blanks() {
        let path = std::env::temp_dir().join(format!("yuliao-queries-{}.txt", std::process::id()));
        std::fs::write(&path, "# comment\n两带两创\n\n  窑 \n\"拟薄水铝石\"\n").unwrap();
        assert_eq!(read_queries(&path).unwrap(), ["两带两创", "窑", "\"拟薄水铝石\""]);
        std::fs::remove_file(path).unwrap();
    }

    #[test]
    fn the_seed_query_set_is_large_enough() {
        let queries = read_queries(&root().join("tests/queries.txt")).unwrap();
        assert!(queries.len() >= 50, "tests/queries.txt holds {} queries, the contract asks for 50", queries.len());
    }

    #[test]
    fn chromium_flags_follow_the_contract() {
        let args = chromium_args(Path::new("/tmp/p"));
        for flag in ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"] {
            assert!(args.iter().any(|a| a == flag), "{flag}");
        }
        assert!(args.contains(&"--user-data-dir=/tmp/p".to_string()));
    }
}
