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
use crate::state::{Links, TableSort, ThemeState};

/// Characters of context on each side of a concordance keyword, and the most lines shown.
const KWIC_CONTEXT: usize = 24;
const KWIC_LIMIT: usize = 500;
/// Above this many articles the chart shows only the articles that hold a term.
const CHART_ALL_MAX: usize = 1500;
/// Article rows listed: the ones holding the terms most often. Their metadata is all a theme
/// fetches beyond postings and lengths, so an archive's theme stays a few hundred KB.
const THEME_ROWS: usize = 200;

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
    let answer = use_engine(state.terms.clone(), |ix, terms| {
        let kwic = if terms.is_empty() { Ok(Vec::new()) } else { analysis::try_kwic(ix, terms, KWIC_CONTEXT, KWIC_LIMIT) };
        // A piece that does not decode is shown as the error it is, never as zero.
        let (report, kwic) = (analysis::try_theme_top(ix, terms, THEME_ROWS)?, kwic?);
        // The rows' and lines' documents are loaded already (their counts and texts needed them).
        let row_labels = browse::labels_of(ix, &report.articles.iter().map(|r| r.doc).collect::<Vec<_>>());
        let kwic_labels = browse::labels_of(ix, &kwic.iter().map(|l| l.doc).collect::<Vec<_>>());
        // In Rcs, so the view shares the answer rather than copying it.
        Ok::<_, IndexError>((Rc::new(report), Rc::new(kwic), Rc::new(row_labels), Rc::new(kwic_labels)))
    });
    let fetching = answer.ready().is_none();
    let failure = answer.ready().and_then(|r| r.as_ref().err()).cloned();
    let (report, kwic, row_labels, kwic_labels) = match answer.ready() {
        Some(Ok((r, k, rl, kl))) => (r.clone(), k.clone(), rl.clone(), kl.clone()),
        _ => (
            Rc::new(ThemeReport { terms: state.terms.clone(), ..ThemeReport::default() }),
            Rc::new(Vec::new()),
            Rc::new(Vec::new()),
            Rc::new(Vec::new()),
        ),
    };
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
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let mut next = terms.clone();
            for t in typed_terms(&typed) {
                if !next.contains(&t) {
                    next.push(t);
                }
            }
            typed.set(String::new());
            go(&links.themes(&next));
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
                                   href={links.themes(&t.terms)} title={title} data-theme={t.name.clone()}>{ t.name.clone() }</a></li>
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
                                    <a class="chip-remove" href={links.themes(&rest)} title={tr.remove_term()} aria-label={format!("{} {t}", tr.remove_term())}>{ "×" }</a>
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
                    { report_html(&tr, &links, &q, &report, &row_labels, (*columns).clone(), &TableSort::parse(&pairs)) }
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

fn report_html(tr: &Tr, links: &Links, q: &str, report: &ThemeReport, labels: &[Label], columns: Vec<Column>, sort: &TableSort) -> Html {
    let mut rows: Vec<(&yuliao::analysis::ThemeRow, &Label)> = report.articles.iter().zip(labels).collect();
    sort_rows(&mut rows, sort, |(r, l), k| match k {
        "order" => Some(SortVal::Num(f64::from(r.doc))),
        "title" => Some(SortVal::Text(l.text.clone())),
        "unit" => Some(SortVal::Text(r.units.join("、"))),
        "kind" => Some(SortVal::Text(r.kind.as_str().to_string())),
        "count" => Some(SortVal::Num(r.count as f64)),
        _ => None,
    });
    let href = |o: &TableSort| links.themes_sorted(&report.terms, o);
    let many = report.terms.len() > 1;
    let chart_caption = if report.issues.len() > 1 { tr.chart_caption_theme_issues() } else { tr.chart_caption_theme() };
    html! {
        <section class="theme-report">
            <p id="theme-total" class="theme-total" data-total={report.total.to_string()} data-articles={report.matched.to_string()}>
                { tr.theme_total(report.total, report.matched) }
            </p>
            <p class="hint">{ tr.count_rule() }</p>
            if report.total == 0 {
                <p class="notice notice-missing">{ tr.not_in_corpus() }</p>
            } else {
                <figure class="theme-chart">
                    { column_chart("theme-chart", chart_caption, &columns) }
                    <figcaption>{ chart_caption }</figcaption>
                </figure>
                <div class="section-foot chart-foot">
                    { chart_download(tr, "theme-chart", file_name("theme", &report.terms).trim_end_matches(".csv").to_string()) }
                </div>
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
