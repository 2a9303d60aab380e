//! `sourced lsp` with the archive: the bundled story gives its five findings from the
//! archive alone, from a story folder and the archive together, and from both holding
//! the same files; a database stopped mid-session leaves the story folder's findings and
//! calls nothing unsourced, and the archive's findings are back within seconds of its
//! restart; jumps to archived evidence open the file, or a read-only document.

use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use super::cluster::*;
use crate::common::{capabilities, file_uri, Client, TempDir};

/// How long the archive's answers may take to arrive in a test (debug build, busy
/// machine): well above the seconds they take.
const ARRIVE: Duration = Duration::from_secs(60);

/// Every publication of diagnostics for `uri` received so far.
fn publications(client: &Client, uri: &str) -> Vec<Vec<Value>> {
    client
        .log
        .iter()
        .filter(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == json!(uri)
        })
        .map(|m| {
            m["params"]["diagnostics"]
                .as_array()
                .cloned()
                .unwrap_or_default()
        })
        .collect()
}

/// Wait until the latest diagnostics of `uri` are `want` (errors and warnings); they
/// are published again as the archive's answers arrive.
fn settle(client: &mut Client, uri: &str, want: &[(u64, String)]) -> Vec<Value> {
    let deadline = Instant::now() + ARRIVE;
    loop {
        if let Some(last) = publications(client, uri).last() {
            if crate::common::problems(last) == want {
                return last.clone();
            }
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            panic!(
                "the diagnostics of {uri} did not become {want:?}; published:\n{:#?}\nserver log:\n{}",
                publications(client, uri)
                    .iter()
                    .map(|p| crate::common::problems(p))
                    .collect::<Vec<_>>(),
                client.stderr.lock().unwrap()
            );
        }
        let uri = uri.to_string();
        client.wait_for(left.min(Duration::from_secs(1)), |m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == json!(uri)
        });
    }
}

/// No publication for `uri` ever called a quote unsourced except on `allowed` lines.
fn never_unsourced_but(client: &Client, uri: &str, allowed: &[u64]) {
    for p in publications(client, uri) {
        for (line, code) in crate::common::problems(&p) {
            assert!(
                code != "unsourced-quote" || allowed.contains(&line),
                "line {line} was called unsourced: {:?}",
                crate::common::problems(&p)
            );
        }
    }
}

fn start(dir: &Path) -> (Client, String) {
    let mut client = Client::start_in(dir);
    client.initialize(dir, capabilities(false), json!({"debounceMs": 20}));
    let uri = client.open(&dir.join("draft.md"), 1);
    (client, uri)
}

fn messages(diags: &[Value]) -> Vec<String> {
    diags
        .iter()
        .map(|d| d["message"].as_str().unwrap_or("").to_string())
        .collect()
}

#[test]
fn the_bundled_story_in_the_archive_alone_gives_its_five_findings() {
    let url = archive("lsp_archive_alone");
    let story = split_story(&url, &[]);
    let (mut client, uri) = start(story.path());
    let diags = settle(&mut client, &uri, &crate::common::expected_findings());
    never_unsourced_but(&client, &uri, &[11]);
    // Each finding with evidence says it was found in the archive, and its evidence
    // opens the archived file, which is on this machine.
    let with_evidence: Vec<&Value> = diags
        .iter()
        .filter(|d| d["severity"].as_u64().is_some_and(|s| s <= 2))
        .filter(|d| d["relatedInformation"].is_array())
        .collect();
    assert_eq!(with_evidence.len(), 4, "{diags:#?}");
    for d in with_evidence {
        assert!(
            d["message"].as_str().unwrap().contains("(in the archive: "),
            "{d}"
        );
        for r in d["relatedInformation"].as_array().unwrap() {
            let at = r["location"]["uri"].as_str().unwrap();
            assert!(
                at.starts_with(&file_uri(&story.path().join("archived"))),
                "{at}"
            );
            assert!(
                r["message"]
                    .as_str()
                    .unwrap()
                    .starts_with("in the archive: "),
                "{r}"
            );
        }
    }
    client.shutdown();
}

#[test]
fn a_story_folder_and_the_archive_together_give_the_five_findings() {
    let url = archive("lsp_split");
    // The title comes from the story folder's breitbart.txt, the rest from the archive.
    let story = split_story(&url, &["breitbart.txt"]);
    let (mut client, uri) = start(story.path());
    let diags = settle(&mut client, &uri, &crate::common::expected_findings());
    never_unsourced_but(&client, &uri, &[11]);
    let by_code = |code: &str| {
        diags
            .iter()
            .find(|d| d["code"] == code)
            .and_then(|d| d["message"].as_str())
            .unwrap_or("")
            .to_string()
    };
    assert!(
        !by_code("title-mismatch").contains("in the archive"),
        "{}",
        by_code("title-mismatch")
    );
    assert!(by_code("misattributed-quote").contains("(in the archive: "));
    assert!(by_code("unsourced-quote").contains("(3 sources searched)"));
    client.shutdown();
}

#[test]
fn files_in_both_the_story_folder_and_the_archive_are_the_story_folders() {
    let url = archive("lsp_both");
    let story = split_story(
        &url,
        &["afp-wire-rewrite.txt", "arab-news.txt", "breitbart.txt"],
    );
    // The story folder's own files archived too, as a newsroom does once it publishes.
    ingest_files(&url, &story.path().join("sources"));
    let (mut client, uri) = start(story.path());
    let diags = settle(&mut client, &uri, &crate::common::expected_findings());
    // Each evidence once, from the story folder: the same diagnostics as without the
    // archive.
    let alone = TempDir::new("lsp-both-alone");
    std::fs::copy(story.path().join("draft.md"), alone.path().join("draft.md")).unwrap();
    std::fs::create_dir_all(alone.path().join("sources")).unwrap();
    for f in ["afp-wire-rewrite.txt", "arab-news.txt", "breitbart.txt"] {
        std::fs::copy(
            story.path().join("sources").join(f),
            alone.path().join("sources").join(f),
        )
        .unwrap();
    }
    let (mut plain, plain_uri) = start(alone.path());
    let without = settle(&mut plain, &plain_uri, &crate::common::expected_findings());
    assert_eq!(messages(&diags), messages(&without));
    let evidence = |d: &[Value]| -> Vec<usize> {
        d.iter()
            .map(|d| d["relatedInformation"].as_array().map_or(0, Vec::len))
            .collect()
    };
    assert_eq!(evidence(&diags), evidence(&without));
    plain.shutdown();
    client.shutdown();
}

/// The text of the line of `text` that holds `needle` (1-based).
fn line_of(text: &str, needle: &str) -> u64 {
    1 + text[..text.find(needle).unwrap()].matches('\n').count() as u64
}

#[test]
fn a_database_stopped_mid_session_leaves_the_story_folders_findings_and_calls_nothing_unsourced() {
    // A cluster of its own: this test stops it.
    let (base, cluster_dir) = new_cluster();
    let url = database_in(&base, "lsp_stopped");
    sourced_archive::schema::init(&url).expect("init");
    let story = split_story(&url, &["breitbart.txt"]);
    let (mut client, uri) = start(story.path());
    settle(&mut client, &uri, &crate::common::expected_findings());

    pause("down", &cluster_dir);
    // A new quote, in no source: while the archive cannot be asked, it is not called
    // unsourced; the findings already made stay.
    let text = std::fs::read_to_string(story.path().join("draft.md")).unwrap();
    let added = "\n\"Nothing of the kind was agreed between the two governments this week,\" Pompeo said.\n";
    let edited = format!("{text}{added}");
    client.change(&uri, 2, json!([{"text": edited}]));
    let status = client.wait_for(ARRIVE, |m| {
        m["method"] == "sourced/status" && m["params"]["state"] == "archive-unreachable"
    });
    assert!(status.is_some(), "no archive-unreachable status");
    let new_line = line_of(&edited, "Nothing of the kind");
    settle(&mut client, &uri, &crate::common::expected_findings());
    // A draft opened while the archive is down: the story folder's finding only.
    let second = story.path().join("second.md");
    std::fs::write(&second, &text).unwrap();
    let second_uri = client.open(&second, 1);
    let folder_only = vec![(17, "title-mismatch".to_string())];
    settle(&mut client, &second_uri, &folder_only);
    std::thread::sleep(Duration::from_secs(3));
    assert_eq!(
        crate::common::problems(publications(&client, &second_uri).last().unwrap()),
        folder_only
    );
    never_unsourced_but(&client, &uri, &[11]);
    never_unsourced_but(&client, &second_uri, &[]);

    let restarted = Instant::now();
    pause("up", &cluster_dir);
    let mut six = crate::common::expected_findings();
    six.push((new_line, "unsourced-quote".to_string()));
    six.sort();
    settle(&mut client, &uri, &six);
    settle(
        &mut client,
        &second_uri,
        &crate::common::expected_findings(),
    );
    eprintln!(
        "archive findings back {:?} after the restart",
        restarted.elapsed()
    );
    assert!(client
        .log
        .iter()
        .any(|m| m["method"] == "sourced/status" && m["params"]["state"] == "archive-ready"));
    client.shutdown();
}

#[test]
fn archived_evidence_opens_the_file_or_a_read_only_document() {
    let url = archive("lsp_definition");
    let story = split_story(&url, &[]);
    let text = std::fs::read_to_string(story.path().join("draft.md")).unwrap();
    let (line, character) = crate::common::find_utf16(&text, "The Russian proposals");
    let at = json!({"textDocument": {"uri": "URI"}, "position": {"line": line, "character": character + 3}});

    let (mut client, uri) = start(story.path());
    settle(&mut client, &uri, &crate::common::expected_findings());
    let mut params = at.clone();
    params["textDocument"]["uri"] = json!(uri);
    let found = client.request("textDocument/definition", params.clone());
    let files: Vec<&str> = found
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["uri"].as_str().unwrap())
        .collect();
    assert_eq!(files.len(), 2, "{found}");
    assert!(files.iter().all(|f| f.starts_with("file://")), "{found}");
    client.shutdown();

    // The archived files gone from this machine: read-only documents of the archived text.
    std::fs::remove_dir_all(story.path().join("archived")).unwrap();
    let (mut client, uri) = start(story.path());
    settle(&mut client, &uri, &crate::common::expected_findings());
    params["textDocument"]["uri"] = json!(uri);
    let found = client.request("textDocument/definition", params);
    let places = found.as_array().unwrap();
    assert_eq!(places.len(), 2, "{found}");
    for place in places {
        let doc = place["uri"].as_str().unwrap();
        assert!(doc.starts_with("sourced://archive/"), "{found}");
        let served = client.request(
            "workspace/executeCommand",
            json!({"command": "sourced.archiveDocument", "arguments": [{"uri": doc}]}),
        );
        let served_text = served["text"].as_str().unwrap();
        let range = &place["range"];
        let line = served_text
            .lines()
            .nth(range["start"]["line"].as_u64().unwrap() as usize)
            .unwrap();
        let from = range["start"]["character"].as_u64().unwrap() as usize;
        let shown: String = line
            .encode_utf16()
            .skip(from)
            .take(21)
            .collect::<Vec<u16>>()
            .iter()
            .map(|&u| char::from_u32(u32::from(u)).unwrap_or('?'))
            .collect();
        assert_eq!(shown, "The Russian proposals", "{served}");
        assert!(
            served["path"].as_str().unwrap().contains("archived"),
            "{served}"
        );
    }
    let bad = client.send_request(
        "workspace/executeCommand",
        json!({"command": "sourced.archiveDocument", "arguments": [{"uri": "sourced://archive/x"}]}),
    );
    let resp = client.response(bad);
    assert!(resp.get("error").is_some(), "{resp}");
    client.shutdown();
}

/// A made-up word, different for each `n` below 1,728 (three syllables and a letter).
fn word(n: usize) -> String {
    const SYLLABLES: [&str; 12] = [
        "ka", "lo", "mi", "ra", "te", "su", "no", "vi", "da", "pe", "zo", "fu",
    ];
    format!(
        "{}{}{}n",
        SYLLABLES[n / 144 % 12],
        SYLLABLES[n / 12 % 12],
        SYLLABLES[n % 12]
    )
}

fn capital(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// Quote `i` of the many-voices draft: six words no other quote has.
fn quote(i: usize) -> String {
    let words: Vec<String> = (0..6).map(|slot| word(slot * 200 + i)).collect();
    let mut q = words.join(" ");
    q = capital(&q);
    q
}

/// Speaker `i`: a first name and a surname no other speaker has.
fn speaker(i: usize) -> String {
    format!("{} {}", capital(&word(1300 + i)), capital(&word(1500 + i)))
}

#[test]
fn a_draft_asking_the_archive_many_questions_has_them_all_fetched_at_once() {
    // Forty people quoted in forty archived articles; the draft quotes each of them, and
    // each once more with words no source has.
    const PEOPLE: usize = 40;
    let url = archive("lsp_many_questions");
    let dir = TempDir::new("archive-many");
    let archived = dir.path().join("archived");
    std::fs::create_dir_all(&archived).unwrap();
    let mut draft = String::from("# Many voices\n\n");
    let mut unsourced = Vec::new();
    for i in 0..PEOPLE {
        std::fs::write(
            archived.join(format!("article-{i}.txt")),
            format!(
                "{who} spoke to reporters in the capital on Tuesday.\n\n\"{q},\" said {who}, who has followed the matter for years.\n",
                who = speaker(i),
                q = quote(i)
            ),
        )
        .unwrap();
        draft.push_str(&format!("\"{},\" said {}.\n\n", quote(i), speaker(i)));
        draft.push_str(&format!("\"{},\" said {}.\n\n", quote(100 + i), speaker(i)));
        unsourced.push((
            1 + draft.matches('\n').count() as u64 - 2,
            "unsourced-quote".to_string(),
        ));
    }
    ingest_files(&url, &archived);
    std::fs::write(dir.path().join("draft.md"), &draft).unwrap();
    std::fs::write(
        dir.path().join("sourced.toml"),
        format!("[archive]\nurl = \"{}\"\n", raw(&url)),
    )
    .unwrap();
    let (mut client, uri) = start(dir.path());
    // Each quote found in the archive is sourced and rightly attributed; each of the
    // others is called unsourced, once every question about it has been answered.
    settle(&mut client, &uri, &unsourced);
    // The first check missed a question for each quote and each person: all of them
    // were asked in the first fetch, not a few dozen at a time.
    let fetched: Vec<usize> = client
        .log
        .iter()
        .filter(|m| m["method"] == "window/logMessage")
        .filter_map(|m| m["params"]["message"].as_str())
        .filter_map(|m| {
            let (before, _) = m.split_once(" questions answered by the archive")?;
            before.rsplit(' ').next()?.parse().ok()
        })
        .collect();
    assert!(
        fetched.first().is_some_and(|&n| n >= 2 * PEOPLE),
        "questions per fetch: {fetched:?}"
    );
    client.shutdown();
}
