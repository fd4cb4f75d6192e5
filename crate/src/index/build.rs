//! Building an index: issues in, sealed manifest and pieces out (natively, and in the #/mine
//! worker with the `builder` feature and a given dictionary: [`build_with`]).
//!
//! Takes cleaned [`Issue`]s and a [`BuildConfig`] (userdict, stopwords, themes file contents);
//! returns a [`BuiltIndex`]. Guarantees: the same input gives byte-identical output (sorted
//! keys before writing, fixed deflate level, pieces named by content hash).

use super::bytes::seal;
use super::postings::{self, Encoder, Postings};
use super::reader::facets_of;
use super::tables::{self, GroupTable, TableRow};
use super::{
    docs, norms, search_text, termdict, BuiltIndex, CorpusStats, DocLayout, DocMeta, DocNorms, IndexError, IssueInfo,
    Manifest, PieceEntry, PieceKind, Theme, FREQ_TABLE_ROWS,
};
use crate::corpus::{Article, Issue};
use crate::text::{is_word_token, normalize, parse_userdict, quoted_slogans, Dictionary, Segmenter};
use serde::Deserialize;
use std::collections::HashMap;

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
    #[cfg(feature = "native")]
    pub fn from_corpus_dir(dir: impl AsRef<std::path::Path>) -> std::io::Result<BuildConfig> {
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

/// Builds the index of `issues` (documents numbered in issue order, then article order).
#[cfg(feature = "native")]
pub fn build(issues: &[Issue], config: &BuildConfig) -> Result<BuiltIndex, IndexError> {
    build_with(issues, config, &Dictionary::jieba_default(), &mut |_, _| {})
}

/// [`build`] over a given base dictionary, calling `progress(articles segmented, articles)`
/// after each article (segmentation is most of a build's time).
pub fn build_with(
    issues: &[Issue],
    config: &BuildConfig,
    dictionary: &Dictionary,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<BuiltIndex, IndexError> {
    let total_articles: usize = issues.iter().map(|i| i.articles.len()).sum();
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
    let segmenter = Segmenter::with_dictionary(dictionary, &userdict, extra.iter().map(String::as_str));

    // Hash maps while accumulating (each key gets one push per doc, in doc order); keys are
    // sorted before anything is written, so the output does not depend on hash order.
    let mut words: HashMap<String, Postings> = HashMap::new();
    let mut chars: HashMap<char, Postings> = HashMap::new();
    let mut bigrams = BigramCounts::default();
    let mut metas: Vec<DocMeta> = Vec::new();
    let mut articles: Vec<&Article> = Vec::new();
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
            bigrams.count(&norm);
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
            progress(metas.len() + 1, total_articles);
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
                keywords: Vec::new(),
            });
            articles.push(a);
        }
    }
    stats.articles = metas.len();
    stats.terms = words.len();

    let mut pieces: Vec<(PieceEntry, Vec<u8>)> = Vec::new();
    let cut = super::piece_target(stats.chars);
    let avg_chars = postings::avg_chars(stats.chars, metas.len());

    // Word tier: the term dictionary in pieces, then the postings pieces.
    let mut words: Vec<(String, Postings)> = words.into_iter().collect();
    words.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let word_keys: Vec<String> = words.iter().map(|(k, _)| k.clone()).collect();
    let (word_infos, word_bodies) = postings::encode(words.iter().map(|(_, p)| p), cut, false, metas.len() as u32, avg_chars, |d| {
        [metas[d as usize].title_tokens, u32::MAX, u32::MAX, u32::MAX, u32::MAX, u32::MAX]
    });
    for (from, to, body) in termdict::write(&word_keys, &word_infos, PieceKind::Vocab, super::DICT_PIECE_BYTES)? {
        pieces.push(entry(PieceKind::Vocab, body, from, to, &word_keys));
    }
    for (from, to, body) in word_bodies {
        pieces.push(entry(PieceKind::WordPostings, body, from, to, &[]));
    }
    // The pinyin table of the words, for the search box.
    let spelled: Vec<(&str, u64)> = word_keys.iter().zip(&word_infos).map(|(k, i)| (k.as_str(), i.coll_freq)).collect();
    let pinyin_entries = super::pinyin::entries(&spelled);
    let pinyin_keys: Vec<String> = pinyin_entries.iter().map(|(k, _)| String::from_utf8_lossy(k).into_owned()).collect();
    for (from, to, body) in super::pinyin::write(&pinyin_entries, super::DICT_PIECE_BYTES)? {
        pieces.push(entry(PieceKind::Pinyin, body, from, to, &pinyin_keys));
    }

    // Character tier: single characters, then bigrams.
    let mut chars: Vec<(char, Postings)> = chars.into_iter().collect();
    chars.sort_unstable_by_key(|(c, _)| *c);
    let char_keys: Vec<String> = chars.iter().map(|(c, _)| c.to_string()).collect();
    let region_ends: Vec<postings::RegionEnds> = metas
        .iter()
        .zip(&articles)
        .map(|(m, a)| super::region_ends(a, m.title_chars, m.body_chars))
        .collect();
    let char_ends = |d: u32| region_ends[d as usize];
    let (char_infos, char_bodies) = postings::encode(chars.iter().map(|(_, p)| p), cut, true, metas.len() as u32, avg_chars, char_ends);
    drop(chars);
    // What reading a char's list costs a query: its postings piece, as sealed.
    let char_piece: HashMap<char, (u32, u64)> = char_keys
        .iter()
        .zip(&char_infos)
        .filter_map(|(k, info)| {
            let body = &char_bodies.get(info.piece as usize)?.2;
            Some((k.chars().next()?, (info.piece, (super::HEADER_LEN + body.len()) as u64)))
        })
        .collect();
    let fallback = super::bigram_fallback_bytes(cut);
    let listed = |a: char, b: char, count: u32| -> bool {
        if count < super::BIGRAM_MIN_COUNT {
            return false;
        }
        if count >= super::BIGRAM_LISTED_COUNT {
            return true;
        }
        let (Some(&(pa, ca)), Some(&(pb, cb))) = (char_piece.get(&a), char_piece.get(&b)) else { return true };
        (if pa == pb { ca } else { ca + cb }) > fallback
    };
    let (bigram_keys, bigram_infos, bigram_bodies) = bigrams.encode(articles.iter().map(|a| normalize(&search_text(a).0)), cut, metas.len() as u32, avg_chars, char_ends, listed);
    for (from, to, body) in termdict::write(&char_keys, &char_infos, PieceKind::CharDict, super::DICT_PIECE_BYTES)? {
        pieces.push(entry(PieceKind::CharDict, body, from, to, &char_keys));
    }
    for (from, to, body) in char_bodies {
        pieces.push(entry(PieceKind::CharPostings, body, from, to, &[]));
    }
    for (from, to, body) in termdict::write(&bigram_keys, &bigram_infos, PieceKind::BigramDict, super::DICT_PIECE_BYTES)? {
        pieces.push(entry(PieceKind::BigramDict, body, from, to, &bigram_keys));
    }
    for (from, to, body) in bigram_bodies {
        pieces.push(entry(PieceKind::BigramPostings, body, from, to, &[]));
    }

    // Documents: lengths, then metadata with paragraphs in groups.
    let doc_norms: Vec<DocNorms> = metas
        .iter()
        .map(|m| DocNorms { tokens: m.tokens })
        .collect();
    for (from, to, body) in norms::write_norms(&doc_norms, cut) {
        pieces.push(entry(PieceKind::Norms, body, from, to, &[]));
    }
    let layout: Vec<DocLayout> = metas
        .iter()
        .zip(&region_ends)
        .map(|(m, ends)| {
            let (authors_start, units_start) = (ends[3], ends[5]);
            DocLayout { title_chars: m.title_chars, body_chars: m.body_chars, authors_start, units_start, kind: m.kind }
        })
        .collect();
    for (from, to, body) in norms::write_layout(&layout, cut) {
        pieces.push(entry(PieceKind::Layout, body, from, to, &[]));
    }
    let mut ids: Vec<(&str, u32)> = metas.iter().enumerate().map(|(d, m)| (m.id.as_str(), d as u32)).collect();
    ids.sort_unstable();
    if let Some(w) = ids.windows(2).find(|w| w[0].0 == w[1].0) {
        return Err(IndexError::Config { file: "corpus/clean".into(), detail: format!("article id {} appears twice", w[0].0) });
    }
    let id_keys: Vec<String> = ids.iter().map(|(id, _)| id.to_string()).collect();
    for (from, to, body) in super::ids::write(&ids, cut)? {
        pieces.push(entry(PieceKind::Ids, body, from, to, &id_keys));
    }
    set_keywords(&mut metas, &words, &stopwords);
    let paragraphs: Vec<&[String]> = articles.iter().map(|a| a.paragraphs.as_slice()).collect();
    let (doc_groups, group_bodies) = docs::write(&metas, &paragraphs);

    // Precomputed tables: the whole corpus, each kind, each unit.
    for table in group_tables(&words, &metas) {
        let body = tables::write(&table);
        let mut e = entry(PieceKind::Table, body, 0, 0, &[]);
        e.0.first = table.group;
        pieces.push(e);
    }

    // Manifest.
    let mut issue_infos = Vec::with_capacity(issues.len());
    let mut first_doc = 0u32;
    for (n, issue) in issues.iter().enumerate() {
        let docs = issue.articles.len() as u32;
        let tokens = metas[first_doc as usize..(first_doc + docs) as usize].iter().map(|m| u64::from(m.tokens)).sum();
        issue_infos.push(IssueInfo {
            stem: issue_stem(issue, n),
            source: issue.source.clone(),
            publication: issue.publication.clone(),
            date: issue.date.clone(),
            first_doc,
            docs,
            tokens,
        });
        first_doc += docs;
    }
    let group_names: Vec<String> = (0..doc_groups.groups).map(|n| doc_groups.file_name(n)).collect();
    let manifest = Manifest {
        stats,
        stopwords,
        themes,
        issues: issue_infos,
        pieces: name_pieces(&mut pieces),
        doc_groups,
    };
    let groups = group_names.into_iter().zip(group_bodies).map(|(name, body)| (name, seal(PieceKind::Docs, &body)));
    Ok(BuiltIndex {
        manifest: seal(PieceKind::Manifest, &manifest.write()),
        pieces: pieces.into_iter().map(|(e, b)| (e.name, b)).chain(groups).collect(),
    })
}

/// Each article's [`super::KEYWORDS_PER_ARTICLE`] most distinctive words: TF-IDF over the
/// word lists (`tf / tokens · ln(articles / df)`), words of two or more chars that are not
/// stopwords, most distinctive first, ties in word (byte) order.
fn set_keywords(metas: &mut [DocMeta], words: &[(String, Postings)], stopwords: &[String]) {
    let n = metas.len() as f64;
    // Per document, its best (score, word) so far, best first.
    let mut best: Vec<Vec<(f64, usize)>> = vec![Vec::new(); metas.len()];
    for (w, (word, list)) in words.iter().enumerate() {
        if word.chars().nth(1).is_none() || stopwords.binary_search(word).is_ok() {
            continue;
        }
        let idf = (n / list.docs.len() as f64).ln();
        let mut start = 0usize;
        for (&doc, &end) in list.docs.iter().zip(&list.ends) {
            let tf = (end - start) as f64;
            start = end;
            let len = f64::from(metas[doc as usize].tokens.max(1));
            let score = tf / len * idf;
            let top = &mut best[doc as usize];
            // Words come in byte order: a later word with an equal score stays behind.
            let at = top.partition_point(|&(s, _)| s >= score);
            if at < super::KEYWORDS_PER_ARTICLE {
                top.insert(at, (score, w));
                top.truncate(super::KEYWORDS_PER_ARTICLE);
            }
        }
    }
    for (m, top) in metas.iter_mut().zip(best) {
        m.keywords = top.into_iter().filter(|&(s, _)| s > 0.0).map(|(_, w)| words[w].0.clone()).collect();
    }
}

/// The stem of an issue's cleaned file (`corpus/raw/000_x.txt` → `000_x`): the first part of
/// its article ids. Falls back to the issue's number when the source names no file.
fn issue_stem(issue: &Issue, n: usize) -> String {
    std::path::Path::new(&issue.source)
        .file_stem()
        .and_then(|s| s.to_str())
        .filter(|s| !s.is_empty())
        .map_or_else(|| format!("{n:03}"), str::to_string)
}

/// The precomputed frequency tables: `all`, then `kind:<kind>` for each kind present, then
/// `unit:<unit>` for each unit, in that order (units sorted).
fn group_tables(words: &[(String, Postings)], metas: &[DocMeta]) -> Vec<GroupTable> {
    let mut groups: Vec<String> = vec![tables::ALL.to_string()];
    let mut kinds: Vec<&str> = metas.iter().map(|m| m.kind.as_str()).collect();
    kinds.sort();
    kinds.dedup();
    groups.extend(kinds.iter().map(|k| format!("kind:{k}")));
    let mut units: Vec<&String> = metas.iter().flat_map(|m| &m.units).collect();
    units.sort();
    units.dedup();
    groups.extend(units.iter().map(|u| format!("unit:{u}")));
    let index: HashMap<&str, usize> = groups.iter().enumerate().map(|(i, g)| (g.as_str(), i)).collect();
    // The groups of each document.
    let doc_groups: Vec<Vec<usize>> = metas
        .iter()
        .map(|m| {
            let mut g = vec![0, index[format!("kind:{}", m.kind.as_str()).as_str()]];
            let mut u: Vec<usize> = m.units.iter().map(|u| index[format!("unit:{u}").as_str()]).collect();
            u.sort_unstable();
            u.dedup();
            g.extend(u);
            g
        })
        .collect();
    let mut rows: Vec<Vec<TableRow>> = vec![Vec::new(); groups.len()];
    let mut counts: Vec<(u64, u32)> = vec![(0, 0); groups.len()];
    for (term, list) in words {
        counts.iter_mut().for_each(|c| *c = (0, 0));
        let mut start = 0;
        for (&doc, &end) in list.docs.iter().zip(&list.ends) {
            for &g in &doc_groups[doc as usize] {
                counts[g].0 += (end - start) as u64;
                counts[g].1 += 1;
            }
            start = end;
        }
        for (g, &(count, articles)) in counts.iter().enumerate() {
            if count > 0 {
                rows[g].push(TableRow { term: term.clone(), count, articles });
            }
        }
    }
    groups
        .into_iter()
        .zip(rows)
        .enumerate()
        .map(|(g, (group, mut rows))| {
            let members: Vec<&DocMeta> = metas.iter().zip(&doc_groups).filter(|(_, gs)| gs.contains(&g)).map(|(m, _)| m).collect();
            rows.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.term.cmp(&b.term)));
            let truncated = rows.len() > FREQ_TABLE_ROWS;
            rows.truncate(FREQ_TABLE_ROWS);
            GroupTable {
                group,
                articles: members.len() as u32,
                tokens: members.iter().map(|m| u64::from(m.tokens)).sum(),
                facets: facets_of(members.into_iter()),
                rows,
                truncated,
            }
        })
        .collect()
}

/// Seals a body and describes it for the manifest: a dictionary piece's first key is
/// `keys[from]` (other kinds pass no keys). The name is given by [`name_pieces`].
fn entry(kind: PieceKind, body: Vec<u8>, from: u32, to: u32, keys: &[String]) -> (PieceEntry, Vec<u8>) {
    let crc = super::bytes::crc32(&body);
    let sealed = seal(kind, &body);
    let first = if kind.is_dictionary() { keys.get(from as usize).cloned().unwrap_or_default() } else { String::new() };
    (PieceEntry { kind, name: String::new(), len: sealed.len() as u64, crc, from, to, first }, sealed)
}

/// Names every piece as the manifest will derive it ([`PieceEntry::file_name`]: kind, place
/// among its kind, CRC) and returns the entries in order.
fn name_pieces(pieces: &mut [(PieceEntry, Vec<u8>)]) -> Vec<PieceEntry> {
    let mut seq: HashMap<PieceKind, usize> = HashMap::new();
    for (e, _) in pieces.iter_mut() {
        let n = seq.entry(e.kind).or_default();
        e.name = PieceEntry::file_name(e.kind, *n, e.crc);
        *n += 1;
    }
    pieces.iter().map(|(e, _)| e.clone()).collect()
}

/// The bigram tier at build time, in two passes so that memory stays a few bytes per
/// occurrence on a large archive (no list object per bigram): [`BigramCounts::count`] sees
/// every document once to number the bigrams and count them; [`BigramCounts::encode`] sees
/// the same texts again, places each occurrence straight into its slot of one flat array in
/// bigram order, and writes the posting lists from it.
#[derive(Default)]
struct BigramCounts {
    /// Bigram (two chars packed as `a << 21 | b`) → its number in order of first sight.
    ids: HashMap<u64, u32>,
    counts: Vec<u32>,
}

impl BigramCounts {
    /// The bigrams of a normalised search text: adjacent chars, none of them a line break.
    fn each(norm: &str, mut f: impl FnMut(u64, u32)) {
        let mut prev: Option<char> = None;
        for (pos, c) in norm.chars().enumerate() {
            if let Some(p) = prev {
                if c != '\n' {
                    f((u64::from(p as u32) << 21) | u64::from(c as u32), pos as u32 - 1);
                }
            }
            prev = (c != '\n').then_some(c);
        }
    }

    fn count(&mut self, norm: &str) {
        let BigramCounts { ids, counts } = self;
        Self::each(norm, |key, _| {
            let next = counts.len() as u32;
            let id = *ids.entry(key).or_insert(next);
            if id == next {
                counts.push(0);
            }
            counts[id as usize] += 1;
        });
    }

    /// Keys (two-char strings in byte order), infos and postings bodies. `texts` must be the
    /// normalised search texts given to [`BigramCounts::count`], in the same order.
    fn encode(
        self,
        texts: impl Iterator<Item = String>,
        cut: usize,
        n_docs: u32,
        avg_chars: u32,
        ends: impl Fn(u32) -> postings::RegionEnds,
        listed: impl Fn(char, char, u32) -> bool,
    ) -> (Vec<String>, Vec<super::TermInfo>, Vec<(u32, u32, Vec<u8>)>) {
        let BigramCounts { ids, counts } = self;
        // Packed keys sort like their UTF-8 strings: UTF-8 keeps code point order and no
        // char's encoding is a prefix of another's.
        let mut keys: Vec<(u64, u32)> = ids.into_iter().filter(|&(k, id)| listed(first_of(k), second_of(k), counts[id as usize])).collect();
        keys.sort_unstable();
        let mut slot_of = vec![0u64; counts.len()];
        let mut next = 0u64;
        for &(_, id) in &keys {
            slot_of[id as usize] = next;
            next += u64::from(counts[id as usize]);
        }
        let starts: Vec<u64> = keys.iter().map(|&(_, id)| slot_of[id as usize]).collect();
        // Second pass: documents come in order and positions ascend, so each bigram's slots
        // fill in (doc, position) order.
        let mut occ: Vec<(u32, u32)> = vec![(0, 0); next as usize];
        let mut ids: HashMap<u64, u32> = keys.iter().map(|&(k, id)| (k, id)).collect();
        for (doc, norm) in texts.enumerate() {
            Self::each(&norm, |key, pos| {
                if let Some(id) = ids.get(&key) {
                    let s = &mut slot_of[*id as usize];
                    occ[*s as usize] = (doc as u32, pos);
                    *s += 1;
                }
            });
        }
        ids.clear();
        let mut enc = Encoder::new(cut, true, n_docs, avg_chars);
        let mut positions: Vec<u32> = Vec::new();
        for (i, &(_, id)) in keys.iter().enumerate() {
            let start = starts[i] as usize;
            let list = &occ[start..start + counts[id as usize] as usize];
            enc.start_list();
            let mut j = 0;
            while j < list.len() {
                let doc = list[j].0;
                positions.clear();
                while j < list.len() && list[j].0 == doc {
                    positions.push(list[j].1);
                    j += 1;
                }
                enc.push_doc(doc, &positions, &ends(doc));
            }
            enc.end_list();
        }
        let strings = keys.iter().map(|&(k, _)| format!("{}{}", first_of(k), second_of(k))).collect();
        let (infos, bodies) = enc.finish();
        (strings, infos, bodies)
    }
}

/// The chars of a packed bigram key ([`BigramCounts`]).
fn first_of(key: u64) -> char {
    char::from_u32((key >> 21) as u32).unwrap_or('\u{fffd}')
}
fn second_of(key: u64) -> char {
    char::from_u32((key & 0x1f_ffff) as u32).unwrap_or('\u{fffd}')
}
