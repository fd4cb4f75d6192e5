//! *Which document has article id X?* A shared link names an article by id
//! (`#/article/<id>`); this map answers without reading any metadata: `fst::Map` pieces from
//! id to document number, cut by id range like the term dictionary, so opening a link on an
//! archive fetches one small piece before the article itself.

use super::bytes::Cursor;
#[cfg(feature = "native")]
use super::bytes::Writer;
use super::{IndexError, PieceEntry};

/// One loaded piece of the id map.
pub(crate) struct IdsPiece {
    pub map: fst::Map<Vec<u8>>,
}

impl IdsPiece {
    pub fn get(&self, id: &str) -> Option<u32> {
        self.map.get(id.as_bytes()).map(|d| d as u32)
    }
}

/// Pieces for `ids` (sorted by bytes, distinct) with their documents, of about `cut` bytes;
/// `(from, to, body)` per piece, `from..to` counting ids.
#[cfg(feature = "native")]
pub(crate) fn write(ids: &[(&str, u32)], cut: usize) -> Result<Vec<(u32, u32, Vec<u8>)>, IndexError> {
    let fst_err = |e: fst::Error| IndexError::Corrupt { piece: "ids".into(), detail: format!("fst build: {e}") };
    let mut out = Vec::new();
    let mut from = 0usize;
    loop {
        let mut to = from;
        let mut size = 0usize;
        // Ids share long prefixes: the fst keeps about a third of their bytes.
        while to < ids.len() && (to == from || size < 3 * cut) {
            size += ids[to].0.len() + 3;
            to += 1;
        }
        let mut builder = fst::MapBuilder::memory();
        for (id, doc) in &ids[from..to] {
            builder.insert(id.as_bytes(), u64::from(*doc)).map_err(fst_err)?;
        }
        let raw = builder.into_inner().map_err(fst_err)?;
        let mut w = Writer::new();
        w.deflated(&raw);
        out.push((from as u32, to as u32, w.buf));
        if to >= ids.len() {
            return Ok(out);
        }
        from = to;
    }
}

/// Decodes an id piece: it must hold exactly the entry's number of ids, starting with its
/// first key, each naming a document below `n_docs`.
pub(crate) fn read(entry: &PieceEntry, body: &[u8], n_docs: usize) -> Result<IdsPiece, IndexError> {
    let mut c = Cursor::new(body, &entry.name);
    let raw = c.deflated_rest("id map length")?;
    let map = fst::Map::new(raw).map_err(|e| c.corrupt(format!("id map: {e}")))?;
    if !super::bytes::fst_checksum_ok(map.as_fst().as_bytes()) {
        return Err(c.corrupt("id map checksum differs"));
    }
    if map.len() as u64 != u64::from(entry.to - entry.from) {
        return Err(c.corrupt(format!("holds {} ids, the manifest says {}", map.len(), entry.to - entry.from)));
    }
    use fst::Streamer;
    let mut s = map.stream();
    let mut first = true;
    while let Some((k, v)) = s.next() {
        if v >= n_docs as u64 {
            return Err(c.corrupt(format!("an id names document {v} of {n_docs}")));
        }
        if first && k != entry.first.as_bytes() {
            return Err(c.corrupt("the first id differs from the manifest's"));
        }
        first = false;
    }
    Ok(IdsPiece { map })
}
