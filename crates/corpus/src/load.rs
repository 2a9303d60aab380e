//! Loading a corpus: find its files, read each one and index its words (in parallel
//! across cores), reporting progress and every file that could not be used. Nothing is
//! analysed here: a source's analysis is made when a query needs it ([`load_one`], see
//! [`super::entities`]).
//!
//! This is the entry point the CLI and the language server call ([`load`]); one changed
//! file goes through [`load_one`] (see [`super::memory::MemoryIndex::update_file`]).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::cache;
use super::grams::{text_grams_and_capitals_into, GramScratch};
use super::memory::MemoryIndex;
use super::postings::{Segment, SegmentBuilder};
use super::read::{read_text, ReadFile};
use super::vocabulary::VocabularyBuilder;
use super::walk::{self, FileKind};
use super::{frontmatter, html, CorpusIndex, LoadProblem, Source, SourceId, SourceMeta};
use crate::corpus_config::CorpusConfig;
use sourced_core::analysis::{analyze, Analysis, TextFormat};

/// How far loading has got, for a progress bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    /// Files read and indexed so far (including those that could not be used).
    pub done: usize,
    pub total: usize,
    /// Bytes of source text read so far.
    pub bytes: u64,
}

impl Progress {
    pub fn percentage(&self) -> u32 {
        (self.done * 100).checked_div(self.total).unwrap_or(100) as u32
    }
}

/// A loaded corpus: the index, and the files that could not be used (or were used with a
/// warning, see [`LoadProblem::skipped`]).
pub struct Loaded {
    pub index: MemoryIndex,
    pub problems: Vec<LoadProblem>,
    pub stats: LoadStats,
}

/// What loading did, for status messages and benchmarks.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LoadStats {
    /// Sources loaded, and the bytes of their files.
    pub files: usize,
    pub bytes: u64,
    /// Sources taken from the persisted index without reading their files again.
    pub from_cache: usize,
    /// Files read again (new or changed) or dropped (deleted) since the index was saved.
    pub changed: usize,
    /// Files found touched but with the same content (their new stamps are saved, so
    /// that the next start does not read them again).
    pub restamped: usize,
    /// Why the persisted index was not used, when there was one.
    pub cache: Option<String>,
    /// Time spent listing the files, reading them and indexing their words (or checking
    /// the persisted index), putting the index together, and saving it.
    pub walk: Duration,
    pub read: Duration,
    pub index: Duration,
    pub save: Duration,
}

/// One file read and analysed.
pub struct LoadedFile {
    pub source: Source,
    pub stamp: FileStamp,
    /// A warning about a file that was nonetheless loaded.
    pub warning: Option<LoadProblem>,
}

/// What the index keeps of a file once its bigrams went into a segment: its text is
/// dropped (a query that needs it reads the file again).
pub struct FileIndexed {
    pub path: PathBuf,
    pub stamp: FileStamp,
    /// A warning about a file that was nonetheless loaded.
    pub warning: Option<LoadProblem>,
}

/// What is known of a source's file, to tell whether it changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileStamp {
    pub size: u64,
    /// When the file last changed: the later of its modification and inode change times.
    pub mtime_ns: u64,
    /// Hash of the file's bytes.
    pub hash: u64,
}

/// Postings a loading thread collects before it writes them out as a segment.
const SEGMENT_PAIRS: usize = 6_000_000;

/// Load the corpus `cfg` describes: from its persisted index when there is a valid one
/// (reading again only the files that changed), else from the files; the persisted index
/// is then (re)written. `progress` is called from the calling thread, at most about a
/// hundred times, the last time with `done == total`.
pub fn load(cfg: &CorpusConfig, progress: &dyn Fn(Progress)) -> Loaded {
    // Listing the files and reading the persisted index are independent: on two cores.
    let mut refused = None;
    let cache_file = match &cfg.cache_dir {
        Some(dir) => match cache::refusal(dir, cfg) {
            Some(why) => {
                refused = Some(LoadProblem::warning(dir.clone(), why));
                None
            }
            None => Some(cache::file_for(dir, cfg)),
        },
        None => None,
    };
    let (found, walk_time, cached) = std::thread::scope(|scope| {
        let walker = scope.spawn(|| {
            let t0 = Instant::now();
            (walk::find(cfg), t0.elapsed())
        });
        let cached = cache_file.as_ref().map(|file| cache::read(file, cfg));
        let (found, walk_time) = walker.join().unwrap_or_else(|_| {
            let mut found = walk::Found::default();
            found.problems.push(LoadProblem::skipped(
                cfg.base.clone(),
                "the corpus folders could not be listed (internal error)".to_string(),
            ));
            (found, Duration::ZERO)
        });
        (found, walk_time, cached)
    });
    let mut cache_note = None;
    if let (Some(file), Some(cached)) = (&cache_file, cached) {
        match cached {
            Ok(index) => {
                if let Some(mut loaded) = warm(index, &found, cfg, progress) {
                    loaded.stats.walk = walk_time;
                    if loaded.stats.changed > 0 || loaded.stats.restamped > 0 {
                        save(&mut loaded.index, file, &mut loaded.problems);
                    }
                    return loaded;
                }
                cache_note = Some("too many files changed: rebuilt".to_string());
            }
            Err(cache::CacheMiss::Absent) => {}
            Err(cache::CacheMiss::Invalid(why)) => cache_note = Some(format!("{why}: rebuilt")),
        }
    }
    let t1 = Instant::now();
    let mut problems = found.problems;
    problems.extend(refused);
    let (results, segments, vocabulary) = load_files(&found.files, 0, cfg.max_file_size, progress);
    let read_time = t1.elapsed();
    let t2 = Instant::now();
    let files = split_problems(results, &mut problems);
    // Number the sources that loaded densely, so that ids run from 0 to the count.
    let mut new_ids = Vec::with_capacity(files.len());
    let mut next = 0u32;
    for f in &files {
        new_ids.push(next);
        if f.is_some() {
            next += 1;
        }
    }
    let mut segments = segments;
    for s in &mut segments {
        s.renumber(|old| new_ids.get(old as usize).copied());
    }
    let files: Vec<Option<FileIndexed>> = files.into_iter().filter(Option::is_some).collect();
    let mut stats = LoadStats {
        files: files.iter().flatten().count(),
        bytes: files.iter().flatten().map(|f| f.stamp.size).sum(),
        walk: walk_time,
        read: read_time,
        changed: files.len(),
        cache: cache_note,
        ..LoadStats::default()
    };
    let mut index = MemoryIndex::build(cfg.clone(), files, segments, vocabulary);
    stats.index = t2.elapsed();
    if let Some(file) = &cache_file {
        let t3 = Instant::now();
        save(&mut index, file, &mut problems);
        stats.save = t3.elapsed();
    }
    Loaded {
        index,
        problems,
        stats,
    }
}

/// Save the index; once saved, it uses the saved tables in place (memory-mapped), which
/// frees the ones built in memory (see [`MemoryIndex::adopt_saved`]).
fn save(index: &mut MemoryIndex, file: &Path, problems: &mut Vec<LoadProblem>) {
    match cache::write(index, file) {
        Ok(()) => index.adopt_saved(file),
        Err(e) => problems.push(LoadProblem::warning(
            file.to_path_buf(),
            format!("the index cache could not be saved ({e}); the next start will be slower"),
        )),
    }
}

fn split_problems(
    results: Vec<Result<FileIndexed, LoadProblem>>,
    problems: &mut Vec<LoadProblem>,
) -> Vec<Option<FileIndexed>> {
    results
        .into_iter()
        .map(|r| match r {
            Ok(mut f) => {
                if let Some(w) = f.warning.take() {
                    problems.push(w);
                }
                Some(f)
            }
            Err(p) => {
                problems.push(p);
                None
            }
        })
        .collect()
}

/// Bring a persisted index up to date with the files found now: files whose size and
/// change time (or, failing that, content hash) are unchanged are taken as they
/// are; the others are read again. `None` when so much changed that loading from the
/// files is better (it also compacts the index).
fn warm(
    mut index: MemoryIndex,
    found: &walk::Found,
    cfg: &CorpusConfig,
    progress: &dyn Fn(Progress),
) -> Option<Loaded> {
    let t1 = Instant::now();
    let mut problems = found.problems.clone();
    let mut restamped = 0;
    let mut seen = vec![false; index.id_count()];
    let mut to_read: Vec<PathBuf> = Vec::new();
    let mut gone: Vec<SourceId> = Vec::new();
    let stamps = stat_all(&found.files);
    for (path, now) in found.files.iter().zip(stamps) {
        let Some(id) = index.source_id(path) else {
            to_read.push(path.clone());
            continue;
        };
        if let Some(s) = seen.get_mut(id.0 as usize) {
            *s = true;
        }
        let old = index.stamp(id);
        match (now, old) {
            (Ok((size, mtime)), Some(old)) if size == old.size && mtime == old.mtime_ns => {}
            (Ok((size, mtime)), Some(old)) if size == old.size => {
                // Touched: unchanged if the content is the same.
                match std::fs::read(path) {
                    Ok(bytes) if super::read::content_hash(&bytes) == old.hash => {
                        restamped += 1;
                        index.restamp(
                            id,
                            FileStamp {
                                size,
                                mtime_ns: mtime,
                                hash: old.hash,
                            },
                        );
                    }
                    _ => {
                        gone.push(id);
                        to_read.push(path.clone());
                    }
                }
            }
            _ => {
                gone.push(id);
                to_read.push(path.clone());
            }
        }
    }
    for (i, s) in seen.iter().enumerate() {
        if !s && index.is_live(SourceId(i as u32)) {
            gone.push(SourceId(i as u32));
        }
    }
    let stale_after = index.grams.stale().count() + gone.len();
    if stale_after > index.id_count() / 4 + 64 {
        return None;
    }
    index.remove_ids(&gone);
    let first_id = index.id_count() as u32;
    let (results, segments, vocabulary) =
        load_files(&to_read, first_id, cfg.max_file_size, progress);
    let files = split_problems(results, &mut problems);
    let changed = to_read.len() + gone.len();
    index.extend(files, segments, vocabulary);
    let bytes = (0..index.id_count() as u32)
        .filter_map(|i| index.stamp(SourceId(i)))
        .map(|s| s.size)
        .sum();
    let stats = LoadStats {
        files: index.source_count(),
        bytes,
        from_cache: index.source_count().saturating_sub(to_read.len()),
        changed,
        restamped,
        read: t1.elapsed(),
        ..LoadStats::default()
    };
    Some(Loaded {
        index,
        problems,
        stats,
    })
}

/// Size and change time of each file, on all cores (a hundred thousand `stat`
/// calls are a good part of a warm start).
fn stat_all(paths: &[PathBuf]) -> Vec<Result<(u64, u64), super::read::ReadError>> {
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(4);
    if threads < 2 || paths.len() < 1024 {
        return paths.iter().map(|p| super::read::stat(p)).collect();
    }
    let per = paths.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let parts: Vec<_> = paths
            .chunks(per)
            .map(|chunk| {
                scope.spawn(move || {
                    chunk
                        .iter()
                        .map(|p| super::read::stat(p))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        parts
            .into_iter()
            .zip(paths.chunks(per))
            .flat_map(|(h, chunk)| {
                h.join()
                    .unwrap_or_else(|_| chunk.iter().map(|p| super::read::stat(p)).collect())
            })
            .collect()
    })
}

/// Read `paths` and index their words on all cores: results in the order of `paths`
/// (the source id of `paths[i]` is `first_id + i`), the posting segments of their
/// bigrams, and their capitalised words.
pub fn load_files(
    paths: &[PathBuf],
    first_id: u32,
    max_size: u64,
    progress: &dyn Fn(Progress),
) -> (
    Vec<Result<FileIndexed, LoadProblem>>,
    Vec<Segment>,
    VocabularyBuilder,
) {
    let total = paths.len();
    progress(Progress {
        done: 0,
        total,
        bytes: 0,
    });
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(total.max(1));
    let next = AtomicUsize::new(0);
    let mut slots: Vec<Option<Result<FileIndexed, LoadProblem>>> = Vec::new();
    slots.resize_with(total, || None);
    let mut segments = Vec::new();
    let mut vocabulary = VocabularyBuilder::default();
    std::thread::scope(|scope| {
        let (tx, rx) = mpsc::channel::<(usize, Result<FileIndexed, LoadProblem>)>();
        let mut workers = Vec::new();
        for _ in 0..threads {
            let tx = tx.clone();
            let next = &next;
            workers.push(scope.spawn(move || {
                let mut segments = Vec::new();
                let mut words = VocabularyBuilder::default();
                let mut builder = SegmentBuilder::with_capacity(SEGMENT_PAIRS);
                let mut scratch = GramScratch::default();
                let mut grams = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(path) = paths.get(i) else { break };
                    let id = first_id.saturating_add(i as u32);
                    let result = read_one(path, max_size).map(|f| {
                        text_grams_and_capitals_into(&f.text, &mut scratch, &mut grams, &mut words);
                        builder.add(id, &grams);
                        if builder.len() >= SEGMENT_PAIRS {
                            segments.push(builder.finish());
                        }
                        FileIndexed {
                            path: path.clone(),
                            stamp: f.stamp,
                            warning: f.warning,
                        }
                    });
                    if tx.send((i, result)).is_err() {
                        break;
                    }
                }
                if !builder.is_empty() {
                    segments.push(builder.finish());
                }
                // Sorting this thread's words here overlaps the other threads' reading.
                words.seal();
                (segments, words)
            }));
        }
        drop(tx);
        let mut done = 0;
        let mut bytes = 0;
        let mut last_pct = 0;
        for (i, result) in rx {
            done += 1;
            if let Ok(f) = &result {
                bytes += f.stamp.size;
            }
            if let Some(slot) = slots.get_mut(i) {
                *slot = Some(result);
            }
            let p = Progress { done, total, bytes };
            if p.percentage() != last_pct || done == total {
                last_pct = p.percentage();
                progress(p);
            }
        }
        for w in workers {
            match w.join() {
                Ok((mut s, words)) => {
                    segments.append(&mut s);
                    vocabulary.absorb(words);
                }
                Err(_) => {
                    // A thread died (a panic outside the guarded analysis): its files were
                    // reported through the channel; their postings are rebuilt below.
                }
            }
        }
    });
    let results = slots
        .into_iter()
        .zip(paths)
        .map(|(slot, path)| {
            slot.unwrap_or_else(|| {
                Err(LoadProblem::skipped(
                    path.clone(),
                    "was not read (internal error)".to_string(),
                ))
            })
        })
        .collect();
    (results, segments, vocabulary)
}

/// One file read and converted, not analysed.
pub struct ReadSource {
    pub text: Arc<str>,
    pub meta: SourceMeta,
    pub page: Option<Arc<str>>,
    pub format: TextFormat,
    pub text_is_file: bool,
    pub stamp: FileStamp,
    pub warning: Option<LoadProblem>,
}

/// Read and convert one file (the article text of a page, Markdown's front matter
/// masked), without analysing it.
pub fn read_one(path: &Path, max_size: u64) -> Result<ReadSource, LoadProblem> {
    let problem = |message: String| LoadProblem::skipped(path.to_path_buf(), message);
    let ReadFile {
        text,
        decoded_as_cp1252,
        size,
        mtime_ns,
        hash,
    } = read_text(path, max_size).map_err(|e| {
        // Only files listed by the walk or known to the index are read here.
        if e.is_not_found() {
            problem(super::read::VANISHED.to_string())
        } else {
            problem(e.0)
        }
    })?;
    let kind = FileKind::of(path).unwrap_or(FileKind::Text);
    let (text, meta, page, format, flattened) = prepare(kind, text);
    let text_is_file = page.is_none() && !decoded_as_cp1252;
    if text.trim().is_empty() {
        return Err(problem(
            "empty (no text to check against): skipped".to_string(),
        ));
    }
    let mut notes = Vec::new();
    if decoded_as_cp1252 {
        notes.push(
            "not UTF-8: read as Windows-1252 (Latin-1); save it as UTF-8 if letters look wrong"
                .to_string(),
        );
    }
    if flattened > 0 {
        notes.push(format!(
            "cut short: its markup nests elements more than {} deep, so {flattened} tags past that depth were ignored (its text is read, but paragraphs in that part may run together)",
            html::MAX_DEPTH
        ));
    }
    let warning =
        (!notes.is_empty()).then(|| LoadProblem::warning(path.to_path_buf(), notes.join("; ")));
    Ok(ReadSource {
        text: Arc::from(text),
        meta,
        page,
        format,
        text_is_file,
        stamp: FileStamp {
            size,
            mtime_ns,
            hash,
        },
        warning,
    })
}

/// Read, convert and analyse one file.
pub fn load_one(path: &Path, id: SourceId, max_size: u64) -> Result<LoadedFile, LoadProblem> {
    let read = read_one(path, max_size)?;
    let mut warning = read.warning;
    let analysis = match std::panic::catch_unwind(|| analyze(&read.text, read.format)) {
        Ok(a) => a,
        Err(_) => {
            warning = Some(LoadProblem::warning(
                path.to_path_buf(),
                "could not be analysed (internal error): only its running text is searched"
                    .to_string(),
            ));
            Analysis::default()
        }
    };
    Ok(LoadedFile {
        stamp: read.stamp,
        source: Source {
            id,
            path: path.to_path_buf(),
            meta: read.meta,
            text: read.text,
            text_is_file: read.text_is_file,
            page: read.page,
            analysis,
        },
        warning,
    })
}

/// The text to analyse, what the file says about itself, the page when the text was
/// extracted from HTML (spans are then not file offsets), and how to analyse it.
/// Also how many tags of a page nested too deep were ignored.
fn prepare(
    kind: FileKind,
    text: String,
) -> (String, SourceMeta, Option<Arc<str>>, TextFormat, usize) {
    match kind {
        FileKind::Text => (text, SourceMeta::default(), None, TextFormat::Plain, 0),
        FileKind::Markdown => {
            let (meta, masked) = frontmatter::split(&text);
            (masked.unwrap_or(text), meta, None, TextFormat::Markdown, 0)
        }
        FileKind::Html => {
            let article = html::extract(&text);
            (
                article.text,
                article.meta,
                Some(Arc::from(text)),
                TextFormat::Plain,
                article.flattened,
            )
        }
    }
}
