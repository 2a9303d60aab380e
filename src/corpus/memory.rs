//! The in-memory corpus index of a story folder (or an archive that fits in memory).
//!
//! It holds every source, an index of the running text's word bigrams
//! ([`super::grams`]) and the people and organisations merged across sources
//! ([`super::names`]). One changed file is re-indexed alone ([`MemoryIndex::update_file`]).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::grams::{self, GramIndex};
pub use super::load::FileStamp;
use super::load::{load_one, LoadedFile};
use super::names::NameIndex;
use super::postings::Segment;
use super::stored::{Recent, RecentTokens, Stored};
use super::{CorpusEntity, CorpusIndex, LoadProblem, Location, Passage, Source, SourceId};
use crate::config::CorpusConfig;

/// All sources of a corpus, held in memory, with their indexes.
#[derive(Default)]
pub struct MemoryIndex {
    pub(super) config: Option<CorpusConfig>,
    /// `slots[id]`: the source with that id, `None` once removed (or never loaded).
    pub(super) slots: Vec<Option<Stored>>,
    /// Sources unpacked lately.
    recent: Recent,
    /// Sources tokenized lately.
    tokens: RecentTokens,
    pub(super) stamps: Vec<Option<FileStamp>>,
    by_path: FxHashMap<PathBuf, SourceId>,
    pub(super) grams: GramIndex,
    pub(super) names: NameIndex,
    live: usize,
}

impl MemoryIndex {
    pub fn new() -> MemoryIndex {
        MemoryIndex::default()
    }

    /// Index loaded files: `files[i]` is source `i` (`None` for a file that could not be
    /// used), and `segments` the postings of their bigrams.
    pub fn build(
        config: CorpusConfig,
        files: Vec<Option<LoadedFile>>,
        segments: Vec<Segment>,
    ) -> MemoryIndex {
        let mut index = MemoryIndex {
            config: Some(config),
            ..MemoryIndex::default()
        };
        for s in segments {
            index.grams.add_segment(s);
        }
        let mut sources = Vec::with_capacity(files.len());
        for (i, f) in files.into_iter().enumerate() {
            let Some(f) = f else {
                sources.push(None);
                index.stamps.push(None);
                continue;
            };
            let mut source = f.source;
            source.id = SourceId(i as u32);
            index.by_path.insert(source.path.clone(), source.id);
            index.stamps.push(Some(f.stamp));
            if !f.grams.is_empty() {
                index.grams.add(source.id.0, &f.grams);
            }
            sources.push(Some(Arc::new(source)));
        }
        let live: Vec<Arc<Source>> = sources.iter().flatten().cloned().collect();
        index.names.add_sources(&live, &|_| None);
        drop(live);
        index.live = sources.iter().flatten().count();
        // Pack each analysis, freeing the unpacked one as we go.
        index.slots = sources
            .into_iter()
            .map(|s| s.map(|s| Stored::pack(&s)))
            .collect();
        index
    }

    /// Put an index back together from its persisted parts.
    pub(super) fn from_parts(
        config: CorpusConfig,
        slots: Vec<Option<Stored>>,
        stamps: Vec<Option<FileStamp>>,
        grams: GramIndex,
        names: NameIndex,
    ) -> MemoryIndex {
        let by_path = slots
            .iter()
            .enumerate()
            .filter_map(|(i, s)| Some((s.as_ref()?.path.clone(), SourceId(i as u32))))
            .collect();
        let live = slots.iter().flatten().count();
        MemoryIndex {
            config: Some(config),
            slots,
            recent: Recent::default(),
            tokens: RecentTokens::default(),
            stamps,
            by_path,
            grams,
            names,
            live,
        }
    }

    /// Take out the sources `ids` (files deleted or changed since the index was saved).
    pub(super) fn remove_ids(&mut self, ids: &[SourceId]) {
        for &id in ids {
            self.remove_id(id);
        }
    }

    /// Add sources loaded together with their segments; their ids follow the existing
    /// ones (`files[i]` has id `self.id_count() + i`).
    pub(super) fn extend(&mut self, files: Vec<Option<LoadedFile>>, segments: Vec<Segment>) {
        for s in segments {
            self.grams.add_segment(s);
        }
        let mut added = Vec::new();
        for f in files {
            let i = self.slots.len();
            match f {
                Some(f) => {
                    let mut source = f.source;
                    source.id = SourceId(i as u32);
                    let source = Arc::new(source);
                    self.by_path.insert(source.path.clone(), source.id);
                    self.slots.push(Some(Stored::pack(&source)));
                    self.stamps.push(Some(f.stamp));
                    self.live += 1;
                    added.push(source);
                }
                None => {
                    self.slots.push(None);
                    self.stamps.push(None);
                }
            }
        }
        let mut names = std::mem::take(&mut self.names);
        {
            let this = &*self;
            let lookup = |sid: SourceId| this.unpack(sid);
            names.add_sources(&added, &lookup);
        }
        self.names = names;
    }

    /// Source `id` unpacked (from the recent ones when it is there).
    fn unpack(&self, id: SourceId) -> Option<Arc<Source>> {
        if let Some(s) = self.recent.get(id) {
            return Some(s);
        }
        let stored = self.slots.get(id.0 as usize)?.as_ref()?;
        let source = Arc::new(stored.unpack(id));
        self.recent.put(Arc::clone(&source));
        Some(source)
    }

    /// How many source ids have been given out (live or not).
    pub fn id_count(&self) -> usize {
        self.slots.len()
    }

    /// Record that the file of source `id` was seen unchanged with a new modification time.
    pub(super) fn restamp(&mut self, id: SourceId, stamp: FileStamp) {
        if let Some(s) = self.stamps.get_mut(id.0 as usize) {
            *s = Some(stamp);
        }
    }

    /// Add one source built elsewhere (tests, other front ends); returns its id.
    pub fn insert(&mut self, mut source: Source) -> SourceId {
        if let Some(&old) = self.by_path.get(&source.path) {
            self.remove_id(old);
        }
        let id = SourceId(self.slots.len() as u32);
        source.id = id;
        let grams = grams::text_grams(&source.text);
        self.index_source(source, &grams, None);
        id
    }

    fn index_source(&mut self, source: Source, grams: &[u64], stamp: Option<FileStamp>) {
        let id = source.id;
        self.grams.add(id.0, grams);
        let source = Arc::new(source);
        let mut names = std::mem::take(&mut self.names);
        {
            let this = &*self;
            let lookup = |sid: SourceId| this.unpack(sid);
            names.add_sources(std::slice::from_ref(&source), &lookup);
        }
        self.names = names;
        self.by_path.insert(source.path.clone(), id);
        let i = id.0 as usize;
        if self.slots.len() <= i {
            self.slots.resize(i + 1, None);
            self.stamps.resize(i + 1, None);
        }
        self.recent.forget(id);
        self.tokens.forget(id);
        self.slots[i] = Some(Stored::pack(&source));
        self.stamps[i] = stamp;
        self.live += 1;
    }

    fn remove_id(&mut self, id: SourceId) {
        let i = id.0 as usize;
        let Some(Some(old_path)) = self
            .slots
            .get(i)
            .map(|s| s.as_ref().map(|s| s.path.clone()))
        else {
            return;
        };
        self.grams.remove(id.0);
        self.recent.forget(id);
        self.tokens.forget(id);
        let mut names = std::mem::take(&mut self.names);
        {
            let this = &*self;
            let lookup = |sid: SourceId| -> Option<Arc<Source>> {
                if sid == id {
                    return None;
                }
                this.unpack(sid)
            };
            names.remove_source(id, &lookup);
        }
        self.names = names;
        self.by_path.remove(&old_path);
        self.slots[i] = None;
        self.stamps[i] = None;
        self.live -= 1;
    }

    /// Re-read one source file after it changed on disk (or appeared). The file keeps its
    /// source id when it had one. On failure the old version is dropped and the problem
    /// returned. A warning about a file that was nonetheless read (not UTF-8) comes with
    /// the id.
    pub fn update_file(
        &mut self,
        path: &Path,
    ) -> Result<(SourceId, Option<LoadProblem>), LoadProblem> {
        let max = self
            .config
            .as_ref()
            .map_or(crate::config::DEFAULT_MAX_FILE_SIZE, |c| c.max_file_size);
        let id = self
            .by_path
            .get(path)
            .copied()
            .unwrap_or(SourceId(self.slots.len() as u32));
        let loaded = load_one(path, id, max);
        self.remove_id(id);
        let mut f = loaded?;
        let warning = f.warning.take();
        self.index_source(f.source, &f.grams, Some(f.stamp));
        Ok((id, warning))
    }

    /// Forget a source file that was deleted; false when it was not in the index.
    pub fn remove_file(&mut self, path: &Path) -> bool {
        match self.by_path.get(path).copied() {
            Some(id) => {
                self.remove_id(id);
                true
            }
            None => false,
        }
    }

    /// The source read from `path`, if any.
    pub fn source_id(&self, path: &Path) -> Option<SourceId> {
        self.by_path.get(path).copied()
    }

    /// The configuration the corpus was loaded with.
    pub fn config(&self) -> Option<&CorpusConfig> {
        self.config.as_ref()
    }

    /// What was known of the file of source `id` when it was read.
    pub fn stamp(&self, id: SourceId) -> Option<FileStamp> {
        self.stamps.get(id.0 as usize).copied().flatten()
    }

    /// Total bytes of source text held.
    pub fn text_bytes(&self) -> u64 {
        self.slots
            .iter()
            .flatten()
            .map(|s| s.text.len() as u64)
            .sum()
    }

    /// Approximate bytes held by the posting lists.
    pub fn postings_bytes(&self) -> usize {
        self.grams.heap_bytes()
    }

    /// All live sources, each unpacked as it comes (costly on a large corpus: for
    /// listings and tests).
    pub fn sources(&self) -> impl Iterator<Item = Arc<Source>> + '_ {
        (0..self.slots.len()).filter_map(|i| self.source(SourceId(i as u32)))
    }

    /// The text of source `id`, without unpacking its analysis.
    pub fn text(&self, id: SourceId) -> Option<&Arc<str>> {
        Some(&self.slots.get(id.0 as usize)?.as_ref()?.text)
    }

    /// Approximate bytes held by the sources (text and packed analyses).
    pub fn source_bytes(&self) -> usize {
        self.slots.iter().flatten().map(Stored::heap_bytes).sum()
    }
}

impl CorpusIndex for MemoryIndex {
    fn source_count(&self) -> usize {
        self.live
    }

    fn source(&self, id: SourceId) -> Option<Arc<Source>> {
        self.unpack(id)
    }

    fn passages(&self, normalized_words: &[String], limit: usize) -> Vec<Passage> {
        if limit == 0 {
            return Vec::new();
        }
        let query = grams::query_grams(normalized_words);
        if query.hashes.is_empty() {
            return Vec::new();
        }
        let candidates = self
            .grams
            .candidates(&query.hashes, limit.saturating_mul(2).max(4));
        let mut out = Vec::new();
        for (id, _) in candidates {
            let Some(text) = self.text(SourceId(id)) else {
                continue;
            };
            let tokens = self.tokens.get_or(SourceId(id), || grams::Tokens::of(text));
            for (span, score) in grams::locate_in(&tokens, &query, limit.min(4)) {
                out.push(Passage {
                    location: Location {
                        source: SourceId(id),
                        span,
                    },
                    score,
                });
            }
        }
        out.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then(a.location.source.cmp(&b.location.source))
                .then(a.location.span.start.cmp(&b.location.span.start))
        });
        out.truncate(limit);
        out
    }

    fn entities_named(&self, name: &str) -> Vec<Arc<CorpusEntity>> {
        self.names.named(name)
    }

    fn similar_names(&self, name: &str) -> Vec<(String, Arc<CorpusEntity>)> {
        self.names.similar(name)
    }

    fn entities(&self) -> Vec<Arc<CorpusEntity>> {
        self.names.all()
    }
}
