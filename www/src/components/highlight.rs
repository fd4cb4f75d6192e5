//! Text with highlighted spans, rendered as text nodes and `<mark>` elements.
//!
//! Takes a text and `[start, end)` CHARACTER offsets (as the engine's `Snippet::highlights`
//! and `query::highlight` return them); renders the text with each span in a `<mark>`.
//! Guarantees: corpus text only ever becomes text nodes (never inner HTML, so `<script>` in an
//! article stays inert); spans that overlap, touch, are unsorted or run past the end are
//! sorted, merged and clamped instead of panicking.

use yew::prelude::*;

use crate::markup::{to_html, El, Node};

/// Cuts `text` into `(piece, highlighted)` runs following the char-offset `spans`.
pub fn segments<'a>(text: &'a str, spans: &[[usize; 2]]) -> Vec<(&'a str, bool)> {
    // Byte offset of every char boundary, including the end.
    let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain(std::iter::once(text.len())).collect();
    let chars = bounds.len() - 1;
    let spans: Vec<(usize, usize)> = spans
        .iter()
        .map(|&[s, e]| (s.min(chars), e.min(chars)))
        .filter(|(s, e)| s < e)
        .collect();
    let merged = yuliao::query::merge_spans(spans);
    let mut out = Vec::with_capacity(merged.len() * 2 + 1);
    let mut at = 0;
    for (s, e) in merged {
        if s > at {
            out.push((&text[bounds[at]..bounds[s]], false));
        }
        out.push((&text[bounds[s]..bounds[e]], true));
        at = e;
    }
    if at < chars || out.is_empty() {
        out.push((&text[bounds[at]..], false));
    }
    out
}

/// `text` as text nodes, with `<mark>` around the char spans.
pub fn highlighted(text: &str, spans: &[[usize; 2]]) -> Html {
    to_html(highlighted_nodes(text, spans))
}

/// The same as markup nodes (the first-result module writes them into the page).
pub fn highlighted_nodes(text: &str, spans: &[[usize; 2]]) -> Vec<Node> {
    segments(text, spans)
        .into_iter()
        .map(|(piece, marked)| if marked { El::new("mark").text(piece).into() } else { Node::Text(piece.to_string()) })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::segments;

    #[test]
    fn cuts_by_characters_not_bytes() {
        let text = "推进两带两创工作";
        assert_eq!(segments(text, &[[2, 6]]), vec![("推进", false), ("两带两创", true), ("工作", false)]);
    }

    #[test]
    fn merges_overlaps_and_clamps() {
        let text = "一二三四五";
        assert_eq!(segments(text, &[[3, 9], [0, 1], [1, 2], [4, 4]]), vec![("一二", true), ("三", false), ("四五", true)]);
        assert_eq!(segments("", &[[0, 3]]), vec![("", false)]);
        assert_eq!(segments("abc", &[]), vec![("abc", false)]);
    }

    #[test]
    fn markup_in_text_stays_text() {
        let text = "<img src=x onerror=alert(1)>";
        let joined: String = segments(text, &[[1, 4]]).into_iter().map(|(p, _)| p).collect();
        assert_eq!(joined, text);
    }
}
