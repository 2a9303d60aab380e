//! `sourced check` with one very big source: a live-coverage page saved from the web, tens
//! of megabytes of paragraphs that quote and name the story's people thousands of times.
//! The real binary on real files; the bundled draft must keep its five findings, and a
//! finding shows at most three places however often the page names someone.
//!
//! How long a 30 MB page takes and how much memory it costs is a measurement, not a
//! timed unit test: run it with
//! `cargo test --release --test integration cli::big_sources -- --ignored --nocapture`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::TempDir;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/syria-refugees")
}

/// A story folder with the bundled draft, its three sources and `page` as
/// `sources/live-coverage.html`.
pub(crate) fn story_with_page(tag: &str, page: &str) -> TempDir {
    let tmp = TempDir::new(tag);
    fs::create_dir_all(tmp.0.join("sources")).unwrap();
    for e in fs::read_dir(fixture().join("sources")).unwrap() {
        let e = e.unwrap();
        fs::copy(e.path(), tmp.0.join("sources").join(e.file_name())).unwrap();
    }
    fs::copy(fixture().join("draft.md"), tmp.0.join("draft.md")).unwrap();
    fs::write(tmp.0.join("sources/live-coverage.html"), page).unwrap();
    tmp
}

/// A page of at least `bytes` of news prose, one paragraph a line: quotes said by people
/// with titles, some of them the story's own (spelled right), and plain paragraphs.
pub(crate) fn live_coverage(bytes: usize) -> String {
    const FIRST: [&str; 8] = [
        "Maria", "Ahmed", "Leila", "Omar", "Sarah", "Hassan", "Elena", "Karim",
    ];
    const LAST: [&str; 8] = [
        "Haddad", "Khalil", "Novak", "Rahman", "Dubois", "Aziz", "Mansour", "Nasser",
    ];
    const STORY: [&str; 4] = [
        "Mikhail Mizintsev",
        "Sergei Shoigu",
        "Vladimir Putin",
        "Sergei Lavrov",
    ];
    const TITLES: [&str; 5] = ["minister", "spokesman", "director", "mayor", "aid worker"];
    const WORDS: [&str; 24] = [
        "refugees",
        "crossed",
        "the",
        "border",
        "camp",
        "winter",
        "food",
        "aid",
        "families",
        "children",
        "shelter",
        "officials",
        "water",
        "medical",
        "supplies",
        "thousands",
        "displaced",
        "fighting",
        "city",
        "talks",
        "funding",
        "schools",
        "convoy",
        "roads",
    ];
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    let sentence = |next: &mut dyn FnMut(usize) -> usize| {
        let n = 8 + next(12);
        let mut s: Vec<&str> = (0..n).map(|_| WORDS[next(WORDS.len())]).collect();
        let first = s[0].to_string();
        let mut out = first[..1].to_uppercase() + &first[1..];
        s.remove(0);
        for w in s {
            out.push(' ');
            out.push_str(w);
        }
        out.push('.');
        out
    };
    let mut page = String::from(
        "<!DOCTYPE html><html><head><title>Live coverage: the refugee crisis</title></head><body><article>\n",
    );
    let mut i = 0usize;
    while page.len() < bytes {
        i += 1;
        let person = if next(10) == 0 {
            STORY[next(STORY.len())].to_string()
        } else {
            format!("{} {}", FIRST[next(8)], LAST[next(8)])
        };
        let title = TITLES[next(TITLES.len())];
        let paragraph = match next(3) {
            0 => format!(
                "<p>\u{201c}{} {}\u{201d} said {person}, the {title}, on Tuesday.</p>\n",
                sentence(&mut next),
                sentence(&mut next)
            ),
            1 => format!(
                "<p>{person}, a {title}, told reporters: \u{201c}{}\u{201d}</p>\n",
                sentence(&mut next)
            ),
            _ => format!(
                "<h2>Update {i}</h2><p>{} {}</p>\n",
                sentence(&mut next),
                sentence(&mut next)
            ),
        };
        page.push_str(&paragraph);
    }
    page.push_str("</article></body></html>\n");
    page
}

/// `sourced check --format json draft.md` in `dir`, killed after `limit`: exit code, the
/// findings (line, code and evidence count, in draft order), stderr, and how long it took.
fn check(dir: &Path, limit: Duration) -> (i32, Vec<(u64, String, usize)>, String, Duration) {
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_sourced"))
        .args(["check", "--format", "json", "draft.md"])
        .current_dir(dir)
        .env("XDG_CACHE_HOME", dir.join(".cache-home"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run sourced");
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > limit {
            let _ = child.kill();
            panic!("sourced check did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let took = started.elapsed();
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let v: serde_json::Value = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {stdout}\nstderr: {stderr}"));
    let findings = v["files"][0]["findings"]
        .as_array()
        .unwrap_or_else(|| panic!("no findings list: {v}\nstderr: {stderr}"))
        .iter()
        .map(|f| {
            (
                f["line"].as_u64().unwrap_or(0),
                f["code"].as_str().unwrap_or("").to_string(),
                f["related"].as_array().map_or(0, Vec::len),
            )
        })
        .collect();
    (out.status.code().unwrap_or(-1), findings, stderr, took)
}

fn codes(findings: &[(u64, String, usize)]) -> Vec<(u64, String)> {
    findings.iter().map(|(l, c, _)| (*l, c.clone())).collect()
}

#[test]
fn a_page_naming_the_story_people_hundreds_of_times_keeps_the_five_findings() {
    // 2 MB: over a hundred paragraphs name Mizintsev, each on its own line.
    let page = live_coverage(2 << 20);
    assert!(page.matches("Mizintsev").count() > 100);
    let dir = story_with_page("big-source", &page);
    let (code, findings, stderr, took) = check(&dir.0, Duration::from_secs(600));
    eprintln!("checked in {took:?}");
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(
        codes(&findings),
        crate::common::expected_findings(),
        "{stderr}"
    );
    let misspelled = &findings[3];
    assert!(
        (1..=3).contains(&misspelled.2),
        "the misspelled name shows one to three places: {findings:?}"
    );
}

/// Time and peak memory of `sourced check` with a 30 MB page (or
/// `SOURCED_BIG_SOURCE_MB`), printed.
#[test]
#[ignore = "a measurement: run it in release, see the module's documentation"]
fn time_and_memory_of_a_check_with_a_30_mb_page() {
    let mb: usize = std::env::var("SOURCED_BIG_SOURCE_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(30);
    let page = live_coverage(mb << 20);
    let dir = story_with_page("big-source-measure", &page);
    drop(page);
    let (code, findings, stderr, took) = check(&dir.0, Duration::from_secs(1800));
    // SAFETY: getrusage only writes the struct it is given.
    let peak_kb = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage);
        usage.ru_maxrss
    };
    eprintln!(
        "{mb} MB page: {} findings in {took:?}, peak resident {} MB",
        findings.len(),
        peak_kb / 1024
    );
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(
        codes(&findings),
        crate::common::expected_findings(),
        "{stderr}"
    );
}
