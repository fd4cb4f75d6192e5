//! `yuliao freq`: the most frequent words (segmented tokens of titles and paragraphs).

use clap::Args;
use std::path::PathBuf;
use yuliao::analysis::{freq_csv, try_frequencies, FreqOptions};
use yuliao::corpus::Kind;

#[derive(Args)]
pub struct FreqArgs {
    #[command(flatten)]
    pub out: crate::TableOutput,
    /// Rows printed (0 = all).
    #[arg(long, default_value_t = FreqOptions::default().limit)]
    pub limit: usize,
    /// Shortest word counted, in characters.
    #[arg(long, default_value_t = FreqOptions::default().min_len)]
    pub min_len: usize,
    /// Keep stopwords (corpus/stopwords.txt).
    #[arg(long)]
    pub keep_stopwords: bool,
    /// Only articles of this kind: news, photo, feature, literature.
    #[arg(long)]
    pub kind: Option<String>,
    /// Only articles with a unit containing this string.
    #[arg(long)]
    pub unit: Option<String>,
    #[arg(long)]
    pub index: Option<PathBuf>,
}

pub fn run_freq(args: FreqArgs) -> anyhow::Result<()> {
    let kind = match &args.kind {
        None => None,
        Some(k) => Some(Kind::parse(k).ok_or_else(|| {
            anyhow::anyhow!("--kind {k:?}: use news, photo, feature or literature")
        })?),
    };
    let index = super::cmd_index::open_index(args.index.as_deref())?;
    let opts = FreqOptions {
        stopwords: !args.keep_stopwords,
        min_len: args.min_len,
        kind,
        unit: args.unit.clone(),
        limit: args.limit,
    };
    let t = try_frequencies(&index, &opts)?;
    if args.out.json {
        outln!("{}", serde_json::to_string(&t)?);
    } else if args.out.table(|| freq_csv(&t)) {
    } else {
        outln!("{} tokens", t.total_tokens);
        for r in &t.rows {
            outln!(
                "{:>6} {:>8.1}/10k {:>4} articles  {}",
                r.count,
                r.per_10k,
                r.articles,
                r.term
            );
        }
    }
    Ok(())
}
