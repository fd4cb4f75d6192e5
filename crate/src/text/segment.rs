//! Index-time segmentation: jieba-rs, full dictionary, HMM off, plus domain words. Natively the
//! dictionary is jieba's embedded one; the #/mine worker opens the same words from a compact file
//! ([`super::Dictionary`]).
//!
//! Takes normalised lines; returns tokens as char ranges. Guarantees: the same dictionary and
//! extra words give the same tokens (no HMM guesses), and tokens tile the line exactly.

use super::{normalize, Dictionary};
use jieba_rs::Jieba;

/// One token of a line: its text and char range `[start, end)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// A user-dictionary word and its frequency (None: let jieba pick one that keeps it whole).
pub type UserWord = (String, Option<usize>);

/// jieba-rs with the full dictionary and the corpus's own words.
pub struct Segmenter {
    jieba: Jieba,
}

/// Parses a jieba-style user dictionary: `word [freq] [tag]` per line (`word tag` also works),
/// `#` comments. Returns `(line number, message)` for a malformed line.
pub fn parse_userdict(text: &str) -> Result<Vec<UserWord>, (usize, String)> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut parts = line.split_whitespace();
        let word = parts.next().unwrap_or_default();
        let rest: Vec<&str> = parts.collect();
        let freq = match rest.as_slice() {
            [] => None,
            [f] => f.parse::<usize>().ok(),
            [f, _tag] => match f.parse::<usize>() {
                Ok(f) => Some(f),
                Err(_) => {
                    return Err((
                        i + 1,
                        format!("frequency {f:?} of {word:?} is not a number"),
                    ))
                }
            },
            _ => return Err((i + 1, format!("expected `word [freq] [tag]`, got {line:?}"))),
        };
        out.push((normalize(word), freq));
    }
    Ok(out)
}

/// Quoted slogans in a text ([`crate::corpus::quoted_slogans`]), normalised for indexing.
pub fn quoted_slogans(text: &str) -> Vec<String> {
    crate::corpus::quoted_slogans(text).into_iter().map(normalize).collect()
}

impl Segmenter {
    /// Loads jieba's full dictionary, then `userdict` words (with their frequency when given),
    /// then `extra` words (names, slogans) with a frequency that makes jieba keep them whole.
    #[cfg(feature = "native")]
    pub fn new<'a>(userdict: &[UserWord], extra: impl IntoIterator<Item = &'a str>) -> Segmenter {
        Segmenter::with_dictionary(&Dictionary::jieba_default(), userdict, extra)
    }

    /// As [`Segmenter::new`] over a given base dictionary (the #/mine worker's compact dictionary).
    pub fn with_dictionary<'a>(
        base: &Dictionary,
        userdict: &[UserWord],
        extra: impl IntoIterator<Item = &'a str>,
    ) -> Segmenter {
        let mut jieba: Jieba = base.jieba.clone();
        for (w, f) in userdict {
            if !w.is_empty() && !w.contains(char::is_whitespace) {
                jieba.add_word(w, *f, None);
            }
        }
        let mut extras: Vec<String> = extra
            .into_iter()
            .map(normalize)
            .filter(|w| w.chars().count() >= 2 && w.chars().all(|c| c.is_alphanumeric()))
            .collect();
        extras.sort();
        extras.dedup();
        for w in &extras {
            if !jieba.has_word(w) {
                jieba.add_word(w, None, None);
            }
        }
        Segmenter { jieba }
    }

    /// Segments one normalised line (HMM off).
    pub fn tokens(&self, line: &str) -> Vec<Token> {
        self.jieba
            .cut(line, false)
            .into_iter()
            .map(|t| Token {
                text: t.word.to_string(),
                start: t.start,
                end: t.end,
            })
            .collect()
    }
}

#[cfg(all(test, feature = "native"))]
mod tests {
    use super::*;

    #[test]
    fn userdict_and_slogans_stay_whole() {
        let dict = parse_userdict("# units\n拟薄水铝石 5000 n\n热电分厂\n").unwrap();
        let seg = Segmenter::new(&dict, ["三敬畏反三违"]);
        let toks: Vec<String> = seg
            .tokens("开展三敬畏反三违活动，拟薄水铝石产量")
            .into_iter()
            .map(|t| t.text)
            .collect();
        assert!(toks.contains(&"三敬畏反三违".to_string()), "{toks:?}");
        assert!(toks.contains(&"拟薄水铝石".to_string()), "{toks:?}");
        let line = "热电分厂 ARL3460";
        let toks = seg.tokens(&normalize(line));
        assert_eq!(toks.last().map(|t| t.end), Some(line.chars().count()));
    }

    #[test]
    fn quoted_slogans_are_found_and_bounded() {
        let s = "开展“三敬畏反三违”活动，“两带两创”，“以销定产，产销共赢”，“一”";
        assert_eq!(quoted_slogans(s), ["三敬畏反三违", "两带两创"]);
        assert!(parse_userdict("词 abc n").is_err());
        assert_eq!(
            parse_userdict("词 n").unwrap(),
            vec![("词".to_string(), None)]
        );
    }
}
