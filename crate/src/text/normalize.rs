//! Char-for-char normalisation and character classes.
//!
//! Takes chars or strings; returns the normalised form. Guarantees one char out per char in.

/// Normalises one char: full-width ASCII (U+FF01..U+FF5E) to ASCII, ideographic space to a
/// space, micro sign (U+00B5) to Greek μ, then lowercase when the lowercase is a single char.
pub fn normalize_char(c: char) -> char {
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFF01 + 0x21).unwrap_or(c),
        '\u{3000}' => ' ',
        '\u{00B5}' => '\u{03BC}',
        _ => c,
    };
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    super::lowercase::lowercase(c).unwrap_or(c)
}

/// Normalises a string char by char (see [`normalize_char`]).
pub fn normalize(s: &str) -> String {
    s.chars().map(normalize_char).collect()
}

/// Punctuation and typographic symbols: ASCII punctuation, Latin-1 and general punctuation,
/// CJK symbols and punctuation, full-width and small forms, and the middle dot. Letters,
/// digits, ideographs and emoji are not punctuation.
pub fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(c as u32,
            0x00A1..=0x00BF | 0x00D7 | 0x00F7 | 0x2000..=0x206F | 0x2190..=0x21FF | 0x2500..=0x257F
            | 0x25A0..=0x25FF | 0x3000..=0x303F | 0xFE10..=0xFE1F | 0xFE30..=0xFE4F
            | 0xFE50..=0xFE6F | 0xFF00..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40
            | 0xFF5B..=0xFF65 | 0x30FB)
}

/// A query term is searchable when it has a char that is neither whitespace nor punctuation.
pub fn is_searchable(s: &str) -> bool {
    s.chars().any(|c| !c.is_whitespace() && !is_punct(c))
}

/// A segmenter token is indexed in the word tier when it holds a letter, digit or ideograph.
pub fn is_word_token(s: &str) -> bool {
    s.chars().any(|c| c.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_and_case_fold_one_to_one() {
        assert_eq!(normalize("ＡＲＬ３４６０ Abc µm"), "arl3460 abc μm");
        let s = "２０２３年，ＡＢ";
        assert_eq!(normalize(s).chars().count(), s.chars().count());
        assert_eq!(normalize("拟薄水铝石"), "拟薄水铝石");
    }

    #[test]
    fn punctuation_classes() {
        assert!(
            is_punct('，') && is_punct('“') && is_punct('-') && is_punct('·') && is_punct('。')
        );
        assert!(!is_punct('窑') && !is_punct('3') && !is_punct('μ') && !is_punct('😀'));
        assert!(!is_searchable("，。！“”"));
        assert!(is_searchable("-45μm"));
        assert!(is_searchable("😀"));
        assert!(is_word_token("arl3460") && !is_word_token("，"));
    }
}
