//! Matching and ranking: a [`ParsedQuery`] against an [`Index`].
//!
//! Takes an index and a query; returns ranked hits. Recall comes from the character tier
//! (position intersection: exact substrings), ranking from the word tier (BM25 over the most
//! probable segmentation of each term by the index's own vocabulary, when that cuts it into
//! words of two or more chars: see [`word_matches`]). Title matches weigh more and field
//! filters hold from the regions the lists record. Deterministic: ties are broken by reading
//! order; all maps are ordered.

use super::parse::{parse, Atom, Field, Filter};
use super::snippet::make_snippet;
use super::{Bm25Params, FieldMatch, Hit, QueryError, SearchOptions, SearchResults, Suggestion};
use serde::{Deserialize, Serialize};
use crate::index::postings::{Region, RegionCounts};
use crate::index::{Index, IndexError, PostingList, Tier};
use crate::text::{is_punct, normalize, segment_by_vocab};
use std::collections::{BTreeMap, BTreeSet};

/// Matches of one atom in one document.
#[derive(Debug, Clone, Default)]
pub(crate) struct AtomDocMatch {
    /// Char offsets (into the search text) where the atom starts.
    pub char_starts: Starts,
    /// Word positions where the atom starts as a sequence of indexed words (empty: substring only).
    pub word_starts: Starts,
}

/// All matches of one atom.
#[derive(Debug, Default)]
pub(crate) struct AtomMatches {
    pub docs: BTreeMap<u32, AtomDocMatch>,
    /// Sum of the idf of the atom's words (word matches) and the idf of the substring.
    pub word_idf: f64,
    pub char_idf: f64,
}

/// Where an atom starts in one document: char offsets (char tier; none for word matches, whose
/// lists hold no positions), ascending, and how many starts lie in each region of the search
/// text.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Starts {
    pub at: Vec<u32>,
    pub regions: RegionCounts,
}

impl Starts {
    pub fn in_region(&self, r: Region) -> usize {
        self.regions[r as usize] as usize
    }
    /// How many starts, in all regions (word matches count without positions).
    pub fn count(&self) -> usize {
        self.regions.iter().map(|&n| n as usize).sum()
    }
}

/// Positions where every list has `start + rel`, per document; a start lies in the region
/// its position in the anchor list lies in (the lists say which, and a match never spans the
/// line break between two regions). `lists` must not be empty.
pub(crate) fn intersect(lists: &[(&PostingList, u32)]) -> BTreeMap<u32, Starts> {
    let mut out = BTreeMap::new();
    let Some((anchor_i, _)) = lists
        .iter()
        .enumerate()
        .min_by_key(|(_, (l, _))| l.positions.len())
    else {
        return out;
    };
    let (anchor, arel) = lists[anchor_i];
    'docs: for (i, &doc) in anchor.docs.iter().enumerate() {
        let mut others: Vec<(&[u32], u32)> = Vec::with_capacity(lists.len());
        for (l, rel) in lists {
            let ps = l.positions_of(doc);
            if ps.is_empty() {
                continue 'docs;
            }
            others.push((ps, *rel));
        }
        let counts = anchor.regions_at(i);
        // The region of the anchor's k-th occurrence: regions follow each other in order.
        let mut region = 0usize;
        let mut region_end = counts[0] as usize;
        let mut starts = Starts::default();
        for (k, &p) in anchor.positions_at(i).iter().enumerate() {
            while k >= region_end && region + 1 < counts.len() {
                region += 1;
                region_end += counts[region] as usize;
            }
            let Some(start) = p.checked_sub(arel) else {
                continue;
            };
            if others.iter().all(|(ps, rel)| {
                start
                    .checked_add(*rel)
                    .is_some_and(|q| ps.binary_search(&q).is_ok())
            }) {
                starts.at.push(start);
                starts.regions[region] += 1;
            }
        }
        if !starts.at.is_empty() {
            out.insert(doc, starts);
        }
    }
    out
}

fn idf(n: usize, df: usize) -> f64 {
    let n = n as f64;
    let df = df as f64;
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// The keys of the character tier that pin down every occurrence of a string of `n` chars, with
/// their offsets in it: the char itself when `n` is 1, otherwise bigrams at offsets 0, 2, 4, …
/// and one ending at the last char (so every char is covered by a bigram whose position is
/// exact). A 6-char phrase reads 3 bigram lists instead of 6 char lists, each far shorter
/// than a single character's on a large archive.
pub(crate) fn tier_keys(chars: &[char]) -> Vec<(Tier, String, u32)> {
    let n = chars.len();
    if n == 1 {
        return vec![(Tier::Char, chars[0].to_string(), 0)];
    }
    let mut offsets: Vec<usize> = (0..n.saturating_sub(1)).step_by(2).collect();
    if n >= 2 && offsets.last() != Some(&(n - 2)) {
        offsets.push(n - 2);
    }
    offsets.into_iter().map(|o| (Tier::Bigram, chars[o..o + 2].iter().collect(), o as u32)).collect()
}

/// Exact substring matches of `text` through the character tier (chars and bigrams).
///
/// A bigram the index does not hold is rare, or joins two chars whose lists are cheap to read
/// (see [`crate::index::BIGRAM_MIN_COUNT`]), or does not occur: its chars' lists answer
/// instead, those that no listed bigram of the phrase covers. While a bigram's dictionary
/// piece is not loaded the answer is empty and the piece is recorded, so a page fetches the
/// char lists only when they are needed.
pub(crate) fn char_matches(
    index: &Index,
    text: &str,
    cache: &mut BTreeMap<String, Option<PostingList>>,
) -> Result<BTreeMap<u32, Vec<u32>>, IndexError> {
    Ok(char_starts(index, text, cache)?.into_iter().map(|(doc, s)| (doc, s.at)).collect())
}

/// [`char_matches`] with how many of each document's matches lie in its title.
pub(crate) fn char_starts(
    index: &Index,
    text: &str,
    cache: &mut BTreeMap<String, Option<PostingList>>,
) -> Result<BTreeMap<u32, Starts>, IndexError> {
    let chars: Vec<char> = text.chars().collect();
    // Line breaks separate the parts of a search text: nothing matches across one.
    if chars.is_empty() || chars.contains(&'\n') {
        return Ok(BTreeMap::new());
    }
    let mut keys: Vec<(Tier, String, u32)> = Vec::new();
    let mut missing: Vec<u32> = Vec::new();
    let mut pending = false;
    for (tier, key, rel) in tier_keys(&chars) {
        if tier == Tier::Bigram {
            match index.find(Tier::Bigram, &key) {
                Ok(Some(_)) => keys.push((tier, key, rel)),
                Ok(None) => missing.push(rel),
                Err(IndexError::NotLoaded { .. }) => pending = true,
                Err(e) => return Err(e),
            }
        } else {
            keys.push((tier, key, rel));
        }
    }
    // A bigram without a list: its chars' lists answer for it, each char unless a listed
    // bigram of the phrase already pins it down (低头思故乡 without 思故 reads 思 alone: 故乡
    // pins 故).
    if !pending {
        let pinned = |at: u32, keys: &[(Tier, String, u32)]| keys.iter().any(|(t, _, rel)| *t == Tier::Bigram && (*rel == at || *rel + 1 == at));
        for rel in missing {
            for at in [rel, rel + 1] {
                if !pinned(at, &keys) && !keys.iter().any(|(t, _, r)| *t == Tier::Char && *r == at) {
                    keys.push((Tier::Char, chars[at as usize].to_string(), at));
                }
            }
        }
    }
    for (tier, key, _) in &keys {
        if !cache.contains_key(key) {
            let l = index.key_postings(*tier, key)?;
            cache.insert(key.clone(), l);
        }
    }
    if pending {
        return Ok(BTreeMap::new());
    }
    let mut lists = Vec::with_capacity(keys.len());
    for (_, key, rel) in &keys {
        match cache.get(key) {
            Some(Some(l)) => lists.push((l, *rel)),
            _ => return Ok(BTreeMap::new()),
        }
    }
    Ok(intersect(&lists))
}

/// Word-tier matches of `text`: the documents holding every word of its most probable
/// segmentation over the vocabulary, with the sum of its words' idf. None when some part is
/// not an indexed word, or is a single character. Each document's counts (per region) are the
/// least of its words' counts: word lists hold no positions (see [`crate::index::postings`]),
/// and the substring match this must go with already says the words lie together.
///
/// Why not single characters: a word match ranks a document above the ones that hold the
/// string only inside other words (氧化铝 the word, not 精细氧化铝事业部). A one-character word
/// says little of that, and on an archive its list is among the longest there are: on
/// chinese-poetry, where the segmenter cuts most text into single characters, 春風 as 春·風
/// read 270 KB of word lists for a ranking signal the bigram 春風 (20 KB) already carries.
fn word_matches(index: &Index, text: &str) -> Result<Option<(BTreeMap<u32, Starts>, f64)>, IndexError> {
    // One character (punctuation aside) cuts into no word of two: the answer is None without
    // reading the vocabulary, so a page need not fetch a vocabulary piece for 窑 or 月.
    if text.chars().filter(|&c| !is_punct(c)).nth(1).is_none() {
        return Ok(None);
    }
    let total = index.stats().tokens;
    let segs = segment_by_vocab(text, total, |w| index.term(w).map(|(_, i)| i.coll_freq));
    let mut parts: Vec<u32> = Vec::new();
    for s in &segs {
        if s.known && s.text.chars().nth(1).is_none() {
            return Ok(None);
        } else if s.known {
            if let Some((ord, _)) = index.term(&s.text) {
                parts.push(ord);
            }
        } else if !s.text.chars().all(is_punct) {
            return Ok(None);
        }
    }
    if parts.is_empty() {
        return Ok(None);
    }
    let n = index.article_count();
    let mut idf_sum = 0.0;
    let mut docs: Option<BTreeMap<u32, Starts>> = None;
    for ord in &parts {
        let doc_freq = index.term_info(*ord).map_or(0, |info| info.doc_freq);
        idf_sum += idf(n, doc_freq as usize);
        let list = index.term_postings(*ord)?;
        let mut here = BTreeMap::new();
        for (i, &doc) in list.docs.iter().enumerate() {
            let counts = list.regions_at(i);
            let regions = match docs.as_ref().map(|d| d.get(&doc)) {
                None => counts,
                Some(None) => continue,
                Some(Some(prev)) => std::array::from_fn(|r| prev.regions[r].min(counts[r])),
            };
            here.insert(doc, Starts { at: Vec::new(), regions });
        }
        docs = Some(here);
    }
    Ok(docs.map(|d| (d, idf_sum)))
}

pub(crate) fn match_atom(
    index: &Index,
    atom: &Atom,
    cache: &mut BTreeMap<String, Option<PostingList>>,
) -> Result<AtomMatches, IndexError> {
    let chars = char_starts(index, &atom.text, cache)?;
    let mut m = AtomMatches {
        char_idf: idf(index.article_count(), chars.len()),
        ..AtomMatches::default()
    };
    if chars.is_empty() {
        return Ok(m);
    }
    let words = word_matches(index, &atom.text)?;
    if let Some((w, idf_sum)) = &words {
        m.word_idf = *idf_sum;
        // A word match must also be a substring match; anything else would be a segmenter artefact.
        for (doc, starts) in w {
            if chars.contains_key(doc) {
                m.docs.entry(*doc).or_default().word_starts = starts.clone();
            }
        }
    }
    for (doc, starts) in chars {
        m.docs.entry(doc).or_default().char_starts = starts;
    }
    Ok(m)
}

/// Documents whose `field` holds `value` (normalised): its occurrences through the character
/// tier, kept where they lie inside that field of the search text. The lists say which region
/// each occurrence lies in, so a filter on an archive costs the value's postings and nothing
/// else (`author:李白` on chinese-poetry: 27 KB, where reading each match's layout cost 440).
fn field_docs(
    index: &Index,
    field: Field,
    value: &str,
    cache: &mut BTreeMap<String, Option<PostingList>>,
) -> Result<BTreeSet<u32>, IndexError> {
    let docs = char_starts(index, value, cache)?
        .into_iter()
        .filter(|(_, starts)| match field {
            Field::Title => starts.in_region(Region::Title) > 0,
            Field::Author => starts.in_region(Region::Authors) > 0,
            Field::Photographer => starts.in_region(Region::Photographers) > 0,
            Field::Unit => starts.in_region(Region::Units) > 0,
            Field::Kind => false,
        })
        .map(|(doc, _)| doc);
    Ok(set_of(docs))
}

/// A set of documents, inserted one by one: `collect()` into a set sorts a buffer first, one
/// more copy of the standard sort in the web build (see [`crate::order`]).
fn set_of(docs: impl Iterator<Item = u32>) -> BTreeSet<u32> {
    let mut set = BTreeSet::new();
    set.extend(docs);
    set
}

/// Facets count every match when there are at most this many; beyond, only the page's hits
/// (each article counted reads its metadata).
pub const FACET_DOCS: usize = 50;

/// Runs a query with the default [`Bm25Params`].
pub fn search(
    index: &Index,
    query: &str,
    opts: &SearchOptions,
) -> Result<SearchResults, QueryError> {
    search_with(index, query, opts, &Bm25Params::default())
}

/// Runs a query with explicit ranking parameters (clamped).
pub fn search_with(
    index: &Index,
    query: &str,
    opts: &SearchOptions,
    params: &Bm25Params,
) -> Result<SearchResults, QueryError> {
    let q = parse(query)?;
    let p = params.clamped();
    let mut cache = BTreeMap::new();
    let positives = q.positive_atoms();
    let mut atom_matches: BTreeMap<String, AtomMatches> = BTreeMap::new();
    for a in &positives {
        let m = match_atom(index, a, &mut cache)?;
        atom_matches.insert(a.text.clone(), m);
    }
    let mut excluded: BTreeSet<u32> = BTreeSet::new();
    for a in &q.excludes {
        excluded.extend(char_matches(index, &a.text, &mut cache)?.into_keys());
    }
    let missing: Vec<String> = positives
        .iter()
        .filter(|a| atom_matches[&a.text].docs.is_empty())
        .map(|a| a.text.clone())
        .collect();

    // Candidates: every group matches, no exclusion, every filter holds.
    // Field filters through the character tier and the norms, never the metadata.
    let mut narrowed: Option<BTreeSet<u32>> = None;
    let mut filtered_out: BTreeSet<u32> = BTreeSet::new();
    for f in q.filters.iter().filter(|f| f.field != Field::Kind) {
        let docs = field_docs(index, f.field, &f.value, &mut cache)?;
        if f.negated {
            filtered_out.extend(docs);
        } else {
            narrowed = Some(match narrowed {
                None => docs,
                Some(prev) => set_of(prev.intersection(&docs).copied()),
            });
        }
    }
    let kinds: Vec<(&str, bool)> = q.filters.iter().filter(|f| f.field == Field::Kind).map(|f| (f.value.as_str(), f.negated)).collect();
    let kind_ok = |doc: u32| {
        kinds.is_empty()
            || index.layout(doc).is_some_and(|n| kinds.iter().all(|(k, negated)| (n.kind.as_str() == *k) != *negated))
    };
    let candidates: Vec<u32> = if q.groups.is_empty() {
        match &narrowed {
            Some(docs) => docs.iter().copied().collect(),
            None => (0..index.article_count() as u32).collect(),
        }
    } else {
        let mut set: Option<BTreeSet<u32>> = None;
        for g in &q.groups {
            let docs = set_of(g.iter().flat_map(|a| atom_matches[&a.text].docs.keys().copied()));
            set = Some(match set {
                None => docs,
                Some(s) => set_of(s.intersection(&docs).copied()),
            });
        }
        set.unwrap_or_default().into_iter().collect()
    };
    let candidates: Vec<u32> = candidates
        .into_iter()
        .filter(|d| {
            narrowed.as_ref().is_none_or(|n| n.contains(d)) && !excluded.contains(d) && !filtered_out.contains(d) && kind_ok(*d)
        })
        .collect();

    // Score.
    let avgdl = index.avg_doc_len();
    let mut scored: Vec<(bool, f64, u32)> = Vec::with_capacity(candidates.len());
    for &doc in &candidates {
        let Some(norms) = index.norms(doc) else {
            continue;
        };
        let dl = f64::from(norms.tokens.max(1));
        let norm = f64::from(p.k1) * (1.0 - f64::from(p.b) + f64::from(p.b) * dl / avgdl);
        let bm25 = |tf: f64, idf: f64| idf * tf * (f64::from(p.k1) + 1.0) / (tf + norm);
        let boost = f64::from(p.title_boost);
        let mut all_words = !q.groups.is_empty();
        let mut score = 0.0;
        for g in &q.groups {
            let mut best_word: Option<f64> = None;
            let mut best_sub: f64 = 0.0;
            for a in g {
                let am = &atom_matches[&a.text];
                let Some(dm) = am.docs.get(&doc) else {
                    continue;
                };
                // Occurrences in the title count `boost` times.
                let tf = |s: &Starts| {
                    let title = s.in_region(Region::Title);
                    title as f64 * boost + (s.count() - title) as f64
                };
                if dm.word_starts.count() > 0 {
                    let tf = tf(&dm.word_starts);
                    let s = bm25(tf, am.word_idf);
                    best_word = Some(best_word.map_or(s, |b: f64| b.max(s)));
                } else {
                    let tf = tf(&dm.char_starts);
                    best_sub = best_sub.max(bm25(tf, am.char_idf));
                }
            }
            match best_word {
                Some(s) => score += s,
                None => {
                    all_words = false;
                    score += best_sub;
                }
            }
        }
        scored.push((all_words, score, doc));
    }
    // Order by the reported (f32) score, then reading order: tiny float differences between
    // platforms below f32 precision cannot reorder hits.
    let reported = |words: bool, s: f64| -> f32 {
        if q.groups.is_empty() {
            0.0
        } else if words {
            (1.0 + s) as f32
        } else {
            (s / (1.0 + s)) as f32
        }
    };
    let mut scored: Vec<(f32, u32)> = scored
        .into_iter()
        .map(|(w, s, d)| (reported(w, s), d))
        .collect();
    crate::order::sort_by(&mut scored, |a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));

    // Facets read each counted article's metadata: over every match up to FACET_DOCS; beyond
    // (a common word on an archive matches tens of thousands, whose metadata is megabytes) over
    // the page's hits, whose metadata the page reads anyway.
    let counted: Vec<u32> = if scored.len() <= FACET_DOCS {
        scored.iter().map(|&(_, d)| d).collect()
    } else {
        scored.iter().skip(opts.offset).take(opts.limit).map(|&(_, d)| d).collect()
    };
    let facet_docs = counted.len();
    let facets = index.facets_of(counted);
    let mut hits = Vec::new();
    for &(score, doc) in scored.iter().skip(opts.offset).take(opts.limit) {
        let Some(meta) = index.meta(doc) else {
            continue;
        };
        let mut spans: Vec<(usize, usize)> = Vec::new();
        for a in &positives {
            if let Some(dm) = atom_matches[&a.text].docs.get(&doc) {
                let len = a.text.chars().count();
                spans.extend(
                    dm.char_starts
                        .at
                        .iter()
                        .map(|&st| (st as usize, st as usize + len)),
                );
            }
        }
        let text = index.search_text(doc)?.map(|t| t.0).unwrap_or_default();
        let snippet = make_snippet(
            &text,
            meta.title_chars as usize,
            meta.body_chars as usize,
            spans,
            opts.snippet_chars,
        );
        let terms: Vec<&str> = positives.iter().map(|a| a.text.as_str()).collect();
        hits.push(Hit {
            id: meta.id.clone(),
            doc,
            title: meta.title.clone(),
            score,
            snippet,
            authors: meta.authors.clone(),
            units: meta.units.clone(),
            kind: meta.kind,
            matched: field_matches(&meta, &terms, &q.filters),
        });
    }
    Ok(SearchResults {
        query: query.to_string(),
        total: scored.len(),
        hits,
        missing,
        highlight: positives.iter().map(|a| a.text.clone()).collect(),
        facets,
        facet_docs,
    })
}

/// Char spans `[start, end)` in `text` of every positive term and phrase of `query` (merged,
/// sorted). An unparsable query highlights nothing.
pub fn highlight(_index: &Index, query: &str, text: &str) -> Vec<[usize; 2]> {
    let Ok(q) = parse(query) else {
        return Vec::new();
    };
    let atoms = q.positive_atoms();
    spans_of(atoms.iter().map(|a| a.text.as_str()), text)
}

/// Char spans `[start, end)` of every occurrence of the (normalised) `needles` in `text`,
/// merged and sorted.
fn spans_of<'a>(needles: impl Iterator<Item = &'a str>, text: &str) -> Vec<[usize; 2]> {
    let hay: Vec<char> = text.chars().map(crate::text::normalize_char).collect();
    let mut spans = Vec::new();
    for n in needles {
        let needle: Vec<char> = n.chars().collect();
        if needle.is_empty() || needle.len() > hay.len() {
            continue;
        }
        for i in 0..=hay.len() - needle.len() {
            if hay[i..i + needle.len()] == needle[..] {
                spans.push((i, i + needle.len()));
            }
        }
    }
    super::snippet::merge(spans)
        .into_iter()
        .map(|(a, b)| [a, b])
        .collect()
}

/// The bylines, units, column and subtitle of a hit that hold a term of the query or the value
/// of one of its filters: why an article with none of them in its text was found.
fn field_matches(meta: &crate::index::DocMeta, terms: &[&str], filters: &[Filter]) -> Vec<FieldMatch> {
    // Each field with the filter that names it (subtitle and column have none).
    let fields: [(Option<Field>, &str, &[String]); 5] = [
        (None, "subtitle", meta.subtitle.as_slice()),
        (None, "column", meta.column.as_slice()),
        (Some(Field::Author), "author", &meta.authors),
        (Some(Field::Photographer), "photographer", &meta.photographers),
        (Some(Field::Unit), "unit", &meta.units),
    ];
    let mut out = Vec::new();
    for (filter_field, name, texts) in fields {
        let values = filters.iter().filter(|f| !f.negated && Some(f.field) == filter_field);
        let needles: Vec<&str> = terms.iter().copied().chain(values.map(|f| f.value.as_str())).collect();
        for text in texts {
            let highlights = spans_of(needles.iter().copied(), text);
            if !highlights.is_empty() {
                out.push(FieldMatch { field: name.to_string(), text: text.clone(), highlights });
            }
        }
    }
    out
}

/// Prefix completions from the term dictionary, most frequent first (ties by term).
pub fn suggest(index: &Index, prefix: &str, limit: usize) -> Vec<Suggestion> {
    let p = normalize(prefix.trim());
    if p.is_empty() || limit == 0 {
        return Vec::new();
    }
    let mut all: Vec<Suggestion> = index
        .terms_with_prefix(&p, 50_000)
        .into_iter()
        .map(|(term, info)| Suggestion {
            term,
            count: info.coll_freq,
        })
        .collect();
    crate::order::sort_by(&mut all, |a, b| b.count.cmp(&a.count).then_with(|| a.term.cmp(&b.term)));
    all.truncate(limit);
    all
}

/// Indexed words that `typed` spells in pinyin (`ldlc`, `liangdai`, `liang dai liang chuang`:
/// toneless syllables or their initials), most frequent first, at most `limit`; empty when
/// `typed` is not latin letters (see [`crate::index::pinyin::spelling`]). A polyphonic
/// character answers to each of its readings (行: `hang`, `xing`). Reads the pinyin table's
/// pieces for that prefix only.
pub fn pinyin_suggest(index: &Index, typed: &str, limit: usize) -> Result<Vec<Suggestion>, IndexError> {
    let Some(spelling) = crate::index::pinyin::spelling(typed) else {
        return Ok(Vec::new());
    };
    let mut words: BTreeMap<String, u64> = BTreeMap::new();
    for (term, count) in index.words_spelled(&spelling, PINYIN_ENTRIES_READ)? {
        words.insert(term, count);
    }
    let mut out: Vec<Suggestion> = words.into_iter().map(|(term, count)| Suggestion { term, count }).collect();
    crate::order::sort_by(&mut out, |a, b| b.count.cmp(&a.count).then_with(|| a.term.cmp(&b.term)));
    out.truncate(limit);
    Ok(out)
}

/// Most table entries a pinyin prefix reads (a two-letter prefix of a big archive matches
/// thousands; the most frequent among the first ones are enough for a suggestion list).
const PINYIN_ENTRIES_READ: usize = 20_000;

/// Another query to try when one found nothing: the query with a missing term replaced by a
/// close indexed word, or without its missing terms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alternative {
    /// The query to run instead.
    pub query: String,
    /// The missing term and the word put in its place; None: the missing terms left out.
    pub replaces: Option<(String, String)>,
    /// How often the word put in occurs in the corpus (None for a query without terms).
    pub count: Option<u64>,
}

/// Indexed words within one edit (one char added, left out or changed) of `term`, or
/// starting with it, most frequent first; `term` itself is not one of them.
///
/// Reads the vocabulary pieces of words that start like `term` (its first char) and the one
/// holding `term` without its first char: a few pieces on an archive, never the whole
/// vocabulary, so a first char typed wrong is only found when it should not be there at all.
pub fn close_terms(index: &Index, term: &str, limit: usize) -> Vec<Suggestion> {
    let t: Vec<char> = normalize(term.trim()).chars().collect();
    let Some(first) = t.first() else {
        return Vec::new();
    };
    let whole: String = t.iter().collect();
    let mut edits: Vec<Suggestion> = Vec::new();
    let mut longer: Vec<Suggestion> = Vec::new();
    for (cand, info) in index.terms_with_prefix(&first.to_string(), 100_000) {
        if cand == whole {
            continue;
        }
        let c: Vec<char> = cand.chars().collect();
        let s = Suggestion { term: cand, count: info.coll_freq };
        if within_one_edit(&t, &c) {
            edits.push(s);
        } else if c.starts_with(&t) {
            longer.push(s);
        }
    }
    let rest: String = t[1..].iter().collect();
    if !rest.is_empty() {
        if let Some((_, info)) = index.term(&rest) {
            edits.push(Suggestion { term: rest, count: info.coll_freq });
        }
    }
    let by_count = |a: &Suggestion, b: &Suggestion| b.count.cmp(&a.count).then_with(|| a.term.cmp(&b.term));
    crate::order::sort_by(&mut edits, by_count);
    crate::order::sort_by(&mut longer, by_count);
    edits.extend(longer);
    edits.truncate(limit);
    edits
}

/// Whether `b` is `a` with one char added, left out or changed (or `a` itself).
fn within_one_edit(a: &[char], b: &[char]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let same_start = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    if short.len() == long.len() {
        short[same_start.min(short.len())..].iter().skip(1).eq(long[same_start.min(long.len())..].iter().skip(1))
    } else {
        short[same_start..] == long[same_start + 1..]
    }
}

/// What to try when `results` (of `query`) found nothing because some terms are missing: each
/// missing term replaced by up to `per_term` close words ([`close_terms`]), then the query
/// without its missing terms when other terms remain. None while the search is waiting for
/// pieces ([`Index::waiting`]): its terms only look missing then, and looking up close words
/// would fetch vocabulary for a query that has hits.
pub fn alternatives(index: &Index, results: &SearchResults, per_term: usize) -> Vec<Alternative> {
    let mut out = Vec::new();
    if results.total > 0 || results.missing.is_empty() || index.waiting() {
        return out;
    }
    let Ok(q) = parse(&results.query) else {
        return out;
    };
    let missing: BTreeSet<&str> = results.missing.iter().map(String::as_str).collect();
    // The query written back with `swap` applied to each positive term (None drops it).
    let rebuild = |swap: &dyn Fn(&str) -> Option<String>| -> String {
        let mut q2 = q.clone();
        q2.groups = q
            .groups
            .iter()
            .map(|g| g.iter().filter_map(|a| swap(&a.text).map(|text| Atom { text, phrase: a.phrase })).collect::<Vec<_>>())
            .filter(|g| !g.is_empty())
            .collect();
        q2.to_query()
    };
    for m in &results.missing {
        for s in close_terms(index, m, per_term) {
            let query = rebuild(&|t: &str| Some(if t == m { s.term.clone() } else { t.to_string() }));
            out.push(Alternative { query, replaces: Some((m.clone(), s.term.clone())), count: Some(s.count) });
        }
    }
    let without = rebuild(&|t: &str| (!missing.contains(t)).then(|| t.to_string()));
    if q.groups.iter().any(|g| g.iter().any(|a| !missing.contains(a.text.as_str()))) {
        out.push(Alternative { query: without, replaces: None, count: None });
    }
    out
}
