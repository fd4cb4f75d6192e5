//! Issue 8 over the seed: concordance sorting, collocates, keyness, dispersion and n-grams,
//! each checked against counts this file makes itself by scanning the cleaned text (substring
//! scans, a window scan, the frequency tables), and the errors a user can cause.

use std::collections::BTreeMap;
use yuliao::analysis::{
    collocates, concordance, dispersion, keyness, ngrams, theme, try_frequencies, AnalysisError, CollocOptions, FreqOptions, KeynessOptions,
    KwicOptions, Measure, NgramOptions, PartsBy, SortKey,
};
use yuliao::corpus::{Issue, Kind};
use yuliao::index::{Index, IndexError};
use yuliao::text::{is_punct, is_word_token, normalize, segment_by_vocab};
use yuliao_tests::seed_built as built;

fn setup() -> (Issue, Index) {
    let (issue, b) = built();
    (issue, Index::open(&b.manifest, &b.pieces).unwrap())
}

/// Title + paragraphs of an article, normalised, one string per line.
fn lines(a: &yuliao::corpus::Article) -> Vec<String> {
    a.title.iter().chain(&a.paragraphs).map(|p| normalize(p)).collect()
}

fn scan(a: &yuliao::corpus::Article, s: &str) -> u64 {
    let s = normalize(s);
    lines(a).iter().map(|l| l.matches(&s).count() as u64).sum()
}

#[test]
fn dispersion_of_a_slogan_over_the_26_articles_agrees_with_a_substring_scan() {
    let (issue, idx) = setup();
    let r = dispersion(&idx, "两带两创", PartsBy::Article).unwrap();
    assert_eq!(issue.articles.len(), 26);
    assert_eq!(r.parts.len(), 26, "every article is a part, zero counts too");
    let want: Vec<(String, u64)> = issue.articles.iter().map(|a| (a.id.clone(), scan(a, "两带两创"))).collect();
    let got: Vec<(String, u64)> = r.parts.iter().map(|p| (p.id.clone(), p.count)).collect();
    assert_eq!(got, want);
    let freq: u64 = want.iter().map(|w| w.1).sum();
    let range = want.iter().filter(|w| w.1 > 0).count();
    assert!(freq >= 5 && range >= 3, "the seed prints 两带两创 {freq} times in {range} articles");
    assert_eq!((r.freq, r.range), (freq, range));
    // Sizes are the articles' word tokens; together the corpus's.
    assert_eq!(r.parts.iter().map(|p| p.size).sum::<u64>(), idx.stats().tokens);
    assert!(r.parts.iter().all(|p| p.size > 0 || p.count == 0));
    // DP and D recomputed here from the scanned counts (Gries 2008; population SD).
    let total: f64 = r.parts.iter().map(|p| p.size as f64).sum();
    let dp = 0.5 * r.parts.iter().zip(&want).map(|(p, w)| (w.1 as f64 / freq as f64 - p.size as f64 / total).abs()).sum::<f64>();
    assert!((r.dp.unwrap() - dp).abs() < 1e-12);
    let min_s = r.parts.iter().map(|p| p.size as f64 / total).fold(1.0, f64::min);
    assert!((r.dp_norm.unwrap() - dp / (1.0 - min_s)).abs() < 1e-12);
    let d = r.juilland_d.unwrap();
    assert!(d > 0.0 && d < 1.0, "{d}");
    // Positions point at the string in the article's search text.
    for (p, a) in r.parts.iter().zip(&issue.articles) {
        let (text, _, _) = yuliao::index::search_text(a);
        let chars: Vec<char> = normalize(&text).chars().collect();
        assert_eq!(p.positions.len() as u64, p.count);
        for &s in &p.positions {
            assert_eq!(chars[s as usize..s as usize + 4].iter().collect::<String>(), "两带两创");
        }
    }
    // By issue: the seed is one issue holding every occurrence.
    let r = dispersion(&idx, "两带两创", PartsBy::Issue).unwrap();
    assert_eq!(r.parts.len(), 1);
    assert_eq!((r.parts[0].count, r.parts[0].size, r.range), (freq, idx.issues()[0].tokens, 1));
    assert_eq!((r.dp, r.dp_norm, r.juilland_d), (Some(0.0), None, None), "one part: DP 0, DPnorm and D undefined");
}

/// Word tokens of a stretch of normalised text, cut by the index vocabulary (the segmenter
/// itself is the engine's; the windows and counts below are this file's own).
fn words(idx: &Index, s: &str) -> Vec<String> {
    segment_by_vocab(s, idx.stats().tokens, |w| idx.term(w).map(|(_, i)| i.coll_freq))
        .into_iter()
        .map(|g| g.text)
        .filter(|t| is_word_token(t))
        .collect()
}

#[test]
fn collocates_of_a_slogan_count_a_window_scan_of_the_segmented_text() {
    let (issue, idx) = setup();
    let node = "两带两创";
    let window = 5;
    // The scan: in each line, the text either side of each occurrence, cut into words.
    let mut want: BTreeMap<String, u64> = BTreeMap::new();
    let mut occurrences = 0;
    for a in &issue.articles {
        for line in lines(a) {
            let parts: Vec<&str> = line.split(node).collect();
            for k in 0..parts.len() - 1 {
                occurrences += 1;
                let left = words(&idx, parts[k]);
                let right = words(&idx, parts[k + 1]);
                // Another occurrence of the node takes a slot: only text between them counts.
                let mut slots: Vec<Option<&String>> = Vec::new();
                slots.extend(left.iter().rev().take(window).map(Some));
                let n_right = right.len().min(window);
                slots.extend(right.iter().take(n_right).map(Some));
                if k + 2 < parts.len() && right.len() < window {
                    slots.push(None); // the next node
                }
                for w in slots.into_iter().flatten() {
                    *want.entry(w.clone()).or_default() += 1;
                }
            }
        }
    }
    let opts = CollocOptions { window, min: 1, limit: 0, ..CollocOptions::default() };
    let c = collocates(&idx, node, &opts).unwrap();
    assert_eq!(c.node_freq, occurrences);
    assert_eq!(c.tokens, idx.stats().tokens);
    assert!(c.sampled.is_none());
    let got: BTreeMap<String, u64> = c.collocates.iter().map(|r| (r.term.clone(), r.co)).collect();
    assert_eq!(got, want, "co-occurrences within ±{window} words");
    // 活动 follows the slogan every time it is printed (“两带两创”活动…).
    assert!(got.get("活动").copied().unwrap_or(0) >= 3, "{got:?}");
    // Each row carries its table: freq is the word's corpus frequency, and the score is the
    // measure of (co, node_freq, freq, N), recomputed here.
    let all = try_frequencies(&idx, &FreqOptions { stopwords: false, min_len: 1, limit: 0, ..FreqOptions::default() }).unwrap();
    let corpus: BTreeMap<&str, u64> = all.rows.iter().map(|r| (r.term.as_str(), r.count)).collect();
    for r in &c.collocates {
        assert_eq!(r.freq, corpus.get(r.term.as_str()).copied().unwrap_or(0).max(r.co), "{}", r.term);
        let dice = 14.0 + (2.0 * r.co as f64 / (c.node_freq + r.freq) as f64).log2();
        assert!((r.score - dice).abs() < 1e-9, "{}: {} vs {dice}", r.term, r.score);
    }
    assert!(c.collocates.windows(2).all(|w| w[0].score >= w[1].score), "best first");
    // MI from the same table; --min drops rare rows.
    let mi = collocates(&idx, node, &CollocOptions { measure: Measure::Mi, min: 2, ..opts.clone() }).unwrap();
    assert!(mi.collocates.iter().all(|r| r.co >= 2));
    for r in &mi.collocates {
        let want = (r.co as f64 * c.tokens as f64 / (c.node_freq as f64 * r.freq as f64)).log2();
        assert!((r.score - want).abs() < 1e-9);
    }
    assert_eq!(mi.collocates.len(), want.values().filter(|&&n| n >= 2).count());
}

#[test]
fn keyness_of_the_literary_pieces_counts_what_the_tables_and_the_text_say() {
    let (issue, idx) = setup();
    let k = keyness(&idx, "kind:literature", None, &KeynessOptions { limit: 0, ..KeynessOptions::default() }).unwrap();
    let lit = try_frequencies(&idx, &FreqOptions { stopwords: false, min_len: 1, limit: 0, kind: Some(Kind::Literature), unit: None }).unwrap();
    let all = try_frequencies(&idx, &FreqOptions { stopwords: false, min_len: 1, limit: 0, ..FreqOptions::default() }).unwrap();
    assert_eq!(k.target_tokens, lit.total_tokens);
    assert_eq!(k.reference_tokens, all.total_tokens - lit.total_tokens);
    let lit_count: BTreeMap<&str, u64> = lit.rows.iter().map(|r| (r.term.as_str(), r.count)).collect();
    let all_count: BTreeMap<&str, u64> = all.rows.iter().map(|r| (r.term.as_str(), r.count)).collect();
    assert!(!k.keywords.is_empty());
    assert!(k.keywords.iter().any(|w| w.ll > 0.0) && k.keywords.iter().any(|w| w.ll < 0.0), "positive and negative keywords");
    for w in &k.keywords {
        let a = lit_count.get(w.term.as_str()).copied().unwrap_or(0);
        assert_eq!((w.a, w.b), (a, all_count[w.term.as_str()] - a), "{}", w.term);
        assert!(w.ll.abs() >= k.critical, "{}: only rows above the critical value", w.term);
        let (t, r) = (k.target_tokens as f64, k.reference_tokens as f64);
        assert_eq!(w.ll > 0.0, w.a as f64 / t > w.b as f64 / r, "{}: the sign says which side uses it more", w.term);
    }
    assert!(k.keywords.windows(2).all(|p| p[0].log_ratio >= p[1].log_ratio), "by Log Ratio");
    // Šidák: more words tested, a higher bar than the uncorrected 3.84.
    assert!(k.tested > 1000 && k.critical > 15.0, "{} words, critical {}", k.tested, k.critical);
    // Words that are words wherever they stand: a and b equal substring counts in the text.
    let lit_articles: Vec<_> = issue.articles.iter().filter(|a| a.kind == Kind::Literature).collect();
    let other: Vec<_> = issue.articles.iter().filter(|a| a.kind != Kind::Literature).collect();
    for term in ["父亲", "老君山"] {
        let w = k.keywords.iter().find(|w| w.term == term).unwrap_or_else(|| panic!("{term} is a literary keyword"));
        assert_eq!(w.a, lit_articles.iter().map(|a| scan(a, term)).sum::<u64>(), "{term}");
        assert_eq!(w.b, other.iter().map(|a| scan(a, term)).sum::<u64>(), "{term}");
        assert!(w.log_ratio > 3.0);
    }
    // The reference written out (-kind:literature) counts through the postings: the same rows.
    let explicit = keyness(&idx, "kind:literature", Some("-kind:literature"), &KeynessOptions { limit: 0, ..KeynessOptions::default() }).unwrap();
    assert_eq!(explicit.keywords, k.keywords);
    assert_eq!(explicit.reference_tokens, k.reference_tokens);
    // An issue stem as a subset: the whole seed; its rest is empty, said so.
    let stem = idx.issues()[0].stem.clone();
    assert!(matches!(keyness(&idx, &stem, None, &KeynessOptions::default()), Err(AnalysisError::EmptySubset { .. })));
}

#[test]
fn a_sorted_concordance_orders_lines_by_the_words_beside_the_node() {
    let (_, idx) = setup();
    let terms = vec!["安全".to_string()];
    let plain = concordance(&idx, &terms, &KwicOptions::default()).unwrap();
    let themed = theme(&idx, &terms);
    assert_eq!(plain.total as u64, themed.total);
    assert_eq!(plain.lines.len(), plain.total);
    let sort = vec![SortKey::Right(1), SortKey::Right(2), SortKey::Left(1)];
    let opts = KwicOptions { window: 400, sort: sort.clone(), limit: 0 };
    let c = concordance(&idx, &terms, &opts).unwrap();
    assert_eq!(c.total, plain.total);
    assert_eq!(c.sorted_of, c.total);
    assert!(c.lines.windows(2).all(|w| w[0].keys <= w[1].keys), "sorted by 1R, 2R, 1L");
    assert_ne!(
        c.lines.iter().map(|l| (l.doc, l.start)).collect::<Vec<_>>(),
        plain.lines.iter().map(|l| (l.doc, l.start)).collect::<Vec<_>>(),
        "sorting changed the order"
    );
    // Each key is the next word of the context in the paragraph, punctuation skipped.
    let strip = |s: &str| s.chars().filter(|c| !is_punct(*c) && !c.is_whitespace()).collect::<String>();
    for l in &c.lines {
        assert_eq!(normalize(&l.node), "安全");
        let right: String = normalize(&l.right).split('\n').next().unwrap().to_string();
        let right = strip(right.split(' ').next().unwrap_or_default());
        let left = normalize(&l.left);
        let left = strip(left.rsplit(' ').next().unwrap_or_default());
        assert!(right.starts_with(&format!("{}{}", l.keys[0], l.keys[1])), "{l:?}");
        assert!(left.ends_with(&l.keys[2]), "{l:?}");
        assert!(!l.keys[0].is_empty() || right.is_empty(), "{l:?}");
    }
    // Sorting by the node alone keeps reading order (one node text).
    let by_node = concordance(&idx, &terms, &KwicOptions { sort: vec![SortKey::Node], ..KwicOptions::default() }).unwrap();
    assert_eq!(by_node.lines, plain.lines.iter().map(|l| yuliao::analysis::ConcordanceLine { keys: vec!["安全".into()], ..l.clone() }).collect::<Vec<_>>());
    // limit after sorting: the first lines of the sorted list.
    let top = concordance(&idx, &terms, &KwicOptions { limit: 3, ..opts }).unwrap();
    assert_eq!(top.lines, c.lines[..3].to_vec());
    assert_eq!(top.total, c.total);
}

#[test]
fn the_slogan_finder_offers_the_seed_slogans_with_their_counts() {
    let (issue, idx) = setup();
    let r = ngrams(&idx, &NgramOptions { limit: 0, ..NgramOptions::default() }).unwrap();
    assert_eq!(r.docs, 26);
    let body_count = |s: &str| issue.articles.iter().map(|a| scan(a, s)).sum::<u64>();
    let body_articles = |s: &str| issue.articles.iter().filter(|a| scan(a, s) > 0).count() as u32;
    let slogan = r.patterns.iter().find(|c| c.term == "两带两创").expect("两带两创 is a numbered slogan");
    assert_eq!(slogan.pattern, "两X两Y");
    assert_eq!((slogan.count, slogan.articles), (body_count("两带两创"), body_articles("两带两创")));
    let quoted = r.quoted.iter().find(|c| c.term == "两带两创").expect("the paper quotes it");
    assert_eq!(quoted.count, body_count("两带两创"));
    for c in r.quoted.iter().chain(&r.patterns) {
        assert_eq!(c.count, body_count(&c.term), "{}", c.term);
    }
    assert!(r.quoted.iter().all(|c| c.term.chars().any(|ch| ('\u{4e00}'..='\u{9fff}').contains(&ch))), "no bare numbers");
    // Every n-gram occurs at least `min` times as a string, and never more often than the string.
    assert!(!r.ngrams.is_empty());
    for g in &r.ngrams {
        assert!(g.count >= 2 && (2..=5).contains(&g.tokens.len()), "{g:?}");
        assert!(g.count <= body_count(&g.term), "{g:?}");
        assert!(g.articles <= body_articles(&g.term), "{g:?}");
    }
    for s in &r.sets {
        let items: Vec<&str> = s.term.split('、').collect();
        assert!(items.len() >= 2 && items.iter().all(|i| i.chars().count() == 4), "{s:?}");
    }
}

#[test]
fn bad_requests_say_what_to_fix() {
    let (_, idx) = setup();
    let empty = |e: Result<(), AnalysisError>| matches!(e, Err(AnalysisError::EmptyQuery { .. }));
    assert!(empty(concordance(&idx, &["，。".to_string()], &KwicOptions::default()).map(|_| ())));
    assert!(empty(collocates(&idx, "  ", &CollocOptions::default()).map(|_| ())));
    assert!(empty(dispersion(&idx, "", PartsBy::Article).map(|_| ())));
    let e = keyness(&idx, "kind:poem", None, &KeynessOptions::default()).unwrap_err();
    assert!(e.to_string().contains("poem") && e.to_string().contains("literature"), "{e}");
    let e = keyness(&idx, "no_such_issue", None, &KeynessOptions::default()).unwrap_err();
    assert!(matches!(e, AnalysisError::UnknownSubset { .. }) && e.to_string().contains("no_such_issue"), "{e}");
    let e = keyness(&idx, "unit:没有这个单位", None, &KeynessOptions::default()).unwrap_err();
    assert!(matches!(e, AnalysisError::EmptySubset { .. }), "{e}");
    let e = collocates(&idx, "安全", &CollocOptions { window: 0, ..CollocOptions::default() }).unwrap_err();
    assert!(e.to_string().contains("window"), "{e}");
    // A string the corpus never prints: zero, not an error.
    let r = dispersion(&idx, "不存在的词语", PartsBy::Article).unwrap();
    assert_eq!((r.freq, r.range, r.dp, r.parts.len()), (0, 0, None, 26));
}

/// A corrupt piece is an error naming it, never a different answer (as search and themes).
#[test]
fn a_corrupt_piece_is_an_error_naming_it() {
    let (_, b) = built();
    let intact = Index::open(&b.manifest, &b.pieces).unwrap();
    let ops: Vec<(&str, Box<dyn Fn(&Index) -> Result<String, AnalysisError>>)> = vec![
        ("kwic", Box::new(|ix| concordance(ix, &["安全".into()], &KwicOptions { sort: vec![SortKey::Right(1)], ..KwicOptions::default() }).map(|r| serde_json::to_string(&r).unwrap()))),
        ("colloc", Box::new(|ix| collocates(ix, "两带两创", &CollocOptions::default()).map(|r| serde_json::to_string(&r).unwrap()))),
        ("keyness", Box::new(|ix| keyness(ix, "kind:literature", None, &KeynessOptions::default()).map(|r| serde_json::to_string(&r).unwrap()))),
        ("keyness-postings", Box::new(|ix| keyness(ix, "kind:literature", Some("-kind:literature"), &KeynessOptions::default()).map(|r| serde_json::to_string(&r).unwrap()))),
        ("dispersion", Box::new(|ix| dispersion(ix, "两带两创", PartsBy::Article).map(|r| serde_json::to_string(&r).unwrap()))),
    ];
    let want: Vec<String> = ops.iter().map(|(_, op)| op(&intact).unwrap()).collect();
    let mut failed: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (i, (corrupt, _)) in b.pieces.iter().enumerate() {
        let index = Index::open_lazy(&b.manifest).unwrap();
        for (j, (name, bytes)) in b.pieces.iter().enumerate() {
            let mut bytes = bytes.clone();
            if i == j {
                let mid = bytes.len() / 2;
                bytes[mid] ^= 0x80;
            }
            let _ = index.load_piece(name, &bytes);
        }
        for ((what, op), want) in ops.iter().zip(&want) {
            match op(&index) {
                Ok(got) => assert_eq!(&got, want, "{what}: {corrupt} corrupted gave a different answer instead of an error"),
                Err(e) => {
                    assert!(!matches!(e, AnalysisError::Index(IndexError::NotLoaded { .. })) && e.to_string().contains(corrupt.as_str()), "{what}: {corrupt}: {e}");
                    failed.entry(what).or_default().push(corrupt.clone());
                }
            }
        }
    }
    // The texts and the dictionary are read by the context cut.
    for what in ["kwic", "colloc"] {
        let f = &failed[what];
        assert!(f.iter().any(|n| n.starts_with("docs-")) && f.iter().any(|n| n.starts_with("vocab-")), "{what}: {f:?}");
    }
    assert!(failed["keyness"].iter().any(|n| n.starts_with("table-")), "{:?}", failed["keyness"]);
    assert!(failed["keyness-postings"].iter().any(|n| n.starts_with("words-")), "{:?}", failed["keyness-postings"]);
    assert!(failed["dispersion"].iter().any(|n| n.starts_with("docs-")), "{:?}", failed["dispersion"]);
}
