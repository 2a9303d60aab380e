//! The server's stdio framing (`sourced::lsp::transport::FrameDecoder`) on arbitrary bytes,
//! fed in arbitrary chunks as pipe reads deliver them.
//!
//! tower-lsp-server ends the session at the first body it cannot decode, so the decoder
//! must only pass on bodies tower-lsp decodes; everything else must become a JSON-RPC
//! error answer (-32700 or -32600, with a null, number or string id). And what passes
//! must not depend on how the bytes were split into reads.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde::Deserialize;
use serde_json::Value;
use sourced::lsp::transport::{Frame, FrameDecoder, INVALID_REQUEST, PARSE_ERROR};
use tower_lsp_server::jsonrpc::{Request, Response};

/// tower-lsp-server's own (crate-private) message type, as its codec decodes bodies.
#[derive(Deserialize)]
#[serde(untagged)]
#[allow(dead_code)]
enum Message {
    Response(Response),
    Request(Request),
}

fn drain(d: &mut FrameDecoder, out: &mut Vec<Frame>) {
    while let Some(f) = d.next_frame() {
        out.push(f);
    }
}

fn passed(frames: &[Frame]) -> Vec<&Vec<u8>> {
    frames
        .iter()
        .filter_map(|f| match f {
            Frame::Message(b) => Some(b),
            Frame::Reject(_) => None,
        })
        .collect()
}

fuzz_target!(|data: &[u8]| {
    let Some((&seed, bytes)) = data.split_first() else {
        return;
    };
    // Chunked: sizes from a small generator seeded by the first byte.
    let mut chunked = FrameDecoder::new();
    let mut a = Vec::new();
    let mut state = seed as u32 | 1;
    let mut rest = bytes;
    while !rest.is_empty() {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        let n = (state as usize % 97 + 1).min(rest.len());
        chunked.push(&rest[..n]);
        drain(&mut chunked, &mut a);
        rest = &rest[n..];
    }
    // Whole.
    let mut whole = FrameDecoder::new();
    let mut b = Vec::new();
    whole.push(bytes);
    drain(&mut whole, &mut b);

    for f in a.iter().chain(b.iter()) {
        match f {
            Frame::Message(body) => {
                assert!(
                    serde_json::from_slice::<Message>(body).is_ok(),
                    "passed on a body tower-lsp cannot decode: {:?}",
                    String::from_utf8_lossy(body)
                );
            }
            Frame::Reject(v) => {
                assert_eq!(v["jsonrpc"], "2.0", "{v}");
                let code = v["error"]["code"].as_i64();
                assert!(
                    code == Some(PARSE_ERROR) || code == Some(INVALID_REQUEST),
                    "{v}"
                );
                assert!(v["error"]["message"].is_string(), "{v}");
                assert!(
                    matches!(v["id"], Value::Null | Value::Number(_) | Value::String(_)),
                    "{v}"
                );
                assert!(serde_json::to_vec(v).is_ok());
            }
        }
    }
    assert_eq!(
        passed(&a),
        passed(&b),
        "the messages passed on depend on how the input was split into reads"
    );
});
