//! `yuliao ngrams`: recurring word sequences, quoted phrases and slogan patterns: candidate
//! themes with their counts.

use clap::Args;
use std::path::PathBuf;
use yuliao::analysis::{ngrams, NgramOptions};

#[derive(Args)]
pub struct NgramsArgs {
    #[arg(long)]
    pub json: bool,
    /// Shortest sequence, in tokens.
    #[arg(long, default_value_t = 2)]
    pub min_n: usize,
    /// Longest sequence, in tokens (at most 5).
    #[arg(long, default_value_t = 5)]
    pub max_n: usize,
    /// Least occurrences of a sequence.
    #[arg(long, default_value_t = 2)]
    pub min: u64,
    /// Rows of each list (0 = all).
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
    #[arg(long)]
    pub index: Option<PathBuf>,
}

pub fn run_ngrams(args: NgramsArgs) -> anyhow::Result<()> {
    let index = super::cmd_index::open_index(args.index.as_deref())?;
    let opts = NgramOptions { min_n: args.min_n, max_n: args.max_n, min: args.min, limit: args.limit };
    let r = ngrams(&index, &opts)?;
    if args.json {
        outln!("{}", serde_json::to_string(&r)?);
        return Ok(());
    }
    match r.sampled_of {
        Some(of) => outln!("{} of {} documents read (an even sample)", r.docs, of),
        None => outln!("{} documents read", r.docs),
    }
    outln!("\nrecurring sequences (tokens: count / articles)");
    for g in &r.ngrams {
        outln!("{:>5} {:>4}  {}", g.count, g.articles, g.tokens.join(" "));
    }
    for (title, rows) in [("quoted", &r.quoted), ("numbered slogans", &r.patterns), ("four-character sets", &r.sets)] {
        outln!("\n{title} (count / articles)");
        for c in rows.iter() {
            outln!("{:>5} {:>4}  {}  {}", c.count, c.articles, c.term, if c.pattern == "quoted" || c.pattern == "set" { "" } else { &c.pattern });
        }
    }
    Ok(())
}
