//! *What does the corpus, one kind or one unit say most?* Precomputed tables, one piece per
//! group (`all`, `kind:<kind>`, `unit:<unit>`): the group's article and token counts, its
//! facets (articles per kind, unit, author and photographer) and its [`FREQ_TABLE_ROWS`] most frequent words
//! with their counts. Corpus-wide views read one small piece instead of every posting list.

use super::bytes::Cursor;
#[cfg(feature = "builder")]
use super::bytes::Writer;
use super::{Facets, IndexError, PieceEntry};

/// The group key of the whole corpus.
pub const ALL: &str = "all";

/// One word of a frequency table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRow {
    pub term: String,
    /// Occurrences in the group.
    pub count: u64,
    /// Articles of the group holding it.
    pub articles: u32,
}

/// One loaded table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupTable {
    pub group: String,
    pub articles: u32,
    pub tokens: u64,
    pub facets: Facets,
    /// Most frequent first, ties by term.
    pub rows: Vec<TableRow>,
    /// True when the group has more distinct words than `rows` holds.
    pub truncated: bool,
}

#[cfg(feature = "builder")]
fn write_counts(w: &mut Writer, counts: &[(String, usize)]) {
    w.varint(counts.len() as u64);
    for (name, n) in counts {
        w.str(name);
        w.varint(*n as u64);
    }
}

fn read_counts(c: &mut Cursor) -> Result<Vec<(String, usize)>, IndexError> {
    let n = c.varint_max(c.remaining() as u64, "facet count")?;
    (0..n).map(|_| Ok((c.str()?, c.varint_max(u32::MAX as u64, "facet articles")? as usize))).collect()
}

/// The body of one table.
#[cfg(feature = "builder")]
pub(crate) fn write(t: &GroupTable) -> Vec<u8> {
    let mut w = Writer::new();
    w.str(&t.group);
    w.varint(u64::from(t.articles));
    w.varint(t.tokens);
    write_counts(&mut w, &t.facets.kinds);
    write_counts(&mut w, &t.facets.units);
    write_counts(&mut w, &t.facets.authors);
    write_counts(&mut w, &t.facets.photographers);
    w.u8(u8::from(t.truncated));
    w.varint(t.rows.len() as u64);
    for r in &t.rows {
        w.str(&r.term);
        w.varint(r.count);
        w.varint(u64::from(r.articles));
    }
    w.buf
}

/// Decodes a table; its group must be the one the manifest names.
pub(crate) fn read(entry: &PieceEntry, body: &[u8]) -> Result<GroupTable, IndexError> {
    let mut c = Cursor::new(body, &entry.name);
    let group = c.str()?;
    if group != entry.first {
        return Err(c.corrupt(format!("table of group \"{group}\", the manifest says \"{}\"", entry.first)));
    }
    let articles = c.varint_max(u32::MAX as u64, "articles")? as u32;
    let tokens = c.varint()?;
    let facets = Facets {
        kinds: read_counts(&mut c)?,
        units: read_counts(&mut c)?,
        authors: read_counts(&mut c)?,
        photographers: read_counts(&mut c)?,
    };
    let truncated = match c.u8()? {
        0 => false,
        1 => true,
        b => return Err(c.corrupt(format!("truncated flag {b}"))),
    };
    let n = c.varint_max(c.remaining() as u64, "row count")?;
    let mut rows: Vec<TableRow> = Vec::with_capacity(n as usize);
    for _ in 0..n {
        let row = TableRow { term: c.str()?, count: c.varint()?, articles: c.varint_max(u32::MAX as u64, "articles")? as u32 };
        if row.count == 0 || rows.last().is_some_and(|p| p.count < row.count) {
            return Err(c.corrupt(format!("row {} out of order", row.term)));
        }
        rows.push(row);
    }
    c.finish()?;
    Ok(GroupTable { group, articles, tokens, facets, rows, truncated })
}
