//! `cargo xtask bench [--native-only] [--skip-poetry] [--skip-poetry-browser] [--skip-browser]
//! [--reps N] [--build-runs N] [--poetry-reps N] [--browser-reps N] [--pagefind-poems N]`:
//! measures the engine and the web app and prints a report; it never asserts on a timing. It runs itself as a release build
//! (`cargo run --release -p xtask -- bench …`): `cargo xtask` alone is an unoptimised build.
//!
//! Takes the repository (`corpus/`, `tests/queries.txt`, `bench/poetry-queries.txt`, the
//! app, which it builds first into `target/bench/dist/`, so that it measures the code as it is) and the npm packages pinned in `bench/package.json`, installed into
//! `bench/work/npm/` (gitignored). Writes `target/bench/report.json` (every figure, plus the
//! browser driver's raw samples) and `target/bench/report.md` (the tables it prints).
//!
//! Parts, each in its own module:
//! - [`native`]: the seed corpus in this process — index build time (several runs) next to
//!   jieba-rs alone over the same texts, index bytes next to gzip -9 of the raw text,
//!   `Index::open`, `query::search` latency p50/p95, and which articles each query finds.
//! - [`poetry`]: npm `chinese-poetry` (~311k poems) in child processes of this binary —
//!   build time, peak memory (VmHWM), index size, latency (`--skip-poetry` leaves it out).
//! - [`site`] + [`browser`]: Pagefind's CLI over one page per seed article, then headless
//!   Chromium over both sites — bytes until the first result, time to it, latency, and how
//!   many of the articles that hold each query string Pagefind finds (`--skip-browser` keeps
//!   the Pagefind indexing but leaves the browser out; `--native-only` leaves out both).
//! - [`archive`]: chinese-poetry as an archive in the browser — the same app over the poetry
//!   index next to Pagefind over the first `--pagefind-poems` poems (150,000 by default: its
//!   indexer's memory grows ~65 KB per poem, 9.8 GB at 150k here, so all ~311k would need about
//!   20 of this machine's 24 GB with no swap): the cold first query, the bytes each later query
//!   fetches in the same page, the theme and frequency views, the manifest, Pagefind's indexing
//!   time and peak memory (`--skip-poetry-browser` leaves it out; `--skip-browser` keeps only
//!   the Pagefind indexing; `--skip-poetry` and `--native-only` leave it out too).
//!
//! Guarantees: same flags, same work; figures are printed, never judged; a part that cannot
//! run says why in the report's "Skipped" list instead of failing the others.

mod archive;
mod browser;
mod corpus;
mod native;
mod npm;
mod poetry;
mod report;
mod site;
mod stats;

use crate::flags::Flags;
use crate::util::{gzip, root, target_dir};
use anyhow::{Context, Result};
use corpus::TruthDocs;
use report::{RecallRow, Report};
use std::path::{Path, PathBuf};
use yuliao::index::BuildConfig;

pub const USAGE: &str = "cargo xtask bench [--native-only] [--skip-poetry] [--skip-poetry-browser] [--skip-browser] \
                         [--reps N (50)] [--build-runs N (5)] [--poetry-reps N (5)] [--browser-reps N (5)] \
                         [--pagefind-poems N (150000)]";

/// Poems Pagefind indexes for the archive comparison by default (see the module doc).
const PAGEFIND_POEMS: usize = 150_000;

struct Options {
    native_only: bool,
    skip_poetry: bool,
    skip_poetry_browser: bool,
    skip_browser: bool,
    /// Seed: repetitions of every query natively; index builds and jieba runs use `build_runs`.
    reps: usize,
    build_runs: usize,
    poetry_reps: usize,
    browser_reps: usize,
    /// Archive: how many poems (the first, in the package's order) Pagefind indexes.
    pagefind_poems: usize,
}

fn number(flags: &mut Flags, name: &str, default: usize) -> Result<usize> {
    match flags.value(name)? {
        Some(v) => v.parse().with_context(|| format!("{name} {v}: not a number")),
        None => Ok(default),
    }
}

pub fn run(args: &[String]) -> Result<()> {
    if args.first().map(String::as_str) == Some("--child") {
        return poetry::child(&args[1..]);
    }
    // `cargo xtask` is a dev build, where the engine (a workspace member) is unoptimised:
    // measure the release build instead, as a user of the CLI or the page would get it.
    if cfg!(debug_assertions) {
        eprintln!(
            "bench: timing an unoptimised build would mislead; re-running as `cargo run --release -p xtask -- bench`"
        );
        return crate::util::run(
            crate::util::cargo()
                .args(["run", "--release", "-p", "xtask", "--", "bench"])
                .args(args),
        );
    }
    let mut flags = Flags::new(args);
    let opts = Options {
        native_only: flags.switch("--native-only"),
        skip_poetry: flags.switch("--skip-poetry"),
        skip_poetry_browser: flags.switch("--skip-poetry-browser"),
        skip_browser: flags.switch("--skip-browser"),
        reps: number(&mut flags, "--reps", 50)?,
        build_runs: number(&mut flags, "--build-runs", 5)?,
        poetry_reps: number(&mut flags, "--poetry-reps", 5)?,
        browser_reps: number(&mut flags, "--browser-reps", 5)?,
        pagefind_poems: number(&mut flags, "--pagefind-poems", PAGEFIND_POEMS)?,
    };
    flags.finish(USAGE)?;
    let mut command = String::from("cargo xtask bench");
    for a in args {
        command.push(' ');
        command.push_str(a);
    }
    let root = root();
    let out_dir = target_dir().join("bench");
    std::fs::create_dir_all(&out_dir)?;
    let mut report = Report {
        command,
        machine: machine(),
        ..Report::default()
    };
    let load_at_start = loadavg();

    // Native, seed corpus.
    let corpus_dir = root.join("corpus");
    let issues = crate::build::read_issues(&corpus_dir)?;
    let (queries_path, queries) = seed_queries(&root)?;
    report.notes.push(format!(
        "Seed query set: `{}` ({} queries).",
        rel(&root, &queries_path),
        queries.len()
    ));
    eprintln!("bench: seed: {} issue(s), {} queries", issues.len(), queries.len());
    let (seed, recall) = seed_native(&corpus_dir, &issues, &queries, &opts)?;
    report.seed = Some(seed);
    report.recall = recall;

    // npm packages, when anything needs them.
    let need_npm = !opts.skip_poetry || !opts.native_only;
    let npm = if need_npm { Some(npm::Npm::ensure(&root)?) } else { None };

    // Large real corpus.
    if opts.skip_poetry {
        report.skipped.push("chinese-poetry corpus (--skip-poetry)".into());
    } else if let Some(npm) = &npm {
        let queries_path = root.join("bench/poetry-queries.txt");
        let (fig, recall) = poetry::bench(
            &npm.poetry_dir(),
            &corpus_dir,
            &queries_path,
            &out_dir,
            opts.poetry_reps,
        )?;
        report.notes.push(format!(
            "Poetry: `bench/poetry-queries.txt`; {} source files of {} converted in memory to one Issue per file, one Article (kind literature) per poem; build and queries each ran in a child process, so VmHWM is that process's own peak.",
            fig.issues,
            rel(&root, &npm.poetry_dir())
        ));
        report.poetry = Some(fig);
        report.recall.extend(recall);
    }

    // Pagefind and the browser.
    let mut dist = None;
    if opts.native_only {
        report.skipped.push("Pagefind and the browser (--native-only)".into());
    } else if let Some(npm) = &npm {
        crate::setup::browser()?;
        dist = browser_part(&root, npm, &issues, &queries, &opts, &out_dir, &mut report)?;
    }

    // The archive in the browser.
    if opts.native_only || opts.skip_poetry {
        // Said above.
    } else if opts.skip_poetry_browser {
        report
            .skipped
            .push("the chinese-poetry archive in the browser and its Pagefind site (--skip-poetry-browser)".into());
    } else if let (Some(npm), Some(fig)) = (&npm, report.poetry.clone()) {
        archive_part(&root, npm, &fig, dist.as_deref(), &opts, &out_dir, &mut report)?;
    }

    report.notes.push(
        "Times are wall-clock on this machine with whatever else it was running; figures are measured and printed, never compared with thresholds. Percentiles are nearest-rank over every sample (query × repetition); \"first run\" is each query's first execution only.".into(),
    );
    report.notes.push("gzip -9 sizes are miniz_oxide level 9 natively and node's zlib level 9 in the browser driver, per file (as a static host that gzips would send each response).".into());
    report.machine.push_str(&format!(
        "; load average (1/5/15 min) at start {load_at_start}, at end {}",
        loadavg()
    ));
    let md = report.to_markdown();
    std::fs::write(out_dir.join("report.json"), serde_json::to_vec_pretty(&report)?)?;
    std::fs::write(out_dir.join("report.md"), &md)?;
    println!("{md}");
    eprintln!("bench: wrote {} and report.md", out_dir.join("report.json").display());
    Ok(())
}

fn rel(root: &Path, p: &Path) -> String {
    p.strip_prefix(root).unwrap_or(p).display().to_string()
}

/// `tests/queries.txt`: the engine's query set, shared with the recall and parity tests.
fn seed_queries(root: &Path) -> Result<(PathBuf, Vec<String>)> {
    let path = root.join("tests/queries.txt");
    let queries = crate::test::read_queries(&path)?;
    Ok((path, queries))
}

fn seed_native(
    corpus_dir: &Path,
    issues: &[yuliao::corpus::Issue],
    queries: &[String],
    opts: &Options,
) -> Result<(report::CorpusFigures, Vec<RecallRow>)> {
    let config = BuildConfig::from_corpus_dir(corpus_dir)
        .with_context(|| format!("reading userdict/stopwords/themes in {}", corpus_dir.display()))?;
    let mut fig = native::describe("seed corpus (corpus/clean)", issues);
    let mut raw = Vec::new();
    let raw_dir = corpus_dir.join("raw");
    for rel in crate::util::files_under(&raw_dir)? {
        if rel.extension().is_some_and(|e| e == "txt") {
            raw.extend(std::fs::read(raw_dir.join(rel))?);
        }
    }
    fig.raw_bytes = Some(raw.len() as u64);
    fig.raw_gzip_bytes = Some(gzip(&raw).len() as u64);
    eprintln!("bench: seed: {} index builds", opts.build_runs);
    let (build_ms, built) = native::time_builds(issues, &config, opts.build_runs)?;
    fig.build_ms = build_ms;
    fig.index = native::sizes(&built);
    eprintln!("bench: seed: jieba-rs alone");
    let (jl, jc, jt) = native::time_jieba(issues, opts.build_runs);
    (fig.jieba_load_ms, fig.jieba_cut_ms, fig.jieba_tokens) = (jl, jc, jt);
    let (open_ms, index) = native::time_open(&built)?;
    fig.open_ms = open_ms;
    eprintln!("bench: seed: {} queries × {} reps", queries.len(), opts.reps);
    native::record_latency(&mut fig, &index, queries, opts.reps);
    let recall = native::recall("seed", &index, &TruthDocs::new(issues), queries);
    Ok((fig, recall))
}

fn browser_part(
    root: &Path,
    npm: &npm::Npm,
    issues: &[yuliao::corpus::Issue],
    queries: &[String],
    opts: &Options,
    out_dir: &Path,
    report: &mut Report,
) -> Result<Option<PathBuf>> {
    let pagefind_bin = npm.pagefind_binary()?;
    let site_dir = root.join("bench/work/pagefind-site");
    eprintln!(
        "bench: Pagefind over {} (binary {})",
        site_dir.display(),
        pagefind_bin.display()
    );
    let pf = site::build(issues.iter().flat_map(|i| &i.articles), &site_dir, &pagefind_bin)?;
    report.notes.push(format!(
        "Pagefind: `{}` (the binary the npm package `@pagefind/linux-x64` ships, run directly, offline) over {} pages, one per cleaned seed article (`<main data-pagefind-body>` with title, subtitle, paragraphs), lang zh-CN; its default UI (`pagefind-ui.js`) with `debounceTimeoutMs: 0`, searched through `triggerSearch`.",
        rel(root, &pagefind_bin),
        pf.pages
    ));
    if opts.skip_browser {
        report.skipped.push("the browser measurements (--skip-browser)".into());
        report.pagefind_browser = Some(report::BrowserSide {
            name: "Pagefind".into(),
            index_ms: Some(pf.index_ms),
            site_bytes: pf.bundle.iter().map(|p| p.bytes).sum(),
            site_gzip_bytes: pf.bundle.iter().map(|p| p.gzip_bytes).sum(),
            ..Default::default()
        });
        return Ok(None);
    }
    // Built for this run (incrementally), into the bench's own folder: it measures the code
    // as it is, never a www/dist left from an earlier build (beside an archive index of a newer
    // format, one could not even open it), and a rebuild of www/dist meanwhile cannot change it.
    eprintln!("bench: building the app into {}", out_dir.join("dist").display());
    let dist = out_dir.join("dist");
    crate::build::build(&crate::build::Options { dev: false, corpus: root.join("corpus"), out: dist.clone() })?;
    report.notes.push(format!(
        "Browser: Debian /usr/bin/chromium headless through npm playwright-core (`bench/browser.mjs`), a fresh profile per site; both sites served by the serve task's static server on 127.0.0.1 (it sends a file's precompressed `.br`/`.gz` sibling when Chromium accepts it; the driver measures Playwright's decoded `response.body()`, so raw and gzip -9 sizes are computed per response from the plain bytes, as before the build wrote siblings). Yuliao: the app built for this run into target/bench/dist (as `cargo xtask build` builds www/dist), opened at `#/search?q=<first query>`; per query the hash route is set to `#/search?q=` (untimed, rows gone) and then to the query, timed until rows with `data-article-id` are in the DOM. {} repetitions per query.",
        opts.browser_reps
    ));
    let run = browser::bench(
        root,
        npm,
        Some(&dist),
        Some(&site_dir),
        queries,
        opts.browser_reps,
        &out_dir.join("browser"),
    )?;
    let mut pagefind = run.pagefind;
    if let Some(p) = pagefind.as_mut() {
        p.index_ms = Some(pf.index_ms);
    }
    if let Some(errors) = run.raw["errors"].as_array().filter(|e| !e.is_empty()) {
        for e in errors {
            report.skipped.push(format!(
                "browser driver error: {}",
                e.as_str().unwrap_or("?").lines().next().unwrap_or("")
            ));
        }
    }
    let docs = TruthDocs::new(issues);
    for row in report.recall.iter_mut().filter(|r| r.corpus == "seed") {
        row.yuliao_browser_total = run.yuliao_totals.get(&row.query).copied();
        if let Some(ids) = run.pagefind_found.get(&row.query) {
            row.pagefind_total = Some(ids.len());
            row.pagefind_found = docs
                .truth(&row.query)
                .map(|t| t.iter().filter(|id| ids.contains(id)).count());
        }
    }
    report.yuliao_browser = run.yuliao;
    report.pagefind_browser = pagefind;
    report.browser_raw = Some(run.raw);
    Ok(Some(dist))
}

/// The archive: Pagefind over the first `--pagefind-poems` poems (indexing time and peak
/// memory), then, unless `--skip-browser`, both archive sites in the browser. A site that
/// cannot be built is listed under "Skipped" and the other one still runs.
fn archive_part(
    root: &Path,
    npm: &npm::Npm,
    poetry: &report::CorpusFigures,
    dist: Option<&Path>,
    opts: &Options,
    out_dir: &Path,
    report: &mut Report,
) -> Result<()> {
    let queries_path = root.join("bench/poetry-queries.txt");
    let queries = crate::test::read_queries(&queries_path)?;
    let pagefind_bin = npm.pagefind_binary()?;
    eprintln!("bench: archive: loading the poems for Pagefind");
    let issues = poetry::load(&npm.poetry_dir())?;
    let poems: usize = issues.iter().map(|i| i.articles.len()).sum();
    let limit = opts.pagefind_poems.min(poems);
    let pf_dir = root.join("bench/work/pagefind-poetry-site");
    eprintln!("bench: archive: Pagefind over the first {limit} of {poems} poems");
    let pf = match archive::pagefind_site(&issues, limit, &pf_dir, &pagefind_bin) {
        Ok(pf) => Some(pf),
        Err(e) => {
            report
                .skipped
                .push(format!("Pagefind over {limit} poems of chinese-poetry: {e:#}"));
            None
        }
    };
    drop(issues);
    if let Some(pf) = &pf {
        report.notes.push(format!(
            "Archive: Pagefind indexed the first {} of {poems} poems (全唐詩 then 全宋詩, in the package's order; `--pagefind-poems`, default {PAGEFIND_POEMS}): its peak memory grows about linearly with the poems (~65 KB each here), so all of them would need about 20 GB of this machine's 24 GB, with no swap, next to other work. Its pages hold the same text as Yuliao's articles (`corpus::article_text`); its peak memory is GNU time's maximum resident set size of the CLI.",
            pf.pages
        ));
    }
    if opts.skip_browser {
        if let Some(pf) = &pf {
            let mut side = report::BrowserSide {
                name: "Pagefind".into(),
                ..Default::default()
            };
            archive::fill_pagefind(&mut side, pf);
            report.poetry_pagefind_browser = Some(side);
        }
        report.skipped.push("the chinese-poetry archive in the browser (--skip-browser)".into());
        return Ok(());
    }
    let Some(dist) = dist else {
        report.skipped.push("the chinese-poetry archive in the browser: no built app to serve it with".into());
        return Ok(());
    };
    let site = out_dir.join("poetry-site");
    let yuliao = match archive::yuliao_site(dist, &poetry::index_dir(out_dir), &site) {
        Ok(()) => Some(archive::YuliaoArchive {
            site: &site,
            docs: poetry.articles,
            text_bytes: poetry.text_bytes as u64,
            index: &poetry.index,
        }),
        Err(e) => {
            report.skipped.push(format!("the Yuliao archive site: {e:#}"));
            None
        }
    };
    let first = queries.first().map(String::as_str).unwrap_or("");
    report.notes.push(format!(
        "Archive in the browser: the app of the seed build (built for the run into `target/bench/dist`: wasm, glue, bootstrap, style) with the index the poetry child wrote as `index/`, the page written and its first paint filled from that manifest by `build::write_page` and `build::write_first_paint` (`{}`; the index has no .br/.gz siblings: the driver counts decoded bytes and gzip -9 per response either way), served like the seed. Per site, in a fresh profile: `#/search?q={first}` cold (bytes until the first row; {cold} cold loads for the time), then in the same page every query of `bench/poetry-queries.txt` by route change (Yuliao) or `triggerSearch` (Pagefind), {reps} repetitions each; a query's bytes are those of the requests that started between the route change and its rows being on screen in its first repetition (Pagefind: until every row it shows is loaded). \"Later queries\" leave out the first query (already loaded). Views (Yuliao): `{themes}` and `#/freq`, each in a fresh profile after a cold first search (the view's own bytes and time, from the route change) and cold (everything from navigation). Every wait is bounded (60 s); a timeout, or a failure the page shows, is recorded with a screenshot, not dropped.",
        rel(root, &site),
        cold = 3,
        reps = opts.browser_reps,
        themes = archive::views(first)[0]["route"].as_str().unwrap_or(""),
    ));
    let pagefind = pf.as_ref().map(|pf| (pf_dir.as_path(), pf));
    if yuliao.is_none() && pagefind.is_none() {
        return Ok(());
    }
    let (y, p, raw) = archive::bench(
        root,
        npm,
        yuliao,
        pagefind,
        &queries,
        opts.browser_reps,
        &out_dir.join("browser-poetry"),
    )?;
    if let Some(errors) = raw["errors"].as_array().filter(|e| !e.is_empty()) {
        for e in errors {
            report.skipped.push(format!(
                "archive browser driver error: {}",
                e.as_str().unwrap_or("?").lines().next().unwrap_or("")
            ));
        }
    }
    report.poetry_yuliao_browser = y;
    report.poetry_pagefind_browser = p;
    match report.browser_raw.as_mut().and_then(|v| v.as_object_mut()) {
        Some(m) => {
            m.insert("archive".into(), raw);
        }
        None => report.browser_raw = Some(serde_json::json!({ "archive": raw })),
    }
    Ok(())
}


/// CPU model, core count and memory, for the report header.
fn machine() -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name").and_then(|r| r.split(':').nth(1)))
        .map(str::trim)
        .unwrap_or("unknown CPU");
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0);
    let mem = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            m.lines()
                .find_map(|l| l.strip_prefix("MemTotal:").map(|r| r.trim().to_string()))
        })
        .unwrap_or_default();
    let profile = if cfg!(debug_assertions) { "debug" } else { "release" };
    format!("{model}, {cores} cores available, MemTotal {mem}; xtask and the engine built with the {profile} profile")
}

/// The first three fields of `/proc/loadavg`: other work on the machine skews every timing.
fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}
