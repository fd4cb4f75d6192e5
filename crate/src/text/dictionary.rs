//! The segmenter's base dictionary (jieba's words and frequencies), and its compact form, the
//! file the #/mine worker fetches instead of compiling jieba's 5 MB text dictionary into its
//! wasm.
//!
//! Takes jieba's `dict.txt` (`word freq [tag]` per line) to write the compact form ([`write`],
//! at build time); takes its bytes to open it ([`Dictionary::open`], in the worker).
//! Guarantees: a [`Dictionary`] opened from the compact form of jieba's own `dict.txt` segments
//! exactly as jieba's embedded dictionary does (index-time segmentation uses `cut` without HMM,
//! which reads only words and frequencies, so the tags are left out). The native build uses
//! [`Dictionary::jieba_default`]; the xtask test builds the seed index both ways and compares
//! the bytes. Truncated, corrupted or newer bytes give an error that says which, never a panic.
//!
//! # Format (little-endian)
//! ```text
//! file   := MAGIC version:u8 0:u8 0:u8 0:u8 words:u32 list_len:u32 freqs_len:u32
//!           list freqs crc32:u32
//! MAGIC  := "YLJD"
//! list   := entry*  (list_len bytes of UTF-8, the words sorted by their bytes, distinct)
//! entry  := char(0x20 + shared) suffix "\n"   (shared: bytes in common with the word before,
//!           at most 0xDF; suffix: the rest of the word, never empty)
//! freqs  := one LEB128 varint per word, in the list's order (freqs_len bytes)
//! crc32  := CRC-32 (IEEE) of every byte before it
//! ```
//! Why this shape: an `fst::Map` word → frequency (the first form) puts each frequency on the
//! arcs of its word, where frequencies split what would otherwise be shared suffixes, and its
//! bytes compress poorly: 2.25 MB gzipped, more than `dict.txt` itself (1.91 MB). An `fst::Set`
//! of the words alone does little better (3.0 MB raw, 2.09 MB gzip -9): its transitions are
//! binary that gzip and brotli cannot model. Sorted and front-coded text is what they squeeze
//! best, and the frequencies — small numbers most of them (159,317 of the 349,045 are 3) — sit
//! together in a column of their own: 2.57 MB raw, 1.31 MB gzip -9, 1.09 MB brotli (`dict.txt`:
//! 5.07, 1.90, 1.55). The words are only ever streamed into jieba (which builds its own trie),
//! never looked up here, so nothing needs an fst's random access.

use jieba_rs::Jieba;
use std::fmt;

const MAGIC: &[u8; 4] = b"YLJD";
/// The format's version: bumped with any change to the layout above.
pub const DICTIONARY_VERSION: u8 = 1;
const HEADER: usize = 20;
/// A word's shared-prefix length is written as the char U+0020 + length (at most 0xDF bytes).
const SHARED_BASE: usize = 0x20;
const MAX_SHARED: usize = 0xFF - SHARED_BASE;

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
    /// The bytes do not start with the dictionary's magic (another file, an HTML error page).
    NotADictionary,
    /// Written by a newer (or older) build than this reader knows.
    Version { expected: u8, got: u8 },
    /// Fewer or more bytes than the header announces (a cut-off download).
    Truncated { expected: usize, got: usize },
    /// The checksum does not match: the bytes changed after they were written.
    Checksum { expected: u32, got: u32 },
    /// The checksum matches but the parts do not fit together (a writer's bug).
    Corrupt { detail: String },
}

impl fmt::Display for DictionaryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const FIX: &str = "reload the page to fetch it again";
        match self {
            DictionaryError::BadLine { line, detail } => write!(f, "dictionary line {line}: {detail}"),
            DictionaryError::NotADictionary => write!(f, "the segmenter's dictionary is not a Yuliao dictionary file (wrong magic); {FIX}"),
            DictionaryError::Version { expected, got } => {
                write!(f, "the segmenter's dictionary has format version {got}, this build reads {expected}; {FIX}")
            }
            DictionaryError::Truncated { expected, got } => {
                write!(f, "the segmenter's dictionary is {got} bytes, its header says {expected} (cut off?); {FIX}")
            }
            DictionaryError::Checksum { expected, got } => {
                write!(f, "the segmenter's dictionary is corrupt (checksum {got:08x}, expected {expected:08x}); {FIX}")
            }
            DictionaryError::Corrupt { detail } => write!(f, "the segmenter's dictionary is corrupt ({detail}); {FIX}"),
        }
    }
}

impl std::error::Error for DictionaryError {}

/// CRC-32 (IEEE) with one 1 KB table, as the index's pieces are checked.
fn crc32(data: &[u8]) -> u32 {
    const IEEE: crc::Crc<u32, crc::Table<1>> = crc::Crc::<u32, crc::Table<1>>::new(&crc::CRC_32_ISO_HDLC);
    IEEE.checksum(data)
}

fn u32_at(bytes: &[u8], at: usize) -> usize {
    u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]) as usize
}

impl Dictionary {
    /// jieba-rs's embedded dictionary (native builds only: 2 MB compressed inside the binary).
    #[cfg(feature = "native")]
    pub fn jieba_default() -> Dictionary {
        Dictionary { jieba: Jieba::new() }
    }

    /// Opens bytes written by [`write`]: checks magic, version, length and checksum, then gives
    /// jieba every word with its frequency (the total, which the path scores divide by, is
    /// their sum, as when jieba reads its text file).
    pub fn open(bytes: &[u8]) -> Result<Dictionary, DictionaryError> {
        let want = checksum(bytes)?;
        let body = &bytes[..bytes.len() - 4];
        let got = crc32(body);
        if want != got {
            return Err(DictionaryError::Checksum { expected: want, got });
        }
        let (words, list_len) = (u32_at(bytes, 8), u32_at(bytes, 12));
        let corrupt = |detail: String| DictionaryError::Corrupt { detail };
        let list = std::str::from_utf8(&body[HEADER..HEADER + list_len]).map_err(|e| corrupt(e.to_string()))?;
        let mut freqs = &body[HEADER + list_len..];
        // Fed word by word: add_word keeps the same running sum jieba's text loader totals at
        // the end (an integer, so the logarithm of the last one is the same number), and skips
        // writing and parsing 5 MB of text lines.
        let mut jieba = Jieba::empty();
        let mut word = String::new();
        let mut count = 0;
        for entry in list.split_terminator('\n') {
            let (shared, suffix) = entry.split_at(entry.chars().next().map_or(0, char::len_utf8));
            let shared = shared.chars().next().map_or(0, |c| c as usize).wrapping_sub(SHARED_BASE);
            if shared > word.len() || !word.is_char_boundary(shared) || suffix.is_empty() {
                return Err(corrupt(format!("word {count} shares {shared} bytes with {word:?}")));
            }
            word.truncate(shared);
            word.push_str(suffix);
            let freq = leb128(&mut freqs).ok_or_else(|| corrupt("the frequency column ends early".into()))?;
            jieba.add_word(&word, Some(freq as usize), None);
            count += 1;
        }
        if count != words || !freqs.is_empty() {
            return Err(corrupt(format!("{count} words in the list, {words} in the header, {} bytes of frequencies left over", freqs.len())));
        }
        Ok(Dictionary { jieba })
    }

    /// Whether `word` is in the dictionary.
    pub fn has_word(&self, word: &str) -> bool {
        self.jieba.has_word(word)
    }
}

/// The checksum a dictionary file carries, after the cheap checks (magic, version, length) but
/// without computing it: what names this dictionary (the #/mine worker keys its kept index by
/// it) without opening it. [`Dictionary::open`] checks it.
pub fn checksum(bytes: &[u8]) -> Result<u32, DictionaryError> {
    if bytes.len() < 4 || &bytes[..4] != MAGIC {
        return Err(DictionaryError::NotADictionary);
    }
    if bytes.len() < HEADER + 4 {
        return Err(DictionaryError::Truncated { expected: HEADER + 4, got: bytes.len() });
    }
    if bytes[4] != DICTIONARY_VERSION {
        return Err(DictionaryError::Version { expected: DICTIONARY_VERSION, got: bytes[4] });
    }
    let expected = HEADER + u32_at(bytes, 12) + u32_at(bytes, 16) + 4;
    if bytes.len() != expected {
        return Err(DictionaryError::Truncated { expected, got: bytes.len() });
    }
    Ok(u32_at(bytes, expected - 4) as u32)
}

/// Reads one LEB128 varint off the front of `bytes`.
fn leb128(bytes: &mut &[u8]) -> Option<u64> {
    let mut value = 0u64;
    for (i, &b) in bytes.iter().enumerate().take(10) {
        value |= u64::from(b & 0x7F) << (7 * i);
        if b & 0x80 == 0 {
            *bytes = &bytes[i + 1..];
            return Some(value);
        }
    }
    None
}

/// Writes jieba's `dict.txt` in the compact form (see the module doc). A word listed twice
/// keeps its last frequency (as jieba's loader does); tags are dropped.
pub fn write(dict_txt: &str) -> Result<Vec<u8>, DictionaryError> {
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
    // Front-coded: each word as the number of bytes it shares with the one before (one char,
    // U+0020 + that number, so the list stays text without line breaks in it) and the rest of
    // it, one per line.
    let mut list = String::with_capacity(words.len() * 6);
    let mut last = "";
    for &w in words.keys() {
        let mut shared = 0;
        for (a, b) in w.chars().zip(last.chars()) {
            if a != b || shared + a.len_utf8() > MAX_SHARED {
                break;
            }
            shared += a.len_utf8();
        }
        list.push(char::from((shared + SHARED_BASE) as u8));
        list.push_str(&w[shared..]);
        list.push('\n');
        last = w;
    }
    let mut freqs = Vec::with_capacity(words.len() * 2);
    for mut f in words.values().copied() {
        while f >= 0x80 {
            freqs.push((f as u8) | 0x80);
            f >>= 7;
        }
        freqs.push(f as u8);
    }
    let mut out = Vec::with_capacity(HEADER + list.len() + freqs.len() + 4);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&[DICTIONARY_VERSION, 0, 0, 0]);
    for n in [words.len(), list.len(), freqs.len()] {
        out.extend_from_slice(&(n as u32).to_le_bytes());
    }
    out.extend_from_slice(list.as_bytes());
    out.extend_from_slice(&freqs);
    let crc = crc32(&out);
    out.extend_from_slice(&crc.to_le_bytes());
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DICT: &str = "中国 100 ns\n人民 80 n\n中国人 5 n\n民 3 n\n人 50 n\n长城 300 ns\n";

    #[test]
    fn a_small_dictionary_round_trips_and_segments_by_frequency() {
        let bytes = write(DICT).unwrap();
        let d = Dictionary::open(&bytes).unwrap();
        assert_eq!(checksum(&bytes), Ok(crc32(&bytes[..bytes.len() - 4])));
        assert_ne!(checksum(&write("中国 101 ns\n").unwrap()), checksum(&write("中国 100 ns\n").unwrap()));
        assert!(d.has_word("中国人") && d.has_word("长城") && !d.has_word("国"));
        let from_text = Jieba::with_dict(&mut DICT.as_bytes()).unwrap();
        let words = |j: &Jieba, line: &str| j.cut(line, false).into_iter().map(|t| t.word.to_string()).collect::<Vec<_>>();
        for line in ["中国人民", "长城中国人", "人民中国"] {
            assert_eq!(words(&d.jieba, line), words(&from_text, line), "{line}");
        }
        assert_eq!(format!("{:?}", d.jieba), format!("{from_text:?}"), "same word count and frequency total");
        assert!(matches!(write("词 x n\n"), Err(DictionaryError::BadLine { line: 1, .. })));
    }

    #[test]
    fn frequencies_of_every_size_round_trip() {
        let big = "甲 0\n乙 127\n丙 128\n丁 16384\n戊 4294967295\n";
        let d = Dictionary::open(&write(big).unwrap()).unwrap();
        assert_eq!(format!("{:?}", d.jieba), format!("{:?}", Jieba::with_dict(&mut big.as_bytes()).unwrap()));
    }

    #[test]
    fn another_file_is_not_a_dictionary() {
        assert_eq!(Dictionary::open(b"<!doctype html>").unwrap_err(), DictionaryError::NotADictionary);
        assert_eq!(Dictionary::open(b"").unwrap_err(), DictionaryError::NotADictionary);
    }

    #[test]
    fn a_truncated_dictionary_says_so() {
        let bytes = write(DICT).unwrap();
        let cut = &bytes[..bytes.len() - 7];
        assert_eq!(Dictionary::open(cut).unwrap_err(), DictionaryError::Truncated { expected: bytes.len(), got: cut.len() });
        let err = Dictionary::open(&bytes[..10]).unwrap_err();
        assert!(matches!(err, DictionaryError::Truncated { got: 10, .. }), "{err:?}");
        assert!(err.to_string().contains("reload the page"), "{err}");
    }

    #[test]
    fn a_corrupted_byte_fails_the_checksum() {
        let bytes = write(DICT).unwrap();
        for at in [HEADER + 1, bytes.len() - 6, bytes.len() - 1] {
            let mut bad = bytes.clone();
            bad[at] ^= 0x40;
            assert!(matches!(Dictionary::open(&bad), Err(DictionaryError::Checksum { .. })), "byte {at}");
        }
    }

    #[test]
    fn parts_that_do_not_fit_are_corrupt_even_under_a_good_checksum() {
        let reseal = |mut b: Vec<u8>| {
            let n = b.len() - 4;
            let crc = crc32(&b[..n]);
            b[n..].copy_from_slice(&crc.to_le_bytes());
            b
        };
        // The first word claims to share bytes with a word before it.
        let mut bad = write(DICT).unwrap();
        bad[HEADER] = b'0';
        assert!(matches!(Dictionary::open(&reseal(bad)), Err(DictionaryError::Corrupt { .. })));
        // The header counts one word more than the list holds.
        let mut bad = write(DICT).unwrap();
        bad[8] += 1;
        let err = Dictionary::open(&reseal(bad)).unwrap_err();
        assert!(matches!(err, DictionaryError::Corrupt { .. }) && err.to_string().contains("7 in the header"), "{err}");
    }

    #[test]
    fn a_newer_version_is_refused() {
        let mut bytes = write(DICT).unwrap();
        bytes[4] = DICTIONARY_VERSION + 1;
        assert_eq!(
            Dictionary::open(&bytes).unwrap_err(),
            DictionaryError::Version { expected: DICTIONARY_VERSION, got: DICTIONARY_VERSION + 1 }
        );
    }
}
