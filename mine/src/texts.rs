//! The reader's texts → one index: the engine's cleaner and index build, nothing else.
//!
//! Takes `(name, bytes)` pairs as they were kept; returns the index over every text that
//! cleans, what each holds, and why any other was refused. Pure and synchronous, so it is
//! tested natively on the seed (in GBK and UTF-16 too) and on a PNG.

use yuliao::clean::clean_issue;
use yuliao::index::{build_with, BuildConfig, BuiltIndex};
use yuliao::text::Dictionary;

/// A kept text as the page lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextInfo {
    pub name: String,
    pub articles: usize,
    /// Characters of the articles' paragraphs.
    pub chars: usize,
}

/// What [`build`] returns.
#[derive(Debug)]
pub struct Built {
    /// `None` when no text cleaned.
    pub index: Option<BuiltIndex>,
    pub texts: Vec<TextInfo>,
    /// `(name, the cleaner's message)` for each text that did not clean.
    pub refused: Vec<(String, String)>,
}

/// The corpus's userdict, stopwords and themes, as the shipped index is built with: the same
/// words stay whole and the same words are left out of frequency lists in your texts.
pub fn config() -> BuildConfig {
    BuildConfig {
        userdict: include_str!("../../corpus/userdict.txt").into(),
        stopwords: include_str!("../../corpus/stopwords.txt").into(),
        themes_toml: include_str!("../../corpus/themes.toml").into(),
    }
}

/// Whether `bytes` would be kept: `Err` carries the cleaner's reason (binary, undecodable,
/// empty, no article; `CleanError::reason`, without the CLI's advice about corpus/raw).
pub fn check(name: &str, bytes: &[u8]) -> Result<(), String> {
    clean_issue(bytes, name).map(drop).map_err(|e| e.reason())
}

/// Cleans every text and builds one index over those that clean, in the given order.
pub fn build(texts: &[(String, Vec<u8>)], dictionary: &Dictionary, progress: &mut dyn FnMut(usize, usize)) -> Built {
    let mut issues = Vec::new();
    let mut infos = Vec::new();
    let mut refused = Vec::new();
    for (name, bytes) in texts {
        match clean_issue(bytes, name) {
            Ok((issue, _)) => {
                infos.push(TextInfo {
                    name: name.clone(),
                    articles: issue.articles.len(),
                    chars: issue.articles.iter().flat_map(|a| &a.paragraphs).map(|p| p.chars().count()).sum(),
                });
                issues.push(issue);
            }
            Err(e) => refused.push((name.clone(), e.reason())),
        }
    }
    let index = if issues.is_empty() {
        None
    } else {
        match build_with(&issues, &config(), dictionary, progress) {
            Ok(ix) => Some(ix),
            Err(e) => {
                refused.extend(infos.drain(..).map(|t| (t.name, format!("the index could not be built: {e}"))));
                None
            }
        }
    };
    Built { index, texts: infos, refused }
}

#[cfg(test)]
mod tests {
    use super::*;
    use yuliao::index::Index;
    use yuliao::query::{search, SearchOptions};

    fn seed() -> String {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../corpus/raw");
        let path = std::fs::read_dir(dir).unwrap().flatten().map(|e| e.path()).find(|p| p.extension().is_some_and(|x| x == "txt")).unwrap();
        std::fs::read_to_string(path).unwrap()
    }

    #[test]
    fn the_seed_in_gbk_and_utf16_is_indexed_and_found_and_a_png_is_refused() {
        let text = seed();
        let (gbk, _, lossy) = encoding_rs::GBK.encode(&text);
        assert!(!lossy, "the seed is all in GBK");
        let gbk = gbk.into_owned();
        let mut utf16 = vec![0xFF, 0xFE];
        for u in text.encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        let png = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, b'I', b'H', b'D', b'R', 0, 0, 0, 1];
        let texts = vec![
            ("a.txt".to_string(), gbk),
            ("b.txt".to_string(), utf16),
            ("c.png".to_string(), png.to_vec()),
        ];
        let mut calls = 0;
        let built = build(&texts, &Dictionary::jieba_default(), &mut |_, _| calls += 1);
        assert_eq!(built.refused.len(), 1, "{:?}", built.refused);
        assert!(built.refused[0].1.starts_with("binary file ("), "{}", built.refused[0].1);
        assert_eq!(built.texts.len(), 2);
        assert_eq!(built.texts[0].articles, built.texts[1].articles);
        assert!(built.texts[0].articles > 10 && built.texts[0].chars > 10_000, "{:?}", built.texts);
        assert_eq!(calls, built.texts[0].articles * 2);
        let ix = built.index.unwrap();
        let index = Index::open(&ix.manifest, &ix.pieces).unwrap();
        let hits = search(&index, "两带两创", &SearchOptions::default()).unwrap();
        assert!(hits.total >= 2 && hits.total % 2 == 0, "{}", hits.total);
        assert!(check("d.png", &png).is_err() && check("e.txt", "".as_bytes()).unwrap_err().contains("empty"));
    }
}
