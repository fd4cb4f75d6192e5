//! *How is a document's text written down?* One static prefix code for the chars of every
//! document group of a corpus: canonical Huffman code lengths, built once from the whole
//! corpus's char counts and stored in the manifest (the `code` production), so each group pays
//! for its chars about their order-0 entropy and no table of its own.
//!
//! Why not deflate per group, as format 5 did: a group holds about 16 poems, too little text for
//! deflate to find repeats in, and each group paid for its own Huffman tables. On chinese-poetry
//! the static code takes 9.9 bits a char (the text's order-0 entropy) where deflated groups took about 12.
//!
//! Why not a crate: the Rust Huffman crates build a code from a tree they keep (their table is
//! the tree, not a list of lengths a manifest can hold in a few KB) and the ANS crates bring
//! far more code to the web build than the hundred lines below; this needs canonical codes,
//! a length limit and a decoder that checks every bit.
//!
//! Takes char counts (builder) or the manifest's bytes (reader); gives codes to write and a
//! decoder over a bit reader. Guarantees: the same counts give the same code; a code read from a
//! manifest is checked (chars ascending within each length, no length beyond [`MAX_CODE_LEN`],
//! no over-full code; a char under two lengths would decode alike from both, and the CRC has
//! already checked the bytes),
//! and decoding never panics: bits that name no char are an [`IndexError`].

use super::bytes::{Bits, Cursor};
#[cfg(feature = "builder")]
use super::bytes::Writer;
use super::IndexError;

/// The longest code: longer ones are avoided by flattening the counts (a char of a 2^24th of
/// the text gets 24 bits either way).
pub const MAX_CODE_LEN: usize = 24;
/// The code's stand-in for a char outside the table: U+0000 in the table is the escape, followed
/// by [`ESCAPE_BITS`] bits of the char's code point (a NUL of the text is escaped too).
pub const ESCAPE: char = '\0';
/// Bits of an escaped code point (all of Unicode).
pub const ESCAPE_BITS: u32 = 21;

/// A canonical prefix code over chars (and [`ESCAPE`]).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CharCode {
    /// `counts[l - 1]`: how many symbols have codes of `l` bits.
    counts: Vec<u32>,
    /// The symbols by code length, then code point: the canonical order, in which codes of
    /// each length are consecutive numbers.
    symbols: Vec<char>,
}

impl CharCode {
    /// Chars (and the escape) with a code.
    pub fn len(&self) -> usize {
        self.symbols.len()
    }
    pub fn is_empty(&self) -> bool {
        self.symbols.is_empty()
    }
    /// Each symbol with its code length, in canonical order.
    pub fn lengths(&self) -> impl Iterator<Item = (char, u32)> + '_ {
        self.counts.iter().enumerate().flat_map(|(l, &n)| std::iter::repeat_n(l as u32 + 1, n as usize)).zip(&self.symbols).map(|(l, &c)| (c, l))
    }

    /// The code of `weights` (symbol, count > 0): Huffman code lengths, at most
    /// [`MAX_CODE_LEN`] (counts are halved until they fit), made canonical. A lone symbol gets
    /// one bit.
    #[cfg(feature = "builder")]
    pub fn build(weights: &[(char, u64)]) -> CharCode {
        let mut w: Vec<(char, u64)> = weights.iter().copied().filter(|&(_, n)| n > 0).collect();
        w.sort_unstable_by_key(|&(c, _)| c);
        w.dedup_by_key(|(c, _)| *c);
        let mut lens = huffman_lengths(&w.iter().map(|&(_, n)| n).collect::<Vec<_>>());
        let mut flat: Vec<u64> = w.iter().map(|&(_, n)| n).collect();
        while lens.iter().any(|&l| l as usize > MAX_CODE_LEN) {
            flat.iter_mut().for_each(|n| *n = (*n).div_ceil(2));
            lens = huffman_lengths(&flat);
        }
        let mut syms: Vec<(u32, char)> = w.iter().zip(&lens).map(|(&(c, _), &l)| (l, c)).collect();
        syms.sort_unstable();
        let max = syms.last().map_or(0, |&(l, _)| l as usize);
        let mut counts = vec![0u32; max];
        for &(l, _) in &syms {
            counts[l as usize - 1] += 1;
        }
        CharCode { counts, symbols: syms.into_iter().map(|(_, c)| c).collect() }
    }

    /// The `code` production: `lens:varint count:varint[lens]` then each symbol, in canonical
    /// order, as its code point minus the previous one of the same length (the first of each
    /// length: its code point).
    #[cfg(feature = "builder")]
    pub(crate) fn write(&self, w: &mut Writer) {
        w.varint(self.counts.len() as u64);
        for &n in &self.counts {
            w.varint(u64::from(n));
        }
        let mut i = 0usize;
        for &n in &self.counts {
            let mut prev = 0u32;
            for &c in &self.symbols[i..i + n as usize] {
                w.varint(u64::from(c as u32 - prev));
                prev = c as u32;
            }
            i += n as usize;
        }
    }

    /// Reads and checks a `code` production.
    pub(crate) fn read(c: &mut Cursor) -> Result<CharCode, IndexError> {
        let lens = c.varint_max(MAX_CODE_LEN as u64, "code lengths")? as usize;
        let mut counts = Vec::with_capacity(lens);
        // Kraft: the codes of all lengths may fill at most the whole code space.
        let mut space: u64 = 0;
        for l in 1..=lens {
            let n = c.varint_max(c.remaining() as u64, "codes of one length")?;
            space += n << (MAX_CODE_LEN - l);
            if space > 1 << MAX_CODE_LEN {
                return Err(c.corrupt(format!("{n} codes of {l} bits overfill the code")));
            }
            counts.push(n as u32);
        }
        if counts.last() == Some(&0) {
            return Err(c.corrupt("code lengths end with an unused length"));
        }
        let mut symbols = Vec::with_capacity(counts.iter().map(|&n| n as usize).sum());
        for &n in &counts {
            let mut prev: Option<u32> = None;
            for _ in 0..n {
                let d = c.varint_max(0x10FFFF, "code point gap")? as u32;
                if prev.is_some() && d == 0 {
                    return Err(c.corrupt("a char twice in the code"));
                }
                let cp = prev.unwrap_or(0) + d;
                let ch = char::from_u32(cp).ok_or_else(|| c.corrupt(format!("code point {cp:#x} in the code is no char")))?;
                symbols.push(ch);
                prev = Some(cp);
            }
        }
        Ok(CharCode { counts, symbols })
    }

    /// An encoder: each symbol's code and length.
    #[cfg(feature = "builder")]
    pub fn encoder(&self) -> CharEncoder {
        let mut codes = std::collections::HashMap::with_capacity(self.symbols.len());
        let mut code: u32 = 0;
        let mut i = 0usize;
        for (l, &n) in self.counts.iter().enumerate() {
            for &c in &self.symbols[i..i + n as usize] {
                codes.insert(c, (code, l as u32 + 1));
                code += 1;
            }
            i += n as usize;
            code <<= 1;
        }
        CharEncoder { codes }
    }

    /// Decodes one char from `bits`.
    pub(crate) fn decode(&self, bits: &mut Bits) -> Result<char, IndexError> {
        // Canonical decoding (as zlib's puff): the first code of each length follows from the
        // counts of the shorter ones.
        let (mut code, mut first, mut index) = (0i64, 0i64, 0usize);
        for &n in &self.counts {
            code |= i64::from(bits.bit()?);
            let n = i64::from(n);
            if code - first < n {
                let sym = self.symbols[index + (code - first) as usize];
                if sym != ESCAPE {
                    return Ok(sym);
                }
                let mut cp = 0u32;
                for _ in 0..ESCAPE_BITS {
                    cp = cp << 1 | u32::from(bits.bit()?);
                }
                return char::from_u32(cp).ok_or_else(|| bits.corrupt(format!("escaped code point {cp:#x} is no char")));
            }
            index += n as usize;
            first = (first + n) << 1;
            code <<= 1;
        }
        Err(bits.corrupt("bits that are no code of the text".into()))
    }
}

/// Writes chars with a [`CharCode`].
#[cfg(feature = "builder")]
pub struct CharEncoder {
    codes: std::collections::HashMap<char, (u32, u32)>,
}

#[cfg(feature = "builder")]
impl CharEncoder {
    /// Appends the code of each char of `s` to `out` (a char without a code as the escape and
    /// its code point). Panics when a char has no code and the code has no escape: the builder
    /// builds the code from the very texts it writes.
    pub(crate) fn write(&self, s: &str, out: &mut super::bytes::BitWriter) {
        for ch in s.chars() {
            match self.codes.get(&ch).filter(|_| ch != ESCAPE) {
                Some(&(code, len)) => out.msb_first(code, len),
                None => {
                    let &(code, len) = self.codes.get(&ESCAPE).expect("the code has an escape for chars without a code");
                    out.msb_first(code, len);
                    out.msb_first(ch as u32, ESCAPE_BITS);
                }
            }
        }
    }
}

/// Huffman code lengths of `weights` (> 0), deterministic: ties go to the lower index (leaves
/// before merged nodes of equal weight, merged nodes in order of making).
#[cfg(feature = "builder")]
fn huffman_lengths(weights: &[u64]) -> Vec<u32> {
    use std::cmp::Reverse;
    use std::collections::BinaryHeap;
    let n = weights.len();
    if n <= 1 {
        return vec![1; n];
    }
    let mut parent = vec![usize::MAX; 2 * n - 1];
    let mut heap: BinaryHeap<Reverse<(u64, usize)>> = weights.iter().enumerate().map(|(i, &w)| Reverse((w, i))).collect();
    let mut next = n;
    while heap.len() > 1 {
        let Reverse((wa, a)) = heap.pop().expect("two nodes");
        let Reverse((wb, b)) = heap.pop().expect("two nodes");
        parent[a] = next;
        parent[b] = next;
        heap.push(Reverse((wa + wb, next)));
        next += 1;
    }
    // Depths from the root (the last node made) down: parents are made after their children.
    let mut depth = vec![0u32; 2 * n - 1];
    for i in (0..2 * n - 2).rev() {
        depth[i] = depth[parent[i]] + 1;
    }
    depth.truncate(n);
    depth
}
