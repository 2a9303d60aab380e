//! `sourced check` and `sourced quotes`, the real binary as a user runs it.

mod check;
mod odd_files;
