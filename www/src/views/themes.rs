//! The theme tracker (`#/themes?t=两带两创&t=…`).
//!
//! Takes the tracked terms from the URL hash; calls `Index::themes` (the presets from
//! `corpus/themes.toml`), `analysis::try_theme_top` (exact occurrences per article and per
//! issue; the [`THEME_ROWS`] articles holding the terms most often listed, in reading order) and
//! `analysis::try_kwic` (concordance lines), and on demand `theme_csv` / `kwic_csv`; a piece
//! that does not decode shows its error (`.engine-error`) in place of counts and lines. Renders the
//! preset chips, the tracked terms (removable) and a box to add more, the total, an SVG
//! column chart over every article in reading order, the table (`table#theme-table`, rows with
//! `data-article-id` and `data-count`, sortable by any column with `o=`) and the concordance; the chart saves as SVG or PNG; article links carry the terms, so
//! the reader links back here. `controls=0` leaves out the presets, the box and the remove
//! buttons. Holds only the term being typed.

use std::rc::Rc;
use yew::prelude::*;
use yuliao::analysis::{self, ThemeReport};
use yuliao::browse::{self, Label};
use yuliao::index::IndexError;

use crate::context::{use_doc_title, use_engine, use_index, use_links, use_query_pairs, use_tr};
use crate::route::go;
use crate::components::chart_download::chart_download;
use crate::components::column_chart::{column_chart, Column};
use crate::components::csv_button::csv_button;
use crate::components::engine_error::engine_error;
use crate::components::kwic::{kwic_table, KwicRow};
use crate::components::title::{title_html, title_text};
use crate::download::file_name;
use crate::i18n::{thousands, Tr};
use crate::components::analysis::{sort_rows, sort_th, SortVal};
use crate::state::{Links, TableSort, ThemeBy, ThemeState, THEME_MA_CHOICES};
use crate::components::series_chart::{series_chart, Series, AVERAGE_COLOUR, PALETTE, TOTAL_COLOUR};
use yuliao::analysis::timeline::{self, SeriesPoint, Suggestions, ThemeSeries};

/// Characters of context on each side of a concordance keyword, and the most lines shown.
const KWIC_CONTEXT: usize = 24;
const KWIC_LIMIT: usize = 500;
/// Above this many articles the chart shows only the articles that hold a term.
const CHART_ALL_MAX: usize = 1500;
/// Article rows listed: the ones holding the terms most often. Their metadata is all a theme
/// fetches beyond postings and lengths, so an archive's theme stays a few hundred KB.
const THEME_ROWS: usize = 200;
/// Several terms by article: every article gets its group of columns up to this many articles;
/// beyond, only the articles holding a term.
const SERIES_ARTICLES_MAX: usize = 120;
/// Suggested themes listed.
const SUGGESTIONS: usize = 12;

/// The query that highlights every tracked term in the reader.
fn reader_query(terms: &[String]) -> String {
    yuliao::query::any_of(terms)
}

/// Splits what was typed into terms (spaces, commas and 、 separate them).
fn typed_terms(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || matches!(c, ',' | '，' | '、' | ';' | '；'))
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

#[component]
pub fn ThemesView() -> Html {
    let index = use_index();
    let tr = use_tr();
    let links = use_links();
    let pairs = use_query_pairs();
    let state = ThemeState::parse(&pairs);
    let typed = use_state(String::new);

    let themes = use_memo((), {
        let index = index.clone();
        move |_| index.themes()
    });
    // One engine answer for the whole view (each `use_engine` is its own copy in the web build):
    // the articles and lines, the theme over time and co-occurrence (the terms' postings, read
    // once more, and when asked the preset themes' postings), kinds and units only when the
    // chart asks for them (their tables, their metadata), and the suggestions (the slogan
    // finder on the articles the concordance read).
    let (by_unit, by_kind) = (state.by == Some(ThemeBy::Unit), state.by == Some(ThemeBy::Kind));
    let answer = use_engine((state.terms.clone(), by_unit, by_kind, state.presets), |ix, (terms, by_unit, by_kind, with_presets)| {
        let kwic = if terms.is_empty() { Ok(Vec::new()) } else { analysis::try_kwic(ix, terms, KWIC_CONTEXT, KWIC_LIMIT) };
        // A piece that does not decode is shown as the error it is, never as zero.
        let (report, kwic) = (analysis::try_theme_top(ix, terms, THEME_ROWS)?, kwic?);
        let presets: Vec<(String, Vec<String>)> =
            if *with_presets { ix.themes().into_iter().map(|t| (t.name, t.terms)).collect() } else { Vec::new() };
        let series = if terms.is_empty() { ThemeSeries::default() } else { timeline::try_theme_series(ix, terms, &presets, *by_kind)? };
        let units = if *by_unit && !terms.is_empty() { timeline::try_theme_units(ix, terms)? } else { Vec::new() };
        // Suggestions from the articles the concordance has read (their texts are loaded).
        let mut read: Vec<u32> = kwic.iter().map(|l| l.doc).collect();
        read.dedup();
        let suggestions = if terms.is_empty() { None } else { timeline::suggested_themes(ix, terms, &read, SUGGESTIONS).ok().map(Rc::new) };
        // The rows' and lines' documents are loaded already (their counts and texts needed them).
        let row_labels = browse::labels_of(ix, &report.articles.iter().map(|r| r.doc).collect::<Vec<_>>());
        let kwic_labels = browse::labels_of(ix, &kwic.iter().map(|l| l.doc).collect::<Vec<_>>());
        // In Rcs, so the view shares the answer rather than copying it.
        Ok::<_, IndexError>((
            (Rc::new(report), Rc::new(kwic), Rc::new(row_labels), Rc::new(kwic_labels)),
            (Rc::new(series), Rc::new(units), suggestions),
        ))
    });
    let fetching = answer.ready().is_none();
    let failure = answer.ready().and_then(|r| r.as_ref().err()).cloned();
    let ((report, kwic, row_labels, kwic_labels), (series, units, suggestions)) = match answer.ready() {
        Some(Ok(((r, k, rl, kl), (s, u, g)))) => ((r.clone(), k.clone(), rl.clone(), kl.clone()), (s.clone(), u.clone(), g.clone())),
        _ => (
            (
                Rc::new(ThemeReport { terms: state.terms.clone(), ..ThemeReport::default() }),
                Rc::new(Vec::new()),
                Rc::new(Vec::new()),
                Rc::new(Vec::new()),
            ),
            (Rc::new(ThemeSeries::default()), Rc::new(Vec::new()), None),
        ),
    };
    let suggestions: Option<Rc<Suggestions>> = suggestions;
    use_doc_title(if state.terms.is_empty() { tr.themes_title().to_string() } else { format!("{} · {}", state.terms.join("、"), tr.themes_title()) });
    // The bars' titles and links depend on the language and the carried link settings as well
    // as the report.
    let columns = use_memo((report.clone(), row_labels.clone(), tr.lang, links), {
        let index = index.clone();
        move |(report, labels, lang, links)| chart_columns(&Tr { lang: *lang }, links, &index, report, labels)
    });

    let on_input = {
        let typed = typed.clone();
        Callback::from(move |e: InputEvent| {
            let el: web_sys::HtmlInputElement = e.target_unchecked_into();
            typed.set(el.value());
        })
    };
    let on_add = {
        let typed = typed.clone();
        let terms = state.terms.clone();
        let settings = state.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let mut next = terms.clone();
            for t in typed_terms(&typed) {
                if !next.contains(&t) {
                    next.push(t);
                }
            }
            typed.set(String::new());
            go(&links.theme_view(&settings.with_terms(next)));
        })
    };

    let q = reader_query(&state.terms);
    let make_theme_csv = {
        let report = report.clone();
        Callback::from(move |_| analysis::theme_csv(&report))
    };
    let make_kwic_csv = {
        let kwic = kwic.clone();
        Callback::from(move |_| analysis::kwic_csv(&kwic))
    };
    let kwic_rows: Vec<KwicRow> = kwic
        .iter()
        .zip(kwic_labels.iter())
        .map(|(l, label)| KwicRow {
            id: l.id.clone(),
            title: title_text(&tr, label),
            left: l.left.clone(),
            keyword: l.keyword.clone(),
            right: l.right.clone(),
            href: links.article(&l.id, &q, &state.terms),
        })
        .collect();

    html! {
        <section class="view themes-view">
            <h1 class="view-title">{ tr.themes_title() }</h1>
            if links.controls {
            <div class="theme-presets">
                <span class="label">{ tr.preset_themes() }</span>
                <ul class="chips">
                    { for themes.iter().map(|t| {
                        let active = t.terms == state.terms;
                        let title = t.note.clone().unwrap_or_else(|| t.terms.join("、"));
                        html! {
                            <li><a class={if active { "chip theme-chip active" } else { "chip theme-chip" }}
                                   href={links.theme_view(&state.with_terms(t.terms.clone()))} title={title} data-theme={t.name.clone()}>{ t.name.clone() }</a></li>
                        }
                    }) }
                </ul>
            </div>
            }
            <form class="theme-terms" onsubmit={on_add}>
                <span class="label">{ tr.tracked_terms() }</span>
                <ul class="chips">
                    { for state.terms.iter().map(|t| {
                        let rest: Vec<String> = state.terms.iter().filter(|x| *x != t).cloned().collect();
                        html! {
                            <li class="chip term-chip" data-term={t.clone()}>
                                <span>{ t.clone() }</span>
                                if links.controls {
                                    <a class="chip-remove" href={links.theme_view(&state.with_terms(rest))} title={tr.remove_term()} aria-label={format!("{} {t}", tr.remove_term())}>{ "×" }</a>
                                }
                            </li>
                        }
                    }) }
                </ul>
                if links.controls {
                    <span class="add-term">
                        <input id="theme-input" type="text" autocomplete="off" placeholder={tr.add_term_placeholder()}
                               value={(*typed).clone()} oninput={on_input} />
                        <button type="submit">{ tr.add_term() }</button>
                    </span>
                }
            </form>
            if state.terms.is_empty() {
                <p class="hint">{ tr.choose_theme() }</p>
            } else {
                if fetching {
                    <p class="notice fetching" aria-live="polite">{ tr.fetching() }</p>
                } else if let Some(e) = &failure {
                    { engine_error(&tr, e) }
                } else {
                    { chart_controls(&tr, &links, &state, index.issues().len()) }
                    { report_html(&tr, &links, &state, &q, &report, &row_labels, &TableSort::parse(&pairs), if state.by_or(index.issues().len()) == ThemeBy::Article {
                        article_chart(&tr, &report, &columns)
                    } else {
                        series_html(&tr, &state, &series, &units, &TableSort::parse(&pairs), &links)
                    }) }
                    if report.total > 0 {
                        { cooccurrence_html(&tr, &links, &state, &series.cooccurrence, &TableSort::parse(&pairs)) }
                    }
                    if links.controls {
                        { suggestions_html(&tr, &links, &state, suggestions.as_deref()) }
                    }
                }
                if failure.is_none() {
                <section class="kwic-section">
                    <div class="section-head">
                        <h2>{ tr.kwic_title() }{ " " }<small>{ tr.kwic_count(kwic_rows.len()) }</small></h2>
                        { csv_button("kwic-csv", tr.download_kwic_csv(), file_name("kwic", &state.terms), make_kwic_csv) }
                    </div>
                    { kwic_table(&kwic_rows) }
                </section>
                <div class="section-foot">
                    { csv_button("theme-csv", tr.download_theme_csv(), file_name("theme", &state.terms), make_theme_csv) }
                </div>
                }
            }
        </section>
    }
}

fn chart_columns(tr: &Tr, links: &Links, index: &yuliao::index::Index, report: &ThemeReport, labels: &[Label]) -> Vec<Column> {
    let q = reader_query(&report.terms);
    // An archive: the theme over time, one column per issue.
    if report.issues.len() > 1 {
        return report
            .issues
            .iter()
            .map(|i| Column { value: i.count, title: tr.chart_bar_title(i.date.as_deref().unwrap_or(&i.stem), i.count), href: None })
            .collect();
    }
    let column = |i: usize| {
        let r = &report.articles[i];
        let title = labels.get(i).map(|l| title_text(tr, l)).unwrap_or_default();
        Column {
            value: r.count,
            title: tr.chart_bar_title(&format!("{}. {title}", r.doc + 1), r.count),
            href: Some(links.article(&r.id, &q, &report.terms)),
        }
    };
    let n = index.article_count();
    if n > CHART_ALL_MAX {
        return (0..report.articles.len()).map(column).collect();
    }
    (0..n as u32)
        // The report's articles are in reading order (ascending doc): look each one up there
        // rather than collecting a map, whose sort alone costs the web build ~4 KB.
        .map(|doc| match report.articles.binary_search_by_key(&doc, |r| r.doc) {
            Ok(i) => column(i),
            Err(_) => Column { value: 0, title: tr.chart_bar_title(&format!("{}.", doc + 1), 0), href: None },
        })
        .collect()
}

/// The chart by article with its buttons: for one term, a column per article (every article in
/// reading order, clickable); for several, each term its own series with a legend, as the
/// charts by issue, date, unit and kind draw them ([`terms_by_article`]).
fn article_chart(tr: &Tr, report: &ThemeReport, columns: &[Column]) -> Html {
    let chart_caption = if report.issues.len() > 1 { tr.chart_caption_theme_issues() } else { tr.chart_caption_theme() };
    let (chart, caption) = if report.terms.len() > 1 && !report.articles.is_empty() {
        // No grey ticks here: the caption names the chart as the other series charts do.
        (terms_by_article(tr, report, columns.len()), format!("{} · {}", tr.theme_by_name(ThemeBy::Article.as_str()), tr.raw_counts()))
    } else {
        (column_chart("theme-chart", chart_caption, columns), chart_caption.to_string())
    };
    html! {
        <>
            <figure class="theme-chart" data-by="article">
                { chart }
                <figcaption>{ caption }</figcaption>
            </figure>
            <div class="section-foot chart-foot">
                { chart_download(tr, "theme-chart", file_name("theme", &report.terms).trim_end_matches(".csv").to_string()) }
            </div>
        </>
    }
}

/// Several terms by article: grouped columns, one series per term (its own occurrences, as the
/// table's term columns count them) over the articles in reading order, numbered as in the
/// table. Every article when the issue is small enough for the columns to stay readable
/// ([`SERIES_ARTICLES_MAX`]), else only the articles the report lists.
fn terms_by_article(tr: &Tr, report: &ThemeReport, articles: usize) -> Html {
    let every_article = articles <= SERIES_ARTICLES_MAX && report.issues.len() <= 1;
    let docs: Vec<u32> =
        if every_article { (0..articles as u32).collect() } else { report.articles.iter().map(|r| r.doc).collect() };
    let x_labels: Vec<String> = docs.iter().map(|d| (d + 1).to_string()).collect();
    let lines: Vec<Series> = report
        .terms
        .iter()
        .enumerate()
        .map(|(i, t)| Series {
            name: t.clone(),
            colour: PALETTE[i % PALETTE.len()],
            dashed: false,
            values: docs
                .iter()
                .map(|d| {
                    let count = report.articles.binary_search_by_key(d, |r| r.doc).ok().map_or(0, |k| report.articles[k].per_term[i]);
                    Some(count as f64)
                })
                .collect(),
        })
        .collect();
    let label = tr.series_chart_label(
        &report.terms,
        ThemeBy::Article.as_str(),
        false,
        x_labels.first().map(String::as_str).unwrap_or(""),
        x_labels.last().map(String::as_str).unwrap_or(""),
        x_labels.len(),
        0,
        0,
    );
    series_chart("theme-chart", label, &x_labels, &vec![false; x_labels.len()], &lines, true, &value_text)
}

fn report_html(tr: &Tr, links: &Links, state: &ThemeState, q: &str, report: &ThemeReport, labels: &[Label], sort: &TableSort, chart: Html) -> Html {
    let mut rows: Vec<(&yuliao::analysis::ThemeRow, &Label)> = report.articles.iter().zip(labels).collect();
    sort_rows(&mut rows, sort, |(r, l), k| match k {
        "order" => Some(SortVal::Num(f64::from(r.doc))),
        "title" => Some(SortVal::Text(l.text.clone())),
        "unit" => Some(SortVal::Text(r.units.join("、"))),
        "kind" => Some(SortVal::Text(r.kind.as_str().to_string())),
        "count" => Some(SortVal::Num(r.count as f64)),
        _ => None,
    });
    let href = |o: &TableSort| links.themes_sorted(state, o);
    let many = report.terms.len() > 1;
    html! {
        <section class="theme-report">
            <p id="theme-total" class="theme-total" data-total={report.total.to_string()} data-articles={report.matched.to_string()}>
                { tr.theme_total(report.total, report.matched) }
            </p>
            <p class="hint count-rule">{ tr.count_rule() }</p>
            <p id="theme-count-note" class="hint count-rule">{ tr.theme_vs_other() }</p>
            if report.total == 0 {
                <p class="notice notice-missing">{ tr.not_in_corpus() }</p>
            } else {
                { chart }
                if report.matched > report.articles.len() {
                    <p id="theme-rows-note" class="hint">{ tr.theme_rows_shown(report.articles.len(), report.matched) }</p>
                }
                <div class="table-wrap">
                    <table id="theme-table" class="data-table theme-table">
                        <thead>
                            <tr>
                                { sort_th(tr.col_order(), "order", "num", sort, false, &href) }
                                { sort_th(tr.col_title(), "title", "", sort, false, &href) }
                                { sort_th(tr.col_unit(), "unit", "unit", sort, false, &href) }
                                { sort_th(tr.col_kind(), "kind", "kind", sort, false, &href) }
                                { sort_th(tr.col_count(), "count", "num", sort, true, &href) }
                                if many {
                                    { for report.terms.iter().map(|t| html! { <th class="num per-term">{ t.clone() }</th> }) }
                                }
                            </tr>
                        </thead>
                        <tbody>
                            { for rows.iter().map(|(r, label)| html! {
                                <tr data-article-id={r.id.clone()} data-count={r.count.to_string()}>
                                    <td class="num rank">{ r.doc + 1 }</td>
                                    <td class="title"><a href={links.article(&r.id, q, &report.terms)}>{ title_html(tr, label) }</a></td>
                                    <td class="unit">{ r.units.join("、") }</td>
                                    <td class="kind">{ tr.kind_name(r.kind.as_str()) }</td>
                                    <td class="num count">{ thousands(r.count) }</td>
                                    if many {
                                        { for r.per_term.iter().map(|c| html! { <td class="num per-term">{ thousands(*c) }</td> }) }
                                    }
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            }
        </section>
    }
}

/// Sort keys of the co-occurrence table's columns "with tracked term i".
const WITH_KEYS: [&str; 8] = ["with0", "with1", "with2", "with3", "with4", "with5", "with6", "with7"];
/// Units drawn in the chart (the table lists them all).
const CHART_UNITS: usize = 20;

fn select_value(e: &Event) -> String {
    let el: web_sys::HtmlSelectElement = e.target_unchecked_into();
    el.value()
}

/// The chart's settings: what it counts by, raw or per 10k, the moving average. Each change is
/// a new URL.
fn chart_controls(tr: &Tr, links: &Links, state: &ThemeState, issues: usize) -> Html {
    if !links.controls {
        return html! {};
    }
    let by = state.by_or(issues);
    let change = |f: fn(&mut ThemeState, String)| {
        let (state, links) = (state.clone(), *links);
        Callback::from(move |e: Event| {
            let mut s = state.clone();
            f(&mut s, select_value(&e));
            go(&links.theme_view(&s));
        })
    };
    html! {
        <form class="controls theme-chart-controls" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            <label class="control">
                <span>{ tr.chart_by() }</span>
                <select id="theme-by" onchange={change(|s, v| s.by = ThemeBy::parse(&v))}>
                    { for ThemeBy::ALL.iter().map(|b| html! {
                        <option value={b.as_str()} selected={*b == by}>{ tr.theme_by_name(b.as_str()) }</option>
                    }) }
                </select>
            </label>
            if by != ThemeBy::Article {
                <label class="control">
                    <span>{ tr.counts_label() }</span>
                    <select id="theme-per" onchange={change(|s, v| s.per_10k = v == "10k")}>
                        <option value="raw" selected={!state.per_10k}>{ tr.raw_counts() }</option>
                        <option value="10k" selected={state.per_10k}>{ tr.per_10k_tokens() }</option>
                    </select>
                </label>
            }
            if by.is_time() {
                <label class="control">
                    <span>{ tr.ma_label() }</span>
                    <select id="theme-ma" onchange={change(|s, v| s.ma = v.parse().unwrap_or(0))}>
                        { for THEME_MA_CHOICES.iter().map(|&k| html! {
                            <option value={k.to_string()} selected={k == state.ma}>{ if k == 0 { tr.ma_off().to_string() } else { tr.moving_average(k) } }</option>
                        }) }
                    </select>
                </label>
            }
        </form>
    }
}

/// A value for the axis, the tooltips and the table: whole counts grouped, others 2 decimals.
fn value_text(v: f64) -> String {
    if v.fract() == 0.0 && v >= 0.0 {
        thousands(v as u64)
    } else {
        analysis::fixed(v, 2)
    }
}

/// The theme by issue, date, unit or kind: the chart (one series per term, the theme total and
/// the moving average, with a legend), its notes, and its table.
fn series_html(tr: &Tr, state: &ThemeState, series: &ThemeSeries, units: &[SeriesPoint], sort: &TableSort, links: &Links) -> Html {
    let by = state.by_or(series.issues.len());
    let mut undated = Vec::new();
    let points: Vec<SeriesPoint> = match by {
        ThemeBy::Date => {
            let axis = timeline::date_axis(&series.issues);
            undated = axis.undated;
            axis.months
        }
        ThemeBy::Kind => series.kinds.clone(),
        ThemeBy::Unit => units.to_vec(),
        _ => series.issues.clone(),
    };
    let label_of = |p: &SeriesPoint| match by {
        ThemeBy::Kind => tr.kind_name(&p.label).to_string(),
        ThemeBy::Issue => p.date.clone().unwrap_or_else(|| p.label.clone()),
        _ => p.label.clone(),
    };
    let drawn: &[SeriesPoint] = if by == ThemeBy::Unit { &points[..points.len().min(CHART_UNITS)] } else { &points };
    let x_labels: Vec<String> = drawn.iter().map(label_of).collect();
    let gaps: Vec<bool> = drawn.iter().map(|p| by == ThemeBy::Date && p.issues == 0).collect();
    let per = state.per_10k;
    let terms = &series.terms;
    let mut lines: Vec<Series> = Vec::new();
    if terms.len() > 1 {
        lines.push(Series { name: tr.theme_total_series().to_string(), colour: TOTAL_COLOUR, dashed: false, values: drawn.iter().map(|p| p.value(None, per)).collect() });
    }
    for (i, t) in terms.iter().enumerate() {
        lines.push(Series { name: t.clone(), colour: PALETTE[i % PALETTE.len()], dashed: false, values: drawn.iter().map(|p| p.value(Some(i), per)).collect() });
    }
    let ma = if by.is_time() { state.ma } else { 0 };
    let average = (ma > 0 && !lines.is_empty()).then(|| timeline::moving_average(&lines[0].values, ma));
    if let Some(values) = &average {
        lines.push(Series { name: tr.moving_average(ma), colour: AVERAGE_COLOUR, dashed: true, values: values.clone() });
    }
    let label = tr.series_chart_label(
        terms,
        by.as_str(),
        per,
        x_labels.first().map(String::as_str).unwrap_or(""),
        x_labels.last().map(String::as_str).unwrap_or(""),
        x_labels.len(),
        gaps.iter().filter(|g| **g).count(),
        ma,
    );
    let columns = !by.is_time();
    let chart = series_chart("theme-chart", label, &x_labels, &gaps, &lines, columns, &value_text);
    // The table: every period, sortable; gap rows say so with empty cells.
    let mut rows: Vec<(usize, &SeriesPoint)> = points.iter().enumerate().collect();
    sort_rows(&mut rows, sort, |(i, p), k| match k {
        "period" => Some(SortVal::Num(*i as f64)),
        "tokens" => Some(SortVal::Num(p.tokens as f64)),
        "total" => Some(SortVal::Num(p.value(None, per).unwrap_or(-1.0))),
        _ => None,
    });
    let href = |o: &TableSort| links.themes_sorted(state, o);
    let cell = |v: Option<f64>| v.map(value_text).unwrap_or_else(|| "—".to_string());
    let make_csv = {
        let (points, terms) = (points.clone(), terms.clone());
        Callback::from(move |_| timeline::series_csv(&points, &terms))
    };
    let unit_word = if per { tr.per_10k_tokens() } else { tr.raw_counts() };
    html! {
        <>
            <figure class="theme-chart series-figure" data-by={by.as_str()}>
                { chart }
                <figcaption>{ tr.theme_by_name(by.as_str()) }{ " · " }{ unit_word }</figcaption>
            </figure>
            <div class="section-foot chart-foot">
                { chart_download(tr, "theme-chart", file_name("theme", terms).trim_end_matches(".csv").to_string()) }
                { csv_button("theme-series-csv", tr.download_series_csv(), file_name(&format!("theme-by-{}", by.as_str()), terms), make_csv) }
            </div>
            if per {
                <p id="theme-per-rule" class="hint">{ tr.per_10k_rule() }</p>
            }
            if average.is_some() {
                <p id="theme-ma-rule" class="hint">{ tr.ma_rule() }</p>
            }
            if gaps.iter().any(|g| *g) {
                <p id="theme-gaps-rule" class="hint">{ tr.gaps_rule() }</p>
            }
            if !undated.is_empty() {
                <p id="theme-undated" class="hint">{ tr.undated_issues(&undated) }</p>
            }
            <div class="table-wrap">
                <table id="theme-series-table" class="data-table theme-series-table" data-by={by.as_str()} data-per={if per { "10k" } else { "raw" }}>
                    <thead>
                        <tr>
                            { sort_th(tr.col_period(), "period", "", sort, false, &href) }
                            if by.is_time() {
                                <th scope="col" class="num">{ tr.col_issues() }</th>
                            }
                            { sort_th(tr.col_word_tokens(), "tokens", "num", sort, true, &href) }
                            { sort_th(tr.col_total(), "total", "num", sort, true, &href) }
                            { for terms.iter().map(|t| html! { <th scope="col" class="num per-term">{ t.clone() }</th> }) }
                            if let Some(_) = &average {
                                <th scope="col" class="num">{ tr.moving_average(ma) }</th>
                            }
                        </tr>
                    </thead>
                    <tbody>
                        { for rows.iter().map(|(i, p)| html! {
                            <tr data-period={p.label.clone()} data-gap={(by == ThemeBy::Date && p.issues == 0).then_some("1")}>
                                <th scope="row">{ label_of(p) }</th>
                                if by.is_time() {
                                    <td class="num">{ p.issues }</td>
                                }
                                <td class="num tokens">{ thousands(p.tokens) }</td>
                                <td class="num total">{ cell(p.value(None, per)) }</td>
                                { for (0..terms.len()).map(|t| html! { <td class="num per-term" data-term={terms[t].clone()}>{ cell(p.value(Some(t), per)) }</td> }) }
                                if let Some(values) = &average {
                                    <td class="num average">{ cell(values.get(*i).copied().flatten()) }</td>
                                }
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
        </>
    }
}

/// Which tracked terms and preset themes stand in the same articles: one row per item, one
/// column per tracked term.
fn cooccurrence_html(tr: &Tr, links: &Links, state: &ThemeState, c: &yuliao::analysis::timeline::Cooccurrence, sort: &TableSort) -> Html {
    let shown = c.terms.min(WITH_KEYS.len());
    let mut rows: Vec<usize> = (0..c.items.len()).filter(|&i| i < c.terms || c.articles[i][i] > 0).collect();
    sort_rows(&mut rows, sort, |&i, k| match k {
        "item" => Some(SortVal::Text(c.items[i].clone())),
        "holding" => Some(SortVal::Num(f64::from(c.articles[i][i]))),
        _ => WITH_KEYS[..shown].iter().position(|w| *w == k).map(|j| SortVal::Num(f64::from(c.articles[i][j]))),
    });
    let href = |o: &TableSort| links.themes_sorted(state, o);
    let make_csv = {
        let c = c.clone();
        Callback::from(move |_| timeline::cooccurrence_csv(&c))
    };
    html! {
        <section class="cooc-section">
            <div class="section-head">
                <h2>{ tr.cooc_title() }</h2>
                { csv_button("theme-cooc-csv", tr.download_cooc_csv(), file_name("cooccurrence", &state.terms), make_csv) }
            </div>
            <p class="hint">{ tr.cooc_hint() }</p>
            if links.controls {
                <p><a id="theme-cooc-presets" href={links.theme_view(&ThemeState { presets: !state.presets, ..state.clone() })}>
                    { if state.presets { tr.cooc_without_presets() } else { tr.cooc_with_presets() } }
                </a></p>
            }
            <div class="table-wrap">
                <table id="theme-cooc-table" class="data-table cooc-table">
                    <thead>
                        <tr>
                            { sort_th(tr.col_item(), "item", "", sort, false, &href) }
                            <th scope="col">{ tr.col_item_type() }</th>
                            { sort_th(tr.col_articles(), "holding", "num", sort, true, &href) }
                            { for (0..shown).map(|j| sort_th(&tr.col_with(&c.items[j]), WITH_KEYS[j], "num", sort, true, &href)) }
                        </tr>
                    </thead>
                    <tbody>
                        { for rows.iter().map(|&i| html! {
                            <tr data-term={c.items[i].clone()} data-articles={c.articles[i][i].to_string()}>
                                <th scope="row">{ c.items[i].clone() }</th>
                                <td>{ if i < c.terms { tr.item_term() } else { tr.item_preset() } }</td>
                                <td class="num">{ thousands(u64::from(c.articles[i][i])) }</td>
                                { for (0..shown).map(|j| html! { <td class="num with" data-with={c.items[j].clone()}>{ thousands(u64::from(c.articles[i][j])) }</td> }) }
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// Suggested themes from the slogan finder: each link adds its terms to the tracked ones.
fn suggestions_html(tr: &Tr, links: &Links, state: &ThemeState, suggestions: Option<&Suggestions>) -> Html {
    let Some(s) = suggestions else { return html! {} };
    html! {
        <section class="suggestions-section">
            <h2>{ tr.suggestions_title() }</h2>
            <p class="hint">{ tr.suggestions_from(s.docs) }</p>
            if s.rows.is_empty() {
                <p class="hint">{ tr.no_suggestions() }</p>
            } else {
                <ul id="theme-suggestions" class="chips">
                    { for s.rows.iter().map(|r| {
                        let mut next = state.terms.clone();
                        for t in &r.terms {
                            if !next.contains(t) {
                                next.push(t.clone());
                            }
                        }
                        html! {
                            <li data-term={r.label.clone()} data-count={r.count.to_string()}>
                                <a class="chip suggestion" href={links.theme_view(&state.with_terms(next))} title={tr.suggestion_title(&r.label, r.count, r.articles)}>
                                    { "+ " }{ r.label.clone() }<small>{ " " }{ thousands(r.count) }</small>
                                </a>
                            </li>
                        }
                    }) }
                </ul>
            }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::{reader_query, typed_terms};

    #[test]
    fn typed_text_splits_into_terms() {
        assert_eq!(typed_terms(" 两带两创，提质增效、 x "), vec!["两带两创", "提质增效", "x"]);
        assert!(typed_terms("  ").is_empty());
    }

    #[test]
    fn reader_query_ors_the_terms() {
        assert_eq!(reader_query(&["两带两创".into(), "a b".into()]), "两带两创 OR \"a b\"");
    }
}
