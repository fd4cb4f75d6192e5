//! Bytes of a raw file → text with `\n` line ends.
//!
//! Takes the raw bytes of one extracted issue and the name of the file (for messages).
//! Returns the text as a `String` whose lines end in `\n` only, or a [`CleanError`] that
//! names the file and says why it was refused. Guarantees: never panics; UTF-8 with or
//! without a byte-order mark, UTF-16 with a BOM, CRLF / CR line ends and GBK / GB18030
//! all decode to the same text; an empty, binary or undecodable file is refused rather
//! than turned into garbage. Form feeds (page breaks in `pdftotext` output) become two
//! blank lines, which is how the cleaner recognises a page break anyway.

use super::CleanError;

/// Decode `raw` (the bytes of `source`) into text with `\n` line ends.
pub fn decode(raw: &[u8], source: &str) -> Result<String, CleanError> {
    if raw.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(CleanError::Empty { source: source.to_string(), bytes: raw.len() });
    }
    let text = if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(raw) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&raw[bom_len..]);
        if had_errors {
            return Err(CleanError::Undecodable {
                source: source.to_string(),
                reason: format!("it starts with a {} byte-order mark but is not valid {}", encoding.name(), encoding.name()),
            });
        }
        text.into_owned()
    } else {
        if let Some(pos) = raw.iter().position(|&b| b == 0) {
            return Err(CleanError::Binary {
                source: source.to_string(),
                reason: format!("it holds a NUL byte at offset {pos}, so it is not a text file"),
            });
        }
        match std::str::from_utf8(raw) {
            Ok(text) => text.to_string(),
            Err(_) => {
                let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(raw);
                if had_errors {
                    return Err(CleanError::Undecodable {
                        source: source.to_string(),
                        reason: "it is neither UTF-8 nor GBK/GB18030".to_string(),
                    });
                }
                text.into_owned()
            }
        }
    };
    let controls = text
        .chars()
        .filter(|&c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .count();
    if controls > 0 {
        return Err(CleanError::Binary {
            source: source.to_string(),
            reason: format!("it holds {controls} control character(s) that text never has"),
        });
    }
    let text = text.replace("\r\n", "\n").replace('\r', "\n").replace('\u{c}', "\n\n\n");
    if text.trim().is_empty() {
        return Err(CleanError::Empty { source: source.to_string(), bytes: raw.len() });
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::Encoding;

    const PARA: &str = "劲旅讯 2023年以来，精细氧化铝事业部紧紧围绕年度工作目标，以党建为引领。\n（杨 红）\n";

    #[test]
    fn gbk_bytes_decode_to_the_same_text_as_utf8() {
        let (gbk, _, unmappable) = encoding_rs::GBK.encode(PARA);
        assert!(!unmappable);
        assert_ne!(&gbk[..], PARA.as_bytes());
        assert_eq!(decode(&gbk, "a.txt").unwrap(), decode(PARA.as_bytes(), "b.txt").unwrap());
    }

    #[test]
    fn bom_and_crlf_are_invisible() {
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(PARA.replace('\n', "\r\n").as_bytes());
        assert_eq!(decode(&bom, "a.txt").unwrap(), PARA);
        let cr = PARA.replace('\n', "\r");
        assert_eq!(decode(cr.as_bytes(), "a.txt").unwrap(), PARA);
    }

    #[test]
    fn utf16_with_bom_decodes() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in PARA.encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(decode(&bytes, "a.txt").unwrap(), PARA);
    }

    #[test]
    fn empty_file_is_refused_with_its_name() {
        for raw in [&b""[..], b"  \n\r\n  "] {
            let err = decode(raw, "corpus/raw/x.txt").unwrap_err();
            assert!(matches!(err, CleanError::Empty { .. }), "{err}");
            assert!(err.to_string().contains("corpus/raw/x.txt"), "{err}");
            assert!(err.to_string().contains("empty"), "{err}");
        }
    }

    #[test]
    fn binary_file_is_refused_with_its_name_and_reason() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
        let err = decode(png, "corpus/raw/pic.txt").unwrap_err();
        assert!(matches!(err, CleanError::Binary { .. }), "{err}");
        let msg = err.to_string();
        assert!(msg.contains("corpus/raw/pic.txt") && msg.contains("NUL"), "{msg}");
        let ctl = "文字\u{1}\u{2}文字".as_bytes();
        assert!(matches!(decode(ctl, "c.txt").unwrap_err(), CleanError::Binary { .. }));
    }

    #[test]
    fn random_bytes_are_refused_or_give_clean_text() {
        let mut rng = fastrand::Rng::with_seed(7);
        let (mut refused, mut decoded) = (0, 0);
        for len in 0..400 {
            // Mostly ASCII text with some high and control bytes, so both outcomes occur.
            let bytes: Vec<u8> =
                (0..len).map(|_| if rng.u8(..) < 250 { rng.u8(b' '..=b'~') } else { rng.u8(..) }).collect();
            match decode(&bytes, "r.txt") {
                Ok(text) => {
                    decoded += 1;
                    assert!(!text.contains(['\r', '\u{c}', '\0']), "{bytes:?} gave {text:?}");
                    assert!(!text.trim().is_empty());
                    if let Ok(utf8) = std::str::from_utf8(&bytes) {
                        if Encoding::for_bom(&bytes).is_none() {
                            assert_eq!(text, utf8.replace("\r\n", "\n").replace('\r', "\n").replace('\u{c}', "\n\n\n"), "{bytes:?}");
                        }
                    }
                }
                Err(e) => {
                    refused += 1;
                    assert!(e.to_string().contains("r.txt"), "{e}");
                    if bytes.contains(&0) && Encoding::for_bom(&bytes).is_none() {
                        assert!(matches!(e, CleanError::Binary { .. }), "{bytes:?}: {e}");
                    }
                }
            }
        }
        assert!(refused > 50 && decoded > 20, "refused {refused}, decoded {decoded}");
    }

    #[test]
    fn random_text_decodes_alike_from_every_encoding() {
        let mut rng = fastrand::Rng::with_seed(9);
        let alphabet: Vec<char> = "两带两创提质增效氧化铝窑，。“”（）abcXYZ019 -\t\n\r\u{c}".chars().collect();
        for len in 1..300 {
            let text: String = (0..len).map(|_| alphabet[rng.usize(..alphabet.len())]).collect();
            let expected = text.replace("\r\n", "\n").replace('\r', "\n").replace('\u{c}', "\n\n\n");
            let (gbk, _, lossy) = encoding_rs::GBK.encode(&text);
            assert!(!lossy);
            let mut bom = b"\xEF\xBB\xBF".to_vec();
            bom.extend_from_slice(text.as_bytes());
            let mut utf16 = vec![0xFF, 0xFE];
            utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            for (name, bytes) in [("utf-8", text.as_bytes().to_vec()), ("gbk", gbk.into_owned()), ("bom", bom), ("utf-16", utf16)] {
                match decode(&bytes, "t.txt") {
                    Ok(got) => assert_eq!(got, expected, "{name}: {text:?}"),
                    Err(e) => {
                        assert!(text.trim().is_empty() || expected.trim().is_empty(), "{name}: {text:?}: {e}");
                        assert!(matches!(e, CleanError::Empty { .. }), "{name}: {e}");
                    }
                }
            }
        }
    }

    #[test]
    fn form_feed_is_a_page_break() {
        assert_eq!(decode("甲。\u{c}乙。".as_bytes(), "a").unwrap(), "甲。\n\n\n乙。");
    }
}
