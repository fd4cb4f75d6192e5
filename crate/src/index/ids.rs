//! *Which document has article id X?* A shared link names an article by id
//! (`#/article/<id>`); this map answers without reading any metadata: `fst::Map` pieces from
//! id to document number, cut by id range like the term dictionary, so opening a link on an
//! archive fetches one small piece before the article itself.

use super::bytes::Cursor;
#[cfg(feature = "builder")]
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
#[cfg(feature = "builder")]
pub(crate) fn write(ids: &[(&str, u32)], cut: usize) -> Result<Vec<(u32, u32, Vec<u8>)>, IndexError> {
    let entries: Vec<(&[u8], u64)> = ids.iter().map(|(id, doc)| (id.as_bytes(), u64::from(*doc))).collect();
    write_map(&entries, cut, "ids")
}

/// Pieces of an `fst::Map` over `entries` (keys sorted by bytes, distinct), each of about
/// `cut` bytes deflated: `(from, to, body)` per piece, at least one. The id map's format, also
/// the pinyin table's ([`super::pinyin`]).
#[cfg(feature = "builder")]
pub(crate) fn write_map(entries: &[(&[u8], u64)], cut: usize, what: &str) -> Result<Vec<(u32, u32, Vec<u8>)>, IndexError> {
    let fst_err = |e: fst::Error| IndexError::Corrupt { piece: what.into(), detail: format!("fst build: {e}") };
    let mut out = Vec::new();
    let mut from = 0usize;
    loop {
        let mut to = from;
        let mut size = 0usize;
        // Keys share long prefixes: the fst keeps about a third of their bytes.
        while to < entries.len() && (to == from || size < 3 * cut) {
            size += entries[to].0.len() + 3;
            to += 1;
        }
        let mut builder = fst::MapBuilder::memory();
        for (key, value) in &entries[from..to] {
            builder.insert(key, *value).map_err(fst_err)?;
        }
        let raw = builder.into_inner().map_err(fst_err)?;
        let mut w = Writer::new();
        w.deflated(&raw);
        out.push((from as u32, to as u32, w.buf));
        if to >= entries.len() {
            return Ok(out);
        }
        from = to;
    }
}

/// Decodes an id piece: it must hold exactly the entry's number of ids, starting with its
/// first key, each naming a document below `n_docs`.
pub(crate) fn read(entry: &PieceEntry, body: &[u8], n_docs: usize) -> Result<IdsPiece, IndexError> {
    let map = read_map(entry, body, "id map", |v| (v < n_docs as u64).then_some(()).ok_or_else(|| format!("an id names document {v} of {n_docs}")))?;
    Ok(IdsPiece { map })
}

/// Decodes a piece written by [`write_map`]: exactly the entry's number of keys, the first
/// one the manifest's, every value passing `check`.
pub(crate) fn read_map(
    entry: &PieceEntry,
    body: &[u8],
    what: &str,
    check: impl Fn(u64) -> Result<(), String>,
) -> Result<fst::Map<Vec<u8>>, IndexError> {
    let mut c = Cursor::new(body, &entry.name);
    let raw = c.deflated_rest(&format!("{what} length"))?;
    let map = fst::Map::new(raw).map_err(|e| c.corrupt(format!("{what}: {e}")))?;
    if !super::bytes::fst_checksum_ok(map.as_fst().as_bytes()) {
        return Err(c.corrupt(format!("{what} checksum differs")));
    }
    if map.len() as u64 != u64::from(entry.to - entry.from) {
        return Err(c.corrupt(format!("holds {} keys, the manifest says {}", map.len(), entry.to - entry.from)));
    }
    use fst::Streamer;
    let mut s = map.stream();
    let mut first = true;
    while let Some((k, v)) = s.next() {
        check(v).map_err(|e| c.corrupt(e))?;
        if first && k != entry.first.as_bytes() {
            return Err(c.corrupt(format!("the first key of the {what} differs from the manifest's")));
        }
        first = false;
    }
    drop(s);
    Ok(map)
}
