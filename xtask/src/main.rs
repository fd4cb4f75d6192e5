//! `cargo xtask <build|serve|test|bench>`: being written.
fn main() {}
