//! *Show me document d*: each document's paragraphs, deflated in blocks of
//! [`STORE_BLOCK_DOCS`] documents, blocks gathered into pieces of about
//! [`PIECE_TARGET_BYTES`]. Everything else an article has (title, bylines, kind) is in
//! [`super::docs`]; the reader puts the two together.

use super::bytes::{inflate, Cursor};
#[cfg(feature = "native")]
use super::bytes::{deflate, Writer};
use super::{IndexError, PieceEntry};
#[cfg(feature = "native")]
use super::{PIECE_TARGET_BYTES, STORE_BLOCK_DOCS};

/// Where one block sits in its piece body.
pub(crate) struct Block {
    pub first_doc: u32,
    pub docs: u32,
    pub raw_len: usize,
    pub offset: usize,
    pub len: usize,
}

/// One loaded store piece: its blocks, the body they point into, and the blocks inflated so far.
pub(crate) struct StorePiece {
    pub name: String,
    pub blocks: Vec<Block>,
    pub body: Vec<u8>,
    inflated: Vec<std::sync::OnceLock<Result<Vec<Vec<String>>, IndexError>>>,
}

impl StorePiece {
    /// The paragraphs of `doc` (its block is inflated once, then kept).
    pub fn paragraphs(&self, doc: u32) -> Result<Option<&[String]>, IndexError> {
        let b = self.blocks.partition_point(|b| b.first_doc + b.docs <= doc);
        let Some(block) = self.blocks.get(b).filter(|b| doc >= b.first_doc) else { return Ok(None) };
        let docs = self.inflated[b].get_or_init(|| self.inflate(block)).as_ref().map_err(Clone::clone)?;
        Ok(docs.get((doc - block.first_doc) as usize).map(Vec::as_slice))
    }

    fn inflate(&self, block: &Block) -> Result<Vec<Vec<String>>, IndexError> {
        let comp = self.body.get(block.offset..block.offset + block.len).unwrap_or(&[]);
        let raw = inflate(&self.name, comp, block.raw_len)?;
        let mut c = Cursor::new(&raw, &self.name);
        let docs = (0..block.docs).map(|_| c.strs()).collect::<Result<Vec<_>, _>>()?;
        c.finish()?;
        Ok(docs)
    }
}

/// Piece bodies holding `paragraphs[d]` for every document d; `(from, to, body)` per piece.
#[cfg(feature = "native")]
pub(crate) fn write(paragraphs: &[&[String]]) -> Vec<(u32, u32, Vec<u8>)> {
    let mut blocks: Vec<(u32, u32, usize, Vec<u8>)> = Vec::new();
    for (b, chunk) in paragraphs.chunks(STORE_BLOCK_DOCS).enumerate() {
        let mut raw = Writer::new();
        for paras in chunk {
            raw.strs(paras);
        }
        blocks.push(((b * STORE_BLOCK_DOCS) as u32, chunk.len() as u32, raw.buf.len(), deflate(&raw.buf)));
    }
    let mut out = Vec::new();
    let mut start = 0;
    loop {
        let mut end = start;
        let mut size = 0;
        while end < blocks.len() && (end == start || size + blocks[end].3.len() <= PIECE_TARGET_BYTES) {
            size += blocks[end].3.len();
            end += 1;
        }
        let mut w = Writer::new();
        w.varint((end - start) as u64);
        for (first, n, raw_len, comp) in &blocks[start..end] {
            w.varint(u64::from(*first));
            w.varint(u64::from(*n));
            w.varint(*raw_len as u64);
            w.varint(comp.len() as u64);
        }
        for (_, _, _, comp) in &blocks[start..end] {
            w.buf.extend_from_slice(comp);
        }
        let from = blocks.get(start).map_or(0, |b| b.0);
        let to = blocks.get(end.wrapping_sub(1)).map_or(0, |b| b.0 + b.1);
        out.push((from, to, w.buf));
        if end >= blocks.len() {
            return out;
        }
        start = end;
    }
}

/// Decodes a store piece's block table; blocks must cover exactly the entry's document range.
pub(crate) fn read(entry: &PieceEntry, body: Vec<u8>) -> Result<StorePiece, IndexError> {
    let mut c = Cursor::new(&body, &entry.name);
    let n = c.varint_max(c.remaining() as u64, "block count")?;
    let mut metas = Vec::new();
    let mut next_doc = entry.from;
    for _ in 0..n {
        let first_doc = c.varint_max(u32::MAX as u64, "first doc")? as u32;
        let count = c.varint_max(u32::MAX as u64, "block docs")? as u32;
        let raw_len = c.varint_max(u32::MAX as u64, "block length")? as usize;
        let len = c.varint_max(c.remaining() as u64, "compressed block length")? as usize;
        if first_doc != next_doc || count == 0 {
            return Err(c.corrupt(format!("block starts at doc {first_doc} with {count} docs, expected doc {next_doc}")));
        }
        next_doc = first_doc.checked_add(count).ok_or_else(|| c.corrupt("block doc range overflows"))?;
        if raw_len > len.saturating_mul(1100) + 4096 {
            return Err(c.corrupt(format!("inflated length {raw_len} impossible for {len} compressed bytes")));
        }
        metas.push((first_doc, count, raw_len, len));
    }
    if next_doc != entry.to {
        return Err(c.corrupt(format!("blocks end at doc {next_doc}, the manifest says {}", entry.to)));
    }
    let mut blocks = Vec::new();
    let mut offset = body.len() - c.remaining();
    for (first_doc, docs, raw_len, len) in metas {
        c.take(len)?;
        blocks.push(Block { first_doc, docs, raw_len, offset, len });
        offset += len;
    }
    c.finish()?;
    let inflated = blocks.iter().map(|_| std::sync::OnceLock::new()).collect();
    Ok(StorePiece { name: entry.name.clone(), blocks, body, inflated })
}
