//! `sourced check` against a story folder and the archive together, and with an archive
//! that does not answer.

use std::path::Path;
use std::process::Command;

use super::cluster::*;
use crate::common::binary;

/// Runs `sourced ARGS` in `cwd` without the archive's environment variable (unless
/// `env` gives it).
fn sourced(cwd: &Path, args: &[&str], env: Option<&str>) -> (i32, String, String) {
    let mut cmd = Command::new(binary());
    cmd.args(args)
        .current_dir(cwd)
        .env_remove(sourced_archive::ENV_VAR);
    if let Some(v) = env {
        cmd.env(sourced_archive::ENV_VAR, v);
    }
    let out = cmd.output().expect("sourced runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The errors and warnings of `sourced check --format json` output, as (line, code).
fn problems(json_out: &str) -> Vec<(u64, String)> {
    let json: serde_json::Value = serde_json::from_str(json_out).expect("json");
    let mut v: Vec<(u64, String)> = json["files"][0]["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| matches!(f["severity"].as_str(), Some("error") | Some("warning")))
        .map(|f| {
            (
                f["line"].as_u64().unwrap_or(0),
                f["code"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn check_gives_the_five_findings_from_the_archive_alone_and_with_a_story_folder() {
    for (name, in_folder) in [
        ("cli_check_alone", vec![]),
        ("cli_check_split", vec!["breitbart.txt"]),
    ] {
        let url = archive(name);
        let story = split_story(&url, &in_folder);
        let (code, out, err) = sourced(
            story.path(),
            &["check", "--format", "json", "draft.md"],
            None,
        );
        assert_eq!(code, 1, "{name}: {out}{err}");
        assert_eq!(
            problems(&out),
            crate::common::expected_findings(),
            "{name}: {out}"
        );
        assert!(out.contains("(in the archive: "), "{name}: {out}");
    }
}

#[test]
fn check_with_an_unreachable_archive_gives_the_story_folders_findings_and_says_so() {
    let url = archive("cli_unreachable");
    let story = split_story(&url, &["breitbart.txt"]);
    std::fs::write(
        story.path().join("sourced.toml"),
        "[corpus]\npaths = [\"sources\"]\n\n[archive]\nurl = \"postgresql://ann:s3cret@%2Fnonexistent%2Fsocket/news\"\n",
    )
    .unwrap();
    let (code, out, err) = sourced(
        story.path(),
        &["check", "--format", "json", "draft.md"],
        None,
    );
    assert_eq!(code, 2, "{out}{err}");
    assert_eq!(
        problems(&out),
        vec![(17, "title-mismatch".to_string())],
        "{out}"
    );
    assert!(err.contains("archive unreachable"), "{err}");
    assert!(!format!("{out}{err}").contains("s3cret"), "{out}{err}");
}
