//! What the robustness tests (tests/robust_*.rs) ask of a server beyond the plain
//! [`Client`]: whole response objects (errors included), waits with their own limits,
//! every diagnostics publication kept, "is it still serving?", and its memory.

use std::path::Path;
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use super::{file_uri, Client, TempDir};

pub const PARSE_ERROR: i64 = -32700;
pub const INVALID_REQUEST: i64 = -32600;
pub const METHOD_NOT_FOUND: i64 = -32601;
pub const INVALID_PARAMS: i64 = -32602;
pub const SERVER_NOT_INITIALIZED: i64 = -32002;

/// A story folder: the syria fixture's sources and draft.
pub fn story(tag: &str) -> TempDir {
    let tmp = TempDir::new(tag);
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/syria-refugees");
    std::fs::create_dir_all(tmp.0.join("sources")).unwrap();
    for entry in std::fs::read_dir(fixture.join("sources")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), tmp.0.join("sources").join(entry.file_name())).unwrap();
    }
    std::fs::copy(fixture.join("draft.md"), tmp.0.join("draft.md")).unwrap();
    tmp
}

pub fn draft_text() -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/syria-refugees/draft.md"),
    )
    .unwrap()
}

pub fn uri_of(path: &Path) -> String {
    file_uri(path)
}

/// `body` with its Content-Length header.
pub fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

pub fn error_code(r: &Value) -> Option<i64> {
    r.get("error")
        .and_then(|e| e.get("code"))
        .and_then(Value::as_i64)
}

pub struct Server {
    pub client: Client,
}

impl Server {
    /// A fresh copy of the syria story (see [`story`]) and an initialized server on it.
    pub fn on_story(tag: &str) -> (TempDir, Server) {
        let story = story(tag);
        let mut s = Server::start(&story.0);
        s.initialize(&story.0);
        (story, s)
    }

    /// `sourced lsp` started in `cwd`.
    pub fn start(cwd: &Path) -> Server {
        Server {
            client: Client::start_in(cwd),
        }
    }

    /// `sourced lsp` started in `cwd` with more environment variables.
    pub fn start_with_env(cwd: &Path, env: &[(&str, &str)]) -> Server {
        Server {
            client: Client::start_in_with_env(cwd, env),
        }
    }

    pub fn pid(&self) -> u32 {
        self.client.pid()
    }

    pub fn log(&self) -> String {
        self.client.stderr_text()
    }

    pub fn send_raw(&mut self, bytes: &[u8]) {
        self.client.send_raw(bytes);
    }

    pub fn send(&mut self, msg: &Value) {
        self.client.send(msg);
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.client.notify(method, params);
    }

    /// Send a request; returns its id.
    pub fn request_async(&mut self, method: &str, params: Value) -> i64 {
        self.client.send_request(method, params)
    }

    /// Send a request and wait for its response (the whole response object).
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.request_async(method, params);
        self.response(id, Duration::from_secs(30))
    }

    pub fn response(&mut self, id: i64, limit: Duration) -> Value {
        self.client.response_within(id, limit)
    }

    /// The next message matching `pred`, answering the server's own requests on the
    /// way; others are kept for later waits. Fails the test if the server closed its
    /// output.
    pub fn wait_for(&mut self, limit: Duration, pred: impl Fn(&Value) -> bool) -> Option<Value> {
        let found = self.client.wait_for(limit, pred);
        if found.is_none() {
            // Closed output, or a timeout: tell them apart by whether it is still running.
            thread::sleep(Duration::from_millis(50));
            if let Some(status) = self.client.exited() {
                panic!(
                    "the server exited (status {status}); its log:\n{}",
                    self.log()
                );
            }
        }
        found
    }

    /// Take in everything the server sends for `d`.
    pub fn drain(&mut self, d: Duration) {
        let _ = self.wait_for(d, |_| false);
    }

    /// Every publishDiagnostics received so far (their params), oldest first.
    pub fn published(&self) -> Vec<Value> {
        self.client
            .log
            .iter()
            .filter(|m| m["method"] == "textDocument/publishDiagnostics")
            .map(|m| m["params"].clone())
            .collect()
    }

    pub fn initialize(&mut self, root: &Path) -> Value {
        self.client.initialize(
            root,
            json!({"general": {"positionEncodings": ["utf-16"]},
                   "textDocument": {"publishDiagnostics": {"versionSupport": true}}}),
            json!({"debounceMs": 20}),
        )
    }

    pub fn open(&mut self, uri: &str, text: &str, version: i64) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": version, "text": text}}),
        );
    }

    /// The diagnostics of `uri` once the server published them for `version` (the
    /// last such publication, already received or to come).
    pub fn diagnostics(&mut self, uri: &str, version: i64, limit: Duration) -> Vec<Value> {
        let matches = |p: &Value| p["uri"] == uri && p["version"] == version;
        if let Some(p) = self.published().iter().rev().find(|p| matches(p)) {
            return p["diagnostics"].as_array().cloned().unwrap_or_default();
        }
        let m = self
            .wait_for(limit, |m| {
                m["method"] == "textDocument/publishDiagnostics" && matches(&m["params"])
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

    /// A harmless request the server must always answer: hover somewhere. A hover waits
    /// for the check of the revision it is on, which for a 5 MB one-line draft takes
    /// 20-30 s in a debug build on a loaded machine: hence the generous limit.
    pub fn still_serving(&mut self, uri: &str) {
        let started = Instant::now();
        let id = self.request_async(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}),
        );
        let r = self.response(id, Duration::from_secs(90));
        assert!(
            r.get("result").is_some() || r.get("error").is_some(),
            "odd hover response {r}"
        );
        assert!(
            self.client.exited().is_none(),
            "the server exited; log:\n{}",
            self.log()
        );
        eprintln!("  still serving: hover answered in {:?}", started.elapsed());
    }

    /// VmRSS and VmHWM of the server, in kB.
    pub fn memory_kb(&self) -> (u64, u64) {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid())).unwrap();
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

    /// Stop sending: the server sees its input end.
    pub fn close_input(&mut self) {
        self.client.close_stdin();
    }

    /// shutdown, exit, and a successful exit within 10 s.
    pub fn shutdown(mut self) {
        let r = self.request("shutdown", Value::Null);
        assert!(r.get("error").is_none(), "shutdown failed: {r}");
        self.notify("exit", Value::Null);
        self.close_input();
        match self.client.wait_exit(Duration::from_secs(10)) {
            Some(status) => assert!(status.success(), "exit status {status} after shutdown/exit"),
            None => panic!("the server did not exit after shutdown/exit"),
        }
    }
}

/// What a user sees of a diagnostic: range, code, severity and message, in a stable order.
pub fn seen(diags: &[Value]) -> Vec<(Value, Value, Value, Value)> {
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
pub fn fresh_diagnostics(s: &mut Server, dir: &Path, name: &str, text: &str) -> Vec<Value> {
    let uri = uri_of(&dir.join(name));
    s.open(&uri, text, 1);
    let d = s.diagnostics(&uri, 1, Duration::from_secs(60));
    s.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    d
}

pub fn utf16_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

/// Every diagnostic range lies inside `text` (UTF-16 positions).
pub fn assert_ranges_inside(text: &str, diags: &[Value]) {
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
