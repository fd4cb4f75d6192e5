//! Shifted-font punctuation: map glyphs from the second font back to the punctuation meant.
//!
//! Takes decoded text, returns the same text with the same number of characters on the same
//! lines, where each glyph that context shows to be shifted punctuation is replaced, plus a
//! tally of the replacements.
//!
//! Why: some text blocks of the print PDF were set in a font whose code table is shifted. A
//! GB2312 punctuation character with lead byte 0xA1/0xA3/0xA6 came out as the character with
//! lead byte +0x31 (0xD2/0xD4/0xD7), same trail byte, which is a real hanzi (，→袁 。→遥 、→尧
//! “→野 ”→冶 （→渊 ）→冤 ●→荫 …). [`shifted_meaning`] undoes this with `encoding_rs`: encode
//! the glyph as GBK, subtract 0x31 from the lead byte if it is one of the three, decode. That
//! rule says what a glyph *would* mean; context decides whether it *does*, because 窑, 院, 叶,
//! 野 and 要 are everyday characters too:
//!
//! - A *segment* (lines between blank lines, or from a block start) is **shifted** when it has
//!   more shifted comma/stop/enumeration-comma/semicolon glyphs (袁遥尧曰) than normal
//!   punctuation. A normal segment has ，。、 and none of them. In a shifted segment the
//!   frequent marks (，。、；“”！：？) are mapped unless the glyph stands in a real word from
//!   [`REAL_WORDS`] (遥远, 冶炼, 院子 …); brackets (（）《》) only when they pair up; the dash and
//!   ellipsis (要要, 噎噎) only when doubled, as those marks always are. Rarer targets (〉→业,
//!   』→一, 〔→也 …) are never mapped: the real character is far likelier.
//! - Anywhere, even in a normal segment: `渊…冤` / `渊…)` around a short name is a byline;
//!   `野…冶` around a short span without other quotes is a quotation; `叶…曳` a book title;
//!   a digit, 窑, digit is `·` (`7窑23` → `7·23`); a digit, 滋, Latin letter is `μ`
//!   (`-45滋m`); 荫 opening a line before a space is the byline marker `●`.

use std::collections::BTreeMap;

/// Words in which a glyph with a shifted meaning is the real character. Checked around every
/// candidate in shifted segments and before the quote pairing in normal ones.
pub const REAL_WORDS: &[&str] = &[
    "遥远", "遥控", "遥感", "遥望", "遥测", "遥相", "遥遥", "逍遥", "冶炼", "冶金", "陶冶", "冶铸",
    "田野", "视野", "原野", "野外", "野生", "野心", "荒野", "野营", "野战", "野餐", "野菜", "朝野",
    "沐浴", "洗浴", "淋浴", "浴室", "浴池", "浴场", "浴缸", "浴巾", "浴血", "钥匙", "学院", "医院",
    "法院", "院子", "院长", "庭院", "书院", "研究院", "院士", "院校", "大院", "小院", "院落", "院里",
    "院内", "院外", "住院", "出院", "入院", "庄稼院", "摇曳", "拖曳", "曳光", "深渊", "渊源", "渊博",
    "冤枉", "冤屈", "冤案", "树叶", "叶子", "茶叶", "叶片", "落叶", "绿叶", "树荫", "绿荫", "荫凉",
    "炉窑", "砖窑", "窑洞", "窑炉", "回转窑", "石灰窑", "滋味", "滋养", "滋润", "滋生", "滋补",
];

/// What a glyph would mean if it came from the shifted font: GBK-encode it, and if the lead
/// byte is 0xD2, 0xD4 or 0xD7, subtract 0x31 and decode again. `None` for other glyphs.
pub fn shifted_meaning(c: char) -> Option<char> {
    let mut buf = [0u8; 4];
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(c.encode_utf8(&mut buf));
    if unmappable || bytes.len() != 2 || !matches!(bytes[0], 0xD2 | 0xD4 | 0xD7) {
        return None;
    }
    let unshifted = [bytes[0] - 0x31, bytes[1]];
    let (out, had_errors) = encoding_rs::GBK.decode_without_bom_handling(&unshifted);
    let mut chars = out.chars();
    match (had_errors, chars.next(), chars.next()) {
        (false, Some(m), None) if m != '\u{FFFD}' => Some(m),
        _ => None,
    }
}

/// Text after repair, with the same line structure and one character per input character.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repaired {
    pub text: String,
    /// `"袁→，"` → how many times.
    pub repairs: BTreeMap<String, usize>,
}

const NORMAL_PUNCT: &[char] = &['，', '。', '、', '；', '：', '！', '？', '“', '”'];
/// Meanings that mark a shifted segment: they are frequent, so a shifted block is full of them.
const LIST_MARKS: &[char] = &['，', '。', '、', '；'];
/// Meanings mapped in a shifted segment without pairing (unless in a real word).
const FREQUENT_MARKS: &[char] = &['，', '。', '、', '；', '“', '”', '！', '：', '？'];

/// Repair the shifted glyphs of `text`. See the module doc for the rules.
pub fn repair(text: &str) -> Repaired {
    let chars: Vec<char> = text.chars().collect();
    let meaning: Vec<Option<char>> = chars.iter().map(|&c| shifted_meaning(c)).collect();
    let real: Vec<bool> = real_word_mask(&chars);
    let mut out = chars.clone();
    let mut previous_shifted = false;
    for (start, end) in segments(&chars) {
        let shifted = is_shifted(&chars[start..end], &meaning[start..end], &real[start..end], previous_shifted);
        repair_segment(&chars, &meaning, &real, start, end, shifted, &mut out);
        previous_shifted = shifted;
    }
    let mut repairs = BTreeMap::new();
    for (a, b) in chars.iter().zip(&out) {
        if a != b {
            *repairs.entry(format!("{a}→{b}")).or_insert(0) += 1;
        }
    }
    Repaired { text: out.into_iter().collect(), repairs }
}

/// Marks characters that belong to an occurrence of a [`REAL_WORDS`] entry.
fn real_word_mask(chars: &[char]) -> Vec<bool> {
    let mut mask = vec![false; chars.len()];
    for word in REAL_WORDS {
        let w: Vec<char> = word.chars().collect();
        if w.len() > chars.len() {
            continue;
        }
        for i in 0..=chars.len() - w.len() {
            if chars[i..i + w.len()] == w[..] {
                mask[i..i + w.len()].iter_mut().for_each(|m| *m = true);
            }
        }
    }
    mask
}

/// Char ranges of segments: runs of non-blank lines, a new one at every line that starts
/// with whitespace (a new text block in the extraction).
fn segments(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut seg_start: Option<usize> = None;
    let mut i = 0;
    while i < chars.len() {
        let line_end = chars[i..].iter().position(|&c| c == '\n').map_or(chars.len(), |p| i + p);
        let line = &chars[i..line_end];
        let blank = line.iter().all(|c| c.is_whitespace());
        let block_start = !blank && line[0].is_whitespace();
        if blank || block_start {
            if let Some(s) = seg_start.take() {
                out.push((s, i));
            }
        }
        if !blank && seg_start.is_none() {
            seg_start = Some(i);
        }
        i = line_end + 1;
    }
    if let Some(s) = seg_start {
        out.push((s, chars.len()));
    }
    out
}

/// A piece too short to judge by itself (one shifted mark, mid-line, no normal punctuation)
/// follows the segment before it: a shifted paragraph broken by a column break stays shifted.
fn is_shifted(chars: &[char], meaning: &[Option<char>], real: &[bool], previous_shifted: bool) -> bool {
    let normal = chars.iter().filter(|c| NORMAL_PUNCT.contains(c)).count();
    let mut shifted = 0;
    let mut at_mark_position = false;
    for i in 0..chars.len() {
        if real[i] || !meaning[i].is_some_and(|m| LIST_MARKS.contains(&m)) {
            continue;
        }
        shifted += 1;
        let next = chars.get(i + 1).copied().unwrap_or('\n');
        if next.is_whitespace() || meaning.get(i + 1).copied().flatten().is_some() {
            at_mark_position = true;
        }
    }
    shifted > normal && (shifted >= 3 || at_mark_position || (previous_shifted && normal == 0))
}

fn is_digit(c: Option<&char>) -> bool {
    c.is_some_and(|c| c.is_ascii_digit())
}

fn repair_segment(
    chars: &[char],
    meaning: &[Option<char>],
    real: &[bool],
    start: usize,
    end: usize,
    shifted: bool,
    out: &mut [char],
) {
    let glyph_of = |m: char, from: usize| -> Option<usize> {
        (from..end).find(|&j| meaning[j] == Some(m) && !real[j])
    };
    let mut i = start;
    while i < end {
        let c = chars[i];
        let Some(m) = meaning[i] else {
            i += 1;
            continue;
        };
        let prev = if i > start { chars.get(i - 1) } else { None };
        let next = chars.get(i + 1).filter(|_| i + 1 < end);
        match m {
            '（' if !real[i] => {
                // A pair around a short span; in a normal segment the span must be a name.
                let close = (i + 1..end.min(i + 18)).find(|&j| {
                    meaning[j] == Some('）') || chars[j] == ')' || chars[j] == '）'
                });
                if let Some(j) = close {
                    let inner = &chars[i + 1..j];
                    let names = inner.iter().all(|&c| is_hanzi(c) || c == ' ' || c == '·')
                        && inner.iter().any(|&c| is_hanzi(c));
                    let plain = inner.iter().all(|c| !c.is_ascii_punctuation() && *c != '\n' && meaning_is_none(*c));
                    if names || (shifted && plain && !inner.is_empty()) {
                        out[i] = '（';
                        if meaning[j] == Some('）') {
                            out[j] = '）';
                        }
                        i = j + 1;
                        continue;
                    }
                }
            }
            '“' if !shifted && !real[i] => {
                if let Some(j) = (i + 1..end.min(i + 42)).find(|&j| chars[j] == c || meaning[j] == Some('”')) {
                    let inner = &chars[i + 1..j];
                    if meaning[j] == Some('”') && !real[j] && !inner.iter().any(|c| matches!(c, '“' | '”')) {
                        out[i] = '“';
                        out[j] = '”';
                        i = j + 1;
                        continue;
                    }
                }
            }
            '《' if !real[i] => {
                if let Some(j) = glyph_of('》', i + 1).filter(|&j| j < i + 42) {
                    let inner = &chars[i + 1..j];
                    if !inner.iter().any(|&x| x == c || x == '《' || x == '》') {
                        out[i] = '《';
                        out[j] = '》';
                        i = j + 1;
                        continue;
                    }
                }
            }
            '·' if is_digit(prev) && is_digit(next) => out[i] = '·',
            'μ' if is_digit(prev) && next.is_some_and(|c| c.is_ascii_alphabetic()) => out[i] = 'μ',
            '●' if (i == start || chars[i - 1] == '\n' || (i > 0 && chars[..i].iter().rev().take_while(|&&x| x != '\n').all(|x| x.is_whitespace())))
                && next.is_none_or(|c| c.is_whitespace()) =>
            {
                out[i] = '●'
            }
            '—' | '…' if shifted && next == Some(&c) => {
                out[i] = m;
                out[i + 1] = m;
                i += 2;
                continue;
            }
            m if shifted && !real[i] && FREQUENT_MARKS.contains(&m) => out[i] = m,
            _ => {}
        }
        i += 1;
    }
}

fn meaning_is_none(c: char) -> bool {
    shifted_meaning(c).is_none_or(|m| !FREQUENT_MARKS.contains(&m))
}

/// A CJK unified ideograph (the basic block and extension A).
pub fn is_hanzi(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(s: &str) -> String {
        repair(s).text
    }

    #[test]
    fn the_general_rule_covers_whole_rows() {
        for (seen, meant) in [
            ('袁', '，'), ('遥', '。'), ('尧', '、'), ('野', '“'), ('冶', '”'), ('曰', '；'), ('渊', '（'),
            ('冤', '）'), ('叶', '《'), ('曳', '》'), ('浴', '！'), ('院', '：'), ('窑', '·'), ('滋', 'μ'),
            ('荫', '●'), ('钥', '？'), ('要', '—'), ('噎', '…'),
        ] {
            assert_eq!(shifted_meaning(seen), Some(meant), "{seen}");
        }
        assert_eq!(shifted_meaning('中'), None);
        assert_eq!(shifted_meaning('a'), None);
        assert_eq!(shifted_meaning('，'), None);
    }

    #[test]
    fn a_shifted_block_is_repaired() {
        let raw = "由于当地持续降雪天气袁夜晚气温降至零下袁而作业\n几乎全在户外遥 时间紧尧任务重曰他说院野用大锤砸浴冶\n";
        assert_eq!(fix(raw), "由于当地持续降雪天气，夜晚气温降至零下，而作业\n几乎全在户外。 时间紧、任务重；他说：“用大锤砸！”\n");
    }

    #[test]
    fn a_normal_block_keeps_real_characters() {
        let raw = "投身到炉、窑、磨、机等检修任务中。他在院子里走，树叶落了，要求很高，野外作业。\n";
        assert_eq!(fix(raw), raw);
        let poem = "游荡在\n\n日落而息的庄稼院\n";
        assert_eq!(fix(poem), poem);
    }

    #[test]
    fn real_words_inside_a_shifted_block_stay() {
        let raw = "前路遥远袁他要为直径427mm的管道焊接袁在冶炼车间袁院子里遥\n";
        assert_eq!(fix(raw), "前路遥远，他要为直径427mm的管道焊接，在冶炼车间，院子里。\n");
    }

    #[test]
    fn bylines_are_repaired_anywhere() {
        assert_eq!(fix("劲旅讯 渊杨 红冤 1 月 4 日，中铝召开会议。\n"), "劲旅讯 （杨 红） 1 月 4 日，中铝召开会议。\n");
        assert_eq!(fix("的一致好评。 渊王军)\n"), "的一致好评。 （王军)\n");
        assert_eq!(fix("渊吕丽萍 )\n"), "（吕丽萍 )\n");
        assert_eq!(fix("深渊里的冤屈，不是名字。\n"), "深渊里的冤屈，不是名字。\n");
    }

    #[test]
    fn dot_micro_and_marker_from_context() {
        assert_eq!(fix("为深刻汲取齐齐哈尔野7窑23冶某中学体育馆坍塌事故教训袁近日袁开展排查遥\n"),
            "为深刻汲取齐齐哈尔“7·23”某中学体育馆坍塌事故教训，近日，开展排查。\n");
        assert_eq!(fix("氧化铝粒度-45滋m 较同期降低，指标滋养。\n"), "氧化铝粒度-45μm 较同期降低，指标滋养。\n");
        assert_eq!(fix("“铁军”大会战\n荫 郭美霞 董成龙\n"), "“铁军”大会战\n● 郭美霞 董成龙\n");
        assert_eq!(fix("暖\n荫\n王\n"), "暖\n●\n王\n");
        assert_eq!(fix("在树荫下乘凉。\n"), "在树荫下乘凉。\n");
    }

    #[test]
    fn quotes_and_book_titles_pair_in_normal_text() {
        assert_eq!(fix("召开氧化铝板块野工艺设备性能优化冶专项行动动员会\n"), "召开氧化铝板块“工艺设备性能优化”专项行动动员会\n");
        assert_eq!(fix("制订出台了 叶关于提高执行力的规定曳袁做到了工作有安排袁有责任遥\n"),
            "制订出台了 《关于提高执行力的规定》，做到了工作有安排，有责任。\n");
        assert_eq!(fix("秋风中树叶摇曳。\n"), "秋风中树叶摇曳。\n");
    }

    #[test]
    fn dash_and_ellipsis_only_when_doubled() {
        assert_eq!(fix("他说袁要要这是真的噎噎遥 他要走袁液体遥\n"), "他说，——这是真的……。 他要走，液体。\n");
    }

    #[test]
    fn repair_keeps_char_count_and_lines() {
        let raw = "野虽然甲方要求工期\n很紧袁但我们不能因为赶遥\n\n时间就放松了对质量的要求遥\n";
        let out = repair(raw);
        assert_eq!(out.text.chars().count(), raw.chars().count());
        assert_eq!(out.text.lines().count(), raw.lines().count());
        assert_eq!(out.repairs.get("袁→，"), Some(&1));
        assert_eq!(out.repairs.get("遥→。"), Some(&2));
        assert!(out.text.starts_with("“虽然"));
    }

    #[test]
    fn html_is_text() {
        let raw = "<script>alert(1)</script> 渊张三冤\n";
        assert_eq!(fix(raw), "<script>alert(1)</script> （张三）\n");
    }
}
