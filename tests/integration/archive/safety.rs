//! With the archive configured, the language server's only connection is to the
//! database's socket: under strace, every socket it opens is a Unix one, and it connects
//! to the configured socket and nowhere else.

use std::time::{Duration, Instant};

use serde_json::{json, Value};

use std::process::Command;

use super::cluster::*;
use crate::common::{capabilities, lines_and_codes, Client, TempDir};

#[test]
fn under_strace_the_servers_only_connection_is_the_archives_socket() {
    if Command::new("strace")
        .arg("-V")
        .output()
        .map_or(true, |o| !o.status.success())
    {
        eprintln!("strace is not installed here: the connection trace is not checked");
        return;
    }
    let url = archive("strace_lsp");
    let story = split_story(&url, &["breitbart.txt"]);
    let trace_dir = TempDir::new("archive-strace");
    let trace_file = trace_dir.path().join("trace");
    let trace_arg = trace_file.to_string_lossy().to_string();
    let db = raw(&url);
    let mut client = Client::start_wrapped(
        &[
            "strace",
            "-f",
            "-qq",
            "-o",
            &trace_arg,
            "-e",
            "trace=%network",
        ],
        &[(sourced_archive::ENV_VAR, &db)],
    );
    client.initialize(story.path(), capabilities(false), json!({"debounceMs": 20}));
    let uri = client.open(&story.path().join("draft.md"), 1);
    // The five findings, four of them from the archive.
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let latest = client
            .log
            .iter()
            .rev()
            .find(|m| m["method"] == "textDocument/publishDiagnostics")
            .map(|m| {
                m["params"]["diagnostics"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default()
            });
        let serious = |d: &Vec<Value>| -> Vec<(u64, String)> {
            let d: Vec<Value> = d
                .iter()
                .filter(|d| d["severity"].as_u64().is_some_and(|s| s <= 2))
                .cloned()
                .collect();
            lines_and_codes(&d)
        };
        if latest
            .as_ref()
            .is_some_and(|d| serious(d) == crate::common::expected_findings())
        {
            break;
        }
        assert!(Instant::now() < deadline, "no five findings under strace");
        let u = uri.clone();
        client.wait_for(Duration::from_secs(1), |m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == json!(u)
        });
    }
    client.shutdown();

    let trace = std::fs::read_to_string(&trace_file).expect("strace wrote its trace");
    let socket_dir = db
        .split('@')
        .nth(1)
        .and_then(|r| r.split('/').next())
        .map(|d| d.replace("%2F", "/"))
        .expect("socket folder in the URL");
    let want = format!("\"{socket_dir}/.s.PGSQL.5432\"");
    let mut connects = 0;
    for line in trace.lines() {
        let call = line
            .split_once(' ')
            .map(|(_, rest)| rest.trim_start())
            .unwrap_or(line);
        if call.starts_with("socket(") {
            assert!(
                call.contains("AF_UNIX"),
                "a socket other than a Unix one: {line}"
            );
        } else if call.starts_with("connect(") {
            connects += 1;
            assert!(
                call.contains(&want),
                "a connection elsewhere than {want}: {line}"
            );
        } else if ["bind(", "listen(", "accept(", "accept4("]
            .iter()
            .any(|c| call.starts_with(c))
        {
            panic!("the server listens: {line}");
        }
    }
    assert!(connects > 0, "no connection traced:\n{trace}");
}
