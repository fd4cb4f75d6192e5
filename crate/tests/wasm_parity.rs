//! The engine in WebAssembly answers exactly what the native engine answers, on the seed.
//!
//! Run by `cargo xtask test` (step "wasm") in headless Chromium through wasm-bindgen-test; it
//! compiles to nothing natively. xtask builds the seed index natively and writes, into
//! `$YULIAO_PARITY_DIR`, `index.pack` (the manifest and pieces, format in `yuliao::index::pack`)
//! and `expected.json` (the native engine's answers for every query of `tests/queries.txt`).
//! Both are embedded at compile time. The tests open the same bytes in the browser and assert
//! that search hits (ids, order, totals, snippets, missing terms, facets), suggestions, theme
//! counts, concordances, frequencies and stats are identical — through the Rust API the Yew
//! views use and through the `Yuliao` JavaScript class a portal uses. Scores are compared to
//! 1e-4 relative (they are f32 sums of logarithms; the order is compared exactly), other
//! non-integer numbers to 1e-12 (JSON text round trip).
#![cfg(target_arch = "wasm32")]

use serde_json::Value;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;
use yuliao::index::Index;
use yuliao::wasm::Yuliao;
use yuliao::{analysis, query};

wasm_bindgen_test_configure!(run_in_browser);

const PACK: &[u8] = include_bytes!(concat!(
    env!("YULIAO_PARITY_DIR", "run the wasm tests through `cargo xtask test`: it builds the seed index and sets YULIAO_PARITY_DIR"),
    "/index.pack"
));
const EXPECTED: &str = include_str!(concat!(env!("YULIAO_PARITY_DIR"), "/expected.json"));

/// The manifest and the pieces from `index.pack`.
fn unpack() -> (Vec<u8>, Vec<(String, Vec<u8>)>) {
    let pack = yuliao::index::pack::Pack::parse(PACK.to_vec()).expect("index.pack reads (magic, entries)");
    assert_eq!(pack.trailing_bytes(), 0, "index.pack has trailing bytes");
    let mut entries: Vec<(String, Vec<u8>)> = pack.entries().map(|(n, b)| (n.to_string(), b.to_vec())).collect();
    let (name, manifest) = entries.remove(0);
    assert_eq!(name, "manifest.bin");
    (manifest, entries)
}

fn expected() -> Value {
    serde_json::from_str(EXPECTED).expect("expected.json parses")
}

fn open() -> Index {
    let (manifest, pieces) = unpack();
    Index::open(&manifest, &pieces).expect("the native-built seed index opens in wasm")
}

fn json<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap()
}

/// The first place where `got` and `want` differ, as `path: got … want …`.
fn first_difference(path: &str, got: &Value, want: &Value) -> Option<String> {
    match (got, want) {
        (Value::Object(g), Value::Object(w)) => {
            let mut keys: Vec<&String> = g.keys().chain(w.keys()).collect();
            keys.sort();
            keys.dedup();
            keys.into_iter().find_map(|k| {
                first_difference(&format!("{path}.{k}"), g.get(k).unwrap_or(&Value::Null), w.get(k).unwrap_or(&Value::Null))
            })
        }
        (Value::Array(g), Value::Array(w)) => (0..g.len().max(w.len())).find_map(|i| {
            first_difference(&format!("{path}[{i}]"), g.get(i).unwrap_or(&Value::Null), w.get(i).unwrap_or(&Value::Null))
        }),
        _ if got == want => None,
        // serde_json's default float parser may land one ulp off the value native wrote, so
        // non-integer numbers (per_10k) agree to 1e-12 relative; integers must be equal.
        (Value::Number(g), Value::Number(w))
            if g.is_f64() && w.is_f64()
                && (g.as_f64().unwrap() - w.as_f64().unwrap()).abs() <= 1e-12 * w.as_f64().unwrap().abs() =>
        {
            None
        }
        _ => Some(format!("{path}: wasm {got}, native {want}")),
    }
}

/// Asserts equality, printing only the first difference (the values can be large).
fn assert_same(what: &str, got: &Value, want: &Value) {
    if let Some(diff) = first_difference("", got, want) {
        panic!("{what} differs between wasm and native at {diff}");
    }
}

/// Compares two search answers: everything equal except scores, which must agree to 1e-4.
fn assert_same_search(query: &str, got: &Value, want: &Value) {
    let ids = |v: &Value| -> Vec<String> {
        v["hits"].as_array().unwrap().iter().map(|h| h["id"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(ids(got), ids(want), "hit ids/order for {query:?}");
    assert_eq!(got["total"], want["total"], "total for {query:?}");
    for (g, w) in got["hits"].as_array().unwrap().iter().zip(want["hits"].as_array().unwrap()) {
        let (gs, ws) = (g["score"].as_f64().unwrap(), w["score"].as_f64().unwrap());
        assert!(
            (gs - ws).abs() <= 1e-4 * ws.abs().max(1.0),
            "score of {} for {query:?}: wasm {gs}, native {ws}",
            w["id"]
        );
        let (mut g, mut w) = (g.clone(), w.clone());
        g["score"] = Value::Null;
        w["score"] = Value::Null;
        assert_same(&format!("hit fields for {query:?}"), &g, &w);
    }
    for field in ["query", "missing", "highlight", "facets"] {
        assert_same(&format!("{field} for {query:?}"), &got[field], &want[field]);
    }
}

#[wasm_bindgen_test]
fn the_query_set_is_real() {
    let exp = expected();
    let queries = exp["queries"].as_array().unwrap();
    assert!(queries.len() >= 50, "tests/queries.txt has {} queries, the contract asks for 50", queries.len());
    let with_hits = queries
        .iter()
        .filter(|q| q["search"]["ok"]["total"].as_u64().unwrap_or(0) > 0)
        .count();
    assert!(with_hits * 2 >= queries.len(), "only {with_hits} of {} queries find anything natively", queries.len());
    assert!(exp["stats"]["articles"].as_u64().unwrap() > 10, "the seed has more than 10 articles");
}

#[wasm_bindgen_test]
fn search_matches_native() {
    let index = open();
    let opts = query::SearchOptions { limit: 100_000, ..query::SearchOptions::default() };
    for row in expected()["queries"].as_array().unwrap() {
        let q = row["query"].as_str().unwrap();
        match query::search(&index, q, &opts) {
            Ok(results) => assert_same_search(q, &json(&results), &row["search"]["ok"]),
            Err(e) => assert_eq!(Value::String(e.to_string()), row["search"]["err"], "error for {q:?}"),
        }
    }
}

#[wasm_bindgen_test]
fn suggest_theme_kwic_match_native() {
    let index = open();
    for row in expected()["queries"].as_array().unwrap() {
        let q = row["query"].as_str().unwrap();
        let prefix = row["suggest_prefix"].as_str().unwrap();
        assert_same(&format!("suggest {prefix:?}"), &json(&query::suggest(&index, prefix, 10)), &row["suggest"]);
        let terms = vec![q.to_string()];
        assert_same(&format!("theme {q:?}"), &json(&analysis::theme(&index, &terms)), &row["theme"]);
        assert_same(&format!("kwic {q:?}"), &json(&analysis::kwic(&index, &terms, 12, 30)), &row["kwic"]);
    }
}

#[wasm_bindgen_test]
fn frequencies_and_stats_match_native() {
    let index = open();
    let exp = expected();
    let opts = analysis::FreqOptions { stopwords: true, min_len: 1, kind: None, unit: None, limit: 200 };
    let table = analysis::frequencies(&index, &opts);
    assert!(!table.rows.is_empty(), "the seed has word frequencies");
    assert_same("frequencies", &json(&table), &exp["freq"]);
    assert_same("stats", &json(&index.stats()), &exp["stats"]);
}

/// The `Yuliao` class a portal imports gives the same answers as the native engine.
#[wasm_bindgen_test]
fn js_api_matches_native() {
    let (manifest, pieces) = unpack();
    let names = Yuliao::piece_names(&manifest).map_err(JsValue::from).unwrap();
    let mut listed: Vec<String> = pieces.iter().map(|p| p.0.clone()).collect();
    let mut named = names.clone();
    listed.sort();
    named.sort();
    assert_eq!(named, listed, "pieceNames lists exactly the pieces");
    let arrays: Vec<js_sys::Uint8Array> = names
        .iter()
        .map(|n| js_sys::Uint8Array::from(pieces.iter().find(|p| &p.0 == n).unwrap().1.as_slice()))
        .collect();
    let yl = Yuliao::open(&manifest, names.clone(), arrays).map_err(JsValue::from).unwrap();
    let from_js = |v: Result<JsValue, JsValue>| -> Value { serde_wasm_bindgen::from_value(v.unwrap()).unwrap() };
    let exp = expected();
    for row in exp["queries"].as_array().unwrap() {
        let q = row["query"].as_str().unwrap();
        if let Some(want) = row["search"].get("ok") {
            let got = from_js(yl.search(q, Some(100_000), None));
            assert_same_search(q, &got, want);
        }
        let terms = vec![q.to_string()];
        assert_same(&format!("Yuliao.theme {q:?}"), &from_js(yl.theme(terms.clone())), &row["theme"]);
        assert_same(&format!("Yuliao.kwic {q:?}"), &from_js(yl.kwic(terms, 12, 30)), &row["kwic"]);
    }
    assert_same("Yuliao.stats", &from_js(yl.stats()), &exp["stats"]);
    let opts = js_sys::JSON::parse(r#"{"stopwords": true, "minLen": 1, "limit": 200}"#).unwrap();
    assert_same("Yuliao.frequencies", &from_js(yl.frequencies(opts)), &exp["freq"]);
    let bogus = js_sys::JSON::parse(r#"{"kind": "poem"}"#).unwrap();
    assert!(yl.frequencies(bogus).is_err(), "an unknown kind is refused");
    let first = &exp["queries"][0]["search"]["ok"]["hits"][0]["id"];
    if let Some(id) = first.as_str() {
        let article = from_js(yl.article(id));
        assert_eq!(article["id"], *first);
    }
    assert!(yl.article("no-such-article").unwrap().is_null());

    // Errors are thrown, not panics: a flipped byte in a piece, a truncated manifest.
    let mut bad = pieces.clone();
    let last = bad.len() - 1;
    let mid = bad[last].1.len() / 2;
    bad[last].1[mid] ^= 0xFF;
    let arrays: Vec<js_sys::Uint8Array> = bad.iter().map(|p| js_sys::Uint8Array::from(p.1.as_slice())).collect();
    let names: Vec<String> = bad.iter().map(|p| p.0.clone()).collect();
    assert!(Yuliao::open(&manifest, names, arrays).is_err(), "a corrupt piece is refused");
    assert!(Yuliao::piece_names(&manifest[..manifest.len() / 2]).is_err(), "a truncated manifest is refused");
}

/// Opened from the manifest alone, the class throws the names of the pieces it needs; loading
/// just those, round after round, gives the native answers, and most pieces are never loaded.
#[wasm_bindgen_test]
fn lazy_js_api_fetches_only_what_a_query_needs() {
    let (manifest, pieces) = unpack();
    let yl = Yuliao::open_lazy(&manifest).map_err(JsValue::from).unwrap();
    let loaded = std::cell::RefCell::new(std::collections::BTreeSet::new());
    let ask = |call: &dyn Fn(&Yuliao) -> Result<JsValue, JsValue>| -> Value {
        for _round in 0..8 {
            match call(&yl) {
                Ok(v) => return serde_wasm_bindgen::from_value(v).unwrap(),
                Err(e) => {
                    let names = js_sys::Reflect::get(&e, &JsValue::from_str("pieces")).unwrap();
                    let names: Vec<String> = serde_wasm_bindgen::from_value(names).expect("a pieces list, not another error");
                    assert!(!names.is_empty());
                    for n in names {
                        let bytes = &pieces.iter().find(|p| p.0 == n).expect("a listed piece").1;
                        yl.load_piece(&n, bytes).map_err(JsValue::from).unwrap();
                        loaded.borrow_mut().insert(n);
                    }
                }
            }
        }
        panic!("still missing pieces after 8 rounds");
    };
    let exp = expected();
    let row = exp["queries"].as_array().unwrap().iter().find(|r| r["query"] == "两带两创").expect("两带两创 is in tests/queries.txt");
    let got = ask(&|yl| yl.search("两带两创", Some(100_000), None));
    assert_same_search("两带两创", &got, &row["search"]["ok"]);
    let n = loaded.borrow().len();
    assert!(n < pieces.len() - 1, "one query loaded {n} of {} pieces", pieces.len() - 1);
    let opts = || js_sys::JSON::parse(r#"{"stopwords": true, "minLen": 1, "limit": 200}"#).unwrap();
    assert_same("lazy frequencies", &ask(&|yl| yl.frequencies(opts())), &exp["freq"]);
    // A corrupt piece is refused by name, and stays refused.
    let (name, bytes) = pieces.iter().find(|p| p.0.starts_with("docs-")).unwrap();
    let lazy = Yuliao::open_lazy(&manifest).map_err(JsValue::from).unwrap();
    let mut bad = bytes.clone();
    let mid = bad.len() / 2;
    bad[mid] ^= 0xFF;
    assert!(lazy.load_piece(name, &bad).is_err());
    assert!(lazy.load_piece("docs-0-00000000.bin", bytes).is_err(), "a piece the manifest does not list");
    assert!(lazy.load_piece(&name.replacen("docs-0-", "docs-00-", 1), bytes).is_err(), "a group number spelt otherwise");
}
