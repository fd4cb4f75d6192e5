//! The Yew app: being written.
fn main() {}
