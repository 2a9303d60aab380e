//! `sourced lsp`, the real binary over stdio: the protocol, the bundled story, and what
//! editors and users throw at it.

mod big_drafts;
mod big_sources;
mod broken_config;
mod config_edits;
mod corpus_changes;
mod load;
mod malformed;
mod odd_documents;
mod panics;
mod protocol;
mod pull_while_indexing;
mod source_credit;
mod story;
mod sync_props;
