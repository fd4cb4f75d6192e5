//! An article id that no longer exists (a shared link made before the text was re-extracted)
//! lands on the closest match, on the real seed issue.

use yuliao::corpus::Issue;
use yuliao::index::{build, BuildConfig, Index};
use yuliao::query::{closest, ClosestReason};
use yuliao_tests::{clean_issues, repo_root};

fn setup() -> (Issue, Index) {
    let issue = clean_issues().remove(0);
    let config = BuildConfig::from_corpus_dir(repo_root().join("corpus")).unwrap();
    let b = build(std::slice::from_ref(&issue), &config).unwrap();
    (issue, Index::open(&b.manifest, &b.pieces).unwrap())
}

#[test]
fn a_stale_id_with_the_links_query_finds_the_article_that_holds_it() {
    let (issue, idx) = setup();
    // The article about 拟薄水铝石, linked with that query, but its opening (and so its hash)
    // changed since the link was made.
    let target = issue.articles.iter().find(|a| a.paragraphs.iter().any(|p| p.contains("拟薄水铝石"))).unwrap();
    let stale = format!("{}-00000000", issue.articles[0].id.split('-').next().unwrap());
    assert!(idx.doc_by_id(&stale).is_none(), "the stale id is gone");
    let c = closest(&idx, &stale, "拟薄水铝石");
    assert_eq!(c.issue.as_ref().unwrap().stem, "000_d2874fb822b0e5bc");
    assert_eq!(c.articles.len(), issue.articles.len(), "every article of the issue is offered");
    let holders: Vec<&str> = issue
        .articles
        .iter()
        .filter(|a| a.paragraphs.iter().chain(a.title.iter()).any(|p| p.contains("拟薄水铝石")))
        .map(|a| a.id.as_str())
        .collect();
    let first: Vec<&str> = c.articles.iter().take(holders.len()).map(|a| a.id.as_str()).collect();
    assert!(holders.iter().all(|h| first.contains(h)), "holders {holders:?} come first, got {first:?}");
    assert!(first.contains(&target.id.as_str()));
    assert!(c.articles[..holders.len()].iter().all(|a| a.reason == ClosestReason::HoldsQuery && a.hits > 0));
    assert!(c.articles[holders.len()..].iter().all(|a| a.reason == ClosestReason::SameIssue && a.hits == 0));
    // Without a query: the issue's articles in reading order.
    let plain = closest(&idx, &stale, "");
    assert!(plain.articles.windows(2).all(|w| w[0].doc < w[1].doc));
}

#[test]
fn a_repeat_suffix_that_moved_points_at_the_same_opening() {
    let (issue, idx) = setup();
    let id = &issue.articles[3].id;
    let c = closest(&idx, &format!("{id}-2"), "");
    assert_eq!(c.articles[0].id, *id);
    assert_eq!(c.articles[0].reason, ClosestReason::SameOpening);
}

#[test]
fn an_id_of_no_issue_offers_nothing() {
    let (_, idx) = setup();
    for id in ["", "-", "nosuchissue-12345678", "000_d2874fb822b0e5bcX-1"] {
        let c = closest(&idx, id, "两带两创");
        assert!(c.issue.is_none() && c.articles.is_empty(), "{id:?}");
    }
}
