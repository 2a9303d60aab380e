//! The language server's protocol behaviour, against the real binary over stdio:
//! lifecycle, encodings, bad input, progress, settings. These do not depend on what the
//! analysis finds (see `lsp_story.rs` for that).

use crate::common;

use std::time::Duration;

use common::*;
use serde_json::{json, Value};

#[test]
fn negotiates_utf8_when_offered_and_utf16_otherwise() {
    let story = syria_story();
    let mut c = Client::start();
    let r = c.initialize(story.path(), capabilities(true), Value::Null);
    assert_eq!(r["capabilities"]["positionEncoding"], "utf-8");
    assert_eq!(
        r["capabilities"]["textDocumentSync"]["change"], 2,
        "incremental sync"
    );
    let commands = r["capabilities"]["executeCommandProvider"]["commands"].clone();
    for cmd in [
        "sourced.reindex",
        "sourced.ignoreFinding",
        "sourced.addAlias",
        "sourced.showSources",
    ] {
        assert!(
            commands.as_array().unwrap().contains(&json!(cmd)),
            "{cmd} in {commands}"
        );
    }
    assert_eq!(c.shutdown().map(|s| s.code()), Some(Some(0)));

    let mut c = Client::start();
    let r = c.initialize(story.path(), json!({}), Value::Null);
    assert_eq!(r["capabilities"]["positionEncoding"], "utf-16");
}

#[test]
fn exit_without_shutdown_is_an_error_and_stdin_closing_ends_the_server() {
    let story = syria_story();
    let mut c = Client::start();
    c.initialize(story.path(), json!({}), Value::Null);
    c.notify("exit", Value::Null);
    let status = c.wait_exit(Duration::from_secs(10)).expect("exited");
    assert_eq!(status.code(), Some(1));

    let mut c = Client::start();
    c.initialize(story.path(), json!({}), Value::Null);
    c.close_stdin();
    assert!(
        c.wait_exit(Duration::from_secs(10)).is_some(),
        "server outlived its stdin"
    );
}

#[test]
fn bad_messages_get_errors_and_the_server_keeps_serving() {
    let story = syria_story();
    let mut c = Client::start();
    // Before initialize: "server not initialized".
    let id = c.send_request("textDocument/hover", json!({}));
    assert_eq!(c.response(id)["error"]["code"], -32002);
    c.initialize(story.path(), json!({}), Value::Null);

    // Malformed JSON: a parse error with a null id.
    c.send_raw(b"Content-Length: 9\r\n\r\n{not json");
    let err = c
        .wait_for(TIMEOUT, |v| v["error"]["code"] == -32700)
        .expect("parse error response");
    assert_eq!(err["id"], Value::Null);
    // Not a request: invalid request, with its id.
    c.send(&json!({"jsonrpc": "2.0", "id": 99, "method": 12}));
    let err = c.response(99);
    assert_eq!(err["error"]["code"], -32600);
    // Garbage headers.
    c.send_raw(b"Hello: there\r\n\r\n");
    // Unknown method.
    let id = c.send_request("sourced/noSuchMethod", json!({}));
    assert_eq!(c.response(id)["error"]["code"], -32601);
    // Wrong parameter types.
    let id = c.send_request("textDocument/hover", json!({"textDocument": 5}));
    assert_eq!(c.response(id)["error"]["code"], -32602);
    // A change to a document never opened, positions past the end of an open one.
    let draft = story.path().join("draft.md");
    c.change(&file_uri(&draft), 2, json!([{"text": "x"}]));
    let uri = c.open_text(&draft, "short", 1);
    c.change(
        &uri,
        2,
        json!([{"range": {"start": {"line": 99, "character": 99}, "end": {"line": 999, "character": 0}}, "text": " text"}]),
    );
    let hover = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 500, "character": 500}}),
    );
    assert!(hover.is_null());
    // Still serving.
    let symbols = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    assert!(symbols.is_array(), "{symbols}");
    assert_eq!(c.shutdown().map(|s| s.code()), Some(Some(0)));
}

#[test]
fn a_panicking_handler_becomes_an_error_response() {
    let story = syria_story();
    let mut c = Client::start_with_env(&[("SOURCED_TEST_HOOKS", "1")]);
    c.initialize(story.path(), json!({}), Value::Null);
    let id = c.send_request(
        "workspace/executeCommand",
        json!({"command": "sourced.debug.panic", "arguments": []}),
    );
    let resp = c.response(id);
    assert_eq!(resp["error"]["code"], -32603, "{resp}");
    assert!(c.stderr.lock().unwrap().contains("panic"));
    // The server goes on.
    let r = c.request("workspace/symbol", json!({"query": ""}));
    assert!(r.is_array());
    assert_eq!(c.shutdown().map(|s| s.code()), Some(Some(0)));
}

#[test]
fn indexing_reports_progress_and_status() {
    let story = syria_story();
    let mut c = Client::start();
    c.initialize(story.path(), capabilities(false), Value::Null);
    let create = c
        .wait_for(TIMEOUT, |v| v["method"] == "window/workDoneProgress/create")
        .expect("progress token created");
    let token = create["params"]["token"].clone();
    let kinds = ["begin", "end"].map(|kind| {
        let t = token.clone();
        c.wait_for(TIMEOUT, move |v| {
            v["method"] == "$/progress"
                && v["params"]["token"] == t
                && v["params"]["value"]["kind"] == kind
        })
    });
    assert!(kinds.iter().all(Option::is_some), "begin and end");
    let ready = c
        .wait_for(TIMEOUT, |v| {
            v["method"] == "sourced/status" && v["params"]["state"] == "ready"
        })
        .expect("ready status");
    assert_eq!(ready["params"]["sources"], 3);
    assert!(ready["params"]["bytes"].as_u64().unwrap() > 5000);
    // File watching was registered dynamically.
    let reg = c
        .wait_for(TIMEOUT, |v| v["method"] == "client/registerCapability")
        .expect("registration");
    assert_eq!(
        reg["params"]["registrations"][0]["method"],
        "workspace/didChangeWatchedFiles"
    );
}

#[test]
fn a_draft_without_sources_is_told_once() {
    let dir = TempDir::new("nocorpus");
    let draft = dir.path().join("draft.md");
    std::fs::write(&draft, "\"Nothing to see,\" she said.\n").unwrap();
    let mut c = Client::start();
    c.initialize(dir.path(), json!({}), Value::Null);
    let uri = c.open(&draft, 1);
    let diags = c.diagnostics(&uri, Some(1));
    assert!(diags.is_empty());
    let shown = c
        .wait_for(TIMEOUT, |v| v["method"] == "window/showMessage")
        .expect("a message");
    assert!(shown["params"]["message"]
        .as_str()
        .unwrap()
        .contains("No sources"));
    c.change(&uri, 2, json!([{"text": "\"Still nothing,\" she said.\n"}]));
    c.diagnostics(&uri, Some(2));
    let again = c.wait_for(Duration::from_millis(500), |v| {
        v["method"] == "window/showMessage"
    });
    assert!(again.is_none(), "shown twice: {again:?}");
}

#[test]
fn settings_are_read_and_bad_ones_reported() {
    let story = syria_story();
    let mut c = Client::start();
    c.initialize(
        story.path(),
        json!({}),
        json!({"debounceMs": "soon", "severity": {"altered-quote": "loud"}}),
    );
    let m = c
        .wait_for(TIMEOUT, |v| v["method"] == "window/showMessage")
        .expect("settings problem shown");
    assert!(
        m["params"]["message"]
            .as_str()
            .unwrap()
            .contains("debounceMs"),
        "{m}"
    );
}

#[test]
fn settings_schema_lists_settings_and_commands() {
    let out = std::process::Command::new(binary())
        .args(["lsp", "--settings-schema"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let props = &v["settings"]["properties"];
    assert_eq!(props["debounceMs"]["minimum"], 0);
    assert_eq!(props["corpus"]["properties"]["paths"]["type"], "array");
    assert_eq!(
        props["severity"]["properties"]["altered-quote"]["enum"][4],
        "off"
    );
    assert_eq!(
        v["commands"],
        json!([
            "sourced.reindex",
            "sourced.ignoreFinding",
            "sourced.addAlias",
            "sourced.showSources",
            "sourced.archiveDocument"
        ])
    );
}
