//! The `wasm-bindgen-test-runner` that cargo calls for `cargo test --target wasm32-unknown-unknown`
//! (see `.cargo/config.toml`). It takes the test `.wasm` file and cargo's test arguments, runs
//! wasm-bindgen on it and executes the tests (headless Chromium through chromedriver when the test
//! crate says `run_in_browser`). Built from the `wasm-bindgen-cli` crate pinned to the same
//! version as the `wasm-bindgen` crate, so the two can never disagree; nothing is installed
//! globally. Note: it rejects `--quiet`, so never run the wasm tests with `cargo test -q`.
fn main() -> anyhow::Result<()> {
    wasm_bindgen_cli::wasm_bindgen_test_runner::run_cli_with_args(std::env::args_os())
}
