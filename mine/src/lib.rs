//! The #/mine worker: a reader's own texts, cleaned, segmented and indexed in a Web Worker, kept
//! in this browser's IndexedDB. Nothing is sent anywhere: the only requests are for this
//! module and its dictionary (`jieba.dict`), from the app's own origin.
//!
//! Takes messages from the page (`{op: "load"}`, `{op: "add", files: [File | {name, bytes}]}`,
//! `{op: "remove", name}`); answers `{type: "ready"}` once it listens, `{type: "progress", stage,
//! done, total}` while it works, and `{type: "index", manifest, pieces: [[name, bytes]], texts:
//! [{name, articles, chars}], refused: [{name, code, reason}], rebuilt}` (manifest `null` when no text
//! is kept; `rebuilt` false when the index kept from an earlier visit was used) or `{type:
//! "error", message}`. Messages are handled one at a time, in order.
//!
//! # Why a worker, and what it keeps
//! Segmenting a megabyte of text takes seconds; in the page it would freeze scrolling and
//! typing, here it does not. The stored form is the raw bytes each file came with, keyed by its
//! name (a file added again under the same name replaces it): the index is one index over all
//! texts, so removing one means building again anyway, and the raw bytes are what the cleaner's
//! guarantees are about (same bytes, same articles). The build is [`texts::build`]: the engine's
//! `clean_issue` and `index::build_with`, with the corpus's userdict, stopwords and themes.
//! What it built is kept too (store `built`, one record under [`texts::fingerprint`] of the
//! texts and the dictionary): a reload whose texts and dictionary are unchanged opens that
//! instead of building again, when it opens ([`texts::reusable`]); add and remove build again.

pub mod texts;

use js_sys::{Array, Object, Promise, Reflect, Uint8Array};
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{DedicatedWorkerGlobalScope, IdbDatabase, IdbRequest, IdbTransactionMode, MessageEvent};
use yuliao::text::Dictionary;

/// The IndexedDB database and its object stores: `texts` (key: the text's name; value: its
/// bytes) and `built` (key [`BUILT_KEY`]: `{fingerprint, manifest, pieces, texts}`, the last
/// index built).
const DB: &str = "yuliao-mine";
const STORE: &str = "texts";
const BUILT: &str = "built";
const BUILT_KEY: &str = "index";

thread_local! {
    static QUEUE: RefCell<VecDeque<JsValue>> = const { RefCell::new(VecDeque::new()) };
    static RUNNING: Cell<bool> = const { Cell::new(false) };
    static DICTIONARY_BYTES: RefCell<Option<Rc<Vec<u8>>>> = const { RefCell::new(None) };
    static DICTIONARY: RefCell<Option<Rc<Dictionary>>> = const { RefCell::new(None) };
}

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn post(fields: &[(&str, JsValue)]) {
    let o = Object::new();
    for (k, v) in fields {
        let _ = Reflect::set(&o, &JsValue::from_str(k), v);
    }
    let _ = scope().post_message(&o);
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn js_error(e: JsValue) -> String {
    e.as_string()
        .or_else(|| e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())))
        .unwrap_or_else(|| format!("{e:?}"))
}

/// Listens for the page's messages, then says so.
#[wasm_bindgen(start)]
pub fn start() {
    let on = Closure::<dyn FnMut(MessageEvent)>::new(|e: MessageEvent| {
        QUEUE.with(|q| q.borrow_mut().push_back(e.data()));
        if !RUNNING.with(|r| r.replace(true)) {
            wasm_bindgen_futures::spawn_local(drain());
        }
    });
    scope().set_onmessage(Some(on.as_ref().unchecked_ref()));
    on.forget();
    post(&[("type", "ready".into())]);
}

async fn drain() {
    while let Some(msg) = QUEUE.with(|q| q.borrow_mut().pop_front()) {
        if let Err(message) = handle(msg).await {
            post(&[("type", "error".into()), ("message", message.into())]);
        }
    }
    RUNNING.with(|r| r.set(false));
}

async fn handle(msg: JsValue) -> Result<(), String> {
    let db = open_db().await?;
    let op = get(&msg, "op").as_string();
    let mut refused: Vec<texts::Refusal> = Vec::new();
    match op.as_deref() {
        Some("add") => {
            let files = Array::from(&get(&msg, "files"));
            for f in files.iter() {
                let name = get(&f, "name").as_string().unwrap_or_default();
                // A File the reader picked or dropped (read here, off the page's thread), or
                // `{name, bytes}` for pasted text.
                let bytes = match f.dyn_ref::<web_sys::Blob>() {
                    Some(blob) => Uint8Array::new(&JsFuture::from(blob.array_buffer()).await.map_err(js_error)?).to_vec(),
                    None => Uint8Array::new(&get(&f, "bytes")).to_vec(),
                };
                match texts::check(&name, &bytes) {
                    Ok(()) => request(&store(&db, STORE, true)?.put_with_key(&Uint8Array::from(&bytes[..]), &JsValue::from_str(&name)).map_err(js_error)?).await.map(drop)?,
                    Err(refusal) => refused.push(refusal),
                }
            }
        }
        Some("remove") => {
            let name = get(&msg, "name").as_string().unwrap_or_default();
            request(&store(&db, STORE, true)?.delete(&JsValue::from_str(&name)).map_err(js_error)?).await?;
        }
        Some("load") => {}
        other => return Err(format!("unknown operation {other:?}")),
    }
    // Every kept text, in name order (IndexedDB returns keys sorted, values in the same order).
    let s = store(&db, STORE, false)?;
    let (keys, values) = (s.get_all_keys().map_err(js_error)?, s.get_all().map_err(js_error)?);
    let (keys, values) = (Array::from(&request(&keys).await?), Array::from(&request(&values).await?));
    let kept: Vec<(String, Vec<u8>)> = keys
        .iter()
        .zip(values.iter())
        .map(|(k, v)| (k.as_string().unwrap_or_default(), Uint8Array::new(&v).to_vec()))
        .collect();
    if kept.is_empty() {
        request(&store(&db, BUILT, true)?.delete(&JsValue::from_str(BUILT_KEY)).map_err(js_error)?).await?;
        return answer(None, &[], &refused, true).map(drop);
    }
    let print = texts::fingerprint(&kept, yuliao::text::dictionary_checksum(&dictionary_bytes().await?).map_err(|e| e.to_string())?);
    if op.as_deref() == Some("load") {
        let record = request(&store(&db, BUILT, false)?.get(&JsValue::from_str(BUILT_KEY)).map_err(js_error)?).await?;
        if let Some(k) = texts::reusable(kept_from_js(&record), &print) {
            return answer(Some(&k.index), &k.texts, &refused, false).map(drop);
        }
    }
    let dictionary = dictionary().await?;
    let mut last = 0;
    let built = texts::build(&kept, &dictionary, &mut |done, total| {
        // At most a hundred messages per build.
        let pct = done * 100 / total.max(1);
        if pct != last || done == total {
            last = pct;
            post(&[("type", "progress".into()), ("stage", "index".into()), ("done", (done as f64).into()), ("total", (total as f64).into())]);
        }
    });
    refused.extend(built.refused.iter().cloned());
    let record = answer(built.index.as_ref(), &built.texts, &refused, true)?;
    let built_store = store(&db, BUILT, true)?;
    let key = JsValue::from_str(BUILT_KEY);
    match record {
        Some(record) => {
            let _ = Reflect::set(&record, &"fingerprint".into(), &JsValue::from_str(&print));
            request(&built_store.put_with_key(&record, &key).map_err(js_error)?).await.map(drop)
        }
        None => request(&built_store.delete(&key).map_err(js_error)?).await.map(drop),
    }
}

/// The record `answer` returned and `handle` stored, read back; `None` when any part is
/// missing or of another type (then the index is built again).
fn kept_from_js(record: &JsValue) -> Option<texts::Kept> {
    let fingerprint = get(record, "fingerprint").as_string()?;
    let manifest = get(record, "manifest").dyn_into::<Uint8Array>().ok()?.to_vec();
    let mut pieces = Vec::new();
    for p in get(record, "pieces").dyn_into::<Array>().ok()?.iter() {
        let p = p.dyn_into::<Array>().ok()?;
        pieces.push((p.get(0).as_string()?, p.get(1).dyn_into::<Uint8Array>().ok()?.to_vec()));
    }
    let mut list = Vec::new();
    for t in get(record, "texts").dyn_into::<Array>().ok()?.iter() {
        let n = |k: &str| get(&t, k).as_f64().map(|v| v as usize);
        list.push(texts::TextInfo { name: get(&t, "name").as_string()?, articles: n("articles")?, chars: n("chars")? });
    }
    Some(texts::Kept { fingerprint, index: yuliao::index::BuiltIndex { manifest, pieces }, texts: list })
}

/// Posts the `index` answer; returns `{manifest, pieces, texts}` (the same values) to keep
/// when there is an index.
fn answer(index: Option<&yuliao::index::BuiltIndex>, kept: &[texts::TextInfo], refused: &[texts::Refusal], rebuilt: bool) -> Result<Option<Object>, String> {
    let (manifest, pieces) = match index {
        Some(ix) => {
            let pieces = Array::new();
            for (name, bytes) in &ix.pieces {
                pieces.push(&Array::of2(&JsValue::from_str(name), &Uint8Array::from(&bytes[..])));
            }
            (Uint8Array::from(&ix.manifest[..]).into(), pieces)
        }
        None => (JsValue::NULL, Array::new()),
    };
    let list = Array::new();
    for t in kept {
        let o = Object::new();
        let _ = Reflect::set(&o, &"name".into(), &JsValue::from_str(&t.name));
        let _ = Reflect::set(&o, &"articles".into(), &(t.articles as f64).into());
        let _ = Reflect::set(&o, &"chars".into(), &(t.chars as f64).into());
        list.push(&o);
    }
    let no = Array::new();
    for r in refused {
        let o = Object::new();
        let _ = Reflect::set(&o, &"name".into(), &JsValue::from_str(&r.name));
        let _ = Reflect::set(&o, &"code".into(), &JsValue::from_str(r.code));
        let _ = Reflect::set(&o, &"reason".into(), &JsValue::from_str(&r.reason));
        no.push(&o);
    }
    let record = (!manifest.is_null()).then(|| {
        let o = Object::new();
        let _ = Reflect::set(&o, &"manifest".into(), &manifest);
        let _ = Reflect::set(&o, &"pieces".into(), &pieces);
        let _ = Reflect::set(&o, &"texts".into(), &list);
        o
    });
    post(&[("type", "index".into()), ("manifest", manifest), ("pieces", pieces.into()), ("texts", list.into()), ("refused", no.into()), ("rebuilt", rebuilt.into())]);
    Ok(record)
}

/// The dictionary file's bytes, fetched from beside this module the first time texts are kept
/// (its checksum is part of the fingerprint, so a load that reuses the kept index fetches it
/// too: from the browser's cache after the first visit).
async fn dictionary_bytes() -> Result<Rc<Vec<u8>>, String> {
    if let Some(b) = DICTIONARY_BYTES.with(|d| d.borrow().clone()) {
        return Ok(b);
    }
    post(&[("type", "progress".into()), ("stage", "dictionary".into()), ("done", 0.into()), ("total", 0.into())]);
    let url = web_sys::Url::new_with_base("jieba.dict", &scope().location().href()).map_err(js_error)?;
    let resp: web_sys::Response = JsFuture::from(scope().fetch_with_str(&url.href())).await.map_err(js_error)?.unchecked_into();
    if !resp.ok() {
        return Err(format!("{}: HTTP {}", url.href(), resp.status()));
    }
    let buf = JsFuture::from(resp.array_buffer().map_err(js_error)?).await.map_err(js_error)?;
    let bytes = Rc::new(Uint8Array::new(&buf).to_vec());
    DICTIONARY_BYTES.with(|slot| *slot.borrow_mut() = Some(bytes.clone()));
    Ok(bytes)
}

/// jieba's dictionary, opened from those bytes the first time a text is built.
async fn dictionary() -> Result<Rc<Dictionary>, String> {
    if let Some(d) = DICTIONARY.with(|d| d.borrow().clone()) {
        return Ok(d);
    }
    let d = Rc::new(Dictionary::open(&dictionary_bytes().await?).map_err(|e| e.to_string())?);
    DICTIONARY.with(|slot| *slot.borrow_mut() = Some(d.clone()));
    Ok(d)
}

/// Resolves with the request's result, or rejects with its error.
async fn request(req: &IdbRequest) -> Result<JsValue, String> {
    let promise = Promise::new(&mut |resolve, reject| {
        let ok = req.clone();
        let on_ok = Closure::once_into_js(move |_: web_sys::Event| {
            let _ = resolve.call1(&JsValue::NULL, &ok.result().unwrap_or(JsValue::UNDEFINED));
        });
        let bad = req.clone();
        let on_err = Closure::once_into_js(move |_: web_sys::Event| {
            let why = bad.error().ok().flatten().map(|e| e.message()).unwrap_or_else(|| "IndexedDB request failed".into());
            let _ = reject.call1(&JsValue::NULL, &JsValue::from_str(&why));
        });
        req.set_onsuccess(Some(on_ok.unchecked_ref()));
        req.set_onerror(Some(on_err.unchecked_ref()));
    });
    JsFuture::from(promise).await.map_err(js_error)
}

async fn open_db() -> Result<IdbDatabase, String> {
    let factory = scope()
        .indexed_db()
        .map_err(js_error)?
        .ok_or("this browser gives the page no IndexedDB (a private window may not)")?;
    // Version 2 added the `built` store; the upgrade creates whichever store is missing.
    let open = factory.open_with_u32(DB, 2).map_err(js_error)?;
    let upgrade = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
        let Some(req) = e.target().and_then(|t| t.dyn_into::<IdbRequest>().ok()) else { return };
        if let Ok(db) = req.result().and_then(|r| r.dyn_into::<IdbDatabase>()) {
            for name in [STORE, BUILT] {
                if !db.object_store_names().contains(name) {
                    let _ = db.create_object_store(name);
                }
            }
        }
    });
    open.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
    let db = request(&open).await?;
    drop(upgrade);
    db.dyn_into::<IdbDatabase>().map_err(js_error)
}

fn store(db: &IdbDatabase, name: &str, write: bool) -> Result<web_sys::IdbObjectStore, String> {
    let mode = if write { IdbTransactionMode::Readwrite } else { IdbTransactionMode::Readonly };
    db.transaction_with_str_and_mode(name, mode).and_then(|t| t.object_store(name)).map_err(js_error)
}
