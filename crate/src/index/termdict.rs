//! *Here is a word, give me its [`TermInfo`]*: the term dictionary, in pieces. The same
//! dictionary serves the three tiers: words ([`super::PieceKind::Vocab`]), single characters
//! ([`super::PieceKind::CharDict`]) and character bigrams ([`super::PieceKind::BigramDict`]).
//!
//! Terms are sorted by bytes and cut into small pieces; each piece is (deflated) its terms,
//! followed by the infos (document and collection frequency, byte range of the posting list).
//! The manifest lists each piece's first term, so the piece that may hold a term is found
//! without loading any other, and a query fetches only the pieces whose range holds its
//! candidate words.
//!
//! The word tier's terms are an `fst::Map` from term to its ordinal within the piece. The
//! character tier's (chars and bigrams) are front-coded (the bytes shared with the previous
//! term, then the rest), and a term's ordinal is its place in the piece, found by binary
//! search once the piece is decoded: an fst stores each ordinal on its arcs, though the sorted
//! order already says it, and two-char keys share little else (chinese-poetry's 1.1 million
//! bigrams: 3.8 MB of fst, deflated, in a dictionary of 5.5 MiB; front-coded, 4.0 MiB).

use super::bytes::Cursor;
#[cfg(feature = "builder")]
use super::bytes::Writer;
use super::postings::{check_info, read_info};
#[cfg(feature = "builder")]
use super::postings::write_info;
use super::{IndexError, PieceEntry, TermInfo};

/// One loaded piece of the dictionary.
pub(crate) struct TermDictPiece {
    /// Ordinal of the piece's first term.
    pub from: u32,
    pub terms: Terms,
    pub infos: Vec<TermInfo>,
}

/// The terms of a piece: an fst (word tier) or front-coded (character tier), decoded.
pub(crate) enum Terms {
    Fst(fst::Map<Vec<u8>>),
    /// Ascending by bytes.
    Sorted(Vec<String>),
}

/// Whether the dictionary of `kind` front-codes its terms (the character tier) rather than
/// writing an fst (the word tier).
fn front_coded(kind: super::PieceKind) -> bool {
    kind != super::PieceKind::Vocab
}

impl TermDictPiece {
    /// The global ordinal and info of `term`, when this piece holds it.
    pub fn get(&self, term: &str) -> Option<(u32, TermInfo)> {
        let local = match &self.terms {
            Terms::Fst(map) => map.get(term.as_bytes())? as usize,
            Terms::Sorted(terms) => terms.binary_search_by(|t| t.as_str().cmp(term)).ok()?,
        };
        self.infos.get(local).map(|i| (self.from + local as u32, *i))
    }
    /// Info by global ordinal.
    pub fn info(&self, ord: u32) -> Option<TermInfo> {
        self.infos.get(ord.checked_sub(self.from)? as usize).copied()
    }
    /// Terms in `[lo, hi)` (hi `None`: to the end) in byte order, with global ordinals.
    pub fn range(&self, lo: &[u8], hi: Option<&[u8]>, mut f: impl FnMut(&str, u32, &TermInfo) -> bool) {
        let terms = match &self.terms {
            Terms::Sorted(terms) => terms,
            Terms::Fst(map) => {
                use fst::{IntoStreamer, Streamer};
                let mut r = map.range().ge(lo);
                if let Some(h) = hi {
                    r = r.lt(h);
                }
                let mut s = r.into_stream();
                while let Some((k, v)) = s.next() {
                    if let (Ok(t), Some(info)) = (std::str::from_utf8(k), self.infos.get(v as usize)) {
                        if !f(t, self.from + v as u32, info) {
                            return;
                        }
                    }
                }
                return;
            }
        };
        let start = terms.partition_point(|t| t.as_bytes() < lo);
        for (local, (t, info)) in terms.iter().zip(&self.infos).enumerate().skip(start) {
            if hi.is_some_and(|h| t.as_bytes() >= h) || !f(t, self.from + local as u32, info) {
                return;
            }
        }
    }
}

/// Writes the dictionary of `terms` (sorted, distinct) with their infos into piece bodies of
/// about `cut` bytes; returns `(from, to, body)` per piece.
#[cfg(feature = "builder")]
pub(crate) fn write(terms: &[String], infos: &[TermInfo], kind: super::PieceKind, cut: usize) -> Result<Vec<(u32, u32, Vec<u8>)>, IndexError> {
    let mut out = Vec::new();
    let mut from = 0usize;
    while from < terms.len() || (from == 0 && out.is_empty()) {
        // Estimated piece size: front coding shares prefixes, so term bytes are an upper bound.
        let mut to = from;
        let mut size = 0usize;
        // Pieces deflate to about half (shared prefixes and the varints are repetitive).
        while to < terms.len() && (to == from || size < 2 * cut) {
            size += terms[to].len() + 6;
            to += 1;
        }
        let mut raw = Writer::new();
        if front_coded(kind) {
            let mut prev: &[u8] = &[];
            for (i, term) in terms[from..to].iter().enumerate() {
                let t = term.as_bytes();
                if i > 0 && t <= prev {
                    return Err(IndexError::Corrupt { piece: kind.name().into(), detail: format!("terms out of order at \"{term}\"") });
                }
                let shared = t.iter().zip(prev).take_while(|(a, b)| a == b).count();
                raw.varint(shared as u64);
                raw.bytes(&t[shared..]);
                prev = t;
            }
        } else {
            let fst_err = |e: fst::Error| IndexError::Corrupt { piece: kind.name().into(), detail: format!("fst build: {e}") };
            let mut builder = fst::MapBuilder::memory();
            for (local, term) in terms[from..to].iter().enumerate() {
                builder.insert(term.as_bytes(), local as u64).map_err(fst_err)?;
            }
            raw.bytes(&builder.into_inner().map_err(fst_err)?);
        }
        // Lists follow each other in their postings pieces: only the first one's offset is
        // written, the others follow from the lengths.
        raw.varint(infos.get(from).map_or(0, |i| i.offset));
        for info in &infos[from..to] {
            write_info(&mut raw, info);
        }
        let mut w = Writer::new();
        w.varint((to - from) as u64);
        w.deflated(&raw.buf);
        out.push((from as u32, to as u32, w.buf));
        if to == from {
            break;
        }
        from = to;
    }
    Ok(out)
}

/// `n` front-coded terms, strictly ascending.
fn read_sorted(c: &mut Cursor, n: usize) -> Result<Vec<String>, IndexError> {
    let mut terms: Vec<String> = Vec::with_capacity(n.min(c.remaining()));
    let mut prev: Vec<u8> = Vec::new();
    for _ in 0..n {
        let shared = c.varint_max(prev.len() as u64, "shared prefix")? as usize;
        prev.truncate(shared);
        prev.extend_from_slice(c.bytes()?);
        let term = std::str::from_utf8(&prev).map_err(|_| c.corrupt("term is not UTF-8"))?;
        if terms.last().is_some_and(|p| p.as_str() >= term) {
            return Err(c.corrupt(format!("term \"{term}\" out of order")));
        }
        terms.push(term.to_string());
    }
    Ok(terms)
}

/// An fst of `n` terms, each mapped to its ordinal within the piece.
fn read_fst(c: &mut Cursor, n: usize) -> Result<fst::Map<Vec<u8>>, IndexError> {
    let map = fst::Map::new(c.bytes()?.to_vec()).map_err(|e| c.corrupt(format!("term dictionary: {e}")))?;
    if !super::bytes::fst_checksum_ok(map.as_fst().as_bytes()) {
        return Err(c.corrupt("term dictionary checksum differs"));
    }
    if map.len() != n {
        return Err(c.corrupt(format!("dictionary holds {} terms, expected {n}", map.len())));
    }
    use fst::Streamer;
    let mut s = map.stream();
    while let Some((_, v)) = s.next() {
        if v >= n as u64 {
            return Err(c.corrupt(format!("term ordinal {v} out of range")));
        }
    }
    drop(s);
    Ok(map)
}

/// Decodes a dictionary piece. `postings` are the manifest entries of the postings pieces
/// (in order), to place and check each info; `n_docs` bounds document frequencies.
pub(crate) fn read(entry: &PieceEntry, body: &[u8], postings: &[&PieceEntry], n_docs: usize) -> Result<TermDictPiece, IndexError> {
    let mut c = Cursor::new(body, &entry.name);
    let n = c.varint_max(u32::MAX as u64, "term count")? as usize;
    if n as u64 != u64::from(entry.to - entry.from) {
        return Err(c.corrupt(format!("holds {n} terms, the manifest says {}", entry.to - entry.from)));
    }
    let raw = c.deflated_rest("dictionary length")?;
    let mut c = Cursor::new(&raw, &entry.name);
    let terms = if front_coded(entry.kind) { Terms::Sorted(read_sorted(&mut c, n)?) } else { Terms::Fst(read_fst(&mut c, n)?) };
    let mut infos: Vec<TermInfo> = Vec::with_capacity(n);
    let mut offset = c.varint()?;
    for local in 0..n {
        let ord = entry.from + local as u32;
        let mut info = read_info(&mut c)?;
        let p = super::postings::piece_holding(postings, ord)
            .ok_or_else(|| c.corrupt(format!("no postings piece for term {ord}")))?;
        if infos.last().is_some_and(|prev| prev.piece != p as u32) {
            offset = 0;
        }
        info.piece = p as u32;
        info.offset = offset;
        offset = offset.saturating_add(info.len);
        check_info(&info, n_docs, "term", &c)?;
        infos.push(info);
    }
    c.finish()?;
    Ok(TermDictPiece { from: entry.from, terms, infos })
}
