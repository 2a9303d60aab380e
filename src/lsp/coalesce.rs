//! Coalescing queued edits: consecutive `textDocument/didChange` notifications for one
//! document that are already waiting in the input become one notification, with all
//! their content changes in order and the last version.
//!
//! The LSP specification applies a notification's `contentChanges` in order, so the
//! merged notification leaves the document exactly as the separate ones would. Nothing is
//! held back to wait for more: only messages that arrived together are merged, and the
//! last one is passed on as soon as the input has nothing more buffered. This keeps a
//! burst of keystrokes (a paste replayed as thousands of edits, a client that fell behind)
//! from costing tower-lsp one decode, one handler and one document lock per keystroke.
//!
//! Only notifications whose versions increase are merged: anything else (another method,
//! another document, a version out of order, a body that does not parse) ends the run and
//! goes through untouched. Pure: bodies in, bodies out.

use serde_json::{json, Value};

const DID_CHANGE: &[u8] = b"\"textDocument/didChange\"";

/// A run of didChange notifications for one document, being merged.
#[derive(Debug)]
struct Run {
    uri: String,
    version: i64,
    changes: Vec<Value>,
    /// How many notifications the run holds.
    count: usize,
    /// The first notification's body, passed on as it is when the run has one.
    first: Vec<u8>,
}

/// Merges consecutive didChange notifications; see the module documentation.
#[derive(Debug, Default)]
pub struct Coalescer {
    run: Option<Run>,
}

impl Coalescer {
    /// Take the next message body; returns the bodies ready to be passed on, in order.
    pub fn push(&mut self, body: Vec<u8>) -> Vec<Vec<u8>> {
        let Some((uri, version, changes)) = as_change(&body) else {
            let mut out: Vec<Vec<u8>> = self.flush().into_iter().collect();
            out.push(body);
            return out;
        };
        if let Some(run) = &mut self.run {
            if run.uri == uri && version > run.version {
                run.version = version;
                run.changes.extend(changes);
                run.count += 1;
                return Vec::new();
            }
        }
        let out = self.flush().into_iter().collect();
        self.run = Some(Run {
            uri,
            version,
            changes,
            count: 1,
            first: body,
        });
        out
    }

    /// The merged notification waiting, if any (call when the input has nothing more
    /// buffered).
    pub fn flush(&mut self) -> Option<Vec<u8>> {
        let run = self.run.take()?;
        if run.count == 1 {
            return Some(run.first);
        }
        let merged = json!({
            "jsonrpc": "2.0",
            "method": "textDocument/didChange",
            "params": {
                "textDocument": {"uri": run.uri, "version": run.version},
                "contentChanges": run.changes,
            }
        });
        // Serialising a Value cannot fail; should it, the first body still goes through
        // rather than nothing (the version check then catches the gap).
        Some(serde_json::to_vec(&merged).unwrap_or(run.first))
    }
}

/// The uri, version and changes of a didChange notification, or `None` for anything
/// else.
fn as_change(body: &[u8]) -> Option<(String, i64, Vec<Value>)> {
    // Cheap test first: most messages are not edits.
    if !body.windows(DID_CHANGE.len()).any(|w| w == DID_CHANGE) {
        return None;
    }
    let mut msg: Value = serde_json::from_slice(body).ok()?;
    if msg.get("method")?.as_str()? != "textDocument/didChange" || msg.get("id").is_some() {
        return None;
    }
    let params = msg.get_mut("params")?;
    let doc = params.get("textDocument")?;
    let uri = doc.get("uri")?.as_str()?.to_string();
    let version = doc.get("version")?.as_i64()?;
    let changes = params.get_mut("contentChanges")?.as_array_mut()?;
    Some((uri, version, std::mem::take(changes)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(uri: &str, version: i64, text: &str, at: u32) -> Vec<u8> {
        serde_json::to_vec(&json!({"jsonrpc": "2.0", "method": "textDocument/didChange",
            "params": {"textDocument": {"uri": uri, "version": version}, "contentChanges": [
                {"range": {"start": {"line": 0, "character": at}, "end": {"line": 0, "character": at}}, "text": text}]}}))
        .unwrap()
    }

    fn run(bodies: Vec<Vec<u8>>) -> Vec<Value> {
        let mut c = Coalescer::default();
        let mut out: Vec<Vec<u8>> = bodies.into_iter().flat_map(|b| c.push(b)).collect();
        out.extend(c.flush());
        out.iter()
            .map(|b| serde_json::from_slice(b).unwrap())
            .collect()
    }

    #[test]
    fn consecutive_edits_of_one_document_become_one_with_every_change_in_order() {
        let out = run(vec![
            change("file:///d.md", 2, "a", 0),
            change("file:///d.md", 3, "b", 1),
            change("file:///d.md", 4, "c", 2),
        ]);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0]["params"]["textDocument"]["version"], 4);
        let texts: Vec<&str> = out[0]["params"]["contentChanges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["text"].as_str().unwrap())
            .collect();
        assert_eq!(texts, ["a", "b", "c"]);
    }

    #[test]
    fn other_messages_documents_and_versions_out_of_order_end_a_run() {
        let hover =
            br#"{"jsonrpc":"2.0","id":7,"method":"textDocument/hover","params":{}}"#.to_vec();
        let out = run(vec![
            change("file:///d.md", 2, "a", 0),
            hover.clone(),
            change("file:///d.md", 3, "b", 1),
            change("file:///e.md", 4, "c", 0),
            change("file:///e.md", 3, "d", 0),
        ]);
        let summary: Vec<(String, Value)> = out
            .iter()
            .map(|m| {
                (
                    m["method"].as_str().unwrap().to_string(),
                    m["params"]["textDocument"]["version"].clone(),
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                ("textDocument/didChange".to_string(), json!(2)),
                ("textDocument/hover".to_string(), Value::Null),
                ("textDocument/didChange".to_string(), json!(3)),
                ("textDocument/didChange".to_string(), json!(4)),
                ("textDocument/didChange".to_string(), json!(3)),
            ]
        );
        // A message that is not merged goes through byte for byte.
        let mut c = Coalescer::default();
        let lone = change("file:///d.md", 2, "a", 0);
        assert!(c.push(lone.clone()).is_empty());
        assert_eq!(c.flush(), Some(lone));
    }

    #[test]
    fn a_request_named_did_change_or_a_broken_body_is_not_merged() {
        let request =
            br#"{"jsonrpc":"2.0","id":1,"method":"textDocument/didChange","params":{}}"#.to_vec();
        let broken =
            br#"{"method":"textDocument/didChange","params":{"textDocument":{"uri":"x"}}}"#
                .to_vec();
        let mut c = Coalescer::default();
        assert_eq!(c.push(request.clone()), vec![request]);
        assert_eq!(c.push(broken.clone()), vec![broken]);
        assert_eq!(c.flush(), None);
    }
}
