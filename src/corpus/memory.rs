//! The in-memory corpus index of a story folder.

use std::sync::Arc;

use super::{CorpusEntity, CorpusIndex, Passage, Source, SourceId};

/// All sources of a corpus, held in memory, with their indexes.
#[derive(Default)]
pub struct MemoryIndex {
    sources: Vec<Arc<Source>>,
}

impl MemoryIndex {
    pub fn new() -> MemoryIndex {
        MemoryIndex::default()
    }
}

impl CorpusIndex for MemoryIndex {
    fn source_count(&self) -> usize {
        self.sources.len()
    }

    fn source(&self, id: SourceId) -> Option<Arc<Source>> {
        self.sources.get(id.0 as usize).cloned()
    }

    fn passages(&self, normalized_words: &[String], limit: usize) -> Vec<Passage> {
        let _ = (normalized_words, limit);
        Vec::new()
    }

    fn entities_named(&self, name: &str) -> Vec<Arc<CorpusEntity>> {
        let _ = name;
        Vec::new()
    }

    fn similar_names(&self, name: &str) -> Vec<(String, Arc<CorpusEntity>)> {
        let _ = name;
        Vec::new()
    }

    fn entities(&self) -> Vec<Arc<CorpusEntity>> {
        Vec::new()
    }
}
