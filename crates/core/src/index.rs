//! What the checks may ask of a corpus: the [`CorpusIndex`] trait and the plain data it
//! answers with (sources, places in them, passages, people as the corpus knows them).
//!
//! A backend lives elsewhere: the story folder's in-memory index and the newsroom archive
//! implement this trait, and nothing above them knows which one answers.

use std::path::PathBuf;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::analysis::{Analysis, EntityKind, Span};

/// Identifies one source within one corpus.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct SourceId(pub u32);

/// What a source says about itself (YAML front matter, or the file name).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SourceMeta {
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
}

/// One source document, read and analysed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Source {
    pub id: SourceId,
    /// The file it came from.
    pub path: PathBuf,
    pub meta: SourceMeta,
    /// The text that was analysed, and that every span of this source points into. For
    /// `.txt` this is the file; for `.md` the file (front matter masked); for `.html` the
    /// article text extracted from it.
    pub text: Arc<str>,
    /// Whether [`Source::text`] is the file's bytes as they are, so that spans are also
    /// offsets into the file (false for HTML).
    pub text_is_file: bool,
    /// For an HTML source, the page as read, so that a place in the article text can be
    /// found again in the file; `None` for other sources.
    pub page: Option<Arc<str>>,
    pub analysis: Analysis,
}

/// A place in a source: the evidence behind a finding, hover or jump.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Location {
    pub source: SourceId,
    pub span: Span,
}

/// A stretch of a source's running text that shares words with a query.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Passage {
    pub location: Location,
    /// Higher is a better candidate; comparable only within one query's answer.
    pub score: f32,
}

/// A person or organisation as the whole corpus knows them, merged across sources.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CorpusEntity {
    pub kind: EntityKind,
    /// The fullest name any source gives.
    pub canonical: String,
    pub aliases: Vec<String>,
    /// Each title a source gives them (as written, normalised, and where).
    pub titles: Vec<CorpusTitle>,
    /// Every mention in every source.
    pub mentions: Vec<Location>,
    /// How many quotes the sources attribute to them.
    pub quote_count: usize,
    /// Sources that give the name but were not read for this answer (a name in more
    /// sources than a query reads: as many as a backend reads for one name); the mentions, titles and
    /// quote count are those of the sources read. 0 when every source was read.
    #[serde(default)]
    pub unread: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CorpusTitle {
    pub text: String,
    pub normalized: String,
    pub location: Location,
}

/// A file of the corpus that could not be used, and why, in words for the user.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoadProblem {
    pub path: PathBuf,
    pub message: String,
    /// True when the file was left out of the corpus; false for a warning about a file
    /// that was loaded all the same (read as Windows-1252, say).
    pub skipped: bool,
}

impl LoadProblem {
    /// A file left out of the corpus.
    pub fn skipped(path: PathBuf, message: String) -> LoadProblem {
        LoadProblem {
            path,
            message,
            skipped: true,
        }
    }

    /// A file loaded with a warning.
    pub fn warning(path: PathBuf, message: String) -> LoadProblem {
        LoadProblem {
            path,
            message,
            skipped: false,
        }
    }
}

impl std::fmt::Display for LoadProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

/// The questions the checks, hovers and jumps ask of a corpus.
///
/// Implementations must answer without panicking and quickly: a query's cost must depend
/// on the size of its answer, not on the size of the corpus.
pub trait CorpusIndex: Send + Sync {
    /// How many sources there are. After a load their ids run from 0 to the count; once
    /// files are removed or re-indexed while running, ids may have gaps (ask `source`
    /// for each id up to the backend's own id count, or go through `entities`).
    fn source_count(&self) -> usize;

    /// One source, read and analysed.
    fn source(&self, id: SourceId) -> Option<Arc<Source>>;

    /// The text of source `id` (the text [`Source::text`] is and its spans point into),
    /// without analysing it where the backend can avoid that: the check looks at the
    /// words around many places before it needs the analysis of a few.
    fn source_text(&self, id: SourceId) -> Option<Arc<str>> {
        self.source(id).map(|s| Arc::clone(&s.text))
    }

    /// Passages of running text that could contain the words `normalized_words`
    /// (normalised by [`crate::analysis::normalize::words`]), best first, at most `limit`.
    /// Each passage's span covers the stretch of the source that matched, roughly.
    fn passages(&self, normalized_words: &[String], limit: usize) -> Vec<Passage>;

    /// The entities a name could refer to: a full name, a surname, an alias
    /// (case-insensitive, exact after normalisation).
    fn entities_named(&self, name: &str) -> Vec<Arc<CorpusEntity>>;

    /// Entities with a name close in spelling to `name` but not equal to it, with the
    /// name that matched (for misspelled names).
    fn similar_names(&self, name: &str) -> Vec<(String, Arc<CorpusEntity>)>;

    /// Entities whose name contains `part` (case-insensitive; any when it is empty), at
    /// most `limit`, for workspace symbols and listings. A large corpus may answer from
    /// part of its sources.
    fn entities_containing(&self, part: &str, limit: usize) -> Vec<Arc<CorpusEntity>>;
}
