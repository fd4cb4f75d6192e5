//! The bench's npm packages (chinese-poetry, pagefind with its platform binary,
//! playwright-core), pinned in `bench/package.json` + `bench/package-lock.json` and
//! installed with `npm ci` into `bench/work/npm/` (gitignored), never into the repository.
//!
//! Takes the repository root. Returns paths into the installed packages. Guarantees: npm
//! runs only when the install is missing or its package files differ from the committed
//! ones; after that everything the bench uses from npm is local (Pagefind's indexer is the
//! binary the `@pagefind/linux-x64` package ships, run directly, offline).

use crate::util::run;
use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

pub struct Npm {
    pub dir: PathBuf,
}

impl Npm {
    /// Installs (when needed) and returns the package dir.
    pub fn ensure(root: &Path) -> Result<Npm> {
        let dir = root.join("bench/work/npm");
        std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        let mut changed = !dir.join("node_modules/.package-lock.json").exists();
        for file in ["package.json", "package-lock.json"] {
            let want = std::fs::read(root.join("bench").join(file)).with_context(|| format!("reading bench/{file}"))?;
            if std::fs::read(dir.join(file)).ok().as_deref() != Some(&want[..]) {
                std::fs::write(dir.join(file), &want)?;
                changed = true;
            }
        }
        if changed {
            eprintln!("bench: installing the bench's npm packages into {}", dir.display());
            run(Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund"])
                .current_dir(&dir))?;
        }
        Ok(Npm { dir })
    }

    pub fn node_modules(&self) -> PathBuf {
        self.dir.join("node_modules")
    }

    /// `dist/quantangshi` of chinese-poetry.
    pub fn poetry_dir(&self) -> PathBuf {
        self.node_modules().join("chinese-poetry/dist/quantangshi")
    }

    /// The Pagefind binary shipped in the platform package (extended build: CJK segmentation).
    pub fn pagefind_binary(&self) -> Result<PathBuf> {
        let bin = self.node_modules().join("@pagefind");
        for platform in ["linux-x64", "linux-arm64"] {
            for exe in ["pagefind_extended", "pagefind"] {
                let p = bin.join(platform).join("bin").join(exe);
                if p.exists() {
                    return Ok(p);
                }
            }
        }
        bail!(
            "no Pagefind binary under {} (npm did not install @pagefind/linux-*)",
            bin.display()
        )
    }
}
