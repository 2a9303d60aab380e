//! A client that pulls diagnostics (as VS Code does) asks for them as soon as it opens a
//! draft, usually while the corpus is still being indexed. An empty report then would
//! read as a clean draft: the answer waits for the index, and the other requests are
//! answered meanwhile.

use crate::common;

use std::time::Instant;

use common::*;
use serde_json::{json, Value};

/// The syria story with enough other sources that indexing takes a while (a few seconds
/// here): articles about other things, each different.
fn big_story() -> TempDir {
    let story = syria_story();
    let more = story.path().join("sources/archive");
    std::fs::create_dir_all(&more).unwrap();
    let words = [
        "council", "harbour", "budget", "orchard", "railway", "festival", "senate", "glacier",
        "vaccine", "library", "tariff", "election", "bridge", "drought", "museum", "protest",
    ];
    for i in 0..3000usize {
        let mut text = format!("Report {i} from the regional desk.\n\n");
        for p in 0..12usize {
            let a = words[(i + p) % words.len()];
            let b = words[(i * 7 + p * 3) % words.len()];
            text.push_str(&format!(
                "The {a} committee met on day {p} of week {i} to discuss the {b} plan. \
                 \u{201c}We will publish the {a} figures for district {i}-{p} soon,\u{201d} \
                 said spokesperson Lee Number{i}x{p}.\n\n"
            ));
        }
        std::fs::write(more.join(format!("report-{i:05}.txt")), text).unwrap();
    }
    story
}

fn pulling_capabilities() -> Value {
    let mut caps = capabilities(false);
    caps["textDocument"]["diagnostic"] = json!({"dynamicRegistration": false});
    caps["workspace"]["diagnostics"] = json!({"refreshSupport": true});
    caps
}

fn ready(v: &Value) -> bool {
    v["method"] == "sourced/status" && v["params"]["state"] == "ready"
}

#[test]
fn a_pull_during_indexing_is_answered_with_the_findings_once_the_index_is_ready() {
    let story = big_story();
    let mut client = Client::start();
    client.initialize(story.path(), pulling_capabilities(), Value::Null);
    let draft = story.path().join("draft.md");
    let uri = client.open(&draft, 1);
    let pull = client.send_request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": uri}}),
    );
    // More pulls than tower-lsp would run at once by default, as an editor with several
    // drafts open sends: none may hold up the requests behind them.
    let more: Vec<i64> = (0..6)
        .map(|_| {
            client.send_request(
                "textDocument/diagnostic",
                json!({"textDocument": {"uri": uri}}),
            )
        })
        .collect();
    let asked = Instant::now();
    let outline = client.send_request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    let outline = client.response(outline);
    assert!(outline.get("error").is_none(), "{outline}");
    assert!(
        client.wait_for(std::time::Duration::ZERO, ready).is_none(),
        "the corpus was indexed before the outline came back ({:?}): the test needs a larger \
         corpus to ask during indexing",
        asked.elapsed()
    );

    let answer = client.response(pull);
    eprintln!(
        "the pull made during indexing was answered {:?} after the outline",
        asked.elapsed()
    );
    assert!(answer.get("error").is_none(), "{answer}");
    let report = &answer["result"];
    assert_eq!(report["kind"], "full", "{report}");
    let items = report["items"].as_array().expect("items");
    assert_eq!(
        lines_and_codes(items),
        expected_findings(),
        "a pull made during indexing must carry the findings, not an empty report"
    );
    for id in more {
        let answer = client.response(id);
        let items = answer["result"]["items"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert_eq!(lines_and_codes(&items), expected_findings(), "{answer}");
    }
    client.shutdown();
}
