//! Conservation: every character of the raw text is accounted for.
//!
//! Takes the repaired text (one character per raw character, see [`super::shift`]), the
//! cleaned [`Issue`] and the byline markers the cleaner consumed; returns a
//! [`ConservationReport`]: characters in, characters out per field, characters in
//! `unplaced`, whitespace dropped, markers consumed, and the characters that vanished for no
//! reason (`lost`, which must be empty) or appear more often than in the input
//! (`duplicated`: a headline shared by a 劲旅讯 report and its 又讯). Counts are over
//! characters that are not whitespace; maps are sorted, so the report prints identically.

use super::shift::Repaired;
use crate::corpus::Issue;
use std::collections::BTreeMap;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConservationReport {
    pub source: String,
    /// Non-whitespace characters of the decoded text.
    pub chars_in: usize,
    /// Shifted glyphs replaced, e.g. `"袁→，"` → 212.
    pub repaired: BTreeMap<String, usize>,
    /// Non-whitespace characters out, per field (`title`, `paragraphs`, `authors` …).
    pub chars_out: BTreeMap<&'static str, usize>,
    /// Non-whitespace characters in `unplaced`.
    pub chars_unplaced: usize,
    /// Whitespace characters of the input (all of it is layout; none is counted as content).
    pub whitespace_in: usize,
    /// Byline markers consumed: `●`, the brackets of `（王军）`, `摄影报道`, `责编／`.
    pub markers: BTreeMap<char, usize>,
    /// Characters that vanished without being whitespace or a consumed marker. Must be empty.
    pub lost: BTreeMap<char, usize>,
    /// Characters that appear more often out than in (shared headlines, split unit lines).
    pub duplicated: BTreeMap<char, usize>,
}

fn tally<'a>(counts: &mut BTreeMap<char, usize>, texts: impl IntoIterator<Item = &'a str>) -> usize {
    let mut n = 0;
    for t in texts {
        for c in t.chars().filter(|c| !c.is_whitespace()) {
            *counts.entry(c).or_insert(0) += 1;
            n += 1;
        }
    }
    n
}

impl ConservationReport {
    pub fn new(source: &str, repaired: &Repaired, issue: &Issue, markers: &BTreeMap<char, usize>) -> Self {
        let mut input = BTreeMap::new();
        let chars_in = tally(&mut input, [repaired.text.as_str()]);
        let whitespace_in = repaired.text.chars().filter(|c| c.is_whitespace()).count();
        let mut output = BTreeMap::new();
        let mut chars_out: BTreeMap<&'static str, usize> = BTreeMap::new();
        let a = &issue.articles;
        let fields: [(&'static str, Vec<&str>); 8] = [
            ("title", a.iter().filter_map(|x| x.title.as_deref()).collect()),
            ("subtitle", a.iter().filter_map(|x| x.subtitle.as_deref()).collect()),
            ("authors", a.iter().flat_map(|x| x.authors.iter().map(String::as_str)).collect()),
            ("photographers", a.iter().flat_map(|x| x.photographers.iter().map(String::as_str)).collect()),
            ("units", a.iter().flat_map(|x| x.units.iter().map(String::as_str)).collect()),
            ("column", a.iter().filter_map(|x| x.column.as_deref()).collect()),
            ("paragraphs", a.iter().flat_map(|x| x.paragraphs.iter().map(String::as_str)).collect()),
            ("editors", issue.editors.iter().map(String::as_str).collect()),
        ];
        for (name, texts) in fields {
            chars_out.insert(name, tally(&mut output, texts));
        }
        let chars_unplaced = tally(&mut output, issue.unplaced.iter().map(String::as_str));
        for (&c, &n) in markers {
            *output.entry(c).or_insert(0) += n;
        }
        let mut lost = BTreeMap::new();
        let mut duplicated = BTreeMap::new();
        let keys: std::collections::BTreeSet<char> = input.keys().chain(output.keys()).copied().collect();
        for c in keys {
            let i = input.get(&c).copied().unwrap_or(0);
            let o = output.get(&c).copied().unwrap_or(0);
            if i > o {
                lost.insert(c, i - o);
            } else if o > i {
                duplicated.insert(c, o - i);
            }
        }
        ConservationReport {
            source: source.to_string(),
            chars_in,
            repaired: repaired.repairs.clone(),
            chars_out,
            chars_unplaced,
            whitespace_in,
            markers: markers.clone(),
            lost,
            duplicated,
        }
    }

    pub fn repaired_total(&self) -> usize {
        self.repaired.values().sum()
    }
}

fn fmt_counts(map: &BTreeMap<char, usize>) -> String {
    if map.is_empty() {
        return "none".to_string();
    }
    map.iter().map(|(c, n)| format!("{c}×{n}")).collect::<Vec<_>>().join(" ")
}

impl fmt::Display for ConservationReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.source)?;
        writeln!(f, "  chars in:        {} (plus {} whitespace)", self.chars_in, self.whitespace_in)?;
        let rep: Vec<String> = self.repaired.iter().map(|(k, n)| format!("{k}×{n}")).collect();
        writeln!(f, "  shifted repaired: {} ({})", self.repaired_total(), rep.join(" "))?;
        let out: usize = self.chars_out.values().sum();
        let per: Vec<String> = self.chars_out.iter().map(|(k, n)| format!("{k} {n}")).collect();
        writeln!(f, "  chars out:       {} ({})", out, per.join(", "))?;
        writeln!(f, "  chars unplaced:  {}", self.chars_unplaced)?;
        let markers: usize = self.markers.values().sum();
        writeln!(f, "  vanished:        whitespace {}, byline markers {} ({})", self.whitespace_in, markers, fmt_counts(&self.markers))?;
        writeln!(f, "  lost:            {}", fmt_counts(&self.lost))?;
        write!(f, "  duplicated:      {}", fmt_counts(&self.duplicated))
    }
}
