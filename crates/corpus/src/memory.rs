//! The in-memory corpus index of a story folder or a newsroom archive.
//!
//! It holds what answers a query without reading the sources: an index of the running
//! text's words and word bigrams ([`super::grams`]), the capitalised words for near-miss
//! names ([`super::vocabulary`]), and each source's path and file stamp. It does not hold
//! the sources' text or analysis: a source a query needs is read and analysed from its
//! file when asked for ([`CorpusIndex::source`], about a fifth of a millisecond for a news
//! article), and the last few thousand are kept; the people and organisations a check asks
//! about are merged from the sources that name them ([`super::entities`]). So memory follows
//! the index, not the text. A source built elsewhere ([`MemoryIndex::insert`]) has no file and is held whole.
//! One changed file is re-indexed alone ([`MemoryIndex::update_file`]).
//!
//! It must not decide what a finding is, nor write the persisted index (that is
//! [`super::cache`]).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::entities::{NameIndex, NameSources};
use super::grams::{self, GramIndex};
pub use super::load::FileStamp;
use super::load::{load_one, read_one, FileIndexed, ReadSource};
use super::postings::Segment;
use super::recent::{Recent, RecentTokens};
use super::source_names::SourceNames;
use super::vocabulary::{capitalised_words, VocabularyBuilder};
use super::{CorpusEntity, CorpusIndex, LoadProblem, Passage, Source, SourceId};
use crate::corpus_config::CorpusConfig;

/// A source file read again after it changed, not yet in the index.
pub struct FileUpdate {
    path: PathBuf,
    read: Result<ReadSource, LoadProblem>,
}

impl FileUpdate {
    /// Read the file at `path` (at most `max_size` bytes).
    pub fn read(path: &Path, max_size: u64) -> FileUpdate {
        FileUpdate {
            path: path.to_path_buf(),
            read: read_one(path, max_size),
        }
    }
}

/// One source as the index keeps it.
#[derive(Clone, Debug)]
pub(super) struct Slot {
    pub path: PathBuf,
    /// What was known of its file when it was indexed (`None` for a source with no file).
    pub stamp: Option<FileStamp>,
    /// The source itself, for one built elsewhere that cannot be read again.
    pub resident: Option<Arc<Source>>,
}

/// All sources of a corpus, indexed in memory.
#[derive(Default)]
pub struct MemoryIndex {
    pub(super) config: Option<CorpusConfig>,
    /// `slots[id]`: the source with that id, `None` once removed (or never loaded).
    pub(super) slots: Vec<Option<Slot>>,
    /// Sources read and analysed lately.
    recent: Recent,
    /// Sources tokenized lately.
    tokens: RecentTokens,
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
    /// used), `segments` the postings of their bigrams, `words` their capitalised words.
    pub(super) fn build(
        config: CorpusConfig,
        files: Vec<Option<FileIndexed>>,
        segments: Vec<Segment>,
        words: VocabularyBuilder,
    ) -> MemoryIndex {
        let mut index = MemoryIndex {
            config: Some(config),
            ..MemoryIndex::default()
        };
        index.extend(files, segments, words);
        index
    }

    /// Put an index back together from its persisted parts.
    pub(super) fn from_parts(
        config: CorpusConfig,
        slots: Vec<Option<Slot>>,
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
            recent: Recent::with_bound(super::recent::FOLDER_RECENT_BYTES),
            tokens: RecentTokens::with_bound(super::recent::FOLDER_RECENT_TOKEN_BYTES),
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

    /// Add sources loaded together with their segments and capitalised words; their ids
    /// follow the existing ones (`files[i]` has id `self.id_count() + i`).
    pub(super) fn extend(
        &mut self,
        files: Vec<Option<FileIndexed>>,
        segments: Vec<Segment>,
        words: VocabularyBuilder,
    ) {
        for s in segments {
            self.grams.add_segment(s);
        }
        for f in files {
            let i = self.slots.len();
            match f {
                Some(f) => {
                    self.by_path.insert(f.path.clone(), SourceId(i as u32));
                    self.slots.push(Some(Slot {
                        path: f.path,
                        stamp: Some(f.stamp),
                        resident: None,
                    }));
                    self.live += 1;
                }
                None => self.slots.push(None),
            }
        }
        let t = std::time::Instant::now();
        if self.names.vocabulary.is_empty() {
            self.names = NameIndex::new(words.finish());
            if std::env::var_os("SOURCED_CACHE_TRACE").is_some() {
                eprintln!(
                    "vocabulary: {} words in {:?}",
                    self.names.vocabulary.len(),
                    t.elapsed()
                );
            }
        } else {
            let words = words.into_words();
            self.names.vocabulary.add(words.iter().map(String::as_str));
        }
        self.names.forget_answers();
    }

    /// Source `id`, from the recent ones when it is there, else read and analysed again.
    fn materialise(&self, id: SourceId) -> Option<Arc<Source>> {
        let slot = self.slots.get(id.0 as usize)?.as_ref()?;
        if let Some(s) = &slot.resident {
            return Some(Arc::clone(s));
        }
        if let Some(s) = self.recent.get(id) {
            return Some(s);
        }
        let loaded = load_one(&slot.path, id, self.max_file_size()).ok()?;
        let source = Arc::new(loaded.source);
        self.recent.put(Arc::clone(&source));
        Some(source)
    }

    /// The text of source `id` (without analysing it when it is not at hand).
    fn text_of(&self, id: SourceId) -> Option<Arc<str>> {
        let slot = self.slots.get(id.0 as usize)?.as_ref()?;
        if let Some(s) = &slot.resident {
            return Some(Arc::clone(&s.text));
        }
        if let Some(s) = self.recent.peek(id) {
            return Some(Arc::clone(&s.text));
        }
        read_one(&slot.path, self.max_file_size())
            .ok()
            .map(|r| r.text)
    }

    /// How many source ids have been given out (live or not).
    pub fn id_count(&self) -> usize {
        self.slots.len()
    }

    /// Whether source `id` is in the index.
    pub fn is_live(&self, id: SourceId) -> bool {
        matches!(self.slots.get(id.0 as usize), Some(Some(_)))
    }

    /// Record that the file of source `id` was seen unchanged with a new modification time.
    pub(super) fn restamp(&mut self, id: SourceId, stamp: FileStamp) {
        if let Some(Some(s)) = self.slots.get_mut(id.0 as usize) {
            s.stamp = Some(stamp);
        }
    }

    /// Add one source built elsewhere (tests, other front ends); returns its id. It is
    /// held whole: there is no file to read it from again.
    pub fn insert(&mut self, mut source: Source) -> SourceId {
        if let Some(&old) = self.by_path.get(&source.path) {
            self.remove_id(old);
        }
        let id = SourceId(self.slots.len() as u32);
        source.id = id;
        let source = Arc::new(source);
        self.index_source(
            Slot {
                path: source.path.clone(),
                stamp: None,
                resident: Some(Arc::clone(&source)),
            },
            id,
            &source.text,
        );
        id
    }

    /// Index source `id`, whose text is `text`.
    fn index_source(&mut self, slot: Slot, id: SourceId, text: &str) {
        self.grams.add(id.0, &grams::text_grams(text));
        let mut words = Vec::new();
        capitalised_words(text, |w| words.push(w.to_string()));
        self.names.vocabulary.add(words.iter().map(String::as_str));
        self.names.forget_answers();
        self.by_path.insert(slot.path.clone(), id);
        let i = id.0 as usize;
        if self.slots.len() <= i {
            self.slots.resize(i + 1, None);
        }
        self.recent.forget(id);
        self.tokens.forget(id);
        self.slots[i] = Some(slot);
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
        self.names.forget_answers();
        self.by_path.remove(&old_path);
        self.slots[i] = None;
        self.live -= 1;
    }

    /// Re-read one source file after it changed on disk (or appeared). The file keeps its
    /// source id when it had one. On failure the old version is dropped and the problem
    /// returned. A warning about a file that was nonetheless read (not UTF-8) comes with
    /// the id. ([`FileUpdate::read`] then [`Self::apply`] do the same with the reading
    /// done outside whatever lock guards the index.)
    pub fn update_file(
        &mut self,
        path: &Path,
    ) -> Result<(SourceId, Option<LoadProblem>), LoadProblem> {
        self.apply(FileUpdate::read(path, self.max_file_size()))
    }

    /// Put a file read again in place of its old version (see [`Self::update_file`]).
    pub fn apply(
        &mut self,
        update: FileUpdate,
    ) -> Result<(SourceId, Option<LoadProblem>), LoadProblem> {
        let id = self
            .by_path
            .get(&update.path)
            .copied()
            .unwrap_or(SourceId(self.slots.len() as u32));
        self.remove_id(id);
        let mut f = update.read?;
        let warning = f.warning.take();
        let slot = Slot {
            path: update.path,
            stamp: Some(f.stamp),
            resident: None,
        };
        self.index_source(slot, id, &f.text);
        Ok((id, warning))
    }

    /// The largest source file read.
    pub fn max_file_size(&self) -> u64 {
        self.config
            .as_ref()
            .map_or(crate::corpus_config::DEFAULT_MAX_FILE_SIZE, |c| {
                c.max_file_size
            })
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

    /// The sources that are the draft at `draft` itself: the file at that path, and the
    /// files with the same bytes (a copy of it among the sources). A draft is never its
    /// own source: every quote would be found, word for word, in itself. The draft's file
    /// is read only when a source has its size.
    pub fn copies_of_draft(&self, draft: &Path) -> Vec<SourceId> {
        let mut out: Vec<SourceId> = self.source_id(draft).into_iter().collect();
        let Ok((size, _)) = super::read::stat(draft) else {
            return out;
        };
        let same_size: Vec<SourceId> = self
            .slots
            .iter()
            .enumerate()
            .filter(|(_, s)| {
                s.as_ref()
                    .and_then(|s| s.stamp)
                    .is_some_and(|st| st.size == size)
            })
            .map(|(i, _)| SourceId(i as u32))
            .collect();
        if same_size.is_empty() {
            return out;
        }
        let Ok(read) = super::read::read_text(draft, self.max_file_size()) else {
            return out;
        };
        for id in same_size {
            if self.stamp(id).is_some_and(|st| st.hash == read.hash) && !out.contains(&id) {
                out.push(id);
            }
        }
        out
    }

    /// Take source `id` out of the index (a draft found among the sources); the path of
    /// its file, when it was in the index.
    pub fn hide(&mut self, id: SourceId) -> Option<PathBuf> {
        let path = self.slots.get(id.0 as usize)?.as_ref()?.path.clone();
        self.remove_id(id);
        Some(path)
    }

    /// Whether some source's file lies inside the folder `folder`.
    pub fn has_sources_under(&self, folder: &Path) -> bool {
        self.slots
            .iter()
            .flatten()
            .any(|s| s.stamp.is_some() && s.path.starts_with(folder))
    }

    /// The path of source `id`'s file, without reading it.
    pub fn path_of(&self, id: SourceId) -> Option<&Path> {
        Some(self.slots.get(id.0 as usize)?.as_ref()?.path.as_path())
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
        self.slots.get(id.0 as usize)?.as_ref()?.stamp
    }

    /// Total bytes of the sources' files.
    pub fn text_bytes(&self) -> u64 {
        self.slots
            .iter()
            .flatten()
            .map(|s| match &s.resident {
                Some(r) => r.text.len() as u64,
                None => s.stamp.map_or(0, |st| st.size),
            })
            .sum()
    }

    /// Approximate bytes held by the posting lists.
    pub fn postings_bytes(&self) -> usize {
        self.grams.heap_bytes()
    }

    /// All live sources, each read and analysed as it comes (costly on a large corpus:
    /// for listings and tests).
    pub fn sources(&self) -> impl Iterator<Item = Arc<Source>> + '_ {
        (0..self.slots.len()).filter_map(|i| self.source(SourceId(i as u32)))
    }

    /// After the index was saved to `file`: use the saved tables in place (memory-mapped)
    /// instead of those built in memory, which frees them (after a load from the files:
    /// the posting segments and the vocabulary). Nothing changes when the file cannot be read
    /// back or does not hold the same sources with the same stamps.
    pub(super) fn adopt_saved(&mut self, file: &Path) {
        let Some(cfg) = self.config.clone() else {
            return;
        };
        let Ok(saved) = super::cache::read(file, &cfg) else {
            return;
        };
        let same = saved.slots.len() == self.slots.len()
            && saved.live == self.live
            && saved.grams.stale().count() == self.grams.stale().count()
            && self
                .slots
                .iter()
                .zip(&saved.slots)
                .all(|(a, b)| match (a, b) {
                    (Some(a), Some(b)) => a.path == b.path && a.stamp == b.stamp,
                    (None, None) => true,
                    _ => false,
                });
        if same {
            self.grams = saved.grams;
            self.names = saved.names;
        }
    }

    /// Whether a source is held whole rather than read from its file when needed (such
    /// sources are not persisted).
    pub(super) fn has_resident(&self) -> bool {
        self.slots.iter().flatten().any(|s| s.resident.is_some())
    }
}

impl CorpusIndex for MemoryIndex {
    fn source_count(&self) -> usize {
        self.live
    }

    fn source(&self, id: SourceId) -> Option<Arc<Source>> {
        self.materialise(id)
    }

    fn source_text(&self, id: SourceId) -> Option<Arc<str>> {
        self.text_of(id)
    }

    fn passages(&self, normalized_words: &[String], limit: usize) -> Vec<Passage> {
        grams::passages(
            normalized_words,
            limit,
            |hashes, n| self.grams.candidates(hashes, n),
            &self.tokens,
            |id| self.text_of(id),
        )
    }

    fn entities_named(&self, name: &str) -> Vec<Arc<CorpusEntity>> {
        self.names.named(self, name)
    }

    fn similar_names(&self, name: &str) -> Vec<(String, Arc<CorpusEntity>)> {
        self.names.similar(self, name)
    }

    fn entities_containing(&self, part: &str, limit: usize) -> Vec<Arc<CorpusEntity>> {
        self.names.containing(self, part, limit)
    }
}

impl NameSources for MemoryIndex {
    fn sources_with_word(&self, norm: &str) -> Vec<u32> {
        self.grams.sources_with(grams::word_hash(norm))
    }

    fn first_sources(&self, limit: usize) -> Vec<u32> {
        (0..self.slots.len() as u32)
            .filter(|&i| self.is_live(SourceId(i)))
            .take(limit)
            .collect()
    }

    fn source_names(&self, id: SourceId) -> Option<SourceNames> {
        let source = self.materialise(id)?;
        Some(SourceNames::of(id, &source.analysis))
    }

    fn near_words(&self, word: &str, k: usize) -> Vec<String> {
        self.names.vocabulary.near(word, k)
    }

    fn words_containing(&self, part: &str, limit: usize) -> Vec<String> {
        self.names.vocabulary.containing(part, limit)
    }
}
