//! `sourced check` and `sourced quotes`, the real binary as a user runs it.

pub(crate) mod big_sources;
mod check;
mod hostile_corpus;
mod odd_files;
