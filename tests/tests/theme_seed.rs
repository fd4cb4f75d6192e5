//! Themes, KWIC and frequencies over the seed: theme counts equal exact substring counts in
//! title + paragraphs (computed here by scanning), KWIC lines agree with them, CSV is RFC 4180.

use yuliao::analysis::{frequencies, kwic, kwic_csv, theme, theme_csv, try_frequencies, try_kwic, try_theme, FreqOptions};
use yuliao::corpus::{Issue, Kind};
use yuliao::index::{Index, IndexError};
use yuliao::text::normalize;
use yuliao_tests::seed_built as built;

fn setup() -> (Issue, Index) {
    let (issue, b) = built();
    (issue, Index::open(&b.manifest, &b.pieces).unwrap())
}

fn count(issue: &Issue, id: &str, term: &str) -> u64 {
    let a = issue.articles.iter().find(|a| a.id == id).unwrap();
    let t = normalize(term);
    a.title
        .iter()
        .chain(&a.paragraphs)
        .map(|p| normalize(p).matches(&t).count() as u64)
        .sum()
}

/// Places in title + paragraphs where any of `terms` stands, overlapping matches of several
/// terms merged into one place (computed by scanning, independently of the engine).
fn places(issue: &Issue, id: &str, terms: &[String]) -> u64 {
    let a = issue.articles.iter().find(|a| a.id == id).unwrap();
    let mut n = 0;
    for text in a.title.iter().chain(&a.paragraphs) {
        let text = normalize(text);
        let mut spans: Vec<(usize, usize)> = terms
            .iter()
            .flat_map(|t| {
                let t = normalize(t);
                text.match_indices(&t).map(|(s, m)| (s, s + m.len())).collect::<Vec<_>>()
            })
            .collect();
        spans.sort();
        let mut end = None;
        for (s, e) in spans {
            match end {
                Some(x) if s < x => end = Some(e.max(x)),
                _ => {
                    n += 1;
                    end = Some(e);
                }
            }
        }
    }
    n
}

#[test]
fn overlapping_and_repeated_terms_count_each_place_once() {
    let (issue, idx) = setup();
    let terms: Vec<String> = ["提质增效", "提质", "增效", "提质增效"].map(String::from).to_vec();
    let r = theme(&idx, &terms);
    assert_eq!(r.terms, ["提质增效", "提质", "增效"], "a repeated term is dropped");
    let alone = theme(&idx, &["提质增效".to_string()]);
    assert!(alone.total >= 2, "提质增效 stands in the seed");
    for a in &issue.articles {
        let expected = places(&issue, &a.id, &terms);
        let got = r.articles.iter().find(|row| row.id == a.id).map_or(0, |row| row.count);
        assert_eq!(got, expected, "{}", a.id);
    }
    // Each place once in the concordance too, shown with the longest term.
    let lines = kwic(&idx, &terms, 10, 0);
    assert_eq!(lines.len() as u64, r.total);
    let longest = lines.iter().filter(|l| l.keyword == "提质增效").count() as u64;
    assert_eq!(longest, alone.total);
}

#[test]
fn theme_counts_are_exact_occurrences_in_title_and_paragraphs() {
    let (issue, idx) = setup();
    let mut checked = 0;
    for t in idx.themes() {
        let r = theme(&idx, &t.terms);
        for a in &issue.articles {
            let per: Vec<u64> = r.terms.iter().map(|x| count(&issue, &a.id, x)).collect();
            let total = places(&issue, &a.id, &r.terms);
            match r.articles.iter().find(|row| row.id == a.id) {
                Some(row) => {
                    assert_eq!(row.per_term, per, "{} in {}", t.name, a.id);
                    assert_eq!(row.count, total, "{} in {}", t.name, a.id);
                    checked += 1;
                }
                None => assert_eq!(total, 0, "{} in {} missing from the report", t.name, a.id),
            }
        }
        assert_eq!(r.total, r.articles.iter().map(|x| x.count).sum::<u64>());
        assert!(
            r.articles.windows(2).all(|w| w[0].doc < w[1].doc),
            "reading order"
        );
    }
    assert!(checked > 20, "themes match only {checked} articles");
}

#[test]
fn split_slogans_are_counted() {
    let (issue, idx) = setup();
    // 两带两创 is split across lines in the raw text and 三敬畏反三违 is one jieba-unknown word.
    let r = theme(
        &idx,
        &[
            "两带两创".to_string(),
            "三敬畏反三违".to_string(),
            "薄水".to_string(),
        ],
    );
    let expected: u64 = issue
        .articles
        .iter()
        .map(|a| count(&issue, &a.id, "两带两创"))
        .sum();
    assert!(expected >= 4);
    assert_eq!(
        r.articles.iter().map(|x| x.per_term[0]).sum::<u64>(),
        expected
    );
    assert!(
        r.articles.iter().map(|x| x.per_term[2]).sum::<u64>() >= 2,
        "a substring inside a word counts"
    );
}

#[test]
fn kwic_lines_match_theme_counts_and_text() {
    let (issue, idx) = setup();
    let terms = vec!["两带两创".to_string(), "窑".to_string()];
    let lines = kwic(&idx, &terms, 10, 0);
    let r = theme(&idx, &terms);
    assert_eq!(lines.len() as u64, r.total);
    for l in &lines {
        assert!(terms.contains(&l.keyword), "{l:?}");
        assert!(l.left.chars().count() <= 10 && l.right.chars().count() <= 10);
        let a = issue.articles.iter().find(|a| a.id == l.id).unwrap();
        let body = format!(
            "{}\n{}",
            a.title.clone().unwrap_or_default(),
            a.paragraphs.join("\n")
        )
        .replace('\n', " ");
        assert!(
            body.contains(&format!("{}{}{}", l.left, l.keyword, l.right)),
            "{l:?}"
        );
    }
    assert_eq!(kwic(&idx, &terms, 10, 2).len(), 2);
    let csv = kwic_csv(&lines);
    assert!(csv.starts_with("id,title,left,keyword,right\r\n"));
    assert_eq!(csv.matches("\r\n").count(), lines.len() + 1);
    let csv = theme_csv(&r);
    assert!(csv.starts_with("id,title,kind,units,count,两带两创,窑\r\n"));
}

#[test]
fn frequencies_count_word_tokens() {
    let (issue, idx) = setup();
    let all = frequencies(
        &idx,
        &FreqOptions {
            stopwords: false,
            min_len: 1,
            kind: None,
            unit: None,
            limit: 0,
        },
    );
    assert_eq!(all.total_tokens, idx.stats().tokens);
    assert_eq!(all.rows.len(), idx.stats().terms);
    assert_eq!(
        all.rows.iter().map(|r| r.count).sum::<u64>(),
        all.total_tokens
    );
    assert!(all
        .rows
        .windows(2)
        .all(|w| w[0].count > w[1].count || (w[0].count == w[1].count && w[0].term < w[1].term)));
    let top = frequencies(
        &idx,
        &FreqOptions {
            stopwords: true,
            min_len: 2,
            kind: None,
            unit: None,
            limit: 20,
        },
    );
    assert_eq!(top.rows.len(), 20);
    assert!(top
        .rows
        .iter()
        .all(|r| r.term.chars().count() >= 2 && !idx.stopwords().contains(&r.term)));
    // A userdict word is one token wherever it stands: its count and articles are those of the
    // string in the text (scanned here, not read from the index).
    let row = all
        .rows
        .iter()
        .find(|r| r.term == "拟薄水铝石")
        .expect("拟薄水铝石 is a word");
    let per_article: Vec<u64> = issue.articles.iter().map(|a| count(&issue, &a.id, "拟薄水铝石")).collect();
    assert_eq!(row.count, per_article.iter().sum::<u64>());
    assert_eq!(row.articles as usize, per_article.iter().filter(|&&n| n > 0).count());
    assert!(row.count >= 2 && row.articles >= 2);
    assert!(
        all.rows.iter().all(|r| r.term != "薄水"),
        "no HMM guesses or sub-words"
    );
    let lit = frequencies(
        &idx,
        &FreqOptions {
            kind: Some(Kind::Literature),
            limit: 0,
            ..FreqOptions::default()
        },
    );
    assert!(lit.total_tokens > 0 && lit.total_tokens < all.total_tokens);
    let row = &top.rows[0];
    assert!((row.per_10k - row.count as f64 * 10_000.0 / top.total_tokens as f64).abs() < 1e-9);
}

#[test]
fn theme_top_keeps_the_articles_that_hold_the_terms_most_with_counts_per_issue() {
    let (_issue, idx) = setup();
    let terms = vec!["两带两创".to_string(), "党建".to_string()];
    let all = theme(&idx, &terms);
    assert!(all.articles.len() > 3, "the seed has several articles on these terms");
    assert_eq!(all.matched, all.articles.len());
    // Per issue: every issue listed, the counts add up to the whole.
    assert_eq!(all.issues.len(), idx.issues().len());
    assert_eq!(all.issues.iter().map(|i| i.count).sum::<u64>(), all.total);
    assert_eq!(all.issues.iter().map(|i| i.articles as usize).sum::<usize>(), all.matched);

    let top = yuliao::analysis::theme_top(&idx, &terms, 3);
    assert_eq!(top.articles.len(), 3);
    assert_eq!((top.total, top.matched, &top.issues), (all.total, all.matched, &all.issues), "totals stay whole");
    let mut counts: Vec<u64> = all.articles.iter().map(|r| r.count).collect();
    counts.sort_unstable_by(|a, b| b.cmp(a));
    let kept_min = top.articles.iter().map(|r| r.count).min().unwrap();
    assert_eq!(kept_min, counts[2], "the three highest counts are kept");
    assert!(top.articles.windows(2).all(|w| w[0].doc < w[1].doc), "listed in reading order");
    for row in &top.articles {
        assert!(all.articles.contains(row), "{} is a row of the full report", row.id);
    }
}

#[test]
fn csv_cells_that_a_spreadsheet_would_run_open_as_text() {
    let (_issue, idx) = setup();
    // Theme terms from a shared link land in the header row.
    let terms: Vec<String> = ["=HYPERLINK(\"http://x\")", "@SUM(A1)", "+1", "-2", "两带两创"].map(String::from).to_vec();
    let csv = theme_csv(&theme(&idx, &terms));
    let header = csv.lines().next().unwrap();
    for t in ["'@SUM(A1)", "'+1", "'-2", "两带两创"] {
        assert!(header.split(',').any(|c| c == t), "{t} in {header}");
    }
    assert!(header.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "{header}");
    assert!(!header.split(',').any(|c| c.starts_with(['=', '+', '-', '@'])), "{header}");
}

/// Issue 9: themes, KWIC and frequencies printed zero over a corrupted piece where search
/// failed. Each piece of the seed index is corrupted in turn: every answer is then either the
/// intact index's answer (it does not read that piece) or an error naming the piece.
#[test]
fn a_corrupt_piece_is_an_error_naming_it_never_a_zero_count() {
    let (issue, b) = built();
    let intact = Index::open(&b.manifest, &b.pieces).unwrap();
    let terms = vec!["两带两创".to_string(), "窑".to_string()];
    let unit = issue.articles.iter().flat_map(|a| &a.units).next().expect("the seed names units").clone();
    // The whole corpus reads a precomputed table; a kind and a unit together read the postings.
    let by_table = FreqOptions::default();
    let by_postings = FreqOptions { kind: Some(Kind::News), unit: Some(unit), limit: 0, ..FreqOptions::default() };
    let want_theme = try_theme(&intact, &terms).unwrap();
    let want_kwic = try_kwic(&intact, &terms, 10, 0).unwrap();
    let want_table = try_frequencies(&intact, &by_table).unwrap();
    let want_postings = try_frequencies(&intact, &by_postings).unwrap();
    assert!(want_theme.total > 0 && !want_kwic.is_empty() && !want_table.rows.is_empty() && !want_postings.rows.is_empty());

    let mut failed: [Vec<String>; 4] = Default::default();
    for (i, (corrupt, _)) in b.pieces.iter().enumerate() {
        let index = Index::open_lazy(&b.manifest).unwrap();
        for (j, (name, bytes)) in b.pieces.iter().enumerate() {
            let mut bytes = bytes.clone();
            if i == j {
                let mid = bytes.len() / 2;
                bytes[mid] ^= 0x80;
            }
            assert_eq!(index.load_piece(name, &bytes).is_err(), i == j, "{name}");
        }
        let mut check = |k: usize, got: Result<String, IndexError>, want: String| match got {
            Ok(got) => assert_eq!(got, want, "{corrupt} corrupted: a different answer instead of an error"),
            Err(e) => {
                assert!(!matches!(e, IndexError::NotLoaded { .. }) && e.to_string().contains(corrupt.as_str()), "{corrupt}: {e}");
                failed[k].push(corrupt.clone());
            }
        };
        check(0, try_theme(&index, &terms).map(|r| json(&r)), json(&want_theme));
        check(1, try_kwic(&index, &terms, 10, 0).map(|r| json(&r)), json(&want_kwic));
        check(2, try_frequencies(&index, &by_table).map(|r| json(&r)), json(&want_table));
        check(3, try_frequencies(&index, &by_postings).map(|r| json(&r)), json(&want_postings));
    }
    let kinds = |names: &Vec<String>| {
        let mut k: Vec<String> = names.iter().map(|n| n.split('-').next().unwrap().to_string()).collect();
        k.dedup();
        k
    };
    // Theme and KWIC read the character tier, where the terms lie and the texts.
    for k in 0..2 {
        for kind in ["chardict", "chars", "bigramdict", "bigrams", "layout"] {
            assert!(kinds(&failed[k]).iter().any(|x| x == kind), "answer {k} ignored a corrupt {kind} piece: {:?}", failed[k]);
        }
    }
    assert!(failed[1].iter().any(|n| n.starts_with("docs")), "KWIC reads the texts: {:?}", failed[1]);
    // The corpus's table is one piece, and that piece alone fails it.
    assert_eq!(kinds(&failed[2]), ["table"], "{:?}", failed[2]);
    for kind in ["vocab", "words", "docs"] {
        assert!(kinds(&failed[3]).iter().any(|x| x == kind), "frequencies ignored a corrupt {kind} piece: {:?}", failed[3]);
    }
}

/// An answer as text, to compare answers of different types alike.
fn json<T: std::fmt::Debug>(value: &T) -> String {
    format!("{value:?}")
}
