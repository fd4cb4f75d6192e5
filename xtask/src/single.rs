//! `cargo xtask build --single-file`: the whole app in one HTML file that works from `file://`.
//!
//! Takes a built folder ([`crate::build`]: `index.html` with its first paint filled, the
//! wasm-bindgen glue and wasm, `style.css`, `index/`) and returns `yuliao.html`, one file that
//! needs nothing beside it — a USB stick, an email attachment, a shared drive:
//!
//! | part | where in the file |
//! | --- | --- |
//! | `style.css` | a `<style>` in `<head>` |
//! | glue + start | one `<script type="module">`: `yuliao_www.js` as it is, then a start block that decodes the wasm below and hands its bytes to the glue's init (`WebAssembly.instantiate`, nothing fetched) |
//! | the wasm | `<script type="application/octet-stream" id="yuliao-wasm" data-encoding="gzip+base64">`: gzip -9 (the start block inflates it with the browser's `DecompressionStream`), then base64 |
//! | the index | `<script type="application/octet-stream" id="yuliao-index" data-encoding="deflate+base64">`: the manifest, every piece it lists and every document group as one pack ([`yuliao::index::pack`]), raw deflate level 9, then base64. The app's `load` module finds the block and reads every piece from it instead of fetching `index/`, through the same engine calls (`Index::open_lazy`, `load_piece`) |
//!
//! A data block (`type="application/octet-stream"`) is never run, so the Content-Security-Policy
//! has nothing to allow for it. The page's CSP ([`csp`]) is the folder's made for a file: the one
//! module script and the one style by their `'sha256-…'` hashes, `'wasm-unsafe-eval'` to compile
//! the wasm, `connect-src 'none'` (nothing is ever fetched), `default-src 'none'`, forms and
//! `<base>` refused. The build refuses text that would end its element early (`</script`,
//! `</style`, `<!--`) rather than escape it, so the hashed text is exactly the source.
//!
//! Guarantees: same folder, byte-identical file (the encoders are deterministic); every piece the
//! manifest names is in the pack once, and nothing else but the manifest.

use crate::build::OUT_NAME;
use crate::util;
use anyhow::{anyhow, bail, Context, Result};
use base64::Engine as _;
use std::io::Write;
use std::path::Path;
use yuliao::index::{self, Manifest};

/// The file's name in the built folder.
pub const FILE_NAME: &str = "yuliao.html";

/// `id` of the data block that holds the wasm (gzip, base64).
pub const WASM_BLOCK: &str = "yuliao-wasm";
/// `id` of the data block that holds the index pack (raw deflate, base64); `www/src/embedded.rs`
/// reads it.
pub const INDEX_BLOCK: &str = "yuliao-index";

/// What went into the file, in bytes, for the size report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sizes {
    /// The whole file.
    pub file: u64,
    /// The wasm block's base64 text (gzip -9 of the wasm, a third larger).
    pub wasm: u64,
    /// The index block's base64 text (deflate of the pack, a third larger).
    pub index: u64,
    /// The pack before deflate: manifest and every piece.
    pub index_raw: u64,
    /// Issues in the index, for the per-issue estimate.
    pub issues: u64,
}

/// The start block, after the glue in the same module script: the first paint's search box,
/// then the wasm decoded from its data block and handed to the glue's init. A block of its own
/// so that its names never meet the glue's. `__INIT__` becomes the glue's init function.
const START_JS: &str = concat!(
    "\n// Yuliao (语料), one file: the wasm comes from the data block #yuliao-wasm (gzip, base64),\n",
    "// inflated by the browser and instantiated from memory; nothing is fetched.\n{\n",
    crate::build::bootstrap_shell_js!(),
    r#"
const embedded = async (id) => {
  const block = document.getElementById(id);
  if (!block) throw new Error('#' + id + ' is missing from the file');
  const text = atob(block.textContent.replace(/\s+/g, ''));
  const packed = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) packed[i] = text.charCodeAt(i);
  if (typeof DecompressionStream === 'undefined') {
    throw new Error('this browser lacks DecompressionStream (Chrome 80, Firefox 113, Safari 16.4 or newer)');
  }
  const stream = new Blob([packed]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
};

embedded('yuliao-wasm')
  .then((bytes) => __INIT__({ module_or_path: bytes }))
  .catch(startFailed);
}
"#
);

/// Raw deflate, level 9 (what `miniz_oxide::inflate` in the page reads).
pub fn deflate(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(bytes).expect("writing to a Vec cannot fail");
    enc.finish().expect("writing to a Vec cannot fail")
}

/// The single file's Content-Security-Policy: the folder's ([`crate::build::CSP`]) for a page
/// that has no origin to trust and fetches nothing.
pub fn csp(script_hashes: &[String], style_hash: &str) -> String {
    let scripts: Vec<String> = script_hashes.iter().map(|h| format!("'{h}'")).collect();
    format!(
        "default-src 'none'; script-src {} 'wasm-unsafe-eval'; style-src '{style_hash}'; \
         img-src data:; connect-src 'none'; base-uri 'none'; form-action 'none'",
        scripts.join(" ")
    )
}

/// `sha256-<base64>` of `text`, the CSP's hash source for an inline element with that text.
pub fn csp_hash(text: &str) -> String {
    format!("sha256-{}", base64::engine::general_purpose::STANDARD.encode(sha256(text.as_bytes())))
}

/// Builds `<dist>/yuliao.html` from a built folder and prints what it weighs. Returns the sizes.
pub fn write(dist: &Path, out: &Path) -> Result<Sizes> {
    let read = |rel: &str| std::fs::read(dist.join(rel)).with_context(|| format!("reading {}", dist.join(rel).display()));
    let text = |rel: &str| -> Result<String> {
        String::from_utf8(read(rel)?).map_err(|_| anyhow!("{} is not UTF-8", dist.join(rel).display()))
    };
    let page = text("index.html")?;
    let css = text("style.css")?;
    let glue = text(&format!("{OUT_NAME}.js"))?;
    let wasm = read(&format!("{OUT_NAME}_bg.wasm"))?;
    let index_dir = dist.join("index");
    let manifest_bytes = read(&format!("index/{}", index::MANIFEST_FILE))?;
    let manifest = Manifest::parse(&manifest_bytes).map_err(|e| anyhow!("{}: {e}", index_dir.display()))?;
    let names = manifest.piece_names();
    let mut pieces = Vec::with_capacity(names.len());
    for name in &names {
        pieces.push(std::fs::read(index_dir.join(name)).with_context(|| {
            format!("reading {}: the manifest lists it; build the folder again", index_dir.join(name).display())
        })?);
    }
    let packed = yuliao::index::pack::write(
        std::iter::once((index::MANIFEST_FILE, manifest_bytes.as_slice()))
            .chain(names.iter().map(String::as_str).zip(pieces.iter().map(Vec::as_slice))),
    );
    let b64 = base64::engine::general_purpose::STANDARD;
    let wasm_b64 = b64.encode(util::gzip(&wasm));
    let index_b64 = b64.encode(deflate(&packed));
    let html = single_html(&page, &css, &glue, &wasm_b64, &index_b64)?;
    if let Some(parent) = out.parent() {
        std::fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
    }
    std::fs::write(out, &html).with_context(|| format!("writing {}", out.display()))?;
    let sizes = Sizes {
        file: html.len() as u64,
        wasm: wasm_b64.len() as u64,
        index: index_b64.len() as u64,
        index_raw: packed.len() as u64,
        issues: manifest.stats.issues as u64,
    };
    print_sizes(out, &sizes);
    Ok(sizes)
}

/// The size report: the file, its parts, and what each issue of this corpus adds.
fn print_sizes(out: &Path, s: &Sizes) {
    let rest = s.file - s.wasm - s.index;
    println!("\n{}: {}", out.display(), util::human(s.file));
    println!("  wasm (gzip, base64):  {}", util::human(s.wasm));
    println!("  index (deflate, base64): {} ({} pieces unpacked)", util::human(s.index), util::human(s.index_raw));
    println!("  page, style and glue: {}", util::human(rest));
    if s.issues > 0 {
        println!(
            "  about {} per issue of this corpus ({} issue(s)); over ~20 MB serve the folder instead: \
             the file is read whole before the first search",
            util::human(s.index / s.issues),
            s.issues
        );
    }
}

/// The single page: `page` (the folder's `index.html`) with its CSP meta replaced by [`csp`],
/// its stylesheet link by a `<style>` holding `css`, its bootstrap module by one module script
/// (the glue, then [`START_JS`]), and the two data blocks before `</body>`.
pub fn single_html(page: &str, css: &str, glue: &str, wasm_b64: &str, index_b64: &str) -> Result<String> {
    refuse_closers("style.css", css, &["</style"])?;
    let init = glue_init_name(glue)?;
    let module = format!("{glue}{}", START_JS.replace("__INIT__", &init));
    refuse_closers(&format!("{OUT_NAME}.js"), &module, &["</script", "<!--", "<script"])?;

    let mut html = page.to_string();
    let csp_tag = find_tag(&html, "<meta", |t| t.contains("http-equiv=\"content-security-policy\""))?;
    let link = find_tag(&html, "<link", |t| t.contains("rel=\"stylesheet\"") && t.contains("style.css"))?;
    let boot = find_tag(&html, "<script", |t| t.contains("bootstrap.js"))?;
    let boot_end = boot.1 + html[boot.1..].find("</script>").ok_or_else(|| anyhow!("bootstrap <script> not closed"))? + "</script>".len();
    let policy = csp(&[csp_hash(&module)], &csp_hash(css));
    // Replace from the last to the first, so that earlier offsets stay right.
    let mut edits = [
        (csp_tag.0, csp_tag.1, format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\">")),
        (link.0, link.1, format!("<style>{css}</style>")),
        (boot.0, boot_end, format!("<script type=\"module\">{module}</script>")),
    ];
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    for (start, end, with) in edits {
        html.replace_range(start..end, &with);
    }
    let body_end = html.rfind("</body>").ok_or_else(|| anyhow!("the page has no </body>"))?;
    let blocks = format!(
        "<script type=\"application/octet-stream\" id=\"{WASM_BLOCK}\" data-encoding=\"gzip+base64\">{wasm_b64}</script>\n\
         <script type=\"application/octet-stream\" id=\"{INDEX_BLOCK}\" data-encoding=\"deflate+base64\">{index_b64}</script>\n"
    );
    html.insert_str(body_end, &blocks);
    Ok(html)
}

/// The glue's init function: `export { initSync, __wbg_init as default };` at its end.
fn glue_init_name(glue: &str) -> Result<String> {
    let export = glue
        .rfind("export {")
        .map(|at| &glue[at..])
        .and_then(|tail| tail.split_once('}').map(|(list, _)| list))
        .ok_or_else(|| anyhow!("the wasm-bindgen glue has no `export {{ … }}` list"))?;
    export
        .trim_start_matches("export {")
        .split(',')
        .find_map(|item| item.trim().strip_suffix(" as default").map(str::trim))
        .filter(|name| !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$'))
        .map(String::from)
        .ok_or_else(|| anyhow!("the wasm-bindgen glue exports no `… as default` init function"))
}

/// Fails when `text` holds a sequence that would end or confuse its inline element.
fn refuse_closers(what: &str, text: &str, closers: &[&str]) -> Result<()> {
    let lower = text.to_ascii_lowercase();
    for c in closers {
        if lower.contains(c) {
            bail!("{what} contains `{c}`: it cannot be inlined into the single file as it is");
        }
    }
    Ok(())
}

/// Byte range of the one tag opening with `open` (ASCII case-insensitive) for which `which`
/// (given the lowercased tag) is true, from `<` to `>` inclusive.
fn find_tag(html: &str, open: &str, which: impl Fn(&str) -> bool) -> Result<(usize, usize)> {
    let lower = html.to_ascii_lowercase();
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = lower[from..].find(open) {
        let start = from + at;
        let end = start + lower[start..].find('>').ok_or_else(|| anyhow!("unclosed {open}"))? + 1;
        if which(&lower[start..end]) {
            found.push((start, end));
        }
        from = end;
    }
    match found[..] {
        [one] => Ok(one),
        [] => bail!("the built index.html has no {open}… tag to replace"),
        _ => bail!("the built index.html has {} such {open}… tags; expected one", found.len()),
    }
}

/// SHA-256 (FIPS 180-4), for the CSP's hash sources; the tests pin it to the standard's vectors.
pub fn sha256(data: &[u8]) -> [u8; 32] {
    const K: [u32; 64] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ];
    let mut h: [u32; 8] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
    ];
    let mut msg = data.to_vec();
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&((data.len() as u64).wrapping_mul(8)).to_be_bytes());
    for block in msg.chunks_exact(64) {
        let mut w = [0u32; 64];
        for (i, word) in block.chunks_exact(4).enumerate() {
            w[i] = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
        }
        for i in 16..64 {
            let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
            let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16].wrapping_add(s0).wrapping_add(w[i - 7]).wrapping_add(s1);
        }
        let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut hh] = h;
        for i in 0..64 {
            let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
            let ch = (e & f) ^ (!e & g);
            let t1 = hh.wrapping_add(s1).wrapping_add(ch).wrapping_add(K[i]).wrapping_add(w[i]);
            let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
            let maj = (a & b) ^ (a & c) ^ (b & c);
            let t2 = s0.wrapping_add(maj);
            hh = g;
            g = f;
            f = e;
            e = d.wrapping_add(t1);
            d = c;
            c = b;
            b = a;
            a = t1.wrapping_add(t2);
        }
        for (x, y) in h.iter_mut().zip([a, b, c, d, e, f, g, hh]) {
            *x = x.wrapping_add(y);
        }
    }
    let mut out = [0u8; 32];
    for (chunk, word) in out.chunks_exact_mut(4).zip(h) {
        chunk.copy_from_slice(&word.to_be_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn sha256_matches_the_standard_vectors() {
        assert_eq!(hex(&sha256(b"")), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assert_eq!(hex(&sha256(b"abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assert_eq!(
            hex(&sha256(b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        );
        assert_eq!(
            hex(&sha256(&vec![b'a'; 1_000_000])),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        );
        // The CSP spec's example: 'sha256-' and the standard base64 of the digest.
        assert_eq!(csp_hash("alert('Hello, world.');"), "sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng=");
    }

    const GLUE: &str = "export class Yuliao {}\nasync function __wbg_init(m) { return m; }\nexport { initSync, __wbg_init as default };\n";

    fn page() -> String {
        let page = crate::build::page_html(
            "<!doctype html>\n<html><head>\n<meta charset=\"utf-8\">\n<!-- CSP -->\n<title>语料</title>\n</head>\n<body><div id=\"app\"></div></body>\n</html>\n",
        )
        .unwrap();
        page
    }

    /// The text of every `<tag …>…</tag>` in `html`, with its opening tag.
    fn elements<'a>(html: &'a str, tag: &str) -> Vec<(&'a str, &'a str)> {
        let (open, close) = (format!("<{tag}"), format!("</{tag}>"));
        let mut out = Vec::new();
        let mut from = 0;
        while let Some(at) = html[from..].find(&open) {
            let start = from + at;
            let body = start + html[start..].find('>').unwrap() + 1;
            let end = body + html[body..].find(&close).unwrap();
            out.push((&html[start..body], &html[body..end]));
            from = end;
        }
        out
    }

    #[test]
    fn every_inline_script_and_style_is_allowed_by_its_hash_and_nothing_else() {
        let html = single_html(&page(), "body { color: #222 }", GLUE, "V0FTTQ==", "WUxQSw==").unwrap();
        let metas: Vec<_> = html.match_indices("Content-Security-Policy").collect();
        assert_eq!(metas.len(), 1, "{html}");
        let policy = html.split("content=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
        assert!(html.find("Content-Security-Policy").unwrap() < html.find("<script").unwrap(), "the CSP comes first");

        let scripts = elements(&html, "script");
        let run: Vec<_> = scripts.iter().filter(|(tag, _)| !tag.contains("application/octet-stream")).collect();
        assert_eq!(run.len(), 1, "one script runs: {scripts:?}");
        assert!(run[0].0.contains("type=\"module\"") && !run[0].0.contains("src="));
        assert!(run[0].1.starts_with(GLUE), "the glue as it is");
        assert!(run[0].1.contains("__wbg_init({ module_or_path: bytes })"));
        let styles = elements(&html, "style");
        assert_eq!(styles.len(), 1);
        assert_eq!(policy, csp(&[csp_hash(run[0].1)], &csp_hash(styles[0].1)));
        assert!(policy.contains("connect-src 'none'") && policy.contains("default-src 'none'"), "{policy}");
        assert!(!policy.contains("'self'") && !policy.contains("unsafe-inline") && !policy.contains("http"), "{policy}");

        let data: Vec<_> = scripts.iter().filter(|(tag, _)| tag.contains("application/octet-stream")).collect();
        assert_eq!(data.len(), 2);
        assert!(data[0].0.contains(&format!("id=\"{WASM_BLOCK}\"")) && data[0].1 == "V0FTTQ==");
        assert!(data[1].0.contains(&format!("id=\"{INDEX_BLOCK}\"")) && data[1].1 == "WUxQSw==");
        // Nothing refers to another file: no src, no href but the data: icon, no stylesheet link.
        assert!(!html.contains("src=\""), "{html}");
        assert!(!html.contains("bootstrap.js") && !html.contains("style.css") && !html.contains("rel=\"stylesheet\""));
        assert!(html.find(&format!("id=\"{INDEX_BLOCK}\"")).unwrap() < html.find("</body>").unwrap());
    }

    #[test]
    fn text_that_would_end_its_element_is_refused() {
        assert!(single_html(&page(), "a::after { content: '</style>' }", GLUE, "", "").is_err());
        for bad in ["const s = '</script>';", "// <!-- x", "const t = '<SCRIPT>';"] {
            let glue = format!("{bad}\n{GLUE}");
            assert!(single_html(&page(), "", &glue, "", "").is_err(), "accepted {bad}");
        }
        assert!(single_html(&page(), "", "export default function init() {}", "", "").is_err(), "no export list");
    }

    #[test]
    fn init_name_comes_from_the_export_list() {
        assert_eq!(glue_init_name(GLUE).unwrap(), "__wbg_init");
        assert_eq!(glue_init_name("export { a as default, initSync };").unwrap(), "a");
        assert!(glue_init_name("export { initSync };").is_err());
    }

    /// The seed's real index through [`write`]: the index block holds the manifest and every
    /// piece and document group it names, each once and byte for byte, and nothing else; the
    /// wasm block is the wasm; the CSP's hashes are those of the file's own script and style.
    #[test]
    fn the_seed_folder_becomes_one_file_with_every_piece_once() {
        use std::io::Read;
        let base = std::env::temp_dir().join(format!("yuliao-single-{}", std::process::id()));
        let dist = base.join("dist");
        let _ = std::fs::remove_dir_all(&base);
        let built = crate::build::build_index(&crate::util::root().join("corpus")).unwrap();
        built.write_dir(&dist.join("index")).unwrap();
        std::fs::write(dist.join("index.html"), page()).unwrap();
        std::fs::write(dist.join("style.css"), "body { margin: 0 }").unwrap();
        std::fs::write(dist.join(format!("{OUT_NAME}.js")), GLUE).unwrap();
        let wasm = b"\0asm\x01\0\0\0 not a real module".to_vec();
        std::fs::write(dist.join(format!("{OUT_NAME}_bg.wasm")), &wasm).unwrap();

        let out = base.join("alone").join(FILE_NAME);
        let sizes = write(&dist, &out).unwrap();
        let html = std::fs::read_to_string(&out).unwrap();
        assert_eq!(sizes.file, html.len() as u64);
        assert_eq!(sizes.issues, 1);

        let blocks = elements(&html, "script");
        let block = |id: &str| {
            let text = blocks.iter().find(|(tag, _)| tag.contains(&format!("id=\"{id}\""))).unwrap().1;
            base64::engine::general_purpose::STANDARD.decode(text).unwrap()
        };
        let mut unzipped = Vec::new();
        flate2::read::GzDecoder::new(&block(WASM_BLOCK)[..]).read_to_end(&mut unzipped).unwrap();
        assert_eq!(unzipped, wasm);

        let mut packed = Vec::new();
        flate2::read::DeflateDecoder::new(&block(INDEX_BLOCK)[..]).read_to_end(&mut packed).unwrap();
        let mut entries = Vec::new();
        let u32_at = |at: usize| u32::from_le_bytes(packed[at..at + 4].try_into().unwrap()) as usize;
        let mut at = 8;
        for _ in 0..u32_at(4) {
            let name = std::str::from_utf8(&packed[at + 4..at + 4 + u32_at(at)]).unwrap().to_string();
            at += 4 + name.len();
            let len = u32_at(at);
            entries.push((name, packed[at + 4..at + 4 + len].to_vec()));
            at += 4 + len;
        }
        assert_eq!(at, packed.len(), "nothing after the last entry");
        assert_eq!(entries[0], (index::MANIFEST_FILE.to_string(), built.manifest.clone()));
        let mut names: Vec<&str> = entries.iter().map(|e| e.0.as_str()).collect();
        let listed = Manifest::parse(&built.manifest).unwrap().piece_names();
        assert!(listed.iter().any(|n| n.starts_with("docs-")), "document groups are listed: {listed:?}");
        let mut want: Vec<&str> = listed.iter().map(String::as_str).chain([index::MANIFEST_FILE]).collect();
        names.sort_unstable();
        want.sort_unstable();
        assert_eq!(names, want, "every piece once, and only those");
        for (name, bytes) in &built.pieces {
            assert_eq!(&entries.iter().find(|e| &e.0 == name).unwrap().1, bytes, "{name}");
        }

        let policy = html.split("Content-Security-Policy\" content=\"").nth(1).unwrap().split('"').next().unwrap();
        let script = blocks.iter().find(|(tag, _)| tag.contains("type=\"module\"")).unwrap().1;
        let style = elements(&html, "style")[0].1;
        assert_eq!(policy, csp(&[csp_hash(script)], &csp_hash(style)));
        std::fs::remove_dir_all(base).unwrap();
    }
}
