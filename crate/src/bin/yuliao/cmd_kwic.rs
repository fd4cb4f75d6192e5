//! `yuliao kwic TERM…`: keyword-in-context lines for every occurrence, in reading order or
//! sorted by the words around the node (`--sort 1R,2R`).

use clap::Args;
use std::path::PathBuf;
use yuliao::analysis::concordance::KWIC_WINDOW;
use yuliao::analysis::{concordance, concordance_csv, parse_sort, KwicOptions};

#[derive(Args)]
pub struct KwicArgs {
    #[command(flatten)]
    pub out: crate::TableOutput,
    /// Characters of context on each side.
    #[arg(long, default_value_t = KWIC_WINDOW)]
    pub window: usize,
    /// The former name of --window.
    #[arg(long, hide = true, conflicts_with = "window")]
    pub context: Option<usize>,
    /// Sort by up to three keys, most significant first: 1L 2L 3L (words left of the node),
    /// 1R 2R 3R (right), node; e.g. 1R,2R. Words as the index vocabulary cuts them.
    #[arg(long, default_value = "")]
    pub sort: String,
    /// Most lines (0 = all).
    #[arg(long, default_value_t = 0)]
    pub limit: usize,
    #[arg(long)]
    pub index: Option<PathBuf>,
    #[arg(required = true)]
    pub terms: Vec<String>,
}

pub fn run_kwic(args: KwicArgs) -> anyhow::Result<()> {
    let sort = parse_sort(&args.sort)?;
    let index = super::cmd_index::open_index(args.index.as_deref())?;
    let window = args.context.unwrap_or(args.window);
    let opts = KwicOptions { window, sort, limit: args.limit };
    let c = concordance(&index, &args.terms, &opts)?;
    if args.out.json {
        let lines: Vec<serde_json::Value> = c
            .lines
            .iter()
            .map(|l| serde_json::json!({"id": l.id, "left": l.left, "node": l.node, "right": l.right}))
            .collect();
        outln!("{}", serde_json::json!({"query": c.query, "total": c.total, "lines": lines}));
    } else if args.out.table(|| concordance_csv(&c)) {
    } else {
        let w = window;
        for l in &c.lines {
            let pad = w.saturating_sub(l.left.chars().count());
            outln!("{}  {}{} 【{}】 {}", l.id, "　".repeat(pad), l.left, l.node, l.right);
        }
        if c.sorted_of < c.total && !c.sort.is_empty() {
            eprintln!("{} lines; sorted the first {}", c.total, c.sorted_of);
        } else {
            eprintln!("{} lines", c.total);
        }
    }
    Ok(())
}
