//! The #/mine files of the static folder: the worker that cleans, segments and indexes a
//! reader's own texts in the browser, and the dictionary it segments with.
//!
//! | file | what |
//! | --- | --- |
//! | `mine/jieba.dict` | jieba-rs's `dict.txt` in the compact form of [`yuliao::text::write_dictionary`]: an fst set of the words, their frequencies as a varint column, a checksum |
//! | `mine/yuliao_mine.js`, `mine/yuliao_mine_bg.wasm` | wasm-bindgen output (target web) of package `yuliao-mine` (`mine/`) |
//! | `mine/worker.js` | the module worker's bootstrap: `init()` of that glue, nothing else |
//!
//! Nothing here is part of the first load: the page starts the worker (and the worker fetches
//! the dictionary) only when `#/mine` or a `src=mine` view is opened. The dictionary is read
//! from the jieba-rs source that cargo fetched for the build (found with `cargo metadata`), so
//! it is always the one the native index build segments with; the test below builds the seed
//! index with both and compares the bytes.

use crate::util;
use anyhow::{anyhow, bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::Stdio;

/// The folder of the #/mine files inside the static folder.
pub const DIR: &str = "mine";
/// Base name of the worker's wasm-bindgen output.
pub const OUT_NAME: &str = "yuliao_mine";

/// The worker script. A module worker, so the glue's `import.meta.url` finds the wasm next to
/// it; the Rust side posts `{type: "ready"}` once it listens, and the page sends nothing before.
pub const WORKER_JS: &str = r#"// Yuliao (语料) #/mine worker bootstrap: starts the WebAssembly module that cleans,
// segments and indexes your texts in this browser (nothing is uploaded). Everything else is Rust.
import init from './yuliao_mine.js';

init({ module_or_path: new URL('./yuliao_mine_bg.wasm', import.meta.url) }).catch((err) => {
  self.postMessage({ type: 'failed', message: String(err) });
});
"#;

/// `src/data/dict.txt` of the jieba-rs package in this workspace's lock file.
pub fn jieba_dict_path() -> Result<PathBuf> {
    let out = util::cargo()
        .args(["metadata", "--format-version", "1"])
        .stderr(Stdio::inherit())
        .output()
        .context("could not run cargo metadata")?;
    if !out.status.success() {
        bail!("cargo metadata failed ({})", out.status);
    }
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).context("reading cargo metadata's JSON")?;
    let manifest = meta["packages"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|p| p["name"] == "jieba-rs")
        .and_then(|p| p["manifest_path"].as_str())
        .ok_or_else(|| anyhow!("cargo metadata lists no jieba-rs package"))?;
    let dict = Path::new(manifest).with_file_name("src").join("data").join("dict.txt");
    if !dict.is_file() {
        bail!("jieba-rs's dictionary is not at {}", dict.display());
    }
    Ok(dict)
}

/// The name of the dictionary file in `mine/` (the worker fetches it beside itself).
pub const DICTIONARY: &str = "jieba.dict";

/// jieba's dictionary in the compact form the worker fetches.
pub fn dictionary_bytes() -> Result<Vec<u8>> {
    let path = jieba_dict_path()?;
    let text = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    yuliao::text::write_dictionary(&text).map_err(|e| anyhow!("{}: {e}", path.display()))
}

/// `cargo build -p yuliao-mine --lib --target wasm32-unknown-unknown [--profile web]`; returns the .wasm.
pub fn compile_worker(dev: bool) -> Result<PathBuf> {
    crate::build::compile_wasm("yuliao-mine", &["--lib"], "yuliao_mine", dev)
}

/// Writes `<out>/mine/`: the worker's glue and wasm, its bootstrap, and the dictionary.
pub fn write(wasm: &Path, out: &Path, dev: bool) -> Result<()> {
    let dir = out.join(DIR);
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(wasm)
        .out_name(OUT_NAME)
        .web(true)?
        .typescript(false)
        .omit_default_module_path(false)
        .debug(dev)
        .remove_name_section(!dev)
        .remove_producers_section(!dev)
        .generate(&dir)
        .with_context(|| format!("wasm-bindgen on {}", wasm.display()))?;
    std::fs::write(dir.join("worker.js"), WORKER_JS)?;
    std::fs::write(dir.join(DICTIONARY), dictionary_bytes()?)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::util::root;
    use yuliao::index::{build, build_with, BuildConfig};
    use yuliao::text::{Dictionary, Segmenter};

    /// The worker's dictionary is jieba's: the seed index built with the compact file is the
    /// native one, byte for byte, and a segmenter over it cuts every line of the seed as the
    /// native one.
    #[test]
    fn the_compact_dictionary_builds_the_seed_index_as_jieba_does() {
        let bytes = dictionary_bytes().unwrap();
        let dict = Dictionary::open(&bytes).unwrap();
        let corpus = root().join("corpus");
        let issues = yuliao::corpus::read_clean_dir(&corpus.join("clean")).unwrap();
        let config = BuildConfig::from_corpus_dir(&corpus).unwrap();
        let mut calls = Vec::new();
        let ours = build_with(&issues, &config, &dict, &mut |done, total| calls.push((done, total))).unwrap();
        let native = build(&issues, &config).unwrap();
        assert_eq!(ours.manifest, native.manifest, "manifests differ");
        assert_eq!(ours.pieces, native.pieces, "pieces differ");
        let articles: usize = issues.iter().map(|i| i.articles.len()).sum();
        assert_eq!(calls.len(), articles);
        assert_eq!(calls.last(), Some(&(articles, articles)));

        let (a, b) = (Segmenter::with_dictionary(&dict, &[], []), Segmenter::new(&[], []));
        let mut lines = 0;
        for p in issues.iter().flat_map(|i| &i.articles).flat_map(|a| &a.paragraphs) {
            let line = yuliao::text::normalize(p);
            assert_eq!(a.tokens(&line), b.tokens(&line), "{line}");
            lines += 1;
        }
        assert!(lines > 100, "{lines} lines");
    }

    /// Smaller on the wire than jieba's own `dict.txt` (gzip -9 and brotli 11, as the build
    /// writes the siblings); prints the sizes and how long opening takes here (a rough figure
    /// for the worker, which runs the same code as wasm).
    #[test]
    fn the_compact_dictionary_is_smaller_than_dict_txt_on_the_wire() {
        let text = std::fs::read(jieba_dict_path().unwrap()).unwrap();
        let bytes = dictionary_bytes().unwrap();
        let sizes = |b: &[u8]| [b.len(), util::gzip(b).len(), util::brotli(b).len()];
        let (ours, theirs) = (sizes(&bytes), sizes(&text));
        let started = std::time::Instant::now();
        let dict = Dictionary::open(&bytes).unwrap();
        let open = started.elapsed();
        let started = std::time::Instant::now();
        let from_text = jieba_rs::Jieba::with_dict(&mut &text[..]).unwrap();
        let parse = started.elapsed();
        println!("# dictionary: {DICTIONARY} {ours:?} bytes (raw, gzip -9, brotli 11), dict.txt {theirs:?}; opened in {open:?} (dict.txt parsed in {parse:?})");
        assert!(ours[1] < theirs[1] && ours[2] < theirs[2], "{ours:?} vs dict.txt {theirs:?}");
        assert!(dict.has_word("两带") == from_text.has_word("两带") && dict.has_word("中国"));
    }
}
