//! *Here is a word, give me its [`TermInfo`]*: the term dictionary, in pieces. The same
//! dictionary serves the three tiers: words ([`super::PieceKind::Vocab`]), single characters
//! ([`super::PieceKind::CharDict`]) and character bigrams ([`super::PieceKind::BigramDict`]).
//!
//! Terms are sorted by bytes and cut into pieces of about [`PIECE_TARGET_BYTES`]; each piece is
//! (deflated) an `fst::Map` from term to its ordinal within the piece, followed by the infos (document and
//! collection frequency, byte range of the posting list). The manifest lists each piece's first
//! term, so the piece that may hold a term is found without loading any other, and a
//! query fetches only the pieces whose range holds its candidate words.

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
    pub map: fst::Map<Vec<u8>>,
    pub infos: Vec<TermInfo>,
}

impl TermDictPiece {
    /// The global ordinal and info of `term`, when this piece holds it.
    pub fn get(&self, term: &str) -> Option<(u32, TermInfo)> {
        let local = self.map.get(term.as_bytes())? as usize;
        self.infos.get(local).map(|i| (self.from + local as u32, *i))
    }
    /// Info by global ordinal.
    pub fn info(&self, ord: u32) -> Option<TermInfo> {
        self.infos.get(ord.checked_sub(self.from)? as usize).copied()
    }
    /// Terms in `[lo, hi)` (hi `None`: to the end) in byte order, with global ordinals.
    pub fn range(&self, lo: &[u8], hi: Option<&[u8]>, mut f: impl FnMut(&str, u32, &TermInfo) -> bool) {
        use fst::{IntoStreamer, Streamer};
        let mut r = self.map.range().ge(lo);
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
    }
}

/// Writes the dictionary of `terms` (sorted, distinct) with their infos into piece bodies of
/// about `cut` bytes; returns `(from, to, body)` per piece.
#[cfg(feature = "builder")]
pub(crate) fn write(terms: &[String], infos: &[TermInfo], kind: super::PieceKind, cut: usize) -> Result<Vec<(u32, u32, Vec<u8>)>, IndexError> {
    let fst_err = |e: fst::Error| IndexError::Corrupt { piece: kind.name().into(), detail: format!("fst build: {e}") };
    let mut out = Vec::new();
    let mut from = 0usize;
    while from < terms.len() || (from == 0 && out.is_empty()) {
        // Estimated piece size: the fst shares prefixes, so term bytes are an upper bound.
        let mut to = from;
        let mut size = 0usize;
        // Pieces deflate to about half (the fst's outputs and the varints are repetitive).
        while to < terms.len() && (to == from || size < 2 * cut) {
            size += terms[to].len() + 6;
            to += 1;
        }
        let mut builder = fst::MapBuilder::memory();
        for (local, term) in terms[from..to].iter().enumerate() {
            builder.insert(term.as_bytes(), local as u64).map_err(fst_err)?;
        }
        let fst_bytes = builder.into_inner().map_err(fst_err)?;
        let mut raw = Writer::new();
        raw.bytes(&fst_bytes);
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
    let map = fst::Map::new(c.bytes()?.to_vec()).map_err(|e| c.corrupt(format!("term dictionary: {e}")))?;
    if !super::bytes::fst_checksum_ok(map.as_fst().as_bytes()) {
        return Err(c.corrupt("term dictionary checksum differs"));
    }
    if map.len() != n {
        return Err(c.corrupt(format!("dictionary holds {} terms, expected {n}", map.len())));
    }
    {
        use fst::Streamer;
        let mut s = map.stream();
        while let Some((_, v)) = s.next() {
            if v >= n as u64 {
                return Err(c.corrupt(format!("term ordinal {v} out of range")));
            }
        }
    }
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
    Ok(TermDictPiece { from: entry.from, map, infos })
}
