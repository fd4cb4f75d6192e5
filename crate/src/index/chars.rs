//! *Which documents hold this exact character?* The character table: every character of the
//! corpus's search texts with the [`TermInfo`] of its posting list (char offsets), in one small
//! piece. Together with [`super::postings`] it gives exact substring recall for any string.

use super::bytes::Cursor;
#[cfg(feature = "native")]
use super::bytes::Writer;
use super::postings::{check_info, piece_holding, read_info};
#[cfg(feature = "native")]
use super::postings::write_info;
use super::{IndexError, PieceEntry, TermInfo};

/// The loaded character table: chars strictly increasing.
pub(crate) struct CharTable {
    pub chars: Vec<(char, TermInfo)>,
}

impl CharTable {
    pub fn get(&self, c: char) -> Option<TermInfo> {
        self.chars.binary_search_by_key(&c, |(ch, _)| *ch).ok().map(|i| self.chars[i].1)
    }
}

/// The table's body for `chars` (strictly increasing) and their infos.
#[cfg(feature = "native")]
pub(crate) fn write(chars: &[char], infos: &[TermInfo]) -> Vec<u8> {
    let mut w = Writer::new();
    w.varint(chars.len() as u64);
    for (c, info) in chars.iter().zip(infos) {
        w.varint(u64::from(*c as u32));
        write_info(&mut w, info);
    }
    w.buf
}

/// Decodes the table; `postings` are the character postings entries in manifest order.
pub(crate) fn read(entry: &PieceEntry, body: &[u8], postings: &[&PieceEntry], n_docs: usize) -> Result<CharTable, IndexError> {
    let mut c = Cursor::new(body, &entry.name);
    let n = c.varint_max(c.remaining() as u64, "char count")? as usize;
    let mut chars: Vec<(char, TermInfo)> = Vec::with_capacity(n);
    for ord in 0..n {
        let code = c.varint_max(u32::MAX as u64, "char")? as u32;
        let ch = char::from_u32(code).ok_or_else(|| c.corrupt(format!("{code:#x} is not a char")))?;
        if chars.last().is_some_and(|(p, _)| *p >= ch) {
            return Err(c.corrupt("chars not strictly increasing"));
        }
        let mut info = read_info(&mut c)?;
        let p = piece_holding(postings, ord as u32).ok_or_else(|| c.corrupt(format!("no postings piece for char {ord}")))?;
        info.piece = p as u32;
        check_info(&info, postings[p].len.saturating_sub(super::HEADER_LEN as u64), n_docs, "char", &c)?;
        chars.push((ch, info));
    }
    c.finish()?;
    Ok(CharTable { chars })
}
