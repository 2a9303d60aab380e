//! The command line front end: `sourced quotes`, `sourced check`, `sourced lsp`.
//!
//! Thin: it parses arguments, reads files, calls [`crate::analysis`],
//! [`crate::corpus`] and [`crate::check`], and prints. No analysis happens here.

pub mod check;
pub mod output;

use std::process::ExitCode;

pub mod quotes;

/// Run the command line with `args` (without the program name).
pub fn run(args: Vec<String>) -> ExitCode {
    match args.first().map(String::as_str) {
        Some("lsp") => crate::lsp::run(&args[1..]),
        Some("check") => check::run(&args[1..]),
        Some("quotes") => quotes::run(&args[1..]),
        Some("--version") | Some("-V") => {
            println!("sourced {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("usage: sourced <quotes|check|lsp> ...");
            ExitCode::from(2)
        }
    }
}
