//! The theme over time (`analysis::timeline`): on the real seed, per-term counts per issue and
//! per kind equal exact substring counts (scanned here), the denominators are the index's token
//! totals, co-occurrence equals articles holding both (scanned); on a small hand-made corpus of
//! dated issues with a gap (2024-01, 2024-02, 2024-05, one undated), the month axis, the gaps,
//! per-10k values and the moving average are the values worked out by hand.

use yuliao::analysis::timeline::{date_axis, moving_average, suggested_themes, try_theme_series, try_theme_units};
use yuliao::analysis::{frequencies, try_theme, FreqOptions};
use yuliao::corpus::{Issue, Kind};
use yuliao::index::{BuildConfig, Index};
use yuliao::text::normalize;
use yuliao_tests::seed_built;

fn occurrences(a: &yuliao::corpus::Article, term: &str) -> u64 {
    let t = normalize(term);
    a.title.iter().chain(&a.paragraphs).map(|p| normalize(p).matches(&t).count() as u64).sum()
}

fn terms(t: &[&str]) -> Vec<String> {
    t.iter().map(|s| s.to_string()).collect()
}

#[test]
fn seed_per_term_counts_per_issue_and_kind_equal_scanned_counts() {
    let (issue, b) = seed_built();
    let idx = Index::open(&b.manifest, &b.pieces).unwrap();
    let tracked = terms(&["安全", "质量", "两带两创"]);
    let s = try_theme_series(&idx, &tracked, &[], true).unwrap();
    assert_eq!(s.issues.len(), 1);
    assert!(try_theme_series(&idx, &tracked, &[], false).unwrap().kinds.is_empty(), "kinds only when asked");
    assert!(!s.kinds.is_empty());
    let one = &s.issues[0];
    assert_eq!(one.date.as_deref(), Some("2024-01"));
    for (i, t) in tracked.iter().enumerate() {
        let scanned: u64 = issue.articles.iter().map(|a| occurrences(a, t)).sum();
        assert!(scanned > 0, "{t} is in the seed");
        assert_eq!(one.per_term[i], scanned, "{t}");
    }
    // The total is the theme view's total: one count.
    let report = try_theme(&idx, &tracked).unwrap();
    assert_eq!(one.total, report.total);
    assert_eq!(one.articles as usize, report.matched);
    // Denominator: the issue's word tokens, which are the corpus's (frequency list's) tokens.
    let all = frequencies(&idx, &FreqOptions::default());
    assert_eq!(one.tokens, all.total_tokens);
    let per_10k = one.value(Some(0), true).unwrap();
    assert!((per_10k - one.per_term[0] as f64 * 10_000.0 / all.total_tokens as f64).abs() < 1e-9);
    // Kinds: each kind's counts scanned over its articles, its tokens the kind's table.
    for k in &s.kinds {
        let kind = Kind::parse(&k.label).unwrap();
        let of_kind: Vec<_> = issue.articles.iter().filter(|a| a.kind == kind).collect();
        for (i, t) in tracked.iter().enumerate() {
            assert_eq!(k.per_term[i], of_kind.iter().map(|a| occurrences(a, t)).sum::<u64>(), "{t} in {}", k.label);
        }
        let table = frequencies(&idx, &FreqOptions { kind: Some(kind), ..FreqOptions::default() });
        assert_eq!(k.tokens, table.total_tokens, "{}", k.label);
    }
    assert_eq!(s.kinds.iter().map(|k| k.total).sum::<u64>(), one.total);
    assert_eq!(s.kinds.iter().map(|k| k.tokens).sum::<u64>(), one.tokens);
    // The seed has one dated issue: a one-month axis, nothing undated.
    let axis = date_axis(&s.issues);
    assert_eq!(axis.months.len(), 1);
    assert!(axis.undated.is_empty());
}

#[test]
fn seed_units_count_each_unit_of_an_article() {
    let (issue, b) = seed_built();
    let idx = Index::open(&b.manifest, &b.pieces).unwrap();
    let tracked = terms(&["安全"]);
    let units = try_theme_units(&idx, &tracked).unwrap();
    assert!(!units.is_empty());
    for u in &units {
        let scanned: u64 = issue.articles.iter().filter(|a| a.units.contains(&u.label)).map(|a| occurrences(a, "安全")).sum();
        assert_eq!(u.per_term[0], scanned, "{}", u.label);
        let table = frequencies(&idx, &FreqOptions { unit: Some(u.label.clone()), ..FreqOptions::default() });
        assert_eq!(u.tokens, table.total_tokens, "{}", u.label);
    }
    assert!(units.windows(2).all(|w| w[0].total >= w[1].total), "most first");
}

#[test]
fn seed_cooccurrence_is_articles_holding_both() {
    let (issue, b) = seed_built();
    let idx = Index::open(&b.manifest, &b.pieces).unwrap();
    let tracked = terms(&["安全", "质量", "党员"]);
    let presets: Vec<(String, Vec<String>)> = idx.themes().into_iter().map(|t| (t.name, t.terms)).collect();
    let s = try_theme_series(&idx, &tracked, &presets, false).unwrap();
    let c = &s.cooccurrence;
    assert_eq!(c.terms, 3);
    assert_eq!(c.items.len(), 3 + presets.len());
    let holds = |a: &yuliao::corpus::Article, i: usize| -> bool {
        if i < 3 {
            occurrences(a, &tracked[i]) > 0
        } else {
            presets[i - 3].1.iter().any(|t| occurrences(a, t) > 0)
        }
    };
    let mut some_pair = false;
    for i in 0..c.items.len() {
        for j in 0..c.items.len() {
            let scanned = issue.articles.iter().filter(|a| holds(a, i) && holds(a, j)).count() as u32;
            assert_eq!(c.articles[i][j], scanned, "{} × {}", c.items[i], c.items[j]);
            some_pair |= i != j && scanned > 0;
        }
    }
    assert!(some_pair, "some items stand together in the seed");
}

#[test]
fn seed_suggestions_come_from_the_slogan_finder_and_skip_tracked_terms() {
    let (issue, b) = seed_built();
    let idx = Index::open(&b.manifest, &b.pieces).unwrap();
    // Over every article: the finder's own candidates and counts.
    let every: Vec<u32> = (0..idx.article_count() as u32).collect();
    let all = suggested_themes(&idx, &[], &every, 0).unwrap();
    assert_eq!(all.docs, every.len());
    let g = yuliao::analysis::ngrams(&idx, &yuliao::analysis::NgramOptions::default()).unwrap();
    let quoted = g.quoted.iter().find(|q| q.term == "两带两创").unwrap();
    let row = all.rows.iter().find(|r| r.label == "两带两创").expect("两带两创 is suggested");
    assert_eq!((row.count, row.articles), (quoted.count, quoted.articles), "the finder's counts");
    assert!(all.rows.windows(2).all(|w| w[0].count >= w[1].count));
    assert!(all.rows.iter().all(|r| r.count >= 2));
    let without = suggested_themes(&idx, &terms(&["两带两创"]), &every, 0).unwrap();
    assert!(!without.rows.iter().any(|r| r.label == "两带两创"));
    assert_eq!(without.rows.len() + 1, all.rows.len());
    // Over the articles holding 安全: counted in those articles only (scanned here).
    let holding: Vec<u32> = issue.articles.iter().enumerate().filter(|(_, a)| occurrences(a, "安全") > 0).map(|(d, _)| d as u32).collect();
    let beside = suggested_themes(&idx, &terms(&["安全"]), &holding, 0).unwrap();
    assert_eq!(beside.docs, holding.len());
    let row = beside.rows.iter().find(|r| r.label == "两带两创").expect("两带两创 stands beside 安全");
    let scanned: u64 = holding.iter().map(|&d| occurrences(&issue.articles[d as usize], "两带两创")).sum();
    assert_eq!(row.count, scanned);
}

/// Three dated issues with a gap (Jan, Feb, May 2024) and one undated.
fn dated_corpus() -> Index {
    let issue = |stem: &str, date: &str, paras: &[&str]| -> Issue {
        let date = if date.is_empty() { "null".to_string() } else { format!("\"{date}\"") };
        let paras: Vec<String> = paras.iter().map(|p| format!("\"{p}\"")).collect();
        serde_json::from_str(&format!(
            r#"{{"source":"corpus/raw/{stem}.txt","publication":"测试","date":{date},"unplaced":[],
            "articles":[{{"id":"{stem}-1","title":null,"subtitle":null,"authors":[],"photographers":[],
              "units":["一厂"],"kind":"news","column":null,"paragraphs":[{}]}}]}}"#,
            paras.join(",")
        ))
        .unwrap()
    };
    let issues = vec![
        issue("a", "2024-01", &["明月照大江。", "明月清风。"]),
        issue("b", "2024-02-15", &["清风明月。"]),
        issue("c", "2024-05", &["明月。", "清风。", "大江。"]),
        issue("d", "", &["明月。"]),
    ];
    let config = BuildConfig { userdict: String::new(), stopwords: String::new(), themes_toml: String::new() };
    let b = yuliao::index::build(&issues, &config).unwrap();
    Index::open(&b.manifest, &b.pieces).unwrap()
}

#[test]
fn dated_issues_give_a_month_axis_with_gaps_and_a_moving_average() {
    let idx = dated_corpus();
    let tracked = terms(&["明月", "清风"]);
    let s = try_theme_series(&idx, &tracked, &[], false).unwrap();
    let per_issue: Vec<Vec<u64>> = s.issues.iter().map(|p| p.per_term.clone()).collect();
    assert_eq!(per_issue, [vec![2, 1], vec![1, 1], vec![1, 1], vec![1, 0]]);
    let axis = date_axis(&s.issues);
    let labels: Vec<&str> = axis.months.iter().map(|m| m.label.as_str()).collect();
    assert_eq!(labels, ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05"]);
    assert_eq!(axis.undated, ["d"]);
    let raw: Vec<Option<f64>> = axis.months.iter().map(|m| m.value(Some(0), false)).collect();
    assert_eq!(raw, [Some(2.0), Some(1.0), None, None, Some(1.0)]);
    // Per 10k: the month's count over its issue's tokens (the manifest's), gaps stay gaps.
    let tokens: Vec<u64> = idx.issues().iter().map(|i| i.tokens).collect();
    assert!(tokens.iter().all(|&t| t > 0));
    let norm: Vec<Option<f64>> = axis.months.iter().map(|m| m.value(Some(0), true)).collect();
    assert_eq!(norm[2], None);
    assert!((norm[0].unwrap() - 2.0 * 10_000.0 / tokens[0] as f64).abs() < 1e-9);
    assert!((norm[4].unwrap() - 1.0 * 10_000.0 / tokens[2] as f64).abs() < 1e-9);
    // Centred 3: Jan (2+1)/2, Feb (2+1)/2 (Mar a gap), gaps, May 1 alone.
    assert_eq!(moving_average(&raw, 3), [Some(1.5), Some(1.5), None, None, Some(1.0)]);
}
