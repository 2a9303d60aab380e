//! The persisted index against what a story folder really holds: a cache folder that is
//! the story or its sources, and cache files that are not what Sourced wrote (a device,
//! a named pipe, a huge zero tail). The real `sourced` binary on real files; each check
//! must end in seconds with the same findings as without a cache.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

mod common;

use common::TempDir;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/syria-refugees")
}

/// A story folder with the fixture's sources and draft, and `settings` as sourced.toml,
/// in a folder of its own (so that a cache in `..` stays inside the test's folder).
struct Story {
    _tmp: TempDir,
    root: PathBuf,
}

fn story(tag: &str, settings: &str) -> Story {
    let tmp = TempDir::new(tag);
    let root = tmp.0.join("story");
    fs::create_dir_all(root.join("sources")).unwrap();
    for e in fs::read_dir(fixture().join("sources")).unwrap() {
        let e = e.unwrap();
        fs::copy(e.path(), root.join("sources").join(e.file_name())).unwrap();
    }
    fs::copy(fixture().join("draft.md"), root.join("draft.md")).unwrap();
    fs::write(root.join("sourced.toml"), settings).unwrap();
    Story { _tmp: tmp, root }
}

/// `sourced check --format json draft.md` in `dir`, within 60 s: exit code, the findings
/// (code, line, message), stderr.
fn check(dir: &Path) -> (i32, Vec<String>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sourced"))
        .args(["check", "--format", "json", "draft.md"])
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run sourced");
    let deadline = Instant::now() + Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!(
                "sourced check did not finish within 60 s in {}",
                dir.display()
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let v: serde_json::Value = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {stdout}\nstderr: {stderr}"));
    let mut findings: Vec<String> = v["files"][0]["findings"]
        .as_array()
        .unwrap_or_else(|| panic!("no findings list: {v}"))
        .iter()
        .map(|f| format!("{} {} {}", f["code"], f["line"], f["message"]))
        .collect();
    findings.sort();
    (out.status.code().unwrap_or(-1), findings, stderr)
}

/// Every file below `dir`, relative to it.
fn files_below(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p.strip_prefix(dir).unwrap().to_string_lossy().into_owned());
            }
        }
    }
    out.sort();
    out
}

#[test]
fn a_cache_folder_that_is_the_story_or_its_sources_is_refused() {
    let plain = story(
        "cache-plain",
        "[corpus]\npaths = [\"sources\"]\ncache = false\n",
    );
    let (code, want, _) = check(&plain.root);
    assert_eq!(code, 1);
    assert!(!want.is_empty(), "the fixture draft has findings");

    for cache in [".", "", "sources", "./sources/", ".."] {
        let dir = story(
            "cache-unsafe",
            &format!(
                "# the desk's settings\n[corpus]\npaths = [\"sources\"]\ncache = \"{cache}\"\n"
            ),
        );
        let before = files_below(&dir.root);
        for run in 0..2 {
            let (code, got, stderr) = check(&dir.root);
            assert_eq!(code, 1, "cache = {cache:?}, run {run}: {stderr}");
            assert_eq!(got, want, "cache = {cache:?}, run {run}: findings differ");
            assert!(
                stderr.contains("index cache folder") && stderr.contains("keeps no cache there"),
                "cache = {cache:?}: no word of the refused cache folder:\n{stderr}"
            );
        }
        // Nothing was written into the story, its sources or the folder above.
        assert_eq!(files_below(&dir.root), before, "cache = {cache:?}");
        let parent = dir.root.parent().unwrap();
        assert_eq!(
            files_below(parent).len(),
            before.len(),
            "cache = {cache:?}: files written above the story: {:?}",
            files_below(parent)
        );
    }
}

#[test]
fn a_cache_folder_that_already_exists_gets_no_gitignore() {
    // The reporter's own folder, named as the cache: the index goes in, but no
    // `.gitignore` that would hide their files from git.
    let dir = story(
        "cache-existing",
        "[corpus]\npaths = [\"sources\"]\ncache = \"notes\"\n",
    );
    fs::create_dir_all(dir.root.join("notes")).unwrap();
    fs::write(
        dir.root.join("notes/interview.txt"),
        "Called the ministry at 9.\n",
    )
    .unwrap();
    let (code, _, stderr) = check(&dir.root);
    assert_eq!(code, 1, "{stderr}");
    assert!(!dir.root.join("notes/.gitignore").exists());
    // A folder made for the cache does get one.
    let fresh = story(
        "cache-fresh",
        "[corpus]\npaths = [\"sources\"]\ncache = \"idx\"\n",
    );
    let (code, _, stderr) = check(&fresh.root);
    assert_eq!(code, 1, "{stderr}");
    let ignore = fs::read_to_string(fresh.root.join("idx/.gitignore")).unwrap();
    assert!(ignore.lines().any(|l| l == "*"), "{ignore}");
}
