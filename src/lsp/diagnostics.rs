//! Diagnostics: findings turned into LSP diagnostics, computed in one debounced
//! background task and published (or served to clients that pull them).
//!
//! A change only marks its document due (after the debounce); the [`run`] loop checks
//! due documents one at a time on a blocking thread, and drops a result when the document
//! changed meanwhile (a newer check is already due), so a burst of edits costs one check
//! of the final text, and memory stays bounded whatever the burst.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use ropey::Rope;
use serde_json::json;
use tokio::sync::Notify;
use tokio::time::Instant;
use tower_lsp_server::ls_types::{
    Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Range,
    Uri,
};

use crate::check::{Finding, FindingCode, Severity};
use crate::index::{CorpusIndex, Source};

use super::checked::{self, Checked, Skipped};
use super::guard::{lock, panic_message};
use super::indexing::{self, Lookup};
use super::position::{self, Encoding};
use super::session::Session;

/// The most diagnostics published for one document. Past a few thousand an editor's
/// problem list is useless and slow, and the message grows huge: a 5 MB draft of 86,000
/// quotes made a 64 MB publishDiagnostics. The user is told, once, that there are more;
/// `sourced check` lists them all.
pub const MAX_PUBLISHED: usize = 1_000;

/// A check that took longer than this read sources: the memory it freed is handed back.
const HEAVY_CHECK: Duration = Duration::from_millis(200);

/// The documents due for a check, and when.
#[derive(Default)]
pub struct Scheduler {
    due: std::sync::Mutex<HashMap<Uri, Instant>>,
    wake: Notify,
}

impl Scheduler {
    pub fn new() -> Scheduler {
        Scheduler::default()
    }

    /// Check `uri` after `delay` (replacing an earlier due time: the debounce).
    pub fn schedule(&self, uri: Uri, delay: Duration) {
        lock(&self.due).insert(uri, Instant::now() + delay);
        self.wake.notify_one();
    }

    pub fn cancel(&self, uri: &Uri) {
        lock(&self.due).remove(uri);
    }

    /// Take the documents due by `now`; also the next due time after them.
    fn take_due(&self, now: Instant) -> (Vec<Uri>, Option<Instant>) {
        let mut due = lock(&self.due);
        let ready: Vec<Uri> = due
            .iter()
            .filter(|(_, t)| **t <= now)
            .map(|(u, _)| u.clone())
            .collect();
        for u in &ready {
            due.remove(u);
        }
        (ready, due.values().min().copied())
    }
}

/// The background loop: check due documents and publish their diagnostics.
pub async fn run(session: Arc<Session>) {
    loop {
        let (ready, next) = session.scheduler.take_due(Instant::now());
        if !ready.is_empty() {
            for uri in ready {
                check_and_publish(&session, uri).await;
            }
            continue;
        }
        match next {
            Some(t) => {
                tokio::select! {
                    _ = tokio::time::sleep_until(t) => {}
                    _ = session.scheduler.wake.notified() => {}
                }
            }
            None => session.scheduler.wake.notified().await,
        }
    }
}

/// Check `uri` now (off the message threads) unless the latest check is current.
/// `None` when the document is not open.
pub async fn fresh(session: &Arc<Session>, uri: &Uri) -> Option<Arc<Checked>> {
    let epoch = session.epoch();
    let snap = lock(&session.docs).snapshot(uri)?;
    if let Some(c) = session.latest(uri) {
        if c.is_current(snap.revision, epoch) {
            return Some(c);
        }
    }
    // While the corpus is being indexed the draft is analysed but not checked (the
    // outline works; no diagnostics are published from such a result).
    let (corpus, indexing) = match indexing::corpus_for(session, &snap).await {
        Lookup::Ready(a) => (Some(a), false),
        Lookup::Indexing => (None, true),
        Lookup::None => (None, false),
    };
    let archive = match &corpus {
        Some(a) => match session.archives.for_draft(uri, a) {
            Ok(d) => d,
            Err(e) => {
                let m = format!("Sourced cannot use the archive: {}", e.message);
                session
                    .say_once(tower_lsp_server::ls_types::MessageType::WARNING, m)
                    .await;
                None
            }
        },
        None => None,
    };
    let settings = session.settings();
    let enc = session.encoding();
    let related = session.caps().related_information;
    let name = uri.as_str().to_string();
    let snap_path = snap.path.clone();
    let job = tokio::task::spawn_blocking(move || {
        let started = std::time::Instant::now();
        let c = checked::compute(
            snap, corpus, archive, indexing, epoch, &settings, enc, related,
        );
        (c, started.elapsed())
    });
    let c = match job.await {
        Ok((c, took)) => {
            // A long check read and analysed sources it then dropped: hand the freed
            // memory back, beside the publishing. Quick checks (typing) leave it.
            if took > HEAVY_CHECK {
                tokio::task::spawn_blocking(sourced_corpus::heap::give_back);
            }
            Arc::new(c)
        }
        Err(e) => {
            let why = if e.is_panic() {
                panic_message(e.into_panic().as_ref())
            } else {
                "cancelled".into()
            };
            session
                .log(
                    tower_lsp_server::ls_types::MessageType::ERROR,
                    format!("checking {name} failed: {why}"),
                )
                .await;
            return None;
        }
    };
    if let Skipped::TooLarge(n) = c.skipped {
        session
            .say_once(
                tower_lsp_server::ls_types::MessageType::WARNING,
                format!(
                    "{} is {} MB: Sourced checks drafts up to {} MB, so it is not checked.",
                    c.name(),
                    n >> 20,
                    checked::MAX_CHECKED_BYTES >> 20
                ),
            )
            .await;
    }
    for path in &c.skipped_drafts {
        let itself = snap_path.as_deref() == Some(path.as_path());
        session
            .say_once(
                tower_lsp_server::ls_types::MessageType::INFO,
                if itself {
                    format!(
                        "Sourced skipped the draft itself ({}) as a source while it is open.",
                        path.display()
                    )
                } else {
                    format!(
                        "Sourced skipped {} as a source while {} is open: it is a copy of the draft.",
                        path.display(),
                        c.name()
                    )
                },
            )
            .await;
    }
    if c.report.findings.len() > c.diagnostics.len() {
        session
            .say_once(
                tower_lsp_server::ls_types::MessageType::WARNING,
                format!(
                    "{} has more than {MAX_PUBLISHED} findings: the editor shows the first {MAX_PUBLISHED}; `sourced check` lists them all.",
                    c.name()
                ),
            )
            .await;
    }
    // Keep the newest; a document closed meanwhile is not stored again.
    let open = lock(&session.docs).revision(uri).is_some();
    let mut all = lock(&session.checked);
    if open {
        let newer = all
            .get(uri)
            .is_some_and(|old| (old.epoch, old.revision) > (c.epoch, c.revision));
        if !newer {
            all.insert(uri.clone(), c.clone());
        }
    }
    drop(all);
    if open {
        super::archive::after_check(session, &c);
    }
    Some(c)
}

async fn check_and_publish(session: &Arc<Session>, uri: Uri) {
    let Some(c) = fresh(session, &uri).await else {
        return;
    };
    let current = lock(&session.docs).revision(&uri);
    let stale = current != Some(c.revision) || c.epoch != session.epoch();
    // A client that pulls is asked to pull again (workspace/diagnostic/refresh); the
    // others get the diagnostics pushed.
    let pulls = session.caps().pulls_diagnostics();
    if stale || pulls || c.skipped == Skipped::Indexing {
        return; // stale (a newer check is due), pulled by the client, or not checked yet
    }
    session
        .client
        .publish_diagnostics(uri, c.diagnostics.clone(), Some(c.version))
        .await;
}

fn lsp_severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Information => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

/// The editor's view of a place in a source file. A place that cannot be found in the
/// file (an HTML page whose markup hides it) is the top of the file.
pub fn source_location(
    source: &Source,
    span: crate::analysis::Span,
    enc: Encoding,
) -> Option<Location> {
    let uri = Uri::from_file_path(&source.path)?;
    let range = match crate::page_spans::in_file(source, span) {
        Some((text, span)) => position::text_range_of(text, span, enc),
        None => Range::default(),
    };
    Some(Location { uri, range })
}

/// A source's file name and the line where `span` starts, for messages: `arab-news.txt:9`
/// (the name alone when the place cannot be found in the file).
pub fn source_label(source: &Source, span: crate::analysis::Span) -> String {
    let name = source
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    match crate::page_spans::in_file(source, span) {
        Some((text, span)) => format!("{name}:{}", position::text_line_number(text, span.start)),
        None => name,
    }
}

/// Diagnostics already made, without their ranges, so that a keystroke converts only
/// the findings it changed.
///
/// A diagnostic depends on its finding (code, severity, message, evidence, fix, key), the
/// position encoding and whether the client shows related information: everything but
/// its place in the draft, which [`to_lsp`] sets. Turning evidence into related
/// information reads each evidence source (its path, title and text, for line numbers),
/// which at newsroom scale is most of the cost of a keystroke when done every time: a
/// finding's evidence can name dozens of sources. Kept per corpus generation, bounded.
#[derive(Default)]
pub struct DiagnosticCache {
    generation: u64,
    made: HashMap<DiagnosticKey, Diagnostic>,
    /// Diagnostics made and reused, for the tests.
    pub made_count: u64,
    pub reused_count: u64,
}

/// Diagnostics kept before the cache starts again empty.
pub const MAX_DIAGNOSTICS: usize = 5_000;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct DiagnosticKey {
    code: FindingCode,
    severity: Severity,
    message: String,
    evidence: Vec<crate::index::Location>,
    fix: Option<String>,
    key: String,
    utf8: bool,
    related: bool,
}

impl DiagnosticCache {
    fn prepare(&mut self, generation: u64) {
        if self.generation != generation || self.made.len() >= MAX_DIAGNOSTICS {
            self.made.clear();
            self.generation = generation;
        }
    }
}

/// The diagnostics of `findings` in the document `rope`, reusing what `cache` made
/// before for the same findings at the same corpus `generation`.
pub fn to_lsp(
    findings: &[Finding],
    rope: &Rope,
    enc: Encoding,
    corpus: &dyn CorpusIndex,
    related_information: bool,
    cache: &std::sync::Mutex<DiagnosticCache>,
    generation: u64,
) -> Vec<Diagnostic> {
    let mut cache = lock(cache);
    cache.prepare(generation);
    findings
        .iter()
        .take(MAX_PUBLISHED)
        .map(|f| {
            let key = DiagnosticKey {
                code: f.code,
                severity: f.severity,
                message: f.message.clone(),
                evidence: f.evidence.clone(),
                fix: f.fix.clone(),
                key: f.key.clone(),
                utf8: enc == Encoding::Utf8,
                related: related_information,
            };
            let range = position::range_of(rope, f.span, enc);
            if let Some(d) = cache.made.get(&key).cloned() {
                cache.reused_count += 1;
                return Diagnostic { range, ..d };
            }
            let d = make(f, range, enc, corpus, related_information);
            cache.made_count += 1;
            cache.made.insert(key, d.clone());
            d
        })
        .collect()
}

/// The diagnostic of one finding at `range`.
fn make(
    f: &Finding,
    range: Range,
    enc: Encoding,
    corpus: &dyn CorpusIndex,
    related_information: bool,
) -> Diagnostic {
    let related: Vec<DiagnosticRelatedInformation> = if related_information {
        f.evidence
            .iter()
            .filter_map(|loc| {
                let source = corpus.source(loc.source)?;
                let location = super::archive::source_location(&source, loc.span, enc)?;
                let title = source.meta.title.clone().unwrap_or_default();
                let archived =
                    super::archive::evidence_note(&source, &source_label(&source, loc.span));
                let message = if let Some(note) = archived {
                    note
                } else if title.is_empty() {
                    format!("the source: {}", source_label(&source, loc.span))
                } else {
                    format!("the source: {title} ({})", source_label(&source, loc.span))
                };
                Some(DiagnosticRelatedInformation { location, message })
            })
            .collect()
    } else {
        Vec::new()
    };
    Diagnostic {
        range,
        severity: Some(lsp_severity(f.severity)),
        code: Some(NumberOrString::String(f.code.as_str().to_string())),
        // No link: a path of the machine that built the server would point nowhere on a
        // user's. `sourced explain CODE` explains each code on every install.
        code_description: None,
        source: Some("sourced".into()),
        message: f.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: Some(json!({"code": f.code.as_str(), "key": f.key, "fix": f.fix})),
    }
}
