//! The large real corpus: npm `chinese-poetry` (全唐詩 and 全宋詩, ~311k poems in traditional
//! characters), converted in memory to `Issue`s and indexed by the engine.
//!
//! Takes the package's `dist/quantangshi/poet.{tang,song}.N.json` files (installed into
//! `bench/work/npm` by the bench, never committed). Each file becomes one `Issue`, each poem
//! an `Article` of kind literature (title, author, one paragraph per line). The build and
//! the queries run in child processes of this same binary (`xtask bench --child …`) so that
//! each one's peak memory (VmHWM) is its own. Guarantees: files are read in (dynasty, number)
//! order, so the same package gives the same doc order and ids (`tang000000-0001`).

use super::corpus::TruthDocs;
use super::native;
use super::report::{CorpusFigures, RecallRow};
use super::stats::{ms_since, proc_status_kib};
use crate::test::read_queries;
use anyhow::{anyhow, bail, Context, Result};
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;
use yuliao::corpus::{Issue, Kind};
use yuliao::index::{BuildConfig, Index};

/// One poem as the package ships it (fields may be missing or null).
#[derive(Deserialize)]
struct Poem {
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    author: Option<String>,
    #[serde(default)]
    paragraphs: Option<Vec<String>>,
}

/// `poet.<dynasty>.<n>.json` files of `dir`, tang before song, by number.
fn poem_files(dir: &Path) -> Result<Vec<(String, u64, PathBuf)>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = entry?.path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        let parts: Vec<&str> = name.split('.').collect();
        if let ["poet", dynasty @ ("tang" | "song"), n, "json"] = parts.as_slice() {
            if let Ok(n) = n.parse::<u64>() {
                files.push((dynasty.to_string(), n, path));
            }
        }
    }
    files.sort_by_key(|(d, n, _)| (d != "tang", *n));
    if files.is_empty() {
        bail!("no poet.*.json files in {}", dir.display());
    }
    Ok(files)
}

/// The first month of the synthetic dates, and after how many issues a month is skipped.
const FIRST_YEAR: usize = 2000;
const SKIP_AFTER: usize = 6;

/// The made-up date (`YYYY-MM`) of the `seq`-th source file. Poems carry no date, but the theme
/// tracker's time axis is what the archive bench must exercise: so the files, in their fixed
/// (dynasty, number) order, are one issue a month from January 2000, and after every
/// [`SKIP_AFTER`] issues a month is left out, so the axis has gaps (months without an issue),
/// as a real paper's has. These dates say nothing about the poems.
pub fn synthetic_date(seq: usize) -> String {
    let month = seq + seq / SKIP_AFTER;
    let (y, m) = (FIRST_YEAR + month / 12, month % 12 + 1);
    format!("{y}-{m:02}")
}

/// Every poem of the package as `Issue`s (one per source file), dated by [`synthetic_date`].
pub fn load(dir: &Path) -> Result<Vec<Issue>> {
    let mut issues = Vec::new();
    for (seq, (dynasty, n, path)) in poem_files(dir)?.into_iter().enumerate() {
        let bytes = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
        let poems: Vec<Poem> = serde_json::from_slice(&bytes).with_context(|| format!("parsing {}", path.display()))?;
        // Built through serde, so fields the corpus model gains later (with serde defaults)
        // need no change here.
        let articles: Vec<serde_json::Value> = poems
            .into_iter()
            .enumerate()
            .map(|(i, p)| {
                json!({
                    "id": format!("{dynasty}{n:06}-{:04}", i + 1),
                    "title": p.title.filter(|t| !t.trim().is_empty()),
                    "subtitle": null,
                    "authors": p.author.filter(|a| !a.trim().is_empty()).into_iter().collect::<Vec<_>>(),
                    "photographers": [],
                    "units": [],
                    "kind": Kind::Literature,
                    "column": null,
                    "paragraphs": p.paragraphs.unwrap_or_default(),
                })
            })
            .collect();
        let issue = json!({
            "source": format!("chinese-poetry/dist/quantangshi/{}", path.file_name().unwrap().to_string_lossy()),
            "publication": if dynasty == "tang" { "全唐詩" } else { "全宋詩" },
            "date": synthetic_date(seq),
            "articles": articles,
            "unplaced": [],
        });
        issues.push(serde_json::from_value(issue).with_context(|| format!("converting {}", path.display()))?);
    }
    Ok(issues)
}

/// What the build child reports.
#[derive(Serialize, Deserialize)]
struct BuildChild {
    figures: CorpusFigures,
}

/// What the query child reports.
#[derive(Serialize, Deserialize)]
struct QueryChild {
    open_ms: f64,
    peak_rss_kib: Option<u64>,
    figures: CorpusFigures,
    recall: Vec<RecallRow>,
}

/// `xtask bench --child poetry-build <poetry dir> <corpus dir> <index dir> <out.json>`:
/// load, build (peak memory after each), write the index, then jieba-rs alone.
fn child_build(args: &[String]) -> Result<()> {
    let [poetry, corpus_dir, index_dir, out] = args else {
        bail!("poetry-build takes 4 paths")
    };
    let start = Instant::now();
    let issues = load(Path::new(poetry))?;
    let load_ms = ms_since(start);
    let hwm_load = proc_status_kib("VmHWM");
    let config = BuildConfig::from_corpus_dir(Path::new(corpus_dir))
        .with_context(|| format!("reading the build config from {corpus_dir}"))?;
    let (build_ms, built) = native::time_builds(&issues, &config, 1)?;
    let hwm_build = proc_status_kib("VmHWM");
    let index_dir = Path::new(index_dir);
    if index_dir.exists() {
        std::fs::remove_dir_all(index_dir)?;
    }
    built
        .write_dir(index_dir)
        .map_err(|e| anyhow!("writing {}: {e}", index_dir.display()))?;
    let mut fig = native::describe("chinese-poetry (全唐詩 + 全宋詩)", &issues);
    fig.load_ms = Some(load_ms);
    fig.build_ms = build_ms;
    fig.index = native::sizes(&built);
    fig.peak_rss_after_load_kib = hwm_load;
    fig.peak_rss_after_build_kib = hwm_build;
    drop(built);
    let (jl, jc, jt) = native::time_jieba(&issues, 1);
    fig.jieba_load_ms = jl;
    fig.jieba_cut_ms = jc;
    fig.jieba_tokens = jt;
    std::fs::write(out, serde_json::to_vec_pretty(&BuildChild { figures: fig })?)?;
    Ok(())
}

/// `xtask bench --child poetry-query <index dir> <queries> <reps> <poetry dir> <out.json>`:
/// open the index from its files, time the queries, then (untimed, after the memory
/// reading) compare found sets with a substring scan of the poems.
fn child_query(args: &[String]) -> Result<()> {
    let [index_dir, queries, reps, poetry, out] = args else {
        bail!("poetry-query takes 5 arguments")
    };
    let reps: usize = reps.parse().context("reps")?;
    let queries = read_queries(Path::new(queries))?;
    let start = Instant::now();
    let index = Index::open_dir(Path::new(index_dir)).map_err(|e| anyhow!("opening {index_dir}: {e}"))?;
    let open_ms = ms_since(start);
    let mut fig = CorpusFigures::default();
    native::record_latency(&mut fig, &index, &queries, reps);
    let peak = proc_status_kib("VmHWM");
    let issues = load(Path::new(poetry))?;
    let docs = TruthDocs::new(&issues);
    drop(issues);
    let recall = native::recall("poetry", &index, &docs, &queries);
    let report = QueryChild {
        open_ms,
        peak_rss_kib: peak,
        figures: fig,
        recall,
    };
    std::fs::write(out, serde_json::to_vec_pretty(&report)?)?;
    Ok(())
}

/// Entry of the child processes.
pub fn child(args: &[String]) -> Result<()> {
    match args.first().map(String::as_str) {
        Some("poetry-build") => child_build(&args[1..]),
        Some("poetry-query") => child_query(&args[1..]),
        other => bail!("unknown bench child {other:?}"),
    }
}

fn run_child(args: &[&str]) -> Result<()> {
    let exe = std::env::current_exe().context("finding the xtask binary")?;
    let mut cmd = Command::new(exe);
    cmd.arg("bench").arg("--child").args(args);
    crate::util::run(&mut cmd)
}

/// Where [`bench`] has the build child write the poetry index (the archive site links it).
pub fn index_dir(work: &Path) -> PathBuf {
    work.join("poetry-index")
}

/// Builds and queries the poetry corpus in two child processes; returns its figures and
/// recall rows.
pub fn bench(
    poetry_dir: &Path,
    corpus_dir: &Path,
    queries: &Path,
    work: &Path,
    reps: usize,
) -> Result<(CorpusFigures, Vec<RecallRow>)> {
    std::fs::create_dir_all(work)?;
    let index_dir = index_dir(work);
    let build_out = work.join("poetry-build.json");
    let query_out = work.join("poetry-query.json");
    let s = |p: &Path| p.to_string_lossy().into_owned();
    eprintln!(
        "bench: poetry: loading and indexing {} (child process)",
        poetry_dir.display()
    );
    run_child(&[
        "poetry-build",
        &s(poetry_dir),
        &s(corpus_dir),
        &s(&index_dir),
        &s(&build_out),
    ])?;
    eprintln!(
        "bench: poetry: opening the index and running {} (child process)",
        queries.display()
    );
    run_child(&[
        "poetry-query",
        &s(&index_dir),
        &s(queries),
        &reps.to_string(),
        &s(poetry_dir),
        &s(&query_out),
    ])?;
    let built: BuildChild = serde_json::from_slice(&std::fs::read(&build_out)?)?;
    let queried: QueryChild = serde_json::from_slice(&std::fs::read(&query_out)?)?;
    let mut fig = built.figures;
    fig.open_ms = queried.open_ms;
    fig.peak_rss_query_process_kib = queried.peak_rss_kib;
    fig.queries = queried.figures.queries;
    fig.reps = queried.figures.reps;
    fig.latency = queried.figures.latency;
    fig.latency_first_run = queried.figures.latency_first_run;
    Ok((fig, queried.recall))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synthetic_dates_are_one_a_month_with_a_month_left_out_after_every_six() {
        let dates: Vec<String> = (0..15).map(synthetic_date).collect();
        assert_eq!(
            dates,
            ["2000-01", "2000-02", "2000-03", "2000-04", "2000-05", "2000-06", "2000-08", "2000-09", "2000-10", "2000-11",
             "2000-12", "2001-01", "2001-03", "2001-04", "2001-05"]
        );
        // On the engine's month axis, the left-out months are gaps, the rest one issue each.
        let issues: Vec<yuliao::analysis::timeline::SeriesPoint> = dates
            .iter()
            .map(|d| yuliao::analysis::timeline::SeriesPoint { label: d.clone(), date: Some(d.clone()), issues: 1, tokens: 1, ..Default::default() })
            .collect();
        let axis = yuliao::analysis::timeline::date_axis(&issues);
        assert_eq!(axis.months.len(), 17);
        let gaps: Vec<&str> = axis.months.iter().filter(|m| m.issues == 0).map(|m| m.label.as_str()).collect();
        assert_eq!(gaps, ["2000-07", "2001-02"]);
        assert!(axis.months.iter().all(|m| m.issues <= 1) && axis.undated.is_empty());
    }

    #[test]
    fn loads_poems_in_order_with_ids() {
        let dir = std::env::temp_dir().join(format!("yuliao-bench-poetry-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let poem = |t: &str| {
            format!(
                r#"[{{"author":"李白","paragraphs":["床前看月光，","疑是地上霜。"],"title":"{t}","id":"x"}},{{"author":null,"paragraphs":null,"title":""}}]"#
            )
        };
        std::fs::write(dir.join("poet.song.1000.json"), poem("宋")).unwrap();
        std::fs::write(dir.join("poet.tang.1000.json"), poem("唐二")).unwrap();
        std::fs::write(dir.join("poet.tang.0.json"), poem("唐一")).unwrap();
        std::fs::write(dir.join("authors.tang.json"), "[]").unwrap();
        let issues = load(&dir).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        let titles: Vec<_> = issues.iter().map(|i| i.articles[0].title.clone().unwrap()).collect();
        assert_eq!(titles, ["唐一", "唐二", "宋"]);
        let dates: Vec<_> = issues.iter().map(|i| i.date.clone().unwrap()).collect();
        assert_eq!(dates, ["2000-01", "2000-02", "2000-03"], "files in order, one a month");
        assert_eq!(issues[1].articles[0].id, "tang001000-0001");
        assert_eq!(issues[2].publication, "全宋詩");
        let a = &issues[0].articles[0];
        assert_eq!(
            (a.authors.clone(), a.paragraphs.len(), a.kind),
            (vec!["李白".to_string()], 2, Kind::Literature)
        );
        let empty = &issues[0].articles[1];
        assert!(empty.title.is_none() && empty.authors.is_empty() && empty.paragraphs.is_empty());
    }
}
