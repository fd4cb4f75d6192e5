//! The `yuliao` command line. Each subcommand lives in its own file and calls the library;
//! this file only parses arguments and dispatches. Run from the repository root.

mod cmd_clean;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "yuliao", version, about = "Clean, index and explore a Chinese newspaper corpus")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Clean corpus/raw/*.txt into corpus/clean/<stem>.json and print a conservation report.
    Clean(cmd_clean::CleanArgs),
    /// Print one cleaned article as a reader sees it.
    Show(cmd_clean::ShowArgs),
}

fn main() -> anyhow::Result<()> {
    match Cli::parse().command {
        Command::Clean(args) => cmd_clean::run_clean(args),
        Command::Show(args) => cmd_clean::run_show(args),
    }
}
