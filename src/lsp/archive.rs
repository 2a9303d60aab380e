//! The newsroom archive in the language server: drafts checked against their story
//! folder and the archive together, without the keystroke path ever waiting on the
//! network.
//!
//! A check asks the archive only through the answers kept for its draft
//! ([`sourced_archive::answers`]): what is not there yet is noted as missed, and the
//! check says nothing that a missed answer could overturn ([`sourced_archive::withheld`]).
//! The missed questions are then fetched on a blocking thread, all of them at once
//! ([`ASKED_AT_ONCE`] at a time), at most one fetch per draft at a time; the draft is
//! checked again once they are answered, and every [`PROGRESS`] while a long fetch goes
//! on. A question unanswered for [`ANSWER_LIMIT`] or a fetch that fails sets the status
//! to "archive unreachable"
//! (`sourced/status`), and is tried again every [`RETRY`] while the draft has questions
//! the archive has not answered: the story folder's findings come all along, the
//! archive's are back within seconds of the database.
//!
//! The archive is opened on first need, from `$SOURCED_ARCHIVE_URL` or the draft's
//! `[archive] url`; it is only ever read (its connections are read-only sessions).
//! Evidence from the archive opens its original file when that file is on this
//! machine, else a read-only `sourced://archive/ID/NAME` document, whose text the
//! `sourced.archiveDocument` command serves.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use ropey::Rope;
use serde_json::{json, Value};
use sourced_archive::answers::{fetch, Answers, Consult, Question};
use sourced_archive::layered::{in_archive, Layered, ARCHIVE_BIT};
use sourced_archive::{provenance, withheld, ArchiveError, ArchiveIndex, ArchiveUrl};
use tower_lsp_server::ls_types::{Diagnostic, Location, MessageType, Uri};

use crate::analysis::{analyze, Analysis, TextFormat};
use crate::check::{CheckOptions, Report};
use crate::incremental::check_incremental;
use crate::incremental::query_cache::Memo;
use crate::index::{CorpusEntity, CorpusIndex, Passage, Source, SourceId};

use crate::config::Config;

use super::checked::{CheckCaches, Checked};
use super::diagnostics;
use super::guard::lock;
use super::position::{self, Encoding};
use super::session::Session;
use super::workspace::Assignment;

/// How long a question may go unanswered before the status says the archive is not
/// answering (at 100k articles one name's question can take a few seconds).
pub const ANSWER_LIMIT: Duration = Duration::from_secs(10);
/// Questions asked of the archive at the same time, each on its own connection (the
/// archive's pool keeps eight).
pub const ASKED_AT_ONCE: usize = 4;
/// While a fetch goes on, the draft is checked again with the answers so far this
/// often: a long draft's first check shows the archive's findings as they arrive. Not
/// more often: each such check starts the draft's caches again, and at 10,000 articles
/// checks every 2 s made the whole fetch take 32 s instead of 18.
pub const PROGRESS: Duration = Duration::from_secs(10);
/// How soon a fetch that failed is tried again.
pub const RETRY: Duration = Duration::from_secs(2);

/// The scheme of the read-only documents of archived text.
pub const SCHEME: &str = "sourced";

/// Whether `uri` names a read-only document of archived text. Such a document is a
/// source, never a draft: an editor that opens it with the server attached gets no
/// findings on it.
pub fn is_archived_document(uri: &Uri) -> bool {
    uri.scheme().as_str().eq_ignore_ascii_case(SCHEME)
}

/// Whether the archive answers, as last seen.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Reach {
    Unknown,
    Answering,
    Unreachable(String),
}

/// One archive, shared by the drafts that name it; opened on a blocking thread the
/// first time a fetch needs it.
pub struct Archive {
    url: ArchiveUrl,
    index: Mutex<Option<Arc<ArchiveIndex>>>,
    reach: Mutex<Reach>,
}

impl Archive {
    /// The open archive, opening it now if need be. Blocking.
    fn index(&self) -> Result<Arc<ArchiveIndex>, ArchiveError> {
        if let Some(i) = lock(&self.index).as_ref() {
            return Ok(Arc::clone(i));
        }
        let opened = Arc::new(ArchiveIndex::open(&self.url)?);
        let mut kept = lock(&self.index);
        Ok(Arc::clone(kept.get_or_insert(opened)))
    }

    /// Record whether it answered; the new state when it changed.
    fn set_reach(&self, now: Reach) -> Option<Reach> {
        let mut reach = lock(&self.reach);
        (*reach != now).then(|| {
            *reach = now.clone();
            now
        })
    }
}

/// What a draft remembers of the archive: its answers, which checks of it missed, and
/// the check caches of the draft with them.
pub struct DraftArchive {
    archive: Arc<Archive>,
    /// The story folder's paths: archived files under them are the folder's own.
    roots: Vec<PathBuf>,
    answers: Mutex<Answers>,
    /// The archived copies of the story folder's files, once asked.
    hidden: Mutex<Option<Arc<HashSet<SourceId>>>>,
    /// Moves on whenever answers arrive: checks made before are stale.
    round: AtomicU64,
    /// The questions checks missed in the current round: (round, questions).
    missed: Mutex<(u64, Vec<Question>)>,
    fetching: AtomicBool,
    /// The questions of the last fetch that was answered: asked again at once, they did
    /// not stay kept (more than the draft's answers may hold), and are not fetched again.
    last_fetched: Mutex<Vec<Question>>,
    /// The check caches of this draft (its corpus is its own: folder and answers).
    pub caches: CheckCaches,
}

impl DraftArchive {
    pub fn round(&self) -> u64 {
        self.round.load(Ordering::SeqCst)
    }

    fn note_missed(&self, round: u64, questions: &[Question]) {
        let mut m = lock(&self.missed);
        if m.0 != round {
            return; // answers arrived meanwhile; this check is stale
        }
        for q in questions {
            if !m.1.contains(q) {
                m.1.push(q.clone());
            }
        }
    }

    /// The questions missed in `round` (none when the round moved on).
    fn missed_in(&self, round: u64) -> Vec<Question> {
        let m = lock(&self.missed);
        if m.0 == round {
            m.1.clone()
        } else {
            Vec::new()
        }
    }

    fn has_missed(&self) -> bool {
        !lock(&self.missed).1.is_empty()
    }

    /// Answers arrived: a new round, nothing missed in it yet.
    fn next_round(&self) {
        let mut m = lock(&self.missed);
        let round = self.round.fetch_add(1, Ordering::SeqCst) + 1;
        *m = (round, Vec::new());
    }

    /// An archived source this draft has been told of (no question asked).
    pub fn source(&self, id: SourceId) -> Option<Arc<Source>> {
        Consult::kept(&self.answers).source(id)
    }

    /// Fetch `questions` (and the folder's archived copies first), counting each one
    /// answered in `answered`. Blocking.
    fn fetch(&self, questions: &[Question], answered: &AtomicU64) -> Result<(), ArchiveError> {
        let index = self.archive.index()?;
        if lock(&self.hidden).is_none() {
            let roots: Vec<PathBuf> = self
                .roots
                .iter()
                .map(|r| std::fs::canonicalize(r).unwrap_or_else(|_| r.clone()))
                .collect();
            let hidden = index.sources_under(&roots)?;
            *lock(&self.hidden) = Some(Arc::new(hidden));
        }
        let fetched = fetch(&index, &self.answers, questions, ASKED_AT_ONCE, &|| {
            answered.fetch_add(1, Ordering::SeqCst);
        });
        // What the fetch read and analysed and did not keep, given back.
        sourced_corpus::heap::give_back();
        fetched?;
        // Which archived files are on this machine, for jumps to them: looked at here,
        // never on the keystroke path.
        let ids: Vec<SourceId> = questions
            .iter()
            .filter_map(|q| match q {
                Question::Source(id) | Question::Text(id) => Some(*id),
                _ => None,
            })
            .collect();
        let kept = Consult::kept(&self.answers);
        let mut paths: Vec<PathBuf> = ids
            .iter()
            .filter_map(|id| kept.source(*id).map(|s| s.path.clone()))
            .collect();
        paths.extend(self.passage_sources(&kept, questions));
        note_reachable(&paths);
        Ok(())
    }

    /// What the server holds for this draft and its archive, for the log after a fetch
    /// of `asked` questions.
    fn held(&self, uri: &Uri, asked: usize) -> String {
        let mb = |b: usize| b as f64 / 1048576.0;
        let (answers, sources, bytes) = lock(&self.answers).held();
        let mut out = format!(
            "{}: {asked} questions answered by the archive; kept for the draft: {answers} answers ({sources} sources) {:.1} MB",
            uri.as_str(),
            mb(bytes)
        );
        let (n, words) = self.caches.words.held();
        out.push_str(&format!("; words of {n} sources {:.1} MB", mb(words)));
        if let Some(index) = lock(&self.archive.index).as_ref() {
            let h = index.held();
            out.push_str(&format!(
                "; read lately: {} sources {:.1} MB, {} tokenized {:.1} MB",
                h.sources.0,
                mb(h.sources.1),
                h.tokens.0,
                mb(h.tokens.1)
            ));
        }
        if let Some((used, held)) = sourced_corpus::heap::allocator() {
            out.push_str(&format!(
                "; allocated {:.1} MB of {:.1} MB",
                mb(used),
                mb(held)
            ));
        }
        out
    }

    fn passage_sources(&self, kept: &Consult<'_>, questions: &[Question]) -> Vec<PathBuf> {
        questions
            .iter()
            .filter_map(|q| match q {
                Question::Passages(words, limit) => Some(kept.passages(words, *limit)),
                _ => None,
            })
            .flatten()
            .filter_map(|p: Passage| kept.source(p.location.source).map(|s| s.path.clone()))
            .collect()
    }
}

/// The archives in use and each open draft's answers.
#[derive(Default)]
pub struct Archives {
    opened: Mutex<HashMap<String, Arc<Archive>>>,
    drafts: Mutex<HashMap<Uri, Arc<DraftArchive>>>,
}

/// The archive a draft is checked against: `$SOURCED_ARCHIVE_URL`, else `[archive] url`
/// of its `sourced.toml`.
fn archive_url(config: &Config) -> Option<String> {
    std::env::var(sourced_archive::ENV_VAR)
        .ok()
        .filter(|v| !v.trim().is_empty())
        .or_else(|| config.archive_url.clone())
}

/// Whether drafts under `config` are checked against an archive.
pub fn configured(config: &Config) -> bool {
    archive_url(config).is_some()
}

impl Archives {
    /// The archive answers of the draft `uri` checked with `assignment`, when an archive
    /// is configured for it (`Err`: configured, but its connection string is not valid).
    pub fn for_draft(
        &self,
        uri: &Uri,
        assignment: &Assignment,
    ) -> Result<Option<Arc<DraftArchive>>, ArchiveError> {
        let Some(raw) = archive_url(&assignment.config) else {
            lock(&self.drafts).remove(uri);
            return Ok(None);
        };
        let archive = {
            let mut opened = lock(&self.opened);
            match opened.get(&raw) {
                Some(a) => Arc::clone(a),
                None => {
                    let a = Arc::new(Archive {
                        url: ArchiveUrl::parse(&raw)?,
                        index: Mutex::new(None),
                        reach: Mutex::new(Reach::Unknown),
                    });
                    opened.insert(raw, Arc::clone(&a));
                    a
                }
            }
        };
        let roots = assignment.corpus.corpus.paths.clone();
        let mut drafts = lock(&self.drafts);
        if let Some(d) = drafts.get(uri) {
            if Arc::ptr_eq(&d.archive, &archive) && d.roots == roots {
                return Ok(Some(Arc::clone(d)));
            }
        }
        let d = Arc::new(DraftArchive {
            archive,
            roots,
            answers: Mutex::new(Answers::default()),
            hidden: Mutex::new(None),
            round: AtomicU64::new(0),
            missed: Mutex::new((0, Vec::new())),
            fetching: AtomicBool::new(false),
            last_fetched: Mutex::new(Vec::new()),
            caches: CheckCaches::default(),
        });
        drafts.insert(uri.clone(), Arc::clone(&d));
        Ok(Some(d))
    }

    /// The draft was closed: its answers go.
    pub fn forget(&self, uri: &Uri) {
        lock(&self.drafts).remove(uri);
    }

    fn draft(&self, uri: &Uri) -> Option<Arc<DraftArchive>> {
        lock(&self.drafts).get(uri).cloned()
    }

    /// An archived source, from any draft's answers.
    fn kept_source(&self, id: SourceId) -> Option<Arc<Source>> {
        let drafts: Vec<Arc<DraftArchive>> = lock(&self.drafts).values().cloned().collect();
        drafts.iter().find_map(|d| d.source(id))
    }

    fn any_archive(&self) -> Option<Arc<Archive>> {
        lock(&self.opened).values().next().cloned()
    }
}

/// The generation of a draft's check caches: the story folder's and the archive round.
fn generation(folder: u64, round: u64) -> u64 {
    (folder << 24) | (round & 0xff_ffff)
}

/// [`super::checked::check_text`] with the archive: the draft checked against its story
/// folder and the answers kept for it, what missed answers could overturn withheld, the
/// missed questions noted for a fetch. Blocking, but never waits on the network.
#[allow(clippy::too_many_arguments)]
pub fn check_text(
    text: &str,
    rope: &Rope,
    format: TextFormat,
    folder: &dyn CorpusIndex,
    folder_generation: u64,
    draft: &DraftArchive,
    options: &CheckOptions,
    encoding: Encoding,
    related_information: bool,
) -> (Analysis, Report, Vec<Diagnostic>, u64) {
    let round = draft.round();
    let analysis = analyze(text, format);
    let hidden = lock(&draft.hidden).clone();
    // Before the folder's archived copies are known, nothing kept is used (it could show
    // a story file twice): every question is missed, and fetched with them.
    let none = Mutex::new(Answers::default());
    let no_copies = HashSet::new();
    let (answers, copies) = match &hidden {
        Some(h) => (&draft.answers, &**h),
        None => (&none, &no_copies),
    };
    let consult = Consult::kept(answers);
    let both = Layered::new(folder, &consult, copies);
    let generation = generation(folder_generation, round);
    let memo = Memo::new(&both, &draft.caches.queries, generation);
    let mut report = check_incremental(
        text,
        &analysis,
        &memo,
        options,
        &draft.caches.chains,
        &draft.caches.words,
        generation,
    );
    provenance::say_where(&mut report, &both);
    draft.note_missed(round, &consult.missed());
    withheld::withhold(&mut report, text, &draft.missed_in(round));
    let diagnostics = diagnostics::to_lsp(
        &report.findings,
        rope,
        encoding,
        &both,
        related_information,
        &draft.caches.diagnostics,
        generation,
    );
    (analysis, report, diagnostics, round)
}

/// After a check: fetch what it missed, unless a fetch for its draft is under way.
pub fn after_check(session: &Arc<Session>, c: &Checked) {
    let Some(d) = c.archive.clone() else {
        return;
    };
    if !d.has_missed() || d.fetching.swap(true, Ordering::SeqCst) {
        return;
    }
    let session = Arc::clone(session);
    let uri = c.uri.clone();
    tokio::spawn(async move { fetch_missed(session, uri, d).await });
}

/// Fetch the draft's missed questions until none are left, the draft is closed, or the
/// server stops: all the questions a check missed at once, the draft checked again
/// when they are answered (and every [`PROGRESS`] meanwhile); the check that follows
/// notes what the answers lead to (the sources a name's mentions are in, say).
async fn fetch_missed(session: Arc<Session>, uri: Uri, d: Arc<DraftArchive>) {
    loop {
        while d.has_missed() && !session.is_shutting_down() {
            let still_open = session
                .archives
                .draft(&uri)
                .is_some_and(|now| Arc::ptr_eq(&now, &d));
            if !still_open {
                break;
            }
            let questions = d.missed_in(d.round());
            if questions.is_empty() {
                break;
            }
            if *lock(&d.last_fetched) == questions {
                session
                    .log(
                        MessageType::WARNING,
                        format!(
                            "{}: the archive's answers for this draft do not all fit in what is kept for it; the rest stay unanswered",
                            uri.as_str()
                        ),
                    )
                    .await;
                break;
            }
            let answered = Arc::new(AtomicU64::new(0));
            let job = tokio::task::spawn_blocking({
                let (d, asked, answered) =
                    (Arc::clone(&d), questions.clone(), Arc::clone(&answered));
                move || d.fetch(&asked, &answered)
            });
            tokio::pin!(job);
            // Slow is a question unanswered for ANSWER_LIMIT, not a long list of them.
            let (mut seen, mut since) = (0, tokio::time::Instant::now());
            let (mut shown, mut shown_at) = (0, tokio::time::Instant::now());
            let done = loop {
                tokio::select! {
                    r = &mut job => break r,
                    _ = tokio::time::sleep(Duration::from_millis(250)) => {}
                }
                let now = answered.load(Ordering::SeqCst);
                if now != seen {
                    (seen, since) = (now, tokio::time::Instant::now());
                } else if since.elapsed() >= ANSWER_LIMIT {
                    let why = format!("no answer within {} s", ANSWER_LIMIT.as_secs());
                    reached(&session, &d.archive, Reach::Unreachable(why)).await;
                    since = tokio::time::Instant::now();
                }
                if now > shown && shown_at.elapsed() >= PROGRESS {
                    // The answers so far, shown: a new round, checked again.
                    (shown, shown_at) = (now, tokio::time::Instant::now());
                    d.next_round();
                    session.scheduler.schedule(uri.clone(), Duration::ZERO);
                }
            };
            match done {
                Ok(Ok(())) => {
                    session
                        .log(MessageType::LOG, d.held(&uri, questions.len()))
                        .await;
                    *lock(&d.last_fetched) = questions;
                    reached(&session, &d.archive, Reach::Answering).await;
                    d.next_round();
                    session.scheduler.schedule(uri.clone(), Duration::ZERO);
                    super::indexing::refresh_pulled(&session);
                    break;
                }
                Ok(Err(e)) => {
                    reached(&session, &d.archive, Reach::Unreachable(e.message)).await;
                    tokio::time::sleep(RETRY).await;
                }
                Err(_) => break,
            }
        }
        d.fetching.store(false, Ordering::SeqCst);
        // A check that missed something while this fetch was finishing left it to us.
        if !d.has_missed() || d.fetching.swap(true, Ordering::SeqCst) {
            return;
        }
    }
}

/// Tell the user when the archive starts or stops answering.
async fn reached(session: &Arc<Session>, archive: &Archive, now: Reach) {
    let Some(now) = archive.set_reach(now) else {
        return;
    };
    let sources = lock(&archive.index)
        .as_ref()
        .map_or(0, |i| i.source_count());
    match now {
        Reach::Unreachable(why) => {
            let message = format!(
                "archive unreachable ({}): {why}; the story folder's findings only, and no quote is called unsourced until it answers",
                archive.url
            );
            session.log(MessageType::WARNING, message.clone()).await;
            session
                .status("archive-unreachable", 0, 0, None, &message)
                .await;
        }
        Reach::Answering => {
            let message = format!("archive answering ({}): {sources} sources", archive.url);
            session.log(MessageType::INFO, message.clone()).await;
            session
                .status("archive-ready", sources, 0, None, &message)
                .await;
        }
        Reach::Unknown => {}
    }
}

/// Paths of archived files found on this machine (true) or not (false).
fn reachable() -> &'static Mutex<HashMap<PathBuf, bool>> {
    static SEEN: OnceLock<Mutex<HashMap<PathBuf, bool>>> = OnceLock::new();
    SEEN.get_or_init(Mutex::default)
}

fn note_reachable(paths: &[PathBuf]) {
    let found: Vec<(PathBuf, bool)> = paths
        .iter()
        .filter(|p| !lock(reachable()).contains_key(*p))
        .map(|p| (p.clone(), p.is_file()))
        .collect();
    lock(reachable()).extend(found);
}

fn is_reachable(path: &Path) -> bool {
    lock(reachable()).get(path).copied().unwrap_or(false)
}

/// The editor's view of a place in a source: the file itself, or for an archived source
/// whose file is not on this machine, its read-only `sourced://` document.
pub fn source_location(
    source: &Source,
    span: crate::analysis::Span,
    enc: Encoding,
) -> Option<Location> {
    if !in_archive(source.id) || is_reachable(&source.path) {
        return diagnostics::source_location(source, span, enc);
    }
    let name = source
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let uri: Uri = format!(
        "{SCHEME}://archive/{}/{}",
        source.id.0 & !ARCHIVE_BIT,
        percent_encode(&name)
    )
    .parse()
    .ok()?;
    // The document is the text as read from the file (for a web page, its article).
    Some(Location {
        uri,
        range: position::text_range_of(&source.text, span, enc),
    })
}

fn percent_encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Evidence from a source, as a note under a diagnostic: the archive's with what it says
/// about itself (outlet, date, title, URL).
pub fn evidence_note(source: &Source, label: &str) -> Option<String> {
    in_archive(source.id)
        .then(|| format!("in the archive: {} ({label})", provenance::describe(source)))
}

/// A check's corpus as hovers and jumps see it: the story folder, and the archived
/// sources its draft was told of.
pub struct Evidence<'a> {
    folder: &'a dyn CorpusIndex,
    draft: Option<&'a DraftArchive>,
}

/// The corpus of check `c` (whose story folder is `folder`) for hovers and jumps.
pub fn evidence<'a>(c: &'a Checked, folder: &'a dyn CorpusIndex) -> Evidence<'a> {
    Evidence {
        folder,
        draft: c.archive.as_deref(),
    }
}

impl CorpusIndex for Evidence<'_> {
    fn source_count(&self) -> usize {
        self.folder.source_count()
    }
    fn source(&self, id: SourceId) -> Option<Arc<Source>> {
        if in_archive(id) {
            self.draft?.source(id)
        } else {
            self.folder.source(id)
        }
    }
    fn passages(&self, words: &[String], limit: usize) -> Vec<Passage> {
        self.folder.passages(words, limit)
    }
    fn entities_named(&self, name: &str) -> Vec<Arc<CorpusEntity>> {
        self.folder.entities_named(name)
    }
    fn similar_names(&self, name: &str) -> Vec<(String, Arc<CorpusEntity>)> {
        self.folder.similar_names(name)
    }
    fn entities_containing(&self, part: &str, limit: usize) -> Vec<Arc<CorpusEntity>> {
        self.folder.entities_containing(part, limit)
    }
}

/// `sourced.archiveDocument { "uri": "sourced://archive/ID/NAME" }`: the archived text
/// of a read-only document, with what the source says about itself.
pub async fn archive_document(session: &Arc<Session>, uri: &str) -> Result<Value, String> {
    let id = uri
        .strip_prefix(&format!("{SCHEME}://archive/"))
        .and_then(|rest| rest.split('/').next())
        .and_then(|n| n.parse::<u32>().ok())
        .filter(|n| n & ARCHIVE_BIT == 0)
        .map(|n| SourceId(n | ARCHIVE_BIT))
        .ok_or_else(|| format!("{uri} is not an archived document (sourced://archive/ID/NAME)"))?;
    let source = match session.archives.kept_source(id) {
        Some(s) => Some(s),
        None => {
            let archive = session
                .archives
                .any_archive()
                .ok_or_else(|| "no archive is configured".to_string())?;
            let job = tokio::task::spawn_blocking(
                move || -> Result<Option<Arc<Source>>, ArchiveError> {
                    let index = archive.index()?;
                    let failures = index.failures();
                    let s = index.source(id);
                    match index.failure().filter(|_| index.failures() != failures) {
                        Some(e) => Err(e),
                        None => Ok(s),
                    }
                },
            );
            match tokio::time::timeout(ANSWER_LIMIT, job).await {
                Ok(Ok(Ok(s))) => s,
                Ok(Ok(Err(e))) => return Err(format!("archive unreachable: {}", e.message)),
                Ok(Err(_)) => return Err("reading the archive failed".to_string()),
                Err(_) => {
                    return Err(format!(
                        "archive unreachable: no answer within {} s",
                        ANSWER_LIMIT.as_secs()
                    ))
                }
            }
        }
    };
    let source = source.ok_or_else(|| format!("{uri}: no such source in the archive"))?;
    Ok(json!({
        "uri": uri,
        "text": &*source.text,
        "path": source.path.display().to_string(),
        "title": source.meta.title,
        "outlet": source.meta.outlet,
        "date": source.meta.date,
        "url": source.meta.url,
    }))
}
