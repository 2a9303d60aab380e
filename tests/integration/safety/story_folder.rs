//! The story folder holds the reporter's files and nothing of Sourced's: the index cache
//! goes to the user's cache folder (`$XDG_CACHE_HOME/sourced/`), after `sourced check`
//! and after an editing session alike; `[corpus] cache` puts it elsewhere on request.

use crate::common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use common::{capabilities, syria_story, Client, TempDir};
use serde_json::Value;

/// Every file and folder under `dir`, relative to it.
fn tree(dir: &Path) -> BTreeSet<PathBuf> {
    let mut out = BTreeSet::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).unwrap().flatten() {
            let path = entry.path();
            out.insert(path.strip_prefix(dir).unwrap().to_path_buf());
            if entry.file_type().unwrap().is_dir() {
                todo.push(path);
            }
        }
    }
    out
}

/// The index files under `dir`.
fn index_files(dir: &Path) -> Vec<PathBuf> {
    if !dir.exists() {
        return Vec::new();
    }
    tree(dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "idx"))
        .collect()
}

#[test]
fn sourced_check_leaves_the_story_folder_as_it_was() {
    let story = syria_story();
    let cache = TempDir::new("xdg-cache-check");
    let before = tree(story.path());
    let out = std::process::Command::new(common::binary())
        .args(["check", "draft.md"])
        .current_dir(story.path())
        .env("XDG_CACHE_HOME", cache.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert_eq!(
        tree(story.path()),
        before,
        "sourced check wrote into the story folder"
    );
    let home = cache.path().join("sourced");
    assert_eq!(
        index_files(&home).len(),
        1,
        "the index is cached in the user's cache folder: {:?}",
        tree(cache.path())
    );
    // One folder per story, named after it.
    let folders: Vec<String> = std::fs::read_dir(&home)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let name = story
        .path()
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    assert!(
        folders.len() == 1 && folders[0].starts_with(&format!("{name}-")),
        "{folders:?}"
    );
    // A second run finds it (the same folder, nothing new).
    let again = std::process::Command::new(common::binary())
        .args(["check", "draft.md"])
        .current_dir(story.path())
        .env("XDG_CACHE_HOME", cache.path())
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(1));
    assert_eq!(index_files(&home).len(), 1);
    assert_eq!(tree(story.path()), before);
}

#[test]
fn an_editing_session_leaves_the_story_folder_as_it_was() {
    let story = syria_story();
    let cache = TempDir::new("xdg-cache-lsp");
    let before = tree(story.path());
    let cache_dir = cache.path().to_string_lossy().into_owned();
    let mut client = Client::start_with_env(&[("XDG_CACHE_HOME", &cache_dir)]);
    client.initialize(story.path(), capabilities(false), Value::Null);
    let uri = client.open(&story.path().join("draft.md"), 1);
    let diags = client.diagnostics(&uri, Some(1));
    assert!(!diags.is_empty(), "the draft was checked");
    client.shutdown();
    assert_eq!(
        tree(story.path()),
        before,
        "the language server wrote into the story folder"
    );
    assert_eq!(
        index_files(&cache.path().join("sourced")).len(),
        1,
        "{:?}",
        tree(cache.path())
    );
}

#[test]
fn the_cache_goes_where_sourced_toml_asks() {
    let story = syria_story();
    let cache = TempDir::new("xdg-cache-asked");
    std::fs::write(
        story.path().join("sourced.toml"),
        "[corpus]\ncache = \".index\"\n",
    )
    .unwrap();
    let out = std::process::Command::new(common::binary())
        .args(["check", "draft.md"])
        .current_dir(story.path())
        .env("XDG_CACHE_HOME", cache.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert_eq!(index_files(&story.path().join(".index")).len(), 1);
    assert!(index_files(cache.path()).is_empty());
    // `cache = false`: none anywhere.
    std::fs::remove_dir_all(story.path().join(".index")).unwrap();
    std::fs::write(
        story.path().join("sourced.toml"),
        "[corpus]\ncache = false\n",
    )
    .unwrap();
    let before = tree(story.path());
    let out = std::process::Command::new(common::binary())
        .args(["check", "draft.md"])
        .current_dir(story.path())
        .env("XDG_CACHE_HOME", cache.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert_eq!(tree(story.path()), before);
    assert!(index_files(cache.path()).is_empty());
}
