//! What the real server touches in a whole editing session, watched with strace: it
//! opens no network connection, runs no program, reads only its corpus, the story
//! folder, its cache folder (in the user's cache folder) and the system files a process
//! needs, and writes only its cache folder and `sourced.toml` (on an explicit command).
//! Skips with a note where strace is missing.

use crate::common;

use std::path::Path;
use std::time::Duration;

use common::{capabilities, file_uri, syria_story, Client, TempDir};
use serde_json::{json, Value};

const TIMEOUT: Duration = Duration::from_secs(60);

/// One system call from the trace: its name and the first quoted path in it.
struct Call {
    name: String,
    path: Option<String>,
    line: String,
}

fn parse(trace: &str) -> Vec<Call> {
    trace
        .lines()
        .filter_map(|line| {
            // "1234 openat(AT_FDCWD, "/x", O_RDONLY) = 3" (the pid is there with -f).
            let rest = line.trim_start_matches(|c: char| c.is_ascii_digit() || c == ' ');
            let name: String = rest.chars().take_while(|c| *c != '(').collect();
            if name.is_empty() || name.contains(' ') {
                return None; // "--- SIGCHLD ...", "+++ exited ..."
            }
            let path = rest.split('"').nth(1).map(str::to_string);
            Some(Call {
                name,
                path,
                line: line.to_string(),
            })
        })
        .collect()
}

fn is_write(call: &Call) -> bool {
    match call.name.as_str() {
        "open" | "openat" | "openat2" => ["O_WRONLY", "O_RDWR", "O_CREAT", "O_TRUNC"]
            .iter()
            .any(|f| call.line.contains(f)),
        "creat" | "mkdir" | "mkdirat" | "rename" | "renameat" | "renameat2" | "unlink"
        | "unlinkat" | "rmdir" | "truncate" | "link" | "linkat" | "symlink" | "symlinkat" => true,
        _ => false,
    }
}

/// System files any process reads: the dynamic loader looking for shared libraries
/// (along LD_LIBRARY_PATH too, which cargo sets for tests), /proc for its own memory.
fn is_system(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or(path);
    ["/proc/", "/sys/", "/lib", "/usr/lib", "/etc/ld.so", "/dev/"]
        .iter()
        .any(|p| path.starts_with(p))
        || file.ends_with(".so")
        || file.contains(".so.")
}

#[test]
fn a_whole_session_reads_only_the_story_and_writes_only_cache_and_config() {
    if std::process::Command::new("strace")
        .arg("-V")
        .output()
        .map_or(true, |o| !o.status.success())
    {
        eprintln!("safety_session: strace is not installed here; test skipped");
        return;
    }
    let story = syria_story();
    let trace_dir = TempDir::new("strace");
    let trace_file = trace_dir.path().join("trace");
    let trace_arg = trace_file.to_string_lossy().to_string();
    // The user's cache folder, where the index is kept.
    let cache_home = TempDir::new("strace-cache");
    let cache_home_arg = cache_home.path().to_string_lossy().to_string();
    let mut client = Client::start_wrapped(
        &[
            "strace",
            "-f",
            "-qq",
            "-o",
            &trace_arg,
            "-e",
            "trace=%network,%process,%file",
        ],
        &[("XDG_CACHE_HOME", &cache_home_arg)],
    );
    client.initialize(story.path(), capabilities(false), Value::Null);
    let draft = story.path().join("draft.md");
    let uri = client.open(&draft, 1);
    let diags = client.diagnostics(&uri, Some(1));
    assert!(!diags.is_empty(), "no diagnostics under strace");

    // Hover, a jump, and the two commands that write sourced.toml.
    client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 6, "character": 5}}),
    );
    client.request(
        "textDocument/definition",
        json!({"textDocument": {"uri": uri}, "position": {"line": 6, "character": 5}}),
    );
    for (code, wanted) in [
        ("unsourced-quote", "sourced.ignoreFinding"),
        ("misspelled-name", "sourced.addAlias"),
    ] {
        let d = diags
            .iter()
            .find(|d| d["code"] == code)
            .unwrap_or_else(|| panic!("no {code}"))
            .clone();
        let actions = client.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": d["range"], "context": {"diagnostics": [d]}}),
        );
        let cmd = actions
            .as_array()
            .and_then(|a| a.iter().find(|a| a["command"]["command"] == wanted))
            .unwrap_or_else(|| panic!("no {wanted} action: {actions}"))["command"]
            .clone();
        client.request(
            "workspace/executeCommand",
            json!({"command": cmd["command"], "arguments": cmd["arguments"]}),
        );
    }
    // A new source, picked up by file watching, and a full re-index.
    let new = story.path().join("sources/statement.txt");
    std::fs::write(&new, "\"We will stay,\" Pompeo said on Monday.\n").unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&new), "type": 1}]}),
    );
    client.request(
        "workspace/executeCommand",
        json!({"command": "sourced.reindex", "arguments": []}),
    );
    client.wait_for(TIMEOUT, |v| {
        v["method"] == "textDocument/publishDiagnostics" && v["params"]["uri"] == json!(uri)
    });
    client.shutdown();

    let trace = std::fs::read_to_string(&trace_file).expect("strace wrote its trace");
    let calls = parse(&trace);
    assert!(calls.len() > 20, "the trace looks empty:\n{trace}");
    let root = story.path().to_string_lossy().to_string();
    let binary = common::binary();
    let binary_dir = binary
        .parent()
        .unwrap_or(Path::new("/"))
        .to_string_lossy()
        .to_string();
    let in_story = |p: &str| p == root || p.starts_with(&format!("{root}/"));
    let cache = format!("{cache_home_arg}/sourced");
    let config = format!("{root}/sourced.toml");
    let config_tmp = format!("{root}/.sourced.toml.");

    let mut problems = Vec::new();
    let mut execs = 0;
    for call in &calls {
        let name = call.name.as_str();
        if matches!(
            name,
            "socket" | "connect" | "bind" | "listen" | "accept" | "accept4" | "sendto" | "sendmsg"
        ) {
            problems.push(format!("network: {}", call.line));
        }
        if matches!(name, "execve" | "execveat") {
            execs += 1;
        }
        if matches!(name, "fork" | "vfork") {
            problems.push(format!("process: {}", call.line));
        }
        let Some(path) = call.path.as_deref() else {
            continue;
        };
        if is_write(call) {
            // Writes: the cache folder, and sourced.toml (written to a temporary file
            // beside it, then renamed over it).
            let allowed =
                path.starts_with(&cache) || path == config || path.starts_with(&config_tmp);
            if !allowed {
                problems.push(format!("write outside cache/sourced.toml: {}", call.line));
            }
        } else if matches!(name, "open" | "openat" | "openat2")
            && !(in_story(path)
                || path.starts_with(&cache)
                || is_system(path)
                || path.starts_with(&binary_dir))
        {
            problems.push(format!("read outside the story: {}", call.line));
        }
    }
    // The trace does see the server's own writes (the commands wrote sourced.toml).
    assert!(
        calls.iter().any(|c| is_write(c)
            && c.path
                .as_deref()
                .is_some_and(|p| p.starts_with(&config_tmp))),
        "the trace shows no write of sourced.toml:\n{trace}"
    );
    // The one execve is strace starting the server.
    if execs != 1 {
        problems.push(format!(
            "{execs} execve calls (1 expected: strace starting the server)"
        ));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
