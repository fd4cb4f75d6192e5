//! *Who wrote document d, what does it say?* Documents in small groups: each group piece holds
//! the metadata (id, title, bylines, units, kind, lengths) and the paragraphs of
//! [`DocGroups::docs_per_group`] consecutive documents, deflated.
//!
//! A page shows twenty hits from anywhere in an archive; each costs one group of a few KB
//! (about [`DOC_GROUP_TARGET_BYTES`] before deflate), not a 16 KB range of metadata plus
//! another of text. Groups have a fixed number of documents, so the group of document d is
//! `d / docs_per_group` and the manifest lists no entry per group: just the group size, the
//! count and a hash of their contents, which every group's file name carries
//! (`docs-<n>-<hash>.bin`), so files of another build are never mixed in.

use super::bytes::Cursor;
#[cfg(feature = "builder")]
use super::bytes::Writer;
use super::{kind_from_code, DocMeta, IndexError, PieceKind};
#[cfg(feature = "builder")]
use super::kind_code;

/// Raw bytes (metadata and paragraphs) a group aims at: small enough that a hit costs a few
/// KB, large enough that a large archive does not become a million files.
pub const DOC_GROUP_TARGET_BYTES: usize = 4 << 10;

/// How the documents are grouped (the manifest's `groups` production).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DocGroups {
    /// Documents per group (the last group may hold fewer).
    pub docs_per_group: u32,
    /// Number of groups.
    pub groups: u32,
    /// A hash over every group body (FNV-1a of each, combined): part of each group's file name.
    pub hash: u32,
}

impl DocGroups {
    /// The file name of group `n`.
    pub fn file_name(&self, n: u32) -> String {
        format!("{}-{n}-{:08x}.bin", PieceKind::Docs.name(), self.hash)
    }
    /// The group number named by `name`, when it is one of this index's group files.
    pub fn parse_name(&self, name: &str) -> Option<u32> {
        let rest = name.strip_prefix(PieceKind::Docs.name())?.strip_prefix('-')?.strip_suffix(".bin")?;
        let (digits, hash) = rest.split_once('-')?;
        let n: u32 = digits.parse().ok()?;
        // One spelling per group: no leading zeros or signs.
        (n < self.groups && n.to_string() == digits && hash == format!("{:08x}", self.hash)).then_some(n)
    }
    /// The group holding document `doc`.
    pub fn group_of(&self, doc: u32) -> u32 {
        doc / self.docs_per_group.max(1)
    }
}

/// One loaded group: documents `first ..` with their metadata and paragraphs.
pub(crate) struct DocGroup {
    pub first: u32,
    pub docs: Vec<(DocMeta, Vec<String>)>,
}

impl DocGroup {
    pub fn get(&self, doc: u32) -> Option<&(DocMeta, Vec<String>)> {
        self.docs.get(doc.checked_sub(self.first)? as usize)
    }
}

/// Groups `metas` with their `paragraphs`: the group size (aiming at
/// [`DOC_GROUP_TARGET_BYTES`] raw per group, a power of two up to 64) and the sealed-to-be
/// bodies in order.
#[cfg(feature = "builder")]
pub(crate) fn write(metas: &[DocMeta], paragraphs: &[&[String]]) -> (DocGroups, Vec<Vec<u8>>) {
    let raws: Vec<Vec<u8>> = metas
        .iter()
        .zip(paragraphs)
        .map(|(m, p)| {
            let mut w = Writer::new();
            write_doc(&mut w, m, p);
            w.buf
        })
        .collect();
    let avg = raws.iter().map(Vec::len).sum::<usize>() / raws.len().max(1);
    let mut per = 1usize;
    // The power of two nearest the target (up to half as much again): rounding down halved the
    // groups of chinese-poetry when its average document grew past 256 bytes, and small groups
    // deflate worse (a whole archive grew by 6 MB).
    while per < 64 && (per * 2) * avg.max(1) <= DOC_GROUP_TARGET_BYTES * 3 / 2 {
        per *= 2;
    }
    let mut bodies = Vec::new();
    let mut hash = crate::corpus::content_hash(&[]);
    for (n, chunk) in raws.chunks(per).enumerate() {
        let raw: Vec<u8> = chunk.concat();
        let mut w = Writer::new();
        w.varint(n as u64);
        w.varint(chunk.len() as u64);
        w.deflated(&raw);
        hash ^= crate::corpus::content_hash(&w.buf).rotate_left((n % 64) as u32);
        bodies.push(w.buf);
    }
    let groups = DocGroups { docs_per_group: per as u32, groups: bodies.len() as u32, hash: (hash ^ (hash >> 32)) as u32 };
    (groups, bodies)
}

#[cfg(feature = "builder")]
fn write_doc(w: &mut Writer, m: &DocMeta, paragraphs: &[String]) {
    w.varint(u64::from(m.issue));
    w.str(&m.id);
    w.opt_str(&m.title);
    w.opt_str(&m.subtitle);
    w.u8(kind_code(m.kind));
    w.opt_str(&m.column);
    w.strs(&m.authors);
    w.strs(&m.photographers);
    w.strs(&m.units);
    for v in [m.tokens, m.title_tokens, m.title_chars, m.body_chars, m.text_chars] {
        w.varint(u64::from(v));
    }
    w.strs(&m.keywords);
    w.strs(paragraphs);
}

/// Decodes group `n` (named `name`) of `groups`; `n_docs` and `n_issues` bound what it may hold.
pub(crate) fn read(name: &str, n: u32, groups: &DocGroups, body: &[u8], n_docs: usize, n_issues: usize) -> Result<DocGroup, IndexError> {
    let mut c = Cursor::new(body, name);
    let number = c.varint()?;
    if number != u64::from(n) {
        return Err(c.corrupt(format!("holds group {number}, expected group {n}")));
    }
    let first = n.saturating_mul(groups.docs_per_group);
    let want = (n_docs as u64).saturating_sub(u64::from(first)).min(u64::from(groups.docs_per_group));
    let count = c.varint()?;
    if count != want {
        return Err(c.corrupt(format!("holds {count} documents, expected {want}")));
    }
    let raw = c.deflated_rest("group length")?;
    let mut c = Cursor::new(&raw, name);
    let mut docs = Vec::with_capacity(count as usize);
    for _ in 0..count {
        if n_issues == 0 {
            return Err(c.corrupt("documents without issues"));
        }
        let issue = c.varint_max(n_issues as u64 - 1, "issue of doc")? as u32;
        let id = c.str()?;
        let title = c.opt_str()?;
        let subtitle = c.opt_str()?;
        let code = c.u8()?;
        let kind = kind_from_code(code).ok_or_else(|| c.corrupt(format!("unknown article kind {code}")))?;
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
        let keywords = c.strs()?;
        let paragraphs = c.strs()?;
        let meta = DocMeta { issue, id, title, subtitle, kind, column, authors, photographers, units, tokens, title_tokens, title_chars, body_chars, text_chars, keywords };
        docs.push((meta, paragraphs));
    }
    c.finish()?;
    Ok(DocGroup { first, docs })
}
