//! A button that saves a CSV the view makes on demand.
//!
//! Takes an id, a label, a file name and a callback that returns the CSV text (so the text is
//! only built when clicked); saves it through [`crate::download::save_text`].

use yew::prelude::*;

use crate::download::save_text;

/// The button `#id` labelled `label` that saves `make()` as `filename`.
pub fn csv_button(id: &'static str, label: &'static str, filename: String, make: Callback<(), String>) -> Html {
    let onclick = Callback::from(move |_: MouseEvent| {
        let text = make.emit(());
        if let Err(e) = save_text(&filename, &text, "text/csv;charset=utf-8") {
            web_sys::console::error_1(&e.into());
        }
    });
    html! {
        <button {id} class="csv-button" type="button" {onclick}>{ label }</button>
    }
}
