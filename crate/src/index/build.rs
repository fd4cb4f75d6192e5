//! Building an index (native only): issues in, sealed manifest and pieces out.
//!
//! Takes cleaned [`Issue`]s and a [`BuildConfig`] (userdict, stopwords, themes file contents);
//! returns a [`BuiltIndex`]. Guarantees: the same input gives byte-identical output (sorted
//! keys before writing, fixed deflate level, pieces named by content hash).

use super::bytes::{content_hash, deflate, seal, Writer};
use super::{
    kind_code, search_text, BuiltIndex, CorpusStats, DocMeta, IndexError, PieceEntry, PieceKind,
    TermInfo, Theme, PIECE_TARGET_BYTES, STORE_BLOCK_DOCS,
};
use crate::corpus::Issue;
use crate::text::{is_word_token, normalize, parse_userdict, quoted_slogans, Segmenter};
use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;

/// The corpus-level inputs of a build, as file contents (so tests can pass strings).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BuildConfig {
    /// `corpus/userdict.txt`: `word [freq] [tag]` per line.
    pub userdict: String,
    /// `corpus/stopwords.txt`: one word per line, `#` comments.
    pub stopwords: String,
    /// `corpus/themes.toml`: `[[theme]]` tables with `name`, `terms`, optional `note`.
    pub themes_toml: String,
}

impl BuildConfig {
    /// Reads `userdict.txt`, `stopwords.txt` and `themes.toml` from a corpus directory. A
    /// missing file counts as empty; any other read error is returned.
    pub fn from_corpus_dir(dir: impl AsRef<Path>) -> std::io::Result<BuildConfig> {
        let dir = dir.as_ref();
        let read = |name: &str| match std::fs::read_to_string(dir.join(name)) {
            Ok(s) => Ok(s),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(String::new()),
            Err(e) => Err(e),
        };
        Ok(BuildConfig {
            userdict: read("userdict.txt")?,
            stopwords: read("stopwords.txt")?,
            themes_toml: read("themes.toml")?,
        })
    }
}

#[derive(Deserialize)]
struct ThemesFile {
    #[serde(default)]
    theme: Vec<ThemeToml>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeToml {
    name: String,
    terms: Vec<String>,
    note: Option<String>,
}

/// Parses `themes.toml` into themes, in file order.
pub(crate) fn parse_themes(text: &str) -> Result<Vec<Theme>, IndexError> {
    let file: ThemesFile = toml::from_str(text).map_err(|e| IndexError::Config {
        file: "corpus/themes.toml".into(),
        detail: e.to_string(),
    })?;
    let mut out = Vec::new();
    for t in file.theme {
        if t.name.trim().is_empty() || t.terms.iter().all(|s| s.trim().is_empty()) {
            return Err(IndexError::Config {
                file: "corpus/themes.toml".into(),
                detail: format!("theme {:?} needs a name and at least one term", t.name),
            });
        }
        out.push(Theme {
            name: t.name,
            terms: t.terms,
            note: t.note,
        });
    }
    Ok(out)
}

/// Parses `stopwords.txt`: normalised, sorted, deduplicated.
pub(crate) fn parse_stopwords(text: &str) -> Vec<String> {
    let mut v: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(normalize)
        .collect();
    v.sort();
    v.dedup();
    v
}

/// Postings of one key as they accumulate: flat arrays, no allocation per (key, doc).
#[derive(Default)]
struct Postings {
    docs: Vec<u32>,
    /// `positions[ends[i - 1]..ends[i]]` belong to `docs[i]`.
    ends: Vec<usize>,
    positions: Vec<u32>,
}

impl Postings {
    fn push(&mut self, doc: u32, positions: &[u32]) {
        self.docs.push(doc);
        self.positions.extend_from_slice(positions);
        self.ends.push(self.positions.len());
    }
}

/// Builds the index of `issues` (documents numbered in issue order, then article order).
pub fn build(issues: &[Issue], config: &BuildConfig) -> Result<BuiltIndex, IndexError> {
    let userdict =
        parse_userdict(&config.userdict).map_err(|(line, detail)| IndexError::Config {
            file: format!("corpus/userdict.txt line {line}"),
            detail,
        })?;
    let themes = parse_themes(&config.themes_toml)?;
    let stopwords = parse_stopwords(&config.stopwords);

    // The corpus's own words: quoted slogans, names of people and units, column labels.
    let mut extra: Vec<String> = Vec::new();
    for issue in issues {
        for a in &issue.articles {
            if let Some(t) = &a.title {
                extra.extend(quoted_slogans(t));
            }
            for p in &a.paragraphs {
                extra.extend(quoted_slogans(p));
            }
            extra.extend(a.authors.iter().cloned());
            extra.extend(a.photographers.iter().cloned());
            extra.extend(a.units.iter().cloned());
            extra.extend(a.column.iter().cloned());
        }
    }
    for t in &themes {
        extra.extend(t.terms.iter().cloned());
    }
    let segmenter = Segmenter::new(&userdict, extra.iter().map(String::as_str));

    // Hash maps while accumulating (each key gets one push per doc, in doc order); keys are
    // sorted before anything is written, so the output does not depend on hash order.
    let mut words: HashMap<String, Postings> = HashMap::new();
    let mut chars: HashMap<char, Postings> = HashMap::new();
    let mut metas: Vec<DocMeta> = Vec::new();
    let mut articles: Vec<&crate::corpus::Article> = Vec::new();
    let mut stats = CorpusStats {
        issues: issues.len(),
        ..CorpusStats::default()
    };

    for (issue_no, issue) in issues.iter().enumerate() {
        for a in &issue.articles {
            let doc = u32::try_from(metas.len()).map_err(|_| IndexError::TooLarge {
                what: "more than 2^32 articles".into(),
            })?;
            let (text, title_chars, body_chars) = search_text(a);
            let norm = normalize(&text);
            let text_chars = norm.chars().count();
            if u32::try_from(text_chars).is_err() {
                return Err(IndexError::TooLarge {
                    what: format!("article {} has more than 2^32 chars", a.id),
                });
            }
            // Character tier.
            let mut doc_chars: HashMap<char, Vec<u32>> = HashMap::new();
            for (pos, c) in norm.chars().enumerate() {
                if c != '\n' {
                    doc_chars.entry(c).or_default().push(pos as u32);
                    if pos < body_chars {
                        stats.chars += 1;
                    }
                }
            }
            for (c, ps) in doc_chars {
                chars.entry(c).or_default().push(doc, &ps);
            }
            // Word tier: title and paragraphs, one line at a time.
            let body: String = norm.chars().take(body_chars).collect();
            let mut doc_words: HashMap<String, Vec<u32>> = HashMap::new();
            let mut pos: u32 = 0;
            let mut title_tokens = 0;
            let mut tokens = 0u32;
            for (line_no, line) in body.split('\n').enumerate() {
                if line_no > 0 {
                    pos += 1;
                }
                for tok in segmenter.tokens(line) {
                    if tok.text.chars().all(char::is_whitespace) {
                        continue;
                    }
                    if is_word_token(&tok.text) {
                        doc_words.entry(tok.text).or_default().push(pos);
                        tokens += 1;
                    }
                    pos += 1;
                }
                if line_no == 0 {
                    title_tokens = pos;
                }
            }
            stats.tokens += u64::from(tokens);
            for (w, ps) in doc_words {
                words.entry(w).or_default().push(doc, &ps);
            }
            metas.push(DocMeta {
                issue: issue_no as u32,
                id: a.id.clone(),
                title: a.title.clone(),
                subtitle: a.subtitle.clone(),
                kind: a.kind,
                column: a.column.clone(),
                authors: a.authors.clone(),
                photographers: a.photographers.clone(),
                units: a.units.clone(),
                tokens,
                title_tokens,
                title_chars: title_chars as u32,
                body_chars: body_chars as u32,
                text_chars: text_chars as u32,
            });
            articles.push(a);
        }
    }
    stats.articles = metas.len();
    stats.terms = words.len();

    let mut pieces: Vec<(PieceEntry, Vec<u8>)> = Vec::new();

    // Word tier: vocab (fst + infos) and postings pieces.
    let mut words: Vec<(String, Postings)> = words.into_iter().collect();
    words.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let word_keys: Vec<String> = words.iter().map(|(k, _)| k.clone()).collect();
    let (word_infos, word_pieces) = encode_postings(
        words.iter().map(|(_, p)| p),
        &word_keys,
        PieceKind::WordPostings,
    );
    let mut fst_builder = fst::MapBuilder::memory();
    for (ord, term) in word_keys.iter().enumerate() {
        fst_builder
            .insert(term.as_bytes(), ord as u64)
            .map_err(|e| IndexError::Corrupt {
                piece: "vocab".into(),
                detail: format!("fst build: {e}"),
            })?;
    }
    let fst_bytes = fst_builder.into_inner().map_err(|e| IndexError::Corrupt {
        piece: "vocab".into(),
        detail: format!("fst build: {e}"),
    })?;
    let mut w = Writer::new();
    w.varint(word_keys.len() as u64);
    w.bytes(&fst_bytes);
    for info in &word_infos {
        write_info(&mut w, info);
    }
    pieces.push(entry(
        PieceKind::Vocab,
        w.buf,
        0,
        word_keys.len() as u32,
        first_last(&word_keys),
    ));
    pieces.extend(word_pieces);

    // Character tier.
    let mut chars: Vec<(char, Postings)> = chars.into_iter().collect();
    chars.sort_unstable_by_key(|(c, _)| *c);
    let char_keys: Vec<String> = chars.iter().map(|(c, _)| c.to_string()).collect();
    let (char_infos, char_pieces) = encode_postings(
        chars.iter().map(|(_, p)| p),
        &char_keys,
        PieceKind::CharPostings,
    );
    let mut w = Writer::new();
    w.varint(char_keys.len() as u64);
    for ((c, _), info) in chars.iter().zip(&char_infos) {
        w.varint(u64::from(*c as u32));
        write_info(&mut w, info);
    }
    pieces.push(entry(
        PieceKind::CharTable,
        w.buf,
        0,
        char_keys.len() as u32,
        first_last(&char_keys),
    ));
    pieces.extend(char_pieces);

    // Docs: metadata of every document, deflated.
    let mut raw = Writer::new();
    raw.varint(issues.len() as u64);
    for issue in issues {
        raw.str(&issue.source);
        raw.str(&issue.publication);
        raw.opt_str(&issue.date);
    }
    raw.varint(metas.len() as u64);
    for m in &metas {
        raw.varint(u64::from(m.issue));
        raw.str(&m.id);
        raw.opt_str(&m.title);
        raw.opt_str(&m.subtitle);
        raw.u8(kind_code(m.kind));
        raw.opt_str(&m.column);
        raw.strs(&m.authors);
        raw.strs(&m.photographers);
        raw.strs(&m.units);
        for v in [
            m.tokens,
            m.title_tokens,
            m.title_chars,
            m.body_chars,
            m.text_chars,
        ] {
            raw.varint(u64::from(v));
        }
    }
    let mut w = Writer::new();
    w.varint(raw.buf.len() as u64);
    w.buf.extend_from_slice(&deflate(&raw.buf));
    let ids: Vec<String> = metas.iter().map(|m| m.id.clone()).collect();
    pieces.push(entry(
        PieceKind::Docs,
        w.buf,
        0,
        metas.len() as u32,
        first_last(&ids),
    ));

    // Store: articles as JSON in deflated blocks, pieces cut at PIECE_TARGET_BYTES.
    let mut blocks: Vec<(u32, u32, usize, Vec<u8>)> = Vec::new();
    for (b, chunk) in articles.chunks(STORE_BLOCK_DOCS).enumerate() {
        let raw = serde_json::to_vec(chunk).map_err(|e| IndexError::Corrupt {
            piece: "store".into(),
            detail: format!("serialising articles: {e}"),
        })?;
        blocks.push((
            (b * STORE_BLOCK_DOCS) as u32,
            chunk.len() as u32,
            raw.len(),
            deflate(&raw),
        ));
    }
    let mut start = 0;
    while start < blocks.len() || (start == 0 && blocks.is_empty()) {
        let mut end = start;
        let mut size = 0;
        while end < blocks.len()
            && (end == start || size + blocks[end].3.len() <= PIECE_TARGET_BYTES)
        {
            size += blocks[end].3.len();
            end += 1;
        }
        let mut w = Writer::new();
        w.varint((end - start) as u64);
        for (first, n, raw_len, comp) in &blocks[start..end] {
            w.varint(u64::from(*first));
            w.varint(u64::from(*n));
            w.varint(*raw_len as u64);
            w.varint(comp.len() as u64);
        }
        for (_, _, _, comp) in &blocks[start..end] {
            w.buf.extend_from_slice(comp);
        }
        let from = blocks.get(start).map_or(0, |b| b.0);
        let to = blocks.get(end.wrapping_sub(1)).map_or(0, |b| b.0 + b.1);
        let fl = first_last(&ids[from as usize..to as usize]);
        pieces.push(entry(PieceKind::Store, w.buf, from, to, fl));
        if blocks.is_empty() {
            break;
        }
        start = end;
    }

    // Manifest.
    let mut m = Writer::new();
    for v in [
        stats.articles as u64,
        stats.issues as u64,
        stats.tokens,
        stats.chars,
        stats.terms as u64,
    ] {
        m.varint(v);
    }
    m.strs(&stopwords);
    m.varint(themes.len() as u64);
    for t in &themes {
        m.str(&t.name);
        m.strs(&t.terms);
        m.opt_str(&t.note);
    }
    m.varint(pieces.len() as u64);
    for (e, _) in &pieces {
        m.u8(e.kind as u8);
        m.str(&e.name);
        m.varint(e.len);
        m.u32le(e.crc);
        m.varint(u64::from(e.from));
        m.varint(u64::from(e.to));
        m.str(&e.first);
        m.str(&e.last);
    }
    Ok(BuiltIndex {
        manifest: seal(PieceKind::Manifest, &m.buf),
        pieces: pieces.into_iter().map(|(e, b)| (e.name, b)).collect(),
    })
}

fn first_last(keys: &[String]) -> (String, String) {
    (
        keys.first().cloned().unwrap_or_default(),
        keys.last().cloned().unwrap_or_default(),
    )
}

fn write_info(w: &mut Writer, info: &TermInfo) {
    w.varint(u64::from(info.doc_freq));
    w.varint(info.coll_freq);
    w.varint(info.offset);
    w.varint(info.len);
}

/// Seals a body and describes it for the manifest.
fn entry(
    kind: PieceKind,
    body: Vec<u8>,
    from: u32,
    to: u32,
    (first, last): (String, String),
) -> (PieceEntry, Vec<u8>) {
    let crc = crc32fast::hash(&body);
    let sealed = seal(kind, &body);
    let name = format!("{}-{:016x}.bin", kind.name(), content_hash(&sealed));
    (
        PieceEntry {
            kind,
            name,
            len: sealed.len() as u64,
            crc,
            from,
            to,
            first,
            last,
        },
        sealed,
    )
}

/// Encodes posting lists in key order into pieces of about PIECE_TARGET_BYTES.
fn encode_postings<'a>(
    lists: impl Iterator<Item = &'a Postings>,
    keys: &[String],
    kind: PieceKind,
) -> (Vec<TermInfo>, Vec<(PieceEntry, Vec<u8>)>) {
    let mut infos = Vec::new();
    let mut pieces = Vec::new();
    let mut buf = Writer::new();
    let mut piece_from = 0u32;
    let mut piece_no = 0u32;
    for (ord, list) in lists.enumerate() {
        if buf.buf.len() >= PIECE_TARGET_BYTES {
            let body = std::mem::take(&mut buf.buf);
            pieces.push(entry(
                kind,
                body,
                piece_from,
                ord as u32,
                first_last(&keys[piece_from as usize..ord]),
            ));
            piece_from = ord as u32;
            piece_no += 1;
        }
        let offset = buf.buf.len() as u64;
        let mut prev_doc = 0u32;
        let mut coll = 0u64;
        let mut start = 0usize;
        for (i, (&doc, &end)) in list.docs.iter().zip(&list.ends).enumerate() {
            let positions = &list.positions[start..end];
            start = end;
            buf.varint(u64::from(if i == 0 { doc } else { doc - prev_doc }));
            prev_doc = doc;
            buf.varint(positions.len() as u64);
            let mut prev = 0u32;
            for (j, p) in positions.iter().enumerate() {
                buf.varint(u64::from(if j == 0 { *p } else { p - prev }));
                prev = *p;
            }
            coll += positions.len() as u64;
        }
        infos.push(TermInfo {
            doc_freq: list.docs.len() as u32,
            coll_freq: coll,
            piece: piece_no,
            offset,
            len: buf.buf.len() as u64 - offset,
        });
    }
    let n = keys.len() as u32;
    pieces.push(entry(
        kind,
        buf.buf,
        piece_from,
        n,
        first_last(&keys[piece_from as usize..]),
    ));
    (infos, pieces)
}
