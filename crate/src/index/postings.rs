//! *Which documents hold this key, where?* Posting lists of the word, character and bigram
//! tiers: the documents Golomb-Rice coded (gaps of a list of `doc_freq` of `n` documents
//! take about `log2(n / doc_freq) + 2` bits), then their counts (a flag bit each when every
//! document holds one occurrence, as most bigrams: 1.1 MiB less on chinese-poetry; otherwise
//! `(tf_code [regions])[doc_freq]` varints),
//! then the positions Golomb-Rice coded (parameter from each document's count and the
//! corpus's mean document length): each kind of number in a section of its own, which
//! deflates better than interleaved;
//! concatenated in key order and deflated into pieces of about [`PIECE_TARGET_BYTES`] (grammar
//! in the [`super`] module doc).
//!
//! Word lists hold no positions (documents, counts and regions only): a word's documents, counts
//! and title counts are all that ranking and counting read of them, and positions were two
//! thirds of the word tier. Where a string lies, the character tier says.
//!
//! Each document's entry says how many of its occurrences lie in each [`Region`] of its search
//! text (title, paragraphs, subtitle, column, authors, photographers, units: they follow each
//! other in that order, so the counts split the ascending positions into runs). Ranking boosts
//! title matches and field filters (`author:李白`) keep their documents from the lists alone:
//! scoring the thousands of matches of a common word on an archive needs one length per
//! document (the norms), and a filter no per-document layout. Most entries hold paragraphs only
//! and pay one bit for it.
//!
//! A piece is inflated once when loaded and kept as bytes; a list is decoded only when a query reads it,
//! with every delta, count and length checked against the [`TermInfo`] that points at it.

use super::bytes::Cursor;
#[cfg(feature = "builder")]
use super::bytes::Writer;
use super::{IndexError, TermInfo};

/// The parts of a search text, in their order there (see [`super::search_text`]). Word
/// positions have only the first two (words come from title and paragraphs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Region {
    Title = 0,
    Paragraphs = 1,
    Subtitle = 2,
    Column = 3,
    Authors = 4,
    Photographers = 5,
    Units = 6,
}

/// How many of a document's occurrences lie in each [`Region`] (indexed by it).
pub type RegionCounts = [u32; REGIONS];
/// Number of [`Region`]s.
pub const REGIONS: usize = 7;

/// Where each region but the last ends, in a document's positions of one tier: positions
/// `< ends[0]` are the title, `ends[0]..ends[1]` the paragraphs, and so on.
pub type RegionEnds = [u32; REGIONS - 1];

/// How the occurrences of `positions` (ascending) fall into regions.
pub fn count_regions(positions: &[u32], ends: &RegionEnds) -> RegionCounts {
    let mut counts = [0u32; REGIONS];
    let mut before = 0usize;
    for (r, &end) in ends.iter().enumerate() {
        let upto = positions.partition_point(|&p| p < end);
        counts[r] = (upto.max(before) - before) as u32;
        before = upto.max(before);
    }
    counts[REGIONS - 1] = (positions.len() - before) as u32;
    counts
}

/// A decoded posting list: for each document (ascending), its positions (ascending).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PostingList {
    pub docs: Vec<u32>,
    /// `positions[starts[i]..starts[i + 1]]` belong to `docs[i]`.
    pub starts: Vec<u32>,
    pub positions: Vec<u32>,
    /// `regions[i]`: how many of `docs[i]`'s occurrences lie in each region (in order: the
    /// first `regions[i][0]` in the title, and so on); they add up to its term frequency.
    pub regions: Vec<RegionCounts>,
}

impl PostingList {
    /// Positions of the i-th document of the list.
    pub fn positions_at(&self, i: usize) -> &[u32] {
        let a = self.starts.get(i).copied().unwrap_or(0) as usize;
        let b = self.starts.get(i + 1).copied().unwrap_or(0) as usize;
        self.positions.get(a..b).unwrap_or(&[])
    }
    /// The i-th document's term frequency (also where the list holds no positions).
    pub fn tf_at(&self, i: usize) -> u32 {
        self.regions_at(i).iter().sum()
    }
    /// How many of the i-th document's positions lie in each region.
    pub fn regions_at(&self, i: usize) -> RegionCounts {
        self.regions.get(i).copied().unwrap_or_default()
    }
    /// Positions of `doc` (empty when the doc is not in the list).
    pub fn positions_of(&self, doc: u32) -> &[u32] {
        match self.docs.binary_search(&doc) {
            Ok(i) => self.positions_at(i),
            Err(_) => &[],
        }
    }
    pub fn len(&self) -> usize {
        self.docs.len()
    }
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }
}

/// Postings of one key as they accumulate at build time: flat arrays, no allocation per
/// (key, doc).
#[cfg(feature = "builder")]
#[derive(Default)]
pub(crate) struct Postings {
    pub docs: Vec<u32>,
    /// `positions[ends[i - 1]..ends[i]]` belong to `docs[i]`.
    pub ends: Vec<usize>,
    pub positions: Vec<u32>,
}

#[cfg(feature = "builder")]
impl Postings {
    pub fn push(&mut self, doc: u32, positions: &[u32]) {
        self.docs.push(doc);
        self.positions.extend_from_slice(positions);
        self.ends.push(self.positions.len());
    }
}

/// Encodes posting lists, pushed in key order, into piece bodies of about
/// [`PIECE_TARGET_BYTES`]; [`Encoder::finish`] returns each key's info (its `piece` counts
/// among the returned bodies) and the bodies with their key range `[from, to)`.
#[cfg(feature = "builder")]
pub(crate) struct Encoder {
    /// Raw list bytes gathered per piece: 1.5 times the piece size, as they deflate to about
    /// two thirds.
    raw_cut: usize,
    infos: Vec<TermInfo>,
    bodies: Vec<(u32, u32, Vec<u8>)>,
    buf: Writer,
    from: u32,
    /// Whether lists hold positions (not in the word tier).
    with_positions: bool,
    /// Documents of the corpus: with a list's length, the rice parameter of its documents.
    n_docs: u32,
    /// Chars a document holds on average: with its count, the rice parameter of its positions.
    avg_chars: u32,
    /// The list being written: its first byte, documents and positions so far, and its three
    /// sections (doc deltas, term frequencies with regions, positions) until it ends.
    offset: u64,
    docs: u32,
    positions: u64,
    prev_doc: u32,
    /// The current list's doc values (rice coded when it ends), each document's count per
    /// region, and its position values with their rice parameters.
    doc_values: Vec<u64>,
    counts: Vec<RegionCounts>,
    pos_values: Vec<(u64, u32)>,
}

#[cfg(feature = "builder")]
impl Encoder {
    /// An encoder cutting pieces of about `cut` bytes, writing positions or not, for a corpus of
    /// `n_docs` documents of `avg_chars` chars on average ([`avg_chars`]).
    pub fn new(cut: usize, with_positions: bool, n_docs: u32, avg_chars: u32) -> Encoder {
        Encoder {
            with_positions,
            n_docs,
            avg_chars,
            doc_values: Vec::new(),
            counts: Vec::new(),
            pos_values: Vec::new(),
            raw_cut: cut * 3 / 2,
            infos: Vec::new(),
            bodies: Vec::new(),
            buf: Writer::new(),
            from: 0,
            offset: 0,
            docs: 0,
            positions: 0,
            prev_doc: 0,
        }
    }

    /// Starts the next key's list.
    pub fn start_list(&mut self) {
        let ord = self.infos.len() as u32;
        if self.buf.buf.len() >= self.raw_cut {
            self.bodies.push((self.from, ord, seal_lists(&std::mem::take(&mut self.buf.buf))));
            self.from = ord;
        }
        self.offset = self.buf.buf.len() as u64;
        self.docs = 0;
        self.positions = 0;
        self.prev_doc = 0;
    }

    /// Adds one document (ascending, after the previous one) with its positions (ascending,
    /// not empty) to the current list; `ends`: where its regions end in these positions.
    pub fn push_doc(&mut self, doc: u32, positions: &[u32], ends: &RegionEnds) {
        self.doc_values.push(u64::from(if self.docs == 0 { doc } else { doc - self.prev_doc - 1 }));
        self.prev_doc = doc;
        self.docs += 1;
        self.counts.push(count_regions(positions, ends));
        if self.with_positions {
            let k = pos_k(self.avg_chars, positions.len() as u64);
            let mut prev = 0u32;
            for (j, q) in positions.iter().enumerate() {
                self.pos_values.push((u64::from(if j == 0 { *q } else { q - prev - 1 }), k));
                prev = *q;
            }
        }
        self.positions += positions.len() as u64;
    }

    /// Ends the current list: its sections one after the other.
    pub fn end_list(&mut self) {
        self.buf.rice(&self.doc_values, rice_k(self.n_docs, self.docs));
        self.doc_values.clear();
        write_counts(&mut self.buf, &self.counts, u64::from(self.docs) == self.positions);
        self.counts.clear();
        self.buf.rice_each(self.pos_values.drain(..));
        self.infos.push(TermInfo {
            doc_freq: self.docs,
            coll_freq: self.positions,
            piece: self.bodies.len() as u32,
            offset: self.offset,
            len: self.buf.buf.len() as u64 - self.offset,
        });
    }

    /// One whole list from accumulated [`Postings`]; `ends(doc)`: where that document's
    /// regions end, in this tier's positions.
    pub fn push(&mut self, list: &Postings, ends: &impl Fn(u32) -> RegionEnds) {
        self.start_list();
        let mut start = 0usize;
        for (&doc, &end) in list.docs.iter().zip(&list.ends) {
            self.push_doc(doc, &list.positions[start..end], &ends(doc));
            start = end;
        }
        self.end_list();
    }

    pub fn finish(mut self) -> (Vec<TermInfo>, Vec<(u32, u32, Vec<u8>)>) {
        self.bodies.push((self.from, self.infos.len() as u32, seal_lists(&self.buf.buf)));
        (self.infos, self.bodies)
    }
}

/// The counts section of a list: one flag bit a document when each holds one occurrence
/// (`once`: the list's coll_freq is its doc_freq), then the region of each flagged one;
/// otherwise `tf_code [regions]` per document.
#[cfg(feature = "builder")]
fn write_counts(w: &mut Writer, counts: &[RegionCounts], once: bool) {
    let outside = |c: &RegionCounts| c.iter().sum::<u32>() != c[Region::Paragraphs as usize];
    if once {
        w.flags(counts.iter().map(outside));
        for c in counts.iter().filter(|c| outside(c)) {
            w.u8(c.iter().position(|&n| n > 0).unwrap_or(0) as u8);
        }
        return;
    }
    for c in counts {
        let tf: u32 = c.iter().sum();
        w.varint(u64::from(tf) * 2 + u64::from(outside(c)));
        if outside(c) {
            let mask = (0..REGIONS).filter(|&r| r != Region::Paragraphs as usize && c[r] > 0).fold(0u8, |m, r| m | 1 << r);
            w.u8(mask);
            for r in (0..REGIONS).filter(|r| mask & (1 << r) != 0) {
                w.varint(u64::from(c[r]));
            }
        }
    }
}

/// A postings piece body: `raw_len:varint deflate(lists)`. Varints of small deltas still
/// deflate to about two thirds; a page that reads a piece inflates it once.
#[cfg(feature = "builder")]
fn seal_lists(raw: &[u8]) -> Vec<u8> {
    let mut w = Writer::new();
    w.deflated(raw);
    w.buf
}

/// The lists of a postings piece body, inflated (see [`seal_lists`]).
pub(crate) fn open_lists(piece: &str, body: &[u8]) -> Result<Vec<u8>, IndexError> {
    Cursor::new(body, piece).deflated_rest("postings length")
}

/// Encodes accumulated posting lists in key order (see [`Encoder`]).
#[cfg(feature = "builder")]
pub(crate) fn encode<'a>(
    lists: impl Iterator<Item = &'a Postings>,
    cut: usize,
    with_positions: bool,
    n_docs: u32,
    avg_chars: u32,
    ends: impl Fn(u32) -> RegionEnds,
) -> (Vec<TermInfo>, Vec<(u32, u32, Vec<u8>)>) {
    let mut e = Encoder::new(cut, with_positions, n_docs, avg_chars);
    for list in lists {
        e.push(list, &ends);
    }
    e.finish()
}

/// Decodes the list `info` points at inside `body` (the body of piece `info.piece`), with
/// positions or (the word tier) without.
/// `avg_chars`: the corpus's [`avg_chars`].
pub(crate) fn decode(body: &[u8], info: &TermInfo, n_docs: usize, avg_chars: u32, piece: &str, with_positions: bool) -> Result<PostingList, IndexError> {
    let bytes = usize::try_from(info.offset)
        .ok()
        .zip(usize::try_from(info.offset.saturating_add(info.len)).ok())
        .and_then(|(a, b)| body.get(a..b))
        .ok_or_else(|| IndexError::Corrupt { piece: piece.into(), detail: "posting list out of range".into() })?;
    let mut c = Cursor::new(bytes, piece);
    let mut list = PostingList {
        docs: Vec::with_capacity((info.doc_freq as usize).min(bytes.len())),
        starts: Vec::with_capacity((info.doc_freq as usize).min(bytes.len()) + 1),
        positions: Vec::with_capacity(if with_positions { info.coll_freq.min(bytes.len() as u64 * 8) as usize } else { 0 }),
        regions: Vec::with_capacity((info.doc_freq as usize).min(bytes.len())),
    };
    list.starts.push(0);
    // Documents first, then their frequencies and regions, then their positions.
    let n = u64::try_from(n_docs).unwrap_or(u64::MAX);
    let values = c.rice(info.doc_freq as usize, rice_k(n_docs.try_into().unwrap_or(u32::MAX), info.doc_freq), n)?;
    let mut doc: u64 = 0;
    for (i, v) in values.into_iter().enumerate() {
        doc = if i == 0 { v } else { doc + 1 + v };
        if doc >= n {
            return Err(c.corrupt(format!("doc {doc} beyond {n_docs} documents")));
        }
        list.docs.push(doc as u32);
    }
    let mut total: u64 = 0;
    let once = info.coll_freq == u64::from(info.doc_freq);
    if once {
        // One occurrence each: a flag bit a document, then the region of each flagged one.
        let mut bits = c.bits();
        let mut flags = Vec::with_capacity(list.docs.len());
        for _ in 0..info.doc_freq {
            flags.push(bits.bit()?);
        }
        c.end_bits(bits);
        for outside in flags {
            let mut regions = [0u32; REGIONS];
            let r = if outside { usize::from(c.u8()?) } else { Region::Paragraphs as usize };
            if r >= REGIONS || (outside && r == Region::Paragraphs as usize) {
                return Err(c.corrupt(format!("region {r} of a flagged occurrence")));
            }
            regions[r] = 1;
            list.regions.push(regions);
        }
        total = info.coll_freq;
    }
    for _ in 0..if once { 0 } else { info.doc_freq } {
        // With positions, each occurrence takes a bit at least.
        let max_tf = if with_positions { c.remaining() as u64 * 8 } else { u64::from(u32::MAX) };
        let code = c.varint_max(2 * max_tf + 1, "term frequency")?;
        let tf = code / 2;
        if tf == 0 {
            return Err(c.corrupt("zero term frequency"));
        }
        let mut regions = [0u32; REGIONS];
        regions[Region::Paragraphs as usize] = tf as u32;
        if code & 1 == 1 {
            let mask = c.u8()?;
            if mask == 0 || mask & (1 << Region::Paragraphs as u8) != 0 || mask >> REGIONS != 0 {
                return Err(c.corrupt(format!("region mask {mask:#04x}")));
            }
            let mut left = tf;
            for r in (0..REGIONS).filter(|r| mask & (1 << r) != 0) {
                let n = c.varint_max(left, "occurrences in a region")?;
                if n == 0 {
                    return Err(c.corrupt("zero occurrences in a region"));
                }
                regions[r] = n as u32;
                left -= n;
            }
            regions[Region::Paragraphs as usize] = left as u32;
        }
        total = total.saturating_add(tf);
        list.regions.push(regions);
    }
    if total != info.coll_freq {
        return Err(IndexError::Corrupt { piece: piece.into(), detail: "collection frequency differs from postings".into() });
    }
    let mut bits = c.bits();
    for regions in &list.regions {
        let tf: u64 = regions.iter().map(|&n| u64::from(n)).sum();
        let k = pos_k(avg_chars, tf);
        let mut pos: u64 = 0;
        for j in 0..if with_positions { tf } else { 0 } {
            let p = bits.rice(k, u64::from(u32::MAX))?;
            pos = if j == 0 { p } else { pos + 1 + p };
            if pos > u32::MAX as u64 {
                return Err(c.corrupt("position beyond u32"));
            }
            list.positions.push(pos as u32);
        }
        list.starts.push(list.positions.len() as u32);
    }
    c.end_bits(bits);
    c.finish()?;
    Ok(list)
}

/// The rice parameter of the documents of a list of `doc_freq` of `n_docs` documents: the
/// log2 of their mean gap, rounded down, so that a gap takes about `k + 2` bits.
pub(crate) fn rice_k(n_docs: u32, doc_freq: u32) -> u32 {
    (n_docs / doc_freq.max(1)).max(1).ilog2()
}

/// The rice parameter of the positions of a document holding `tf` occurrences, in a corpus
/// whose documents hold `avg_chars` chars on average: the log2 of the mean gap were they
/// spread evenly, rounded down.
pub(crate) fn pos_k(avg_chars: u32, tf: u64) -> u32 {
    (u64::from(avg_chars) / tf.saturating_add(1)).max(1).ilog2()
}

/// Chars a document holds on average, for [`pos_k`]: the manifest's body chars over its
/// articles (at least 1).
pub(crate) fn avg_chars(chars: u64, articles: usize) -> u32 {
    u32::try_from(chars / (articles.max(1) as u64)).unwrap_or(u32::MAX).max(1)
}

/// Checks that `info` is plausible for a corpus of `n_docs` documents (its byte range is
/// checked against the inflated piece when the list is decoded).
pub(crate) fn check_info(info: &TermInfo, n_docs: usize, what: &str, c: &Cursor) -> Result<(), IndexError> {
    if info.doc_freq as usize > n_docs || info.doc_freq == 0 {
        return Err(c.corrupt(format!("{what} has doc_freq {} for {n_docs} docs", info.doc_freq)));
    }
    Ok(())
}

/// Reads `doc_freq extra len` (the `info` production: `coll_freq = doc_freq + extra`); the
/// caller places it (`piece`, `offset`) from the manifest's ranges and the lists before it.
pub(crate) fn read_info(c: &mut Cursor) -> Result<TermInfo, IndexError> {
    let doc_freq = c.varint_max(u32::MAX as u64, "doc_freq")? as u32;
    let extra = c.varint()?;
    let coll_freq = u64::from(doc_freq).checked_add(extra).ok_or_else(|| c.corrupt("collection frequency overflows"))?;
    Ok(TermInfo { doc_freq, coll_freq, piece: 0, offset: 0, len: c.varint()? })
}

#[cfg(feature = "builder")]
pub(crate) fn write_info(w: &mut Writer, info: &TermInfo) {
    w.varint(u64::from(info.doc_freq));
    w.varint(info.coll_freq - u64::from(info.doc_freq));
    w.varint(info.len);
}

/// Which of `pieces` (postings entries in manifest order, ranges ascending) holds key `ord`.
pub(crate) fn piece_holding(pieces: &[&super::PieceEntry], ord: u32) -> Option<usize> {
    let i = pieces.partition_point(|e| e.to <= ord);
    pieces.get(i).filter(|e| e.from <= ord && ord < e.to).map(|_| i)
}
