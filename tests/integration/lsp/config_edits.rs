//! Edits of `sourced.toml` asked of real `sourced lsp` processes at the same moment: quick
//! fixes clicked in a row (sent without waiting for the answers) and two editors open on
//! one story. Every edit must be in the file afterwards, everything the reporter wrote
//! before must still be there, and no command may fail.

use std::path::Path;
use std::time::Duration;

use serde_json::{json, Value};

use crate::common::server::*;

/// What the reporter wrote before any command: a comment, the corpus, an alias.
const ORIGINAL: &str = "\
# Settings for the refugees story: checked by the desk before publication.
[corpus]
paths = [\"sources\"]  # the wires and the two papers

[aliases]
\"Mike Pompeo\" = \"Michael Pompeo\"
";

fn story_with_settings(tag: &str) -> crate::common::TempDir {
    let story = story(tag);
    std::fs::write(story.0.join("sourced.toml"), ORIGINAL).unwrap();
    story
}

fn alias_command(draft: &str, n: usize, who: &str) -> Value {
    json!({"command": "sourced.addAlias", "arguments": [
        {"uri": draft, "alias": format!("Spelling {who} {n}"), "canonical": format!("Person {who} {n}")}
    ]})
}

fn ignore_command(draft: &str, n: usize, who: &str) -> Value {
    json!({"command": "sourced.ignoreFinding", "arguments": [
        {"uri": draft, "code": "unsourced-quote", "text": format!("a quote from {who} number {n}")}
    ]})
}

/// Send `commands` to `s` without waiting; returns their ids.
fn send_all(s: &mut Server, commands: &[Value]) -> Vec<i64> {
    commands
        .iter()
        .map(|c| s.request_async("workspace/executeCommand", c.clone()))
        .collect()
}

/// Every response is a success; returns the failures' text otherwise.
fn failures(s: &mut Server, ids: &[i64]) -> Vec<String> {
    ids.iter()
        .filter_map(|&id| {
            let r = s.response(id, Duration::from_secs(120));
            r.get("error").map(|e| format!("request {id}: {e}"))
        })
        .collect()
}

/// What is missing from the `sourced.toml` at `dir`: the original content, and each
/// `(who, n)` alias and ignore entry.
fn missing(dir: &Path, edits: &[(String, usize)]) -> Vec<String> {
    let text = std::fs::read_to_string(dir.join("sourced.toml")).expect("sourced.toml is there");
    let mut missing = Vec::new();
    for line in [
        "# Settings for the refugees story: checked by the desk before publication.",
        "paths = [\"sources\"]  # the wires and the two papers",
        "\"Mike Pompeo\" = \"Michael Pompeo\"",
    ] {
        if !text.contains(line) {
            missing.push(format!("original line {line:?}"));
        }
    }
    let doc: toml::Table = match text.parse() {
        Ok(d) => d,
        Err(e) => return vec![format!("the file no longer reads as TOML: {e}\n{text}")],
    };
    let aliases = doc.get("aliases").and_then(|a| a.as_table());
    let ignores = doc.get("ignore").and_then(|i| i.as_array());
    for (who, n) in edits {
        let alias = format!("Spelling {who} {n}");
        let canonical = format!("Person {who} {n}");
        if aliases.and_then(|a| a.get(&alias)).and_then(|v| v.as_str()) != Some(&canonical) {
            missing.push(format!("alias {alias:?}"));
        }
        let text = format!("a quote from {who} number {n}");
        let count = ignores.map_or(0, |list| {
            list.iter()
                .filter(|t| t.get("text").and_then(|v| v.as_str()) == Some(&text))
                .count()
        });
        if count != 1 {
            missing.push(format!("ignore {text:?} ({count} times)"));
        }
    }
    if !missing.is_empty() {
        missing.push(format!("the file:\n{text}"));
    }
    missing
}

#[test]
fn fifty_edits_sent_at_once_to_one_server_all_land() {
    let story = story_with_settings("edits-one");
    let mut s = Server::start(&story.0);
    s.initialize(&story.0);
    let draft = uri_of(&story.0.join("draft.md"));
    s.open(&draft, &draft_text(), 1);
    s.diagnostics(&draft, 1, Duration::from_secs(60));

    let mut commands = Vec::new();
    let mut edits = Vec::new();
    for n in 0..25 {
        commands.push(alias_command(&draft, n, "A"));
        commands.push(ignore_command(&draft, n, "A"));
        edits.push(("A".to_string(), n));
    }
    let ids = send_all(&mut s, &commands);
    assert_eq!(ids.len(), 50);
    let failed = failures(&mut s, &ids);
    assert!(failed.is_empty(), "commands failed:\n{}", failed.join("\n"));
    let missing = missing(&story.0, &edits);
    assert!(missing.is_empty(), "lost:\n{}", missing.join("\n"));
    // No temporary file is left beside it.
    let left: Vec<String> = std::fs::read_dir(&story.0)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "temporary files left: {left:?}");
    s.still_serving(&draft);
    s.shutdown();
}

#[test]
fn two_servers_on_one_story_keep_each_others_edits() {
    let story = story_with_settings("edits-two");
    let draft = uri_of(&story.0.join("draft.md"));
    let mut servers: Vec<Server> = (0..2)
        .map(|_| {
            let mut s = Server::start(&story.0);
            s.initialize(&story.0);
            s.open(&draft, &draft_text(), 1);
            s.diagnostics(&draft, 1, Duration::from_secs(60));
            s
        })
        .collect();
    let mut sent = Vec::new();
    // Interleaved: one command to each server in turn, none waited for.
    let mut ids: Vec<Vec<i64>> = vec![Vec::new(), Vec::new()];
    for n in 0..10 {
        for (i, s) in servers.iter_mut().enumerate() {
            let who = if i == 0 { "A" } else { "B" };
            let command = if n % 2 == 0 {
                alias_command(&draft, n, who)
            } else {
                ignore_command(&draft, n, who)
            };
            ids[i].extend(send_all(s, &[command]));
            sent.push((who.to_string(), n));
        }
    }
    let mut failed = Vec::new();
    for (i, s) in servers.iter_mut().enumerate() {
        failed.extend(failures(s, &ids[i]));
    }
    assert!(failed.is_empty(), "commands failed:\n{}", failed.join("\n"));

    // Each server sent an alias for even n and an ignore entry for odd n.
    let text = std::fs::read_to_string(story.0.join("sourced.toml")).unwrap();
    let doc: toml::Table = text.parse().expect("sourced.toml reads as TOML");
    let aliases = doc["aliases"].as_table().expect("[aliases]");
    let ignores = doc["ignore"].as_array().expect("[[ignore]]");
    let mut lost = Vec::new();
    for (who, n) in &sent {
        if n % 2 == 0 {
            let alias = format!("Spelling {who} {n}");
            if aliases.get(&alias).and_then(|v| v.as_str()) != Some(&format!("Person {who} {n}")) {
                lost.push(alias);
            }
        } else {
            let quote = format!("a quote from {who} number {n}");
            let count = ignores
                .iter()
                .filter(|t| t["text"].as_str() == Some(quote.as_str()))
                .count();
            if count != 1 {
                lost.push(format!("{quote} ({count} times)"));
            }
        }
    }
    assert!(lost.is_empty(), "lost edits {lost:?}; the file:\n{text}");
    assert_eq!(aliases.len(), 1 + 10, "aliases: {text}");
    assert_eq!(ignores.len(), 10, "ignore entries: {text}");
    for line in ORIGINAL.lines().filter(|l| !l.is_empty()) {
        assert!(text.contains(line), "{line:?} lost; the file:\n{text}");
    }
    for s in servers {
        s.shutdown();
    }
}
