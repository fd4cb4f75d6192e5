//! *What is in this corpus, and which piece holds what?* The manifest: corpus figures, issues,
//! stopwords, themes and the list of pieces (grammar in the [`super`] module doc).
//!
//! The one file a page fetches before anything else, so it holds only what every view needs
//! and what locating a piece needs: per issue a few numbers, per piece its key range. Word
//! lists, frequency tables and document metadata live in pieces.

use super::bytes::{unseal, Cursor};
#[cfg(feature = "builder")]
use super::bytes::Writer;
use super::{CorpusStats, DocGroups, IndexError, IssueInfo, PieceEntry, PieceKind, Theme, MANIFEST_FILE};

/// The parsed manifest.
#[derive(Debug, Clone, PartialEq)]
pub struct Manifest {
    pub stats: CorpusStats,
    pub stopwords: Vec<String>,
    pub themes: Vec<Theme>,
    /// Issues in document order.
    pub issues: Vec<IssueInfo>,
    pub pieces: Vec<PieceEntry>,
    /// The document groups ([`super::docs`]), not listed piece by piece.
    pub doc_groups: DocGroups,
}

impl Manifest {
    /// Checks the header and checksum, then decodes the manifest body.
    pub fn parse(bytes: &[u8]) -> Result<Manifest, IndexError> {
        let body = unseal(MANIFEST_FILE, PieceKind::Manifest, bytes)?;
        let mut c = Cursor::new(body, MANIFEST_FILE);
        let max = u32::MAX as u64;
        let articles = c.varint_max(max, "article count")? as usize;
        let n_issues = c.varint_max(max, "issue count")? as usize;
        let tokens = c.varint()?;
        let chars = c.varint()?;
        let terms = c.varint_max(max, "term count")? as usize;
        let stopwords = c.strs()?;
        let n = c.varint_max(c.remaining() as u64, "theme count")?;
        let mut themes = Vec::new();
        for _ in 0..n {
            themes.push(Theme { name: c.str()?, terms: c.strs()?, note: c.opt_str()? });
        }
        let n = c.varint_max(c.remaining() as u64, "issue count")? as usize;
        if n != n_issues {
            return Err(c.corrupt(format!("stats say {n_issues} issues, the table lists {n}")));
        }
        let mut issues: Vec<IssueInfo> = Vec::with_capacity(n);
        let mut next_doc = 0u64;
        for _ in 0..n {
            let issue = IssueInfo {
                stem: c.str()?,
                source: c.str()?,
                publication: c.str()?,
                date: c.opt_str()?,
                first_doc: c.varint_max(max, "first document")? as u32,
                docs: c.varint_max(max, "document count")? as u32,
                tokens: c.varint()?,
            };
            if u64::from(issue.first_doc) != next_doc {
                return Err(c.corrupt(format!(
                    "issue {} starts at document {}, expected {next_doc}",
                    issue.stem, issue.first_doc
                )));
            }
            next_doc += u64::from(issue.docs);
            issues.push(issue);
        }
        if next_doc != articles as u64 {
            return Err(c.corrupt(format!("issues hold {next_doc} documents, stats say {articles}")));
        }
        let n = c.varint_max(c.remaining() as u64, "piece count")?;
        let mut pieces: Vec<PieceEntry> = Vec::new();
        // Per kind: pieces so far and the next key of its contiguous range.
        let mut seen: std::collections::BTreeMap<PieceKind, (usize, u32)> = std::collections::BTreeMap::new();
        for _ in 0..n {
            let code = c.u8()?;
            let kind = PieceKind::from_u8(code)
                .filter(|k| *k != PieceKind::Manifest)
                .ok_or_else(|| c.corrupt(format!("unknown piece kind {code}")))?;
            let len = c.varint()?;
            let crc = c.u32le()?;
            let keys = c.varint_max(max, "key count")? as u32;
            let first = c.str()?;
            let (seq, from) = seen.get(&kind).copied().unwrap_or((0, 0));
            let (from, to) = if kind.is_ranged() {
                let to = from.checked_add(keys).ok_or_else(|| c.corrupt(format!("{} pieces hold more than 2^32 keys", kind.name())))?;
                (from, to)
            } else if keys != 0 {
                return Err(c.corrupt(format!("a {} piece with {keys} keys", kind.name())));
            } else {
                (0, 0)
            };
            if !(kind.is_dictionary() || kind == PieceKind::Table) && !first.is_empty() {
                return Err(c.corrupt(format!("a {} piece names a first key", kind.name())));
            }
            seen.insert(kind, (seq + 1, to));
            pieces.push(PieceEntry { kind, name: PieceEntry::file_name(kind, seq, crc), len, crc, from, to, first });
        }
        let doc_groups = DocGroups {
            docs_per_group: c.varint_max(u32::MAX as u64, "documents per group")? as u32,
            groups: c.varint_max(u32::MAX as u64, "group count")? as u32,
            hash: c.u32le()?,
            code: super::charcode::CharCode::read(&mut c)?,
        };
        if u64::from(doc_groups.groups) != (articles as u64).div_ceil(u64::from(doc_groups.docs_per_group.max(1))) || doc_groups.docs_per_group == 0 {
            return Err(c.corrupt(format!(
                "{} groups of {} documents do not hold {articles} documents",
                doc_groups.groups, doc_groups.docs_per_group
            )));
        }
        c.finish()?;
        for w in pieces.windows(2) {
            if w[0].name == w[1].name {
                return Err(c.corrupt(format!("piece {} listed twice", w[0].name)));
            }
        }
        Ok(Manifest { stats: CorpusStats { articles, issues: n_issues, tokens, chars, terms }, stopwords, themes, issues, pieces, doc_groups })
    }

    /// The manifest body, as [`Manifest::parse`] reads it (unsealed).
    #[cfg(feature = "builder")]
    pub(crate) fn write(&self) -> Vec<u8> {
        let mut m = Writer::new();
        let s = &self.stats;
        for v in [s.articles as u64, s.issues as u64, s.tokens, s.chars, s.terms as u64] {
            m.varint(v);
        }
        m.strs(&self.stopwords);
        m.varint(self.themes.len() as u64);
        for t in &self.themes {
            m.str(&t.name);
            m.strs(&t.terms);
            m.opt_str(&t.note);
        }
        m.varint(self.issues.len() as u64);
        for i in &self.issues {
            m.str(&i.stem);
            m.str(&i.source);
            m.str(&i.publication);
            m.opt_str(&i.date);
            m.varint(u64::from(i.first_doc));
            m.varint(u64::from(i.docs));
            m.varint(i.tokens);
        }
        m.varint(self.pieces.len() as u64);
        for e in &self.pieces {
            m.u8(e.kind as u8);
            m.varint(e.len);
            m.u32le(e.crc);
            m.varint(u64::from(e.to - e.from));
            m.str(&e.first);
        }
        let g = &self.doc_groups;
        m.varint(u64::from(g.docs_per_group));
        m.varint(u64::from(g.groups));
        m.u32le(g.hash);
        g.code.write(&mut m);
        m.buf
    }

    /// Every piece file of the index: the listed pieces in order, then the document groups.
    pub fn piece_names(&self) -> Vec<String> {
        let groups = (0..self.doc_groups.groups).map(|n| self.doc_groups.file_name(n));
        self.pieces.iter().map(|p| p.name.clone()).chain(groups).collect()
    }

    /// The issue holding document `doc`.
    pub fn issue_of_doc(&self, doc: u32) -> Option<&IssueInfo> {
        let i = self.issues.partition_point(|i| i.first_doc + i.docs <= doc);
        self.issues.get(i).filter(|i| doc >= i.first_doc && doc < i.first_doc + i.docs)
    }

    /// Earliest and latest issue date (`YYYY-MM`), when any issue has one.
    pub fn date_range(&self) -> Option<(String, String)> {
        let mut dates = self.issues.iter().filter_map(|i| i.date.clone());
        let first = dates.next()?;
        let (lo, hi) = dates.fold((first.clone(), first), |(lo, hi), d| (lo.min(d.clone()), hi.max(d)));
        Some((lo, hi))
    }
}
