//! The last line of defence, through the real binary: a handler that panics becomes an
//! `InternalError` response naming the method, the panic is logged, and the server goes
//! on serving the same document, edits included, however often it happens. Uses the
//! `sourced.debug.panic` command, served only with `SOURCED_TEST_HOOKS=1`
//! (`lsp_protocol.rs` has the single-panic case).

use crate::common;

use common::*;
use serde_json::json;

#[test]
fn a_panicking_handler_gets_an_error_response_and_the_server_goes_on() {
    let story = syria_story();
    let mut c = Client::start_with_env(&[("SOURCED_TEST_HOOKS", "1")]);
    c.initialize(story.path(), capabilities(false), json!({"debounceMs": 20}));
    let uri = c.open(&story.path().join("draft.md"), 1);
    let before = c.diagnostics(&uri, Some(1));
    assert!(!before.is_empty(), "the fixture draft has findings");

    for round in 0..3 {
        let id = c.send_request(
            "workspace/executeCommand",
            json!({"command": "sourced.debug.panic", "arguments": []}),
        );
        let r = c.response(id);
        assert_eq!(r["error"]["code"], -32603, "round {round}: {r}");
        let message = r["error"]["message"].as_str().unwrap_or("");
        assert!(
            message.contains("workspace/executeCommand")
                && message.contains("sourced.debug.panic was called"),
            "{message}"
        );
    }
    assert!(
        c.stderr
            .lock()
            .unwrap()
            .contains("panic while handling workspace/executeCommand"),
        "the panic is logged"
    );

    // Still serving: a request and an edit are handled as before.
    let r = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    assert!(r.is_array(), "{r}");
    c.change(
        &uri,
        2,
        json!([{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "Draft. "}]),
    );
    let after = c.diagnostics(&uri, Some(2));
    assert_eq!(after.len(), before.len(), "{after:?}");
    assert_eq!(c.shutdown().map(|s| s.code()), Some(Some(0)));
}
