//! A minimal LSP client over stdio: enough to start `sourced lsp`, open a draft, type
//! into it and time each `publishDiagnostics`.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// A message from the server with the moment the client finished reading it.
pub struct Received {
    pub at: Instant,
    pub message: Value,
}

pub struct LspClient {
    child: Child,
    writer: Arc<Mutex<ChildStdin>>,
    rx: Receiver<Received>,
    pending: VecDeque<Received>,
    next_id: i64,
}

fn write_message(writer: &Mutex<ChildStdin>, message: &Value) -> Result<(), String> {
    let body = message.to_string();
    let mut w = writer
        .lock()
        .map_err(|_| "writer lock poisoned".to_string())?;
    write!(w, "Content-Length: {}\r\n\r\n{}", body.len(), body)
        .and_then(|_| w.flush())
        .map_err(|e| format!("cannot write to the server: {e}"))
}

/// One message, and the moment its last byte was read (before parsing it).
fn read_message(reader: &mut impl BufRead) -> Option<(Instant, Value)> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length:") {
            length = v.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    let at = Instant::now();
    Some((at, serde_json::from_slice(&body).unwrap_or(Value::Null)))
}

impl LspClient {
    pub fn start(
        binary: &Path,
        args: &[&str],
        cwd: &Path,
        settings: Value,
    ) -> Result<LspClient, String> {
        let mut child = Command::new(binary)
            .args(args)
            .current_dir(cwd)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", binary.display()))?;
        let stdin = child.stdin.take().ok_or("no stdin")?;
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let writer = Arc::new(Mutex::new(stdin));
        let (tx, rx) = channel();
        let reply_writer = Arc::clone(&writer);
        let reply_settings = settings.clone();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some((at, message)) = read_message(&mut reader) {
                // Answer the server's own requests at once so it never waits on us.
                if let (Some(id), Some(method)) = (message.get("id"), message.get("method")) {
                    let result = if method == "workspace/configuration" {
                        let n = message["params"]["items"].as_array().map_or(1, Vec::len);
                        Value::Array(vec![reply_settings.clone(); n])
                    } else {
                        Value::Null
                    };
                    let reply = json!({"jsonrpc": "2.0", "id": id, "result": result});
                    let _ = write_message(&reply_writer, &reply);
                    continue;
                }
                if tx.send(Received { at, message }).is_err() {
                    break;
                }
            }
        });
        Ok(LspClient {
            child,
            writer,
            rx,
            pending: VecDeque::new(),
            next_id: 1,
        })
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn notify(&self, method: &str, params: Value) -> Result<Instant, String> {
        let message = json!({"jsonrpc": "2.0", "method": method, "params": params});
        write_message(&self.writer, &message)?;
        Ok(Instant::now())
    }

    /// Send a request and wait for its response (notifications meanwhile are kept).
    pub fn request(
        &mut self,
        method: &str,
        params: Value,
        timeout: Duration,
    ) -> Result<Value, String> {
        let id = self.next_id;
        self.next_id += 1;
        let message = json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params});
        write_message(&self.writer, &message)?;
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(r) if r.message.get("id") == Some(&json!(id)) => {
                    if let Some(error) = r.message.get("error") {
                        return Err(format!("{method} failed: {error}"));
                    }
                    return Ok(r.message.get("result").cloned().unwrap_or(Value::Null));
                }
                Ok(r) => self.pending.push_back(r),
                Err(RecvTimeoutError::Timeout) => {
                    return Err(format!("no answer to {method} in {timeout:?}"))
                }
                Err(RecvTimeoutError::Disconnected) => {
                    return Err(format!("the server exited before answering {method}"))
                }
            }
        }
    }

    /// The first notification (kept or new) for which `want` is true; others are dropped.
    pub fn wait_for(
        &mut self,
        timeout: Duration,
        mut want: impl FnMut(&Value) -> bool,
    ) -> Result<Received, String> {
        while let Some(r) = self.pending.pop_front() {
            if want(&r.message) {
                return Ok(r);
            }
        }
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(r) if want(&r.message) => return Ok(r),
                Ok(_) => {}
                Err(RecvTimeoutError::Timeout) => {
                    return Err(format!("timed out after {timeout:?}"))
                }
                Err(RecvTimeoutError::Disconnected) => return Err("the server exited".into()),
            }
        }
    }

    pub fn shutdown(mut self) {
        let _ = self.request("shutdown", Value::Null, Duration::from_secs(5));
        let _ = self.notify("exit", Value::Null);
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The LSP position (line, UTF-16 column) of byte `offset` in `text`.
pub fn position(text: &str, offset: usize) -> Value {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let character: usize = before[line_start..].chars().map(char::len_utf16).sum();
    json!({"line": line, "character": character})
}

/// `file://` URI of an absolute path (ASCII paths; others are percent-encoded).
pub fn file_uri(path: &Path) -> String {
    let mut uri = String::from("file://");
    for b in path.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            uri.push(b as char);
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri
}
