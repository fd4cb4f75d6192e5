//! The collocates view (`#/colloc?q=两带两创&m=logdice&w=5&min=2&sw=1&o=-co`).
//!
//! Takes the node, measure, span, minimum and stopword setting from the URL hash; calls
//! `analysis::collocates` (which reads only the node's documents, an evenly spaced sample of
//! them on a large corpus) and on demand `collocates_csv` of the rows as shown. Renders the
//! controls, the contingency figures every row shares (f_A, N, R1) in a sentence, what is
//! counted, the measure's plain line and formula, and `table#colloc-table` (term with its word
//! menu, co = f_AB, freq = f_B, score with the sum written out in its tooltip; rows with
//! `data-term` and `data-co`), sortable by any column.

use std::rc::Rc;
use yew::prelude::*;
use yuliao::analysis::{self, CollocOptions, Collocates, Measure};

use crate::components::analysis::{analysis_error, count_note, examples, sort_rows, sort_th, stat_help, word_menu, SortVal};
use crate::components::csv_button::csv_button;
use crate::context::{use_doc_title, use_engine, use_links, use_query_pairs, use_tr};
use crate::download::file_name;
use crate::i18n::{thousands, Stat, Tr};
use crate::route::go;
use crate::state::{CollocState, Links, TableSort};

const SPANS: [usize; 6] = [1, 2, 3, 4, 5, 10];
const MINS: [u64; 4] = [1, 2, 3, 5];
/// Rows shown.
const COLLOC_VIEW_ROWS: usize = 100;

/// The sum behind a row's score, written out (a student can redo it).
fn score_sum(c: &Collocates, co: f64, fb: f64) -> String {
    let (fa, n) = (c.node_freq as f64, c.tokens as f64);
    let f = |x: f64| analysis::fixed(x, if x.fract() == 0.0 { 0 } else { 2 });
    match c.measure {
        Measure::LogDice => format!("14 + log₂(2·{} / ({} + {}))", f(co), f(fa), f(fb)),
        Measure::Mi => format!("log₂({} · {} / ({} · {}))", f(co), f(n), f(fa), f(fb)),
        Measure::Mi3 => format!("log₂({}³ · {} / ({} · {}))", f(co), f(n), f(fa), f(fb)),
        Measure::T => format!("({} − {} · {} / {}) / √{}", f(co), f(fa), f(fb), f(n), f(co)),
        Measure::Ll => format!("G²(O11 = {}, R1 = {}, C1 = {}, N = {})", f(co), c.window_tokens, f(fb), f(n)),
    }
}

fn select_value(e: &Event) -> String {
    let el: web_sys::HtmlSelectElement = e.target_unchecked_into();
    el.value()
}

#[component]
pub fn CollocView() -> Html {
    let tr = use_tr();
    let links = use_links();
    let pairs = use_query_pairs();
    let state = CollocState::parse(&pairs);
    let sort = TableSort::parse(&pairs);
    let input = use_node_ref();
    use_doc_title(if state.q.is_empty() { tr.colloc_title().to_string() } else { format!("{} · {}", state.q, tr.colloc_title()) });

    let answer = use_engine(state.clone(), |ix, s| {
        if s.q.is_empty() {
            return None;
        }
        let opts = CollocOptions { window: s.window, measure: s.measure, min: s.min, limit: COLLOC_VIEW_ROWS, stopwords: s.stopwords, ..CollocOptions::default() };
        Some(analysis::collocates(ix, &s.q, &opts).map(Rc::new))
    });

    let on_submit = {
        let (input, state, sort) = (input.clone(), state.clone(), sort.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(el) = input.cast::<web_sys::HtmlInputElement>() {
                go(&links.colloc(&CollocState { q: el.value().trim().to_string(), ..state.clone() }, &sort));
            }
        })
    };
    let change = |f: fn(&mut CollocState, String)| {
        let (state, sort) = (state.clone(), sort.clone());
        Callback::from(move |e: Event| {
            let mut s = state.clone();
            f(&mut s, select_value(&e));
            go(&links.colloc(&s, &sort));
        })
    };
    let on_measure = change(|s, v| s.measure = Measure::parse(&v).unwrap_or(s.measure));
    let on_span = change(|s, v| s.window = v.parse().unwrap_or(s.window));
    let on_min = change(|s, v| s.min = v.parse().unwrap_or(s.min));
    let on_sw = {
        let (state, sort) = (state.clone(), sort.clone());
        Callback::from(move |e: Event| {
            let el: web_sys::HtmlInputElement = e.target_unchecked_into();
            go(&links.colloc(&CollocState { stopwords: el.checked(), ..state.clone() }, &sort));
        })
    };

    let body = match answer.ready() {
        _ if state.q.is_empty() => examples(&tr, &|t| links.colloc_of(t)),
        None => html! { <p class="notice fetching" aria-live="polite">{ tr.fetching() }</p> },
        Some(None) => html! {},
        Some(Some(Err(e))) => analysis_error(&tr, e),
        Some(Some(Ok(c))) => table_html(&tr, &links, &state, &sort, c),
    };

    html! {
        <section class="view colloc-view analysis-view">
            <h1 class="view-title">{ tr.colloc_title() }</h1>
            if links.controls {
            <form class="controls" onsubmit={on_submit}>
                <label class="control">
                    <span>{ tr.col_node() }</span>
                    <input id="colloc-input" class="term-input" type="text" autocomplete="off" ref={input} value={state.q.clone()} placeholder={tr.kwic_placeholder()} />
                </label>
                <button class="go-button" type="submit">{ tr.go_button() }</button>
                <label class="control">
                    <span>{ tr.measure_label() }</span>
                    <select id="colloc-measure" onchange={on_measure}>
                        { for Measure::ALL.iter().map(|m| html! {
                            <option value={m.as_str()} selected={*m == state.measure}>{ tr.stat_name(Stat::of_measure(*m)) }</option>
                        }) }
                    </select>
                </label>
                <label class="control">
                    <span>{ tr.span_label() }</span>
                    <select id="colloc-span" onchange={on_span}>
                        { for SPANS.iter().chain((!SPANS.contains(&state.window)).then_some(&state.window)).map(|&w| html! {
                            <option value={w.to_string()} selected={w == state.window}>{ format!("±{w}") }</option>
                        }) }
                    </select>
                </label>
                <label class="control">
                    <span>{ tr.min_co_label() }</span>
                    <select id="colloc-min" onchange={on_min}>
                        { for MINS.iter().chain((!MINS.contains(&state.min)).then_some(&state.min)).map(|&m| html! {
                            <option value={m.to_string()} selected={m == state.min}>{ m }</option>
                        }) }
                    </select>
                </label>
                <label class="control checkbox">
                    <input id="colloc-stopwords" type="checkbox" checked={state.stopwords} onchange={on_sw} />
                    { tr.remove_stopwords() }
                </label>
            </form>
            }
            { body }
        </section>
    }
}

fn table_html(tr: &Tr, links: &Links, state: &CollocState, sort: &TableSort, c: &Rc<Collocates>) -> Html {
    let mut rows = c.collocates.clone();
    sort_rows(&mut rows, sort, |r, k| match k {
        "term" => Some(SortVal::Text(r.term.clone())),
        "co" => Some(SortVal::Num(r.co as f64)),
        "freq" => Some(SortVal::Num(r.freq as f64)),
        "score" => Some(SortVal::Num(r.score)),
        _ => None,
    });
    // The CSV has the rows as shown, in the order shown.
    let make_csv = {
        let shown = Collocates { collocates: rows.clone(), ..(**c).clone() };
        Callback::from(move |_| analysis::collocates_csv(&shown))
    };
    let href = |o: &TableSort| links.colloc(state, o);
    let scale = match &c.sampled {
        Some(s) if s.occurrences > 0 => c.node_freq as f64 / s.occurrences as f64,
        _ => 1.0,
    };
    let measure = Stat::of_measure(c.measure);
    html! {
        <>
            <p id="colloc-summary" class="denominator" data-node-freq={c.node_freq.to_string()} data-tokens={c.tokens.to_string()} data-window-tokens={c.window_tokens.to_string()}>
                { tr.colloc_summary(&c.node, c.node_freq, c.tokens, c.window, c.window_tokens) }
            </p>
            if let Some(s) = &c.sampled {
                <p id="colloc-sampled" class="notice notice-missing">{ tr.sampled(s.docs, s.of_docs) }</p>
            }
            { count_note(tr, "colloc-count-note", tr.colloc_count_rule()) }
            { stat_help(tr, &[measure]) }
            <div class="section-head">
                <span></span>
                { csv_button("colloc-csv", tr.download_csv(), file_name("collocates", &[c.node.clone(), c.measure.as_str().to_string()]), make_csv) }
            </div>
            if rows.is_empty() {
                <p class="no-results">{ if c.node_freq == 0 { tr.not_in_corpus() } else { tr.no_collocates() } }</p>
            } else {
            <div class="table-wrap">
            <table id="colloc-table" class="data-table analysis-table">
                <thead>
                    <tr>
                        <th scope="col" class="num rank">{ "#" }</th>
                        { sort_th(tr.col_term(), "term", "", sort, false, &href) }
                        { sort_th(tr.col_co(), "co", "num", sort, true, &href) }
                        { sort_th(tr.col_freq_b(), "freq", "num", sort, true, &href) }
                        { sort_th(&format!("{} ({})", tr.col_score(), tr.stat_name(measure)), "score", "num", sort, true, &href) }
                    </tr>
                </thead>
                <tbody>
                    { for rows.iter().enumerate().map(|(i, r)| html! {
                        <tr data-term={r.term.clone()} data-co={r.co.to_string()} data-freq={r.freq.to_string()}>
                            <td class="num rank">{ i + 1 }</td>
                            <td class="term">{ word_menu(tr, links, &r.term, false) }</td>
                            <td class="num co">{ thousands(r.co) }</td>
                            <td class="num">{ thousands(r.freq) }</td>
                            <td class="num score" title={format!("{} = {}", score_sum(c, r.co as f64 * scale, r.freq as f64), analysis::fixed(r.score, 3))}>{ analysis::fixed(r.score, 2) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            </div>
            }
        </>
    }
}
