//! query: being written.
