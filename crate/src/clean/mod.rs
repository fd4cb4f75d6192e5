//! clean: the raw text of one issue, as pulled out of the print PDF → a [`corpus::Issue`].
//!
//! Takes the bytes of `corpus/raw/<file>` and its path; returns the issue's articles in
//! reading order, what could not be placed, and a [`ConservationReport`] that accounts for
//! every character. Guarantees: the same bytes give the same issue (no hash order anywhere);
//! no character of the text is dropped except whitespace and the byline markers it consumed
//! (the report says which and how many, and lists anything else as *lost*); bad input is a
//! [`CleanError`] naming the file and the reason, never a panic.
//!
//! # Why it is built this way
//! Everything the corpus explorer shows is only as true as these articles, and the next
//! issue of the paper has the same defects in other places, so every step is a general rule
//! about how this kind of text was made, never a line number or a string from the seed:
//!
//! 1. [`decode`]: the bytes become text (UTF-8 with or without BOM, UTF-16 with BOM,
//!    GBK/GB18030, any line ends). Empty and binary files are refused.
//! 2. [`shift`]: blocks set in a second font have a shifted code table, so their punctuation
//!    came out as real hanzi (，→袁, 。→遥, “→野 …). The GB2312 row arithmetic says what a
//!    glyph would mean; the density of such glyphs in a block, pairing and a list of real
//!    words decide whether it does (炉、窑、磨 keeps its 窑). One character in, one out.
//! 3. [`articles`]: the text is cut into chunks (lines between blank lines; a line opening
//!    with a dateline such as 劲旅讯/又讯 or with a space starts a new text block). A
//!    body runs until it ends a sentence and a heading-like chunk follows; the headings come
//!    *after* the body in this extraction (byline, unit line, subtitle, title, `●` byline,
//!    photo credit), then the next body starts a new article. Captions opening with 图为
//!    belong to the story before; a slogan standing alone is a column label for the next
//!    article; a page without datelines is the literary page.
//! 4. [`lines`]: print-column breaks are joined (also across blank lines when the sentence
//!    goes on), paragraphs end where the text does, a poem keeps its lines, letter-spacing
//!    and the typesetting spaces around numbers and Latin go.
//! 5. [`conservation`]: the multiset of characters in equals the multiset out plus
//!    whitespace plus consumed byline markers, or the report says what was lost.

pub mod articles;
pub mod conservation;
pub mod decode;
pub mod lines;
pub mod shift;

use crate::corpus::Issue;
pub use conservation::ConservationReport;
use std::fmt;

/// Why a raw file was refused. Each variant names the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CleanError {
    /// The file has no text at all (zero bytes, or whitespace only).
    Empty { source: String, bytes: usize },
    /// The file is not text (NUL bytes, control characters).
    Binary { source: String, reason: String },
    /// The bytes are neither UTF-8 nor GBK/GB18030.
    Undecodable { source: String, reason: String },
    /// The text decoded but holds nothing that could become an article.
    NoArticles { source: String },
}

impl CleanError {
    /// What kind of refusal this is, as a stable name (`empty`, `binary`, `undecodable`,
    /// `no_articles`): the #/mine page says it in the reader's language and shows
    /// [`CleanError::reason`] (English, with the particulars) beside it.
    pub fn code(&self) -> &'static str {
        match self {
            CleanError::Empty { .. } => "empty",
            CleanError::Binary { .. } => "binary",
            CleanError::Undecodable { .. } => "undecodable",
            CleanError::NoArticles { .. } => "no_articles",
        }
    }

    /// What is wrong with the file, without its name or the advice about `corpus/raw`: the
    /// #/mine page shows this beside the name of a file it refused. [`fmt::Display`] is
    /// `<source>: refused: <reason>` plus that advice.
    pub fn reason(&self) -> String {
        match self {
            CleanError::Empty { bytes, .. } => format!("the file is empty ({bytes} bytes, no text)"),
            CleanError::Binary { reason, .. } => format!("binary file ({reason})"),
            CleanError::Undecodable { reason, .. } => format!("cannot decode ({reason}); save it as UTF-8 or GBK"),
            CleanError::NoArticles { .. } => "the text holds no article (no body text found)".to_string(),
        }
    }
}

impl fmt::Display for CleanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let reason = self.reason();
        match self {
            CleanError::Empty { source, .. } => {
                write!(f, "{source}: refused: {reason}; put the extracted text of an issue in it or remove it")
            }
            CleanError::Binary { source, .. } => {
                write!(f, "{source}: refused: {reason}; corpus/raw holds plain text extracted from the PDF")
            }
            CleanError::Undecodable { source, .. } | CleanError::NoArticles { source } => {
                write!(f, "{source}: refused: {reason}")
            }
        }
    }
}

impl std::error::Error for CleanError {}

/// Clean one raw issue. `source` is its path relative to the repository root
/// (`corpus/raw/<stem>.txt`); the file stem prefixes the article ids (`<stem>-001`).
pub fn clean_issue(raw: &[u8], source: &str) -> Result<(Issue, ConservationReport), CleanError> {
    let text = decode::decode(raw, source)?;
    let repaired = shift::repair(&text);
    let stem = stem_of(source);
    let split = articles::split(&repaired.text, &stem);
    if split.articles.is_empty() {
        return Err(CleanError::NoArticles { source: source.to_string() });
    }
    let issue = Issue {
        source: source.to_string(),
        publication: split.publication.clone().unwrap_or_else(|| "unknown".to_string()),
        date: split.date.clone(),
        articles: split.articles,
        unplaced: split.unplaced,
        editors: split.editors,
    };
    let report = ConservationReport::new(source, &repaired, &issue, &split.markers);
    Ok((issue, report))
}

/// The text of `corpus/clean/<stem>.json` for an issue: pretty-printed JSON and a trailing
/// newline. The one serialisation used by `yuliao clean` and by the staleness test.
pub fn to_json(issue: &Issue) -> String {
    // Serialising plain strings, vectors and enums cannot fail.
    serde_json::to_string_pretty(issue).unwrap_or_default() + "\n"
}

/// `corpus/raw/000_abc.txt` → `000_abc`.
pub fn stem_of(source: &str) -> String {
    let name = source.rsplit(['/', '\\']).next().unwrap_or(source);
    match name.rfind('.') {
        Some(dot) if dot > 0 => name[..dot].to_string(),
        _ => name.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems() {
        assert_eq!(stem_of("corpus/raw/000_d2874fb822b0e5bc.txt"), "000_d2874fb822b0e5bc");
        assert_eq!(stem_of("x"), "x");
    }

    #[test]
    fn bad_files_are_typed_errors_naming_the_file() {
        let e = clean_issue(b"", "corpus/raw/empty.txt").unwrap_err();
        assert!(matches!(e, CleanError::Empty { .. }) && e.to_string().contains("corpus/raw/empty.txt"));
        let e = clean_issue(b"\0\0\x01binary", "corpus/raw/bin.txt").unwrap_err();
        assert!(matches!(e, CleanError::Binary { .. }) && e.to_string().contains("corpus/raw/bin.txt"));
        // Punctuation alone is text: kept whole, as an article of its own, nothing lost.
        let (issue, report) = clean_issue("。。。\n".as_bytes(), "corpus/raw/p.txt").unwrap();
        let paragraphs: Vec<&str> = issue.articles.iter().flat_map(|a| &a.paragraphs).map(String::as_str).collect();
        assert_eq!((paragraphs, issue.unplaced.len()), (vec!["。。。"], 0));
        assert!(report.lost.is_empty(), "{report:?}");
    }

    #[test]
    fn script_tags_are_kept_verbatim_as_text() {
        let raw = "劲旅讯 近日，某厂在公告栏贴出<script>alert(1)</script>字样，已清除。 （张 三）\n\n某厂\n\n清 除 不 良 标 语\n";
        let (issue, report) = clean_issue(raw.as_bytes(), "corpus/raw/x.txt").unwrap();
        let a = &issue.articles[0];
        assert!(a.paragraphs[0].contains("<script>alert(1)</script>"), "{:?}", a.paragraphs);
        assert_eq!(a.authors, vec!["张三"]);
        assert_eq!(a.title.as_deref(), Some("清除不良标语"));
        assert!(report.lost.is_empty(), "{:?}", report.lost);
    }

    #[test]
    fn same_input_same_output_in_every_encoding() {
        let raw = "劲旅讯 渊杨 红冤 1 月 4 日，中铝召开会议袁部署工作遥\n\n某事业部\n\n召 开 会 议\n";
        let (a, _) = clean_issue(raw.as_bytes(), "corpus/raw/a.txt").unwrap();
        let crlf = raw.replace('\n', "\r\n");
        let (gbk, _, _) = encoding_rs::GBK.encode(&crlf);
        let (b, _) = clean_issue(&gbk, "corpus/raw/a.txt").unwrap();
        assert_eq!(serde_json::to_string(&a).unwrap(), serde_json::to_string(&b).unwrap());
        assert_eq!(a.articles[0].paragraphs, vec!["劲旅讯 1月4日，中铝召开会议，部署工作。"]);
        assert_eq!(a.date.as_deref(), None);
    }
}
