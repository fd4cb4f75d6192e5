//! The reader's texts → one index: the engine's cleaner and index build, nothing else; and
//! whether an index kept from an earlier visit may stand in for building again.
//!
//! Takes `(name, bytes)` pairs as they were kept; returns the index over every text that
//! cleans, what each holds, and why any other was refused. Pure and synchronous, so it is
//! tested natively on the seed (in GBK and UTF-16 too) and on a PNG.
//!
//! # The kept index
//! Building takes seconds per megabyte, so the worker keeps what it built ([`Kept`]) beside
//! the texts, under a [`fingerprint`] of everything the build read: each text's name and
//! content hash, the index format version, the dictionary's checksum, and the userdict,
//! stopwords and themes compiled into the worker. On load it is used only when the fingerprint
//! is the one of the texts now kept and every piece opens and passes its checksum
//! ([`reusable`]); anything else — another text, a newer engine or dictionary, a damaged
//! record — means building again, so a stale index is never shown.

use yuliao::clean::clean_issue;
use yuliao::index::{build_with, BuildConfig, BuiltIndex, Index, FORMAT_VERSION};
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
    /// Each text that did not clean (or, when the index could not be built, every text).
    pub refused: Vec<Refusal>,
}

/// A text that is not kept, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub name: String,
    /// [`yuliao::clean::CleanError::code`], or `index` when the index could not be built: the
    /// page words it in the reader's language.
    pub code: &'static str,
    /// The cleaner's message, with the particulars (in English).
    pub reason: String,
}

impl Refusal {
    fn of(name: &str, e: &yuliao::clean::CleanError) -> Refusal {
        Refusal { name: name.to_string(), code: e.code(), reason: e.reason() }
    }
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

/// An index as the worker keeps it in IndexedDB: built from the texts [`fingerprint`] names.
#[derive(Debug)]
pub struct Kept {
    pub fingerprint: String,
    pub index: BuiltIndex,
    pub texts: Vec<TextInfo>,
}

/// CRC-64 (XZ) of `bytes`: a text's content hash in the fingerprint.
fn crc64(bytes: &[u8]) -> u64 {
    const XZ: crc::Crc<u64, crc::Table<1>> = crc::Crc::<u64, crc::Table<1>>::new(&crc::CRC_64_XZ);
    XZ.checksum(bytes)
}

/// What an index built from `texts` (in this order) with the dictionary whose checksum is
/// `dictionary` depends on, as one string: equal strings, equal indexes.
pub fn fingerprint(texts: &[(String, Vec<u8>)], dictionary: u32) -> String {
    let c = config();
    let settings = crc64(format!("{}\0{}\0{}", c.userdict, c.stopwords, c.themes_toml).as_bytes());
    let mut out = format!("index {FORMAT_VERSION} dictionary {dictionary:08x} settings {settings:016x}");
    for (name, bytes) in texts {
        out.push_str(&format!("\n{} {:016x} {name}", bytes.len(), crc64(bytes)));
    }
    out
}

/// `kept` when it was built under `fingerprint` and every piece opens (checksums included);
/// `None` means: build again.
pub fn reusable(kept: Option<Kept>, fingerprint: &str) -> Option<Kept> {
    let kept = kept?;
    (kept.fingerprint == fingerprint && Index::open(&kept.index.manifest, &kept.index.pieces).is_ok()).then_some(kept)
}

/// Whether `bytes` would be kept: `Err` carries the cleaner's reason (binary, undecodable,
/// empty, no article; `CleanError::reason`, without the CLI's advice about corpus/raw).
pub fn check(name: &str, bytes: &[u8]) -> Result<(), Refusal> {
    clean_issue(bytes, name).map(drop).map_err(|e| Refusal::of(name, &e))
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
            Err(e) => refused.push(Refusal::of(name, &e)),
        }
    }
    let index = if issues.is_empty() {
        None
    } else {
        match build_with(&issues, &config(), dictionary, progress) {
            Ok(ix) => Some(ix),
            Err(e) => {
                refused.extend(infos.drain(..).map(|t| Refusal { name: t.name, code: "index", reason: format!("the index could not be built: {e}") }));
                None
            }
        }
    };
    Built { index, texts: infos, refused }
}

#[cfg(test)]
mod tests {
    use super::*;
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
        assert!(built.refused[0].reason.starts_with("binary file ("), "{:?}", built.refused[0]);
        assert_eq!((built.refused[0].name.as_str(), built.refused[0].code), ("c.png", "binary"));
        assert_eq!(built.texts.len(), 2);
        assert_eq!(built.texts[0].articles, built.texts[1].articles);
        assert!(built.texts[0].articles > 10 && built.texts[0].chars > 10_000, "{:?}", built.texts);
        assert_eq!(calls, built.texts[0].articles * 2);
        let ix = built.index.unwrap();
        let index = Index::open(&ix.manifest, &ix.pieces).unwrap();
        let hits = search(&index, "两带两创", &SearchOptions::default()).unwrap();
        assert!(hits.total >= 2 && hits.total % 2 == 0, "{}", hits.total);
        assert_eq!(check("d.png", &png).unwrap_err().code, "binary");
        let empty = check("e.txt", "".as_bytes()).unwrap_err();
        assert!(empty.code == "empty" && empty.reason.contains("empty"), "{empty:?}");
    }

    #[test]
    fn a_kept_index_is_reused_only_for_the_same_texts_and_dictionary_and_when_it_opens() {
        let texts = vec![("a.txt".to_string(), seed().into_bytes())];
        let built = build(&texts, &Dictionary::jieba_default(), &mut |_, _| {});
        let print = fingerprint(&texts, 7);
        let kept = |index: BuiltIndex| Some(Kept { fingerprint: print.clone(), index, texts: built.texts.clone() });
        let index = built.index.unwrap();
        let reused = reusable(kept(BuiltIndex { manifest: index.manifest.clone(), pieces: index.pieces.clone() }), &print);
        assert_eq!(reused.map(|k| k.texts), Some(built.texts.clone()));

        // Anything the build read changes the fingerprint: a text's bytes, its name, another
        // text, the dictionary.
        let mut edited = texts.clone();
        edited[0].1.push(b'x');
        let renamed = vec![("b.txt".to_string(), texts[0].1.clone())];
        let more = vec![texts[0].clone(), ("c.txt".to_string(), b"c".to_vec())];
        for other in [fingerprint(&edited, 7), fingerprint(&renamed, 7), fingerprint(&more, 7), fingerprint(&texts, 8)] {
            assert_ne!(other, print);
            let stale = reusable(kept(BuiltIndex { manifest: index.manifest.clone(), pieces: index.pieces.clone() }), &other);
            assert!(stale.is_none(), "a stale index was reused for {other}");
        }
        assert_eq!(fingerprint(&texts, 7), print, "the same texts, the same fingerprint");

        // A damaged piece, a piece missing, a damaged manifest: build again.
        let mut damaged = index.pieces.clone();
        let last = damaged[0].1.len() - 1;
        damaged[0].1[last] ^= 0x55;
        let mut missing = index.pieces.clone();
        missing.pop();
        let mut manifest = index.manifest.clone();
        manifest[30] ^= 0x55;
        for (manifest, pieces) in [(index.manifest.clone(), damaged), (index.manifest.clone(), missing), (manifest, index.pieces.clone())] {
            assert!(reusable(kept(BuiltIndex { manifest, pieces }), &print).is_none());
        }
        assert!(reusable(None, &print).is_none());
    }
}
