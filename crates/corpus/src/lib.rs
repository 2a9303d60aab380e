//! The story-folder corpus: the source files of a story, found, read and indexed in memory,
//! answering the questions of [`sourced_core::index::CorpusIndex`].
//!
//! [`walk`] finds the files ([`corpus_config::CorpusConfig`] says where), [`read`] reads
//! `.txt`, `.md` and `.html` into text, [`load`] indexes their words into a
//! [`memory::MemoryIndex`], and [`cache`] persists that index between runs. People and
//! organisations are worked out when a check asks ([`entities`]).
//!
//! This crate does IO (it reads files and writes its cache); it knows nothing of LSP or the
//! terminal, and does not decide what a finding is (that is `sourced_core::check`).

pub mod cache;
pub mod corpus_config;
pub mod entities;
mod flat;
mod frontmatter;
pub mod grams;
pub mod heap;
mod html;
pub mod load;
mod markup_depth;
pub mod memory;
mod name_lookup;
mod name_merge;
pub mod postings;
pub mod read;
pub mod recent;
pub mod source_names;
pub mod strings;
pub mod vocabulary;
pub mod walk;

pub use load::{load, LoadStats, Loaded, Progress};
pub use memory::MemoryIndex;

#[allow(unused_imports)]
use sourced_core::index::{
    CorpusEntity, CorpusIndex, CorpusTitle, LoadProblem, Location, Passage, Source, SourceId,
    SourceMeta,
};

#[cfg(test)]
mod page_spans_tests;
