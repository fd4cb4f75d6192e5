//! The binary index: build it from [`crate::corpus::Issue`]s (native), open it from bytes
//! (anywhere, including WebAssembly). This module doc is the format specification; the spec
//! and [`FORMAT_VERSION`] change together.
//!
//! An index answers four questions (one component each):
//! - *Here is a word, give me its [`TermInfo`]*: the word tier ([`PieceKind::Vocab`]): an
//!   `fst::Map` from term to ordinal plus a table of doc/collection frequencies and byte ranges.
//! - *Which documents hold this word, where?*: word postings ([`PieceKind::WordPostings`]).
//! - *Which documents hold this exact string, where?*: the character tier
//!   ([`PieceKind::CharTable`], [`PieceKind::CharPostings`]): every character of every
//!   document's search text with its char positions; a string of n characters matches where the
//!   positions of its characters line up (phrase intersection). This gives exact substring recall
//!   for anything: 薄水 inside 拟薄水铝石, a lone 窑, a name the segmenter never saw.
//! - *Show me document d*: metadata ([`PieceKind::Docs`]) and compressed text ([`PieceKind::Store`]).
//!
//! # Layout
//! An index is a manifest (`manifest.bin`) plus pieces named `<kind>-<fnv64 hex>.bin` by their
//! content. The manifest lists every piece with its length, CRC and the key range it covers, so
//! a large corpus can be fetched piece by piece (postings pieces are cut at about
//! [`PIECE_TARGET_BYTES`]).
//!
//! # Grammar
//! All integers are little-endian; `varint` is unsigned LEB128 (at most 10 bytes).
//! ```text
//! piece        := header body
//! header       := "YLIX" version:u16 kind:u8 0x00 body_len:u64 crc32(body):u32        (20 bytes)
//! str          := len:varint utf8[len]
//! opt_str      := 0x00 | 0x01 str
//! strs         := n:varint str[n]
//!
//! manifest     (kind 0) := stats stopwords:strs n:varint theme[n] m:varint entry[m]
//! stats        := articles:varint issues:varint tokens:varint chars:varint terms:varint
//! theme        := name:str terms:strs note:opt_str
//! entry        := kind:u8 name:str len:varint crc32:u32 from:varint to:varint first:str last:str
//!                 ; [from, to) ordinals of terms (kinds 1, 2), chars (3, 4) or docs (5, 6);
//!                 ; first/last: the first and last term, char or doc id in that range
//! vocab        (kind 1) := n:varint fst:(len:varint bytes) info[n]
//! info         := doc_freq:varint coll_freq:varint offset:varint len:varint
//!                 ; bytes [offset, offset+len) of the postings piece whose range holds the ordinal
//! wordpostings (kind 2) := list*
//! list         := (doc_delta:varint tf:varint pos_delta:varint[tf])[doc_freq]
//!                 ; first doc and first position of each doc absolute, the rest deltas (> 0)
//! chartable    (kind 3) := n:varint (char:varint info)[n]       ; chars strictly increasing
//! charpostings (kind 4) := list*                                ; positions are char offsets
//! docs         (kind 5) := raw_len:varint deflate(n:varint issue[n] d:varint doc[d])
//! issue        := source:str publication:str date:opt_str
//! doc          := issue:varint id:str title:opt_str subtitle:opt_str kind:u8 column:opt_str
//!                 authors:strs photographers:strs units:strs
//!                 tokens:varint title_tokens:varint title_chars:varint body_chars:varint text_chars:varint
//! store        (kind 6) := n:varint block[n] deflated_block[n]
//! block        := first_doc:varint docs:varint raw_len:varint comp_len:varint
//! deflated     := deflate(JSON array of the block's corpus::Article values, serde_json compact)
//!                 ; blocks of a piece are consecutive; pieces cover docs [from, to)
//! ```
//! `kind` of a document: 0 news, 1 photo, 2 feature, 3 literature.
//!
//! # The search text of a document
//! Word positions and char positions refer to the document's *search text*, built by
//! [`search_text`]: the title (empty when there is none), then each paragraph, then the
//! subtitle, column, authors, photographers and units, joined by `\n`. Title + paragraphs are
//! the *body* (`body_chars`), what themes, KWIC and frequencies count. Every char except `\n`
//! is in the character tier, normalised by [`crate::text::normalize_char`] (one char in, one
//! char out, so offsets agree with the original text). Word tokens come from title and
//! paragraphs only; a line break advances the word position by one so phrases never span lines.
//!
//! # Checks
//! [`Index::open`] checks every piece's header (magic, version, kind, length) and CRC, then
//! decodes tables with bounds checks; postings are decoded lazily with the same checks. Any
//! failure is an [`IndexError`] naming the piece and what was wrong; nothing panics.

#[cfg(feature = "native")]
mod build;
mod bytes;
mod reader;
#[cfg(test)]
mod tests;

#[cfg(feature = "native")]
pub use build::{build, BuildConfig};
pub use reader::{Index, Manifest, PostingList};

use crate::corpus::{Article, Kind};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The on-disk format version written by this build.
pub const FORMAT_VERSION: u16 = 1;
/// The oldest format version this build reads.
pub const MIN_FORMAT_VERSION: u16 = 1;
/// Every piece starts with these bytes.
pub const MAGIC: [u8; 4] = *b"YLIX";
/// Bytes of the piece header.
pub const HEADER_LEN: usize = 20;
/// Postings and store pieces are cut when they grow past this many bytes.
pub const PIECE_TARGET_BYTES: usize = 1 << 20;
/// Documents per compressed store block.
pub const STORE_BLOCK_DOCS: usize = 16;
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
                let ours = PieceKind::ALL.iter().any(|k| {
                    *k != PieceKind::Manifest && name.starts_with(&format!("{}-", k.name()))
                });
                if ours && name.ends_with(".bin") && !listed.contains(name.as_str()) {
                    let _ = std::fs::remove_file(e.path());
                }
            }
        }
        Ok(())
    }
}

/// Every file of an index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum PieceKind {
    Manifest = 0,
    Vocab = 1,
    WordPostings = 2,
    CharTable = 3,
    CharPostings = 4,
    Docs = 5,
    Store = 6,
}

impl PieceKind {
    pub const ALL: [PieceKind; 7] = [
        PieceKind::Manifest,
        PieceKind::Vocab,
        PieceKind::WordPostings,
        PieceKind::CharTable,
        PieceKind::CharPostings,
        PieceKind::Docs,
        PieceKind::Store,
    ];
    /// The file-name prefix of pieces of this kind.
    pub fn name(self) -> &'static str {
        match self {
            PieceKind::Manifest => "manifest",
            PieceKind::Vocab => "vocab",
            PieceKind::WordPostings => "words",
            PieceKind::CharTable => "chartable",
            PieceKind::CharPostings => "chars",
            PieceKind::Docs => "docs",
            PieceKind::Store => "store",
        }
    }
    pub fn from_u8(b: u8) -> Option<PieceKind> {
        PieceKind::ALL.into_iter().find(|k| *k as u8 == b)
    }
}

/// One piece as the manifest lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PieceEntry {
    pub kind: PieceKind,
    pub name: String,
    pub len: u64,
    pub crc: u32,
    /// Ordinal range `[from, to)` of terms, chars or docs held.
    pub from: u32,
    pub to: u32,
    /// First and last key (term, char or doc id) held.
    pub first: String,
    pub last: String,
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssueInfo {
    pub source: String,
    pub publication: String,
    pub date: Option<String>,
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
    if let Some(t) = &a.title {
        s.push_str(t);
    }
    let title_chars = s.chars().count();
    for p in &a.paragraphs {
        s.push('\n');
        s.push_str(p);
    }
    let body_chars = s.chars().count();
    let meta = a
        .subtitle
        .iter()
        .chain(a.column.iter())
        .chain(a.authors.iter())
        .chain(a.photographers.iter())
        .chain(a.units.iter());
    for m in meta {
        s.push('\n');
        s.push_str(m);
    }
    (s, title_chars, body_chars)
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
