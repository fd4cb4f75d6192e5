//! Yuliao (语料): a Chinese newspaper corpus explorer that runs natively and in the browser.
//!
//! The data flows one way, and the modules follow it:
//!
//! ```text
//! raw text ─clean─▶ corpus::Issue ─text─▶ tokens ─index─▶ index pieces ─query/analysis─▶ results
//! ```
//!
//! - [`clean`] turns text pulled out of print PDFs into [`corpus::Issue`]s (native only: it
//!   reads files and decodes GBK).
//! - [`text`] normalises and segments; jieba-rs at index time (native), the index's own
//!   vocabulary at query time (anywhere, including WebAssembly).
//! - [`index`] builds and reads the binary index; its module doc is the format spec.
//! - [`query`] parses, matches, ranks and makes snippets.
//! - [`analysis`] answers corpus-linguistic questions: frequencies, themes, concordances.
//! - `wasm` (feature `wasm`) is the thin JavaScript API over the same functions.

pub mod corpus;

#[cfg(feature = "native")]
pub mod clean;
pub mod text;
pub mod index;
pub mod query;
pub mod analysis;

#[cfg(feature = "wasm")]
pub mod wasm;
