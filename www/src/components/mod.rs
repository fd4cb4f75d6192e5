//! Small pure pieces: they render what they are given and emit callbacks; none calls the engine.
//!
//! Those without state are plain functions returning `Html` (`pager(…)`, `bar_chart(…)`): a
//! `#[component]` costs ~3 KB of wasm in Yew's per-component lifecycle code, worth paying only
//! for pieces with hooks ([`search_box::SearchBox`]).

pub mod analysis;
pub mod bar_chart;
pub mod chart_download;
pub mod column_chart;
pub mod csv_button;
pub mod dispersion_plot;
pub mod engine_error;
pub mod facets;
pub mod highlight;
pub mod hit_row;
pub mod kwic;
pub mod pager;
pub mod progress;
pub mod search_box;
pub mod series_chart;
pub mod title;
pub mod word_cloud;
