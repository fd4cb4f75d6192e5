//! analysis: being written.
