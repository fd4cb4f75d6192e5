//! Lowercase of one char, from a table of runs instead of core's per-char table.
//!
//! Takes a non-ASCII char; returns its lowercase when that is a single other char (what
//! `char::to_lowercase` yields then), None otherwise. Why: core's table lists every mapping
//! (~11.7 KB of wasm data); the mappings come in runs (À..Ö + 32, Ā ā Ă ă … alternating), so
//! 184 runs hold them all. The table is Unicode 17.0.0's, as `char::to_lowercase` in Rust 1.95:
//! a test checks every char against the toolchain's and prints a new table when they differ.

/// `(first, delta, count, step)`: `count` chars from `first`, `step` apart, each lowercased by
/// adding `delta` to its code point. Sorted by `first`; runs do not overlap.
#[rustfmt::skip]
const RUNS: &[(u32, i32, u8, u8)] = &[
    (0xC0, 32, 23, 1), (0xD8, 32, 7, 1), (0x100, 1, 24, 2), (0x132, 1, 3, 2), (0x139, 1, 8, 2),
    (0x14A, 1, 23, 2), (0x178, -121, 1, 1), (0x179, 1, 3, 2), (0x181, 210, 1, 1), (0x182, 1, 2, 2),
    (0x186, 206, 1, 1), (0x187, 1, 1, 1), (0x189, 205, 2, 1), (0x18B, 1, 1, 1), (0x18E, 79, 1, 1),
    (0x18F, 202, 1, 1), (0x190, 203, 1, 1), (0x191, 1, 1, 1), (0x193, 205, 1, 1),
    (0x194, 207, 1, 1), (0x196, 211, 1, 1), (0x197, 209, 1, 1), (0x198, 1, 1, 1),
    (0x19C, 211, 1, 1), (0x19D, 213, 1, 1), (0x19F, 214, 1, 1), (0x1A0, 1, 3, 2),
    (0x1A6, 218, 1, 1), (0x1A7, 1, 1, 1), (0x1A9, 218, 1, 1), (0x1AC, 1, 1, 1), (0x1AE, 218, 1, 1),
    (0x1AF, 1, 1, 1), (0x1B1, 217, 2, 1), (0x1B3, 1, 2, 2), (0x1B7, 219, 1, 1), (0x1B8, 1, 1, 1),
    (0x1BC, 1, 1, 1), (0x1C4, 2, 1, 1), (0x1C5, 1, 1, 1), (0x1C7, 2, 1, 1), (0x1C8, 1, 1, 1),
    (0x1CA, 2, 1, 1), (0x1CB, 1, 9, 2), (0x1DE, 1, 9, 2), (0x1F1, 2, 1, 1), (0x1F2, 1, 2, 2),
    (0x1F6, -97, 1, 1), (0x1F7, -56, 1, 1), (0x1F8, 1, 20, 2), (0x220, -130, 1, 1),
    (0x222, 1, 9, 2), (0x23A, 10795, 1, 1), (0x23B, 1, 1, 1), (0x23D, -163, 1, 1),
    (0x23E, 10792, 1, 1), (0x241, 1, 1, 1), (0x243, -195, 1, 1), (0x244, 69, 1, 1),
    (0x245, 71, 1, 1), (0x246, 1, 5, 2), (0x370, 1, 2, 2), (0x376, 1, 1, 1), (0x37F, 116, 1, 1),
    (0x386, 38, 1, 1), (0x388, 37, 3, 1), (0x38C, 64, 1, 1), (0x38E, 63, 2, 1), (0x391, 32, 17, 1),
    (0x3A3, 32, 9, 1), (0x3CF, 8, 1, 1), (0x3D8, 1, 12, 2), (0x3F4, -60, 1, 1), (0x3F7, 1, 1, 1),
    (0x3F9, -7, 1, 1), (0x3FA, 1, 1, 1), (0x3FD, -130, 3, 1), (0x400, 80, 16, 1),
    (0x410, 32, 32, 1), (0x460, 1, 17, 2), (0x48A, 1, 27, 2), (0x4C0, 15, 1, 1), (0x4C1, 1, 7, 2),
    (0x4D0, 1, 48, 2), (0x531, 48, 38, 1), (0x10A0, 7264, 38, 1), (0x10C7, 7264, 1, 1),
    (0x10CD, 7264, 1, 1), (0x13A0, 38864, 80, 1), (0x13F0, 8, 6, 1), (0x1C89, 1, 1, 1),
    (0x1C90, -3008, 43, 1), (0x1CBD, -3008, 3, 1), (0x1E00, 1, 75, 2), (0x1E9E, -7615, 1, 1),
    (0x1EA0, 1, 48, 2), (0x1F08, -8, 8, 1), (0x1F18, -8, 6, 1), (0x1F28, -8, 8, 1),
    (0x1F38, -8, 8, 1), (0x1F48, -8, 6, 1), (0x1F59, -8, 4, 2), (0x1F68, -8, 8, 1),
    (0x1F88, -8, 8, 1), (0x1F98, -8, 8, 1), (0x1FA8, -8, 8, 1), (0x1FB8, -8, 2, 1),
    (0x1FBA, -74, 2, 1), (0x1FBC, -9, 1, 1), (0x1FC8, -86, 4, 1), (0x1FCC, -9, 1, 1),
    (0x1FD8, -8, 2, 1), (0x1FDA, -100, 2, 1), (0x1FE8, -8, 2, 1), (0x1FEA, -112, 2, 1),
    (0x1FEC, -7, 1, 1), (0x1FF8, -128, 2, 1), (0x1FFA, -126, 2, 1), (0x1FFC, -9, 1, 1),
    (0x2126, -7517, 1, 1), (0x212A, -8383, 1, 1), (0x212B, -8262, 1, 1), (0x2132, 28, 1, 1),
    (0x2160, 16, 16, 1), (0x2183, 1, 1, 1), (0x24B6, 26, 26, 1), (0x2C00, 48, 48, 1),
    (0x2C60, 1, 1, 1), (0x2C62, -10743, 1, 1), (0x2C63, -3814, 1, 1), (0x2C64, -10727, 1, 1),
    (0x2C67, 1, 3, 2), (0x2C6D, -10780, 1, 1), (0x2C6E, -10749, 1, 1), (0x2C6F, -10783, 1, 1),
    (0x2C70, -10782, 1, 1), (0x2C72, 1, 1, 1), (0x2C75, 1, 1, 1), (0x2C7E, -10815, 2, 1),
    (0x2C80, 1, 50, 2), (0x2CEB, 1, 2, 2), (0x2CF2, 1, 1, 1), (0xA640, 1, 23, 2),
    (0xA680, 1, 14, 2), (0xA722, 1, 7, 2), (0xA732, 1, 31, 2), (0xA779, 1, 2, 2),
    (0xA77D, -35332, 1, 1), (0xA77E, 1, 5, 2), (0xA78B, 1, 1, 1), (0xA78D, -42280, 1, 1),
    (0xA790, 1, 2, 2), (0xA796, 1, 10, 2), (0xA7AA, -42308, 1, 1), (0xA7AB, -42319, 1, 1),
    (0xA7AC, -42315, 1, 1), (0xA7AD, -42305, 1, 1), (0xA7AE, -42308, 1, 1), (0xA7B0, -42258, 1, 1),
    (0xA7B1, -42282, 1, 1), (0xA7B2, -42261, 1, 1), (0xA7B3, 928, 1, 1), (0xA7B4, 1, 8, 2),
    (0xA7C4, -48, 1, 1), (0xA7C5, -42307, 1, 1), (0xA7C6, -35384, 1, 1), (0xA7C7, 1, 2, 2),
    (0xA7CB, -42343, 1, 1), (0xA7CC, 1, 8, 2), (0xA7DC, -42561, 1, 1), (0xA7F5, 1, 1, 1),
    (0xFF21, 32, 26, 1), (0x10400, 40, 40, 1), (0x104B0, 40, 36, 1), (0x10570, 39, 11, 1),
    (0x1057C, 39, 15, 1), (0x1058C, 39, 7, 1), (0x10594, 39, 2, 1), (0x10C80, 64, 51, 1),
    (0x10D50, 32, 22, 1), (0x118A0, 32, 32, 1), (0x16E40, 32, 32, 1), (0x16EA0, 27, 25, 1),
    (0x1E900, 34, 34, 1),
];

/// The single-char lowercase of `c`, or None when it has none or several (`İ` → `i̇`).
pub(super) fn lowercase(c: char) -> Option<char> {
    let u = c as u32;
    let run = RUNS.partition_point(|r| r.0 <= u).checked_sub(1)?;
    let (first, delta, count, step) = RUNS[run];
    let offset = u - first;
    if offset.is_multiple_of(u32::from(step)) && offset / u32::from(step) < u32::from(count) {
        char::from_u32(u.wrapping_add_signed(delta))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::{lowercase, RUNS};

    /// The Unicode version [`RUNS`] was generated from.
    const UNICODE_VERSION: (u8, u8, u8) = (17, 0, 0);

    /// What `char::to_lowercase` says for `c` when it gives a single other char.
    fn std_lowercase(c: char) -> Option<char> {
        let mut it = c.to_lowercase();
        match (it.next(), it.next()) {
            (Some(l), None) if l != c => Some(l),
            _ => None,
        }
    }

    /// The runs of the toolchain's Unicode tables, as Rust source for [`RUNS`].
    fn runs_from_std() -> String {
        let mut runs: Vec<(u32, i32, u32, u32)> = Vec::new();
        for c in (0x80..=0x10FFFF).filter_map(char::from_u32) {
            let Some(l) = std_lowercase(c) else { continue };
            let (u, delta) = (c as u32, l as i32 - c as i32);
            if let Some(r) = runs.last_mut() {
                if r.1 == delta && r.2 == 1 && (u == r.0 + 1 || u == r.0 + 2) {
                    (r.2, r.3) = (2, u - r.0);
                    continue;
                }
                if r.1 == delta && r.2 > 1 && u == r.0 + r.2 * r.3 && r.2 < 255 {
                    r.2 += 1;
                    continue;
                }
            }
            runs.push((u, delta, 1, 1));
        }
        runs.iter()
            .map(|r| format!("(0x{:X}, {}, {}, {}),", r.0, r.1, r.2, r.3))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn every_char_lowercases_as_the_toolchain_does() {
        if char::UNICODE_VERSION != UNICODE_VERSION {
            // A toolchain on another Unicode version: the index and the page still agree (both
            // use this table); regenerate it to follow the new version.
            eprintln!(
                "RUNS is for Unicode {UNICODE_VERSION:?}, the toolchain has {:?}",
                char::UNICODE_VERSION
            );
            return;
        }
        let wrong: Vec<char> = (0x80..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| lowercase(c) != std_lowercase(c))
            .collect();
        assert!(
            wrong.is_empty(),
            "{} chars differ, e.g. {:?}; new RUNS:\n{}",
            wrong.len(),
            &wrong[..wrong.len().min(5)],
            runs_from_std()
        );
        assert!(RUNS.windows(2).all(|w| w[0].0 < w[1].0));
    }
}
