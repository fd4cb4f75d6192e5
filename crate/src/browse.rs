//! Browsing the paper: the issue list, one issue's table of contents, and the title a reader
//! sees for an article (a working title from its opening words when it has none, told apart
//! from the other articles of a list that share its headline).
//!
//! Takes an [`Index`] (opened whole or lazily) and returns plain data: [`issues_newest_first`]
//! and [`find_issue`] read the manifest only; [`toc`] reads the document groups of one page of
//! one issue's articles and nothing else (no postings, no other issue), so an archive of
//! thousands of issues browses as cheaply as the seed. [`labels`] / [`labels_of`] turn articles
//! into [`Label`]s. Guarantees: every article gets a non-empty label when it has any text, a
//! title, subtitle or column; a label is marked `working` exactly when the article has no
//! title; within one call, labels with the same text get a `tell` that differs between them.

use crate::corpus::{Article, Kind};
use crate::index::{Index, IssueInfo};

/// The most characters of a working title before it is cut with `…`.
pub const WORKING_TITLE_CHARS: usize = 20;
/// A working title shorter than this takes the next clause too.
const WORKING_TITLE_MIN_CHARS: usize = 6;
/// Default rows per page of a table of contents (a 5,000-poem issue is read a page at a time).
pub const TOC_PAGE: usize = 100;

/// What a list shows as an article's title.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Label {
    /// The printed title, or (when `working`) words from the opening of the article.
    pub text: String,
    /// True when the article has no title and `text` was made from its opening; the page marks
    /// it as such ("untitled").
    pub working: bool,
    /// When other articles of the same list share `text`: what tells this one apart (its
    /// units, its bylines, its opening words, or its place "(2)").
    pub tell: Option<String>,
}

/// One row of a table of contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TocEntry {
    pub id: String,
    pub doc: u32,
    pub kind: Kind,
    pub column: Option<String>,
    pub authors: Vec<String>,
    pub photographers: Vec<String>,
    pub units: Vec<String>,
    pub label: Label,
}

/// A page of an issue's table of contents, in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Toc {
    pub issue: IssueInfo,
    /// Place in the issue of the first entry (from 0).
    pub offset: usize,
    pub entries: Vec<TocEntry>,
}

/// The issues, newest first: by date (undated ones last), then by stem, latest first.
pub fn issues_newest_first(index: &Index) -> Vec<IssueInfo> {
    let mut issues = index.issues().to_vec();
    crate::order::sort_by(&mut issues, |a, b| {
        // `None < Some`, so comparing b with a puts the latest dates first and undated last.
        b.date.cmp(&a.date).then_with(|| b.stem.cmp(&a.stem))
    });
    issues
}

/// The issue whose cleaned file has stem `stem` (manifest only).
pub fn find_issue(index: &Index, stem: &str) -> Option<IssueInfo> {
    index.issues().iter().find(|i| i.stem == stem).cloned()
}

/// Up to `limit` articles of issue `stem` from its `offset`-th, in reading order, with their
/// labels (told apart within the page). Reads only the document groups of those articles.
/// `None` when there is no such issue; an offset past the end gives an empty page.
pub fn toc(index: &Index, stem: &str, offset: usize, limit: usize) -> Option<Toc> {
    let issue = find_issue(index, stem)?;
    let start = issue.first_doc as usize + offset.min(issue.docs as usize);
    let end = (issue.first_doc as usize + issue.docs as usize).min(start.saturating_add(limit));
    let articles: Vec<(u32, Article)> =
        (start..end).filter_map(|d| index.article(d as u32).map(|a| (d as u32, a))).collect();
    let labels = labels(&articles.iter().map(|(_, a)| a).collect::<Vec<_>>());
    let entries = articles
        .into_iter()
        .zip(labels)
        .map(|((doc, a), label)| TocEntry {
            id: a.id,
            doc,
            kind: a.kind,
            column: a.column,
            authors: a.authors,
            photographers: a.photographers,
            units: a.units,
            label,
        })
        .collect();
    Some(Toc { offset: start - issue.first_doc as usize, issue, entries })
}

/// The labels of documents `docs` (see [`labels`]); a document listed twice (concordance lines
/// of one article) gets the same label each time; one that is out of range (or whose group is
/// not loaded yet, which a lazy index records) gets an empty label.
pub fn labels_of(index: &Index, docs: &[u32]) -> Vec<Label> {
    let mut unique: Vec<u32> = Vec::new();
    for &d in docs {
        if !unique.contains(&d) {
            unique.push(d);
        }
    }
    let articles: Vec<(u32, Article)> = unique.iter().filter_map(|&d| index.article(d).map(|a| (d, a))).collect();
    let made = labels(&articles.iter().map(|(_, a)| a).collect::<Vec<_>>());
    docs.iter()
        .map(|d| articles.iter().position(|(x, _)| x == d).map(|i| made[i].clone()).unwrap_or_default())
        .collect()
}

/// The label of each article, in order; labels whose text is the same get a `tell`.
pub fn labels(articles: &[&Article]) -> Vec<Label> {
    let mut out: Vec<Label> = articles.iter().map(|a| label(a)).collect();
    for i in 0..out.len() {
        if out[i].tell.is_some() || out[i].text.is_empty() {
            continue;
        }
        let group: Vec<usize> = (i..out.len()).filter(|&j| out[j].text == out[i].text).collect();
        if group.len() < 2 {
            continue;
        }
        for (j, tell) in group.iter().zip(tells(articles, &out, &group)) {
            out[*j].tell = Some(tell);
        }
    }
    out
}

/// What tells the articles of `group` (same label text) apart: the first of units, bylines and
/// opening words that is present and different for each; else their places, `(1)`, `(2)`…
fn tells(articles: &[&Article], labels: &[Label], group: &[usize]) -> Vec<String> {
    let distinct = |values: &[String]| {
        values.iter().all(|v| !v.is_empty())
            && values.iter().enumerate().all(|(k, v)| !values[..k].contains(v))
    };
    let units: Vec<String> = group.iter().map(|&j| articles[j].units.join("、")).collect();
    if distinct(&units) {
        return units;
    }
    let bylines: Vec<String> = group
        .iter()
        .map(|&j| articles[j].authors.iter().chain(&articles[j].photographers).cloned().collect::<Vec<_>>().join("、"))
        .collect();
    if distinct(&bylines) {
        return bylines;
    }
    if group.iter().all(|&j| !labels[j].working) {
        let openings: Vec<String> = group.iter().map(|&j| opening_words(articles[j]).unwrap_or_default()).collect();
        if distinct(&openings) {
            return openings;
        }
    }
    (1..=group.len()).map(|n| format!("({n})")).collect()
}

/// How the reader sets an article's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextLayout {
    /// Paragraphs.
    Prose,
    /// Lines of a poem, kept as lines: a literary piece of at least [`VERSE_MIN_LINES`] lines
    /// whose median line is at most [`VERSE_MAX_MEDIAN_CHARS`] characters.
    Verse,
    /// The caption of a photo (a `photo` article's text).
    Caption,
}

/// Fewest lines a poem has (a short piece of two or three lines reads as prose either way).
pub const VERSE_MIN_LINES: usize = 4;
/// Longest median line of a poem, in characters: the seed's free verse runs 3–14 characters a
/// line, a Tang poem 5 or 7, prose paragraphs 50 and more.
pub const VERSE_MAX_MEDIAN_CHARS: usize = 16;

/// How the reader sets `a`'s text (see [`TextLayout`]).
pub fn text_layout(a: &Article) -> TextLayout {
    if a.kind == crate::corpus::Kind::Photo {
        return TextLayout::Caption;
    }
    let mut lens: Vec<usize> = a.paragraphs.iter().map(|p| p.trim().chars().count()).filter(|&n| n > 0).collect();
    lens.sort_unstable();
    let verse = a.kind == crate::corpus::Kind::Literature && lens.len() >= VERSE_MIN_LINES && lens[lens.len() / 2] <= VERSE_MAX_MEDIAN_CHARS;
    if verse {
        TextLayout::Verse
    } else {
        TextLayout::Prose
    }
}

/// The label of one article on its own: its title, or a working title (see [`working_title`]).
pub fn label(a: &Article) -> Label {
    match a.title.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => Label { text: t.to_string(), working: false, tell: None },
        None => Label { text: working_title(a), working: true, tell: None },
    }
}

/// A title for an article that has none: the opening words of its text (without the dateline
/// `劲旅讯` and a leading time such as `1月7日至8日，` or `近日，`), at most
/// [`WORKING_TITLE_CHARS`] characters, `…` when the text goes on; without text its subtitle or
/// column; else empty.
pub fn working_title(a: &Article) -> String {
    opening_words(a)
        .or_else(|| a.subtitle.clone().filter(|s| !s.trim().is_empty()))
        .or_else(|| a.column.clone().filter(|s| !s.trim().is_empty()))
        .unwrap_or_default()
}

/// The punctuation that ends a clause of the opening.
fn is_clause_end(c: char) -> bool {
    matches!(c, '，' | ',' | '、' | '；' | ';' | '：' | ':' | '。' | '！' | '？' | '!' | '?')
}

/// A clause that only says when (`2023年以来`, `1月7日至8日`, `近日`, `日前`): skipped at the
/// start of a working title, which should say what.
fn is_time_clause(clause: &str) -> bool {
    const ENDS: [&str; 10] = ["日", "以来", "近日", "日前", "近期", "期间", "月", "年", "之际", "时"];
    clause.chars().count() <= 10 && ENDS.iter().any(|e| clause.ends_with(e))
}

/// The opening words of the first paragraph with text (see [`working_title`]).
fn opening_words(a: &Article) -> Option<String> {
    let text = a.paragraphs.iter().map(|p| p.trim()).find(|p| !p.is_empty())?;
    // The dateline: `劲旅讯 `, `又讯 `, `本报讯　`: a few chars ending in 讯, then a space.
    let text = match text.split_once(|c: char| c.is_whitespace()) {
        Some((head, rest)) if head.ends_with('讯') && head.chars().count() <= 6 && !rest.trim().is_empty() => rest.trim_start(),
        _ => text,
    };
    // Clauses with the punctuation that ends each.
    let mut clauses: Vec<&str> = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if is_clause_end(c) {
            clauses.push(&text[start..i + c.len_utf8()]);
            start = i + c.len_utf8();
        }
    }
    if start < text.len() {
        clauses.push(&text[start..]);
    }
    let bare = |c: &str| c.trim_end_matches(is_clause_end).trim().to_string();
    let mut first = 0;
    while first + 1 < clauses.len() && first < 2 && is_time_clause(&bare(clauses[first])) {
        first += 1;
    }
    let mut title = String::new();
    let mut used = first;
    while used < clauses.len() {
        let clause = if title.is_empty() { bare(clauses[used]) } else { clauses[used].trim().to_string() };
        if !title.is_empty() {
            // The previous clause's punctuation goes back in between.
            let prev = clauses[used - 1].trim_end();
            title.extend(prev.chars().last().filter(|c| is_clause_end(*c)));
        }
        title.push_str(clause.trim_end_matches(is_clause_end));
        used += 1;
        if title.chars().count() >= WORKING_TITLE_MIN_CHARS || clauses[used - 1].ends_with(['。', '！', '？', '!', '?']) {
            break;
        }
    }
    if title.is_empty() {
        return None;
    }
    let more = used < clauses.len() || a.paragraphs.iter().filter(|p| !p.trim().is_empty()).count() > 1;
    if title.chars().count() > WORKING_TITLE_CHARS {
        title = title.chars().take(WORKING_TITLE_CHARS).collect();
        title = title.trim_end_matches(is_clause_end).to_string();
        title.push('…');
    } else if more {
        title.push('…');
    }
    Some(title)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(id: &str, title: Option<&str>, units: &[&str], authors: &[&str], paragraphs: &[&str]) -> Article {
        Article {
            id: id.into(),
            title: title.map(str::to_string),
            subtitle: None,
            authors: authors.iter().map(|s| s.to_string()).collect(),
            photographers: vec![],
            units: units.iter().map(|s| s.to_string()).collect(),
            kind: Kind::News,
            column: None,
            paragraphs: paragraphs.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn working(paragraphs: &[&str]) -> String {
        working_title(&article("a", None, &[], &[], paragraphs))
    }

    #[test]
    fn working_titles_skip_the_dateline_and_the_time_and_say_what() {
        assert_eq!(
            working(&["劲旅讯 1月7日至8日，中铝股份党建工作第二考核组组长、股份人力资源部副总经理王某"]),
            "中铝股份党建工作第二考核组组长…"
        );
        assert_eq!(working(&["劲旅讯 为缓解公司供矿压力，近日，矿业公司交口牛槽沟铝矿深挖内在潜能"]), "为缓解公司供矿压力…");
        assert_eq!(
            working(&["劲旅讯 近日，精细氧化铝事业部拟薄水铝石二工区对调配槽工艺流程进行疏理改造，降低"]),
            "精细氧化铝事业部拟薄水铝石二工区对调配槽…"
        );
        assert_eq!(working(&["近段时间以来，技术研发中心质量检测党支部充分发挥战斗堡垒作用"]), "技术研发中心质量检测党支部充分发挥战斗堡…");
        // A short first clause takes the next one, with its comma.
        assert_eq!(working(&["冬天，太阳照在庄稼院里。", "第二段"]), "冬天，太阳照在庄稼院里…");
        // The whole of a short one-paragraph text: no ellipsis.
        assert_eq!(working(&["太阳照在庄稼院里"]), "太阳照在庄稼院里");
        // Only a time: kept rather than nothing.
        assert_eq!(working(&["2023年以来"]), "2023年以来");
        assert_eq!(working(&["", "  "]), "");
        let mut a = article("a", None, &[], &[], &[]);
        a.subtitle = Some("副题".into());
        assert_eq!(working_title(&a), "副题");
    }

    #[cfg(feature = "native")]
    #[test]
    fn labels_of_documents_repeat_for_a_repeated_document() {
        use crate::corpus::Issue;
        use crate::index::{build, BuildConfig};
        let a = article("t-1", Some("同题"), &["甲厂"], &[], &["劲旅讯 一"]);
        let b = article("t-2", Some("同题"), &["乙厂"], &[], &["劲旅讯 二"]);
        let c = article("t-3", None, &[], &[], &["劲旅讯 近日，丙厂开展活动。"]);
        let issue = Issue {
            source: "corpus/raw/t.txt".into(),
            publication: "劲旅".into(),
            date: Some("2024-01".into()),
            articles: vec![a, b, c],
            unplaced: vec![],
            editors: vec![],
        };
        let built = build(&[issue], &BuildConfig::default()).unwrap();
        let idx = Index::open(&built.manifest, &built.pieces).unwrap();
        let texts = |docs: &[u32]| -> Vec<(String, Option<String>)> {
            labels_of(&idx, docs).into_iter().map(|l| (l.text, l.tell)).collect()
        };
        // One article listed three times is not told apart from itself.
        assert_eq!(texts(&[0, 0, 0]), vec![("同题".to_string(), None); 3]);
        assert_eq!(
            texts(&[0, 1, 0, 2, 9]),
            [
                ("同题".to_string(), Some("甲厂".to_string())),
                ("同题".to_string(), Some("乙厂".to_string())),
                ("同题".to_string(), Some("甲厂".to_string())),
                ("丙厂开展活动".to_string(), None),
                (String::new(), None),
            ]
        );
    }

    #[test]
    fn labels_mark_working_titles_and_tell_shared_headlines_apart() {
        let a = article("a", Some("超额完成目标任务"), &["精细氧化铝事业部"], &[], &["劲旅讯 甲"]);
        let b = article("b", Some("超额完成目标任务"), &["山西中铝工服"], &["王星芸"], &["又讯 乙"]);
        let c = article("c", None, &[], &[], &["劲旅讯 近日，热电分厂开展竞赛活动"]);
        let d = article("d", Some(" 暖 "), &[], &["王建强"], &["冬天"]);
        let l = labels(&[&a, &b, &c, &d]);
        assert_eq!(l[0], Label { text: "超额完成目标任务".into(), working: false, tell: Some("精细氧化铝事业部".into()) });
        assert_eq!(l[1].tell.as_deref(), Some("山西中铝工服"));
        assert_eq!(l[2], Label { text: "热电分厂开展竞赛活动".into(), working: true, tell: None });
        assert_eq!(l[3], Label { text: "暖".into(), working: false, tell: None });
        // Same units: the bylines; same bylines too: the opening words; nothing differs: places.
        let e = article("e", Some("暖"), &[], &["韩长绵"], &["春天"]);
        assert_eq!(labels(&[&d, &e]).iter().map(|l| l.tell.clone().unwrap()).collect::<Vec<_>>(), ["王建强", "韩长绵"]);
        let f = article("f", Some("暖"), &[], &["王建强"], &["秋天"]);
        assert_eq!(labels(&[&d, &f]).iter().map(|l| l.tell.clone().unwrap()).collect::<Vec<_>>(), ["冬天", "秋天"]);
        let g = article("g", Some("暖"), &[], &["王建强"], &["冬天"]);
        assert_eq!(labels(&[&d, &g, &a]).iter().map(|l| l.tell.clone()).collect::<Vec<_>>(), [Some("(1)".into()), Some("(2)".into()), None]);
    }
}
