//! The real server when the story folder is not what it seems or changes under it: a
//! corpus that holds the open draft, and a sources folder renamed or deleted whole (one
//! event for the folder, or none at all), and an editor that sends no file events.

use std::fs;
use std::path::Path;
use std::time::Duration;

use serde_json::{json, Value};

use crate::common::server::*;

fn codes(diags: &[Value]) -> Vec<String> {
    diags
        .iter()
        .map(|d| d["code"].as_str().unwrap_or("").to_string())
        .collect()
}

const THE_FIVE: [&str; 5] = [
    "misattributed-quote",
    "altered-quote",
    "unsourced-quote",
    "misspelled-name",
    "title-mismatch",
];

/// The messages the server showed the user (window/showMessage), so far.
fn shown(s: &Server) -> Vec<String> {
    s.client
        .log
        .iter()
        .filter(|m| m["method"] == "window/showMessage")
        .map(|m| m["params"]["message"].as_str().unwrap_or("").to_string())
        .collect()
}

#[test]
fn the_open_draft_is_never_its_own_source() {
    // The corpus is the story folder: the draft is one of its files.
    let story = story("own-source-lsp");
    fs::write(story.0.join("sourced.toml"), "[corpus]\npaths = [\".\"]\n").unwrap();
    let mut s = Server::start(&story.0);
    s.initialize(&story.0);
    let draft = uri_of(&story.0.join("draft.md"));
    s.open(&draft, &draft_text(), 1);
    let diags = s.diagnostics(&draft, 1, Duration::from_secs(60));
    assert_eq!(codes(&diags), THE_FIVE);
    s.drain(Duration::from_millis(300));
    let said: Vec<String> = shown(&s)
        .into_iter()
        .filter(|m| m.starts_with("Sourced skipped"))
        .collect();
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(said[0].contains("the draft itself"), "{said:?}");
    // The story's own settings file is not taken for a source that could not be read.
    assert!(
        !shown(&s).iter().any(|m| m.contains("sourced.toml")),
        "{:?}",
        shown(&s)
    );
    // Typing goes on with the same findings (the draft stays out of its corpus).
    let edited = format!("{}\nA new line.\n", draft_text());
    s.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": draft, "version": 2}, "contentChanges": [{"text": edited}]}),
    );
    assert_eq!(
        codes(&s.diagnostics(&draft, 2, Duration::from_secs(60))),
        THE_FIVE
    );
    s.shutdown();

    // A copy of the draft among the sources.
    let story = story_with_copy();
    let mut s = Server::start(&story.0);
    s.initialize(&story.0);
    let draft = uri_of(&story.0.join("draft.md"));
    s.open(&draft, &draft_text(), 1);
    assert_eq!(
        codes(&s.diagnostics(&draft, 1, Duration::from_secs(60))),
        THE_FIVE
    );
    s.drain(Duration::from_millis(300));
    let said: Vec<String> = shown(&s)
        .into_iter()
        .filter(|m| m.starts_with("Sourced skipped"))
        .collect();
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(said[0].contains("draft-copy.md") && said[0].contains("copy of the draft"));
    s.shutdown();
}

/// A source opened from the sources folder (a jump from the draft lands there) is a source
/// the reporter reads, not a draft: it stays in the corpus, gets no findings of its own,
/// and the draft keeps its findings with their evidence from that source.
#[test]
fn a_source_opened_beside_the_draft_stays_a_source() {
    let (story, mut s) = Server::on_story("source-opened");
    let draft = uri_of(&story.0.join("draft.md"));
    s.open(&draft, &draft_text(), 1);
    assert_eq!(
        codes(&s.diagnostics(&draft, 1, Duration::from_secs(60))),
        THE_FIVE
    );
    let path = story.0.join("sources/afp-wire-rewrite.txt");
    let source = uri_of(&path);
    s.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": source, "languageId": "plaintext", "version": 1,
            "text": fs::read_to_string(&path).unwrap()}}),
    );
    assert_eq!(
        codes(&s.diagnostics(&source, 1, Duration::from_secs(60))),
        Vec::<String>::new()
    );
    // Typing in the draft after the source was opened: the same five findings, and the
    // misattribution still cites the opened source.
    let edited = format!("{}\nA new line.\n", draft_text());
    s.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": draft, "version": 2}, "contentChanges": [{"text": edited}]}),
    );
    let diags = s.diagnostics(&draft, 2, Duration::from_secs(60));
    assert_eq!(codes(&diags), THE_FIVE);
    let misattributed: Vec<&Value> = diags
        .iter()
        .filter(|d| d["code"] == "misattributed-quote")
        .collect();
    assert_eq!(misattributed.len(), 1);
    assert!(
        misattributed[0]["message"]
            .as_str()
            .unwrap_or("")
            .contains("afp-wire-rewrite.txt"),
        "{}",
        misattributed[0]["message"]
    );
    s.drain(Duration::from_millis(300));
    assert!(
        !shown(&s).iter().any(|m| m.starts_with("Sourced skipped")),
        "{:?}",
        shown(&s)
    );
    s.shutdown();
}

fn story_with_copy() -> crate::common::TempDir {
    let story = story("own-source-lsp-copy");
    fs::copy(
        story.0.join("draft.md"),
        story.0.join("sources/draft-copy.md"),
    )
    .unwrap();
    story
}

/// The hover on the draft's first quote (line 5), as text (empty when there is none:
/// while the corpus is indexed again, say).
fn hover_on_first_quote(s: &mut Server, draft: &str) -> String {
    let r = s.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": draft}, "position": {"line": 4, "character": 10}}),
    );
    assert!(r.get("error").is_none(), "{r}");
    r["result"]["contents"]["value"]
        .as_str()
        .unwrap_or("")
        .to_string()
}

/// The `file://` links of a hover.
fn linked_files(hover: &str) -> Vec<String> {
    hover
        .split("](file://")
        .skip(1)
        .map(|rest| {
            let end = rest.find([')', '#']).unwrap_or(rest.len());
            rest[..end].to_string()
        })
        .collect()
}

fn assert_links_exist(hover: &str, when: &str) {
    for f in linked_files(hover) {
        let path = f.replace("%20", " ");
        assert!(
            Path::new(&path).exists(),
            "{when}: the hover cites {path}, which does not exist:\n{hover}"
        );
    }
}

#[test]
fn a_sources_folder_renamed_or_deleted_is_not_cited() {
    let (story, mut s) = Server::on_story("sources-renamed");
    let draft = uri_of(&story.0.join("draft.md"));
    s.open(&draft, &draft_text(), 1);
    assert_eq!(
        codes(&s.diagnostics(&draft, 1, Duration::from_secs(60))),
        THE_FIVE
    );
    let before = hover_on_first_quote(&mut s, &draft);
    assert!(
        !linked_files(&before).is_empty(),
        "the quote's sources are linked: {before}"
    );
    assert_links_exist(&before, "before");

    // Renamed with no event at all: the hover does not cite the files that are gone.
    fs::rename(story.0.join("sources"), story.0.join("old-sources")).unwrap();
    let after = hover_on_first_quote(&mut s, &draft);
    assert_links_exist(&after, "after a rename without an event");
    assert!(!after.contains("Quote verified"), "{after}");

    // Renamed back, with the one event an editor sends for a folder: cited again.
    fs::rename(story.0.join("old-sources"), story.0.join("sources")).unwrap();
    s.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri_of(&story.0.join("sources")), "type": 1}]}),
    );
    let back = (0..100)
        .map(|_| {
            std::thread::sleep(Duration::from_millis(100));
            hover_on_first_quote(&mut s, &draft)
        })
        .find(|h| !linked_files(h).is_empty())
        .expect("the sources are cited again after the folder came back");
    assert_links_exist(&back, "after the folder came back");

    // Deleted, with the folder's event: the diagnostics cite nothing that is gone.
    fs::remove_dir_all(story.0.join("sources")).unwrap();
    s.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri_of(&story.0.join("sources")), "type": 3}]}),
    );
    let gone = s
        .wait_for(Duration::from_secs(60), |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == draft
                && !m["params"]["diagnostics"]
                    .to_string()
                    .contains("afp-wire-rewrite")
        })
        .expect("diagnostics without the deleted sources");
    eprintln!("after deletion: {}", gone["params"]["diagnostics"]);
    assert_links_exist(
        &hover_on_first_quote(&mut s, &draft),
        "after the folder was deleted",
    );
    s.shutdown();
}

/// The codes of the draft's next publication that `want` accepts, waiting up to a minute.
fn next_codes(s: &mut Server, draft: &str, want: impl Fn(&[String]) -> bool) -> Vec<String> {
    let m = s
        .wait_for(Duration::from_secs(60), |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == draft
                && want(&codes(m["params"]["diagnostics"].as_array().unwrap()))
        })
        .unwrap_or_else(|| panic!("no such diagnostics; log:\n{}", s.log()));
    codes(m["params"]["diagnostics"].as_array().unwrap())
}

/// An editor that cannot watch files (Neovim on Linux, Helix) sends no file events: the
/// server watches the story itself, so a source added or deleted and `sourced.toml`
/// edited on disk change the findings with no event from the editor.
#[test]
fn without_the_editor_watching_files_the_server_notices_changes_itself() {
    // `Server::initialize` declares no file watching.
    let (story, mut s) = Server::on_story("self-watch");
    let draft = uri_of(&story.0.join("draft.md"));
    s.open(&draft, &draft_text(), 1);
    assert_eq!(
        codes(&s.diagnostics(&draft, 1, Duration::from_secs(60))),
        THE_FIVE
    );

    // A statement that holds the draft's unsourced quote is saved among the sources.
    let statement = story.0.join("sources/statement.txt");
    fs::write(
        &statement,
        "\u{201c}We will not pay for reconstruction while Assad stays in power,\u{201d} \
         Secretary of State Mike Pompeo said in a statement.\n",
    )
    .unwrap();
    let without_unsourced: Vec<String> = THE_FIVE
        .iter()
        .filter(|c| **c != "unsourced-quote")
        .map(|c| c.to_string())
        .collect();
    assert_eq!(
        next_codes(&mut s, &draft, |c| c == without_unsourced.as_slice()),
        without_unsourced
    );

    // The story's settings turn altered quotes off.
    fs::write(
        story.0.join("sourced.toml"),
        "[corpus]\npaths = [\"sources\"]\n\n[check]\nseverity = { \"altered-quote\" = \"off\" }\n",
    )
    .unwrap();
    let settled: Vec<String> = without_unsourced
        .iter()
        .filter(|c| *c != "altered-quote")
        .cloned()
        .collect();
    assert_eq!(
        next_codes(&mut s, &draft, |c| c == settled.as_slice()),
        settled
    );

    // The statement deleted: the quote is unsourced again.
    fs::remove_file(&statement).unwrap();
    let back: Vec<String> = THE_FIVE
        .iter()
        .filter(|c| **c != "altered-quote")
        .map(|c| c.to_string())
        .collect();
    assert_eq!(next_codes(&mut s, &draft, |c| c == back.as_slice()), back);
    s.shutdown();
}
