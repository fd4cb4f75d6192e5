//! The browser part: serves the built Yuliao site (`www/dist`) and the Pagefind site on
//! 127.0.0.1 with the serve task's static server, runs `node bench/browser.mjs` (headless
//! Debian Chromium through npm playwright-core) over both with the same queries, and turns
//! its JSON into report rows.
//!
//! Takes the two site folders, the queries and the installed npm packages. Returns one
//! `BrowserSide` per site plus Pagefind's found ids per query. Guarantees: the servers bind
//! 127.0.0.1 only; the driver's own output is kept whole in the report.

use super::npm::Npm;
use super::report::{BrowserSide, PieceSize};
use super::site::id_of_url;
use super::stats::Summary;
use crate::serve::Server;
use crate::util::{files_under, gzip, is_precompressed_sibling, run};
use anyhow::{Context, Result};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// What one driver run gives.
pub struct BrowserRun {
    pub yuliao: Option<BrowserSide>,
    pub pagefind: Option<BrowserSide>,
    /// Query → article ids Pagefind returns (all results).
    pub pagefind_found: BTreeMap<String, Vec<String>>,
    /// Query → the hit count the Yuliao page showed.
    pub yuliao_totals: BTreeMap<String, usize>,
    pub raw: Value,
}

/// Raw and gzip -9 bytes of every file under `dir`, leaving out the build's precompressed
/// `.br`/`.gz` siblings (copies of files already counted), so the figure means what it meant
/// before the build wrote them.
pub fn dir_bytes(dir: &Path) -> Result<(u64, u64)> {
    let mut raw = 0;
    let mut gz = 0;
    for rel in files_under(dir)?.into_iter().filter(|f| !is_precompressed_sibling(dir, f)) {
        let bytes = std::fs::read(dir.join(rel))?;
        raw += bytes.len() as u64;
        gz += gzip(&bytes).len() as u64;
    }
    Ok((raw, gz))
}

fn summary(v: &Value) -> Option<Summary> {
    Some(Summary {
        n: v.get("n")?.as_u64()? as usize,
        p50_ms: v.get("p50")?.as_f64()?,
        p95_ms: v.get("p95")?.as_f64()?,
        min_ms: v.get("min")?.as_f64()?,
        max_ms: v.get("max")?.as_f64()?,
    })
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .map(|x| x.as_str().map(str::to_string).unwrap_or_else(|| x.to_string()))
                .collect()
        })
        .unwrap_or_default()
}

fn side(name: &str, v: &Value) -> BrowserSide {
    let cold = &v["cold"];
    let files = cold["files"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|f| PieceSize {
                    name: f["url"].as_str().unwrap_or("").to_string(),
                    bytes: f["raw"].as_u64().unwrap_or(0),
                    gzip_bytes: f["gzip"].as_u64().unwrap_or(0),
                })
                .collect()
        })
        .unwrap_or_default();
    let per_query = if v.get("perQuery").is_some() {
        &v["perQuery"]
    } else {
        &v["uiPerQuery"]
    };
    let timed_out = per_query
        .as_array()
        .map(|a| {
            a.iter()
                .filter(|q| q["timedOut"].as_bool() == Some(true))
                .map(|q| q["query"].as_str().unwrap_or("").to_string())
                .collect()
        })
        .unwrap_or_default();
    BrowserSide {
        name: name.to_string(),
        first_query: cold["query"].as_str().unwrap_or("").to_string(),
        ms_to_first_result: cold["msToFirstResult"].as_f64(),
        cold_ms: v["coldMs"]
            .as_array()
            .map(|a| a.iter().filter_map(Value::as_f64).collect())
            .unwrap_or_default(),
        requests_to_first_result: cold["requests"].as_u64().unwrap_or(0) as usize,
        bytes_to_first_result: cold["bytesRaw"].as_u64().unwrap_or(0),
        gzip_bytes_to_first_result: cold["bytesGzip"].as_u64().unwrap_or(0),
        files,
        latency: summary(&v["latency"]).or_else(|| summary(&v["uiLatencyFirstRow"])),
        latency_first_run: summary(&v["latencyFirstRun"]).or_else(|| summary(&v["uiLatencyFirstRun"])),
        latency_all_rows: summary(&v["uiLatencyAllRows"]),
        api_latency: summary(&v["apiLatency"]),
        timed_out_queries: timed_out,
        foreign_requests: strings(&v["foreignRequests"]),
        page_errors: strings(&v["pageErrors"]),
        ..BrowserSide::default()
    }
}

/// Runs the driver over whichever sites are given.
pub fn bench(
    root: &Path,
    npm: &Npm,
    dist: Option<&Path>,
    pagefind_site: Option<&Path>,
    queries: &[String],
    reps: usize,
    work: &Path,
) -> Result<BrowserRun> {
    std::fs::create_dir_all(work)?;
    let yuliao_url = dist.map(|d| Server::bind(0, d).map(Server::spawn)).transpose()?;
    let pagefind_url = pagefind_site
        .map(|d| Server::bind(0, d).map(Server::spawn))
        .transpose()?;
    let out = work.join("browser.json");
    let _ = std::fs::remove_file(&out);
    let config = json!({
        "chromium": "/usr/bin/chromium",
        "nodeModules": npm.node_modules(),
        "workDir": work,
        "reps": reps,
        "coldRuns": 3,
        "timeoutMs": 60_000,
        "out": out,
        "yuliao": yuliao_url.as_ref().map(|u| json!({ "url": u, "queries": queries })),
        "pagefind": pagefind_url.as_ref().map(|u| json!({ "url": u, "queries": queries })),
    });
    let config_path = work.join("browser-config.json");
    std::fs::write(&config_path, serde_json::to_vec_pretty(&config)?)?;
    run(Command::new("node")
        .arg(root.join("bench/browser.mjs"))
        .arg(&config_path)
        .current_dir(root))?;
    let raw: Value =
        serde_json::from_slice(&std::fs::read(&out).with_context(|| format!("reading {}", out.display()))?)?;
    let mut yuliao = raw.get("yuliao").filter(|v| !v.is_null()).map(|v| side("Yuliao", v));
    let mut pagefind = raw
        .get("pagefind")
        .filter(|v| !v.is_null())
        .map(|v| side("Pagefind", v));
    if let (Some(y), Some(d)) = (yuliao.as_mut(), dist) {
        (y.site_bytes, y.site_gzip_bytes) = dir_bytes(d)?;
    }
    if let (Some(p), Some(d)) = (pagefind.as_mut(), pagefind_site) {
        (p.site_bytes, p.site_gzip_bytes) = dir_bytes(&d.join("pagefind"))?;
    }
    let mut pagefind_found = BTreeMap::new();
    if let Some(list) = raw["pagefind"]["apiPerQuery"].as_array() {
        for q in list {
            let ids = strings(&q["urls"]).iter().filter_map(|u| id_of_url(u)).collect();
            pagefind_found.insert(q["query"].as_str().unwrap_or("").to_string(), ids);
        }
    }
    let mut yuliao_totals = BTreeMap::new();
    if let Some(list) = raw["yuliao"]["perQuery"].as_array() {
        for q in list {
            if let (Some(query), Some(total)) = (q["query"].as_str(), q["total"].as_u64()) {
                yuliao_totals.insert(query.to_string(), total as usize);
            }
        }
    }
    Ok(BrowserRun {
        yuliao,
        pagefind,
        pagefind_found,
        yuliao_totals,
        raw,
    })
}
