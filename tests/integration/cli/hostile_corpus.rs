//! `sourced check` on story folders that go wrong the way real ones do: a page saved from
//! the web whose markup nests without end, and a corpus that holds the draft itself. The
//! real binary on real files; the bundled draft must keep its five findings.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::TempDir;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/syria-refugees")
}

/// A story folder with the bundled draft and its three sources (nothing else).
fn story(tag: &str) -> TempDir {
    let tmp = TempDir::new(tag);
    fs::create_dir_all(tmp.0.join("sources")).unwrap();
    for e in fs::read_dir(fixture().join("sources")).unwrap() {
        let e = e.unwrap();
        fs::copy(e.path(), tmp.0.join("sources").join(e.file_name())).unwrap();
    }
    fs::copy(fixture().join("draft.md"), tmp.0.join("draft.md")).unwrap();
    tmp
}

/// `sourced check --format json ARGS` in `dir`, killed after `limit`: exit code, the
/// findings (line and code, in draft order), stderr, and how long it took.
fn check(
    dir: &Path,
    args: &[&str],
    limit: Duration,
) -> (i32, Vec<(u64, String)>, String, Duration) {
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_sourced"))
        .args(["check", "--format", "json"])
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run sourced");
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > limit {
            let _ = child.kill();
            panic!("sourced check {args:?} did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let took = started.elapsed();
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    if stdout.trim().is_empty() {
        return (out.status.code().unwrap_or(-1), Vec::new(), stderr, took);
    }
    let v: serde_json::Value = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {stdout}\nstderr: {stderr}"));
    let findings = v["files"][0]["findings"]
        .as_array()
        .unwrap_or_else(|| panic!("no findings list: {v}\nstderr: {stderr}"))
        .iter()
        .map(|f| {
            (
                f["line"].as_u64().unwrap_or(0),
                f["code"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    (out.status.code().unwrap_or(-1), findings, stderr, took)
}

#[test]
fn a_page_of_endlessly_nested_markup_is_cut_short_and_the_check_goes_on() {
    let dir = story("nested-html");
    // 100,000 unclosed `<div><span><b><i>` (1.7 MB), then a paragraph: minutes of
    // parsing before the nesting was bounded.
    let page = format!(
        "<html><body><article><p>Refugees were discussed.</p>{}<p>The end of the page.</p></article></body></html>",
        "<div><span><b><i>".repeat(100_000)
    );
    fs::write(dir.0.join("sources/deep.html"), page).unwrap();
    let (code, findings, stderr, took) = check(&dir.0, &["draft.md"], Duration::from_secs(120));
    eprintln!("checked in {took:?}");
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(findings, crate::common::expected_findings(), "{stderr}");
    let said: Vec<&str> = stderr.lines().filter(|l| l.contains("deep.html")).collect();
    assert_eq!(said.len(), 1, "the page is named once: {stderr}");
    assert!(said[0].contains("cut short"), "{stderr}");
    assert!(
        took < Duration::from_secs(30),
        "the check took {took:?} (a debug build; seconds in release)"
    );
}

#[test]
fn the_draft_is_never_its_own_source() {
    // The corpus is the story folder itself: the draft is in it.
    let dir = story("own-source-dot");
    let (code, findings, stderr, _) = check(
        &dir.0,
        &["--corpus", ".", "draft.md"],
        Duration::from_secs(60),
    );
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(findings, crate::common::expected_findings(), "{stderr}");
    let said: Vec<&str> = stderr.lines().filter(|l| l.contains("skipped")).collect();
    assert_eq!(said.len(), 1, "{stderr}");
    assert!(said[0].contains("the draft itself"), "{stderr}");

    // The same through sourced.toml.
    let dir = story("own-source-toml");
    fs::write(
        dir.0.join("sourced.toml"),
        "[corpus]\npaths = [\".\"]\ncache = false\n",
    )
    .unwrap();
    let (code, findings, stderr, _) = check(&dir.0, &["draft.md"], Duration::from_secs(60));
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(findings, crate::common::expected_findings(), "{stderr}");
    assert_eq!(
        stderr
            .lines()
            .filter(|l| l.contains("the draft itself"))
            .count(),
        1,
        "{stderr}"
    );

    // A copy of the draft among the sources.
    let dir = story("own-source-copy");
    fs::copy(dir.0.join("draft.md"), dir.0.join("sources/draft-v2.md")).unwrap();
    let (code, findings, stderr, _) = check(&dir.0, &["draft.md"], Duration::from_secs(60));
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(findings, crate::common::expected_findings(), "{stderr}");
    let said: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("draft-v2.md"))
        .collect();
    assert_eq!(said.len(), 1, "{stderr}");
    assert!(said[0].contains("copy of the draft"), "{stderr}");

    // A corpus of nothing but the draft: nothing to check against, said plainly.
    let (code, findings, stderr, _) = check(
        &dir.0,
        &["--corpus", "draft.md", "draft.md"],
        Duration::from_secs(60),
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(findings.is_empty());
    assert!(stderr.contains("but the draft itself"), "{stderr}");
}
