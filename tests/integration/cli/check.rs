//! `sourced check` as a user runs it: the real binary on the bundled syria-refugees story,
//! its JSON and SARIF output and its exit status.

use std::path::{Path, PathBuf};
use std::process::Command;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/syria-refugees")
}

fn sourced(args: &[&str], dir: &Path) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_sourced"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run sourced");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A fresh folder under the system temp folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sourced-cli-check-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[test]
fn json_lists_the_expected_findings_and_exits_1() {
    let (code, stdout, stderr) = sourced(&["check", "--format", "json", "draft.md"], &fixture());
    assert_eq!(code, 1, "stderr: {stderr}");
    let v: serde_json::Value = serde_json::from_str(&stdout).expect("valid JSON");
    let files = v["files"].as_array().expect("files");
    assert_eq!(files.len(), 1);
    assert_eq!(files[0]["path"], "draft.md");
    let findings = files[0]["findings"].as_array().expect("findings");
    let mut got: Vec<(u64, String)> = findings
        .iter()
        .filter(|f| matches!(f["severity"].as_str(), Some("error" | "warning")))
        .map(|f| {
            (
                f["line"].as_u64().unwrap(),
                f["code"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    got.sort();
    let want: Vec<(u64, String)> = [
        (7, "misattributed-quote"),
        (9, "altered-quote"),
        (11, "unsourced-quote"),
        (15, "misspelled-name"),
        (17, "title-mismatch"),
    ]
    .iter()
    .map(|(l, c)| (*l, c.to_string()))
    .collect();
    assert_eq!(got, want);
    // Every finding has the agreed fields; offsets and columns agree with the draft.
    let draft = std::fs::read_to_string(fixture().join("draft.md")).unwrap();
    for f in findings {
        let start = f["start"].as_u64().unwrap() as usize;
        let end = f["end"].as_u64().unwrap() as usize;
        assert!(start < end && end <= draft.len());
        let line = f["line"].as_u64().unwrap() as usize;
        let col = f["column"].as_u64().unwrap() as usize;
        let line_start = draft[..start].rfind('\n').map_or(0, |i| i + 1);
        assert_eq!(line, 1 + draft[..start].matches('\n').count());
        assert_eq!(col, 1 + draft[line_start..start].chars().count());
        assert!(f["message"].as_str().is_some_and(|m| !m.is_empty()));
        assert!(f["related"].is_array());
        assert!(f["fix"].is_null() || f["fix"].is_string());
    }
    let mis = findings
        .iter()
        .find(|f| f["code"] == "misattributed-quote")
        .unwrap();
    let related = mis["related"].as_array().unwrap();
    assert!(related
        .iter()
        .any(|r| r["path"].as_str().unwrap().ends_with("arab-news.txt") && r["line"] == 13));
    assert_eq!(mis["fix"], "General Mikhail Mizintsev");
    let misspelled = findings
        .iter()
        .find(|f| f["code"] == "misspelled-name")
        .unwrap();
    assert_eq!(
        &draft[misspelled["start"].as_u64().unwrap() as usize
            ..misspelled["end"].as_u64().unwrap() as usize],
        "Mizintzev"
    );
}

#[test]
fn human_output_reads_like_a_compiler() {
    let (code, stdout, _) = sourced(&["check", "draft.md"], &fixture());
    assert_eq!(code, 1);
    assert!(stdout.contains("draft.md:7:"), "{stdout}");
    assert!(stdout.contains("error[misattributed-quote]"), "{stdout}");
    // The source evidence, quoted with its file and line.
    assert!(
        stdout.contains("arab-news.txt:13: \u{201c}The Russian proposals"),
        "{stdout}"
    );
}

#[test]
fn sarif_is_2_1_0_with_one_result_per_finding() {
    let (code, stdout, _) = sourced(&["check", "--format", "sarif", "draft.md"], &fixture());
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&stdout).expect("valid JSON");
    assert_eq!(v["version"], "2.1.0");
    let run = &v["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "sourced");
    let results = run["results"].as_array().unwrap();
    assert!(results
        .iter()
        .any(|r| r["ruleId"] == "misattributed-quote" && r["level"] == "error"));
    for r in results {
        let region = &r["locations"][0]["physicalLocation"]["region"];
        assert!(region["startLine"].as_u64().unwrap() >= 1);
        assert!(region["startColumn"].as_u64().unwrap() >= 1);
    }
}

#[test]
fn a_draft_that_agrees_with_its_sources_exits_0() {
    let dir = scratch("agrees");
    let draft = dir.join("ok.md");
    std::fs::write(
        &draft,
        "\u{201c}I\u{2019}m all for re-opening communications,\u{201d} Defense Secretary Jim Mattis told journalists at the Pentagon.\n",
    )
    .unwrap();
    let corpus = fixture().join("sources");
    let (code, stdout, stderr) = sourced(
        &[
            "check",
            "--corpus",
            corpus.to_str().unwrap(),
            "--format",
            "json",
            draft.to_str().unwrap(),
        ],
        &dir,
    );
    assert_eq!(code, 0, "{stdout}{stderr}");
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        v["files"][0]["findings"].as_array().unwrap().len(),
        0,
        "{stdout}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn usage_and_io_errors_exit_2() {
    let (code, _, stderr) = sourced(&["check"], &fixture());
    assert_eq!(code, 2);
    assert!(stderr.contains("usage"), "{stderr}");
    let (code, _, stderr) = sourced(&["check", "--format", "xml", "draft.md"], &fixture());
    assert_eq!(code, 2);
    assert!(stderr.contains("xml"), "{stderr}");
    let (code, _, stderr) = sourced(&["check", "no-such-draft.md"], &fixture());
    assert_eq!(code, 2);
    assert!(stderr.contains("no-such-draft.md"), "{stderr}");
}

#[test]
fn an_unreadable_corpus_file_is_reported_and_the_check_goes_on() {
    let dir = scratch("badfile");
    let sources = dir.join("sources");
    std::fs::create_dir_all(&sources).unwrap();
    for f in ["arab-news.txt", "afp-wire-rewrite.txt", "breitbart.txt"] {
        std::fs::copy(fixture().join("sources").join(f), sources.join(f)).unwrap();
    }
    // Not UTF-8 text and not decodable as anything sensible: binary junk.
    std::fs::write(
        sources.join("broken.txt"),
        [0u8, 159, 146, 150, 0, 0, 255, 254],
    )
    .unwrap();
    std::fs::copy(fixture().join("draft.md"), dir.join("draft.md")).unwrap();
    let (code, stdout, stderr) = sourced(&["check", "--format", "json", "draft.md"], &dir);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("broken.txt"), "stderr: {stderr}");
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert!(v["files"][0]["findings"].as_array().unwrap().len() >= 5);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn evidence_in_an_html_source_points_at_its_line_in_the_page() {
    let dir = scratch("html-evidence");
    std::fs::create_dir_all(dir.join("sources")).unwrap();
    // The quote is on line 9 of the page, after a navigation bar that repeats it.
    let page = "<!doctype html>\n<html>\n<head><title>Talks | Wire</title></head>\n<body>\n\
        <nav>\u{201c}We are ready to talk about everything\u{201d}</nav>\n\
        <article>\n<h1>Talks resume</h1>\n<p>The envoy spoke in Geneva on Monday.\n\
        &ldquo;We are <b>ready</b> to talk about everything,&rdquo; said Anna Keller,\n\
        the envoy.</p>\n</article>\n</body>\n</html>\n";
    std::fs::write(dir.join("sources/wire.html"), page).unwrap();
    std::fs::write(
        dir.join("draft.md"),
        "The envoy was upbeat. \u{201c}We are ready to talk about anything,\u{201d} said Anna Keller.\n",
    )
    .unwrap();
    let (_, stdout, stderr) = sourced(&["check", "--format", "json", "draft.md"], &dir);
    let v: serde_json::Value = serde_json::from_str(&stdout).expect(&stderr);
    let findings = v["files"][0]["findings"].as_array().expect("findings");
    let altered = findings
        .iter()
        .find(|f| f["code"] == "altered-quote")
        .unwrap_or_else(|| panic!("no altered-quote in {stdout}"));
    let related = altered["related"].as_array().expect("related");
    assert!(
        related.iter().any(
            |r| r["path"].as_str().is_some_and(|p| p.ends_with("wire.html")) && r["line"] == 9
        ),
        "the evidence should point at line 9 of wire.html: {related:?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
