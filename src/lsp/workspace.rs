//! Workspace folders and their corpora.
//!
//! A draft finds its corpus as `sourced check` does ([`crate::config::resolve`]):
//! the nearest `sourced.toml`, else a `sources/` folder beside the draft, else at the
//! workspace folder's root; the editor's `corpus.paths` setting, when given, replaces the
//! paths (relative to the workspace folder, or to the draft's folder outside any). Each
//! distinct corpus is loaded once, in the background, and shared by every draft that
//! uses it, so multi-root workspaces and drafts opened alone each get their own.
//!
//! This module decides *which* corpus; loading is [`crate::corpus::load`], indexing
//! progress and re-checks are driven by [`super::indexing`].

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock, RwLockReadGuard, RwLockWriteGuard};

use tower_lsp_server::ls_types::Uri;

use crate::config::{self, Config, ConfigError, CorpusConfig};
use crate::corpus::memory::MemoryIndex;

use super::checked::CheckCaches;
use super::guard::lock;
use super::settings::ClientSettings;

/// Where a corpus is in its life.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IndexState {
    /// Being read; checks wait for it (checking against half a corpus would flag
    /// quotes as unsourced that are not).
    Indexing,
    Ready,
}

/// A draft's file as it was (size, modification time), and the index generation that was
/// searched for copies of it.
type Examined = ((u64, u64), u64);

/// One corpus, shared by the drafts whose configurations name the same files.
pub struct CorpusHandle {
    pub corpus: CorpusConfig,
    index: RwLock<MemoryIndex>,
    state: Mutex<IndexState>,
    /// Bumped whenever the index changes, so cached checks know they are stale.
    generation: AtomicU64,
    /// What checks of its drafts remember (corpus answers, quote verdicts, diagnostics)
    /// at the current generation.
    pub caches: CheckCaches,
    /// Wakes those waiting for the index to be ready.
    readied: tokio::sync::Notify,
    /// Source files taken out of the index because they are an open draft (or a copy of
    /// one), with the draft's URI: a draft is never its own source.
    drafts: Mutex<HashMap<PathBuf, Uri>>,
    /// Each open draft's file as it was (size, modification time) when the index, at the
    /// generation beside it, was last searched for copies of it: a keystroke that changed
    /// neither searches again.
    examined: Mutex<HashMap<PathBuf, Examined>>,
}

impl CorpusHandle {
    fn new(corpus: CorpusConfig) -> CorpusHandle {
        CorpusHandle {
            caches: CheckCaches::for_story_folder(),
            corpus,
            index: RwLock::new(MemoryIndex::new()),
            state: Mutex::new(IndexState::Indexing),
            generation: AtomicU64::new(0),
            readied: tokio::sync::Notify::new(),
            drafts: Mutex::new(HashMap::new()),
            examined: Mutex::new(HashMap::new()),
        }
    }

    pub fn state(&self) -> IndexState {
        lock(&self.state).clone()
    }

    pub fn set_state(&self, s: IndexState) {
        let ready = s == IndexState::Ready;
        *lock(&self.state) = s;
        if ready {
            self.readied.notify_waiters();
        }
    }

    /// Wait until the index is ready (now, when it is).
    pub async fn wait_ready(&self) {
        loop {
            // Made before looking, so that a notification in between is not missed.
            let readied = self.readied.notified();
            if self.is_ready() {
                return;
            }
            readied.await;
        }
    }

    pub fn is_ready(&self) -> bool {
        self.state() == IndexState::Ready
    }

    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    pub fn read(&self) -> RwLockReadGuard<'_, MemoryIndex> {
        self.index.read().unwrap_or_else(|p| p.into_inner())
    }

    pub fn write(&self) -> RwLockWriteGuard<'_, MemoryIndex> {
        self.index.write().unwrap_or_else(|p| p.into_inner())
    }

    /// Replace the whole index (the open drafts it holds are taken out again at their
    /// next check).
    pub fn install(&self, index: MemoryIndex) {
        let mut current = self.write();
        *current = index;
        lock(&self.drafts).clear();
        lock(&self.examined).clear();
        drop(current);
        self.bump();
    }

    /// Whether the open document at `path` is a source the reporter is reading (opened
    /// from a corpus folder that does not hold the story itself, such as `sources/`, often
    /// by a jump from the draft) rather than a draft: it stays a source while open. A
    /// corpus that holds the story folder (`paths = ["."]`) makes every document there a
    /// draft, kept out of its own sources.
    pub fn is_source_being_read(&self, path: &Path) -> bool {
        self.corpus
            .paths
            .iter()
            .any(|root| path.starts_with(root) && !self.corpus.base.starts_with(root))
    }

    /// Take the open draft at `draft` (the document `uri`) out of the index, and the
    /// sources that are copies of it; the files taken out now (none, nearly always).
    pub fn skip_draft(&self, uri: &Uri, draft: &Path) -> Vec<PathBuf> {
        let file = crate::corpus::read::stat(draft).ok();
        let generation = self.generation();
        if let Some(file) = file {
            if lock(&self.examined).get(draft) == Some(&(file, generation)) {
                return Vec::new();
            }
        }
        if self.read().copies_of_draft(draft).is_empty() {
            if let Some(file) = file {
                lock(&self.examined).insert(draft.to_path_buf(), (file, generation));
            }
            return Vec::new();
        }
        // Again under the write lock: the index may have been replaced meanwhile.
        let mut index = self.write();
        let ids = index.copies_of_draft(draft);
        let paths: Vec<PathBuf> = ids.into_iter().filter_map(|id| index.hide(id)).collect();
        let mut drafts = lock(&self.drafts);
        for p in &paths {
            drafts.insert(p.clone(), uri.clone());
        }
        drop(drafts);
        drop(index);
        if !paths.is_empty() {
            self.bump();
        }
        paths
    }

    /// Whether the file at `path` is out of the index as an open draft (its changes on
    /// disk must not put it back).
    pub fn is_skipped_draft(&self, path: &Path) -> bool {
        lock(&self.drafts).contains_key(path)
    }

    /// The draft `uri` was closed: the files taken out for it, to be read again.
    pub fn draft_closed(&self, uri: &Uri) -> Vec<PathBuf> {
        let mut drafts = lock(&self.drafts);
        let paths: Vec<PathBuf> = drafts
            .iter()
            .filter(|(_, u)| *u == uri)
            .map(|(p, _)| p.clone())
            .collect();
        for p in &paths {
            drafts.remove(p);
        }
        paths
    }

    pub fn bump(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
    }

    /// Whether a file at `path` belongs to this corpus (it is indexed, or lies under one
    /// of its paths).
    /// Whether a change to `path` concerns this corpus: a file it has, or one its walk
    /// would read (the same filter as `sourced check`: a `.pdf` beside the sources is not
    /// a source).
    pub fn covers(&self, path: &Path) -> bool {
        self.read().source_id(path).is_some() || crate::corpus::walk::accepts(&self.corpus, path)
    }

    /// A short name for messages.
    pub fn describe(&self) -> String {
        let paths: Vec<String> = self
            .corpus
            .paths
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        paths.join(", ")
    }
}

/// What a draft is checked with: its corpus, and its configuration (aliases, ignores,
/// severities, which may differ between drafts sharing a corpus).
#[derive(Clone)]
pub struct Assignment {
    pub corpus: Arc<CorpusHandle>,
    pub config: Arc<Config>,
    /// The folder where `sourced.toml` is created when there is none yet.
    pub home: PathBuf,
}

impl Assignment {
    /// Where `sourced.toml` is, or would be created.
    pub fn toml_path(&self) -> PathBuf {
        self.config
            .file
            .clone()
            .unwrap_or_else(|| self.home.join(config::FILE_NAME))
    }
}

/// How a draft's corpus was resolved.
pub enum Resolved {
    /// The assignment, and whether its corpus was just created (and must be indexed).
    Corpus(Assignment, bool),
    /// No corpus: a message for the user.
    None(String),
}

/// The workspace folders and the corpora in use.
#[derive(Default)]
pub struct Workspace {
    folders: Mutex<Vec<PathBuf>>,
    corpora: Mutex<Vec<Arc<CorpusHandle>>>,
    configs: Mutex<ConfigFiles>,
}

/// The `sourced.toml` files read: the last configuration each gave without an error,
/// which stays in use while the file has one (a typo must not make every finding
/// vanish, which would look like a clean draft), and the error each has now.
#[derive(Default)]
struct ConfigFiles {
    last_good: HashMap<PathBuf, Config>,
    problems: HashMap<PathBuf, ConfigError>,
    /// The problems the editor has been shown, by file.
    shown: HashMap<PathBuf, ConfigError>,
}

/// A change to show in the editor: the problem `sourced.toml` at the path has now, or
/// `None` when it has none any more.
pub type ConfigProblem = (PathBuf, Option<ConfigError>);

impl Workspace {
    pub fn new() -> Workspace {
        Workspace::default()
    }

    pub fn set_folders(&self, folders: Vec<PathBuf>) {
        *lock(&self.folders) = folders;
    }

    pub fn add_folder(&self, folder: PathBuf) {
        let mut f = lock(&self.folders);
        if !f.contains(&folder) {
            f.push(folder);
        }
    }

    pub fn remove_folder(&self, folder: &Path) {
        lock(&self.folders).retain(|f| f != folder);
    }

    pub fn folders(&self) -> Vec<PathBuf> {
        lock(&self.folders).clone()
    }

    /// The deepest workspace folder holding `path`.
    pub fn folder_of(&self, path: &Path) -> Option<PathBuf> {
        lock(&self.folders)
            .iter()
            .filter(|f| path.starts_with(f))
            .max_by_key(|f| f.components().count())
            .cloned()
    }

    pub fn corpora(&self) -> Vec<Arc<CorpusHandle>> {
        lock(&self.corpora).clone()
    }

    /// Forget the corpora no draft uses any more.
    pub fn retain(&self, in_use: &[Arc<CorpusHandle>]) {
        lock(&self.corpora).retain(|h| in_use.iter().any(|u| Arc::ptr_eq(u, h)));
    }

    /// `sourced.toml` at `path` read again (it changed on disk): its problem now, and its
    /// configuration when it has none. A file that is gone has no problem.
    pub fn reread_config(&self, path: &Path) {
        if !path.exists() {
            let mut configs = lock(&self.configs);
            configs.problems.remove(path);
            configs.last_good.remove(path);
            return;
        }
        match config::read(path) {
            Ok(cfg) => self.config_read(&cfg),
            Err(e) => {
                lock(&self.configs).problems.insert(path.to_path_buf(), e);
            }
        }
    }

    fn config_read(&self, cfg: &Config) {
        if let Some(file) = &cfg.file {
            let mut configs = lock(&self.configs);
            configs.problems.remove(file);
            configs.last_good.insert(file.clone(), cfg.clone());
        }
    }

    /// The configuration to use when `sourced.toml` has an error: the last it gave without
    /// one, else what an empty file gives (the `sources/` folder beside it).
    fn config_failed(&self, e: ConfigError) -> Config {
        let mut configs = lock(&self.configs);
        let cfg = configs
            .last_good
            .get(&e.path)
            .cloned()
            .unwrap_or_else(|| config::defaults_at(&e.path));
        configs.problems.insert(e.path.clone(), e);
        cfg
    }

    /// The problems of `sourced.toml` files that changed since the editor was last shown
    /// them (each file once); from then on they count as shown.
    pub fn config_problems_to_show(&self) -> Vec<ConfigProblem> {
        let mut configs = lock(&self.configs);
        let ConfigFiles {
            problems, shown, ..
        } = &mut *configs;
        let mut due: Vec<ConfigProblem> = Vec::new();
        for (path, e) in problems.iter() {
            if shown.get(path) != Some(e) {
                due.push((path.clone(), Some(e.clone())));
            }
        }
        for path in shown.keys() {
            if !problems.contains_key(path) {
                due.push((path.clone(), None));
            }
        }
        for (path, e) in &due {
            match e {
                Some(e) => shown.insert(path.clone(), e.clone()),
                None => shown.remove(path),
            };
        }
        due.sort_by(|a, b| a.0.cmp(&b.0));
        due
    }

    /// The corpus of a draft at `draft` (`None`: an unsaved draft, which uses the first
    /// workspace folder's corpus).
    pub fn resolve(&self, draft: Option<&Path>, settings: &ClientSettings) -> Resolved {
        let folder = match draft {
            Some(d) => self.folder_of(d),
            None => self.folders().first().cloned(),
        };
        let resolved = match (draft, &folder) {
            (Some(d), _) => config::resolve(d, folder.as_deref()),
            (None, Some(root)) => config::resolve_workspace(root),
            (None, None) => {
                return Resolved::None(
                    "This draft is not saved in a folder: Sourced cannot tell which sources to check it against.".into(),
                )
            }
        };
        let mut cfg = match resolved {
            Ok(cfg) => {
                self.config_read(&cfg);
                cfg
            }
            Err(e) => self.config_failed(e),
        };
        let home = cfg
            .file
            .as_deref()
            .and_then(Path::parent)
            .map(Path::to_path_buf)
            .or_else(|| folder.clone())
            .or_else(|| draft.and_then(Path::parent).map(Path::to_path_buf))
            .unwrap_or_default();
        if let Some(paths) = &settings.corpus_paths {
            let base = folder
                .clone()
                .or_else(|| draft.and_then(Path::parent).map(Path::to_path_buf))
                .unwrap_or_default();
            let abs: Vec<PathBuf> = paths.iter().map(|p| base.join(p)).collect();
            let mut corpus = CorpusConfig::new(abs);
            corpus.include = cfg.corpus.include.clone();
            corpus.exclude = cfg.corpus.exclude.clone();
            corpus.follow_links = cfg.corpus.follow_links;
            corpus.cache_dir = cfg.corpus.cache_dir.clone();
            cfg.corpus = corpus;
        }
        let archived = super::archive::configured(&cfg);
        if cfg.corpus.paths.is_empty() && archived {
            // The archive alone: an empty story folder beside it, with nothing to cache.
            cfg.corpus.cache_dir = None;
        } else if cfg.corpus.paths.is_empty() {
            let name = draft
                .and_then(Path::file_name)
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "this draft".into());
            return Resolved::None(format!(
                "No sources found for {name}: add a sources/ folder beside it or at the workspace root, or a sourced.toml with [corpus] paths."
            ));
        }
        let mut corpora = lock(&self.corpora);
        let (handle, created) = match corpora.iter().find(|h| h.corpus == cfg.corpus) {
            Some(h) => (h.clone(), false),
            None => {
                let h = Arc::new(CorpusHandle::new(cfg.corpus.clone()));
                corpora.push(h.clone());
                (h, true)
            }
        };
        Resolved::Corpus(
            Assignment {
                corpus: handle,
                config: Arc::new(cfg),
                home,
            },
            created,
        )
    }
}
