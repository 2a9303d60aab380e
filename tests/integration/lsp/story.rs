//! The language server on the bundled syria-refugees story, against the real binary over
//! stdio: the findings expected.md lists, hover, definition, references, quick fixes,
//! commands that write sourced.toml, edits reflected in the next diagnostics, UTF-16
//! positions over emoji and accented names, file watching.

use crate::common;

use std::path::Path;

use common::*;
use serde_json::{json, Value};

struct Session {
    story: TempDir,
    client: Client,
    uri: String,
    text: String,
}

fn start(utf8: bool) -> Session {
    let story = syria_story();
    let mut client = Client::start();
    client.initialize(story.path(), capabilities(utf8), Value::Null);
    let draft = story.path().join("draft.md");
    let text = std::fs::read_to_string(&draft).unwrap();
    let uri = client.open(&draft, 1);
    Session {
        story,
        client,
        uri,
        text,
    }
}

fn pos(line: u32, character: u32) -> Value {
    json!({"line": line, "character": character})
}

fn at(s: &Session, needle: &str) -> Value {
    let (l, c) = find_utf16(&s.text, needle);
    pos(l, c + 1)
}

fn source_line(file: &Path, needle: &str) -> u64 {
    let text = std::fs::read_to_string(file).unwrap();
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} not in {}", file.display()));
    text[..at].matches('\n').count() as u64
}

#[test]
fn the_story_gets_exactly_the_expected_findings() {
    let mut s = start(false);
    let diags = s.client.diagnostics(&s.uri, Some(1));
    assert_eq!(
        crate::common::problems(&diags),
        expected_findings(),
        "{diags:#?}"
    );
    for d in &diags {
        assert_eq!(d["source"], "sourced");
        assert!(!d["message"].as_str().unwrap().is_empty());
    }
    // The misattribution points at its evidence in the sources.
    let mis = diags
        .iter()
        .find(|d| d["code"] == "misattributed-quote")
        .unwrap();
    let related = mis["relatedInformation"]
        .as_array()
        .expect("related information");
    assert!(related.iter().any(|r| r["location"]["uri"]
        .as_str()
        .unwrap()
        .ends_with("sources/arab-news.txt")
        || r["location"]["uri"]
            .as_str()
            .unwrap()
            .ends_with("sources/afp-wire-rewrite.txt")));
    // Pull diagnostics agree with the pushed ones.
    let pulled = s.client.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": s.uri}}),
    );
    assert_eq!(pulled["kind"], "full");
    let items = pulled["items"].as_array().unwrap();
    assert_eq!(crate::common::problems(items), expected_findings());
    let again = s.client.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": s.uri}, "previousResultId": pulled["resultId"]}),
    );
    assert_eq!(again["kind"], "unchanged");
}

#[test]
fn hover_definition_and_references() {
    let mut s = start(false);
    s.client.diagnostics(&s.uri, Some(1));
    let doc = json!({"uri": s.uri});

    // Hover on the verified quote of line 5 names both sources.
    let hover = s.client.request(
        "textDocument/hover",
        json!({"textDocument": doc, "position": at(&s, "Specific proposals")}),
    );
    let value = hover["contents"]["value"].as_str().expect("hover text");
    assert!(value.contains("afp-wire-rewrite.txt"), "{value}");
    assert!(value.contains("arab-news.txt"), "{value}");
    assert!(value.contains("Mizintsev"), "{value}");

    // Definition lands on the matching passage in each source, on the right line.
    let defs = s.client.request(
        "textDocument/definition",
        json!({"textDocument": doc, "position": at(&s, "Specific proposals")}),
    );
    let defs = defs.as_array().expect("locations");
    let sources = s.story.path().join("sources");
    for file in ["arab-news.txt", "afp-wire-rewrite.txt"] {
        let line = source_line(&sources.join(file), "Specific proposals on how work");
        let hit = defs
            .iter()
            .find(|d| d["uri"].as_str().unwrap().ends_with(file));
        let hit = hit.unwrap_or_else(|| panic!("no definition in {file}: {defs:?}"));
        assert_eq!(hit["range"]["start"]["line"], line, "{file}: {hit}");
    }

    // Hover on a person: the title the sources give.
    let hover = s.client.request(
        "textDocument/hover",
        json!({"textDocument": doc, "position": at(&s, "Mattis said")}),
    );
    let value = hover["contents"]["value"].as_str().expect("person hover");
    assert!(value.contains("Secretary of Defense"), "{value}");
    assert!(value.contains("breitbart.txt"), "{value}");

    // References: every mention of Mattis, in the draft and in breitbart.txt.
    let refs = s.client.request(
        "textDocument/references",
        json!({"textDocument": doc, "position": at(&s, "Mattis said"),
               "context": {"includeDeclaration": true}}),
    );
    let refs = refs.as_array().expect("references");
    let in_draft: Vec<u64> = refs
        .iter()
        .filter(|r| r["uri"] == json!(s.uri))
        .map(|r| r["range"]["start"]["line"].as_u64().unwrap())
        .collect();
    assert_eq!(
        in_draft,
        vec![12, 12],
        "both draft mentions on line 13: {refs:?}"
    );
    let breitbart = sources.join("breitbart.txt");
    let line = source_line(&breitbart, "Secretary of Defense Jim Mattis");
    assert!(refs
        .iter()
        .any(|r| r["uri"].as_str().unwrap().ends_with("breitbart.txt")
            && r["range"]["start"]["line"] == line));

    // Inlay hint after the line-5 quote.
    let hints = s.client.request(
        "textDocument/inlayHint",
        json!({"textDocument": doc, "range": {"start": pos(0, 0), "end": pos(30, 0)}}),
    );
    let labels: Vec<&str> = hints
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|h| h["label"].as_str())
        .collect();
    assert!(labels.contains(&"Mizintsev, 2 sources"), "{labels:?}");

    // Outline: quotes and people.
    let symbols = s
        .client
        .request("textDocument/documentSymbol", json!({"textDocument": doc}));
    let names: Vec<&str> = symbols
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|x| x["name"].as_str())
        .collect();
    assert!(
        names.iter().any(|n| n.contains("Specific proposals")),
        "{names:?}"
    );
    assert!(names.contains(&"Mike Pompeo"), "{names:?}");
}

/// Apply a TextEdit from the server as an incremental change.
fn apply(s: &mut Session, version: i64, edit: &Value) {
    s.client.change(
        &s.uri,
        version,
        json!([{"range": edit["range"], "text": edit["newText"]}]),
    );
}

#[test]
fn quick_fix_edit_removes_its_finding() {
    let mut s = start(false);
    let diags = s.client.diagnostics(&s.uri, Some(1));
    let altered = diags
        .iter()
        .find(|d| d["code"] == "altered-quote")
        .expect("altered quote")
        .clone();
    let actions = s.client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": s.uri}, "range": altered["range"],
               "context": {"diagnostics": [altered]}}),
    );
    let fix = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["edit"].is_object())
        .expect("a quick fix with an edit")
        .clone();
    let edits = fix["edit"]["changes"][&s.uri].as_array().unwrap().clone();
    assert_eq!(edits.len(), 1);
    apply(&mut s, 2, &edits[0]);
    let after = s.client.diagnostics(&s.uri, Some(2));
    let want: Vec<(u64, String)> = expected_findings()
        .into_iter()
        .filter(|(l, _)| *l != 9)
        .collect();
    assert_eq!(crate::common::problems(&after), want, "{after:#?}");
}

#[test]
fn edits_that_break_and_fix_a_quote_show_in_the_next_diagnostics() {
    let mut s = start(false);
    s.client.diagnostics(&s.uri, Some(1));
    let (l, c) = find_utf16(&s.text, "organised to ensure");
    let range = json!({"start": pos(l, c), "end": pos(l, c + "organised".len() as u32)});
    s.client
        .change(&s.uri, 2, json!([{"range": range, "text": "arranged"}]));
    let broken = s.client.diagnostics(&s.uri, Some(2));
    assert!(
        crate::common::problems(&broken).contains(&(5, "altered-quote".to_string())),
        "{broken:#?}"
    );
    let range = json!({"start": pos(l, c), "end": pos(l, c + "arranged".len() as u32)});
    s.client
        .change(&s.uri, 3, json!([{"range": range, "text": "organised"}]));
    let fixed = s.client.diagnostics(&s.uri, Some(3));
    assert_eq!(crate::common::problems(&fixed), expected_findings());
}

/// Positions count UTF-16 code units (or bytes, when UTF-8 was negotiated) over emoji and
/// accented letters, both in the edits the server applies and in what it reports.
fn utf_positions(utf8: bool) {
    let mut s = start(utf8);
    let before = s.client.diagnostics(&s.uri, Some(1));
    let mis = |d: &[Value]| -> Value {
        d.iter()
            .find(|x| x["code"] == "misattributed-quote")
            .expect("misattributed")
            .clone()
    };
    let col0 = mis(&before)["range"]["start"]["character"]
        .as_u64()
        .unwrap();
    let prefix = "😀 Zoë ";
    let width = if utf8 {
        prefix.len()
    } else {
        prefix.encode_utf16().count()
    } as u64;
    s.client.change(
        &s.uri,
        2,
        json!([{"range": {"start": pos(6, 0), "end": pos(6, 0)}, "text": prefix}]),
    );
    let after = s.client.diagnostics(&s.uri, Some(2));
    assert_eq!(crate::common::problems(&after), expected_findings());
    assert_eq!(
        mis(&after)["range"]["start"]["character"].as_u64().unwrap(),
        col0 + width
    );
    // Now fix the speaker with an edit whose columns lie after the emoji.
    let line = format!("{prefix}{}", s.text.lines().nth(6).unwrap());
    let at = line.find("Secretary of State Mike Pompeo").unwrap();
    let (start, end) = if utf8 {
        (at, at + "Secretary of State Mike Pompeo".len())
    } else {
        let s16 = line[..at].encode_utf16().count();
        (s16, s16 + "Secretary of State Mike Pompeo".len())
    };
    s.client.change(
        &s.uri,
        3,
        json!([{"range": {"start": pos(6, start as u32), "end": pos(6, end as u32)},
                "text": "General Mikhail Mizintsev"}]),
    );
    let fixed = s.client.diagnostics(&s.uri, Some(3));
    let want: Vec<(u64, String)> = expected_findings()
        .into_iter()
        .filter(|(l, _)| *l != 7)
        .collect();
    assert_eq!(crate::common::problems(&fixed), want, "{fixed:#?}");
}

#[test]
fn utf16_positions_over_emoji_and_accents() {
    utf_positions(false);
}

#[test]
fn utf8_positions_over_emoji_and_accents() {
    utf_positions(true);
}

#[test]
fn ignore_and_alias_commands_write_sourced_toml() {
    let mut s = start(false);
    let diags = s.client.diagnostics(&s.uri, Some(1));
    let mut commands = Vec::new();
    for code in ["unsourced-quote", "misspelled-name"] {
        let d = diags.iter().find(|d| d["code"] == code).unwrap().clone();
        let actions = s.client.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": s.uri}, "range": d["range"], "context": {"diagnostics": [d]}}),
        );
        let wanted = if code == "unsourced-quote" {
            "sourced.ignoreFinding"
        } else {
            "sourced.addAlias"
        };
        let cmd = actions
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["command"]["command"] == wanted)
            .unwrap_or_else(|| panic!("no {wanted} action: {actions}"))["command"]
            .clone();
        commands.push(cmd);
    }
    for cmd in &commands {
        s.client.request(
            "workspace/executeCommand",
            json!({"command": cmd["command"], "arguments": cmd["arguments"]}),
        );
    }
    let toml =
        std::fs::read_to_string(s.story.path().join("sourced.toml")).expect("sourced.toml written");
    assert!(
        toml.contains("[[ignore]]") && toml.contains("unsourced-quote"),
        "{toml}"
    );
    assert!(toml.contains("Mizintzev"), "{toml}");
    let want: Vec<(u64, String)> = expected_findings()
        .into_iter()
        .filter(|(l, _)| *l != 11 && *l != 15)
        .collect();
    let uri = s.uri.clone();
    let got = s.client.wait_for(TIMEOUT, |v| {
        v["method"] == "textDocument/publishDiagnostics"
            && v["params"]["uri"] == json!(uri)
            && crate::common::problems(v["params"]["diagnostics"].as_array().unwrap()) == want
    });
    assert!(
        got.is_some(),
        "findings still shown after the commands; sourced.toml:\n{toml}"
    );
}

#[test]
fn a_new_source_file_is_indexed_and_the_draft_rechecked() {
    let mut s = start(false);
    s.client.diagnostics(&s.uri, Some(1));
    let new = s.story.path().join("sources/statement.txt");
    std::fs::write(
        &new,
        "Pompeo also spoke about money. \"We will not pay for reconstruction while Assad stays in power,\" Secretary of State Mike Pompeo said.\n",
    )
    .unwrap();
    s.client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&new), "type": 1}]}),
    );
    let want: Vec<(u64, String)> = expected_findings()
        .into_iter()
        .filter(|(l, _)| *l != 11)
        .collect();
    let uri = s.uri.clone();
    let got = s.client.wait_for(TIMEOUT, |v| {
        v["method"] == "textDocument/publishDiagnostics"
            && v["params"]["uri"] == json!(uri)
            && crate::common::problems(v["params"]["diagnostics"].as_array().unwrap()) == want
    });
    assert!(got.is_some(), "the new source was not taken into account");
}

#[test]
fn a_settings_change_applies_to_the_next_diagnostics_and_pulls() {
    let mut s = start(false);
    s.client.diagnostics(&s.uri, Some(1));
    s.client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"sourced": {"severity": {"altered-quote": "off", "title-mismatch": "error"}}}}),
    );
    let want: Vec<(u64, String)> = expected_findings()
        .into_iter()
        .filter(|(l, _)| *l != 9)
        .collect();
    let uri = s.uri.clone();
    let got = s.client.wait_for(TIMEOUT, |v| {
        v["method"] == "textDocument/publishDiagnostics"
            && v["params"]["uri"] == json!(uri)
            && crate::common::problems(v["params"]["diagnostics"].as_array().unwrap()) == want
    });
    let got = got.expect("diagnostics after the settings change");
    let title = got["params"]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "title-mismatch")
        .unwrap()
        .clone();
    assert_eq!(title["severity"], 1, "title-mismatch is now an error");
    let pulled = s.client.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": s.uri}}),
    );
    assert_eq!(
        crate::common::problems(pulled["items"].as_array().unwrap()),
        want
    );
}

#[test]
fn a_pulling_client_without_refresh_gets_diagnostics_once_indexing_ends() {
    let story = syria_story();
    let mut client = Client::start();
    let mut caps = capabilities(false);
    caps["textDocument"]["diagnostic"] = json!({"dynamicRegistration": false});
    client.initialize(story.path(), caps, Value::Null);
    let uri = client.open(&story.path().join("draft.md"), 1);
    // Pulled at once (probably while indexing), then never again.
    client.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": uri}}),
    );
    let u = uri.clone();
    let got = client.wait_for(TIMEOUT, |v| {
        v["method"] == "textDocument/publishDiagnostics"
            && v["params"]["uri"] == json!(u)
            && crate::common::problems(v["params"]["diagnostics"].as_array().unwrap())
                == expected_findings()
    });
    assert!(
        got.is_some(),
        "no diagnostics reached a client that cannot refresh"
    );
}

/// The diagnostics of `uri` a client received pushed, with at least one finding.
fn pushed_findings(client: &Client, uri: &str) -> usize {
    client
        .log
        .iter()
        .filter(|v| {
            v["method"] == "textDocument/publishDiagnostics"
                && v["params"]["uri"] == json!(uri)
                && v["params"]["diagnostics"]
                    .as_array()
                    .is_some_and(|d| !d.is_empty())
        })
        .count()
}

#[test]
fn a_client_that_pulls_without_refresh_is_only_pushed_to() {
    // Neovim 0.11 declares pull diagnostics and no refresh: it must get one set of
    // findings, pushed, and no offer to pull a second set.
    let story = syria_story();
    let mut client = Client::start();
    let mut caps = capabilities(false);
    caps["textDocument"]["diagnostic"] = json!({"dynamicRegistration": false});
    let init = client.initialize(story.path(), caps, Value::Null);
    assert!(
        init["capabilities"].get("diagnosticProvider").is_none(),
        "pull diagnostics offered to a client that cannot be asked to pull again: {init}"
    );
    let uri = client.open(&story.path().join("draft.md"), 1);
    let u = uri.clone();
    let got = client.wait_for(TIMEOUT, |v| {
        v["method"] == "textDocument/publishDiagnostics"
            && v["params"]["uri"] == json!(u)
            && crate::common::problems(v["params"]["diagnostics"].as_array().unwrap())
                == expected_findings()
    });
    assert!(got.is_some(), "the findings were not pushed");
}

#[test]
fn a_client_that_pulls_and_refreshes_is_never_pushed_findings() {
    // VS Code declares pull diagnostics and refresh: it pulls, and a push on top would
    // show each finding twice.
    let story = syria_story();
    let mut client = Client::start();
    let mut caps = capabilities(false);
    caps["textDocument"]["diagnostic"] = json!({"dynamicRegistration": false});
    caps["workspace"]["diagnostics"] = json!({"refreshSupport": true});
    let init = client.initialize(story.path(), caps, Value::Null);
    assert_eq!(
        init["capabilities"]["diagnosticProvider"]["identifier"],
        "sourced"
    );
    let uri = client.open(&story.path().join("draft.md"), 1);
    // Indexing ends with a request to pull again; the pull then has the findings.
    let refreshed = client.wait_for(TIMEOUT, |v| v["method"] == "workspace/diagnostic/refresh");
    assert!(
        refreshed.is_some(),
        "no refresh request once indexing ended"
    );
    let pulled = client.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(
        crate::common::problems(pulled["items"].as_array().unwrap()),
        expected_findings()
    );
    // An edit: checked again, still nothing pushed.
    client.change(&uri, 2, json!([{"text": std::fs::read_to_string(story.path().join("draft.md")).unwrap() + "\nMore.\n"}]));
    let again = client.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(
        crate::common::problems(again["items"].as_array().unwrap()),
        expected_findings()
    );
    client.wait_for(std::time::Duration::from_secs(2), |_| false);
    assert_eq!(
        pushed_findings(&client, &uri),
        0,
        "findings pushed to a pulling client"
    );
}

#[test]
fn a_misspelled_name_hovers_and_jumps_as_its_diagnostic_says() {
    let mut s = start(false);
    s.client.diagnostics(&s.uri, Some(1));
    let doc = json!({"uri": s.uri});
    let on_name = at(&s, "Mizintzev said Russia");
    let hover = s.client.request(
        "textDocument/hover",
        json!({"textDocument": doc, "position": on_name}),
    );
    let value = hover["contents"]["value"].as_str().expect("hover text");
    assert!(
        value.contains("misspelling") && value.contains("Mizintsev"),
        "the hover contradicts the misspelled-name diagnostic: {value}"
    );
    assert!(!value.contains("do not name this person"), "{value}");
    // Definition: the person meant, where the sources spell the name.
    let defs = s.client.request(
        "textDocument/definition",
        json!({"textDocument": doc, "position": on_name}),
    );
    let defs = defs.as_array().expect("the person meant");
    let afp = s.story.path().join("sources/afp-wire-rewrite.txt");
    let line = source_line(&afp, "General Mikhail Mizintsev");
    assert!(
        defs.iter().any(
            |d| d["uri"].as_str().unwrap().ends_with("afp-wire-rewrite.txt")
                && d["range"]["start"]["line"] == line
        ),
        "{defs:?}"
    );
}

#[test]
fn references_on_a_quote_are_the_places_the_sources_have_it() {
    let mut s = start(false);
    s.client.diagnostics(&s.uri, Some(1));
    let refs = s.client.request(
        "textDocument/references",
        json!({"textDocument": {"uri": s.uri}, "position": at(&s, "Specific proposals"),
               "context": {"includeDeclaration": false}}),
    );
    let refs = refs.as_array().expect("the source places");
    let sources = s.story.path().join("sources");
    let mut got: Vec<(String, u64)> = refs
        .iter()
        .map(|r| {
            let uri = r["uri"].as_str().unwrap();
            (
                uri.rsplit('/').next().unwrap().to_string(),
                r["range"]["start"]["line"].as_u64().unwrap(),
            )
        })
        .collect();
    got.sort();
    let mut want: Vec<(String, u64)> = ["afp-wire-rewrite.txt", "arab-news.txt"]
        .iter()
        .map(|f| {
            (
                f.to_string(),
                source_line(&sources.join(f), "Specific proposals on how work"),
            )
        })
        .collect();
    want.sort();
    assert_eq!(got, want);
}

/// The hover on a quote finding says how the verdict was reached, in two lines: how many
/// words matched where, and who each side makes the speaker and how.
#[test]
fn the_hover_on_a_quote_finding_says_how_the_verdict_was_reached() {
    let mut s = start(false);
    s.client.diagnostics(&s.uri, Some(1));
    let doc = json!({"uri": s.uri});
    let hover = s.client.request(
        "textDocument/hover",
        json!({"textDocument": doc, "position": at(&s, "The Russian proposals")}),
    );
    let value = hover["contents"]["value"].as_str().expect("hover text");
    let lines: Vec<&str> = value.lines().collect();
    assert!(lines[0].starts_with("**Quote misattributed.**"), "{value}");
    let matched = lines
        .iter()
        .find(|l| l.starts_with("Matched "))
        .unwrap_or_else(|| panic!("no basis line: {value}"));
    assert!(
        matched.starts_with("Matched 11 of 11 words of a quotation in [")
            && matched.contains(".txt:"),
        "{matched}"
    );
    let speakers = lines
        .iter()
        .find(|l| l.starts_with("Speaker there: "))
        .unwrap_or_else(|| panic!("no speaker line: {value}"));
    assert!(
        speakers.starts_with("Speaker there: Mikhail Mizintsev (")
            && speakers.ends_with("; here: Mike Pompeo (named in the attribution)."),
        "{speakers}"
    );

    // The altered quote of line 9: its speaker resolved from "he".
    let hover = s.client.request(
        "textDocument/hover",
        json!({"textDocument": doc, "position": at(&s, "through a voluntary process")}),
    );
    let value = hover["contents"]["value"].as_str().expect("hover text");
    assert!(
        value.contains(
            "here: Mike Pompeo (resolved from \u{201c}he\u{201d}, the person named just before)."
        ),
        "{value}"
    );
}

#[test]
fn a_client_that_reads_plain_text_gets_a_plain_text_hover() {
    let story = syria_story();
    let mut client = Client::start();
    let mut caps = capabilities(false);
    caps["textDocument"]["hover"] = json!({"contentFormat": ["plaintext"]});
    client.initialize(story.path(), caps, Value::Null);
    let draft = story.path().join("draft.md");
    let text = std::fs::read_to_string(&draft).unwrap();
    let uri = client.open(&draft, 1);
    client.diagnostics(&uri, Some(1));
    let (l, c) = find_utf16(&text, "Specific proposals");
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": pos(l, c + 1)}),
    );
    assert_eq!(hover["contents"]["kind"], "plaintext");
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(value.contains("arab-news.txt"), "{value}");
    // The same words as the Markdown hover says how the verdict was reached.
    assert!(
        value.lines().any(|l| l.starts_with("Matched ")
            && l.contains(" words of a quotation in ")
            && l.contains(".txt:")),
        "{value}"
    );
    assert!(
        value
            .lines()
            .any(|l| l.starts_with("Speaker there: Mikhail Mizintsev (")),
        "{value}"
    );
    for markup in ["](", "**", "`", "file://"] {
        assert!(
            !value.contains(markup),
            "Markdown {markup:?} in a plain text hover: {value}"
        );
    }
}

#[test]
fn a_person_named_once_has_1_mention_in_the_outline() {
    let mut s = start(false);
    s.client.diagnostics(&s.uri, Some(1));
    let symbols = s.client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": s.uri}}),
    );
    let details: Vec<String> = symbols
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["detail"].as_str().map(str::to_string))
        .collect();
    assert!(
        details.iter().any(|d| d.starts_with("1 mention ·")),
        "{details:?}"
    );
    assert!(
        !details.iter().any(|d| d.starts_with("1 mentions")),
        "{details:?}"
    );
}

#[test]
fn no_diagnostic_links_to_a_path_of_the_build_machine() {
    let mut s = start(false);
    let diags = s.client.diagnostics(&s.uri, Some(1));
    assert_eq!(crate::common::problems(&diags), expected_findings());
    for d in &diags {
        let href = d["codeDescription"]["href"].as_str().unwrap_or("");
        assert!(
            !href.starts_with("file:"),
            "a link that points nowhere on a user's machine: {href}"
        );
    }
}

#[test]
fn a_watched_file_that_is_not_a_source_format_is_not_indexed() {
    // A .pdf dropped beside the sources: `sourced check` does not read it, neither may the
    // server when the editor reports it.
    let mut s = start(false);
    s.client.diagnostics(&s.uri, Some(1));
    let sources = s.story.path().join("sources");
    let pdf = sources.join("statement.pdf");
    std::fs::write(
        &pdf,
        "\"We will not pay for reconstruction while Assad stays in power,\" Secretary of State Mike Pompeo said.\n",
    )
    .unwrap();
    let txt = sources.join("unrelated.txt");
    std::fs::write(&txt, "The weather in Helsinki was mild that week.\n").unwrap();
    s.client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&pdf), "type": 1}, {"uri": file_uri(&txt), "type": 1}]}),
    );
    // The .txt is a source: the draft is checked again once both are handled.
    let uri = s.uri.clone();
    let got = s
        .client
        .wait_for(TIMEOUT, |v| {
            v["method"] == "textDocument/publishDiagnostics" && v["params"]["uri"] == json!(uri)
        })
        .expect("the draft was not checked again");
    assert_eq!(
        crate::common::problems(got["params"]["diagnostics"].as_array().unwrap()),
        expected_findings(),
        "the quote of line 11 was found in the .pdf"
    );
}
