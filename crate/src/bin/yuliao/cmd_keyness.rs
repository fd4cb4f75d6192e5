//! `yuliao keyness TARGET [REFERENCE]`: the words a subset uses more (or less) than the rest of
//! the corpus or than another subset, by G² and Log Ratio.

use clap::Args;
use std::path::PathBuf;
use yuliao::analysis::{keyness, keyness_csv, KeynessOptions};

#[derive(Args)]
pub struct KeynessArgs {
    #[command(flatten)]
    pub out: crate::TableOutput,
    /// Significance level before the Šidák correction.
    #[arg(long, default_value_t = 0.05)]
    pub alpha: f64,
    /// Rows of each sign (0 = all).
    #[arg(long, default_value_t = KeynessOptions::default().limit)]
    pub limit: usize,
    #[arg(long)]
    pub index: Option<PathBuf>,
    /// The target subset (kind:literature, unit:…, an issue stem, id:…), quoted when it has
    /// several terms.
    pub target: String,
    /// The reference subset; the rest of the corpus when left out.
    pub reference: Option<String>,
}

pub fn run_keyness(args: KeynessArgs) -> anyhow::Result<()> {
    if !(args.alpha > 0.0 && args.alpha < 1.0) {
        anyhow::bail!("--alpha {}: use a level between 0 and 1, e.g. 0.05", args.alpha);
    }
    let index = super::cmd_index::open_index(args.index.as_deref())?;
    let opts = KeynessOptions { alpha: args.alpha, limit: args.limit, ..KeynessOptions::default() };
    let k = keyness(&index, &args.target, args.reference.as_deref(), &opts)?;
    if args.out.json {
        outln!("{}", serde_json::to_string(&k)?);
    } else if args.out.table(|| keyness_csv(&k)) {
    } else {
        outln!(
            "{} ({} tokens) vs {} ({} tokens): {} words tested, |G²| ≥ {:.2}",
            k.target, k.target_tokens, k.reference, k.reference_tokens, k.tested, k.critical
        );
        outln!("{:>8} {:>9} {:>6} {:>6}  term", "logratio", "G²", "a", "b");
        for r in &k.keywords {
            outln!("{:>8.2} {:>9.2} {:>6} {:>6}  {}", r.log_ratio, r.ll, r.a, r.b, r.term);
        }
    }
    Ok(())
}
