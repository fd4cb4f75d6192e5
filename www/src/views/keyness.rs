//! The keyness view (`#/keyness?a=kind:literature&b=kind:news&o=-ll`).
//!
//! Takes the target and reference subsets (search filter syntax; no reference: the rest of the
//! corpus) from the URL hash; calls `analysis::keyness` (precomputed tables where a subset has
//! one, postings otherwise) and on demand `keyness_csv` of the rows as shown. Renders the two
//! boxes and a few preset comparisons, the sizes of both sides, the critical value used (Šidák
//! corrected for the words tested), what is counted, G² and Log Ratio explained with their
//! formulas, and two tables, `table#keyness-pos` (positive keywords) and `table#keyness-neg`
//! (negative), rows with `data-term`, both sorted by the view's one order.

use std::rc::Rc;
use yew::prelude::*;
use yuliao::analysis::{self, Keyness, KeynessOptions, Keyword};

use crate::components::analysis::{analysis_error, count_note, sort_rows, sort_th, stat_help, word_menu, SortVal};
use crate::components::csv_button::csv_button;
use crate::context::{use_doc_title, use_engine, use_links, use_query_pairs, use_tr};
use crate::download::file_name;
use crate::i18n::{thousands, Stat, Tr};
use crate::route::go;
use crate::state::{KeynessState, Links, TableSort};

/// Preset comparisons: target, reference (empty: the rest).
const PRESETS: [(&str, &str); 4] = [("kind:literature", ""), ("kind:news", ""), ("kind:literature", "kind:news"), ("kind:feature", "kind:news")];

#[component]
pub fn KeynessView() -> Html {
    let tr = use_tr();
    let links = use_links();
    let pairs = use_query_pairs();
    let state = KeynessState::parse(&pairs);
    let sort = TableSort::parse(&pairs);
    let (a_ref, b_ref) = (use_node_ref(), use_node_ref());
    use_doc_title(if state.a.is_empty() { tr.keyness_title().to_string() } else { format!("{} · {}", state.a, tr.keyness_title()) });

    let answer = use_engine(state.clone(), |ix, s| {
        if s.a.is_empty() {
            return None;
        }
        let b = Some(s.b.as_str()).filter(|b| !b.is_empty());
        Some(analysis::keyness(ix, &s.a, b, &KeynessOptions::default()).map(Rc::new))
    });

    let on_submit = {
        let (a_ref, b_ref, sort) = (a_ref.clone(), b_ref.clone(), sort.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let value = |r: &NodeRef| r.cast::<web_sys::HtmlInputElement>().map(|el| el.value().trim().to_string()).unwrap_or_default();
            go(&links.keyness(&KeynessState { a: value(&a_ref), b: value(&b_ref) }, &sort));
        })
    };
    let kind_label = |s: &str| match s.strip_prefix("kind:") {
        Some(k) => tr.kind_name(k).to_string(),
        None if s.is_empty() => tr.the_rest().to_string(),
        None => s.to_string(),
    };

    let body = match answer.ready() {
        _ if state.a.is_empty() => html! {},
        None => html! { <p class="notice fetching" aria-live="polite">{ tr.fetching() }</p> },
        Some(None) => html! {},
        Some(Some(Err(e))) => analysis_error(&tr, e),
        Some(Some(Ok(k))) => report_html(&tr, &links, &state, &sort, k),
    };

    html! {
        <section class="view keyness-view analysis-view">
            <h1 class="view-title">{ tr.keyness_title() }</h1>
            if links.controls {
            <form class="controls" onsubmit={on_submit}>
                <label class="control">
                    <span>{ tr.target_label() }</span>
                    <input id="keyness-a" class="term-input" type="text" autocomplete="off" ref={a_ref} value={state.a.clone()} placeholder="kind:literature" />
                </label>
                <label class="control">
                    <span>{ tr.reference_label() }</span>
                    <input id="keyness-b" class="term-input" type="text" autocomplete="off" ref={b_ref} value={state.b.clone()} placeholder={tr.reference_placeholder()} />
                </label>
                <button class="go-button" type="submit">{ tr.go_button() }</button>
            </form>
            <p class="hint">{ tr.subset_hint() }</p>
            <ul class="chips presets">
                { for PRESETS.iter().map(|(a, b)| {
                    let active = state.a == *a && state.b == *b;
                    html! {
                        <li><a class={if active { "chip active" } else { "chip" }} aria-current={active.then_some("true")}
                               href={links.keyness(&KeynessState { a: a.to_string(), b: b.to_string() }, &sort)}>
                            { format!("{} ↔ {}", kind_label(a), kind_label(b)) }
                        </a></li>
                    }
                }) }
            </ul>
            }
            { body }
        </section>
    }
}

fn report_html(tr: &Tr, links: &Links, state: &KeynessState, sort: &TableSort, k: &Rc<Keyness>) -> Html {
    let order = |mut rows: Vec<Keyword>| {
        sort_rows(&mut rows, sort, |r, key| match key {
            "term" => Some(SortVal::Text(r.term.clone())),
            "a" => Some(SortVal::Num(r.a as f64)),
            "b" => Some(SortVal::Num(r.b as f64)),
            "ll" => Some(SortVal::Num(r.ll)),
            "lr" => Some(SortVal::Num(r.log_ratio)),
            _ => None,
        });
        rows
    };
    let pos = order(k.keywords.iter().filter(|r| r.ll > 0.0).cloned().collect());
    let neg = order(k.keywords.iter().filter(|r| r.ll <= 0.0).cloned().collect());
    let make_csv = {
        let shown = Keyness { keywords: pos.iter().chain(&neg).cloned().collect(), ..(**k).clone() };
        Callback::from(move |_| analysis::keyness_csv(&shown))
    };
    let reference = if state.b.is_empty() { tr.the_rest().to_string() } else { state.b.clone() };
    let href = |o: &TableSort| links.keyness(state, o);
    let table = |id: &'static str, caption: &'static str, rows: &[Keyword]| {
        html! {
            <section class="keyness-side">
                <h2>{ caption }{ " " }<small>{ tr.rows_n(rows.len()) }</small></h2>
                if rows.is_empty() {
                    <p class="no-results">{ tr.none_significant() }</p>
                } else {
                <div class="table-wrap">
                <table {id} class="data-table analysis-table">
                    <thead>
                        <tr>
                            <th scope="col" class="num rank">{ "#" }</th>
                            { sort_th(tr.col_term(), "term", "", sort, false, &href) }
                            { sort_th(tr.col_a(), "a", "num", sort, true, &href) }
                            { sort_th(tr.col_b(), "b", "num", sort, true, &href) }
                            { sort_th("G²", "ll", "num", sort, true, &href) }
                            { sort_th("Log Ratio", "lr", "num", sort, true, &href) }
                        </tr>
                    </thead>
                    <tbody>
                        { for rows.iter().enumerate().map(|(i, r)| html! {
                            <tr data-term={r.term.clone()} data-a={r.a.to_string()} data-b={r.b.to_string()}>
                                <td class="num rank">{ i + 1 }</td>
                                <td class="term">{ word_menu(tr, links, &r.term, true) }</td>
                                <td class="num">{ thousands(r.a) }</td>
                                <td class="num">{ thousands(r.b) }</td>
                                <td class="num">{ analysis::fixed(r.ll, 2) }</td>
                                <td class="num">{ analysis::fixed(r.log_ratio, 2) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
                </div>
                }
            </section>
        }
    };
    html! {
        <>
            <p id="keyness-sizes" class="denominator" data-target-tokens={k.target_tokens.to_string()} data-reference-tokens={k.reference_tokens.to_string()}>
                { tr.keyness_sizes(&k.target, k.target_tokens, &reference, k.reference_tokens) }
            </p>
            <p id="keyness-critical" class="denominator" data-critical={analysis::fixed(k.critical, 3)} data-tested={k.tested.to_string()}>
                { tr.critical_value(k.critical, k.tested) }
            </p>
            { count_note(tr, "keyness-count-note", tr.keyness_count_rule()) }
            { stat_help(tr, &[Stat::G2, Stat::LogRatio]) }
            <div class="section-head">
                <span></span>
                { csv_button("keyness-csv", tr.download_csv(), file_name("keyness", &[state.a.clone(), state.b.clone()]), make_csv) }
            </div>
            <div class="keyness-layout">
                { table("keyness-pos", tr.positive_keywords(), &pos) }
                { table("keyness-neg", tr.negative_keywords(), &neg) }
            </div>
        </>
    }
}
