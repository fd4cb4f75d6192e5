//! Pieces every analysis table shares: sortable column headers, the word menu that links a
//! term to its other views, a statistic's plain-language line with its formula on demand, and
//! the notice for an analysis the engine refused.
//!
//! Takes plain data, [`Tr`] and [`Links`]; renders HTML and emits navigations (a header click
//! is a new URL with the table's order `o`, [`TableSort`]). Guarantees: a sorted column says so
//! to assistive technology (`aria-sort` on its `th`), the header is a `<button>` (so focus stays
//! on it after the click); the word menu is a `<details>` (one tab stop a row until opened, no
//! script state); a refused analysis shows why, never an empty table.

use yew::prelude::*;
use yuliao::analysis::AnalysisError;

use crate::components::engine_error::engine_error;
use crate::i18n::{Stat, Tr};
use crate::route::go;
use crate::state::{Links, TableSort};

/// A cell's value for sorting: numbers compare as numbers, text by code point.
pub enum SortVal {
    Num(f64),
    Text(String),
}

/// Sorts `rows` by the column `sort.key` (stable: ties keep the engine's order); `val` gives a
/// row's value in a column, `None` for a column the table does not have (rows keep their order).
pub fn sort_rows<T>(rows: &mut Vec<T>, sort: &TableSort, val: impl Fn(&T, &str) -> Option<SortVal>) {
    if sort.key.is_empty() {
        return;
    }
    yuliao::order::sort_by(rows, |a, b| {
        let o = match (val(a, &sort.key), val(b, &sort.key)) {
            (Some(SortVal::Num(x)), Some(SortVal::Num(y))) => x.total_cmp(&y),
            (Some(SortVal::Text(x)), Some(SortVal::Text(y))) => x.cmp(&y),
            _ => std::cmp::Ordering::Equal,
        };
        if sort.desc {
            o.reverse()
        } else {
            o
        }
    });
}

/// A column header `th[data-key=key]` that sorts its table: a click orders by this column
/// (again: the other direction). `desc_first`: the first click sorts largest first (numbers).
/// `href` builds the view's URL for an order.
pub fn sort_th(label: &str, key: &'static str, class: &'static str, sort: &TableSort, desc_first: bool, href: &dyn Fn(&TableSort) -> String) -> Html {
    let active = sort.key == key;
    let aria = active.then_some(if sort.desc { "descending" } else { "ascending" });
    let arrow = match aria {
        Some("descending") => "▼",
        Some(_) => "▲",
        None => "",
    };
    let target = href(&sort.toggled(key, desc_first));
    let onclick = Callback::from(move |_: MouseEvent| go(&target));
    html! {
        <th scope="col" class={class} aria-sort={aria} data-key={key}>
            <button type="button" class="sort-button" {onclick}>{ label.to_string() }<span class="sort-arrow" aria-hidden="true">{ arrow }</span></button>
        </th>
    }
}

/// A term that opens a small row of links: its concordance, collocates, dispersion and theme
/// (and, with `search`, its search). `details.word-menu[data-term]`.
pub fn word_menu(tr: &Tr, links: &Links, term: &str, search: bool) -> Html {
    let t = term.to_string();
    html! {
        <details class="word-menu" data-term={t.clone()}>
            <summary class="word">{ t.clone() }</summary>
            <span class="word-links" role="group" aria-label={format!("{}{}", tr.word_links_label(), t)}>
                if search {
                    <a class="wl-search" href={links.search(&t, 0)}>{ tr.wl_search() }</a>
                }
                <a class="wl-kwic" href={links.kwic_of(&t)}>{ tr.wl_kwic() }</a>
                <a class="wl-colloc" href={links.colloc_of(&t)}>{ tr.wl_colloc() }</a>
                <a class="wl-dispersion" href={links.dispersion_of(&t)}>{ tr.wl_dispersion() }</a>
                <a class="wl-theme" href={links.themes(&[t.clone()])}>{ tr.wl_theme() }</a>
            </span>
        </details>
    }
}

/// The statistics a view shows, each a plain line with its formula folded under it.
pub fn stat_help(tr: &Tr, stats: &[Stat]) -> Html {
    html! {
        <div class="stat-help">
            { for stats.iter().map(|&s| html! {
                <details class="stat" data-stat={tr.stat_name(s)}>
                    <summary><b>{ tr.stat_name(s) }</b>{ tr.colon() }{ tr.stat_what(s) }</summary>
                    <p class="formula"><span class="formula-label">{ tr.formula() }{ " " }</span><code>{ tr.stat_formula(s) }</code></p>
                </details>
            }) }
        </div>
    }
}

/// What is counted, in one line beside the numbers.
pub fn count_note(tr: &Tr, id: &'static str, text: &'static str) -> Html {
    html! { <p {id} class="count-note"><span class="count-note-label">{ tr.count_note_label() }{ tr.colon() }</span>{ text }</p> }
}

/// The notice for an analysis that could not answer: the index's error as the other views show
/// it; a request the engine refuses (an empty term, an unknown subset) with the engine's reason.
pub fn analysis_error(tr: &Tr, e: &AnalysisError) -> Html {
    match e {
        AnalysisError::Index(e) => engine_error(tr, e),
        e => html! {
            <p class="notice notice-error analysis-error" role="alert"><b>{ tr.analysis_refused() }</b>{ " " }{ e.to_string() }</p>
        },
    }
}

/// Example terms to start a view with.
pub const EXAMPLES: [&str; 4] = ["两带两创", "安全", "提质增效", "父亲"];

/// A "start with one of these" line: each example as a link built by `href`.
pub fn examples(tr: &Tr, href: &dyn Fn(&str) -> String) -> Html {
    html! {
        <div class="hint start-examples">
            <span>{ tr.enter_term() }</span>
            <ul class="chips">
                { for EXAMPLES.iter().map(|t| html! { <li><a class="chip" href={href(t)}>{ *t }</a></li> }) }
            </ul>
        </div>
    }
}
