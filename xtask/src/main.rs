//! `cargo xtask <build|serve|test|bench>`: the project's build logic, in Rust, so that a fresh
//! clone needs only cargo (plus node and Debian's chromium for the browser tests).
//!
//! Takes the task name and its flags; each task lives in its own module and fails with a
//! message that says what to do. Nothing is installed globally: wasm-bindgen is a library here
//! and the wasm test runner is this package's second binary.
//!
//! - `build [--dev] [--single-file] [--corpus DIR] [--out DIR]` — index + wasm + `www/dist/`
//!   ([`build`]); `--single-file` also `www/dist/yuliao.html`, all in one file ([`single`]).
//! - `serve [--port 8080] [--dev] …` — build, then serve on 127.0.0.1 ([`serve`]).
//! - `test [--dev] [--only native|wasm|e2e]` — every test: native, wasm, browser ([`test`]).
//! - `bench …` — measurements (the BENCH helper's module).

mod bench;
mod build;
mod flags;
mod mine;
mod serve;
mod setup;
mod single;
mod test;
mod util;

const USAGE: &str = "usage: cargo xtask <build|serve|test|bench> [flags]
  build [--dev] [--single-file] [--corpus DIR] [--out DIR]
                                             build the index, the wasm app and www/dist/
                                             (--single-file: also www/dist/yuliao.html, for file://)
  serve [--port 8080] [--dev] [...]          build, then serve www/dist at http://127.0.0.1:8080
  test  [--dev] [--only native|wasm|e2e]     every test: native, wasm in headless Chromium, end-to-end
  bench [...]                                measurements";

fn main() {
    if let Err(e) = dispatch() {
        eprintln!("error: {e:#}");
        std::process::exit(1);
    }
}

fn dispatch() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let rest = args.get(1..).unwrap_or(&[]);
    match args.first().map(String::as_str) {
        Some("build") => build::run(rest),
        Some("serve") => serve::run(rest),
        Some("test") => test::run(rest),
        Some("bench") => bench::run(rest),
        Some("help" | "--help" | "-h") => {
            println!("{USAGE}");
            Ok(())
        }
        _ => anyhow::bail!("{USAGE}"),
    }
}
