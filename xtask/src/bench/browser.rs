//! The browser part: serves the Yuliao site built for the run (`target/bench/dist`) and the Pagefind site on
//! 127.0.0.1 with the serve task's static server, runs `node bench/browser.mjs` (headless
//! Debian Chromium through npm playwright-core) over both with the same queries, and turns
//! its JSON into report rows. The archive part ([`super::archive`]) runs the same driver
//! through [`drive`] and reads its rows with [`side`].
//!
//! Takes the site folders, the queries and the installed npm packages. Returns one
//! `BrowserSide` per site plus Pagefind's found ids per query. Guarantees: the servers bind
//! 127.0.0.1 only; the driver's own output is kept whole in the report.

use super::npm::Npm;
use super::report::{BrowserSide, PieceSize, QueryFetch, ViewFetch};
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

/// One site's report row from its part of the driver's JSON.
pub fn side(name: &str, v: &Value) -> BrowserSide {
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
    // Yuliao: `perQuery` (ms: every repetition, the first is the one that fetched); Pagefind:
    // `uiPerQuery` (msAllRows) with the result count from `apiPerQuery`.
    let totals: BTreeMap<&str, u64> = v["apiPerQuery"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|q| Some((q["query"].as_str()?, q["total"].as_u64()?)))
                .collect()
        })
        .unwrap_or_default();
    let query_fetches = per_query
        .as_array()
        .map(|a| {
            a.iter()
                .map(|q| {
                    let query = q["query"].as_str().unwrap_or("").to_string();
                    let ms = q
                        .get("ms")
                        .or_else(|| q.get("msAllRows"))
                        .and_then(|m| m.as_array())
                        .and_then(|m| m.first())
                        .and_then(Value::as_f64);
                    QueryFetch {
                        ms,
                        requests: q["requests"].as_u64().unwrap_or(0) as usize,
                        bytes: q["bytesRaw"].as_u64().unwrap_or(0),
                        gzip_bytes: q["bytesGzip"].as_u64().unwrap_or(0),
                        failed_requests: q["failedRequests"].as_u64().unwrap_or(0) as usize,
                        total: q["total"].as_u64().or_else(|| totals.get(query.as_str()).copied()),
                        timed_out: q["timedOut"].as_bool() == Some(true),
                        failure: q["failure"].as_str().map(str::to_string),
                        query,
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    let views: Vec<ViewFetch> = v["views"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|w| ViewFetch {
                    name: w["name"].as_str().unwrap_or("").to_string(),
                    route: w["route"].as_str().unwrap_or("").to_string(),
                    mode: w["mode"].as_str().unwrap_or("").to_string(),
                    ms: w["ms"].as_f64(),
                    requests: w["requests"].as_u64().unwrap_or(0) as usize,
                    bytes: w["bytesRaw"].as_u64().unwrap_or(0),
                    gzip_bytes: w["bytesGzip"].as_u64().unwrap_or(0),
                    failed_requests: w["failedRequests"].as_u64().unwrap_or(0) as usize,
                    failed_reasons: strings(&w["failedReasons"]),
                    rows: w["rows"].as_u64(),
                    timed_out: w["timedOut"].as_bool() == Some(true),
                    error: w["error"].as_str().map(str::to_string),
                    screenshot: w["screenshot"].as_str().map(str::to_string),
                })
                .collect()
        })
        .unwrap_or_default();
    let mut screenshots: Vec<String> = cold["screenshot"].as_str().map(str::to_string).into_iter().collect();
    screenshots.extend(
        per_query
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|q| q["screenshot"].as_str().map(str::to_string)),
    );
    screenshots.extend(views.iter().filter_map(|w| w.screenshot.clone()));
    let console_errors = v["consoleErrors"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|e| (e["text"].as_str().unwrap_or("").to_string(), e["count"].as_u64().unwrap_or(0)))
                .collect()
        })
        .unwrap_or_default();
    BrowserSide {
        name: name.to_string(),
        first_timed_out: cold["timedOut"].as_bool() == Some(true),
        first_error: cold["error"].as_str().map(str::to_string),
        query_fetches,
        views,
        console_errors,
        screenshots,
        first_query: cold["query"].as_str().unwrap_or("").to_string(),
        ms_to_first_result: cold["msToFirstResult"].as_f64(),
        cold_ms: v["coldMs"]
            .as_array()
            .map(|a| a.iter().filter_map(Value::as_f64).collect())
            .unwrap_or_default(),
        slow_first_paint_ms: v["slowLink"]["firstPaintMs"].as_f64(),
        slow_first_contentful_paint_ms: v["slowLink"]["firstContentfulPaintMs"].as_f64(),
        slow_first_result_ms: v["slowLink"]["msToFirstResult"].as_f64(),
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

/// Serves each site folder on its own free port of 127.0.0.1 and runs `node bench/browser.mjs`
/// over them; `sites` maps the driver's site keys (`yuliao`, `pagefind`, `poetryYuliao`,
/// `poetryPagefind`) to the folder and the rest of that site's config (`url` is added).
/// Returns the driver's JSON.
pub fn drive(root: &Path, npm: &Npm, sites: Vec<(&str, &Path, Value)>, reps: usize, work: &Path) -> Result<Value> {
    std::fs::create_dir_all(work)?;
    let out = work.join("browser.json");
    let _ = std::fs::remove_file(&out);
    let mut config = json!({
        "chromium": "/usr/bin/chromium",
        "nodeModules": npm.node_modules(),
        "workDir": work,
        "reps": reps,
        "coldRuns": 3,
        "timeoutMs": 60_000,
        "out": out,
    });
    for (key, dir, mut site) in sites {
        let url = Server::bind(0, dir).map(Server::spawn)?;
        site["url"] = json!(url);
        config[key] = site;
    }
    let config_path = work.join("browser-config.json");
    std::fs::write(&config_path, serde_json::to_vec_pretty(&config)?)?;
    run(Command::new("node")
        .arg(root.join("bench/browser.mjs"))
        .arg(&config_path)
        .current_dir(root))?;
    serde_json::from_slice(&std::fs::read(&out).with_context(|| format!("reading {}", out.display()))?)
        .with_context(|| format!("parsing {}", out.display()))
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
    let mut sites = Vec::new();
    if let Some(d) = dist {
        sites.push(("yuliao", d, json!({ "queries": queries })));
    }
    if let Some(d) = pagefind_site {
        sites.push(("pagefind", d, json!({ "queries": queries })));
    }
    let raw = drive(root, npm, sites, reps, work)?;
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
