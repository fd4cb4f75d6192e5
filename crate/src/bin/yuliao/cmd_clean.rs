//! `yuliao clean` and `yuliao show`.
//!
//! `clean` reads every `corpus/raw/*.txt` (sorted by name), cleans it with
//! [`yuliao::clean::clean_issue`], writes `corpus/clean/<stem>.json` (pretty JSON plus a
//! trailing newline, byte-identical for the same input) and prints the conservation report
//! of each file. A file that is refused is reported with its name and the reason while the
//! other files are still cleaned; the command then exits non-zero. Refused: a file the cleaner
//! rejects, an entry named `*.txt` that cannot be read (a folder, a broken link), and every
//! file of a group whose names would give one output file (see `stem_collisions`).
//! `show <id>` prints one cleaned article as a reader sees it, for reviewing the cleaned
//! issue against the raw text.
use anyhow::{bail, Context};
use clap::Args;
use std::path::{Path, PathBuf};
use yuliao::corpus::Article;

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

/// Every `*.txt` entry of `dir`, sorted by name, whatever it is (a folder or a broken link so
/// named is reported when it is read). An entry the system cannot list ends the run: there is
/// no name to report it by.
fn raw_files(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("cannot read {} (run from the repository root)", dir.display()))? {
        let path = entry.with_context(|| format!("cannot list {}", dir.display()))?.path();
        if path.extension().is_some_and(|x| x == "txt") {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// The files of `sources` (their `source` strings) whose output stems collide, with a message
/// naming every file of each collision: the same stem (a `\` or an undecodable byte in a name
/// can make one), or stems that differ only in case, which are one file on macOS and Windows
/// where `corpus/clean` is checked out too. Each file of a collision is refused: writing one
/// would silently replace the other.
fn stem_collisions(sources: &[String], out: &Path) -> Vec<(usize, String)> {
    let mut by_stem: std::collections::BTreeMap<String, Vec<usize>> = std::collections::BTreeMap::new();
    for (i, source) in sources.iter().enumerate() {
        by_stem.entry(yuliao::clean::stem_of(source).to_lowercase()).or_default().push(i);
    }
    let mut refused = Vec::new();
    for (stem, files) in by_stem.into_iter().filter(|(_, f)| f.len() > 1) {
        let names: Vec<&str> = files.iter().map(|&i| sources[i].as_str()).collect();
        let msg = format!(
            "{} map to one output file, {} (the same stem, or stems that differ only in case): \
             rename all but one; none of them was cleaned",
            names.join(" and "),
            out.join(format!("{stem}.json")).display()
        );
        refused.extend(files.into_iter().map(|i| (i, msg.clone())));
    }
    refused
}

pub fn run_clean(args: CleanArgs) -> anyhow::Result<()> {
    let files = raw_files(&args.raw)?;
    if files.is_empty() {
        bail!("no .txt files in {}", args.raw.display());
    }
    std::fs::create_dir_all(&args.out).with_context(|| format!("cannot create {}", args.out.display()))?;
    let sources: Vec<String> = files.iter().map(|p| p.to_string_lossy().replace('\\', "/")).collect();
    let collisions = stem_collisions(&sources, &args.out);
    let mut refused = Vec::new();
    let mut printed = String::new();
    for (i, (path, source)) in files.iter().zip(&sources).enumerate() {
        if let Some((_, msg)) = collisions.iter().find(|(f, _)| *f == i) {
            eprintln!("{source}: {msg}");
            refused.push(msg.clone());
            continue;
        }
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) => {
                let msg = format!("{source}: cannot read it ({e}); only files named *.txt are cleaned, so rename or remove it");
                eprintln!("{msg}");
                refused.push(msg);
                continue;
            }
        };
        match yuliao::clean::clean_issue(&bytes, source) {
            Ok((issue, report)) => {
                let stem = yuliao::clean::stem_of(source);
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
    let issues = yuliao::corpus::read_clean_dir(&args.clean)?;
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
