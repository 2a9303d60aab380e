//! The `sourced` program: the command line, the language server and `sourced.toml`.
//!
//! The work happens below, in libraries the compiler keeps apart:
//!
//! - [`sourced_core`]: pure analysis and checks, re-exported here as [`analysis`],
//!   [`index`], [`check`], [`incremental`] and [`page_spans`]. No IO, no LSP types.
//! - [`sourced_corpus`] (here [`corpus`]): finds, reads and indexes the source files of a
//!   story behind the [`index::CorpusIndex`] trait.
//! - [`sourced_archive`]: the newsroom archive in PostgreSQL, the second backend of that
//!   trait (`sourced archive`).
//!
//! This crate only translates: [`config`] reads and edits `sourced.toml`, [`cli`] talks to
//! a terminal, [`lsp`] to an editor. Neither decides what a finding is.

pub use sourced_core::{analysis, check, incremental, index, page_spans};
pub use sourced_corpus as corpus;

pub mod cli;
pub mod config;
pub mod lsp;
