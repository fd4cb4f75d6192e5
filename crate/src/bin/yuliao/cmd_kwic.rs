//! `yuliao kwic TERM…`: keyword-in-context lines for every occurrence, in reading order.

use clap::Args;
use std::path::PathBuf;
use yuliao::analysis::{kwic_csv, try_kwic};

#[derive(Args)]
pub struct KwicArgs {
    #[arg(long)]
    pub json: bool,
    #[arg(long, conflicts_with = "json")]
    pub csv: bool,
    /// Characters of context on each side.
    #[arg(long, default_value_t = 15)]
    pub context: usize,
    /// Most lines (0 = all).
    #[arg(long, default_value_t = 0)]
    pub limit: usize,
    #[arg(long)]
    pub index: Option<PathBuf>,
    #[arg(required = true)]
    pub terms: Vec<String>,
}

pub fn run_kwic(args: KwicArgs) -> anyhow::Result<()> {
    let index = super::cmd_index::open_index(args.index.as_deref())?;
    let lines = try_kwic(&index, &args.terms, args.context, args.limit)?;
    if args.json {
        outln!("{}", serde_json::to_string(&lines)?);
    } else if args.csv {
        crate::emit(&kwic_csv(&lines));
    } else {
        let w = args.context;
        for l in &lines {
            let pad = w.saturating_sub(l.left.chars().count());
            outln!(
                "{}  {}{} 【{}】 {}",
                l.id,
                "　".repeat(pad),
                l.left,
                l.keyword,
                l.right
            );
        }
        eprintln!("{} lines", lines.len());
    }
    Ok(())
}
