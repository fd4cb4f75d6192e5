//! Page state lives in the URL hash: this module parses the hash query into typed structs and
//! builds the hrefs back.
//!
//! Takes the query string of a hash route (`?q=…&p=…`, as [`crate::route::HashLocation`]
//! gives it) and returns typed state ([`SearchState`], [`ArticleState`], [`FreqState`],
//! [`ThemeState`], [`PageState`], the analysis views' [`KwicState`], [`CollocState`],
//! [`KeynessState`], [`DispersionState`] and any table's order [`TableSort`]); [`Links`] builds every `#/…` href of the app, carrying
//! `embed`, `lang` and `controls` on, and round-trips through the same parsers.
//! Guarantees: parsing never fails (bad percent escapes are kept as typed, unknown keys are
//! ignored, numbers out of range are clamped), and `parse(build(x)) == x` for every state.

use yuliao::analysis::FreqOptions;
use yuliao::corpus::Kind;

use crate::i18n::Lang;
use crate::modules::{EMBED_PARAM, FULL_ONLY_PARAM, NO_CONTROLS_PARAM, PAGE_PARAM};

/// The most rows and the longest minimum length a frequency link may ask for (the web's own
/// clamps: a shared link must not make the page render an archive's whole vocabulary). The
/// defaults are the engine's ([`FreqOptions::default`]: `FREQ_ROWS`, `FREQ_MIN_LEN`), as for
/// the CLI and the JS API; a search page holds `yuliao::query::SEARCH_LIMIT` hits.
pub const FREQ_MAX_N: usize = 1000;
pub const FREQ_MAX_MIN_LEN: usize = 10;

/// Splits `?a=1&b=%E4%B8%A4` into decoded pairs, in order (repeated keys stay repeated).
pub fn parse_query(qs: &str) -> Vec<(String, String)> {
    let qs = qs.strip_prefix('?').unwrap_or(qs);
    qs.split('&')
        .filter(|part| !part.is_empty())
        .map(|part| match part.split_once('=') {
            Some((k, v)) => (decode(k), decode(v)),
            None => (decode(part), String::new()),
        })
        .collect()
}

/// Percent-decodes one component; `+` is a space (form encoding). Invalid escapes or invalid
/// UTF-8 are kept as they were typed rather than rejected.
pub fn decode(s: &str) -> String {
    match String::from_utf8(percent_decode(s, true)) {
        Ok(s) => s,
        Err(_) => s.to_string(),
    }
}

/// The bytes of `s` with each `%XY` escape decoded (an invalid escape is kept as typed), and
/// with `+` as a space when `plus_is_space` (form encoding; not in a URL path).
pub fn percent_decode(s: &str, plus_is_space: bool) -> Vec<u8> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' if plus_is_space => {
                out.push(b' ');
                i += 1;
            }
            b'%' if i + 2 < bytes.len() => {
                let hex = |b: u8| (b as char).to_digit(16);
                match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 3;
                    }
                    _ => {
                        out.push(b'%');
                        i += 1;
                    }
                }
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    out
}

/// Percent-encodes everything but RFC 3986 unreserved characters (like `encodeURIComponent`
/// minus `!'()*`), so the href is the same in every browser and safe inside a hash.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn first<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

fn build(path: &str, pairs: &[(&str, String)]) -> String {
    let mut href = format!("#{path}");
    let mut sep = '?';
    for (k, v) in pairs {
        href.push(sep);
        href.push_str(&encode(k));
        href.push('=');
        href.push_str(&encode(v));
        sep = '&';
    }
    href
}

/// True when the hash query asks for the chrome-less embed mode (`embed=1`).
pub fn is_embed(pairs: &[(String, String)]) -> bool {
    says(pairs, EMBED_PARAM)
}

/// Whether the first value of `param` in `pairs` is one of `values`.
fn says(pairs: &[(String, String)], (param, values): (&str, &[&str])) -> bool {
    first(pairs, param).is_some_and(|v| values.contains(&v))
}

/// `#/search?q=…&p=…`; `page` counts from 0.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SearchState {
    pub q: String,
    pub page: usize,
}

impl SearchState {
    pub fn parse(pairs: &[(String, String)]) -> Self {
        SearchState {
            q: first(pairs, "q").unwrap_or("").to_string(),
            page: first(pairs, PAGE_PARAM).and_then(|p| p.parse().ok()).unwrap_or(0).min(100_000),
        }
    }
}

/// `#/article/<id>?q=…&t=…`: the query whose terms the reader highlights, and the terms of
/// the theme view it was opened from (its back link returns there).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ArticleState {
    pub q: String,
    pub theme: Vec<String>,
}

impl ArticleState {
    pub fn parse(pairs: &[(String, String)]) -> Self {
        ArticleState { q: first(pairs, "q").unwrap_or("").to_string(), theme: ThemeState::parse(pairs).terms }
    }
}

/// `#/freq?sw=1&min=2&kind=news&unit=X&n=50`.
#[derive(Debug, Clone, PartialEq)]
pub struct FreqState {
    /// True = stopwords removed (the default).
    pub stopwords: bool,
    pub min_len: usize,
    pub kind: Option<Kind>,
    pub unit: Option<String>,
    pub n: usize,
    /// The words as a cloud instead of the chart and table (`show=cloud`).
    pub cloud: bool,
}

impl Default for FreqState {
    fn default() -> Self {
        let d = FreqOptions::default();
        FreqState { stopwords: d.stopwords, min_len: d.min_len, kind: d.kind, unit: d.unit, n: d.limit, cloud: false }
    }
}

impl FreqState {
    pub fn parse(pairs: &[(String, String)]) -> Self {
        let d = FreqState::default();
        FreqState {
            stopwords: first(pairs, "sw").map(|v| v != "0").unwrap_or(d.stopwords),
            min_len: first(pairs, "min")
                .and_then(|v| v.parse().ok())
                .unwrap_or(d.min_len)
                .clamp(1, FREQ_MAX_MIN_LEN),
            kind: first(pairs, "kind").and_then(Kind::parse),
            unit: first(pairs, "unit").filter(|u| !u.is_empty()).map(str::to_string),
            n: first(pairs, "n").and_then(|v| v.parse().ok()).unwrap_or(d.n).clamp(1, FREQ_MAX_N),
            cloud: first(pairs, "show") == Some("cloud"),
        }
    }

    fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut p = vec![
            ("sw", if self.stopwords { "1" } else { "0" }.to_string()),
            ("min", self.min_len.to_string()),
        ];
        if let Some(k) = self.kind {
            p.push(("kind", k.as_str().to_string()));
        }
        if let Some(u) = &self.unit {
            p.push(("unit", u.clone()));
        }
        p.push(("n", self.n.to_string()));
        if self.cloud {
            p.push(("show", "cloud".to_string()));
        }
        p
    }
}

/// `#/themes?t=A&t=B&by=date&per=10k&ma=3`: the terms being tracked, in the order they were
/// added, no duplicates; what the chart counts by (`by`: absent = the corpus's natural axis,
/// articles for one issue, the issue date for several); raw counts or per 10,000 tokens
/// (`per=10k`); a centred moving average over `ma` periods (3 or 5; dates and issues only).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ThemeState {
    pub terms: Vec<String>,
    pub by: Option<ThemeBy>,
    pub per_10k: bool,
    /// 0 (off), 3 or 5.
    pub ma: usize,
    /// The co-occurrence table crosses the preset themes too (`cooc=themes`): on an archive
    /// their postings weigh more than the theme's own, so only when asked.
    pub presets: bool,
}

/// What the theme chart counts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThemeBy {
    Article,
    Issue,
    Date,
    Unit,
    Kind,
}

impl ThemeBy {
    pub const ALL: [ThemeBy; 5] = [ThemeBy::Article, ThemeBy::Issue, ThemeBy::Date, ThemeBy::Unit, ThemeBy::Kind];
    pub fn as_str(self) -> &'static str {
        match self {
            ThemeBy::Article => "article",
            ThemeBy::Issue => "issue",
            ThemeBy::Date => "date",
            ThemeBy::Unit => "unit",
            ThemeBy::Kind => "kind",
        }
    }
    pub fn parse(s: &str) -> Option<ThemeBy> {
        ThemeBy::ALL.into_iter().find(|b| b.as_str() == s)
    }
    /// A time axis: the moving average applies.
    pub fn is_time(self) -> bool {
        matches!(self, ThemeBy::Issue | ThemeBy::Date)
    }
}

/// The moving averages a link may ask for (0 = off).
pub const THEME_MA_CHOICES: [usize; 3] = [0, 3, 5];

impl ThemeState {
    pub fn parse(pairs: &[(String, String)]) -> Self {
        let mut terms: Vec<String> = Vec::new();
        for (k, v) in pairs {
            let v = v.trim();
            if k == "t" && !v.is_empty() && !terms.iter().any(|t| t == v) {
                terms.push(v.to_string());
            }
        }
        ThemeState {
            terms,
            by: first(pairs, "by").and_then(ThemeBy::parse),
            per_10k: first(pairs, "per") == Some("10k"),
            ma: first(pairs, "ma").and_then(|v| v.parse().ok()).filter(|m| THEME_MA_CHOICES.contains(m)).unwrap_or(0),
            presets: first(pairs, "cooc") == Some("themes"),
        }
    }

    /// The same settings with other terms.
    pub fn with_terms(&self, terms: Vec<String>) -> ThemeState {
        ThemeState { terms, ..self.clone() }
    }

    /// What the chart counts by: the link's choice, else articles for one issue and the issue
    /// date for several.
    pub fn by_or(&self, issues: usize) -> ThemeBy {
        self.by.unwrap_or(if issues > 1 { ThemeBy::Date } else { ThemeBy::Article })
    }

    fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut p: Vec<(&'static str, String)> = self.terms.iter().map(|t| ("t", t.clone())).collect();
        if let Some(b) = self.by {
            p.push(("by", b.as_str().to_string()));
        }
        if self.per_10k {
            p.push(("per", "10k".to_string()));
        }
        if self.ma > 0 {
            p.push(("ma", self.ma.to_string()));
        }
        if self.presets {
            p.push(("cooc", "themes".to_string()));
        }
        p
    }
}

/// `#/issues?p=…` and `#/issue/<stem>?p=…`: the page of the list (from 0).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct PageState {
    pub page: usize,
}

impl PageState {
    pub fn parse(pairs: &[(String, String)]) -> Self {
        PageState { page: first(pairs, "p").and_then(|p| p.parse().ok()).unwrap_or(0).min(1_000_000) }
    }
}

/// A table's order (`o=co` ascending, `o=-co` descending; absent: the engine's own order).
/// One per view: a view with several tables of the same columns (keyness, n-grams) sorts
/// them all by it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TableSort {
    pub key: String,
    pub desc: bool,
}

impl TableSort {
    pub fn parse(pairs: &[(String, String)]) -> Self {
        match first(pairs, "o").map(str::trim).filter(|o| !o.is_empty()) {
            Some(o) => match o.strip_prefix('-') {
                Some(k) => TableSort { key: k.to_string(), desc: true },
                None => TableSort { key: o.to_string(), desc: false },
            },
            None => TableSort::default(),
        }
    }
    fn param(&self) -> Option<(&'static str, String)> {
        (!self.key.is_empty()).then(|| ("o", if self.desc { format!("-{}", self.key) } else { self.key.clone() }))
    }
    /// The order after a click on column `key`: the other direction when it is the current
    /// column, else `desc_first` (numbers: largest first; words: in order).
    pub fn toggled(&self, key: &str, desc_first: bool) -> TableSort {
        if self.key == key {
            TableSort { key: key.to_string(), desc: !self.desc }
        } else {
            TableSort { key: key.to_string(), desc: desc_first }
        }
    }
}

/// The terms of a query box: spaces, commas and 、 separate them.
pub fn split_terms(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in text.split(|c: char| c.is_whitespace() || matches!(c, ',' | '，' | '、' | ';' | '；')) {
        if !t.is_empty() && !out.iter().any(|x| x == t) {
            out.push(t.to_string());
        }
    }
    out
}

/// Largest concordance width a link may ask for (characters either side).
pub const KWIC_MAX_WIDTH: usize = 60;

/// `#/kwic?q=安全&sort=1R,2R&w=15&o=title`: the terms, the engine's sort keys, the width.
#[derive(Debug, Clone, PartialEq)]
pub struct KwicState {
    pub q: String,
    /// As written (`1R,2R`); the view parses it with `analysis::parse_sort` and says what is wrong.
    pub sort: String,
    pub width: usize,
}

impl KwicState {
    pub fn parse(pairs: &[(String, String)]) -> Self {
        KwicState {
            q: first(pairs, "q").unwrap_or("").trim().to_string(),
            sort: first(pairs, "sort").unwrap_or("").trim().to_string(),
            width: first(pairs, "w")
                .and_then(|w| w.parse().ok())
                .unwrap_or(yuliao::analysis::concordance::KWIC_WINDOW)
                .clamp(1, KWIC_MAX_WIDTH),
        }
    }
    fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut p = vec![("q", self.q.clone())];
        if !self.sort.is_empty() {
            p.push(("sort", self.sort.clone()));
        }
        if self.width != yuliao::analysis::concordance::KWIC_WINDOW {
            p.push(("w", self.width.to_string()));
        }
        p
    }
}

/// `#/colloc?q=两带两创&m=logdice&w=5&min=2&sw=1&o=-co`.
#[derive(Debug, Clone, PartialEq)]
pub struct CollocState {
    pub q: String,
    pub measure: yuliao::analysis::Measure,
    pub window: usize,
    pub min: u64,
    /// True: stopwords left out.
    pub stopwords: bool,
}

impl CollocState {
    pub fn parse(pairs: &[(String, String)]) -> Self {
        use yuliao::analysis::colloc::{COLLOC_MAX_WINDOW, COLLOC_MIN, COLLOC_WINDOW};
        CollocState {
            q: first(pairs, "q").unwrap_or("").trim().to_string(),
            measure: first(pairs, "m").and_then(yuliao::analysis::Measure::parse).unwrap_or_default(),
            window: first(pairs, "w").and_then(|w| w.parse().ok()).unwrap_or(COLLOC_WINDOW).clamp(1, COLLOC_MAX_WINDOW),
            min: first(pairs, "min").and_then(|w| w.parse().ok()).unwrap_or(COLLOC_MIN).clamp(1, 1000),
            stopwords: first(pairs, "sw").is_some_and(|v| v == "1"),
        }
    }
    fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut p = vec![("q", self.q.clone()), ("m", self.measure.as_str().to_string()), ("w", self.window.to_string())];
        if self.min != yuliao::analysis::colloc::COLLOC_MIN {
            p.push(("min", self.min.to_string()));
        }
        if self.stopwords {
            p.push(("sw", "1".into()));
        }
        p
    }
}

/// `#/keyness?a=kind:literature&b=kind:news`: target and reference subsets (empty `b`: the rest).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct KeynessState {
    pub a: String,
    pub b: String,
}

impl KeynessState {
    pub fn parse(pairs: &[(String, String)]) -> Self {
        KeynessState { a: first(pairs, "a").unwrap_or("").trim().to_string(), b: first(pairs, "b").unwrap_or("").trim().to_string() }
    }
    fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut p = vec![("a", self.a.clone())];
        if !self.b.is_empty() {
            p.push(("b", self.b.clone()));
        }
        p
    }
}

/// `#/dispersion?t=两带两创&by=issue` (no `by`: articles, or issues on an archive).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DispersionState {
    pub t: String,
    pub by: Option<yuliao::analysis::PartsBy>,
}

impl DispersionState {
    pub fn parse(pairs: &[(String, String)]) -> Self {
        DispersionState {
            t: first(pairs, "t").unwrap_or("").trim().to_string(),
            by: first(pairs, "by").and_then(yuliao::analysis::PartsBy::parse),
        }
    }
    fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut p = vec![("t", self.t.clone())];
        if let Some(by) = self.by {
            p.push(("by", by.as_str().to_string()));
        }
        p
    }
}

/// The keys that ride along on every link rather than belonging to one view.
const CARRIED: [&str; 4] = ["embed", "lang", "controls", "src"];

/// Builds every href of the app (the one place that does), so that what rides along on every
/// link stays on it while the reader moves between views: `embed=1` (no chrome, in an iframe),
/// `lang=en` (a language forced by the link), `controls=0` (an embed without inputs) and
/// `src=mine` (the views read your own texts, #/mine).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Links {
    pub embed: bool,
    /// The language the page's URL forces, if any (the reader's own choice lives in storage).
    pub lang: Option<Lang>,
    /// False with `controls=0`: views leave out presets and inputs.
    pub controls: bool,
    /// True with `src=mine`: every view reads the reader's own texts (#/mine) instead of the
    /// shipped corpus.
    pub mine: bool,
}

impl Default for Links {
    fn default() -> Self {
        Links { embed: false, lang: None, controls: true, mine: false }
    }
}

impl Links {
    /// What the page's query pairs (hash and page query) carry.
    pub fn from_pairs(pairs: &[(String, String)]) -> Self {
        Links {
            embed: is_embed(pairs),
            lang: first(pairs, "lang").and_then(Lang::parse),
            controls: !says(pairs, NO_CONTROLS_PARAM),
            mine: first(pairs, FULL_ONLY_PARAM.0) == Some(FULL_ONLY_PARAM.1),
        }
    }

    fn finish(&self, path: &str, mut pairs: Vec<(&str, String)>) -> String {
        if let Some(lang) = self.lang {
            pairs.push(("lang", lang.param().to_string()));
        }
        if self.embed {
            pairs.push(("embed", "1".to_string()));
        }
        if !self.controls {
            pairs.push(("controls", "0".to_string()));
        }
        if self.mine {
            pairs.push(("src", "mine".to_string()));
        }
        build(path, &pairs)
    }

    /// The hash route `path` with its own `pairs` (whatever `CARRIED` keys they hold are
    /// replaced by this builder's): the same view under other carried settings, e.g. the
    /// current page in the other language, or outside the embed.
    pub fn relink(&self, path: &str, pairs: &[(String, String)]) -> String {
        let own: Vec<(&str, String)> =
            pairs.iter().filter(|(k, _)| !CARRIED.contains(&k.as_str())).map(|(k, v)| (k.as_str(), v.clone())).collect();
        self.finish(path, own)
    }

    /// The landing page.
    pub fn home(&self) -> String {
        self.finish("/", Vec::new())
    }

    pub fn search(&self, q: &str, page: usize) -> String {
        let mut p = Vec::new();
        if !q.is_empty() {
            p.push(("q", q.to_string()));
        }
        if page > 0 {
            p.push(("p", page.to_string()));
        }
        self.finish("/search", p)
    }

    /// An article, its search terms highlighted (`q`); `from_theme`: the tracked terms of the
    /// theme view it was opened from, which its back link returns to.
    pub fn article(&self, id: &str, q: &str, from_theme: &[String]) -> String {
        let mut p = Vec::new();
        if !q.is_empty() {
            p.push(("q", q.to_string()));
        }
        p.extend(from_theme.iter().map(|t| ("t", t.clone())));
        self.finish(&format!("/article/{}", encode(id)), p)
    }

    pub fn freq(&self, state: &FreqState) -> String {
        self.finish("/freq", state.pairs())
    }

    /// The frequency view with its table in order `o`.
    pub fn freq_sorted(&self, state: &FreqState, o: &TableSort) -> String {
        self.sorted("/freq", state.pairs(), o)
    }

    pub fn themes(&self, terms: &[String]) -> String {
        self.finish("/themes", terms.iter().map(|t| ("t", t.clone())).collect())
    }

    /// The theme view with its chart settings and its tables in order `o`.
    pub fn themes_sorted(&self, state: &ThemeState, o: &TableSort) -> String {
        self.sorted("/themes", state.pairs(), o)
    }

    /// The theme view with its chart settings.
    pub fn theme_view(&self, state: &ThemeState) -> String {
        self.finish("/themes", state.pairs())
    }

    /// `pairs` with the table order `o` after them.
    fn sorted(&self, path: &str, mut pairs: Vec<(&'static str, String)>, o: &TableSort) -> String {
        pairs.extend(o.param());
        self.finish(path, pairs)
    }

    pub fn kwic(&self, state: &KwicState) -> String {
        self.finish("/kwic", state.pairs())
    }

    /// The concordance of one term in reading order.
    pub fn kwic_of(&self, term: &str) -> String {
        self.kwic(&KwicState { q: term.to_string(), sort: String::new(), width: yuliao::analysis::concordance::KWIC_WINDOW })
    }

    pub fn colloc(&self, state: &CollocState, o: &TableSort) -> String {
        self.sorted("/colloc", state.pairs(), o)
    }

    /// The collocates of one term with the default settings.
    pub fn colloc_of(&self, term: &str) -> String {
        let mut s = CollocState::parse(&[]);
        s.q = term.to_string();
        self.colloc(&s, &TableSort::default())
    }

    pub fn keyness(&self, state: &KeynessState, o: &TableSort) -> String {
        self.sorted("/keyness", state.pairs(), o)
    }

    pub fn dispersion(&self, state: &DispersionState, o: &TableSort) -> String {
        self.sorted("/dispersion", state.pairs(), o)
    }

    pub fn dispersion_of(&self, term: &str) -> String {
        self.dispersion(&DispersionState { t: term.to_string(), by: None }, &TableSort::default())
    }

    pub fn ngrams(&self, o: &TableSort) -> String {
        self.sorted("/ngrams", Vec::new(), o)
    }

    pub fn summary(&self, o: &TableSort) -> String {
        self.sorted("/summary", Vec::new(), o)
    }

    /// The list of issues, page `page` (from 0).
    pub fn issues(&self, page: usize) -> String {
        self.finish("/issues", if page > 0 { vec![("p", page.to_string())] } else { Vec::new() })
    }

    /// The table of contents of issue `stem`, page `page` (from 0).
    pub fn issue(&self, stem: &str, page: usize) -> String {
        self.finish(&format!("/issue/{}", encode(stem)), if page > 0 { vec![("p", page.to_string())] } else { Vec::new() })
    }
}

/// A page query (`?embed=1&lang=en`, as `location.search` gives it) without the keys that make
/// an embed (`embed`, `controls`): the query of "open in the full app".
pub fn without_embed(search: &str) -> String {
    let kept: Vec<(String, String)> =
        parse_query(search).into_iter().filter(|(k, _)| k != "embed" && k != "controls").collect();
    let refs: Vec<(&str, String)> = kept.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
    build("", &refs).trim_start_matches('#').to_string()
}

/// The query of an href built by [`Links`] (what follows `?`), for tests and navigation.
#[cfg(test)]
fn query_of(href: &str) -> &str {
    href.split_once('?').map(|(_, q)| q).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_percent_plus_and_keeps_bad_escapes() {
        assert_eq!(decode("%E4%B8%A4%E5%B8%A6+x"), "两带 x");
        assert_eq!(decode("100%"), "100%");
        assert_eq!(decode("%zz%4"), "%zz%4");
        assert_eq!(decode("%FF"), "%FF", "invalid UTF-8 is kept as typed");
    }

    #[test]
    fn search_round_trips_chinese_and_filters() {
        let s = SearchState { q: "两带两创 unit:热电分厂 \"a&b=c\"".into(), page: 3 };
        let href = Links::default().search(&s.q, s.page);
        assert!(href.starts_with("#/search?q="));
        assert!(!href.contains(' ') && !href.contains('两'));
        assert_eq!(SearchState::parse(&parse_query(query_of(&href))), s);
    }

    #[test]
    fn freq_round_trips_and_clamps() {
        let s = FreqState { stopwords: false, min_len: 3, kind: Some(Kind::Feature), unit: Some("热电分厂".into()), n: 80, cloud: true };
        let href = Links::default().freq(&s);
        assert_eq!(FreqState::parse(&parse_query(query_of(&href))), s);
        let wild = FreqState::parse(&parse_query("?n=999999&min=0&kind=poem"));
        assert_eq!((wild.n, wild.min_len, wild.kind), (FREQ_MAX_N, 1, None));
    }

    #[test]
    fn themes_keep_order_and_drop_duplicates_and_blanks() {
        let st = ThemeState::parse(&parse_query("t=%E4%B8%A4%E5%B8%A6%E4%B8%A4%E5%88%9B&t=&t=x&t=x"));
        assert_eq!(st.terms, vec!["两带两创".to_string(), "x".to_string()]);
        let href = Links::default().themes(&st.terms);
        assert_eq!(ThemeState::parse(&parse_query(query_of(&href))), st);
    }

    #[test]
    fn theme_chart_settings_round_trip_and_old_links_still_work() {
        let st = ThemeState { terms: vec!["明月".into(), "清风".into()], by: Some(ThemeBy::Date), per_10k: true, ma: 3, presets: true };
        let o = TableSort { key: "total".into(), desc: true };
        let href = Links::default().themes_sorted(&st, &o);
        assert_eq!(href, "#/themes?t=%E6%98%8E%E6%9C%88&t=%E6%B8%85%E9%A3%8E&by=date&per=10k&ma=3&cooc=themes&o=-total");
        let pairs = parse_query(query_of(&href));
        assert_eq!((ThemeState::parse(&pairs), TableSort::parse(&pairs)), (st.clone(), o));
        for by in ThemeBy::ALL {
            let s = ThemeState { by: Some(by), ..st.clone() };
            assert_eq!(ThemeState::parse(&parse_query(query_of(&Links::default().theme_view(&s)))), s);
        }
        // A link of before: terms only, the natural axis, raw counts, no smoothing.
        let old = ThemeState::parse(&parse_query("t=x&o=-count"));
        assert_eq!((old.by, old.per_10k, old.ma, old.presets), (None, false, 0, false));
        assert_eq!((old.by_or(1), old.by_or(3)), (ThemeBy::Article, ThemeBy::Date));
        // Unknown values fall back rather than fail.
        let wild = ThemeState::parse(&parse_query("t=x&by=page&per=1m&ma=4"));
        assert_eq!((wild.by, wild.per_10k, wild.ma), (None, false, 0));
    }

    #[test]
    fn embed_lang_and_controls_ride_along_on_every_link() {
        let l = Links::from_pairs(&parse_query("q=x&lang=en&embed=1&controls=0"));
        assert_eq!(l, Links { embed: true, lang: Some(Lang::En), controls: false, mine: false });
        let m = Links::from_pairs(&parse_query("q=x&src=mine"));
        assert!(m.mine);
        assert_eq!(m.search("词", 0), "#/search?q=%E8%AF%8D&src=mine");
        assert_eq!(Links { mine: false, ..m }.relink("/search", &parse_query("q=x&src=mine")), "#/search?q=x");
        let hrefs = [
            l.home(),
            l.search("x", 2),
            l.article("a-001", "x", &["两带两创".into()]),
            l.freq(&FreqState::default()),
            l.themes(&[]),
            l.issues(1),
            l.issue("000_d2874fb822b0e5bc", 3),
            l.relink("/search", &parse_query("q=y&lang=zh&embed=0")),
        ];
        for href in hrefs {
            let pairs = parse_query(query_of(&href));
            assert_eq!(Links::from_pairs(&pairs), l, "{href}");
            assert_eq!(pairs.iter().filter(|(k, _)| k == "lang").count(), 1, "{href}");
        }
        let plain = Links::default();
        assert_eq!(plain.search("x", 0), "#/search?q=x");
        assert_eq!(plain.home(), "#/");
        assert_eq!(Links::from_pairs(&parse_query(query_of(&plain.issues(0)))), plain);
    }

    #[test]
    fn relink_replaces_the_carried_keys_and_keeps_the_views_own() {
        let pairs = parse_query("t=%E4%B8%A4&lang=en&embed=1&t=b");
        let full = Links { lang: Some(Lang::En), ..Links::default() };
        assert_eq!(full.relink("/themes", &pairs), "#/themes?t=%E4%B8%A4&t=b&lang=en");
        let zh = Links { lang: Some(Lang::Zh), ..Links::default() };
        assert_eq!(zh.relink("/themes", &pairs), "#/themes?t=%E4%B8%A4&t=b&lang=zh");
        assert_eq!(without_embed("?embed=1&lang=en&controls=0"), "?lang=en");
        assert_eq!(without_embed("?embed=1"), "");
    }

    #[test]
    fn analysis_states_round_trip_and_clamp() {
        let l = Links::default();
        let k = KwicState { q: "安全".into(), sort: "1R,2R".into(), width: 20 };
        assert_eq!(KwicState::parse(&parse_query(query_of(&l.kwic(&k)))), k);
        assert_eq!(KwicState::parse(&parse_query("q=x&w=9999")).width, KWIC_MAX_WIDTH);
        let c = CollocState { q: "两带两创".into(), measure: yuliao::analysis::Measure::Mi, window: 3, min: 1, stopwords: true };
        let o = TableSort { key: "co".into(), desc: true };
        let href = l.colloc(&c, &o);
        assert!(href.contains("o=-co"), "{href}");
        let pairs = parse_query(query_of(&href));
        assert_eq!((CollocState::parse(&pairs), TableSort::parse(&pairs)), (c, o.clone()));
        assert_eq!(o.toggled("co", true), TableSort { key: "co".into(), desc: false });
        assert_eq!(o.toggled("term", false), TableSort { key: "term".into(), desc: false });
        let kn = KeynessState { a: "kind:literature".into(), b: String::new() };
        assert_eq!(KeynessState::parse(&parse_query(query_of(&l.keyness(&kn, &TableSort::default())))), kn);
        let d = DispersionState { t: "两带两创".into(), by: Some(yuliao::analysis::PartsBy::Issue) };
        assert_eq!(DispersionState::parse(&parse_query(query_of(&l.dispersion(&d, &TableSort::default())))), d);
        assert_eq!(split_terms(" 安全，生产 安全 "), vec!["安全", "生产"]);
    }

    #[test]
    fn article_links_round_trip_the_theme_they_came_from() {
        let href = Links::default().article("a-1", "两带两创 OR 提质增效", &["两带两创".into(), "提质增效".into()]);
        assert!(href.starts_with("#/article/a-1?q="));
        let st = ArticleState::parse(&parse_query(query_of(&href)));
        assert_eq!(st, ArticleState { q: "两带两创 OR 提质增效".into(), theme: vec!["两带两创".into(), "提质增效".into()] });
        assert_eq!(PageState::parse(&parse_query(query_of(&Links::default().issue("s", 4)))), PageState { page: 4 });
        assert_eq!(PageState::parse(&parse_query("p=zz")), PageState { page: 0 });
    }
}
