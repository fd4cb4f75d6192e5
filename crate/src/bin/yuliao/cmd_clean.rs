//! `yuliao clean` and `yuliao show`.
//!
//! `clean` reads every `corpus/raw/*.txt` (sorted by name), cleans it with
//! [`yuliao::clean::clean_issue`], writes `corpus/clean/<stem>.json` (pretty JSON plus a
//! trailing newline, byte-identical for the same input) and prints the conservation report
//! of each file. A file that is refused is reported with its name and the reason while the
//! other files are still cleaned; the command then exits non-zero.
//! `show <id>` prints one cleaned article as a reader sees it, for reviewing the cleaned
//! issue against the raw text.
use anyhow::{bail, Context};
use clap::Args;
use std::path::{Path, PathBuf};
use yuliao::corpus::{Article, Issue};

#[derive(Args)]
pub struct CleanArgs {
    /// Directory of raw issues.
    #[arg(long, default_value = "corpus/raw")]
    pub raw: PathBuf,
    /// Directory for the cleaned JSON.
    #[arg(long, default_value = "corpus/clean")]
    pub out: PathBuf,
}

#[derive(Args)]
pub struct ShowArgs {
    /// Article id, e.g. 000_d2874fb822b0e5bc-007; `all` prints every article.
    pub id: String,
    /// Directory of cleaned JSON.
    #[arg(long, default_value = "corpus/clean")]
    pub clean: PathBuf,
}

fn raw_files(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read {} (run from the repository root)", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    Ok(files)
}

pub fn run_clean(args: CleanArgs) -> anyhow::Result<()> {
    let files = raw_files(&args.raw)?;
    if files.is_empty() {
        bail!("no .txt files in {}", args.raw.display());
    }
    std::fs::create_dir_all(&args.out).with_context(|| format!("cannot create {}", args.out.display()))?;
    let mut refused = Vec::new();
    let mut printed = String::new();
    for path in files {
        let source = path.to_string_lossy().replace('\\', "/");
        let bytes = std::fs::read(&path).with_context(|| format!("cannot read {source}"))?;
        match yuliao::clean::clean_issue(&bytes, &source) {
            Ok((issue, report)) => {
                let stem = yuliao::clean::stem_of(&source);
                let out = args.out.join(format!("{stem}.json"));
                std::fs::write(&out, yuliao::clean::to_json(&issue)).with_context(|| format!("cannot write {}", out.display()))?;
                printed.push_str(&format!("{report}\n  articles:        {} → {}\n", issue.articles.len(), out.display()));
                if !report.lost.is_empty() {
                    let msg = format!("{source}: characters lost in cleaning: {:?}", report.lost);
                    eprintln!("{msg}");
                    refused.push(msg);
                }
            }
            Err(e) => {
                eprintln!("{e}");
                refused.push(e.to_string());
            }
        }
    }
    {
        use std::io::Write;
        let _ = std::io::stdout().lock().write_all(printed.as_bytes());
    }
    if !refused.is_empty() {
        bail!("{} file(s) refused or incomplete (reasons above); the other files were cleaned", refused.len());
    }
    Ok(())
}

fn load_issues(dir: &Path) -> anyhow::Result<Vec<Issue>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read {} (run `yuliao clean` first)", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).with_context(|| format!("cannot read {}", p.display()))?;
            serde_json::from_str(&text).with_context(|| format!("{} is not a cleaned issue", p.display()))
        })
        .collect()
}

/// An article as a reader sees it.
pub fn render(article: &Article) -> String {
    let mut out = String::new();
    out.push_str(&format!("[{}] {} · {}", article.id, article.kind.as_str(), article.column.as_deref().unwrap_or("—")));
    out.push('\n');
    if let Some(s) = &article.subtitle {
        out.push_str(&format!("    {s}\n"));
    }
    out.push_str(&format!("  {}\n", article.title.as_deref().unwrap_or("(no title)")));
    if !article.authors.is_empty() {
        out.push_str(&format!("  文/{}\n", article.authors.join(" ")));
    }
    if !article.photographers.is_empty() {
        out.push_str(&format!("  摄影/{}\n", article.photographers.join(" ")));
    }
    if !article.units.is_empty() {
        out.push_str(&format!("  单位/{}\n", article.units.join(" ")));
    }
    out.push('\n');
    for p in &article.paragraphs {
        out.push_str(&format!("    {p}\n"));
    }
    out
}

pub fn run_show(args: ShowArgs) -> anyhow::Result<()> {
    use std::io::Write;
    let issues = load_issues(&args.clean)?;
    let mut out = std::io::stdout().lock();
    let mut text = String::new();
    let mut found = false;
    for issue in &issues {
        for a in &issue.articles {
            if args.id == "all" || a.id == args.id {
                text.push_str(&render(a));
                text.push('\n');
                found = true;
            }
        }
        if args.id == "all" {
            if !issue.unplaced.is_empty() {
                text.push_str(&format!("unplaced: {:?}\n", issue.unplaced));
            }
            if !issue.editors.is_empty() {
                text.push_str(&format!("责编: {}\n", issue.editors.join(" ")));
            }
        }
    }
    if !found {
        bail!("no article with id {} in {}", args.id, args.clean.display());
    }
    // A closed pipe (`yuliao show all | head`) is not an error worth a panic.
    let _ = out.write_all(text.as_bytes());
    Ok(())
}
