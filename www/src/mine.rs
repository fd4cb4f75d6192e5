//! The page's side of #/mine: the worker that indexes the reader's own texts, and what it said.
//!
//! Takes the operations the #/mine view asks for ([`MineOp`]: load what is kept, add files or
//! pasted text, remove a text); posts them to the worker `mine/worker.js` (package
//! `yuliao-mine`, a second wasm module), which cleans, segments and indexes in its own thread
//! and keeps the texts in IndexedDB. Returns, through the [`MineHandle`] context, the worker's
//! progress, the kept texts, the refused files with the cleaner's reason, and the [`Index`]
//! opened from the pieces it sent back (in memory: `Index::open`, every piece loaded).
//! Guarantees: the worker is started, and its wasm and dictionary fetched, only when #/mine or a
//! `src=mine` view is opened; nothing is sent anywhere (the texts go to the worker, not to a
//! server); operations run in the order they were asked.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;
use yuliao::index::Index;

/// Where the worker's bootstrap is, relative to the page (`xtask/src/mine.rs` writes it).
const WORKER_URL: &str = "mine/worker.js";

/// A kept text as the worker lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRow {
    pub name: String,
    pub articles: u64,
    pub chars: u64,
}

/// What the page knows of the reader's texts.
#[derive(Default)]
pub struct MineState {
    /// Operations sent and not answered yet.
    pub pending: u32,
    /// `(stage, done, total)` of the build in progress ("dictionary": fetching it, total 0).
    pub progress: Option<(String, u64, u64)>,
    /// True once the worker answered with what it keeps.
    pub loaded: bool,
    pub texts: Vec<TextRow>,
    /// `(name, code, reason)` of the files the last operation refused: the code says what kind
    /// of refusal in the reader's language (`Tr::mine_refusal`), the reason adds the particulars.
    pub refused: Vec<(String, String, String)>,
    pub index: Option<Rc<Index>>,
    /// Whether the worker built the index for the last answer (false: it opened the one it
    /// kept from an earlier visit, the texts unchanged).
    pub rebuilt: bool,
    /// The worker could not start or an operation failed.
    pub error: Option<String>,
    /// Bumped on every change, for equality.
    pub generation: u32,
}

impl MineState {
    /// A copy (the index shared), for the context the views read.
    pub fn clone_of(s: &MineState) -> MineState {
        MineState {
            pending: s.pending,
            progress: s.progress.clone(),
            loaded: s.loaded,
            texts: s.texts.clone(),
            refused: s.refused.clone(),
            index: s.index.clone(),
            rebuilt: s.rebuilt,
            error: s.error.clone(),
            generation: s.generation,
        }
    }
}

impl PartialEq for MineState {
    fn eq(&self, other: &Self) -> bool {
        self.generation == other.generation
    }
}

pub enum MineAction {
    Sent,
    Progress(String, u64, u64),
    Answer { index: Option<Rc<Index>>, texts: Vec<TextRow>, refused: Vec<(String, String, String)>, rebuilt: bool },
    Failed(String),
}

impl Reducible for MineState {
    type Action = MineAction;
    fn reduce(self: Rc<Self>, action: MineAction) -> Rc<Self> {
        let mut s = MineState::clone_of(&self);
        s.generation = self.generation.wrapping_add(1);
        match action {
            MineAction::Sent => {
                s.pending += 1;
                s.error = None;
            }
            MineAction::Progress(stage, done, total) => s.progress = Some((stage, done, total)),
            MineAction::Answer { index, texts, refused, rebuilt } => {
                s.rebuilt = rebuilt;
                s.pending = s.pending.saturating_sub(1);
                s.progress = None;
                s.loaded = true;
                s.index = index;
                s.texts = texts;
                s.refused = refused;
            }
            MineAction::Failed(message) => {
                s.pending = s.pending.saturating_sub(1);
                s.progress = None;
                s.error = Some(message);
            }
        }
        Rc::new(s)
    }
}

/// What the #/mine view can ask the worker.
pub enum MineOp {
    /// Build from what IndexedDB keeps (the first thing sent).
    Load,
    /// Files (`File` objects, read by the worker) or `{name, bytes}` objects.
    Add(Vec<JsValue>),
    Remove(String),
}

/// The state and the way to ask for more, in context for the views.
#[derive(Clone, PartialEq)]
pub struct MineHandle {
    pub state: Rc<MineState>,
    pub send: Callback<MineOp>,
}

struct Client {
    worker: web_sys::Worker,
    ready: bool,
    queue: Vec<JsValue>,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
}

thread_local! {
    static CLIENT: RefCell<Option<Client>> = const { RefCell::new(None) };
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn text(v: &JsValue, key: &str) -> String {
    get(v, key).as_string().unwrap_or_default()
}

fn number(v: &JsValue, key: &str) -> u64 {
    get(v, key).as_f64().unwrap_or(0.0) as u64
}

/// The worker's answer `{type: "index", …}` as an action.
fn answer(data: &JsValue) -> MineAction {
    let texts = Array::from(&get(data, "texts"))
        .iter()
        .map(|t| TextRow { name: text(&t, "name"), articles: number(&t, "articles"), chars: number(&t, "chars") })
        .collect();
    let refused = Array::from(&get(data, "refused")).iter().map(|r| (text(&r, "name"), text(&r, "code"), text(&r, "reason"))).collect();
    let manifest = get(data, "manifest");
    let index = if manifest.is_null() || manifest.is_undefined() {
        None
    } else {
        let pieces: Vec<(String, Vec<u8>)> = Array::from(&get(data, "pieces"))
            .iter()
            .map(|p| {
                let p = Array::from(&p);
                (p.get(0).as_string().unwrap_or_default(), Uint8Array::new(&p.get(1)).to_vec())
            })
            .collect();
        match Index::open(&Uint8Array::new(&manifest).to_vec(), &pieces) {
            Ok(ix) => Some(Rc::new(ix)),
            Err(e) => return MineAction::Failed(e.to_string()),
        }
    };
    MineAction::Answer { index, texts, refused, rebuilt: get(data, "rebuilt").as_bool().unwrap_or(true) }
}

fn message(op: MineOp) -> JsValue {
    let o = Object::new();
    let set = |k: &str, v: JsValue| {
        let _ = Reflect::set(&o, &JsValue::from_str(k), &v);
    };
    match op {
        MineOp::Load => set("op", "load".into()),
        MineOp::Add(files) => {
            set("op", "add".into());
            set("files", files.into_iter().collect::<Array>().into());
        }
        MineOp::Remove(name) => {
            set("op", "remove".into());
            set("name", name.into());
        }
    }
    o.into()
}

/// Posts `op` to the worker, starting it first if needed (then it also loads what is kept).
pub fn send(op: MineOp, dispatch: &UseReducerDispatcher<MineState>) {
    let first = CLIENT.with(|c| c.borrow().is_none());
    if first {
        if let Err(e) = start(dispatch.clone()) {
            dispatch.dispatch(MineAction::Failed(e));
            return;
        }
        if !matches!(op, MineOp::Load) {
            post(message(MineOp::Load), dispatch);
        }
    }
    post(message(op), dispatch);
}

/// Starts the worker (and so the fetch of its wasm) unless it runs; asks it for what it keeps.
pub fn ensure_started(dispatch: &UseReducerDispatcher<MineState>) {
    if CLIENT.with(|c| c.borrow().is_none()) {
        send(MineOp::Load, dispatch);
    }
}

fn post(msg: JsValue, dispatch: &UseReducerDispatcher<MineState>) {
    dispatch.dispatch(MineAction::Sent);
    CLIENT.with(|c| {
        if let Some(c) = c.borrow_mut().as_mut() {
            if c.ready {
                let _ = c.worker.post_message(&msg);
            } else {
                c.queue.push(msg);
            }
        }
    });
}

fn start(dispatch: UseReducerDispatcher<MineState>) -> Result<(), String> {
    let opts = web_sys::WorkerOptions::new();
    opts.set_type(web_sys::WorkerType::Module);
    // From file:// (the single file) a worker cannot start: say what would work.
    let cannot = |detail: String| format!("the #/mine worker could not start ({detail}); #/mine needs the app's folder served over http(s), not the single file");
    let worker = web_sys::Worker::new_with_options(WORKER_URL, &opts).map_err(|e| cannot(format!("{e:?}")))?;
    let on_error = {
        let dispatch = dispatch.clone();
        Closure::<dyn FnMut(web_sys::Event)>::new(move |_: web_sys::Event| {
            dispatch.dispatch(MineAction::Failed(cannot(format!("{WORKER_URL} did not load"))));
        })
    };
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_error.forget();
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
        let data = e.data();
        match text(&data, "type").as_str() {
            "ready" => CLIENT.with(|c| {
                if let Some(c) = c.borrow_mut().as_mut() {
                    c.ready = true;
                    for msg in c.queue.drain(..) {
                        let _ = c.worker.post_message(&msg);
                    }
                }
            }),
            "progress" => dispatch.dispatch(MineAction::Progress(text(&data, "stage"), number(&data, "done"), number(&data, "total"))),
            "index" => dispatch.dispatch(answer(&data)),
            _ => dispatch.dispatch(MineAction::Failed(text(&data, "message"))),
        }
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    CLIENT.with(|c| *c.borrow_mut() = Some(Client { worker, ready: false, queue: Vec::new(), _on_message: on_message }));
    Ok(())
}
