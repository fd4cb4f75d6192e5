//! Small statistics for the bench: nearest-rank percentiles over timing samples, MB/s, and
//! the peak/current resident memory of this process from `/proc/self/status`.
//!
//! Takes samples in milliseconds; returns summaries. Guarantees: the same samples give the
//! same summary (nearest rank, no interpolation: every reported figure was measured).

use serde::{Deserialize, Serialize};
use std::time::Instant;

/// Summary of a set of timings, in milliseconds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub n: usize,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub min_ms: f64,
    pub max_ms: f64,
}

/// The nearest-rank `p`th percentile of sorted samples (`p` in 0..=100).
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// Summary of `samples` (any order). `None` when there are none.
pub fn summarize(samples: &[f64]) -> Option<Summary> {
    if samples.is_empty() {
        return None;
    }
    let mut s = samples.to_vec();
    s.sort_by(f64::total_cmp);
    Some(Summary {
        n: s.len(),
        p50_ms: percentile(&s, 50.0),
        p95_ms: percentile(&s, 95.0),
        min_ms: s[0],
        max_ms: s[s.len() - 1],
    })
}

/// The median of `samples` (nearest rank).
pub fn median(samples: &[f64]) -> f64 {
    let mut s = samples.to_vec();
    s.sort_by(f64::total_cmp);
    percentile(&s, 50.0)
}

/// The smallest sample.
pub fn min(samples: &[f64]) -> f64 {
    samples.iter().copied().fold(f64::INFINITY, f64::min)
}

/// Milliseconds since `start`.
pub fn ms_since(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1000.0
}

/// Megabytes (10^6 B) per second for `bytes` processed in `ms`.
pub fn mb_per_s(bytes: usize, ms: f64) -> f64 {
    bytes as f64 / 1e6 / (ms / 1000.0)
}

/// A `VmHWM` (peak resident) or `VmRSS` (current) figure of this process in KiB, from
/// `/proc/self/status`; `None` off Linux.
pub fn proc_status_kib(field: &str) -> Option<u64> {
    status_kib(&std::fs::read_to_string("/proc/self/status").ok()?, field)
}

/// The `field:   123 kB` line of a `/proc/<pid>/status` text, in KiB.
fn status_kib(status: &str, field: &str) -> Option<u64> {
    status.lines().find_map(|line| {
        let rest = line.strip_prefix(field)?.strip_prefix(':')?;
        rest.trim().strip_suffix("kB")?.trim().parse().ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let samples: Vec<f64> = (1..=20).rev().map(f64::from).collect();
        let s = summarize(&samples).unwrap();
        assert_eq!(
            (s.n, s.p50_ms, s.p95_ms, s.min_ms, s.max_ms),
            (20, 10.0, 19.0, 1.0, 20.0)
        );
        assert_eq!(summarize(&[]), None);
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(mb_per_s(2_000_000, 500.0), 4.0);
    }

    #[test]
    fn reads_own_memory() {
        let sample = "Name:\txtask\nVmPeak:\t  20000 kB\nVmHWM:\t   3092 kB\nVmRSS:\t   3000 kB\n";
        assert_eq!(status_kib(sample, "VmHWM"), Some(3092));
        assert_eq!(status_kib(sample, "VmRSS"), Some(3000));
        assert_eq!(status_kib(sample, "VmSwap"), None);
        // One read of this process's own status: the peak is never below the current size.
        let status = std::fs::read_to_string("/proc/self/status").expect("Linux has /proc/self/status");
        let (hwm, rss) = (status_kib(&status, "VmHWM").unwrap(), status_kib(&status, "VmRSS").unwrap());
        assert!(hwm >= rss && rss > 0, "VmHWM {hwm} KiB, VmRSS {rss} KiB");
        assert!(proc_status_kib("VmHWM").is_some());
    }
}
