//! The concordance view (`#/kwic?q=安全&sort=1R,2R&w=15`).
//!
//! Takes the terms, sort keys and width from the URL hash; calls `analysis::concordance`
//! (every exact occurrence of the strings in title + paragraphs, sorted by up to three context
//! words) and on demand `concordance_csv`. Renders a box for the terms, a width select, the
//! line count with what it counts, and `table#concordance` (line number, source title linking to
//! the reader with the terms highlighted, left context, node, right context; rows with
//! `data-article-id` and `data-key`, the first sort key's word). The headers' `1L`…`3R` and node
//! buttons sort: the clicked key becomes the first, the previous first the second. Lines beyond
//! [`KWIC_ROWS`] are counted, not shown; with sort keys the engine sorts at most its first
//! `KWIC_SORT_MAX` lines and the page says so.

use std::rc::Rc;
use yew::prelude::*;
use yuliao::analysis::concordance::MAX_SORT_KEYS;
use yuliao::analysis::{self, parse_sort, Concordance, KwicOptions, SortKey};
use yuliao::browse::{self, Label};

use crate::components::analysis::{analysis_error, count_note, examples};
use crate::components::csv_button::csv_button;
use crate::components::title::{title_html, title_text};
use crate::context::{use_doc_title, use_engine, use_links, use_query_pairs, use_tr};
use crate::download::file_name;
use crate::i18n::Tr;
use crate::route::go;
use crate::state::{split_terms, KwicState, Links};

/// Most lines shown (the count says how many there are).
pub const KWIC_ROWS: usize = 1000;
const WIDTHS: [usize; 6] = [5, 10, 15, 20, 30, 50];

#[component]
pub fn KwicView() -> Html {
    let tr = use_tr();
    let links = use_links();
    let state = KwicState::parse(&use_query_pairs());
    let input = use_node_ref();
    // The sort button last clicked: the table is drawn again once the sorted lines are in, and
    // focus goes back to it (a keyboard user sorts on from where they were).
    let refocus = use_mut_ref(|| None::<String>);
    {
        let refocus = refocus.clone();
        use_effect(move || {
            let key = refocus.borrow().clone();
            if let Some(key) = key {
                let button = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.query_selector(&format!("#concordance button[data-key=\"{key}\"]")).ok().flatten())
                    .and_then(|el| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el).ok());
                if let Some(button) = button {
                    let _ = button.focus();
                    *refocus.borrow_mut() = None;
                }
            }
        });
    }
    use_doc_title(if state.q.is_empty() { tr.kwic_view_title().to_string() } else { format!("{} · {}", state.q, tr.kwic_view_title()) });

    let answer = use_engine(state.clone(), |ix, s| {
        let terms = split_terms(&s.q);
        if terms.is_empty() {
            return None;
        }
        let sort = match parse_sort(&s.sort) {
            Ok(k) => k,
            Err(e) => return Some(Err(e)),
        };
        Some(analysis::concordance(ix, &terms, &KwicOptions { window: s.width, sort, limit: KWIC_ROWS }).map(|c| {
            let docs: Vec<u32> = c.lines.iter().map(|l| l.doc).collect();
            (Rc::new(c), Rc::new(browse::labels_of(ix, &docs)))
        }))
    });

    let on_submit = {
        let input = input.clone();
        let state = state.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(el) = input.cast::<web_sys::HtmlInputElement>() {
                go(&links.kwic(&KwicState { q: el.value().trim().to_string(), ..state.clone() }));
            }
        })
    };
    let on_width = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let el: web_sys::HtmlSelectElement = e.target_unchecked_into();
            go(&links.kwic(&KwicState { width: el.value().parse().unwrap_or(state.width), ..state.clone() }));
        })
    };

    let body = match answer.ready() {
        _ if state.q.is_empty() => examples(&tr, &|t| links.kwic_of(t)),
        None => html! { <p class="notice fetching" aria-live="polite">{ tr.fetching() }</p> },
        Some(None) => html! {},
        Some(Some(Err(e))) => analysis_error(&tr, e),
        Some(Some(Ok((c, labels)))) => lines_html(&tr, &links, &state, c, labels, &refocus),
    };
    // The choices, and a width a shared link asked for.
    let mut widths = WIDTHS.to_vec();
    if !widths.contains(&state.width) {
        widths.insert(widths.partition_point(|w| *w < state.width), state.width);
    }

    html! {
        <section class="view kwic-view analysis-view">
            <h1 class="view-title">{ tr.kwic_view_title() }</h1>
            if links.controls {
            <form class="controls" onsubmit={on_submit}>
                <label class="control">
                    <span>{ tr.term_label() }</span>
                    <input id="kwic-input" class="term-input" type="text" autocomplete="off" ref={input}
                           value={state.q.clone()} placeholder={tr.kwic_placeholder()} />
                </label>
                <button class="go-button" type="submit">{ tr.go_button() }</button>
                <label class="control">
                    <span>{ tr.width_label() }</span>
                    <select id="kwic-width" onchange={on_width}>
                        { for widths.iter().map(|&w| html! {
                            <option value={w.to_string()} selected={w == state.width}>{ w }</option>
                        }) }
                    </select>
                </label>
            </form>
            }
            { body }
        </section>
    }
}

/// The keys after a click on `key`: it first, the previous keys after it, at most three.
fn clicked(current: &[SortKey], key: SortKey) -> String {
    let mut keys = vec![key];
    keys.extend(current.iter().copied().filter(|k| *k != key));
    keys.truncate(MAX_SORT_KEYS);
    keys.iter().map(|k| k.name()).collect::<Vec<_>>().join(",")
}

fn lines_html(tr: &Tr, links: &Links, state: &KwicState, c: &Rc<Concordance>, labels: &[Label], refocus: &Rc<std::cell::RefCell<Option<String>>>) -> Html {
    let keys = parse_sort(&state.sort).unwrap_or_default();
    let terms = split_terms(&state.q);
    let reader_q = yuliao::query::any_of(&terms);
    let key_button = |key: SortKey| {
        let rank = keys.iter().position(|k| *k == key);
        let href = links.kwic(&KwicState { sort: clicked(&keys, key), ..state.clone() });
        let name = key.name();
        let onclick = {
            let (refocus, name) = (refocus.clone(), name.clone());
            Callback::from(move |_: MouseEvent| {
                *refocus.borrow_mut() = Some(name.clone());
                go(&href);
            })
        };
        let label = if key == SortKey::Node { tr.col_node().to_string() } else { name.clone() };
        html! {
            <button type="button" class={if rank.is_some() { "key-button active" } else { "key-button" }} data-key={name}
                    aria-pressed={if rank.is_some() { "true" } else { "false" }} title={format!("{}{label}", tr.sort_by())} {onclick}>
                { label.clone() }
                if let Some(r) = rank { <sup class="key-rank">{ r + 1 }</sup> }
            </button>
        }
    };
    // aria-sort on the column of the first key (the line number's when in reading order).
    let first = keys.first().copied();
    let sorted = |on: bool| on.then_some("ascending");
    let reading = {
        let href = links.kwic(&KwicState { sort: String::new(), ..state.clone() });
        Callback::from(move |_: MouseEvent| go(&href))
    };
    let make_csv = {
        let c = c.clone();
        Callback::from(move |_| analysis::concordance_csv(&c))
    };
    let mut name_parts = terms.clone();
    name_parts.extend(c.sort.iter().cloned());
    html! {
        <>
            <div class="result-head">
                <p id="kwic-total" class="hit-count" role="status" data-total={c.total.to_string()}>{ tr.kwic_lines(c.lines.len(), c.total) }</p>
                { csv_button("kwic-csv", tr.download_csv(), file_name("concordance", &name_parts), make_csv) }
            </div>
            { count_note(tr, "kwic-count-note", tr.kwic_count_rule()) }
            if c.sorted_of > 0 && c.sorted_of < c.total {
                <p id="kwic-sorted-of" class="notice notice-missing">{ tr.kwic_sorted_of(c.sorted_of, c.total) }</p>
            }
            if links.controls {
                <p class="hint">{ tr.kwic_sort_hint() }</p>
            }
            if c.total > 0 {
            <div class="table-wrap">
            <table id="concordance" class="data-table kwic concordance" data-sort={c.sort.join(",")}>
                <thead>
                    <tr>
                        <th scope="col" class="num" aria-sort={sorted(first.is_none())}>
                            <button type="button" class="key-button" aria-pressed={if first.is_none() { "true" } else { "false" }} title={tr.reading_order()} onclick={reading}>{ "#" }</button>
                        </th>
                        <th scope="col" class="kwic-source">{ tr.col_source() }</th>
                        <th scope="col" class="kwic-left" aria-sort={sorted(matches!(first, Some(SortKey::Left(_))))}>
                            <span class="visually-hidden">{ tr.col_left() }</span>
                            { key_button(SortKey::Left(3)) }{ key_button(SortKey::Left(2)) }{ key_button(SortKey::Left(1)) }
                        </th>
                        <th scope="col" class="kwic-key" aria-sort={sorted(first == Some(SortKey::Node))}>{ key_button(SortKey::Node) }</th>
                        <th scope="col" class="kwic-right" aria-sort={sorted(matches!(first, Some(SortKey::Right(_))))}>
                            <span class="visually-hidden">{ tr.col_right() }</span>
                            { key_button(SortKey::Right(1)) }{ key_button(SortKey::Right(2)) }{ key_button(SortKey::Right(3)) }
                        </th>
                    </tr>
                </thead>
                <tbody>
                    { for c.lines.iter().zip(labels).enumerate().map(|(i, (l, label))| html! {
                        <tr data-article-id={l.id.clone()} data-key={l.keys.first().cloned()}>
                            <td class="num rank">{ i + 1 }</td>
                            <td class="kwic-source"><a href={links.article(&l.id, &reader_q, &[])} title={title_text(tr, label)}>{ title_html(tr, label) }</a></td>
                            <td class="kwic-left"><span>{ l.left.clone() }</span></td>
                            <td class="kwic-key"><span>{ l.node.clone() }</span></td>
                            <td class="kwic-right"><span>{ l.right.clone() }</span></td>
                        </tr>
                    }) }
                </tbody>
            </table>
            </div>
            } else {
                <p class="no-results">{ tr.not_in_corpus() }</p>
            }
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::clicked;
    use yuliao::analysis::SortKey;

    #[test]
    fn a_clicked_key_goes_first_and_the_rest_follow() {
        assert_eq!(clicked(&[], SortKey::Right(1)), "1R");
        assert_eq!(clicked(&[SortKey::Right(1)], SortKey::Right(2)), "2R,1R");
        assert_eq!(clicked(&[SortKey::Right(2), SortKey::Right(1)], SortKey::Right(1)), "1R,2R");
        assert_eq!(clicked(&[SortKey::Left(1), SortKey::Left(2), SortKey::Left(3)], SortKey::Node), "node,1L,2L");
    }
}
