//! Byte-level helpers shared by the index writer and reader: LEB128 varints, length-prefixed
//! strings, the piece header (magic, version, kind, length, CRC32) and a checked cursor.
//!
//! Takes raw bytes; returns values or an [`IndexError`] naming the piece and what was wrong.
//! Guarantees: no read ever indexes out of bounds or panics, whatever the input.

#![cfg_attr(not(feature = "builder"), allow(dead_code))]

use super::{IndexError, PieceKind, FORMAT_VERSION, HEADER_LEN, MAGIC, MIN_FORMAT_VERSION};

/// An append-only byte buffer with the encodings of the format spec.
#[derive(Default)]
pub(crate) struct Writer {
    pub buf: Vec<u8>,
}

impl Writer {
    pub fn new() -> Writer {
        Writer { buf: Vec::new() }
    }
    pub fn u8(&mut self, v: u8) {
        self.buf.push(v);
    }
    pub fn varint(&mut self, mut v: u64) {
        loop {
            let byte = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                self.buf.push(byte);
                return;
            }
            self.buf.push(byte | 0x80);
        }
    }
    pub fn u32le(&mut self, v: u32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    pub fn bytes(&mut self, b: &[u8]) {
        self.varint(b.len() as u64);
        self.buf.extend_from_slice(b);
    }
    pub fn str(&mut self, s: &str) {
        self.bytes(s.as_bytes());
    }
    pub fn opt_str(&mut self, s: &Option<String>) {
        match s {
            None => self.u8(0),
            Some(s) => {
                self.u8(1);
                self.str(s);
            }
        }
    }
    /// `raw_len:varint deflate(raw)`, what [`Cursor::deflated_rest`] reads.
    pub fn deflated(&mut self, raw: &[u8]) {
        self.varint(raw.len() as u64);
        self.buf.extend_from_slice(&deflate(raw));
    }

    /// `zlen:varint raw_len:varint deflate(raw)`: a deflated part that more bytes follow
    /// ([`Cursor::deflated_part`] reads it).
    pub fn deflated_part(&mut self, raw: &[u8]) {
        let z = deflate(raw);
        self.varint(z.len() as u64);
        self.varint(raw.len() as u64);
        self.buf.extend_from_slice(&z);
    }

    pub fn strs(&mut self, v: &[String]) {
        self.varint(v.len() as u64);
        for s in v {
            self.str(s);
        }
    }

    /// `values` Golomb-Rice coded with parameter `k` (the `rice` production): each value's
    /// quotient `v >> k` in unary (that many 1 bits, then a 0), then its `k` low bits; bits
    /// fill each byte from its lowest, the last byte padded with 0 bits.
    pub fn rice(&mut self, values: &[u64], k: u32) {
        self.rice_each(values.iter().map(|&v| (v, k)));
    }

    /// One bit each (the `flags` production): bits fill each byte from its lowest, the last
    /// byte padded with 0 bits.
    pub fn flags(&mut self, flags: impl IntoIterator<Item = bool>) {
        let (mut acc, mut n) = (0u8, 0u32);
        for f in flags {
            acc |= u8::from(f) << n;
            n += 1;
            if n == 8 {
                self.buf.push(acc);
                (acc, n) = (0, 0);
            }
        }
        if n > 0 {
            self.buf.push(acc);
        }
    }

    /// Like [`Writer::rice`], with a parameter for each value: `(value, k)`.
    pub fn rice_each(&mut self, values: impl IntoIterator<Item = (u64, u32)>) {
        let (mut acc, mut n) = (0u8, 0u32);
        let mut bit = |b: bool, buf: &mut Vec<u8>| {
            acc |= u8::from(b) << n;
            n += 1;
            if n == 8 {
                buf.push(acc);
                (acc, n) = (0, 0);
            }
        };
        for (v, k) in values {
            for _ in 0..v >> k {
                bit(true, &mut self.buf);
            }
            bit(false, &mut self.buf);
            for i in 0..k {
                bit(v >> i & 1 == 1, &mut self.buf);
            }
        }
        if n > 0 {
            self.buf.push(acc);
        }
    }
}

/// Bits appended one at a time, filling each byte from its lowest bit (as the `rice`
/// production); [`BitWriter::finish`] pads the last byte with 0 bits.
#[derive(Default)]
pub(crate) struct BitWriter {
    buf: Vec<u8>,
    acc: u8,
    n: u32,
}

impl BitWriter {
    pub fn bit(&mut self, b: bool) {
        self.acc |= u8::from(b) << self.n;
        self.n += 1;
        if self.n == 8 {
            self.buf.push(self.acc);
            (self.acc, self.n) = (0, 0);
        }
    }
    /// The `len` low bits of `v`, highest first.
    pub fn msb_first(&mut self, v: u32, len: u32) {
        for i in (0..len).rev() {
            self.bit(v >> i & 1 == 1);
        }
    }
    /// The bits `other` holds, after these (its padding left out).
    pub fn append(&mut self, other: BitWriter) {
        let len = other.bits();
        let bytes = other.finish();
        for i in 0..len {
            self.bit(bytes[i / 8] >> (i % 8) & 1 == 1);
        }
    }
    /// Bits written so far.
    pub fn bits(&self) -> usize {
        self.buf.len() * 8 + self.n as usize
    }
    pub fn finish(mut self) -> Vec<u8> {
        if self.n > 0 {
            self.buf.push(self.acc);
        }
        self.buf
    }
}

/// A checked reader over a piece body. Every read returns `IndexError::Corrupt` instead of
/// running past the end.
pub(crate) struct Cursor<'a> {
    data: &'a [u8],
    pos: usize,
    piece: &'a str,
}

impl<'a> Cursor<'a> {
    pub fn new(data: &'a [u8], piece: &'a str) -> Cursor<'a> {
        Cursor {
            data,
            pos: 0,
            piece,
        }
    }
    pub fn corrupt(&self, detail: impl Into<String>) -> IndexError {
        IndexError::Corrupt {
            piece: self.piece.to_string(),
            detail: format!("{} (at byte {})", detail.into(), self.pos),
        }
    }
    pub fn remaining(&self) -> usize {
        self.data.len().saturating_sub(self.pos)
    }
    pub fn u8(&mut self) -> Result<u8, IndexError> {
        let b = *self
            .data
            .get(self.pos)
            .ok_or_else(|| self.corrupt("unexpected end reading a byte"))?;
        self.pos += 1;
        Ok(b)
    }
    pub fn u32le(&mut self) -> Result<u32, IndexError> {
        let s = self.take(4)?;
        Ok(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    }
    pub fn varint(&mut self) -> Result<u64, IndexError> {
        let mut v: u64 = 0;
        let mut shift = 0u32;
        loop {
            let b = self.u8()?;
            if shift >= 64 || (shift == 63 && b > 1) {
                return Err(self.corrupt("varint longer than 64 bits"));
            }
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
            shift += 7;
        }
    }
    /// A varint that must fit in u32 and be at most `max`.
    pub fn varint_max(&mut self, max: u64, what: &str) -> Result<u64, IndexError> {
        let v = self.varint()?;
        if v > max {
            return Err(self.corrupt(format!("{what} is {v}, more than the possible {max}")));
        }
        Ok(v)
    }
    pub fn take(&mut self, n: usize) -> Result<&'a [u8], IndexError> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.data.len());
        match end {
            Some(end) => {
                let s = &self.data[self.pos..end];
                self.pos = end;
                Ok(s)
            }
            None => Err(self.corrupt(format!("needs {n} bytes, {} left", self.remaining()))),
        }
    }
    pub fn bytes(&mut self) -> Result<&'a [u8], IndexError> {
        let n = self.varint_max(self.remaining() as u64, "byte string length")? as usize;
        self.take(n)
    }
    pub fn str(&mut self) -> Result<String, IndexError> {
        let b = self.bytes()?;
        match std::str::from_utf8(b) {
            Ok(s) => Ok(s.to_string()),
            Err(_) => Err(self.corrupt("string is not UTF-8")),
        }
    }
    pub fn opt_str(&mut self) -> Result<Option<String>, IndexError> {
        match self.u8()? {
            0 => Ok(None),
            1 => Ok(Some(self.str()?)),
            t => Err(self.corrupt(format!("option tag {t}, expected 0 or 1"))),
        }
    }
    pub fn strs(&mut self) -> Result<Vec<String>, IndexError> {
        let n = self.varint_max(self.remaining() as u64, "list length")? as usize;
        let mut v = Vec::with_capacity(n.min(1024));
        for _ in 0..n {
            v.push(self.str()?);
        }
        Ok(v)
    }
    /// `n` values Golomb-Rice coded with parameter `k` ([`Writer::rice`]), each at most `max`;
    /// the cursor moves to the byte after the last bit.
    pub fn rice(&mut self, n: usize, k: u32, max: u64) -> Result<Vec<u64>, IndexError> {
        let mut bits = self.bits();
        let mut out = Vec::with_capacity(n.min(self.remaining() * 8));
        for _ in 0..n {
            out.push(bits.rice(k, max)?);
        }
        self.end_bits(bits);
        Ok(out)
    }

    /// A reader of the bits from here on (a `rice` section); [`Cursor::end_bits`] moves past them.
    pub fn bits(&self) -> Bits<'a> {
        Bits { data: self.data.get(self.pos..).unwrap_or(&[]), at: 0, piece: self.piece, start: self.pos }
    }

    /// Moves to the byte after the last bit `bits` read.
    pub fn end_bits(&mut self, bits: Bits) {
        self.pos += bits.at.div_ceil(8);
    }

    /// The rest of the body as `raw_len:varint deflate(raw)`, inflated: the length must be
    /// plausible for the compressed bytes (no inflating a forged length) and exact.
    pub fn deflated_rest(&mut self, what: &str) -> Result<Vec<u8>, IndexError> {
        let raw_len = self.varint_max(u32::MAX as u64, what)? as usize;
        let comp = self.take(self.remaining())?;
        self.inflate_checked(comp, raw_len)
    }

    /// A deflated part with more after it, `zlen:varint raw_len:varint deflate(raw)[zlen]`
    /// ([`Writer::deflated_part`]), inflated with the same checks as [`Cursor::deflated_rest`].
    pub fn deflated_part(&mut self, what: &str) -> Result<Vec<u8>, IndexError> {
        let zlen = self.varint_max(self.remaining() as u64, what)? as usize;
        let raw_len = self.varint_max(u32::MAX as u64, what)? as usize;
        let comp = self.take(zlen)?;
        self.inflate_checked(comp, raw_len)
    }

    fn inflate_checked(&self, comp: &[u8], raw_len: usize) -> Result<Vec<u8>, IndexError> {
        if raw_len > comp.len().saturating_mul(1100) + 4096 {
            return Err(self.corrupt(format!("inflated length {raw_len} impossible for {} compressed bytes", comp.len())));
        }
        inflate(self.piece, comp, raw_len)
    }

    pub fn finish(&self) -> Result<(), IndexError> {
        if self.pos != self.data.len() {
            return Err(self.corrupt(format!(
                "{} unread bytes at the end",
                self.data.len() - self.pos
            )));
        }
        Ok(())
    }
}

/// Golomb-Rice coded values ([`Writer::rice`]) read bit by bit from a [`Cursor`].
pub(crate) struct Bits<'a> {
    data: &'a [u8],
    /// Bits read.
    at: usize,
    piece: &'a str,
    /// The cursor's byte position where the bits start.
    start: usize,
}

impl Bits<'_> {
    pub fn bit(&mut self) -> Result<bool, IndexError> {
        let byte = self.data.get(self.at / 8).ok_or_else(|| self.corrupt("unexpected end of a bit section".into()))?;
        let b = byte >> (self.at % 8) & 1 == 1;
        self.at += 1;
        Ok(b)
    }
    pub fn corrupt(&self, detail: String) -> IndexError {
        IndexError::Corrupt { piece: self.piece.to_string(), detail: format!("{detail} (at byte {})", self.start + self.at / 8) }
    }
    /// Bits left to read.
    pub fn remaining(&self) -> usize {
        (self.data.len() * 8).saturating_sub(self.at)
    }
    /// One value with parameter `k`, at most `max`.
    pub fn rice(&mut self, k: u32, max: u64) -> Result<u64, IndexError> {
        let mut q = 0u64;
        while self.bit()? {
            q += 1;
            if q > max >> k {
                return Err(self.corrupt(format!("rice value beyond {max}")));
            }
        }
        let mut v = q << k;
        for i in 0..k {
            v |= u64::from(self.bit()?) << i;
        }
        if v > max {
            return Err(self.corrupt(format!("rice value {v} beyond {max}")));
        }
        Ok(v)
    }
}

/// Wraps a body in the piece header: `MAGIC version:u16le kind:u8 0:u8 len:u64le crc32:u32le body`.
pub(crate) fn seal(kind: PieceKind, body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(HEADER_LEN + body.len());
    out.extend_from_slice(&MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.push(kind as u8);
    out.push(0);
    out.extend_from_slice(&(body.len() as u64).to_le_bytes());
    out.extend_from_slice(&crc32(body).to_le_bytes());
    out.extend_from_slice(body);
    out
}

/// Checks a piece header and checksum and returns the body. `name` is used in errors.
pub(crate) fn unseal<'a>(
    name: &str,
    expected: PieceKind,
    bytes: &'a [u8],
) -> Result<&'a [u8], IndexError> {
    let piece = name.to_string();
    if bytes.is_empty() {
        return Err(IndexError::Empty { piece });
    }
    if bytes.len() < HEADER_LEN {
        return Err(IndexError::Truncated {
            piece,
            expected: HEADER_LEN as u64,
            got: bytes.len() as u64,
        });
    }
    if bytes[0..4] != MAGIC {
        return Err(IndexError::BadMagic {
            piece,
            got: [bytes[0], bytes[1], bytes[2], bytes[3]],
        });
    }
    let version = u16::from_le_bytes([bytes[4], bytes[5]]);
    if version > FORMAT_VERSION {
        return Err(IndexError::NewerVersion {
            piece,
            found: version,
            supported: FORMAT_VERSION,
        });
    }
    if version < MIN_FORMAT_VERSION {
        return Err(IndexError::OlderVersion {
            piece,
            found: version,
            min: MIN_FORMAT_VERSION,
        });
    }
    if bytes[6] != expected as u8 || bytes[7] != 0 {
        return Err(IndexError::WrongKind {
            piece,
            expected: expected.name().to_string(),
            got: bytes[6],
        });
    }
    let mut len8 = [0u8; 8];
    len8.copy_from_slice(&bytes[8..16]);
    let len = u64::from_le_bytes(len8);
    let crc = u32::from_le_bytes([bytes[16], bytes[17], bytes[18], bytes[19]]);
    let have = (bytes.len() - HEADER_LEN) as u64;
    if have < len {
        return Err(IndexError::Truncated {
            piece,
            expected: len + HEADER_LEN as u64,
            got: bytes.len() as u64,
        });
    }
    if have > len {
        return Err(IndexError::TrailingBytes {
            piece,
            extra: have - len,
        });
    }
    let body = &bytes[HEADER_LEN..];
    let got = crc32(body);
    if got != crc {
        return Err(IndexError::Checksum {
            piece,
            expected: crc,
            got,
        });
    }
    Ok(body)
}

/// Deflate with a fixed level (deterministic output).
pub(crate) fn deflate(data: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec(data, 6)
}

/// Inflate, refusing to produce more than `expected` bytes and checking the length exactly.
pub(crate) fn inflate(piece: &str, data: &[u8], expected: usize) -> Result<Vec<u8>, IndexError> {
    match miniz_oxide::inflate::decompress_to_vec_with_limit(data, expected) {
        Ok(v) if v.len() == expected => Ok(v),
        Ok(v) => Err(IndexError::Corrupt {
            piece: piece.to_string(),
            detail: format!("inflated to {} bytes, expected {expected}", v.len()),
        }),
        Err(_) => Err(IndexError::Corrupt {
            piece: piece.to_string(),
            detail: "compressed block does not inflate".into(),
        }),
    }
}

/// CRC-32 (IEEE: zlib's, gzip's) of `data`, with one 1 KB table: the web build downloads the
/// table, and a piece of a few KB is checked in microseconds either way.
pub(crate) fn crc32(data: &[u8]) -> u32 {
    const IEEE: crc::Crc<u32, crc::Table<1>> = crc::Crc::<u32, crc::Table<1>>::new(&crc::CRC_32_ISO_HDLC);
    IEEE.checksum(data)
}

/// Checks the checksum fst appends to a map (masked CRC-32C of the rest, as `Fst::verify`
/// computes it) with one 1 KB table instead of the 17 KB ones fst's check brings.
pub(crate) fn fst_checksum_ok(fst: &[u8]) -> bool {
    const CASTAGNOLI: crc::Crc<u32, crc::Table<1>> = crc::Crc::<u32, crc::Table<1>>::new(&crc::CRC_32_ISCSI);
    let Some(split) = fst.len().checked_sub(4) else { return false };
    let (data, tail) = fst.split_at(split);
    let masked = CASTAGNOLI.checksum(data).rotate_right(15).wrapping_add(0xA282_EAD8);
    tail == masked.to_le_bytes()
}
