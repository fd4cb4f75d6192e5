//! The `yuliao` command line. Each subcommand lives in its own file and calls the library;
//! this file only parses arguments and dispatches. Run from the repository root (or below it).

mod cmd_clean;
mod cmd_freq;
mod cmd_index;
mod cmd_kwic;
mod cmd_search;
mod cmd_theme;

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
    /// Build the index of corpus/clean into target/yuliao-index.
    Index(cmd_index::IndexArgs),
    /// Search: words ANDed, "exact phrase", A OR B, -exclude, author: unit: kind: title:.
    Search(cmd_search::SearchArgs),
    /// Count occurrences of terms per article (a theme tracker).
    Theme(cmd_theme::ThemeArgs),
    /// Word frequencies.
    Freq(cmd_freq::FreqArgs),
    /// Keyword in context (concordance).
    Kwic(cmd_kwic::KwicArgs),
}

fn main() -> anyhow::Result<()> {
    match Cli::parse().command {
        Command::Clean(args) => cmd_clean::run_clean(args),
        Command::Show(args) => cmd_clean::run_show(args),
        Command::Index(args) => cmd_index::run_index(args),
        Command::Search(args) => cmd_search::run_search(args),
        Command::Theme(args) => cmd_theme::run_theme(args),
        Command::Freq(args) => cmd_freq::run_freq(args),
        Command::Kwic(args) => cmd_kwic::run_kwic(args),
    }
}
