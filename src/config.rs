//! `sourced.toml`: finding it, reading it, and the few edits the language server makes to it.
//!
//! A story's settings live in `sourced.toml` at its project root (README.md shows the
//! schema). This module turns that file into a [`Config`] with errors that name the file and
//! the line, finds the corpus when there is no file (a `sources/` folder beside the draft or
//! at the workspace root), and appends aliases and ignored findings on the user's request
//! while keeping their comments and layout (through `toml_edit`).
//!
//! It reads and writes only `sourced.toml`; it never reads the corpus itself (that is
//! [`crate::corpus`]) and knows nothing of LSP or the terminal.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::check::{CheckOptions, FindingCode, Severity};

pub use sourced_corpus::corpus_config::{
    CorpusConfig, DEFAULT_MAX_FILE_SIZE, DEFAULT_SOURCES_DIR, FILE_NAME,
};

/// One `[[ignore]]` entry: a finding the user asked not to see again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IgnoreRule {
    pub code: String,
    /// The draft it applies to, relative to `sourced.toml` as written; `None` for all drafts.
    pub file: Option<String>,
    /// The text the finding is about.
    pub text: String,
}

/// Everything `sourced.toml` says, resolved.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// The file it was read from; `None` when found without one.
    pub file: Option<PathBuf>,
    pub corpus: CorpusConfig,
    /// Per-code severity; `None` turns a code off.
    pub severity: Vec<(FindingCode, Option<Severity>)>,
    pub debounce_ms: Option<u64>,
    /// Spelling the reporter declares correct -> canonical corpus name.
    pub aliases: BTreeMap<String, String>,
    pub ignores: Vec<IgnoreRule>,
    /// `[archive] url`: the newsroom archive's connection string (it may hold a
    /// password: never print it as it is).
    pub archive_url: Option<String>,
}

impl Config {
    /// The options the checks take from this configuration.
    pub fn check_options(&self) -> CheckOptions {
        CheckOptions {
            severity_overrides: self.severity.clone(),
            ignores: Vec::new(),
            aliases: self
                .aliases
                .iter()
                .map(|(alias, canonical)| crate::check::Alias {
                    alias: alias.clone(),
                    canonical: canonical.clone(),
                })
                .collect(),
        }
    }

    /// The options for checking `draft`: as [`Config::check_options`], plus the
    /// `[[ignore]]` entries that apply to that file.
    pub fn check_options_for(&self, draft: &Path) -> CheckOptions {
        let dir = self.file.as_deref().and_then(Path::parent);
        let mut options = self.check_options();
        options.ignores = self
            .ignores
            .iter()
            .filter(|rule| match (&rule.file, dir) {
                (None, _) => true,
                (Some(f), Some(dir)) => same_path(&dir.join(f), draft),
                (Some(f), None) => draft.ends_with(f),
            })
            .filter_map(|rule| {
                Some(crate::check::Ignore {
                    code: FindingCode::parse(&rule.code)?,
                    text: rule.text.clone(),
                })
            })
            .collect();
        options
    }

    /// Whether `[[ignore]]` covers a finding of `code` about `text` in `draft`.
    pub fn is_ignored(&self, draft: &Path, code: &str, text: &str) -> bool {
        let dir = self.file.as_deref().and_then(Path::parent);
        self.ignores.iter().any(|rule| {
            rule.code == code
                && same_text(&rule.text, text)
                && match (&rule.file, dir) {
                    (None, _) => true,
                    (Some(f), Some(dir)) => same_path(&dir.join(f), draft),
                    (Some(f), None) => draft.ends_with(f),
                }
        })
    }
}

fn same_text(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}

fn same_path(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// What went wrong reading `sourced.toml`, naming the file, the line and the column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    /// 1-based line, when the problem is at one place in the file.
    pub line: Option<usize>,
    /// 1-based column (in characters) on that line, when known.
    pub column: Option<usize>,
    /// The bytes of the file the problem is about, when known.
    pub span: Option<std::ops::Range<usize>>,
    pub message: String,
}

impl ConfigError {
    /// `path:line:column: message` (as much of the place as is known), with the path
    /// written as given.
    pub fn with_path(&self, path: &str) -> String {
        match (self.line, self.column) {
            (Some(line), Some(column)) => format!("{path}:{line}:{column}: {}", self.message),
            (Some(line), None) => format!("{path}:{line}: {}", self.message),
            _ => format!("{path}: {}", self.message),
        }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.with_path(&self.path.display().to_string()))
    }
}

impl std::error::Error for ConfigError {}

// ---------------------------------------------------------------------------------------
// Reading

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    corpus: RawCorpus,
    #[serde(default)]
    check: RawCheck,
    #[serde(default)]
    lsp: RawLsp,
    #[serde(default)]
    archive: RawArchive,
    #[serde(default)]
    aliases: BTreeMap<String, String>,
    #[serde(default)]
    ignore: Vec<RawIgnore>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawCorpus {
    paths: Option<Vec<String>>,
    #[serde(default)]
    include: Vec<String>,
    #[serde(default)]
    exclude: Vec<String>,
    #[serde(default)]
    follow_links: bool,
    max_file_size: Option<u64>,
    /// A cache folder relative to this file, or `false` to keep no cache.
    cache: Option<toml::Spanned<toml::Value>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawCheck {
    #[serde(default)]
    severity: BTreeMap<String, toml::Spanned<String>>,
}

/// `[archive]`: where the newsroom archive is.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawArchive {
    url: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawLsp {
    debounce_ms: Option<u64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIgnore {
    code: toml::Spanned<String>,
    file: Option<String>,
    text: String,
}

/// Read `sourced.toml` at `path`.
pub fn read(path: &Path) -> Result<Config, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
        path: path.to_path_buf(),
        line: None,
        column: None,
        span: None,
        message: format!("cannot read it: {e}"),
    })?;
    parse(path, &text)
}

/// Parse the text of a `sourced.toml` that lives at `path` (paths in it are relative to
/// its folder).
pub fn parse(path: &Path, text: &str) -> Result<Config, ConfigError> {
    let err_at = |span: Option<std::ops::Range<usize>>, message: String| {
        let span = span.map(|s| s.start.min(text.len())..s.end.clamp(s.start, text.len()));
        ConfigError {
            path: path.to_path_buf(),
            line: span.as_ref().map(|s| line_of(text, s.start)),
            column: span.as_ref().map(|s| column_of(text, s.start)),
            span,
            message,
        }
    };
    let raw: RawFile =
        toml::from_str(text).map_err(|e| err_at(e.span(), e.message().trim_end().to_string()))?;
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();

    let mut severity = Vec::new();
    for (code, level) in &raw.check.severity {
        let Some(code_parsed) = FindingCode::parse(code) else {
            return Err(err_at(
                Some(level.span()),
                format!(
                    "unknown finding code `{code}` in [check] severity (known: {})",
                    known_codes()
                ),
            ));
        };
        let value = level.get_ref().as_str();
        let parsed = match value {
            "off" => None,
            other => match Severity::parse(other) {
                Some(s) => Some(s),
                None => {
                    return Err(err_at(
                        Some(level.span()),
                        format!(
                            "unknown severity `{value}` for `{code}` \
                             (use error, warning, information, hint or off)"
                        ),
                    ))
                }
            },
        };
        severity.push((code_parsed, parsed));
    }
    for rule in &raw.ignore {
        if FindingCode::parse(rule.code.get_ref()).is_none() {
            return Err(err_at(
                Some(rule.code.span()),
                format!(
                    "unknown finding code `{}` in [[ignore]] (known: {})",
                    rule.code.get_ref(),
                    known_codes()
                ),
            ));
        }
    }

    let paths = match &raw.corpus.paths {
        Some(paths) => paths.iter().map(|p| dir.join(p)).collect(),
        None => default_paths(&dir),
    };
    let cache_dir = match raw.corpus.cache.as_ref().map(toml::Spanned::get_ref) {
        // The user's cache folder: the story folder keeps only the reporter's files.
        None | Some(toml::Value::Boolean(true)) => crate::corpus::cache::default_dir(&dir),
        Some(toml::Value::Boolean(false)) => None,
        Some(toml::Value::String(s)) => Some(dir.join(s)),
        Some(_) => {
            return Err(err_at(
                raw.corpus.cache.as_ref().map(toml::Spanned::span),
                "[corpus] cache must be a folder name or false".to_string(),
            ))
        }
    };
    let corpus = CorpusConfig {
        paths,
        include: raw.corpus.include,
        exclude: raw.corpus.exclude,
        follow_links: raw.corpus.follow_links,
        max_file_size: raw.corpus.max_file_size.unwrap_or(DEFAULT_MAX_FILE_SIZE),
        base: dir.clone(),
        cache_dir,
    };
    Ok(Config {
        file: Some(path.to_path_buf()),
        corpus,
        severity,
        debounce_ms: raw.lsp.debounce_ms,
        archive_url: raw.archive.url,
        aliases: raw.aliases,
        ignores: raw
            .ignore
            .into_iter()
            .map(|r| IgnoreRule {
                code: r.code.into_inner(),
                file: r.file,
                text: r.text,
            })
            .collect(),
    })
}

/// What a `sourced.toml` at `path` that says nothing gives: the language server's
/// configuration for a file that has never been read without an error.
pub fn defaults_at(path: &Path) -> Config {
    parse(path, "").unwrap_or_else(|_| without_file(None))
}

fn default_paths(dir: &Path) -> Vec<PathBuf> {
    let sources = dir.join(DEFAULT_SOURCES_DIR);
    if sources.is_dir() {
        vec![sources]
    } else {
        Vec::new()
    }
}

fn known_codes() -> String {
    FindingCode::ALL
        .iter()
        .map(|c| c.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// 1-based column, in characters, of byte `offset` in its line of `text`.
fn column_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    let start = text[..end].rfind('\n').map_or(0, |i| i + 1);
    text.get(start..end).map_or(0, |s| s.chars().count()) + 1
}

/// 1-based line number of byte `offset` in `text`.
fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

// ---------------------------------------------------------------------------------------
// Discovery

/// The `sourced.toml` that governs `draft`: the nearest one in the draft's folder or a
/// parent, not above `workspace_root` (when given), nor above a folder holding `.git`.
pub fn find_file(draft: &Path, workspace_root: Option<&Path>) -> Option<PathBuf> {
    // From the absolute path: `drafts/draft.md` given on the command line walks up past
    // the current folder too, as the editor's absolute paths do.
    let absolute = std::path::absolute(draft).ok();
    let draft = absolute.as_deref().unwrap_or(draft);
    let start = if draft.is_dir() {
        Some(draft)
    } else {
        draft.parent()
    };
    let mut dir = start?;
    loop {
        let candidate = dir.join(FILE_NAME);
        if candidate.is_file() {
            return Some(candidate);
        }
        if workspace_root.is_some_and(|root| same_path(dir, root)) || dir.join(".git").exists() {
            return None;
        }
        match dir.parent() {
            Some(parent) if parent != dir && !parent.as_os_str().is_empty() => dir = parent,
            _ => return None,
        }
    }
}

/// The configuration for `draft`: its `sourced.toml` if there is one; otherwise a
/// `sources/` folder beside the draft, else at `workspace_root`; otherwise an empty corpus
/// (the caller reports "no corpus").
pub fn resolve(draft: &Path, workspace_root: Option<&Path>) -> Result<Config, ConfigError> {
    if let Some(file) = find_file(draft, workspace_root) {
        return read(&file);
    }
    let beside = draft.parent().map(|d| d.join(DEFAULT_SOURCES_DIR));
    let at_root = workspace_root.map(|r| r.join(DEFAULT_SOURCES_DIR));
    let found = [beside, at_root].into_iter().flatten().find(|p| p.is_dir());
    Ok(without_file(found))
}

/// The configuration of a workspace without a draft in mind (the language server at
/// start-up): `sourced.toml` at `root`, else `root/sources/`.
pub fn resolve_workspace(root: &Path) -> Result<Config, ConfigError> {
    let file = root.join(FILE_NAME);
    if file.is_file() {
        return read(&file);
    }
    let sources = root.join(DEFAULT_SOURCES_DIR);
    Ok(without_file(sources.is_dir().then_some(sources)))
}

/// Defaults for a corpus found without `sourced.toml`.
fn without_file(sources: Option<PathBuf>) -> Config {
    let paths: Vec<PathBuf> = sources.into_iter().collect();
    let mut corpus = CorpusConfig::new(paths);
    corpus.cache_dir = corpus
        .paths
        .first()
        .and_then(|p| p.parent())
        .and_then(crate::corpus::cache::default_dir);
    if let Some(parent) = corpus.paths.first().and_then(|p| p.parent()) {
        corpus.base = parent.to_path_buf();
    }
    Config {
        file: None,
        corpus,
        severity: Vec::new(),
        debounce_ms: None,
        aliases: BTreeMap::new(),
        ignores: Vec::new(),
        archive_url: None,
    }
}

// ---------------------------------------------------------------------------------------
// Writing

/// Add `alias = canonical` to `[aliases]` in the `sourced.toml` at `path` (created when
/// absent), keeping everything else in the file as it was.
pub fn add_alias(path: &Path, alias: &str, canonical: &str) -> Result<(), ConfigError> {
    edit(
        path,
        |doc| {
            let table = table_entry(doc, "aliases")?;
            table.insert(alias, toml_edit::value(canonical));
            Ok(())
        },
        |config| config.aliases.get(alias).map(String::as_str) == Some(canonical),
    )
}

/// Append an `[[ignore]]` entry to the `sourced.toml` at `path` (created when absent).
/// `file` is the draft, written relative to the folder of `sourced.toml` when inside it.
/// Adding an entry that is already there changes nothing.
pub fn add_ignore(
    path: &Path,
    code: &str,
    file: Option<&Path>,
    text: &str,
) -> Result<(), ConfigError> {
    let dir = path.parent().unwrap_or(Path::new(""));
    let file_str = file.map(|f| relative_to(f, dir));
    edit(
        path,
        |doc| {
            let item = doc
                .entry("ignore")
                .or_insert(toml_edit::Item::ArrayOfTables(
                    toml_edit::ArrayOfTables::new(),
                ));
            let Some(array) = item.as_array_of_tables_mut() else {
                return Err("`ignore` is not an array of tables ([[ignore]])".to_string());
            };
            let exists = array.iter().any(|t| {
                t.get("code").and_then(|v| v.as_str()) == Some(code)
                    && t.get("text").and_then(|v| v.as_str()) == Some(text)
                    && t.get("file").and_then(|v| v.as_str()) == file_str.as_deref()
            });
            if !exists {
                let mut table = toml_edit::Table::new();
                table.insert("code", toml_edit::value(code));
                if let Some(f) = &file_str {
                    table.insert("file", toml_edit::value(f.as_str()));
                }
                table.insert("text", toml_edit::value(text));
                array.push(table);
            }
            Ok(())
        },
        |config| {
            config
                .ignores
                .iter()
                .any(|rule| rule.code == code && rule.text == text && rule.file == file_str)
        },
    )
}

/// `file` relative to `dir` with forward slashes, or as given when outside it.
fn relative_to(file: &Path, dir: &Path) -> String {
    let canon = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let rel = canon(file)
        .strip_prefix(canon(dir))
        .map(Path::to_path_buf)
        .or_else(|_| file.strip_prefix(dir).map(Path::to_path_buf))
        .unwrap_or_else(|_| file.to_path_buf());
    rel.to_string_lossy().replace('\\', "/")
}

fn table_entry<'a>(
    doc: &'a mut toml_edit::DocumentMut,
    key: &str,
) -> Result<&'a mut toml_edit::Table, String> {
    let item = doc
        .entry(key)
        .or_insert(toml_edit::Item::Table(toml_edit::Table::new()));
    if let Some(inline) = item.as_inline_table_mut() {
        // `aliases = { ... }`: keep it inline, but we need a table to insert into.
        let table = std::mem::take(inline).into_table();
        *item = toml_edit::Item::Table(table);
    }
    item.as_table_mut()
        .ok_or_else(|| format!("`{key}` is not a table"))
}

/// Edits of `sourced.toml` made by this process, one at a time (the file lock below keeps
/// other processes out; this keeps the threads of this one from queueing on it).
static EDITS: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Tells apart the temporary files of one process's edits.
static TEMP_COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// The prefix of the temporary files an edit writes beside `sourced.toml`.
const TEMP_PREFIX: &str = ".sourced.toml.";

/// Read, change and write back `sourced.toml`, atomically, holding a lock on it so that no
/// other edit (from this process or another server or CLI) runs in between: the file is
/// read under the lock, written to a temporary file of its own, renamed into place, and
/// read back; `landed` must hold for what was read back, or the edit is reported as
/// failed. The file is left as it was when anything fails (including when the result
/// would not read back).
fn edit(
    path: &Path,
    change: impl FnOnce(&mut toml_edit::DocumentMut) -> Result<(), String>,
    landed: impl Fn(&Config) -> bool,
) -> Result<(), ConfigError> {
    let error = |line: Option<usize>, message: String| ConfigError {
        path: path.to_path_buf(),
        line,
        column: None,
        span: None,
        message,
    };
    let _in_process = EDITS
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let mut lock = fd_lock::RwLock::new(
        locked_file(path)
            .map_err(|e| error(None, format!("not changed, cannot open it to lock it: {e}")))?,
    );
    let _locked = loop {
        let guard = lock
            .write()
            .map_err(|e| error(None, format!("not changed, cannot lock it: {e}")))?;
        // An edit that held the lock before may have renamed a new file into place: the
        // lock must be on the file now at `path`.
        if same_file(&guard, path) {
            break guard;
        }
        drop(guard);
        lock =
            fd_lock::RwLock::new(locked_file(path).map_err(|e| {
                error(None, format!("not changed, cannot open it to lock it: {e}"))
            })?);
    };
    remove_leftover_temporaries(path);

    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(error(None, format!("cannot read it: {e}"))),
    };
    let mut doc: toml_edit::DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| {
        error(
            e.span().map(|s| line_of(&text, s.start)),
            format!(
                "not changed, it is not valid TOML: {}",
                e.message().trim_end()
            ),
        )
    })?;
    change(&mut doc).map_err(|m| error(None, format!("not changed: {m}")))?;
    let new_text = doc.to_string();
    // Never write a file we could not read back.
    parse(path, &new_text).map_err(|e| error(e.line, format!("not changed: {}", e.message)))?;
    write_in_place(path, new_text.as_bytes())
        .map_err(|e| error(None, format!("cannot write it: {e}")))?;

    // What is in the file now, not what we meant to write, decides the answer.
    let back = read(path).map_err(|e| error(e.line, format!("written, but {}", e.message)))?;
    if !landed(&back) {
        return Err(error(
            None,
            "written, but the change is not in the file when read back (was it changed \
             by another program at the same moment?)"
                .to_string(),
        ));
    }
    Ok(())
}

/// `sourced.toml` opened to be locked (created empty when absent).
fn locked_file(path: &Path) -> std::io::Result<std::fs::File> {
    match std::fs::File::open(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => std::fs::OpenOptions::new()
            .append(true)
            .create(true)
            .open(path),
        other => other,
    }
}

/// Whether `file` is the file at `path` (an edit renames a new file over the old one).
#[cfg(unix)]
fn same_file(file: &std::fs::File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_file: &std::fs::File, path: &Path) -> bool {
    path.exists()
}

/// Write `bytes` to a temporary file of this edit's own beside `path`, flush it to disk
/// and rename it over `path` (keeping the permissions `path` had).
fn write_in_place(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let n = TEMP_COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let tmp = path.with_file_name(format!("{TEMP_PREFIX}{}.{n}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        file.write_all(bytes)?;
        if let Ok(meta) = std::fs::metadata(path) {
            file.set_permissions(meta.permissions())?;
        }
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Remove the temporary files an edit killed half-way left beside `path`. Only called
/// under the lock: every edit writes its temporary file under it, so any found then is
/// a leftover.
fn remove_leftover_temporaries(path: &Path) {
    let Some(dir) = path.parent() else {
        return;
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else {
            continue;
        };
        if name.starts_with(TEMP_PREFIX)
            && name.ends_with(".tmp")
            && entry.file_type().is_ok_and(|t| t.is_file())
        {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}
