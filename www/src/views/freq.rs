//! The word-frequency view (`#/freq?sw=1&min=2&kind=news&unit=X&n=50`).
//!
//! Takes the settings from the URL hash; calls `analysis::try_frequencies` and, on demand,
//! `analysis::freq_csv`. Renders the controls (stopwords, minimum length, kind, unit, top N;
//! each change is a new URL, so a setting can be shared), the denominator in plain words, an
//! SVG bar chart and a table (`table#freq-table`, term · count · per 10k tokens · articles,
//! sortable by any column, `o=`) whose terms open their search, concordance, collocates,
//! dispersion and theme (the word menu); a piece that does not decode shows
//! its error (`.engine-error`), not an empty table. `controls=0` leaves out the controls
//! (the CSV button stays).

use std::rc::Rc;
use yew::prelude::*;
use yuliao::analysis::{self, FreqOptions, FreqTable};
use yuliao::corpus::Kind;

use crate::context::{use_doc_title, use_engine, use_links, use_query_pairs, use_tr};
use crate::route::go;
use crate::components::bar_chart::{bar_chart, Bar};
use crate::components::chart_download::chart_download;
use crate::components::word_cloud::{word_cloud, CloudWord};
use crate::components::csv_button::csv_button;
use crate::components::engine_error::engine_error;
use crate::download::file_name;
use crate::i18n::thousands;
use crate::components::analysis::{sort_rows, sort_th, word_menu, SortVal};
use crate::state::{FreqState, TableSort};

const TOP_CHOICES: [usize; 5] = [20, 50, 100, 200, 500];
const MIN_LEN_CHOICES: [usize; 5] = [1, 2, 3, 4, 5];
/// The chart shows at most this many bars; the table shows every row.
const CHART_MAX: usize = 50;
/// The word cloud shows at most this many words.
const CLOUD_MAX: usize = 100;

fn select_value(e: &Event) -> String {
    let el: web_sys::HtmlSelectElement = e.target_unchecked_into();
    el.value()
}

#[component]
pub fn FreqView() -> Html {
    let tr = use_tr();
    let links = use_links();
    let pairs = use_query_pairs();
    let state = FreqState::parse(&pairs);
    let sort = TableSort::parse(&pairs);
    use_doc_title(tr.freq_title().to_string());

    let answer = use_engine(state.clone(), |ix, s| {
        let opts = FreqOptions { stopwords: s.stopwords, min_len: s.min_len, kind: s.kind, unit: s.unit.clone(), limit: s.n };
        // In Rcs, so the view shares the answer rather than copying it. A piece that does not
        // decode is shown as the error it is, never as an empty table.
        analysis::try_frequencies(ix, &opts)
            .map(|t| (Rc::new(t), Rc::new(ix.facets().units.into_iter().map(|(u, _)| u).collect::<Vec<_>>())))
    });
    let fetching = answer.ready().is_none();
    let failure = answer.ready().and_then(|r| r.as_ref().err()).cloned();
    let (table, units) = match answer.ready() {
        Some(Ok((t, u))) => (t.clone(), u.clone()),
        _ => (Rc::new(FreqTable::default()), Rc::new(Vec::new())),
    };

    // Every control writes a new URL; the view re-renders from it.
    let change = |f: fn(&mut FreqState, String)| {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let mut s = state.clone();
            f(&mut s, select_value(&e));
            go(&links.freq(&s));
        })
    };
    let on_stopwords = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let el: web_sys::HtmlInputElement = e.target_unchecked_into();
            go(&links.freq(&FreqState { stopwords: el.checked(), ..state.clone() }));
        })
    };
    let on_min = change(|s, v| s.min_len = v.parse().unwrap_or(s.min_len));
    let on_kind = change(|s, v| s.kind = Kind::parse(&v));
    let on_unit = change(|s, v| s.unit = Some(v).filter(|v| !v.is_empty()));
    let on_n = change(|s, v| s.n = v.parse().unwrap_or(s.n));
    let on_show = change(|s, v| s.cloud = v == "cloud");

    let make_csv = {
        let table = table.clone();
        Callback::from(move |_| analysis::freq_csv(&table))
    };
    let csv_name = file_name(
        "freq",
        &[state.kind.map(|k| k.as_str().to_string()).unwrap_or_default(), state.unit.clone().unwrap_or_default()],
    );

    let bars: Vec<Bar> = table
        .rows
        .iter()
        .take(CHART_MAX)
        .map(|r| Bar { label: r.term.clone(), value: r.count as f64, value_text: thousands(r.count), href: links.search(&r.term, 0) })
        .collect();

    let cloud_words: Vec<CloudWord> = table
        .rows
        .iter()
        .take(CLOUD_MAX)
        .map(|r| CloudWord { term: r.term.clone(), count: r.count, href: links.search(&r.term, 0) })
        .collect();

    html! {
        <section class="view freq-view">
            <h1 class="view-title">{ tr.freq_title() }</h1>
            if !links.controls {
                <div class="controls">{ csv_button("freq-csv", tr.download_csv(), csv_name.clone(), make_csv.clone()) }</div>
            } else {
            <form class="controls" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                <label class="control checkbox">
                    <input id="freq-stopwords" type="checkbox" checked={state.stopwords} onchange={on_stopwords} />
                    { tr.remove_stopwords() }
                </label>
                <label class="control">
                    <span>{ tr.min_len() }</span>
                    <select id="freq-min" onchange={on_min}>
                        { for MIN_LEN_CHOICES.iter().map(|&m| html! { <option value={m.to_string()} selected={m == state.min_len}>{ m }</option> }) }
                    </select>
                </label>
                <label class="control">
                    <span>{ tr.kind() }</span>
                    <select id="freq-kind" onchange={on_kind}>
                        <option value="" selected={state.kind.is_none()}>{ tr.all() }</option>
                        { for Kind::ALL.iter().map(|k| html! {
                            <option value={k.as_str()} selected={state.kind == Some(*k)}>{ tr.kind_name(k.as_str()) }</option>
                        }) }
                    </select>
                </label>
                <label class="control">
                    <span>{ tr.units() }</span>
                    <select id="freq-unit" onchange={on_unit}>
                        <option value="" selected={state.unit.is_none()}>{ tr.all() }</option>
                        { for units.iter().map(|u| html! {
                            <option value={u.clone()} selected={state.unit.as_deref() == Some(u.as_str())}>{ u.clone() }</option>
                        }) }
                    </select>
                </label>
                <label class="control">
                    <span>{ tr.top_n() }</span>
                    <select id="freq-n" onchange={on_n}>
                        { for TOP_CHOICES.iter().map(|&n| html! { <option value={n.to_string()} selected={n == state.n}>{ n }</option> }) }
                    </select>
                </label>
                <label class="control">
                    <span>{ tr.show_label() }</span>
                    <select id="freq-show" onchange={on_show}>
                        <option value="table" selected={!state.cloud}>{ tr.show_table() }</option>
                        <option value="cloud" selected={state.cloud}>{ tr.show_cloud() }</option>
                    </select>
                </label>
                { csv_button("freq-csv", tr.download_csv(), csv_name.clone(), make_csv) }
            </form>
            }
            if fetching {
                <p class="notice fetching" aria-live="polite">{ tr.fetching() }</p>
            } else if let Some(e) = &failure {
                { engine_error(&tr, e) }
            } else {
            <p id="freq-total" class="denominator" data-total-tokens={table.total_tokens.to_string()}>{ tr.denominator(table.total_tokens) }</p>
            <p id="freq-count-note" class="hint count-rule">{ tr.freq_count_rule() }</p>
            }
            if fetching || failure.is_some() {
            } else if table.rows.is_empty() {
                <p class="no-results">{ tr.no_terms() }</p>
            } else if state.cloud {
                <figure class="freq-cloud">
                    { word_cloud("freq-cloud", tr.cloud_label(table.rows.len().min(CLOUD_MAX), &table.rows[0].term), &cloud_words) }
                </figure>
                <div class="section-foot chart-foot">
                    { chart_download(&tr, "freq-cloud", csv_name.trim_end_matches(".csv").replacen("freq", "freq-cloud", 1)) }
                </div>
            } else {
                <div class="freq-layout">
                    <div class="freq-chart">
                        { bar_chart("freq-chart", tr.chart_label_freq(), &bars) }
                    </div>
                    { freq_table(&tr, &links, &state, &sort, &table) }
                </div>
            }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::{MIN_LEN_CHOICES, TOP_CHOICES};
    use yuliao::analysis::{FREQ_MIN_LEN, FREQ_ROWS};

    #[test]
    fn the_engines_defaults_are_offered_in_the_selects() {
        // The view starts from the engine's defaults; a select without them would show
        // another value than the one the table was computed with.
        assert!(TOP_CHOICES.contains(&FREQ_ROWS), "{FREQ_ROWS} not in {TOP_CHOICES:?}");
        assert!(MIN_LEN_CHOICES.contains(&FREQ_MIN_LEN), "{FREQ_MIN_LEN} not in {MIN_LEN_CHOICES:?}");
    }
}

fn freq_table(tr: &crate::i18n::Tr, links: &crate::state::Links, state: &FreqState, sort: &TableSort, table: &FreqTable) -> Html {
    let mut rows: Vec<&yuliao::analysis::FreqRow> = table.rows.iter().collect();
    sort_rows(&mut rows, sort, |r, k| match k {
        "term" => Some(SortVal::Text(r.term.clone())),
        "count" => Some(SortVal::Num(r.count as f64)),
        "per10k" => Some(SortVal::Num(r.per_10k)),
        "articles" => Some(SortVal::Num(f64::from(r.articles))),
        _ => None,
    });
    let href = |o: &TableSort| links.freq_sorted(state, o);
    html! {
        <div class="table-wrap">
        <table id="freq-table" class="data-table freq-table">
            <thead>
                <tr>
                    <th scope="col" class="num rank">{ "#" }</th>
                    { sort_th(tr.col_term(), "term", "", sort, false, &href) }
                    { sort_th(tr.col_count(), "count", "num", sort, true, &href) }
                    { sort_th(tr.col_per_10k(), "per10k", "num", sort, true, &href) }
                    { sort_th(tr.col_articles(), "articles", "num", sort, true, &href) }
                </tr>
            </thead>
            <tbody>
                { for rows.iter().enumerate().map(|(i, r)| html! {
                    <tr data-term={r.term.clone()} data-count={r.count.to_string()}>
                        <td class="num rank">{ i + 1 }</td>
                        // The term opens its search, concordance, collocates, dispersion and
                        // theme: one tab stop a row until opened.
                        <td class="term">{ word_menu(tr, links, &r.term, true) }</td>
                        <td class="num">{ thousands(r.count) }</td>
                        <td class="num">{ analysis::fixed(r.per_10k, 2) }</td>
                        <td class="num">{ thousands(r.articles as u64) }</td>
                    </tr>
                }) }
            </tbody>
        </table>
        </div>
    }
}
