//! One view per route. Views read their state from the URL hash, call the engine, and hand
//! plain data to the pieces in `components`. Views with hooks are `#[component]`s; the
//! stateless not-found view is a function.

pub mod article;
pub mod freq;
pub mod issue;
pub mod issues;
pub mod not_found;
pub mod search;
pub mod themes;
