//! The real `sourced lsp` on a story with one very big source: a live-coverage page of
//! megabytes naming the story's people thousands of times (the page
//! [`crate::cli::big_sources`] checks from the command line). The open draft keeps its
//! five findings, each once at its line, through edits; the misspelled name shows one to
//! three places however often the page names the person.
//!
//! What the server keeps once it has checked (its memory at rest) is a measurement, not
//! a timed unit test: run it with
//! `cargo test --release --test integration lsp::big_sources -- --ignored --nocapture`
//! (`SOURCED_BIG_SOURCE_MB` sets the page's size, 30 MB unless told).

use std::time::Duration;

use serde_json::{json, Value};

use crate::cli::big_sources::{live_coverage, story_with_page};
use crate::common::server::*;

/// Each diagnostic's line (counted from 1, as the command line counts) and code, in
/// draft order.
fn lines_and_codes(diags: &[Value]) -> Vec<(u64, String)> {
    let mut v: Vec<(u64, String)> = diags
        .iter()
        .map(|d| {
            (
                d["range"]["start"]["line"].as_u64().unwrap_or(0) + 1,
                d["code"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn a_page_of_megabytes_beside_the_sources_keeps_the_drafts_five_findings_through_edits() {
    let page = live_coverage(2 << 20);
    assert!(page.matches("Mizintsev").count() > 100);
    let story = story_with_page("lsp-big-source", &page);
    drop(page);
    let mut s = Server::start(&story.0);
    s.initialize(&story.0);
    let uri = uri_of(&story.0.join("draft.md"));
    let text = draft_text();
    s.open(&uri, &text, 1);
    let limit = Duration::from_secs(600);
    let diags = s.diagnostics(&uri, 1, limit);
    assert_eq!(
        lines_and_codes(&diags),
        crate::common::expected_findings(),
        "{diags:#?}"
    );
    let misspelled = diags
        .iter()
        .find(|d| d["code"] == "misspelled-name")
        .unwrap();
    let places = misspelled["relatedInformation"]
        .as_array()
        .map_or(0, Vec::len);
    assert!(
        (1..=3).contains(&places),
        "the misspelled name shows one to three places: {misspelled}"
    );

    // A sentence typed after the draft, then a quote of the page's kind: the page is
    // searched again (its tokens may or may not still be kept) and nothing moves.
    let typed = [
        format!("{text}\nTalks resumed on Monday.\n"),
        format!("{text}\n\u{201c}Families crossed the border camp in winter,\u{201d} an official said.\n"),
    ];
    for (n, edited) in typed.iter().enumerate() {
        let version = n as i64 + 2;
        s.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version},
                   "contentChanges": [{"text": edited}]}),
        );
        let got = lines_and_codes(&s.diagnostics(&uri, version, limit));
        let five: Vec<(u64, String)> = got.iter().filter(|(l, _)| *l <= 17).cloned().collect();
        assert_eq!(
            five,
            crate::common::expected_findings(),
            "after edit {version}: {got:?}"
        );
        s.still_serving(&uri);
    }
    s.shutdown();
}

/// The server's resident memory once it has checked the draft beside a 30 MB page (or
/// `SOURCED_BIG_SOURCE_MB`) and has been left alone for 10 s, against the page.
#[test]
#[ignore = "a measurement: run it in release, see the module's documentation"]
fn memory_at_rest_with_a_30_mb_page() {
    let mb: usize = std::env::var("SOURCED_BIG_SOURCE_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(30);
    let page = live_coverage(mb << 20);
    let bytes = page.len();
    let story = story_with_page("lsp-big-source-measure", &page);
    drop(page);
    let started = std::time::Instant::now();
    let mut s = Server::start(&story.0);
    s.initialize(&story.0);
    let uri = uri_of(&story.0.join("draft.md"));
    s.open(&uri, &draft_text(), 1);
    let diags = s.diagnostics(&uri, 1, Duration::from_secs(1800));
    let took = started.elapsed();
    let (busy, peak) = s.memory_kb();
    s.drain(Duration::from_secs(10));
    let (rest, _) = s.memory_kb();
    let mb_of = |kb: u64| kb / 1024;
    eprintln!(
        "{} MB page: {} diagnostics after {took:?}; resident {} MB then, {} MB at rest \
         ({:.1}x the page), peak {} MB",
        bytes >> 20,
        diags.len(),
        mb_of(busy),
        mb_of(rest),
        (rest * 1024) as f64 / bytes as f64,
        mb_of(peak)
    );
    assert_eq!(lines_and_codes(&diags), crate::common::expected_findings());
    s.shutdown();
}
