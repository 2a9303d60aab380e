//! The persisted index: a cache folder that lets a corpus load without re-reading and
//! re-analysing the sources that did not change.

/// The cache folder created beside `sourced.toml` (or beside the `sources/` folder).
pub const DEFAULT_DIR_NAME: &str = ".sourced-cache";
