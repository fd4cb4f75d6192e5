//! The statistics of `docs/statistics.md` (shared docs), one function each, pure: counts in,
//! a number out. Collocation (MI, MI3, T-score, logDice, log-likelihood), keyness (G², Log
//! Ratio, the Šidák-corrected critical value) and dispersion (range, Gries' DP and DPnorm,
//! Juilland's D). The views and the CLI name the same conventions:
//!
//! - Logarithms of ratios are base 2 (MI, MI3, logDice, Log Ratio); G² uses natural logs.
//! - G² is computed over the four cells of the 2×2 table with `0·ln 0 = 0`, and carries the sign
//!   of `O11 − E11` (negative: less often than expected). Critical values compare `|G²|`.
//! - Juilland's D uses the *population* standard deviation (divide by n, not n − 1).
//! - A figure that is undefined for its input (a zero frequency, a single part) is `None`, never
//!   NaN or infinity, so JSON shows `null`.

/// Names of the collocation measures, as the CLI and the page write them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Measure {
    /// 14 + log2(2·f_AB / (f_A + f_B)): independent of corpus size, at most 14.
    #[default]
    LogDice,
    /// log2(f_AB · N / (f_A · f_B)).
    Mi,
    /// log2(f_AB³ · N / (f_A · f_B)).
    Mi3,
    /// (f_AB − f_A·f_B/N) / √f_AB.
    T,
    /// Signed G² of the window form (R1 = tokens in the windows).
    Ll,
}

impl Measure {
    pub const ALL: [Measure; 5] = [Measure::LogDice, Measure::Mi, Measure::Mi3, Measure::T, Measure::Ll];
    pub fn as_str(self) -> &'static str {
        match self {
            Measure::LogDice => "logdice",
            Measure::Mi => "mi",
            Measure::Mi3 => "mi3",
            Measure::T => "t",
            Measure::Ll => "ll",
        }
    }
    /// `logdice`, `mi`, `mi3`, `t` (also `tscore`, `t-score`), `ll` (also `g2`); any case.
    pub fn parse(s: &str) -> Option<Measure> {
        match s.to_ascii_lowercase().as_str() {
            "logdice" | "log-dice" | "dice" => Some(Measure::LogDice),
            "mi" => Some(Measure::Mi),
            "mi3" => Some(Measure::Mi3),
            "t" | "tscore" | "t-score" => Some(Measure::T),
            "ll" | "g2" | "log-likelihood" => Some(Measure::Ll),
            _ => None,
        }
    }
}

/// MI, node/collocate form: log2(f_AB · N / (f_A · f_B)). None when any count is 0.
pub fn mi(f_ab: f64, f_a: f64, f_b: f64, n: f64) -> Option<f64> {
    (f_ab > 0.0 && f_a > 0.0 && f_b > 0.0 && n > 0.0).then(|| (f_ab * n / (f_a * f_b)).log2())
}

/// MI3: log2(f_AB³ · N / (f_A · f_B)).
pub fn mi3(f_ab: f64, f_a: f64, f_b: f64, n: f64) -> Option<f64> {
    (f_ab > 0.0 && f_a > 0.0 && f_b > 0.0 && n > 0.0).then(|| (f_ab.powi(3) * n / (f_a * f_b)).log2())
}

/// T-score: (f_AB − f_A·f_B/N) / √f_AB.
pub fn t_score(f_ab: f64, f_a: f64, f_b: f64, n: f64) -> Option<f64> {
    (f_ab > 0.0 && n > 0.0).then(|| (f_ab - f_a * f_b / n) / f_ab.sqrt())
}

/// logDice: 14 + log2(2·f_AB / (f_A + f_B)).
pub fn log_dice(f_ab: f64, f_a: f64, f_b: f64) -> Option<f64> {
    (f_ab > 0.0 && f_a + f_b > 0.0).then(|| 14.0 + (2.0 * f_ab / (f_a + f_b)).log2())
}

/// MI, window form: log2(O11 / E11) with E11 = R1·C1/N (R1: tokens in the windows).
pub fn mi_window(o11: f64, r1: f64, c1: f64, n: f64) -> Option<f64> {
    let e11 = r1 * c1 / n;
    (o11 > 0.0 && e11 > 0.0).then(|| (o11 / e11).log2())
}

/// Log-likelihood G² of the 2×2 table with O11, row total R1, column total C1 and grand total
/// N: 2 Σ O_ij ln(O_ij / E_ij) over the four cells (0·ln 0 = 0), signed by O11 − E11. None when
/// the margins are impossible (a negative cell, N = 0).
pub fn g2(o11: f64, r1: f64, c1: f64, n: f64) -> Option<f64> {
    let o12 = r1 - o11;
    let o21 = c1 - o11;
    let o22 = n - r1 - c1 + o11;
    if n <= 0.0 || [o11, o12, o21, o22].iter().any(|&o| o < 0.0) {
        return None;
    }
    let r2 = n - r1;
    let c2 = n - c1;
    let cell = |o: f64, e: f64| if o > 0.0 && e > 0.0 { o * (o / e).ln() } else { 0.0 };
    let e11 = r1 * c1 / n;
    let sum = cell(o11, e11) + cell(o12, r1 * c2 / n) + cell(o21, r2 * c1 / n) + cell(o22, r2 * c2 / n);
    let g = (2.0 * sum).max(0.0);
    Some(if o11 < e11 { -g } else { g })
}

/// Keyness G² of a term with `a` hits in a target of `t` tokens and `b` in a reference of `r`
/// tokens (the four cells of [`g2`] with R1 = t, C1 = a + b, N = t + r), signed: positive when
/// the term is relatively more frequent in the target.
pub fn keyness_g2(a: f64, t: f64, b: f64, r: f64) -> Option<f64> {
    g2(a, t, a + b, t + r)
}

/// Log Ratio: log2((a/t) / (b/r)), a zero count replaced by 0.5. +1: twice as frequent in the
/// target. None when a size is 0.
pub fn log_ratio(a: f64, t: f64, b: f64, r: f64) -> Option<f64> {
    let a = if a == 0.0 { 0.5 } else { a };
    let b = if b == 0.0 { 0.5 } else { b };
    (t > 0.0 && r > 0.0).then(|| ((a / t) / (b / r)).log2())
}

/// Šidák's corrected per-test level for `m` tests at family level `alpha`: 1 − (1 − α)^(1/m).
pub fn sidak(alpha: f64, m: usize) -> f64 {
    if m <= 1 {
        return alpha;
    }
    // 1 − (1−α)^(1/m) = −expm1(ln(1−α)/m), exact for tiny results too.
    -((1.0 - alpha).ln() / m as f64).exp_m1()
}

/// The complementary error function, |relative error| < 1.2e-7 (Numerical Recipes' `erfcc`,
/// a Chebyshev fit).
fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let poly = -z * z - 1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07 + t * (-1.135_203_98 + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    let r = t * poly.exp();
    if x >= 0.0 {
        r
    } else {
        2.0 - r
    }
}

/// P(X > x) for X ~ χ²(1): erfc(√(x/2)).
pub fn chi2_1_survival(x: f64) -> f64 {
    if x <= 0.0 {
        1.0
    } else {
        erfc((x / 2.0).sqrt())
    }
}

/// The χ²(1) critical value for level `p`: the x with P(X > x) = p (3.84 for .05, 6.63 for .01,
/// 10.83 for .001, 15.13 for .0001), by bisection on [`chi2_1_survival`].
pub fn chi2_1_critical(p: f64) -> f64 {
    if !(p > 0.0 && p < 1.0) {
        return if p >= 1.0 { 0.0 } else { f64::INFINITY };
    }
    let (mut lo, mut hi) = (0.0f64, 1.0f64);
    while chi2_1_survival(hi) > p {
        hi *= 2.0;
        if hi > 1e6 {
            return hi;
        }
    }
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if chi2_1_survival(mid) > p {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    0.5 * (lo + hi)
}

/// Dispersion of `counts` (v_i) over parts of `sizes` (in tokens), each part once.
#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Dispersion {
    /// Σ v_i.
    pub freq: u64,
    /// Parts with v_i > 0.
    pub range: usize,
    /// Gries' DP = ½ Σ |v_i/f − s_i|, s_i = size_i / Σ size. None when f = 0 or the sizes sum to 0.
    pub dp: Option<f64>,
    /// DP / (1 − min s_i). None also with a single part (1 − min s = 0).
    pub dp_norm: Option<f64>,
    /// Juilland's D = 1 − CV(p)/√(n − 1), p_i = v_i / size_i, CV with the population standard
    /// deviation. None with fewer than two parts, when f = 0, or when a part has size 0.
    pub juilland_d: Option<f64>,
}

/// Range, DP, DPnorm and Juilland's D (see [`Dispersion`]). `counts` and `sizes` pair up; extra
/// entries of the longer one are ignored.
pub fn dispersion(counts: &[u64], sizes: &[u64]) -> Dispersion {
    let n = counts.len().min(sizes.len());
    let (counts, sizes) = (&counts[..n], &sizes[..n]);
    let f: u64 = counts.iter().sum();
    let total: u64 = sizes.iter().sum();
    let range = counts.iter().filter(|&&v| v > 0).count();
    let mut d = Dispersion { freq: f, range, ..Dispersion::default() };
    if f == 0 || total == 0 {
        return d;
    }
    let (ff, tt) = (f as f64, total as f64);
    let dp = 0.5 * counts.iter().zip(sizes).map(|(&v, &s)| (v as f64 / ff - s as f64 / tt).abs()).sum::<f64>();
    d.dp = Some(dp);
    let min_s = sizes.iter().map(|&s| s as f64 / tt).fold(f64::INFINITY, f64::min);
    if 1.0 - min_s > 1e-12 {
        d.dp_norm = Some(dp / (1.0 - min_s));
    }
    if n >= 2 && sizes.iter().all(|&s| s > 0) {
        let p: Vec<f64> = counts.iter().zip(sizes).map(|(&v, &s)| v as f64 / s as f64).collect();
        let mean = p.iter().sum::<f64>() / n as f64;
        let var = p.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / n as f64;
        if mean > 0.0 {
            d.juilland_d = Some(1.0 - (var.sqrt() / mean) / ((n - 1) as f64).sqrt());
        }
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `x` rounded to `decimals` equals `want` (as statistics.md states it).
    fn close(x: Option<f64>, want: f64, decimals: i32) {
        let x = x.expect("a value");
        let scale = 10f64.powi(decimals);
        assert_eq!((x * scale).round() / scale, want, "{x} to {decimals} decimals");
    }

    #[test]
    fn collocation_vector_node_form() {
        // N = 100,000, f_A = 50, f_B = 200, f_AB = 10.
        let (n, fa, fb, fab) = (100_000.0, 50.0, 200.0, 10.0);
        close(mi(fab, fa, fb, n), 6.644, 3);
        close(mi3(fab, fa, fb, n), 13.288, 3);
        close(t_score(fab, fa, fb, n), 3.131, 3);
        close(log_dice(fab, fa, fb), 10.356, 3);
    }

    #[test]
    fn collocation_vector_window_form() {
        // Span 5L+5R around 50 node hits: R1 = 500.
        close(mi_window(10.0, 500.0, 200.0, 100_000.0), 3.322, 3);
        close(g2(10.0, 500.0, 200.0, 100_000.0), 28.63, 2);
        // Fewer co-occurrences than expected: the same test, negative.
        assert!(g2(0.0, 500.0, 200.0, 100_000.0).unwrap() < 0.0);
        assert_eq!(g2(600.0, 500.0, 200.0, 100_000.0), None, "O12 < 0");
    }

    #[test]
    fn keyness_vector() {
        // |T| = 1,000,000 with 120 hits, |R| = 5,000,000 with 60.
        close(keyness_g2(120.0, 1e6, 60.0, 5e6), 222.8, 1);
        close(log_ratio(120.0, 1e6, 60.0, 5e6), 3.32, 2);
        // Swapped, the term is a negative keyword with the same |G²|.
        close(keyness_g2(60.0, 5e6, 120.0, 1e6), -222.8, 1);
        // A zero count is replaced by 0.5: log2((4/100)/(0.5/100)) = 3.
        close(log_ratio(4.0, 100.0, 0.0, 100.0), 3.0, 6);
    }

    #[test]
    fn critical_values_and_sidak() {
        // statistics.md's table: 3.84, 6.63, 10.83, 15.13 (the last is the usual truncation of
        // 15.1367, so each is checked to within 0.01), and the exact values to 4 decimals.
        for (p, table, exact) in [(0.05, 3.84, 3.8415), (0.01, 6.63, 6.6349), (0.001, 10.83, 10.8276), (0.0001, 15.13, 15.1367)] {
            let x = chi2_1_critical(p);
            assert!((x - table).abs() < 0.01, "p {p}: {x} vs {table}");
            close(Some(x), exact, 4);
        }
        assert_eq!(sidak(0.05, 1), 0.05);
        // 1 − 0.95^(1/10) = 0.0051162…
        close(Some(sidak(0.05, 10)), 0.005116, 6);
        assert!(chi2_1_critical(sidak(0.05, 1000)) > 15.13);
    }

    #[test]
    fn dispersion_vectors() {
        let sizes = [20_000, 30_000, 25_000, 25_000];
        let d = dispersion(&[10, 0, 2, 0], &sizes);
        assert_eq!((d.freq, d.range), (12, 2));
        close(d.dp, 0.633, 3);
        close(d.juilland_d, 0.174, 3);
        // min s = 0.2: DPnorm = DP / 0.8.
        close(d.dp_norm, 0.792, 3);
        let d = dispersion(&[3, 4, 3, 2], &sizes);
        assert_eq!(d.range, 4);
        close(d.dp, 0.083, 3);
        close(d.juilland_d, 0.876, 3);
    }

    #[test]
    fn dispersion_edge_cases_are_none_not_nan() {
        let d = dispersion(&[0, 0], &[10, 10]);
        assert_eq!((d.freq, d.range, d.dp, d.dp_norm, d.juilland_d), (0, 0, None, None, None));
        let d = dispersion(&[5], &[100]);
        assert_eq!((d.dp, d.dp_norm, d.juilland_d), (Some(0.0), None, None));
        // Evenly spread in proportion to size: DP 0, D 1.
        let d = dispersion(&[1, 2], &[100, 200]);
        close(d.dp, 0.0, 9);
        close(d.juilland_d, 1.0, 9);
    }

    #[test]
    fn measures_parse_by_name() {
        for m in Measure::ALL {
            assert_eq!(Measure::parse(m.as_str()), Some(m));
        }
        assert_eq!(Measure::parse("T-Score"), Some(Measure::T));
        assert_eq!(Measure::parse("dice?"), None);
    }
}
