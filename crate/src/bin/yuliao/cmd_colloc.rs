//! `yuliao colloc NODE`: the words within ±N tokens of a node, scored (logDice by default).

use clap::Args;
use std::path::PathBuf;
use yuliao::analysis::colloc::{COLLOC_MIN, COLLOC_ROWS, COLLOC_WINDOW};
use yuliao::analysis::{collocates, collocates_csv, CollocOptions, Measure};

#[derive(Args)]
pub struct CollocArgs {
    #[command(flatten)]
    pub out: crate::TableOutput,
    /// Tokens on each side of the node.
    #[arg(long, default_value_t = COLLOC_WINDOW)]
    pub window: usize,
    /// logdice, mi, mi3, t or ll.
    #[arg(long, default_value = "logdice")]
    pub measure: String,
    /// Least co-occurrences a collocate needs.
    #[arg(long, default_value_t = COLLOC_MIN)]
    pub min: u64,
    /// Rows printed (0 = all).
    #[arg(long, default_value_t = COLLOC_ROWS)]
    pub limit: usize,
    /// Leave out stopwords (corpus/stopwords.txt).
    #[arg(long)]
    pub no_stopwords: bool,
    #[arg(long)]
    pub index: Option<PathBuf>,
    /// The node: any string.
    #[arg(required = true)]
    pub node: Vec<String>,
}

pub fn run_colloc(args: CollocArgs) -> anyhow::Result<()> {
    let measure = Measure::parse(&args.measure)
        .ok_or_else(|| anyhow::anyhow!("--measure {:?}: use logdice, mi, mi3, t or ll", args.measure))?;
    let index = super::cmd_index::open_index(args.index.as_deref())?;
    let opts = CollocOptions { window: args.window, measure, min: args.min, limit: args.limit, stopwords: args.no_stopwords, ..CollocOptions::default() };
    let c = collocates(&index, &args.node.join(" "), &opts)?;
    if args.out.json {
        let mut v = serde_json::json!({
            "node": c.node, "window": c.window, "measure": c.measure, "node_freq": c.node_freq,
            "tokens": c.tokens, "window_tokens": c.window_tokens, "collocates": c.collocates,
        });
        if let Some(s) = &c.sampled {
            v["sampled"] = serde_json::to_value(s)?;
        }
        outln!("{v}");
    } else if args.out.table(|| collocates_csv(&c)) {
    } else {
        outln!("{} ×{} in {} tokens; ±{} tokens; {}", c.node, c.node_freq, c.tokens, c.window, c.measure.as_str());
        if let Some(s) = &c.sampled {
            outln!("sampled {} of {} documents ({} occurrences)", s.docs, s.of_docs, s.occurrences);
        }
        outln!("{:>8} {:>6} {:>7}  term", c.measure.as_str(), "co", "freq");
        for r in &c.collocates {
            outln!("{:>8.3} {:>6} {:>7}  {}", r.score, r.co, r.freq, r.term);
        }
    }
    Ok(())
}
