//! The command line front end: `sourced check`, `sourced quotes`, `sourced explain`,
//! `sourced archive`, `sourced lsp`.
//!
//! Thin: it parses arguments, reads files, calls [`crate::analysis`],
//! [`crate::corpus`] and [`crate::check`], and prints. No analysis happens here.

pub mod archive;
pub mod check;
pub mod explain;
pub mod output;
pub mod quotes;

use std::process::ExitCode;

const HELP: &str = "\
sourced: checks a news draft against the story's sources (quotes, who said them, names,
titles).

usage: sourced COMMAND [ARGS]

commands:
  check DRAFT...     check drafts against their sources and print the findings
                     (--corpus PATH, --db URL, --format human|json|sarif): with a
                     newsroom archive, against the story folder and the archive;
                     exits 1 when an error was found, 2 on a usage or reading error
  quotes FILE...     list the quotes in files and who the text says said them
  explain CODE       what a finding code means and how to resolve it
  archive COMMAND    the newsroom archive in PostgreSQL: init, ingest PATH...,
                     status, check DRAFT... (--db URL)
  lsp                run the language server on stdin/stdout (for editors)

options:
  -h, --help         this help (`sourced COMMAND --help` for a command's)
  -V, --version      the version

The sources: [corpus] paths in the sourced.toml of the draft's folder or the nearest
folder above it, else a sources/ folder beside the draft.";

/// Run the command line with `args` (without the program name).
pub fn run(args: Vec<String>) -> ExitCode {
    match args.first().map(String::as_str) {
        Some("lsp") => crate::lsp::run(&args[1..]),
        Some("check") => check::run(&args[1..]),
        Some("quotes") => quotes::run(&args[1..]),
        Some("explain") => explain::run(&args[1..]),
        Some("archive") => archive::run(&args[1..]),
        Some("--version") | Some("-V") => {
            println!("sourced {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Some("--help") | Some("-h") | Some("help") => {
            println!("{HELP}");
            ExitCode::SUCCESS
        }
        Some(other) => {
            eprintln!("sourced: unknown command {other:?}\n\n{HELP}");
            ExitCode::from(2)
        }
        None => {
            eprintln!("{HELP}");
            ExitCode::from(2)
        }
    }
}
