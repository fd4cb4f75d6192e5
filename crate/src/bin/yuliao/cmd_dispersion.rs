//! `yuliao dispersion TERM`: how evenly a string spreads over the articles or the issues.

use clap::Args;
use std::path::PathBuf;
use yuliao::analysis::{dispersion, dispersion_csv, PartsBy};

#[derive(Args)]
pub struct DispersionArgs {
    #[command(flatten)]
    pub out: crate::TableOutput,
    /// The parts: article or issue.
    #[arg(long, default_value = "article")]
    pub by: String,
    #[arg(long)]
    pub index: Option<PathBuf>,
    #[arg(required = true)]
    pub term: Vec<String>,
}

pub fn run_dispersion(args: DispersionArgs) -> anyhow::Result<()> {
    let by = PartsBy::parse(&args.by).ok_or_else(|| anyhow::anyhow!("--by {:?}: use article or issue", args.by))?;
    let index = super::cmd_index::open_index(args.index.as_deref())?;
    let r = dispersion(&index, &args.term.join(" "), by)?;
    let f = |x: Option<f64>| x.map_or("-".to_string(), |x| format!("{x:.3}"));
    if args.out.json {
        let parts: Vec<serde_json::Value> =
            r.parts.iter().map(|p| serde_json::json!({"id": p.id, "size": p.size, "count": p.count})).collect();
        outln!(
            "{}",
            serde_json::json!({"term": r.term, "by": r.by, "freq": r.freq, "range": r.range, "dp": r.dp,
                "dp_norm": r.dp_norm, "juilland_d": r.juilland_d, "parts": parts})
        );
    } else if args.out.table(|| dispersion_csv(&r)) {
    } else {
        outln!(
            "{}: {} in {} of {} {}s; DP {} (norm {}), Juilland's D {} (population SD)",
            r.term, r.freq, r.range, r.parts.len(), r.by.as_str(), f(r.dp), f(r.dp_norm), f(r.juilland_d)
        );
        for p in &r.parts {
            outln!("{:>4} {:>7}  {}", p.count, p.size, p.id);
        }
    }
    Ok(())
}
