//! Reading files into the archive: found and read exactly as the story loader finds and
//! reads them ([`sourced_corpus::walk`], [`sourced_corpus::load::read_one`]), the same
//! problems reported by name. A file whose size and modification time are those archived
//! is not read again; one read again with the same content hash is kept as it is; with
//! `prune`, archived files under the given paths that are no longer there are removed.
//!
//! Files are read on all cores and written in batches, each batch one transaction: a
//! reader sees a batch entirely or not at all. Each file is written under an advisory
//! lock on its path, taken in one order by every ingest, and checked again under that
//! lock, so two ingests at once neither corrupt nor duplicate anything (a deadlock the
//! database breaks is retried).

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use postgres::{Client, Transaction};
use rustc_hash::FxHashMap;
use sourced_core::analysis::TextFormat;
use sourced_core::index::LoadProblem;
use sourced_corpus::corpus_config::{CorpusConfig, DEFAULT_MAX_FILE_SIZE};
use sourced_corpus::grams::text_grams;
use sourced_corpus::load::{read_one, ReadSource};
use sourced_corpus::vocabulary::capitalised_words;
use sourced_corpus::walk;

use crate::error::is_retryable;
use crate::{pool, schema, ArchiveError, ArchiveUrl};

#[derive(Clone, Debug)]
pub struct IngestOptions {
    /// Remove archived files under the given paths that are no longer there.
    pub prune: bool,
    /// Files larger than this are reported and skipped, as in a story folder.
    pub max_file_size: u64,
}

impl Default for IngestOptions {
    fn default() -> IngestOptions {
        IngestOptions {
            prune: false,
            max_file_size: DEFAULT_MAX_FILE_SIZE,
        }
    }
}

/// How far an ingest has got, for a progress line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IngestProgress {
    /// Files written (or found unchanged, or that could not be read) of those to read.
    pub done: usize,
    pub total: usize,
    /// Bytes of the files read so far.
    pub bytes: u64,
}

/// What an ingest did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct IngestReport {
    /// Files found under the paths.
    pub found: usize,
    pub added: usize,
    pub updated: usize,
    /// Files found as archived (same size and time, or read again with the same content).
    pub unchanged: usize,
    pub removed: usize,
    /// Bytes of the files added or updated.
    pub bytes: u64,
    /// Files that could not be used (or were used with a warning), by name.
    pub problems: Vec<LoadProblem>,
    pub elapsed: Duration,
}

/// Files written in one transaction, at most.
const BATCH_FILES: usize = 64;
/// Bytes of text written in one transaction, at most (about).
const BATCH_BYTES: u64 = 8 * 1024 * 1024;
/// Tries of a batch the database broke off (a deadlock between two ingests).
const TRIES: usize = 5;

/// One file read and prepared for the archive, or why it could not be.
struct Prepared {
    path: String,
    read: Result<ReadSource, LoadProblem>,
    grams: Vec<i64>,
    words: Vec<String>,
}

enum Op {
    Write(Box<Prepared>),
    Remove(String),
}

impl Op {
    fn path(&self) -> &str {
        match self {
            Op::Write(p) => &p.path,
            Op::Remove(p) => p,
        }
    }
}

/// Read the files under `paths` into the archive at `url`.
pub fn ingest(
    url: &ArchiveUrl,
    paths: &[PathBuf],
    options: &IngestOptions,
    progress: &dyn Fn(IngestProgress),
) -> Result<IngestReport, ArchiveError> {
    let t0 = Instant::now();
    let mut client = pool::connect(url, "")?;
    schema::check(&mut client)?;
    let mut report = IngestReport::default();
    let mut roots = Vec::new();
    for p in paths {
        match std::fs::canonicalize(p) {
            Ok(root) => roots.push(root),
            Err(e) => report.problems.push(LoadProblem::skipped(
                p.clone(),
                sourced_corpus::read::io_message(&e),
            )),
        }
    }
    if roots.is_empty() {
        report.elapsed = t0.elapsed();
        return Ok(report);
    }
    let mut cfg = CorpusConfig::new(roots.clone());
    cfg.max_file_size = options.max_file_size;
    let found = walk::find(&cfg);
    report.problems.extend(found.problems);
    report.found = found.files.len();
    let mut listed: Vec<(String, PathBuf)> = Vec::with_capacity(found.files.len());
    for f in found.files {
        match f.to_str() {
            Some(s) => listed.push((s.to_string(), f.clone())),
            None => report.problems.push(LoadProblem::skipped(
                f,
                "its name is not valid UTF-8: skipped".to_string(),
            )),
        }
    }
    let known = known_stamps(&mut client, &listed)?;
    let mut to_read = Vec::new();
    for (s, p) in &listed {
        let unchanged = known.get(s).is_some_and(|&(size, mtime)| {
            sourced_corpus::read::stat(p).is_ok_and(|(sz, mt)| sz == size && mt == mtime)
        });
        if unchanged {
            report.unchanged += 1;
        } else {
            to_read.push((s.clone(), p.clone()));
        }
    }
    let gone = if options.prune {
        let listed: HashSet<&str> = listed.iter().map(|(s, _)| s.as_str()).collect();
        archived_under(&mut client, &roots)?
            .into_iter()
            .filter(|p| !listed.contains(p.as_str()))
            .collect()
    } else {
        Vec::new()
    };
    let total = to_read.len() + gone.len();
    let mut done = 0usize;
    let mut bytes = 0u64;
    progress(IngestProgress { done, total, bytes });
    let mut writer = Writer {
        client: &mut client,
        report: &mut report,
    };
    let mut batch: Vec<Op> = gone.into_iter().map(Op::Remove).collect();
    while !batch.is_empty() {
        let rest = batch.split_off(batch.len().min(BATCH_FILES * 4));
        done += batch.len();
        writer.flush(std::mem::replace(&mut batch, rest))?;
        progress(IngestProgress { done, total, bytes });
    }
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(to_read.len())
        .max(1);
    let next = AtomicUsize::new(0);
    let max_size = options.max_file_size;
    std::thread::scope(|scope| -> Result<(), ArchiveError> {
        let (tx, rx) = mpsc::sync_channel::<Prepared>(BATCH_FILES * 2);
        for _ in 0..threads {
            let tx = tx.clone();
            let (next, to_read) = (&next, &to_read);
            scope.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some((s, p)) = to_read.get(i) else { break };
                if tx.send(prepare(s, p, max_size)).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        let mut batch_bytes = 0u64;
        for prepared in rx {
            let size = prepared.read.as_ref().map_or(0, |r| r.stamp.size);
            bytes += size;
            batch_bytes += size;
            batch.push(Op::Write(Box::new(prepared)));
            if batch.len() >= BATCH_FILES || batch_bytes >= BATCH_BYTES {
                done += batch.len();
                // On an error the readers stop at their next send (the channel is gone).
                writer.flush(std::mem::take(&mut batch))?;
                batch_bytes = 0;
                progress(IngestProgress { done, total, bytes });
            }
        }
        if !batch.is_empty() {
            done += batch.len();
            writer.flush(std::mem::take(&mut batch))?;
        }
        Ok(())
    })?;
    progress(IngestProgress { done, total, bytes });
    report.elapsed = t0.elapsed();
    Ok(report)
}

/// Read one file as the story loader does, with what the archive indexes of it.
fn prepare(path_str: &str, path: &Path, max_size: u64) -> Prepared {
    let read = read_one(path, max_size);
    let (grams, words) = match &read {
        Ok(r) => {
            let grams = text_grams(&r.text).into_iter().map(|g| g as i64).collect();
            let mut words = Vec::new();
            capitalised_words(&r.text, |w| words.push(w.to_string()));
            words.sort_unstable();
            words.dedup();
            (grams, words)
        }
        Err(_) => (Vec::new(), Vec::new()),
    };
    Prepared {
        path: path_str.to_string(),
        read,
        grams,
        words,
    }
}

/// Size and modification time of the archived files among `listed`, by path.
fn known_stamps(
    client: &mut Client,
    listed: &[(String, PathBuf)],
) -> Result<FxHashMap<String, (u64, u64)>, ArchiveError> {
    let mut known = FxHashMap::default();
    for chunk in listed.chunks(10_000) {
        let paths: Vec<&str> = chunk.iter().map(|(s, _)| s.as_str()).collect();
        let rows = client
            .query(
                "SELECT path, size, mtime_ns FROM sources WHERE path = ANY($1)",
                &[&paths],
            )
            .map_err(|e| ArchiveError::db("the archive could not be read", &e))?;
        for row in rows {
            let size: i64 = row.get(1);
            let mtime: i64 = row.get(2);
            known.insert(row.get::<_, String>(0), (size as u64, mtime as u64));
        }
    }
    Ok(known)
}

/// The archived paths under `roots` (a root file itself, or anything in a root folder).
fn archived_under(client: &mut Client, roots: &[PathBuf]) -> Result<Vec<String>, ArchiveError> {
    let mut out = Vec::new();
    for root in roots {
        let Some(exact) = root.to_str() else { continue };
        let prefix = format!("{}/", exact.trim_end_matches('/'));
        let rows = client
            .query(
                "SELECT path FROM sources WHERE path = $1 OR starts_with(path, $2)",
                &[&exact, &prefix],
            )
            .map_err(|e| ArchiveError::db("the archive could not be read", &e))?;
        out.extend(rows.into_iter().map(|r| r.get::<_, String>(0)));
    }
    out.sort_unstable();
    out.dedup();
    Ok(out)
}

/// The advisory lock key of a path: every ingest locks a file's path before it writes.
fn path_key(path: &str) -> i64 {
    xxhash_rust::xxh3::xxh3_64(path.as_bytes()) as i64
}

/// What a batch did, counted once it is committed.
#[derive(Default)]
struct Outcome {
    added: usize,
    updated: usize,
    unchanged: usize,
    removed: usize,
    bytes: u64,
    problems: Vec<LoadProblem>,
}

struct Writer<'a> {
    client: &'a mut Client,
    report: &'a mut IngestReport,
}

impl Writer<'_> {
    /// Write `batch` in one transaction, tried again when the database broke it off.
    fn flush(&mut self, mut batch: Vec<Op>) -> Result<(), ArchiveError> {
        // One lock order for every ingest.
        batch.sort_by_key(|op| (path_key(op.path()), op.path().to_string()));
        let mut tries = 0;
        loop {
            tries += 1;
            match write_batch(self.client, &batch) {
                Ok(outcome) => {
                    let r = &mut *self.report;
                    r.added += outcome.added;
                    r.updated += outcome.updated;
                    r.unchanged += outcome.unchanged;
                    r.removed += outcome.removed;
                    r.bytes += outcome.bytes;
                    r.problems.extend(outcome.problems);
                    return Ok(());
                }
                Err(e) if tries < TRIES && is_retryable(&e) => continue,
                Err(e) => {
                    return Err(ArchiveError::db(
                        "files could not be written to the archive",
                        &e,
                    ))
                }
            }
        }
    }
}

fn write_batch(client: &mut Client, batch: &[Op]) -> Result<Outcome, postgres::Error> {
    let mut tx = client.transaction()?;
    let mut outcome = Outcome::default();
    for op in batch {
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&path_key(op.path())])?;
    }
    let mut words: Vec<&str> = Vec::new();
    let (mut source_delta, mut bytes_delta) = (0i64, 0i64);
    // Written in the order of their paths, so that new sources are numbered as a story
    // folder numbers them (which orders passages that score the same).
    let mut in_order: Vec<&Op> = batch.iter().collect();
    in_order.sort_by(|a, b| a.path().cmp(b.path()));
    for op in in_order {
        let old = tx.query_opt(
            "SELECT id, hash, size FROM sources WHERE path = $1",
            &[&op.path()],
        )?;
        let old: Option<(i32, i64, i64)> = old.map(|r| (r.get(0), r.get(1), r.get(2)));
        match op {
            Op::Remove(_) => {
                if let Some((id, _, size)) = old {
                    remove_source(&mut tx, id)?;
                    outcome.removed += 1;
                    source_delta -= 1;
                    bytes_delta -= size;
                }
            }
            Op::Write(p) => match &p.read {
                Err(problem) => {
                    let mut problem = problem.clone();
                    if old.is_some() {
                        problem.message.push_str(" (the archived version is kept)");
                    }
                    outcome.problems.push(problem);
                }
                Ok(r) => {
                    if let Some(w) = &r.warning {
                        outcome.problems.push(w.clone());
                    }
                    let size = r.stamp.size as i64;
                    let mtime = r.stamp.mtime_ns.min(i64::MAX as u64) as i64;
                    if let Some((id, _, _)) = old.filter(|o| o.1 == r.stamp.hash as i64) {
                        // Touched, or written by another ingest meanwhile: the same content.
                        tx.execute(
                            "UPDATE sources SET size = $2, mtime_ns = $3 WHERE id = $1",
                            &[&id, &size, &mtime],
                        )?;
                        outcome.unchanged += 1;
                        continue;
                    }
                    if let Some((id, _, old_size)) = old {
                        remove_source(&mut tx, id)?;
                        outcome.updated += 1;
                        bytes_delta -= old_size;
                    } else {
                        outcome.added += 1;
                        source_delta += 1;
                    }
                    insert_source(&mut tx, p, r, size, mtime)?;
                    bytes_delta += size;
                    outcome.bytes += r.stamp.size;
                    words.extend(p.words.iter().map(String::as_str));
                }
            },
        }
    }
    if !words.is_empty() {
        // In one order, so that two ingests adding the same words wait on each other
        // instead of deadlocking.
        words.sort_unstable();
        words.dedup();
        tx.execute(
            "INSERT INTO words (word) SELECT w FROM unnest($1::text[]) AS w ORDER BY w
             ON CONFLICT DO NOTHING",
            &[&words],
        )?;
    }
    tx.execute(
        "UPDATE archive_state SET sources = sources + $1, text_bytes = text_bytes + $2,
             last_ingest = now()",
        &[&source_delta, &bytes_delta],
    )?;
    tx.commit()?;
    Ok(outcome)
}

fn insert_source(
    tx: &mut Transaction<'_>,
    p: &Prepared,
    r: &ReadSource,
    size: i64,
    mtime: i64,
) -> Result<(), postgres::Error> {
    let markdown = r.format == TextFormat::Markdown;
    let page: Option<&str> = r.page.as_deref();
    let row = tx.query_one(
        "INSERT INTO sources (path, size, mtime_ns, hash, markdown, text_is_file,
             title, outlet, date, url, author, text, page)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
         RETURNING id",
        &[
            &p.path,
            &size,
            &mtime,
            &(r.stamp.hash as i64),
            &markdown,
            &r.text_is_file,
            &r.meta.title,
            &r.meta.outlet,
            &r.meta.date,
            &r.meta.url,
            &r.meta.author,
            &&*r.text,
            &page,
        ],
    )?;
    let id: i32 = row.get(0);
    tx.execute(
        "INSERT INTO grams (gram, source) SELECT g, $2 FROM unnest($1::int8[]) AS g",
        &[&p.grams, &id],
    )?;
    Ok(())
}

/// Take source `id` out, with its postings (found again from its text: the same words
/// give the same grams).
fn remove_source(tx: &mut Transaction<'_>, id: i32) -> Result<(), postgres::Error> {
    let text: String = tx
        .query_one("SELECT text FROM sources WHERE id = $1", &[&id])?
        .get(0);
    let grams: Vec<i64> = text_grams(&text).into_iter().map(|g| g as i64).collect();
    tx.execute(
        "DELETE FROM grams WHERE source = $2 AND gram = ANY($1)",
        &[&grams, &id],
    )?;
    tx.execute("DELETE FROM sources WHERE id = $1", &[&id])?;
    Ok(())
}
