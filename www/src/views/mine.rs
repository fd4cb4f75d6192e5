//! Your own texts (`#/mine`), and the line that points to them from the shipped corpus's search.
//!
//! Takes files picked with the file input or dropped on the drop zone (`.txt` in UTF-8,
//! GBK/GB18030 or UTF-16 with a BOM) and text pasted in the box; hands them to the worker
//! (`crate::mine`), which cleans, segments and indexes them in its own thread and keeps them in
//! this browser's IndexedDB. Renders a `<progress>` while it works, the refused files with the
//! cleaner's reason (`#mine-refused li[data-name]`), the kept texts (`#mine-texts
//! tr[data-name]`: name, articles, characters, a remove button; `data-rebuilt` on the table says
//! whether the worker built the index or opened the one it kept) and links that open every view
//! on them (`src=mine`). [`MineAlso`] tells the search view on the shipped corpus how many
//! articles of your texts also match, with a link to them. Nothing leaves the browser.

use wasm_bindgen::JsCast;
use yew::prelude::*;
use yuliao::query::{self, SearchOptions};

use crate::context::{use_doc_title, use_links, use_tr};
use crate::i18n::thousands;
use crate::mine::{MineHandle, MineOp};
use crate::state::{Links, TableSort};

/// The files of a `FileList` as values the worker reads.
fn files_of(list: Option<web_sys::FileList>) -> Vec<wasm_bindgen::JsValue> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.get(i)).map(Into::into).collect()
}

#[component]
pub fn MineView() -> Html {
    let tr = use_tr();
    let links = use_links();
    let mine = use_context::<MineHandle>().expect("the shell provides the #/mine handle");
    let pasted = use_state(String::new);
    let dragging = use_state(|| false);
    use_doc_title(tr.mine_title().to_string());

    let on_pick = {
        let send = mine.send.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
            let files = files_of(input.files());
            if !files.is_empty() {
                send.emit(MineOp::Add(files));
            }
            // The same file can be picked again (after removing it).
            input.set_value("");
        })
    };
    let on_drag = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(true);
        })
    };
    let on_leave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let on_drop = {
        let send = mine.send.clone();
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            let files = files_of(e.data_transfer().and_then(|d| d.files()));
            if !files.is_empty() {
                send.emit(MineOp::Add(files));
            }
        })
    };
    let on_paste_input = {
        let pasted = pasted.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(area) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok()) {
                pasted.set(area.value());
            }
        })
    };
    let on_paste_add = {
        let send = mine.send.clone();
        let pasted = pasted.clone();
        let count = mine.state.texts.iter().filter(|t| t.name.starts_with(PASTED)).count();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if pasted.trim().is_empty() {
                return;
            }
            let item = js_sys::Object::new();
            let name = format!("{PASTED}{}.txt", count + 1);
            let _ = js_sys::Reflect::set(&item, &"name".into(), &name.into());
            let _ = js_sys::Reflect::set(&item, &"bytes".into(), &js_sys::Uint8Array::from(pasted.as_bytes()).into());
            send.emit(MineOp::Add(vec![item.into()]));
            pasted.set(String::new());
        })
    };

    let s = &mine.state;
    let busy = s.pending > 0;
    let on_mine = Links { mine: true, ..links };
    html! {
        <section class="view mine-view">
            <h1>{ tr.mine_title() }</h1>
            <p class="mine-privacy">{ tr.mine_privacy() }</p>
            <div id="mine-drop" class={classes!("mine-drop", (*dragging).then_some("dragging"))} ondragover={on_drag.clone()} ondragenter={on_drag} ondragleave={on_leave} ondrop={on_drop}>
                <label for="mine-file">{ tr.mine_pick() }</label>
                <input id="mine-file" type="file" multiple=true accept=".txt,text/plain" onchange={on_pick} />
                <p class="hint">{ tr.mine_drop_hint() }</p>
            </div>
            <form id="mine-paste" class="mine-paste" onsubmit={on_paste_add}>
                <label for="mine-paste-text">{ tr.mine_paste() }</label>
                <textarea id="mine-paste-text" rows="5" value={(*pasted).clone()} oninput={on_paste_input} />
                <button type="submit">{ tr.mine_paste_add() }</button>
            </form>
            <div class="mine-status" aria-live="polite">
                if busy {
                    { progress(&tr, s.progress.as_ref()) }
                }
                if let Some(e) = &s.error {
                    <p class="notice notice-error" role="alert">{ tr.mine_failed() }{ " " }{ e.clone() }</p>
                }
            </div>
            if !s.refused.is_empty() {
                // The alert on a wrapper: a list with role="alert" is no longer a list.
                <div role="alert">
                    <ul id="mine-refused" class="mine-refused">
                        { for s.refused.iter().map(|(name, code, reason)| html! {
                            <li data-name={name.clone()} data-code={code.clone()}>
                                <strong>{ tr.mine_refused(name) }</strong>{ " " }{ tr.mine_refusal(code) }{ " " }<span class="reason" lang="en">{ "(" }{ reason.clone() }{ ")" }</span>
                            </li>
                        }) }
                    </ul>
                </div>
            }
            if s.loaded && s.texts.is_empty() {
                <p id="mine-none">{ tr.mine_none() }</p>
            }
            if !s.texts.is_empty() {
                <table id="mine-texts" class="data-table" data-rebuilt={s.rebuilt.to_string()}>
                    <caption>{ tr.mine_texts_caption() }</caption>
                    <thead><tr>
                        <th scope="col">{ tr.mine_col_name() }</th>
                        <th scope="col" class="num">{ tr.mine_col_articles() }</th>
                        <th scope="col" class="num">{ tr.mine_col_chars() }</th>
                        <th scope="col"><span class="visually-hidden">{ tr.mine_col_remove() }</span></th>
                    </tr></thead>
                    <tbody>
                        { for s.texts.iter().map(|t| {
                            let send = mine.send.clone();
                            let name = t.name.clone();
                            let remove = Callback::from(move |_: MouseEvent| send.emit(MineOp::Remove(name.clone())));
                            html! {
                                <tr data-name={t.name.clone()} data-articles={t.articles.to_string()}>
                                    <td>{ t.name.clone() }</td>
                                    <td class="num">{ thousands(t.articles) }</td>
                                    <td class="num">{ thousands(t.chars) }</td>
                                    <td><button type="button" class="mine-remove" aria-label={tr.mine_remove_label(&t.name)} disabled={busy} onclick={remove}>{ tr.mine_remove() }</button></td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
                <nav id="mine-views" class="mine-views" aria-label={tr.mine_views_label()}>
                    <a id="mine-search" href={on_mine.search("", 0)}>{ tr.nav_search() }</a>
                    <a href={on_mine.relink("/freq", &[])}>{ tr.nav_freq() }</a>
                    <a href={on_mine.themes(&[])}>{ tr.nav_themes() }</a>
                    <a href={on_mine.relink("/kwic", &[])}>{ tr.nav_kwic() }</a>
                    <a href={on_mine.summary(&TableSort::default())}>{ tr.nav_summary() }</a>
                    <a href={on_mine.issues(0)}>{ tr.nav_issues() }</a>
                </nav>
            }
        </section>
    }
}

/// Name prefix of pasted texts (`粘贴-1.txt`, …).
const PASTED: &str = "粘贴-";

fn progress(tr: &crate::i18n::Tr, p: Option<&(String, u64, u64)>) -> Html {
    let (value, max, label) = match p {
        Some((stage, done, total)) if stage == "index" && *total > 0 => {
            (Some(done.to_string()), total.to_string(), tr.mine_indexing(*done, *total))
        }
        Some((stage, _, _)) if stage == "dictionary" => (None, "1".to_string(), tr.mine_fetching_dictionary().to_string()),
        _ => (None, "1".to_string(), tr.mine_working().to_string()),
    };
    html! {
        <>
            <progress id="mine-progress" aria-label={tr.mine_progress_label()} max={max} value={value}></progress>
            <p class="loading-bytes">{ label }</p>
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct MineAlsoProps {
    pub q: String,
}

/// On the shipped corpus's search: "your texts: N articles also match →", once your texts are
/// open in this page (the worker is never started for it).
#[component]
pub fn MineAlso(props: &MineAlsoProps) -> Html {
    let tr = use_tr();
    let links = use_links();
    let mine = use_context::<MineHandle>();
    let index = mine.as_ref().and_then(|m| m.state.index.clone());
    let (Some(index), false, false) = (index, links.mine, props.q.trim().is_empty()) else { return html! {} };
    let opts = SearchOptions { limit: 1, offset: 0, snippet_chars: 0 };
    let Ok(total) = query::search(&index, &props.q, &opts).map(|r| r.total) else { return html! {} };
    html! {
        <p id="mine-also" class="mine-also" data-total={total.to_string()}>
            <a href={Links { mine: true, ..links }.search(props.q.trim(), 0)}>{ tr.mine_also(total) }</a>
        </p>
    }
}
