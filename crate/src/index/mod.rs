//! index: being written.
