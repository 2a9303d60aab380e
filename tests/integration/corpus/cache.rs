//! The persisted index against what a story folder really holds: a cache folder that is
//! the story or its sources, and cache files that are not what Sourced wrote (a device,
//! a named pipe, a huge zero tail). The real `sourced` binary on real files; each check
//! must end in seconds with the same findings as without a cache.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::TempDir;

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
    let mut command = Command::new(env!("CARGO_BIN_EXE_sourced"));
    command
        .args(["check", "--format", "json", "draft.md"])
        .current_dir(dir)
        // A user cache folder inside the test's own folder.
        .env(
            "XDG_CACHE_HOME",
            dir.parent().unwrap_or(dir).join("xdg-cache"),
        )
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // At most 1 GB of heap and other private memory (mapped files do not count): a check
    // of this three-source story needs a few tens of MB, and a cache file that made it
    // allocate without bound must fail here rather than take the machine's memory.
    #[cfg(target_os = "linux")]
    unsafe {
        use std::os::unix::process::CommandExt;
        command.pre_exec(|| {
            let limit = libc::rlimit {
                rlim_cur: 1 << 30,
                rlim_max: 1 << 30,
            };
            if libc::setrlimit(libc::RLIMIT_DATA, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let mut child = command.spawn().expect("run sourced");
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

/// The cache file of the story at `root` (after a check made it), whose sourced.toml
/// asks for the cache in `.sourced-cache`.
fn cache_file(root: &Path) -> PathBuf {
    let dir = root.join(".sourced-cache");
    fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("no cache folder {}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "idx"))
        .expect("a cache file")
}

#[cfg(unix)]
#[test]
fn a_cache_file_that_is_a_device_a_pipe_or_has_a_huge_zero_tail_is_not_trusted() {
    let dir = story(
        "cache-hostile",
        "[corpus]\npaths = [\"sources\"]\ncache = \".sourced-cache\"\n",
    );
    let (_, want, _) = check(&dir.root);
    assert!(!want.is_empty(), "the fixture draft has findings");
    let file = cache_file(&dir.root);
    let good = fs::read(&file).unwrap();

    type Spoil = Box<dyn Fn(&Path)>;
    let cases: Vec<(&str, Spoil)> = vec![
        (
            "a link to /dev/zero",
            Box::new(|f: &Path| std::os::unix::fs::symlink("/dev/zero", f).unwrap()),
        ),
        (
            "a named pipe",
            Box::new(|f: &Path| {
                let c = std::ffi::CString::new(f.to_str().unwrap()).unwrap();
                assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
            }),
        ),
        (
            "the saved index and 2 GB of zeros",
            Box::new(move |f: &Path| {
                fs::write(f, &good).unwrap();
                let out = fs::OpenOptions::new().write(true).open(f).unwrap();
                out.set_len(2 << 30).unwrap(); // sparse: no disk used
            }),
        ),
    ];
    for (what, spoil) in cases {
        let _ = fs::remove_file(&file);
        spoil(&file);
        let started = Instant::now();
        let (code, got, stderr) = check(&dir.root);
        assert_eq!(code, 1, "cache file {what}: {stderr}");
        assert_eq!(got, want, "cache file {what}: other findings");
        eprintln!("cache file {what}: checked in {:?}", started.elapsed());
        // Sourced put its own index in its place.
        let meta = fs::symlink_metadata(&file).unwrap();
        assert!(
            meta.is_file() && meta.len() < 1 << 20,
            "cache file {what}: {meta:?}"
        );
    }
}

#[test]
fn temporary_files_of_a_killed_save_are_removed() {
    let dir = story(
        "cache-leftover",
        "[corpus]\npaths = [\"sources\"]\ncache = \".sourced-cache\"\n",
    );
    let cache = dir.root.join(".sourced-cache");
    fs::create_dir_all(&cache).unwrap();
    // Left by a save killed half-way, by a process that is gone (pids stop below 2^22).
    let leftover = cache.join("corpus-0123456789abcdef.tmp4194999");
    fs::write(&leftover, vec![0u8; 4096]).unwrap();
    let (code, _, stderr) = check(&dir.root);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        !leftover.exists(),
        "the leftover temporary file is still there"
    );
    cache_file(&dir.root);
}

/// What a server shows for a draft: each diagnostic's line, code and message, sorted.
fn shown(diags: &[serde_json::Value]) -> Vec<String> {
    let mut v: Vec<String> = diags
        .iter()
        .map(|d| {
            format!(
                "{} {} {}",
                d["range"]["start"]["line"], d["code"], d["message"]
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn a_cache_file_written_over_under_a_running_server_changes_nothing() {
    use crate::common::server::{draft_text, uri_of, Server};
    // The same story twice: one with its index cache (which is then written over), one
    // without any; both get the same edits and must show the same findings.
    let text = draft_text();
    let cached = story(
        "cache-overwritten",
        "[corpus]\npaths = [\"sources\"]\ncache = \".sourced-cache\"\n",
    );
    let plain = story(
        "cache-none",
        "[corpus]\npaths = [\"sources\"]\ncache = false\n",
    );
    let mut servers: Vec<(Server, String)> = [&cached, &plain]
        .iter()
        .map(|st| {
            let mut s = Server::start(&st.root);
            s.initialize(&st.root);
            let draft = uri_of(&st.root.join("draft.md"));
            s.open(&draft, &text, 1);
            (s, draft)
        })
        .collect();
    let mut first = Vec::new();
    for (s, draft) in &mut servers {
        first.push(shown(&s.diagnostics(draft, 1, Duration::from_secs(60))));
    }
    assert_eq!(first[0], first[1]);
    let file = cache_file(&cached.root);
    let len = fs::metadata(&file).unwrap().len() as usize;

    // What sync tools and `cp` do: the same size with other bytes, then a shorter file,
    // then an empty one, each written in place.
    let spoils: Vec<(&str, Vec<u8>)> = vec![
        (
            "same size, other bytes",
            (0..len).map(|i| (i * 7 + 13) as u8).collect(),
        ),
        (
            "cut to 100 bytes",
            b"SOURCED\x1a".repeat(13)[..100].to_vec(),
        ),
        ("emptied", Vec::new()),
    ];
    let words = ["Russian", "refugees", "Assad"];
    let mut version = 1;
    for ((what, bytes), word) in spoils.into_iter().zip(words) {
        let mut out = fs::OpenOptions::new().write(true).open(&file).unwrap();
        std::io::Write::write_all(&mut out, &bytes).unwrap();
        out.set_len(bytes.len() as u64).unwrap();
        drop(out);
        // A new quote typed at the end (it must be looked up in the corpus), then a hover.
        version += 1;
        let edited =
            format!("{text}\n\"The {word} return was organised on Friday,\" Pompeo said.\n");
        let mut got = Vec::new();
        for (s, draft) in &mut servers {
            s.notify(
                "textDocument/didChange",
                serde_json::json!({"textDocument": {"uri": draft, "version": version},
                       "contentChanges": [{"text": edited}]}),
            );
            got.push(shown(&s.diagnostics(
                draft,
                version,
                Duration::from_secs(60),
            )));
            s.still_serving(draft);
        }
        assert_eq!(got[0], got[1], "cache file {what}: other findings");
    }
    for (s, _) in servers {
        s.shutdown();
    }
}

#[test]
fn a_source_rewritten_with_its_size_and_modification_time_kept_is_read_again() {
    let dir = story(
        "cache-same-mtime",
        "[corpus]\npaths = [\"sources\"]\ncache = \".sourced-cache\"\n",
    );
    let (_, before, _) = check(&dir.root);
    cache_file(&dir.root);
    // What `cp -p` or a sync tool does: new words, same size, the old modification time.
    // Here every source now spells the general's name as the draft does not.
    for entry in fs::read_dir(dir.root.join("sources")).unwrap() {
        let source = entry.unwrap().path();
        let old = fs::read_to_string(&source).unwrap();
        let modified = fs::metadata(&source).unwrap().modified().unwrap();
        let new = old.replace("Mizintsev", "Mizintzev");
        assert_eq!(new.len(), old.len());
        fs::write(&source, &new).unwrap();
        fs::File::options()
            .write(true)
            .open(&source)
            .unwrap()
            .set_modified(modified)
            .unwrap();
        assert_eq!(fs::metadata(&source).unwrap().modified().unwrap(), modified);
    }

    let (_, got, stderr) = check(&dir.root);
    // The same story checked without any cache.
    fs::write(
        dir.root.join("sourced.toml"),
        "[corpus]\npaths = [\"sources\"]\ncache = false\n",
    )
    .unwrap();
    let (_, fresh, _) = check(&dir.root);
    // Code and line of each finding (a message may list the same sources in another
    // order: a file read again gets a new place in the index).
    let where_ = |findings: &[String]| -> Vec<String> {
        findings
            .iter()
            .map(|f| f.splitn(3, ' ').take(2).collect::<Vec<_>>().join(" "))
            .collect()
    };
    assert_ne!(
        where_(&fresh),
        where_(&before),
        "the edit changes a finding"
    );
    assert_eq!(
        where_(&got),
        where_(&fresh),
        "the cached index kept the old text: {got:?} {stderr}"
    );
}

/// `files` wire stories of 50 KB of capitalised made-up words, each word new: the most
/// index cache for the fewest bytes of text (every word is a vocabulary entry and every
/// pair a posting), so that a cache of tens of MB costs a test seconds, not minutes.
fn add_wire_copy(root: &Path, files: usize) {
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for f in 0..files {
        let mut text = String::with_capacity(51_000);
        while text.len() < 50_000 {
            for w in 0..12 {
                if w > 0 {
                    text.push(' ');
                }
                let r = next();
                text.push((b'A' + (r % 26) as u8) as char);
                for k in 1..8 {
                    text.push((b'a' + ((r >> (5 * k)) % 26) as u8) as char);
                }
            }
            text.push_str(".\n");
        }
        fs::write(root.join(format!("sources/wire-{f:04}.txt")), text).unwrap();
    }
}

/// Whether the server maps a cache file that has no name any more (its private copy).
#[cfg(target_os = "linux")]
fn maps_a_nameless_cache_copy(pid: u32) -> bool {
    fs::read_to_string(format!("/proc/{pid}/maps"))
        .unwrap_or_default()
        .lines()
        .any(|l| l.contains(".sourced-cache/") && l.contains(".tmp") && l.ends_with("(deleted)"))
}

#[test]
fn a_big_cache_file_truncated_overwritten_or_replaced_under_a_running_server_changes_nothing() {
    use crate::common::server::{draft_text, uri_of, Server};
    let dir = story(
        "cache-big-replaced",
        "[corpus]\npaths = [\"sources\"]\ncache = \".sourced-cache\"\n",
    );
    add_wire_copy(&dir.root, 130);
    let text = draft_text();
    let draft = uri_of(&dir.root.join("draft.md"));
    let limit = Duration::from_secs(600);

    // A first server indexes the story and saves its cache; the one after it starts
    // from that cache, which is big enough to be mapped rather than read.
    let mut s = Server::start(&dir.root);
    s.initialize(&dir.root);
    s.open(&draft, &text, 1);
    let cold = shown(&s.diagnostics(&draft, 1, limit));
    s.shutdown();
    let file = cache_file(&dir.root);
    let len = fs::metadata(&file).unwrap().len();
    assert!(len >= 32 << 20, "the cache is only {len} bytes");
    let saved = dir.root.join("saved-cache.idx");
    fs::copy(&file, &saved).unwrap();

    let mut s = Server::start_with_env(&dir.root, &[("SOURCED_CACHE_TRACE", "1")]);
    s.initialize(&dir.root);
    s.open(&draft, &text, 1);
    assert_eq!(shown(&s.diagnostics(&draft, 1, limit)), cold);
    #[cfg(target_os = "linux")]
    assert!(
        maps_a_nameless_cache_copy(s.pid()),
        "the server does not map a private copy of the cache; its log:\n{}",
        s.log()
    );

    // Each edit types a new quote (looked up in the index); what the server shows for
    // it before anything happens to the cache file is what it must show after.
    let words = ["Russian", "refugees", "Assad", "Geneva", "winter"];
    let edited = |word: &str| {
        format!("{text}\n\"The {word} return was organised on Friday,\" Pompeo said.\n")
    };
    let mut version = 1;
    let mut type_in = |s: &mut Server, word: &str| {
        version += 1;
        s.notify(
            "textDocument/didChange",
            serde_json::json!({"textDocument": {"uri": draft, "version": version},
                   "contentChanges": [{"text": edited(word)}]}),
        );
        let got = shown(&s.diagnostics(&draft, version, limit));
        s.still_serving(&draft);
        got
    };
    let want: Vec<Vec<String>> = words.iter().map(|w| type_in(&mut s, w)).collect();

    let garbage: Vec<u8> = (0..len as usize).map(|i| (i * 7 + 13) as u8).collect();
    let replacement = dir.root.join("replacement.idx");
    fs::write(&replacement, &garbage[..1 << 20]).unwrap();
    let in_place = |bytes: &[u8]| {
        let mut out = fs::OpenOptions::new().write(true).open(&file).unwrap();
        std::io::Write::write_all(&mut out, bytes).unwrap();
        out.set_len(bytes.len() as u64).unwrap();
    };
    let cp = |from: &Path| {
        let status = Command::new("cp").arg(from).arg(&file).status().unwrap();
        assert!(status.success());
    };
    type Spoil<'a> = (&'a str, Box<dyn Fn() + 'a>);
    let spoils: Vec<Spoil> = vec![
        ("same size, other bytes", Box::new(|| in_place(&garbage))),
        (
            "cut to half",
            Box::new(|| in_place(&garbage[..len as usize / 2])),
        ),
        ("emptied", Box::new(|| in_place(&[]))),
        ("cp of a 1 MB file over it", Box::new(|| cp(&replacement))),
        ("cp of the saved cache over it", Box::new(|| cp(&saved))),
        (
            "renamed over by another file",
            Box::new(|| {
                fs::write(&replacement, &garbage[..4096]).unwrap();
                fs::rename(&replacement, &file).unwrap();
            }),
        ),
    ];
    for (what, spoil) in &spoils {
        spoil();
        for (word, want) in words.iter().zip(&want) {
            assert_eq!(
                &type_in(&mut s, word),
                want,
                "cache file {what}: other findings"
            );
        }
    }
    s.shutdown();
}
