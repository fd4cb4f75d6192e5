//! Native measurements of the engine, called directly as a library: index build time next
//! to jieba-rs segmentation alone over the same texts, index bytes next to gzip of the
//! text, `Index::open`, and `query::search` latency; plus which articles each query finds.
//!
//! Takes `Issue`s, a `BuildConfig` and queries. Returns figures (`CorpusFigures`) and recall
//! rows. Guarantees: timings are only measured and returned, never compared with anything.

use super::corpus::{article_text, TruthDocs, TruthQuery};
use super::report::{CorpusFigures, PieceSize, RecallRow};
use super::stats::{ms_since, summarize};
use crate::util::gzip;
use anyhow::{anyhow, Result};
use std::collections::BTreeSet;
use std::time::Instant;
use yuliao::corpus::Issue;
use yuliao::index::{build, BuildConfig, BuiltIndex, Index};
use yuliao::query::{search, SearchOptions};

/// Counts and text sizes of a corpus, with no timing yet.
pub fn describe(name: &str, issues: &[Issue]) -> CorpusFigures {
    let texts: Vec<String> = issues.iter().flat_map(|i| &i.articles).map(article_text).collect();
    let joined = texts.join("\n");
    CorpusFigures {
        name: name.to_string(),
        issues: issues.len(),
        articles: texts.len(),
        text_bytes: texts.iter().map(String::len).sum(),
        text_chars: texts.iter().map(|t| t.chars().count()).sum(),
        text_gzip_bytes: gzip(joined.as_bytes()).len() as u64,
        ..CorpusFigures::default()
    }
}

/// Builds the index `runs` times; returns every build time and the last index.
pub fn time_builds(issues: &[Issue], config: &BuildConfig, runs: usize) -> Result<(Vec<f64>, BuiltIndex)> {
    let mut times = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs.max(1) {
        let start = Instant::now();
        let built = build(issues, config).map_err(|e| anyhow!("index::build failed: {e}"))?;
        times.push(ms_since(start));
        last = Some(built);
    }
    Ok((times, last.expect("at least one run")))
}

/// Manifest and pieces of a built index, raw and gzip -9.
pub fn sizes(built: &BuiltIndex) -> Vec<PieceSize> {
    let mut out = vec![PieceSize {
        name: "manifest.bin".into(),
        bytes: built.manifest.len() as u64,
        gzip_bytes: gzip(&built.manifest).len() as u64,
    }];
    for (name, bytes) in &built.pieces {
        out.push(PieceSize {
            name: name.clone(),
            bytes: bytes.len() as u64,
            gzip_bytes: gzip(bytes).len() as u64,
        });
    }
    out
}

/// jieba-rs alone, as the issue asks: full dictionary, HMM off, `cut` over every article
/// text. Returns (best dictionary load ms, cut ms per run, tokens of one run).
pub fn time_jieba(issues: &[Issue], runs: usize) -> (f64, Vec<f64>, usize) {
    let texts: Vec<String> = issues.iter().flat_map(|i| &i.articles).map(article_text).collect();
    // The dictionary load is timed on its own (best of `runs`), so that it can be set against
    // the index build, which loads the same dictionary once per build.
    let mut load_ms = f64::INFINITY;
    let mut jieba = None;
    for _ in 0..runs.max(1) {
        let start = Instant::now();
        let j = jieba_rs::Jieba::new();
        load_ms = load_ms.min(ms_since(start));
        jieba = Some(j);
    }
    let jieba = jieba.expect("at least one run");
    let mut times = Vec::with_capacity(runs);
    let mut tokens = 0;
    for _ in 0..runs.max(1) {
        let start = Instant::now();
        let mut n = 0usize;
        for t in &texts {
            n += jieba.cut(t, false).len();
        }
        times.push(ms_since(start));
        tokens = n;
    }
    (load_ms, times, tokens)
}

/// Opens the built bytes as the page does (`Index::open` over bytes); returns ms and index.
pub fn time_open(built: &BuiltIndex) -> Result<(f64, Index)> {
    let start = Instant::now();
    let index = Index::open(&built.manifest, &built.pieces).map_err(|e| anyhow!("Index::open failed: {e}"))?;
    Ok((ms_since(start), index))
}

/// `query::search` with the default options (what the page asks for), every query `reps`
/// times after one untimed warm-up pass. Returns (all samples, first-run samples).
pub fn time_queries(index: &Index, queries: &[String], reps: usize) -> (Vec<f64>, Vec<f64>) {
    let opts = SearchOptions::default();
    let mut first = Vec::with_capacity(queries.len());
    for q in queries {
        let start = Instant::now();
        let _ = search(index, q, &opts);
        first.push(ms_since(start));
    }
    let mut all = Vec::with_capacity(queries.len() * reps);
    for _ in 0..reps {
        for q in queries {
            let start = Instant::now();
            let r = search(index, q, &opts);
            all.push(ms_since(start));
            std::hint::black_box(r.ok());
        }
    }
    (all, first)
}

/// Fills the latency figures of `fig` from [`time_queries`].
pub fn record_latency(fig: &mut CorpusFigures, index: &Index, queries: &[String], reps: usize) {
    let (all, first) = time_queries(index, queries, reps);
    fig.queries = queries.len();
    fig.reps = reps;
    fig.latency = summarize(&all);
    fig.latency_first_run = summarize(&first);
}

/// Every article id the engine returns for `query` (all pages), or an error message.
pub fn found_ids(index: &Index, query: &str) -> Result<(usize, BTreeSet<String>), String> {
    let opts = SearchOptions {
        limit: index.article_count().max(1),
        offset: 0,
        snippet_chars: 16,
    };
    let res = search(index, query, &opts).map_err(|e| e.to_string())?;
    Ok((res.total, res.hits.into_iter().map(|h| h.id).collect()))
}

/// For each query: articles holding its strings (substring scan) and how many of them the
/// engine finds.
pub fn recall(corpus: &str, index: &Index, docs: &TruthDocs, queries: &[String]) -> Vec<RecallRow> {
    queries
        .iter()
        .map(|q| {
            let truth = docs.truth(q);
            let (total, ids) = found_ids(index, q).unwrap_or_default();
            let found = truth.as_ref().map(|t| t.iter().filter(|id| ids.contains(*id)).count());
            RecallRow {
                corpus: corpus.to_string(),
                query: q.clone(),
                truth: truth.as_ref().map(Vec::len),
                yuliao_total: total,
                yuliao_found: found,
                yuliao_browser_total: None,
                pagefind_total: None,
                pagefind_found: None,
                plain: TruthQuery::parse(q).is_some_and(|t| t.is_plain()),
            }
        })
        .collect()
}
