//! Opening and reading an index from bytes: [`Manifest`] and [`Index`].
//!
//! Takes the manifest bytes and `(piece name, bytes)` pairs (the CLI reads files, the page
//! fetches them); returns an immutable [`Index`]. Guarantees: `open` checks every header and
//! checksum and bounds-checks every table; postings and store blocks decode lazily with the
//! same checks; any failure is an [`IndexError`], never a panic.

use super::bytes::{inflate, unseal, Cursor};
use super::{
    kind_from_code, search_text, CorpusStats, DocMeta, Facets, IndexError, IssueInfo, PieceEntry,
    PieceKind, TermInfo, Theme, MANIFEST_FILE,
};
use crate::corpus::Article;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The parsed manifest: corpus stats, stopwords, themes and the list of pieces.
#[derive(Debug, Clone, PartialEq)]
pub struct Manifest {
    pub stats: CorpusStats,
    pub stopwords: Vec<String>,
    pub themes: Vec<Theme>,
    pub pieces: Vec<PieceEntry>,
}

impl Manifest {
    /// Checks the header and checksum, then decodes the manifest body.
    pub fn parse(bytes: &[u8]) -> Result<Manifest, IndexError> {
        let body = unseal(MANIFEST_FILE, PieceKind::Manifest, bytes)?;
        let mut c = Cursor::new(body, MANIFEST_FILE);
        let max = u32::MAX as u64;
        let articles = c.varint_max(max, "article count")? as usize;
        let issues = c.varint_max(max, "issue count")? as usize;
        let tokens = c.varint()?;
        let chars = c.varint()?;
        let terms = c.varint_max(max, "term count")? as usize;
        let stopwords = c.strs()?;
        let n = c.varint_max(c.remaining() as u64, "theme count")?;
        let mut themes = Vec::new();
        for _ in 0..n {
            themes.push(Theme {
                name: c.str()?,
                terms: c.strs()?,
                note: c.opt_str()?,
            });
        }
        let n = c.varint_max(c.remaining() as u64, "piece count")?;
        let mut pieces = Vec::new();
        for _ in 0..n {
            let code = c.u8()?;
            let kind = PieceKind::from_u8(code)
                .filter(|k| *k != PieceKind::Manifest)
                .ok_or_else(|| c.corrupt(format!("unknown piece kind {code}")))?;
            let name = c.str()?;
            if name.is_empty()
                || name.contains(['/', '\\'])
                || name == MANIFEST_FILE
                || name.starts_with('.')
            {
                return Err(c.corrupt(format!("bad piece name {name:?}")));
            }
            let len = c.varint()?;
            let crc = c.u32le()?;
            let from = c.varint_max(max, "range start")? as u32;
            let to = c.varint_max(max, "range end")? as u32;
            if from > to {
                return Err(c.corrupt(format!("piece {name} has range {from}..{to}")));
            }
            pieces.push(PieceEntry {
                kind,
                name,
                len,
                crc,
                from,
                to,
                first: c.str()?,
                last: c.str()?,
            });
        }
        c.finish()?;
        Ok(Manifest {
            stats: CorpusStats {
                articles,
                issues,
                tokens,
                chars,
                terms,
            },
            stopwords,
            themes,
            pieces,
        })
    }

    /// Every piece file the manifest lists, in order.
    pub fn piece_names(&self) -> Vec<String> {
        self.pieces.iter().map(|p| p.name.clone()).collect()
    }
}

/// A decoded posting list: for each document (ascending), its positions (ascending).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PostingList {
    pub docs: Vec<u32>,
    /// `positions[starts[i]..starts[i + 1]]` belong to `docs[i]`.
    pub starts: Vec<u32>,
    pub positions: Vec<u32>,
}

impl PostingList {
    /// Positions of the i-th document of the list.
    pub fn positions_at(&self, i: usize) -> &[u32] {
        let a = self.starts.get(i).copied().unwrap_or(0) as usize;
        let b = self.starts.get(i + 1).copied().unwrap_or(0) as usize;
        self.positions.get(a..b).unwrap_or(&[])
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

struct StoreBlock {
    piece: usize,
    first_doc: u32,
    docs: u32,
    raw_len: usize,
    offset: usize,
    len: usize,
}

/// An opened, immutable index. Cheap to query from many places; store blocks are inflated on
/// first use and cached.
pub struct Index {
    manifest: Manifest,
    vocab: fst::Map<Vec<u8>>,
    terms: Vec<TermInfo>,
    word_pieces: Vec<Vec<u8>>,
    chars: Vec<(char, TermInfo)>,
    char_pieces: Vec<Vec<u8>>,
    docs: Vec<DocMeta>,
    issues: Vec<IssueInfo>,
    by_id: BTreeMap<String, u32>,
    store_pieces: Vec<Vec<u8>>,
    blocks: Vec<StoreBlock>,
    cache: Vec<OnceLock<Result<Vec<Article>, IndexError>>>,
    avg_len: f64,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index")
            .field("stats", &self.manifest.stats)
            .finish()
    }
}

fn check_info(
    info: &TermInfo,
    pieces: &[Vec<u8>],
    n_docs: usize,
    what: &str,
    c: &Cursor,
) -> Result<(), IndexError> {
    let body = pieces.get(info.piece as usize).ok_or_else(|| {
        c.corrupt(format!(
            "{what} points at missing postings piece {}",
            info.piece
        ))
    })?;
    let end = info.offset.checked_add(info.len);
    if end.is_none_or(|e| e > body.len() as u64) {
        return Err(c.corrupt(format!(
            "{what} postings range {}+{} beyond piece of {} bytes",
            info.offset,
            info.len,
            body.len()
        )));
    }
    if info.doc_freq as usize > n_docs || info.coll_freq < u64::from(info.doc_freq) {
        return Err(c.corrupt(format!(
            "{what} has doc_freq {} and coll_freq {} for {n_docs} docs",
            info.doc_freq, info.coll_freq
        )));
    }
    Ok(())
}

fn read_info(c: &mut Cursor) -> Result<TermInfo, IndexError> {
    let doc_freq = c.varint_max(u32::MAX as u64, "doc_freq")? as u32;
    let coll_freq = c.varint()?;
    let offset = c.varint()?;
    let len = c.varint()?;
    Ok(TermInfo {
        doc_freq,
        coll_freq,
        piece: 0,
        offset,
        len,
    })
}

impl Index {
    /// Opens an index from its manifest and pieces (any order; extra pieces are ignored).
    pub fn open(manifest: &[u8], pieces: &[(String, Vec<u8>)]) -> Result<Index, IndexError> {
        let manifest = Manifest::parse(manifest)?;
        let mut bodies: BTreeMap<PieceKind, Vec<(&PieceEntry, Vec<u8>)>> = BTreeMap::new();
        for e in &manifest.pieces {
            let bytes = pieces
                .iter()
                .find(|(n, _)| *n == e.name)
                .map(|(_, b)| b)
                .ok_or_else(|| IndexError::MissingPiece {
                    name: e.name.clone(),
                })?;
            if bytes.len() as u64 != e.len {
                return Err(IndexError::PieceMismatch {
                    name: e.name.clone(),
                    detail: format!("{} bytes, manifest says {}", bytes.len(), e.len),
                });
            }
            let body = unseal(&e.name, e.kind, bytes)?;
            if crc32fast::hash(body) != e.crc {
                return Err(IndexError::PieceMismatch {
                    name: e.name.clone(),
                    detail: "CRC differs from the manifest's".into(),
                });
            }
            bodies.entry(e.kind).or_default().push((e, body.to_vec()));
        }
        let mut take = |k: PieceKind| bodies.remove(&k).unwrap_or_default();
        let bad = |detail: String| IndexError::Corrupt {
            piece: MANIFEST_FILE.into(),
            detail,
        };
        let one = |mut v: Vec<(&PieceEntry, Vec<u8>)>,
                   k: PieceKind|
         -> Result<(PieceEntry, Vec<u8>), IndexError> {
            if v.len() != 1 {
                return Err(bad(format!(
                    "expected exactly one {} piece, found {}",
                    k.name(),
                    v.len()
                )));
            }
            let (e, b) = v.remove(0);
            Ok((e.clone(), b))
        };
        let (docs_e, docs_b) = one(take(PieceKind::Docs), PieceKind::Docs)?;
        let (vocab_e, vocab_b) = one(take(PieceKind::Vocab), PieceKind::Vocab)?;
        let (ct_e, ct_b) = one(take(PieceKind::CharTable), PieceKind::CharTable)?;
        let word_pieces: Vec<Vec<u8>> = take(PieceKind::WordPostings)
            .into_iter()
            .map(|(_, b)| b)
            .collect();
        let char_pieces: Vec<Vec<u8>> = take(PieceKind::CharPostings)
            .into_iter()
            .map(|(_, b)| b)
            .collect();
        let store_list = take(PieceKind::Store);

        // Docs.
        let mut c = Cursor::new(&docs_b, &docs_e.name);
        let raw_len = c.varint()?;
        let comp = c.take(c.remaining())?;
        if raw_len > (comp.len() as u64).saturating_mul(1100) + 4096 {
            return Err(c.corrupt(format!(
                "inflated length {raw_len} impossible for {} compressed bytes",
                comp.len()
            )));
        }
        let raw = inflate(&docs_e.name, comp, raw_len as usize)?;
        let mut c = Cursor::new(&raw, &docs_e.name);
        let n_issues = c.varint_max(c.remaining() as u64, "issue count")? as usize;
        let mut issues = Vec::new();
        for _ in 0..n_issues {
            issues.push(IssueInfo {
                source: c.str()?,
                publication: c.str()?,
                date: c.opt_str()?,
            });
        }
        let n_docs = c.varint_max(c.remaining() as u64, "doc count")? as usize;
        let mut docs = Vec::new();
        let mut by_id = BTreeMap::new();
        for d in 0..n_docs {
            let issue = c.varint_max(n_issues.saturating_sub(1) as u64, "issue of doc")? as u32;
            if n_issues == 0 {
                return Err(c.corrupt("documents without issues"));
            }
            let id = c.str()?;
            let title = c.opt_str()?;
            let subtitle = c.opt_str()?;
            let code = c.u8()?;
            let kind = kind_from_code(code)
                .ok_or_else(|| c.corrupt(format!("unknown article kind {code}")))?;
            let column = c.opt_str()?;
            let authors = c.strs()?;
            let photographers = c.strs()?;
            let units = c.strs()?;
            let mut v = [0u32; 5];
            for x in v.iter_mut() {
                *x = c.varint_max(u32::MAX as u64, "doc length")? as u32;
            }
            let [tokens, title_tokens, title_chars, body_chars, text_chars] = v;
            if title_chars > body_chars || body_chars > text_chars {
                return Err(c.corrupt(format!("doc {id}: title {title_chars} / body {body_chars} / text {text_chars} chars out of order")));
            }
            if by_id.insert(id.clone(), d as u32).is_some() {
                return Err(c.corrupt(format!("duplicate article id {id}")));
            }
            docs.push(DocMeta {
                issue,
                id,
                title,
                subtitle,
                kind,
                column,
                authors,
                photographers,
                units,
                tokens,
                title_tokens,
                title_chars,
                body_chars,
                text_chars,
            });
        }
        c.finish()?;
        if docs.len() != manifest.stats.articles || issues.len() != manifest.stats.issues {
            return Err(bad(format!(
                "stats say {} articles in {} issues, docs piece has {} in {}",
                manifest.stats.articles,
                manifest.stats.issues,
                docs.len(),
                issues.len()
            )));
        }

        // Vocab.
        let mut c = Cursor::new(&vocab_b, &vocab_e.name);
        let n_terms = c.varint_max(u32::MAX as u64, "term count")? as usize;
        let fst_bytes = c.bytes()?.to_vec();
        let vocab =
            fst::Map::new(fst_bytes).map_err(|e| c.corrupt(format!("term dictionary: {e}")))?;
        vocab
            .as_fst()
            .verify()
            .map_err(|e| c.corrupt(format!("term dictionary checksum: {e}")))?;
        if vocab.len() != n_terms || n_terms != manifest.stats.terms {
            return Err(c.corrupt(format!(
                "dictionary holds {} terms, expected {n_terms}",
                vocab.len()
            )));
        }
        {
            use fst::Streamer;
            let mut s = vocab.stream();
            while let Some((_, v)) = s.next() {
                if v >= n_terms as u64 {
                    return Err(c.corrupt(format!("term ordinal {v} out of range")));
                }
            }
        }
        let word_ranges = ranges(&manifest, PieceKind::WordPostings);
        let mut terms = Vec::with_capacity(n_terms);
        for ord in 0..n_terms {
            let mut info = read_info(&mut c)?;
            info.piece = piece_of(&word_ranges, ord as u32)
                .ok_or_else(|| c.corrupt(format!("no postings piece for term {ord}")))?;
            check_info(&info, &word_pieces, n_docs, "term", &c)?;
            terms.push(info);
        }
        c.finish()?;

        // Char table.
        let mut c = Cursor::new(&ct_b, &ct_e.name);
        let n_chars = c.varint_max(c.remaining() as u64, "char count")? as usize;
        let char_ranges = ranges(&manifest, PieceKind::CharPostings);
        let mut chars = Vec::with_capacity(n_chars);
        for ord in 0..n_chars {
            let code = c.varint_max(u32::MAX as u64, "char")? as u32;
            let ch = char::from_u32(code)
                .ok_or_else(|| c.corrupt(format!("{code:#x} is not a char")))?;
            if chars
                .last()
                .is_some_and(|(p, _): &(char, TermInfo)| *p >= ch)
            {
                return Err(c.corrupt("chars not strictly increasing"));
            }
            let mut info = read_info(&mut c)?;
            info.piece = piece_of(&char_ranges, ord as u32)
                .ok_or_else(|| c.corrupt(format!("no postings piece for char {ord}")))?;
            check_info(&info, &char_pieces, n_docs, "char", &c)?;
            chars.push((ch, info));
        }
        c.finish()?;

        // Store.
        let mut blocks = Vec::new();
        let mut store_pieces = Vec::new();
        let mut next_doc = 0u32;
        for (p, (e, body)) in store_list.into_iter().enumerate() {
            let mut c = Cursor::new(&body, &e.name);
            let n = c.varint_max(c.remaining() as u64, "block count")?;
            let mut metas = Vec::new();
            for _ in 0..n {
                let first_doc = c.varint_max(u32::MAX as u64, "first doc")? as u32;
                let count = c.varint_max(u32::MAX as u64, "block docs")? as u32;
                let raw_len = c.varint_max(u32::MAX as u64, "block length")? as usize;
                let len = c.varint_max(c.remaining() as u64, "compressed block length")? as usize;
                if first_doc != next_doc || count == 0 {
                    return Err(c.corrupt(format!("block starts at doc {first_doc} with {count} docs, expected doc {next_doc}")));
                }
                next_doc = first_doc
                    .checked_add(count)
                    .ok_or_else(|| c.corrupt("block doc range overflows"))?;
                if raw_len > len.saturating_mul(1100) + 4096 {
                    return Err(c.corrupt(format!(
                        "inflated length {raw_len} impossible for {len} compressed bytes"
                    )));
                }
                metas.push((first_doc, count, raw_len, len));
            }
            let mut offset = body.len() - c.remaining();
            for (first_doc, docs_n, raw_len, len) in metas {
                c.take(len)?;
                blocks.push(StoreBlock {
                    piece: p,
                    first_doc,
                    docs: docs_n,
                    raw_len,
                    offset,
                    len,
                });
                offset += len;
            }
            c.finish()?;
            store_pieces.push(body);
        }
        if next_doc as usize != n_docs {
            return Err(bad(format!(
                "store holds {next_doc} documents, docs piece {n_docs}"
            )));
        }
        let total_tokens: u64 = docs.iter().map(|d| u64::from(d.tokens)).sum();
        let avg_len = if docs.is_empty() {
            1.0
        } else {
            (total_tokens as f64 / docs.len() as f64).max(1.0)
        };
        let cache = (0..blocks.len()).map(|_| OnceLock::new()).collect();
        Ok(Index {
            manifest,
            vocab,
            terms,
            word_pieces,
            chars,
            char_pieces,
            docs,
            issues,
            by_id,
            store_pieces,
            blocks,
            cache,
            avg_len,
        })
    }

    /// Reads `manifest.bin` and the pieces it lists from a directory.
    #[cfg(feature = "native")]
    pub fn open_dir(dir: &std::path::Path) -> Result<Index, IndexError> {
        let read = |p: std::path::PathBuf| {
            std::fs::read(&p).map_err(|e| IndexError::Io {
                path: p.display().to_string(),
                message: e.to_string(),
            })
        };
        let manifest = read(dir.join(MANIFEST_FILE))?;
        let m = Manifest::parse(&manifest)?;
        let mut pieces = Vec::new();
        for name in m.piece_names() {
            match std::fs::read(dir.join(&name)) {
                Ok(b) => pieces.push((name, b)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    return Err(IndexError::MissingPiece { name })
                }
                Err(e) => {
                    return Err(IndexError::Io {
                        path: dir.join(&name).display().to_string(),
                        message: e.to_string(),
                    })
                }
            }
        }
        Index::open(&manifest, &pieces)
    }

    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }
    pub fn stats(&self) -> CorpusStats {
        self.manifest.stats.clone()
    }
    pub fn article_count(&self) -> usize {
        self.docs.len()
    }
    /// The article with doc id `doc` (None when out of range or its store block is corrupt).
    pub fn article(&self, doc: u32) -> Option<Article> {
        self.try_article(doc).ok().flatten()
    }
    /// Like [`Index::article`], but reports a corrupt store block.
    pub fn try_article(&self, doc: u32) -> Result<Option<Article>, IndexError> {
        if doc as usize >= self.docs.len() {
            return Ok(None);
        }
        let b = self.blocks.partition_point(|b| b.first_doc + b.docs <= doc);
        let Some(block) = self.blocks.get(b) else {
            return Ok(None);
        };
        let arts = self.cache[b]
            .get_or_init(|| self.load_block(block))
            .as_ref()
            .map_err(Clone::clone)?;
        Ok(arts.get((doc - block.first_doc) as usize).cloned())
    }
    fn load_block(&self, block: &StoreBlock) -> Result<Vec<Article>, IndexError> {
        let piece = "store";
        let body = &self.store_pieces[block.piece];
        let comp = body
            .get(block.offset..block.offset + block.len)
            .unwrap_or(&[]);
        let raw = inflate(piece, comp, block.raw_len)?;
        let arts: Vec<Article> = serde_json::from_slice(&raw).map_err(|e| IndexError::Corrupt {
            piece: piece.into(),
            detail: format!("block of doc {}: {e}", block.first_doc),
        })?;
        if arts.len() != block.docs as usize {
            return Err(IndexError::Corrupt {
                piece: piece.into(),
                detail: format!(
                    "block holds {} articles, expected {}",
                    arts.len(),
                    block.docs
                ),
            });
        }
        Ok(arts)
    }
    pub fn doc_by_id(&self, id: &str) -> Option<u32> {
        self.by_id.get(id).copied()
    }
    /// The issue of a document (an empty IssueInfo when `doc` is out of range).
    pub fn issue_of(&self, doc: u32) -> IssueInfo {
        self.docs
            .get(doc as usize)
            .and_then(|d| self.issues.get(d.issue as usize))
            .cloned()
            .unwrap_or(IssueInfo {
                source: String::new(),
                publication: String::new(),
                date: None,
            })
    }
    pub fn themes(&self) -> Vec<Theme> {
        self.manifest.themes.clone()
    }
    /// Normalised stopwords from `corpus/stopwords.txt`, sorted.
    pub fn stopwords(&self) -> &[String] {
        &self.manifest.stopwords
    }
    /// Kinds, units and authors of all articles with article counts.
    pub fn facets(&self) -> Facets {
        self.facets_of(0..self.docs.len() as u32)
    }
    /// Facets over a set of documents.
    pub fn facets_of(&self, docs: impl IntoIterator<Item = u32>) -> Facets {
        let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
        let mut units: BTreeMap<String, usize> = BTreeMap::new();
        let mut authors: BTreeMap<String, usize> = BTreeMap::new();
        for d in docs {
            let Some(m) = self.docs.get(d as usize) else {
                continue;
            };
            *kinds.entry(m.kind.as_str().to_string()).or_default() += 1;
            let mut u: Vec<&String> = m.units.iter().collect();
            u.sort();
            u.dedup();
            for x in u {
                *units.entry(x.clone()).or_default() += 1;
            }
            let mut a: Vec<&String> = m.authors.iter().chain(&m.photographers).collect();
            a.sort();
            a.dedup();
            for x in a {
                *authors.entry(x.clone()).or_default() += 1;
            }
        }
        let sorted = |m: BTreeMap<String, usize>| {
            let mut v: Vec<(String, usize)> = m.into_iter().collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            v
        };
        Facets {
            kinds: sorted(kinds),
            units: sorted(units),
            authors: sorted(authors),
        }
    }

    // ---- crate-internal access for query and analysis ----

    pub(crate) fn meta(&self, doc: u32) -> Option<&DocMeta> {
        self.docs.get(doc as usize)
    }
    pub(crate) fn avg_doc_len(&self) -> f64 {
        self.avg_len
    }
    /// The term's ordinal and info (term already normalised).
    pub fn term(&self, term: &str) -> Option<(u32, TermInfo)> {
        let ord = self.vocab.get(term.as_bytes())? as usize;
        self.terms.get(ord).map(|i| (ord as u32, *i))
    }
    /// Term info by ordinal.
    pub fn term_info(&self, ord: u32) -> Option<TermInfo> {
        self.terms.get(ord as usize).copied()
    }
    /// Decodes a term's posting list.
    pub fn term_postings(&self, ord: u32) -> Result<PostingList, IndexError> {
        let info = self
            .terms
            .get(ord as usize)
            .ok_or_else(|| IndexError::Corrupt {
                piece: "vocab".into(),
                detail: format!("no term {ord}"),
            })?;
        decode_list(&self.word_pieces, info, self.docs.len(), "words")
    }
    /// All terms starting with `prefix` (normalised), in byte order, with their info.
    pub fn terms_with_prefix(&self, prefix: &str, max: usize) -> Vec<(String, TermInfo)> {
        use fst::{IntoStreamer, Streamer};
        let mut out = Vec::new();
        let upper = prefix_upper_bound(prefix.as_bytes());
        let mut range = self.vocab.range().ge(prefix.as_bytes());
        if let Some(u) = &upper {
            range = range.lt(u);
        }
        let mut s = range.into_stream();
        while let Some((k, v)) = s.next() {
            if out.len() >= max {
                break;
            }
            if let (Ok(t), Some(info)) = (std::str::from_utf8(k), self.terms.get(v as usize)) {
                out.push((t.to_string(), *info));
            }
        }
        out
    }
    /// Calls `f(term, ordinal, info)` for every term in byte order.
    pub fn for_each_term(&self, mut f: impl FnMut(&str, u32, &TermInfo)) {
        use fst::Streamer;
        let mut s = self.vocab.stream();
        while let Some((k, v)) = s.next() {
            if let (Ok(t), Some(info)) = (std::str::from_utf8(k), self.terms.get(v as usize)) {
                f(t, v as u32, info);
            }
        }
    }
    /// Info of a char in the character tier (char already normalised).
    pub fn char_info(&self, c: char) -> Option<TermInfo> {
        self.chars
            .binary_search_by_key(&c, |(ch, _)| *ch)
            .ok()
            .map(|i| self.chars[i].1)
    }
    /// Decodes a char's posting list (positions are char offsets into the search text).
    pub fn char_postings(&self, c: char) -> Result<Option<PostingList>, IndexError> {
        match self.char_info(c) {
            None => Ok(None),
            Some(info) => decode_list(&self.char_pieces, &info, self.docs.len(), "chars").map(Some),
        }
    }
    /// The search text of a document with its title and body char ends (see the module doc).
    pub fn search_text(&self, doc: u32) -> Result<Option<(String, usize, usize)>, IndexError> {
        Ok(self.try_article(doc)?.map(|a| search_text(&a)))
    }
}

fn prefix_upper_bound(p: &[u8]) -> Option<Vec<u8>> {
    let mut v = p.to_vec();
    while let Some(last) = v.pop() {
        if last < 0xff {
            v.push(last + 1);
            return Some(v);
        }
    }
    None
}

fn ranges(m: &Manifest, kind: PieceKind) -> Vec<(u32, u32)> {
    m.pieces
        .iter()
        .filter(|p| p.kind == kind)
        .map(|p| (p.from, p.to))
        .collect()
}

fn piece_of(ranges: &[(u32, u32)], ord: u32) -> Option<u32> {
    ranges
        .iter()
        .position(|(a, b)| *a <= ord && ord < *b)
        .map(|p| p as u32)
}

fn decode_list(
    pieces: &[Vec<u8>],
    info: &TermInfo,
    n_docs: usize,
    piece: &str,
) -> Result<PostingList, IndexError> {
    let bytes = pieces
        .get(info.piece as usize)
        .and_then(|b| b.get(info.offset as usize..(info.offset + info.len) as usize))
        .ok_or_else(|| IndexError::Corrupt {
            piece: piece.into(),
            detail: "posting list out of range".into(),
        })?;
    let mut c = Cursor::new(bytes, piece);
    let mut list = PostingList {
        docs: Vec::with_capacity(info.doc_freq as usize),
        starts: Vec::with_capacity(info.doc_freq as usize + 1),
        positions: Vec::with_capacity(info.coll_freq.min(1 << 24) as usize),
    };
    list.starts.push(0);
    let mut doc: u64 = 0;
    for i in 0..info.doc_freq {
        let d = c.varint()?;
        doc = if i == 0 {
            d
        } else if d == 0 {
            return Err(c.corrupt("doc delta 0"));
        } else {
            doc.checked_add(d).ok_or_else(|| c.corrupt("doc delta overflows"))?
        };
        if doc >= n_docs as u64 {
            return Err(c.corrupt(format!("doc {doc} beyond {n_docs} documents")));
        }
        let tf = c.varint_max(c.remaining() as u64, "term frequency")?;
        if tf == 0 {
            return Err(c.corrupt("zero term frequency"));
        }
        let mut pos: u64 = 0;
        for j in 0..tf {
            let p = c.varint()?;
            pos = if j == 0 {
                p
            } else if p == 0 {
                return Err(c.corrupt("position delta 0"));
            } else {
                pos.checked_add(p).ok_or_else(|| c.corrupt("position delta overflows"))?
            };
            if pos > u32::MAX as u64 {
                return Err(c.corrupt("position beyond u32"));
            }
            list.positions.push(pos as u32);
        }
        list.docs.push(doc as u32);
        list.starts.push(list.positions.len() as u32);
    }
    c.finish()?;
    if list.positions.len() as u64 != info.coll_freq {
        return Err(IndexError::Corrupt {
            piece: piece.into(),
            detail: "collection frequency differs from postings".into(),
        });
    }
    Ok(list)
}
