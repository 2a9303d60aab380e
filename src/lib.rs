//! Sourced checks a journalist's draft against the reference corpus of the story.
//!
//! The crate has four layers, each in its own module (see `ARCHITECTURE.md`):
//!
//! - [`analysis`]: pure text analysis. Text in, plain data out (quotes, speakers,
//!   people, titles). No IO, no LSP types.
//! - [`corpus`]: finds, reads and indexes the source files of a story behind the
//!   [`corpus::CorpusIndex`] trait, so that another backend can serve the same queries.
//! - [`check`]: compares a draft's analysis with a corpus and produces findings.
//!   Pure: it only asks the corpus questions through the trait.
//! - [`cli`] and [`lsp`]: thin front ends that translate between a user and the above.

pub mod analysis;
pub mod check;
pub mod cli;
pub mod config;
pub mod corpus;
pub mod lsp;
