//! `cargo xtask build [--dev] [--single-file] [--corpus DIR] [--out DIR]`: the static site.
//!
//! Takes a corpus folder (`corpus/` by default: `clean/*.json` plus `userdict.txt`,
//! `stopwords.txt`, `themes.toml`) and the Yew app in `www/`; returns a folder (`www/dist/` by
//! default) that any static host can serve from any sub-path:
//!
//! | file | what |
//! | --- | --- |
//! | `index.html` | `www/index.html` plus a strict Content-Security-Policy meta, the stylesheet link and `<script type="module" src="bootstrap.js">` |
//! | `bootstrap.js` | external module (the CSP forbids inline script): picks the module the URL needs, `init()` of its glue, the hand-over from lite to full; shows an alert if the wasm cannot start ([`bootstrap_js`]) |
//! | `yuliao_www.js`, `yuliao_www_bg.wasm`, `yuliao_www.d.ts` | wasm-bindgen output (target web) of package `yuliao-www`: the full module, every view and the portal API |
//! | `yuliao_www_lite.js`, `yuliao_www_lite_bg.wasm` | the same package without its feature `full`: the lite module (search, reader, issues) a first visit loads (`www/src/modules.rs`) |
//! | `style.css` | `www/style.css` as is |
//! | `mine/` | the #/mine worker and its dictionary, fetched only when #/mine is used ([`crate::mine`]) |
//! | `index/` | `manifest.bin` and the pieces, written by the release `yuliao index` CLI (the same engine, optimised) |
//! | `<file>.br`, `<file>.gz` | beside every file above: brotli (quality 11) and gzip (level 9) copies for hosts that serve precompressed files; left out where the copy would not be smaller than the file ([`precompress`]) |
//!
//! Guarantees: the index is built by the same engine the CLI uses, from the cleaned JSON in
//! file-name order, so the same corpus gives byte-identical `index/`, and the same files give
//! byte-identical `.br`/`.gz` (no timestamps, no file names); every URL the page uses is
//! relative; the build refuses `www/index.html` with inline script or style (the CSP would
//! block it in the browser, silently). It ends with a table of bytes, gzip bytes and brotli
//! bytes per file, index pieces grouped by kind (a sibling is not an entry of its own). A host that ignores the siblings
//! serves the folder just as well: they are an option, never needed.
//!
//! `--dev` compiles the wasm with the dev profile (fast, large); the default is the size-tuned
//! `web` profile from the workspace Cargo.toml. `--single-file` then also writes
//! `<out>/yuliao.html`: the folder's app, wasm and index in one file that works from `file://`
//! ([`crate::single`]).

use crate::flags::Flags;
use crate::setup;
use crate::util::{self, absolute, root};
use anyhow::{anyhow, bail, Context, Result};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use yuliao::corpus::Issue;
use yuliao::index::{self, BuildConfig, BuiltIndex};

pub const USAGE: &str = "cargo xtask build [--dev] [--single-file] [--corpus DIR] [--out DIR]";

/// The Content-Security-Policy every built page carries: scripts, styles, images and fetches
/// from the page's own origin only, plus compiling WebAssembly; workers (#/mine's) from it too;
/// no `<base>` may redirect the
/// page's relative URLs, and forms (the first-paint search box) submit only to the page itself.
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
                       img-src 'self' data:; connect-src 'self'; worker-src 'self'; base-uri 'none'; form-action 'self'";

/// Base name of the wasm-bindgen output of the full module: portals
/// `import init, { Yuliao } from './yuliao_www.js'`.
pub const OUT_NAME: &str = "yuliao_www";
/// Base name of the lite module's output (package `yuliao-www` without its feature `full`:
/// searching and reading, what a first visit needs; `www/src/modules.rs`).
pub const LITE_OUT_NAME: &str = "yuliao_www_lite";
/// Base name of the first module's output (package `yuliao-www` with feature `first` only: the
/// engine and the result rows, no Yew; it answers a shared `#/search?q=` link in the first
/// paint before the lite module arrives: `www/src/first.rs`).
pub const FIRST_OUT_NAME: &str = "yuliao_www_first";

/// Which routes the lite module serves: the same file the page compiles, so that
/// `bootstrap.js` and the lite module agree.
#[path = "../../www/src/modules.rs"]
#[allow(dead_code)]
mod www_modules;

/// What to build from what, and where to.
#[derive(Debug, Clone)]
pub struct Options {
    /// Dev profile for the wasm (fast to compile) instead of the size-tuned `web` profile.
    pub dev: bool,
    /// The corpus folder: `clean/*.json`, `userdict.txt`, `stopwords.txt`, `themes.toml`.
    pub corpus: PathBuf,
    /// The folder to (re)create.
    pub out: PathBuf,
}

impl Options {
    /// Takes `--dev`, `--corpus DIR` and `--out DIR` from `flags` (paths relative to the repo root).
    pub fn from_flags(flags: &mut Flags) -> Result<Options> {
        let dev = flags.switch("--dev");
        let corpus = absolute(Path::new(&flags.value("--corpus")?.unwrap_or_else(|| "corpus".into())));
        let out = absolute(Path::new(&flags.value("--out")?.unwrap_or_else(|| "www/dist".into())));
        Ok(Options { dev, corpus, out })
    }
}

pub fn run(args: &[String]) -> Result<()> {
    let mut flags = Flags::new(args);
    let single_file = flags.switch("--single-file");
    let opts = Options::from_flags(&mut flags)?;
    flags.finish(USAGE)?;
    build(&opts)?;
    if single_file {
        crate::single::write(&opts.out, &opts.out.join(crate::single::FILE_NAME))?;
    }
    Ok(())
}

/// Builds the index, compiles the app and assembles `opts.out`, then prints the size table.
pub fn build(opts: &Options) -> Result<()> {
    let cli = compile_cli()?;
    let worker = crate::mine::compile_worker(opts.dev)?;
    // Each build of package yuliao-www leaves its .wasm at the same path: the full and first
    // modules' are set aside before the next one is compiled.
    let set_aside = |wasm: PathBuf, name: &str| -> Result<PathBuf> {
        let kept = wasm.with_file_name(name);
        std::fs::copy(&wasm, &kept).with_context(|| format!("copying {}", wasm.display()))?;
        Ok(kept)
    };
    let full = set_aside(compile_www(opts.dev)?, "yuliao-www-full.wasm")?;
    let first = set_aside(compile_www_first(opts.dev)?, "yuliao-www-first.wasm")?;
    let lite = compile_www_lite(opts.dev)?;
    assemble(&full, &lite, &first, opts)?;
    crate::mine::write(&worker, &opts.out, opts.dev)?;
    write_index(&cli, &opts.corpus, &opts.out.join("index"))?;
    write_first_paint(&opts.out)?;
    precompress(&opts.out)?;
    print_summary(&opts.out)
}

/// Bytes in, compressed bytes out.
pub type Encoder = fn(&[u8]) -> Vec<u8>;

/// The precompressed siblings: file extension (after the original's name) and encoder.
/// Brotli first: it is the smaller one, and the order a server should prefer.
pub const ENCODINGS: [(&str, Encoder); 2] = [("br", util::brotli), ("gz", util::gzip)];

/// Writes `<file>.br` and `<file>.gz` beside every file under `dir` (brotli quality 11, gzip
/// level 9; same bytes in, same bytes out), so that a static host can send them as they are.
/// A copy that is not smaller than its original is not written (and an older one is removed):
/// most index pieces are deflated already and do not shrink, and a host then sends the plain
/// file. Those are recognised cheaply first ([`util::compressible`]): on a 58k-poem archive
/// (8,600 pieces, 58 MB, all but the manifest and two tables deflated) brotli 11 on every piece
/// took 372 s to write 20 siblings. Files that are themselves such siblings are skipped. Spreads
/// the files over the machine's cores. Returns how many siblings it wrote.
pub fn precompress(dir: &Path) -> Result<usize> {
    let started = std::time::Instant::now();
    let files: Vec<PathBuf> = util::files_under(dir)?
        .into_iter()
        .filter(|f| !util::is_precompressed_sibling(dir, f))
        .map(|f| dir.join(f))
        .collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(files.len()).max(1);
    let results: Vec<Result<usize>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut written = 0;
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(file) = files.get(i) else { return Ok(written) };
                        written += precompress_file(file)?;
                    }
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("a compression thread panicked")).collect()
    });
    let mut written = 0;
    for r in results {
        written += r?;
    }
    eprintln!(
        "precompressed {} files: {written} .br/.gz siblings in {:.1} s",
        files.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(written)
}

/// Writes (or, when it would not be smaller, removes) `file`'s `.br` and `.gz` siblings, as
/// [`precompress`] does for a folder. Returns how many it wrote.
pub fn precompress_file(file: &Path) -> Result<usize> {
    let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    let worth_trying = util::compressible(&bytes);
    let mut written = 0;
    for (ext, encode) in ENCODINGS {
        let mut name = file.as_os_str().to_owned();
        name.push(".");
        name.push(ext);
        let sibling = PathBuf::from(name);
        let packed = if worth_trying { encode(&bytes) } else { Vec::new() };
        if worth_trying && packed.len() < bytes.len() {
            std::fs::write(&sibling, packed).with_context(|| format!("writing {}", sibling.display()))?;
            written += 1;
        } else if sibling.exists() {
            std::fs::remove_file(&sibling).with_context(|| format!("removing {}", sibling.display()))?;
        }
    }
    Ok(written)
}

/// Fills the static first paint of `index.html` from the built index and wasm: a line that
/// says what the corpus is, and the wasm's size for the progress bar (the page shows both
/// before any script has run). Public for the bench, which pairs the built app with another
/// corpus's index.
pub fn write_first_paint(out: &Path) -> Result<()> {
    let manifest_path = out.join("index").join(index::MANIFEST_FILE);
    let bytes = std::fs::read(&manifest_path).with_context(|| format!("reading {}", manifest_path.display()))?;
    let manifest = index::Manifest::parse(&bytes).map_err(|e| anyhow!("{}: {e}", manifest_path.display()))?;
    let wasm_bytes = |name: &str| std::fs::metadata(out.join(format!("{name}_bg.wasm"))).map(|m| m.len());
    let (first, lite, full) = (wasm_bytes(FIRST_OUT_NAME)?, wasm_bytes(LITE_OUT_NAME)?, wasm_bytes(OUT_NAME)?);
    let page_path = out.join("index.html");
    let page = std::fs::read_to_string(&page_path)?;
    let page = page
        .replace("<!-- CORPUS -->", &escape_html(&corpus_line(&manifest)))
        .replace(
            "<progress id=\"boot-progress\"",
            &format!(
                "<progress id=\"boot-progress\" data-total-first=\"{first}\" data-total=\"{lite}\" data-total-full=\"{full}\""
            ),
        )
        .replace("<!-- WASM_BYTES -->", "");
    std::fs::write(&page_path, page)?;
    Ok(())
}

/// `劲旅 · 1 期 · 2024-01 · 26 篇文章 · 9,337 词`: publication(s), issues, date range, counts.
pub fn corpus_line(m: &index::Manifest) -> String {
    let mut pubs: Vec<&str> = m.issues.iter().map(|i| i.publication.as_str()).filter(|p| !p.is_empty()).collect();
    pubs.sort();
    pubs.dedup();
    let mut parts = Vec::new();
    if !pubs.is_empty() {
        parts.push(pubs.iter().take(3).copied().collect::<Vec<_>>().join("、"));
    }
    parts.push(format!("{} 期", m.stats.issues));
    match m.date_range() {
        Some((a, b)) if a == b => parts.push(a),
        Some((a, b)) => parts.push(format!("{a} 至 {b}")),
        None => {}
    }
    parts.push(format!("{} 篇文章", m.stats.articles));
    parts.push(format!("{} 词", m.stats.tokens));
    parts.join(" · ")
}

/// Escapes text for an HTML text node.
fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// `cargo build --release --bin yuliao`; returns the binary. The index of a large corpus is
/// built by the release CLI rather than by this (dev-profile) process: same engine, several
/// times faster (the 333k-poem archive took 124 s here in-process, 31 s through the CLI).
pub fn compile_cli() -> Result<PathBuf> {
    util::run(util::cargo().args(["build", "--release", "-p", "yuliao", "--bin", "yuliao"]))?;
    let bin = util::target_dir().join("release").join(format!("yuliao{}", std::env::consts::EXE_SUFFIX));
    if !bin.exists() {
        bail!("cargo built the yuliao CLI but {} is missing", bin.display());
    }
    Ok(bin)
}

/// `yuliao index --corpus <corpus> --out <out>` with the binary from [`compile_cli`].
pub fn write_index(cli: &Path, corpus: &Path, out: &Path) -> Result<()> {
    let mut cmd = std::process::Command::new(cli);
    cmd.arg("index").arg("--corpus").arg(corpus).arg("--out").arg(out).current_dir(root());
    cmd.stdout(Stdio::null());
    util::run(&mut cmd).with_context(|| format!("indexing {}", corpus.display()))
}

/// Reads `<corpus>/clean/*.json` in file-name order (the engine's one reader of that folder).
pub fn read_issues(corpus: &Path) -> Result<Vec<Issue>> {
    Ok(yuliao::corpus::read_clean_dir(&corpus.join("clean"))?)
}

/// Builds the index natively with the engine, exactly as the CLI does.
pub fn build_index(corpus: &Path) -> Result<BuiltIndex> {
    let config = BuildConfig::from_corpus_dir(corpus)
        .with_context(|| format!("reading userdict/stopwords/themes in {}", corpus.display()))?;
    let issues = read_issues(corpus)?;
    let articles: usize = issues.iter().map(|i| i.articles.len()).sum();
    eprintln!("indexing {} issue(s), {articles} article(s) from {}", issues.len(), corpus.display());
    index::build(&issues, &config).map_err(|e| anyhow!("building the index from {}: {e}", corpus.display()))
}

/// `cargo build -p yuliao-www --target wasm32-unknown-unknown [--profile web]`; returns the
/// full module's .wasm.
pub fn compile_www(dev: bool) -> Result<PathBuf> {
    compile_wasm("yuliao-www", &[], "yuliao-www", dev)
}

/// The same without the feature `full`: the lite module's .wasm (at the path [`compile_www`]
/// returns, which it overwrites).
pub fn compile_www_lite(dev: bool) -> Result<PathBuf> {
    compile_wasm("yuliao-www", &["--no-default-features"], "yuliao-www", dev)
}

/// `cargo build -p <package> <extra> --target wasm32-unknown-unknown [--profile web]`; returns
/// the .wasm that cargo reports for the target named `target` (the page's binary, the #/mine
/// worker's library: one place reads cargo's JSON messages for both).
pub fn compile_wasm(package: &str, extra: &[&str], target: &str, dev: bool) -> Result<PathBuf> {
    setup::wasm_target()?;
    let mut cmd = util::cargo();
    cmd.args(["build", "-p", package]).args(extra).args([
        "--target",
        "wasm32-unknown-unknown",
        "--message-format=json-render-diagnostics",
    ]);
    if !dev {
        cmd.args(["--profile", "web"]);
    }
    cmd.stdout(Stdio::piped());
    eprintln!("$ {}", util::describe(&cmd));
    let mut child = cmd.spawn().context("could not start cargo")?;
    let stdout = child.stdout.take().expect("stdout is piped");
    let mut wasm = None;
    for line in BufReader::new(stdout).lines() {
        let line = line?;
        let Ok(msg) = serde_json::from_str::<serde_json::Value>(&line) else { continue };
        if msg["reason"] == "compiler-artifact" && msg["target"]["name"] == target {
            for f in msg["filenames"].as_array().into_iter().flatten().filter_map(|f| f.as_str()) {
                if f.ends_with(".wasm") {
                    wasm = Some(PathBuf::from(f));
                }
            }
        }
    }
    let status = child.wait()?;
    if !status.success() {
        bail!("compiling {package} for wasm32 failed ({status})");
    }
    wasm.ok_or_else(|| anyhow!("cargo built {package} but reported no .wasm file"))
}

/// The first module's .wasm: the package with feature `first` alone (at the path
/// [`compile_www`] returns, which it overwrites).
pub fn compile_www_first(dev: bool) -> Result<PathBuf> {
    compile_wasm("yuliao-www", &["--no-default-features", "--features", "first"], "yuliao-www", dev)
}

/// Runs wasm-bindgen (as a library) on `wasm`, writing the glue and the final .wasm to `dir`
/// as `<name>.js` and `<name>_bg.wasm`.
pub fn bindgen(wasm: &Path, dir: &Path, name: &str, dev: bool) -> Result<()> {
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(wasm)
        .out_name(name)
        .web(true)?
        .typescript(true)
        // So that a portal's plain `init()` finds `yuliao_www_bg.wasm` next to the glue.
        .omit_default_module_path(false)
        .debug(dev)
        .remove_name_section(!dev)
        .remove_producers_section(!dev)
        .generate(dir)
        .with_context(|| format!("wasm-bindgen on {}", wasm.display()))
}

/// Empties (or creates) `out`, refusing anything that is not an earlier dist.
fn prepare_out(out: &Path) -> Result<()> {
    let repo = root();
    if repo.starts_with(out) {
        bail!("refusing to use {} as the output folder: it holds the repository", out.display());
    }
    if out.exists() {
        let mut entries = std::fs::read_dir(out).with_context(|| format!("reading {}", out.display()))?;
        let empty = entries.next().is_none();
        if !empty && !out.join("index.html").exists() {
            bail!(
                "refusing to empty {}: it is not empty and holds no index.html, so it is not an \
                 earlier build; pick another --out",
                out.display()
            );
        }
        std::fs::remove_dir_all(out).with_context(|| format!("emptying {}", out.display()))?;
    }
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))
}

/// Writes everything into `opts.out`.
fn assemble(full: &Path, lite: &Path, first: &Path, opts: &Options) -> Result<()> {
    let out = &opts.out;
    prepare_out(out)?;
    bindgen(full, out, OUT_NAME, opts.dev)?;
    for (wasm, name) in [(lite, LITE_OUT_NAME), (first, FIRST_OUT_NAME)] {
        bindgen(wasm, out, name, opts.dev)?;
        // The lite and first modules have no API for portals: they import the full one.
        std::fs::remove_file(out.join(format!("{name}.d.ts")))?;
        std::fs::remove_file(out.join(format!("{name}_bg.wasm.d.ts")))?;
    }
    write_page(out)?;
    std::fs::write(out.join("bootstrap.js"), bootstrap_js())?;
    let css = root().join("www").join("style.css");
    if css.exists() {
        std::fs::copy(&css, out.join("style.css")).with_context(|| format!("copying {}", css.display()))?;
    } else {
        eprintln!("warning: {} is missing; the page has no styles", css.display());
    }
    Ok(())
}

/// Writes `out/index.html`: `www/index.html` made into the page by [`page_html`], its first
/// paint still to fill ([`write_first_paint`]). Public for the bench, which pairs the built
/// app with another corpus's index.
pub fn write_page(out: &Path) -> Result<()> {
    let html_path = root().join("www").join("index.html");
    let html = match std::fs::read_to_string(&html_path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            eprintln!("warning: {} is missing; using a bare page", html_path.display());
            FALLBACK_HTML.to_string()
        }
        Err(e) => return Err(e).with_context(|| format!("reading {}", html_path.display())),
    };
    let page = page_html(&html).with_context(|| format!("in {}", html_path.display()))?;
    std::fs::write(out.join("index.html"), page)?;
    Ok(())
}

/// Used only while `www/index.html` does not exist yet.
const FALLBACK_HTML: &str = "<!doctype html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>语料</title>\n</head>\n<body>\n</body>\n</html>\n";

/// The first paint's search box (its query becomes the `#/search` route the app opens with)
/// and `startFailed(err)`, which says on the page that the wasm could not start. Shared by the
/// folder's [`bootstrap_js`] and the single file's start block (`single::START_JS`).
macro_rules! bootstrap_shell_js {
    () => {
        r#"const form = document.getElementById('shell-search');
if (form) {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const q = document.getElementById('shell-q').value.trim();
    if (q) location.hash = '#/search?q=' + encodeURIComponent(q);
  });
}

function startFailed(err) {
  const p = document.createElement('p');
  p.setAttribute('role', 'alert');
  p.className = 'load-error';
  p.dataset.errorKind = 'wasm';
  p.textContent = '语料无法启动：WebAssembly 加载失败。 Yuliao could not start: the WebAssembly module failed to load. (' + err + ')';
  document.body.appendChild(p);
  console.error(err);
}
"#
    };
}
pub(crate) use bootstrap_shell_js;

/// What the first paint's status line (`#boot-status`) says once the first module has shown a
/// search's rows and the lite module is still on its way.
pub const BOOT_STATUS_REST: &str = "检索结果已显示，其余功能加载中… Results shown; the rest of the app is loading…";

/// The external bootstrap module. It only starts the wasm; the app itself is Rust.
///
/// It picks the module the URL needs (the lite one for the reading views, [`LITE_PATHS`]
/// written in from `www/src/modules.rs`; the full one for the others and `src=mine`), fetches its
/// glue and wasm in parallel while the first paint's bar counts the wasm's bytes, and starts it.
/// When the lite app meets a route it does not serve it dispatches `yuliao:full`: the bootstrap
/// fetches the full module (counting on the lite view's `#full-progress`), stops the lite app
/// and starts the full one on the same URL.
pub fn bootstrap_js() -> String {
    let paths = www_modules::LITE_PATHS.iter().map(|p| format!("'{p}'")).collect::<Vec<_>>().join(", ");
    let (param, value) = www_modules::FULL_ONLY_PARAM;
    let (prefetch, base, manifest) = (www_modules::MANIFEST_PREFETCH, www_modules::INDEX_BASE, index::MANIFEST_FILE);
    let (first_path, first_param) = www_modules::FIRST_ANSWERS;
    let declines = www_modules::FIRST_DECLINES
        .iter()
        .map(|(name, values)| format!("['{name}', [{}]]", values.iter().map(|v| format!("'{v}'")).collect::<Vec<_>>().join(", ")))
        .collect::<Vec<_>>()
        .join(", ");
    let page_param = www_modules::PAGE_PARAM;
    format!(
        "{}{}{}",
        r#"// Yuliao (语料) bootstrap: starts the WebAssembly app. An external module because the page's
// Content-Security-Policy allows no inline script. While the wasm downloads, the static first
// paint of index.html stays usable: its progress bar counts the wasm's bytes, and its search
// box already takes a query (it becomes the #/search route the app opens with). If the wasm
// cannot be fetched or compiled, say so instead of leaving the page as it is.
//
// Two modules, one app (www/src/modules.rs): the lite one serves searching and reading, the
// full one every view. A link to a reading view loads the lite one; when the reader goes on
// to another view the lite app asks for the full one (event yuliao:full) and hands over.
// Before the lite one, a link to a search loads the first module (the engine without the
// app), which writes that search's rows into this first paint (www/src/first.rs).
const bar = document.getElementById('boot-progress');
const totals = {
  first: Number(bar && bar.dataset.totalFirst) || 0,
  lite: Number(bar && bar.dataset.total) || 0,
  full: Number(bar && bar.dataset.totalFull) || 0,
};
"#,
        bootstrap_shell_js!(),
        format!(
            r#"
// The index's manifest, requested now beside the wasm rather than once the app has started
// (one round trip less before the first result); the app takes the response from
// globalThis.{prefetch} (www/src/modules.rs), or fetches the manifest itself without it. The
// app reports a failure; the catch only keeps an unused rejection from being logged.
globalThis.{prefetch} = fetch('{base}{manifest}', {{ cache: 'no-cache' }});
globalThis.{prefetch}.catch(() => {{}});

// The hash paths the lite module serves (an entry ending in / is a prefix), as
// www/src/modules.rs lists them; any path under {param}={value} needs the full module.
const LITE_PATHS = [{paths}];

// The hash route: its path (without a leading or trailing /) and its query's parameters.
function hashRoute() {{
  const hash = location.hash.replace(/^#/, '');
  const q = hash.indexOf('?');
  const path = (q < 0 ? hash : hash.slice(0, q)).replace(/^\//, '').replace(/\/$/, '');
  return {{ path, params: new URLSearchParams(q < 0 ? '' : hash.slice(q + 1)) }};
}}

function liteServes() {{
  const {{ path, params }} = hashRoute();
  if (params.get('{param}') === '{value}') return false;
  return LITE_PATHS.some((p) => (p.endsWith('/') ? path.startsWith(p) && path.length > p.length : path === p));
}}

// Parameters (of the hash query, then the page's own) and the values under which the first
// module would show nothing (www/src/modules.rs): an embed, a page without controls, your texts.
const FIRST_DECLINES = [{declines}];

// The first page of a search with a query, not declined: what the first module may answer (it
// decides; a query without hits it leaves to the app too).
function firstAnswers() {{
  const {{ path, params }} = hashRoute();
  const own = new URLSearchParams(location.search);
  const value = (name) => (params.has(name) ? params.get(name) : own.get(name));
  if (FIRST_DECLINES.some(([name, values]) => values.includes(value(name)))) return false;
  if (Number(value('{page_param}')) > 0) return false;
  return path === '{first_path}' && (params.get('{first_param}') || '').trim() !== '';
}}

// The wasm at `url` (`total` bytes), counted on `bar` from `base` of `max` (the first and lite
// modules fill one bar, not two).
async function fetchWasm(url, bar, total, base = 0, max = base + total) {{
  const resp = await fetch(url);
  if (!resp.ok) throw new Error(url + ': HTTP ' + resp.status);
  if (!resp.body || !bar || !total) return resp.arrayBuffer();
  bar.max = max;
  const reader = resp.body.getReader();
  const chunks = [];
  let loaded = 0;
  for (;;) {{
    const {{ done, value }} = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.length;
    bar.value = base + Math.min(loaded, total);
  }}
  const bytes = new Uint8Array(loaded);
  let at = 0;
  for (const c of chunks) {{
    bytes.set(c, at);
    at += c.length;
  }}
  return bytes;
}}

// The glue and the wasm of module `name`, fetched in parallel.
function fetchModule(name, bar, total, base, max) {{
  return Promise.all([import('./' + name + '.js'), fetchWasm(new URL('./' + name + '_bg.wasm', import.meta.url), bar, total, base, max)]);
}}

const start = ([glue, bytes]) => glue.default({{ module_or_path: bytes }});

if (liteServes()) {{
  let lite = null;
  addEventListener('yuliao:full', () => {{
    fetchModule('{full}', document.getElementById('full-progress'), totals.full)
      .then((full) => {{
        if (lite) lite.stop();
        return start(full);
      }})
      .catch(startFailed);
  }}, {{ once: true }});
  const startLite = (base = 0) => fetchModule('{lite}', bar, totals.lite, base)
    .then((module) => {{
      lite = module[0];
      return start(module);
    }})
    .catch(startFailed);
  if (firstAnswers()) {{
    // The app follows whatever the first module did: its rows, nothing, or a failure (which
    // the app, with the same index, reports). Once the rows are on screen, the status line
    // says that what still loads is the rest of the app.
    fetchModule('{first}', bar, totals.first, 0, totals.first + totals.lite)
      .then(async (module) => {{
        await start(module);
        if (await module[0].first_result()) {{
          const status = document.getElementById('boot-status');
          if (status) status.textContent = '{rest}';
        }}
      }})
      .catch((err) => console.warn('first result:', err))
      // On from where the bar stands: the first module counted the index pieces it fetched.
      .finally(() => startLite(bar ? bar.value : 0));
  }} else {{
    startLite();
  }}
}} else {{
  fetchModule('{full}', bar, totals.full).then(start).catch(startFailed);
}}
"#,
            full = OUT_NAME,
            lite = LITE_OUT_NAME,
            first = FIRST_OUT_NAME,
            rest = BOOT_STATUS_REST,
        )
    )
}

/// The page: `source` with the CSP meta in `<head>` (replacing a `<!-- CSP -->` marker line when
/// it comes before any script or stylesheet, else right after `<head>`), and the stylesheet link
/// and the bootstrap module added before `</head>` unless the page already has them.
/// Fails on inline script or style (which the CSP would block) and on scripts from elsewhere.
pub fn page_html(source: &str) -> Result<String> {
    let lower = source.to_ascii_lowercase();
    let mut has_bootstrap = false;
    let mut from = 0;
    while let Some(at) = lower[from..].find("<script") {
        let open = from + at;
        let open_end = open + lower[open..].find('>').ok_or_else(|| anyhow!("unclosed <script"))? + 1;
        let close = open_end
            + lower[open_end..].find("</script>").ok_or_else(|| anyhow!("<script> without </script>"))?;
        let tag = &lower[open..open_end];
        if !source[open_end..close].trim().is_empty() || !tag.contains("src=") {
            bail!("inline <script> in www/index.html: the CSP blocks it; load code from a file");
        }
        if tag.contains("//") {
            bail!("a <script> from another host in www/index.html: the page must use relative URLs only");
        }
        if tag.contains("bootstrap.js") {
            if !tag.contains("type=\"module\"") {
                bail!("bootstrap.js must be loaded with type=\"module\"");
            }
            has_bootstrap = true;
        }
        from = close + "</script>".len();
    }
    if lower.contains("<style") || lower.contains(" style=") {
        bail!("www/index.html must not contain <style> or style=\"…\": the CSP (style-src 'self') blocks inline styles; put them in www/style.css");
    }
    if lower.contains("http-equiv=\"content-security-policy\"") {
        bail!("www/index.html must not set its own Content-Security-Policy: xtask adds the one CSP");
    }
    let meta = format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">");
    let head = lower.find("<head").ok_or_else(|| anyhow!("no <head> element"))?;
    let head_end = head + lower[head..].find('>').ok_or_else(|| anyhow!("unclosed <head"))? + 1;
    let close = lower.find("</head>").ok_or_else(|| anyhow!("no </head>"))?;
    if close < head_end {
        bail!("</head> before <head>");
    }
    let mut tail = String::new();
    if !lower.contains("href=\"style.css\"") && !lower.contains("href=\"./style.css\"") {
        tail.push_str("<link rel=\"stylesheet\" href=\"style.css\">\n");
    }
    if !has_bootstrap {
        tail.push_str("<script type=\"module\" src=\"bootstrap.js\"></script>\n");
    }
    let mut page = String::with_capacity(source.len() + 512);
    page.push_str(&source[..close]);
    page.push_str(&tail);
    page.push_str(&source[close..]);
    const MARKER: &str = "<!-- CSP -->";
    let marker = page.find(MARKER).filter(|&m| {
        let before = page[..m].to_ascii_lowercase();
        m > head_end && !before.contains("<script") && !before.contains("<link")
    });
    match marker {
        Some(m) => page.replace_range(m..m + MARKER.len(), &meta),
        None => {
            page = page.replacen(MARKER, "", 1);
            page.insert_str(head_end, &format!("\n{meta}"));
        }
    }
    Ok(page)
}

/// One line of the size summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SizeRow {
    /// Relative to the folder.
    pub file: PathBuf,
    pub bytes: u64,
    /// The `.gz` sibling's bytes (gzip -9, what a host that serves it sends); `None` where
    /// none was written (it would not have been smaller).
    pub gzip: Option<u64>,
    /// The `.br` sibling's bytes; `None` where none was written (it would not have been
    /// smaller, so a host sends the plain file).
    pub brotli: Option<u64>,
}

impl SizeRow {
    /// Raw, gzip and brotli bytes sent, counting the plain file where it has no sibling.
    fn served(&self) -> [u64; 3] {
        [self.bytes, self.gzip.unwrap_or(self.bytes), self.brotli.unwrap_or(self.bytes)]
    }
}

/// One row per file under `out`, sorted; the `.br`/`.gz` siblings are not rows of their own.
/// Reads sizes only: what a host sends is the sibling [`precompress`] wrote, or the plain file.
pub fn sizes(out: &Path) -> Result<Vec<SizeRow>> {
    let mut rows = Vec::new();
    for file in util::files_under(out)?.into_iter().filter(|f| !util::is_precompressed_sibling(out, f)) {
        let path = out.join(&file);
        let size = |ext: &str| {
            let mut p = path.clone().into_os_string();
            p.push(ext);
            std::fs::metadata(p).ok().map(|m| m.len())
        };
        rows.push(SizeRow {
            bytes: std::fs::metadata(&path).with_context(|| format!("reading {}", path.display()))?.len(),
            gzip: size(".gz"),
            brotli: size(".br"),
            file,
        });
    }
    Ok(rows)
}

/// The summary's label of a file: index pieces are grouped by kind (`index/docs-*`, the part of
/// the name before its first `-`), so an archive's thousands of pieces make a dozen lines.
fn summary_label(file: &Path) -> String {
    let name = file.to_string_lossy().replace('\\', "/");
    match name.strip_prefix("index/").and_then(|piece| piece.split_once('-')) {
        Some((kind, _)) => format!("index/{kind}-*"),
        None => name,
    }
}

/// Prints [`sizes`] as a table of what a host sends: raw, and with gzip or brotli accepted
/// (the sibling where there is one, else the plain file); index pieces grouped by kind with
/// their file count. Then the wasm's and the index's sizes and what the page downloads.
pub fn print_summary(out: &Path) -> Result<()> {
    let rows = sizes(out)?;
    // Raw, gzip -9 and brotli bytes.
    let mut total = [0u64; 3];
    let mut index = [0u64; 3];
    // What the page downloads: everything but the TypeScript declarations (for portal authors).
    let mut page = [0u64; 3];
    // What #/mine fetches when it is opened (the worker and its dictionary), never before.
    let mut mine = [0u64; 3];
    let (mut wasm, mut lite, mut first) = (None, None, None);
    let add = |sum: &mut [u64; 3], row: [u64; 3]| sum.iter_mut().zip(row).for_each(|(s, r)| *s += r);
    // (label, files, bytes): rows are sorted by file, so a kind's pieces are consecutive.
    let mut lines: Vec<(String, usize, [u64; 3])> = Vec::new();
    for row in &rows {
        let name = row.file.to_string_lossy();
        add(&mut total, row.served());
        if row.file.starts_with(crate::mine::DIR) {
            add(&mut mine, row.served());
        } else if !name.ends_with(".d.ts") {
            add(&mut page, row.served());
        }
        if row.file.starts_with("index") && row.file.components().count() > 1 {
            add(&mut index, row.served());
        }
        if row.file == Path::new(&format!("{OUT_NAME}_bg.wasm")) {
            wasm = Some(row.served());
        }
        if row.file == Path::new(&format!("{LITE_OUT_NAME}_bg.wasm")) {
            lite = Some(row.served());
        }
        if row.file == Path::new(&format!("{FIRST_OUT_NAME}_bg.wasm")) {
            first = Some(row.served());
        }
        let label = summary_label(&row.file);
        match lines.last_mut() {
            Some((l, files, sum)) if *l == label => {
                *files += 1;
                add(sum, row.served());
            }
            _ => lines.push((label, 1, row.served())),
        }
    }
    let width = lines.iter().map(|l| l.0.chars().count()).max().unwrap_or(4).max(5);
    println!("\n{}:", out.display());
    println!("  {:<width$} {:>6} {:>12} {:>12} {:>12}", "file", "files", "bytes", "gzip -9", "brotli");
    for (label, files, [raw, gz, br]) in &lines {
        println!("  {label:<width$} {files:>6} {raw:>12} {gz:>12} {br:>12}");
    }
    println!("  {:<width$} {:>6} {:>12} {:>12} {:>12}", "total", rows.len(), total[0], total[1], total[2]);
    let human = |[raw, gz, br]: [u64; 3]| {
        format!("{} raw, {} gzip, {} brotli", util::human(raw), util::human(gz), util::human(br))
    };
    if let Some(w) = first {
        println!("  wasm, first module (a shared search link's rows, before the app): {}", human(w));
    }
    if let Some(w) = lite {
        println!("  wasm, lite module (searching and reading; what a first visit loads): {}", human(w));
    }
    if let Some(w) = wasm {
        println!("  wasm, full module (every view; loaded for the others): {}", human(w));
    }
    println!("  index/: {}", human(index));
    println!("  the page downloads {} (all files but the .d.ts and {}/)", human(page), crate::mine::DIR);
    println!("  #/mine fetches {} more when opened ({}/: its worker and dictionary)", human(mine), crate::mine::DIR);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<!doctype html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>语料</title>\n</head>\n<body></body>\n</html>\n";

    #[test]
    fn page_gets_csp_first_and_bootstrap_last_in_head() {
        let page = page_html(PAGE).unwrap();
        let csp = page.find("Content-Security-Policy").unwrap();
        let charset = page.find("charset").unwrap();
        let boot = page.find("src=\"bootstrap.js\"").unwrap();
        let css = page.find("href=\"style.css\"").unwrap();
        let end = page.find("</head>").unwrap();
        assert!(csp < charset && charset < css && css < boot && boot < end, "{page}");
        assert!(page.contains(CSP));
        assert!(!CSP.contains("http"), "the CSP names no other host");
        assert_eq!(page.matches("<script").count(), 1);
    }

    #[test]
    fn existing_stylesheet_link_is_not_doubled() {
        let src = PAGE.replace("</head>", "<link rel=\"stylesheet\" href=\"style.css\">\n</head>");
        assert_eq!(page_html(&src).unwrap().matches("style.css").count(), 1);
    }

    #[test]
    fn marker_is_replaced_and_existing_bootstrap_kept() {
        let src = PAGE.replace(
            "<title>",
            "<!-- CSP -->\n<link rel=\"stylesheet\" href=\"./style.css\">\n<script type=\"module\" src=\"./bootstrap.js\"></script>\n<title>",
        );
        let page = page_html(&src).unwrap();
        assert!(!page.contains("<!-- CSP -->"), "{page}");
        assert!(page.find(CSP).unwrap() < page.find("style.css").unwrap());
        assert_eq!(page.matches("<script").count(), 1, "{page}");
        assert_eq!(page.matches("style.css").count(), 1, "{page}");
    }

    #[test]
    fn inline_script_and_style_are_refused() {
        for bad in [
            "<script>alert(1)</script>",
            "<SCRIPT>x()</SCRIPT>",
            "<script src=\"https://cdn.example/x.js\"></script>",
            "<script src=\"bootstrap.js\"></script>",
            "<style>body{}</style>",
            "<p style=\"color:red\">x</p>",
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src *\">",
        ] {
            let src = PAGE.replace("</head>", &format!("{bad}\n</head>"));
            assert!(page_html(&src).is_err(), "accepted {bad}");
        }
        assert!(page_html("<html><body></body></html>").is_err(), "no head");
    }

    #[test]
    fn first_paint_says_what_the_corpus_is() {
        use yuliao::index::{CorpusStats, IssueInfo, Manifest};
        let issue = |stem: &str, date: &str, first_doc, docs| IssueInfo {
            stem: stem.into(),
            publication: "劲旅".into(),
            date: Some(date.into()),
            first_doc,
            docs,
            ..IssueInfo::default()
        };
        let m = Manifest {
            stats: CorpusStats { articles: 40, issues: 2, tokens: 12345, chars: 0, terms: 0 },
            stopwords: vec![],
            themes: vec![],
            issues: vec![issue("001", "2024-03", 0, 26), issue("000", "2024-01", 26, 14)],
            pieces: vec![],
            doc_groups: Default::default(),
        };
        assert_eq!(corpus_line(&m), "劲旅 · 2 期 · 2024-01 至 2024-03 · 40 篇文章 · 12345 词");
        assert_eq!(escape_html("<script>&"), "&lt;script&gt;&amp;");
    }

    /// `n` bytes that no compressor shrinks (xorshift), like a piece whose text is deflated.
    fn noise(n: usize) -> Vec<u8> {
        let mut x = 0x2545_f491_4f6c_dd1du64;
        (0..n)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x >> 24) as u8
            })
            .collect()
    }

    /// A small dist: a page, a manifest, a piece that does not shrink and a 1-byte file.
    fn small_dist(dir: &Path) -> Vec<(&'static str, Vec<u8>)> {
        let _ = std::fs::remove_dir_all(dir);
        std::fs::create_dir_all(dir.join("index")).unwrap();
        let files = vec![
            ("index.html", "<!doctype html><title>语料</title><p>两带两创 提质增效</p>\n".repeat(40).into_bytes()),
            ("index/manifest.bin", (0..4000u32).flat_map(|i| (i % 97).to_le_bytes()).collect()),
            ("index/store-0123456789abcdef.bin", noise(5000)),
            ("one.txt", b"x".to_vec()),
        ];
        for (name, bytes) in &files {
            std::fs::write(dir.join(name), bytes).unwrap();
        }
        files
    }

    fn sibling(dir: &Path, name: &str, ext: &str) -> Option<Vec<u8>> {
        std::fs::read(dir.join(format!("{name}.{ext}"))).ok()
    }

    #[test]
    fn precompressed_siblings_decode_to_the_original_and_are_reproducible() {
        use std::io::Read;
        let base = std::env::temp_dir().join(format!("yuliao-precompress-{}", std::process::id()));
        let (a, b) = (base.join("a"), base.join("b"));
        let files = small_dist(&a);
        small_dist(&b);
        // A stale sibling of the piece that will not shrink must go.
        std::fs::write(a.join("index/store-0123456789abcdef.bin.br"), b"old").unwrap();

        assert_eq!(precompress(&a).unwrap(), 4, "index.html and manifest.bin get .br and .gz");
        for (name, original) in &files[..2] {
            let gz = sibling(&a, name, "gz").unwrap_or_else(|| panic!("no {name}.gz"));
            let br = sibling(&a, name, "br").unwrap_or_else(|| panic!("no {name}.br"));
            assert!(br.len() < gz.len() && gz.len() < original.len(), "{name}: {} {} {}", original.len(), gz.len(), br.len());
            // No mtime, no file name: the header is the same whatever the file and the clock.
            assert_eq!(&gz[..10], &[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 255], "{name}");
            let mut unzipped = Vec::new();
            flate2::read::GzDecoder::new(&gz[..]).read_to_end(&mut unzipped).unwrap();
            assert_eq!(&unzipped, original, "{name}.gz");
            let mut unbrotli = Vec::new();
            brotli::Decompressor::new(&br[..], 4096).read_to_end(&mut unbrotli).unwrap();
            assert_eq!(&unbrotli, original, "{name}.br");
        }
        for (name, _) in &files[2..] {
            for ext in ["gz", "br"] {
                assert!(sibling(&a, name, ext).is_none(), "{name}.{ext} is not smaller, yet was written");
            }
        }

        // Same files in another folder, and the same folder again: byte-identical siblings,
        // and no sibling of a sibling.
        assert_eq!(precompress(&b).unwrap(), 4);
        let listing = util::files_under(&a).unwrap();
        assert_eq!(listing, util::files_under(&b).unwrap());
        assert_eq!(precompress(&a).unwrap(), 4);
        assert_eq!(listing, util::files_under(&a).unwrap());
        assert_eq!(listing.len(), files.len() + 4, "{listing:?}");
        for f in &listing {
            assert_eq!(std::fs::read(a.join(f)).unwrap(), std::fs::read(b.join(f)).unwrap(), "{}", f.display());
        }

        // The summary has one row per file, with the .br size where there is one.
        let rows = sizes(&a).unwrap();
        let names: Vec<_> = rows.iter().map(|r| r.file.to_string_lossy().into_owned()).collect();
        assert_eq!(names, ["index/manifest.bin", "index/store-0123456789abcdef.bin", "index.html", "one.txt"]);
        let page = &rows[2];
        assert_eq!(page.bytes, files[0].1.len() as u64);
        assert_eq!(page.brotli, Some(sibling(&a, "index.html", "br").unwrap().len() as u64));
        assert_eq!(page.gzip, Some(sibling(&a, "index.html", "gz").unwrap().len() as u64));
        assert_eq!((rows[1].gzip, rows[1].brotli), (None, None));
        assert_eq!(rows[1].served(), [5000; 3], "a piece without siblings is sent as it is");
        assert_eq!(summary_label(&rows[1].file), "index/store-*");
        assert_eq!(summary_label(&rows[0].file), "index/manifest.bin");
        std::fs::remove_dir_all(base).unwrap();
    }

    #[test]
    fn bootstrap_imports_only_relative_glue() {
        let js = bootstrap_js();
        assert!(js.contains(&format!("fetchModule('{OUT_NAME}'")) && js.contains(&format!("fetchModule('{LITE_OUT_NAME}'")));
        assert!(js.contains(&format!("fetchModule('{FIRST_OUT_NAME}'")) && js.contains("first_result()"));
        assert!(js.contains("path === 'search'") && js.contains(".get('q')"), "{js}");
        assert!(js.contains("import('./' + name + '.js')"));
        assert!(js.contains("const LITE_PATHS = ['', 'search', 'article/', 'issues', 'issue/'];"), "{js}");
        assert!(js.contains(".get('src') === 'mine'"));
        assert!(
            js.contains("const FIRST_DECLINES = [['embed', ['1', 'true']], ['controls', ['0', 'false']], ['src', ['mine']]];"),
            "{js}"
        );
        assert!(js.contains("Number(value('p')) > 0") && js.contains(BOOT_STATUS_REST));
        assert!(!js.contains("http"));
        assert!(js.contains("role', 'alert'"));
    }
}
