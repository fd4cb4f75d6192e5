//! The cleaned corpus: the serde model of `corpus/clean/<raw-file-stem>.json`.
//!
//! This is the contract between the cleaner and everything after it (index, query, the web
//! app, and other tools that read the JSON). Field names and meanings follow
//! `design.md` → "Contracts other tools rely on"; adding a field is allowed, renaming is not.
//! Natively, [`read_clean_dir`] is the one reader of a `corpus/clean` folder and
//! [`repo_root_from`] finds the repository that holds `corpus/`.

use serde::{Deserialize, Serialize};

/// One cleaned issue of the paper: every article of it, plus what could not be placed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Issue {
    /// Path of the raw file, relative to the repository root (`corpus/raw/<file>`).
    pub source: String,
    /// Name of the paper, e.g. 劲旅.
    pub publication: String,
    /// `YYYY-MM` of the issue when the text gives it.
    pub date: Option<String>,
    /// Articles in reading order.
    pub articles: Vec<Article>,
    /// Raw text that could not be attached to an article. Nothing is dropped silently.
    pub unplaced: Vec<String>,
    /// Page editors named in the issue (`责编／苗 滨` → 苗滨), in reading order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub editors: Vec<String>,
}

/// The kind of an article, as a reader of the paper would file it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    News,
    Photo,
    Feature,
    Literature,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::News, Kind::Photo, Kind::Feature, Kind::Literature];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::News => "news",
            Kind::Photo => "photo",
            Kind::Feature => "feature",
            Kind::Literature => "literature",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// One article as printed: metadata plus paragraphs (a poem keeps one paragraph per line).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// Stable, unique across the corpus: `<raw-file-stem>-<hash of its opening>` ([`article_id`]).
    pub id: String,
    /// `None` when the text has no title (lost in the extraction).
    pub title: Option<String>,
    pub subtitle: Option<String>,
    pub authors: Vec<String>,
    pub photographers: Vec<String>,
    pub units: Vec<String>,
    pub kind: Kind,
    /// Column label (栏目) such as 两带两创, when the article stands under one.
    pub column: Option<String>,
    pub paragraphs: Vec<String>,
}

/// The fields of an article that search looks in, named as in the cleaned corpus JSON, in the
/// order of its search text ([`crate::index::search_text`]): one list, which the index, the
/// tests (`Article::searched_texts`) and the browser tests (through `cargo xtask test`, as
/// `YULIAO_E2E_SEARCHED_FIELDS`) all read.
pub const SEARCHED_FIELDS: [&str; 7] = ["title", "paragraphs", "subtitle", "column", "authors", "photographers", "units"];

impl Article {
    /// Every text of every [`SEARCHED_FIELDS`] field, in that order, with its field's name.
    pub fn searched_texts(&self) -> Vec<(&'static str, &str)> {
        let mut out = Vec::new();
        for field in SEARCHED_FIELDS {
            let texts: &[String] = match field {
                "title" => self.title.as_slice(),
                "paragraphs" => &self.paragraphs,
                "subtitle" => self.subtitle.as_slice(),
                "column" => self.column.as_slice(),
                "authors" => &self.authors,
                "photographers" => &self.photographers,
                _ => &self.units,
            };
            out.extend(texts.iter().map(|t| (field, t.as_str())));
        }
        out
    }
}

/// Slogans an issue prints in quotes (“两带两创”): the contents of each “…” of 2 to 10
/// characters made only of letters, digits and ideographs, as written. The cleaner uses them
/// to recognise slogan lines, the index builder to keep them whole as words.
pub fn quoted_slogans(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('“') {
        let after = &rest[open + '“'.len_utf8()..];
        let Some(close) = after.find('”') else { break };
        let inner = &after[..close];
        if (2..=10).contains(&inner.chars().count()) && inner.chars().all(char::is_alphanumeric) {
            out.push(inner);
        }
        rest = &after[close..];
    }
    out
}

/// Characters of an article's opening that its id hashes.
pub const ID_OPENING_CHARS: usize = 48;

/// A 64-bit FNV-1a hash: article ids and index piece names are derived from content with it.
pub fn content_hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

/// The id of an article of issue `stem`: `<stem>-<8 hex digits>`, a hash of the article's
/// normalised opening (its first [`ID_OPENING_CHARS`] letters and digits, paragraphs first,
/// the title when it has no paragraphs; full-width ASCII folded, case folded). Depending on the
/// article's own text and not on its position, the id survives a better cleaner or an
/// extraction that adds or cuts articles before it, so shared `#/article/<id>` links hold.
/// `taken` are the ids already given in this issue: a repeated opening gets `-2`, `-3`, ….
pub fn article_id(stem: &str, article: &Article, taken: &std::collections::BTreeSet<String>) -> String {
    let opening: String = article
        .paragraphs
        .iter()
        .flat_map(|p| p.chars())
        .chain(article.title.iter().flat_map(|t| t.chars()))
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .take(ID_OPENING_CHARS)
        .collect();
    let base = format!("{stem}-{:08x}", content_hash(opening.as_bytes()) >> 32);
    let mut id = base.clone();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

/// Why a cleaned corpus folder could not be read ([`read_clean_dir`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// The folder, an entry of it or one of its files could not be read.
    Io { path: String, message: String },
    /// A `.json` file of the folder is not a cleaned issue.
    NotAnIssue { path: String, message: String },
    /// The folder holds no `.json` file.
    NoIssues { dir: String },
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        const CLEAN: &str = "run `cargo run --release --bin yuliao -- clean` to write it";
        match self {
            ReadError::Io { path, message } => write!(f, "cannot read {path}: {message} ({CLEAN})"),
            ReadError::NotAnIssue { path, message } => {
                write!(f, "{path} is not a cleaned issue: {message} ({CLEAN} again)")
            }
            ReadError::NoIssues { dir } => write!(f, "no cleaned issues (*.json) in {dir}; {CLEAN}"),
        }
    }
}

impl std::error::Error for ReadError {}

/// Every issue of a cleaned corpus folder (`corpus/clean`): its `*.json` files in file-name
/// order, the order the index numbers documents in. The one reader of that folder for the CLI,
/// xtask and the tests. An entry that cannot be listed, a file that cannot be read or parsed,
/// and a folder without any issue are errors naming the path: nothing is skipped silently.
#[cfg(feature = "native")]
pub fn read_clean_dir(dir: &std::path::Path) -> Result<Vec<Issue>, ReadError> {
    let io = |path: &std::path::Path, e: std::io::Error| ReadError::Io { path: path.display().to_string(), message: e.to_string() };
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| io(dir, e))? {
        let path = entry.map_err(|e| io(dir, e))?.path();
        if path.extension().is_some_and(|x| x == "json") {
            files.push(path);
        }
    }
    files.sort();
    if files.is_empty() {
        return Err(ReadError::NoIssues { dir: dir.display().to_string() });
    }
    files
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).map_err(|e| io(path, e))?;
            serde_json::from_str(&text)
                .map_err(|e| ReadError::NotAnIssue { path: path.display().to_string(), message: e.to_string() })
        })
        .collect()
}

/// The repository root seen from `start`: the nearest ancestor of it (itself included) that
/// holds a `corpus/` folder and a `Cargo.toml`. The CLI starts from the working directory, the
/// tests and xtask from their package's folder.
#[cfg(feature = "native")]
pub fn repo_root_from(start: &std::path::Path) -> Option<std::path::PathBuf> {
    start
        .ancestors()
        .find(|d| d.join("corpus").is_dir() && d.join("Cargo.toml").is_file())
        .map(std::path::Path::to_path_buf)
}

#[cfg(all(test, feature = "native"))]
mod tests {

    #[test]
    fn the_searched_fields_are_the_json_keys_in_search_text_order() {
        let a = Article {
            id: "x-1".into(),
            title: Some("题".into()),
            subtitle: Some("副".into()),
            authors: vec!["甲".into(), "乙".into()],
            photographers: vec!["摄".into()],
            units: vec!["厂".into()],
            kind: Kind::News,
            column: Some("栏".into()),
            paragraphs: vec!["一".into(), "二".into()],
        };
        let json = serde_json::to_value(&a).unwrap();
        for f in SEARCHED_FIELDS {
            assert!(json.get(f).is_some(), "{f} is not a key of the cleaned JSON");
        }
        let texts: Vec<&str> = a.searched_texts().into_iter().map(|(_, t)| t).collect();
        assert_eq!(texts, ["题", "一", "二", "副", "栏", "甲", "乙", "摄", "厂"]);
        assert_eq!(crate::index::search_text(&a), ("题\n一\n二\n副\n栏\n甲\n乙\n摄\n厂".to_string(), 1, 5));
    }
    use super::*;

    fn scratch(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("yuliao-corpus-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    const ISSUE: &str = r#"{"source":"corpus/raw/b.txt","publication":"劲旅","date":null,"articles":[],"unplaced":["两带两创"]}"#;

    #[test]
    fn reads_json_files_in_name_order_and_names_what_it_cannot_read() {
        let dir = scratch("read");
        assert_eq!(read_clean_dir(&dir), Err(ReadError::NoIssues { dir: dir.display().to_string() }));
        std::fs::write(dir.join("b.json"), ISSUE).unwrap();
        std::fs::write(dir.join("a.json"), ISSUE.replace("b.txt", "a.txt")).unwrap();
        std::fs::write(dir.join("notes.txt"), "not an issue").unwrap();
        let issues = read_clean_dir(&dir).unwrap();
        let sources: Vec<&str> = issues.iter().map(|i| i.source.as_str()).collect();
        assert_eq!(sources, ["corpus/raw/a.txt", "corpus/raw/b.txt"]);
        assert_eq!(issues[1].unplaced, ["两带两创"]);

        std::fs::write(dir.join("c.json"), "{\"source\": 1}").unwrap();
        let e = read_clean_dir(&dir).unwrap_err();
        assert!(matches!(&e, ReadError::NotAnIssue { path, .. } if path.ends_with("c.json")), "{e:?}");
        assert!(e.to_string().contains("yuliao -- clean"), "{e}");
        std::fs::remove_file(dir.join("c.json")).unwrap();
        std::fs::create_dir(dir.join("d.json")).unwrap();
        let e = read_clean_dir(&dir).unwrap_err();
        assert!(matches!(&e, ReadError::Io { path, .. } if path.ends_with("d.json")), "{e:?}");
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(matches!(read_clean_dir(&dir), Err(ReadError::Io { .. })));
    }

    #[test]
    fn repo_root_is_found_from_below_it() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        assert_eq!(repo_root_from(root).as_deref(), Some(root));
        assert_eq!(repo_root_from(&root.join("crate/src")).as_deref(), Some(root));
        assert!(root.join("corpus/clean").is_dir());
        assert_eq!(repo_root_from(std::path::Path::new("/")), None);
    }
}
