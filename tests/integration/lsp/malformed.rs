//! The real `sourced lsp` binary under protocol attacks over stdio: malformed and
//! oversized messages, wrong parameters, unknown methods, requests out of order. After
//! each attack the server must still answer a normal request, and the errors it sends
//! must be the ones the LSP and JSON-RPC specifications name.

use std::time::Duration;

use serde_json::{json, Value};

use crate::common;

use common::server::*;

#[test]
fn malformed_messages_get_json_rpc_errors_and_the_server_goes_on() {
    let (story, mut s) = Server::on_story("malformed");
    let draft = uri_of(&story.0.join("draft.md"));
    s.open(&draft, &draft_text(), 1);

    let null_id = |m: &Value| m.get("id") == Some(&Value::Null) && m.get("error").is_some();
    let cases: Vec<(&str, Vec<u8>, i64)> = vec![
        (
            "truncated JSON",
            frame(b"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":"),
            PARSE_ERROR,
        ),
        ("not JSON at all", frame(b"hello, server"), PARSE_ERROR),
        (
            "invalid UTF-8",
            frame(b"{\"jsonrpc\":\"2.0\",\"method\":\"\xff\xfe\"}"),
            PARSE_ERROR,
        ),
        ("empty body", frame(b""), PARSE_ERROR),
        ("a JSON number", frame(b"42"), INVALID_REQUEST),
        (
            "a batch",
            frame(b"[{\"jsonrpc\":\"2.0\",\"method\":\"initialized\"}]"),
            INVALID_REQUEST,
        ),
        (
            "no jsonrpc member",
            frame(b"{\"method\":\"textDocument/hover\"}"),
            INVALID_REQUEST,
        ),
        (
            "jsonrpc 1.0",
            frame(b"{\"jsonrpc\":\"1.0\",\"method\":\"x\",\"params\":{}}"),
            INVALID_REQUEST,
        ),
        (
            "id of the wrong type",
            frame(b"{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"x\"}"),
            INVALID_REQUEST,
        ),
        (
            "nesting 100000 deep",
            frame(&[b"[".repeat(100_000), b"]".repeat(100_000)].concat()),
            PARSE_ERROR,
        ),
        (
            "header without length",
            b"Content-Type: application/json\r\n\r\n{}".to_vec(),
            PARSE_ERROR,
        ),
        (
            "garbage header",
            b"GET / HTTP/1.1\r\nHost: x\r\n\r\n".to_vec(),
            PARSE_ERROR,
        ),
        (
            "negative length",
            b"Content-Length: -5\r\n\r\n".to_vec(),
            PARSE_ERROR,
        ),
        (
            "length not a number",
            b"Content-Length: lots\r\n\r\n".to_vec(),
            PARSE_ERROR,
        ),
        (
            "unsupported charset",
            {
                let body = br#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
                let mut m = format!(
                    "Content-Length: {}\r\nContent-Type: application/vscode-jsonrpc; charset=latin1\r\n\r\n",
                    body.len()
                )
                .into_bytes();
                m.extend_from_slice(body);
                m
            },
            0, // accepted (the body is plain ASCII) or refused: either way the server goes on
        ),
    ];
    for (what, bytes, code) in cases {
        eprintln!("{what}");
        s.send_raw(&bytes);
        if code != 0 {
            let m = s
                .wait_for(Duration::from_secs(10), null_id)
                .unwrap_or_else(|| panic!("{what}: no error response; log:\n{}", s.log()));
            assert_eq!(error_code(&m), Some(code), "{what}: {m}");
        }
        s.still_serving(&draft);
    }

    // A request with a usable id but unusable params keeps its id.
    s.send_raw(&frame(
        br#"{"jsonrpc":"2.0","id":77,"method":"textDocument/hover","params":"nope"}"#,
    ));
    let r = s.response(77, Duration::from_secs(10));
    assert!(
        matches!(error_code(&r), Some(INVALID_REQUEST) | Some(INVALID_PARAMS)),
        "{r}"
    );
    s.still_serving(&draft);
    s.shutdown();
}

#[test]
fn wrong_parameter_types_get_invalid_params() {
    let (story, mut s) = Server::on_story("params");
    let draft = uri_of(&story.0.join("draft.md"));
    s.open(&draft, &draft_text(), 1);
    let bad = [
        (
            "textDocument/hover",
            json!({"textDocument": 5, "position": "start"}),
        ),
        (
            "textDocument/hover",
            json!({"textDocument": {"uri": draft}, "position": {"line": -1, "character": 0}}),
        ),
        (
            "textDocument/hover",
            json!({"textDocument": {"uri": draft}, "position": {"line": 1.5, "character": 0}}),
        ),
        (
            "textDocument/hover",
            json!({"textDocument": {"uri": "not a uri at all"}, "position": {"line": 0, "character": 0}}),
        ),
        ("textDocument/definition", json!([1, 2, 3])),
        (
            "textDocument/codeAction",
            json!({"textDocument": {"uri": draft}}),
        ),
        ("textDocument/documentSymbol", Value::Null),
        ("workspace/executeCommand", json!({"command": 42})),
    ];
    for (method, params) in bad {
        let r = s.request(method, params.clone());
        assert!(
            matches!(error_code(&r), Some(INVALID_PARAMS) | Some(INVALID_REQUEST))
                || r.get("result").is_some(),
            "{method} {params}: {r}"
        );
        // Not an internal error, and not a crash.
        assert_ne!(error_code(&r), Some(-32603), "{method} {params}: {r}");
        s.still_serving(&draft);
    }
    // The commands with arguments of the wrong shape.
    for (command, args) in [
        ("sourced.showSources", json!([42])),
        (
            "sourced.showSources",
            json!([{"uri": draft, "position": {"line": "x"}}]),
        ),
        ("sourced.showSources", json!([])),
        ("sourced.ignoreFinding", json!([{"uri": 3}])),
        ("sourced.addAlias", json!(["just a string"])),
        ("sourced.reindex", json!([1, 2, 3])),
        ("sourced.noSuchCommand", json!([])),
    ] {
        let r = s.request(
            "workspace/executeCommand",
            json!({"command": command, "arguments": args}),
        );
        assert_ne!(error_code(&r), Some(-32603), "{command} {args}: {r}");
        s.still_serving(&draft);
    }
    // Notifications with bad params: nothing to answer, nothing to break.
    s.notify("textDocument/didOpen", json!({"textDocument": 7}));
    s.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": draft}, "contentChanges": "x"}),
    );
    s.notify("workspace/didChangeConfiguration", json!({"settings": {"sourced": {"debounceMs": "soon", "severity": 5, "corpus": {"paths": 3}}}}));
    s.notify("textDocument/didSave", json!(null));
    s.still_serving(&draft);
    // The document is still the one opened.
    let diags = s.diagnostics(&draft, 1, Duration::from_secs(30));
    assert!(!diags.is_empty(), "the fixture draft has findings");
    s.shutdown();
}

#[test]
fn unknown_methods() {
    let (story, mut s) = Server::on_story("unknown");
    let draft = uri_of(&story.0.join("draft.md"));
    for method in [
        "sourced/doesNotExist",
        "textDocument/teleport",
        "$/unknownRequest",
        "",
    ] {
        let r = s.request(method, json!({}));
        assert_eq!(error_code(&r), Some(METHOD_NOT_FOUND), "{method:?}: {r}");
    }
    // Unknown notifications are ignored, with or without the $/ prefix.
    s.notify("$/unknownNotification", json!({}));
    s.notify("custom/thing", json!([1]));
    s.notify("$/cancelRequest", json!({"id": 123456}));
    s.notify("$/setTrace", json!({"value": "verbose"}));
    s.still_serving(&draft);
    // Responses to requests the server never sent.
    s.send(&json!({"jsonrpc": "2.0", "id": 99999, "result": {"x": 1}}));
    s.send(&json!({"jsonrpc": "2.0", "id": "abc", "error": {"code": 1, "message": "?"}}));
    s.still_serving(&draft);
    s.shutdown();
}

#[test]
fn requests_before_initialize_and_after_shutdown() {
    let story = story("lifecycle");
    let mut s = Server::start(&story.0);
    let draft = uri_of(&story.0.join("draft.md"));
    let r = s.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": draft}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(error_code(&r), Some(SERVER_NOT_INITIALIZED), "{r}");
    // Notifications before initialize are dropped.
    s.open(&draft, "\"A quote opened too early,\" she said.\n", 1);
    let r = s.request("shutdown", Value::Null);
    assert_eq!(error_code(&r), Some(SERVER_NOT_INITIALIZED), "{r}");

    s.initialize(&story.0);
    // A second initialize is refused.
    let again = s.request(
        "initialize",
        json!({"processId": null, "rootUri": uri_of(&story.0), "capabilities": {}}),
    );
    assert!(
        error_code(&again).is_some(),
        "a second initialize must fail: {again}"
    );
    s.still_serving(&draft);

    // The document opened too early was dropped: opening it now works normally.
    s.open(&draft, &draft_text(), 2);
    let diags = s.diagnostics(&draft, 2, Duration::from_secs(30));
    assert!(!diags.is_empty());

    let r = s.request("shutdown", Value::Null);
    assert!(r.get("error").is_none(), "{r}");
    let r = s.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": draft}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(error_code(&r), Some(INVALID_REQUEST), "after shutdown: {r}");
    s.notify("exit", Value::Null);
    s.close_input();
    let status = s.client.wait_exit(Duration::from_secs(10));
    let status = status.expect("no exit after exit");
    assert!(status.success(), "{status}");
}

#[test]
fn exit_without_shutdown_is_an_error_exit() {
    let (_story, mut s) = Server::on_story("exit");
    s.notify("exit", Value::Null);
    let status = s.client.wait_exit(Duration::from_secs(10));
    let status = status.expect("no exit after exit");
    assert_eq!(
        status.code(),
        Some(1),
        "LSP: exit without shutdown exits with 1"
    );
}

#[test]
fn stdin_closing_ends_the_server() {
    let (_story, mut s) = Server::on_story("eof");
    s.close_input();
    assert!(
        s.client.wait_exit(Duration::from_secs(10)).is_some(),
        "the server outlives its client"
    );
}

/// A hover request framed with `line_end` ending its header lines.
fn hover_framed(draft: &str, id: i64, line_end: &str) -> Vec<u8> {
    let body = json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/hover",
        "params": {"textDocument": {"uri": draft}, "position": {"line": 0, "character": 0}}});
    let body = serde_json::to_vec(&body).unwrap();
    let mut out = format!("Content-Length: {}{line_end}{line_end}", body.len()).into_bytes();
    out.extend(body);
    out
}

#[test]
fn a_content_length_over_the_limit_is_answered_and_the_next_requests_served() {
    let (story, mut s) = Server::on_story("over-limit");
    let draft = uri_of(&story.0.join("draft.md"));
    s.open(&draft, &draft_text(), 1);
    s.diagnostics(&draft, 1, Duration::from_secs(60));
    // A header that claims 1 GB (over the 64 MiB limit) before a short body, then two
    // ordinary requests: the lie must not swallow them.
    let mut bytes = b"Content-Length: 1000000000\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":900,\"method\":\"shutdown\"}".to_vec();
    bytes.extend(hover_framed(&draft, 901, "\r\n"));
    bytes.extend(hover_framed(&draft, 902, "\r\n"));
    s.send_raw(&bytes);
    for id in [901, 902] {
        let r = s.response(id, Duration::from_secs(30));
        assert!(r.get("result").is_some(), "request {id}: {r}");
    }
    let rejected = s.wait_for(Duration::from_secs(10), |m| {
        error_code(m) == Some(INVALID_REQUEST)
            && m["error"]["message"]
                .as_str()
                .is_some_and(|t| t.contains("over the limit"))
    });
    assert!(rejected.is_some(), "the oversized message was not answered");
    s.still_serving(&draft);
    s.shutdown();
}

#[test]
fn headers_ending_in_bare_line_feeds_lose_no_request() {
    let (story, mut s) = Server::on_story("lf-headers");
    let draft = uri_of(&story.0.join("draft.md"));
    s.open(&draft, &draft_text(), 1);
    s.diagnostics(&draft, 1, Duration::from_secs(60));
    // One request framed with LF only, then one framed as the protocol says.
    let mut bytes = hover_framed(&draft, 911, "\n");
    bytes.extend(hover_framed(&draft, 912, "\r\n"));
    s.send_raw(&bytes);
    for id in [911, 912] {
        let r = s.response(id, Duration::from_secs(30));
        assert!(r.get("result").is_some(), "request {id}: {r}");
    }
    s.shutdown();
}

#[test]
fn a_lone_surrogate_escape_gets_an_error_with_the_request_id() {
    let (story, mut s) = Server::on_story("surrogate");
    let draft = uri_of(&story.0.join("draft.md"));
    s.open(&draft, &draft_text(), 1);
    let body = format!(
        r#"{{"jsonrpc":"2.0","id":921,"method":"workspace/executeCommand","params":{{"command":"sourced.addAlias","arguments":[{{"uri":"{draft}","alias":"Mizin\ud800tsev","canonical":"Mizintsev"}}]}}}}"#
    );
    s.send_raw(&frame(body.as_bytes()));
    let r = s.response(921, Duration::from_secs(30));
    assert_eq!(error_code(&r), Some(PARSE_ERROR), "{r}");
    // Nothing was written for it, and the server goes on.
    assert!(!story.0.join("sourced.toml").exists());
    s.still_serving(&draft);
    s.shutdown();
}
