//! *Which words does `ldlc` or `liangdai` spell?* A table from the pinyin of every indexed word
//! of two or more characters (full, toneless: `liangdailiangchuang`; initials: `ldlc`) to the
//! word and its frequency, built at index time from the `pinyin` crate's readings, every reading
//! of a polyphonic character included (行 as `hang` and `xing`). Keys are `spelling \0 word`, in
//! `fst::Map` pieces cut by key range like the id map (same piece format, see [`super::ids`]):
//! a prefix typed in the search box reads the one or two pieces its range falls in, and only
//! when someone types latin letters. Natively only the writer needs the readings; the page
//! reads the table.

#[cfg(feature = "builder")]
use super::IndexError;

/// Most readings kept per character (a few characters have six).
#[cfg(feature = "builder")]
const READINGS_PER_CHAR: usize = 3;
/// Most spellings kept per word: the product of its characters' readings, capped.
#[cfg(feature = "builder")]
const SPELLINGS_PER_WORD: usize = 16;

/// The table's keys and values for `words` (word, corpus frequency): for each word of two or
/// more characters that all have a reading, `full \0 word` and `initials \0 word` for each of
/// its spellings, sorted and distinct.
#[cfg(feature = "builder")]
pub(crate) fn entries(words: &[(&str, u64)]) -> Vec<(Vec<u8>, u64)> {
    use pinyin::ToPinyinMulti;
    let mut out: Vec<(Vec<u8>, u64)> = Vec::new();
    for &(word, count) in words {
        let chars: Vec<char> = word.chars().collect();
        if chars.len() < 2 {
            continue;
        }
        let mut readings: Vec<Vec<String>> = Vec::with_capacity(chars.len());
        for c in &chars {
            let Some(multi) = c.to_pinyin_multi() else { break };
            let mut r: Vec<String> = Vec::new();
            for p in multi {
                // ü is typed v.
                let plain = p.plain().replace('ü', "v");
                if !r.contains(&plain) && r.len() < READINGS_PER_CHAR {
                    r.push(plain);
                }
            }
            readings.push(r);
        }
        if readings.len() != chars.len() {
            continue;
        }
        // Spellings: the first reading of every char first, then the others, up to the cap.
        let mut spellings: Vec<Vec<&str>> = vec![Vec::new()];
        for r in &readings {
            let mut next = Vec::new();
            for s in &spellings {
                for p in r {
                    if next.len() < SPELLINGS_PER_WORD {
                        let mut s = s.clone();
                        s.push(p.as_str());
                        next.push(s);
                    }
                }
            }
            spellings = next;
        }
        for s in spellings {
            let full: String = s.concat();
            let initials: String = s.iter().filter_map(|p| p.chars().next()).collect();
            for key in [full, initials] {
                let mut k = key.into_bytes();
                k.push(0);
                k.extend_from_slice(word.as_bytes());
                out.push((k, count));
            }
        }
    }
    out.sort_unstable();
    out.dedup_by(|a, b| a.0 == b.0);
    out
}

/// Pieces of the table (see [`super::ids::write_map`]).
#[cfg(feature = "builder")]
pub(crate) fn write(entries: &[(Vec<u8>, u64)], cut: usize) -> Result<Vec<(u32, u32, Vec<u8>)>, IndexError> {
    let refs: Vec<(&[u8], u64)> = entries.iter().map(|(k, v)| (k.as_slice(), *v)).collect();
    super::ids::write_map(&refs, cut, "pinyin")
}

/// What someone typed as pinyin, as the table spells it: lowercase latin letters only (spaces
/// and apostrophes between syllables dropped, `ü` as `v`); None when it holds anything else or
/// fewer than two letters.
pub fn spelling(typed: &str) -> Option<String> {
    let mut out = String::new();
    for c in typed.trim().chars() {
        match c {
            'a'..='z' => out.push(c),
            'A'..='Z' => out.push(c.to_ascii_lowercase()),
            'ü' | 'Ü' => out.push('v'),
            ' ' | '\'' | '’' => {}
            _ => return None,
        }
    }
    (out.len() >= 2).then_some(out)
}
