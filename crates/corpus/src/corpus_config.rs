//! Which files make up a corpus and how to walk them: the `[corpus]` part of
//! `sourced.toml` as plain data. Reading and editing that file is the binary's business;
//! this is what the loader needs of it.

use std::path::{Path, PathBuf};

/// The name of the settings file.
pub const FILE_NAME: &str = "sourced.toml";

/// The folder of sources looked for when there is no `sourced.toml`.
pub const DEFAULT_SOURCES_DIR: &str = "sources";

/// Files larger than this are not read unless configured otherwise (32 MB).
pub const DEFAULT_MAX_FILE_SIZE: u64 = 32 * 1024 * 1024;

/// Where the corpus is and how to walk it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CorpusConfig {
    /// Files or folders, absolute (or as given, when given relative by the caller).
    pub paths: Vec<PathBuf>,
    /// Globs a file must match to be read (all supported files when empty).
    pub include: Vec<String>,
    /// Globs of files and folders to leave out.
    pub exclude: Vec<String>,
    /// Follow symbolic links (never to a place outside the corpus paths).
    pub follow_links: bool,
    /// Files larger than this many bytes are reported and skipped.
    pub max_file_size: u64,
    /// The folder against which `include` and `exclude` globs are matched (the folder of
    /// `sourced.toml`, or the folder holding the corpus).
    pub base: PathBuf,
    /// Where to keep the persisted index; `None` disables it.
    pub cache_dir: Option<PathBuf>,
}

impl CorpusConfig {
    /// A corpus made of `paths`, with the defaults.
    pub fn new(paths: Vec<PathBuf>) -> CorpusConfig {
        let base = paths
            .first()
            .map(|p| {
                if p.is_dir() {
                    p.clone()
                } else {
                    p.parent().map(Path::to_path_buf).unwrap_or_default()
                }
            })
            .unwrap_or_default();
        CorpusConfig {
            paths,
            include: Vec::new(),
            exclude: Vec::new(),
            follow_links: false,
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            base,
            cache_dir: None,
        }
    }
}
