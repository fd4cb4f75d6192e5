//! Articles: cut repaired text into articles and attach their headings and bylines.
//!
//! Takes the repaired text of one issue (no shifted glyphs left) and the raw file stem;
//! returns the articles in reading order with ids `<stem>-NNN`, the lines that could not be
//! placed, the page editors, the publication and date when the text gives them, and the
//! byline markers consumed (for the conservation report). Guarantees: every non-whitespace
//! character ends up in an article field, `unplaced`, `editors`, or the marker tally.
//!
//! # How the extraction lays out an article (and so how it is read back)
//! The body comes first; everything else comes *after* it: the byline `（王星芸 郭美霞）` at
//! the end of the body or on a line of its own, then the unit line (`资源综合利用分公司焙烧工区`),
//! a subtitle, the (letter-spaced) title, and for features a `● 郭美霞 董成龙` byline under
//! the title. Photo stories end in `摄影报道 刘立新 刘佳` and a one- or two-line title. So:
//!
//! - The text is cut into *chunks*: lines between blank lines, with a new chunk at every
//!   line that opens with a dateline (`劲旅讯`, `又讯`: two to six hanzi ending in 讯,
//!   then a space) or with whitespace (a new text block of the PDF).
//! - A dateline or block start always opens an article. Otherwise a body goes on while its
//!   last line ends mid-sentence (a column or page break) or the next chunk reads like
//!   text. A *heading-like* chunk (short lines without sentence punctuation, bylines,
//!   credits) after a finished sentence opens the heading group of the article; the first
//!   body-like chunk after a heading group opens the next article.
//! - In a heading group the last text line is the title (two lines of one chunk make a
//!   two-line title); earlier lines that end in a unit word (事业部, 分公司, 工区, 党委 …) are
//!   units, another is the subtitle. A `●` byline closes the group, so a text chunk after
//!   it starts a new article (the poem after 暖). A chunk whose lines are all single
//!   characters is a vertical title and byline (暖 / ● / 王 / 建 / 强).
//! - `又讯` is a second report under the same headline: the reports share the title and
//!   subtitle, and a unit line with one unit per report is dealt out in order.
//! - A chunk opening with 图为 after a heading group is a caption of the story before.
//! - A slogan standing alone on a line (a string the issue also prints in quotes, like
//!   “两带两创”) is a column label; it labels the article that follows it.
//! - `责编／苗 滨` names the page editor. Two blank lines in a row are a page break; a page
//!   without datelines is the literary page (kind literature). A body of short unpunctuated
//!   lines is a poem: one paragraph per line, its first line the title when no heading
//!   follows it.
//! - Names padded to three characters (`杨 红`) close up.

use super::lines::{ends_paragraph, heading, join_line, squeeze};
use super::shift::is_hanzi;
use crate::corpus::{Article, Kind};
use std::collections::{BTreeMap, BTreeSet};

/// Words that end the name of a unit of the company (a unit line lists such names).
pub const UNIT_SUFFIXES: &[&str] = &[
    "事业部", "分公司", "公司", "分厂", "厂", "中心", "工区", "党委", "党总支", "党支部", "支部", "工会",
    "车间", "项目部", "工作部", "管理部", "矿", "科室", "团委", "集团", "工服",
];
/// Photo credits: a photo story (`摄影报道`) or a single photo (`摄影`).
const PHOTO_REPORT: &str = "摄影报道";
const PHOTO: &str = "摄影";
/// Page editor credits.
const EDITOR_MARKS: &[&str] = &["责任编辑", "责编"];
/// A caption of the photo printed with the story before it.
const CAPTION: &str = "图为";
/// Sentence punctuation: a line with any of it is text, not a heading.
const SENTENCE_PUNCT: &[char] = &['，', '。', '；', '！', '？', '：', ',', ';'];

/// The result of [`split`].
#[derive(Debug, Clone, Default)]
pub struct Split {
    pub articles: Vec<Article>,
    pub unplaced: Vec<String>,
    pub editors: Vec<String>,
    pub publication: Option<String>,
    pub date: Option<String>,
    pub markers: BTreeMap<char, usize>,
}

#[derive(Debug, Clone)]
struct Chunk {
    lines: Vec<String>,
    page: usize,
    starts: bool,
}

#[derive(Debug, Clone)]
enum Body {
    Line(String),
    Break,
}

#[derive(Debug, Clone)]
struct Draft {
    body: Vec<Body>,
    dateline: Option<String>,
    authors: Vec<String>,
    photographers: Vec<String>,
    photo_report: bool,
    marker_byline: bool,
    heads: Vec<(String, usize)>,
    title: Option<String>,
    column: Option<String>,
    page: usize,
    group: usize,
    /// The body ended with a byline or credit: whatever follows is not body.
    closed_body: bool,
}

impl Draft {
    fn new(page: usize, group: usize, column: Option<String>) -> Self {
        Draft {
            body: Vec::new(),
            dateline: None,
            authors: Vec::new(),
            photographers: Vec::new(),
            photo_report: false,
            marker_byline: false,
            heads: Vec::new(),
            title: None,
            column,
            page,
            group,
            closed_body: false,
        }
    }

    fn last_line(&self) -> Option<&str> {
        self.body.iter().rev().find_map(|b| match b {
            Body::Line(s) => Some(s.as_str()),
            Body::Break => None,
        })
    }

    /// The widest of the last body lines: the width of the print column.
    fn column_width(&self) -> usize {
        let lines = self.body.iter().rev().filter_map(|b| if let Body::Line(s) = b { Some(s) } else { None });
        lines.take(8).map(|l| l.chars().filter(|c| !c.is_whitespace()).count()).max().unwrap_or(0)
    }

    /// The body ends a sentence (or a byline), so a heading may follow.
    fn sentence_done(&self) -> bool {
        self.closed_body || self.last_line().is_none_or(ends_paragraph)
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum State {
    Nothing,
    Body,
    Heading { closed: bool },
}

struct Splitter {
    drafts: Vec<Draft>,
    unplaced: Vec<String>,
    editors: Vec<String>,
    markers: BTreeMap<char, usize>,
    labels: BTreeSet<String>,
    pending_column: Option<String>,
    state: State,
    next_group: usize,
}

/// A dateline opening a line: 2–6 hanzi ending in 讯, then whitespace. Returns (marker, rest).
pub fn dateline(line: &str) -> Option<(&str, &str)> {
    let line = line.trim_start();
    let end = line.find(char::is_whitespace)?;
    let token = &line[..end];
    let n = token.chars().count();
    (token.ends_with('讯') && (2..=6).contains(&n) && token.chars().all(is_hanzi)).then(|| (token, line[end..].trim_start()))
}

/// Names of a byline: hanzi tokens; two single characters in a row are one padded name
/// (`杨 红` → 杨红). `None` if the text is not a list of names.
pub fn names(text: &str) -> Option<Vec<String>> {
    let (names, rest) = names_then_rest(text);
    (rest.is_none() && !names.is_empty()).then_some(names)
}

/// Names, then (if a run of three or more single characters follows) a letter-spaced
/// heading set on the same line: `杨效民 节 能 降 耗 在 行 动` → ([杨效民], Some(节 能 …)).
fn names_then_rest(text: &str) -> (Vec<String>, Option<String>) {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i];
        let n = t.chars().count();
        if !t.chars().all(|c| is_hanzi(c) || c == '·') || n > 4 {
            return (out, Some(tokens[i..].join(" ")));
        }
        if n >= 2 {
            out.push(t.to_string());
            i += 1;
            continue;
        }
        let mut j = i;
        while j < tokens.len() && tokens[j].chars().count() == 1 {
            j += 1;
        }
        if j - i == 2 {
            out.push(format!("{}{}", tokens[i], tokens[i + 1]));
            i = j;
        } else {
            return (out, Some(tokens[i..].join(" ")));
        }
    }
    (out, None)
}

/// A whole-line bracketed byline `（李 东）` / `（吕丽萍 )` → names.
fn bracket_byline(line: &str) -> Option<Vec<String>> {
    let inner = line.trim().strip_prefix(['（', '('])?.strip_suffix(['）', ')'])?;
    names(inner)
}

/// A bracketed byline closing a body line: (text before, names).
fn trailing_byline(line: &str) -> Option<(String, Vec<String>)> {
    let t = line.trim_end();
    if !t.ends_with(['）', ')']) {
        return None;
    }
    let open = t.rfind(['（', '('])?;
    let before = &t[..open];
    let ok_before = before.is_empty() || before.ends_with(char::is_whitespace) || ends_paragraph(before.trim_end());
    if !ok_before {
        return None;
    }
    let names = bracket_byline(&t[open..])?;
    Some((before.trim_end().to_string(), names))
}

/// A photo credit at a line start or after a sentence on the same line:
/// (text before, photo story?, names, heading text set after the names).
fn photo_credit(line: &str) -> Option<(String, bool, Vec<String>, Option<String>)> {
    for (mark, report) in [(PHOTO_REPORT, true), (PHOTO, false)] {
        let mut from = 0;
        while let Some(pos) = line[from..].find(mark).map(|p| p + from) {
            from = pos + mark.len();
            let before = &line[..pos];
            let after = &line[pos + mark.len()..];
            let starts_ok = before.trim().is_empty() || before.ends_with(char::is_whitespace) || ends_paragraph(before.trim_end());
            if !starts_ok || !after.starts_with(char::is_whitespace) {
                continue;
            }
            let (names, rest) = names_then_rest(after);
            if names.is_empty() {
                continue;
            }
            return Some((before.trim_end().to_string(), report, names, rest));
        }
    }
    None
}

/// `● 郭美霞 董成龙` → names.
fn marker_byline(line: &str) -> Option<Vec<String>> {
    let rest = line.trim().strip_prefix('●')?;
    names(rest)
}

/// `责编／苗 滨` → (marker text consumed, editor name).
fn editor(line: &str) -> Option<(String, String)> {
    let t = line.trim();
    for mark in EDITOR_MARKS {
        if let Some(rest) = t.strip_prefix(mark) {
            let sep: String = rest.chars().take_while(|c| matches!(c, '／' | '/' | '：' | ':' | '　') || c.is_whitespace()).collect();
            let name = rest[sep.len()..].trim();
            if !name.is_empty() && name.chars().all(|c| is_hanzi(c) || c.is_whitespace() || c == '·') {
                return Some((format!("{mark}{sep}"), name.split_whitespace().collect()));
            }
        }
    }
    None
}

fn is_unit_line(line: &str) -> bool {
    let h = heading(line);
    let tokens: Vec<&str> = h.split(' ').collect();
    tokens.iter().all(|t| t.chars().count() <= 16 && t.chars().all(is_hanzi))
        && tokens.iter().any(|t| UNIT_SUFFIXES.iter().any(|s| t.ends_with(s) && t.chars().count() > s.chars().count()))
}

/// Slogans the issue prints in quotes (“两带两创”), as written.
fn quoted_slogans(text: &str) -> BTreeSet<String> {
    crate::corpus::quoted_slogans(text).into_iter().map(String::from).collect()
}

fn is_vertical(chunk: &Chunk) -> bool {
    chunk.lines.len() >= 3 && chunk.lines.iter().all(|l| l.chars().count() == 1)
}

fn is_heading_line(line: &str) -> bool {
    bracket_byline(line).is_some()
        || marker_byline(line).is_some()
        || editor(line).is_some()
        || photo_credit(line).is_some_and(|(before, ..)| before.is_empty())
        || (line.chars().filter(|c| !c.is_whitespace()).count() <= 48
            && !line.contains(SENTENCE_PUNCT)
            && !line.starts_with(CAPTION))
}

fn is_heading_chunk(chunk: &Chunk) -> bool {
    chunk.lines.len() <= 4 && chunk.lines.iter().all(|l| is_heading_line(l))
}

/// A lone line of plain text after a finished sentence, followed by more body text (not a
/// heading, caption or new article): a sentence that starts a column and runs on after a
/// blank line (`…辅助系统不` / blank / `平衡、…`), not a title. A real heading group that
/// is followed by a body always holds a byline, unit line or credit as well.
fn broken_sentence(chunk: &Chunk, next: Option<&Chunk>, column_width: usize) -> bool {
    let plain = chunk.lines.iter().all(|l| {
        bracket_byline(l).is_none() && marker_byline(l).is_none() && editor(l).is_none() && photo_credit(l).is_none() && !is_unit_line(l)
    });
    let body_follows = next.is_some_and(|n| !n.starts && !is_heading_chunk(n) && !n.lines[0].starts_with(CAPTION) && !is_vertical(n));
    let same_page = next.is_some_and(|n| n.page == chunk.page);
    let len = chunk.lines[0].chars().filter(|c| !c.is_whitespace()).count();
    // The broken line fills the column like the body lines before it; a title is shorter.
    let full_width = len * 5 >= column_width * 4;
    chunk.lines.len() == 1 && plain && body_follows && same_page && full_width
}

fn chunks(text: &str) -> Vec<Chunk> {
    let mut out: Vec<Chunk> = Vec::new();
    let mut cur: Option<Chunk> = None;
    let mut page = 0;
    let mut blank_run = 0;
    for line in text.split('\n') {
        if line.trim().is_empty() {
            blank_run += 1;
            out.extend(cur.take());
            continue;
        }
        if blank_run >= 2 && (!out.is_empty() || cur.is_some()) {
            page += 1;
        }
        blank_run = 0;
        let t = line.trim().to_string();
        let starts = line.starts_with(char::is_whitespace) || dateline(&t).is_some();
        if starts {
            out.extend(cur.take());
        }
        cur.get_or_insert(Chunk { lines: Vec::new(), page, starts }).lines.push(t);
    }
    out.extend(cur);
    out
}

impl Splitter {
    fn mark(&mut self, s: &str) {
        for c in s.chars().filter(|c| !c.is_whitespace()) {
            *self.markers.entry(c).or_insert(0) += 1;
        }
    }

    fn current(&mut self) -> Option<&mut Draft> {
        self.drafts.last_mut()
    }

    fn open(&mut self, chunk: &Chunk) {
        let mut lines = chunk.lines.clone();
        let mut dl = None;
        let mut authors = Vec::new();
        if let Some((marker, rest)) = dateline(&lines[0]) {
            let mut rest = rest.to_string();
            // A bracketed byline right after the dateline: 劲旅讯 （杨 红） 1 月 4 日，…
            if rest.starts_with(['（', '(']) {
                if let Some(close) = rest.find(['）', ')']) {
                    let close_len = rest[close..].chars().next().map_or(1, char::len_utf8);
                    if let Some(ns) = bracket_byline(&rest[..close + close_len]) {
                        let consumed = rest[..close + close_len].to_string();
                        let inner_names: String = ns.concat();
                        let marks: String = consumed.chars().filter(|c| !c.is_whitespace() && !inner_names.contains(*c)).collect();
                        self.mark(&marks);
                        authors = ns;
                        rest = rest[close + close_len..].trim_start().to_string();
                    }
                }
            }
            dl = Some(marker.to_string());
            lines[0] = rest;
        }
        let second_report = dl.as_deref().is_some_and(|m| m.starts_with('又')) && self.state == State::Body;
        let group = match (second_report, self.drafts.last()) {
            (true, Some(prev)) => prev.group,
            _ => {
                self.next_group += 1;
                self.next_group
            }
        };
        let column = self.pending_column.take();
        let mut d = Draft::new(chunk.page, group, column);
        d.dateline = dl;
        d.authors = authors;
        self.drafts.push(d);
        self.state = State::Body;
        self.append_lines(&lines, false);
    }

    /// Append body lines to the current article, taking trailing bylines and credits off.
    fn append_lines(&mut self, lines: &[String], with_break: bool) {
        let mut pending_marks: Vec<String> = Vec::new();
        let chunk_id = self.drafts.iter().map(|d| d.heads.len() + d.body.len()).sum::<usize>();
        let Some(d) = self.drafts.last_mut() else { return };
        if with_break && !d.body.is_empty() {
            d.body.push(Body::Break);
        }
        for line in lines {
            let mut text = line.clone();
            if let Some((before, report, names, rest)) = photo_credit(&text) {
                pending_marks.push(if report { PHOTO_REPORT } else { PHOTO }.to_string());
                for n in names {
                    if !d.photographers.contains(&n) {
                        d.photographers.push(n);
                    }
                }
                d.photo_report |= report;
                d.closed_body = true;
                if let Some(r) = rest {
                    d.heads.push((r, chunk_id + 1_000_000));
                }
                text = before;
            } else if let Some((before, names)) = trailing_byline(&text) {
                let tail = &text[before.len()..];
                let joined: String = names.concat();
                let marks: String = tail.chars().filter(|c| !c.is_whitespace() && !joined.contains(*c)).collect();
                pending_marks.push(marks);
                for n in names {
                    if !d.authors.contains(&n) {
                        d.authors.push(n);
                    }
                }
                d.closed_body = true;
                text = before;
            }
            if !text.trim().is_empty() {
                d.body.push(Body::Line(text));
            }
        }
        let closed = d.closed_body;
        for m in pending_marks {
            self.mark(&m);
        }
        if closed {
            self.state = State::Heading { closed: false };
        }
    }

    fn heading_chunk(&mut self, chunk: &Chunk, chunk_id: usize) {
        for line in &chunk.lines {
            if let Some(ns) = bracket_byline(line) {
                let joined = ns.concat();
                let marks: String = line.chars().filter(|c| !c.is_whitespace() && !joined.contains(*c)).collect();
                self.mark(&marks);
                match self.current() {
                    Some(d) => d.authors.extend(ns),
                    None => self.unplaced.push(line.clone()),
                }
            } else if let Some(ns) = marker_byline(line) {
                self.mark("●");
                self.state = State::Heading { closed: true };
                match self.current() {
                    Some(d) => {
                        d.authors.extend(ns);
                        d.marker_byline = true;
                    }
                    None => self.unplaced.push(line.clone()),
                }
            } else if let Some((mark, name)) = editor(line) {
                self.mark(&mark);
                self.editors.push(name);
            } else if let Some((_, report, ns, rest)) = photo_credit(line) {
                self.mark(if report { PHOTO_REPORT } else { PHOTO });
                match self.current() {
                    Some(d) => {
                        d.photographers.extend(ns);
                        d.photo_report |= report;
                        if let Some(r) = rest {
                            d.heads.push((r, chunk_id));
                        }
                    }
                    None => self.unplaced.push(line.clone()),
                }
            } else if chunk.lines.len() == 1 && self.labels.contains(line.trim()) {
                self.pending_column = Some(line.trim().to_string());
            } else {
                match self.current() {
                    Some(d) => d.heads.push((line.clone(), chunk_id)),
                    None => self.unplaced.push(line.clone()),
                }
            }
        }
    }

    fn vertical(&mut self, chunk: &Chunk) {
        let all: String = chunk.lines.concat();
        let (title, byline) = match all.find('●') {
            Some(p) => (all[..p].to_string(), Some(all[p + '●'.len_utf8()..].to_string())),
            None => (all.clone(), None),
        };
        if byline.is_some() {
            self.mark("●");
        }
        self.state = State::Heading { closed: true };
        let Some(d) = self.drafts.last_mut() else {
            self.unplaced.push(all);
            return;
        };
        if !title.is_empty() {
            d.title = Some(title);
        }
        if let Some(b) = byline.filter(|b| !b.is_empty()) {
            d.authors.push(b);
            d.marker_byline = true;
        }
    }

    fn run(&mut self, chunks: &[Chunk]) {
        for (ci, chunk) in chunks.iter().enumerate() {
            if is_vertical(chunk) {
                self.vertical(chunk);
                continue;
            }
            if chunk.starts {
                self.open(chunk);
                continue;
            }
            match self.state {
                State::Nothing => {
                    if is_heading_chunk(chunk) {
                        self.heading_chunk(chunk, ci);
                    } else {
                        self.open(chunk);
                    }
                }
                State::Body => {
                    let done = self.drafts.last().is_none_or(Draft::sentence_done);
                    let width = self.drafts.last().map_or(0, Draft::column_width);
                    if done && is_heading_chunk(chunk) && !broken_sentence(chunk, chunks.get(ci + 1), width) {
                        self.state = State::Heading { closed: false };
                        self.heading_chunk(chunk, ci);
                    } else {
                        self.append_lines(&chunk.lines, true);
                    }
                }
                State::Heading { closed } => {
                    let plain_text = chunk.lines.iter().all(|l| {
                        bracket_byline(l).is_none() && marker_byline(l).is_none() && editor(l).is_none() && photo_credit(l).is_none()
                    });
                    let label = chunk.lines.len() == 1 && self.labels.contains(chunk.lines[0].trim());
                    if chunk.lines[0].starts_with(CAPTION) && !self.drafts.is_empty() {
                        self.append_lines(&chunk.lines, true);
                        self.state = State::Heading { closed };
                    } else if is_heading_chunk(chunk) && !(closed && plain_text && !label) {
                        self.heading_chunk(chunk, ci);
                    } else {
                        self.open(chunk);
                    }
                }
            }
        }
        if let Some(c) = self.pending_column.take() {
            self.unplaced.push(c);
        }
    }
}

fn is_poem(d: &Draft) -> bool {
    let lines: Vec<&str> = d.body.iter().filter_map(|b| if let Body::Line(s) = b { Some(s.as_str()) } else { None }).collect();
    let breaks = d.body.iter().filter(|b| matches!(b, Body::Break)).count();
    d.dateline.is_none()
        && lines.len() >= 4
        && breaks + 1 >= lines.len() / 2
        && lines.iter().all(|l| l.chars().count() <= 20 && !l.contains(SENTENCE_PUNCT) && !l.contains('、'))
}

/// Paragraphs of a prose body. A paragraph ends at a blank line after a finished sentence,
/// or at a finished sentence whose line stops well short of the column (the last line of a
/// paragraph in print), judged against the lines before it in the same paragraph.
fn paragraphs(d: &Draft) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut widths: Vec<usize> = Vec::new();
    for b in &d.body {
        match b {
            Body::Line(s) => {
                join_line(&mut cur, s);
                let width = s.chars().filter(|c| !c.is_whitespace()).count();
                let column = widths.iter().rev().take(4).copied().max().unwrap_or(0);
                let short = widths.len() >= 3 && width * 5 < column * 4;
                widths.push(width);
                if short && ends_paragraph(s) {
                    out.push(std::mem::take(&mut cur));
                    widths.clear();
                }
            }
            Body::Break => {
                if ends_paragraph(&cur) {
                    out.push(std::mem::take(&mut cur));
                    widths.clear();
                }
            }
        }
    }
    if !cur.trim().is_empty() {
        out.push(cur);
    }
    let mut out: Vec<String> = out.iter().map(|p| squeeze(p)).filter(|p| !p.is_empty()).collect();
    if let Some(dl) = &d.dateline {
        match out.first_mut() {
            Some(first) => *first = format!("{dl} {first}"),
            None => out.push(dl.clone()),
        }
    }
    out
}

/// Cut `text` (repaired) into articles; `stem` prefixes the ids.
pub fn split(text: &str, stem: &str) -> Split {
    let chunks = chunks(text);
    let mut s = Splitter {
        drafts: Vec::new(),
        unplaced: Vec::new(),
        editors: Vec::new(),
        markers: BTreeMap::new(),
        labels: quoted_slogans(text),
        pending_column: None,
        state: State::Nothing,
        next_group: 0,
    };
    s.run(&chunks);
    let dateline_pages: BTreeSet<usize> = s.drafts.iter().filter(|d| d.dateline.is_some()).map(|d| d.page).collect();

    struct Resolved {
        title: Option<String>,
        subtitle: Option<String>,
        units: Vec<String>,
        paragraphs: Vec<String>,
        poem: bool,
    }
    let mut unplaced = s.unplaced.clone();
    let mut resolved: Vec<Resolved> = Vec::new();
    for d in &s.drafts {
        let poem = is_poem(d);
        let mut title = d.title.clone();
        let mut subtitle = None;
        let mut units = Vec::new();
        let mut heads = d.heads.clone();
        if title.is_none() {
            if let Some((last, chunk)) = heads.pop() {
                let mut t = heading(&last);
                if let Some((prev, pc)) = heads.last() {
                    if *pc == chunk && !is_unit_line(prev) {
                        t = format!("{} {}", heading(prev), t);
                        heads.pop();
                    }
                }
                title = Some(t);
            }
        }
        for (h, _) in heads {
            if is_unit_line(&h) {
                units.extend(heading(&h).split(' ').map(str::to_string));
            } else if subtitle.is_none() {
                subtitle = Some(heading(&h));
            } else {
                unplaced.push(h);
            }
        }
        let paragraphs = if poem {
            let mut lines: Vec<String> = d.body.iter().filter_map(|b| if let Body::Line(l) = b { Some(squeeze(l)) } else { None }).collect();
            if title.is_none() && matches!(d.body.get(1), Some(Body::Break)) {
                title = Some(heading(&lines.remove(0)));
            }
            lines
        } else {
            paragraphs(d)
        };
        resolved.push(Resolved { title, subtitle, units, paragraphs, poem });
    }
    // Reports under one headline (劲旅讯 … 又讯 …) share it.
    let mut i = 0;
    while i < s.drafts.len() {
        let mut j = i;
        while j + 1 < s.drafts.len() && s.drafts[j + 1].group == s.drafts[i].group {
            j += 1;
        }
        if j > i {
            let (title, subtitle, units) = (resolved[j].title.clone(), resolved[j].subtitle.clone(), resolved[j].units.clone());
            let n = j - i + 1;
            for (k, r) in resolved[i..=j].iter_mut().enumerate() {
                if r.title.is_none() {
                    r.title = title.clone();
                }
                if r.subtitle.is_none() {
                    r.subtitle = subtitle.clone();
                }
                r.units = if units.len() == n { vec![units[k].clone()] } else { units.clone() };
            }
        }
        i = j + 1;
    }
    let mut articles = Vec::new();
    for (k, (d, r)) in s.drafts.iter().zip(resolved).enumerate() {
        let kind = if d.photo_report {
            Kind::Photo
        } else if r.poem || !dateline_pages.contains(&d.page) {
            Kind::Literature
        } else if d.marker_byline {
            Kind::Feature
        } else {
            Kind::News
        };
        if r.paragraphs.is_empty() && r.title.is_none() {
            continue;
        }
        articles.push(Article {
            id: format!("{stem}-{:03}", k + 1),
            title: r.title,
            subtitle: r.subtitle,
            authors: d.authors.clone(),
            photographers: d.photographers.clone(),
            units: r.units,
            kind,
            column: d.column.clone(),
            paragraphs: r.paragraphs,
        });
    }
    let mut taken = std::collections::BTreeSet::new();
    for a in articles.iter_mut() {
        a.id = crate::corpus::article_id(stem, a, &taken);
        taken.insert(a.id.clone());
    }
    let publication = {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for d in &s.drafts {
            if let Some(m) = d.dateline.as_deref().filter(|m| !m.starts_with('又') && *m != "本报讯") {
                *counts.entry(m.trim_end_matches('讯')).or_insert(0) += 1;
            }
        }
        counts.into_iter().max_by_key(|(_, n)| *n).map(|(m, _)| m.to_string())
    };
    let date = issue_date(text, &articles);
    Split { articles, unplaced, editors: s.editors, publication, date, markers: s.markers }
}

/// `YYYY-MM`: the latest year the text names, and the latest month among the dates that
/// open news reports (`劲旅讯 1 月 4 日，…`), which are always in the past of the issue.
fn issue_date(text: &str, articles: &[Article]) -> Option<String> {
    let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let chars: Vec<char> = squeezed.chars().collect();
    let mut year = None;
    for i in 0..chars.len().saturating_sub(4) {
        if chars[i..i + 4].iter().all(char::is_ascii_digit) && chars[i + 4] == '年' && (i == 0 || !chars[i - 1].is_ascii_digit()) {
            let y: u32 = chars[i..i + 4].iter().collect::<String>().parse().ok()?;
            if (1900..=2100).contains(&y) {
                year = year.max(Some(y));
            }
        }
    }
    let mut month = None;
    for a in articles {
        let Some(first) = a.paragraphs.first() else { continue };
        let opening: String = first.chars().skip_while(|c| !c.is_ascii_digit()).take(4).collect();
        if first.chars().position(|c| c.is_ascii_digit()).is_none_or(|p| p > 8) {
            continue;
        }
        let digits: String = opening.chars().take_while(char::is_ascii_digit).collect();
        if opening[digits.len()..].starts_with('月') {
            if let Ok(m) = digits.parse::<u32>() {
                if (1..=12).contains(&m) {
                    month = month.max(Some(m));
                }
            }
        }
    }
    Some(format!("{:04}-{:02}", year?, month?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split_text(t: &str) -> Split {
        split(t, "t")
    }

    #[test]
    fn datelines() {
        assert_eq!(dateline("劲旅讯 2023年以来"), Some(("劲旅讯", "2023年以来")));
        assert_eq!(dateline(" 又讯 近日"), Some(("又讯", "近日")));
        assert_eq!(dateline("喜讯传来，"), None);
        assert_eq!(dateline("讯 x"), None);
    }

    #[test]
    fn padded_names_close_up() {
        assert_eq!(names("杨 红"), Some(vec!["杨红".to_string()]));
        assert_eq!(names("师晓娟 王 峰"), Some(vec!["师晓娟".to_string(), "王峰".to_string()]));
        assert_eq!(names("王星芸 郭美霞"), Some(vec!["王星芸".to_string(), "郭美霞".to_string()]));
        assert_eq!(names("政工，科"), None);
        assert_eq!(names_then_rest("杨效民 节 能 降 耗 在 行 动"), (vec!["杨效民".to_string()], Some("节 能 降 耗 在 行 动".to_string())));
    }

    #[test]
    fn title_unit_and_byline_follow_the_body() {
        let t = "劲旅讯 近日，某工区采取多项措施，强化禁烟管理。\n\n通过多项措施的实施，消除了安全隐患。 （师晓娟 柴水霞）\n\n资源综合利用分公司焙烧工区\n\n强 化 禁 烟 管 理 消 除 安 全 隐 患\n\n劲旅讯 为缓解公司供矿压力，矿业公司深挖潜能。 （李鹏）\n";
        let s = split_text(t);
        assert_eq!(s.articles.len(), 2);
        let a = &s.articles[0];
        assert_eq!(a.title.as_deref(), Some("强化禁烟管理 消除安全隐患"));
        assert_eq!(a.authors, vec!["师晓娟", "柴水霞"]);
        assert_eq!(a.units, vec!["资源综合利用分公司焙烧工区"]);
        assert_eq!(a.paragraphs, vec!["劲旅讯 近日，某工区采取多项措施，强化禁烟管理。", "通过多项措施的实施，消除了安全隐患。"]);
        assert_eq!(a.kind, Kind::News);
        assert_eq!(s.articles[1].title, None);
        assert_eq!(s.articles[1].authors, vec!["李鹏"]);
        // Ids hash the article's opening: `t-` and eight hex digits, different per article.
        for a in &s.articles {
            let hash = a.id.strip_prefix("t-").expect("the stem comes first");
            assert!(hash.len() == 8 && hash.chars().all(|c| c.is_ascii_hexdigit()), "{}", a.id);
        }
        assert_ne!(s.articles[0].id, s.articles[1].id);
        assert_eq!(s.markers.get(&'（'), Some(&2));
    }

    #[test]
    fn a_sentence_runs_on_across_blank_lines_and_inside_words() {
        let t = "劲旅讯 充分利用“两带\n\n两创”载体，中铝股\n\n份党建工作第二考核组来企业检查。\n\n考核组说明了程序。\n";
        let s = split_text(t);
        assert_eq!(s.articles[0].paragraphs, vec!["劲旅讯 充分利用“两带两创”载体，中铝股份党建工作第二考核组来企业检查。", "考核组说明了程序。"]);
    }

    #[test]
    fn a_short_last_line_ends_a_paragraph_without_a_blank_line() {
        let t = "劲旅讯 为了保证倒组任务顺利完工及员工安全，项目部\n安排专人重点检查现场作业条件，全部到位。\n工做好后勤生活保障，及时清理楼梯积雪防止打\n滑，为工器具提供保障。\n即便做足了准备，大会战一开始，工器具便被\n冻得“哑了声”。\n";
        let s = split_text(t);
        let p = &s.articles[0].paragraphs;
        assert_eq!(p.len(), 2, "{p:?}");
        assert!(p[0].contains("全部到位。工做好") && p[0].ends_with("滑，为工器具提供保障。"), "{p:?}");
        assert_eq!(p[1], "即便做足了准备，大会战一开始，工器具便被冻得“哑了声”。");
    }

    #[test]
    fn second_report_shares_the_headline_and_deals_out_units() {
        let t = "劲旅讯 甲事业部超额完成任务。\n\n又讯 乙工服超额完成任务。 （王星芸）\n\n精细氧化铝事业部 山西中铝工服\n\n超额完成 2023年生产经营目标任务\n";
        let s = split_text(t);
        assert_eq!(s.articles.len(), 2);
        for a in &s.articles {
            assert_eq!(a.title.as_deref(), Some("超额完成2023年生产经营目标任务"));
        }
        assert_eq!(s.articles[0].units, vec!["精细氧化铝事业部"]);
        assert_eq!(s.articles[1].units, vec!["山西中铝工服"]);
        assert!(s.articles[0].authors.is_empty());
        assert_eq!(s.articles[1].authors, vec!["王星芸"]);
        assert!(s.articles[1].paragraphs[0].starts_with("又讯 "));
    }

    #[test]
    fn photo_stories_captions_labels_and_features() {
        let t = "劲旅讯 某员工获评劳动者。 （杜亮芳）\n\n企业一员工获称号\n\n图为检修人员认真做\n好设备检修维护。 摄影 郭美霞\n 近日，中心排查外墙，保证了行人安全。\n\n摄影报道 刘立新 刘佳\n\n全年回收废铝袋近20万条。图为装卸现场。 摄影报道 杨效民 节 能 降 耗 在 行 动\n 党员突击队清理闪蒸槽，图为清理作业。\n\n摄影报道 师晓娟 王 峰\n\n迎难而上显担当\n清理消缺提效率\n\n两带两创\n\n劲旅讯 厂党委以“两带两创”为抓手，管好干部。\n\n管 好 干 部\n\n“虽然工期很紧，”焊工说。\n\n“铁军”大会战\n● 郭美霞 董成龙\n";
        let s = split_text(t);
        let titles: Vec<Option<&str>> = s.articles.iter().map(|a| a.title.as_deref()).collect();
        assert_eq!(titles, vec![Some("企业一员工获称号"), None, Some("节能降耗在行动"), Some("迎难而上显担当 清理消缺提效率"), Some("管好干部"), Some("“铁军”大会战")]);
        let a = &s.articles[0];
        assert_eq!(a.photographers, vec!["郭美霞"]);
        assert_eq!(a.kind, Kind::News);
        assert_eq!(a.paragraphs.last().unwrap(), "图为检修人员认真做好设备检修维护。");
        assert_eq!(s.articles[1].kind, Kind::Photo);
        assert_eq!(s.articles[1].photographers, vec!["刘立新", "刘佳"]);
        assert_eq!(s.articles[2].photographers, vec!["杨效民"]);
        assert_eq!(s.articles[3].photographers, vec!["师晓娟", "王峰"]);
        assert_eq!(s.articles[4].column.as_deref(), Some("两带两创"));
        assert_eq!(s.articles[5].kind, Kind::Feature);
        assert_eq!(s.articles[5].authors, vec!["郭美霞", "董成龙"]);
    }

    #[test]
    fn literary_page_vertical_heading_poem_and_editor() {
        let t = "劲旅讯 新闻一则。\n\n新闻标题\n\n\n\n父亲戒了烟，但节俭依旧。\n\n此时此刻，父亲心里暖洋洋的。\n\n暖\n●\n王\n建\n强\n\n往事如烟\n\n老实的梧桐\n\n紧挨着土崖\n\n蝉虫肆意鸣叫的夜风里\n\n日落而息的庄稼院\n 1958 年 9 月我\n毕业后，被分配到山西工作。\n\n父亲的“首义门”情结\n● 韩长绵\n\n责编／苗 滨\n";
        let s = split_text(t);
        assert_eq!(s.articles.len(), 4);
        let warm = &s.articles[1];
        assert_eq!((warm.title.as_deref(), warm.authors.clone(), warm.kind), (Some("暖"), vec!["王建强".to_string()], Kind::Literature));
        let poem = &s.articles[2];
        assert_eq!(poem.title.as_deref(), Some("往事如烟"));
        assert_eq!(poem.paragraphs, vec!["老实的梧桐", "紧挨着土崖", "蝉虫肆意鸣叫的夜风里", "日落而息的庄稼院"]);
        assert_eq!(poem.kind, Kind::Literature);
        assert_eq!(s.articles[3].paragraphs, vec!["1958年9月我毕业后，被分配到山西工作。"]);
        assert_eq!(s.articles[3].kind, Kind::Literature);
        assert_eq!(s.editors, vec!["苗滨"]);
        assert_eq!(s.articles[0].kind, Kind::News);
    }

    #[test]
    fn a_sentence_broken_after_a_full_stop_is_not_a_title() {
        let t = "劲旅讯 会议指出了问题，在场的各单位负责人都表了态。\n\n在客观分析了企业设备系统非计划停车多、辅助系统不\n\n平衡等问题后，他指出，要坚持问题导向。\n\n标 题 在 此\n";
        let s = split_text(t);
        assert_eq!(s.articles.len(), 1);
        assert_eq!(s.articles[0].title.as_deref(), Some("标题在此"));
        assert_eq!(s.articles[0].paragraphs[1], "在客观分析了企业设备系统非计划停车多、辅助系统不平衡等问题后，他指出，要坚持问题导向。");
    }

    #[test]
    fn subtitle_before_title() {
        let t = "劲旅讯 （杨 红） 1 月 4 日，中铝召开动员会。\n\n中铝召开氧化铝板块“工艺设备性能优化大排查大整治”专项行动动员会\n\n启动设备整治“专项行动” 拉开 2024年工作序幕\n劲旅讯 （杨 红） 1 月 7 日至 8 日，考核组来企业检查。\n";
        let s = split_text(t);
        let a = &s.articles[0];
        assert_eq!(a.title.as_deref(), Some("启动设备整治“专项行动” 拉开2024年工作序幕"));
        assert_eq!(a.subtitle.as_deref(), Some("中铝召开氧化铝板块“工艺设备性能优化大排查大整治”专项行动动员会"));
        assert_eq!(a.authors, vec!["杨红"]);
        assert_eq!(a.paragraphs[0], "劲旅讯 1月4日，中铝召开动员会。");
        assert_eq!(s.date.as_deref(), Some("2024-01"));
        assert_eq!(s.publication.as_deref(), Some("劲旅"));
    }
}
