//! Fixed-point text for figures: `fixed(x, 2)` writes what `format!("{x:.2}")` writes.
//!
//! Takes a float and a number of decimals (at most 3); returns the decimal text, rounded half
//! to even on the float's exact binary value as core's formatter rounds it (so `fixed(0.125, 2)`
//! is `0.12`, and `fixed(1.005, 2)` is `1.00` because 1.005 is stored as 1.00499…), with the
//! same `-`, `NaN` and `inf`. Why it exists: `{:.N}` on a float pulls core's float-to-decimal
//! machinery (Grisu, Dragon4 and their tables, ~11 KB) into the web build; this is integer
//! arithmetic on the float's bits.

/// `value` with `decimals` digits after the point, exactly as `format!("{value:.decimals$}")`.
///
/// `decimals` must be at most 3 (the mantissa times 10³ still fits a `u64`).
pub fn fixed(value: f64, decimals: usize) -> String {
    debug_assert!(decimals <= 3, "fixed() supports at most 3 decimals");
    if value.is_nan() {
        return "NaN".to_string();
    }
    let mut out = String::new();
    if value.is_sign_negative() {
        out.push('-');
    }
    if value.is_infinite() {
        out.push_str("inf");
        return out;
    }
    // |value| = mantissa × 2^exp exactly.
    let bits = value.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1 << 52) - 1);
    let (mantissa, exp) = if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | 1 << 52, biased - 1075)
    };
    let scaled = mantissa * 10u64.pow(decimals as u32); // < 2^53 × 10^3 < 2^63
                                                        // The digits of |value| × 10^decimals rounded to an integer, least significant first.
    let mut digits = Vec::new();
    if exp >= 0 {
        // An integer already (|value| ≥ 2^52): multiply the decimal digits by 2^exp, at most
        // 2^32 at a time.
        push_digits(&mut digits, scaled);
        let mut left = exp as u32;
        while left > 0 {
            let step = left.min(32);
            left -= step;
            let mut carry = 0u64;
            for d in digits.iter_mut() {
                let v = (u64::from(*d) << step) + carry;
                *d = (v % 10) as u8;
                carry = v / 10;
            }
            push_digits(&mut digits, carry);
        }
    } else {
        let shift = exp.unsigned_abs();
        // scaled < 2^63, so from a shift of 64 on the quotient is 0 and the rest below half.
        let rounded = if shift >= 64 {
            0
        } else {
            let quotient = scaled >> shift;
            let rest = scaled & ((1 << shift) - 1);
            let half = 1 << (shift - 1);
            if rest > half || (rest == half && quotient % 2 == 1) {
                quotient + 1
            } else {
                quotient
            }
        };
        push_digits(&mut digits, rounded);
    }
    while digits.len() <= decimals {
        digits.push(0);
    }
    for (i, d) in digits.iter().enumerate().rev() {
        out.push(char::from(b'0' + d));
        if i == decimals && i > 0 {
            out.push('.');
        }
    }
    out
}

/// Appends the decimal digits of `n`, least significant first (`0` gives none).
fn push_digits(digits: &mut Vec<u8>, mut n: u64) {
    while n > 0 {
        digits.push((n % 10) as u8);
        n /= 10;
    }
}

#[cfg(test)]
mod tests {
    use super::fixed;

    #[test]
    fn matches_core_formatting() {
        let mut samples = vec![
            0.0,
            -0.0,
            0.125,
            0.375,
            1.005,
            2.5,
            0.05,
            0.15,
            0.25,
            0.35,
            9.995,
            99.995,
            999.9999,
            1.0 / 3.0,
            2.0 / 3.0,
            84.0,
            1000.0,
            1e-7,
            5e-324,
            f64::MIN_POSITIVE,
            123456.789,
            4503599627370496.5,
            9007199254740993.0,
            1e17,
            1.5e300,
            f64::MAX,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
            -1.5,
            -0.004,
            -0.005,
            -2.675,
        ];
        // Per-10k figures, sizes and chart coordinates as the engine and the page compute them.
        for count in 0..300u64 {
            for total in [1u64, 7, 80, 800, 3_333, 80_000, 123_457] {
                samples.push(count as f64 * 10_000.0 / total as f64);
            }
        }
        for i in 0..2000u64 {
            samples.push(i as f64 * (1000.0 / 137.0) + 0.5);
            samples.push(i as f64 / 1024.0);
            samples.push(i as f64 * 0.001);
        }
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..20_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            samples.push(f64::from_bits(state));
            samples.push((state >> 11) as f64 / (1u64 << 40) as f64);
        }
        for x in samples {
            for d in 0..=3 {
                assert_eq!(fixed(x, d), format!("{x:.d$}"), "fixed({x:e}, {d})");
            }
        }
    }
}
