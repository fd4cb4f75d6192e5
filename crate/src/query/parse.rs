//! Query parsing: a string in, a [`ParsedQuery`] (AND of OR-groups, exclusions, filters) out.
//!
//! Guarantees: linear time in the query length, no panics; every term and phrase comes out
//! normalised ([`crate::text::normalize`]); limits are checked before any index work.

use super::QueryError;
use crate::corpus::Kind;
use crate::text::{is_searchable, normalize};

/// Longest accepted query, in chars.
pub const MAX_QUERY_CHARS: usize = 1000;
/// Most terms + phrases + filters in one query.
pub const MAX_ATOMS: usize = 32;

/// A term or phrase to find as an exact substring.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Atom {
    /// Normalised text (a phrase keeps single spaces only between Latin/digit chars).
    pub text: String,
    pub phrase: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Author,
    /// Who took the photos: not an author.
    Photographer,
    Unit,
    Kind,
    Title,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    pub field: Field,
    /// Normalised value.
    pub value: String,
    pub negated: bool,
}

impl Field {
    /// The name a query writes before the colon.
    pub fn name(self) -> &'static str {
        match self {
            Field::Author => "author",
            Field::Photographer => "photographer",
            Field::Unit => "unit",
            Field::Kind => "kind",
            Field::Title => "title",
        }
    }
}

impl Filter {
    /// The filter as a query writes it (`-unit:热电分厂`, `unit:"a b"`).
    pub fn to_query(&self) -> String {
        let value = if needs_quotes(&self.value) { quoted(&self.value) } else { self.value.clone() };
        format!("{}{}:{value}", if self.negated { "-" } else { "" }, self.field.name())
    }
}

/// Whether a term written bare would be read as something else: an operator (`OR`), an
/// exclusion (`-窑`), a filter (`unit:x`), a phrase (quotes) or several terms (spaces).
fn needs_quotes(term: &str) -> bool {
    term.is_empty()
        || term == "OR"
        || term.starts_with('-')
        || term.contains(|c: char| c.is_whitespace() || c == ':' || c == '\u{1}' || is_open_quote(c) || is_close_quote(c))
}

fn quoted(term: &str) -> String {
    format!("\"{}\"", term.replace('"', "\"\""))
}

/// A term as a query writes it, so that [`parse`] reads it back as that one term whatever it
/// holds: bare when it can be, otherwise in ASCII quotes with `"` doubled. Views that build
/// queries (a facet added, theme terms joined with `OR`) go through this and
/// [`ParsedQuery::to_query`], never through string pasting.
pub fn quote_term(term: &str) -> String {
    if needs_quotes(term) {
        quoted(term)
    } else {
        term.to_string()
    }
}

/// The query that matches any of `terms` (`A OR B OR "c d"`).
pub fn any_of(terms: &[String]) -> String {
    terms.iter().map(|t| quote_term(t)).collect::<Vec<_>>().join(" OR ")
}

/// `query` with one more filter, unless it holds that filter already; None then. An
/// unparsable query gets the filter alone after it.
pub fn with_filter(query: &str, filter: Filter) -> Option<String> {
    match parse(query) {
        Ok(mut q) => {
            if q.filters.contains(&filter) {
                return None;
            }
            q.filters.push(filter);
            Some(q.to_query())
        }
        Err(_) => Some(format!("{} {}", query.trim(), filter.to_query()).trim().to_string()),
    }
}

/// A parsed query: every group must match (a group matches when any of its atoms does), no
/// excluded atom may match, and every filter must hold.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ParsedQuery {
    pub groups: Vec<Vec<Atom>>,
    pub excludes: Vec<Atom>,
    pub filters: Vec<Filter>,
}

impl ParsedQuery {
    /// Positive atoms in query order, deduplicated.
    /// The query written back: [`parse`] reads it as the same groups of terms, exclusions and
    /// filters (a term that needs quotes comes back as a phrase of the same text).
    pub fn to_query(&self) -> String {
        let atom = |a: &Atom| if a.phrase || needs_quotes(&a.text) { quoted(&a.text) } else { a.text.clone() };
        let mut parts: Vec<String> = self.groups.iter().map(|g| g.iter().map(atom).collect::<Vec<_>>().join(" OR ")).collect();
        // `-45` is a term, not an exclusion: quote what follows the minus when it starts so.
        let excluded = |a: &Atom| match a.text.chars().next() {
            Some(c) if c.is_ascii_digit() || c == '.' => quoted(&a.text),
            _ => atom(a),
        };
        parts.extend(self.excludes.iter().map(|a| format!("-{}", excluded(a))));
        parts.extend(self.filters.iter().map(Filter::to_query));
        parts.join(" ")
    }

    pub fn positive_atoms(&self) -> Vec<&Atom> {
        let mut out: Vec<&Atom> = Vec::new();
        for a in self.groups.iter().flatten() {
            if !out.iter().any(|b| b.text == a.text) {
                out.push(a);
            }
        }
        out
    }
}

fn is_open_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '「' | '『')
}
fn is_close_quote(c: char) -> bool {
    matches!(c, '"' | '”' | '」' | '』')
}

/// Raw tokens: whitespace-separated, quotes group (an unclosed quote runs to the end).
/// Returns (text, was_quoted_entirely).
fn raw_tokens(q: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut chars = q.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let mut tok = String::new();
        let mut quoted_whole = false;
        let mut first = true;
        while let Some(&c) = chars.peek() {
            if c.is_whitespace() {
                break;
            }
            if is_open_quote(c) {
                chars.next();
                let mut inner = String::new();
                // An ASCII quote closes only at an ASCII quote, and `""` inside it is one `"`
                // (as in CSV): what [`quote_term`] writes for a term holding quotes.
                let ascii = c == '"';
                while let Some(c) = chars.next() {
                    if ascii && c == '"' {
                        if chars.peek() == Some(&'"') {
                            chars.next();
                            inner.push('"');
                            continue;
                        }
                        break;
                    }
                    if !ascii && is_close_quote(c) {
                        break;
                    }
                    inner.push(c);
                }
                quoted_whole = first;
                // Keep the quote markers so that `-"…"` and `unit:"…"` can be recognised.
                tok.push('\u{1}');
                tok.push_str(&inner);
                tok.push('\u{1}');
                first = false;
                continue;
            }
            quoted_whole = false;
            first = false;
            tok.push(c);
            chars.next();
        }
        out.push((tok, quoted_whole));
    }
    out
}

/// Normalises a phrase: whitespace runs become one space between ASCII alphanumerics and
/// disappear elsewhere (the cleaner removed typesetting spaces around CJK).
fn phrase_text(s: &str) -> String {
    let n = normalize(s);
    let chars: Vec<char> = n.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            let mut j = i;
            while j < chars.len() && chars[j].is_whitespace() {
                j += 1;
            }
            let before = out.chars().last();
            let after = chars.get(j).copied();
            if let (Some(b), Some(a)) = (before, after) {
                if b.is_ascii_alphanumeric() && a.is_ascii_alphanumeric() {
                    out.push(' ');
                }
            }
            i = j;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

fn unquote(s: &str) -> (String, bool) {
    let quoted = s.contains('\u{1}');
    (s.replace('\u{1}', ""), quoted)
}

/// Parses a query. Errors: [`QueryError::Empty`], [`QueryError::OnlyPunctuation`],
/// [`QueryError::TooLong`], [`QueryError::TooManyTerms`], [`QueryError::BadFilter`].
pub fn parse(query: &str) -> Result<ParsedQuery, QueryError> {
    let n = query.chars().count();
    if n > MAX_QUERY_CHARS {
        return Err(QueryError::TooLong {
            chars: n,
            max: MAX_QUERY_CHARS,
        });
    }
    if query.trim().is_empty() {
        return Err(QueryError::Empty);
    }
    let mut parsed = ParsedQuery::default();
    let mut pending_or = false;
    let mut count = 0usize;
    // U+0001 marks quotes inside a token (see raw_tokens): typed, it is a space like any other
    // control character, never a quote.
    let query = &query.replace(|c: char| c == '\u{1}', " ");
    for (tok, quoted_whole) in raw_tokens(query) {
        if tok == "OR" && !quoted_whole {
            pending_or = !parsed.groups.is_empty();
            continue;
        }
        let mut body = tok.as_str();
        let mut negated = false;
        if let Some(rest) = body.strip_prefix('-') {
            let next = rest.chars().next();
            if next.is_some_and(|c| !c.is_ascii_digit() && c != '.' && c != '-') {
                negated = true;
                body = rest;
            }
        }
        // Field filter?
        if let Some((name, value)) = body.split_once(':') {
            let field = match name.to_ascii_lowercase().as_str() {
                "author" => Some(Field::Author),
                "photographer" => Some(Field::Photographer),
                "unit" => Some(Field::Unit),
                "kind" => Some(Field::Kind),
                "title" => Some(Field::Title),
                _ => None,
            };
            if let Some(field) = field {
                let (v, _) = unquote(value);
                let v = phrase_text(&v);
                if v.is_empty() {
                    return Err(QueryError::BadFilter {
                        field: name.to_string(),
                        value: v,
                        detail: "needs a value after the colon".into(),
                    });
                }
                if field == Field::Kind && Kind::parse(&v).is_none() {
                    return Err(QueryError::BadFilter {
                        field: name.to_string(),
                        value: v,
                        detail: "kind is one of news, photo, feature, literature".into(),
                    });
                }
                count += 1;
                if count > MAX_ATOMS {
                    return Err(QueryError::TooManyTerms {
                        count,
                        max: MAX_ATOMS,
                    });
                }
                parsed.filters.push(Filter {
                    field,
                    value: v,
                    negated,
                });
                pending_or = false;
                continue;
            }
        }
        let (text, quoted) = unquote(body);
        let atom = Atom {
            text: if quoted {
                phrase_text(&text)
            } else {
                normalize(&text)
            },
            phrase: quoted,
        };
        if !is_searchable(&atom.text) {
            continue;
        }
        count += 1;
        if count > MAX_ATOMS {
            return Err(QueryError::TooManyTerms {
                count: raw_tokens(query).len(),
                max: MAX_ATOMS,
            });
        }
        if negated {
            parsed.excludes.push(atom);
            pending_or = false;
        } else if pending_or {
            if let Some(g) = parsed.groups.last_mut() {
                g.push(atom);
            }
            pending_or = false;
        } else {
            parsed.groups.push(vec![atom]);
        }
    }
    if parsed.groups.is_empty() && parsed.excludes.is_empty() && parsed.filters.is_empty() {
        return Err(QueryError::OnlyPunctuation {
            query: query.to_string(),
        });
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {

    /// The terms, exclusions and filters of a query, phrase flags aside.
    fn meaning(q: &ParsedQuery) -> (Vec<Vec<String>>, Vec<String>, Vec<Filter>) {
        (
            q.groups.iter().map(|g| g.iter().map(|a| a.text.clone()).collect()).collect(),
            q.excludes.iter().map(|a| a.text.clone()).collect(),
            q.filters.clone(),
        )
    }

    #[test]
    fn a_term_keeps_its_meaning_whatever_it_holds() {
        for t in ["两带两创", "-窑", "-45μm", "45μm", "OR", "unit:热电分厂", "a b", "说\"好\"", "“两带两创”", "「x」", "a\"", "k:v"] {
            let q = parse(&quote_term(t)).unwrap_or_else(|e| panic!("{t}: {e}"));
            let want = if t.contains(char::is_whitespace) { phrase_text(t) } else { normalize(t) };
            assert_eq!(meaning(&q), (vec![vec![want]], vec![], vec![]), "{t} written as {}", quote_term(t));
        }
        assert_eq!(quote_term("两带两创"), "两带两创", "plain terms stay bare");
        let q = parse(&any_of(&["两带两创".into(), "-窑".into(), "a b".into()])).unwrap();
        assert_eq!(meaning(&q).0, vec![vec!["两带两创".to_string(), "-窑".into(), "a b".into()]]);
    }

    #[test]
    fn a_typed_quote_marker_is_a_space() {
        assert_eq!(parse("拟薄水\u{1}铝石").unwrap(), parse("拟薄水 铝石").unwrap());
        assert_eq!(parse("\u{1}-窑\u{1}").unwrap(), parse("-窑").unwrap());
    }

    #[test]
    fn queries_written_back_read_the_same() {
        for q in [
            "两带两创 OR 提质增效 安全 -隐患 unit:热电分厂 -kind:news",
            "\"拟薄水铝石 产量\" -\"-窑\" -\"45\" author:\"a b\" title:大会战",
            "“两带两创” OR 三敬畏反三违",
            "-45μm 7·23",
        ] {
            let p = parse(q).unwrap();
            let back = p.to_query();
            assert_eq!(meaning(&parse(&back).unwrap()), meaning(&p), "{q} → {back}");
        }
        // A filter is added once, and keeps the query's meaning around it.
        let f = Filter { field: Field::Unit, value: "热电分厂".into(), negated: false };
        let added = with_filter("\"-窑\" OR 炉", f.clone()).unwrap();
        assert_eq!(meaning(&parse(&added).unwrap()), (vec![vec!["-窑".into(), "炉".into()]], vec![], vec![f.clone()]));
        assert_eq!(with_filter(&added, f), None);
    }
    use super::*;

    fn texts(p: &ParsedQuery) -> Vec<Vec<String>> {
        p.groups
            .iter()
            .map(|g| g.iter().map(|a| a.text.clone()).collect())
            .collect()
    }

    #[test]
    fn syntax() {
        let p =
            parse("拟薄水铝石 \"两带 两创\" 窑 OR 炉 -焙烧 unit:热电分厂 kind:news -45μm ARL3460")
                .unwrap();
        assert_eq!(
            texts(&p),
            vec![
                vec!["拟薄水铝石"],
                vec!["两带两创"],
                vec!["窑", "炉"],
                vec!["-45μm"],
                vec!["arl3460"]
            ]
        );
        assert!(p.groups[1][0].phrase);
        assert_eq!(p.excludes[0].text, "焙烧");
        assert_eq!(p.filters.len(), 2);
        assert_eq!(
            p.filters[0],
            Filter {
                field: Field::Unit,
                value: "热电分厂".into(),
                negated: false
            }
        );
    }

    #[test]
    fn bad_inputs_give_clear_answers() {
        assert_eq!(parse("   "), Err(QueryError::Empty));
        assert!(matches!(
            parse("，。！？"),
            Err(QueryError::OnlyPunctuation { .. })
        ));
        assert!(matches!(
            parse(&"窑".repeat(100_000)),
            Err(QueryError::TooLong { chars: 100_000, .. })
        ));
        assert!(matches!(
            parse(&"窑 ".repeat(40)),
            Err(QueryError::TooManyTerms { .. })
        ));
        assert!(matches!(
            parse("kind:poem"),
            Err(QueryError::BadFilter { .. })
        ));
        // An unclosed quote runs to the end.
        let p = parse("\"两带两创").unwrap();
        assert_eq!(texts(&p), vec![vec!["两带两创"]]);
        let p = parse("“三敬畏反三违”").unwrap();
        assert_eq!(texts(&p), vec![vec!["三敬畏反三违"]]);
        assert!(parse("😀").is_ok());
        assert_eq!(texts(&parse("OR 窑 OR").unwrap()), vec![vec!["窑"]]);
    }
}
