//! The text of an article as the bench compares it, and the ground truth for a query: which
//! articles hold its strings. (Reading the cleaned corpus and the query files is done by the
//! build and test tasks' readers, `build::read_issues` and `test::read_queries`.)
//!
//! Takes in-memory `Issue`s and query strings. Returns texts and id sets in reading order.
//! Guarantees: the ground truth is a plain substring scan of the text, independent of the
//! engine under test (no segmentation, no index).

use yuliao::corpus::{Article, Issue};

/// The text of an article as the bench compares it: every field the engine searches (title,
/// paragraphs, then subtitle, column, authors, photographers, units), one per line, taken from
/// [`yuliao::index::search_text`] so both engines and the ground truth see the same text.
/// This is what the Pagefind pages hold and what the ground truth scans.
pub fn article_text(a: &Article) -> String {
    yuliao::index::search_text(a).0
}

/// Full-width ASCII to ASCII, the ideographic space to a space, ASCII lower case: the
/// normalisation a reader expects (Ａ４ finds A4), applied to both text and query.
pub fn normalize(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// A query in the subset of the engine's syntax that has an obvious substring meaning:
/// words AND, `"phrase"` (or `“phrase”`), `A OR B`, `-exclude` (a minus before a digit, as in
/// `-45μm`, is part of the term). Field filters have none, so they give `None`.
#[derive(Debug, Clone, PartialEq)]
pub struct TruthQuery {
    /// Every clause must match; a clause matches when any of its strings is in the text.
    pub all: Vec<Vec<String>>,
    /// No string here may be in the text.
    pub none: Vec<String>,
}

impl TruthQuery {
    pub fn parse(query: &str) -> Option<TruthQuery> {
        enum Tok {
            Text(String),
            Or,
            Not(String),
        }
        let q = normalize(query);
        let mut toks = Vec::new();
        let mut chars = q.chars().peekable();
        while let Some(&c) = chars.peek() {
            if c.is_whitespace() {
                chars.next();
            } else if c == '"' || c == '“' {
                chars.next();
                let phrase: String = chars.by_ref().take_while(|&c| c != '"' && c != '”').collect();
                if !phrase.trim().is_empty() {
                    toks.push(Tok::Text(phrase));
                }
            } else {
                let mut word = String::new();
                while let Some(&c) = chars.peek() {
                    if c.is_whitespace() {
                        break;
                    }
                    word.push(c);
                    chars.next();
                }
                if word == "or" {
                    toks.push(Tok::Or);
                } else if let Some(rest) = word
                    .strip_prefix('-')
                    .filter(|r| !r.is_empty() && !r.starts_with(|c: char| c.is_ascii_digit()))
                {
                    toks.push(Tok::Not(rest.trim_matches('"').to_string()));
                } else if word.contains(':') {
                    return None;
                } else {
                    toks.push(Tok::Text(word));
                }
            }
        }
        let mut all: Vec<Vec<String>> = Vec::new();
        let mut none = Vec::new();
        let mut pending_or = false;
        for tok in toks {
            match tok {
                Tok::Or => pending_or = !all.is_empty(),
                Tok::Not(s) => {
                    none.push(s);
                    pending_or = false;
                }
                Tok::Text(s) => {
                    match all.last_mut() {
                        Some(clause) if pending_or => clause.push(s),
                        _ => all.push(vec![s]),
                    }
                    pending_or = false;
                }
            }
        }
        if all.is_empty() {
            return None;
        }
        Some(TruthQuery { all, none })
    }

    /// True for plain words and phrases (no OR, no exclusion): a query any engine
    /// understands, so a peer's found set can be compared with ours.
    pub fn is_plain(&self) -> bool {
        self.none.is_empty() && self.all.iter().all(|c| c.len() == 1)
    }

    /// Whether `normalized_text` (see [`normalize`]) satisfies the query.
    pub fn matches(&self, normalized_text: &str) -> bool {
        self.all
            .iter()
            .all(|clause| clause.iter().any(|s| normalized_text.contains(s.as_str())))
            && !self.none.iter().any(|s| normalized_text.contains(s.as_str()))
    }
}

/// Article ids and normalised texts, in reading order, for ground-truth scans.
pub struct TruthDocs {
    pub ids: Vec<String>,
    pub texts: Vec<String>,
}

impl TruthDocs {
    pub fn new(issues: &[Issue]) -> TruthDocs {
        let articles = issues.iter().flat_map(|i| &i.articles);
        let (ids, texts) = articles.map(|a| (a.id.clone(), normalize(&article_text(a)))).unzip();
        TruthDocs { ids, texts }
    }

    /// Ids of the articles that hold the query's strings, or `None` when the query has
    /// no substring meaning (field filters, exclusion only).
    pub fn truth(&self, query: &str) -> Option<Vec<String>> {
        let q = TruthQuery::parse(query)?;
        Some(
            self.texts
                .iter()
                .zip(&self.ids)
                .filter(|(t, _)| q.matches(t))
                .map(|(_, id)| id.clone())
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truth_query_subset() {
        let q = TruthQuery::parse("提质 增效").unwrap();
        assert_eq!(q.all, vec![vec!["提质".to_string()], vec!["增效".to_string()]]);
        assert!(q.matches("提质增效") && !q.matches("提质"));

        let q = TruthQuery::parse("氧化铝 OR 分子筛").unwrap();
        assert!(!q.is_plain());
        assert!(q.matches("分子筛订单") && !q.matches("石灰"));

        let q = TruthQuery::parse("检修 -焊工").unwrap();
        assert!(q.matches("检修任务") && !q.matches("焊工检修"));

        let q = TruthQuery::parse("\"专项 行动\"").unwrap();
        assert_eq!(q.all, vec![vec!["专项 行动".to_string()]]);
        assert!(q.is_plain());

        assert_eq!(TruthQuery::parse("author:李白"), None);
        assert_eq!(TruthQuery::parse("-45μm").unwrap().all, vec![vec!["-45μm".to_string()]]);
        assert_eq!(TruthQuery::parse("-检修"), None);
        assert_eq!(
            TruthQuery::parse("“两带两创”").unwrap().all,
            vec![vec!["两带两创".to_string()]]
        );
        assert_eq!(TruthQuery::parse("   "), None);
        assert!(TruthQuery::parse("ＡＲＬ３４６０")
            .unwrap()
            .matches(&normalize("型号arl3460光谱仪")));
    }
}
