//! Reading files into the archive: found and read exactly as the story loader finds and
//! reads them ([`sourced_corpus::walk`], [`sourced_corpus::load::read_one`]), the same
//! problems reported by name. A file whose size and modification time are those archived
//! is not read again; one read again with the same content hash is kept as it is; with
//! `prune`, archived files under the given paths that are no longer there are removed.
//!
//! Files are read on all cores and written in batches, each batch one transaction: a
//! reader sees a batch entirely or not at all. A batch's new sources are a block of the
//! postings: one row per gram with the sources of the block that have it, written with
//! `COPY`. Batches are written one at a time under an advisory lock, and each file is
//! checked again under that lock, so two ingests at once neither corrupt nor duplicate
//! anything.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use postgres::binary_copy::BinaryCopyInWriter;
use postgres::types::Type;
use postgres::{Client, Statement, Transaction};
use rustc_hash::FxHashMap;
use sourced_core::analysis::{analyze, TextFormat};
use sourced_core::index::{LoadProblem, SourceId};
use sourced_corpus::corpus_config::{CorpusConfig, DEFAULT_MAX_FILE_SIZE};
use sourced_corpus::grams::text_grams;
use sourced_corpus::load::{read_one, ReadSource};
use sourced_corpus::source_names::{names_key, SourceNames};
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

/// Files written in one transaction, at most: a block of postings. The larger the
/// block, the fewer rows a common gram takes and the fewer times an ingest writes into
/// the postings' key index (each block's rows go in in the order of their grams, all
/// over the index); the longer a reader waits to see a batch, and the more memory the
/// ingest holds (about 20 KB a file).
const BATCH_FILES: usize = 4096;
/// Bytes of text written in one transaction, at most (about).
const BATCH_BYTES: u64 = 32 * 1024 * 1024;
/// Files read ahead of the writer, at most.
const READ_AHEAD: usize = 1024;
/// Tries of a batch the database broke off.
const TRIES: usize = 5;

/// One file read and prepared for the archive, or why it could not be.
struct Prepared {
    path: String,
    read: Result<ReadSource, LoadProblem>,
    grams: Vec<i64>,
    words: Vec<String>,
    /// Its people and organisations ([`SourceNames::encode`]), so that a name's question
    /// reads them instead of analysing the source; `None` when its analysis failed
    /// (a reader then analyses it).
    names: Option<Vec<u8>>,
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
        let rest = batch.split_off(batch.len().min(BATCH_FILES));
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
        let (tx, rx) = mpsc::sync_channel::<Prepared>(READ_AHEAD);
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
    let (grams, words, names) = match &read {
        Ok(r) => {
            let grams = text_grams(&r.text).into_iter().map(|g| g as i64).collect();
            let mut words = Vec::new();
            capitalised_words(&r.text, |w| words.push(w.to_string()));
            words.sort_unstable();
            words.dedup();
            // The same analysis a reader would make of the archived text (the id is
            // not kept with the names).
            let names = std::panic::catch_unwind(|| analyze(&r.text, r.format))
                .ok()
                .map(|a| SourceNames::of(SourceId(0), &a).encode());
            (grams, words, names)
        }
        Err(_) => (Vec::new(), Vec::new(), None),
    };
    Prepared {
        path: path_str.to_string(),
        read,
        grams,
        words,
        names,
    }
}

/// Size and modification time of the archived files among `listed` whose names are
/// those this build works out ([`names_key`]), by path: a file archived by another
/// build is read again for its names.
fn known_stamps(
    client: &mut Client,
    listed: &[(String, PathBuf)],
) -> Result<FxHashMap<String, (u64, u64)>, ArchiveError> {
    let mut known = FxHashMap::default();
    for chunk in listed.chunks(10_000) {
        let paths: Vec<&str> = chunk.iter().map(|(s, _)| s.as_str()).collect();
        let rows = client
            .query(
                "SELECT path, size, mtime_ns FROM sources
                 WHERE path = ANY($1) AND names_key = $2",
                &[&paths, &names_key()],
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

/// The advisory lock under which ingests write ("ingest\0\0" in ASCII): one batch at a
/// time in the whole archive, whatever the number of ingests (each reads its files on
/// its own meanwhile). Written under it, a file is checked against what is archived and
/// a block's postings are written whole, so two ingests at once neither corrupt nor
/// duplicate anything.
const WRITE_LOCK: i64 = 0x696e_6765_7374_0000;

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
        // Written in the order of their paths, so that new sources are numbered as a
        // story folder numbers them (which orders passages that score the same).
        batch.sort_by(|a, b| a.path().cmp(b.path()));
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
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&WRITE_LOCK])?;
    let paths: Vec<&str> = batch.iter().map(Op::path).collect();
    let mut old: FxHashMap<String, Archived> = FxHashMap::default();
    for row in tx.query(
        "SELECT path, id, hash, size, block FROM sources WHERE path = ANY($1)",
        &[&paths],
    )? {
        old.insert(
            row.get(0),
            Archived {
                id: row.get(1),
                hash: row.get(2),
                size: row.get(3),
                block: row.get(4),
            },
        );
    }
    let mut words: Vec<&str> = Vec::new();
    let (mut source_delta, mut bytes_delta) = (0i64, 0i64);
    // The new sources' postings, (gram, source), and the block they are written as.
    let mut postings: Vec<(i64, i32)> = Vec::new();
    let mut block: Option<i32> = None;
    let insert = tx.prepare(
        "INSERT INTO sources (path, size, mtime_ns, hash, markdown, text_is_file, title,
             outlet, date, url, author, text, page, block, names, names_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
         RETURNING id",
    )?;
    for op in batch {
        let old = old.get(op.path()).copied();
        match op {
            Op::Remove(_) => {
                if let Some(old) = old {
                    remove_source(&mut tx, old)?;
                    outcome.removed += 1;
                    source_delta -= 1;
                    bytes_delta -= old.size;
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
                    if let Some(old) = old.filter(|o| o.hash == r.stamp.hash as i64) {
                        // Touched, written by another ingest meanwhile, or archived with
                        // the names of another build: the same content.
                        tx.execute(
                            "UPDATE sources SET size = $2, mtime_ns = $3, names = $4,
                                 names_key = $5
                             WHERE id = $1",
                            &[&old.id, &size, &mtime, &p.names, &names_key()],
                        )?;
                        outcome.unchanged += 1;
                        continue;
                    }
                    if let Some(old) = old {
                        remove_source(&mut tx, old)?;
                        outcome.updated += 1;
                        bytes_delta -= old.size;
                    } else {
                        outcome.added += 1;
                        source_delta += 1;
                    }
                    let block = match block {
                        Some(b) => b,
                        None => {
                            let b: i64 = tx.query_one("SELECT nextval('blocks')", &[])?.get(0);
                            let b = i32::try_from(b).unwrap_or(i32::MAX);
                            *block.insert(b)
                        }
                    };
                    let id = insert_source(&mut tx, &insert, p, r, size, mtime, block)?;
                    postings.extend(p.grams.iter().map(|&g| (g, id)));
                    bytes_delta += size;
                    outcome.bytes += r.stamp.size;
                    words.extend(p.words.iter().map(String::as_str));
                }
            },
        }
    }
    if let Some(block) = block {
        write_postings(&mut tx, block, postings)?;
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

/// An archived file, as a batch finds it before writing.
#[derive(Clone, Copy)]
struct Archived {
    id: i32,
    hash: i64,
    size: i64,
    block: i32,
}

fn insert_source(
    tx: &mut Transaction<'_>,
    statement: &Statement,
    p: &Prepared,
    r: &ReadSource,
    size: i64,
    mtime: i64,
    block: i32,
) -> Result<i32, postgres::Error> {
    let markdown = r.format == TextFormat::Markdown;
    let page: Option<&str> = r.page.as_deref();
    let row = tx.query_one(
        statement,
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
            &block,
            &p.names,
            &names_key(),
        ],
    )?;
    Ok(row.get(0))
}

/// Write the postings of a batch's new sources as block `block`: one row per gram, its
/// sources in increasing order, in the order of the grams (the key's index is written
/// in one pass), by `COPY`.
fn write_postings(
    tx: &mut Transaction<'_>,
    block: i32,
    mut postings: Vec<(i64, i32)>,
) -> Result<(), postgres::Error> {
    postings.sort_unstable();
    postings.dedup();
    let sink = tx.copy_in("COPY postings (gram, block, n, sources) FROM STDIN (FORMAT binary)")?;
    let mut writer = BinaryCopyInWriter::new(
        sink,
        &[Type::INT8, Type::INT4, Type::INT4, Type::INT4_ARRAY],
    );
    let mut sources: Vec<i32> = Vec::new();
    for run in postings.chunk_by(|a, b| a.0 == b.0) {
        sources.clear();
        sources.extend(run.iter().map(|p| p.1));
        let n = i32::try_from(sources.len()).unwrap_or(i32::MAX);
        writer.write(&[&run[0].0, &block, &n, &sources])?;
    }
    writer.finish()?;
    Ok(())
}

/// Take an archived source out, with its postings (found again from its text: the same
/// words give the same grams), rewriting only its block's rows of its grams.
fn remove_source(tx: &mut Transaction<'_>, old: Archived) -> Result<(), postgres::Error> {
    let text: String = tx
        .query_one("SELECT text FROM sources WHERE id = $1", &[&old.id])?
        .get(0);
    let grams: Vec<i64> = text_grams(&text).into_iter().map(|g| g as i64).collect();
    tx.execute(
        "UPDATE postings SET n = n - 1, sources = array_remove(sources, $2)
         WHERE gram = ANY($1) AND block = $3 AND $2 = ANY(sources)",
        &[&grams, &old.id, &old.block],
    )?;
    tx.execute(
        "DELETE FROM postings WHERE gram = ANY($1) AND block = $2 AND n <= 0",
        &[&grams, &old.block],
    )?;
    tx.execute("DELETE FROM sources WHERE id = $1", &[&old.id])?;
    Ok(())
}
