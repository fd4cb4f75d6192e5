//! One view per route. Views read their state from the URL hash, call the engine, and hand
//! plain data to the pieces in `components`. Views with hooks are `#[component]`s; the
//! stateless not-found view is a function.

pub mod article;
pub mod colloc;
pub mod dispersion;
pub mod freq;
#[cfg(not(feature = "full"))]
pub mod full_module;
pub mod issue;
pub mod issues;
pub mod keyness;
pub mod kwic;
pub mod mine;
pub mod ngrams;
pub mod not_found;
pub mod search;
pub mod summary;
pub mod themes;
