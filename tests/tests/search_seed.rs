//! Search over the real seed issue: recall for every query of tests/queries.txt against ground
//! truth computed by scanning the articles' text, operators, ranking facts, bad inputs.

use std::collections::BTreeSet;
use std::sync::OnceLock;
use yuliao::corpus::{Article, Issue};
use yuliao::index::{build, BuildConfig, Index};
use yuliao::query::{search, suggest, QueryError, SearchOptions};
use yuliao::text::normalize;
use yuliao_tests::{clean_issues, repo_root};

fn issues() -> &'static Vec<Issue> {
    static I: OnceLock<Vec<Issue>> = OnceLock::new();
    I.get_or_init(clean_issues)
}

fn index() -> &'static Index {
    static I: OnceLock<Index> = OnceLock::new();
    I.get_or_init(|| {
        let config = BuildConfig::from_corpus_dir(repo_root().join("corpus")).unwrap();
        let b = build(issues(), &config).unwrap();
        Index::open(&b.manifest, &b.pieces).unwrap()
    })
}

fn articles() -> Vec<&'static Article> {
    issues().iter().flat_map(|i| i.articles.iter()).collect()
}

/// The fields a search looks in, each on its own (a match never spans two fields): the
/// engine's one list of them.
fn fields(a: &Article) -> Vec<String> {
    a.searched_texts().into_iter().map(|(_, s)| normalize(s)).collect()
}

fn contains(a: &Article, s: &str) -> bool {
    let s = normalize(s);
    fields(a).iter().any(|f| f.contains(&s))
}

/// Ids of the articles holding every whitespace-separated string of `q`, by scanning text.
fn truth(q: &str) -> BTreeSet<String> {
    articles()
        .into_iter()
        .filter(|a| q.split_whitespace().all(|t| contains(a, t)))
        .map(|a| a.id.clone())
        .collect()
}

fn all(q: &str) -> yuliao::query::SearchResults {
    search(
        index(),
        q,
        &SearchOptions {
            limit: usize::MAX,
            offset: 0,
            snippet_chars: 80,
        },
    )
    .unwrap()
}

fn ids(q: &str) -> BTreeSet<String> {
    let r = all(q);
    assert_eq!(r.total, r.hits.len(), "{q}");
    r.hits.into_iter().map(|h| h.id).collect()
}

fn queries() -> Vec<String> {
    let text = std::fs::read_to_string(repo_root().join("tests/queries.txt")).unwrap();
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(String::from)
        .collect()
}

fn is_plain(q: &str) -> bool {
    !q.contains(['"', '“', ':'])
        && !q.split_whitespace().any(|t| {
            t == "OR" || (t.starts_with('-') && !t[1..].starts_with(|c: char| c.is_ascii_digit()))
        })
}

#[test]
fn query_set_is_big_enough() {
    let q = queries();
    assert!(q.len() >= 50, "{} queries", q.len());
    assert!(q.iter().filter(|q| is_plain(q)).count() >= 50);
}

#[test]
fn every_article_holding_a_plain_query_is_found() {
    let mut nonempty = 0;
    for q in queries().iter().filter(|q| is_plain(q)) {
        let expected = truth(q);
        let got = ids(q);
        assert_eq!(
            got, expected,
            "query {q:?}: found (left) vs articles holding it (right)"
        );
        if !expected.is_empty() {
            nonempty += 1;
        }
    }
    assert!(nonempty >= 50, "only {nonempty} queries match anything");
}

#[test]
fn seed_specific_strings_are_found() {
    // The cases the issue names: a lone char, a substring inside a word, a byline name,
    // numbers with signs and Latin, a slogan split across lines in the raw text.
    for q in [
        "窑",
        "薄水",
        "郭美霞",
        "-45μm",
        "ARL3460",
        "3233",
        "两带两创",
        "三敬畏反三违",
    ] {
        assert!(!ids(q).is_empty(), "{q} finds nothing");
    }
    // In the raw text one 两带两创 is split across two lines; the article holding it is found.
    let raw = std::fs::read_to_string(yuliao_tests::seed_raw_path()).unwrap();
    let split_line = raw
        .lines()
        .position(|l| l.ends_with("两带"))
        .expect("raw text splits 两带 / 两创");
    let next = raw.lines().nth(split_line + 1).unwrap();
    assert!(next.starts_with("两创"));
    let tail: String = next.chars().skip(2).take(6).collect();
    let holder = articles()
        .into_iter()
        .find(|a| contains(a, &format!("两带两创{tail}")))
        .expect("cleaned text joins the lines");
    assert!(ids("两带两创").contains(&holder.id));
    assert_eq!(
        ids("ARL3460"),
        ids("ａｒｌ３４６０"),
        "full-width and case are normalised"
    );
}

#[test]
fn phrase_or_exclude_and_filters() {
    let phrase = ids("\"拟薄水铝石 产量\"");
    assert_eq!(phrase, truth("拟薄水铝石产量"));
    assert!(phrase.is_subset(&ids("拟薄水铝石 产量")));
    assert!(!phrase.is_empty());

    let or: BTreeSet<String> = truth("窑").union(&truth("炉")).cloned().collect();
    assert_eq!(ids("窑 OR 炉"), or);
    assert!(ids("窑 OR 炉").len() > ids("窑").len());

    let minus: BTreeSet<String> = truth("氧化铝")
        .difference(&truth("焙烧"))
        .cloned()
        .collect();
    assert_eq!(ids("氧化铝 -焙烧"), minus);
    assert!(!minus.is_empty() && minus.len() < truth("氧化铝").len());

    let by_unit: BTreeSet<String> = articles()
        .into_iter()
        .filter(|a| contains(a, "氧化铝") && a.units.iter().any(|u| u.contains("氧化铝厂")))
        .map(|a| a.id.clone())
        .collect();
    assert_eq!(ids("氧化铝 unit:氧化铝厂"), by_unit);
    assert!(!by_unit.is_empty());

    let lit: BTreeSet<String> = articles()
        .into_iter()
        .filter(|a| a.kind == yuliao::corpus::Kind::Literature && contains(a, "父亲"))
        .map(|a| a.id.clone())
        .collect();
    assert_eq!(ids("kind:literature 父亲"), lit);
    assert!(!lit.is_empty());

    let by_author: BTreeSet<String> = articles()
        .into_iter()
        .filter(|a| {
            contains(a, "安全")
                && a.authors
                    .iter()
                    .chain(&a.photographers)
                    .any(|x| x.contains("吕丽萍"))
        })
        .map(|a| a.id.clone())
        .collect();
    assert_eq!(ids("安全 author:吕丽萍"), by_author);

    let titled: BTreeSet<String> = articles()
        .into_iter()
        .filter(|a| a.title.as_deref().is_some_and(|t| t.contains("大会战")))
        .map(|a| a.id.clone())
        .collect();
    assert_eq!(ids("title:大会战"), titled);
    assert!(!titled.is_empty());
}

#[test]
fn missing_terms_are_reported() {
    let r = all("劳模");
    assert_eq!((r.total, r.missing.clone()), (0, vec!["劳模".to_string()]));
    let r = all("氧化铝 劳模");
    assert_eq!(r.total, 0);
    assert_eq!(r.missing, vec!["劳模".to_string()]);
    let r = all("😀");
    assert_eq!(r.missing, vec!["😀".to_string()]);
    let r = all("劳模 OR 窑");
    assert_eq!(r.total, truth("窑").len());
    assert_eq!(r.missing, vec!["劳模".to_string()]);
}

#[test]
fn a_title_match_outranks_body_mentions() {
    // 粒度 is in the title of 优化粒度指标 提升产品质量 and in the body of another article.
    let r = all("粒度");
    assert!(r.total >= 2, "{r:?}");
    assert!(
        r.hits[0].title.as_deref().unwrap_or("").contains("粒度"),
        "{:?}",
        r.hits[0].title
    );
    assert!(r.hits[1..]
        .iter()
        .all(|h| !h.title.as_deref().unwrap_or("").contains("粒度")));
}

#[test]
fn word_matches_rank_above_substring_only_matches() {
    // 氧化铝 is a word in most articles, but only part of the unit 精细氧化铝事业部 in some.
    let r = all("氧化铝");
    let word: Vec<f32> = r
        .hits
        .iter()
        .map(|h| h.score)
        .filter(|s| *s >= 1.0)
        .collect();
    let sub: Vec<f32> = r
        .hits
        .iter()
        .map(|h| h.score)
        .filter(|s| *s < 1.0)
        .collect();
    assert!(
        !word.is_empty() && !sub.is_empty(),
        "{:?}",
        r.hits.iter().map(|h| h.score).collect::<Vec<_>>()
    );
    assert_eq!(word.len() + sub.len(), r.total);
    // Sorted by score: every word match first.
    assert!(r.hits.windows(2).all(|w| w[0].score >= w[1].score));
    // A substring-only match (薄水 inside 拟薄水铝石) is never lost, just scored below 1.
    let r = all("薄水");
    assert_eq!(r.total, truth("薄水").len());
    assert!(r.hits.iter().all(|h| h.score > 0.0 && h.score < 1.0));
}

#[test]
fn snippets_highlight_the_query_in_char_offsets() {
    for q in [
        "窑",
        "拟薄水铝石",
        "-45μm",
        "ARL3460",
        "两带两创",
        "以销定产，产销共赢",
    ] {
        let r = all(q);
        let mut highlighted = 0;
        for h in &r.hits {
            let chars: Vec<char> = h.snippet.text.chars().collect();
            for [a, b] in &h.snippet.highlights {
                let s: String = chars[*a..*b].iter().collect();
                assert_eq!(normalize(&s), normalize(q), "{q} in {:?}", h.snippet.text);
                highlighted += 1;
            }
            assert!(!h.snippet.text.contains('<'), "snippets are text, not HTML");
        }
        assert!(highlighted > 0, "{q}: no highlight");
        assert_eq!(r.highlight, vec![normalize(q)]);
    }
    // The reader's highlight() finds the same spans in a full paragraph.
    let a = articles().into_iter().find(|a| contains(a, "窑")).unwrap();
    let p = a.paragraphs.iter().find(|p| p.contains('窑')).unwrap();
    let spans = yuliao::query::highlight(index(), "窑", p);
    assert_eq!(spans.len(), p.matches('窑').count());
    let chars: Vec<char> = p.chars().collect();
    assert!(spans.iter().all(|[s, e]| chars[*s..*e] == ['窑']));
}

#[test]
fn paging_and_facets_cover_all_matches() {
    let full = all("安全");
    let mut paged = Vec::new();
    let mut offset = 0;
    loop {
        let r = search(
            index(),
            "安全",
            &SearchOptions {
                limit: 3,
                offset,
                snippet_chars: 40,
            },
        )
        .unwrap();
        assert_eq!(r.total, full.total);
        assert_eq!(
            r.facets, full.facets,
            "facets are over all matches, not the page"
        );
        if r.hits.is_empty() {
            break;
        }
        paged.extend(r.hits.into_iter().map(|h| h.id));
        offset += 3;
    }
    assert_eq!(
        paged,
        full.hits.iter().map(|h| h.id.clone()).collect::<Vec<_>>()
    );
    let kinds: usize = full.facets.kinds.iter().map(|(_, n)| n).sum();
    assert_eq!(kinds, full.total);
}

#[test]
fn bad_queries_get_clear_answers() {
    let o = SearchOptions::default();
    assert_eq!(search(index(), "", &o).unwrap_err(), QueryError::Empty);
    assert_eq!(search(index(), "  \t ", &o).unwrap_err(), QueryError::Empty);
    assert!(matches!(
        search(index(), "，。、！“”", &o),
        Err(QueryError::OnlyPunctuation { .. })
    ));
    let big = "氧化铝".repeat(34_000);
    let e = search(index(), &big, &o).unwrap_err();
    assert!(
        matches!(
            e,
            QueryError::TooLong {
                chars: 102_000,
                max: 1000
            }
        ),
        "{e:?}"
    );
    assert!(e.to_string().contains("1000"));
    // An unbalanced quote runs to the end of the query.
    assert_eq!(ids("\"两带两创"), truth("两带两创"));
    assert_eq!(search(index(), "😀😀", &o).unwrap().total, 0);
    assert!(matches!(
        search(index(), "kind:poem", &o),
        Err(QueryError::BadFilter { .. })
    ));
    // Only exclusions: everything else.
    assert_eq!(ids("-窑").len(), articles().len() - truth("窑").len());
}

#[test]
fn suggestions_come_from_the_dictionary() {
    let s = suggest(index(), "拟", 5);
    assert!(s.iter().any(|x| x.term == "拟薄水铝石"), "{s:?}");
    assert!(s.len() <= 5 && s.windows(2).all(|w| w[0].count >= w[1].count));
    let s = suggest(index(), "两带", 10);
    assert!(s.iter().any(|x| x.term == "两带两创"), "{s:?}");
    assert!(suggest(index(), "", 5).is_empty());
    assert!(suggest(index(), "劳模", 5).is_empty());
}

#[test]
fn same_query_same_results() {
    for q in queries() {
        let a = search(index(), &q, &SearchOptions::default());
        let b = search(index(), &q, &SearchOptions::default());
        assert_eq!(a, b, "{q}");
        assert!(a.is_ok(), "{q}: {a:?}");
    }
}

#[test]
fn query_time_segmentation_agrees_with_the_index_vocabulary() {
    // Every indexed word of two or more chars is matched as a word in every article the index
    // lists for it: the query side, which has no jieba, segments it back to the same term. A
    // one-char word is matched as a string (its word list is long and says little), in every
    // article all the same.
    let idx = index();
    let mut terms = Vec::new();
    idx.for_each_term(|t, ord, _| terms.push((t.to_string(), ord)));
    assert_eq!(terms.len(), idx.stats().terms);
    for (t, ord) in terms {
        let segs = yuliao::text::segment_by_vocab(&t, idx.stats().tokens, |w| idx.term(w).map(|(_, i)| i.coll_freq));
        assert_eq!(segs.len(), 1, "{t} split into {segs:?}");
        let postings = idx.term_postings(ord).unwrap();
        let r = all(&t);
        let one_char = t.chars().count() == 1;
        for doc in &postings.docs {
            let hit = r.hits.iter().find(|h| h.doc == *doc).unwrap_or_else(|| panic!("{t}: doc {doc} not found"));
            if one_char {
                assert!(hit.score < 1.0, "{t}: doc {doc} ranked as a word match ({})", hit.score);
            } else {
                assert!(hit.score >= 1.0, "{t}: doc {doc} ranked as substring-only ({})", hit.score);
            }
        }
    }
}

#[test]
fn field_filters_alone_find_exactly_the_articles_whose_field_holds_the_value() {
    let opts = SearchOptions { limit: 1000, ..SearchOptions::default() };
    let mut checked = 0;
    for a in articles() {
        let title_part: Option<String> = a.title.as_ref().map(|t| t.chars().take(3).collect());
        let cases = a
            .authors
            .iter()
            .map(|x| ("author", x.clone()))
            .chain(a.photographers.iter().map(|x| ("photographer", x.clone())))
            .chain(a.units.iter().map(|u| ("unit", u.clone())))
            .chain(title_part.map(|t| ("title", t)));
        for (field, value) in cases {
            let v = normalize(&value);
            let want: BTreeSet<String> = articles()
                .into_iter()
                .filter(|b| match field {
                    // A photographer is not an author.
                    "author" => b.authors.iter().any(|x| normalize(x).contains(&v)),
                    "photographer" => b.photographers.iter().any(|x| normalize(x).contains(&v)),
                    "unit" => b.units.iter().any(|x| normalize(x).contains(&v)),
                    _ => b.title.as_ref().is_some_and(|t| normalize(t).contains(&v)),
                })
                .map(|b| b.id.clone())
                .collect();
            let q = format!("{field}:{value}");
            let got: BTreeSet<String> = search(index(), &q, &opts).unwrap().hits.into_iter().map(|h| h.id).collect();
            assert_eq!(got, want, "{q}");
            // Negated, after a term: the term's articles without those.
            let q = format!("公司 -{field}:{value}");
            let holds: BTreeSet<String> = articles().into_iter().filter(|b| fields(b).iter().any(|f| normalize(f).contains("公司"))).map(|b| b.id.clone()).collect();
            let got: BTreeSet<String> = search(index(), &q, &opts).unwrap().hits.into_iter().map(|h| h.id).collect();
            assert_eq!(got, holds.difference(&want).cloned().collect(), "{q}");
            checked += 1;
        }
    }
    assert!(checked > 30, "{checked} filters checked");
    assert!(articles().iter().any(|a| !a.photographers.is_empty()), "the seed names photographers");
    for kind in ["news", "photo", "feature", "literature"] {
        let want: BTreeSet<String> = articles().into_iter().filter(|b| b.kind.as_str() == kind).map(|b| b.id.clone()).collect();
        let got: BTreeSet<String> = search(index(), &format!("kind:{kind}"), &opts).unwrap().hits.into_iter().map(|h| h.id).collect();
        assert_eq!(got, want, "kind:{kind}");
        let got: BTreeSet<String> = search(index(), &format!("-kind:{kind}"), &opts).unwrap().hits.into_iter().map(|h| h.id).collect();
        assert_eq!(got.len() + want.len(), articles().len(), "-kind:{kind}");
    }
}

#[test]
fn a_query_that_finds_nothing_offers_close_words_and_the_query_without_its_missing_terms() {
    use yuliao::query::{alternatives, close_terms};
    let idx = index();
    // One char changed, added or left out: each finds the slogan, and every word offered
    // exists in the vocabulary and is one edit away or starts with what was typed.
    for typo in ["两带两闯", "两带两创新", "两带创", "的两带两创"] {
        let close = close_terms(idx, typo, 5);
        assert!(close.iter().any(|s| s.term == "两带两创"), "{typo}: {close:?}");
        for s in &close {
            assert!(idx.term(&s.term).is_some(), "{typo}: {} is not indexed", s.term);
            assert_ne!(s.term, normalize(typo));
        }
    }
    // Longer words that start like the term come after the close ones.
    let close = close_terms(idx, "氧化", 20);
    assert!(close.iter().any(|s| s.term == "氧化铝"), "{close:?}");
    let opts = SearchOptions::default();
    let r = search(idx, "两带两闯 安全", &opts).unwrap();
    assert_eq!(r.total, 0);
    assert_eq!(r.missing, vec!["两带两闯".to_string()]);
    let alts = alternatives(idx, &r, 3);
    let fixed = alts.iter().find(|a| a.replaces == Some(("两带两闯".into(), "两带两创".into()))).expect("the slogan offered");
    assert_eq!(fixed.query, "两带两创 安全");
    assert!(search(idx, &fixed.query, &opts).unwrap().total > 0, "the offered query finds something");
    let without = alts.last().unwrap();
    assert_eq!((without.query.as_str(), &without.replaces), ("安全", &None));
    assert_eq!(search(idx, &without.query, &opts).unwrap().total, truth("安全").len());
    // Filters and exclusions ride along; a query that found something gets no alternatives.
    let r = search(idx, "两带两闯 -隐患 unit:热电分厂", &opts).unwrap();
    assert!(alternatives(idx, &r, 3).iter().any(|a| a.query == "两带两创 -隐患 unit:热电分厂"), "{:?}", alternatives(idx, &r, 3));
    assert!(alternatives(idx, &search(idx, "安全", &opts).unwrap(), 3).is_empty());
}

#[test]
fn a_hit_says_which_byline_unit_or_column_holds_the_query() {
    let opts = SearchOptions { limit: 1000, ..SearchOptions::default() };
    let arts = articles();
    let pictured = arts.iter().find(|a| !a.photographers.is_empty()).expect("the seed names a photographer");
    let name = &pictured.photographers[0];
    let mut checked = 0;
    for (q, field, holds) in [
        (name.clone(), "photographer", Box::new(|a: &Article| a.photographers.iter().any(|p| p.contains(name.as_str()))) as Box<dyn Fn(&Article) -> bool>),
        (format!("photographer:{name}"), "photographer", Box::new(|a: &Article| a.photographers.iter().any(|p| p.contains(name.as_str())))),
        ("author:郭美霞".into(), "author", Box::new(|a: &Article| a.authors.iter().any(|p| p.contains("郭美霞")))),
        ("热电分厂".into(), "unit", Box::new(|a: &Article| a.units.iter().any(|p| p.contains("热电分厂")))),
    ] {
        let r = search(index(), &q, &opts).unwrap();
        assert!(r.total > 0, "{q}");
        for h in &r.hits {
            let a = arts.iter().find(|a| a.id == h.id).unwrap();
            let here: Vec<_> = h.matched.iter().filter(|m| m.field == field).collect();
            assert_eq!(!here.is_empty(), holds(a), "{q}: {} {:?}", h.id, h.matched);
            for m in here {
                for [s, e] in &m.highlights {
                    let part: String = m.text.chars().skip(*s).take(e - s).collect();
                    assert!(q.ends_with(&part), "{q}: highlighted {part} in {}", m.text);
                }
                checked += 1;
            }
        }
    }
    assert!(checked >= 4, "{checked}");
    // A plain word of the text names no field.
    let r = search(index(), "拟薄水铝石", &opts).unwrap();
    assert!(r.hits.iter().all(|h| h.matched.iter().all(|m| m.text.contains("拟薄水铝石"))));
}

#[test]
fn photographers_have_a_facet_of_their_own_and_are_not_counted_as_authors() {
    let opts = SearchOptions { limit: 1000, ..SearchOptions::default() };
    let arts = articles();
    let pictured: Vec<&&Article> = arts.iter().filter(|a| !a.photographers.is_empty()).collect();
    assert!(!pictured.is_empty());
    let r = search(index(), "kind:photo", &opts).unwrap();
    assert_eq!(r.facet_docs, r.total, "every match counted");
    let photo: Vec<&&Article> = arts.iter().filter(|a| a.kind.as_str() == "photo").collect();
    for (name, count) in &r.facets.photographers {
        let want = photo.iter().filter(|a| a.photographers.contains(name)).count();
        assert_eq!(*count, want, "{name}");
    }
    let named: BTreeSet<&String> = photo.iter().flat_map(|a| &a.photographers).collect();
    assert_eq!(r.facets.photographers.len(), named.len());
    for (name, count) in &r.facets.authors {
        let want = photo.iter().filter(|a| a.authors.contains(name)).count();
        assert_eq!(*count, want, "{name} counted as an author only where they wrote");
    }
}

#[test]
fn pinyin_full_or_initials_suggests_the_words_it_spells() {
    use yuliao::query::pinyin_suggest;
    let idx = index();
    for typed in ["ldlc", "liangdai", "liang dai liang chuang", "LiangDaiLiangChuang", "liang'dai"] {
        let s = pinyin_suggest(idx, typed, 8).unwrap();
        assert!(s.iter().any(|s| s.term == "两带两创"), "{typed}: {s:?}");
        assert!(s.windows(2).all(|w| w[0].count >= w[1].count), "{typed}: most frequent first");
        for x in &s {
            assert!(x.term.chars().count() >= 2 && idx.term(&x.term).is_some(), "{typed}: {} is an indexed word", x.term);
        }
    }
    // 行 is háng and xíng: 专项行动 answers to either reading; a spelling no word has, nothing.
    for typed in ["zhuanxiangxingdong", "zhuanxianghangdong", "zxxd"] {
        assert!(pinyin_suggest(idx, typed, 20).unwrap().iter().any(|s| s.term == "专项行动"), "{typed}");
    }
    assert!(pinyin_suggest(idx, "qqqq", 8).unwrap().is_empty());
    // Not pinyin: Chinese, digits, a lone letter.
    for typed in ["两带", "2024", "l", ""] {
        assert!(pinyin_suggest(idx, typed, 8).unwrap().is_empty(), "{typed}");
    }
}
