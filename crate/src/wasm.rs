//! The JavaScript API (feature `wasm`): a thin `#[wasm_bindgen]` class over the same engine
//! functions the CLI and the Yew views call. It takes bytes and strings from JavaScript and
//! returns plain JS objects (serde-wasm-bindgen, JSON-compatible: objects not `Map`s, numbers
//! not `BigInt`s) with exactly the fields of the Rust result types; errors are thrown as JS
//! `Error`s carrying the engine's message. No logic lives here, no I/O: JavaScript fetches.
//!
//! # Using it from a portal page
//!
//! The web build (`cargo xtask build`) writes `yuliao_www.js` and `yuliao_www_bg.wasm` next to
//! `index/`. Any page of the same origin can load them as an ES module (the page needs
//! `script-src 'self' 'wasm-unsafe-eval'` if it has a CSP):
//!
//! ```js
//! import init, { Yuliao } from './yuliao_www.js';
//! await init();   // this also runs the bundled Yew app, which mounts only on a <div id="app">
//!
//! const get = async (url) => new Uint8Array(await (await fetch(url)).arrayBuffer());
//! const yl = Yuliao.openLazy(await get('index/manifest.bin'));   // the manifest only
//! // Every method throws an Error with a `pieces` property while it needs pieces that are not
//! // loaded yet: fetch just those (in parallel), load them, and ask again. A query takes a few
//! // rounds (term pieces, then postings, then documents); loaded pieces stay for later calls.
//! async function ask(call) {
//!   for (;;) {
//!     try { return call(); } catch (e) {
//!       if (!e.pieces) throw e;   // a real error: bad query, corrupt piece
//!       await Promise.all(e.pieces.map(async (n) => yl.loadPiece(n, await get('index/' + n))));
//!     }
//!   }
//! }
//! // (Or load everything at once: Yuliao.open(manifest, names, pieces) with
//! //  names = Yuliao.pieceNames(manifest); fine for a small corpus.)
//!
//! const res = await ask(() => yl.search('两带两创', 20, 0));
//! // { query, total, hits: [{ id, doc, title, score, snippet: { text, highlights: [[start, end]] },
//! //   authors, units, kind }], missing: [], highlight: [], facets: { kinds, units, authors },
//! //   facet_docs }   (facets count every match up to 50, the page's hits beyond: facet_docs)
//! yl.suggest('两带', 8);               // [{ term, count }]
//! yl.article('000_d2874fb822b0e5bc-007');  // { id, title, subtitle, authors, photographers,
//!                                          //   units, kind, column, paragraphs } or null
//! yl.issueOf('000_d2874fb822b0e5bc-007');  // { source, publication, date } or null
//! yl.highlight('两带两创', text);      // [[start, end]] char offsets into text
//! yl.frequencies({ stopwords: true, minLen: 2, kind: 'news', unit: null, limit: 50 });
//! //   { total_tokens, rows: [{ term, count, per_10k, articles }] }  (every option may be left out)
//! yl.theme(['两带两创', '提质增效']);  // { terms, total, articles: [{ id, doc, title, count,
//!                                      //   per_term, units, kind }], matched, issues: [{ stem,
//!                                      //   date, count, articles }] } — count > 0, reading order
//! yl.kwic(['两带两创'], 20, 100);      // [{ id, doc, title, left, keyword, right }]
//! yl.themes();                         // [{ name, terms, note }] from corpus/themes.toml
//! yl.facets();                         // { kinds, units, authors }: [[name, articles]]
//! yl.stats();                          // { articles, issues, tokens, chars, terms }
//! yl.freqCsv({ limit: 100 }); yl.themeCsv(['两带两创']); yl.kwicCsv(['两带两创'], 20, 100);
//! Yuliao.version();                    // the yuliao crate version
//! ```
//!
//! Character offsets (`highlights`, `highlight`) count Unicode scalar values, as
//! `Array.from(text)` does in JavaScript (not UTF-16 units: use `Array.from`, not `slice`).
//! Query syntax: words AND; `"exact phrase"`; `A OR B`; `-exclude`; `author:X unit:X kind:news
//! title:X`.

use crate::analysis::{self, FreqOptions};
use crate::corpus::Kind;
use crate::index::Index;
use crate::query::{self, SearchOptions};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Converts any engine result into a plain JS value.
fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("converting a result for JavaScript: {e}")))
}

/// An engine error as a JavaScript `Error` with the engine's message (a corrupt piece, named).
fn js_error(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

/// Options of `frequencies` as JavaScript passes them: `{ stopwords, minLen, kind, unit, limit }`,
/// each of which may be left out (or `null`), as may the whole object. Read field by field
/// rather than through serde: a serde deserializer and its error messages cost the web build
/// ~15 KB of wasm, float formatting included.
fn freq_options(value: JsValue) -> Result<FreqOptions, JsError> {
    let defaults = FreqOptions::default();
    if value.is_undefined() || value.is_null() {
        return Ok(defaults);
    }
    if !value.is_object() {
        return Err(JsError::new("frequencies options: expected an object such as { minLen: 2, limit: 50 }"));
    }
    let bad = |name: &str, expected: &str| JsError::new(&format!("frequencies options: {name} must be {expected}"));
    // The field's value, None when it is missing, undefined or null.
    let field = |name: &str| -> Result<Option<JsValue>, JsError> {
        let v = js_sys::Reflect::get(&value, &JsValue::from_str(name)).map_err(|_| bad(name, "readable"))?;
        Ok((!v.is_undefined() && !v.is_null()).then_some(v))
    };
    let flag = |name: &str| -> Result<Option<bool>, JsError> {
        field(name)?.map(|v| v.as_bool().ok_or_else(|| bad(name, "true or false"))).transpose()
    };
    let count = |name: &str| -> Result<Option<usize>, JsError> {
        field(name)?
            .map(|v| {
                v.as_f64()
                    .filter(|n| n.fract() == 0.0 && *n >= 0.0 && *n <= usize::MAX as f64)
                    .map(|n| n as usize)
                    .ok_or_else(|| bad(name, "a whole number, 0 or more"))
            })
            .transpose()
    };
    let text = |name: &str| -> Result<Option<String>, JsError> {
        field(name)?.map(|v| v.as_string().ok_or_else(|| bad(name, "a string"))).transpose()
    };
    let kind = match text("kind")?.as_deref() {
        None | Some("") => None,
        Some(k) => Some(Kind::parse(k).ok_or_else(|| {
            JsError::new(&format!(
                "frequencies options: unknown kind {k:?} (expected news, photo, feature or literature)"
            ))
        })?),
    };
    Ok(FreqOptions {
        stopwords: flag("stopwords")?.unwrap_or(defaults.stopwords),
        min_len: count("minLen")?.unwrap_or(defaults.min_len),
        kind,
        unit: text("unit")?.filter(|u| !u.is_empty()),
        limit: count("limit")?.unwrap_or(defaults.limit),
    })
}

/// An opened index and the questions it answers.
#[wasm_bindgen]
pub struct Yuliao {
    index: Index,
}

impl Yuliao {
    /// Runs `op`; when it needed pieces that are not loaded, throws an `Error` whose `pieces`
    /// property lists their file names (fetch them, `loadPiece` each, call again).
    fn ask<T>(&self, op: impl FnOnce(&Index) -> Result<T, JsError>) -> Result<T, JsValue> {
        match self.index.attempt(op) {
            Ok(result) => result.map_err(JsValue::from),
            Err(missing) => {
                let err = js_sys::Error::new(&format!("needs index pieces: {}", missing.join(", ")));
                let names: js_sys::Array = missing.iter().map(|n| JsValue::from_str(n)).collect();
                let _ = js_sys::Reflect::set(&err, &JsValue::from_str("pieces"), &names);
                Err(err.into())
            }
        }
    }
}

#[wasm_bindgen]
impl Yuliao {
    /// The piece file names the manifest lists (fetch each from `index/<name>`).
    #[wasm_bindgen(js_name = pieceNames)]
    pub fn piece_names(manifest: &[u8]) -> Result<Vec<String>, JsError> {
        crate::index::Manifest::parse(manifest)
            .map(|m| m.piece_names())
            .map_err(|e| JsError::new(&e.to_string()))
    }

    /// Opens the index from the manifest bytes and the pieces (`names[i]` names `pieces[i]`).
    /// Throws with the engine's message on a missing, truncated, corrupt or newer piece.
    pub fn open(manifest: &[u8], names: Vec<String>, pieces: Vec<js_sys::Uint8Array>) -> Result<Yuliao, JsError> {
        if names.len() != pieces.len() {
            return Err(JsError::new(&format!(
                "open: {} piece names but {} pieces",
                names.len(),
                pieces.len()
            )));
        }
        let pieces: Vec<(String, Vec<u8>)> =
            names.into_iter().zip(pieces.iter().map(|p| p.to_vec())).collect();
        Index::open(manifest, &pieces)
            .map(|index| Yuliao { index })
            .map_err(|e| JsError::new(&e.to_string()))
    }

    /// Opens the index from the manifest alone; every method then throws an `Error` with a
    /// `pieces` property (file names) while it needs pieces not loaded yet: fetch those from
    /// `index/<name>`, give each to `loadPiece`, and call the method again.
    #[wasm_bindgen(js_name = openLazy)]
    pub fn open_lazy(manifest: &[u8]) -> Result<Yuliao, JsError> {
        Index::open_lazy(manifest).map(|index| Yuliao { index }).map_err(|e| JsError::new(&e.to_string()))
    }

    /// Checks and adds one piece (throws on a truncated, corrupt or unknown piece).
    #[wasm_bindgen(js_name = loadPiece)]
    pub fn load_piece(&self, name: &str, bytes: &[u8]) -> Result<(), JsError> {
        self.index.load_piece(name, bytes).map_err(|e| JsError::new(&e.to_string()))
    }

    /// The yuliao crate version.
    pub fn version() -> String {
        env!("CARGO_PKG_VERSION").to_string()
    }

    /// Ranked search: `SearchResults` for one page (`limit` default 20, `offset` default 0).
    pub fn search(&self, query: &str, limit: Option<usize>, offset: Option<usize>) -> Result<JsValue, JsValue> {
        let defaults = SearchOptions::default();
        let opts = SearchOptions {
            limit: limit.unwrap_or(defaults.limit),
            offset: offset.unwrap_or(defaults.offset),
            ..defaults
        };
        self.ask(|ix| to_js(&query::search(ix, query, &opts).map_err(|e| JsError::new(&e.to_string()))?))
    }

    /// Up to `limit` indexed terms starting with `prefix`: `[{ term, count }]`.
    pub fn suggest(&self, prefix: &str, limit: usize) -> Result<JsValue, JsValue> {
        self.ask(|ix| to_js(&query::suggest(ix, prefix, limit)))
    }

    /// Character spans of `query`'s matches in `text`: `[[start, end]]`.
    pub fn highlight(&self, query: &str, text: &str) -> Result<JsValue, JsValue> {
        self.ask(|ix| to_js(&query::highlight(ix, query, text)))
    }

    /// The article with this id, or `null`.
    pub fn article(&self, id: &str) -> Result<JsValue, JsValue> {
        self.ask(|ix| match ix.doc_by_id(id).and_then(|doc| ix.article(doc)) {
            Some(article) => to_js(&article),
            None => Ok(JsValue::NULL),
        })
    }

    /// The issue (source, publication, date) of the article with this id, or `null`.
    #[wasm_bindgen(js_name = issueOf)]
    pub fn issue_of(&self, id: &str) -> Result<JsValue, JsValue> {
        self.ask(|ix| match ix.doc_by_id(id) {
            Some(doc) => to_js(&ix.issue_of(doc)),
            None => Ok(JsValue::NULL),
        })
    }

    /// Word frequencies: `{ total_tokens, rows }`. Options: `{ stopwords (true = remove),
    /// minLen, kind, unit, limit }`, all optional.
    pub fn frequencies(&self, opts: JsValue) -> Result<JsValue, JsValue> {
        let opts = freq_options(opts)?;
        self.ask(|ix| to_js(&analysis::try_frequencies(ix, &opts).map_err(js_error)?))
    }

    /// Per-article counts of `terms` (exact string occurrences), articles with count > 0.
    pub fn theme(&self, terms: Vec<String>) -> Result<JsValue, JsValue> {
        self.ask(|ix| to_js(&analysis::try_theme(ix, &terms).map_err(js_error)?))
    }

    /// Keyword-in-context lines for `terms`, `context` characters each side, at most `limit`.
    pub fn kwic(&self, terms: Vec<String>, context: usize, limit: usize) -> Result<JsValue, JsValue> {
        self.ask(|ix| to_js(&analysis::try_kwic(ix, &terms, context, limit).map_err(js_error)?))
    }

    /// The themes of `corpus/themes.toml`: `[{ name, terms, note }]`.
    pub fn themes(&self) -> Result<JsValue, JsValue> {
        to_js(&self.index.themes()).map_err(JsValue::from)
    }

    /// Every kind, unit and author with its number of articles.
    pub fn facets(&self) -> Result<JsValue, JsValue> {
        self.ask(|ix| to_js(&ix.facets()))
    }

    /// `{ articles, issues, tokens, chars, terms }`.
    pub fn stats(&self) -> Result<JsValue, JsValue> {
        to_js(&self.index.stats()).map_err(JsValue::from)
    }

    /// The frequency table as CSV.
    #[wasm_bindgen(js_name = freqCsv)]
    pub fn freq_csv(&self, opts: JsValue) -> Result<String, JsValue> {
        let opts = freq_options(opts)?;
        self.ask(|ix| Ok(analysis::freq_csv(&analysis::try_frequencies(ix, &opts).map_err(js_error)?)))
    }

    /// The theme report as CSV.
    #[wasm_bindgen(js_name = themeCsv)]
    pub fn theme_csv(&self, terms: Vec<String>) -> Result<String, JsValue> {
        self.ask(|ix| Ok(analysis::theme_csv(&analysis::try_theme(ix, &terms).map_err(js_error)?)))
    }

    /// The concordance as CSV.
    #[wasm_bindgen(js_name = kwicCsv)]
    pub fn kwic_csv(&self, terms: Vec<String>, context: usize, limit: usize) -> Result<String, JsValue> {
        self.ask(|ix| Ok(analysis::kwic_csv(&analysis::try_kwic(ix, &terms, context, limit).map_err(js_error)?)))
    }
}
