//! The dispersion view (`#/dispersion?t=两带两创&by=article|issue&o=-count`).
//!
//! Takes the term and the parts from the URL hash (no `by`: articles, or issues when the corpus
//! has more than [`ARTICLE_PARTS_MAX`] articles, where reading every article's id would fetch the
//! whole archive's metadata); calls `analysis::dispersion` and on demand `dispersion_csv` of the
//! rows as shown. Renders the figures (`dl#dispersion-stats`: frequency, range `r / n`, DP,
//! DPnorm, Juilland's D, each explained with its formula; D says it uses the population SD),
//! what is counted, the dispersion plot (`svg#dispersion-plot`, one tick per occurrence,
//! downloadable as SVG and PNG) and `table#dispersion-parts` (rows `data-article-id` or
//! `data-issue`, with `data-count`; every part, or only those holding the term when there are
//! more than [`TABLE_ALL_MAX`]).

use std::rc::Rc;
use yew::prelude::*;
use yuliao::analysis::{self, DispersionReport, Part, PartsBy};
use yuliao::browse::{self, Label};

use crate::components::analysis::{analysis_error, count_note, examples, sort_rows, sort_th, stat_help, SortVal};
use crate::components::chart_download::chart_download;
use crate::components::csv_button::csv_button;
use crate::components::dispersion_plot::{dispersion_plot, PlotPart};
use crate::components::title::title_text;
use crate::context::{use_doc_title, use_engine, use_index, use_links, use_query_pairs, use_tr};
use crate::download::file_name;
use crate::i18n::{thousands, Stat, Tr};
use crate::route::go;
use crate::state::{DispersionState, Links, TableSort};

/// Above this many articles the view starts by issue.
pub const ARTICLE_PARTS_MAX: usize = 2000;
/// Above this many parts the table lists only the parts holding the term.
pub const TABLE_ALL_MAX: usize = 500;

#[component]
pub fn DispersionView() -> Html {
    let tr = use_tr();
    let links = use_links();
    let index = use_index();
    let pairs = use_query_pairs();
    let state = DispersionState::parse(&pairs);
    let sort = TableSort::parse(&pairs);
    let by = state.by.unwrap_or(if index.article_count() > ARTICLE_PARTS_MAX { PartsBy::Issue } else { PartsBy::Article });
    let input = use_node_ref();
    use_doc_title(if state.t.is_empty() { tr.dispersion_title().to_string() } else { format!("{} · {}", state.t, tr.dispersion_title()) });

    let answer = use_engine((state.t.clone(), by), |ix, (t, by)| {
        if t.is_empty() {
            return None;
        }
        Some(analysis::dispersion(ix, t, *by).map(|r| {
            let labels = match by {
                PartsBy::Article => browse::labels_of(ix, &(0..r.parts.len() as u32).collect::<Vec<_>>()),
                PartsBy::Issue => Vec::new(),
            };
            (Rc::new(r), Rc::new(labels))
        }))
    });

    let on_submit = {
        let (input, state, sort) = (input.clone(), state.clone(), sort.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(el) = input.cast::<web_sys::HtmlInputElement>() {
                go(&links.dispersion(&DispersionState { t: el.value().trim().to_string(), ..state.clone() }, &sort));
            }
        })
    };
    let on_by = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let el: web_sys::HtmlSelectElement = e.target_unchecked_into();
            go(&links.dispersion(&DispersionState { by: PartsBy::parse(&el.value()), ..state.clone() }, &TableSort::default()));
        })
    };

    let body = match answer.ready() {
        _ if state.t.is_empty() => examples(&tr, &|t| links.dispersion_of(t)),
        None => html! { <p class="notice fetching" aria-live="polite">{ tr.fetching() }</p> },
        Some(None) => html! {},
        Some(Some(Err(e))) => analysis_error(&tr, e),
        Some(Some(Ok((r, labels)))) => report_html(&tr, &links, &index, &state, &sort, r, labels),
    };

    html! {
        <section class="view dispersion-view analysis-view">
            <h1 class="view-title">{ tr.dispersion_title() }</h1>
            if links.controls {
            <form class="controls" onsubmit={on_submit}>
                <label class="control">
                    <span>{ tr.term_label() }</span>
                    <input id="dispersion-input" class="term-input" type="text" autocomplete="off" ref={input} value={state.t.clone()} placeholder={tr.kwic_placeholder()} />
                </label>
                <button class="go-button" type="submit">{ tr.go_button() }</button>
                <label class="control">
                    <span>{ tr.parts_label() }</span>
                    <select id="dispersion-by" onchange={on_by}>
                        <option value="article" selected={by == PartsBy::Article}>{ tr.by_article() }</option>
                        <option value="issue" selected={by == PartsBy::Issue}>{ tr.by_issue() }</option>
                    </select>
                </label>
            </form>
            }
            { body }
        </section>
    }
}

/// A figure that may be undefined (a single part, no occurrence): a dash.
fn figure(x: Option<f64>) -> String {
    x.map_or_else(|| "—".to_string(), |v| analysis::fixed(v, 3))
}

fn report_html(tr: &Tr, links: &Links, index: &yuliao::index::Index, state: &DispersionState, sort: &TableSort, r: &Rc<DispersionReport>, labels: &[Label]) -> Html {
    let n = r.parts.len();
    let issues = index.issues();
    let name = |i: usize, p: &Part| match r.by {
        PartsBy::Article => labels.get(i).map(|l| format!("{}. {}", i + 1, title_text(tr, l))).unwrap_or_else(|| p.id.clone()),
        PartsBy::Issue => issues.get(i).map(|s| tr.issue_name(&s.publication, s.date.as_deref())).unwrap_or_else(|| p.id.clone()),
    };
    let href = |p: &Part| match r.by {
        PartsBy::Article => links.article(&p.id, &state.t, &[]),
        PartsBy::Issue => links.issue(&p.id, 0),
    };
    let plot: Vec<PlotPart> = r
        .parts
        .iter()
        .enumerate()
        .map(|(i, p)| PlotPart {
            size: p.size,
            count: p.count,
            positions: p.positions.clone(),
            chars: p.chars,
            title: tr.chart_bar_title(&name(i, p), p.count),
            href: (p.count > 0).then(|| href(p)),
        })
        .collect();
    // The table: (place in the corpus, part), every part or those holding the term.
    let mut rows: Vec<(usize, &Part)> = r.parts.iter().enumerate().filter(|(_, p)| n <= TABLE_ALL_MAX || p.count > 0).collect();
    let rate = |p: &Part| if p.size == 0 { 0.0 } else { p.count as f64 * 10_000.0 / p.size as f64 };
    sort_rows(&mut rows, sort, |(i, p), k| match k {
        "part" => Some(SortVal::Num(*i as f64)),
        "size" => Some(SortVal::Num(p.size as f64)),
        "count" => Some(SortVal::Num(p.count as f64)),
        "rate" => Some(SortVal::Num(rate(p))),
        _ => None,
    });
    let make_csv = {
        let shown = DispersionReport { parts: rows.iter().map(|(_, p)| (*p).clone()).collect(), ..(**r).clone() };
        Callback::from(move |_| analysis::dispersion_csv(&shown))
    };
    let sort_href = |o: &TableSort| links.dispersion(state, o);
    let caption = match r.by {
        PartsBy::Article => tr.plot_caption_article(),
        PartsBy::Issue => tr.plot_caption_issue(),
    };
    let stat = |id: &'static str, s: Stat, value: String| html! {
        <div class="figure" {id}><dt>{ tr.stat_name(s) }</dt><dd>{ value }</dd></div>
    };
    html! {
        <>
            <p id="dispersion-total" class="hit-count" data-freq={r.freq.to_string()}>{ tr.dispersion_freq(r.freq, r.range, n) }</p>
            { count_note(tr, "dispersion-count-note", tr.dispersion_count_rule()) }
            <dl id="dispersion-stats" class="figures" data-range={r.range.to_string()} data-parts={n.to_string()}>
                <div class="figure" id="disp-range"><dt>{ tr.stat_name(Stat::Range) }</dt><dd>{ format!("{} / {}", r.range, n) }</dd></div>
                { stat("disp-dp", Stat::Dp, figure(r.dp)) }
                { stat("disp-dpnorm", Stat::DpNorm, figure(r.dp_norm)) }
                { stat("disp-d", Stat::JuillandD, figure(r.juilland_d)) }
            </dl>
            { stat_help(tr, &[Stat::Range, Stat::Dp, Stat::DpNorm, Stat::JuillandD]) }
            if r.freq > 0 {
                <figure class="dispersion-figure">
                    { dispersion_plot(tr.plot_label(&r.term, r.freq, r.range, n), &plot) }
                    <figcaption>{ caption }</figcaption>
                </figure>
            }
            <div class="section-head">
                { chart_download(tr, "dispersion-plot", format!("dispersion-{}", file_stem(&r.term))) }
                { csv_button("dispersion-csv", tr.download_csv(), file_name("dispersion", &[r.term.clone(), r.by.as_str().to_string()]), make_csv) }
            </div>
            <div class="table-wrap">
            <table id="dispersion-parts" class="data-table analysis-table">
                <thead>
                    <tr>
                        { sort_th(tr.col_part(), "part", "", sort, false, &sort_href) }
                        { sort_th(tr.col_size(), "size", "num", sort, true, &sort_href) }
                        { sort_th(tr.col_count(), "count", "num", sort, true, &sort_href) }
                        { sort_th(tr.col_per_10k(), "rate", "num", sort, true, &sort_href) }
                    </tr>
                </thead>
                <tbody>
                    { for rows.iter().map(|(i, p)| {
                        let (article, issue) = match r.by {
                            PartsBy::Article => (Some(p.id.clone()), None),
                            PartsBy::Issue => (None, Some(p.id.clone())),
                        };
                        html! {
                            <tr data-article-id={article} data-issue={issue} data-count={p.count.to_string()} class={if p.count == 0 { "zero" } else { "" }}>
                                <td class="title"><a href={href(p)}>{ name(*i, p) }</a></td>
                                <td class="num">{ thousands(p.size) }</td>
                                <td class="num count">{ thousands(p.count) }</td>
                                <td class="num">{ analysis::fixed(rate(p), 2) }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
            </div>
        </>
    }
}

/// `file_name` without its `.csv`.
fn file_stem(term: &str) -> String {
    file_name("", &[term.to_string()]).trim_start_matches('-').trim_end_matches(".csv").to_string()
}
