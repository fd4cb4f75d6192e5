//! *Which documents hold this key, where?* Posting lists of the word, character and bigram
//! tiers: `(doc_delta tf_code [title_tf] pos_delta[tf])[doc_freq]` varints, concatenated in key
//! order and deflated into pieces of about [`PIECE_TARGET_BYTES`] (grammar in the [`super`]
//! module doc).
//!
//! Each document's entry says how many of its occurrences lie in the title (the first
//! `title_tf` positions, as the title comes first in the search text), so ranking boosts title
//! matches from the list alone: scoring the thousands of matches of a common word on an archive
//! needs one length per document (the norms) and no title extents.
//!
//! A piece is inflated once when loaded and kept as bytes; a list is decoded only when a query reads it,
//! with every delta, count and length checked against the [`TermInfo`] that points at it.

use super::bytes::Cursor;
#[cfg(feature = "native")]
use super::bytes::Writer;
use super::{IndexError, TermInfo};

/// A decoded posting list: for each document (ascending), its positions (ascending).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PostingList {
    pub docs: Vec<u32>,
    /// `positions[starts[i]..starts[i + 1]]` belong to `docs[i]`.
    pub starts: Vec<u32>,
    pub positions: Vec<u32>,
    /// `titles[i]`: how many of `docs[i]`'s positions (the first ones) lie in its title.
    pub titles: Vec<u32>,
}

impl PostingList {
    /// Positions of the i-th document of the list.
    pub fn positions_at(&self, i: usize) -> &[u32] {
        let a = self.starts.get(i).copied().unwrap_or(0) as usize;
        let b = self.starts.get(i + 1).copied().unwrap_or(0) as usize;
        self.positions.get(a..b).unwrap_or(&[])
    }
    /// How many of the i-th document's positions (its first ones) lie in its title.
    pub fn title_count_at(&self, i: usize) -> usize {
        self.titles.get(i).copied().unwrap_or(0) as usize
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

/// Encodes posting lists, pushed in key order, into piece bodies of about
/// [`PIECE_TARGET_BYTES`]; [`Encoder::finish`] returns each key's info (its `piece` counts
/// among the returned bodies) and the bodies with their key range `[from, to)`.
#[cfg(feature = "native")]
pub(crate) struct Encoder {
    /// Raw list bytes gathered per piece: 1.5 times the piece size, as they deflate to about
    /// two thirds.
    raw_cut: usize,
    infos: Vec<TermInfo>,
    bodies: Vec<(u32, u32, Vec<u8>)>,
    buf: Writer,
    from: u32,
    /// The list being written: its first byte, documents and positions so far.
    offset: u64,
    docs: u32,
    positions: u64,
    prev_doc: u32,
}

#[cfg(feature = "native")]
impl Encoder {
    /// An encoder cutting pieces of about `cut` bytes.
    pub fn new(cut: usize) -> Encoder {
        Encoder {
            raw_cut: cut * 3 / 2,
            infos: Vec::new(),
            bodies: Vec::new(),
            buf: Writer::new(),
            from: 0,
            offset: 0,
            docs: 0,
            positions: 0,
            prev_doc: 0,
        }
    }

    /// Starts the next key's list.
    pub fn start_list(&mut self) {
        let ord = self.infos.len() as u32;
        if self.buf.buf.len() >= self.raw_cut {
            self.bodies.push((self.from, ord, seal_lists(&std::mem::take(&mut self.buf.buf))));
            self.from = ord;
        }
        self.offset = self.buf.buf.len() as u64;
        self.docs = 0;
        self.positions = 0;
        self.prev_doc = 0;
    }

    /// Adds one document (ascending, after the previous one) with its positions (ascending,
    /// not empty) to the current list; positions below `title_end` lie in its title.
    pub fn push_doc(&mut self, doc: u32, positions: &[u32], title_end: u32) {
        let b = &mut self.buf;
        b.varint(u64::from(if self.docs == 0 { doc } else { doc - self.prev_doc }));
        self.prev_doc = doc;
        self.docs += 1;
        let in_title = positions.partition_point(|&p| p < title_end) as u64;
        b.varint(positions.len() as u64 * 2 + u64::from(in_title > 0));
        if in_title > 0 {
            b.varint(in_title);
        }
        let mut prev = 0u32;
        for (j, p) in positions.iter().enumerate() {
            b.varint(u64::from(if j == 0 { *p } else { p - prev }));
            prev = *p;
        }
        self.positions += positions.len() as u64;
    }

    /// Ends the current list.
    pub fn end_list(&mut self) {
        self.infos.push(TermInfo {
            doc_freq: self.docs,
            coll_freq: self.positions,
            piece: self.bodies.len() as u32,
            offset: self.offset,
            len: self.buf.buf.len() as u64 - self.offset,
        });
    }

    /// One whole list from accumulated [`Postings`]; `title_end(doc)`: where that document's
    /// title ends, in this tier's positions.
    pub fn push(&mut self, list: &Postings, title_end: &impl Fn(u32) -> u32) {
        self.start_list();
        let mut start = 0usize;
        for (&doc, &end) in list.docs.iter().zip(&list.ends) {
            self.push_doc(doc, &list.positions[start..end], title_end(doc));
            start = end;
        }
        self.end_list();
    }

    pub fn finish(mut self) -> (Vec<TermInfo>, Vec<(u32, u32, Vec<u8>)>) {
        self.bodies.push((self.from, self.infos.len() as u32, seal_lists(&self.buf.buf)));
        (self.infos, self.bodies)
    }
}

/// A postings piece body: `raw_len:varint deflate(lists)`. Varints of small deltas still
/// deflate to about two thirds; a page that reads a piece inflates it once.
#[cfg(feature = "native")]
fn seal_lists(raw: &[u8]) -> Vec<u8> {
    let mut w = Writer::new();
    w.deflated(raw);
    w.buf
}

/// The lists of a postings piece body, inflated (see [`seal_lists`]).
pub(crate) fn open_lists(piece: &str, body: &[u8]) -> Result<Vec<u8>, IndexError> {
    Cursor::new(body, piece).deflated_rest("postings length")
}

/// Encodes accumulated posting lists in key order (see [`Encoder`]).
#[cfg(feature = "native")]
pub(crate) fn encode<'a>(
    lists: impl Iterator<Item = &'a Postings>,
    cut: usize,
    title_end: impl Fn(u32) -> u32,
) -> (Vec<TermInfo>, Vec<(u32, u32, Vec<u8>)>) {
    let mut e = Encoder::new(cut);
    for list in lists {
        e.push(list, &title_end);
    }
    e.finish()
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
        titles: Vec::with_capacity((info.doc_freq as usize).min(bytes.len())),
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
        let code = c.varint_max(2 * c.remaining() as u64 + 1, "term frequency")?;
        let tf = code / 2;
        if tf == 0 {
            return Err(c.corrupt("zero term frequency"));
        }
        let in_title = if code & 1 == 1 { c.varint_max(tf, "title occurrences")? } else { 0 };
        if code & 1 == 1 && in_title == 0 {
            return Err(c.corrupt("zero title occurrences"));
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
        list.titles.push(in_title as u32);
    }
    c.finish()?;
    if list.positions.len() as u64 != info.coll_freq {
        return Err(IndexError::Corrupt { piece: piece.into(), detail: "collection frequency differs from postings".into() });
    }
    Ok(list)
}

/// Checks that `info` is plausible for a corpus of `n_docs` documents (its byte range is
/// checked against the inflated piece when the list is decoded).
pub(crate) fn check_info(info: &TermInfo, n_docs: usize, what: &str, c: &Cursor) -> Result<(), IndexError> {
    if info.doc_freq as usize > n_docs || info.doc_freq == 0 {
        return Err(c.corrupt(format!("{what} has doc_freq {} for {n_docs} docs", info.doc_freq)));
    }
    Ok(())
}

/// Reads `doc_freq extra len` (the `info` production: `coll_freq = doc_freq + extra`); the
/// caller places it (`piece`, `offset`) from the manifest's ranges and the lists before it.
pub(crate) fn read_info(c: &mut Cursor) -> Result<TermInfo, IndexError> {
    let doc_freq = c.varint_max(u32::MAX as u64, "doc_freq")? as u32;
    let extra = c.varint()?;
    let coll_freq = u64::from(doc_freq).checked_add(extra).ok_or_else(|| c.corrupt("collection frequency overflows"))?;
    Ok(TermInfo { doc_freq, coll_freq, piece: 0, offset: 0, len: c.varint()? })
}

#[cfg(feature = "native")]
pub(crate) fn write_info(w: &mut Writer, info: &TermInfo) {
    w.varint(u64::from(info.doc_freq));
    w.varint(info.coll_freq - u64::from(info.doc_freq));
    w.varint(info.len);
}

/// Which of `pieces` (postings entries in manifest order, ranges ascending) holds key `ord`.
pub(crate) fn piece_holding(pieces: &[&super::PieceEntry], ord: u32) -> Option<usize> {
    let i = pieces.partition_point(|e| e.to <= ord);
    pieces.get(i).filter(|e| e.from <= ord && ord < e.to).map(|_| i)
}
