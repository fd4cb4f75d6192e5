//! The `yuliao` command line: clean, index, search, theme, freq, kwic.
fn main() {}
