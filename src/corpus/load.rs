//! Loading a corpus: find its files, read and analyse each one (in parallel across
//! cores), and index them, reporting progress and every file that could not be used.
//!
//! This is the entry point the CLI and the language server call ([`load`]); one changed
//! file goes through [`load_one`] (see [`super::memory::MemoryIndex::update_file`]).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc};

use super::memory::MemoryIndex;
use super::read::{read_text, ReadFile};
use super::walk::{self, FileKind};
use super::{frontmatter, html, LoadProblem, Source, SourceId, SourceMeta};
use crate::analysis::{analyze, Analysis, TextFormat};
use crate::config::CorpusConfig;

/// How far loading has got, for a progress bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    /// Files read and analysed so far (including those that could not be used).
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
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LoadStats {
    pub files: usize,
    pub bytes: u64,
    /// Sources taken from the persisted index without reading their files again.
    pub from_cache: usize,
}

/// One file read and analysed, ready to be indexed.
pub struct LoadedFile {
    pub source: Source,
    pub size: u64,
    pub mtime_ns: u64,
    pub hash: u64,
    /// A warning about a file that was nonetheless loaded.
    pub warning: Option<LoadProblem>,
}

/// Load the corpus `cfg` describes. `progress` is called from the calling thread, at most
/// about a hundred times, the last time with `done == total`.
pub fn load(cfg: &CorpusConfig, progress: &dyn Fn(Progress)) -> Loaded {
    let found = walk::find(cfg);
    let mut problems = found.problems;
    let results = load_files(&found.files, cfg.max_file_size, progress);
    let mut files = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok(mut f) => {
                if let Some(w) = f.warning.take() {
                    problems.push(w);
                }
                files.push(f);
            }
            Err(p) => problems.push(p),
        }
    }
    let stats = LoadStats {
        files: files.len(),
        bytes: files.iter().map(|f| f.size).sum(),
        from_cache: 0,
    };
    let index = MemoryIndex::build(cfg.clone(), files);
    Loaded {
        index,
        problems,
        stats,
    }
}

/// Read and analyse `paths` on all cores; results in the order of `paths`, with source
/// ids in that order.
pub fn load_files(
    paths: &[PathBuf],
    max_size: u64,
    progress: &dyn Fn(Progress),
) -> Vec<Result<LoadedFile, LoadProblem>> {
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
    let mut slots: Vec<Option<Result<LoadedFile, LoadProblem>>> = Vec::new();
    slots.resize_with(total, || None);
    std::thread::scope(|scope| {
        let (tx, rx) = mpsc::channel::<(usize, Result<LoadedFile, LoadProblem>)>();
        for _ in 0..threads {
            let tx = tx.clone();
            let next = &next;
            scope.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(path) = paths.get(i) else { break };
                let result = load_one(path, SourceId(i as u32), max_size);
                if tx.send((i, result)).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        let mut done = 0;
        let mut bytes = 0;
        let mut last_pct = 0;
        for (i, result) in rx {
            done += 1;
            if let Ok(f) = &result {
                bytes += f.size;
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
    });
    slots
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
        .collect()
}

/// Read, convert and analyse one file.
pub fn load_one(path: &Path, id: SourceId, max_size: u64) -> Result<LoadedFile, LoadProblem> {
    let problem = |message: String| LoadProblem::skipped(path.to_path_buf(), message);
    let ReadFile {
        text,
        decoded_as_cp1252,
        size,
        mtime_ns,
    } = read_text(path, max_size).map_err(|e| problem(e.0))?;
    let hash = super::grams::word_hash(&text);
    let kind = FileKind::of(path).unwrap_or(FileKind::Text);
    let (text, meta, text_is_file, format) = prepare(kind, text);
    if text.trim().is_empty() {
        return Err(problem(
            "empty (no text to check against): skipped".to_string(),
        ));
    }
    let mut warning = None;
    if decoded_as_cp1252 {
        warning = Some(LoadProblem::warning(
            path.to_path_buf(),
            "not UTF-8: read as Windows-1252 (Latin-1); save it as UTF-8 if letters look wrong"
                .to_string(),
        ));
    }
    let text: Arc<str> = Arc::from(text);
    let analysis = match std::panic::catch_unwind(|| analyze(&text, format)) {
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
        source: Source {
            id,
            path: path.to_path_buf(),
            meta,
            text,
            text_is_file: text_is_file && !decoded_as_cp1252,
            analysis,
        },
        size,
        mtime_ns,
        hash,
        warning,
    })
}

/// The text to analyse, what the file says about itself, whether spans are file offsets,
/// and how to analyse it.
fn prepare(kind: FileKind, text: String) -> (String, SourceMeta, bool, TextFormat) {
    match kind {
        FileKind::Text => (text, SourceMeta::default(), true, TextFormat::Plain),
        FileKind::Markdown => {
            let (meta, masked) = frontmatter::split(&text);
            (masked.unwrap_or(text), meta, true, TextFormat::Markdown)
        }
        FileKind::Html => {
            let (article, meta) = html::extract(&text);
            (article, meta, false, TextFormat::Plain)
        }
    }
}
