//! The mexico-wall story: three published articles on Mexico's answer to the border wall.
//! `draft-errors.md` plants one error of each kind, each found exactly once;
//! `draft-clean.md` quotes the same people correctly in tricky ways and is silent.

use std::path::{Path, PathBuf};

use sourced::analysis::{analyze, TextFormat};
use sourced::check::{check, CheckOptions, Report};
use sourced::config::CorpusConfig;
use sourced::corpus::load::{load, Loaded};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mexico-wall")
}

fn corpus() -> Loaded {
    let loaded = load(&CorpusConfig::new(vec![fixture().join("sources")]), &|_| {});
    assert_eq!(loaded.stats.files, 3, "problems: {:?}", loaded.problems);
    loaded
}

fn run(name: &str) -> (String, Report) {
    let text = std::fs::read_to_string(fixture().join(name)).expect("draft");
    let loaded = corpus();
    let report = check(
        &text,
        &analyze(&text, TextFormat::Markdown),
        &loaded.index,
        &CheckOptions::default(),
    );
    (text, report)
}

#[test]
fn every_planted_error_is_found_once() {
    let (text, report) = run("draft-errors.md");
    let got: Vec<(&str, &str)> = report
        .findings
        .iter()
        .map(|f| (f.code.as_str(), f.span.slice(&text)))
        .collect();
    assert_eq!(
        got,
        vec![
            ("misattributed-quote", "Jeb Bush"),
            (
                "altered-quote",
                "It is unbelievable that a quite admirable society like the American society could produce such kind of candidates,"
            ),
            (
                "unsourced-quote",
                "We will build a bridge of friendship with our northern neighbors,"
            ),
            ("title-mismatch", "Mexican Ambassador"),
            ("misspelled-name", "Masieu"),
            (
                "misattributed-quote",
                "They're sending people that have lots of problems, and they're bringing those problems with us."
            ),
        ],
        "{:#?}",
        report.quotes
    );
    let fixes: Vec<Option<&str>> = report.findings.iter().map(|f| f.fix.as_deref()).collect();
    assert_eq!(fixes[0], Some("Felipe Calderon"));
    assert_eq!(fixes[3], Some("Foreign Secretary"));
    assert_eq!(fixes[4], Some("Massieu"));
    // The continuation names nobody: the finding offers no replacement name.
    assert_eq!(fixes[5], None);
    assert!(report.findings[5].message.contains("Trump"));
}

#[test]
fn the_clean_draft_is_silent() {
    let (_, report) = run("draft-clean.md");
    assert!(report.findings.is_empty(), "{:#?}", report.findings);
}
