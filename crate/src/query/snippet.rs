//! Snippets: a window of article text around the densest matches, with highlight spans.
//!
//! Takes a search text, its title/body boundaries and match spans (char offsets); returns a
//! [`Snippet`] whose highlights are char offsets into the snippet text (never HTML). Line
//! breaks become spaces; a cut at either end is marked with `…`.

use super::Snippet;

/// Sorts and merges overlapping or touching spans (char offsets), for snippets here and for
/// any renderer that marks spans (the web app's highlights).
pub fn merge(mut spans: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    crate::order::sort_by(&mut spans, Ord::cmp);
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (a, b) in spans {
        match out.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => out.push((a, b)),
        }
    }
    out
}

/// Cuts a snippet of about `want` chars from the body (paragraphs) of `text`, around the
/// window holding the most matches. Matches only in the title or metadata give the start of
/// the body.
pub(crate) fn make_snippet(
    text: &str,
    title_chars: usize,
    body_chars: usize,
    spans: Vec<(usize, usize)>,
    want: usize,
) -> Snippet {
    let chars: Vec<char> = text.chars().collect();
    let want = want.clamp(10, 2000);
    let body_start = (title_chars + 1).min(body_chars);
    let body_end = body_chars.min(chars.len());
    let spans = merge(spans);
    let in_body: Vec<(usize, usize)> = spans
        .iter()
        .copied()
        .filter(|&(a, b)| a >= body_start && b <= body_end)
        .collect();
    // Pick the window start with the most spans, earliest on ties.
    let mut start = body_start;
    let mut best = 0usize;
    for &(a, _) in &in_body {
        let s = a.saturating_sub(want / 4).max(body_start);
        let count = in_body
            .iter()
            .filter(|&&(x, y)| x >= s && y <= s + want)
            .count();
        if count > best {
            best = count;
            start = s;
        }
    }
    // Prefer starting at a line start when the first match is near it.
    if let Some(nl) = chars[body_start.min(body_end)..start.min(body_end)]
        .iter()
        .rposition(|&c| c == '\n')
    {
        let line_start = body_start + nl + 1;
        if start - line_start < want / 4 {
            start = line_start;
        }
    }
    let end = (start + want).min(body_end);
    let start = start.min(end);
    let mut out = String::new();
    let mut shift = 0;
    if start > body_start {
        out.push('…');
        shift = 1;
    }
    for &c in &chars[start..end] {
        out.push(if c == '\n' { ' ' } else { c });
    }
    if end < body_end {
        out.push('…');
    }
    let highlights = in_body
        .iter()
        .filter(|&&(a, b)| b > start && a < end)
        .map(|&(a, b)| [a.max(start) - start + shift, b.min(end) - start + shift])
        .collect();
    Snippet {
        text: out,
        highlights,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippet_highlights_are_char_offsets() {
        let text = "标题\n第一段没有。\n这里有拟薄水铝石产量。";
        let start = text.chars().position(|c| c == '拟').unwrap();
        let s = make_snippet(text, 2, text.chars().count(), vec![(start, start + 5)], 80);
        let chars: Vec<char> = s.text.chars().collect();
        let [a, b] = s.highlights[0];
        assert_eq!(chars[a..b].iter().collect::<String>(), "拟薄水铝石");
    }

    #[test]
    fn merge_spans() {
        assert_eq!(
            merge(vec![(5, 7), (0, 2), (1, 3), (7, 8)]),
            vec![(0, 3), (5, 8)]
        );
    }
}
