//! The real `sourced lsp` binary under attack over stdio: malformed and oversized
//! messages, wrong parameters, protocol misuse, bursts of edits, hostile drafts and bad
//! corpus files. After each attack the server must still answer a normal request; the
//! errors it sends must be the ones the LSP and JSON-RPC specifications name.

use std::collections::VecDeque;
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

mod common;

const PARSE_ERROR: i64 = -32700;
const INVALID_REQUEST: i64 = -32600;
const METHOD_NOT_FOUND: i64 = -32601;
const INVALID_PARAMS: i64 = -32602;
const SERVER_NOT_INITIALIZED: i64 = -32002;

// ---------------------------------------------------------------------------------------
// A minimal LSP client.

use common::TempDir;

/// A story folder: the syria fixture's sources and draft.
fn story(tag: &str) -> TempDir {
    let tmp = TempDir::new(tag);
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/syria-refugees");
    fs::create_dir_all(tmp.0.join("sources")).unwrap();
    for entry in fs::read_dir(fixture.join("sources")).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), tmp.0.join("sources").join(entry.file_name())).unwrap();
    }
    fs::copy(fixture.join("draft.md"), tmp.0.join("draft.md")).unwrap();
    tmp
}

fn draft_text() -> String {
    fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/syria-refugees/draft.md"),
    )
    .unwrap()
}

fn uri_of(path: &Path) -> String {
    format!("file://{}", path.display())
}

fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

struct Server {
    child: Child,
    stdin: Option<ChildStdin>,
    rx: Receiver<Value>,
    /// Messages received but not yet consumed by a wait.
    inbox: VecDeque<Value>,
    next_id: i64,
    stderr: Arc<Mutex<String>>,
    /// Every publishDiagnostics seen, in order.
    published: Vec<Value>,
}

impl Server {
    fn start(cwd: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_sourced"))
            .arg("lsp")
            .current_dir(cwd)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start sourced lsp");
        let stdin = child.stdin.take();
        let stdout = child.stdout.take().unwrap();
        let stderr = child.stderr.take().unwrap();
        let (tx, rx) = mpsc::channel();
        thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            loop {
                let mut len = None;
                loop {
                    let mut line = String::new();
                    match r.read_line(&mut line) {
                        Ok(0) | Err(_) => return,
                        Ok(_) => {}
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length:") {
                        len = v.trim().parse::<usize>().ok();
                    }
                }
                let Some(len) = len else { return };
                let mut body = vec![0; len];
                if r.read_exact(&mut body).is_err() {
                    return;
                }
                let v: Value = serde_json::from_slice(&body).expect("the server sent bad JSON");
                if tx.send(v).is_err() {
                    return;
                }
            }
        });
        let log = Arc::new(Mutex::new(String::new()));
        let sink = log.clone();
        thread::spawn(move || {
            let mut r = BufReader::new(stderr);
            let mut line = String::new();
            while matches!(r.read_line(&mut line), Ok(n) if n > 0) {
                let mut s = sink.lock().unwrap();
                s.push_str(&line);
                if s.len() > 64 * 1024 {
                    let cut = s.len() - 32 * 1024;
                    let cut = (cut..s.len()).find(|&i| s.is_char_boundary(i)).unwrap_or(0);
                    s.drain(..cut);
                }
                line.clear();
            }
        });
        Server {
            child,
            stdin,
            rx,
            inbox: VecDeque::new(),
            next_id: 1000,
            stderr: log,
            published: Vec::new(),
        }
    }

    fn pid(&self) -> u32 {
        self.child.id()
    }

    fn log(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        if let Err(e) = stdin.write_all(bytes).and_then(|_| stdin.flush()) {
            panic!("the server stopped reading ({e}); its log:\n{}", self.log());
        }
    }

    fn send(&mut self, msg: &Value) {
        let body = serde_json::to_vec(msg).unwrap();
        self.send_raw(&frame(&body));
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Send a request; returns its id.
    fn request_async(&mut self, method: &str, params: Value) -> i64 {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    /// Send a request and wait for its response (the whole response object).
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.request_async(method, params);
        self.response(id, Duration::from_secs(30))
    }

    fn response(&mut self, id: i64, limit: Duration) -> Value {
        let id = json!(id);
        self.wait_for(limit, |m| {
            m.get("id") == Some(&id) && m.get("method").is_none()
        })
        .unwrap_or_else(|| panic!("no response to request {id} within {limit:?}"))
    }

    /// The next message matching `pred`, answering the server's own requests on the
    /// way; others are kept for later waits.
    fn wait_for(&mut self, limit: Duration, pred: impl Fn(&Value) -> bool) -> Option<Value> {
        if let Some(i) = self.inbox.iter().position(&pred) {
            return self.inbox.remove(i);
        }
        let deadline = Instant::now() + limit;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(m) => {
                    self.observe(&m);
                    if pred(&m) {
                        return Some(m);
                    }
                    self.inbox.push_back(m);
                }
                Err(RecvTimeoutError::Timeout) => return None,
                Err(RecvTimeoutError::Disconnected) => {
                    let status = self.child.try_wait().ok().flatten();
                    panic!(
                        "the server closed its output (exit status {status:?}); its log:\n{}",
                        self.log()
                    );
                }
            }
        }
    }

    fn observe(&mut self, m: &Value) {
        if m.get("method").is_some() && m.get("id").is_some() {
            // A request from the server (registerCapability, workDoneProgress/create,
            // workspace/configuration...): answer as a plain client would.
            let result = if m["method"] == "workspace/configuration" {
                let n = m["params"]["items"].as_array().map_or(0, |a| a.len());
                Value::Array(vec![Value::Null; n])
            } else {
                Value::Null
            };
            let reply = json!({"jsonrpc": "2.0", "id": m["id"], "result": result});
            self.send(&reply);
        }
        if m["method"] == "textDocument/publishDiagnostics" {
            self.published.push(m["params"].clone());
        }
    }

    /// Take in everything the server sends for `d`.
    fn drain(&mut self, d: Duration) {
        let _ = self.wait_for(d, |_| false);
    }

    fn initialize_with(&mut self, root: &Path, capabilities: Value, options: Value) -> Value {
        let r = self.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": uri_of(root),
                "workspaceFolders": [{"uri": uri_of(root), "name": "story"}],
                "capabilities": capabilities,
                "initializationOptions": options,
            }),
        );
        assert!(r.get("result").is_some(), "initialize failed: {r}");
        self.notify("initialized", json!({}));
        r
    }

    fn initialize(&mut self, root: &Path) -> Value {
        self.initialize_with(
            root,
            json!({"general": {"positionEncodings": ["utf-16"]},
                   "textDocument": {"publishDiagnostics": {"versionSupport": true}}}),
            json!({"debounceMs": 20}),
        )
    }

    fn open(&mut self, uri: &str, text: &str, version: i64) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": version, "text": text}}),
        );
    }

    /// The diagnostics of `uri` once the server published them for `version`.
    fn diagnostics(&mut self, uri: &str, version: i64, limit: Duration) -> Vec<Value> {
        let matches = |p: &Value| p["uri"] == uri && p["version"] == version;
        if let Some(p) = self.published.iter().rev().find(|p| matches(p)) {
            return p["diagnostics"].as_array().cloned().unwrap_or_default();
        }
        let uri_v = json!(uri);
        let version_v = json!(version);
        let m = self
            .wait_for(limit, |m| {
                m["method"] == "textDocument/publishDiagnostics"
                    && m["params"]["uri"] == uri_v
                    && m["params"]["version"] == version_v
            })
            .unwrap_or_else(|| {
                panic!(
                    "no diagnostics for {uri} version {version} within {limit:?}; log:\n{}",
                    self.log()
                )
            });
        m["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// A harmless request the server must always answer: hover somewhere.
    fn still_serving(&mut self, uri: &str) {
        let started = Instant::now();
        let r = self.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}),
        );
        assert!(
            r.get("result").is_some() || r.get("error").is_some(),
            "odd hover response {r}"
        );
        assert!(
            self.child.try_wait().unwrap().is_none(),
            "the server exited; log:\n{}",
            self.log()
        );
        eprintln!("  still serving: hover answered in {:?}", started.elapsed());
    }

    /// VmRSS and VmHWM of the server, in kB.
    fn memory_kb(&self) -> (u64, u64) {
        let status = fs::read_to_string(format!("/proc/{}/status", self.pid())).unwrap();
        let field = |name: &str| {
            status
                .lines()
                .find(|l| l.starts_with(name))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
                .unwrap_or(0)
        };
        (field("VmRSS:"), field("VmHWM:"))
    }

    fn shutdown(mut self) {
        let r = self.request("shutdown", Value::Null);
        assert!(r.get("error").is_none(), "shutdown failed: {r}");
        self.notify("exit", Value::Null);
        drop(self.stdin.take());
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                assert!(status.success(), "exit status {status} after shutdown/exit");
                return;
            }
            thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        panic!("the server did not exit after shutdown/exit");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn error_code(r: &Value) -> Option<i64> {
    r.get("error")
        .and_then(|e| e.get("code"))
        .and_then(Value::as_i64)
}

// ---------------------------------------------------------------------------------------
// Protocol attacks.

#[test]
fn malformed_messages_get_json_rpc_errors_and_the_server_goes_on() {
    let story = story("malformed");
    let mut s = Server::start(&story.0);
    s.initialize(&story.0);
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
    let story = story("params");
    let mut s = Server::start(&story.0);
    s.initialize(&story.0);
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
    let story = story("unknown");
    let mut s = Server::start(&story.0);
    s.initialize(&story.0);
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
    drop(s.stdin.take());
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(status) = s.child.try_wait().unwrap() {
            assert!(status.success(), "{status}");
            break;
        }
        assert!(Instant::now() < deadline, "no exit after exit");
        thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn exit_without_shutdown_is_an_error_exit() {
    let story = story("exit");
    let mut s = Server::start(&story.0);
    s.initialize(&story.0);
    s.notify("exit", Value::Null);
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(status) = s.child.try_wait().unwrap() {
            assert_eq!(
                status.code(),
                Some(1),
                "LSP: exit without shutdown exits with 1"
            );
            break;
        }
        assert!(Instant::now() < deadline, "no exit after exit");
        thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn stdin_closing_ends_the_server() {
    let story = story("eof");
    let mut s = Server::start(&story.0);
    s.initialize(&story.0);
    drop(s.stdin.take());
    let deadline = Instant::now() + Duration::from_secs(10);
    while s.child.try_wait().unwrap().is_none() {
        assert!(Instant::now() < deadline, "the server outlives its client");
        thread::sleep(Duration::from_millis(20));
    }
}

// ---------------------------------------------------------------------------------------
// Documents and positions.

/// What a user sees of a diagnostic.
fn seen(diags: &[Value]) -> Vec<(Value, Value, Value, Value)> {
    let mut v: Vec<_> = diags
        .iter()
        .map(|d| {
            (
                d["range"].clone(),
                d["code"].clone(),
                d["severity"].clone(),
                d["message"].clone(),
            )
        })
        .collect();
    v.sort_by_key(|t| format!("{t:?}"));
    v
}

/// The diagnostics a fresh document with `text` gets, opened at `name` in the same story.
fn fresh_diagnostics(s: &mut Server, dir: &Path, name: &str, text: &str) -> Vec<Value> {
    let uri = uri_of(&dir.join(name));
    s.open(&uri, text, 1);
    let d = s.diagnostics(&uri, 1, Duration::from_secs(60));
    s.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    d
}

fn utf16_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

/// Every diagnostic range lies inside `text` (UTF-16 positions).
fn assert_ranges_inside(text: &str, diags: &[Value]) {
    // Each line's length once (per diagnostic, a 5 MB line took minutes in debug).
    let lines: Vec<usize> = text
        .split('\n')
        .map(|l| utf16_len(l.trim_end_matches('\r')))
        .collect();
    for d in diags {
        for end in ["start", "end"] {
            let line = d["range"][end]["line"].as_u64().unwrap() as usize;
            let ch = d["range"][end]["character"].as_u64().unwrap() as usize;
            assert!(line < lines.len(), "diagnostic past the last line: {d}");
            assert!(
                ch <= lines[line],
                "diagnostic past the end of its line: {d}"
            );
        }
    }
}

#[test]
fn positions_past_the_end() {
    let story = story("positions");
    let mut s = Server::start(&story.0);
    s.initialize(&story.0);
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
    let story = story("unopened");
    let mut s = Server::start(&story.0);
    s.initialize(&story.0);
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
        || s.published
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
    let story = story("versions");
    let mut s = Server::start(&story.0);
    s.initialize(&story.0);
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

// ---------------------------------------------------------------------------------------
// Load.

#[test]
fn a_burst_of_ten_thousand_changes() {
    let story = story("burst");
    let mut s = Server::start(&story.0);
    s.initialize(&story.0);
    let draft = uri_of(&story.0.join("draft.md"));
    let text = draft_text();
    s.open(&draft, &text, 1);
    s.diagnostics(&draft, 1, Duration::from_secs(60));
    let (rss_before, _) = s.memory_kb();

    // Type a new paragraph at the end, character by character, in UTF-16 positions, with
    // a typo corrected now and then: 10,000 notifications, written with no pause.
    let typed = "\u{201c}We will not pay for reconstruction while Assad stays in power,\u{201d} Pompeo added. \
                 R\u{e9}fugi\u{e9}s \u{1f600} \u{ab}retour\u{bb}. ";
    let mut model = text.clone();
    let last_line = model.split('\n').count() as u32 - 1;
    let mut col: u32 = utf16_len(model.rsplit('\n').next().unwrap()) as u32;
    let mut burst = Vec::new();
    let mut version = 1;
    let chars: Vec<char> = typed.chars().collect();
    let mut i = 0;
    while version < 10_001 {
        version += 1;
        let change = if version % 7 == 0 && col > 0 && model.ends_with(|c: char| c != '\n') {
            // Backspace.
            let c = model.pop().unwrap();
            let w = c.len_utf16() as u32;
            col -= w;
            json!({"range": {"start": {"line": last_line, "character": col}, "end": {"line": last_line, "character": col + w}}, "text": ""})
        } else {
            let c = chars[i % chars.len()];
            i += 1;
            model.push(c);
            let at = col;
            col += c.len_utf16() as u32;
            json!({"range": {"start": {"line": last_line, "character": at}, "end": {"line": last_line, "character": at}}, "text": c.to_string()})
        };
        let msg = json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": draft, "version": version}, "contentChanges": [change]}});
        burst.extend(frame(&serde_json::to_vec(&msg).unwrap()));
    }
    let final_version = version;
    eprintln!(
        "burst: {} notifications, {} bytes",
        final_version - 1,
        burst.len()
    );

    // Watch memory while the burst goes in.
    let pid = s.pid();
    let sampling = Arc::new(std::sync::atomic::AtomicBool::new(true));
    let sampler = {
        let sampling = sampling.clone();
        thread::spawn(move || {
            let mut peak = 0u64;
            while sampling.load(std::sync::atomic::Ordering::Relaxed) {
                if let Ok(st) = fs::read_to_string(format!("/proc/{pid}/status")) {
                    if let Some(kb) = st
                        .lines()
                        .find(|l| l.starts_with("VmRSS:"))
                        .and_then(|l| l.split_whitespace().nth(1))
                        .and_then(|v| v.parse::<u64>().ok())
                    {
                        peak = peak.max(kb);
                    }
                }
                thread::sleep(Duration::from_millis(5));
            }
            peak
        })
    };
    let started = Instant::now();
    s.send_raw(&burst);
    let written = started.elapsed();
    // A request right after the burst: answered within a second of the burst's end.
    let id = s.request_async(
        "textDocument/hover",
        json!({"textDocument": {"uri": draft}, "position": {"line": 2, "character": 3}}),
    );
    let after_burst = Instant::now();
    s.response(id, Duration::from_secs(30));
    let latency = after_burst.elapsed();
    let diags = s.diagnostics(&draft, final_version, Duration::from_secs(60));
    let settled = started.elapsed();
    sampling.store(false, std::sync::atomic::Ordering::Relaxed);
    let peak_rss = sampler.join().unwrap();
    let (rss_after, hwm) = s.memory_kb();
    eprintln!(
        "burst written in {written:?}; hover after it answered in {latency:?}; final diagnostics after {settled:?}; \
         RSS before {rss_before} kB, peak {peak_rss} kB, after {rss_after} kB, VmHWM {hwm} kB"
    );
    assert!(
        latency < Duration::from_secs(1),
        "a request after the burst waited {latency:?}"
    );
    assert!(
        peak_rss.saturating_sub(rss_before) < 100 * 1024,
        "memory grew by {} kB during the burst",
        peak_rss.saturating_sub(rss_before)
    );

    // The final diagnostics are those of the final text, and nothing older comes after.
    assert_ranges_inside(&model, &diags);
    s.drain(Duration::from_millis(500));
    let last = s
        .published
        .iter()
        .rev()
        .find(|p| p["uri"] == json!(draft))
        .unwrap()
        .clone();
    assert_eq!(
        last["version"],
        json!(final_version),
        "a stale result was published last"
    );
    let expected = fresh_diagnostics(&mut s, &story.0, "copy.md", &model);
    assert_eq!(seen(&diags), seen(&expected));
    let stale = s
        .published
        .iter()
        .filter(|p| p["uri"] == json!(draft))
        .count();
    eprintln!("publishDiagnostics for the draft during the burst: {stale}");
    s.shutdown();
}

#[test]
fn fifty_megabyte_messages() {
    let story = story("big");
    let mut s = Server::start(&story.0);
    s.initialize(&story.0);
    let draft = uri_of(&story.0.join("draft.md"));
    s.open(&draft, &draft_text(), 1);
    s.diagnostics(&draft, 1, Duration::from_secs(60));
    let (rss0, _) = s.memory_kb();

    // A valid 50 MB didOpen: the server takes it and keeps answering.
    let unit = draft_text();
    let big_text = unit.repeat(50 * 1024 * 1024 / unit.len() + 1);
    let big = uri_of(&story.0.join("big.md"));
    let started = Instant::now();
    s.open(&big, &big_text, 1);
    drop(big_text);
    s.still_serving(&draft);
    eprintln!(
        "50 MB didOpen: next request answered after {:?}",
        started.elapsed()
    );
    let (rss1, hwm1) = s.memory_kb();
    eprintln!("RSS before {rss0} kB, after the open {rss1} kB, VmHWM {hwm1} kB");
    s.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": big}}),
    );
    s.still_serving(&draft);

    // 50 MB that is not JSON: a parse error, and the server goes on.
    let mut junk = vec![b'{'; 1];
    junk.extend(std::iter::repeat_n(b'x', 50 * 1024 * 1024));
    s.send_raw(&frame(&junk));
    drop(junk);
    let m = s
        .wait_for(Duration::from_secs(60), |m| {
            m.get("id") == Some(&Value::Null) && m.get("error").is_some()
        })
        .expect("no error for 50 MB of junk");
    assert_eq!(error_code(&m), Some(PARSE_ERROR));
    s.still_serving(&draft);

    // A message longer than the server accepts: refused as it streams past.
    let len = 100 * 1024 * 1024;
    s.send_raw(format!("Content-Length: {len}\r\n\r\n").as_bytes());
    let chunk = vec![b' '; 1024 * 1024];
    for _ in 0..100 {
        s.send_raw(&chunk);
    }
    let m = s
        .wait_for(Duration::from_secs(60), |m| {
            m.get("id") == Some(&Value::Null) && m.get("error").is_some()
        })
        .expect("no error for a 100 MB message");
    assert_eq!(error_code(&m), Some(INVALID_REQUEST), "{m}");
    s.still_serving(&draft);
    let (_, hwm) = s.memory_kb();
    eprintln!("VmHWM after all: {hwm} kB");
    assert!(
        hwm < 2 * 1024 * 1024,
        "peak memory {hwm} kB for 50 MB messages"
    );
    s.shutdown();
}

// ---------------------------------------------------------------------------------------
// Hostile drafts through the server.

#[test]
fn hostile_drafts() {
    let story = story("hostile");
    let mut s = Server::start(&story.0);
    s.initialize(&story.0);
    let base = draft_text();
    let crlf = base.replace('\n', "\r\n");
    let cr = base.replace('\n', "\r");
    let quotes = "\"".repeat(20_000);
    let curly = "\u{201c}\u{201d}\u{201c}".repeat(5_000);
    let lone = format!("He said \"it was over.\n\n{base}");
    let line5mb = "Officials met. \"We will keep the border open,\" Karimi said. "
        .repeat(5 * 1024 * 1024 / 61);
    let control = format!(
        "\0\u{1b}[2J\u{7}{}\u{feff}\u{200b}\u{202e}",
        base.replace(' ', " \u{8}")
    );
    let rtl = format!(
        "\u{202b}قال الوزير: «سنعيد بناء المدارس».\u{202c}\nהשר אמר: \"אנחנו כאן\".\n\u{1f469}\u{200d}\u{1f469}\u{200d}\u{1f467}\n{base}"
    );
    let cases: Vec<(&str, &String)> = vec![
        ("crlf", &crlf),
        ("cr", &cr),
        ("quotes", &quotes),
        ("curly", &curly),
        ("lone", &lone),
        ("line5mb", &line5mb),
        ("control", &control),
        ("rtl", &rtl),
    ];
    let lf_diags = fresh_diagnostics(&mut s, &story.0, "lf.md", &base);
    for (name, text) in cases {
        let uri = uri_of(&story.0.join(format!("{name}.md")));
        let started = Instant::now();
        s.open(&uri, text, 1);
        s.still_serving(&uri);
        let diags = s.diagnostics(&uri, 1, Duration::from_secs(300));
        eprintln!(
            "{name}: {} diagnostics after {:?}",
            diags.len(),
            started.elapsed()
        );
        let normalized = text.replace("\r\n", "\n").replace('\r', "\n");
        assert_ranges_inside(&normalized, &diags);
        if name == "crlf" || name == "cr" {
            assert_eq!(
                seen(&diags),
                seen(&lf_diags),
                "{name} line endings change the diagnostics"
            );
        }
        s.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": uri}}),
        );
    }
    s.shutdown();
}
