//! Memoised corpus queries, so that a keystroke re-asks the corpus only about what it
//! changed.
//!
//! A check asks the corpus the same questions for every unchanged quote and name of the
//! draft (which passages could hold these words, who is called this, which names are
//! spelled like this). The answers depend only on the question and on the index, so
//! [`Memo`] keeps them, per corpus, until the index changes (its generation moves on).
//! The cache is bounded: past [`MAX_ENTRIES`] answers it starts again empty.
//!
//! This is a transparent [`CorpusIndex`]: the check cannot tell it from the index itself.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use crate::index::{CorpusEntity, CorpusIndex, Passage, Source, SourceId};

use crate::sync::lock;

/// Answers kept per corpus before the cache is emptied.
pub const MAX_ENTRIES: usize = 20_000;

/// The remembered answers of one corpus at one generation.
#[derive(Default)]
pub struct QueryCache {
    generation: u64,
    passages: HashMap<(Vec<String>, usize), Vec<Passage>>,
    named: HashMap<String, Vec<Arc<CorpusEntity>>>,
    similar: HashMap<String, Vec<(String, Arc<CorpusEntity>)>>,
    hits: u64,
    misses: u64,
}

impl QueryCache {
    fn len(&self) -> usize {
        self.passages.len() + self.named.len() + self.similar.len()
    }

    fn prepare(&mut self, generation: u64) {
        if self.generation != generation || self.len() >= MAX_ENTRIES {
            self.passages.clear();
            self.named.clear();
            self.similar.clear();
            self.generation = generation;
        }
    }

    /// (hits, misses) so far, for the log.
    pub fn stats(&self) -> (u64, u64) {
        (self.hits, self.misses)
    }
}

/// An index seen through its cache. The index must not change while a `Memo` exists
/// (hold its read lock), and `generation` must be the index's generation.
pub struct Memo<'a> {
    inner: &'a dyn CorpusIndex,
    cache: &'a Mutex<QueryCache>,
}

impl<'a> Memo<'a> {
    pub fn new(
        inner: &'a dyn CorpusIndex,
        cache: &'a Mutex<QueryCache>,
        generation: u64,
    ) -> Memo<'a> {
        lock(cache).prepare(generation);
        Memo { inner, cache }
    }
}

impl CorpusIndex for Memo<'_> {
    fn source_count(&self) -> usize {
        self.inner.source_count()
    }

    fn source(&self, id: SourceId) -> Option<Arc<Source>> {
        self.inner.source(id)
    }

    fn source_text(&self, id: SourceId) -> Option<Arc<str>> {
        self.inner.source_text(id)
    }

    fn passages(&self, normalized_words: &[String], limit: usize) -> Vec<Passage> {
        let key = (normalized_words.to_vec(), limit);
        {
            let mut c = lock(self.cache);
            if let Some(hit) = c.passages.get(&key).cloned() {
                c.hits += 1;
                return hit;
            }
            c.misses += 1;
        }
        // Asked without the lock held: other checks go on meanwhile.
        let answer = self.inner.passages(normalized_words, limit);
        lock(self.cache).passages.insert(key, answer.clone());
        answer
    }

    fn entities_named(&self, name: &str) -> Vec<Arc<CorpusEntity>> {
        if let Some(hit) = lock(self.cache).named.get(name).cloned() {
            return hit;
        }
        let answer = self.inner.entities_named(name);
        lock(self.cache)
            .named
            .insert(name.to_string(), answer.clone());
        answer
    }

    fn similar_names(&self, name: &str) -> Vec<(String, Arc<CorpusEntity>)> {
        if let Some(hit) = lock(self.cache).similar.get(name).cloned() {
            return hit;
        }
        let answer = self.inner.similar_names(name);
        lock(self.cache)
            .similar
            .insert(name.to_string(), answer.clone());
        answer
    }

    fn entities_containing(&self, part: &str, limit: usize) -> Vec<Arc<CorpusEntity>> {
        self.inner.entities_containing(part, limit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// A corpus that counts the questions it is asked.
    #[derive(Default)]
    struct Counting {
        asked: AtomicUsize,
    }

    impl CorpusIndex for Counting {
        fn source_count(&self) -> usize {
            0
        }
        fn source(&self, _: SourceId) -> Option<Arc<Source>> {
            None
        }
        fn passages(&self, words: &[String], _: usize) -> Vec<Passage> {
            self.asked.fetch_add(1, Ordering::SeqCst);
            let n = words.len() as u32;
            vec![Passage {
                location: crate::index::Location {
                    source: SourceId(n),
                    span: crate::analysis::Span::new(0, 1),
                },
                score: 1.0,
            }]
        }
        fn entities_named(&self, _: &str) -> Vec<Arc<CorpusEntity>> {
            self.asked.fetch_add(1, Ordering::SeqCst);
            Vec::new()
        }
        fn similar_names(&self, _: &str) -> Vec<(String, Arc<CorpusEntity>)> {
            self.asked.fetch_add(1, Ordering::SeqCst);
            Vec::new()
        }
        fn entities_containing(&self, _: &str, _: usize) -> Vec<Arc<CorpusEntity>> {
            Vec::new()
        }
    }

    #[test]
    fn repeated_questions_are_answered_from_the_cache_until_the_index_changes() {
        let corpus = Counting::default();
        let cache = Mutex::new(QueryCache::default());
        let q = vec!["specific".to_string(), "proposals".to_string()];
        let memo = Memo::new(&corpus, &cache, 1);
        let first = memo.passages(&q, 12);
        assert_eq!(memo.passages(&q, 12), first);
        memo.entities_named("Mizintsev");
        memo.entities_named("Mizintsev");
        memo.similar_names("Mizintzev");
        memo.similar_names("Mizintzev");
        assert_eq!(corpus.asked.load(Ordering::SeqCst), 3);
        // A different question is asked.
        memo.passages(&q[..1], 12);
        assert_eq!(corpus.asked.load(Ordering::SeqCst), 4);
        // A new generation of the index: asked again.
        let memo = Memo::new(&corpus, &cache, 2);
        memo.passages(&q, 12);
        assert_eq!(corpus.asked.load(Ordering::SeqCst), 5);
    }
}
