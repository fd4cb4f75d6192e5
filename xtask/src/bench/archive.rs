//! The archive in the browser: chinese-poetry served as two static sites and measured by the
//! same driver as the seed (`bench/browser.mjs`) — the web app over the index the poetry child
//! wrote, and Pagefind over the first poems, as many as it can index here.
//!
//! Takes the dist built for the run (the seed build: wasm, glue, bootstrap, style), the poetry index
//! folder, the poems and the Pagefind binary. Writes `<bench out>/poetry-site/` and
//! `bench/work/pagefind-poetry-site/`; returns one report row per site: the cold first query,
//! what each later query fetches in the same page, the theme view of the first query's term and
//! the frequency view (each after a first search and cold), and the manifest. Guarantees: the
//! Yuliao site is the built app with only `index/` and the page's first paint changed, both by
//! `build`'s own functions ([`crate::build::write_page`], [`crate::build::write_first_paint`]);
//! the index pieces are hard links to the child's files where the file system allows.

use super::browser::{drive, side};
use super::npm::Npm;
use super::report::{BrowserSide, PieceSize};
use super::site::{self, PagefindSite};
use crate::util::{files_under, is_precompressed_sibling};
use anyhow::{Context, Result};
use serde_json::{json, Value};
use std::path::Path;
use yuliao::corpus::Issue;

/// The app of `app` (every file but `index/` and the page) with `index` as its `index/`, the
/// page written and its first paint filled from that index's manifest, in `out` (emptied).
/// The index is not precompressed: the driver measures decoded bytes and computes gzip -9 per
/// response, so `.br`/`.gz` siblings would change no figure, and brotli over ~190 MB would add
/// minutes to the run.
pub fn yuliao_site(app: &Path, index: &Path, out: &Path) -> Result<()> {
    if out.exists() {
        std::fs::remove_dir_all(out).with_context(|| format!("emptying {}", out.display()))?;
    }
    std::fs::create_dir_all(out.join("index"))?;
    for rel in files_under(app)? {
        let page = rel
            .to_str()
            .is_some_and(|n| n == "index.html" || (n.starts_with("index.html.") && is_precompressed_sibling(app, &rel)));
        if rel.starts_with("index") && rel.components().count() > 1 || page {
            continue;
        }
        let dest = out.join(&rel);
        if let Some(parent) = dest.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::copy(app.join(&rel), &dest).with_context(|| format!("copying {}", rel.display()))?;
    }
    for rel in files_under(index)? {
        let (from, to) = (index.join(&rel), out.join("index").join(&rel));
        if std::fs::hard_link(&from, &to).is_err() {
            std::fs::copy(&from, &to).with_context(|| format!("copying {}", from.display()))?;
        }
    }
    crate::build::write_page(out)?;
    crate::build::write_first_paint(out)
}

/// `s` percent-encoded as JavaScript's `encodeURIComponent` does (UTF-8 bytes; letters,
/// digits and `-_.!~*'()` kept), for routes with Chinese terms.
pub fn encode_component(s: &str) -> String {
    use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
    const KEPT_BY_ENCODE_URI_COMPONENT: &AsciiSet =
        &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'!').remove(b'~').remove(b'*').remove(b'\'').remove(b'(').remove(b')');
    utf8_percent_encode(s, KEPT_BY_ENCODE_URI_COMPONENT).to_string()
}

/// The views the driver opens on the archive, with what "ready" means for each (the
/// selectors the e2e tests wait for): the theme tracker for `term` is ready when its total is
/// shown and either its table has rows or the term is not in the corpus; the frequency view
/// when its denominator is shown and either its table has rows or it says there are none.
pub fn views(term: &str) -> Value {
    json!([
        {
            "name": "themes",
            "route": format!("#/themes?t={}", encode_component(term)),
            "ready": "#theme-total",
            "rows": "table#theme-table tbody tr[data-article-id][data-count]",
            "empty": ".notice-missing",
        },
        {
            "name": "freq",
            "route": "#/freq",
            "ready": "#freq-total",
            "rows": "table#freq-table tbody tr[data-term]",
            "empty": ".no-results",
        },
        // The analysis views of issue 8, each on the same term or the whole corpus.
        {
            "name": "kwic",
            "route": format!("#/kwic?q={}", encode_component(term)),
            "ready": "#kwic-total",
            "rows": "table#concordance tbody tr[data-article-id]",
            "empty": ".no-results",
        },
        {
            "name": "kwic sorted 1R",
            "route": format!("#/kwic?q={}&sort=1R", encode_component(term)),
            "ready": "#kwic-total",
            "rows": "table#concordance tbody tr[data-article-id]",
            "empty": ".no-results",
        },
        {
            "name": "colloc",
            "route": format!("#/colloc?q={}", encode_component(term)),
            "ready": "#colloc-summary",
            "rows": "table#colloc-table tbody tr[data-term]",
            "empty": ".no-results",
        },
        {
            "name": "dispersion",
            "route": format!("#/dispersion?t={}", encode_component(term)),
            "ready": "#dispersion-total",
            "rows": "table#dispersion-parts tbody tr",
            "empty": ".no-results",
        },
        {
            "name": "summary",
            "route": "#/summary",
            "ready": "#summary-stats",
            "rows": "table#summary-freq tbody tr[data-term]",
            "empty": ".no-results",
        },
        {
            "name": "ngrams",
            "route": "#/ngrams",
            "ready": "#ngrams-docs, #ngrams-sampled",
            "rows": "tr[data-term]",
            "empty": ".no-results",
        },
        // The theme over the (synthetic) issue dates: the month axis, its gaps, per-term series,
        // co-occurrence with the presets and the suggestions.
        {
            "name": "themes by date",
            "route": format!("#/themes?t={}&by=date", encode_component(term)),
            "ready": "#theme-total",
            "rows": "table#theme-series-table tbody tr[data-period]",
            "empty": ".notice-missing",
        },
    ])
}

/// What Pagefind's page reads before it can run any query: `pagefind-entry.json` and the
/// language's `.pf_meta` (its page and index-chunk list). Its `pagefind.js` and wasm are code,
/// like Yuliao's wasm, and are not counted here.
pub fn pagefind_manifest(bundle: &[PieceSize]) -> Vec<PieceSize> {
    bundle
        .iter()
        .filter(|p| p.name == "pagefind-entry.json" || (!p.name.contains('/') && p.name.ends_with(".pf_meta")))
        .cloned()
        .collect()
}

/// Builds the Pagefind site over the first `limit` poems (in the package's order).
pub fn pagefind_site(issues: &[Issue], limit: usize, dir: &Path, pagefind: &Path) -> Result<PagefindSite> {
    site::build(issues.iter().flat_map(|i| &i.articles).take(limit), dir, pagefind)
}

/// The index's own figures for the Yuliao row: documents, text bytes, index bytes (raw, gzip
/// -9, from the child's measurement) and the manifest.
pub struct YuliaoArchive<'a> {
    pub site: &'a Path,
    pub docs: usize,
    pub text_bytes: u64,
    pub index: &'a [PieceSize],
}

/// Runs the driver over whichever archive sites are given: the first query of `queries` cold,
/// then every query in the same page, then the views (Yuliao only).
pub fn bench(
    root: &Path,
    npm: &Npm,
    yuliao: Option<YuliaoArchive>,
    pagefind: Option<(&Path, &PagefindSite)>,
    queries: &[String],
    reps: usize,
    work: &Path,
) -> Result<(Option<BrowserSide>, Option<BrowserSide>, Value)> {
    let term = queries.first().cloned().unwrap_or_default();
    let mut sites = Vec::new();
    if let Some(y) = &yuliao {
        sites.push((
            "poetryYuliao",
            y.site,
            json!({ "queries": queries, "queryTimeoutMs": 60_000, "views": views(&term) }),
        ));
    }
    if let Some((dir, _)) = pagefind {
        sites.push((
            "poetryPagefind",
            dir,
            json!({ "queries": queries, "queryTimeoutMs": 60_000, "foundUrls": false }),
        ));
    }
    let raw = drive(root, npm, sites, reps, work)?;
    let y = match (&yuliao, raw.get("poetryYuliao").filter(|v| !v.is_null())) {
        (Some(y), Some(v)) => {
            let mut s = side("Yuliao", v);
            s.docs = Some(y.docs);
            s.text_bytes = Some(y.text_bytes);
            s.index_bytes = Some((
                y.index.iter().map(|p| p.bytes).sum(),
                y.index.iter().map(|p| p.gzip_bytes).sum(),
            ));
            s.manifest = y.index.iter().filter(|p| p.name == yuliao::index::MANIFEST_FILE).cloned().collect();
            Some(s)
        }
        _ => None,
    };
    let p = match (pagefind, raw.get("poetryPagefind").filter(|v| !v.is_null())) {
        (Some((_, pf)), Some(v)) => {
            let mut s = side("Pagefind", v);
            fill_pagefind(&mut s, pf);
            Some(s)
        }
        _ => None,
    };
    Ok((y, p, raw))
}

/// The Pagefind row's indexing figures: pages, text bytes, bundle bytes (raw and gzip -9, as
/// [`site::build`] measured them), CLI time and memory.
pub fn fill_pagefind(s: &mut BrowserSide, pf: &PagefindSite) {
    s.docs = Some(pf.pages);
    s.text_bytes = Some(pf.text_bytes);
    s.index_ms = Some(pf.index_ms);
    s.index_peak_rss_kib = pf.peak_rss_kib;
    s.index_bytes = Some((
        pf.bundle.iter().map(|p| p.bytes).sum(),
        pf.bundle.iter().map(|p| p.gzip_bytes).sum(),
    ));
    s.manifest = pagefind_manifest(&pf.bundle);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_encode_like_encode_uri_component() {
        assert_eq!(encode_component("明月"), "%E6%98%8E%E6%9C%88");
        assert_eq!(encode_component("a b&c=d/é"), "a%20b%26c%3Dd%2F%C3%A9");
        assert_eq!(encode_component("A-z_0.9!~*'()"), "A-z_0.9!~*'()");
        assert_eq!(views("明月")[0]["route"], "#/themes?t=%E6%98%8E%E6%9C%88");
        let by_date = views("明月").as_array().unwrap().iter().find(|v| v["name"] == "themes by date").cloned().unwrap();
        assert_eq!(by_date["route"], "#/themes?t=%E6%98%8E%E6%9C%88&by=date");
    }

    #[test]
    fn pagefind_manifest_is_the_entry_and_the_meta() {
        let p = |name: &str| PieceSize {
            name: name.into(),
            bytes: 1,
            gzip_bytes: 1,
        };
        let bundle = [
            p("fragment/zh-cn_1.pf_fragment"),
            p("index/zh-cn_2.pf_index"),
            p("pagefind-entry.json"),
            p("pagefind.js"),
            p("pagefind.zh-cn_38d8.pf_meta"),
            p("wasm.unknown.pagefind"),
        ];
        let names: Vec<String> = pagefind_manifest(&bundle).into_iter().map(|p| p.name).collect();
        assert_eq!(names, ["pagefind-entry.json", "pagefind.zh-cn_38d8.pf_meta"]);
    }

    #[test]
    fn the_site_pairs_the_app_with_another_index() {
        let dir = std::env::temp_dir().join(format!("yuliao-bench-archive-{}", std::process::id()));
        let (app, index, out) = (dir.join("app"), dir.join("index"), dir.join("out"));
        std::fs::create_dir_all(app.join("index")).unwrap();
        std::fs::create_dir_all(&index).unwrap();
        for (name, text) in [
            ("yuliao_www_bg.wasm", "wasm"),
            ("yuliao_www_bg.wasm.br", "br"),
            ("yuliao_www_lite_bg.wasm", "lite"),
            ("yuliao_www_first_bg.wasm", "first"),
            ("index.html", "seed page"),
            ("index.html.gz", "seed page gz"),
            ("index/manifest.bin", "seed manifest"),
            ("index/words-0-aa.bin", "seed piece"),
        ] {
            std::fs::write(app.join(name), text).unwrap();
        }
        // A real manifest, so that the first paint can be filled from it.
        let issues: Vec<Issue> = vec![serde_json::from_value(json!({
            "source": "x", "publication": "全唐詩", "date": null, "unplaced": [],
            "articles": [{ "id": "tang000000-0001", "title": "靜夜思", "subtitle": null,
                "authors": ["李白"], "photographers": [], "units": [], "kind": "literature",
                "column": null, "paragraphs": ["床前明月光，", "疑是地上霜。"] }],
        }))
        .unwrap()];
        let built = yuliao::index::build(&issues, &yuliao::index::BuildConfig::default()).unwrap();
        built.write_dir(&index).unwrap();
        yuliao_site(&app, &index, &out).unwrap();
        let mut files: Vec<String> = files_under(&out)
            .unwrap()
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        files.retain(|f| !f.starts_with("index/") || f == "index/manifest.bin");
        files.sort();
        assert_eq!(
            files,
            [
                "index.html",
                "index/manifest.bin",
                "yuliao_www_bg.wasm",
                "yuliao_www_bg.wasm.br",
                "yuliao_www_first_bg.wasm",
                "yuliao_www_lite_bg.wasm"
            ]
        );
        assert_eq!(
            std::fs::read(out.join("index/manifest.bin")).unwrap(),
            std::fs::read(index.join("manifest.bin")).unwrap()
        );
        let page = std::fs::read_to_string(out.join("index.html")).unwrap();
        assert!(page.contains("全唐詩 · 1 期 · 1 篇文章"), "{page}");
        assert!(
            page.contains("data-total=\"4\" data-total-full=\"4\""),
            "the wasm modules' sizes fill the progress bar: {page}"
        );
        assert!(!page.contains("<!-- CORPUS -->") && page.contains("Content-Security-Policy"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
