//! Saves text the engine produced (CSV) as a file, with no server involved.
//!
//! Takes a file name and the text; makes a `Blob`, an object URL and a temporary
//! `<a download>`, clicks it and revokes the URL ten seconds later. A UTF-8 byte-order mark is prepended so
//! spreadsheet programs open Chinese text correctly; the CSV itself comes unchanged from
//! `yuliao::analysis` (`freq_csv`, `theme_csv`, `kwic_csv`). Returns an error string the
//! caller may show; never panics.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

pub fn save_text(filename: &str, text: &str, mime: &str) -> Result<(), String> {
    let fail = |e: JsValue| format!("download failed: {e:?}");
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| "no document".to_string())?;
    let parts = js_sys::Array::new();
    parts.push(&JsValue::from_str("\u{FEFF}"));
    parts.push(&JsValue::from_str(text));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options).map_err(fail)?;
    let url = Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let anchor: HtmlAnchorElement = document.create_element("a").map_err(fail)?.unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(filename);
    anchor.set_class_name("hidden");
    let body = document.body().ok_or_else(|| "no body".to_string())?;
    body.append_child(&anchor).map_err(fail)?;
    anchor.click();
    let _ = body.remove_child(&anchor);
    // Some browsers read the URL after click() returns: revoke it a little later.
    gloo_timers::callback::Timeout::new(10_000, move || {
        let _ = Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}

/// A file-name-safe version of the user's terms (`freq.csv`, `theme-两带两创.csv`).
pub fn file_name(prefix: &str, parts: &[String]) -> String {
    let mut name = prefix.to_string();
    for p in parts {
        let clean: String = p
            .chars()
            .filter(|c| !matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') && !c.is_control())
            .take(20)
            .collect();
        if !clean.trim().is_empty() {
            name.push('-');
            name.push_str(clean.trim());
        }
    }
    name.push_str(".csv");
    name
}

#[cfg(test)]
mod tests {
    use super::file_name;

    #[test]
    fn names_drop_path_characters() {
        assert_eq!(file_name("theme", &["两带两创".into(), "a/b:c".into(), " ".into()]), "theme-两带两创-abc.csv");
        assert_eq!(file_name("freq", &[]), "freq.csv");
    }
}
