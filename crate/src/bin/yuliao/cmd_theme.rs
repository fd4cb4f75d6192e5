//! `yuliao theme [--json|--csv] TERM…`: occurrences of the terms per article.
//!
//! `--theme NAME` takes the terms of a theme from corpus/themes.toml; with neither, lists the
//! themes. JSON: `{"terms","total","articles":[{"id","title","count"}]}`.

use clap::Args;
use std::path::PathBuf;
use yuliao::analysis::{theme_csv, try_theme};

#[derive(Args)]
pub struct ThemeArgs {
    #[command(flatten)]
    pub out: crate::TableOutput,
    /// Use the terms of this theme from corpus/themes.toml.
    #[arg(long)]
    pub theme: Option<String>,
    #[arg(long)]
    pub index: Option<PathBuf>,
    #[arg()]
    pub terms: Vec<String>,
}

pub fn run_theme(args: ThemeArgs) -> anyhow::Result<()> {
    let index = super::cmd_index::open_index(args.index.as_deref())?;
    let mut terms = args.terms.clone();
    if let Some(name) = &args.theme {
        let t = index.themes().into_iter().find(|t| &t.name == name);
        match t {
            Some(t) => terms.extend(t.terms),
            None => anyhow::bail!("no theme named {name:?} in corpus/themes.toml"),
        }
    }
    if terms.is_empty() {
        if args.out.json {
            outln!("{}", serde_json::to_string(&index.themes())?);
            return Ok(());
        }
        outln!("themes (yuliao theme --theme NAME):");
        for t in index.themes() {
            outln!("  {}: {}", t.name, t.terms.join(" "));
        }
        return Ok(());
    }
    let r = try_theme(&index, &terms)?;
    if args.out.json {
        let rows: Vec<serde_json::Value> = r
            .articles
            .iter()
            .map(|a| serde_json::json!({"id": a.id, "title": a.title, "count": a.count}))
            .collect();
        outln!(
            "{}",
            serde_json::json!({"terms": r.terms, "total": r.total, "articles": rows})
        );
    } else if args.out.table(|| theme_csv(&r)) {
    } else {
        outln!(
            "{} occurrences of {} in {} articles",
            r.total,
            r.terms.join(" "),
            r.articles.len()
        );
        for a in &r.articles {
            outln!(
                "{:>5}  {}  {}",
                a.count,
                a.id,
                a.title.as_deref().unwrap_or("(no title)")
            );
        }
    }
    Ok(())
}
