//! The n-gram and slogan view (`#/ngrams?o=-count`): candidate themes.
//!
//! Takes nothing but the table order from the URL hash; calls `analysis::ngrams` (every
//! document's text, or an evenly spaced sample of a large corpus, said on the page) and on
//! demand `ngrams_csv` of the rows as shown. Renders four tables, each row `data-term` with its
//! word menu (concordance, collocates, dispersion, theme): recurring word sequences
//! (`table#ngrams-table`), quoted phrases (`#quoted-table`), numbered slogans (`#patterns-table`)
//! and four-character sets (`#sets-table`, whose theme link tracks each clause of the set).

use std::rc::Rc;
use yew::prelude::*;
use yuliao::analysis::ngrams::{Candidate, NgramRow};
use yuliao::analysis::{self, NgramOptions, Ngrams};

use crate::components::analysis::{analysis_error, count_note, sort_rows, sort_th, word_menu, SortVal};
use crate::components::csv_button::csv_button;
use crate::context::{use_doc_title, use_engine, use_links, use_query_pairs, use_tr};
use crate::i18n::{thousands, Tr};
use crate::state::{split_terms, Links, TableSort};

/// One row of any of the four lists, as the tables show it.
#[derive(Clone)]
struct Row {
    term: String,
    pattern: String,
    count: u64,
    articles: u32,
}

impl From<&NgramRow> for Row {
    fn from(r: &NgramRow) -> Self {
        Row { term: r.term.clone(), pattern: r.tokens.join(" "), count: r.count, articles: r.articles }
    }
}

impl From<&Candidate> for Row {
    fn from(r: &Candidate) -> Self {
        Row { term: r.term.clone(), pattern: r.pattern.clone(), count: r.count, articles: r.articles }
    }
}

#[component]
pub fn NgramsView() -> Html {
    let tr = use_tr();
    let links = use_links();
    let sort = TableSort::parse(&use_query_pairs());
    use_doc_title(tr.ngrams_title().to_string());
    let answer = use_engine((), |ix, _| analysis::ngrams(ix, &NgramOptions::default()).map(Rc::new));

    let body = match answer.ready() {
        None => html! { <p class="notice fetching" aria-live="polite">{ tr.fetching() }</p> },
        Some(Err(e)) => analysis_error(&tr, e),
        Some(Ok(g)) => lists_html(&tr, &links, &sort, g),
    };
    html! {
        <section class="view ngrams-view analysis-view">
            <h1 class="view-title">{ tr.ngrams_title() }</h1>
            { body }
        </section>
    }
}

fn lists_html(tr: &Tr, links: &Links, sort: &TableSort, g: &Rc<Ngrams>) -> Html {
    let order = |mut rows: Vec<Row>| {
        sort_rows(&mut rows, sort, |r, k| match k {
            "term" => Some(SortVal::Text(r.term.clone())),
            "pattern" => Some(SortVal::Text(r.pattern.clone())),
            "count" => Some(SortVal::Num(r.count as f64)),
            "articles" => Some(SortVal::Num(f64::from(r.articles))),
            _ => None,
        });
        rows
    };
    let ngrams = order(g.ngrams.iter().map(Row::from).collect());
    let quoted = order(g.quoted.iter().map(Row::from).collect());
    let patterns = order(g.patterns.iter().map(Row::from).collect());
    let sets = order(g.sets.iter().map(Row::from).collect());
    // The CSV: the lists as shown, in the order shown.
    let make_csv = {
        let by_term = |rows: &[Row], from: &[Candidate]| -> Vec<Candidate> {
            rows.iter().filter_map(|r| from.iter().find(|c| c.term == r.term).cloned()).collect()
        };
        let shown = Ngrams {
            ngrams: ngrams.iter().filter_map(|r| g.ngrams.iter().find(|n| n.term == r.term && n.tokens.join(" ") == r.pattern).cloned()).collect(),
            quoted: by_term(&quoted, &g.quoted),
            patterns: by_term(&patterns, &g.patterns),
            sets: by_term(&sets, &g.sets),
            ..(**g).clone()
        };
        Callback::from(move |_| analysis::ngrams_csv(&shown))
    };
    let href = |o: &TableSort| links.ngrams(o);
    let table = |id: &'static str, title: &'static str, pattern: &'static str, rows: &[Row], set: bool| {
        html! {
            <section class="ngram-list">
                <h2>{ title }{ " " }<small>{ tr.rows_n(rows.len()) }</small></h2>
                if rows.is_empty() {
                    <p class="no-results">{ tr.no_terms() }</p>
                } else {
                <div class="table-wrap">
                <table {id} class="data-table analysis-table">
                    <thead>
                        <tr>
                            { sort_th(tr.col_term(), "term", "", sort, false, &href) }
                            { sort_th(pattern, "pattern", "", sort, false, &href) }
                            { sort_th(tr.col_count(), "count", "num", sort, true, &href) }
                            { sort_th(tr.col_articles(), "articles", "num", sort, true, &href) }
                        </tr>
                    </thead>
                    <tbody>
                        { for rows.iter().map(|r| html! {
                            <tr data-term={r.term.clone()} data-count={r.count.to_string()}>
                                <td class="term">
                                    if set {
                                        <a href={links.themes(&split_terms(&r.term))} title={tr.track_term(&r.term)}>{ r.term.clone() }</a>
                                    } else {
                                        { word_menu(tr, links, &r.term, true) }
                                    }
                                </td>
                                <td class="pattern">{ match r.pattern.as_str() {
                                    "quoted" => tr.pattern_quoted().to_string(),
                                    "set" => tr.pattern_set().to_string(),
                                    p => p.to_string(),
                                } }</td>
                                <td class="num">{ thousands(r.count) }</td>
                                <td class="num">{ thousands(u64::from(r.articles)) }</td>
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
            if let Some(of) = g.sampled_of {
                <p id="ngrams-sampled" class="notice notice-missing">{ tr.sampled(g.docs, of) }</p>
            } else {
                <p id="ngrams-docs" class="denominator">{ tr.docs_read(g.docs) }</p>
            }
            { count_note(tr, "ngrams-count-note", tr.ngrams_count_rule()) }
            <div class="section-head">
                <p class="hint">{ tr.candidate_hint() }</p>
                { csv_button("ngrams-csv", tr.download_csv(), "ngrams.csv".to_string(), make_csv) }
            </div>
            <div class="ngram-lists">
                { table("quoted-table", tr.quoted_section(), tr.col_pattern(), &quoted, false) }
                { table("patterns-table", tr.patterns_section(), tr.col_pattern(), &patterns, false) }
                { table("ngrams-table", tr.ngrams_section(), tr.col_tokens(), &ngrams, false) }
                { table("sets-table", tr.sets_section(), tr.col_pattern(), &sets, true) }
            </div>
        </>
    }
}
