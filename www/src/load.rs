//! Downloads the index next to the page and opens it.
//!
//! Takes the relative base `index/`; fetches `manifest.bin` (streamed, so progress counts bytes
//! as they arrive) and opens the index from it alone ([`Index::open_lazy`]); afterwards
//! [`fetch_pieces`] fetches just the pieces a view's answer needs and loads them.
//! In the single file (`cargo xtask build --single-file`) the page carries the index in a data
//! block ([`crate::embedded`]): then the same two functions read the manifest and the pieces
//! from it instead of fetching, and hand the engine the same bytes through the same calls.
//! The first and lite modules keep a copy of every file they fetched for the module after, which
//! takes them instead of fetching them again when it takes over (`crate::modules`).
//! Returns the opened [`Index`] or a [`LoadFailure`] that says which file and why: missing
//! (HTTP 404), network (any other failure to download) or corrupt (the engine's
//! `IndexError`, whose Display names truncation, checksum or version). Never panics; only
//! same-origin relative URLs are requested, so the folder works under any sub-path.

use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ReadableStreamDefaultReader, RequestCache, RequestInit, Response};
use crate::embedded::{self, Pack};
use crate::modules::INDEX_BASE;
use std::cell::RefCell;
use std::rc::Rc;
use yuliao::index::{Index, IndexError, MANIFEST_FILE};


/// Bytes downloaded so far, and the total once the manifest (which lists piece lengths) is in.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Progress {
    pub loaded: u64,
    pub total: Option<u64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureKind {
    /// A file answered 404: the index was never built or not copied.
    Missing,
    /// The bytes arrived but the engine rejected them (truncated, checksum, version).
    Corrupt,
    /// Offline, blocked, or an HTTP status other than 404.
    Network,
}

impl FailureKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FailureKind::Missing => "missing",
            FailureKind::Corrupt => "corrupt",
            FailureKind::Network => "network",
        }
    }
}

/// Why the index could not be opened, in words a reader can act on.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadFailure {
    pub kind: FailureKind,
    /// The technical detail: URL and status, or the engine's error message.
    pub detail: String,
}

fn network(url: &str, err: JsValue) -> LoadFailure {
    let message = err
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| err.as_string())
        .unwrap_or_else(|| format!("{err:?}"));
    LoadFailure { kind: FailureKind::Network, detail: format!("{url}: {message}") }
}

fn start_fetch(url: &str, revalidate: bool) -> Result<js_sys::Promise, LoadFailure> {
    let window = web_sys::window()
        .ok_or_else(|| LoadFailure { kind: FailureKind::Network, detail: "no window".into() })?;
    let init = RequestInit::new();
    if revalidate {
        // The manifest names the pieces; always ask whether it changed so a rebuilt index is
        // never mixed with a cached old manifest.
        init.set_cache(RequestCache::NoCache);
    }
    Ok(window.fetch_with_str_and_init(url, &init))
}

async fn response(url: &str, promise: js_sys::Promise) -> Result<Response, LoadFailure> {
    let value = JsFuture::from(promise).await.map_err(|e| network(url, e))?;
    let resp: Response = value.dyn_into().map_err(|e| network(url, e))?;
    if resp.status() == 404 {
        return Err(LoadFailure { kind: FailureKind::Missing, detail: format!("{url}: HTTP 404") });
    }
    if !resp.ok() {
        return Err(LoadFailure {
            kind: FailureKind::Network,
            detail: format!("{url}: HTTP {} {}", resp.status(), resp.status_text()),
        });
    }
    Ok(resp)
}

fn content_length(resp: &Response) -> Option<u64> {
    resp.headers().get("content-length").ok().flatten()?.trim().parse().ok()
}

/// Reads a body chunk by chunk, calling `on_chunk` with each chunk's length.
async fn read_body(url: &str, resp: Response, on_chunk: &mut dyn FnMut(u64)) -> Result<Vec<u8>, LoadFailure> {
    let Some(body) = resp.body() else {
        return Ok(Vec::new());
    };
    let reader: ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    let mut out = Vec::with_capacity(content_length(&resp).unwrap_or(0).min(1 << 30) as usize);
    loop {
        let result = JsFuture::from(reader.read()).await.map_err(|e| network(url, e))?;
        let done = Reflect::get(&result, &JsValue::from_str("done"))
            .ok()
            .and_then(|d| d.as_bool())
            .unwrap_or(true);
        if done {
            break;
        }
        let value = Reflect::get(&result, &JsValue::from_str("value")).map_err(|e| network(url, e))?;
        let chunk: Uint8Array = value.dyn_into().map_err(|e| network(url, e))?;
        let start = out.len();
        out.resize(start + chunk.length() as usize, 0);
        chunk.copy_to(&mut out[start..]);
        on_chunk(chunk.length() as u64);
    }
    Ok(out)
}

/// The global (a JS `Map` from file name to bytes) through which a module hands the files it
/// fetched to the next one (the first module to the lite one, the lite one to the full one:
/// `crate::modules`): the next one then opens the same manifest and pieces without asking the
/// host again, whatever its caching.
const HAND_OVER: &str = "__yuliaoIndexFiles";

/// The hand-over map, created by the first module that fetches.
fn hand_over(create: bool) -> Option<js_sys::Map> {
    let global = js_sys::global();
    let key = JsValue::from_str(HAND_OVER);
    match Reflect::get(&global, &key).ok().and_then(|v| v.dyn_into::<js_sys::Map>().ok()) {
        Some(map) => Some(map),
        None if create => {
            let map = js_sys::Map::new();
            Reflect::set(&global, &key, &map).ok()?;
            Some(map)
        }
        None => None,
    }
}

/// The copies kept stop at this many bytes: on a long session over an archive the full module
/// fetches the rest again rather than the page holding everything twice.
const HAND_OVER_MAX_BYTES: usize = 32 << 20;

thread_local! {
    /// Bytes this module put in the hand-over map.
    static HANDED_OVER: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// First and lite modules: keep a copy of a file fetched, for the module after.
fn keep_for_next(name: &str, bytes: &[u8]) {
    if cfg!(feature = "full") || HANDED_OVER.get() + bytes.len() > HAND_OVER_MAX_BYTES {
        return;
    }
    if let Some(map) = hand_over(true) {
        map.set(&JsValue::from_str(name), &Uint8Array::from(bytes));
        HANDED_OVER.set(HANDED_OVER.get() + bytes.len());
    }
}

/// A file a module before this one fetched. The full module, the last, takes each once; the
/// lite one leaves it in the map for the full one.
fn handed_over(name: &str) -> Option<Vec<u8>> {
    let map = hand_over(false)?;
    let key = JsValue::from_str(name);
    let bytes = map.get(&key).dyn_into::<Uint8Array>().ok()?;
    if cfg!(feature = "full") {
        map.delete(&key);
    }
    Some(bytes.to_vec())
}

thread_local! {
    /// The single file's decoded index block, once [`load_index`] has read it.
    static EMBEDDED: RefCell<Option<Rc<Pack>>> = const { RefCell::new(None) };
}

/// The text of the page's index data block, when the page is the single file.
/// True in the single file (`yuliao.html`): the index is in the page, and there is no folder
/// beside it, so no #/mine worker either.
pub fn is_single_file() -> bool {
    web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(embedded::BLOCK_ID)).is_some()
}

fn embedded_block() -> Option<String> {
    web_sys::window()?.document()?.get_element_by_id(embedded::BLOCK_ID)?.text_content()
}

fn embedded_failure(detail: String) -> LoadFailure {
    LoadFailure { kind: FailureKind::Corrupt, detail: format!("#{}: {detail}", embedded::BLOCK_ID) }
}

/// Opens the index from the single file's data block (the manifest only: pieces are loaded
/// from the block when views ask for them, as the folder fetches them).
fn open_embedded(text: &str, on_progress: impl Fn(Progress)) -> Result<Index, LoadFailure> {
    let pack = embedded::from_block(text).map_err(embedded_failure)?;
    let loaded = pack.byte_len() as u64;
    on_progress(Progress { loaded, total: Some(loaded) });
    let manifest = pack
        .get(MANIFEST_FILE)
        .ok_or_else(|| embedded_failure(format!("no {MANIFEST_FILE} in the embedded index")))?;
    let index = Index::open_lazy(manifest).map_err(|e| embedded_failure(format!("{MANIFEST_FILE}: {e}")))?;
    EMBEDDED.with(|cell| *cell.borrow_mut() = Some(Rc::new(pack)));
    Ok(index)
}

/// Loads `names` from the single file's pack into `index`; the first failure is returned.
fn load_embedded(pack: &Pack, index: &Index, names: &[String]) -> Result<(), LoadFailure> {
    let mut first_error = None;
    for name in names {
        let loaded = match pack.get(name) {
            Some(bytes) => index.load_piece(name, bytes).map_err(|e| LoadFailure {
                kind: match e {
                    IndexError::MissingPiece { .. } => FailureKind::Missing,
                    _ => FailureKind::Corrupt,
                },
                detail: e.to_string(),
            }),
            None => Err(LoadFailure {
                kind: FailureKind::Missing,
                detail: format!("#{}: no {name} in the embedded index", embedded::BLOCK_ID),
            }),
        };
        if let Err(e) = loaded {
            first_error.get_or_insert(e);
        }
    }
    first_error.map_or(Ok(()), Err)
}

/// Takes (once) the manifest request `bootstrap.js` started beside the wasm, if it did
/// ([`crate::modules::MANIFEST_PREFETCH`]).
fn prefetched_manifest() -> Option<js_sys::Promise> {
    let global = js_sys::global();
    let key = JsValue::from_str(crate::modules::MANIFEST_PREFETCH);
    let request = Reflect::get(&global, &key).ok()?.dyn_into::<js_sys::Promise>().ok()?;
    Reflect::delete_property(&global, &key).ok()?;
    Some(request)
}

/// Fetches the manifest, reporting progress, and opens the index lazily: views fetch the
/// pieces they need with [`fetch_pieces`]. In the single file, reads it from the page instead.
pub async fn load_index(on_progress: impl Fn(Progress)) -> Result<Index, LoadFailure> {
    if let Some(text) = embedded_block() {
        return open_embedded(&text, on_progress);
    }
    let mut progress = Progress::default();
    let manifest_url = format!("{INDEX_BASE}{MANIFEST_FILE}");
    let manifest_bytes = match handed_over(MANIFEST_FILE) {
        Some(bytes) => bytes,
        None => {
            let request = match prefetched_manifest() {
                Some(request) => request,
                None => start_fetch(&manifest_url, true)?,
            };
            let resp = response(&manifest_url, request).await?;
            progress.total = content_length(&resp);
            on_progress(progress);
            let bytes = read_body(&manifest_url, resp, &mut |n| {
                progress.loaded += n;
                on_progress(progress);
            })
            .await?;
            keep_for_next(MANIFEST_FILE, &bytes);
            bytes
        }
    };
    Index::open_lazy(&manifest_bytes)
        .map_err(|e| LoadFailure { kind: FailureKind::Corrupt, detail: format!("{manifest_url}: {e}") })
}

/// A corpus whose search pieces (dictionaries, postings, norms, ids, documents) come to at
/// most this many bytes is held whole once the page is up ([`Index::search_pieces_within`]):
/// about five issues of the seed paper (its one issue: about 100 KB). Fetched together, in
/// the background, that is less than a few searches' round trips on a slow link, and every
/// later search and article opens without waiting for the network. A larger archive keeps
/// fetching piece by piece.
pub const HOLD_WHOLE_BYTES: u64 = 512 << 10;

/// How long the page waits after the latest piece arrived, with nothing in flight (its first
/// answer on screen), before it fetches the rest of a small corpus: long enough not to compete
/// with the first answer's rounds, short enough to be done before most readers search again
/// (with a second, a reader who kept searching kept restarting the wait).
pub const HOLD_WHOLE_AFTER_MS: u32 = 200;

/// Requests in flight at once: the browser refuses a page that starts hundreds
/// (`net::ERR_INSUFFICIENT_RESOURCES`), and a host serves at most six at a time per connection
/// pool anyway.
const PARALLEL_FETCHES: usize = 16;

/// Fetches `names` from `index/` ([`PARALLEL_FETCHES`] at a time; the browser caches them by
/// their content-hashed names) and loads each into `index` (in the single file: reads them from
/// its data block). The first failure is returned:
/// missing (404), network, or corrupt (the engine's check).
pub async fn fetch_pieces(index: &Index, names: &[String]) -> Result<(), LoadFailure> {
    if let Some(pack) = EMBEDDED.with(|cell| cell.borrow().clone()) {
        return load_embedded(&pack, index, names);
    }
    let mut first_error = None;
    for batch in names.chunks(PARALLEL_FETCHES) {
        if let Err(e) = fetch_batch(index, batch).await {
            first_error.get_or_insert(e);
        }
    }
    first_error.map_or(Ok(()), Err)
}

async fn fetch_batch(index: &Index, names: &[String]) -> Result<(), LoadFailure> {
    let mut pending = Vec::with_capacity(names.len());
    for name in names {
        let url = format!("{INDEX_BASE}{name}");
        let source = match handed_over(name) {
            Some(bytes) => Ok(bytes),
            None => Err(start_fetch(&url, false)?),
        };
        pending.push((name, url, source));
    }
    let mut first_error = None;
    for (name, url, source) in pending {
        let loaded = async {
            let bytes = match source {
                Ok(bytes) => bytes,
                Err(promise) => {
                    let resp = response(&url, promise).await?;
                    let bytes = read_body(&url, resp, &mut |_| {}).await?;
                    keep_for_next(name, &bytes);
                    bytes
                }
            };
            index.load_piece(name, &bytes).map_err(|e| LoadFailure {
                kind: match e {
                    IndexError::MissingPiece { .. } => FailureKind::Missing,
                    _ => FailureKind::Corrupt,
                },
                detail: e.to_string(),
            })
        }
        .await;
        if let Err(e) = loaded {
            first_error.get_or_insert(e);
        }
    }
    first_error.map_or(Ok(()), Err)
}
