//! The real `sourced lsp` binary given documents and positions that make no sense:
//! positions past the end, changes to documents never opened, versions out of order.
//! It must neither crash nor publish a diagnostic outside the text.

use std::time::Duration;

use serde_json::{json, Value};

use crate::common;

use common::server::*;

#[test]
fn positions_past_the_end() {
    let (story, mut s) = Server::on_story("positions");
    let draft = uri_of(&story.0.join("draft.md"));
    let text = draft_text();
    s.open(&draft, &text, 1);
    let positions = [
        (0, 100_000),
        (100_000, 0),
        (u32::MAX as u64, u32::MAX as u64),
        (4, 10_000),
        (text.lines().count() as u64, 0),
    ];
    for (line, character) in positions {
        let pos = json!({"line": line, "character": character});
        for (method, params) in [
            (
                "textDocument/hover",
                json!({"textDocument": {"uri": draft}, "position": pos}),
            ),
            (
                "textDocument/definition",
                json!({"textDocument": {"uri": draft}, "position": pos}),
            ),
            (
                "textDocument/references",
                json!({"textDocument": {"uri": draft}, "position": pos, "context": {"includeDeclaration": true}}),
            ),
            (
                "textDocument/codeAction",
                json!({"textDocument": {"uri": draft}, "range": {"start": pos, "end": pos}, "context": {"diagnostics": []}}),
            ),
            (
                "textDocument/codeAction",
                json!({"textDocument": {"uri": draft}, "range": {"start": pos, "end": {"line": 0, "character": 0}}, "context": {"diagnostics": []}}),
            ),
            (
                "textDocument/inlayHint",
                json!({"textDocument": {"uri": draft}, "range": {"start": {"line": 0, "character": 0}, "end": pos}}),
            ),
            (
                "workspace/executeCommand",
                json!({"command": "sourced.showSources", "arguments": [{"uri": draft, "position": pos}]}),
            ),
        ] {
            let r = s.request(method, params);
            assert!(
                r.get("result").is_some() || matches!(error_code(&r), Some(METHOD_NOT_FOUND)),
                "{method} at {pos}: {r}"
            );
        }
    }
    // An edit whose range runs past the end is clamped to the end: it appends.
    s.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": draft, "version": 2}, "contentChanges": [
            {"range": {"start": {"line": 9999, "character": 9999}, "end": {"line": 99999, "character": 0}}, "text": "\nThe end."}
        ]}),
    );
    let after = s.diagnostics(&draft, 2, Duration::from_secs(30));
    let expected = fresh_diagnostics(&mut s, &story.0, "copy.md", &format!("{text}\nThe end."));
    assert_eq!(seen(&after), seen(&expected));
    s.still_serving(&draft);
    s.shutdown();
}

#[test]
fn changes_to_documents_never_opened_or_closed() {
    let (story, mut s) = Server::on_story("unopened");
    let ghost = uri_of(&story.0.join("ghost.md"));
    s.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": ghost, "version": 3}, "contentChanges": [
            {"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "boo"}
        ]}),
    );
    s.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": ghost}}),
    );
    s.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": ghost}}),
    );
    s.still_serving(&ghost);
    for method in ["textDocument/hover", "textDocument/definition"] {
        let r = s.request(
            method,
            json!({"textDocument": {"uri": ghost}, "position": {"line": 0, "character": 0}}),
        );
        assert!(
            r.get("result").is_some(),
            "{method} on a document never opened: {r}"
        );
    }
    // Opening it afterwards starts from the text given, not from the stray change.
    let text = draft_text();
    s.open(&ghost, &text, 1);
    let diags = s.diagnostics(&ghost, 1, Duration::from_secs(30));
    let expected = fresh_diagnostics(&mut s, &story.0, "copy.md", &text);
    assert_eq!(seen(&diags), seen(&expected));
    // Closed documents lose their diagnostics, and changes after close are ignored.
    s.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": ghost}}),
    );
    let cleared = s
        .wait_for(Duration::from_secs(10), |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == json!(ghost)
                && m["params"]["diagnostics"] == json!([])
        })
        .is_some()
        || s.published()
            .iter()
            .rev()
            .find(|p| p["uri"] == json!(ghost))
            .is_some_and(|p| p["diagnostics"] == json!([]));
    assert!(cleared, "diagnostics of a closed document are not cleared");
    s.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": ghost, "version": 9}, "contentChanges": [{"text": "x"}]}),
    );
    s.still_serving(&ghost);
    s.shutdown();
}

#[test]
fn versions_out_of_order() {
    let (story, mut s) = Server::on_story("versions");
    let draft = uri_of(&story.0.join("draft.md"));
    let text = draft_text();
    s.open(&draft, &text, 10);
    s.diagnostics(&draft, 10, Duration::from_secs(30));
    // Versions going backwards, repeating, and jumping: applied in the order they come.
    let mut model = text.clone();
    for (version, insert) in [
        (5, "A"),
        (5, "B"),
        (3, "C"),
        (1_000_000, "D"),
        (i32::MAX as i64, "E"),
        (-7, "F"),
    ] {
        s.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": draft, "version": version}, "contentChanges": [
                {"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": insert}
            ]}),
        );
        model.insert_str(0, insert);
    }
    s.still_serving(&draft);
    // The last change wins, whatever its number.
    let diags = s.diagnostics(&draft, -7, Duration::from_secs(30));
    let expected = fresh_diagnostics(&mut s, &story.0, "copy.md", &model);
    assert_eq!(seen(&diags), seen(&expected));
    s.shutdown();
}

/// An archived source that an editor opens with the server attached (a `sourced://`
/// document) is a source, not a draft: it gets no findings, even when its text would
/// give some as a draft.
#[test]
fn archived_documents_are_never_checked_as_drafts() {
    let (story, mut s) = Server::on_story("archived-doc");
    let archived = "sourced://archive/1/afp-0720.txt";
    let draft = uri_of(&story.0.join("draft.md"));
    let text = draft_text();
    s.open(archived, &text, 1);
    s.open(&draft, &text, 1);
    let diags = s.diagnostics(&draft, 1, Duration::from_secs(30));
    assert_eq!(
        crate::common::problems(&diags),
        crate::common::expected_findings()
    );
    s.drain(Duration::from_secs(1));
    let on_archived: Vec<Value> = s
        .published()
        .into_iter()
        .filter(|p| p["uri"] == json!(archived))
        .collect();
    assert_eq!(on_archived, Vec::<Value>::new());
    s.still_serving(&draft);
    s.shutdown();
}
