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
//!
//! Strings other than ids are coded over the corpus's own charset (the `text` production):
//! its 128 most frequent chars take a byte, the next 2048 two bytes of their rank, any other
//! two bytes of its code point (or an escape). Deflate sees a Chinese text as a stream of
//! small, skewed numbers instead of three-byte UTF-8 sequences: on chinese-poetry the
//! paragraphs deflate to three quarters of their UTF-8 size (36.0 → 26.7 MiB).

use super::bytes::Cursor;
#[cfg(feature = "builder")]
use super::bytes::TEXT_CHARSET_MAX;
#[cfg(feature = "builder")]
use super::bytes::Writer;
use super::{kind_from_code, DocMeta, IndexError, PieceKind};
use crate::corpus::Article;
#[cfg(feature = "builder")]
use super::kind_code;

/// Raw bytes (metadata and coded text) a group aims at: small enough that a hit costs a few
/// KB, large enough that a large archive does not become a million files. (Coded text is
/// about two thirds of its UTF-8: this keeps chinese-poetry at the 16 poems a group that
/// 4 KB of UTF-8 gave, about 2 KB deflated.)
pub const DOC_GROUP_TARGET_BYTES: usize = 3 << 10;

/// A char enters the charset of the documents' text when it occurs at least this often there:
/// its code is then one byte (the 128 most frequent) or two bytes of its rank, which deflate
/// far better than UTF-8 (three bytes a Chinese char) or its code point.
pub const CHARSET_MIN_COUNT: u64 = 32;

/// How the documents are grouped and their text coded (the manifest's `groups` production).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DocGroups {
    /// Documents per group (the last group may hold fewer).
    pub docs_per_group: u32,
    /// Number of groups.
    pub groups: u32,
    /// A hash over every group body (FNV-1a of each, combined): part of each group's file name.
    pub hash: u32,
    /// The chars of the documents' text with a rank code, most frequent first (see the
    /// `text` production).
    pub charset: Vec<char>,
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
    let charset = charset_of(metas, paragraphs);
    let codes: std::collections::HashMap<char, u32> = charset.iter().enumerate().map(|(r, &c)| (c, r as u32)).collect();
    let raws: Vec<Vec<u8>> = metas
        .iter()
        .zip(paragraphs)
        .map(|(m, p)| {
            let mut w = Writer::new();
            write_doc(&mut w, m, p, &codes);
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
    let groups = DocGroups { docs_per_group: per as u32, groups: bodies.len() as u32, hash: (hash ^ (hash >> 32)) as u32, charset };
    (groups, bodies)
}

/// The chars of the documents' coded strings (all but ids) that occur at least
/// [`CHARSET_MIN_COUNT`] times, most frequent first (ties by code point), at most as many as
/// the `text` production has codes for.
#[cfg(feature = "builder")]
fn charset_of(metas: &[DocMeta], paragraphs: &[&[String]]) -> Vec<char> {
    let mut counts: std::collections::HashMap<char, u64> = std::collections::HashMap::new();
    for (m, p) in metas.iter().zip(paragraphs) {
        let opts = [&m.title, &m.subtitle, &m.column].into_iter().flatten();
        let lists = [&m.authors, &m.photographers, &m.units, &m.keywords].into_iter().flatten().chain(p.iter());
        for s in opts.chain(lists) {
            for ch in s.chars() {
                *counts.entry(ch).or_default() += 1;
            }
        }
    }
    let mut ranked: Vec<(u64, char)> = counts.into_iter().filter(|&(_, n)| n >= CHARSET_MIN_COUNT).map(|(c, n)| (n, c)).collect();
    ranked.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    ranked.truncate(TEXT_CHARSET_MAX);
    ranked.into_iter().map(|(_, c)| c).collect()
}

#[cfg(feature = "builder")]
fn write_doc(w: &mut Writer, m: &DocMeta, paragraphs: &[String], codes: &std::collections::HashMap<char, u32>) {
    w.varint(u64::from(m.issue));
    w.str(&m.id);
    w.opt_text(&m.title, codes);
    w.opt_text(&m.subtitle, codes);
    w.u8(kind_code(m.kind));
    w.opt_text(&m.column, codes);
    w.texts(&m.authors, codes);
    w.texts(&m.photographers, codes);
    w.texts(&m.units, codes);
    w.varint(u64::from(m.tokens));
    w.varint(u64::from(m.title_tokens));
    w.texts(paragraphs, codes);
    // Keywords are words of the body: where each first occurs there, or (never, as the
    // builder finds them) the word itself.
    let article = article_of(m.clone(), paragraphs.to_vec());
    let (text, _, body_chars) = super::search_text(&article);
    let body: Vec<char> = crate::text::normalize(&text).chars().take(body_chars).collect();
    w.varint(m.keywords.len() as u64);
    for k in &m.keywords {
        let word: Vec<char> = k.chars().collect();
        match (!word.is_empty()).then(|| body.windows(word.len()).position(|x| x == word.as_slice())).flatten() {
            Some(at) => {
                w.varint(at as u64 + 1);
                w.varint(word.len() as u64);
            }
            None => {
                w.u8(0);
                w.text(k, codes);
            }
        }
    }
}

/// The article a document's metadata and paragraphs make (the builder finds keywords in it).
#[cfg(feature = "builder")]
fn article_of(m: DocMeta, paragraphs: Vec<String>) -> Article {
    Article {
        id: m.id,
        title: m.title,
        subtitle: m.subtitle,
        authors: m.authors,
        photographers: m.photographers,
        units: m.units,
        kind: m.kind,
        column: m.column,
        paragraphs,
    }
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
    let cs = &groups.charset;
    let mut docs = Vec::with_capacity(count as usize);
    for _ in 0..count {
        if n_issues == 0 {
            return Err(c.corrupt("documents without issues"));
        }
        let issue = c.varint_max(n_issues as u64 - 1, "issue of doc")? as u32;
        let id = c.str()?;
        let title = c.opt_text(cs)?;
        let subtitle = c.opt_text(cs)?;
        let code = c.u8()?;
        let kind = kind_from_code(code).ok_or_else(|| c.corrupt(format!("unknown article kind {code}")))?;
        let column = c.opt_text(cs)?;
        let authors = c.texts(cs)?;
        let photographers = c.texts(cs)?;
        let units = c.texts(cs)?;
        let tokens = c.varint_max(u32::MAX as u64, "doc length")? as u32;
        let title_tokens = c.varint_max(u32::MAX as u64, "doc length")? as u32;
        let paragraphs = c.texts(cs)?;
        // The lengths follow from the texts, as the builder measured them.
        let article = Article { id, title, subtitle, authors, photographers, units, kind, column, paragraphs };
        let (text, title_chars, body_chars) = super::search_text(&article);
        let chars: Vec<char> = crate::text::normalize(&text).chars().collect();
        let n_keywords = c.varint_max(c.remaining() as u64, "keyword count")?;
        let mut keywords = Vec::with_capacity(n_keywords as usize);
        for _ in 0..n_keywords {
            let at = c.varint()?;
            if at == 0 {
                keywords.push(c.text(cs)?);
                continue;
            }
            let len = c.varint()?;
            let word = usize::try_from(at - 1)
                .ok()
                .zip(usize::try_from(len).ok())
                .and_then(|(a, l)| Some(a..a.checked_add(l)?))
                .filter(|r| r.end <= body_chars)
                .and_then(|r| chars.get(r))
                .ok_or_else(|| c.corrupt(format!("doc {}: keyword at {} + {len} beyond its body", article.id, at - 1)))?;
            keywords.push(word.iter().collect());
        }
        let Article { id, title, subtitle, authors, photographers, units, kind, column, paragraphs } = article;
        let (title_chars, body_chars, text_chars) = (title_chars as u32, body_chars as u32, chars.len() as u32);
        let meta = DocMeta { issue, id, title, subtitle, kind, column, authors, photographers, units, tokens, title_tokens, title_chars, body_chars, text_chars, keywords };
        docs.push((meta, paragraphs));
    }
    c.finish()?;
    Ok(DocGroup { first, docs })
}
