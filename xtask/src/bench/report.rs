//! The bench report: every figure the bench measured, as data (`target/bench/report.json`)
//! and as tables for people (`target/bench/report.md`, also printed).
//!
//! Takes the figures gathered by the native, poetry and browser parts. Returns JSON and
//! Markdown. Guarantees: figures are reported, never judged — nothing here compares a
//! timing with a threshold; a part that did not run is said to be skipped, with why.

use super::stats::{mb_per_s, median, min, percentile, summarize, Summary};
use serde::{Deserialize, Serialize};
use std::fmt::Write;

/// Bytes of one index piece (or the manifest), raw and as gzip -9 would send it.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct PieceSize {
    pub name: String,
    pub bytes: u64,
    pub gzip_bytes: u64,
}

/// The native figures for one corpus.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct CorpusFigures {
    pub name: String,
    pub issues: usize,
    pub articles: usize,
    /// UTF-8 bytes of the article texts (title, subtitle, paragraphs).
    pub text_bytes: usize,
    pub text_chars: usize,
    /// gzip -9 of the article texts joined by newlines.
    pub text_gzip_bytes: u64,
    /// The raw source text files (`corpus/raw/*.txt`), when the corpus has them.
    pub raw_bytes: Option<u64>,
    pub raw_gzip_bytes: Option<u64>,
    /// Time to read and convert the source files into `Issue`s (poetry only).
    pub load_ms: Option<f64>,
    /// `yuliao::index::build`, one sample per run.
    pub build_ms: Vec<f64>,
    /// `Jieba::new()` (full dictionary) and `cut(text, hmm = false)` over every article text.
    pub jieba_load_ms: f64,
    pub jieba_cut_ms: Vec<f64>,
    pub jieba_tokens: usize,
    /// Manifest first, then every piece in manifest order.
    pub index: Vec<PieceSize>,
    /// Peak resident memory (VmHWM) of the process that built the index: after loading the
    /// corpus, and after the build.
    pub peak_rss_after_load_kib: Option<u64>,
    pub peak_rss_after_build_kib: Option<u64>,
    /// `Index::open` over the built bytes, and the peak memory of a process that only opens
    /// the index and answers the queries.
    pub open_ms: f64,
    pub peak_rss_query_process_kib: Option<u64>,
    /// `query::search` with the default options (20 hits, snippets), every query `reps` times.
    pub queries: usize,
    pub reps: usize,
    pub latency: Option<Summary>,
    /// Latency of the first (cold) run of each query.
    pub latency_first_run: Option<Summary>,
}

impl CorpusFigures {
    pub fn index_bytes(&self) -> u64 {
        self.index.iter().map(|p| p.bytes).sum()
    }
    pub fn index_gzip_bytes(&self) -> u64 {
        self.index.iter().map(|p| p.gzip_bytes).sum()
    }
}

/// For one query: how many articles hold its strings, and how many of those each engine
/// found. `None` where a figure has no meaning (field filters) or a part did not run.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct RecallRow {
    pub corpus: String,
    pub query: String,
    pub truth: Option<usize>,
    pub yuliao_total: usize,
    pub yuliao_found: Option<usize>,
    /// The hit count the web app showed for the query (`#hit-count[data-total]`).
    pub yuliao_browser_total: Option<usize>,
    pub pagefind_total: Option<usize>,
    pub pagefind_found: Option<usize>,
    /// Pagefind is compared only on plain words and phrases (it has no OR or exclusion).
    pub plain: bool,
}

/// One side of the browser comparison.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct BrowserSide {
    pub name: String,
    pub first_query: String,
    /// The first cold load (the one whose bytes are counted).
    pub ms_to_first_result: Option<f64>,
    /// Every cold load, each in a fresh browser profile (the first one included).
    pub cold_ms: Vec<f64>,
    /// On an emulated 1.5 Mbit/s link with 150 ms round trips, cold: first paint, first
    /// contentful paint, first result (ms from navigation).
    pub slow_first_paint_ms: Option<f64>,
    pub slow_first_contentful_paint_ms: Option<f64>,
    pub slow_first_result_ms: Option<f64>,
    pub requests_to_first_result: usize,
    pub bytes_to_first_result: u64,
    pub gzip_bytes_to_first_result: u64,
    /// Files fetched before the first result, with raw and gzip sizes.
    pub files: Vec<PieceSize>,
    pub latency: Option<Summary>,
    pub latency_first_run: Option<Summary>,
    /// Pagefind only: until every row the UI first shows is loaded, and its JS API.
    pub latency_all_rows: Option<Summary>,
    pub api_latency: Option<Summary>,
    pub timed_out_queries: Vec<String>,
    pub foreign_requests: Vec<String>,
    pub page_errors: Vec<String>,
    /// On-disk size of what the site serves for search (Yuliao: dist; Pagefind: pagefind/).
    pub site_bytes: u64,
    pub site_gzip_bytes: u64,
    /// Pagefind only: time its CLI took to index the site.
    pub index_ms: Option<f64>,
    /// The first query's cold load: it timed out, or the page showed this failure.
    pub first_timed_out: bool,
    pub first_error: Option<String>,
    /// What each query's first run fetched in the open page (after the cold first query).
    pub query_fetches: Vec<QueryFetch>,
    /// Views opened after a first search and cold (the archive part only).
    pub views: Vec<ViewFetch>,
    /// Console errors of the main page, by text, with how often each appeared.
    pub console_errors: Vec<(String, u64)>,
    /// Screenshots the driver took where a wait timed out or the page failed.
    pub screenshots: Vec<String>,
    /// The archive part only: documents in the index, their text bytes (as
    /// `CorpusFigures::text_bytes` counts them), the index's bytes (Yuliao: `index/`;
    /// Pagefind: its `pagefind/` bundle), what the page reads before it can run any query
    /// (Yuliao: `manifest.bin`; Pagefind: `pagefind-entry.json` and its `.pf_meta`), and the
    /// peak memory of the indexer (Pagefind's CLI, maximum resident set size).
    pub docs: Option<usize>,
    pub text_bytes: Option<u64>,
    pub index_bytes: Option<(u64, u64)>,
    pub manifest: Vec<PieceSize>,
    pub index_peak_rss_kib: Option<u64>,
}

/// What one query's first run fetched in a page that is already open, and how it ended.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct QueryFetch {
    pub query: String,
    /// Route change (Yuliao) or `triggerSearch` (Pagefind) until every shown row is loaded.
    pub ms: Option<f64>,
    pub requests: usize,
    pub bytes: u64,
    pub gzip_bytes: u64,
    /// Requests the browser gave up on (no response), e.g. `net::ERR_INSUFFICIENT_RESOURCES`.
    pub failed_requests: usize,
    /// Hits the page reported (Yuliao `#hit-count[data-total]`; Pagefind `search().results`).
    pub total: Option<u64>,
    pub timed_out: bool,
    /// The page's failure text (Yuliao `.load-error`), if it showed one.
    pub failure: Option<String>,
}

/// One view opened in the archive's page.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ViewFetch {
    pub name: String,
    pub route: String,
    /// `after first search` (its own bytes and time, from the route change) or `cold`
    /// (everything from navigation, fresh profile).
    pub mode: String,
    pub ms: Option<f64>,
    pub requests: usize,
    pub bytes: u64,
    pub gzip_bytes: u64,
    pub failed_requests: usize,
    pub failed_reasons: Vec<String>,
    /// Rows on screen when it was ready.
    pub rows: Option<u64>,
    pub timed_out: bool,
    pub error: Option<String>,
    pub screenshot: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Report {
    pub command: String,
    pub machine: String,
    pub seed: Option<CorpusFigures>,
    pub poetry: Option<CorpusFigures>,
    pub yuliao_browser: Option<BrowserSide>,
    pub pagefind_browser: Option<BrowserSide>,
    /// The archive in the browser: the app over the chinese-poetry index, and Pagefind over
    /// (a part of) the same poems.
    pub poetry_yuliao_browser: Option<BrowserSide>,
    pub poetry_pagefind_browser: Option<BrowserSide>,
    pub recall: Vec<RecallRow>,
    pub skipped: Vec<String>,
    pub notes: Vec<String>,
    /// The browser driver's own output, kept whole for anyone who wants every sample.
    pub browser_raw: Option<serde_json::Value>,
}

fn kib(bytes: u64) -> String {
    if bytes >= 10 << 20 {
        format!("{:.1} MiB", bytes as f64 / (1u64 << 20) as f64)
    } else {
        format!("{:.1} KiB", bytes as f64 / 1024.0)
    }
}

fn ms(v: f64) -> String {
    if v >= 10_000.0 {
        format!("{:.1} s", v / 1000.0)
    } else if v >= 100.0 {
        format!("{v:.0} ms")
    } else if v >= 1.0 {
        format!("{v:.2} ms")
    } else {
        format!("{:.0} µs", v * 1000.0)
    }
}

fn lat(s: &Option<Summary>) -> String {
    match s {
        Some(s) => format!("p50 {} · p95 {} (n={})", ms(s.p50_ms), ms(s.p95_ms), s.n),
        None => "—".into(),
    }
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_else(|| "—".into())
}

impl Report {
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        let w = &mut out;
        let _ = writeln!(w, "# Yuliao bench\n");
        let _ = writeln!(w, "Command: `{}`  ", self.command);
        let _ = writeln!(w, "Machine: {}\n", self.machine);
        for c in [&self.seed, &self.poetry].into_iter().flatten() {
            corpus_table(w, c);
        }
        if self.yuliao_browser.is_some() || self.pagefind_browser.is_some() {
            browser_table(w, self.yuliao_browser.as_ref(), self.pagefind_browser.as_ref());
        }
        if self.poetry_yuliao_browser.is_some() || self.poetry_pagefind_browser.is_some() {
            archive_table(
                w,
                self.poetry_yuliao_browser.as_ref(),
                self.poetry_pagefind_browser.as_ref(),
                self.poetry.as_ref(),
            );
        }
        if !self.recall.is_empty() {
            recall_table(w, &self.recall);
        }
        if !self.skipped.is_empty() {
            let _ = writeln!(w, "## Skipped\n");
            for s in &self.skipped {
                let _ = writeln!(w, "- {s}");
            }
            let _ = writeln!(w);
        }
        if !self.notes.is_empty() {
            let _ = writeln!(w, "## How these were measured\n");
            for s in &self.notes {
                let _ = writeln!(w, "- {s}");
            }
            let _ = writeln!(w);
        }
        out
    }
}

/// The kind of an index piece or a fetched file: a piece's name before its number and content
/// hash (`words-12-3bd2….bin` → `words`; format 2's `words-3bd2….bin` too), in a folder or a
/// URL as well; any other file by its extension (`…pf_fragment` → `pf_fragment`), or its name
/// when it has none (`/` → `/`).
pub fn file_kind(name: &str) -> String {
    let file = name.split(['?', '#']).next().unwrap_or(name);
    let file = file.rsplit('/').next().filter(|f| !f.is_empty()).unwrap_or(file);
    let Some(stem) = file.strip_suffix(".bin") else {
        return match file.rsplit_once('.') {
            Some((_, ext)) if !ext.is_empty() => ext.to_string(),
            _ => file.to_string(),
        };
    };
    let mut kind = match stem.rsplit_once('-') {
        Some((k, hash)) if !hash.is_empty() && hash.chars().all(|c| c.is_ascii_hexdigit()) => k,
        _ => stem,
    };
    if let Some((k, n)) = kind.rsplit_once('-') {
        if !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) {
            kind = k;
        }
    }
    kind.to_string()
}

/// Pieces (or fetched files) grouped by [`file_kind`], in order of first appearance:
/// (kind, (files, bytes, gzip bytes)).
fn piece_kinds(pieces: &[PieceSize]) -> Vec<(String, (usize, u64, u64))> {
    let mut out: Vec<(String, (usize, u64, u64))> = Vec::new();
    for p in pieces {
        let kind = file_kind(&p.name);
        match out.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, (n, b, g))) => {
                *n += 1;
                *b += p.bytes;
                *g += p.gzip_bytes;
            }
            None => out.push((kind, (1, p.bytes, p.gzip_bytes))),
        }
    }
    out
}

fn corpus_table(w: &mut String, c: &CorpusFigures) {
    let _ = writeln!(
        w,
        "## Native — {} ({} issues, {} articles, {} of text, {} chars)\n",
        c.name,
        c.issues,
        c.articles,
        kib(c.text_bytes as u64),
        c.text_chars
    );
    let _ = writeln!(w, "| measure | value |\n| --- | --- |");
    if let Some(l) = c.load_ms {
        let _ = writeln!(w, "| load source files into Issues | {} |", ms(l));
    }
    if !c.build_ms.is_empty() {
        let (best, med) = (min(&c.build_ms), median(&c.build_ms));
        let _ = writeln!(
            w,
            "| index build (`index::build`, {} run{}; each loads jieba's dictionary once, timed alone below) | best {} = **{:.2} MB/s** · median {} = {:.2} MB/s |",
            c.build_ms.len(),
            if c.build_ms.len() == 1 { "" } else { "s" },
            ms(best),
            mb_per_s(c.text_bytes, best),
            ms(med),
            mb_per_s(c.text_bytes, med)
        );
    }
    if !c.jieba_cut_ms.is_empty() {
        let (best, med) = (min(&c.jieba_cut_ms), median(&c.jieba_cut_ms));
        let _ = writeln!(
            w,
            "| jieba-rs alone: `cut(hmm=false)`, full dict ({} run{}, {} tokens) | best {} = **{:.2} MB/s** · median {} = {:.2} MB/s |",
            c.jieba_cut_ms.len(),
            if c.jieba_cut_ms.len() == 1 { "" } else { "s" },
            c.jieba_tokens,
            ms(best),
            mb_per_s(c.text_bytes, best),
            ms(med),
            mb_per_s(c.text_bytes, med)
        );
        let _ = writeln!(
            w,
            "| jieba-rs alone: `Jieba::new()` (dictionary load, best) | {} |",
            ms(c.jieba_load_ms)
        );
    }
    if !c.index.is_empty() {
        let _ = writeln!(
            w,
            "| index bytes (manifest + {} pieces) | **{}** ({} B) · gzip -9 {} |",
            c.index.len().saturating_sub(1),
            kib(c.index_bytes()),
            c.index_bytes(),
            kib(c.index_gzip_bytes())
        );
        for (kind, (n, bytes, gz)) in piece_kinds(&c.index) {
            let _ = writeln!(
                w,
                "| · {kind} ({n} file{}) | {} · gzip -9 {} |",
                if n == 1 { "" } else { "s" },
                kib(bytes),
                kib(gz)
            );
        }
    }
    if let (Some(r), Some(g)) = (c.raw_bytes, c.raw_gzip_bytes) {
        let _ = writeln!(
            w,
            "| raw text files (corpus/raw) | {} · **gzip -9 {}** |",
            kib(r),
            kib(g)
        );
    }
    let _ = writeln!(
        w,
        "| article texts | {} · gzip -9 {} |",
        kib(c.text_bytes as u64),
        kib(c.text_gzip_bytes)
    );
    if let Some(k) = c.peak_rss_after_load_kib {
        let _ = writeln!(
            w,
            "| peak memory (VmHWM) after loading the corpus | {} |",
            kib(k * 1024)
        );
    }
    if let Some(k) = c.peak_rss_after_build_kib {
        let _ = writeln!(w, "| peak memory (VmHWM) after the build | **{}** |", kib(k * 1024));
    }
    let _ = writeln!(w, "| `Index::open` | {} |", ms(c.open_ms));
    if let Some(k) = c.peak_rss_query_process_kib {
        let _ = writeln!(
            w,
            "| peak memory of a process that opens the index and queries | {} |",
            kib(k * 1024)
        );
    }
    let _ = writeln!(
        w,
        "| query latency, `query::search` default options ({} queries × {} reps) | **{}** |",
        c.queries,
        c.reps,
        lat(&c.latency)
    );
    let _ = writeln!(
        w,
        "| query latency, first run of each query | {} |\n",
        lat(&c.latency_first_run)
    );
}

fn browser_table(w: &mut String, y: Option<&BrowserSide>, p: Option<&BrowserSide>) {
    let _ = writeln!(w, "## Browser — headless Chromium, same articles, same queries\n");
    let cell = |s: Option<&BrowserSide>, f: &dyn Fn(&BrowserSide) -> String| s.map(f).unwrap_or_else(|| "—".into());
    let rows: Vec<(&str, Box<dyn Fn(&BrowserSide) -> String>)> = vec![
        ("first query", Box::new(|s| format!("`{}`", s.first_query))),
        (
            "bytes until first result, gzip -9",
            Box::new(|s| format!("**{}**", kib(s.gzip_bytes_to_first_result))),
        ),
        (
            "bytes until first result, raw",
            Box::new(|s| kib(s.bytes_to_first_result)),
        ),
        (
            "requests until first result",
            Box::new(|s| s.requests_to_first_result.to_string()),
        ),
        (
            "slow link (1.5 Mbit/s, 150 ms round trip), cold: first paint · first contentful paint · first result",
            Box::new(|s| {
                format!(
                    "**{}** · {} · {}",
                    opt(s.slow_first_paint_ms.map(ms)),
                    opt(s.slow_first_contentful_paint_ms.map(ms)),
                    opt(s.slow_first_result_ms.map(ms))
                )
            }),
        ),
        (
            "time to first result, cold profile, from navigation (median of n; min–max)",
            Box::new(|s| {
                if s.cold_ms.is_empty() {
                    opt(s.ms_to_first_result.map(ms))
                } else {
                    format!(
                        "**{}** (n={}; {}–{})",
                        ms(median(&s.cold_ms)),
                        s.cold_ms.len(),
                        ms(min(&s.cold_ms)),
                        ms(s.cold_ms.iter().copied().fold(0.0, f64::max))
                    )
                }
            }),
        ),
        (
            "query latency, route/trigger → first result row",
            Box::new(|s| format!("**{}**", lat(&s.latency))),
        ),
        (
            "query latency, first run of each query",
            Box::new(|s| lat(&s.latency_first_run)),
        ),
        (
            "query latency, until all shown rows loaded",
            Box::new(|s| lat(&s.latency_all_rows)),
        ),
        ("JS API: search() + data() of top 5", Box::new(|s| lat(&s.api_latency))),
        (
            "on disk: Yuliao all of dist/, Pagefind its pagefind/ bundle (raw · gzip -9)",
            Box::new(|s| format!("{} · {}", kib(s.site_bytes), kib(s.site_gzip_bytes))),
        ),
        ("indexing time of its CLI", Box::new(|s| opt(s.index_ms.map(ms)))),
        (
            "queries that timed out",
            Box::new(|s| {
                if s.timed_out_queries.is_empty() {
                    "0".into()
                } else {
                    s.timed_out_queries.join(" · ")
                }
            }),
        ),
        (
            "requests to other origins",
            Box::new(|s| s.foreign_requests.len().to_string()),
        ),
        ("page errors", Box::new(|s| s.page_errors.len().to_string())),
    ];
    let _ = writeln!(w, "| measure | Yuliao | Pagefind |\n| --- | --- | --- |");
    for (label, f) in &rows {
        let _ = writeln!(w, "| {label} | {} | {} |", cell(y, f.as_ref()), cell(p, f.as_ref()));
    }
    let _ = writeln!(w);
    for side in [y, p].into_iter().flatten() {
        if side.files.is_empty() {
            continue;
        }
        let _ = writeln!(
            w,
            "<details><summary>{}: files fetched until the first result</summary>\n",
            side.name
        );
        let _ = writeln!(w, "| file | raw | gzip -9 |\n| --- | --- | --- |");
        for f in &side.files {
            let _ = writeln!(w, "| {} | {} | {} |", f.name, f.bytes, f.gzip_bytes);
        }
        let _ = writeln!(w, "\n</details>\n");
    }
}

/// Nearest-rank p50, p95 and max of byte counts (as the timing summaries are).
pub fn byte_stats(values: &[u64]) -> Option<(u64, u64, u64)> {
    if values.is_empty() {
        return None;
    }
    let mut v: Vec<f64> = values.iter().map(|&b| b as f64).collect();
    v.sort_by(f64::total_cmp);
    Some((percentile(&v, 50.0) as u64, percentile(&v, 95.0) as u64, v[v.len() - 1] as u64))
}

impl BrowserSide {
    /// The queries run after the cold first one (its repeat in the same page left out: its
    /// pieces are already loaded).
    pub fn later_queries(&self) -> &[QueryFetch] {
        match self.query_fetches.first() {
            Some(q) if q.query == self.first_query => &self.query_fetches[1..],
            _ => &self.query_fetches,
        }
    }
}

fn bytes_pair(raw: u64, gz: u64) -> String {
    format!("{} · gzip -9 {}", kib(raw), kib(gz))
}

/// What a view or query ended as: "ok", "timed out" or the failure text.
fn outcome(timed_out: bool, error: Option<&str>) -> String {
    match (timed_out, error) {
        (true, _) => "**timed out**".into(),
        (false, Some(e)) => format!("**failed**: {}", one_line(e)),
        (false, None) => "ok".into(),
    }
}

fn one_line(s: &str) -> String {
    let s: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let s = s.replace('|', "\\|");
    if s.chars().count() > 160 {
        format!("{}…", s.chars().take(160).collect::<String>())
    } else {
        s
    }
}

fn archive_table(w: &mut String, y: Option<&BrowserSide>, p: Option<&BrowserSide>, poetry: Option<&CorpusFigures>) {
    let docs = |s: Option<&BrowserSide>| s.and_then(|s| s.docs).map(|d| d.to_string()).unwrap_or_else(|| "—".into());
    let _ = writeln!(
        w,
        "## Browser — chinese-poetry as an archive (Yuliao: {} poems; Pagefind: the first {})\n",
        docs(y),
        docs(p)
    );
    let cell = |s: Option<&BrowserSide>, f: &dyn Fn(&BrowserSide) -> String| s.map(f).unwrap_or_else(|| "—".into());
    let view = |name: &'static str, mode: &'static str| {
        move |s: &BrowserSide| match s.views.iter().find(|v| v.name == name && v.mode == mode) {
            Some(v) if v.timed_out || v.error.is_some() => format!(
                "{} after {} · {} · {} requests ({} failed)",
                outcome(v.timed_out, v.error.as_deref()),
                opt(v.ms.map(ms)),
                bytes_pair(v.bytes, v.gzip_bytes),
                v.requests,
                v.failed_requests
            ),
            Some(v) => format!(
                "**{}** · {} · {} requests · {} rows",
                opt(v.ms.map(ms)),
                bytes_pair(v.bytes, v.gzip_bytes),
                v.requests,
                opt(v.rows)
            ),
            None => "—".into(),
        }
    };
    let later = |f: fn(&QueryFetch) -> u64, bold: bool| {
        move |s: &BrowserSide| {
            let values: Vec<u64> = s.later_queries().iter().map(f).collect();
            match byte_stats(&values) {
                Some((p50, p95, max)) if bold => format!("**{}** · {} · {} (n={})", kib(p50), kib(p95), kib(max), values.len()),
                Some((p50, p95, max)) => format!("{} · {} · {} (n={})", kib(p50), kib(p95), kib(max), values.len()),
                None => "—".into(),
            }
        }
    };
    let yuliao_build = poetry.map(|c| {
        format!(
            "{} (`index::build`, in-process; the poetry table above)",
            c.build_ms.first().map(|&m| ms(m)).unwrap_or_else(|| "—".into())
        )
    });
    let yuliao_peak = poetry.and_then(|c| c.peak_rss_after_build_kib).map(|k| format!("{} (VmHWM of the build child)", kib(k * 1024)));
    let rows: Vec<(String, Box<dyn Fn(&BrowserSide) -> String>)> = vec![
        ("poems in the index".into(), Box::new(|s| opt(s.docs))),
        (
            "index on disk (Yuliao `index/`, Pagefind `pagefind/`)".into(),
            Box::new(|s| s.index_bytes.map(|(r, g)| bytes_pair(r, g)).unwrap_or_else(|| "—".into())),
        ),
        (
            "index bytes per text byte (raw)".into(),
            Box::new(|s| match (s.index_bytes, s.text_bytes) {
                (Some((r, _)), Some(t)) if t > 0 => format!("**{:.2}** ({} of text)", r as f64 / t as f64, kib(t)),
                _ => "—".into(),
            }),
        ),
        (
            "index build time".into(),
            Box::new(move |s| match s.index_ms {
                Some(m) => format!("{} (its CLI)", ms(m)),
                None => yuliao_build.clone().unwrap_or_else(|| "—".into()),
            }),
        ),
        (
            "peak memory of the index build".into(),
            Box::new(move |s| match s.index_peak_rss_kib {
                Some(k) => format!("**{}** (max RSS of its CLI)", kib(k * 1024)),
                None if s.index_ms.is_some() => "—".into(),
                None => yuliao_peak.clone().unwrap_or_else(|| "—".into()),
            }),
        ),
        (
            "manifest: read before any query (Yuliao `manifest.bin`; Pagefind entry + `.pf_meta`)".into(),
            Box::new(|s| {
                if s.manifest.is_empty() {
                    "—".into()
                } else {
                    bytes_pair(s.manifest.iter().map(|m| m.bytes).sum(), s.manifest.iter().map(|m| m.gzip_bytes).sum())
                }
            }),
        ),
        ("first query".into(), Box::new(|s| format!("`{}`", s.first_query))),
        (
            "first query, cold: bytes until the first result".into(),
            Box::new(|s| format!("**{}** · raw {}", kib(s.gzip_bytes_to_first_result), kib(s.bytes_to_first_result))),
        ),
        (
            "first query, cold: requests until the first result".into(),
            Box::new(|s| s.requests_to_first_result.to_string()),
        ),
        (
            "first query, cold: what it fetched, by kind (files, raw bytes; largest first)".into(),
            Box::new(|s| {
                let mut kinds = piece_kinds(&s.files);
                kinds.sort_by(|a, b| b.1 .1.cmp(&a.1 .1));
                kinds
                    .iter()
                    .map(|(k, (n, b, _))| format!("{k} {n} ({})", kib(*b)))
                    .collect::<Vec<_>>()
                    .join(" · ")
            }),
        ),
        (
            "first query, cold: time from navigation to the first result (median of n; min–max)".into(),
            Box::new(|s| {
                let got: Vec<f64> = s.cold_ms.clone();
                let mut text = if got.is_empty() {
                    opt(s.ms_to_first_result.map(ms))
                } else {
                    format!(
                        "**{}** (n={}; {}–{})",
                        ms(median(&got)),
                        got.len(),
                        ms(min(&got)),
                        ms(got.iter().copied().fold(0.0, f64::max))
                    )
                };
                if s.first_timed_out || s.first_error.is_some() {
                    text = format!("{} — first load {}", text, outcome(s.first_timed_out, s.first_error.as_deref()));
                }
                text
            }),
        ),
        (
            "later queries, same page: bytes fetched per query, gzip -9 (p50 · p95 · max)".into(),
            Box::new(later(|q| q.gzip_bytes, true)),
        ),
        (
            "later queries, same page: bytes fetched per query, raw (p50 · p95 · max)".into(),
            Box::new(later(|q| q.bytes, false)),
        ),
        (
            "later queries, same page: requests per query (p50 · p95 · max)".into(),
            Box::new(|s| {
                let values: Vec<u64> = s.later_queries().iter().map(|q| q.requests as u64).collect();
                byte_stats(&values)
                    .map(|(a, b, c)| format!("{a} · {b} · {c}"))
                    .unwrap_or_else(|| "—".into())
            }),
        ),
        (
            "later queries, same page: time of the first run (route/trigger → every row shown)".into(),
            Box::new(|s| {
                let t: Vec<f64> = s.later_queries().iter().filter_map(|q| q.ms).collect();
                lat(&summarize(&t))
            }),
        ),
        (
            "later queries: timed out · failed".into(),
            Box::new(|s| {
                let later = s.later_queries();
                let to: Vec<&str> = later.iter().filter(|q| q.timed_out).map(|q| q.query.as_str()).collect();
                let failed: Vec<&str> = later.iter().filter(|q| q.failure.is_some()).map(|q| q.query.as_str()).collect();
                format!(
                    "{} · {}",
                    if to.is_empty() { "0".into() } else { to.join(" ") },
                    if failed.is_empty() { "0".into() } else { failed.join(" ") }
                )
            }),
        ),
        (
            "theme view, after the first search (route → rows; its own bytes)".into(),
            Box::new(view("themes", "after first search")),
        ),
        ("theme view, cold (navigation → rows)".into(), Box::new(view("themes", "cold"))),
        (
            "frequency view, after the first search (route → rows; its own bytes)".into(),
            Box::new(view("freq", "after first search")),
        ),
        ("frequency view, cold (navigation → rows)".into(), Box::new(view("freq", "cold"))),
        (
            "page errors · console errors (main page)".into(),
            Box::new(|s| {
                format!(
                    "{} · {}",
                    s.page_errors.len(),
                    s.console_errors.iter().map(|(_, n)| n).sum::<u64>()
                )
            }),
        ),
        (
            "requests to other origins".into(),
            Box::new(|s| s.foreign_requests.len().to_string()),
        ),
    ];
    let _ = writeln!(w, "| measure | Yuliao | Pagefind |\n| --- | --- | --- |");
    for (label, f) in &rows {
        let _ = writeln!(w, "| {label} | {} | {} |", cell(y, f.as_ref()), cell(p, f.as_ref()));
    }
    let _ = writeln!(w);
    // Views in detail, with what the browser said when they failed.
    let views: Vec<(&str, &ViewFetch)> = [y, p]
        .into_iter()
        .flatten()
        .flat_map(|s| s.views.iter().map(move |v| (s.name.as_str(), v)))
        .collect();
    if !views.is_empty() {
        let _ = writeln!(w, "<details><summary>Archive views</summary>\n");
        let _ = writeln!(
            w,
            "| site | route | mode | outcome | time | requests | failed requests | raw | gzip -9 | rows | screenshot |\n| --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
        );
        for (site, v) in views {
            let _ = writeln!(
                w,
                "| {site} | `{}` | {} | {} | {} | {} | {}{} | {} | {} | {} | {} |",
                v.route,
                v.mode,
                outcome(v.timed_out, v.error.as_deref()),
                opt(v.ms.map(ms)),
                v.requests,
                v.failed_requests,
                if v.failed_reasons.is_empty() { String::new() } else { format!(" ({})", v.failed_reasons.join(", ")) },
                v.bytes,
                v.gzip_bytes,
                opt(v.rows),
                v.screenshot.as_deref().unwrap_or("")
            );
        }
        let _ = writeln!(w, "\n</details>\n");
    }
    // Every query, side by side.
    let queries: Vec<&str> = y
        .or(p)
        .map(|s| s.query_fetches.iter().map(|q| q.query.as_str()).collect())
        .unwrap_or_default();
    if !queries.is_empty() {
        let _ = writeln!(
            w,
            "<details><summary>Archive: what each query fetched in the open page (first run; the first query's repeat fetches nothing)</summary>\n"
        );
        let _ = writeln!(
            w,
            "| query | Yuliao time | Yuliao requests | Yuliao raw | Yuliao gzip -9 | Yuliao hits | Pagefind time | Pagefind requests | Pagefind raw | Pagefind gzip -9 | Pagefind results |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
        );
        let find = |s: Option<&BrowserSide>, q: &str| s.and_then(|s| s.query_fetches.iter().find(|f| f.query == q).cloned());
        let cols = |f: Option<QueryFetch>| match f {
            None => "— | — | — | — | —".to_string(),
            Some(f) => format!(
                "{} | {}{} | {} | {} | {}",
                if f.timed_out || f.failure.is_some() {
                    outcome(f.timed_out, f.failure.as_deref())
                } else {
                    opt(f.ms.map(ms))
                },
                f.requests,
                if f.failed_requests > 0 { format!(" ({} failed)", f.failed_requests) } else { String::new() },
                f.bytes,
                f.gzip_bytes,
                opt(f.total)
            ),
        };
        for q in queries {
            let _ = writeln!(w, "| `{}` | {} | {} |", q.replace('|', "\\|"), cols(find(y, q)), cols(find(p, q)));
        }
        let _ = writeln!(w, "\n</details>\n");
    }
    for side in [y, p].into_iter().flatten() {
        if !side.console_errors.is_empty() {
            let _ = writeln!(w, "<details><summary>{}: console errors of the archive page</summary>\n", side.name);
            for (text, n) in &side.console_errors {
                let _ = writeln!(w, "- {n} × `{}`", one_line(text).replace('`', "'"));
            }
            for e in &side.page_errors {
                let _ = writeln!(w, "- page error: `{}`", one_line(e).replace('`', "'"));
            }
            let _ = writeln!(w, "\n</details>\n");
        }
    }
}

fn recall_table(w: &mut String, rows: &[RecallRow]) {
    let _ = writeln!(
        w,
        "## Recall: articles that hold the query string, and how many each engine finds\n"
    );
    for corpus in ["seed", "poetry"] {
        let rows: Vec<&RecallRow> = rows.iter().filter(|r| r.corpus == corpus).collect();
        if rows.is_empty() {
            continue;
        }
        let with_truth: Vec<&&RecallRow> = rows.iter().filter(|r| r.truth.is_some()).collect();
        let truth_sum: usize = with_truth.iter().filter_map(|r| r.truth).sum();
        let y_sum: usize = with_truth.iter().filter_map(|r| r.yuliao_found).sum();
        let y_full = with_truth.iter().filter(|r| r.yuliao_found == r.truth).count();
        let plain: Vec<&&RecallRow> = with_truth
            .iter()
            .filter(|r| r.plain && r.pagefind_found.is_some())
            .copied()
            .collect();
        let _ = writeln!(
            w,
            "**{corpus}**: {} queries, {} with a substring meaning; Yuliao finds {y_sum} of {truth_sum} (all of them for {y_full} queries).",
            rows.len(),
            with_truth.len()
        );
        if !plain.is_empty() {
            let pt: usize = plain.iter().filter_map(|r| r.truth).sum();
            let pf: usize = plain.iter().filter_map(|r| r.pagefind_found).sum();
            let yf: usize = plain.iter().filter_map(|r| r.yuliao_found).sum();
            let pfull = plain.iter().filter(|r| r.pagefind_found == r.truth).count();
            let _ = writeln!(
                w,
                "On the {} plain queries: Yuliao {yf} of {pt}, Pagefind {pf} of {pt} (all of them for {pfull} queries).",
                plain.len()
            );
        }
        let _ = writeln!(w);
        let _ = writeln!(
            w,
            "| query | hold it | Yuliao finds (of those) | Yuliao total (native · page) | Pagefind finds (of those) | Pagefind total |\n| --- | ---: | ---: | ---: | ---: | ---: |"
        );
        for r in rows {
            let mark = |found: Option<usize>| match (found, r.truth) {
                (Some(f), Some(t)) if f < t => format!("**{f}**"),
                (f, _) => opt(f),
            };
            let _ = writeln!(
                w,
                "| `{}` | {} | {} | {} · {} | {} | {} |",
                r.query.replace('|', "\\|"),
                opt(r.truth),
                mark(r.yuliao_found),
                r.yuliao_total,
                opt(r.yuliao_browser_total),
                if r.plain {
                    mark(r.pagefind_found)
                } else {
                    format!("({})", opt(r.pagefind_found))
                },
                opt(r.pagefind_total)
            );
        }
        let _ = writeln!(w);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_stats_are_nearest_rank() {
        assert_eq!(byte_stats(&[]), None);
        assert_eq!(byte_stats(&[5]), Some((5, 5, 5)));
        let v: Vec<u64> = (1..=20).rev().collect();
        assert_eq!(byte_stats(&v), Some((10, 19, 20)));
    }

    #[test]
    fn archive_section_reports_later_queries_views_and_failures() {
        let q = |query: &str, gzip_bytes, timed_out| QueryFetch {
            query: query.into(),
            ms: Some(100.0),
            requests: 3,
            bytes: gzip_bytes,
            gzip_bytes,
            timed_out,
            ..QueryFetch::default()
        };
        let yuliao = BrowserSide {
            name: "Yuliao".into(),
            first_query: "明月".into(),
            docs: Some(3),
            text_bytes: Some(1000),
            index_bytes: Some((2500, 2000)),
            manifest: vec![PieceSize {
                name: "manifest.bin".into(),
                bytes: 2048,
                gzip_bytes: 1024,
            }],
            // The first query again (nothing to fetch), then three later ones.
            query_fetches: vec![
                q("明月", 0, false),
                q("春風", 1024, false),
                q("長安", 3072, false),
                q("李白", 2048, true),
            ],
            views: vec![
                ViewFetch {
                    name: "themes".into(),
                    route: "#/themes?t=%E6%98%8E%E6%9C%88".into(),
                    mode: "cold".into(),
                    ms: Some(8000.0),
                    failed_requests: 700,
                    failed_reasons: vec!["net::ERR_INSUFFICIENT_RESOURCES".into()],
                    error: Some("index/store-1.bin: Failed to fetch".into()),
                    ..ViewFetch::default()
                },
                ViewFetch {
                    name: "freq".into(),
                    route: "#/freq".into(),
                    mode: "cold".into(),
                    ms: Some(500.0),
                    rows: Some(50),
                    ..ViewFetch::default()
                },
            ],
            ..BrowserSide::default()
        };
        let pagefind = BrowserSide {
            name: "Pagefind".into(),
            first_query: "明月".into(),
            docs: Some(2),
            index_ms: Some(159_000.0),
            index_peak_rss_kib: Some(9_842_080),
            ..BrowserSide::default()
        };
        let report = Report {
            poetry_yuliao_browser: Some(yuliao),
            poetry_pagefind_browser: Some(pagefind),
            ..Report::default()
        };
        let md = report.to_markdown();
        let row = |label: &str| {
            md.lines()
                .find(|l| l.starts_with(&format!("| {label} |")))
                .unwrap_or_else(|| panic!("no row {label:?} in\n{md}"))
                .to_string()
        };
        assert!(md.contains("## Browser — chinese-poetry as an archive (Yuliao: 3 poems; Pagefind: the first 2)"), "{md}");
        // The first query's repeat is left out: p50 of 1, 2 and 3 KiB is 2 KiB.
        assert!(
            row("later queries, same page: bytes fetched per query, gzip -9 (p50 · p95 · max)")
                .contains("**2.0 KiB** · 3.0 KiB · 3.0 KiB (n=3)"),
            "{md}"
        );
        assert!(row("later queries: timed out · failed").contains("| 李白 · 0 |"), "{md}");
        assert!(row("index bytes per text byte (raw)").contains("**2.50**"), "{md}");
        assert!(row("peak memory of the index build").contains("9611.4 MiB"), "{md}");
        assert!(row("theme view, cold (navigation → rows)").contains("**failed**: index/store-1.bin: Failed to fetch"), "{md}");
        assert!(row("frequency view, cold (navigation → rows)").contains("50 rows"), "{md}");
        assert!(md.contains("| Yuliao | `#/themes?t=%E6%98%8E%E6%9C%88` | cold | **failed**"), "{md}");
        assert!(md.contains("700 (net::ERR_INSUFFICIENT_RESOURCES)"), "{md}");
        assert!(md.contains("| `李白` | **timed out** | 3 | 2048 | 2048 | — |"), "{md}");
    }

    #[test]
    fn pieces_group_by_kind() {
        let p = |name: &str, bytes| PieceSize {
            name: name.into(),
            bytes,
            gzip_bytes: bytes / 2,
        };
        let pieces = [
            p("manifest.bin", 10),
            p("words-3bd2.bin", 100),
            p("chars-0a.bin", 7),
            p("words-ff01.bin", 50),
            // Format 3: the piece's number before its hash.
            p("words-12-81e8fab6.bin", 1),
            p("bigramdict-0-f4ebe857.bin", 2),
            p("bigramdict-10-a938cfdb.bin", 2),
        ];
        assert_eq!(
            piece_kinds(&pieces),
            vec![
                ("manifest".to_string(), (1, 10, 5)),
                ("words".to_string(), (3, 151, 75)),
                ("chars".to_string(), (1, 7, 3)),
                ("bigramdict".to_string(), (2, 4, 2)),
            ]
        );
        assert_eq!(file_kind("/index/docs-387-0badf00d.bin"), "docs");
        assert_eq!(file_kind("/pagefind/fragment/zh-cn_51ddcc1.pf_fragment"), "pf_fragment");
        assert_eq!(file_kind("/pagefind/pagefind-entry.json?ts=179"), "json");
        assert_eq!(file_kind("/yuliao_www_bg.wasm"), "wasm");
        assert_eq!(file_kind("/"), "/");
    }
}
