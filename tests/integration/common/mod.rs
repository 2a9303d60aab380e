//! A small LSP client for the integration tests: it starts the real `sourced lsp`
//! binary and speaks JSON-RPC over its stdin/stdout.
#![allow(dead_code)]

pub mod server;

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

pub const TIMEOUT: Duration = Duration::from_secs(30);

pub struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    incoming: Receiver<Value>,
    next_id: i64,
    /// Messages received and not yet consumed by a wait (notifications, server requests,
    /// and responses nobody has asked for yet).
    pub seen: Vec<Value>,
    /// Every message received, in order (for assertions on what was sent once).
    pub log: Vec<Value>,
    pub stderr: Arc<Mutex<String>>,
    /// What `workspace/configuration` is answered with.
    pub configuration: Value,
}

/// One message from the server: `None` at the end of its output, `Some(Err)` when the
/// body is not JSON (a server bug the tests must see).
fn read_frame(r: &mut impl BufRead) -> Option<Result<Value, String>> {
    let mut len = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length:") {
            len = v.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0u8; len?];
    r.read_exact(&mut body).ok()?;
    Some(serde_json::from_slice(&body).map_err(|e| {
        format!(
            "{e} in {:?}",
            String::from_utf8_lossy(&body[..body.len().min(200)])
        )
    }))
}

impl Client {
    pub fn start() -> Client {
        Client::start_with_env(&[])
    }

    pub fn start_with_env(env: &[(&str, &str)]) -> Client {
        Client::start_wrapped(&[], env)
    }

    /// Start the server in folder `dir` (its current directory).
    pub fn start_in(dir: &Path) -> Client {
        Client::spawn(&[], &[], Some(dir))
    }

    /// [`Client::start_in`] with more environment variables.
    pub fn start_in_with_env(dir: &Path, env: &[(&str, &str)]) -> Client {
        Client::spawn(&[], env, Some(dir))
    }

    /// Start the server under another program (`wrapper` is that program and its
    /// arguments, before the server's path), e.g. strace.
    pub fn start_wrapped(wrapper: &[&str], env: &[(&str, &str)]) -> Client {
        Client::spawn(wrapper, env, None)
    }

    fn spawn(wrapper: &[&str], env: &[(&str, &str)], dir: Option<&Path>) -> Client {
        let mut cmd = match wrapper.split_first() {
            Some((program, args)) => {
                let mut cmd = Command::new(program);
                cmd.args(args).arg(binary());
                cmd
            }
            None => Command::new(binary()),
        };
        cmd.arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            // The index cache of the tests' stories, away from the user's own.
            .env("XDG_CACHE_HOME", cache_home());
        for (k, v) in env {
            cmd.env(k, v);
        }
        if let Some(dir) = dir {
            cmd.current_dir(dir);
        }
        let mut child = cmd.spawn().expect("start sourced lsp");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = channel();
        let stderr = Arc::new(Mutex::new(String::new()));
        let bad_json = stderr.clone();
        thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            while let Some(frame) = read_frame(&mut r) {
                match frame {
                    Ok(v) => {
                        if tx.send(v).is_err() {
                            break;
                        }
                    }
                    Err(e) => {
                        // Stop listening: the waits then fail, and show this in the log.
                        if let Ok(mut log) = bad_json.lock() {
                            log.push_str(&format!(
                                "\n[test client] the server sent bad JSON: {e}\n"
                            ));
                        }
                        break;
                    }
                }
            }
        });
        let mut err = child.stderr.take().unwrap();
        let sink = stderr.clone();
        thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = err.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let mut s = sink.lock().unwrap();
                s.push_str(&String::from_utf8_lossy(&buf[..n]));
                // Keep the last 32-64 kB: hostile inputs can make the log long.
                if s.len() > 64 * 1024 {
                    let cut = s.len() - 32 * 1024;
                    let cut = (cut..s.len()).find(|&i| s.is_char_boundary(i)).unwrap_or(0);
                    s.drain(..cut);
                }
            }
        });
        Client {
            stdin: child.stdin.take(),
            child,
            incoming: rx,
            next_id: 1,
            seen: Vec::new(),
            log: Vec::new(),
            stderr,
            configuration: Value::Null,
        }
    }

    pub fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        if let Err(e) = stdin.write_all(bytes).and_then(|_| stdin.flush()) {
            panic!(
                "the server stopped reading ({e}); its log:\n{}",
                self.stderr_text()
            );
        }
    }

    /// What the server wrote to stderr (the last 32-64 kB).
    pub fn stderr_text(&self) -> String {
        self.stderr.lock().map(|s| s.clone()).unwrap_or_default()
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The exit status if the server has exited.
    pub fn exited(&mut self) -> Option<ExitStatus> {
        self.child.try_wait().ok().flatten()
    }

    pub fn send(&mut self, msg: &Value) {
        let body = serde_json::to_vec(msg).unwrap();
        let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        out.extend(body);
        self.send_raw(&out);
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Send a request; returns its id.
    pub fn send_request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    /// Receive one message, answering server requests; `None` on timeout or exit.
    fn recv(&mut self, deadline: Instant) -> Option<Value> {
        let left = deadline.saturating_duration_since(Instant::now());
        match self.incoming.recv_timeout(left) {
            Ok(v) => {
                self.log.push(v.clone());
                if v.get("method").is_some() && v.get("id").is_some() {
                    let result = match v["method"].as_str() {
                        Some("workspace/configuration") => {
                            let n = v["params"]["items"].as_array().map_or(1, Vec::len);
                            Value::Array(vec![self.configuration.clone(); n])
                        }
                        _ => Value::Null,
                    };
                    let id = v["id"].clone();
                    self.send(&json!({"jsonrpc": "2.0", "id": id, "result": result}));
                }
                Some(v)
            }
            Err(RecvTimeoutError::Timeout) | Err(RecvTimeoutError::Disconnected) => None,
        }
    }

    /// The response to request `id` (the whole message).
    pub fn response(&mut self, id: i64) -> Value {
        self.response_within(id, TIMEOUT)
    }

    /// The response to request `id`, failing the test if it takes longer than `limit`.
    pub fn response_within(&mut self, id: i64, limit: Duration) -> Value {
        let id = json!(id);
        self.wait_for(limit, |v| v.get("method").is_none() && v["id"] == id)
            .unwrap_or_else(|| {
                panic!(
                    "no response to request {id} within {limit:?}; server stderr:\n{}",
                    self.stderr_text()
                )
            })
    }

    /// Send a request and return its `result`, failing on an error response.
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params);
        let resp = self.response(id);
        assert!(resp.get("error").is_none(), "{method} failed: {resp}");
        resp["result"].clone()
    }

    /// The first message matching `pred`, seen or to come; the others are kept for later
    /// waits. `None` after `timeout`, or when the server closed its output.
    pub fn wait_for(&mut self, timeout: Duration, pred: impl Fn(&Value) -> bool) -> Option<Value> {
        if let Some(i) = self.seen.iter().position(&pred) {
            return Some(self.seen.remove(i));
        }
        let deadline = Instant::now() + timeout;
        loop {
            let v = self.recv(deadline)?;
            if pred(&v) {
                return Some(v);
            }
            self.seen.push(v);
        }
    }

    /// The next `publishDiagnostics` for `uri` (at `version`, when given).
    pub fn diagnostics(&mut self, uri: &str, version: Option<i64>) -> Vec<Value> {
        let uri = uri.to_string();
        let found = self.wait_for(TIMEOUT, |v| {
            v["method"] == "textDocument/publishDiagnostics"
                && v["params"]["uri"] == json!(uri)
                && version.map_or(true, |ver| v["params"]["version"] == json!(ver))
        });
        match found {
            Some(v) => v["params"]["diagnostics"]
                .as_array()
                .cloned()
                .unwrap_or_default(),
            None => panic!(
                "no diagnostics for {uri} (version {version:?}); server stderr:\n{}",
                self.stderr.lock().unwrap()
            ),
        }
    }

    pub fn initialize(&mut self, root: &Path, capabilities: Value, options: Value) -> Value {
        let uri = file_uri(root);
        let result = self.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": uri,
                "workspaceFolders": [{"uri": uri, "name": "story"}],
                "capabilities": capabilities,
                "initializationOptions": options,
            }),
        );
        self.notify("initialized", json!({}));
        result
    }

    pub fn open(&mut self, path: &Path, version: i64) -> String {
        let text = std::fs::read_to_string(path).unwrap();
        self.open_text(path, &text, version)
    }

    pub fn open_text(&mut self, path: &Path, text: &str, version: i64) -> String {
        let uri = file_uri(path);
        let lang = if path.extension().is_some_and(|e| e == "md") {
            "markdown"
        } else {
            "plaintext"
        };
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": lang, "version": version, "text": text}}),
        );
        uri
    }

    pub fn change(&mut self, uri: &str, version: i64, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        );
    }

    pub fn close_stdin(&mut self) {
        self.stdin.take();
    }

    /// Wait for the process to end.
    pub fn wait_exit(&mut self, timeout: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + timeout;
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            thread::sleep(Duration::from_millis(20));
        }
        None
    }

    /// shutdown + exit; returns the exit status.
    pub fn shutdown(&mut self) -> Option<ExitStatus> {
        let r = self.request("shutdown", Value::Null);
        assert!(r.is_null());
        self.notify("exit", Value::Null);
        self.wait_exit(Duration::from_secs(10))
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn file_uri(path: &Path) -> String {
    let mut s = String::from("file://");
    for b in path.to_string_lossy().bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'.' | b'_' | b'~' => {
                s.push(b as char)
            }
            _ => s.push_str(&format!("%{b:02X}")),
        }
    }
    s
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// A private copy of the binary under test, made once per test process: a shared
/// target directory may be rebuilt from another branch while the tests run.
pub fn binary() -> PathBuf {
    static COPY: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    COPY.get_or_init(|| {
        remove_copies_of_ended_processes();
        let dir = std::env::temp_dir().join(format!("sourced-lsp-bin-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let copy = dir.join("sourced");
        std::fs::copy(env!("CARGO_BIN_EXE_sourced"), &copy).expect("copy the binary");
        copy
    })
    .clone()
}

/// The user cache folder (`XDG_CACHE_HOME`) the servers and commands the tests start
/// use: one per test process, removed with the copy of the binary, so that the tests
/// neither fill nor read the cache of the user who runs them.
pub fn cache_home() -> PathBuf {
    let dir = binary()
        .parent()
        .expect("the binary's folder")
        .join("xdg-cache");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `sourced` run in `dir` with `args`, with the tests' cache folder: (exit status,
/// stdout, stderr).
pub fn run_sourced(args: &[&str], dir: &Path) -> (i32, String, String) {
    let out = std::process::Command::new(binary())
        .args(args)
        .current_dir(dir)
        .env("XDG_CACHE_HOME", cache_home())
        .output()
        .expect("run sourced");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Remove the copies of the binary made by test processes that have ended (a process
/// cannot remove its own at exit: each copy is 100+ MB, and they filled the disk here).
fn remove_copies_of_ended_processes() {
    if !Path::new("/proc/self").exists() {
        return; // no way to tell which processes have ended
    }
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|n| n.strip_prefix("sourced-lsp-bin-"))
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        if pid != std::process::id() && !Path::new(&format!("/proc/{pid}")).exists() {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// A fresh temporary folder, removed when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> TempDir {
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let dir = std::env::temp_dir().join(format!("sourced-{tag}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir.canonicalize().unwrap())
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl std::ops::Deref for TempDir {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<Path> for TempDir {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        // Undo chmod 000 and friends (the permission tests) so the folder can go.
        let _ = std::process::Command::new("chmod")
            .args(["-R", "u+rwx"])
            .arg(&self.0)
            .status();
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A copy of the syria-refugees story (draft.md and sources/) in a temporary folder.
pub fn syria_story() -> TempDir {
    let dir = TempDir::new("syria");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/syria-refugees");
    copy_dir(&fixture, dir.path());
    dir
}

/// Client capabilities of a typical editor (UTF-16 only unless `utf8`).
pub fn capabilities(utf8: bool) -> Value {
    let encodings = if utf8 {
        json!(["utf-8", "utf-16"])
    } else {
        json!(["utf-16"])
    };
    json!({
        "general": {"positionEncodings": encodings},
        "window": {"workDoneProgress": true},
        "workspace": {
            "didChangeWatchedFiles": {"dynamicRegistration": true},
            "configuration": true,
            "workspaceFolders": true
        },
        "textDocument": {
            "publishDiagnostics": {"relatedInformation": true, "versionSupport": true},
            "hover": {"contentFormat": ["markdown", "plaintext"]}
        }
    })
}

/// `(1-based line, code)` of each diagnostic.
pub fn lines_and_codes(diags: &[Value]) -> Vec<(u64, String)> {
    let mut v: Vec<(u64, String)> = diags
        .iter()
        .map(|d| {
            (
                d["range"]["start"]["line"].as_u64().unwrap() + 1,
                d["code"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    v.sort();
    v
}

/// The 0-based line and UTF-16 column of the first occurrence of `needle` in `text`.
pub fn find_utf16(text: &str, needle: &str) -> (u32, u32) {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in text"));
    let before = &text[..at];
    let line = before.matches('\n').count() as u32;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = text[line_start..at].encode_utf16().count() as u32;
    (line, col)
}

/// Errors and warnings only, as (1-based line, code): information and hints are allowed
/// on a correct draft.
pub fn problems(diags: &[Value]) -> Vec<(u64, String)> {
    let serious: Vec<Value> = diags
        .iter()
        .filter(|d| d["severity"].as_u64().is_some_and(|s| s <= 2))
        .cloned()
        .collect();
    lines_and_codes(&serious)
}

/// The bundled story's findings, as its `expected.md` lists them: (1-based line, code).
pub fn expected_findings() -> Vec<(u64, String)> {
    [
        (7, "misattributed-quote"),
        (9, "altered-quote"),
        (11, "unsourced-quote"),
        (15, "misspelled-name"),
        (17, "title-mismatch"),
    ]
    .into_iter()
    .map(|(l, c)| (l, c.to_string()))
    .collect()
}

/// Two sources that say what they are: a Markdown file with front matter (`wire.md`) and
/// an HTML page with meta tags (`daily.html`). Both carry Anna Keller's quote "We are ready
/// to talk about everything that divides us"; each has a second quote of hers of its own
/// ("Nobody will leave this table before the spring comes" in the file, "The harbour talks
/// will go on through the whole of the winter" in the page).
pub fn write_credited_sources(sources: &Path) {
    std::fs::create_dir_all(sources).unwrap();
    std::fs::write(
        sources.join("wire.md"),
        "---\ntitle: \"Talks resume in Geneva\"\noutlet: Wire Service\nauthor: Jane Doe\n\
         date: 2016-03-12T09:30:00Z\nurl: https://wire.example/talks-resume\n---\n\
         The envoy spoke in Geneva on Monday. \u{201c}We are ready to talk about everything \
         that divides us,\u{201d} said Anna Keller, the envoy. \u{201c}Nobody will leave \
         this table before the spring comes,\u{201d} Keller said.\n",
    )
    .unwrap();
    std::fs::write(
        sources.join("daily.html"),
        "<!doctype html>\n<html>\n<head>\n<title>Envoy upbeat | The Daily</title>\n\
         <meta property=\"og:site_name\" content=\"The Daily\">\n\
         <meta name=\"author\" content=\"Omar Said\">\n\
         <meta property=\"article:published_time\" content=\"2016-03-14T18:05:00+01:00\">\n\
         <link rel=\"canonical\" href=\"https://daily.example/envoy-upbeat\">\n</head>\n<body>\n\
         <article>\n<h1>Envoy upbeat</h1>\n<p>&ldquo;We are ready to talk about everything \
         that divides us,&rdquo; said Anna Keller, the envoy, in Geneva.</p>\n\
         <p>&ldquo;The harbour talks will go on through the whole of the winter,&rdquo; \
         Keller said.</p>\n</article>\n</body>\n</html>\n",
    )
    .unwrap();
}
