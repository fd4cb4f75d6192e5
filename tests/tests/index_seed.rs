//! The index over the real seed issue: byte-identical rebuilds, a directory round trip that
//! gives back every article, stats that agree with the text, and corrupted files refused.

use yuliao::corpus::Issue;
use yuliao::index::{
    build, BuildConfig, BuiltIndex, Index, IndexError, Manifest, PieceKind, MANIFEST_FILE,
};
use yuliao_tests::{clean_issues, repo_root};

fn issues() -> Vec<Issue> {
    clean_issues()
}

fn built() -> BuiltIndex {
    let config = BuildConfig::from_corpus_dir(repo_root().join("corpus")).unwrap();
    build(&issues(), &config).unwrap()
}

#[test]
fn rebuild_is_byte_identical() {
    let a = built();
    let b = built();
    assert_eq!(a.manifest, b.manifest);
    assert_eq!(a.pieces, b.pieces);
}

#[test]
fn directory_round_trip_returns_every_article() {
    let b = built();
    let dir = repo_root().join("target/test-index-seed");
    // A stale piece from an older build is removed; the new manifest is what opens.
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("store-0000000000000000.bin"), b"old").unwrap();
    b.write_dir(&dir).unwrap();
    assert!(!dir.join("store-0000000000000000.bin").exists());
    let idx = Index::open_dir(&dir).unwrap();
    let issues = issues();
    let all: Vec<_> = issues.iter().flat_map(|i| i.articles.iter()).collect();
    assert_eq!(idx.article_count(), all.len());
    for (d, a) in all.iter().enumerate() {
        assert_eq!(idx.article(d as u32).as_ref(), Some(*a));
        assert_eq!(idx.doc_by_id(&a.id), Some(d as u32));
        assert_eq!(idx.issue_of(d as u32).source, issues[0].source);
    }
    let s = idx.stats();
    let chars: usize = all
        .iter()
        .map(|a| {
            a.title.as_deref().unwrap_or("").chars().count()
                + a.paragraphs
                    .iter()
                    .map(|p| p.chars().count())
                    .sum::<usize>()
        })
        .sum();
    assert_eq!(s.chars as usize, chars);
    assert_eq!((s.articles, s.issues), (all.len(), issues.len()));
    assert!(s.tokens > 5_000 && s.terms > 1_000, "{s:?}");
    // Facets count every article once per kind.
    assert_eq!(
        idx.facets().kinds.iter().map(|(_, n)| n).sum::<usize>(),
        all.len()
    );
    // Themes come from corpus/themes.toml.
    let names: Vec<String> = idx.themes().into_iter().map(|t| t.name).collect();
    for n in [
        "两带两创",
        "党员价值创造",
        "提质增效",
        "三敬畏反三违",
        "降本增效",
        "安全生产",
    ] {
        assert!(names.iter().any(|x| x == n), "{n} not in {names:?}");
    }
}

#[test]
fn manifest_lists_every_piece_with_its_range() {
    let b = built();
    let m = Manifest::parse(&b.manifest).unwrap();
    assert_eq!(
        m.piece_names(),
        b.pieces.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>()
    );
    for (e, (_, bytes)) in m.pieces.iter().zip(&b.pieces) {
        assert_eq!(e.len as usize, bytes.len());
        assert!(e.name.starts_with(e.kind.name()) && e.name.ends_with(".bin"));
    }
    // Ranged pieces each cover their keys without gap, in order; dictionary pieces name their
    // first key, in increasing order, and no other kind names one.
    let issue = yuliao_tests::clean_issues().remove(0);
    let covered = |kind: PieceKind| m.pieces.iter().filter(|e| e.kind == kind).map(|e| e.to).max().unwrap();
    for (kind, total) in [
        (PieceKind::Vocab, m.stats.terms),
        (PieceKind::WordPostings, m.stats.terms),
        (PieceKind::CharDict, covered(PieceKind::CharPostings) as usize),
        (PieceKind::BigramDict, covered(PieceKind::BigramPostings) as usize),
        (PieceKind::Norms, m.stats.articles),
        (PieceKind::Layout, m.stats.articles),
    ] {
        let ranges: Vec<&yuliao::index::PieceEntry> = m.pieces.iter().filter(|e| e.kind == kind).collect();
        assert!(!ranges.is_empty(), "{kind:?}");
        assert_eq!(ranges[0].from, 0);
        assert_eq!(ranges.last().unwrap().to as usize, total, "{kind:?}");
        for w in ranges.windows(2) {
            assert_eq!(w[0].to, w[1].from, "{kind:?}");
            if kind.is_dictionary() {
                assert!(w[0].first < w[1].first, "{kind:?}");
            }
        }
        for e in &ranges {
            assert_eq!(e.first.is_empty(), !kind.is_dictionary(), "{kind:?}");
        }
    }
    // Documents come in groups the manifest does not list one by one: every group is a file.
    let g = m.doc_groups;
    assert!(g.docs_per_group >= 1 && g.groups as usize == m.stats.articles.div_ceil(g.docs_per_group as usize));
    assert!(m.pieces.iter().all(|e| e.kind != PieceKind::Docs));
    let names: Vec<String> = b.pieces.iter().map(|(n, _)| n.clone()).collect();
    for n in 0..g.groups {
        assert!(names.contains(&g.file_name(n)), "group {n}");
        assert_eq!(g.parse_name(&g.file_name(n)), Some(n));
    }
    assert_eq!(g.parse_name(&g.file_name(0).replace("docs-0-", "docs-00-")), None, "one spelling per group");
    assert_eq!(g.parse_name(&g.file_name(g.groups)), None, "no group beyond the last");
    // The seed has over a thousand distinct chars and more distinct bigrams than chars.
    assert!(covered(PieceKind::CharPostings) > 1000);
    assert!(covered(PieceKind::BigramPostings) > covered(PieceKind::CharPostings));
    // One precomputed table for the corpus, each kind and each unit.
    let groups: Vec<&str> = m.pieces.iter().filter(|e| e.kind == PieceKind::Table).map(|e| e.first.as_str()).collect();
    assert_eq!(groups[0], "all");
    for a in &issue.articles {
        assert!(groups.contains(&format!("kind:{}", a.kind.as_str()).as_str()));
        for u in &a.units {
            assert!(groups.contains(&format!("unit:{u}").as_str()), "{u}");
        }
    }
    // The manifest places each issue's documents.
    assert_eq!(m.issues.len(), 1);
    assert_eq!(m.issues[0].stem, "000_d2874fb822b0e5bc");
    assert_eq!((m.issues[0].first_doc, m.issues[0].docs as usize), (0, issue.articles.len()));
}

#[test]
fn corrupt_seed_index_is_refused_with_a_named_error() {
    let b = built();
    // Flip a byte in the middle of each piece: its checksum names it.
    for i in 0..b.pieces.len() {
        let mut pieces = b.pieces.clone();
        let mid = pieces[i].1.len() / 2;
        pieces[i].1[mid] ^= 0x80;
        match Index::open(&b.manifest, &pieces) {
            Err(IndexError::Checksum { piece, .. }) => assert_eq!(piece, b.pieces[i].0),
            other => panic!("piece {i}: {other:?}"),
        }
    }
    // Truncated manifest, empty manifest, newer version.
    assert!(matches!(
        Index::open(&b.manifest[..30], &b.pieces),
        Err(IndexError::Truncated { .. })
    ));
    assert_eq!(
        Index::open(b"", &b.pieces).unwrap_err(),
        IndexError::Empty {
            piece: MANIFEST_FILE.into()
        }
    );
    let mut m = b.manifest.clone();
    m[4] = 0xff;
    assert!(matches!(
        Index::open(&m, &b.pieces),
        Err(IndexError::NewerVersion { found: 255, .. })
    ));
}

#[test]
fn each_article_keeps_its_most_distinctive_words_computed_at_build_time() {
    use yuliao::index::KEYWORDS_PER_ARTICLE;
    let (issue, b) = yuliao_tests::seed_built();
    let idx = yuliao::index::Index::open(&b.manifest, &b.pieces).unwrap();
    let n = idx.article_count() as f64;
    // Every word's TF-IDF in every article, from the word lists and lengths the index holds.
    let mut scores: Vec<Vec<(f64, String)>> = vec![Vec::new(); idx.article_count()];
    idx.for_each_term(|term, ord, info| {
        if term.chars().count() < 2 || idx.stopwords().iter().any(|s| s == term) {
            return;
        }
        let list = idx.term_postings(ord).unwrap();
        for (i, &doc) in list.docs.iter().enumerate() {
            let len = f64::from(idx.norms(doc).unwrap().tokens.max(1));
            scores[doc as usize].push((f64::from(list.tf_at(i)) / len * (n / f64::from(info.doc_freq)).ln(), term.to_string()));
        }
    });
    let mut with_keywords = 0;
    for (doc, a) in issue.articles.iter().enumerate() {
        let kw = idx.keywords(doc as u32).unwrap();
        assert!(kw.len() <= KEYWORDS_PER_ARTICLE);
        let text: String = a.title.iter().chain(&a.paragraphs).cloned().collect();
        let mut s = scores[doc].clone();
        s.sort_by(|x, y| y.0.total_cmp(&x.0).then_with(|| x.1.cmp(&y.1)));
        let want: Vec<String> = s.iter().filter(|x| x.0 > 0.0).take(KEYWORDS_PER_ARTICLE).map(|x| x.1.clone()).collect();
        assert_eq!(kw, want, "{}", a.id);
        for k in &kw {
            assert!(yuliao::text::normalize(&text).contains(k.as_str()), "{}: {k} is in its text", a.id);
        }
        with_keywords += usize::from(!kw.is_empty());
    }
    assert!(with_keywords >= 24, "{with_keywords} of 26 articles have keywords");
    // By hand: the memoir about the 首义门 says it 14 times, no other article does.
    let memoir = issue.articles.iter().position(|a| a.title.as_deref().is_some_and(|t| t.contains("首义门"))).unwrap();
    assert_eq!(idx.keywords(memoir as u32).unwrap()[0], "首义门");
}

/// Checks which bigrams of `issues` have lists against the rule of `yuliao::index`
/// ([`BIGRAM_LISTED_COUNT`](yuliao::index::BIGRAM_LISTED_COUNT)); returns the index with how
/// many bigrams are listed, too rare, or between cheap chars (with those).
fn bigram_lists(issues: &[Issue]) -> (Index, usize, usize, Vec<String>) {
    use std::collections::BTreeMap;
    use yuliao::index::{bigram_fallback_bytes, piece_target, search_text, Tier, BIGRAM_LISTED_COUNT, BIGRAM_MIN_COUNT};
    let config = BuildConfig::from_corpus_dir(repo_root().join("corpus")).unwrap();
    let b = build(issues, &config).unwrap();
    let idx = Index::open(&b.manifest, &b.pieces).unwrap();
    let m = idx.manifest().clone();
    let mut counts: BTreeMap<(char, char), u32> = BTreeMap::new();
    for a in issues.iter().flat_map(|i| &i.articles) {
        let text: Vec<char> = yuliao::text::normalize(&search_text(a).0).chars().collect();
        for w in text.windows(2).filter(|w| !w.contains(&'\n')) {
            *counts.entry((w[0], w[1])).or_default() += 1;
        }
    }
    let char_pieces: Vec<u64> = m.pieces.iter().filter(|e| e.kind == PieceKind::CharPostings).map(|e| e.len).collect();
    let piece_of = |c: char| idx.find(Tier::Char, &c.to_string()).unwrap().unwrap().1.piece as usize;
    let fallback = bigram_fallback_bytes(piece_target(m.stats.chars));
    let (mut listed, mut rare, mut cheap) = (0, 0, Vec::new());
    for (&(a, b), &n) in &counts {
        let (pa, pb) = (piece_of(a), piece_of(b));
        let cost = if pa == pb { char_pieces[pa] } else { char_pieces[pa] + char_pieces[pb] };
        let want = n >= BIGRAM_MIN_COUNT && (n >= BIGRAM_LISTED_COUNT || cost > fallback);
        let info = idx.find(Tier::Bigram, &format!("{a}{b}")).unwrap();
        assert_eq!(info.is_some(), want, "{a}{b}: {n} times, its chars' pieces {cost} bytes");
        if let Some((_, info)) = info {
            assert_eq!(info.coll_freq, u64::from(n), "{a}{b}");
            listed += 1;
        } else if n < BIGRAM_MIN_COUNT {
            rare += 1;
        } else {
            cheap.push(format!("{a}{b}"));
        }
    }
    // Each listed one is a key of the tier, and no other.
    assert_eq!(listed, m.pieces.iter().filter(|e| e.kind == PieceKind::BigramPostings).map(|e| e.to).max().unwrap() as usize);
    (idx, listed, rare, cheap)
}

#[test]
fn the_seed_lists_every_bigram_that_occurs_twice() {
    let (_, listed, rare, cheap) = bigram_lists(&issues());
    assert!(listed > 2000 && rare > 1000 && cheap.is_empty(), "{listed} listed, {rare} rare, {cheap:?}");
}

#[test]
fn an_archive_lists_no_uncommon_bigram_between_cheap_chars_and_still_finds_it() {
    use yuliao::query::{search, SearchOptions};
    // The seed five times over: pieces of full size, and bigrams that occur 10 to 30 times.
    let seed = issues().remove(0);
    let copies: Vec<Issue> = (0..5)
        .map(|n| {
            let mut issue = seed.clone();
            issue.source = format!("corpus/raw/{n:03}_copy.txt");
            for a in &mut issue.articles {
                a.id = format!("{n}-{}", a.id);
            }
            issue
        })
        .collect();
    let (idx, listed, _, cheap) = bigram_lists(&copies);
    assert!(listed > 50 && cheap.len() > 1000, "{listed} listed, {} cheap", cheap.len());
    // Found all the same, through their chars: each in the articles whose search text holds it.
    let texts: Vec<String> = copies.iter().flat_map(|i| &i.articles).map(|a| yuliao::text::normalize(&yuliao::index::search_text(a).0)).collect();
    // (Words and numbers: a query cuts at spaces and punctuation.)
    let words: Vec<&String> = cheap.iter().filter(|b| b.chars().all(char::is_alphanumeric)).collect();
    assert!(words.len() > 100);
    for bigram in words.iter().step_by(words.len() / 40) {
        let want = texts.iter().filter(|t| t.contains(bigram.as_str())).count();
        let got = search(&idx, &format!("\"{bigram}\""), &SearchOptions::default()).unwrap();
        assert_eq!(got.total, want, "{bigram}");
    }
    // Inside longer phrases, with listed bigrams pinning some of the chars: the three and four
    // chars around each place of a cheap bigram.
    let mut phrases = 0;
    for bigram in words.iter().step_by(words.len() / 40) {
        let Some(t) = texts.iter().find(|t| t.contains(bigram.as_str())) else { continue };
        let chars: Vec<char> = t.chars().collect();
        let at = t[..t.find(bigram.as_str()).unwrap()].chars().count();
        for (from, to) in [(at.saturating_sub(1), at + 2), (at, at + 3), (at.saturating_sub(1), at + 3)] {
            let Some(phrase) = chars.get(from..to.min(chars.len())).map(|c| c.iter().collect::<String>()) else { continue };
            if phrase.chars().count() < 3 || !phrase.chars().all(char::is_alphanumeric) {
                continue;
            }
            let want = texts.iter().filter(|t| t.contains(phrase.as_str())).count();
            let got = search(&idx, &format!("\"{phrase}\""), &SearchOptions::default()).unwrap();
            assert_eq!(got.total, want, "{phrase}");
            phrases += 1;
        }
    }
    assert!(phrases > 40, "{phrases} phrases");
}
