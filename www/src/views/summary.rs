//! The corpus summary (`#/summary?o=-lr`): the corpus at a glance, and a way into the analyses.
//!
//! Takes nothing but the table order from the URL hash; reads the manifest's figures (issues,
//! articles, tokens, types, characters; type/token ratio explained), calls `analysis::keyness`
//! for each kind against the rest (the kinds' precomputed tables: no postings) and
//! `analysis::try_frequencies` for the top of the frequency list. Renders `dl#summary-stats`,
//! one `table.distinctive[data-kind]` per kind (rows `data-term`, sortable, CSV) and
//! `table#summary-freq` (rows `data-term`, sortable, CSV), terms with their word menus.

use std::rc::Rc;
use yew::prelude::*;
use yuliao::analysis::{self, FreqOptions, FreqRow, FreqTable, Keyness, KeynessOptions, Keyword};

use crate::components::analysis::{analysis_error, count_note, sort_rows, sort_th, stat_help, word_menu, SortVal};
use crate::components::csv_button::csv_button;
use crate::context::{use_doc_title, use_engine, use_index, use_links, use_query_pairs, use_tr};
use crate::i18n::{thousands, Stat, Tr};
use crate::state::{FreqState, KeynessState, Links, TableSort};

/// Distinctive words listed for each kind, and frequent words.
const DISTINCTIVE_ROWS: usize = 10;
const TOP_ROWS: usize = 20;

#[component]
pub fn SummaryView() -> Html {
    let tr = use_tr();
    let links = use_links();
    let index = use_index();
    let sort = TableSort::parse(&use_query_pairs());
    use_doc_title(tr.summary_title().to_string());
    let s = index.stats();

    let answer = use_engine((), |ix, _| {
        let freq = analysis::try_frequencies(ix, &FreqOptions { limit: TOP_ROWS, ..FreqOptions::default() }).map_err(analysis::AnalysisError::from)?;
        let mut kinds = Vec::new();
        for (kind, _) in ix.facets().kinds {
            let k = analysis::keyness(ix, &format!("kind:{kind}"), None, &KeynessOptions { limit: DISTINCTIVE_ROWS, ..KeynessOptions::default() });
            // A kind that is the whole corpus has no rest to compare with: left out.
            if let Ok(k) = k {
                kinds.push((kind, Rc::new(k)));
            } else if let Err(e @ analysis::AnalysisError::Index(_)) = k {
                return Err(e);
            }
        }
        Ok((Rc::new(freq), Rc::new(kinds)))
    });

    let ttr = if s.tokens == 0 { 0.0 } else { s.terms as f64 / s.tokens as f64 };
    let item = |id: &'static str, label: &'static str, value: String| html! {
        <div class="figure" {id}><dt>{ label }</dt><dd>{ value }</dd></div>
    };
    let body = match answer.ready() {
        None => html! { <p class="notice fetching" aria-live="polite">{ tr.fetching() }</p> },
        Some(Err(e)) => analysis_error(&tr, e),
        Some(Ok((freq, kinds))) => html! {
            <>
                <section class="summary-section">
                    <h2>{ tr.distinctive_title() }</h2>
                    <p class="hint">{ tr.distinctive_hint() }</p>
                    <div class="distinctive-grid">
                        { for kinds.iter().map(|(kind, k)| distinctive_html(&tr, &links, &sort, kind, k)) }
                    </div>
                </section>
                { freq_html(&tr, &links, &sort, freq) }
            </>
        },
    };
    html! {
        <section class="view summary-view analysis-view">
            <h1 class="view-title">{ tr.summary_title() }</h1>
            <dl id="summary-stats" class="figures" data-tokens={s.tokens.to_string()} data-types={s.terms.to_string()}>
                { item("sum-issues", tr.sum_issues(), thousands(s.issues as u64)) }
                { item("sum-articles", tr.sum_articles(), thousands(s.articles as u64)) }
                { item("sum-tokens", tr.sum_tokens(), thousands(s.tokens)) }
                { item("sum-types", tr.sum_types(), thousands(s.terms as u64)) }
                { item("sum-ttr", tr.sum_ttr(), analysis::fixed(ttr, 3)) }
                { item("sum-chars", tr.sum_chars(), thousands(s.chars)) }
            </dl>
            { count_note(&tr, "summary-count-note", tr.summary_count_rule()) }
            { stat_help(&tr, &[Stat::Ttr]) }
            <nav class="analysis-links" aria-label={tr.analysis_nav_label()}>
                <a href={links.kwic_of("安全")}>{ tr.nav_kwic() }</a>
                <a href={links.colloc_of("两带两创")}>{ tr.nav_colloc() }</a>
                <a href={links.keyness(&KeynessState { a: "kind:literature".into(), b: String::new() }, &TableSort::default())}>{ tr.nav_keyness() }</a>
                <a href={links.dispersion_of("两带两创")}>{ tr.nav_dispersion() }</a>
                <a href={links.ngrams(&TableSort::default())}>{ tr.nav_ngrams() }</a>
            </nav>
            { body }
        </section>
    }
}

fn distinctive_html(tr: &Tr, links: &Links, sort: &TableSort, kind: &str, k: &Rc<Keyness>) -> Html {
    let mut rows: Vec<Keyword> = k.keywords.iter().filter(|r| r.ll > 0.0).cloned().collect();
    sort_rows(&mut rows, sort, |r, key| match key {
        "term" => Some(SortVal::Text(r.term.clone())),
        "a" => Some(SortVal::Num(r.a as f64)),
        "ll" => Some(SortVal::Num(r.ll)),
        "lr" => Some(SortVal::Num(r.log_ratio)),
        _ => None,
    });
    let make_csv = {
        let shown = Keyness { keywords: rows.clone(), ..(**k).clone() };
        Callback::from(move |_| analysis::keyness_csv(&shown))
    };
    let href = |o: &TableSort| links.summary(o);
    let full = links.keyness(&KeynessState { a: format!("kind:{kind}"), b: String::new() }, &TableSort::default());
    html! {
        <section class="distinctive" data-kind={kind.to_string()}>
            <h3>{ tr.kind_tokens(kind, k.target_tokens) }</h3>
            if rows.is_empty() {
                <p class="no-results">{ tr.none_significant() }</p>
            } else {
            <table class="data-table analysis-table distinctive-table" data-kind={kind.to_string()}>
                <thead>
                    <tr>
                        { sort_th(tr.col_term(), "term", "", sort, false, &href) }
                        { sort_th(tr.col_count(), "a", "num", sort, true, &href) }
                        { sort_th("G²", "ll", "num", sort, true, &href) }
                        { sort_th("Log Ratio", "lr", "num", sort, true, &href) }
                    </tr>
                </thead>
                <tbody>
                    { for rows.iter().map(|r| html! {
                        <tr data-term={r.term.clone()}>
                            <td class="term">{ word_menu(tr, links, &r.term, true) }</td>
                            <td class="num">{ thousands(r.a) }</td>
                            <td class="num">{ analysis::fixed(r.ll, 1) }</td>
                            <td class="num">{ analysis::fixed(r.log_ratio, 2) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            }
            <p class="section-foot">
                <a href={full}>{ tr.all_rows() }</a>
                { csv_button_for(tr, kind, make_csv) }
            </p>
        </section>
    }
}

/// The CSV button of one kind's table (ids must be static: one per kind the corpus may have).
fn csv_button_for(tr: &Tr, kind: &str, make: Callback<(), String>) -> Html {
    let id = match kind {
        "news" => "summary-csv-news",
        "photo" => "summary-csv-photo",
        "feature" => "summary-csv-feature",
        _ => "summary-csv-literature",
    };
    csv_button(id, tr.download_csv(), format!("distinctive-{kind}.csv"), make)
}

fn freq_html(tr: &Tr, links: &Links, sort: &TableSort, freq: &Rc<FreqTable>) -> Html {
    let mut rows: Vec<FreqRow> = freq.rows.clone();
    sort_rows(&mut rows, sort, |r, key| match key {
        "term" => Some(SortVal::Text(r.term.clone())),
        "a" => Some(SortVal::Num(r.count as f64)),
        "per10k" => Some(SortVal::Num(r.per_10k)),
        "articles" => Some(SortVal::Num(f64::from(r.articles))),
        _ => None,
    });
    let make_csv = {
        let shown = FreqTable { rows: rows.clone(), ..(**freq).clone() };
        Callback::from(move |_| analysis::freq_csv(&shown))
    };
    let href = |o: &TableSort| links.summary(o);
    html! {
        <section class="summary-section">
            <div class="section-head">
                <h2>{ tr.top_freq_title() }</h2>
                { csv_button("summary-freq-csv", tr.download_csv(), "summary-freq.csv".into(), make_csv) }
            </div>
            <p class="denominator">{ tr.denominator(freq.total_tokens) }</p>
            <div class="table-wrap">
            <table id="summary-freq" class="data-table analysis-table">
                <thead>
                    <tr>
                        { sort_th(tr.col_term(), "term", "", sort, false, &href) }
                        { sort_th(tr.col_count(), "a", "num", sort, true, &href) }
                        { sort_th(tr.col_per_10k(), "per10k", "num", sort, true, &href) }
                        { sort_th(tr.col_articles(), "articles", "num", sort, true, &href) }
                    </tr>
                </thead>
                <tbody>
                    { for rows.iter().map(|r| html! {
                        <tr data-term={r.term.clone()} data-count={r.count.to_string()}>
                            <td class="term">{ word_menu(tr, links, &r.term, true) }</td>
                            <td class="num">{ thousands(r.count) }</td>
                            <td class="num">{ analysis::fixed(r.per_10k, 2) }</td>
                            <td class="num">{ thousands(u64::from(r.articles)) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            </div>
            <p class="section-foot"><a href={links.freq(&FreqState::default())}>{ tr.all_rows() }</a></p>
        </section>
    }
}
