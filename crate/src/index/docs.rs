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
//! Strings other than ids are written with the corpus's own static char code
//! ([`super::charcode`], in the manifest): a group body is its metadata deflated (numbers,
//! ids, and each text's length in chars), then every char of its texts, in the order the
//! metadata names the texts, as one bit stream of that code. On chinese-poetry the documents
//! took 34.8 MiB as deflated groups over a byte code of the charset, now 32.3 MiB.

use super::bytes::{Bits, Cursor};
#[cfg(feature = "builder")]
use super::bytes::{BitWriter, Writer};
use super::charcode::CharCode;
#[cfg(feature = "builder")]
use super::charcode::{CharEncoder, ESCAPE};
use super::{kind_from_code, DocMeta, IndexError, PieceKind};
use crate::corpus::Article;
#[cfg(feature = "builder")]
use super::kind_code;

/// Bytes (metadata before deflate, coded text) a group aims at: small enough that a hit costs
/// a few KB, large enough that a large archive does not become a million files. (This keeps
/// chinese-poetry at the 16 poems a group that 4 KB of UTF-8 gave, under 2 KB a group.)
pub const DOC_GROUP_TARGET_BYTES: usize = 2 << 10;

/// A char gets a code of its own when it occurs at least this often in the documents' text
/// of an archive ([`ARCHIVE_CHARS`] chars or more); rarer ones are escaped (the escape's code
/// and 21 bits). A char in the table costs the manifest a byte or two and saves each
/// occurrence a dozen bits: a char seen once is about even.
pub const CHARSET_MIN_COUNT: u64 = 2;
/// ... and this often in a smaller corpus, whose manifest every visitor downloads before the
/// first result while reading a few of its documents: the seed's manifest stays at 2.5 KiB
/// (2: 3.6 KiB), its documents take 29.7 KiB (2: 19.1 KiB), a group about as much as before.
pub const SMALL_CHARSET_MIN_COUNT: u64 = 32;
/// Chars of text from which a corpus is an archive for [`CHARSET_MIN_COUNT`]: there the table
/// is a few KB of a manifest of a hundred (chinese-poetry: 11,000 chars, about 12 KB).
pub const ARCHIVE_CHARS: u64 = 1 << 20;

/// How the documents are grouped and their text coded (the manifest's `groups` production).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DocGroups {
    /// Documents per group (the last group may hold fewer).
    pub docs_per_group: u32,
    /// Number of groups.
    pub groups: u32,
    /// A hash over every group body (FNV-1a of each, combined): part of each group's file name.
    pub hash: u32,
    /// The code of the documents' text (see [`super::charcode`]).
    pub code: CharCode,
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

/// A document being written: its metadata bytes and the bits of its texts.
#[cfg(feature = "builder")]
struct DocOut<'a> {
    meta: Writer,
    text: BitWriter,
    code: &'a CharEncoder,
}

#[cfg(feature = "builder")]
impl DocOut<'_> {
    /// The `text` production: the length in chars here, the chars in the bit stream.
    fn text(&mut self, s: &str) {
        self.meta.varint(s.chars().count() as u64);
        self.code.write(s, &mut self.text);
    }
    fn opt_text(&mut self, s: &Option<String>) {
        match s {
            None => self.meta.u8(0),
            Some(s) => {
                self.meta.u8(1);
                self.text(s);
            }
        }
    }
    fn texts(&mut self, v: &[String]) {
        self.meta.varint(v.len() as u64);
        for s in v {
            self.text(s);
        }
    }
}

/// Groups `metas` with their `paragraphs`: the group size (aiming at
/// [`DOC_GROUP_TARGET_BYTES`] per group, a power of two up to 64), the text's code and the
/// sealed-to-be bodies in order.
#[cfg(feature = "builder")]
pub(crate) fn write(metas: &[DocMeta], paragraphs: &[&[String]]) -> (DocGroups, Vec<Vec<u8>>) {
    let code = code_of(metas, paragraphs);
    let encoder = code.encoder();
    let outs: Vec<(Vec<u8>, BitWriter)> = metas
        .iter()
        .zip(paragraphs)
        .map(|(m, p)| {
            let mut out = DocOut { meta: Writer::new(), text: BitWriter::default(), code: &encoder };
            write_doc(&mut out, m, p);
            (out.meta.buf, out.text)
        })
        .collect();
    let size = |(meta, text): &(Vec<u8>, BitWriter)| meta.len() + text.bits().div_ceil(8);
    let avg = outs.iter().map(size).sum::<usize>() / outs.len().max(1);
    let mut per = 1usize;
    // The power of two nearest the target (up to half as much again): rounding down halved the
    // groups of chinese-poetry when its average document grew past the target's half, and
    // small groups cost more (a whole archive grew by 6 MB).
    while per < 64 && (per * 2) * avg.max(1) <= DOC_GROUP_TARGET_BYTES * 3 / 2 {
        per *= 2;
    }
    let mut bodies = Vec::new();
    let mut hash = crate::corpus::content_hash(&[]);
    let mut outs = outs.into_iter();
    let mut n = 0usize;
    loop {
        let chunk: Vec<(Vec<u8>, BitWriter)> = outs.by_ref().take(per).collect();
        if chunk.is_empty() {
            break;
        }
        let mut w = Writer::new();
        w.varint(n as u64);
        w.varint(chunk.len() as u64);
        let mut bits = BitWriter::default();
        let mut raw = Vec::new();
        for (meta, text) in chunk {
            raw.extend_from_slice(&meta);
            bits.append(text);
        }
        w.deflated_part(&raw);
        w.buf.extend_from_slice(&bits.finish());
        hash ^= crate::corpus::content_hash(&w.buf).rotate_left((n % 64) as u32);
        bodies.push(w.buf);
        n += 1;
    }
    let groups = DocGroups { docs_per_group: per as u32, groups: bodies.len() as u32, hash: (hash ^ (hash >> 32)) as u32, code };
    (groups, bodies)
}

/// The code of the documents' coded strings (all but ids): a code of its own for each char
/// that occurs at least [`CHARSET_MIN_COUNT`] times ([`SMALL_CHARSET_MIN_COUNT`] below
/// [`ARCHIVE_CHARS`] chars of text), the escape for the rest (when there are any).
#[cfg(feature = "builder")]
fn code_of(metas: &[DocMeta], paragraphs: &[&[String]]) -> CharCode {
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
    let total: u64 = counts.values().sum();
    let min = if total >= ARCHIVE_CHARS { CHARSET_MIN_COUNT } else { SMALL_CHARSET_MIN_COUNT };
    let mut weights: Vec<(char, u64)> = Vec::new();
    let mut escaped = 0u64;
    for (c, n) in counts {
        if n >= min && c != ESCAPE {
            weights.push((c, n));
        } else {
            escaped += n;
        }
    }
    if escaped > 0 {
        weights.push((ESCAPE, escaped));
    }
    CharCode::build(&weights)
}

#[cfg(feature = "builder")]
fn write_doc(out: &mut DocOut, m: &DocMeta, paragraphs: &[String]) {
    out.meta.varint(u64::from(m.issue));
    out.meta.str(&m.id);
    out.opt_text(&m.title);
    out.opt_text(&m.subtitle);
    out.meta.u8(kind_code(m.kind));
    out.opt_text(&m.column);
    out.texts(&m.authors);
    out.texts(&m.photographers);
    out.texts(&m.units);
    out.meta.varint(u64::from(m.tokens));
    out.meta.varint(u64::from(m.title_tokens));
    out.texts(paragraphs);
    // Keywords are words of the body: where each first occurs there, or (never, as the
    // builder finds them) the word itself.
    let article = article_of(m.clone(), paragraphs.to_vec());
    let (text, _, body_chars) = super::search_text(&article);
    let body: Vec<char> = crate::text::normalize(&text).chars().take(body_chars).collect();
    out.meta.varint(m.keywords.len() as u64);
    for k in &m.keywords {
        let word: Vec<char> = k.chars().collect();
        match (!word.is_empty()).then(|| body.windows(word.len()).position(|x| x == word.as_slice())).flatten() {
            Some(at) => {
                out.meta.varint(at as u64 + 1);
                out.meta.varint(word.len() as u64);
            }
            None => {
                out.meta.u8(0);
                out.text(k);
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

/// Reads the texts of a group: their lengths from the metadata, their chars from the bits.
struct DocIn<'a, 'b> {
    meta: Cursor<'a>,
    bits: Bits<'b>,
    code: &'a CharCode,
}

impl DocIn<'_, '_> {
    fn text(&mut self) -> Result<String, IndexError> {
        // Each char takes a bit at least.
        let n = self.meta.varint_max(self.bits.remaining() as u64, "text length")?;
        let mut s = String::with_capacity(n as usize * 3);
        for _ in 0..n {
            s.push(self.code.decode(&mut self.bits)?);
        }
        Ok(s)
    }
    fn opt_text(&mut self) -> Result<Option<String>, IndexError> {
        match self.meta.u8()? {
            0 => Ok(None),
            1 => Ok(Some(self.text()?)),
            t => Err(self.meta.corrupt(format!("option tag {t}, expected 0 or 1"))),
        }
    }
    fn texts(&mut self) -> Result<Vec<String>, IndexError> {
        let n = self.meta.varint_max(self.meta.remaining() as u64, "list length")? as usize;
        let mut v = Vec::with_capacity(n.min(1024));
        for _ in 0..n {
            v.push(self.text()?);
        }
        Ok(v)
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
    let raw = c.deflated_part("group metadata length")?;
    let mut d = DocIn { meta: Cursor::new(&raw, name), bits: c.bits(), code: &groups.code };
    let mut docs = Vec::with_capacity(count as usize);
    for _ in 0..count {
        if n_issues == 0 {
            return Err(d.meta.corrupt("documents without issues"));
        }
        let issue = d.meta.varint_max(n_issues as u64 - 1, "issue of doc")? as u32;
        let id = d.meta.str()?;
        let title = d.opt_text()?;
        let subtitle = d.opt_text()?;
        let code = d.meta.u8()?;
        let kind = kind_from_code(code).ok_or_else(|| d.meta.corrupt(format!("unknown article kind {code}")))?;
        let column = d.opt_text()?;
        let authors = d.texts()?;
        let photographers = d.texts()?;
        let units = d.texts()?;
        let tokens = d.meta.varint_max(u32::MAX as u64, "doc length")? as u32;
        let title_tokens = d.meta.varint_max(u32::MAX as u64, "doc length")? as u32;
        let paragraphs = d.texts()?;
        // The lengths follow from the texts, as the builder measured them.
        let article = Article { id, title, subtitle, authors, photographers, units, kind, column, paragraphs };
        let (text, title_chars, body_chars) = super::search_text(&article);
        let chars: Vec<char> = crate::text::normalize(&text).chars().collect();
        let n_keywords = d.meta.varint_max(d.meta.remaining() as u64, "keyword count")?;
        let mut keywords = Vec::with_capacity(n_keywords as usize);
        for _ in 0..n_keywords {
            let at = d.meta.varint()?;
            if at == 0 {
                keywords.push(d.text()?);
                continue;
            }
            let len = d.meta.varint()?;
            let word = usize::try_from(at - 1)
                .ok()
                .zip(usize::try_from(len).ok())
                .and_then(|(a, l)| Some(a..a.checked_add(l)?))
                .filter(|r| r.end <= body_chars)
                .and_then(|r| chars.get(r))
                .ok_or_else(|| d.meta.corrupt(format!("doc {}: keyword at {} + {len} beyond its body", article.id, at - 1)))?;
            keywords.push(word.iter().collect());
        }
        let Article { id, title, subtitle, authors, photographers, units, kind, column, paragraphs } = article;
        let (title_chars, body_chars, text_chars) = (title_chars as u32, body_chars as u32, chars.len() as u32);
        let meta = DocMeta { issue, id, title, subtitle, kind, column, authors, photographers, units, tokens, title_tokens, title_chars, body_chars, text_chars, keywords };
        docs.push((meta, paragraphs));
    }
    d.meta.finish()?;
    // The bit stream ends in its last byte: nothing after it.
    c.end_bits(d.bits);
    c.finish()?;
    Ok(DocGroup { first, docs })
}
