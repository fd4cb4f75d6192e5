//! `yuliao search [--json] [--limit N] QUERY…`: ranked articles for a query.
//!
//! Text output: one block per hit with the snippet, highlights marked 【…】. JSON output:
//! `{"query","total","hits":[{"id","title","score","snippet"}]}` (snippet as plain text).

use clap::Args;
use std::path::PathBuf;
use yuliao::query::{search, SearchOptions, Snippet};

#[derive(Args)]
pub struct SearchArgs {
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
    /// Most hits printed.
    #[arg(long, default_value_t = SearchOptions::default().limit)]
    pub limit: usize,
    /// Hits to skip (paging).
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Index directory (default: target/yuliao-index, rebuilt when stale).
    #[arg(long)]
    pub index: Option<PathBuf>,
    /// The query; several arguments are joined with spaces. `-word` excludes, `-45μm` is a term.
    #[arg(required = true)]
    pub query: Vec<String>,
}

/// The snippet with highlights wrapped in 【】.
pub fn marked(s: &Snippet) -> String {
    let mut out = String::new();
    for (i, c) in s.text.chars().enumerate() {
        if s.highlights.iter().any(|h| h[0] == i) {
            out.push('【');
        }
        out.push(c);
        if s.highlights.iter().any(|h| h[1] == i + 1) {
            out.push('】');
        }
    }
    out
}

pub fn run_search(args: SearchArgs) -> anyhow::Result<()> {
    let index = super::cmd_index::open_index(args.index.as_deref())?;
    let query = args.query.join(" ");
    let opts = SearchOptions {
        limit: args.limit,
        offset: args.offset,
        ..SearchOptions::default()
    };
    let r = search(&index, &query, &opts)?;
    if args.json {
        let hits: Vec<serde_json::Value> = r
            .hits
            .iter()
            .map(|h| serde_json::json!({"id": h.id, "title": h.title, "score": h.score, "snippet": h.snippet.text}))
            .collect();
        outln!(
            "{}",
            serde_json::json!({"query": r.query, "total": r.total, "hits": hits})
        );
        return Ok(());
    }
    outln!("{} articles match {:?}", r.total, r.query);
    if !r.missing.is_empty() {
        outln!("not in the corpus: {}", r.missing.join(" "));
    }
    for (i, h) in r.hits.iter().enumerate() {
        outln!("");
        outln!(
            "{:>3}. {}  {}  [{:.3}]",
            args.offset + i + 1,
            h.id,
            h.title.as_deref().unwrap_or("(no title)"),
            h.score
        );
        outln!("     {}", marked(&h.snippet));
    }
    Ok(())
}
