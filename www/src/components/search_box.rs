//! The search box with type-ahead suggestions.
//!
//! Takes the text being typed, the suggestions the view got from `query::suggest`, and
//! callbacks; emits `on_input` on every keystroke, `on_pick` when a suggestion is chosen
//! (click, or arrows + Enter) and `on_submit` when the form is sent. Holds only which
//! suggestion is selected and whether the list is open. `input#search-input` is what the
//! global `/` shortcut focuses.
//!
//! The WAI-ARIA combobox pattern (list autocomplete): the input is a `combobox` whose
//! `aria-controls` names `ul#suggestions`, a `listbox` that is always in the page (`hidden`
//! while closed); `aria-expanded` says whether it is open; ArrowDown / ArrowUp move the
//! selection (wrapping) and `aria-activedescendant` names the selected `option`
//! (`#suggestion-<i>`, `aria-selected="true"`) while focus stays in the input; Enter picks it,
//! Escape closes the list (keeping the text).

use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;
use yuliao::query::Suggestion;

use crate::context::use_tr;
use crate::i18n::thousands;

/// The id of suggestion `i`, for `aria-activedescendant`.
fn option_id(i: usize) -> String {
    format!("suggestion-{i}")
}

#[derive(Properties, PartialEq)]
pub struct SearchBoxProps {
    pub value: AttrValue,
    pub suggestions: Rc<Vec<Suggestion>>,
    pub on_input: Callback<String>,
    pub on_pick: Callback<String>,
    pub on_submit: Callback<String>,
    #[prop_or_default]
    pub autofocus: bool,
}

#[component]
pub fn SearchBox(props: &SearchBoxProps) -> Html {
    let tr = use_tr();
    let input_ref = use_node_ref();
    let selected = use_state(|| None::<usize>);
    let open = use_state(|| false);

    {
        let input_ref = input_ref.clone();
        use_effect_with(props.autofocus, move |autofocus| {
            if *autofocus {
                if let Some(input) = input_ref.cast::<HtmlInputElement>() {
                    let _ = input.focus();
                }
            }
        });
    }

    let count = props.suggestions.len();
    let show = *open && count > 0;

    let oninput = {
        let on_input = props.on_input.clone();
        let (selected, open) = (selected.clone(), open.clone());
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            selected.set(None);
            open.set(true);
            on_input.emit(input.value());
        })
    };

    let onkeydown = {
        let (selected, open) = (selected.clone(), open.clone());
        let suggestions = props.suggestions.clone();
        let on_pick = props.on_pick.clone();
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "ArrowDown" if count > 0 => {
                e.prevent_default();
                open.set(true);
                selected.set(Some(selected.map_or(0, |i| (i + 1) % count)));
            }
            "ArrowUp" if count > 0 => {
                e.prevent_default();
                open.set(true);
                selected.set(Some(selected.map_or(count - 1, |i| (i + count - 1) % count)));
            }
            "Enter" if *open => {
                if let Some(s) = selected.and_then(|i| suggestions.get(i)) {
                    e.prevent_default();
                    on_pick.emit(s.term.clone());
                    selected.set(None);
                    open.set(false);
                }
            }
            // Escape closes an open list and keeps the text (a search field would clear it);
            // pressed again, it clears the field as usual.
            "Escape" if *open && count > 0 => {
                e.prevent_default();
                open.set(false);
                selected.set(None);
            }
            _ => {}
        })
    };

    let onsubmit = {
        let on_submit = props.on_submit.clone();
        let value = props.value.clone();
        let open = open.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            open.set(false);
            on_submit.emit(value.to_string());
        })
    };

    let onblur = {
        let open = open.clone();
        Callback::from(move |_: FocusEvent| open.set(false))
    };

    let items = props.suggestions.iter().enumerate().map(|(i, s)| {
        let on_pick = props.on_pick.clone();
        let term = s.term.clone();
        let open = open.clone();
        // mousedown, not click: it fires before the input's blur closes the list.
        let onmousedown = Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            open.set(false);
            on_pick.emit(term.clone());
        });
        let class = if *selected == Some(i) { "suggestion selected" } else { "suggestion" };
        html! {
            <li id={option_id(i)} class={class} role="option" aria-selected={(*selected == Some(i)).to_string()} {onmousedown}>
                <span class="suggestion-term">{ s.term.clone() }</span>
                <span class="suggestion-count">{ thousands(s.count as u64) }</span>
            </li>
        }
    });

    html! {
        <form id="search-form" class="search-form" role="search" {onsubmit}>
            <div class="search-field">
                <input
                    id="search-input"
                    ref={input_ref}
                    type="search"
                    name="q"
                    autocomplete="off"
                    spellcheck="false"
                    role="combobox"
                    aria-label={tr.search_label()}
                    aria-autocomplete="list"
                    aria-controls="suggestions"
                    aria-expanded={show.to_string()}
                    aria-activedescendant={selected.filter(|_| show).map(option_id)}
                    placeholder={tr.search_placeholder()}
                    value={props.value.clone()}
                    {oninput}
                    {onkeydown}
                    {onblur}
                />
                <ul id="suggestions" class="suggestions" role="listbox" aria-label={tr.suggestions_label()} hidden={!show}>
                    if show { { for items } }
                </ul>
            </div>
            <button type="submit" class="search-button">{ tr.search_button() }</button>
        </form>
    }
}
