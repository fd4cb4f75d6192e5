//! `cargo xtask <build|serve|test|bench>`: being written.
mod bench;
fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("bench") => bench::run(&args[1..]),
        _ => anyhow::bail!("usage: cargo xtask <build|serve|test|bench>"),
    }
}
