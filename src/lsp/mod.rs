//! The language server: `sourced lsp` over stdio.
//!
//! Thin: it keeps the open documents, translates positions and requests between the
//! editor and [`crate::analysis`], [`crate::corpus`] and [`crate::check`], and nothing
//! else.

use std::process::ExitCode;

/// Serve LSP on stdin/stdout until the client says `exit` or stdin closes.
pub fn run_stdio() -> ExitCode {
    eprintln!("sourced lsp: not implemented yet");
    ExitCode::from(2)
}
