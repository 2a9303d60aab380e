//! The real `sourced lsp` binary under load: a burst of ten thousand changes, fifty
//! megabyte messages, and hostile drafts (megabyte lines, thousands of quotes). It must
//! stay responsive, keep its memory bounded, and publish diagnostics of the final text.

use std::fs;
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::common;

use common::server::*;

// ---------------------------------------------------------------------------------------
// Load.

#[test]
fn a_burst_of_ten_thousand_changes() {
    let (story, mut s) = Server::on_story("burst");
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
        .published()
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
        .published()
        .iter()
        .filter(|p| p["uri"] == json!(draft))
        .count();
    eprintln!("publishDiagnostics for the draft during the burst: {stale}");
    s.shutdown();
}

#[test]
fn fifty_megabyte_messages() {
    let (story, mut s) = Server::on_story("big");
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
    let (story, mut s) = Server::on_story("hostile");
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
