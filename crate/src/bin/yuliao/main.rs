//! The `yuliao` command line. Each subcommand lives in its own file and calls the library;
//! this file only parses arguments and dispatches. Run from the repository root (or below it).

/// `println!` that ends the process quietly when stdout is closed (`yuliao freq | head`).
macro_rules! outln {
    ($($t:tt)*) => { $crate::emit(&format!("{}\n", format!($($t)*))) };
}

/// Writes to stdout; a closed pipe ends the process with success instead of a panic.
pub fn emit(s: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    if out.write_all(s.as_bytes()).and_then(|_| out.flush()).is_err() {
        std::process::exit(0);
    }
}

mod cmd_clean;
mod cmd_freq;
mod cmd_index;
mod cmd_kwic;
mod cmd_search;
mod cmd_theme;

use clap::{Parser, Subcommand};
use std::ffi::OsString;

/// Stands in for a leading `-` of a query term while clap parses (see [`protect_minus`]).
const MINUS: char = '\u{E000}';

/// Query terms may start with `-` (`-窑` excludes, `-45μm` is a term), which clap would read
/// as flags. Every argument starting with `-` that is not `--`, `-h`, `-V` or an ASCII
/// `--long-flag[=value]` gets its `-` replaced by a private-use char; [`unprotect`] puts it back.
fn protect_minus(args: impl Iterator<Item = OsString>) -> Vec<OsString> {
    args.map(|a| {
        let Some(s) = a.to_str() else { return a };
        let is_flag = s == "--"
            || s == "-h"
            || s == "-V"
            || s.strip_prefix("--").is_some_and(|f| {
                let name = f.split('=').next().unwrap_or("");
                !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '-')
            });
        match s.strip_prefix('-') {
            Some(rest) if !is_flag => OsString::from(format!("{MINUS}{rest}")),
            _ => a,
        }
    })
    .collect()
}

/// Restores a leading `-` hidden by [`protect_minus`].
pub fn unprotect(s: &str) -> String {
    match s.strip_prefix(MINUS) {
        Some(rest) => format!("-{rest}"),
        None => s.to_string(),
    }
}

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
    match Cli::parse_from(protect_minus(std::env::args_os())).command {
        Command::Clean(args) => cmd_clean::run_clean(args),
        Command::Show(args) => cmd_clean::run_show(args),
        Command::Index(args) => cmd_index::run_index(args),
        Command::Search(args) => cmd_search::run_search(args),
        Command::Theme(args) => cmd_theme::run_theme(args),
        Command::Freq(args) => cmd_freq::run_freq(args),
        Command::Kwic(args) => cmd_kwic::run_kwic(args),
    }
}
