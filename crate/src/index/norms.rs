//! *How long is document d, where do its title, body, bylines and units start, what kind is
//! it?* The lengths that ranking, counting and field filters need, a few bytes a document,
//! deflated in pieces by document range.
//!
//! A query that matches thousands of articles across an archive scores every one of them; with
//! the lengths apart from the metadata ([`super::docs`]: ids, titles, bylines, ~20 times the
//! bytes) it fetches only these pieces, and metadata only for the hits it shows.

use super::bytes::Cursor;
#[cfg(feature = "native")]
use super::bytes::Writer;
use super::{DocNorms, IndexError, PieceEntry};

/// One loaded piece: documents `from .. from + docs.len()`.
pub(crate) struct NormsPiece {
    pub from: u32,
    pub docs: Vec<DocNorms>,
}

impl NormsPiece {
    pub fn get(&self, doc: u32) -> Option<DocNorms> {
        self.docs.get(doc.checked_sub(self.from)? as usize).copied()
    }
}

/// Piece bodies for `norms`, cut when the raw varints pass twice `cut` (they deflate to about
/// half); `(from, to, body)` per piece, at least one.
#[cfg(feature = "native")]
pub(crate) fn write(norms: &[DocNorms], cut: usize) -> Vec<(u32, u32, Vec<u8>)> {
    let mut out = Vec::new();
    let mut raw = Writer::new();
    let mut from = 0usize;
    let flush = |raw: &mut Writer, from: usize, to: usize, out: &mut Vec<(u32, u32, Vec<u8>)>| {
        let mut w = Writer::new();
        w.deflated(&raw.buf);
        raw.buf.clear();
        out.push((from as u32, to as u32, w.buf));
    };
    for (d, n) in norms.iter().enumerate() {
        if raw.buf.len() >= 2 * cut {
            flush(&mut raw, from, d, &mut out);
            from = d;
        }
        for v in [n.tokens, n.title_tokens, n.title_chars, n.body_chars, n.authors_start - n.body_chars, n.units_start - n.authors_start] {
            raw.varint(u64::from(v));
        }
        raw.u8(super::kind_code(n.kind));
    }
    flush(&mut raw, from, norms.len(), &mut out);
    out
}

/// Decodes a norms piece; it must hold exactly the entry's document range, and every title
/// must lie inside its body.
pub(crate) fn read(entry: &PieceEntry, body: &[u8]) -> Result<NormsPiece, IndexError> {
    let mut c = Cursor::new(body, &entry.name);
    let raw = c.deflated_rest("norms length")?;
    let mut r = Cursor::new(&raw, &entry.name);
    let n = (entry.to - entry.from) as usize;
    let mut docs = Vec::with_capacity(n.min(raw.len()));
    let max = u32::MAX as u64;
    for _ in 0..n {
        let mut v = [0u32; 6];
        for (x, what) in v.iter_mut().zip(["tokens", "title tokens", "title chars", "body chars", "subtitle chars", "byline chars"]) {
            *x = r.varint_max(max, what)? as u32;
        }
        let [tokens, title_tokens, title_chars, body_chars, sub, bylines] = v;
        let code = r.u8()?;
        let kind = super::kind_from_code(code).ok_or_else(|| r.corrupt(format!("unknown article kind {code}")))?;
        if title_chars > body_chars {
            return Err(r.corrupt(format!("a title of {title_chars} chars in a body of {body_chars}")));
        }
        let authors_start = body_chars.checked_add(sub).ok_or_else(|| r.corrupt("offsets overflow"))?;
        let units_start = authors_start.checked_add(bylines).ok_or_else(|| r.corrupt("offsets overflow"))?;
        let d = DocNorms { tokens, title_tokens, title_chars, body_chars, authors_start, units_start, kind };
        docs.push(d);
    }
    r.finish()?;
    Ok(NormsPiece { from: entry.from, docs })
}
