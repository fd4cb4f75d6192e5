//! The binary index: build it from [`crate::corpus::Issue`]s (native), open it from bytes
//! (anywhere, including WebAssembly). This module doc is the format specification; the spec
//! and [`FORMAT_VERSION`] change together, and the golden index `crate/tests/golden/` pins
//! them (`crate/tests/golden_index.rs`).
//!
//! An index answers these questions, one component (one module, owning its writer and its
//! reader) each:
//! - *What is in this corpus, and which piece holds what?* [`manifest`]: corpus figures, issues
//!   (with their document ranges and token counts), stopwords, themes, and every piece with its
//!   length, CRC and the key range it covers. The only file a page must fetch up front.
//! - *Here is a word, a character or a bigram: give me its [`TermInfo`]*: [`termdict`]
//!   ([`PieceKind::Vocab`], [`PieceKind::CharDict`], [`PieceKind::BigramDict`]): pieces (an
//!   `fst::Map` for words, front-coded sorted keys for chars and bigrams), each over a
//!   contiguous range of keys, so a query fetches only the pieces whose range holds its keys.
//! - *Which documents hold this key, where?* [`postings`] ([`PieceKind::WordPostings`],
//!   [`PieceKind::CharPostings`], [`PieceKind::BigramPostings`]). Three tiers ([`Tier`]): words
//!   as the segmenter cut them, for ranking and counting words; single characters and
//!   character bigrams of the search text for exact substring recall. A string of one char
//!   reads that char's list; a longer one reads the bigrams that cover it (薄水 inside
//!   拟薄水铝石, a name the segmenter never saw, 低头思故乡 as 低头·思故·故乡) and matches where
//!   their positions line up. A bigram that occurs fewer than [`BIGRAM_MIN_COUNT`] times has
//!   no list, nor one that occurs fewer than [`BIGRAM_LISTED_COUNT`] times between two chars
//!   whose lists are cheap to read ([`bigram_fallback_bytes`]): its chars' lists answer for it.
//! - *How long is document d, where do its parts lie?* [`norms`] ([`PieceKind::Norms`]: the
//!   lengths ranking needs; [`PieceKind::Layout`]: where title, body, bylines and units lie, and
//!   the kind, for counting and field filters): a few bytes a document, so scoring or counting
//!   thousands of matches reads no metadata.
//! - *Which document has article id X?* [`ids`] ([`PieceKind::Ids`]): `fst::Map` pieces from
//!   id to document, by id range, so a shared link opens without reading metadata.
//! - *Who wrote document d, what does it say?* [`docs`] ([`PieceKind::Docs`]): metadata and
//!   paragraphs in small groups of consecutive documents (a few KB each), read for the hits a
//!   page shows; the manifest lists the grouping, not each group, and holds the one static code
//!   of the documents' chars ([`charcode`]).
//! - *Which words does `ldlc` spell?* [`pinyin`] ([`PieceKind::Pinyin`]): `fst::Map` pieces
//!   from the pinyin (full and initials) of each word to its frequency, read only when someone
//!   types latin letters in the search box.
//! - *What does the corpus (or one kind, one unit) say most?* [`tables`] ([`PieceKind::Table`]):
//!   precomputed frequency tables and facets, so corpus-wide numbers need no postings.
//!
//! # Fetching on demand
//! [`Index::open_lazy`] needs only the manifest. Every accessor finds the piece it needs; when
//! that piece is not loaded it records the piece's name and answers as if nothing were there.
//! [`Index::attempt`] runs an operation and returns the names it missed instead of its answer;
//! the caller fetches those pieces, gives them to [`Index::load_piece`] and runs it again (each
//! round goes deeper: term pieces, then postings, then documents). Natively
//! [`Index::open_dir`] reads a missing piece from its file at once, through the same accessors.
//!
//! # Layout
//! An index is a manifest (`manifest.bin`) plus pieces named `<kind>-<n>-<crc32 hex>.bin`: the
//! n-th piece of its kind, with its body's CRC, so a changed piece gets a new name and no cache
//! serves a stale one ([`PieceEntry::file_name`]). Pieces are cut at about
//! [`PIECE_TARGET_BYTES`] (dictionaries, postings, norms and the metadata of document groups
//! are deflated; the text of document groups is in the corpus's char code, [`charcode`]);
//! document groups are named `docs-<n>-<hash>.bin` ([`DocGroups::file_name`]).
//!
//! # Grammar
//! All integers are little-endian; `varint` is unsigned LEB128 (at most 10 bytes).
//! ```text
//! piece        := header body
//! header       := "YLIX" version:u16 kind:u8 0x00 body_len:u64 crc32(body):u32        (20 bytes)
//! str          := len:varint utf8[len]
//! opt_str      := 0x00 | 0x01 str
//! strs         := n:varint str[n]
//! text         := n:varint            ; in a document group's metadata: a string of n chars,
//!                 ; the group's next n chars (see `docs`)
//! opt_text     := 0x00 | 0x01 text
//! texts        := n:varint text[n]
//!
//! manifest     (kind 0) := stats stopwords:strs n:varint theme[n] i:varint issue[i] m:varint entry[m]
//!                 groups
//! stats        := articles:varint issues:varint tokens:varint chars:varint terms:varint
//! theme        := name:str terms:strs note:opt_str
//! issue        := stem:str source:str publication:str date:opt_str first_doc:varint docs:varint
//!                 tokens:varint                         ; issues in document order
//! entry        := kind:u8 len:varint crc32:u32 keys:varint first:str
//!                 ; the file name follows from kind, place among its kind and crc32;
//!                 ; keys: how many terms (kinds 1, 2), chars (3, 4), bigrams (8, 9), docs
//!                 ; (10, 12), ids (11) or spellings (13) it holds, ranges following each other
//!                 ; from 0 (tables: 0);
//!                 ; first: a dictionary piece's first key (kinds 1, 3, 8, 11, 13), a table's group
//!                 ; ("all", "kind:news", "unit:氧化铝厂"), otherwise empty
//! dict         (kind 1) := n:varint raw_len:varint deflate(fst:(len:varint bytes)
//!                 first_offset:varint info[n])
//!                 ; the fst maps each key of the piece to its ordinal minus the piece's start
//! dict         (kinds 3, 8) := n:varint raw_len:varint deflate(key[n] first_offset:varint
//!                 info[n])
//! key          := shared:varint suffix:(len:varint bytes)   ; the previous key's first
//!                 ; `shared` bytes, then suffix; keys strictly ascending by bytes, the i-th
//!                 ; the piece's start + i
//! info         := doc_freq:varint extra:varint len:varint      ; coll_freq = doc_freq + extra
//!                 ; the list is `len` bytes of the postings piece whose range holds the ordinal,
//!                 ; right after the previous key's list there (the piece's first list in the
//!                 ; dictionary piece starts at first_offset; a new postings piece starts at 0)
//! postings     (kinds 2, 4, 9) := raw_len:varint deflate(list*)
//! list         := docs:rice counts positions:rice
//!                 ; three sections, each deflating better on its own than interleaved (on
//!                 ; chinese-poetry the char tier 40.5 → 35.8 MiB, bigrams 58.0 → 53.3): the
//!                 ; documents, then each one's count and regions, then each one's positions;
//!                 ; docs: doc_freq values, the first document, then each gap to the next
//!                 ; minus 1, with k = floor(log2(articles / doc_freq)) (k + 2 bits a gap
//!                 ; where deflated varints took more: another 4.7 MiB on chinese-poetry)
//!                 ; positions: for each document in turn, its tf values: the first position,
//!                 ; then each gap to the next minus 1, with k = floor(log2(max(1, avg /
//!                 ; (tf + 1)))), avg = max(1, chars / articles) of the manifest's stats;
//!                 ; word lists (kind 2) have no positions section: documents, counts and
//!                 ; regions only;
//! counts       := flags:bit[doc_freq] zero:bit* region:u8[flags set]   ; when coll_freq =
//!                 ; doc_freq (one occurrence a document, as most bigrams): flag i set when
//!                 ; document i's occurrence lies outside the paragraphs, bits filling each byte
//!                 ; from its lowest, then for each flagged document its region (not 1)
//!               | (tf_code:varint [regions])[doc_freq]             ; otherwise
//!                 ; tf_code = tf * 2 + (some occurrence lies outside the paragraphs);
//! rice         := (one:bit[v >> k] zero:bit low:bit[k])[n] zero:bit*   ; n values v,
//!                 ; Golomb-Rice with parameter k: the quotient in unary, then the k low bits
//!                 ; of v, lowest first; bits fill each byte from its lowest, the last byte
//!                 ; padded with zeros
//! regions      := mask:u8 count:varint[bits set in mask]     ; present when tf_code is odd
//!                 ; bit r: region r holds count (> 0) of the doc's occurrences; regions in
//!                 ; search-text order: 0 title, 1 paragraphs (never in the mask: tf minus the
//!                 ; others), 2 subtitle, 3 column, 4 authors, 5 photographers, 6 units
//!                 ; char and bigram positions (4, 9) are char offsets of the search text (a
//!                 ; bigram's: of its first char)
//! norms        (kind 10) := raw_len:varint deflate(tokens:varint[docs])
//! layout       (kind 12) := raw_len:varint deflate((title_chars:varint body_chars:varint
//!                 (authors_start - body_chars):varint (units_start - authors_start):varint
//!                 kind:u8)[docs])
//! ids          (kind 11) := raw_len:varint deflate(fst)   ; fst::Map article id → document
//! pinyin       (kind 13) := raw_len:varint deflate(fst)   ; fst::Map `spelling 0x00 word` →
//!                 ; the word's frequency; spelling: toneless pinyin or its initials, ü as v
//! groups       := docs_per_group:varint groups:varint hash:u32 code ; the manifest's last part
//! code         := lens:varint count:varint[lens] gap:varint[sum of counts]
//!                 ; the documents' char code, canonical Huffman ([`charcode`]): count[l - 1]
//!                 ; chars have codes of l bits (lens <= 24, together no more than the code
//!                 ; space); then the chars by code length, then code point, each as its code
//!                 ; point minus the previous one's of the same length (the first of each
//!                 ; length: its code point); codes of each length are consecutive numbers,
//!                 ; the first of length l being (first of l - 1 + count[l - 2]) << 1; U+0000
//!                 ; stands for the escape: its code, then 21 bits of the char's code point
//!                 ; (highest first); the chars that occur at least [`docs::CHARSET_MIN_COUNT`]
//!                 ; times have codes of their own ([`docs::SMALL_CHARSET_MIN_COUNT`] in a
//!                 ; corpus of fewer than [`docs::ARCHIVE_CHARS`] chars of text)
//! docs         (kind 5) := group:varint count:varint zlen:varint raw_len:varint
//!                 deflate(doc[count])[zlen] chars
//!                 ; file docs-<group>-<hash as 8 hex>.bin: documents
//!                 ; group * docs_per_group .. + count, unlisted in the entries
//! chars        := (bits of a code)*  ; the chars of every text of the group's documents in the
//!                 ; order their `text`s come; each code highest bit first, bits filling each
//!                 ; byte from its lowest, the last byte padded with zeros
//! doc          := issue:varint id:str title:opt_text subtitle:opt_text kind:u8 column:opt_text
//!                 authors:texts photographers:texts units:texts tokens:varint
//!                 title_tokens:varint paragraphs:texts n:varint keyword[n]
//!                 ; title, body and text chars follow from the texts ([`search_text`])
//! keyword      := (at + 1):varint len:varint | 0x00 text
//!                 ; chars at .. at + len of the normalised search text, inside the body
//! table        (kind 7) := group:str articles:varint tokens:varint facets r:varint row[r]
//! facets       := kinds:counts units:counts authors:counts photographers:counts
//! counts       := n:varint (name:str articles:varint)[n]     ; most first, ties by name
//! row          := term:str count:varint articles:varint       ; the group's [`FREQ_TABLE_ROWS`]
//!                                                               ; most frequent words, most first
//! ```
//! `kind` of a document: 0 news, 1 photo, 2 feature, 3 literature.
//!
//! # The search text of a document
//! Char positions and regions refer to the document's *search text*, built by
//! [`search_text`]: the title (empty when there is none), then each paragraph, then the
//! subtitle, column, authors, photographers and units, joined by `\n`. Title + paragraphs are
//! the *body* (`body_chars`), what themes, KWIC and frequencies count. Every char except `\n`
//! is in the character tier, normalised by [`crate::text::normalize_char`] (one char in, one
//! char out, so offsets agree with the original text). Word tokens come from title and
//! paragraphs only (a word's region is the title or the paragraphs).
//!
//! # Checks
//! Every piece's header (magic, version, kind, length) and CRC are checked when it is loaded,
//! against the header and against the manifest; tables are decoded with bounds checks; posting
//! lists are decoded lazily with the same checks. Any failure is an [`IndexError`] naming the
//! piece and what was wrong; nothing panics. [`Index::open`] loads every piece at once (and so
//! checks everything); [`Index::verify`] does the same for a lazily opened index.

#[cfg(feature = "builder")]
mod build;
mod bytes;
pub mod charcode;
pub mod docs;
pub mod ids;
pub mod manifest;
pub mod norms;
pub mod pack;
pub mod pinyin;
pub mod postings;
mod reader;
pub mod tables;
pub mod termdict;
#[cfg(test)]
mod tests;

#[cfg(feature = "native")]
pub use build::build;
#[cfg(feature = "builder")]
pub use build::{build_with, BuildConfig};
pub use manifest::Manifest;
pub use postings::PostingList;
pub use docs::DocGroups;
pub use reader::{Index, Tier, PINYIN_PIECES_READ};

use crate::corpus::{Article, Kind};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The on-disk format version written by this build.
pub const FORMAT_VERSION: u16 = 6;
/// The oldest format version this build reads.
pub const MIN_FORMAT_VERSION: u16 = 6;
/// Every piece starts with these bytes.
pub const MAGIC: [u8; 4] = *b"YLIX";
/// Bytes of the piece header.
pub const HEADER_LEN: usize = 20;
/// Dictionary, postings, document and store pieces are cut when they grow past this many
/// bytes: small enough that a query on a large archive fetches little beyond what it reads
/// (a query touches a handful of pieces), large enough that the manifest, about 12 bytes a
/// piece, stays a small part of the first download.
pub const PIECE_TARGET_BYTES: usize = 16 << 10;
/// Pieces of a small corpus are cut smaller, down to this: its whole index is a few hundred
/// KB, and a first search on it should fetch a few KB per piece, not a third of the index.
pub const MIN_PIECE_BYTES: usize = 4 << 10;

/// The piece size for a corpus of `chars` characters: a quarter of a byte per character,
/// between [`MIN_PIECE_BYTES`] and [`PIECE_TARGET_BYTES`] (the seed's 15k chars: 4 KB; an
/// archive of a million chars or more: 16 KB).
pub fn piece_target(chars: u64) -> usize {
    usize::try_from(chars / 4).unwrap_or(usize::MAX).clamp(MIN_PIECE_BYTES, PIECE_TARGET_BYTES)
}
/// Keywords kept per article: its words of two or more chars that are not stopwords, by
/// TF-IDF (`tf / tokens · ln(articles / df)`), most distinctive first, ties in word order.
pub const KEYWORDS_PER_ARTICLE: usize = 5;
/// Dictionary pieces (words, chars, bigrams) are cut at this size whatever the corpus: a query
/// looks up a handful of keys, each maybe in another piece, and reads one entry of each. On
/// chinese-poetry 16 KB pieces made a five-character line cost 95 KB of dictionaries; a
/// finer cut costs the manifest about 16 bytes a piece.
pub const DICT_PIECE_BYTES: usize = MIN_PIECE_BYTES;
/// A bigram gets its own posting list when it occurs at least this often in the corpus (and
/// its chars are not cheap to read: [`bigram_fallback_bytes`]). Most distinct bigrams of a
/// large archive occur once; leaving them out saves a third of the bigram tier, and a query
/// on one reads its two chars' lists instead (still exact).
pub const BIGRAM_MIN_COUNT: u32 = 2;
/// A bigram that occurs at least this often always gets its list; a rarer one only when the
/// postings pieces of its two chars together (one piece when both lie in it) weigh more than
/// [`bigram_fallback_bytes`]. A query on a bigram without a list reads those pieces instead:
/// a few pieces at most, exact all the same. Such bigrams join uncommon chars (a rare name, a
/// rare word); on chinese-poetry their lists and dictionary entries were 10.6 MiB (of 52 MiB of
/// bigram postings and dictionary). Listed bigrams are the ones searched most: a phrase that
/// occurs this often costs what it did. (With no bound 杜甫, 楊柳 lost their lists and their
/// queries read 40-50 KB more; with 256, 黃昏 did, for 1.9 MiB more saved; with 32, 1.2 MiB
/// less was saved and no query of the bench read less.)
pub const BIGRAM_LISTED_COUNT: u32 = 64;
/// The weight of two chars' postings pieces below which a bigram of fewer than
/// [`BIGRAM_LISTED_COUNT`] occurrences gets no list, for a corpus cut in pieces of
/// `piece_target` bytes ([`piece_target`]): four full pieces (64 KB) on an archive. A small
/// corpus (pieces cut smaller) keeps every bigram: its whole bigram tier is a few tens of KB,
/// and each of its char pieces holds many chars, so no char is cheaper than its bigrams.
pub fn bigram_fallback_bytes(piece_target: usize) -> u64 {
    if piece_target < PIECE_TARGET_BYTES {
        0
    } else {
        4 * piece_target as u64
    }
}
/// Rows kept in each precomputed frequency table (most frequent words first).
pub const FREQ_TABLE_ROWS: usize = 5000;
/// Name prefixes of piece kinds earlier formats wrote: a rebuild in the same folder removes
/// their files too.
#[cfg(feature = "native")]
const FORMER_PIECE_PREFIXES: [&str; 2] = ["store", "chartable"];
/// The manifest's file name inside an index directory.
pub const MANIFEST_FILE: &str = "manifest.bin";

/// A built index: the sealed manifest and every piece, named as the manifest lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuiltIndex {
    pub manifest: Vec<u8>,
    /// Piece file name → bytes, in manifest order.
    pub pieces: Vec<(String, Vec<u8>)>,
}

impl BuiltIndex {
    /// Total bytes of manifest and pieces.
    pub fn total_bytes(&self) -> usize {
        self.manifest.len() + self.pieces.iter().map(|(_, b)| b.len()).sum::<usize>()
    }

    /// Writes every piece and then `manifest.bin` (by rename, so readers never see a half
    /// written manifest) into `dir` (created if needed), then removes older pieces that the new
    /// manifest does not list.
    #[cfg(feature = "native")]
    pub fn write_dir(&self, dir: &std::path::Path) -> Result<(), IndexError> {
        let io = |path: &std::path::Path, e: std::io::Error| IndexError::Io {
            path: path.display().to_string(),
            message: e.to_string(),
        };
        std::fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
        for (name, bytes) in &self.pieces {
            let p = dir.join(name);
            std::fs::write(&p, bytes).map_err(|e| io(&p, e))?;
        }
        // The manifest last, atomically: a reader sees the old index or the new one.
        let p = dir.join(MANIFEST_FILE);
        let tmp = dir.join(format!("{MANIFEST_FILE}.tmp-{}", std::process::id()));
        std::fs::write(&tmp, &self.manifest).map_err(|e| io(&tmp, e))?;
        std::fs::rename(&tmp, &p).map_err(|e| io(&p, e))?;
        let listed: std::collections::BTreeSet<&str> =
            self.pieces.iter().map(|(n, _)| n.as_str()).collect();
        if let Ok(rd) = std::fs::read_dir(dir) {
            for e in rd.flatten() {
                let name = e.file_name().to_string_lossy().to_string();
                let ours = PieceKind::ALL
                    .iter()
                    .filter(|k| **k != PieceKind::Manifest)
                    .map(|k| k.name())
                    .chain(FORMER_PIECE_PREFIXES)
                    .any(|prefix| name.starts_with(&format!("{prefix}-")));
                if ours && name.ends_with(".bin") && !listed.contains(name.as_str()) {
                    let _ = std::fs::remove_file(e.path());
                }
            }
        }
        Ok(())
    }
}

/// Every file of an index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum PieceKind {
    Manifest = 0,
    Vocab = 1,
    WordPostings = 2,
    CharDict = 3,
    CharPostings = 4,
    Docs = 5,
    Table = 7,
    BigramDict = 8,
    BigramPostings = 9,
    Norms = 10,
    Ids = 11,
    Layout = 12,
    Pinyin = 13,
}

impl PieceKind {
    pub const ALL: [PieceKind; 13] = [
        PieceKind::Manifest,
        PieceKind::Vocab,
        PieceKind::WordPostings,
        PieceKind::CharDict,
        PieceKind::CharPostings,
        PieceKind::Docs,
        PieceKind::Table,
        PieceKind::BigramDict,
        PieceKind::BigramPostings,
        PieceKind::Norms,
        PieceKind::Ids,
        PieceKind::Layout,
        PieceKind::Pinyin,
    ];
    /// The file-name prefix of pieces of this kind.
    pub fn name(self) -> &'static str {
        match self {
            PieceKind::Manifest => "manifest",
            PieceKind::Vocab => "vocab",
            PieceKind::WordPostings => "words",
            PieceKind::CharDict => "chardict",
            PieceKind::CharPostings => "chars",
            PieceKind::Docs => "docs",
            PieceKind::Table => "table",
            PieceKind::BigramDict => "bigramdict",
            PieceKind::BigramPostings => "bigrams",
            PieceKind::Norms => "norms",
            PieceKind::Ids => "ids",
            PieceKind::Layout => "layout",
            PieceKind::Pinyin => "pinyin",
        }
    }
    pub fn from_u8(b: u8) -> Option<PieceKind> {
        PieceKind::ALL.into_iter().find(|k| *k as u8 == b)
    }
    /// Kinds whose pieces each hold a contiguous range of keys (terms, chars, bigrams or
    /// documents) that together cover every key; the manifest stores only each range's length.
    /// (Document groups are not listed piece by piece: see [`docs`].)
    pub fn is_ranged(self) -> bool {
        !matches!(self, PieceKind::Manifest | PieceKind::Table | PieceKind::Docs)
    }
    /// Dictionary kinds: the manifest keeps each piece's first key, so the piece that may hold
    /// a key is found without loading any other.
    pub fn is_dictionary(self) -> bool {
        matches!(self, PieceKind::Vocab | PieceKind::CharDict | PieceKind::BigramDict | PieceKind::Ids | PieceKind::Pinyin)
    }
}

/// One piece as the manifest lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PieceEntry {
    pub kind: PieceKind,
    /// The file name, derived from the kind, the piece's place among its kind and its CRC
    /// (`chars-3-9f3a22c1.bin`): a changed piece gets a new name, so caches never serve a stale one.
    pub name: String,
    pub len: u64,
    pub crc: u32,
    /// Ordinal range `[from, to)` of terms, chars, bigrams or docs held (tables: 0..0).
    pub from: u32,
    pub to: u32,
    /// Dictionary pieces: the first key held. Tables: the group (`all`, `kind:news`, `unit:…`).
    /// Other kinds: empty.
    pub first: String,
}

impl PieceEntry {
    /// The file name of the `seq`-th piece of `kind` whose body has CRC32 `crc`.
    pub fn file_name(kind: PieceKind, seq: usize, crc: u32) -> String {
        format!("{}-{seq}-{crc:08x}.bin", kind.name())
    }
}

/// What the index knows about one term (or one char of the character tier).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermInfo {
    /// Documents holding the term.
    pub doc_freq: u32,
    /// Occurrences in the whole corpus.
    pub coll_freq: u64,
    /// Index of the postings piece (among pieces of its kind, in manifest order).
    pub piece: u32,
    /// Byte range of the posting list in that piece's body.
    pub offset: u64,
    pub len: u64,
}

/// Corpus-wide counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct CorpusStats {
    pub articles: usize,
    pub issues: usize,
    /// Word tokens (title + paragraphs), as segmented at index time.
    pub tokens: u64,
    /// Characters of title + paragraphs.
    pub chars: u64,
    /// Distinct word terms.
    pub terms: usize,
}

/// The issue an article belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct IssueInfo {
    /// The cleaned file's stem (`corpus/clean/<stem>.json`): the first part of its article ids.
    pub stem: String,
    pub source: String,
    pub publication: String,
    pub date: Option<String>,
    /// Its documents are `first_doc .. first_doc + docs`.
    pub first_doc: u32,
    pub docs: u32,
    /// Word tokens of its articles' titles and paragraphs.
    pub tokens: u64,
}

/// A theme from `corpus/themes.toml`: a name and the strings that count towards it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Theme {
    pub name: String,
    pub terms: Vec<String>,
    pub note: Option<String>,
}

/// Article counts per kind, unit and author (authors include photographers), most first,
/// ties by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Facets {
    pub kinds: Vec<(String, usize)>,
    pub units: Vec<(String, usize)>,
    pub authors: Vec<(String, usize)>,
    pub photographers: Vec<(String, usize)>,
}

/// What ranking needs of a document besides its posting lists: the [`norms`] component
/// ([`PieceKind::Norms`]), about a byte a document, so that scoring thousands of candidates
/// fetches no titles or bylines. (Which occurrences lie in the title, the lists say.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocNorms {
    /// Word tokens of title + paragraphs (the BM25 document length).
    pub tokens: u32,
}

/// Where the parts of a document's search text lie, and its kind: what counting (themes,
/// KWIC) and field filters need, in the [`norms`] module's second component
/// ([`PieceKind::Layout`]), apart from [`DocNorms`] so that a plain search does not fetch it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocLayout {
    /// Chars `< title_chars` of the search text are the title.
    pub title_chars: u32,
    /// Chars `< body_chars` are title + paragraphs (+ the line breaks between them).
    pub body_chars: u32,
    /// Chars from here to `units_start` are the bylines (authors, then photographers); between
    /// `body_chars` and here, the subtitle and the column.
    pub authors_start: u32,
    /// Chars from here to the end are the units.
    pub units_start: u32,
    pub kind: Kind,
}

/// Per-document metadata kept in memory for hits, filters and facets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DocMeta {
    pub issue: u32,
    pub id: String,
    pub title: Option<String>,
    pub subtitle: Option<String>,
    pub kind: Kind,
    pub column: Option<String>,
    pub authors: Vec<String>,
    pub photographers: Vec<String>,
    pub units: Vec<String>,
    /// Word tokens of title + paragraphs (the BM25 document length).
    pub tokens: u32,
    /// Word positions `< title_tokens` are in the title.
    pub title_tokens: u32,
    /// Chars `< title_chars` of the search text are the title.
    pub title_chars: u32,
    /// Chars `< body_chars` are title + paragraphs (+ the line breaks between them).
    pub body_chars: u32,
    pub text_chars: u32,
    /// The article's most distinctive words (TF-IDF over the corpus, computed at build time:
    /// see [`KEYWORDS_PER_ARTICLE`]), most distinctive first.
    pub keywords: Vec<String>,
}

pub(crate) fn kind_code(k: Kind) -> u8 {
    match k {
        Kind::News => 0,
        Kind::Photo => 1,
        Kind::Feature => 2,
        Kind::Literature => 3,
    }
}

pub(crate) fn kind_from_code(b: u8) -> Option<Kind> {
    Kind::ALL.into_iter().find(|k| kind_code(*k) == b)
}

/// The search text of an article (see the module doc) and the char offsets where the title
/// and the body end. The text is NOT normalised; normalise char by char to match the index.
pub fn search_text(a: &Article) -> (String, usize, usize) {
    let mut s = String::new();
    let (mut title_chars, mut body_chars) = (0, 0);
    // The title first (or nothing), then every other text on a line of its own.
    for (field, text) in a.searched_texts() {
        if field != "title" {
            s.push('\n');
        }
        s.push_str(text);
        if field == "title" {
            title_chars = s.chars().count();
        }
        if matches!(field, "title" | "paragraphs") {
            body_chars = s.chars().count();
        }
    }
    (s, title_chars, body_chars)
}

/// Where the regions of an article's search text end (see [`search_text`] and
/// [`postings::Region`]), in chars, for a body of `body_chars` with a title of `title_chars`:
/// what the lists record of each occurrence and [`DocLayout`] keeps of each document.
#[cfg(feature = "builder")]
pub(crate) fn region_ends(a: &Article, title_chars: u32, body_chars: u32) -> postings::RegionEnds {
    let len = |fields: &[String]| fields.iter().map(|s| 1 + s.chars().count() as u32).sum::<u32>();
    let subtitle = body_chars + len(a.subtitle.as_slice());
    let column = subtitle + len(a.column.as_slice());
    let authors = column + len(&a.authors);
    let photographers = authors + len(&a.photographers);
    [title_chars, body_chars, subtitle, column, authors, photographers]
}

/// Everything that can go wrong building, opening or reading an index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum IndexError {
    /// The piece has zero bytes.
    Empty { piece: String },
    /// Fewer bytes than the header says.
    Truncated {
        piece: String,
        expected: u64,
        got: u64,
    },
    /// More bytes than the header says.
    TrailingBytes { piece: String, extra: u64 },
    /// Not a Yuliao index piece.
    BadMagic { piece: String, got: [u8; 4] },
    /// Written by a newer Yuliao.
    NewerVersion {
        piece: String,
        found: u16,
        supported: u16,
    },
    /// Written by an older Yuliao whose format this one no longer reads.
    OlderVersion { piece: String, found: u16, min: u16 },
    /// A piece of another kind than expected (e.g. a store piece given as the manifest).
    WrongKind {
        piece: String,
        expected: String,
        got: u8,
    },
    /// The body's CRC32 does not match the header.
    Checksum {
        piece: String,
        expected: u32,
        got: u32,
    },
    /// The header is fine but the body does not decode.
    Corrupt { piece: String, detail: String },
    /// The manifest lists a piece that was not given.
    MissingPiece { name: String },
    /// An index opened lazily needs this piece and nobody has loaded it yet (see
    /// [`Index::attempt`]): fetch it and call [`Index::load_piece`].
    NotLoaded { piece: String },
    /// A piece name the manifest does not list.
    UnknownPiece { name: String },
    /// A piece was given but differs from what the manifest lists.
    PieceMismatch { name: String, detail: String },
    /// A build input (themes.toml, userdict) is malformed.
    Config { file: String, detail: String },
    /// The corpus is too large for the format (more than u32 documents or positions).
    TooLarge { what: String },
    /// Reading or writing an index directory failed.
    Io { path: String, message: String },
}

impl fmt::Display for IndexError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const REBUILD: &str = "rebuild the index with `yuliao index`";
        match self {
            IndexError::Empty { piece } => write!(f, "index piece {piece} is empty; {REBUILD}"),
            IndexError::Truncated { piece, expected, got } => {
                write!(f, "index piece {piece} is truncated: expected {expected} bytes, got {got}; {REBUILD}")
            }
            IndexError::TrailingBytes { piece, extra } => {
                write!(f, "index piece {piece} has {extra} bytes after its end; {REBUILD}")
            }
            IndexError::BadMagic { piece, got } => {
                write!(f, "{piece} is not a Yuliao index piece (magic {got:?}, expected {:?})", MAGIC)
            }
            IndexError::NewerVersion { piece, found, supported } => write!(
                f,
                "index piece {piece} has format version {found}, newer than this build reads ({supported}); upgrade yuliao or {REBUILD}"
            ),
            IndexError::OlderVersion { piece, found, min } => {
                write!(f, "index piece {piece} has format version {found}, older than {min}; {REBUILD}")
            }
            IndexError::WrongKind { piece, expected, got } => {
                write!(f, "index piece {piece} is of kind {got}, expected a {expected} piece")
            }
            IndexError::Checksum { piece, expected, got } => write!(
                f,
                "index piece {piece} is corrupted: CRC32 {got:08x}, header says {expected:08x}; {REBUILD}"
            ),
            IndexError::Corrupt { piece, detail } => write!(f, "index piece {piece} is corrupted: {detail}; {REBUILD}"),
            IndexError::MissingPiece { name } => write!(f, "index piece {name} is listed in the manifest but missing"),
            IndexError::NotLoaded { piece } => write!(f, "index piece {piece} is needed but not loaded yet"),
            IndexError::UnknownPiece { name } => write!(f, "{name} is not a piece of this index (the manifest does not list it); reload the page"),
            IndexError::PieceMismatch { name, detail } => {
                write!(f, "index piece {name} does not match the manifest: {detail}; {REBUILD}")
            }
            IndexError::Config { file, detail } => write!(f, "{file}: {detail}"),
            IndexError::TooLarge { what } => write!(f, "corpus too large for the index format: {what}"),
            IndexError::Io { path, message } => write!(f, "{path}: {message}"),
        }
    }
}

impl std::error::Error for IndexError {}
