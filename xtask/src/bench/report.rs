//! The bench report: every figure the bench measured, as data (`target/bench/report.json`)
//! and as tables for people (`target/bench/report.md`, also printed).
//!
//! Takes the figures gathered by the native, poetry and browser parts. Returns JSON and
//! Markdown. Guarantees: figures are reported, never judged — nothing here compares a
//! timing with a threshold; a part that did not run is said to be skipped, with why.

use super::stats::{mb_per_s, median, min, Summary};
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
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Report {
    pub command: String,
    pub machine: String,
    pub seed: Option<CorpusFigures>,
    pub poetry: Option<CorpusFigures>,
    pub yuliao_browser: Option<BrowserSide>,
    pub pagefind_browser: Option<BrowserSide>,
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

/// Pieces grouped by kind (the name before its content hash: `words-3bd2….bin` → `words`),
/// in order of first appearance: (kind, (files, bytes, gzip bytes)).
fn piece_kinds(pieces: &[PieceSize]) -> Vec<(String, (usize, u64, u64))> {
    let mut out: Vec<(String, (usize, u64, u64))> = Vec::new();
    for p in pieces {
        let stem = p.name.strip_suffix(".bin").unwrap_or(&p.name);
        let kind = match stem.rsplit_once('-') {
            Some((k, hash)) if hash.chars().all(|c| c.is_ascii_hexdigit()) => k,
            _ => stem,
        };
        match out.iter_mut().find(|(k, _)| k == kind) {
            Some((_, (n, b, g))) => {
                *n += 1;
                *b += p.bytes;
                *g += p.gzip_bytes;
            }
            None => out.push((kind.to_string(), (1, p.bytes, p.gzip_bytes))),
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
        ];
        assert_eq!(
            piece_kinds(&pieces),
            vec![
                ("manifest".to_string(), (1, 10, 5)),
                ("words".to_string(), (2, 150, 75)),
                ("chars".to_string(), (1, 7, 3)),
            ]
        );
    }
}
