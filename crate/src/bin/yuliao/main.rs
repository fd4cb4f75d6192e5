//! The `yuliao` command line. Each subcommand lives in its own file and calls the library;
//! this file only parses arguments and dispatches. Run from the repository root (or below it).

/// `println!` that ends the process quietly when stdout is closed (`yuliao freq | head`).
macro_rules! outln {
    ($($t:tt)*) => { $crate::emit(&format!("{}\n", format!($($t)*))) };
}

/// How a table command prints: its own text, or `--json`, `--csv` or `--tsv`.
#[derive(clap::Args)]
pub struct TableOutput {
    #[arg(long)]
    pub json: bool,
    /// RFC 4180; a cell a spreadsheet would run as a formula opens as text.
    #[arg(long, conflicts_with = "json")]
    pub csv: bool,
    /// Tab-separated values: the CSV table's cells between tabs.
    #[arg(long, conflicts_with_all = ["json", "csv"])]
    pub tsv: bool,
}

impl TableOutput {
    /// Prints the table `csv` makes, as CSV or TSV, when one was asked for; true if it did.
    pub fn table(&self, csv: impl FnOnce() -> String) -> bool {
        if self.csv {
            emit(&csv());
        } else if self.tsv {
            emit(&yuliao::analysis::csv_to_tsv(&csv()));
        } else {
            return false;
        }
        true
    }
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
mod cmd_colloc;
mod cmd_dispersion;
mod cmd_freq;
mod cmd_index;
mod cmd_keyness;
mod cmd_kwic;
mod cmd_ngrams;
mod cmd_search;
mod cmd_theme;

use clap::{CommandFactory, Parser, Subcommand};
use std::ffi::OsString;

/// Query terms may start with `-` (`-窑` excludes, `-45μm` is a term) and may come before,
/// between or after flags (`search 氧化铝 -焙烧 --json`), but clap reads a leading `-` as a flag.
/// So for a subcommand that takes terms, the arguments are put in clap's own unambiguous order:
/// the subcommand's flags (its `--long[=value]` flags, joined with the value that follows one
/// that takes a value; `-h`; any other ASCII `--name`, which clap then rejects by name), then `--`,
/// then every other argument, a term, in the order given. Nothing is renamed, so what the user
/// typed is what the query and every error message see. A `--` typed by the user ends the flags.
fn terms_after_flags(args: Vec<OsString>) -> Vec<OsString> {
    let mut cli = Cli::command();
    cli.build();
    let Some(sub) = args.get(1).and_then(|name| name.to_str()).and_then(|name| cli.find_subcommand(name)) else {
        return args;
    };
    if sub.get_positionals().next().is_none() {
        return args;
    }
    let mut flags = Vec::new();
    let mut terms = Vec::new();
    let mut rest = args[2..].iter();
    while let Some(arg) = rest.next() {
        let text = arg.to_string_lossy();
        if text == "--" {
            terms.extend(rest.by_ref().cloned());
            break;
        }
        let long = text.strip_prefix("--").map(|f| f.split_once('=').map_or((f, false), |(name, _)| (name, true)));
        match long {
            Some((name, has_value)) if !name.is_empty() => {
                match sub.get_arguments().find(|a| a.get_long() == Some(name)) {
                    // `--limit -5` becomes `--limit=-5`, so that clap reports the value as a
                    // bad value rather than as an unexpected argument.
                    Some(known) if known.get_action().takes_values() && !has_value => match rest.next() {
                        Some(value) => {
                            let mut joined = arg.clone();
                            joined.push("=");
                            joined.push(value);
                            flags.push(joined);
                        }
                        None => flags.push(arg.clone()),
                    },
                    Some(_) => flags.push(arg.clone()),
                    None if name.chars().all(|c| c.is_ascii_lowercase() || c == '-') => flags.push(arg.clone()),
                    None => terms.push(arg.clone()),
                }
            }
            _ if text == "-h" => flags.push(arg.clone()),
            _ => terms.push(arg.clone()),
        }
    }
    let mut out = args[..2].to_vec();
    out.extend(flags);
    out.push("--".into());
    out.extend(terms);
    out
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
    /// Keyword in context (concordance), sortable by the words around the node.
    Kwic(cmd_kwic::KwicArgs),
    /// Collocates of a node within ±N tokens (logDice, MI, MI3, T-score, log-likelihood).
    Colloc(cmd_colloc::CollocArgs),
    /// Keywords of a subset against the rest or another subset (G², Log Ratio).
    Keyness(cmd_keyness::KeynessArgs),
    /// Dispersion of a term over articles or issues (range, DP, Juilland's D).
    Dispersion(cmd_dispersion::DispersionArgs),
    /// Recurring word sequences, quoted phrases and slogan patterns.
    Ngrams(cmd_ngrams::NgramsArgs),
}

fn main() -> anyhow::Result<()> {
    match Cli::parse_from(terms_after_flags(std::env::args_os().collect())).command {
        Command::Clean(args) => cmd_clean::run_clean(args),
        Command::Show(args) => cmd_clean::run_show(args),
        Command::Index(args) => cmd_index::run_index(args),
        Command::Search(args) => cmd_search::run_search(args),
        Command::Theme(args) => cmd_theme::run_theme(args),
        Command::Freq(args) => cmd_freq::run_freq(args),
        Command::Kwic(args) => cmd_kwic::run_kwic(args),
        Command::Colloc(args) => cmd_colloc::run_colloc(args),
        Command::Keyness(args) => cmd_keyness::run_keyness(args),
        Command::Dispersion(args) => cmd_dispersion::run_dispersion(args),
        Command::Ngrams(args) => cmd_ngrams::run_ngrams(args),
    }
}
