//! The server's own file watching, for editors that cannot watch files for it (Neovim on
//! Linux, Helix, and any client without dynamic `workspace/didChangeWatchedFiles`
//! registration). Without it a source added, edited or deleted, or a `sourced.toml` edited,
//! would go unnoticed until a re-index.
//!
//! Each corpus's folders are watched with everything under them, and the folders of the
//! workspace and of each `sourced.toml` by themselves (their own files and folders, not
//! the tree below: a story opened from a home folder must not watch the home folder). The
//! operating system's notifications are used (inotify, FSEvents, ReadDirectoryChangesW;
//! nothing is polled, so an idle server stays idle). What changes is gathered for a
//! moment, then handed to [`indexing::files_changed`] as the client's events would be. A
//! folder that cannot be watched (too many watches, no permission) is named in the log and
//! the server goes on without it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use notify::event::{ModifyKind, RenameMode};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};
use tokio::sync::mpsc::{unbounded_channel, UnboundedReceiver};
use tower_lsp_server::ls_types::{FileChangeType, FileEvent, MessageType, Uri};

use crate::config::{self, CorpusConfig};
use crate::corpus::walk::FileKind;

use super::guard::lock;
use super::indexing;
use super::session::Session;

/// How long changes are gathered before they are handed on: an editor's save or a `cp -r`
/// comes as a burst of events.
const GATHER: Duration = Duration::from_millis(150);

/// The watching of one server; inactive unless [`Watcher::start`]ed (when the client
/// cannot watch files for it).
#[derive(Default)]
pub struct Watcher {
    inner: Mutex<Option<Watching>>,
}

struct Watching {
    watcher: RecommendedWatcher,
    /// What is watched: a folder with everything under it (`true`) or by itself.
    roots: Vec<(PathBuf, bool)>,
}

impl Watcher {
    /// Start watching the workspace `folders` (by themselves); changes go to `session`
    /// from now on.
    pub fn start(&self, session: &Arc<Session>, folders: &[PathBuf]) {
        let (tx, rx) = unbounded_channel::<notify::Result<Event>>();
        let watcher = match notify::recommended_watcher(move |event| {
            let _ = tx.send(event);
        }) {
            Ok(w) => w,
            Err(e) => {
                say(
                    session,
                    vec![format!(
                        "cannot watch files ({e}): changes to the sources are seen after a \
                         re-index"
                    )],
                );
                return;
            }
        };
        *lock(&self.inner) = Some(Watching {
            watcher,
            roots: Vec::new(),
        });
        tokio::spawn(hand_on(session.clone(), rx));
        self.watch_folders(session, folders);
    }

    /// Watch workspace `folders` too, by themselves (when watching at all).
    pub fn watch_folders(&self, session: &Arc<Session>, folders: &[PathBuf]) {
        let folders: Vec<(PathBuf, bool)> = folders.iter().map(|f| (f.clone(), false)).collect();
        self.watch(session, &folders);
    }

    /// Watch a corpus too: its folders with everything under them, the folders of its
    /// single files and of its `sourced.toml` by themselves.
    pub fn watch_corpus(&self, session: &Arc<Session>, corpus: &CorpusConfig) {
        let mut wanted: Vec<(PathBuf, bool)> = Vec::new();
        for p in &corpus.paths {
            if p.is_dir() {
                wanted.push((p.clone(), true));
            } else if let Some(parent) = p.parent() {
                wanted.push((parent.to_path_buf(), false));
            }
        }
        wanted.push((corpus.base.clone(), false));
        self.watch(session, &wanted);
    }

    fn watch(&self, session: &Arc<Session>, wanted: &[(PathBuf, bool)]) {
        let mut failed = Vec::new();
        {
            let mut inner = lock(&self.inner);
            let Some(w) = inner.as_mut() else {
                return;
            };
            for (path, recursive) in wanted {
                let covered = w.roots.iter().any(|(r, rec)| {
                    (*rec && path.starts_with(r)) || (r == path && (*rec || !*recursive))
                });
                if covered || !path.is_dir() {
                    continue;
                }
                let mode = if *recursive {
                    RecursiveMode::Recursive
                } else {
                    RecursiveMode::NonRecursive
                };
                match w.watcher.watch(path, mode) {
                    Ok(()) => w.roots.push((path.clone(), *recursive)),
                    Err(e) => failed.push(format!(
                        "cannot watch {}: {e}; changes there are seen after a re-index",
                        path.display()
                    )),
                }
            }
        }
        say(session, failed);
    }
}

/// Log `lines` as warnings, off the caller's path.
fn say(session: &Arc<Session>, lines: Vec<String>) {
    if lines.is_empty() {
        return;
    }
    let session = session.clone();
    tokio::spawn(async move {
        for line in lines {
            session.log(MessageType::WARNING, line).await;
        }
    });
}

/// Gather the events that come together and hand them on as the client's would be.
async fn hand_on(session: Arc<Session>, mut rx: UnboundedReceiver<notify::Result<Event>>) {
    while let Some(first) = rx.recv().await {
        let mut changes: HashMap<PathBuf, FileChangeType> = HashMap::new();
        let mut take = |event: notify::Result<Event>| {
            if let Ok(event) = event {
                for (path, typ) in changes_of(&event) {
                    changes.insert(path, typ);
                }
            }
        };
        take(first);
        tokio::time::sleep(GATHER).await;
        while let Ok(more) = rx.try_recv() {
            take(more);
        }
        let events: Vec<FileEvent> = changes
            .into_iter()
            .filter_map(|(path, typ)| Some(FileEvent::new(Uri::from_file_path(&path)?, typ)))
            .collect();
        if !events.is_empty() && !session.shutting_down.load(Ordering::Relaxed) {
            indexing::files_changed(&session, events).await;
        }
    }
}

/// The changes an operating-system event stands for, as the client would report them:
/// only for source files, `sourced.toml` and folders (a folder created, renamed or
/// deleted whole); reads and the files of other programs are left out.
fn changes_of(event: &Event) -> Vec<(PathBuf, FileChangeType)> {
    let typ = |created: bool, deleted: bool| {
        if deleted {
            FileChangeType::DELETED
        } else if created {
            FileChangeType::CREATED
        } else {
            FileChangeType::CHANGED
        }
    };
    let paths = &event.paths;
    let mut out = Vec::new();
    match event.kind {
        EventKind::Access(_) | EventKind::Other | EventKind::Any => {}
        EventKind::Modify(ModifyKind::Name(RenameMode::Both)) if paths.len() == 2 => {
            out.push((paths[0].clone(), typ(false, true)));
            out.push((paths[1].clone(), typ(true, false)));
        }
        EventKind::Modify(ModifyKind::Name(RenameMode::From)) => {
            out.extend(paths.iter().map(|p| (p.clone(), typ(false, true))));
        }
        EventKind::Modify(ModifyKind::Name(_)) => {
            // The new name, or a rename the system could not pair: the path now is what
            // is there (or not).
            out.extend(
                paths
                    .iter()
                    .map(|p| (p.clone(), typ(p.exists(), !p.exists()))),
            );
        }
        EventKind::Create(_) => out.extend(paths.iter().map(|p| (p.clone(), typ(true, false)))),
        EventKind::Remove(_) => out.extend(paths.iter().map(|p| (p.clone(), typ(false, true)))),
        EventKind::Modify(_) => out.extend(paths.iter().map(|p| (p.clone(), typ(false, false)))),
    }
    out.retain(|(path, typ)| worth_telling(path, *typ));
    out
}

/// Whether a change to `path` matters to the server: a source file, `sourced.toml`, or a
/// folder created or deleted; never something in a hidden folder (`.git`, caches).
fn worth_telling(path: &Path, typ: FileChangeType) -> bool {
    let hidden = path.components().any(|c| {
        c.as_os_str()
            .to_str()
            .is_some_and(|s| s.starts_with('.') && s != "." && s != "..")
    });
    if hidden {
        return false;
    }
    if path.file_name().is_some_and(|n| n == config::FILE_NAME) {
        return true;
    }
    if FileKind::of(path).is_some() {
        return true;
    }
    // A folder (or a file no corpus reads): only its coming and going matters.
    typ != FileChangeType::CHANGED && (path.is_dir() || typ == FileChangeType::DELETED)
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{CreateKind, DataChange, RemoveKind};

    fn event(kind: EventKind, paths: &[&str]) -> Event {
        let mut e = Event::new(kind);
        e.paths = paths.iter().map(PathBuf::from).collect();
        e
    }

    #[test]
    fn sources_and_the_config_are_told_and_other_files_are_not() {
        let changed = EventKind::Modify(ModifyKind::Data(DataChange::Content));
        assert_eq!(
            changes_of(&event(changed, &["/story/sources/wire.txt"])),
            vec![(
                PathBuf::from("/story/sources/wire.txt"),
                FileChangeType::CHANGED
            )]
        );
        assert_eq!(
            changes_of(&event(changed, &["/story/sourced.toml"])),
            vec![(
                PathBuf::from("/story/sourced.toml"),
                FileChangeType::CHANGED
            )]
        );
        for other in [
            "/story/sources/photo.jpg",
            "/story/.git/index",
            "/story/sources/.wire.txt.swp",
            "/story/.sourced-cache/index.bin",
        ] {
            assert_eq!(changes_of(&event(changed, &[other])), vec![], "{other}");
        }
        let read = EventKind::Access(notify::event::AccessKind::Read);
        assert_eq!(
            changes_of(&event(read, &["/story/sources/wire.txt"])),
            vec![]
        );
    }

    #[test]
    fn a_rename_is_a_deletion_and_a_creation() {
        let both = EventKind::Modify(ModifyKind::Name(RenameMode::Both));
        assert_eq!(
            changes_of(&event(
                both,
                &["/story/sources/draft-copy.md", "/story/sources/wire.md"]
            )),
            vec![
                (
                    PathBuf::from("/story/sources/draft-copy.md"),
                    FileChangeType::DELETED
                ),
                (
                    PathBuf::from("/story/sources/wire.md"),
                    FileChangeType::CREATED
                ),
            ]
        );
        let from = EventKind::Modify(ModifyKind::Name(RenameMode::From));
        assert_eq!(
            changes_of(&event(from, &["/story/sources/wire.md"])),
            vec![(
                PathBuf::from("/story/sources/wire.md"),
                FileChangeType::DELETED
            )]
        );
    }

    #[test]
    fn a_folder_deleted_is_told_and_a_file_created_is_a_creation() {
        assert_eq!(
            changes_of(&event(
                EventKind::Remove(RemoveKind::Folder),
                &["/story/sources"]
            )),
            vec![(PathBuf::from("/story/sources"), FileChangeType::DELETED)]
        );
        assert_eq!(
            changes_of(&event(
                EventKind::Create(CreateKind::File),
                &["/story/sources/new.html"]
            )),
            vec![(
                PathBuf::from("/story/sources/new.html"),
                FileChangeType::CREATED
            )]
        );
    }
}
