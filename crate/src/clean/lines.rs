//! Lines and paragraphs: undo the print columns and the typesetting spaces.
//!
//! Takes repaired lines (no shifted glyphs left) and returns running text. Guarantees: only
//! whitespace is ever removed or inserted, never another character.
//!
//! Why: the extraction breaks a line every 10–25 characters where the print column ended,
//! sometimes with a blank line in the middle of a sentence (a column or page break). A
//! paragraph ends where the text does: a blank line after a line ending in 。！？…, or a
//! closing quote/bracket right after one of those. A sentence-ending line with no blank
//! after it is a sentence inside a paragraph. Titles and narrow side columns are
//! letter-spaced (`强 化 禁 烟`, `大 量`), and numbers and Latin are set off by spaces
//! (`超年计划 4.9%`); none of those spaces is content, so spaces next to a hanzi or CJK mark
//! go. Spaces between two Latin/digit runs stay, as do spaces between word groups of a
//! title (`管好干部 聚拢人才`) and inside a book title (`《关于提高干部工作执行力 强化考核问责的规定》`).

use super::shift::is_hanzi;

/// Characters that, next to a space, make the space typesetting rather than content:
/// hanzi, CJK and full-width punctuation, general punctuation such as “ ” … — ·, and ℃.
pub fn is_cjk_side(c: char) -> bool {
    is_hanzi(c)
        || matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}' | '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{206F}' | '\u{2100}'..='\u{214F}' | '·' | '●')
}

/// Does this (trimmed) line end a paragraph when a blank line follows it?
pub fn ends_paragraph(line: &str) -> bool {
    let mut rev = line.trim_end().chars().rev();
    match rev.next() {
        Some('。' | '！' | '？' | '…' | '!' | '?') => true,
        Some('”' | '’' | '」' | '』' | '）' | '》') => matches!(rev.next(), Some('。' | '！' | '？' | '…')),
        _ => false,
    }
}

/// Join the next line of a paragraph onto the text so far: no space, except between two
/// Latin letters (a word that the column broke, or two words: keep them apart).
pub fn join_line(acc: &mut String, next: &str) {
    let next = next.trim();
    if next.is_empty() {
        return;
    }
    if let (Some(a), Some(b)) = (acc.trim_end().chars().last(), next.chars().next()) {
        let a_trimmed = acc.trim_end().len();
        acc.truncate(a_trimmed);
        if a.is_ascii_alphabetic() && b.is_ascii_alphabetic() {
            acc.push(' ');
        }
    }
    acc.push_str(next);
}

/// Remove typesetting spaces: every whitespace run next to a CJK character goes; a run
/// between two other characters becomes one space; inside 《…》 a run between two CJK
/// characters also stays as one space (a document title with two parts).
pub fn squeeze(text: &str) -> String {
    let chars: Vec<char> = text.trim().chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut book_depth = 0usize;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            let start = i;
            while i < chars.len() && chars[i].is_whitespace() {
                i += 1;
            }
            let before = chars[..start].last().copied();
            let after = chars.get(i).copied();
            let keep = match (before, after) {
                (Some(a), Some(b)) if book_depth > 0 && is_hanzi(a) && is_hanzi(b) => true,
                (Some(a), Some(b)) => !is_cjk_side(a) && !is_cjk_side(b),
                _ => false,
            };
            if keep {
                out.push(' ');
            }
            continue;
        }
        match c {
            '《' => book_depth += 1,
            '》' => book_depth = book_depth.saturating_sub(1),
            _ => {}
        }
        out.push(c);
        i += 1;
    }
    out
}

/// A display heading (title, subtitle, unit line) without its letter-spacing.
///
/// Runs of single-character tokens (`强 化 禁 烟`) are letter-spacing and close up; the
/// space between word groups stays as one space, except next to a digit or Latin letter
/// (`超额完成 2023年…` → `超额完成2023年…`). A title set entirely letter-spaced has no
/// visible word break; when it has an even number (8 or more) of characters it is read as
/// the two parallel halves headlines of this kind are built from (`强化禁烟管理 消除安全隐患`).
pub fn heading(text: &str) -> String {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    if tokens.is_empty() {
        return String::new();
    }
    let single = |t: &str| t.chars().count() == 1;
    if tokens.len() > 1 && tokens.iter().all(|t| single(t)) {
        let all: Vec<char> = tokens.iter().flat_map(|t| t.chars()).collect();
        let n = all.len();
        if n >= 8 && n.is_multiple_of(2) && all.iter().all(|&c| is_hanzi(c)) {
            let (a, b) = all.split_at(n / 2);
            return format!("{} {}", a.iter().collect::<String>(), b.iter().collect::<String>());
        }
        return all.into_iter().collect();
    }
    // Close up runs of single-character tokens, then join groups.
    let mut groups: Vec<String> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let mut j = i;
        while j < tokens.len() && single(tokens[j]) {
            j += 1;
        }
        if j - i >= 2 {
            groups.push(tokens[i..j].concat());
            i = j;
        } else {
            groups.push(tokens[i].to_string());
            i += 1;
        }
    }
    let mut out = String::new();
    for g in groups {
        if let (Some(a), Some(b)) = (out.chars().last(), g.chars().next()) {
            if !(a.is_ascii_alphanumeric() || b.is_ascii_alphanumeric()) || (a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric()) {
                out.push(' ');
            }
        }
        out.push_str(&g);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraph_ends() {
        for end in ["完成。", "长大了！", "干啥？", "样子……", "这个地方。”", "（张三）。"] {
            assert!(ends_paragraph(end), "{end}");
        }
        for not_end in ["评选出“红星”“银星”", "具体分解", "费用，", "“两带两创”活", ""] {
            assert!(!ends_paragraph(not_end), "{not_end}");
        }
    }

    #[test]
    fn lines_join_without_spaces_but_latin_words_stay_apart() {
        let mut s = String::from("中铝股");
        join_line(&mut s, "份党建工作");
        assert_eq!(s, "中铝股份党建工作");
        let mut s = String::from("压减了 3 ");
        join_line(&mut s, " 个车间");
        assert_eq!(s, "压减了 3个车间");
        let mut s = String::from("the quick");
        join_line(&mut s, "fox");
        assert_eq!(s, "the quick fox");
    }

    #[test]
    fn typesetting_spaces_go_word_spaces_stay() {
        assert_eq!(squeeze("超年计划 4.9%，硅铝粉产量超年计划 9.25%。"), "超年计划4.9%，硅铝粉产量超年计划9.25%。");
        assert_eq!(squeeze("报 纸 上 得 知 ，1949 年解放"), "报纸上得知，1949年解放");
        assert_eq!(squeeze("2 台 ARL3460 直读光谱仪"), "2台ARL3460直读光谱仪");
        assert_eq!(squeeze("早 6:10 “打响”"), "早6:10“打响”");
        assert_eq!(squeeze("Windows 10 and QC 小组"), "Windows 10 and QC小组");
        assert_eq!(squeeze("出台了 《关于提高干部工作执行力 强化考核问责的规定》，做到"), "出台了《关于提高干部工作执行力 强化考核问责的规定》，做到");
        assert_eq!(squeeze("<script>alert(1)</script> 正文"), "<script>alert(1)</script>正文");
    }

    #[test]
    fn headings_lose_letter_spacing_but_keep_word_groups() {
        assert_eq!(heading("强 化 禁 烟 管 理 消 除 安 全 隐 患"), "强化禁烟管理 消除安全隐患");
        assert_eq!(heading("节 能 降 耗 在 行 动"), "节能降耗在行动");
        assert_eq!(heading("超额完成 2023年生产经营目标任务"), "超额完成2023年生产经营目标任务");
        assert_eq!(heading("管好干部 聚拢人才 打开提产降耗新局面"), "管好干部 聚拢人才 打开提产降耗新局面");
        assert_eq!(heading("启动设备整治“专项行动” 拉开 2024年工作序幕"), "启动设备整治“专项行动” 拉开2024年工作序幕");
        assert_eq!(heading("暖"), "暖");
        assert_eq!(heading("走进 热 电 分 厂"), "走进 热电分厂");
    }
}
