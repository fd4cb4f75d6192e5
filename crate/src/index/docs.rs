//! *Who wrote document d, how long is it?* Document metadata (id, title, bylines, units, kind,
//! lengths), deflated in pieces by document range: a hit list loads the pieces of its hits,
//! not the whole archive's metadata.

use super::bytes::{inflate, Cursor};
#[cfg(feature = "native")]
use super::bytes::{deflate, Writer};
use super::{kind_from_code, DocMeta, IndexError, PieceEntry};
#[cfg(feature = "native")]
use super::{kind_code, PIECE_TARGET_BYTES};

/// One loaded piece: documents `from .. from + docs.len()`.
pub(crate) struct DocsPiece {
    pub from: u32,
    pub docs: Vec<DocMeta>,
}

impl DocsPiece {
    pub fn get(&self, doc: u32) -> Option<&DocMeta> {
        self.docs.get(doc.checked_sub(self.from)? as usize)
    }
}

#[cfg(feature = "native")]
fn write_doc(w: &mut Writer, m: &DocMeta) {
    w.varint(u64::from(m.issue));
    w.str(&m.id);
    w.opt_str(&m.title);
    w.opt_str(&m.subtitle);
    w.u8(kind_code(m.kind));
    w.opt_str(&m.column);
    w.strs(&m.authors);
    w.strs(&m.photographers);
    w.strs(&m.units);
    for v in [m.tokens, m.title_tokens, m.title_chars, m.body_chars, m.text_chars] {
        w.varint(u64::from(v));
    }
}

/// Piece bodies for `metas`, cut when the raw metadata passes twice [`PIECE_TARGET_BYTES`]
/// (it deflates to about half); `(from, to, body)` per piece, at least one.
#[cfg(feature = "native")]
pub(crate) fn write(metas: &[DocMeta]) -> Vec<(u32, u32, Vec<u8>)> {
    let mut out = Vec::new();
    let mut raw = Writer::new();
    let mut from = 0usize;
    let flush = |raw: &mut Writer, from: usize, to: usize, out: &mut Vec<(u32, u32, Vec<u8>)>| {
        let mut w = Writer::new();
        w.varint(raw.buf.len() as u64);
        w.buf.extend_from_slice(&deflate(&raw.buf));
        raw.buf.clear();
        out.push((from as u32, to as u32, w.buf));
    };
    for (d, m) in metas.iter().enumerate() {
        if raw.buf.len() >= 2 * PIECE_TARGET_BYTES {
            flush(&mut raw, from, d, &mut out);
            from = d;
        }
        write_doc(&mut raw, m);
    }
    flush(&mut raw, from, metas.len(), &mut out);
    out
}

/// Decodes a docs piece; `n_issues` bounds each document's issue.
pub(crate) fn read(entry: &PieceEntry, body: &[u8], n_issues: usize) -> Result<DocsPiece, IndexError> {
    let mut c = Cursor::new(body, &entry.name);
    let raw_len = c.varint()?;
    let comp = c.take(c.remaining())?;
    if raw_len > (comp.len() as u64).saturating_mul(1100) + 4096 {
        return Err(c.corrupt(format!("inflated length {raw_len} impossible for {} compressed bytes", comp.len())));
    }
    let raw = inflate(&entry.name, comp, raw_len as usize)?;
    let mut c = Cursor::new(&raw, &entry.name);
    let mut docs = Vec::new();
    for _ in entry.from..entry.to {
        if n_issues == 0 {
            return Err(c.corrupt("documents without issues"));
        }
        let issue = c.varint_max(n_issues as u64 - 1, "issue of doc")? as u32;
        let id = c.str()?;
        let title = c.opt_str()?;
        let subtitle = c.opt_str()?;
        let code = c.u8()?;
        let kind = kind_from_code(code).ok_or_else(|| c.corrupt(format!("unknown article kind {code}")))?;
        let column = c.opt_str()?;
        let authors = c.strs()?;
        let photographers = c.strs()?;
        let units = c.strs()?;
        let mut v = [0u32; 5];
        for x in v.iter_mut() {
            *x = c.varint_max(u32::MAX as u64, "doc length")? as u32;
        }
        let [tokens, title_tokens, title_chars, body_chars, text_chars] = v;
        if title_chars > body_chars || body_chars > text_chars {
            return Err(c.corrupt(format!("doc {id}: title {title_chars} / body {body_chars} / text {text_chars} chars out of order")));
        }
        docs.push(DocMeta { issue, id, title, subtitle, kind, column, authors, photographers, units, tokens, title_tokens, title_chars, body_chars, text_chars });
    }
    c.finish()?;
    Ok(DocsPiece { from: entry.from, docs })
}
