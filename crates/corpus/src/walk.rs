//! Finding the files of a corpus, as ripgrep does (the `ignore` crate): `.gitignore` and
//! `.ignore` are respected, hidden files skipped, `include`/`exclude` globs applied,
//! symbolic links followed only when configured and never to a place outside the corpus
//! paths.
//!
//! It only lists files; reading them is [`super::read`]'s job.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use globset::{Glob, GlobSet, GlobSetBuilder};

use super::LoadProblem;
use crate::corpus_config::CorpusConfig;

/// The file kinds the corpus reads, by extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Text,
    Markdown,
    Html,
}

impl FileKind {
    pub fn of(path: &Path) -> Option<FileKind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(FileKind::Text),
            "md" | "markdown" => Some(FileKind::Markdown),
            "html" | "htm" | "xhtml" => Some(FileKind::Html),
            _ => None,
        }
    }
}

/// The files of a corpus, in a stable order, and what was left out and why.
#[derive(Debug, Default)]
pub struct Found {
    pub files: Vec<PathBuf>,
    pub problems: Vec<LoadProblem>,
}

/// Globs compiled from the configuration.
struct Filters {
    base: PathBuf,
    include: Option<GlobSet>,
    exclude: Option<GlobSet>,
    /// Patterns without a `/` match the file name too, as in `.gitignore`.
    include_names: Option<GlobSet>,
    exclude_names: Option<GlobSet>,
}

impl Filters {
    fn new(cfg: &CorpusConfig, problems: &mut Vec<LoadProblem>) -> Filters {
        let mut build = |patterns: &[String], names_only: bool| -> Option<GlobSet> {
            let mut builder = GlobSetBuilder::new();
            let mut any = false;
            for p in patterns {
                if names_only && p.contains('/') {
                    continue;
                }
                match Glob::new(p) {
                    Ok(g) => {
                        builder.add(g);
                        any = true;
                    }
                    Err(e) => problems.push(LoadProblem::skipped(
                        cfg.base.join(crate::corpus_config::FILE_NAME),
                        format!("the glob `{p}` is not valid ({e}): it is ignored"),
                    )),
                }
            }
            if !any {
                return None;
            }
            builder.build().ok()
        };
        let include = build(&cfg.include, false);
        let exclude = build(&cfg.exclude, false);
        let include_names = build(&cfg.include, true);
        let exclude_names = build(&cfg.exclude, true);
        Filters {
            base: cfg.base.clone(),
            include,
            exclude,
            include_names,
            exclude_names,
        }
    }

    fn matches(set: &Option<GlobSet>, names: &Option<GlobSet>, base: &Path, path: &Path) -> bool {
        let rel = path.strip_prefix(base).unwrap_or(path);
        set.as_ref().is_some_and(|s| s.is_match(rel))
            || names
                .as_ref()
                .is_some_and(|s| path.file_name().is_some_and(|n| s.is_match(Path::new(n))))
    }

    fn excluded(&self, path: &Path) -> bool {
        Self::matches(&self.exclude, &self.exclude_names, &self.base, path)
    }

    /// `None` when no include globs are configured.
    fn included(&self, path: &Path) -> Option<bool> {
        self.include.as_ref()?;
        Some(Self::matches(
            &self.include,
            &self.include_names,
            &self.base,
            path,
        ))
    }
}

/// Whether the walk of `cfg` would read `path` (a file changed in the editor): named in
/// `paths`, or under one of them, not hidden, not excluded, and included or of a source
/// format. Problems with the globs were reported when the corpus was loaded.
pub fn accepts(cfg: &CorpusConfig, path: &Path) -> bool {
    if cfg.paths.iter().any(|p| p == path) {
        return true;
    }
    let Some(root) = cfg.paths.iter().find(|p| path.starts_with(p)) else {
        return false;
    };
    let filters = Filters::new(cfg, &mut Vec::new());
    let rel = path.strip_prefix(root).unwrap_or(path);
    let hidden = rel
        .components()
        .any(|c| c.as_os_str().to_str().is_some_and(|n| n.starts_with('.')));
    let excluded = path
        .ancestors()
        .take_while(|a| a.starts_with(root) && *a != root.as_path())
        .any(|a| filters.excluded(a));
    if hidden || excluded {
        return false;
    }
    match filters.included(path) {
        Some(included) => included,
        None => FileKind::of(path).is_some(),
    }
}

/// List the files of the corpus described by `cfg`.
pub fn find(cfg: &CorpusConfig) -> Found {
    let mut found = Found::default();
    let filters = Arc::new(Filters::new(cfg, &mut found.problems));
    let mut roots = Vec::new();
    for path in &cfg.paths {
        match path.canonicalize() {
            Ok(canonical) => roots.push((path.clone(), canonical)),
            Err(e) => found.problems.push(LoadProblem::skipped(
                path.clone(),
                format!(
                    "corpus path {}",
                    super::read::io_message(&e).replace(": skipped", "")
                ),
            )),
        }
    }
    let canonical_roots: Arc<Vec<PathBuf>> = Arc::new(roots.iter().map(|r| r.1.clone()).collect());
    let walk_problems = Arc::new(Mutex::new(Vec::<LoadProblem>::new()));

    for (root, canonical) in &roots {
        if canonical.is_file() {
            // A file named in `paths` is read whatever the globs say.
            found.files.push(root.clone());
            continue;
        }
        let mut builder = ignore::WalkBuilder::new(root);
        builder
            .hidden(true)
            .git_ignore(true)
            .git_exclude(true)
            .git_global(false)
            .ignore(true)
            .parents(true)
            .require_git(false)
            .follow_links(cfg.follow_links);
        // Not sorted by the walker (it compares file names by parsing each path again,
        // which was most of a 100,000-file walk): sorted below, in the same order.
        let first_file = found.files.len();
        let first_problem = found.problems.len();
        let f = Arc::clone(&filters);
        let roots_for_filter = Arc::clone(&canonical_roots);
        let problems_for_filter = Arc::clone(&walk_problems);
        let follow = cfg.follow_links;
        builder.filter_entry(move |entry| {
            if entry.depth() > 0 && f.excluded(entry.path()) {
                return false;
            }
            if entry.path_is_symlink() {
                if !follow {
                    return true; // reported below, where it is seen as a link
                }
                match entry.path().canonicalize() {
                    Ok(target) if roots_for_filter.iter().any(|r| target.starts_with(r)) => {
                        return true
                    }
                    Ok(target) => {
                        if let Ok(mut p) = problems_for_filter.lock() {
                            p.push(LoadProblem::skipped(
                                entry.path().to_path_buf(),
                                format!(
                                    "symbolic link to {}, outside the corpus: not followed",
                                    target.display()
                                ),
                            ));
                        }
                        return false;
                    }
                    Err(e) => {
                        if let Ok(mut p) = problems_for_filter.lock() {
                            p.push(LoadProblem::skipped(
                                entry.path().to_path_buf(),
                                format!("symbolic link that cannot be followed ({e}): skipped"),
                            ));
                        }
                        return false;
                    }
                }
            }
            true
        });
        for result in builder.build() {
            match result {
                Ok(entry) => {
                    let Some(ft) = entry.file_type() else {
                        continue;
                    };
                    let path = entry.path();
                    if ft.is_dir() {
                        continue;
                    }
                    if ft.is_symlink() {
                        // Only seen when links are not followed.
                        found.problems.push(LoadProblem::skipped(
                            path.to_path_buf(),
                            "symbolic link: not followed (set [corpus] follow_links = true \
                             in sourced.toml to read it)"
                                .to_string(),
                        ));
                        continue;
                    }
                    match filters.included(path) {
                        Some(false) => continue,
                        Some(true) => {}
                        // The story's own settings, in a corpus of the story folder.
                        None if path
                            .file_name()
                            .is_some_and(|n| n == crate::corpus_config::FILE_NAME) =>
                        {
                            continue
                        }
                        None if FileKind::of(path).is_none() => {
                            found.problems.push(LoadProblem::skipped(
                                path.to_path_buf(),
                                "not a source format Sourced reads (.txt, .md, .html): skipped"
                                    .to_string(),
                            ));
                            continue;
                        }
                        None => {}
                    }
                    found.files.push(path.to_path_buf());
                }
                Err(err) => found.problems.push(walk_error(root, err)),
            }
        }
        // Component by component: the order of a depth-first walk that visits each
        // folder's entries by name.
        found.files[first_file..].sort_by_cached_key(|p| path_key(p));
        found.problems[first_problem..].sort_by_cached_key(|p| path_key(&p.path));
    }
    if let Ok(mut p) = walk_problems.lock() {
        p.sort_by_cached_key(|p| path_key(&p.path));
        found.problems.append(&mut p);
    }
    // The same file reached twice (two overlapping paths, or through a link) is read once.
    // Resolving every path costs a system call per folder level, so it is only done when
    // links are followed or several paths are walked.
    let mut seen = std::collections::HashSet::new();
    if cfg.follow_links || roots.len() > 1 {
        found
            .files
            .retain(|p| seen.insert(p.canonicalize().unwrap_or_else(|_| p.clone())));
    } else {
        found.files.retain(|p| seen.insert(p.clone()));
    }
    found
}

/// A key that orders paths as [`Path::cmp`] does (component by component) for the paths a
/// walk gives (no empty or `.` components), without parsing them again at each comparison
/// (sorting 100,000 paths with `Path::cmp` took a tenth of a second): their bytes, with
/// the separator made lower than every other byte.
fn path_key(p: &Path) -> Vec<u8> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        p.as_os_str()
            .as_bytes()
            .iter()
            .map(|&c| if c == b'/' { 0 } else { c })
            .collect()
    }
    #[cfg(not(unix))]
    {
        // Other systems: by components, joined with a zero byte.
        let mut key = Vec::new();
        for c in p.components() {
            key.extend_from_slice(c.as_os_str().to_string_lossy().as_bytes());
            key.push(0);
        }
        key
    }
}

fn walk_error(root: &Path, err: ignore::Error) -> LoadProblem {
    fn unwrap(err: &ignore::Error) -> (Option<&Path>, &ignore::Error) {
        match err {
            ignore::Error::WithPath { path, err } => {
                let (_, inner) = unwrap(err);
                (Some(path.as_path()), inner)
            }
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                unwrap(err)
            }
            other => (None, other),
        }
    }
    let (path, inner) = unwrap(&err);
    match inner {
        ignore::Error::Loop { ancestor, child } => LoadProblem::skipped(
            child.clone(),
            format!(
                "symbolic link loop (back to {}): not followed",
                ancestor.display()
            ),
        ),
        ignore::Error::Io(io) => LoadProblem::skipped(
            path.unwrap_or(root).to_path_buf(),
            super::read::io_message(io),
        ),
        other => LoadProblem::skipped(
            path.unwrap_or(root).to_path_buf(),
            format!("cannot be listed ({other}): skipped"),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_keys_order_as_paths_do() {
        let mut paths: Vec<PathBuf> = [
            "/c/a-b.txt",
            "/c/a/x.txt",
            "/c/a/b/y.txt",
            "/c/a.txt",
            "/c/ab/z.txt",
            "/c/a b.txt",
            "/c/A.txt",
            "/c/é.txt",
            "/c/a/b.txt",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        let mut by_key = paths.clone();
        by_key.sort_by_cached_key(|p| path_key(p));
        paths.sort();
        assert_eq!(by_key, paths);
    }
}
