//! *How long is document d, where do its parts lie, what kind is it?* Two small per-document
//! components, deflated in pieces by document range:
//! - [`DocNorms`] ([`super::PieceKind::Norms`]): the length BM25 ranking needs;
//! - [`DocLayout`] ([`super::PieceKind::Layout`]): where title, body, bylines and units lie in
//!   the search text, and the kind, for theme and concordance counts and field filters.
//!
//! A query that matches thousands of articles across an archive scores every one of them; with
//! these apart from the metadata ([`super::docs`]: ids, titles, bylines, paragraphs) it fetches a
//! few bytes a candidate, and metadata only for the hits it shows. The two are apart from each
//! other because a plain search needs only the first (on chinese-poetry, 250 of the 680 KB the
//! two take together: a search fetches all of it when its matches spread over the archive).

use super::bytes::Cursor;
#[cfg(feature = "builder")]
use super::bytes::Writer;
use super::{DocLayout, DocNorms, IndexError, PieceEntry};

/// One loaded piece of either component: documents `from .. from + docs.len()`.
pub(crate) struct PerDoc<T> {
    pub from: u32,
    pub docs: Vec<T>,
}

impl<T: Copy> PerDoc<T> {
    pub fn get(&self, doc: u32) -> Option<T> {
        self.docs.get(doc.checked_sub(self.from)? as usize).copied()
    }
}

/// Piece bodies for one component: each document written by `put`, pieces cut when the raw
/// bytes pass twice `cut` (they deflate to about half); `(from, to, body)` per piece, at least
/// one.
#[cfg(feature = "builder")]
fn write_pieces<T>(docs: &[T], cut: usize, put: impl Fn(&mut Writer, &T)) -> Vec<(u32, u32, Vec<u8>)> {
    let mut out = Vec::new();
    let mut raw = Writer::new();
    let mut from = 0usize;
    let flush = |raw: &mut Writer, from: usize, to: usize, out: &mut Vec<(u32, u32, Vec<u8>)>| {
        let mut w = Writer::new();
        w.deflated(&raw.buf);
        raw.buf.clear();
        out.push((from as u32, to as u32, w.buf));
    };
    for (d, doc) in docs.iter().enumerate() {
        if raw.buf.len() >= 2 * cut {
            flush(&mut raw, from, d, &mut out);
            from = d;
        }
        put(&mut raw, doc);
    }
    flush(&mut raw, from, docs.len(), &mut out);
    out
}

/// Decodes a piece of one component: exactly the entry's document range, each by `get`.
fn read_pieces<T>(
    entry: &PieceEntry,
    body: &[u8],
    get: impl Fn(&mut Cursor) -> Result<T, IndexError>,
) -> Result<PerDoc<T>, IndexError> {
    let raw = Cursor::new(body, &entry.name).deflated_rest("length")?;
    let mut r = Cursor::new(&raw, &entry.name);
    let n = (entry.to - entry.from) as usize;
    let mut docs = Vec::with_capacity(n.min(raw.len()));
    for _ in 0..n {
        docs.push(get(&mut r)?);
    }
    r.finish()?;
    Ok(PerDoc { from: entry.from, docs })
}

#[cfg(feature = "builder")]
pub(crate) fn write_norms(norms: &[DocNorms], cut: usize) -> Vec<(u32, u32, Vec<u8>)> {
    write_pieces(norms, cut, |w, n| w.varint(u64::from(n.tokens)))
}

pub(crate) fn read_norms(entry: &PieceEntry, body: &[u8]) -> Result<PerDoc<DocNorms>, IndexError> {
    let max = u32::MAX as u64;
    read_pieces(entry, body, |r| {
        Ok(DocNorms { tokens: r.varint_max(max, "tokens")? as u32 })
    })
}

#[cfg(feature = "builder")]
pub(crate) fn write_layout(layout: &[DocLayout], cut: usize) -> Vec<(u32, u32, Vec<u8>)> {
    write_pieces(layout, cut, |w, l| {
        for v in [l.title_chars, l.body_chars, l.authors_start - l.body_chars, l.units_start - l.authors_start] {
            w.varint(u64::from(v));
        }
        w.u8(super::kind_code(l.kind));
    })
}

/// Every title must lie inside its body, and offsets must not overflow.
pub(crate) fn read_layout(entry: &PieceEntry, body: &[u8]) -> Result<PerDoc<DocLayout>, IndexError> {
    let max = u32::MAX as u64;
    read_pieces(entry, body, |r| {
        let title_chars = r.varint_max(max, "title chars")? as u32;
        let body_chars = r.varint_max(max, "body chars")? as u32;
        let sub = r.varint_max(max, "subtitle chars")? as u32;
        let bylines = r.varint_max(max, "byline chars")? as u32;
        let code = r.u8()?;
        let kind = super::kind_from_code(code).ok_or_else(|| r.corrupt(format!("unknown article kind {code}")))?;
        if title_chars > body_chars {
            return Err(r.corrupt(format!("a title of {title_chars} chars in a body of {body_chars}")));
        }
        let authors_start = body_chars.checked_add(sub).ok_or_else(|| r.corrupt("offsets overflow"))?;
        let units_start = authors_start.checked_add(bylines).ok_or_else(|| r.corrupt("offsets overflow"))?;
        Ok(DocLayout { title_chars, body_chars, authors_start, units_start, kind })
    })
}
