//! The server's shared state: open documents, the client's capabilities and settings,
//! the corpora of the workspace, the latest check of each document, and the ways of
//! talking back to the user (log, one-time messages, the `sourced/status` notification).
//!
//! Every field is behind its own short-lived lock; no lock is ever held across an
//! `.await` or while analysing.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::Value;
use tower_lsp_server::ls_types::notification::Notification;
use tower_lsp_server::ls_types::{ClientCapabilities, MessageType, Uri};
use tower_lsp_server::Client;

use super::archive::Archives;
use super::checked::Checked;
use super::diagnostics::Scheduler;
use super::documents::Documents;
use super::guard::lock;
use super::indexing::Assignments;
use super::position::Encoding;
use super::settings::{ClientSettings, DEFAULT_DEBOUNCE_MS};
use super::workspace::Workspace;

/// What the client said it can do, reduced to what the server asks.
#[derive(Clone, Copy, Debug, Default)]
pub struct Caps {
    pub work_done_progress: bool,
    pub watched_files_dynamic: bool,
    pub pull_diagnostics: bool,
    pub diagnostic_refresh: bool,
    pub inlay_hint_refresh: bool,
    pub configuration: bool,
    pub related_information: bool,
    pub markdown_hover: bool,
}

impl Caps {
    /// How this client gets its diagnostics, one way only: pulled when it can pull and can
    /// be told to pull again (after indexing, after a settings change), else pushed. A
    /// client that both received pushes and pulled would show each finding twice.
    pub fn pulls_diagnostics(&self) -> bool {
        self.pull_diagnostics && self.diagnostic_refresh
    }

    pub fn from_client(c: &ClientCapabilities) -> Caps {
        let ws = c.workspace.as_ref();
        let td = c.text_document.as_ref();
        Caps {
            work_done_progress: c
                .window
                .as_ref()
                .and_then(|w| w.work_done_progress)
                .unwrap_or(false),
            watched_files_dynamic: ws
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|d| d.dynamic_registration)
                .unwrap_or(false),
            pull_diagnostics: td.and_then(|t| t.diagnostic.as_ref()).is_some(),
            diagnostic_refresh: ws
                .and_then(|w| w.diagnostics.as_ref())
                .and_then(|d| d.refresh_support)
                .unwrap_or(false),
            inlay_hint_refresh: ws
                .and_then(|w| w.inlay_hint.as_ref())
                .and_then(|d| d.refresh_support)
                .unwrap_or(false),
            configuration: ws.and_then(|w| w.configuration).unwrap_or(false),
            related_information: td
                .and_then(|t| t.publish_diagnostics.as_ref())
                .and_then(|p| p.related_information)
                .unwrap_or(true),
            markdown_hover: td
                .and_then(|t| t.hover.as_ref())
                .and_then(|h| h.content_format.as_ref())
                .map(|f| f.contains(&tower_lsp_server::ls_types::MarkupKind::Markdown))
                .unwrap_or(true),
        }
    }
}

/// The `sourced/status` notification (docs/protocol.md).
pub enum StatusNotification {}

impl Notification for StatusNotification {
    type Params = Value;
    const METHOD: &'static str = "sourced/status";
}

/// Everything the handlers and background tasks share.
pub struct Session {
    pub client: Client,
    pub docs: Mutex<Documents>,
    encoding: Mutex<Encoding>,
    caps: Mutex<Caps>,
    settings: Mutex<ClientSettings>,
    pub workspace: Workspace,
    /// The latest check of each open document (possibly of an older revision).
    pub checked: Mutex<HashMap<Uri, Arc<Checked>>>,
    pub scheduler: Scheduler,
    /// Which corpus each open draft uses.
    pub assignments: Assignments,
    /// The newsroom archives in use, and each draft's answers from them.
    pub archives: Archives,
    /// The server's own file watching, when the client cannot watch files for it.
    pub watcher: super::watcher::Watcher,
    /// Messages already shown with `window/showMessage`.
    said: Mutex<HashSet<String>>,
    pub shutting_down: AtomicBool,
    /// Bumped when settings or `sourced.toml` change: checks and corpus assignments
    /// made before are stale.
    epoch: AtomicU64,
}

impl Session {
    pub fn new(client: Client) -> Session {
        Session {
            client,
            docs: Mutex::new(Documents::new()),
            encoding: Mutex::new(Encoding::Utf16),
            caps: Mutex::new(Caps::default()),
            settings: Mutex::new(ClientSettings::default()),
            workspace: Workspace::new(),
            checked: Mutex::new(HashMap::new()),
            scheduler: Scheduler::new(),
            assignments: Assignments::default(),
            archives: Archives::default(),
            watcher: super::watcher::Watcher::default(),
            said: Mutex::new(HashSet::new()),
            shutting_down: AtomicBool::new(false),
            epoch: AtomicU64::new(0),
        }
    }

    pub fn encoding(&self) -> Encoding {
        *lock(&self.encoding)
    }

    pub fn set_encoding(&self, enc: Encoding) {
        *lock(&self.encoding) = enc;
    }

    pub fn caps(&self) -> Caps {
        *lock(&self.caps)
    }

    pub fn set_caps(&self, caps: Caps) {
        *lock(&self.caps) = caps;
    }

    pub fn settings(&self) -> ClientSettings {
        lock(&self.settings).clone()
    }

    /// Replace the editor's settings; returns whether the corpus paths changed.
    pub fn set_settings(&self, s: ClientSettings) -> bool {
        let mut cur = lock(&self.settings);
        let corpus_changed = cur.corpus_paths != s.corpus_paths;
        *cur = s;
        corpus_changed
    }

    /// The debounce for checks of a document with this corpus configuration.
    pub fn debounce(&self, toml_debounce: Option<u64>) -> Duration {
        let ms = lock(&self.settings)
            .debounce_ms
            .or(toml_debounce)
            .unwrap_or(DEFAULT_DEBOUNCE_MS);
        Duration::from_millis(ms)
    }

    pub fn forget(&self, uri: &Uri) {
        lock(&self.checked).remove(uri);
        self.assignments.remove(uri);
        self.archives.forget(uri);
        self.scheduler.cancel(uri);
    }

    /// The latest check of `uri`, whatever its revision.
    pub fn latest(&self, uri: &Uri) -> Option<Arc<Checked>> {
        lock(&self.checked).get(uri).cloned()
    }

    /// Log to stderr and to the client's log.
    pub async fn log(&self, typ: MessageType, message: impl Into<String>) {
        let message = message.into();
        eprintln!("sourced lsp: {message}");
        self.client.log_message(typ, message).await;
    }

    /// Show a problem the user must act on, once per session (later repeats are only
    /// logged).
    pub async fn say_once(&self, typ: MessageType, message: impl Into<String>) {
        let message = message.into();
        let first = lock(&self.said).insert(message.clone());
        if first {
            self.client.show_message(typ, message.clone()).await;
        }
        self.log(typ, message).await;
    }

    /// Send `sourced/status`.
    pub async fn status(
        &self,
        state: &str,
        sources: usize,
        bytes: u64,
        percentage: Option<u32>,
        message: &str,
    ) {
        let params = serde_json::json!({
            "state": state, "sources": sources, "bytes": bytes,
            "percentage": percentage, "message": message,
        });
        self.client
            .send_notification::<StatusNotification>(params)
            .await;
    }

    /// The workspace folder that holds `path`, if any (the deepest).
    pub fn folder_of(&self, path: &std::path::Path) -> Option<PathBuf> {
        self.workspace.folder_of(path)
    }

    pub fn epoch(&self) -> u64 {
        self.epoch.load(Ordering::SeqCst)
    }

    pub fn bump_epoch(&self) {
        self.epoch.fetch_add(1, Ordering::SeqCst);
    }

    pub fn is_shutting_down(&self) -> bool {
        self.shutting_down.load(Ordering::SeqCst)
    }
}
