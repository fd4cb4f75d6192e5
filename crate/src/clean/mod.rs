//! clean: being written.
