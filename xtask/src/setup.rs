//! What a task needs from the machine, set up before the task runs, so that the README's two
//! commands work on a fresh machine (stable Rust without the wasm32 target, no Chromium, no
//! `node_modules/`).
//!
//! - [`wasm_target`]: `rust-toolchain.toml` lists `wasm32-unknown-unknown`, but rustup fetches a
//!   toolchain file's targets only when it installs that toolchain; a machine that already has
//!   stable never gets it. So `build`, `serve`, `test` and `bench` run `rustup target add`
//!   themselves when the target's standard library is missing.
//! - [`debian_packages`]: the browser tests need Debian's `chromium`, `chromium-driver` and the
//!   font `fonts-wqy-microhei` (without it Chinese renders as boxes in screenshots). As root
//!   with apt-get, they are installed, saying what and why; otherwise the task stops with the
//!   exact command to run.
//! - [`node_modules`]: `npm ci` when playwright-core (which drives Debian's Chromium; it never
//!   downloads a browser) or axe-core (the accessibility checks) is not installed yet.
//!
//! Every check is cheap when the thing is already there, so tasks call these unconditionally.

use crate::util::{self, root};
use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The one wasm target the app and the wasm tests compile for.
pub const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// A Debian package a task needs, with what it is for (said when it gets installed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Package {
    pub name: &'static str,
    pub why: &'static str,
    /// A file the package installs: present means installed (no dpkg needed to check).
    pub provides: &'static str,
}

/// What the browser tests and the browser benchmarks need.
pub const BROWSER_PACKAGES: [Package; 3] = [
    Package { name: "chromium", why: "the headless browser of the wasm and end-to-end tests", provides: "/usr/bin/chromium" },
    Package { name: "chromium-driver", why: "WebDriver for wasm-bindgen-test", provides: "/usr/bin/chromedriver" },
    Package {
        name: "fonts-wqy-microhei",
        why: "a Chinese font, so screenshots show hanzi instead of boxes",
        provides: "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    },
];

/// What node and npm need, when the machine has no node at all.
pub const NODE_PACKAGES: [Package; 2] = [
    Package { name: "nodejs", why: "runs the end-to-end tests (node --test) and playwright-core", provides: "/usr/bin/node" },
    Package { name: "npm", why: "installs playwright-core from package-lock.json", provides: "/usr/bin/npm" },
];

/// The rust sysroot of the toolchain cargo uses in the repository root.
fn sysroot() -> Result<PathBuf> {
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let out = Command::new(rustc)
        .args(["--print", "sysroot"])
        .current_dir(root())
        .output()
        .context("could not run rustc --print sysroot")?;
    if !out.status.success() {
        bail!("rustc --print sysroot failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    Ok(PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()))
}

/// True when the toolchain at `sysroot` has the standard library for `target`.
pub fn has_target(sysroot: &Path, target: &str) -> bool {
    sysroot.join("lib/rustlib").join(target).join("lib").is_dir()
}

/// Adds the wasm32 target with rustup when the active toolchain lacks it.
pub fn wasm_target() -> Result<()> {
    let rust = sysroot()?;
    if has_target(&rust, WASM_TARGET) {
        return Ok(());
    }
    eprintln!("setup: the Rust toolchain at {} lacks {WASM_TARGET}; adding it with rustup", rust.display());
    let mut cmd = Command::new("rustup");
    cmd.args(["target", "add", WASM_TARGET]).current_dir(root());
    util::run(&mut cmd).with_context(|| {
        format!(
            "could not add the {WASM_TARGET} target; without rustup, install a toolchain that has it \
             (its standard library must be in {}/lib/rustlib/{WASM_TARGET})",
            rust.display()
        )
    })?;
    if !has_target(&sysroot()?, WASM_TARGET) {
        bail!("rustup reported success but {WASM_TARGET} is still missing from the toolchain");
    }
    Ok(())
}

/// The packages of `wanted` whose marker file is missing.
pub fn missing(wanted: &[Package]) -> Vec<Package> {
    wanted.iter().copied().filter(|p| !Path::new(p.provides).exists()).collect()
}

/// The apt-get command line that installs `packages`.
pub fn apt_command(packages: &[Package]) -> String {
    let names: Vec<&str> = packages.iter().map(|p| p.name).collect();
    format!("apt-get install -y --no-install-recommends {}", names.join(" "))
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// Installs the missing ones of `wanted` with apt-get when running as root; otherwise fails with
/// the command to run.
pub fn debian_packages(wanted: &[Package]) -> Result<()> {
    let need = missing(wanted);
    if need.is_empty() {
        return Ok(());
    }
    for p in &need {
        eprintln!("setup: {} is missing ({}): {}", p.name, p.provides, p.why);
    }
    let cmd = apt_command(&need);
    if !is_root() || !Path::new("/usr/bin/apt-get").exists() {
        bail!("missing Debian packages; install them first:\n    sudo apt-get update && sudo {cmd}");
    }
    eprintln!("setup: installing with apt-get: {}", need.iter().map(|p| p.name).collect::<Vec<_>>().join(", "));
    let apt = |args: &[&str]| {
        let mut c = Command::new("apt-get");
        c.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        util::run(&mut c)
    };
    apt(&["update", "-qq"])?;
    let mut args = vec!["install", "-y", "-qq", "--no-install-recommends"];
    args.extend(need.iter().map(|p| p.name));
    apt(&args)?;
    let still = missing(&need);
    if !still.is_empty() {
        bail!("apt-get ran but these are still missing: {}", apt_command(&still));
    }
    Ok(())
}

/// The npm packages the browser steps import (package.json's devDependencies): playwright-core
/// drives Chromium, axe-core is injected into the pages by the accessibility test.
const NODE_MODULES: [&str; 2] = ["playwright-core", "axe-core"];

/// `npm ci` in the repository root when one of [`NODE_MODULES`] is not installed yet (a
/// checkout from before a package was added has the others; node and npm come from Debian when
/// missing).
pub fn node_modules() -> Result<()> {
    if NODE_MODULES.iter().all(|m| root().join("node_modules").join(m).join("package.json").exists()) {
        return Ok(());
    }
    debian_packages(&NODE_PACKAGES)?;
    util::run(
        Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
            .current_dir(root()),
    )
}

/// Everything the browser steps need: the packages, then node_modules.
pub fn browser() -> Result<()> {
    debian_packages(&BROWSER_PACKAGES)?;
    node_modules()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn target_is_found_by_its_std_folder() {
        let dir = std::env::temp_dir().join(format!("yuliao-sysroot-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        assert!(!has_target(&dir, WASM_TARGET));
        std::fs::create_dir_all(dir.join("lib/rustlib").join(WASM_TARGET).join("lib")).unwrap();
        assert!(has_target(&dir, WASM_TARGET));
        assert!(!has_target(&dir, "aarch64-unknown-linux-gnu"));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_host_target_is_present_in_the_real_sysroot() {
        // The toolchain that runs this test has its own host's std: the check must see it.
        let sysroot = sysroot().unwrap();
        let host = if cfg!(target_arch = "x86_64") { "x86_64-unknown-linux-gnu" } else { "aarch64-unknown-linux-gnu" };
        assert!(has_target(&sysroot, host), "{} has no {host}", sysroot.display());
    }

    #[test]
    fn missing_packages_are_named_in_one_apt_command() {
        let gone = Package { name: "no-such-package", why: "test", provides: "/nonexistent/yuliao/marker" };
        let here = Package { name: "present", why: "test", provides: "/" };
        let need = missing(&[gone, here]);
        assert_eq!(need, vec![gone]);
        assert_eq!(apt_command(&need), "apt-get install -y --no-install-recommends no-such-package");
        assert_eq!(
            apt_command(&BROWSER_PACKAGES),
            "apt-get install -y --no-install-recommends chromium chromium-driver fonts-wqy-microhei"
        );
    }
}
