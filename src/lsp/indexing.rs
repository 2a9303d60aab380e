//! Indexing in the background: loading a corpus with `$/progress` and `sourced/status`
//! reports, re-indexing single source files that change on disk, and re-checking the
//! open drafts when a corpus changes. Nothing here ever holds up the editor's messages:
//! loading runs on a blocking thread, and drafts wait for their corpus, not the reverse.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tower_lsp_server::ls_types::{FileChangeType, FileEvent, MessageType, NumberOrString, Uri};

use crate::config;
use crate::corpus::load::{load, Progress};
use crate::corpus::memory::FileUpdate;
use crate::corpus::walk::FileKind;
use crate::index::LoadProblem;
use crate::index::SourceId;

use super::config_problems;
use super::documents::{uri_path, Snapshot};
use super::guard::{lock, panic_message};
use super::session::Session;
use super::workspace::{Assignment, CorpusHandle, IndexState, Resolved};

/// A draft's corpus, as far as checking it goes.
pub enum Lookup {
    Ready(Assignment),
    /// Being indexed: the draft is checked when it is done.
    Indexing,
    /// No corpus (the user has been told).
    None,
}

/// Which corpus each open draft uses, once resolved.
#[derive(Default)]
pub struct Assignments(Mutex<HashMap<Uri, Option<Assignment>>>);

impl Assignments {
    pub fn get(&self, uri: &Uri) -> Option<Assignment> {
        lock(&self.0).get(uri).cloned().flatten()
    }

    pub fn clear(&self) {
        lock(&self.0).clear();
    }

    pub fn remove(&self, uri: &Uri) {
        lock(&self.0).remove(uri);
    }
}

static NEXT_TOKEN: AtomicU64 = AtomicU64::new(1);

/// The corpus of a draft; resolving it (and starting its indexing) the first time.
pub async fn corpus_for(session: &Arc<Session>, snap: &Snapshot) -> Lookup {
    let epoch = session.epoch();
    let cached = lock(&session.assignments.0).get(&snap.uri).cloned();
    let assignment = match cached {
        Some(a) => a,
        None => {
            let settings = session.settings();
            let resolved = session.workspace.resolve(snap.path.as_deref(), &settings);
            config_problems::publish(session).await;
            let a = match resolved {
                Resolved::Corpus(a, created) => {
                    if created {
                        start(session.clone(), a.corpus.clone());
                    }
                    Some(a)
                }
                Resolved::None(message) => {
                    session
                        .say_once(MessageType::WARNING, message.clone())
                        .await;
                    session.status("no-corpus", 0, 0, None, &message).await;
                    None
                }
            };
            // A reset meanwhile makes this resolution stale: do not keep it.
            if session.epoch() == epoch {
                lock(&session.assignments.0).insert(snap.uri.clone(), a.clone());
            }
            a
        }
    };
    match assignment {
        Some(a) if a.corpus.is_ready() => Lookup::Ready(a),
        Some(_) => Lookup::Indexing,
        None => Lookup::None,
    }
}

/// Index `handle` in the background.
pub fn start(session: Arc<Session>, handle: Arc<CorpusHandle>) {
    tokio::spawn(async move { index(session, handle).await });
}

async fn index(session: Arc<Session>, handle: Arc<CorpusHandle>) {
    handle.set_state(IndexState::Indexing);
    session.watcher.watch_corpus(&session, &handle.corpus);
    let what = handle.describe();
    session
        .log(MessageType::INFO, format!("indexing {what}"))
        .await;
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<Progress>();
    let cfg = handle.corpus.clone();
    let job = tokio::task::spawn_blocking(move || {
        load(&cfg, &|p| {
            let _ = tx.send(p);
        })
    });

    // The client must answer window/workDoneProgress/create before we report; a client
    // that never answers gets no progress bar, and indexing goes on regardless.
    let mut progress = None;
    if session.caps().work_done_progress {
        let token = NumberOrString::String(format!(
            "sourced/indexing/{}",
            NEXT_TOKEN.fetch_add(1, Ordering::Relaxed)
        ));
        let created = tokio::time::timeout(
            Duration::from_secs(2),
            session.client.create_work_done_progress(token.clone()),
        )
        .await;
        if matches!(created, Ok(Ok(()))) {
            let p = session
                .client
                .progress(token, "Sourced: indexing sources")
                .with_message(what.clone())
                .with_percentage(0)
                .begin()
                .await;
            progress = Some(p);
        }
    }
    session
        .status("indexing", 0, 0, Some(0), &format!("Indexing {what}"))
        .await;
    let mut last = None;
    while let Some(p) = rx.recv().await {
        let pct = p.percentage().min(100);
        if last == Some(pct) {
            continue;
        }
        last = Some(pct);
        if let Some(bar) = &progress {
            bar.report_with_message(format!("{}/{} files", p.done, p.total), pct)
                .await;
        }
        session
            .status(
                "indexing",
                p.done,
                p.bytes,
                Some(pct),
                &format!("Indexing {what}: {}/{} files", p.done, p.total),
            )
            .await;
    }
    let loaded = match job.await {
        Ok(l) => l,
        Err(e) => {
            let why = if e.is_panic() {
                panic_message(e.into_panic().as_ref())
            } else {
                "cancelled".into()
            };
            let message = format!("Sourced could not index {what}: {why}");
            handle.set_state(IndexState::Ready);
            handle.bump();
            if let Some(bar) = progress {
                bar.finish_with_message("failed").await;
            }
            session.status("error", 0, 0, None, &message).await;
            session.say_once(MessageType::ERROR, message).await;
            recheck_all(&session);
            return;
        }
    };
    let files = loaded.stats.files;
    let bytes = loaded.stats.bytes;
    handle.install(loaded.index);
    handle.set_state(IndexState::Ready);
    let mut message = format!(
        "{files} source{} indexed ({})",
        if files == 1 { "" } else { "s" },
        human_bytes(bytes)
    );
    if let Some(first) = loaded.problems.first() {
        // The first problem in short ("deep.html: cut short"), the rest in the log.
        let name = first.path.file_name().unwrap_or(first.path.as_os_str());
        let what = first.message.split(':').next().unwrap_or("");
        message.push_str(&format!("; {}: {what}", name.to_string_lossy()));
        match loaded.problems.len() {
            1 => message.push_str(" (see the log)"),
            n => message.push_str(&format!(
                ", and {} more files with problems (see the log)",
                n - 1
            )),
        }
    }
    if let Some(bar) = progress {
        bar.finish_with_message(message.clone()).await;
    }
    report_problems(&session, &loaded.problems).await;
    if handle.corpus.paths.is_empty() {
        // No story folder: the drafts are checked against the newsroom archive alone.
        let m = "no story folder: drafts are checked against the archive".to_string();
        session.status("ready", 0, 0, Some(100), &m).await;
    } else if files == 0 {
        let m = format!("No readable source files in {what}: quotes cannot be checked.");
        session.status("no-corpus", 0, 0, None, &m).await;
        session.say_once(MessageType::WARNING, m).await;
    } else {
        session
            .status("ready", files, bytes, Some(100), &message)
            .await;
    }
    session
        .log(MessageType::INFO, format!("{what}: {message}"))
        .await;
    recheck_all(&session);
    refresh_pulled(&session);
}

/// Ask clients that pull diagnostics, and show inlay hints, to ask again.
pub fn refresh_pulled(session: &Arc<Session>) {
    let caps = session.caps();
    let session = session.clone();
    tokio::spawn(async move {
        let wait = Duration::from_secs(5);
        if caps.diagnostic_refresh {
            let _ = tokio::time::timeout(wait, session.client.workspace_diagnostic_refresh()).await;
        }
        if caps.inlay_hint_refresh {
            let _ = tokio::time::timeout(wait, session.client.inlay_hint_refresh()).await;
        }
    });
}

fn human_bytes(b: u64) -> String {
    if b >= 1 << 20 {
        format!("{:.1} MB", b as f64 / (1u64 << 20) as f64)
    } else {
        format!("{:.1} kB", b as f64 / 1024.0)
    }
}

/// Tell the user about files that could not be used: each in the log, and once in a
/// message (one message for all of them).
async fn report_problems(session: &Arc<Session>, problems: &[LoadProblem]) {
    for p in problems {
        session
            .log(
                MessageType::WARNING,
                format!("{}: {}", p.path.display(), p.message),
            )
            .await;
    }
    match problems {
        [] => {}
        [p] if p.skipped => {
            session
                .say_once(
                    MessageType::WARNING,
                    format!("Sourced could not use {}: {}", p.path.display(), p.message),
                )
                .await
        }
        [p] => {
            session
                .say_once(
                    MessageType::WARNING,
                    format!("Sourced: {}: {}", p.path.display(), p.message),
                )
                .await
        }
        [p, rest @ ..] => {
            let message = format!(
                "Sourced: {} source files have problems ({}: {}, and {} more; see the log).",
                problems.len(),
                p.path.display(),
                p.message,
                rest.len()
            );
            session.say_once(MessageType::WARNING, message).await
        }
    }
}

/// Check every open draft again, now.
pub fn recheck_all(session: &Arc<Session>) {
    for uri in lock(&session.docs).uris() {
        session.scheduler.schedule(uri, Duration::ZERO);
    }
}

/// Forget which corpus and configuration each draft uses (settings, folders or
/// `sourced.toml` changed), then re-check, which resolves again. A corpus whose files
/// are the same is kept, index and all.
pub fn reset(session: &Arc<Session>) {
    session.bump_epoch();
    session.assignments.clear();
    lock(&session.checked).clear();
    recheck_all(session);
    refresh_pulled(session);
}

/// Re-read every corpus in use.
pub fn reindex_all(session: &Arc<Session>) {
    for handle in session.workspace.corpora() {
        start(session.clone(), handle);
    }
}

/// Source files changed on disk: re-index each one alone; `sourced.toml` changes reset.
pub async fn files_changed(session: &Arc<Session>, events: Vec<FileEvent>) {
    let mut touched = false;
    for ev in events {
        let Some(path) = uri_path(&ev.uri) else {
            continue;
        };
        if FileKind::of(&path).is_none() && path.file_name().is_some_and(|n| n != config::FILE_NAME)
        {
            // Not a source file: a folder (or a file no corpus reads).
            folder_changed(session, &path, ev.typ == FileChangeType::DELETED);
            continue;
        }
        if path.file_name().is_some_and(|n| n == config::FILE_NAME) {
            session
                .log(
                    MessageType::INFO,
                    format!("{} changed: reloading", path.display()),
                )
                .await;
            session.workspace.reread_config(&path);
            config_problems::publish(session).await;
            reset(session);
            return;
        }
        for handle in session.workspace.corpora() {
            if !handle.is_ready() || !handle.covers(&path) || handle.is_skipped_draft(&path) {
                continue;
            }
            let deleted = ev.typ == FileChangeType::DELETED;
            let h = handle.clone();
            let p = path.clone();
            let job = tokio::task::spawn_blocking(move || {
                if deleted || !p.exists() {
                    h.write().remove_file(&p);
                    return Ok(None);
                }
                // Read without the lock: checks go on meanwhile.
                let max_size = h.read().max_file_size();
                let update = FileUpdate::read(&p, max_size);
                h.write().apply(update).map(|(_, warning)| warning)
            });
            let outcome = job.await;
            handle.bump();
            touched = true;
            match outcome {
                Ok(Ok(None)) => {}
                Ok(Ok(Some(warning))) | Ok(Err(warning)) => {
                    report_problems(session, &[warning]).await
                }
                Err(e) => {
                    session
                        .log(
                            MessageType::ERROR,
                            format!("re-indexing {} failed: {e}", path.display()),
                        )
                        .await
                }
            }
        }
    }
    if touched {
        recheck_all(session);
        refresh_pulled(session);
    }
}

/// A draft was closed: the source files taken out of its corpora because they were that
/// draft (or copies of it) are read again, and the open drafts checked again.
pub fn draft_closed(session: &Arc<Session>, uri: &Uri) {
    let mut back = Vec::new();
    for handle in session.workspace.corpora() {
        let paths = handle.draft_closed(uri);
        if !paths.is_empty() {
            back.push((handle, paths));
        }
    }
    if back.is_empty() {
        return;
    }
    let session = session.clone();
    tokio::spawn(async move {
        for (handle, paths) in back {
            let h = handle.clone();
            let job = tokio::task::spawn_blocking(move || {
                let max_size = h.read().max_file_size();
                for p in paths {
                    if p.exists() && h.covers(&p) {
                        let update = FileUpdate::read(&p, max_size);
                        let _ = h.write().apply(update);
                    }
                }
            });
            let _ = job.await;
            handle.bump();
        }
        recheck_all(&session);
        refresh_pulled(&session);
    });
}

/// The source files a check cites (its evidence, the places of its quotes' matches and
/// speakers, the people's mentions and titles) that no longer exist are taken out of the
/// corpus, and the open drafts checked again: a hover or a jump never cites a file that
/// is gone, even when no event told of its deletion (a folder deleted or renamed whole
/// reaches some editors as one folder event, or none). True when some were.
pub async fn drop_missing_sources(session: &Arc<Session>, c: &super::checked::Checked) -> bool {
    let Some(a) = &c.assignment else {
        return false;
    };
    let mut ids: Vec<SourceId> = Vec::new();
    for f in &c.report.findings {
        ids.extend(f.evidence.iter().map(|l| l.source));
    }
    for v in &c.report.quotes {
        ids.extend(v.matches.iter().map(|m| m.location.source));
        ids.extend(v.speakers.iter().map(|s| s.location.source));
    }
    for p in &c.report.people {
        ids.extend(p.corpus.mentions.iter().map(|l| l.source));
        ids.extend(p.corpus.titles.iter().map(|t| t.location.source));
    }
    ids.sort_unstable();
    ids.dedup();
    let gone: Vec<PathBuf> = {
        let index = a.corpus.read();
        ids.iter()
            .filter_map(|&id| index.path_of(id))
            .filter(|p| matches!(std::fs::metadata(p), Err(e) if e.kind() == std::io::ErrorKind::NotFound))
            .map(Path::to_path_buf)
            .collect()
    };
    if gone.is_empty() {
        return false;
    }
    {
        let mut index = a.corpus.write();
        for p in &gone {
            index.remove_file(p);
        }
    }
    a.corpus.bump();
    for p in &gone {
        session
            .log(
                MessageType::INFO,
                format!("{}: no longer exists: taken out of the corpus", p.display()),
            )
            .await;
    }
    recheck_all(session);
    refresh_pulled(session);
    true
}

/// A folder changed on disk (created, deleted, renamed), not a file: every corpus whose
/// root is that folder or lies inside it, or that has sources inside it, or that could
/// read files from a folder that appeared inside it, is indexed again. Editors report a
/// folder deleted or renamed whole as one event for the folder, not one per file.
fn folder_changed(session: &Arc<Session>, path: &Path, deleted: bool) -> bool {
    let mut any = false;
    for handle in session.workspace.corpora() {
        if !handle.is_ready() {
            continue;
        }
        let root_inside = handle.corpus.paths.iter().any(|r| r.starts_with(path));
        let concerned = root_inside
            || if deleted {
                handle.read().has_sources_under(path)
            } else {
                path.is_dir() && handle.corpus.paths.iter().any(|r| path.starts_with(r))
            };
        if concerned {
            start(session.clone(), handle);
            any = true;
        }
    }
    any
}
