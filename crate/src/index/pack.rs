//! *All of an index in one file:* the pack (`b"YLPK"`, u32 LE count, then per entry u32 LE name
//! length, the UTF-8 name, u32 LE data length, the data; the manifest first, as
//! `manifest.bin`). The single file's embedded index block (`cargo xtask build --single-file`,
//! read by `www/src/embedded.rs`) and the wasm parity fixture (`index.pack`, read by
//! `crate/tests/wasm_parity.rs`) are packs.
//!
//! One module owns the writer and the reader, so the three places that use the format cannot
//! drift apart. [`Pack::parse`] never panics on bad input: a damaged pack is an error that says
//! which step failed.

use std::ops::Range;

/// Packs named files into one (format in the module doc), in the order given.
pub fn write<'a>(entries: impl IntoIterator<Item = (&'a str, &'a [u8])>) -> Vec<u8> {
    let entries: Vec<_> = entries.into_iter().collect();
    let mut out = b"YLPK".to_vec();
    out.extend_from_slice(&(entries.len() as u32).to_le_bytes());
    for (name, bytes) in entries {
        out.extend_from_slice(&(name.len() as u32).to_le_bytes());
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
        out.extend_from_slice(bytes);
    }
    out
}

/// A read pack: its bytes and where each named entry lies in them (a list, not a map: a
/// lookup per piece loaded costs nothing next to the load, and a map of this type would add
/// its own copy of the map's code to the wasm every visitor of the folder downloads).
#[derive(Debug, PartialEq, Eq)]
pub struct Pack {
    bytes: Vec<u8>,
    entries: Vec<(String, Range<usize>)>,
}

impl Pack {
    /// Reads the entry table of a pack.
    pub fn parse(bytes: Vec<u8>) -> Result<Pack, String> {
        let truncated = || "the embedded index is truncated".to_string();
        let mut at = 4;
        if bytes.get(..4) != Some(b"YLPK") {
            return Err("the embedded index does not start with YLPK".into());
        }
        let u32_at = |at: &mut usize| -> Result<usize, String> {
            let b = bytes.get(*at..*at + 4).ok_or_else(truncated)?;
            *at += 4;
            Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
        };
        let count = u32_at(&mut at)?;
        let mut entries = Vec::with_capacity(count.min(bytes.len()));
        for _ in 0..count {
            let len = u32_at(&mut at)?;
            let name = bytes.get(at..at + len).ok_or_else(truncated)?;
            let name = std::str::from_utf8(name).map_err(|_| "a name in the embedded index is not UTF-8".to_string())?;
            at += len;
            let len = u32_at(&mut at)?;
            if bytes.len() < at + len {
                return Err(truncated());
            }
            entries.push((name.to_string(), at..at + len));
            at += len;
        }
        Ok(Pack { bytes, entries })
    }

    /// The bytes of the entry `name` (`manifest.bin` or a piece's file name).
    pub fn get(&self, name: &str) -> Option<&[u8]> {
        self.entries.iter().find(|(n, _)| n == name).map(|(_, r)| &self.bytes[r.clone()])
    }

    /// Every entry, in the pack's order: `(name, bytes)`.
    pub fn entries(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.entries.iter().map(|(n, r)| (n.as_str(), &self.bytes[r.clone()]))
    }

    /// Bytes of the whole pack, for the progress line.
    pub fn byte_len(&self) -> usize {
        self.bytes.len()
    }

    /// Bytes after the last entry (a whole pack has none).
    pub fn trailing_bytes(&self) -> usize {
        self.bytes.len() - self.entries.last().map_or(8, |(_, r)| r.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pack_layout() {
        let p = write([("manifest.bin", &[9u8, 9][..]), ("terms.bin", &[1, 2, 3][..])]);
        assert_eq!(&p[..4], b"YLPK");
        assert_eq!(u32::from_le_bytes(p[4..8].try_into().unwrap()), 2);
        assert_eq!(u32::from_le_bytes(p[8..12].try_into().unwrap()), 12);
        assert_eq!(&p[12..24], b"manifest.bin");
        assert_eq!(u32::from_le_bytes(p[24..28].try_into().unwrap()), 2);
        assert_eq!(&p[28..30], &[9, 9]);
        assert_eq!(&p[34..43], b"terms.bin");
        assert_eq!(&p[47..], &[1, 2, 3]);
    }

    #[test]
    fn a_pack_hands_out_each_entry_by_name() {
        let bytes = write([("manifest.bin", &[9u8, 9][..]), ("docs-0-ab.bin", &[1, 2, 3][..]), ("empty.bin", &[][..])]);
        let p = Pack::parse(bytes.clone()).unwrap();
        assert_eq!(p.get("manifest.bin"), Some(&[9u8, 9][..]));
        assert_eq!(p.get("docs-0-ab.bin"), Some(&[1u8, 2, 3][..]));
        assert_eq!(p.get("empty.bin"), Some(&[][..]));
        assert_eq!(p.get("other.bin"), None);
        assert_eq!(p.byte_len(), bytes.len());
        assert_eq!(p.entries().map(|(n, _)| n).collect::<Vec<_>>(), ["manifest.bin", "docs-0-ab.bin", "empty.bin"]);
        assert_eq!(p.trailing_bytes(), 0);
    }

    #[test]
    fn damaged_packs_are_errors() {
        let bytes = write([("manifest.bin", &[9u8, 9, 9, 9][..])]);
        for cut in 0..bytes.len() {
            assert!(Pack::parse(bytes[..cut].to_vec()).is_err(), "cut at {cut}");
        }
        assert!(Pack::parse(b"NOPE\0\0\0\0".to_vec()).is_err());
    }
}
