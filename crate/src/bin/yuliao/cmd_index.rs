//! `yuliao index`, and the index loading every query command shares.
//!
//! Takes `corpus/clean/*.json` plus `corpus/{userdict.txt,stopwords.txt,themes.toml}`; writes
//! `target/yuliao-index/` (manifest.bin + pieces). Query commands without `--index DIR` use that
//! directory and rebuild it first when it is missing, unreadable, or older than any corpus
//! input or than the `yuliao` binary itself.

use anyhow::Context;
use clap::Args;
use std::path::{Path, PathBuf};
use std::time::SystemTime;
use yuliao::index::{build, BuildConfig, BuiltIndex, Index, MANIFEST_FILE};

#[derive(Args)]
pub struct IndexArgs {
    /// Corpus directory (with clean/*.json, userdict.txt, stopwords.txt, themes.toml).
    #[arg(long, default_value = "corpus")]
    pub corpus: PathBuf,
    /// Output directory.
    #[arg(long, default_value = "target/yuliao-index")]
    pub out: PathBuf,
}

/// The repository root: the nearest ancestor of the working directory holding `corpus/` and
/// `Cargo.toml` (the working directory itself when there is none).
pub fn repo_root() -> PathBuf {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    yuliao::corpus::repo_root_from(&cwd).unwrap_or(cwd)
}

/// Builds the index of a corpus directory and writes it to `out`.
pub fn build_dir(corpus: &Path, out: &Path) -> anyhow::Result<BuiltIndex> {
    let issues = yuliao::corpus::read_clean_dir(&corpus.join("clean"))?;
    let config = BuildConfig::from_corpus_dir(corpus)
        .with_context(|| format!("reading {}", corpus.display()))?;
    let built = build(&issues, &config)?;
    built.write_dir(out)?;
    Ok(built)
}

pub fn run_index(args: IndexArgs) -> anyhow::Result<()> {
    let root = repo_root();
    let corpus = root.join(&args.corpus);
    let out = root.join(&args.out);
    let built = build_dir(&corpus, &out)?;
    let index = Index::open_dir(&out)?;
    let s = index.stats();
    outln!(
        "indexed {} articles of {} issues: {} tokens, {} chars, {} terms -> {}",
        s.articles,
        s.issues,
        s.tokens,
        s.chars,
        s.terms,
        out.display()
    );
    outln!("{:>10}  {}", built.manifest.len(), MANIFEST_FILE);
    for (name, bytes) in &built.pieces {
        outln!("{:>10}  {name}", bytes.len());
    }
    outln!("{:>10}  total", built.total_bytes());
    Ok(())
}

fn mtime(p: &Path) -> Option<SystemTime> {
    std::fs::metadata(p).and_then(|m| m.modified()).ok()
}

/// Newest modification time among the corpus inputs and the running binary.
fn newest_input(corpus: &Path) -> Option<SystemTime> {
    let mut newest = std::env::current_exe().ok().and_then(|e| mtime(&e));
    let mut consider = |p: &Path| {
        if let Some(t) = mtime(p) {
            newest = Some(newest.map_or(t, |n| n.max(t)));
        }
    };
    // The folder's own time changes when an issue is deleted from it.
    consider(&corpus.join("clean"));
    for (dir, exts) in [
        (corpus.join("clean"), &["json"][..]),
        (corpus.to_path_buf(), &["txt", "toml"][..]),
    ] {
        if let Ok(rd) = std::fs::read_dir(&dir) {
            for e in rd.flatten() {
                let p = e.path();
                if p.extension()
                    .and_then(|x| x.to_str())
                    .is_some_and(|x| exts.contains(&x))
                {
                    consider(&p);
                }
            }
        }
    }
    newest
}

/// Opens `--index DIR` as given, or the default index, rebuilding it when missing or stale.
pub fn open_index(dir: Option<&Path>) -> anyhow::Result<Index> {
    if let Some(d) = dir {
        return Index::open_dir(d).with_context(|| format!("opening the index in {}", d.display()));
    }
    let root = repo_root();
    let corpus = root.join("corpus");
    let out = root.join("target/yuliao-index");
    let built_at = mtime(&out.join(MANIFEST_FILE));
    let stale = match (built_at, newest_input(&corpus)) {
        (None, _) => true,
        (Some(b), Some(n)) => n > b,
        (Some(_), None) => false,
    };
    if !stale {
        match Index::open_dir(&out) {
            Ok(i) => return Ok(i),
            Err(e) => eprintln!("yuliao: rebuilding the index ({e})"),
        }
    } else {
        eprintln!("yuliao: building the index in {} ...", out.display());
    }
    build_dir(&corpus, &out)?;
    Ok(Index::open_dir(&out)?)
}
