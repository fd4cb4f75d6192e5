//! Yuliao (语料): a Chinese newspaper corpus explorer that runs natively and in the browser.
//!
//! The data flows one way, and the modules follow it:
//!
//! ```text
//! raw text ─clean─▶ corpus::Issue ─text─▶ tokens ─index─▶ index pieces ─query/analysis─▶ results
//! ```
//!
//! - [`clean`] turns text pulled out of print PDFs into [`corpus::Issue`]s (feature `builder`,
//!   part of `native`: it decodes GBK with encoding_rs).
//! - [`text`] normalises and segments; jieba-rs at index time (feature `builder`: natively with
//!   jieba's embedded dictionary, in the #/mine worker with the same words from an fst, see
//!   [`text::Dictionary`]), the index's own vocabulary at query time (anywhere, including the
//!   page's WebAssembly).
//! - [`index`] builds and reads the binary index; its module doc is the format spec.
//! - [`query`] parses, matches, ranks and makes snippets.
//! - [`analysis`] answers corpus-linguistic questions: frequencies, themes, concordances.
//! - `wasm` (feature `wasm`) is the thin JavaScript API over the same functions.
//!
//! # The types you meet
//!
//! - [`corpus::Issue`] / [`corpus::Article`]: the cleaned corpus (`corpus/clean/*.json`).
//! - [`index::BuiltIndex`] (from [`index::build`], native): a manifest plus named pieces of
//!   bytes; [`index::Index`] (from [`index::Index::open`], anywhere): the opened, immutable index.
//! - [`query::SearchResults`] with [`query::Hit`]s and [`query::Snippet`]s (highlights are char
//!   offsets, never HTML); [`analysis::FreqTable`], [`analysis::ThemeReport`],
//!   [`analysis::KwicLine`]. All plain serde data: the CLI prints it, the views render it.
//!
//! # Example: a three-sentence corpus
//!
//! ```
//! # #[cfg(feature = "native")] {
//! use yuliao::corpus::Issue;
//! use yuliao::index::{build, BuildConfig, Index};
//! use yuliao::query::{search, SearchOptions};
//!
//! let issue: Issue = serde_json::from_str(r#"{
//!   "source": "corpus/raw/demo.txt", "publication": "劲旅", "date": "2024-01", "unplaced": [],
//!   "articles": [
//!     {"id": "demo-001", "title": "拟薄水铝石产量创新高", "subtitle": null, "authors": ["郭美霞"],
//!      "photographers": [], "units": ["精细氧化铝事业部"], "kind": "news", "column": null,
//!      "paragraphs": ["2023年，拟薄水铝石产量超年计划4.9%。"]},
//!     {"id": "demo-002", "title": null, "subtitle": null, "authors": [], "photographers": [],
//!      "units": [], "kind": "news", "column": null,
//!      "paragraphs": ["他投身到炉、窑、磨、机等检修任务中。", "车间里的拟薄水铝石堆得很高。"]}
//!   ]}"#).unwrap();
//!
//! let config = BuildConfig { userdict: "拟薄水铝石\n".into(), ..BuildConfig::default() };
//! let built = build(&[issue], &config).unwrap();            // native: jieba-rs
//! let index = Index::open(&built.manifest, &built.pieces).unwrap(); // anywhere: bytes in
//!
//! // A word: the title match ranks first.
//! let r = search(&index, "拟薄水铝石", &SearchOptions::default()).unwrap();
//! assert_eq!(r.hits.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(), ["demo-001", "demo-002"]);
//! // A substring inside a word and a lone character are found through the character tier.
//! assert_eq!(search(&index, "薄水", &SearchOptions::default()).unwrap().total, 2);
//! let r = search(&index, "窑", &SearchOptions::default()).unwrap();
//! assert_eq!(r.hits[0].id, "demo-002");
//! let h = r.hits[0].snippet.highlights[0];
//! assert_eq!(r.hits[0].snippet.text.chars().skip(h[0]).take(h[1] - h[0]).collect::<String>(), "窑");
//! # }
//! ```
//!
//! # Quirks
//!
//! - **Index time and query time segment differently, on purpose.** The index is segmented by
//!   jieba-rs (full dictionary, HMM off, plus `corpus/userdict.txt`, quoted slogans and names
//!   from the corpus). A query is segmented by the index's own vocabulary (most probable path),
//!   because the browser must not download jieba's dictionary to search (only #/mine, which
//!   indexes a reader's own texts in a worker, fetches it) and native and WebAssembly must
//!   give the same hits. Segmentation only affects *ranking*: recall comes from the character
//!   tier, which finds any string exactly, so a term jieba split (薄水 in 拟薄水铝石) is still
//!   found, ranked below articles where it is a whole word.
//! - **Normalisation is char for char**: full-width digits and Latin become half-width and
//!   everything is lowercased, so `ARL3460`, `ａｒｌ３４６０` and `arl3460` are one query, and
//!   char offsets agree between the normalised and the original text.
//! - **A minus before a digit is part of the term**: `-45μm` searches for -45μm; `-窑` excludes.
//!   To exclude a number, quote it: `-"45"`.
//! - **Search covers more than the body**: title, paragraphs, subtitle, column, authors,
//!   photographers and units are searched (a name finds the articles it signed). Themes, KWIC
//!   and frequencies count title + paragraphs only.
//! - **Limits**: a query over [`query::MAX_QUERY_CHARS`] chars or [`query::MAX_ATOMS`] terms is
//!   refused with a [`query::QueryError`]; an unclosed quote runs to the end of the query.

pub mod corpus;

#[cfg(feature = "builder")]
pub mod clean;
pub mod text;
pub mod index;
pub mod query;
pub mod analysis;
pub mod browse;
pub mod order;

#[cfg(feature = "wasm")]
pub mod wasm;
