//! The in-memory corpus index of a story folder (or an archive that fits in memory).
//!
//! It holds every source, an index of the running text's word bigrams
//! ([`super::grams`]) and the people and organisations merged across sources
//! ([`super::names`]). One changed file is re-indexed alone ([`MemoryIndex::update_file`]).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::grams::{self, GramIndex};
use super::load::{load_one, LoadedFile};
use super::names::NameIndex;
use super::{CorpusEntity, CorpusIndex, LoadProblem, Location, Passage, Source, SourceId};
use crate::config::CorpusConfig;

/// What is known of a source's file, to tell whether it changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileStamp {
    pub size: u64,
    pub mtime_ns: u64,
    pub hash: u64,
}

/// All sources of a corpus, held in memory, with their indexes.
#[derive(Default)]
pub struct MemoryIndex {
    config: Option<CorpusConfig>,
    /// `slots[id]`: the source with that id, `None` once removed.
    slots: Vec<Option<Arc<Source>>>,
    stamps: Vec<Option<FileStamp>>,
    by_path: FxHashMap<PathBuf, SourceId>,
    grams: GramIndex,
    names: NameIndex,
    live: usize,
}

impl MemoryIndex {
    pub fn new() -> MemoryIndex {
        MemoryIndex::default()
    }

    /// Index loaded files; their source ids must be `0..files.len()` in order (as
    /// [`super::load::load_files`] gives them, minus failures).
    pub fn build(config: CorpusConfig, files: Vec<LoadedFile>) -> MemoryIndex {
        let mut index = MemoryIndex {
            config: Some(config),
            ..MemoryIndex::default()
        };
        // Ids are dense in the index: renumber past the files that failed.
        let mut sources = Vec::with_capacity(files.len());
        for (i, f) in files.into_iter().enumerate() {
            let mut source = f.source;
            source.id = SourceId(i as u32);
            index.by_path.insert(source.path.clone(), source.id);
            index.stamps.push(Some(FileStamp {
                size: f.size,
                mtime_ns: f.mtime_ns,
                hash: f.hash,
            }));
            let g = grams::text_grams(&source.text);
            index.grams.add(source.id.0, &g);
            sources.push(source);
        }
        let refs: Vec<&Source> = sources.iter().collect();
        index.names.add_sources(&refs, &|_| None);
        index.live = sources.len();
        index.slots = sources.into_iter().map(|s| Some(Arc::new(s))).collect();
        index
    }

    /// Add one source built elsewhere (tests, other front ends); returns its id.
    pub fn insert(&mut self, mut source: Source) -> SourceId {
        if let Some(&old) = self.by_path.get(&source.path) {
            self.remove_id(old);
        }
        let id = SourceId(self.slots.len() as u32);
        source.id = id;
        self.index_source(source, None);
        id
    }

    fn index_source(&mut self, source: Source, stamp: Option<FileStamp>) {
        let id = source.id;
        let g = grams::text_grams(&source.text);
        self.grams.add(id.0, &g);
        let slots = &self.slots;
        self.names.add_sources(&[&source], &|sid: SourceId| {
            slots.get(sid.0 as usize).and_then(|s| s.as_deref())
        });
        self.by_path.insert(source.path.clone(), id);
        let i = id.0 as usize;
        if self.slots.len() <= i {
            self.slots.resize(i + 1, None);
            self.stamps.resize(i + 1, None);
        }
        self.slots[i] = Some(Arc::new(source));
        self.stamps[i] = stamp;
        self.live += 1;
    }

    fn remove_id(&mut self, id: SourceId) {
        let i = id.0 as usize;
        let Some(Some(old)) = self.slots.get(i).cloned() else {
            return;
        };
        self.grams.remove(id.0, &grams::text_grams(&old.text));
        let slots = &self.slots;
        let lookup = |sid: SourceId| -> Option<&Source> {
            if sid == id {
                return None;
            }
            slots.get(sid.0 as usize).and_then(|s| s.as_deref())
        };
        self.names.remove_source(id, &lookup);
        self.by_path.remove(&old.path);
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
        let stamp = FileStamp {
            size: f.size,
            mtime_ns: f.mtime_ns,
            hash: f.hash,
        };
        self.index_source(f.source, Some(stamp));
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

    /// All live sources.
    pub fn sources(&self) -> impl Iterator<Item = &Arc<Source>> {
        self.slots.iter().flatten()
    }
}

impl CorpusIndex for MemoryIndex {
    fn source_count(&self) -> usize {
        self.live
    }

    fn source(&self, id: SourceId) -> Option<Arc<Source>> {
        self.slots.get(id.0 as usize).cloned().flatten()
    }

    fn passages(&self, normalized_words: &[String], limit: usize) -> Vec<Passage> {
        if limit == 0 {
            return Vec::new();
        }
        let query = grams::query_grams(normalized_words);
        if query.is_empty() {
            return Vec::new();
        }
        let candidates = self
            .grams
            .candidates(&query, limit.saturating_mul(2).max(4));
        let mut out = Vec::new();
        for (id, _) in candidates {
            let Some(source) = self.source(SourceId(id)) else {
                continue;
            };
            for (span, score) in grams::locate(&source.text, &query, limit.min(4)) {
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
