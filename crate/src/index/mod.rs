//! The binary index: build it from [`crate::corpus::Issue`]s (native), open it from bytes
//! (anywhere, including WebAssembly). This module doc is the format specification; the spec
//! and [`FORMAT_VERSION`] change together.
//!
//! An index answers these questions, one component (one module, owning its writer and its
//! reader) each:
//! - *What is in this corpus, and which piece holds what?* [`manifest`]: corpus figures, issues
//!   (with their document ranges and token counts), stopwords, themes, and every piece with its
//!   length, CRC and the key range it covers. The only file a page must fetch up front.
//! - *Here is a word, give me its [`TermInfo`]*: [`termdict`] ([`PieceKind::Vocab`]): `fst::Map`
//!   pieces, each over a contiguous range of terms, so a query fetches only the pieces whose
//!   range holds its candidate words.
//! - *Which documents hold this word or this character, where?* [`postings`]
//!   ([`PieceKind::WordPostings`], [`PieceKind::CharPostings`]), with the character table
//!   [`chars`] ([`PieceKind::CharTable`]) for exact substring recall: a string of n characters
//!   matches where the positions of its characters line up (薄水 inside 拟薄水铝石, a lone 窑,
//!   a name the segmenter never saw).
//! - *Who wrote document d, how long is it?* [`docs`] ([`PieceKind::Docs`]): metadata pieces by
//!   document range.
//! - *Show me document d*: [`store`] ([`PieceKind::Store`]): the paragraphs, deflated in blocks.
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
//! An index is a manifest (`manifest.bin`) plus pieces named `<kind>-<fnv64 hex>.bin` by their
//! content. Pieces are cut at about [`PIECE_TARGET_BYTES`].
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
//! manifest     (kind 0) := stats stopwords:strs n:varint theme[n] i:varint issue[i] m:varint entry[m]
//! stats        := articles:varint issues:varint tokens:varint chars:varint terms:varint
//! theme        := name:str terms:strs note:opt_str
//! issue        := stem:str source:str publication:str date:opt_str first_doc:varint docs:varint
//!                 tokens:varint                         ; issues in document order
//! entry        := kind:u8 name:str len:varint crc32:u32 from:varint to:varint first:str last:str
//!                 ; [from, to): ordinals of terms (kinds 1, 2), chars (3, 4) or docs (5, 6);
//!                 ; first/last: the first and last term, char or doc id in that range;
//!                 ; kind 7: first is the table's group ("all", "kind:news", "unit:氧化铝厂")
//! vocab        (kind 1) := n:varint fst:(len:varint bytes) info[n]
//!                 ; the fst maps each term of the piece to its ordinal minus `from`
//! info         := doc_freq:varint coll_freq:varint offset:varint len:varint
//!                 ; bytes [offset, offset+len) of the postings piece whose range holds the ordinal
//! wordpostings (kind 2) := list*
//! list         := (doc_delta:varint tf:varint pos_delta:varint[tf])[doc_freq]
//!                 ; first doc and first position of each doc absolute, the rest deltas (> 0)
//! chartable    (kind 3) := n:varint (char:varint info)[n]       ; chars strictly increasing
//! charpostings (kind 4) := list*                                ; positions are char offsets
//! docs         (kind 5) := raw_len:varint deflate(doc[to - from])
//! doc          := issue:varint id:str title:opt_str subtitle:opt_str kind:u8 column:opt_str
//!                 authors:strs photographers:strs units:strs
//!                 tokens:varint title_tokens:varint title_chars:varint body_chars:varint text_chars:varint
//! store        (kind 6) := n:varint block[n] deflated_block[n]
//! block        := first_doc:varint docs:varint raw_len:varint comp_len:varint
//! deflated     := deflate(strs[docs])         ; each document's paragraphs
//! table        (kind 7) := group:str articles:varint tokens:varint facets r:varint row[r]
//! facets       := kinds:counts units:counts authors:counts
//! counts       := n:varint (name:str articles:varint)[n]     ; most first, ties by name
//! row          := term:str count:varint articles:varint       ; the group's [`FREQ_TABLE_ROWS`]
//!                                                               ; most frequent words, most first
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
//! Every piece's header (magic, version, kind, length) and CRC are checked when it is loaded,
//! against the header and against the manifest; tables are decoded with bounds checks; posting
//! lists are decoded lazily with the same checks. Any failure is an [`IndexError`] naming the
//! piece and what was wrong; nothing panics. [`Index::open`] loads every piece at once (and so
//! checks everything); [`Index::verify`] does the same for a lazily opened index.

#[cfg(feature = "native")]
mod build;
mod bytes;
pub mod chars;
pub mod docs;
pub mod manifest;
pub mod postings;
mod reader;
pub mod store;
pub mod tables;
pub mod termdict;
#[cfg(test)]
mod tests;

#[cfg(feature = "native")]
pub use build::{build, BuildConfig};
pub use manifest::Manifest;
pub use postings::PostingList;
pub use reader::Index;

use crate::corpus::{Article, Kind};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The on-disk format version written by this build.
pub const FORMAT_VERSION: u16 = 2;
/// The oldest format version this build reads.
pub const MIN_FORMAT_VERSION: u16 = 2;
/// Every piece starts with these bytes.
pub const MAGIC: [u8; 4] = *b"YLIX";
/// Bytes of the piece header.
pub const HEADER_LEN: usize = 20;
/// Term, postings, document and store pieces are cut when they grow past this many bytes:
/// small enough that a query on a large archive fetches little beyond what it reads, large
/// enough that the manifest's list of pieces stays small.
pub const PIECE_TARGET_BYTES: usize = 48 << 10;
/// Rows kept in each precomputed frequency table (most frequent words first).
pub const FREQ_TABLE_ROWS: usize = 5000;
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
    Table = 7,
}

impl PieceKind {
    pub const ALL: [PieceKind; 8] = [
        PieceKind::Manifest,
        PieceKind::Vocab,
        PieceKind::WordPostings,
        PieceKind::CharTable,
        PieceKind::CharPostings,
        PieceKind::Docs,
        PieceKind::Store,
        PieceKind::Table,
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
            PieceKind::Table => "table",
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
