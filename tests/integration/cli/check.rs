//! `sourced check` as a user runs it: the real binary on the bundled syria-refugees story,
//! its JSON and SARIF output and its exit status.

use std::path::{Path, PathBuf};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/syria-refugees")
}

fn sourced(args: &[&str], dir: &Path) -> (i32, String, String) {
    crate::common::run_sourced(args, dir)
}

/// A fresh folder under the system temp folder for one test, removed when it ends
/// (failed or not).
fn scratch(name: &str) -> crate::common::TempDir {
    crate::common::TempDir::new(&format!("cli-check-{name}"))
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
}

#[test]
fn evidence_in_an_html_source_points_at_its_line_in_the_page() {
    let dir = scratch("html-evidence");
    std::fs::create_dir_all(dir.join("sources")).unwrap();
    // The quote is on line 9 of the page, after a navigation bar that repeats it.
    let page = "<!doctype html>\n<html>\n<head><title>Talks | Wire</title></head>\n<body>\n\
        <nav>\u{201c}We are ready to talk about everything with our neighbours\u{201d}</nav>\n\
        <article>\n<h1>Talks resume</h1>\n<p>The envoy spoke in Geneva on Monday.\n\
        &ldquo;We are <b>ready</b> to talk about everything with our neighbours,&rdquo; said Anna Keller,\n\
        the envoy.</p>\n</article>\n</body>\n</html>\n";
    std::fs::write(dir.join("sources/wire.html"), page).unwrap();
    std::fs::write(
        dir.join("draft.md"),
        "The envoy was upbeat. \u{201c}We are ready to talk about anything with our neighbours,\u{201d} said Anna Keller.\n",
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
}

#[test]
fn a_draft_in_a_subfolder_finds_the_sourced_toml_of_its_story() {
    // The editor finds the corpus from drafts/draft.md; `sourced check` must too.
    let story = scratch("subfolder");
    let copy = |from: &Path, to: &Path| std::fs::copy(from, to).expect("copy");
    std::fs::create_dir_all(story.join("sources")).unwrap();
    std::fs::create_dir_all(story.join("drafts")).unwrap();
    for f in ["afp-wire-rewrite.txt", "arab-news.txt", "breitbart.txt"] {
        copy(
            &fixture().join("sources").join(f),
            &story.join("sources").join(f),
        );
    }
    copy(&fixture().join("draft.md"), &story.join("drafts/draft.md"));
    std::fs::write(
        story.join("sourced.toml"),
        "[corpus]\npaths = [\"sources\"]\n",
    )
    .unwrap();
    for (dir, draft) in [
        (story.to_path_buf(), "drafts/draft.md"),
        (story.join("drafts"), "draft.md"),
    ] {
        let (code, out, err) = sourced(&["check", "--format", "json", draft], &dir);
        assert_eq!(code, 1, "from {}: {err}", dir.display());
        let v: serde_json::Value = serde_json::from_str(&out).expect("json");
        let findings = v["files"][0]["findings"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert_eq!(findings.len(), 5, "from {}: {out}", dir.display());
    }
}

#[test]
fn help_is_real_help_and_each_code_is_explained() {
    let (code, out, _) = sourced(&["--help"], &fixture());
    assert_eq!(code, 0);
    for command in ["check", "quotes", "explain", "lsp"] {
        assert!(
            out.contains(&format!("  {command} ")),
            "{command} missing from:\n{out}"
        );
    }
    let (code, out, _) = sourced(&["explain", "misattributed-quote"], &fixture());
    assert_eq!(code, 0);
    assert!(out.contains("Default: error"), "{out}");
    let (code, _, err) = sourced(&["explain", "no-such-code"], &fixture());
    assert_eq!(code, 2);
    assert!(
        err.contains("title-mismatch"),
        "the codes are listed: {err}"
    );
    let (code, _, err) = sourced(&["frobnicate"], &fixture());
    assert_eq!(code, 2);
    assert!(err.contains("unknown command"), "{err}");
}

#[test]
fn an_empty_corpus_flags_nothing_and_says_so_once() {
    let story = scratch("empty-corpus");
    std::fs::create_dir_all(story.join("sources")).unwrap();
    std::fs::copy(fixture().join("draft.md"), story.join("draft.md")).unwrap();
    std::fs::copy(fixture().join("draft.md"), story.join("second.md")).unwrap();
    let (code, out, err) = sourced(&["check", "draft.md", "second.md"], &story);
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        !out.contains("unsourced-quote"),
        "quotes flagged against no source: {out}"
    );
    assert_eq!(err.matches("no readable source files").count(), 1, "{err}");
}

#[test]
fn an_html_source_has_one_line_number_in_the_message_and_the_evidence() {
    let story = scratch("html-lines");
    std::fs::create_dir_all(story.join("sources")).unwrap();
    let page = "<!DOCTYPE html>\n<html>\n<head>\n<title>Talks</title>\n<style>\nbody { color: black; }\n</style>\n<script>\nvar x = 1;\n</script>\n</head>\n<body>\n<nav><a href=\"/\">Home</a></nav>\n<article>\n<p>The minister spoke on Friday.</p>\n<p>\"We will rebuild every school in the province before winter comes,\" Minister Anna Berg said.</p>\n</article>\n</body>\n</html>\n";
    std::fs::write(story.join("sources/page.html"), page).unwrap();
    std::fs::write(
        story.join("draft.md"),
        "# Draft\n\n\"We will rebuild every hospital in the province before winter comes,\" Anna Berg said.\n",
    )
    .unwrap();
    let line = 1 + page[..page.find("We will rebuild").unwrap()]
        .matches('\n')
        .count();
    let (code, out, err) = sourced(&["check", "draft.md"], &story);
    assert_eq!(code, 1, "an altered quote: {out}{err}");
    assert!(
        out.contains(&format!("(page.html:{line})")),
        "the message: {out}"
    );
    assert!(
        out.contains(&format!("sources/page.html:{line}:")),
        "the evidence: {out}"
    );
}

#[test]
fn an_error_in_sourced_toml_is_named_by_line_and_column_and_exits_2() {
    let dir = scratch("broken-toml");
    std::fs::create_dir_all(dir.join("sources")).unwrap();
    std::fs::copy(
        fixture().join("sources/arab-news.txt"),
        dir.join("sources/arab-news.txt"),
    )
    .unwrap();
    std::fs::copy(fixture().join("draft.md"), dir.join("draft.md")).unwrap();
    std::fs::write(
        dir.join("sourced.toml"),
        "[corpus]\npaths = [\"sources\"]\n[check.severity]\nunsourced-quote = \"loud\"\n",
    )
    .unwrap();
    let (code, stdout, stderr) = sourced(&["check", "draft.md"], &dir);
    assert_eq!(code, 2, "stdout: {stdout}\nstderr: {stderr}");
    let first = stderr.lines().next().unwrap_or_default();
    assert!(
        first.starts_with("sourced.toml:4:19: ") && first.contains("loud"),
        "the error names sourced.toml, its line and column: {stderr}"
    );
    // From a folder below, the path leads to the same file.
    std::fs::create_dir_all(dir.join("drafts")).unwrap();
    std::fs::copy(fixture().join("draft.md"), dir.join("drafts/draft.md")).unwrap();
    let (code, _, stderr) = sourced(&["check", "drafts/draft.md"], &dir);
    assert_eq!(code, 2);
    assert!(stderr.starts_with("sourced.toml:4:19: "), "{stderr}");
}

#[test]
fn a_path_that_is_not_there_is_said_to_not_exist() {
    let dir = scratch("missing-paths");
    std::fs::write(
        dir.join("draft.md"),
        "\u{201c}We are ready to talk about everything,\u{201d} said Anna Keller.\n",
    )
    .unwrap();
    // A draft that was never there.
    let (code, _, stderr) = sourced(&["check", "no-such-draft.md"], &dir);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("no-such-draft.md: does not exist"),
        "{stderr}"
    );
    assert!(!stderr.contains("no longer exists"), "{stderr}");
    // A corpus path in sourced.toml that was never there (a typo, most often).
    std::fs::write(dir.join("sourced.toml"), "[corpus]\npaths = [\"sauces\"]\n").unwrap();
    let (code, _, stderr) = sourced(&["check", "draft.md"], &dir);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("sauces: corpus path does not exist"),
        "{stderr}"
    );
    assert!(!stderr.contains("no longer exists"), "{stderr}");
}

#[test]
fn evidence_lines_credit_their_source() {
    let dir = scratch("credit");
    // The draft words a quote of each source differently (two altered quotes).
    crate::common::write_credited_sources(&dir.join("sources"));
    std::fs::write(
        dir.join("draft.md"),
        "The envoy was upbeat. \u{201c}Nobody will leave this table before the summer \
         comes,\u{201d} said Anna Keller.\n\nShe added: \u{201c}The harbour talks will go on \
         through the whole of the summer,\u{201d} Keller said.\n",
    )
    .unwrap();
    let (code, stdout, stderr) = sourced(&["check", "draft.md"], &dir);
    assert_eq!(code, 1, "stdout: {stdout}\nstderr: {stderr}");
    assert_eq!(stdout.matches("altered-quote").count(), 2, "{stdout}");
    for wanted in [
        "      (\u{201c}Talks resume in Geneva\u{201d}, Wire Service, by Jane Doe, 12 March 2016, https://wire.example/talks-resume)",
        "      (\u{201c}Envoy upbeat | The Daily\u{201d}, The Daily, by Omar Said, 14 March 2016, https://daily.example/envoy-upbeat)",
    ] {
        assert!(
            stdout.contains(wanted),
            "the evidence should credit its source as {wanted:?}:\n{stdout}"
        );
    }
    assert!(!stdout.contains("2016-03-12T09:30:00Z"), "{stdout}");
}

/// What each source says about itself, as the machine-readable forms give it: the JSON
/// `source` of each related place and the SARIF related location's `properties.source`,
/// the date as the source writes it.
#[test]
fn json_and_sarif_evidence_carry_what_the_source_says_about_itself() {
    let dir = scratch("credit-json");
    crate::common::write_credited_sources(&dir.join("sources"));
    std::fs::write(
        dir.join("draft.md"),
        "She added: \u{201c}The harbour talks will go on through the whole of the \
         summer,\u{201d} Keller said.\n",
    )
    .unwrap();
    let daily = serde_json::json!({
        "title": "Envoy upbeat | The Daily",
        "outlet": "The Daily",
        "author": "Omar Said",
        "date": "2016-03-14T18:05:00+01:00",
        "url": "https://daily.example/envoy-upbeat",
    });

    let (code, stdout, stderr) = sourced(&["check", "--format", "json", "draft.md"], &dir);
    assert_eq!(code, 1, "stdout: {stdout}\nstderr: {stderr}");
    let v: serde_json::Value = serde_json::from_str(&stdout).expect("valid JSON");
    let findings = v["files"][0]["findings"].as_array().expect("findings");
    assert_eq!(findings.len(), 1, "{stdout}");
    assert_eq!(findings[0]["code"], "altered-quote");
    let related = findings[0]["related"].as_array().expect("related");
    assert_eq!(related.len(), 1, "{stdout}");
    assert_eq!(related[0]["path"], "sources/daily.html");
    assert_eq!(related[0]["source"], daily, "{stdout}");
    assert_eq!(
        related[0]["excerpt"], "The harbour talks will go on through the whole of the winter",
        "{stdout}"
    );

    let (code, stdout, stderr) = sourced(&["check", "--format", "sarif", "draft.md"], &dir);
    assert_eq!(code, 1, "stdout: {stdout}\nstderr: {stderr}");
    let v: serde_json::Value = serde_json::from_str(&stdout).expect("valid SARIF");
    let results = v["runs"][0]["results"].as_array().expect("results");
    assert_eq!(results.len(), 1, "{stdout}");
    let related = results[0]["relatedLocations"].as_array().expect("related");
    assert_eq!(related.len(), 1, "{stdout}");
    assert_eq!(related[0]["properties"]["source"], daily, "{stdout}");

    // Sources that say nothing about themselves get no `source` at all.
    let (_, stdout, _) = sourced(&["check", "--format", "json", "draft.md"], &fixture());
    let v: serde_json::Value = serde_json::from_str(&stdout).expect("valid JSON");
    let related: Vec<&serde_json::Value> = v["files"][0]["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .flat_map(|f| f["related"].as_array().expect("related"))
        .collect();
    assert!(!related.is_empty(), "{stdout}");
    assert!(
        related.iter().all(|r| r.get("source").is_none()),
        "{stdout}"
    );
}
