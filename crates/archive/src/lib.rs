//! The newsroom archive: a corpus kept in PostgreSQL, shared by every reporter's checker.
//!
//! A story folder is read into memory by each checker ([`sourced_corpus::MemoryIndex`]);
//! an archive of years of stories is read once into a database ([`ingest`]) and asked the
//! same questions over SQL ([`ArchiveIndex`], a [`sourced_core::index::CorpusIndex`]). The
//! files are read exactly as the story loader reads them, and the answers are worked out
//! by the same code from the same data, so a story gives the same findings from either.
//!
//! A draft is checked against its story folder and the archive together
//! ([`layered`]): `sourced check` asks the archive as it goes ([`together`]); the
//! language server checks from the answers kept for each draft ([`answers`]) and
//! fetches what is missing off the keystroke path, withholding meanwhile what a missing
//! answer could overturn ([`withheld`]). Findings say where their evidence was found
//! ([`provenance`]).
//!
//! This crate is the only part of Sourced that opens a connection, and it opens one only
//! to the database it is given ([`ArchiveUrl`]). Every statement is a constant with
//! parameters: no SQL is ever built from text.

pub mod answers;
mod error;
pub mod index;
pub mod ingest;
pub mod layered;
mod pool;
pub mod provenance;
pub mod schema;
pub mod status;
pub mod together;
mod url;
pub mod withheld;

pub use error::ArchiveError;
pub use index::ArchiveIndex;
pub use ingest::{ingest, IngestOptions, IngestProgress, IngestReport};
pub use status::{status, ArchiveStatus};
pub use url::{ArchiveUrl, ENV_VAR};
