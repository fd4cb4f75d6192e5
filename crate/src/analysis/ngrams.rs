//! N-grams and a slogan finder: recurring word sequences and slogan-shaped strings, offered as
//! candidate themes with their counts.
//!
//! Takes an index and [`NgramOptions`]; reads the documents' texts (every document, or an
//! evenly spaced sample of [`NGRAM_MAX_DOCS`] of a larger corpus, said in `sampled`) and
//! returns [`Ngrams`]:
//! - `ngrams`: sequences of 2 to 5 context tokens ([`super::context`]: the vocabulary's cut,
//!   punctuation not a token) inside one clause (never across punctuation or a line break),
//!   occurring at least `min` times (a space, as in 劲旅讯 2023年, ends a clause too), neither starting nor ending with a stopword; a sequence
//!   inside a longer one with the same count is left out (the longer says it).
//! - `quoted`: strings the paper prints in quotes (“两带两创”: 2 to 10 letters, digits or
//!   ideographs, [`crate::corpus::quoted_slogans`]); `count` is every occurrence in title +
//!   paragraphs, quoted or not.
//! - `patterns`: four ideographs shaped numeral-X-numeral-Y (两带两创 as `两X两Y`, 三X一Y as
//!   `三X一Y`): the numbered slogans of Chinese newspapers.
//! - `sets`: runs of two or more four-character clauses in one sentence, separated by 、 ，
//!   or ； (安全环保、提质增效): the paper's four-character formulas.
//!
//! Counts are occurrences in title + paragraphs of the documents read (non-overlapping for one
//! string), `articles` the documents holding it; rows most frequent first, ties by text.

use super::context::{body_lines, line_tokens};
use super::error::AnalysisError;
use super::unless_pending;
use crate::index::Index;
use crate::text::{is_punct, normalize, normalize_char};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Most documents read; beyond, an evenly spaced sample.
pub const NGRAM_MAX_DOCS: usize = 2000;
/// Numerals of a numbered slogan (两带两创, 三化一提); 百 千 万 are left out: 千方百计 and
/// 千余万元 are idioms and amounts, not slogans.
const NUMERALS: &str = "一二三四五六七八九十两双";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NgramOptions {
    /// Shortest and longest sequence, in tokens (2..=5).
    pub min_n: usize,
    pub max_n: usize,
    /// Least occurrences of an n-gram.
    pub min: u64,
    /// Most rows of each list (0 = all).
    pub limit: usize,
}

impl Default for NgramOptions {
    fn default() -> Self {
        NgramOptions { min_n: 2, max_n: 5, min: 2, limit: 50 }
    }
}

/// One recurring sequence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NgramRow {
    /// The tokens joined.
    pub term: String,
    pub tokens: Vec<String>,
    pub count: u64,
    pub articles: u32,
}

/// One candidate theme from the slogan finder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidate {
    pub term: String,
    /// `quoted`, the numeral pattern (`两X两Y`, `三X一Y`), or `set`.
    pub pattern: String,
    pub count: u64,
    pub articles: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Ngrams {
    /// Documents read.
    pub docs: usize,
    /// Documents in the corpus, when only a sample was read.
    pub sampled_of: Option<usize>,
    pub ngrams: Vec<NgramRow>,
    pub quoted: Vec<Candidate>,
    pub patterns: Vec<Candidate>,
    pub sets: Vec<Candidate>,
}

fn is_ideograph(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// The `两X两Y` / `三X一Y` shape of four chars, if they have it.
fn numeral_pattern(w: &[char]) -> Option<String> {
    let [a, x, b, y] = *w else { return None };
    let num = |c: char| NUMERALS.contains(c);
    (w.iter().all(|&c| is_ideograph(c)) && num(a) && num(b) && !num(x) && !num(y)).then(|| format!("{a}X{b}Y"))
}

/// Occurrences of `needle` in `hay`, non-overlapping.
fn count_in(hay: &[char], needle: &[char]) -> u64 {
    if needle.is_empty() || needle.len() > hay.len() {
        return 0;
    }
    let (mut i, mut n) = (0, 0);
    while i + needle.len() <= hay.len() {
        if &hay[i..i + needle.len()] == needle {
            n += 1;
            i += needle.len();
        } else {
            i += 1;
        }
    }
    n
}

/// Recurring n-grams and slogan candidates (see the module doc).
pub fn ngrams(index: &Index, opts: &NgramOptions) -> Result<Ngrams, AnalysisError> {
    let total = index.article_count();
    let docs: Vec<u32> = if total > NGRAM_MAX_DOCS {
        (0..NGRAM_MAX_DOCS).map(|j| (j * total / NGRAM_MAX_DOCS) as u32).collect()
    } else {
        (0..total as u32).collect()
    };
    ngrams_of_docs(index, opts, docs, true)
}

/// [`ngrams`] over the documents `docs` (in reading order); `sampled_of` gives the corpus size
/// when they are fewer than all.
/// `with_ngrams: false` leaves the n-grams out (the slogan candidates alone read no vocabulary).
pub(crate) fn ngrams_of_docs(index: &Index, opts: &NgramOptions, docs: Vec<u32>, with_ngrams: bool) -> Result<Ngrams, AnalysisError> {
    if opts.min_n < 1 || opts.max_n < opts.min_n || opts.max_n > 5 {
        return Err(AnalysisError::BadOption { option: "n".into(), detail: format!("{}..{} tokens: use 2 to 5", opts.min_n, opts.max_n) });
    }
    let total = index.article_count();
    let stop = index.stopwords();
    let is_stop = |w: &str| stop.binary_search_by(|s| s.as_str().cmp(w)).is_ok();
    // n-gram → (count, last doc counted, articles)
    let mut grams: BTreeMap<Vec<String>, (u64, u32, u32)> = BTreeMap::new();
    let mut quoted: BTreeSet<String> = BTreeSet::new();
    let mut patterns: BTreeMap<String, String> = BTreeMap::new();
    let mut sets: BTreeMap<String, (u64, u32, u32)> = BTreeMap::new();
    let mut bodies: Vec<(u32, Vec<char>)> = Vec::with_capacity(docs.len());
    for &doc in &docs {
        let Some((text, _, body_chars)) = unless_pending(index.search_text(doc))? else { continue };
        let original: String = text.chars().take(body_chars).collect();
        // Quoted numbers (“32”个项目) are no theme: keep quotes holding an ideograph.
        quoted.extend(crate::corpus::quoted_slogans(&original).into_iter().filter(|q| q.chars().any(is_ideograph)).map(normalize));
        let body: Vec<char> = original.chars().map(normalize_char).collect();
        for w in body.windows(4) {
            if let Some(p) = numeral_pattern(w) {
                patterns.insert(w.iter().collect(), p);
            }
        }
        for (_, line) in body_lines(&body) {
            // Clauses: split at punctuation and whitespace.
            // Clauses cut into words need the vocabulary's pieces: only when n-grams are asked for.
            for clause in line.split(|&c| is_punct(c) || c.is_whitespace()).filter(|_| with_ngrams) {
                let toks: Vec<String> = line_tokens(index, clause, &[])?.into_iter().map(|t| t.text).collect();
                for n in opts.min_n.max(2)..=opts.max_n {
                    for w in toks.windows(n) {
                        if is_stop(&w[0]) || is_stop(&w[n - 1]) {
                            continue;
                        }
                        let e = grams.entry(w.to_vec()).or_insert((0, u32::MAX, 0));
                        e.0 += 1;
                        if e.1 != doc {
                            e.1 = doc;
                            e.2 += 1;
                        }
                    }
                }
            }
            // Four-character sets: per sentence, runs of 4-ideograph clauses.
            for sentence in line.split(|&c| matches!(c, '。' | '！' | '？' | '!' | '?' | '：' | ':')) {
                let clauses: Vec<&[char]> = sentence.split(|&c| matches!(c, '、' | '，' | ',' | '；' | ';')).collect();
                let mut run: Vec<String> = Vec::new();
                for c in clauses.iter().chain(std::iter::once(&&[][..])) {
                    if c.len() == 4 && c.iter().all(|&x| is_ideograph(x)) {
                        run.push(c.iter().collect());
                        continue;
                    }
                    if run.len() >= 2 {
                        let e = sets.entry(run.join("、")).or_insert((0, u32::MAX, 0));
                        e.0 += 1;
                        if e.1 != doc {
                            e.1 = doc;
                            e.2 += 1;
                        }
                    }
                    run.clear();
                }
            }
        }
        bodies.push((doc, body));
    }
    // Maximal n-grams: drop one inside a longer one with the same count.
    let mut subsumed: BTreeSet<Vec<String>> = BTreeSet::new();
    for (g, (c, _, _)) in &grams {
        if g.len() > opts.min_n.max(2) && *c >= opts.min {
            for sub in [&g[..g.len() - 1], &g[1..]] {
                if grams.get(sub).is_some_and(|s| s.0 == *c) {
                    subsumed.insert(sub.to_vec());
                }
            }
        }
    }
    let mut ngram_rows: Vec<NgramRow> = grams
        .into_iter()
        .filter(|(g, (c, _, _))| *c >= opts.min && !subsumed.contains(g))
        .map(|(g, (count, _, articles))| NgramRow { term: g.concat(), tokens: g, count, articles })
        .collect();
    crate::order::sort_by(&mut ngram_rows, |a, b| b.count.cmp(&a.count).then(b.tokens.len().cmp(&a.tokens.len())).then_with(|| a.term.cmp(&b.term)));
    // Quoted strings and patterns: count every occurrence in the bodies read.
    let count_all = |s: &str, pattern: String| {
        let needle: Vec<char> = s.chars().collect();
        let (mut count, mut articles) = (0u64, 0u32);
        for (_, body) in &bodies {
            let c = count_in(body, &needle);
            count += c;
            articles += u32::from(c > 0);
        }
        Candidate { term: s.to_string(), pattern, count, articles }
    };
    let mut quoted_rows: Vec<Candidate> = quoted.iter().map(|q| count_all(q, "quoted".into())).collect();
    let mut pattern_rows: Vec<Candidate> = patterns.into_iter().map(|(s, p)| count_all(&s, p)).collect();
    let mut set_rows: Vec<Candidate> = sets.into_iter().map(|(term, (count, _, articles))| Candidate { term, pattern: "set".into(), count, articles }).collect();
    let limit = |v: &mut Vec<Candidate>| {
        crate::order::sort_by(v, |a, b| b.count.cmp(&a.count).then_with(|| a.term.cmp(&b.term)));
        if opts.limit > 0 {
            v.truncate(opts.limit);
        }
    };
    limit(&mut quoted_rows);
    limit(&mut pattern_rows);
    limit(&mut set_rows);
    if opts.limit > 0 {
        ngram_rows.truncate(opts.limit);
    }
    Ok(Ngrams {
        docs: bodies.len(),
        sampled_of: (docs.len() < total).then_some(total),
        ngrams: ngram_rows,
        quoted: quoted_rows,
        patterns: pattern_rows,
        sets: set_rows,
    })
}

/// `list,term,pattern,count,articles`: the n-grams (`ngram`, pattern = their token count), then
/// the quoted phrases, numbered slogans and four-character sets (`quoted`, `pattern`, `set`).
pub fn ngrams_csv(g: &Ngrams) -> String {
    let mut s = super::line(&["list".into(), "term".into(), "pattern".into(), "count".into(), "articles".into()]);
    for r in &g.ngrams {
        s.push_str(&super::line(&["ngram".into(), r.term.clone(), r.tokens.len().to_string(), r.count.to_string(), r.articles.to_string()]));
    }
    for (list, rows) in [("quoted", &g.quoted), ("pattern", &g.patterns), ("set", &g.sets)] {
        for r in rows {
            s.push_str(&super::line(&[list.into(), r.term.clone(), r.pattern.clone(), r.count.to_string(), r.articles.to_string()]));
        }
    }
    s
}

#[cfg(test)]
mod csv_tests {
    use super::*;

    #[test]
    fn csv_lists_every_row_with_its_list() {
        let g = Ngrams {
            docs: 1,
            sampled_of: None,
            ngrams: vec![NgramRow { term: "安全生产".into(), tokens: vec!["安全".into(), "生产".into()], count: 3, articles: 2 }],
            quoted: vec![Candidate { term: "两带两创".into(), pattern: "quoted".into(), count: 5, articles: 3 }],
            patterns: vec![],
            sets: vec![],
        };
        assert_eq!(ngrams_csv(&g), "list,term,pattern,count,articles\r\nngram,安全生产,2,3,2\r\nquoted,两带两创,quoted,5,3\r\n");
    }
}
