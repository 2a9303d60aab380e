//! A `sourced.toml` with an error, as a reporter makes one while editing it: the findings
//! stay (the server keeps checking with the settings last read without an error, or the
//! defaults when there were none), the error is shown on the file itself at its line and
//! column, and it goes away when the file is mended.

use crate::common;

use std::path::Path;

use common::*;
use serde_json::{json, Value};

/// A severity the settings do not know, on line 3 (column 19 is the value).
const BROKEN: &str =
    "[corpus]\npaths = [\"sources\"]\n[check.severity]\nunsourced-quote = \"loud\"\n";
const GOOD: &str =
    "[corpus]\npaths = [\"sources\"]\n[check.severity]\nunsourced-quote = \"error\"\n";

fn toml_changed(client: &mut Client, toml: &Path) {
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(toml), "type": 2}]}),
    );
}

/// The next diagnostics published for `sourced.toml`.
fn toml_diagnostics(client: &mut Client, toml: &Path) -> Vec<Value> {
    client.diagnostics(&file_uri(toml), None)
}

#[test]
fn a_broken_sourced_toml_keeps_the_findings_and_is_shown_where_it_is_wrong() {
    let story = syria_story();
    let toml = story.path().join("sourced.toml");
    std::fs::write(&toml, GOOD).unwrap();
    let mut client = Client::start();
    client.initialize(story.path(), capabilities(false), Value::Null);
    let draft = story.path().join("draft.md");
    let uri = client.open(&draft, 1);
    let diags = client.diagnostics(&uri, Some(1));
    assert_eq!(lines_and_codes(&diags), expected_findings(), "{diags:#?}");

    // The reporter saves a typo.
    std::fs::write(&toml, BROKEN).unwrap();
    toml_changed(&mut client, &toml);
    let on_toml = toml_diagnostics(&mut client, &toml);
    assert_eq!(
        on_toml.len(),
        1,
        "one problem in sourced.toml: {on_toml:#?}"
    );
    let d = &on_toml[0];
    assert_eq!(d["severity"], 1, "{d}");
    assert_eq!(
        (
            &d["range"]["start"]["line"],
            &d["range"]["start"]["character"]
        ),
        (&json!(3), &json!(18)),
        "on the value `\"loud\"` (line 4, column 19): {d}"
    );
    assert!(
        d["message"].as_str().unwrap().contains("loud"),
        "the message names what is wrong: {d}"
    );
    // The draft is checked again with the settings last read well: the same findings
    // (asked for by an edit, so that the answer is one made after the change).
    let text = std::fs::read_to_string(&draft).unwrap();
    client.change(&uri, 2, json!([{ "text": text }]));
    let diags = client.diagnostics(&uri, Some(2));
    assert_eq!(
        lines_and_codes(&diags),
        expected_findings(),
        "a broken sourced.toml must not clear the findings: {diags:#?}"
    );

    // Mended: the problem goes, the findings stay.
    std::fs::write(&toml, GOOD).unwrap();
    toml_changed(&mut client, &toml);
    let on_toml = toml_diagnostics(&mut client, &toml);
    assert!(on_toml.is_empty(), "cleared when mended: {on_toml:#?}");
    client.change(&uri, 3, json!([{ "text": text }]));
    let diags = client.diagnostics(&uri, Some(3));
    assert_eq!(lines_and_codes(&diags), expected_findings(), "{diags:#?}");
    client.shutdown();
}

#[test]
fn a_sourced_toml_broken_from_the_start_still_checks_with_the_defaults() {
    let story = syria_story();
    let toml = story.path().join("sourced.toml");
    // Not TOML at all: an unclosed array (the error is at the end of line 2).
    std::fs::write(&toml, "[corpus]\npaths = [\"sources\"\n").unwrap();
    let mut client = Client::start();
    client.initialize(story.path(), capabilities(false), Value::Null);
    let on_toml = toml_diagnostics(&mut client, &toml);
    assert_eq!(on_toml.len(), 1, "{on_toml:#?}");
    assert_eq!(on_toml[0]["range"]["start"]["line"], 1, "{on_toml:#?}");
    let uri = client.open(&story.path().join("draft.md"), 1);
    let diags = client.diagnostics(&uri, Some(1));
    assert_eq!(
        lines_and_codes(&diags),
        expected_findings(),
        "the sources/ folder beside sourced.toml is checked against: {diags:#?}"
    );
    client.shutdown();
}
