//! On an archive, an answer fetches only the pieces it needs: the seed issue repeated as 40
//! issues (1,040 articles), opened from its manifest alone, pieces loaded round by round as
//! the page loads them (`Index::attempt` → `load_piece`).

use std::collections::BTreeMap;
use yuliao::analysis::theme_top;
use yuliao::index::{build, BuildConfig, BuiltIndex, Index};
use yuliao::query::{alternatives, search, SearchOptions, FACET_DOCS};
use yuliao_tests::{clean_issues, repo_root};

const ISSUES: usize = 40;

fn archive() -> BuiltIndex {
    let seed = clean_issues().remove(0);
    let issues: Vec<_> = (0..ISSUES)
        .map(|n| {
            let mut issue = seed.clone();
            issue.source = format!("corpus/raw/{n:03}_copy.txt");
            for a in &mut issue.articles {
                a.id = a.id.replacen("000_d2874fb822b0e5bc", &format!("{n:03}_copy"), 1);
            }
            issue
        })
        .collect();
    let config = BuildConfig::from_corpus_dir(repo_root().join("corpus")).unwrap();
    build(&issues, &config).unwrap()
}

/// Runs `op` the way the page does; returns its answer and the names of the pieces loaded.
fn lazily<T>(b: &BuiltIndex, op: impl Fn(&Index) -> T) -> (T, Vec<String>) {
    let idx = Index::open_lazy(&b.manifest).unwrap();
    let bytes: BTreeMap<&str, &[u8]> = b.pieces.iter().map(|(n, p)| (n.as_str(), p.as_slice())).collect();
    let mut loaded = Vec::new();
    for _round in 0..12 {
        match idx.attempt(&op) {
            Ok(answer) => return (answer, loaded),
            Err(missing) => {
                for name in missing {
                    idx.load_piece(&name, bytes[name.as_str()]).unwrap();
                    loaded.push(name);
                }
            }
        }
    }
    panic!("no answer after 12 rounds");
}

#[test]
fn a_search_on_an_archive_loads_a_few_pieces_and_one_group_per_hit() {
    let b = archive();
    let full = Index::open(&b.manifest, &b.pieces).unwrap();
    let opts = SearchOptions { limit: 5, ..SearchOptions::default() };
    for q in ["拟薄水铝石", "两带两创", "窑", "author:吕丽萍"] {
        // Inside a round a piece not loaded yet may surface as an error; the round's answer is
        // dropped then, and only the last round's is kept (as in the page).
        let (r, loaded) = lazily(&b, |ix| search(ix, q, &opts));
        let r = r.unwrap();
        assert_eq!(r, search(&full, q, &opts).unwrap(), "{q}: the lazy answer is the full one");
        assert!(r.total >= ISSUES, "{q} is in every copy");
        // Metadata is read for the hits, and for the facets: every match up to FACET_DOCS,
        // the page's hits beyond.
        let groups = loaded.iter().filter(|n| n.starts_with("docs-")).count();
        if r.total > FACET_DOCS {
            assert_eq!(r.facet_docs, r.hits.len(), "{q}");
        } else {
            assert_eq!(r.facet_docs, r.total, "{q}");
        }
        assert!(groups <= r.facet_docs.max(r.hits.len()), "{q}: {groups} document groups for {} hits", r.hits.len());
        assert!(loaded.len() * 5 < b.pieces.len(), "{q}: {} of {} pieces", loaded.len(), b.pieces.len());
        // Ranking reads the norms; a field filter reads which field each occurrence lies in
        // from the lists, never the per-document layout.
        assert!(loaded.iter().any(|n| n.starts_with("norms-")), "{q}");
        assert!(!loaded.iter().any(|n| n.starts_with("layout-")), "{q}: {loaded:?}");
        // Word matches rank terms of two chars or more: a one-char term (and a filter alone)
        // reads no vocabulary.
        let vocab = loaded.iter().any(|n| n.starts_with("vocab-"));
        assert_eq!(vocab, matches!(q, "拟薄水铝石" | "两带两创"), "{q}: {loaded:?}");
    }
}

#[test]
fn alternatives_wait_for_the_search_and_a_query_with_hits_reads_no_vocabulary() {
    let b = archive();
    let full = Index::open(&b.manifest, &b.pieces).unwrap();
    let opts = SearchOptions::default();
    // As the search view runs them: the hits, then what to try instead when there are none.
    // (Inside a round a piece not loaded may surface as an error: that answer is dropped.)
    let run = |ix: &Index, q: &str| {
        search(ix, q, &opts).map(|r| (r.total, alternatives(ix, &r, 3))).unwrap_or_default()
    };
    // In the first round the chars' dictionary is not loaded, so 窑 looks missing; its close
    // words must not be looked up then (they would fetch a vocabulary piece 窑 never needs).
    let ((total, alts), loaded) = lazily(&b, |ix| run(ix, "窑"));
    assert!(total > 0 && alts.is_empty());
    assert!(!loaded.iter().any(|n| n.starts_with("vocab-")), "{loaded:?}");
    // A query that really finds nothing gets the same alternatives as on the whole index.
    let ((total, alts), loaded) = lazily(&b, |ix| run(ix, "两带两闯"));
    assert_eq!(total, 0);
    assert!(!alts.is_empty());
    assert_eq!(alts, run(&full, "两带两闯").1);
    assert!(loaded.iter().any(|n| n.starts_with("vocab-")), "close words come from the vocabulary: {loaded:?}");
}

#[test]
fn a_theme_on_an_archive_reads_metadata_only_for_its_rows() {
    let b = archive();
    let terms = vec!["两带两创".to_string()];
    let (r, loaded) = lazily(&b, |ix| theme_top(ix, &terms, 10));
    assert_eq!(r.articles.len(), 10);
    assert!(r.matched >= ISSUES);
    assert_eq!(r.issues.len(), ISSUES);
    assert!(r.issues.iter().all(|i| i.count == r.issues[0].count && i.count > 0), "the same count in every copy");
    let groups = loaded.iter().filter(|n| n.starts_with("docs-")).count();
    assert!(groups <= 10, "{groups} document groups for 10 rows");
    assert_eq!(loaded.iter().filter(|n| n.starts_with("table-")).count(), 0, "no frequency table");
}

#[test]
fn a_shared_article_link_loads_one_id_piece_and_one_group() {
    let b = archive();
    let id = "025_copy-".to_string() + clean_issues()[0].articles[7].id.rsplit_once('-').unwrap().1;
    let (article, loaded) = lazily(&b, |ix| ix.doc_by_id(&id).and_then(|d| ix.article(d)));
    let article = article.expect("the link opens");
    assert_eq!(article.id, id);
    assert_eq!(article.paragraphs, clean_issues()[0].articles[7].paragraphs);
    assert_eq!(loaded.len(), 2, "{loaded:?}");
    assert!(loaded[0].starts_with("ids-") && loaded[1].starts_with("docs-"), "{loaded:?}");
}

#[test]
fn a_concordance_on_an_archive_reads_the_texts_of_its_lines_only() {
    let b = archive();
    let terms = vec!["两带两创".to_string()];
    let full = Index::open(&b.manifest, &b.pieces).unwrap();
    let (lines, loaded) = lazily(&b, |ix| yuliao::analysis::kwic(ix, &terms, 10, 7));
    assert_eq!(lines, yuliao::analysis::kwic(&full, &terms, 10, 7), "the lazy answer is the full one");
    assert_eq!(lines.len(), 7);
    let groups = loaded.iter().filter(|n| n.starts_with("docs-")).count();
    let docs: std::collections::BTreeSet<u32> = lines.iter().map(|l| l.doc).collect();
    assert!(groups <= docs.len(), "{groups} document groups for lines in {} documents", docs.len());
}

#[test]
fn collocates_on_an_archive_read_the_node_documents_only_and_sample_beyond_a_cap() {
    use yuliao::analysis::{collocates, CollocOptions};
    let b = archive();
    let full = Index::open(&b.manifest, &b.pieces).unwrap();
    let opts = CollocOptions { min: 1, limit: 0, ..CollocOptions::default() };
    let (c, loaded) = lazily(&b, |ix| collocates(ix, "两带两创", &opts));
    let c = c.unwrap();
    assert_eq!(c, collocates(&full, "两带两创", &opts).unwrap(), "the lazy answer is the full one");
    assert!(c.sampled.is_none());
    // Forty copies of the seed: every count a multiple of forty.
    assert_eq!(c.node_freq % ISSUES as u64, 0);
    assert!(c.collocates.iter().all(|r| r.co % ISSUES as u64 == 0), "{:?}", c.collocates);
    let groups = loaded.iter().filter(|n| n.starts_with("docs-")).count();
    let docs = full.manifest().doc_groups.groups as usize;
    assert!(groups * 2 < docs, "{groups} of {docs} document groups read");
    assert_eq!(loaded.iter().filter(|n| n.starts_with("table-")).count(), 0);
    // Capped at 12 documents: a stated sample, its co counted in those documents only.
    let capped = CollocOptions { max_docs: 12, ..opts.clone() };
    let (s, loaded) = lazily(&b, |ix| collocates(ix, "两带两创", &capped));
    let s = s.unwrap();
    let sampled = s.sampled.clone().expect("a sample, said so");
    assert_eq!(sampled.docs, 12);
    assert_eq!(sampled.of_docs, 3 * ISSUES);
    assert_eq!(s.node_freq, c.node_freq, "node_freq still counts the whole corpus");
    assert!(sampled.occurrences < s.node_freq);
    let co: u64 = s.collocates.iter().map(|r| r.co).sum();
    let co_full: u64 = c.collocates.iter().map(|r| r.co).sum();
    assert!(co < co_full, "co counts the sample: {co} of {co_full}");
    let groups = loaded.iter().filter(|n| n.starts_with("docs-")).count();
    assert!(groups <= 12, "{groups} document groups for a 12-document sample");
}

#[test]
fn a_pinyin_suggestion_reads_only_a_few_pieces_of_the_pinyin_table() {
    let b = archive();
    for typed in ["ldlc", "li"] {
        let (s, loaded) = lazily(&b, |ix| yuliao::query::pinyin_suggest(ix, typed, 8));
        let s = s.unwrap();
        assert!(!s.is_empty(), "{typed}");
        assert!(!loaded.is_empty() && loaded.len() <= yuliao::index::PINYIN_PIECES_READ, "{typed}: {loaded:?}");
        assert!(loaded.iter().all(|n| n.starts_with("pinyin-")), "{typed}: only the table: {loaded:?}");
    }
}

#[test]
fn a_small_index_is_held_whole_after_one_fetch_of_its_search_pieces_and_an_archive_is_not() {
    let (_, b) = yuliao_tests::seed_built();
    let idx = Index::open_lazy(&b.manifest).unwrap();
    let listed: u64 = b.pieces.iter().map(|(_, p)| p.len() as u64).sum();
    let names = idx.search_pieces_within(listed).expect("the seed's search pieces are within its whole size");
    assert!(!names.is_empty());
    assert!(names.iter().all(|n| !n.starts_with("pinyin-") && !n.starts_with("table-")), "{names:?}");
    for kind in ["vocab-", "words-", "chars-", "bigrams-", "norms-", "ids-", "docs-"] {
        assert!(names.iter().any(|n| n.starts_with(kind)), "{kind} in {names:?}");
    }
    let bytes: BTreeMap<&str, &[u8]> = b.pieces.iter().map(|(n, p)| (n.as_str(), p.as_slice())).collect();
    for name in &names {
        idx.load_piece(name, bytes[name.as_str()]).unwrap();
    }
    assert_eq!(idx.search_pieces_within(listed), Some(vec![]), "nothing left once loaded");
    // Every query of the seed's query set, and opening each hit in the reader, now needs no
    // further piece: this is what the page gains by holding a small index whole.
    let text = std::fs::read_to_string(repo_root().join("tests/queries.txt")).unwrap();
    let queries: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect();
    assert!(queries.len() > 50);
    for q in queries {
        let answer = idx.attempt(|ix| {
            let r = search(ix, q, &SearchOptions::default());
            if let Ok(r) = &r {
                for h in &r.hits {
                    ix.doc_by_id(&h.id).and_then(|d| ix.article(d));
                }
            }
            r.map(|r| r.total)
        });
        assert!(answer.is_ok(), "{q}: still needs {:?}", answer.err());
    }
    // The archive (40 copies) is over a budget its own seed-sized search pieces would fit.
    let archive = archive();
    let budget = listed;
    assert_eq!(Index::open_lazy(&archive.manifest).unwrap().search_pieces_within(budget), None);
}

#[test]
fn piece_bytes_is_a_listed_piece_s_file_and_a_group_s_target() {
    // What the first paint's bar counts while the first module fetches pieces (www/src/first.rs).
    let (_, b) = yuliao_tests::seed_built();
    let idx = Index::open_lazy(&b.manifest).unwrap();
    let mut groups = 0;
    for (name, bytes) in &b.pieces {
        if name.starts_with("docs-") {
            groups += 1;
            assert_eq!(idx.piece_bytes(name), yuliao::index::docs::DOC_GROUP_TARGET_BYTES as u64, "{name}");
        } else {
            assert_eq!(idx.piece_bytes(name), bytes.len() as u64, "{name}");
        }
    }
    assert!(groups > 0);
}
