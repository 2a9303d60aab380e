//! A story folder and the archive as one corpus, for a caller that may wait for the
//! archive (`sourced check`): a question not yet answered is asked of the archive there
//! and then; one the archive fails to answer is missed, and what it could overturn is
//! withheld ([`crate::withheld`]) instead of reported.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use sourced_core::index::{CorpusEntity, CorpusIndex, Passage, Source, SourceId};

use crate::answers::{Answers, Consult, Question};
use crate::layered::Layered;
use crate::{ArchiveError, ArchiveIndex};

/// A story folder `F` with the archive.
pub struct Together<F> {
    folder: F,
    archive: Option<Arc<ArchiveIndex>>,
    /// Why the archive could not be used at all, if so.
    unusable: Option<ArchiveError>,
    answers: Mutex<Answers>,
    hidden: HashSet<SourceId>,
    missed: Mutex<Vec<Question>>,
}

impl<F: CorpusIndex> Together<F> {
    /// `folder`, whose files are under `roots`, with `archive` (or why it could not be
    /// opened: then every question to it is missed).
    pub fn new(
        folder: F,
        roots: &[PathBuf],
        archive: Result<Arc<ArchiveIndex>, ArchiveError>,
    ) -> Together<F> {
        let roots: Vec<PathBuf> = roots
            .iter()
            .map(|r| std::fs::canonicalize(r).unwrap_or_else(|_| r.clone()))
            .collect();
        let (archive, hidden, unusable) = match archive {
            Err(e) => (None, HashSet::new(), Some(e)),
            Ok(a) => match a.sources_under(&roots) {
                Ok(hidden) => (Some(a), hidden, None),
                Err(e) => (None, HashSet::new(), Some(e)),
            },
        };
        let count = archive.as_ref().map_or(0, |a| a.source_count());
        Together {
            folder,
            archive,
            unusable,
            answers: Mutex::new(Answers::counting(count)),
            hidden,
            missed: Mutex::new(Vec::new()),
        }
    }

    pub fn folder(&self) -> &F {
        &self.folder
    }

    /// The questions missed since the last call (each once).
    pub fn take_missed(&self) -> Vec<Question> {
        let mut missed =
            std::mem::take(&mut *self.missed.lock().unwrap_or_else(|p| p.into_inner()));
        let mut seen = HashSet::new();
        missed.retain(|q| seen.insert(q.clone()));
        missed
    }

    /// Why the archive did not answer, when it did not.
    pub fn failure(&self) -> Option<ArchiveError> {
        self.unusable
            .clone()
            .or_else(|| self.archive.as_ref().and_then(|a| a.failure()))
    }

    fn ask<T>(&self, f: impl FnOnce(&Layered<'_>) -> T) -> T {
        let consult = match &self.archive {
            Some(a) => Consult::asking(&self.answers, a),
            None => Consult::kept(&self.answers),
        };
        let answer = f(&Layered::new(&self.folder, &consult, &self.hidden));
        let missed = consult.missed();
        if !missed.is_empty() {
            self.missed
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .extend(missed);
        }
        answer
    }
}

impl<F: CorpusIndex> CorpusIndex for Together<F> {
    fn source_count(&self) -> usize {
        self.ask(|l| l.source_count())
    }
    fn source(&self, id: SourceId) -> Option<Arc<Source>> {
        self.ask(|l| l.source(id))
    }
    fn source_text(&self, id: SourceId) -> Option<Arc<str>> {
        self.ask(|l| l.source_text(id))
    }
    fn passages(&self, words: &[String], limit: usize) -> Vec<Passage> {
        self.ask(|l| l.passages(words, limit))
    }
    fn entities_named(&self, name: &str) -> Vec<Arc<CorpusEntity>> {
        self.ask(|l| l.entities_named(name))
    }
    fn similar_names(&self, name: &str) -> Vec<(String, Arc<CorpusEntity>)> {
        self.ask(|l| l.similar_names(name))
    }
    fn entities_containing(&self, part: &str, limit: usize) -> Vec<Arc<CorpusEntity>> {
        self.ask(|l| l.entities_containing(part, limit))
    }
}
