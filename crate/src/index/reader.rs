//! The opened index: a composition of the component readers, each piece loaded when first
//! needed.
//!
//! Takes the manifest bytes, then pieces as they arrive (the page fetches them; natively
//! [`Index::open_dir`] reads them from files when first touched). Returns answers through the
//! same accessors everywhere. Guarantees: a piece is checked (header, CRC, the manifest's length
//! and CRC, its own tables) when it is loaded; a piece that is needed but not loaded is recorded
//! for [`Index::attempt`] and never blocks; nothing panics on bad bytes.

use super::bytes::unseal;
use super::docs::{self, DocGroup};
use super::ids::{self, IdsPiece};
use super::norms::{self, PerDoc};
use super::postings::{self, PostingList};
use super::tables::{self, GroupTable};
use super::termdict::{self, TermDictPiece};
use super::{
    CorpusStats, DocLayout, DocMeta, DocNorms, Facets, IndexError, IssueInfo, Manifest, PieceEntry, PieceKind, TermInfo, Theme, MANIFEST_FILE,
};
use crate::corpus::Article;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Mutex, OnceLock};

/// A loaded piece, decoded by its component.
enum Component {
    Dict(TermDictPiece),
    Postings(Vec<u8>),
    Norms(PerDoc<DocNorms>),
    Layout(PerDoc<DocLayout>),
    Ids(IdsPiece),
    Pinyin(fst::Map<Vec<u8>>),
    Docs(DocGroup),
    Table(GroupTable),
}

/// Most pinyin pieces one prefix reads (see [`Index::words_spelled`]).
pub const PINYIN_PIECES_READ: usize = 4;

/// Reads a piece's bytes by name (natively: from the index directory).
type Source = Box<dyn Fn(&str) -> Result<Vec<u8>, IndexError> + Send + Sync>;

/// An opened index. Immutable as far as its answers go: loading a piece only lets it answer
/// more; cheap to share.
pub struct Index {
    manifest: Manifest,
    /// One slot per manifest entry, in manifest order.
    slots: Vec<OnceLock<Result<Component, IndexError>>>,
    /// One slot per document group.
    groups: Vec<OnceLock<Result<Component, IndexError>>>,
    /// Manifest positions of the pieces of each kind, in manifest order.
    by_kind: BTreeMap<PieceKind, Vec<usize>>,
    by_name: BTreeMap<String, usize>,
    source: Option<Source>,
    /// Pieces an accessor needed but found unloaded, since the last [`Index::attempt`].
    missing: Mutex<BTreeSet<String>>,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index").field("stats", &self.manifest.stats).finish()
    }
}

impl Index {
    /// Opens an index from its manifest alone: every piece is loaded later, on demand, with
    /// [`Index::load_piece`] (see [`Index::attempt`] for the loop).
    pub fn open_lazy(manifest: &[u8]) -> Result<Index, IndexError> {
        let manifest = Manifest::parse(manifest)?;
        let mut by_kind: BTreeMap<PieceKind, Vec<usize>> = BTreeMap::new();
        let mut by_name = BTreeMap::new();
        for (i, e) in manifest.pieces.iter().enumerate() {
            by_kind.entry(e.kind).or_default().push(i);
            if by_name.insert(e.name.clone(), i).is_some() {
                return Err(IndexError::Corrupt { piece: MANIFEST_FILE.into(), detail: format!("piece {} listed twice", e.name) });
            }
        }
        // Ranges are contiguous by construction (the manifest stores their lengths); check
        // that each kind covers what the stats say and that dictionaries and their postings agree.
        let covered = |kind: PieceKind| by_kind.get(&kind).and_then(|v| v.last()).map(|&i| manifest.pieces[i].to);
        let corrupt = |detail: String| IndexError::Corrupt { piece: MANIFEST_FILE.into(), detail };
        let terms = manifest.stats.terms as u32;
        let articles = manifest.stats.articles as u32;
        for (kind, want) in [
            (PieceKind::Vocab, Some(terms)),
            (PieceKind::WordPostings, Some(terms)),
            (PieceKind::CharDict, covered(PieceKind::CharPostings)),
            (PieceKind::BigramDict, covered(PieceKind::BigramPostings)),
            (PieceKind::Norms, Some(articles)),
            (PieceKind::Layout, Some(articles)),
            (PieceKind::Ids, Some(articles)),
        ] {
            let have = covered(kind).ok_or_else(|| corrupt(format!("no {} pieces", kind.name())))?;
            if want != Some(have) {
                return Err(corrupt(format!("{} pieces cover {have} keys, expected {}", kind.name(), want.unwrap_or(0))));
            }
        }
        let slots = manifest.pieces.iter().map(|_| OnceLock::new()).collect();
        let groups = (0..manifest.doc_groups.groups).map(|_| OnceLock::new()).collect();
        Ok(Index { manifest, slots, groups, by_kind, by_name, source: None, missing: Mutex::new(BTreeSet::new()) })
    }

    /// Opens an index and loads every piece the manifest lists from `pieces` (any order; extra
    /// pieces are refused by name). Every piece is checked now.
    pub fn open(manifest: &[u8], pieces: &[(String, Vec<u8>)]) -> Result<Index, IndexError> {
        let index = Index::open_lazy(manifest)?;
        for (name, bytes) in pieces {
            if index.by_name.contains_key(name) || index.manifest.doc_groups.parse_name(name).is_some() {
                index.load_piece(name, bytes)?;
            }
        }
        index.verify()?;
        Ok(index)
    }

    /// Opens `manifest.bin` in `dir`; pieces are read from their files when first needed.
    #[cfg(feature = "native")]
    pub fn open_dir(dir: &std::path::Path) -> Result<Index, IndexError> {
        let path = dir.join(MANIFEST_FILE);
        let manifest = std::fs::read(&path).map_err(|e| IndexError::Io { path: path.display().to_string(), message: e.to_string() })?;
        let mut index = Index::open_lazy(&manifest)?;
        let dir = dir.to_path_buf();
        index.source = Some(Box::new(move |name: &str| match std::fs::read(dir.join(name)) {
            Ok(b) => Ok(b),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(IndexError::MissingPiece { name: name.into() }),
            Err(e) => Err(IndexError::Io { path: dir.join(name).display().to_string(), message: e.to_string() }),
        }));
        Ok(index)
    }

    /// Loads every piece not loaded yet (reading it when the index has a source) and returns
    /// the first error: a missing, truncated or corrupt piece.
    pub fn verify(&self) -> Result<(), IndexError> {
        let listed = (0..self.slots.len()).map(|slot| self.component(slot));
        let groups = (0..self.groups.len() as u32).map(|n| self.group(n));
        for r in listed.chain(groups) {
            match r {
                Err(IndexError::NotLoaded { piece }) => return Err(IndexError::MissingPiece { name: piece }),
                Err(e) => return Err(e),
                Ok(_) => {}
            }
        }
        self.missing.lock().map(|mut m| m.clear()).ok();
        Ok(())
    }

    /// Checks and decodes a piece the manifest lists. A piece that fails its checks stays
    /// failed: every later use reports the same error rather than asking for it again.
    pub fn load_piece(&self, name: &str, bytes: &[u8]) -> Result<(), IndexError> {
        let (cell, decoded) = match self.by_name.get(name) {
            Some(&slot) => (&self.slots[slot], self.decode(slot, bytes)),
            None => {
                let n = self.manifest.doc_groups.parse_name(name).ok_or_else(|| IndexError::UnknownPiece { name: name.into() })?;
                (&self.groups[n as usize], self.decode_group(n, bytes))
            }
        };
        cell.get_or_init(|| decoded).as_ref().map(|_| ()).map_err(Clone::clone)
    }

    /// True when the piece is loaded (or failed to load).
    pub fn is_loaded(&self, name: &str) -> bool {
        match self.by_name.get(name) {
            Some(&s) => self.slots[s].get().is_some(),
            None => self.manifest.doc_groups.parse_name(name).is_some_and(|n| self.groups[n as usize].get().is_some()),
        }
    }

    /// Runs `op` against the pieces loaded so far. When `op` needed pieces that are not loaded
    /// (it then saw them as empty), returns their names instead of its answer: load them with
    /// [`Index::load_piece`] and run `op` again. Each round goes one step deeper (term pieces,
    /// then the postings they point at, then documents), so a query takes a few rounds.
    pub fn attempt<T>(&self, op: impl FnOnce(&Index) -> T) -> Result<T, Vec<String>> {
        self.missing.lock().map(|mut m| m.clear()).ok();
        let out = op(self);
        let missing: Vec<String> = self.missing.lock().map(|mut m| std::mem::take(&mut *m).into_iter().collect()).unwrap_or_default();
        if missing.is_empty() {
            Ok(out)
        } else {
            Err(missing)
        }
    }

    /// True when the current [`Index::attempt`] has met a piece that is not loaded: its answer
    /// will be dropped, so work that only builds on that answer (and would read, and have the
    /// page fetch, pieces of its own) can wait for the round that has every piece.
    pub fn waiting(&self) -> bool {
        self.missing.lock().map(|m| !m.is_empty()).unwrap_or(false)
    }

    /// The manifest entry of a piece, by file name.
    pub fn piece_entry(&self, name: &str) -> Option<&PieceEntry> {
        self.by_name.get(name).map(|&s| &self.manifest.pieces[s])
    }

    /// About how many bytes the file `name` takes: a listed piece's length (header included), a
    /// document group (which the manifest does not list one by one) the size groups aim at,
    /// [`super::docs::DOC_GROUP_TARGET_BYTES`]. For progress shown while pieces download.
    pub fn piece_bytes(&self, name: &str) -> u64 {
        self.piece_entry(name).map_or(super::docs::DOC_GROUP_TARGET_BYTES as u64, |e| e.len)
    }

    /// The pieces a search or the reader may read that are not loaded yet (dictionaries,
    /// postings, norms, layout, ids and document groups; not the pinyin table nor the frequency
    /// tables, which only typing latin letters and the analysis views read), when together
    /// they come to at most `max_bytes` (document groups, which the manifest does not list one
    /// by one, counted at [`super::docs::DOC_GROUP_TARGET_BYTES`] each). A small corpus is
    /// worth holding whole once the page is up: its later searches then wait for no fetch.
    /// `None` when the rest is larger: an archive keeps fetching piece by piece.
    pub fn search_pieces_within(&self, max_bytes: u64) -> Option<Vec<String>> {
        let searched = |k: PieceKind| !matches!(k, PieceKind::Manifest | PieceKind::Pinyin | PieceKind::Table);
        let listed = self.manifest.pieces.iter().filter(|e| searched(e.kind));
        let groups = &self.manifest.doc_groups;
        let bytes = listed.clone().map(|e| e.len).sum::<u64>()
            + u64::from(groups.groups) * super::docs::DOC_GROUP_TARGET_BYTES as u64;
        if bytes > max_bytes {
            return None;
        }
        let names = listed.map(|e| e.name.clone()).chain((0..groups.groups).map(|n| groups.file_name(n)));
        Some(names.filter(|n| !self.is_loaded(n)).collect())
    }

    fn decode(&self, slot: usize, bytes: &[u8]) -> Result<Component, IndexError> {
        let e = &self.manifest.pieces[slot];
        if bytes.len() as u64 != e.len {
            return Err(IndexError::PieceMismatch { name: e.name.clone(), detail: format!("{} bytes, manifest says {}", bytes.len(), e.len) });
        }
        let body = unseal(&e.name, e.kind, bytes)?;
        if super::bytes::crc32(body) != e.crc {
            return Err(IndexError::PieceMismatch { name: e.name.clone(), detail: "CRC differs from the manifest's".into() });
        }
        let n_docs = self.manifest.stats.articles;
        Ok(match e.kind {
            PieceKind::Vocab | PieceKind::CharDict | PieceKind::BigramDict => {
                let postings = Tier::of_dict(e.kind).map_or(PieceKind::WordPostings, |t| t.postings());
                Component::Dict(termdict::read(e, body, &self.entries(postings), n_docs)?)
            }
            PieceKind::WordPostings | PieceKind::CharPostings | PieceKind::BigramPostings => {
                Component::Postings(postings::open_lists(&e.name, body)?)
            }
            PieceKind::Norms => Component::Norms(norms::read_norms(e, body)?),
            PieceKind::Layout => Component::Layout(norms::read_layout(e, body)?),
            PieceKind::Ids => Component::Ids(ids::read(e, body, n_docs)?),
            PieceKind::Pinyin => Component::Pinyin(ids::read_map(e, body, "pinyin table", |_| Ok(()))?),
            PieceKind::Table => Component::Table(tables::read(e, body)?),
            PieceKind::Docs | PieceKind::Manifest => {
                return Err(IndexError::WrongKind { piece: e.name.clone(), expected: "a piece".into(), got: 0 })
            }
        })
    }

    fn decode_group(&self, n: u32, bytes: &[u8]) -> Result<Component, IndexError> {
        let g = &self.manifest.doc_groups;
        let name = g.file_name(n);
        let body = unseal(&name, PieceKind::Docs, bytes)?;
        let (n_docs, n_issues) = (self.manifest.stats.articles, self.manifest.issues.len());
        Ok(Component::Docs(docs::read(&name, n, g, body, n_docs, n_issues)?))
    }

    /// The loaded document group `n`; loads it from the source when there is one, otherwise
    /// records it as missing.
    fn group(&self, n: u32) -> Result<&Component, IndexError> {
        let cell = self.groups.get(n as usize).ok_or_else(|| IndexError::Corrupt {
            piece: MANIFEST_FILE.into(),
            detail: format!("no document group {n}"),
        })?;
        if let Some(r) = cell.get() {
            return r.as_ref().map_err(Clone::clone);
        }
        let name = self.manifest.doc_groups.file_name(n);
        match &self.source {
            Some(read) => {
                let decoded = read(&name).and_then(|bytes| self.decode_group(n, &bytes));
                cell.get_or_init(|| decoded).as_ref().map_err(Clone::clone)
            }
            None => {
                if let Ok(mut m) = self.missing.lock() {
                    m.insert(name.clone());
                }
                Err(IndexError::NotLoaded { piece: name })
            }
        }
    }

    /// The metadata and paragraphs of `doc` (None when out of range; an error when its group
    /// is not loaded or corrupt).
    fn doc_entry(&self, doc: u32) -> Result<Option<&(DocMeta, Vec<String>)>, IndexError> {
        if doc as usize >= self.manifest.stats.articles {
            return Ok(None);
        }
        match self.group(self.manifest.doc_groups.group_of(doc))? {
            Component::Docs(g) => Ok(g.get(doc)),
            _ => Ok(None),
        }
    }

    fn entries(&self, kind: PieceKind) -> Vec<&PieceEntry> {
        self.by_kind.get(&kind).map(|v| v.iter().map(|&i| &self.manifest.pieces[i]).collect()).unwrap_or_default()
    }

    fn slots_of(&self, kind: PieceKind) -> &[usize] {
        self.by_kind.get(&kind).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The loaded component in `slot`; loads it from the source when there is one, otherwise
    /// records it as missing.
    fn component(&self, slot: usize) -> Result<&Component, IndexError> {
        if let Some(r) = self.slots[slot].get() {
            return r.as_ref().map_err(Clone::clone);
        }
        let name = &self.manifest.pieces[slot].name;
        match &self.source {
            Some(read) => {
                let decoded = read(name).and_then(|bytes| self.decode(slot, &bytes));
                self.slots[slot].get_or_init(|| decoded).as_ref().map_err(Clone::clone)
            }
            None => {
                if let Ok(mut m) = self.missing.lock() {
                    m.insert(name.clone());
                }
                Err(IndexError::NotLoaded { piece: name.clone() })
            }
        }
    }

    /// The piece of `kind` whose `[from, to)` holds `key`, loaded.
    fn component_for(&self, kind: PieceKind, key: u32) -> Result<Option<&Component>, IndexError> {
        let slots = self.slots_of(kind);
        let i = slots.partition_point(|&s| self.manifest.pieces[s].to <= key);
        match slots.get(i) {
            Some(&s) if self.manifest.pieces[s].from <= key => self.component(s).map(Some),
            _ => Ok(None),
        }
    }

    // ---- the corpus ----

    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }
    pub fn stats(&self) -> CorpusStats {
        self.manifest.stats.clone()
    }
    pub fn article_count(&self) -> usize {
        self.manifest.stats.articles
    }
    pub fn themes(&self) -> Vec<Theme> {
        self.manifest.themes.clone()
    }
    /// Normalised stopwords from `corpus/stopwords.txt`, sorted.
    pub fn stopwords(&self) -> &[String] {
        &self.manifest.stopwords
    }
    /// Issues in document order.
    pub fn issues(&self) -> &[IssueInfo] {
        &self.manifest.issues
    }
    /// The issue of a document (an empty IssueInfo when `doc` is out of range).
    pub fn issue_of(&self, doc: u32) -> IssueInfo {
        self.manifest.issue_of_doc(doc).cloned().unwrap_or_default()
    }
    pub(crate) fn avg_doc_len(&self) -> f64 {
        let s = &self.manifest.stats;
        if s.articles == 0 {
            1.0
        } else {
            (s.tokens as f64 / s.articles as f64).max(1.0)
        }
    }

    // ---- documents ----

    /// The lengths ranking needs of a document (one small piece per range of documents; no
    /// metadata).
    pub fn norms(&self, doc: u32) -> Option<DocNorms> {
        match self.component_for(PieceKind::Norms, doc) {
            Ok(Some(Component::Norms(p))) => p.get(doc),
            _ => None,
        }
    }

    /// Where a document's title, body, bylines and units lie, and its kind (one small piece per
    /// range of documents; no metadata).
    pub fn layout(&self, doc: u32) -> Option<DocLayout> {
        match self.component_for(PieceKind::Layout, doc) {
            Ok(Some(Component::Layout(p))) => p.get(doc),
            _ => None,
        }
    }

    pub(crate) fn meta(&self, doc: u32) -> Option<&DocMeta> {
        self.doc_entry(doc).ok().flatten().map(|(m, _)| m)
    }

    /// The document with article id `id` (one piece of the id map, no metadata).
    pub fn doc_by_id(&self, id: &str) -> Option<u32> {
        self.find_id(id).ok().flatten()
    }

    /// Like [`Index::doc_by_id`], telling "no such id" (`Ok(None)`) from "its piece of the id
    /// map is not loaded yet" (`Err(NotLoaded)`, recorded) and from a corrupt piece.
    pub fn find_id(&self, id: &str) -> Result<Option<u32>, IndexError> {
        let slots = self.slots_of(PieceKind::Ids);
        let i = slots.partition_point(|&s| self.manifest.pieces[s].first.as_str() <= id);
        let Some(&slot) = i.checked_sub(1).and_then(|i| slots.get(i)) else {
            return Ok(None);
        };
        match self.component(slot)? {
            Component::Ids(p) => Ok(p.get(id)),
            _ => Err(IndexError::Corrupt { piece: PieceKind::Ids.name().into(), detail: "not an id map piece".into() }),
        }
    }

    /// The words whose pinyin starts with `spelling` (see [`super::pinyin::spelling`]), with
    /// their frequencies, in key order (a word may come once per spelling): at most `max`
    /// entries, from at most [`PINYIN_PIECES_READ`] pieces of the prefix's key range (recorded
    /// when not loaded), so a short prefix on an archive costs a few pieces, not the table.
    pub fn words_spelled(&self, spelling: &str, max: usize) -> Result<Vec<(String, u64)>, IndexError> {
        use fst::{IntoStreamer, Streamer};
        let slots = self.slots_of(PieceKind::Pinyin);
        let lo = spelling.as_bytes();
        let hi = prefix_upper_bound(lo);
        let start = slots.partition_point(|&s| self.manifest.pieces[s].first.as_bytes() <= lo).saturating_sub(1);
        let mut out = Vec::new();
        let mut pending = None;
        for &slot in slots[start.min(slots.len())..].iter().take(PINYIN_PIECES_READ) {
            let first = self.manifest.pieces[slot].first.as_bytes();
            if hi.as_deref().is_some_and(|h| first >= h) {
                break;
            }
            let map = match self.component(slot) {
                Ok(Component::Pinyin(m)) => m,
                Ok(_) => return Err(IndexError::Corrupt { piece: PieceKind::Pinyin.name().into(), detail: "not a pinyin piece".into() }),
                Err(e @ IndexError::NotLoaded { .. }) => {
                    // Ask for every piece of the range in one round.
                    pending = Some(e);
                    continue;
                }
                Err(e) => return Err(e),
            };
            let mut range = map.range().ge(lo);
            if let Some(h) = &hi {
                range = range.lt(h.as_slice());
            }
            let mut stream = range.into_stream();
            while let Some((k, v)) = stream.next() {
                if out.len() >= max {
                    break;
                }
                if let Some(z) = k.iter().position(|&b| b == 0) {
                    out.push((String::from_utf8_lossy(&k[z + 1..]).into_owned(), v));
                }
            }
        }
        match pending {
            Some(e) => Err(e),
            None => Ok(out),
        }
    }

    /// The most distinctive words of document `doc` (TF-IDF, computed at build time), most
    /// distinctive first; None when its group is not loaded, out of range or corrupt.
    pub fn keywords(&self, doc: u32) -> Option<Vec<String>> {
        self.meta(doc).map(|m| m.keywords.clone())
    }

    /// The article with doc id `doc` (None when out of range, not loaded or corrupt).
    pub fn article(&self, doc: u32) -> Option<Article> {
        self.try_article(doc).ok().flatten()
    }

    /// Like [`Index::article`], but reports a corrupt (or not yet loaded) piece.
    pub fn try_article(&self, doc: u32) -> Result<Option<Article>, IndexError> {
        Ok(self.doc_entry(doc)?.map(|(m, paragraphs)| Article {
            id: m.id.clone(),
            title: m.title.clone(),
            subtitle: m.subtitle.clone(),
            authors: m.authors.clone(),
            photographers: m.photographers.clone(),
            units: m.units.clone(),
            kind: m.kind,
            column: m.column.clone(),
            paragraphs: paragraphs.clone(),
        }))
    }

    /// The search text of a document with its title and body char ends (see the module doc).
    pub fn search_text(&self, doc: u32) -> Result<Option<(String, usize, usize)>, IndexError> {
        Ok(self.try_article(doc)?.map(|a| super::search_text(&a)))
    }

    // ---- precomputed tables ----

    /// The precomputed table of a group (`all`, `kind:news`, `unit:<unit>`); None when the
    /// corpus has no such group or its piece is not loaded.
    pub fn table(&self, group: &str) -> Option<&GroupTable> {
        let slot = self.slots_of(PieceKind::Table).iter().copied().find(|&s| self.manifest.pieces[s].first == group)?;
        match self.component(slot) {
            Ok(Component::Table(t)) => Some(t),
            _ => None,
        }
    }

    /// True when the index has a precomputed table for `group`.
    pub fn has_table(&self, group: &str) -> bool {
        self.slots_of(PieceKind::Table).iter().any(|&s| self.manifest.pieces[s].first == group)
    }

    /// Kinds, units and authors of all articles with article counts.
    pub fn facets(&self) -> Facets {
        self.table(tables::ALL).map(|t| t.facets.clone()).unwrap_or_default()
    }

    /// Facets over a set of documents (reads their metadata).
    pub fn facets_of(&self, docs: impl IntoIterator<Item = u32>) -> Facets {
        facets_of(docs.into_iter().filter_map(|d| self.meta(d)))
    }

    // ---- words, characters and bigrams ----

    /// The dictionary piece of `tier` whose key range may hold `key`: the last piece whose
    /// first key is `<= key`.
    fn dict_slot(&self, tier: Tier, key: &[u8]) -> Option<usize> {
        let slots = self.slots_of(tier.dict());
        let i = slots.partition_point(|&s| self.manifest.pieces[s].first.as_bytes() <= key);
        slots.get(i.checked_sub(1)?).copied()
    }

    /// A key's ordinal and info in `tier`, telling "not in the corpus" (`Ok(None)`) from "its
    /// dictionary piece is not loaded yet" (`Err(NotLoaded)`, recorded for [`Index::attempt`])
    /// and from a corrupt piece.
    pub fn find(&self, tier: Tier, key: &str) -> Result<Option<(u32, TermInfo)>, IndexError> {
        let Some(slot) = self.dict_slot(tier, key.as_bytes()) else {
            return Ok(None);
        };
        match self.component(slot)? {
            Component::Dict(v) => Ok(v.get(key)),
            _ => Err(IndexError::Corrupt { piece: tier.dict().name().into(), detail: "not a dictionary piece".into() }),
        }
    }

    /// A key's ordinal and info in `tier` (key already normalised); None also while its
    /// dictionary piece is not loaded (recorded) or when it is corrupt.
    pub fn lookup(&self, tier: Tier, key: &str) -> Option<(u32, TermInfo)> {
        self.find(tier, key).ok().flatten()
    }

    /// The term's ordinal and info (term already normalised).
    pub fn term(&self, term: &str) -> Option<(u32, TermInfo)> {
        self.lookup(Tier::Word, term)
    }

    /// Term info by ordinal.
    pub fn term_info(&self, ord: u32) -> Option<TermInfo> {
        match self.component_for(PieceKind::Vocab, ord) {
            Ok(Some(Component::Dict(v))) => v.info(ord),
            _ => None,
        }
    }

    /// Decodes a term's posting list.
    pub fn term_postings(&self, ord: u32) -> Result<PostingList, IndexError> {
        let info = self.term_info(ord).ok_or_else(|| IndexError::Corrupt { piece: "vocab".into(), detail: format!("no term {ord}") })?;
        self.decode_list(PieceKind::WordPostings, &info)
    }

    /// Decodes the posting list `info` of `tier` points at.
    pub fn postings(&self, tier: Tier, info: &TermInfo) -> Result<PostingList, IndexError> {
        self.decode_list(tier.postings(), info)
    }

    fn decode_list(&self, kind: PieceKind, info: &TermInfo) -> Result<PostingList, IndexError> {
        let slot = *self.slots_of(kind).get(info.piece as usize).ok_or_else(|| IndexError::Corrupt {
            piece: kind.name().into(),
            detail: format!("postings piece {} does not exist", info.piece),
        })?;
        match self.component(slot)? {
            Component::Postings(body) => {
                let with_positions = kind != PieceKind::WordPostings;
                let s = &self.manifest.stats;
                postings::decode(body, info, s.articles, postings::avg_chars(s.chars, s.articles), &self.manifest.pieces[slot].name, with_positions)
            }
            _ => Err(IndexError::Corrupt { piece: kind.name().into(), detail: "not a postings piece".into() }),
        }
    }

    /// Calls `f(term, ordinal, info)` for terms in `[lo, hi)` in byte order (hi `None`: to the
    /// end) until `f` returns false; reads only the vocabulary pieces that range touches.
    pub fn for_terms_in(&self, lo: &[u8], hi: Option<&[u8]>, mut f: impl FnMut(&str, u32, &TermInfo) -> bool) {
        let slots = self.slots_of(PieceKind::Vocab);
        // The piece that may hold `lo`: the last one starting at or before it.
        let start = slots.partition_point(|&s| self.manifest.pieces[s].first.as_bytes() <= lo).saturating_sub(1);
        let mut go = true;
        for &s in &slots[start..] {
            if !go || hi.is_some_and(|h| self.manifest.pieces[s].first.as_bytes() >= h) {
                break;
            }
            if let Ok(Component::Dict(v)) = self.component(s) {
                v.range(lo, hi, |t, o, i| {
                    go = f(t, o, i);
                    go
                });
            }
        }
    }

    /// All terms starting with `prefix` (normalised), in byte order, with their info.
    pub fn terms_with_prefix(&self, prefix: &str, max: usize) -> Vec<(String, TermInfo)> {
        let mut out = Vec::new();
        if max == 0 {
            return out;
        }
        let upper = prefix_upper_bound(prefix.as_bytes());
        self.for_terms_in(prefix.as_bytes(), upper.as_deref(), |t, _, info| {
            out.push((t.to_string(), *info));
            out.len() < max
        });
        out
    }

    /// Calls `f(term, ordinal, info)` for every term in byte order (reads every vocabulary
    /// piece: for corpus-wide lists prefer [`Index::table`]).
    pub fn for_each_term(&self, mut f: impl FnMut(&str, u32, &TermInfo)) {
        self.for_terms_in(b"", None, |t, o, i| {
            f(t, o, i);
            true
        });
    }

    /// Info of a char in the character tier (char already normalised).
    pub fn char_info(&self, c: char) -> Option<TermInfo> {
        self.lookup(Tier::Char, c.encode_utf8(&mut [0; 4])).map(|(_, i)| i)
    }

    /// Decodes the posting list of a char or a bigram of the character tier (`key` of one or
    /// two normalised chars; positions are char offsets into the search text). `Ok(None)`:
    /// the corpus never has that key, or its dictionary piece is not loaded yet (then it is
    /// recorded for [`Index::attempt`]).
    pub fn key_postings(&self, tier: Tier, key: &str) -> Result<Option<PostingList>, IndexError> {
        match self.find(tier, key) {
            Ok(Some((_, info))) => self.postings(tier, &info).map(Some),
            // Not in the corpus, or its dictionary piece not loaded yet (recorded): nothing to
            // read. A corrupt dictionary piece is an error.
            Ok(None) | Err(IndexError::NotLoaded { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Decodes a char's posting list (positions are char offsets into the search text).
    pub fn char_postings(&self, c: char) -> Result<Option<PostingList>, IndexError> {
        self.key_postings(Tier::Char, c.encode_utf8(&mut [0; 4]))
    }
}

/// The three keyed tiers of the index, each a dictionary plus posting lists: words as the
/// segmenter cut them (word positions), and single characters and character bigrams of the
/// search text (char positions) for exact substring recall.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tier {
    Word,
    Char,
    Bigram,
}

impl Tier {
    pub fn dict(self) -> PieceKind {
        match self {
            Tier::Word => PieceKind::Vocab,
            Tier::Char => PieceKind::CharDict,
            Tier::Bigram => PieceKind::BigramDict,
        }
    }
    pub fn postings(self) -> PieceKind {
        match self {
            Tier::Word => PieceKind::WordPostings,
            Tier::Char => PieceKind::CharPostings,
            Tier::Bigram => PieceKind::BigramPostings,
        }
    }
    fn of_dict(kind: PieceKind) -> Option<Tier> {
        [Tier::Word, Tier::Char, Tier::Bigram].into_iter().find(|t| t.dict() == kind)
    }
}

/// Article counts per kind, unit, author and photographer, most first, ties
/// by name; each article counts once per name.
pub(crate) fn facets_of<'a>(metas: impl Iterator<Item = &'a DocMeta>) -> Facets {
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    let mut units: BTreeMap<String, usize> = BTreeMap::new();
    let mut authors: BTreeMap<String, usize> = BTreeMap::new();
    let mut photographers: BTreeMap<String, usize> = BTreeMap::new();
    for m in metas {
        *kinds.entry(m.kind.as_str().to_string()).or_default() += 1;
        // Each name once per article (a handful of names: a scan, and no set to sort).
        let mut seen: Vec<&String> = Vec::new();
        for x in &m.units {
            if !seen.contains(&x) {
                seen.push(x);
                *units.entry(x.clone()).or_default() += 1;
            }
        }
        // A photographer is not an author: each has a facet of their own.
        for (names, counts) in [(&m.authors, &mut authors), (&m.photographers, &mut photographers)] {
            seen.clear();
            for x in names {
                if !seen.contains(&x) {
                    seen.push(x);
                    *counts.entry(x.clone()).or_default() += 1;
                }
            }
        }
    }
    let sorted = |m: BTreeMap<String, usize>| {
        let mut v: Vec<(String, usize)> = m.into_iter().collect();
        crate::order::sort_by(&mut v, |a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        v
    };
    Facets { kinds: sorted(kinds), units: sorted(units), authors: sorted(authors), photographers: sorted(photographers) }
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
