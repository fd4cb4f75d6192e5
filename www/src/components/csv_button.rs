//! A button that saves a CSV the view makes on demand.
//!
//! Takes an id, a label, a file name and a callback that returns the CSV text (so the text is
//! only built when clicked); saves it through [`crate::download::save_text`].

use yew::prelude::*;

use crate::download::save_text;

#[derive(Properties, PartialEq)]
pub struct CsvButtonProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub filename: AttrValue,
    pub make: Callback<(), String>,
}

#[component]
pub fn CsvButton(props: &CsvButtonProps) -> Html {
    let onclick = {
        let make = props.make.clone();
        let filename = props.filename.clone();
        Callback::from(move |_: MouseEvent| {
            let text = make.emit(());
            if let Err(e) = save_text(&filename, &text, "text/csv;charset=utf-8") {
                web_sys::console::error_1(&e.into());
            }
        })
    };
    html! {
        <button id={props.id.clone()} class="csv-button" type="button" {onclick}>{ props.label.clone() }</button>
    }
}
