//! The Pagefind side of the comparison: one HTML page per cleaned article, a search page
//! with Pagefind's default UI, and Pagefind's own CLI run over them.
//!
//! Takes articles (the seed's, or the first poems of the archive) and the Pagefind binary.
//! Writes a site folder — `bench/work/pagefind-site/` or `bench/work/pagefind-poetry-site/` —
//! (`a/<id>.html`, `index.html`, and `pagefind/` from the CLI), and measures the CLI's time and
//! peak memory. Guarantees: each page holds exactly the text
//! the ground truth scans (title, subtitle, paragraphs, column, bylines, units — see
//! `corpus::article_text`), HTML-escaped; only `<main data-pagefind-body>` is indexed, so the search page itself is not.

use super::corpus::article_text;
use super::report::PieceSize;
use super::stats::ms_since;
use crate::util::{files_under, gzip, run};
use anyhow::{Context, Result};
use std::fmt::Write;
use std::path::Path;
use std::process::Command;
use std::time::Instant;
use yuliao::corpus::Article;

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// The page of one article.
pub fn article_page(a: &Article) -> String {
    let mut body = String::new();
    if let Some(t) = &a.title {
        let _ = write!(body, "<h1>{}</h1>", escape(t));
    }
    if let Some(s) = &a.subtitle {
        let _ = write!(body, "<h2>{}</h2>", escape(s));
    }
    for p in &a.paragraphs {
        let _ = write!(body, "<p>{}</p>", escape(p));
    }
    // The metadata Yuliao also searches (column, bylines, units), so both see the same text.
    for m in a.column.iter().chain(&a.authors).chain(&a.photographers).chain(&a.units) {
        let _ = write!(body, "<p>{}</p>", escape(m));
    }
    format!(
        "<!doctype html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{}</title></head>\n<body><main data-pagefind-body>{body}</main></body></html>\n",
        escape(a.title.as_deref().unwrap_or(&a.id))
    )
}

/// The search page: Pagefind's default UI. Its only change from the documented snippet is
/// `debounceTimeoutMs: 0`, so the UI does not wait 300 ms for typing to stop; `?q=` runs
/// a search on load through the UI's own `triggerSearch`.
pub const SEARCH_PAGE: &str = r#"<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>Pagefind</title>
<link href="/pagefind/pagefind-ui.css" rel="stylesheet">
<script src="/pagefind/pagefind-ui.js"></script></head>
<body><div id="search"></div>
<script>
window.addEventListener('DOMContentLoaded', () => {
  window.__pagefindUI = new PagefindUI({ element: '#search', debounceTimeoutMs: 0 });
  const q = new URLSearchParams(location.search).get('q');
  if (q) window.__pagefindUI.triggerSearch(q);
});
</script></body></html>
"#;

/// What building the Pagefind site produced.
pub struct PagefindSite {
    pub pages: usize,
    /// UTF-8 bytes of the pages' texts, as `CorpusFigures::text_bytes` counts them.
    pub text_bytes: u64,
    pub index_ms: f64,
    /// Maximum resident set size of the Pagefind process (GNU time's `%M`), when
    /// `/usr/bin/time` is there to measure it.
    pub peak_rss_kib: Option<u64>,
    pub bundle: Vec<PieceSize>,
}

/// GNU time, which reports a child's maximum resident set size from `wait4`.
const GNU_TIME: &str = "/usr/bin/time";

/// The kilobytes GNU time wrote with `-f %M` (its last line: before it, a failed command
/// gets a "Command exited with non-zero status" line).
pub fn parse_time_max_rss(text: &str) -> Option<u64> {
    text.lines().rev().find(|l| !l.trim().is_empty())?.trim().parse().ok()
}

/// Writes the site for `articles` into `dir` (emptied first) and runs Pagefind over it
/// (under GNU time when there is one, for its peak memory).
pub fn build<'a>(articles: impl IntoIterator<Item = &'a Article>, dir: &Path, pagefind: &Path) -> Result<PagefindSite> {
    if dir.exists() {
        std::fs::remove_dir_all(dir).with_context(|| format!("emptying {}", dir.display()))?;
    }
    std::fs::create_dir_all(dir.join("a"))?;
    let mut pages = 0;
    let mut text_bytes = 0;
    for a in articles {
        std::fs::write(dir.join("a").join(format!("{}.html", a.id)), article_page(a))?;
        text_bytes += article_text(a).len() as u64;
        pages += 1;
    }
    std::fs::write(dir.join("index.html"), SEARCH_PAGE)?;
    let time_out = dir.with_extension("time.txt");
    let measured = Path::new(GNU_TIME).exists();
    let mut cmd = if measured {
        let mut c = Command::new(GNU_TIME);
        c.arg("-o").arg(&time_out).arg("-f").arg("%M").arg(pagefind);
        c
    } else {
        Command::new(pagefind)
    };
    cmd.arg("--site").arg(dir).arg("--quiet");
    let start = Instant::now();
    run(&mut cmd)?;
    let index_ms = ms_since(start);
    let peak_rss_kib = if measured {
        let text = std::fs::read_to_string(&time_out).with_context(|| format!("reading {}", time_out.display()))?;
        let _ = std::fs::remove_file(&time_out);
        parse_time_max_rss(&text)
    } else {
        None
    };
    let bundle_dir = dir.join("pagefind");
    let mut bundle = Vec::new();
    for rel in files_under(&bundle_dir)? {
        let bytes = std::fs::read(bundle_dir.join(&rel))?;
        bundle.push(PieceSize {
            name: rel.to_string_lossy().into_owned(),
            bytes: bytes.len() as u64,
            gzip_bytes: gzip(&bytes).len() as u64,
        });
    }
    Ok(PagefindSite {
        pages,
        text_bytes,
        index_ms,
        peak_rss_kib,
        bundle,
    })
}

/// The article id of a Pagefind result URL (`/a/<id>.html` or `/a/<id>`).
pub fn id_of_url(url: &str) -> Option<String> {
    let last = url.trim_end_matches('/').rsplit('/').next()?;
    let id = last.strip_suffix(".html").unwrap_or(last);
    (!id.is_empty()).then(|| id.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_escape_text_and_ids_round_trip() {
        let a: Article = serde_json::from_value(serde_json::json!({
            "id": "000_x-001", "title": "<script>两带两创</script>", "subtitle": null,
            "authors": [], "photographers": [], "units": [], "kind": "news", "column": null,
            "paragraphs": ["A & B", "拟薄水铝石"],
        }))
        .unwrap();
        let page = article_page(&a);
        assert!(
            page.contains("<h1>&lt;script&gt;两带两创&lt;/script&gt;</h1>"),
            "{page}"
        );
        assert!(page.contains("<p>A &amp; B</p><p>拟薄水铝石</p>"));
        assert!(!page.contains("<script>"));
        assert_eq!(id_of_url("/a/000_x-001.html").as_deref(), Some("000_x-001"));
        assert_eq!(id_of_url("/a/000_x-001/").as_deref(), Some("000_x-001"));
        assert_eq!(id_of_url("/"), None);
    }

    #[test]
    fn gnu_time_max_rss_is_its_last_line() {
        assert_eq!(parse_time_max_rss("9842080\n"), Some(9_842_080));
        assert_eq!(
            parse_time_max_rss("Command exited with non-zero status 1\n5120\n\n"),
            Some(5120)
        );
        assert_eq!(parse_time_max_rss("Command terminated by signal 9\n"), None);
        assert_eq!(parse_time_max_rss(""), None);
    }
}
