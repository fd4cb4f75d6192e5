//! The index carried inside the page itself: the single file's data block.
//!
//! `cargo xtask build --single-file` writes `yuliao.html` with the manifest and every piece in
//! `<script type="application/octet-stream" id="yuliao-index" data-encoding="deflate+base64">`:
//! a pack (`b"YLPK"`, u32 LE count, then per entry u32 LE name length, UTF-8 name, u32 LE data
//! length, data; the manifest first), raw deflate, base64. Takes that text; returns a [`Pack`]
//! (`yuliao::index::pack`, the format's one reader and writer) that hands out each piece's
//! bytes by name, or an error that says which step failed. The `load` module uses it in place
//! of fetching `index/`; the engine reads the same bytes either way. Never panics on bad input.

pub use yuliao::index::pack::Pack;

/// The `id` of the data block (`xtask/src/single.rs` writes it).
pub const BLOCK_ID: &str = "yuliao-index";

/// Decodes the data block's text: base64 (whitespace ignored), inflate, unpack
/// ([`Pack::parse`]).
pub fn from_block(text: &str) -> Result<Pack, String> {
    let deflated = base64_decode(text)?;
    let bytes = miniz_oxide::inflate::decompress_to_vec_with_limit(&deflated, usize::MAX)
        .map_err(|_| "the embedded index does not inflate (damaged deflate data)".to_string())?;
    Pack::parse(bytes)
}

/// Standard base64 (`+`, `/`, `=` padding); ASCII whitespace is skipped.
pub fn base64_decode(text: &str) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let (mut acc, mut bits, mut ended) = (0u32, 0u32, false);
    for (i, c) in text.bytes().enumerate() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' => {
                ended = true;
                continue;
            }
            b' ' | b'\n' | b'\r' | b'\t' => continue,
            _ => return Err(format!("the embedded index is not base64 (at byte {i})")),
        };
        if ended {
            return Err(format!("the embedded index has base64 after its padding (at byte {i})"));
        }
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trips_every_length() {
        // The encodings of "", "f", "fo", … "foobar" (RFC 4648 §10).
        let vectors = ["", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"];
        for (n, v) in vectors.iter().enumerate() {
            assert_eq!(base64_decode(v).unwrap(), &b"foobar"[..n], "{v}");
        }
        assert_eq!(base64_decode("Zm9v\nYmFy\r\n").unwrap(), b"foobar");
        assert_eq!(base64_decode("+/+/").unwrap(), [0xfb, 0xff, 0xbf]);
        assert!(base64_decode("Zm9v!").is_err());
        assert!(base64_decode("Zg==Zg==").is_err());
    }

    fn pack(entries: &[(&str, &[u8])]) -> Vec<u8> {
        yuliao::index::pack::write(entries.iter().copied())
    }

    #[test]
    fn a_block_gives_the_pack_it_carries() {
        // Reading entries is `yuliao::index::pack`'s, tested there; here the block's encoding:
        // raw deflate, then base64 (as xtask writes it).
        let bytes = pack(&[("manifest.bin", &[9, 9]), ("docs-0-ab.bin", &[1, 2, 3]), ("empty.bin", &[])]);
        let p = Pack::parse(bytes.clone()).unwrap();
        assert_eq!(p.get("docs-0-ab.bin"), Some(&[1u8, 2, 3][..]));
        let deflated = miniz_oxide::deflate::compress_to_vec(&bytes, 9);
        let text = base64_encode(&deflated);
        assert_eq!(from_block(&text).unwrap(), p);
    }

    #[test]
    fn damaged_packs_are_errors() {
        let bytes = pack(&[("manifest.bin", &[9, 9, 9, 9])]);
        for cut in 0..bytes.len() {
            assert!(Pack::parse(bytes[..cut].to_vec()).is_err(), "cut at {cut}");
        }
        assert!(Pack::parse(b"NOPE\0\0\0\0".to_vec()).is_err());
        assert!(from_block("AAAA").is_err(), "not deflate");
    }

    fn base64_encode(bytes: &[u8]) -> String {
        const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut out = String::new();
        for chunk in bytes.chunks(3) {
            let n = chunk.iter().enumerate().fold(0u32, |n, (i, &b)| n | (u32::from(b) << (16 - 8 * i)));
            for i in 0..4 {
                out.push(if i <= chunk.len() { A[(n >> (18 - 6 * i)) as usize & 63] as char } else { '=' });
            }
        }
        out
    }
}
