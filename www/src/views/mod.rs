//! One view per route. Views read their state from the URL hash, call the engine, and hand
//! plain data to the components.

pub mod article;
pub mod freq;
pub mod not_found;
pub mod search;
pub mod themes;
