//! The segmenter's base dictionary (jieba's words and frequencies), and its compact form: an
//! `fst::Map` word → frequency, which the #/mine worker fetches instead of compiling jieba's
//! 5 MB text dictionary into its wasm.
//!
//! Takes jieba's `dict.txt` (`word freq [tag]` per line) to write the map ([`write_fst`], at
//! build time); takes the map's bytes to open it ([`Dictionary::from_fst`], in the worker).
//! Guarantees: a [`Dictionary`] opened from the map of jieba's own `dict.txt` segments exactly
//! as jieba's embedded dictionary does (index-time segmentation uses `cut` without HMM, which
//! reads only words and frequencies, so the tags are left out of the map). The native build
//! uses [`Dictionary::jieba_default`]; the xtask test builds the seed index both ways and
//! compares the bytes.

use jieba_rs::Jieba;
use std::fmt;

/// A jieba dictionary ready to segment with (see [`super::Segmenter::with_dictionary`]).
#[derive(Clone)]
pub struct Dictionary {
    pub(crate) jieba: Jieba,
}

impl fmt::Debug for Dictionary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Dictionary").finish_non_exhaustive()
    }
}

/// Why a dictionary could not be written or opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DictionaryError {
    /// A line of `dict.txt` is not `word freq [tag]`.
    BadLine { line: usize, detail: String },
    /// The bytes are not an fst map (truncated download, another file).
    NotAMap { detail: String },
}

impl fmt::Display for DictionaryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DictionaryError::BadLine { line, detail } => write!(f, "dictionary line {line}: {detail}"),
            DictionaryError::NotAMap { detail } => {
                write!(f, "the segmenter's dictionary is not an fst map ({detail}); reload the page to fetch it again")
            }
        }
    }
}

impl std::error::Error for DictionaryError {}

impl Dictionary {
    /// jieba-rs's embedded dictionary (native builds only: 2 MB compressed inside the binary).
    #[cfg(feature = "native")]
    pub fn jieba_default() -> Dictionary {
        Dictionary { jieba: Jieba::new() }
    }

    /// Opens a map written by [`write_fst`]: every word with its frequency, as jieba would
    /// load them from the text (the total, which the path scores divide by, is their sum).
    pub fn from_fst(bytes: &[u8]) -> Result<Dictionary, DictionaryError> {
        use fst::Streamer;
        let map = fst::Map::new(bytes).map_err(|e| DictionaryError::NotAMap { detail: e.to_string() })?;
        // jieba's loader reads text lines; the map streams in sorted order, so the lines are
        // rebuilt in one buffer (a few MB for a moment) rather than word by word with
        // add_word, whose running total is the same sum but rounds a logarithm per word.
        let mut text = String::with_capacity(map.len() * 12);
        let mut stream = map.stream();
        while let Some((word, freq)) = stream.next() {
            let word = std::str::from_utf8(word).map_err(|e| DictionaryError::NotAMap { detail: e.to_string() })?;
            text.push_str(word);
            text.push(' ');
            text.push_str(&freq.to_string());
            text.push('\n');
        }
        let jieba = Jieba::with_dict(&mut text.as_bytes())
            .map_err(|e| DictionaryError::NotAMap { detail: e.to_string() })?;
        Ok(Dictionary { jieba })
    }

    /// Whether `word` is in the dictionary.
    pub fn has_word(&self, word: &str) -> bool {
        self.jieba.has_word(word)
    }
}

/// Writes jieba's `dict.txt` as an fst map word → frequency. A word listed twice keeps its
/// last frequency (as jieba's loader does); tags are dropped (see the module doc).
pub fn write_fst(dict_txt: &str) -> Result<Vec<u8>, DictionaryError> {
    let mut words: std::collections::BTreeMap<&str, u64> = std::collections::BTreeMap::new();
    for (i, line) in dict_txt.lines().enumerate() {
        let mut parts = line.split_whitespace();
        let Some(word) = parts.next() else { continue };
        let freq = match parts.next() {
            None => 0,
            Some(f) => f.parse::<u64>().map_err(|e| DictionaryError::BadLine {
                line: i + 1,
                detail: format!("frequency {f:?} of {word:?} is not a number ({e})"),
            })?,
        };
        words.insert(word, freq);
    }
    let mut b = fst::MapBuilder::memory();
    for (w, f) in words {
        // Keys come sorted and distinct from the BTreeMap, so insert cannot fail.
        b.insert(w, f).map_err(|e| DictionaryError::NotAMap { detail: e.to_string() })?;
    }
    b.into_inner().map_err(|e| DictionaryError::NotAMap { detail: e.to_string() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_dictionary_round_trips_and_segments_by_frequency() {
        let dict = "中国 100 ns\n人民 80 n\n中国人 5 n\n民 3 n\n人 50 n\n";
        let bytes = write_fst(dict).unwrap();
        let d = Dictionary::from_fst(&bytes).unwrap();
        assert!(d.has_word("中国人") && !d.has_word("国"));
        let from_text = Jieba::with_dict(&mut dict.as_bytes()).unwrap();
        let line = "中国人民";
        let words = |j: &Jieba| j.cut(line, false).into_iter().map(|t| t.word.to_string()).collect::<Vec<_>>();
        assert_eq!(words(&d.jieba), words(&from_text));
        assert!(matches!(write_fst("词 x n\n"), Err(DictionaryError::BadLine { line: 1, .. })));
        assert!(matches!(Dictionary::from_fst(b"not a map"), Err(DictionaryError::NotAMap { .. })));
    }
}
