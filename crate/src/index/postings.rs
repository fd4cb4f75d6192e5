//! *Which documents hold this key, where?* Posting lists of the word tier and the character
//! tier: `(doc_delta tf pos_delta[tf])[doc_freq]` varints, concatenated into pieces of about
//! [`PIECE_TARGET_BYTES`] in key order (grammar in the [`super`] module doc).
//!
//! A piece body is kept as bytes once loaded; a list is decoded only when a query reads it,
//! with every delta, count and length checked against the [`TermInfo`] that points at it.

use super::bytes::Cursor;
#[cfg(feature = "native")]
use super::bytes::Writer;
use super::{IndexError, TermInfo};
#[cfg(feature = "native")]
use super::PIECE_TARGET_BYTES;

/// A decoded posting list: for each document (ascending), its positions (ascending).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PostingList {
    pub docs: Vec<u32>,
    /// `positions[starts[i]..starts[i + 1]]` belong to `docs[i]`.
    pub starts: Vec<u32>,
    pub positions: Vec<u32>,
}

impl PostingList {
    /// Positions of the i-th document of the list.
    pub fn positions_at(&self, i: usize) -> &[u32] {
        let a = self.starts.get(i).copied().unwrap_or(0) as usize;
        let b = self.starts.get(i + 1).copied().unwrap_or(0) as usize;
        self.positions.get(a..b).unwrap_or(&[])
    }
    /// Positions of `doc` (empty when the doc is not in the list).
    pub fn positions_of(&self, doc: u32) -> &[u32] {
        match self.docs.binary_search(&doc) {
            Ok(i) => self.positions_at(i),
            Err(_) => &[],
        }
    }
    pub fn len(&self) -> usize {
        self.docs.len()
    }
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }
}

/// Postings of one key as they accumulate at build time: flat arrays, no allocation per
/// (key, doc).
#[cfg(feature = "native")]
#[derive(Default)]
pub(crate) struct Postings {
    pub docs: Vec<u32>,
    /// `positions[ends[i - 1]..ends[i]]` belong to `docs[i]`.
    pub ends: Vec<usize>,
    pub positions: Vec<u32>,
}

#[cfg(feature = "native")]
impl Postings {
    pub fn push(&mut self, doc: u32, positions: &[u32]) {
        self.docs.push(doc);
        self.positions.extend_from_slice(positions);
        self.ends.push(self.positions.len());
    }
}

/// Encodes posting lists in key order into piece bodies of about [`PIECE_TARGET_BYTES`].
/// Returns each key's info (its `piece` counts among the returned bodies) and the bodies with
/// their key range `[from, to)`.
#[cfg(feature = "native")]
pub(crate) fn encode<'a>(lists: impl Iterator<Item = &'a Postings>) -> (Vec<TermInfo>, Vec<(u32, u32, Vec<u8>)>) {
    let mut infos = Vec::new();
    let mut bodies = Vec::new();
    let mut buf = Writer::new();
    let mut from = 0u32;
    for (ord, list) in lists.enumerate() {
        if buf.buf.len() >= PIECE_TARGET_BYTES {
            bodies.push((from, ord as u32, std::mem::take(&mut buf.buf)));
            from = ord as u32;
        }
        let offset = buf.buf.len() as u64;
        let mut prev_doc = 0u32;
        let mut start = 0usize;
        for (i, (&doc, &end)) in list.docs.iter().zip(&list.ends).enumerate() {
            let positions = &list.positions[start..end];
            start = end;
            buf.varint(u64::from(if i == 0 { doc } else { doc - prev_doc }));
            prev_doc = doc;
            buf.varint(positions.len() as u64);
            let mut prev = 0u32;
            for (j, p) in positions.iter().enumerate() {
                buf.varint(u64::from(if j == 0 { *p } else { p - prev }));
                prev = *p;
            }
        }
        infos.push(TermInfo {
            doc_freq: list.docs.len() as u32,
            coll_freq: list.positions.len() as u64,
            piece: bodies.len() as u32,
            offset,
            len: buf.buf.len() as u64 - offset,
        });
    }
    bodies.push((from, infos.len() as u32, buf.buf));
    (infos, bodies)
}

/// Decodes the list `info` points at inside `body` (the body of piece `info.piece`).
pub(crate) fn decode(body: &[u8], info: &TermInfo, n_docs: usize, piece: &str) -> Result<PostingList, IndexError> {
    let bytes = usize::try_from(info.offset)
        .ok()
        .zip(usize::try_from(info.offset.saturating_add(info.len)).ok())
        .and_then(|(a, b)| body.get(a..b))
        .ok_or_else(|| IndexError::Corrupt { piece: piece.into(), detail: "posting list out of range".into() })?;
    let mut c = Cursor::new(bytes, piece);
    let mut list = PostingList {
        docs: Vec::with_capacity((info.doc_freq as usize).min(bytes.len())),
        starts: Vec::with_capacity((info.doc_freq as usize).min(bytes.len()) + 1),
        positions: Vec::with_capacity(info.coll_freq.min(bytes.len() as u64) as usize),
    };
    list.starts.push(0);
    let mut doc: u64 = 0;
    for i in 0..info.doc_freq {
        let d = c.varint()?;
        doc = if i == 0 {
            d
        } else if d == 0 {
            return Err(c.corrupt("doc delta 0"));
        } else {
            doc.checked_add(d).ok_or_else(|| c.corrupt("doc delta overflows"))?
        };
        if doc >= n_docs as u64 {
            return Err(c.corrupt(format!("doc {doc} beyond {n_docs} documents")));
        }
        let tf = c.varint_max(c.remaining() as u64, "term frequency")?;
        if tf == 0 {
            return Err(c.corrupt("zero term frequency"));
        }
        let mut pos: u64 = 0;
        for j in 0..tf {
            let p = c.varint()?;
            pos = if j == 0 {
                p
            } else if p == 0 {
                return Err(c.corrupt("position delta 0"));
            } else {
                pos.checked_add(p).ok_or_else(|| c.corrupt("position delta overflows"))?
            };
            if pos > u32::MAX as u64 {
                return Err(c.corrupt("position beyond u32"));
            }
            list.positions.push(pos as u32);
        }
        list.docs.push(doc as u32);
        list.starts.push(list.positions.len() as u32);
    }
    c.finish()?;
    if list.positions.len() as u64 != info.coll_freq {
        return Err(IndexError::Corrupt { piece: piece.into(), detail: "collection frequency differs from postings".into() });
    }
    Ok(list)
}

/// Checks that `info` is plausible for a postings piece body of `body_len` bytes.
pub(crate) fn check_info(info: &TermInfo, body_len: u64, n_docs: usize, what: &str, c: &Cursor) -> Result<(), IndexError> {
    if info.offset.checked_add(info.len).is_none_or(|e| e > body_len) {
        return Err(c.corrupt(format!("{what} postings range {}+{} beyond piece of {body_len} bytes", info.offset, info.len)));
    }
    if info.doc_freq as usize > n_docs || info.coll_freq < u64::from(info.doc_freq) {
        return Err(c.corrupt(format!("{what} has doc_freq {} and coll_freq {} for {n_docs} docs", info.doc_freq, info.coll_freq)));
    }
    Ok(())
}

/// Reads `doc_freq coll_freq offset len` (the `info` production); `piece` is filled in by the
/// caller from the manifest's ranges.
pub(crate) fn read_info(c: &mut Cursor) -> Result<TermInfo, IndexError> {
    Ok(TermInfo {
        doc_freq: c.varint_max(u32::MAX as u64, "doc_freq")? as u32,
        coll_freq: c.varint()?,
        piece: 0,
        offset: c.varint()?,
        len: c.varint()?,
    })
}

#[cfg(feature = "native")]
pub(crate) fn write_info(w: &mut Writer, info: &TermInfo) {
    w.varint(u64::from(info.doc_freq));
    w.varint(info.coll_freq);
    w.varint(info.offset);
    w.varint(info.len);
}

/// Which of `pieces` (postings entries in manifest order, ranges ascending) holds key `ord`.
pub(crate) fn piece_holding(pieces: &[&super::PieceEntry], ord: u32) -> Option<usize> {
    let i = pieces.partition_point(|e| e.to <= ord);
    pieces.get(i).filter(|e| e.from <= ord && ord < e.to).map(|_| i)
}
