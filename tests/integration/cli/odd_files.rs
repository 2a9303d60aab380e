//! `sourced check` on drafts and corpus files that are not what they seem: a named pipe,
//! an endless device, an oversized or non-UTF-8 draft, binary, empty and non-UTF-8 sources.
//! Each gets a message naming the file, and nothing blocks or grows without bound.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/syria-refugees")
}

/// A fresh story folder (the fixture's sources and draft) for one test, removed when it
/// ends (failed or not).
fn story(name: &str) -> crate::common::TempDir {
    let dir = crate::common::TempDir::new(&format!("cli-robust-{name}"));
    fs::create_dir_all(dir.join("sources")).unwrap();
    for e in fs::read_dir(fixture().join("sources")).unwrap() {
        let e = e.unwrap();
        fs::copy(e.path(), dir.join("sources").join(e.file_name())).unwrap();
    }
    fs::copy(fixture().join("draft.md"), dir.join("draft.md")).unwrap();
    dir
}

/// Run `sourced` with a deadline: a check that blocks or never ends is a failure, not a hang.
fn sourced(args: &[&str], dir: &Path) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sourced"))
        .args(args)
        .current_dir(dir)
        .env("XDG_CACHE_HOME", crate::common::cache_home())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run sourced");
    let deadline = Instant::now() + Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("sourced {args:?} did not finish within 60 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[cfg(unix)]
#[test]
fn a_named_pipe_draft_is_refused_without_blocking() {
    let dir = story("fifo");
    let fifo = dir.join("pipe.md");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0, "mkfifo");
    let (code, _, stderr) = sourced(&["check", "pipe.md", "draft.md"], &dir);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("pipe.md") && stderr.contains("named pipe"),
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn an_endless_device_is_refused() {
    let dir = story("zero");
    let (code, _, stderr) = sourced(&["check", "/dev/zero"], &dir);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("/dev/zero") && stderr.contains("not a regular file"),
        "{stderr}"
    );
}

#[test]
fn an_oversized_draft_is_refused_naming_the_limit() {
    let dir = story("big");
    let big = fs::File::create(dir.join("big.md")).unwrap();
    big.set_len(17 << 20).unwrap(); // sparse: costs no disk
    let (code, stdout, stderr) = sourced(&["check", "big.md", "draft.md"], &dir);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("cannot read big.md") && stderr.contains("limit of 16.0 MB"),
        "{stderr}"
    );
    // The other draft is still checked.
    assert!(stdout.contains("draft.md"), "{stdout}");
}

#[test]
fn a_non_utf8_draft_is_read_as_windows_1252_with_a_warning() {
    let dir = story("latin");
    // "Café": é is 0xE9 in Windows-1252, not UTF-8.
    let mut bytes = fs::read(dir.join("draft.md")).unwrap();
    bytes.extend_from_slice(b"\n\nThe Caf\xe9 stayed open.\n");
    fs::write(dir.join("latin.md"), &bytes).unwrap();
    let (code, stdout, stderr) = sourced(&["check", "--format", "json", "latin.md"], &dir);
    assert!(
        stderr.contains("latin.md") && stderr.contains("not UTF-8"),
        "{stderr}"
    );
    assert_eq!(code, 1, "the draft's findings are still reported: {stderr}");
    let v: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert!(!v["files"][0]["findings"].as_array().unwrap().is_empty());
}

#[test]
fn bad_corpus_files_are_named_and_the_check_still_runs() {
    let dir = story("badcorpus");
    let src = dir.join("sources");
    fs::write(src.join("binary.txt"), b"PK\x03\x04\x00\x00\x01\x02").unwrap();
    fs::write(src.join("empty.txt"), b"").unwrap();
    fs::write(src.join("latin.txt"), b"Le caf\xe9 est ferm\xe9.\n").unwrap();
    let mut bad = vec!["binary.txt", "latin.txt", "empty.txt"];
    #[cfg(unix)]
    let root = unsafe { libc::geteuid() } == 0;
    #[cfg(not(unix))]
    let root = true;
    if root {
        eprintln!(
            "note: running as root, so an unreadable file cannot be made; that case is not tested"
        );
    } else {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::write(src.join("locked.txt"), b"secret").unwrap();
            fs::set_permissions(src.join("locked.txt"), fs::Permissions::from_mode(0o000)).unwrap();
            bad.push("locked.txt");
        }
    }
    let (code, stdout, stderr) = sourced(&["check", "--format", "json", "draft.md"], &dir);
    for name in bad {
        assert!(stderr.contains(name), "no warning naming {name}:\n{stderr}");
    }
    assert_eq!(code, 1, "{stderr}");
    let v: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert!(!v["files"][0]["findings"].as_array().unwrap().is_empty());
}

#[test]
fn quotes_refuses_a_file_over_the_size_limit_and_prints_the_others() {
    let dir = story("quotes-big");
    // 20 MB of one quoted sentence after another: over the 16 MB limit of a draft.
    let sentence = "\"We will return,\" a refugee said. ";
    let big: String = sentence.repeat(20 * 1024 * 1024 / sentence.len());
    fs::write(dir.join("big.txt"), &big).unwrap();
    drop(big);
    let (code, stdout, stderr) =
        sourced(&["quotes", "--format", "json", "big.txt", "draft.md"], &dir);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("big.txt") && stderr.contains("over the limit"),
        "{stderr}"
    );
    let v: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 1, "{v}");
    assert!(files[0]["path"].as_str().unwrap().ends_with("draft.md"));
}
