//! The hover on a quote says what each source is, as its front matter or page says:
//! title, outlet, author, the date as a reader writes it, and its web address.

use crate::common;

use common::*;
use serde_json::{json, Value};

/// A story with a Markdown source (front matter) and an HTML page (meta tags), each
/// carrying the quote of the draft.
pub fn credited_story() -> TempDir {
    let story = TempDir::new("credit");
    write_credited_sources(&story.path().join("sources"));
    std::fs::write(
        story.path().join("draft.md"),
        "The envoy was upbeat. \u{201c}We are ready to talk about everything that divides \
         us,\u{201d} said Anna Keller.\n",
    )
    .unwrap();
    story
}

#[test]
fn the_hover_on_a_quote_credits_each_source() {
    let story = credited_story();
    let mut client = Client::start();
    client.initialize(story.path(), capabilities(false), Value::Null);
    let draft = story.path().join("draft.md");
    let text = std::fs::read_to_string(&draft).unwrap();
    let uri = client.open(&draft, 1);
    client.diagnostics(&uri, Some(1));
    let (line, col) = find_utf16(&text, "ready to talk");
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": col}}),
    );
    let value = hover["contents"]["value"].as_str().unwrap_or_default();
    for wanted in [
        "Talks resume in Geneva",
        "Wire Service",
        "by Jane Doe",
        "12 March 2016",
        "https://wire.example/talks-resume",
        "The Daily",
        "by Omar Said",
        "14 March 2016",
        "https://daily.example/envoy-upbeat",
    ] {
        assert!(
            value.contains(wanted),
            "the hover should say {wanted:?}:\n{value}"
        );
    }
    for raw in ["2016-03-12T09:30:00Z", "2016-03-14T18:05:00+01:00"] {
        assert!(
            !value.contains(raw),
            "dates are written for a reader, not as {raw}:\n{value}"
        );
    }
    client.shutdown();
}
