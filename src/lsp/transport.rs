//! The wire: LSP base-protocol framing on stdin and stdout, in front of tower-lsp.
//!
//! tower-lsp stops reading its input at the first message it cannot decode (the codec
//! error ends its input stream), so one malformed message would end the session. This
//! module reads stdin itself, frames every message, and passes on only messages that
//! tower-lsp will accept; for anything else it answers the client directly with the
//! JSON-RPC error the message deserves (`-32700` parse error, `-32600` invalid request)
//! and carries on with the next message. Messages over [`MAX_MESSAGE_BYTES`] are skipped
//! as they stream past, without being held in memory.
//!
//! Edits that arrive together are merged before tower-lsp sees them
//! ([`super::coalesce`]).
//!
//! [`FrameDecoder`] is pure (bytes in, frames out) so that it can be fuzzed.

use serde_json::{json, Value};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::sync::mpsc;
use tower_lsp_server::jsonrpc::{Request, Response};

use super::coalesce::Coalescer;

/// The largest message accepted (64 MiB): a 50 MB draft still opens.
pub const MAX_MESSAGE_BYTES: usize = 64 << 20;

/// Header blocks longer than this are garbage.
const MAX_HEADER_BYTES: usize = 8 * 1024;

/// JSON-RPC error codes.
pub const PARSE_ERROR: i64 = -32700;
pub const INVALID_REQUEST: i64 = -32600;

/// What the decoder made of the next message on the wire.
#[derive(Debug, PartialEq)]
pub enum Frame {
    /// A message body that tower-lsp can decode.
    Message(Vec<u8>),
    /// A message that cannot be served: answer with this error response and go on.
    Reject(Value),
}

#[derive(Debug)]
enum State {
    /// Reading a header block.
    Header,
    /// Reading a body of this many bytes.
    Body(usize),
    /// Discarding this many more bytes of an oversized body, then answering `len`.
    Skip { remaining: usize, len: usize },
    /// After a bad header: discarding bytes up to the next `Content-Length`.
    Resync,
    /// A header was found inside the bytes of an oversized body that was being skipped
    /// (its `Content-Length` was a lie, or the client gave up on it): answer `len`, then
    /// read that header.
    Resynced { len: usize },
}

/// Splits a byte stream into LSP messages. Feed it with [`FrameDecoder::push`], take
/// frames with [`FrameDecoder::next_frame`] until it returns `None`.
#[derive(Debug)]
pub struct FrameDecoder {
    buf: Vec<u8>,
    state: State,
    /// Validate bodies (client input) or pass them through (our own output).
    validate: bool,
    /// Bodies longer than this are skipped (client input); our own output has no limit:
    /// a message tower-lsp wrote is already in memory, and dropping it would lose it.
    max_message: usize,
    /// While skipping: the last few bytes skipped, so that a header split between two
    /// reads is still found.
    skip_tail: Vec<u8>,
}

impl FrameDecoder {
    /// A decoder for client input: every body is checked.
    pub fn new() -> FrameDecoder {
        FrameDecoder {
            buf: Vec::new(),
            state: State::Header,
            validate: true,
            max_message: MAX_MESSAGE_BYTES,
            skip_tail: Vec::new(),
        }
    }

    /// A decoder that only frames (for tower-lsp's own, well-formed output).
    pub fn passthrough() -> FrameDecoder {
        FrameDecoder {
            validate: false,
            max_message: usize::MAX,
            ..FrameDecoder::new()
        }
    }

    /// Add bytes read from the wire.
    pub fn push(&mut self, bytes: &[u8]) {
        if let State::Skip { .. } = self.state {
            self.skip(bytes);
        } else {
            self.buf.extend_from_slice(bytes);
        }
    }

    /// Discard the bytes of an oversized body, watching them for the header of a next
    /// message: a JSON body cannot hold a raw line break after `Content-Length: <digits>`,
    /// so finding one means the declared length was wrong, and reading resumes there
    /// rather than swallowing the messages that follow.
    fn skip(&mut self, bytes: &[u8]) {
        let State::Skip { remaining, len } = self.state else {
            self.buf.extend_from_slice(bytes);
            return;
        };
        let n = remaining.min(bytes.len());
        let mut seen = std::mem::take(&mut self.skip_tail);
        seen.extend_from_slice(&bytes[..n]);
        match header_start(&seen) {
            Ok(at) => {
                self.buf.extend_from_slice(&seen[at..]);
                self.buf.extend_from_slice(&bytes[n..]);
                self.state = State::Resynced { len };
            }
            Err(keep_from) => {
                if remaining > n {
                    self.skip_tail = seen.split_off(keep_from);
                }
                self.state = State::Skip {
                    remaining: remaining - n,
                    len,
                };
                self.buf.extend_from_slice(&bytes[n..]);
            }
        }
    }

    /// Bytes held but not yet framed.
    pub fn buffered(&self) -> usize {
        self.buf.len()
    }

    /// The next complete frame, if the bytes pushed so far hold one.
    pub fn next_frame(&mut self) -> Option<Frame> {
        loop {
            match self.state {
                State::Skip { remaining: 0, len } | State::Resynced { len } => {
                    self.state = State::Header;
                    self.skip_tail.clear();
                    return Some(Frame::Reject(error_response(
                        Value::Null,
                        INVALID_REQUEST,
                        &format!(
                            "message of {len} bytes is over the limit of {MAX_MESSAGE_BYTES} bytes; ignored"
                        ),
                    )));
                }
                State::Skip { .. } => return None,
                State::Resync => {
                    const NAME: &[u8] = b"content-length";
                    match find_ci(&self.buf, NAME) {
                        Some(i) => {
                            self.buf.drain(..i);
                            self.state = State::Header;
                        }
                        None => {
                            let keep = NAME.len() - 1;
                            let drop = self.buf.len().saturating_sub(keep);
                            self.buf.drain(..drop);
                            return None;
                        }
                    }
                }
                State::Body(len) => {
                    if self.buf.len() < len {
                        return None;
                    }
                    let rest = self.buf.split_off(len);
                    let body = std::mem::replace(&mut self.buf, rest);
                    self.state = State::Header;
                    return Some(if self.validate {
                        validate(body)
                    } else {
                        Frame::Message(body)
                    });
                }
                State::Header => {
                    let Some((end, body_at)) = header_end(&self.buf) else {
                        if self.buf.len() > MAX_HEADER_BYTES {
                            self.buf.drain(..1);
                            self.state = State::Resync;
                            return Some(reject_header("header block too long"));
                        }
                        return None;
                    };
                    let header = self.buf[..end].to_vec();
                    self.buf.drain(..body_at);
                    match content_length(&header) {
                        Ok(len) if len > self.max_message => {
                            let rest = std::mem::take(&mut self.buf);
                            self.state = State::Skip {
                                remaining: len,
                                len,
                            };
                            self.skip(&rest);
                        }
                        Ok(len) => self.state = State::Body(len),
                        Err(why) => {
                            self.state = State::Resync;
                            return Some(reject_header(&why));
                        }
                    }
                }
            }
        }
    }
}

impl Default for FrameDecoder {
    fn default() -> Self {
        FrameDecoder::new()
    }
}

/// Where the header block at the start of `buf` ends: the end of its last line and the
/// start of the body. Lines end with CRLF as the protocol says, or with a bare LF, which
/// some clients send.
fn header_end(buf: &[u8]) -> Option<(usize, usize)> {
    let mut at = 0;
    while let Some(i) = buf[at..].iter().position(|&b| b == b'\n') {
        let nl = at + i;
        match buf.get(nl + 1..) {
            Some([b'\n', ..]) => return Some((nl, nl + 2)),
            Some([b'\r', b'\n', ..]) => return Some((nl, nl + 3)),
            _ => at = nl + 1,
        }
    }
    None
}

/// The start of a `Content-Length: <digits>` header line in `seen`; else, as `Err`, the
/// offset from which the bytes must be kept because such a line may be starting there.
fn header_start(seen: &[u8]) -> Result<usize, usize> {
    const NAME: &[u8] = b"content-length";
    let mut from = 0;
    while let Some(i) = find_ci(&seen[from..], NAME) {
        let at = from + i;
        let mut j = at + NAME.len();
        let skip_blanks = |j: &mut usize| {
            while seen.get(*j).is_some_and(|b| *b == b' ' || *b == b'\t') {
                *j += 1;
            }
        };
        skip_blanks(&mut j);
        let complete = (|| {
            if *seen.get(j)? != b':' {
                return Some(false);
            }
            j += 1;
            skip_blanks(&mut j);
            let digits = seen[j..].iter().take_while(|b| b.is_ascii_digit()).count();
            j += digits;
            let next = *seen.get(j)?;
            let next = if next == b'\r' {
                *seen.get(j + 1)?
            } else {
                next
            };
            Some(digits > 0 && digits <= 20 && next == b'\n')
        })();
        match complete {
            Some(true) => return Ok(at),
            // Cut short by the end of what was read: keep it for the next read, unless it
            // is too long to be a header line.
            None if seen.len() - at < 64 => return Err(at),
            _ => from = at + 1,
        }
    }
    Err(seen.len().saturating_sub(NAME.len() - 1))
}

fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

fn reject_header(why: &str) -> Frame {
    Frame::Reject(error_response(Value::Null, PARSE_ERROR, why))
}

/// The `Content-Length` of a header block (other headers are accepted and ignored).
fn content_length(header: &[u8]) -> Result<usize, String> {
    let text = std::str::from_utf8(header).map_err(|_| "header is not UTF-8".to_string())?;
    let mut len = None;
    for line in text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)) {
        let Some((name, value)) = line.split_once(':') else {
            return Err(format!("malformed header line {line:?}"));
        };
        if name.trim().eq_ignore_ascii_case("content-length") {
            let v = value.trim();
            len = Some(
                v.parse::<usize>()
                    .map_err(|_| format!("Content-Length {v:?} is not a number"))?,
            );
        }
    }
    len.ok_or_else(|| "missing Content-Length header".to_string())
}

/// Pass a body on if tower-lsp can decode it, else build the error answer.
fn validate(body: Vec<u8>) -> Frame {
    // serde_json skips the bytes of members it ignores without checking them, and
    // tower-lsp stops reading for good at a body that is not UTF-8: check it all first.
    if let Err(e) = std::str::from_utf8(&body) {
        return Frame::Reject(error_response(
            Value::Null,
            PARSE_ERROR,
            &format!("message is not valid UTF-8: {e}"),
        ));
    }
    if serde_json::from_slice::<Request>(&body).is_ok()
        || serde_json::from_slice::<Response>(&body).is_ok()
    {
        return Frame::Message(body);
    }
    match serde_json::from_slice::<Value>(&body) {
        Err(e) => Frame::Reject(error_response(
            readable_id(&body),
            PARSE_ERROR,
            &format!("message is not valid JSON: {e}"),
        )),
        Ok(value) => {
            let id = value
                .get("id")
                .filter(|id| id.is_number() || id.is_string())
                .cloned()
                .unwrap_or(Value::Null);
            let why = if !value.is_object() {
                "message is not a JSON object (batches are not supported)".to_string()
            } else if value.get("jsonrpc") != Some(&json!("2.0")) {
                "message lacks \"jsonrpc\": \"2.0\"".to_string()
            } else if value.get("method").is_some_and(|m| !m.is_string()) {
                "\"method\" must be a string".to_string()
            } else if value
                .get("params")
                .is_some_and(|p| !p.is_object() && !p.is_array())
            {
                "\"params\" must be an object or an array".to_string()
            } else {
                "not a JSON-RPC request, notification or response".to_string()
            };
            Frame::Reject(error_response(id, INVALID_REQUEST, &why))
        }
    }
}

/// The id of a message that is not valid JSON only because of a lone UTF-16 surrogate
/// escape (`"\ud800"`, which JSON text may hold but no string can), so that the client
/// learns which of its requests failed; `null` otherwise.
fn readable_id(body: &[u8]) -> Value {
    let Some(mended) = without_lone_surrogates(body) else {
        return Value::Null;
    };
    serde_json::from_slice::<Value>(&mended)
        .ok()
        .and_then(|v| v.get("id").cloned())
        .filter(|id| id.is_number() || id.is_string())
        .unwrap_or(Value::Null)
}

/// `body` with each lone surrogate escape replaced by `\ufffd`; `None` when it has none.
fn without_lone_surrogates(body: &[u8]) -> Option<Vec<u8>> {
    let hex = |at: usize| -> Option<u32> {
        let digits = body.get(at..at + 4)?;
        u32::from_str_radix(std::str::from_utf8(digits).ok()?, 16).ok()
    };
    let escape_at = |at: usize| -> Option<u32> {
        (body.get(at..at + 2)? == b"\\u").then_some(())?;
        hex(at + 2)
    };
    let mut out = Vec::with_capacity(body.len());
    let mut changed = false;
    let mut i = 0;
    while i < body.len() {
        if body[i] != b'\\' {
            out.push(body[i]);
            i += 1;
            continue;
        }
        match escape_at(i) {
            Some(0xD800..=0xDBFF)
                if escape_at(i + 6).is_some_and(|low| (0xDC00..=0xDFFF).contains(&low)) =>
            {
                out.extend_from_slice(&body[i..i + 12]);
                i += 12;
            }
            Some(0xD800..=0xDFFF) => {
                out.extend_from_slice(b"\\ufffd");
                changed = true;
                i += 6;
            }
            _ => {
                // Any other escape: copy it whole, so that an escaped backslash is never
                // read as the start of another escape.
                let end = (i + 2).min(body.len());
                out.extend_from_slice(&body[i..end]);
                i = end;
            }
        }
    }
    changed.then_some(out)
}

fn error_response(id: Value, code: i64, message: &str) -> Value {
    json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": message}})
}

/// Write one framed message.
async fn write_frame<W: AsyncWrite + Unpin>(out: &mut W, body: &[u8]) -> std::io::Result<()> {
    out.write_all(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes())
        .await?;
    out.write_all(body).await?;
    out.flush().await
}

/// Copy client input to `server_in`, keeping only messages tower-lsp accepts; send the
/// answers to the others to `rejects`. Returns when the input ends.
pub async fn pump_input<R, W>(mut input: R, mut server_in: W, rejects: mpsc::UnboundedSender<Value>)
where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut decoder = FrameDecoder::new();
    // Edits that arrive together reach tower-lsp as one notification (see coalesce.rs).
    let mut edits = Coalescer::default();
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        let n = match input.read(&mut chunk).await {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        decoder.push(&chunk[..n]);
        loop {
            let (ready, done) = match decoder.next_frame() {
                Some(Frame::Message(body)) => (edits.push(body), false),
                Some(Frame::Reject(answer)) => {
                    eprintln!(
                        "sourced lsp: rejected a message: {}",
                        answer["error"]["message"].as_str().unwrap_or("")
                    );
                    let _ = rejects.send(answer);
                    (Vec::new(), false)
                }
                // Nothing more buffered: pass on the edits merged so far.
                None => (edits.flush().into_iter().collect(), true),
            };
            for body in ready {
                if write_frame(&mut server_in, &body).await.is_err() {
                    return; // the server has stopped reading (exit)
                }
            }
            if done {
                break;
            }
        }
    }
    let _ = server_in.shutdown().await;
}

/// Copy tower-lsp's output to `output`, adding the rejection answers between messages.
/// Returns when the server's output ends.
pub async fn pump_output<R, W>(
    mut server_out: R,
    mut output: W,
    mut rejects: mpsc::UnboundedReceiver<Value>,
) where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut decoder = FrameDecoder::passthrough();
    let mut chunk = vec![0u8; 64 * 1024];
    let mut rejects_open = true;
    loop {
        tokio::select! {
            read = server_out.read(&mut chunk) => {
                let n = match read { Ok(0) | Err(_) => break, Ok(n) => n };
                decoder.push(&chunk[..n]);
                while let Some(frame) = decoder.next_frame() {
                    if let Frame::Message(body) = frame {
                        if write_frame(&mut output, &body).await.is_err() {
                            return;
                        }
                    }
                }
            }
            answer = rejects.recv(), if rejects_open => match answer {
                Some(answer) => {
                    let body = serde_json::to_vec(&answer).unwrap_or_default();
                    if write_frame(&mut output, &body).await.is_err() {
                        return;
                    }
                }
                None => rejects_open = false,
            },
        }
    }
    let _ = output.flush().await;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn framed(body: &str) -> Vec<u8> {
        format!("Content-Length: {}\r\n\r\n{}", body.len(), body).into_bytes()
    }

    fn frames(d: &mut FrameDecoder) -> Vec<Frame> {
        std::iter::from_fn(|| d.next_frame()).collect()
    }

    const INIT: &str = r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}"#;

    #[test]
    fn frames_split_anywhere() {
        let mut bytes = framed(INIT);
        bytes.extend(framed(
            r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#,
        ));
        for cut in 0..bytes.len() {
            let mut d = FrameDecoder::new();
            d.push(&bytes[..cut]);
            let mut got = frames(&mut d);
            d.push(&bytes[cut..]);
            got.extend(frames(&mut d));
            assert_eq!(got.len(), 2, "cut at {cut}");
            assert!(got.iter().all(|f| matches!(f, Frame::Message(_))));
        }
    }

    #[test]
    fn malformed_json_is_answered_and_the_next_message_served() {
        let mut d = FrameDecoder::new();
        d.push(&framed("{not json"));
        d.push(&framed(INIT));
        let got = frames(&mut d);
        match &got[0] {
            Frame::Reject(v) => {
                assert_eq!(v["error"]["code"], PARSE_ERROR);
                assert_eq!(v["id"], Value::Null);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(got[1], Frame::Message(INIT.as_bytes().to_vec()));
    }

    #[test]
    fn invalid_utf8_in_an_ignored_member_is_rejected() {
        // Found by the lsp_framing fuzz target: serde_json accepted the body because the
        // bad byte sat in a member it skips, and tower-lsp then stopped reading.
        let body: &[u8] = b"{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"pa{}ms\":{\"k\":\"\x98\"}}";
        let mut bytes = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        bytes.extend_from_slice(body);
        let mut d = FrameDecoder::new();
        d.push(&bytes);
        d.push(&framed(INIT));
        let got = frames(&mut d);
        let Frame::Reject(v) = &got[0] else {
            panic!("{got:?}")
        };
        assert_eq!(v["error"]["code"], PARSE_ERROR);
        assert_eq!(got[1], Frame::Message(INIT.as_bytes().to_vec()));
    }

    #[test]
    fn invalid_requests_keep_their_id() {
        let mut d = FrameDecoder::new();
        d.push(&framed(r#"{"jsonrpc":"2.0","id":7,"method":5}"#));
        d.push(&framed(r#"[1,2]"#));
        let got = frames(&mut d);
        let Frame::Reject(a) = &got[0] else { panic!() };
        assert_eq!(a["id"], 7);
        assert_eq!(a["error"]["code"], INVALID_REQUEST);
        let Frame::Reject(b) = &got[1] else { panic!() };
        assert_eq!(b["error"]["code"], INVALID_REQUEST);
    }

    #[test]
    fn garbage_headers_are_skipped() {
        let mut d = FrameDecoder::new();
        d.push(b"Hello there\r\n\r\n");
        d.push(b"Content-Length: abc\r\n\r\n");
        d.push(&framed(INIT));
        let got = frames(&mut d);
        assert_eq!(got.len(), 3, "{got:?}");
        assert!(matches!(got[0], Frame::Reject(_)));
        assert!(matches!(got[1], Frame::Reject(_)));
        assert_eq!(got[2], Frame::Message(INIT.as_bytes().to_vec()));
    }

    #[test]
    fn oversized_messages_are_skipped_without_buffering() {
        let mut d = FrameDecoder::new();
        let len = MAX_MESSAGE_BYTES + 10;
        d.push(format!("Content-Length: {len}\r\n\r\n").as_bytes());
        assert!(d.next_frame().is_none());
        let block = vec![b'x'; 1 << 20];
        let mut sent = 0;
        while sent + block.len() <= len {
            d.push(&block);
            sent += block.len();
            assert!(d.buffered() == 0);
            assert!(d.next_frame().is_none());
        }
        let mut tail = vec![b'x'; len - sent];
        tail.extend(framed(INIT));
        d.push(&tail);
        let got = frames(&mut d);
        assert!(matches!(got[0], Frame::Reject(_)));
        assert_eq!(got[1], Frame::Message(INIT.as_bytes().to_vec()));
    }

    #[test]
    fn endless_header_is_dropped() {
        let mut d = FrameDecoder::new();
        d.push(&vec![b'a'; MAX_HEADER_BYTES + 100]);
        let got = frames(&mut d);
        assert_eq!(got.len(), 1);
        assert!(matches!(got[0], Frame::Reject(_)));
        assert!(d.buffered() < 100);
        d.push(&framed(INIT));
        assert_eq!(
            frames(&mut d),
            vec![Frame::Message(INIT.as_bytes().to_vec())]
        );
    }

    #[test]
    fn our_own_output_is_never_dropped_for_its_size() {
        // A publishDiagnostics of tens of thousands of findings once went over the input
        // limit and vanished between tower-lsp and stdout.
        let body = format!(
            r#"{{"jsonrpc":"2.0","method":"x","params":"{}"}}"#,
            "y".repeat(MAX_MESSAGE_BYTES)
        );
        let mut d = FrameDecoder::passthrough();
        d.push(&framed(&body));
        assert_eq!(frames(&mut d), vec![Frame::Message(body.into_bytes())]);
    }
}
