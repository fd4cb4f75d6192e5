//! Query-time segmentation over the index's own vocabulary (no jieba, identical everywhere).
//!
//! Takes a normalised string and a lookup from term to collection frequency; returns the most
//! probable path (maximum product of unigram probabilities) as [`Segment`]s. Chars no indexed
//! term covers come out as single-char segments marked unknown. Whitespace separates segments
//! and is dropped. Deterministic: ties go to the longer first word.

/// Longest term (in chars) tried at each position.
pub const MAX_TERM_CHARS: usize = 16;

/// One piece of a segmented query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub text: String,
    /// True when `text` is an indexed term.
    pub known: bool,
}

/// Splits `s` into the most probable sequence of indexed terms. `lookup` returns a term's
/// collection frequency; `total` is the number of tokens in the corpus.
pub fn segment_by_vocab(s: &str, total: u64, lookup: impl Fn(&str) -> Option<u64>) -> Vec<Segment> {
    let mut out = Vec::new();
    for run in s.split(char::is_whitespace).filter(|r| !r.is_empty()) {
        segment_run(run, total, &lookup, &mut out);
    }
    out
}

fn segment_run(
    run: &str,
    total: u64,
    lookup: &impl Fn(&str) -> Option<u64>,
    out: &mut Vec<Segment>,
) {
    // Byte offsets of char boundaries.
    let bounds: Vec<usize> = run
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(run.len()))
        .collect();
    let n = bounds.len() - 1;
    let log_total = ((total.max(1)) as f64).ln();
    // Unknown single char: far less probable than any indexed term.
    let unknown_cost = log_total + 20.0;
    // best[j] = (cost, start index i of the last segment, known)
    let mut best: Vec<(f64, usize, bool)> = vec![(f64::INFINITY, 0, false); n + 1];
    best[0] = (0.0, 0, false);
    for i in 0..n {
        let base = best[i].0;
        if !base.is_finite() {
            continue;
        }
        // Try longer words first so that ties go to the longer word.
        let max_j = (i + MAX_TERM_CHARS).min(n);
        for j in (i + 1..=max_j).rev() {
            let word = &run[bounds[i]..bounds[j]];
            if let Some(freq) = lookup(word) {
                let cost = base + log_total - (freq.max(1) as f64).ln();
                if cost < best[j].0 - 1e-9 {
                    best[j] = (cost, i, true);
                }
            }
        }
        let cost = base + unknown_cost;
        if cost < best[i + 1].0 - 1e-9 {
            best[i + 1] = (cost, i, false);
        }
    }
    let mut segs = Vec::new();
    let mut j = n;
    while j > 0 {
        let (_, i, known) = best[j];
        segs.push(Segment {
            text: run[bounds[i]..bounds[j]].to_string(),
            known,
        });
        j = i;
    }
    segs.reverse();
    out.extend(segs);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab(w: &str) -> Option<u64> {
        match w {
            "拟薄水铝石" => Some(5),
            "产量" => Some(10),
            "薄" | "水" => Some(3),
            "两带两创" => Some(4),
            _ => None,
        }
    }

    #[test]
    fn most_probable_path_prefers_indexed_words() {
        let segs = segment_by_vocab("拟薄水铝石产量", 1000, vocab);
        let texts: Vec<&str> = segs.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts, ["拟薄水铝石", "产量"]);
        assert!(segs.iter().all(|s| s.known));
    }

    #[test]
    fn unknown_chars_fall_back_to_single_chars() {
        let segs = segment_by_vocab("窑两带两创 x", 1000, vocab);
        assert_eq!(
            segs[0],
            Segment {
                text: "窑".into(),
                known: false
            }
        );
        assert_eq!(
            segs[1],
            Segment {
                text: "两带两创".into(),
                known: true
            }
        );
        assert_eq!(
            segs[2],
            Segment {
                text: "x".into(),
                known: false
            }
        );
        assert_eq!(segs.len(), 3);
    }
}
