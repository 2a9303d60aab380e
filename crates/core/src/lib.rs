//! The heart of Sourced: text in, findings out, with no IO and no protocol.
//!
//! - [`analysis`] reads news text as an editor does: the quotes, who said each one, the
//!   people and organisations named and the titles given to them.
//! - [`index`] is what the checks may ask of a corpus (the [`index::CorpusIndex`] trait
//!   and its plain data). The backends that answer live in other crates.
//! - [`check`] compares a draft's analysis with a corpus and produces findings.
//! - [`incremental`] re-checks a draft after an edit, reusing what the edit left alone.
//! - [`page_spans`] finds a stretch of an HTML source's article text in its page, for
//!   line numbers and jumps.
//!
//! Nothing here reads a file, opens a socket or knows about LSP: the crate's dependencies
//! (serde, serde_json, rustc-hash) make that a fact the compiler keeps.

pub mod analysis;
pub mod check;
pub mod incremental;
pub mod index;
pub mod page_spans;
pub mod sync;
