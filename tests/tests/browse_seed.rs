//! Browsing the paper on the real seed issue: the issue list, the table of contents in reading
//! order with working titles for the untitled articles and shared headlines told apart, and on
//! an archive (the seed repeated as 40 issues, opened lazily) a TOC page that reads only its
//! own document groups.

use std::collections::BTreeMap;
use yuliao::browse::{issues_newest_first, labels, toc, TOC_PAGE};
use yuliao::index::{build, BuildConfig, BuiltIndex, Index};
use yuliao_tests::{clean_issues, repo_root};

fn seed_index() -> (yuliao::corpus::Issue, Index) {
    let (issue, b) = yuliao_tests::seed_built();
    (issue, Index::open(&b.manifest, &b.pieces).unwrap())
}

fn stem_of(issue: &yuliao::corpus::Issue) -> String {
    issue.source.rsplit('/').next().unwrap().trim_end_matches(".txt").to_string()
}

#[test]
fn the_seed_toc_lists_its_26_articles_in_reading_order_with_working_titles() {
    let (issue, idx) = seed_index();
    let stem = stem_of(&issue);
    let list = issues_newest_first(&idx);
    assert_eq!(list.len(), 1);
    assert_eq!((list[0].stem.as_str(), list[0].date.as_deref(), list[0].docs), (stem.as_str(), Some("2024-01"), 26));

    let t = toc(&idx, &stem, 0, TOC_PAGE).expect("the seed issue");
    assert_eq!(t.entries.len(), 26);
    let want: Vec<&str> = issue.articles.iter().map(|a| a.id.as_str()).collect();
    let got: Vec<&str> = t.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(got, want, "reading order");
    for (e, a) in t.entries.iter().zip(&issue.articles) {
        assert_eq!((e.kind, &e.column, &e.authors, &e.photographers, &e.units), (a.kind, &a.column, &a.authors, &a.photographers, &a.units));
        assert_eq!(e.label.working, a.title.is_none(), "{}", a.id);
        assert!(!e.label.text.is_empty() && e.label.text != "无标题", "{}: {:?}", a.id, e.label);
        match &a.title {
            Some(title) => assert_eq!(&e.label.text, title),
            // Words of its opening, after the dateline.
            None => {
                let opening = a.paragraphs[0].replace("劲旅讯 ", "");
                let head: String = e.label.text.trim_end_matches('…').chars().take(4).collect();
                assert!(opening.contains(&head), "{}: {:?} from {opening}", a.id, e.label.text);
            }
        }
    }
    assert_eq!(t.entries.iter().filter(|e| e.label.working).count(), 6, "six untitled articles in the seed");
    // The two 超额完成2023年生产经营目标任务 are told apart by their units.
    let shared: Vec<_> = t.entries.iter().filter(|e| e.label.text == "超额完成2023年生产经营目标任务").collect();
    assert_eq!(shared.len(), 2);
    assert_eq!(shared[0].label.tell.as_deref(), Some("精细氧化铝事业部"));
    assert_eq!(shared[1].label.tell.as_deref(), Some("山西中铝工服"));
    assert_eq!(t.entries.iter().filter(|e| e.label.tell.is_some()).count(), 2, "only shared headlines get a tell");

    // Pages: the second of 10 rows starts at the 11th article; past the end is empty.
    let p = toc(&idx, &stem, 10, 10).unwrap();
    assert_eq!((p.offset, p.entries[0].id.as_str(), p.entries.len()), (10, want[10], 10));
    assert!(toc(&idx, &stem, 100, 10).unwrap().entries.is_empty());
    assert!(toc(&idx, "no-such-issue", 0, 10).is_none());
    // The labels of every article agree with the TOC's.
    let all: Vec<_> = issue.articles.iter().collect();
    assert_eq!(labels(&all), t.entries.iter().map(|e| e.label.clone()).collect::<Vec<_>>());
}

fn archive(n: usize) -> BuiltIndex {
    let seed = clean_issues().remove(0);
    let issues: Vec<_> = (0..n)
        .map(|k| {
            let mut issue = seed.clone();
            issue.source = format!("corpus/raw/{k:03}_copy.txt");
            issue.date = Some(format!("{}-{:02}", 2020 + k / 12, k % 12 + 1));
            for a in &mut issue.articles {
                a.id = a.id.replacen("000_d2874fb822b0e5bc", &format!("{k:03}_copy"), 1);
            }
            issue
        })
        .collect();
    let config = BuildConfig::from_corpus_dir(repo_root().join("corpus")).unwrap();
    build(&issues, &config).unwrap()
}

#[test]
fn on_an_archive_the_issue_list_reads_the_manifest_and_a_toc_page_its_own_groups() {
    let b = archive(40);
    let idx = Index::open_lazy(&b.manifest).unwrap();
    let list = idx.attempt(issues_newest_first).expect("the manifest alone answers");
    assert_eq!(list.len(), 40);
    assert_eq!((list[0].stem.as_str(), list[0].date.as_deref()), ("039_copy", Some("2023-04")));
    assert_eq!(list[39].stem, "000_copy");

    let bytes: BTreeMap<&str, &[u8]> = b.pieces.iter().map(|(n, p)| (n.as_str(), p.as_slice())).collect();
    let mut loaded: Vec<String> = Vec::new();
    let page = loop {
        match idx.attempt(|ix| toc(ix, "017_copy", 0, TOC_PAGE)) {
            Ok(t) => break t.unwrap(),
            Err(missing) => {
                assert!(loaded.len() < 100, "no answer after {} pieces", loaded.len());
                for name in missing {
                    idx.load_piece(&name, bytes[name.as_str()]).unwrap();
                    loaded.push(name);
                }
            }
        }
    };
    assert_eq!(page.entries.len(), 26);
    assert!(page.entries.iter().all(|e| e.id.starts_with("017_copy-")));
    assert!(loaded.iter().all(|n| n.starts_with("docs-")), "only document groups: {loaded:?}");
    // The groups holding documents 17 * 26 .. 18 * 26, no other.
    let full = Index::open(&b.manifest, &b.pieces).unwrap();
    let groups = full.manifest().doc_groups.clone();
    let mut want: Vec<String> = (17 * 26..18 * 26).map(|d| groups.file_name(groups.group_of(d))).collect();
    want.dedup();
    loaded.sort();
    want.sort();
    assert_eq!(loaded, want);
}

#[test]
fn the_reader_sets_the_free_verse_poem_as_lines_and_photo_texts_as_captions() {
    use yuliao::browse::{text_layout, TextLayout};
    use yuliao::corpus::Kind;
    let (issue, _) = seed_index();
    let mut verse = Vec::new();
    for a in &issue.articles {
        let layout = text_layout(a);
        match a.kind {
            Kind::Photo => assert_eq!(layout, TextLayout::Caption, "{}", a.id),
            Kind::Literature if layout == TextLayout::Verse => verse.push(a.title.clone().unwrap_or_default()),
            _ => assert_eq!(layout, TextLayout::Prose, "{}", a.id),
        }
    }
    // seed-notes: the last page holds prose (暖), a free-verse poem, a memoir and a book review.
    assert_eq!(verse, vec!["往事如烟".to_string()]);
    // A Tang quatrain is verse too.
    let mut poem = issue.articles.iter().find(|a| a.kind == Kind::Literature).unwrap().clone();
    poem.paragraphs = ["床前明月光，", "疑是地上霜。", "举头望明月，", "低头思故乡。"].map(String::from).to_vec();
    assert_eq!(text_layout(&poem), TextLayout::Verse);
}
