//! Sourced's integration tests, one binary: each folder tests one part, through the API a
//! front end uses or through the real `sourced` binary, and asserts what a user would see.

mod common;

mod analysis;
mod archive;
mod check;
mod cli;
mod corpus;
mod lsp;
mod safety;
