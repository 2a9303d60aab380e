//! The syria-refugees story: `draft.md` against its three sources gives exactly the
//! findings `expected.md` lists, fixes remove their findings, and a corrected draft is
//! quiet.

use std::path::{Path, PathBuf};

use sourced::analysis::{analyze, TextFormat};
use sourced::check::{check, CheckOptions, FindingCode, QuoteStatus, Report};
use sourced::config::CorpusConfig;
use sourced::corpus::load::{load, Loaded};
use sourced::index::CorpusIndex;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/syria-refugees")
}

fn corpus() -> Loaded {
    let loaded = load(&CorpusConfig::new(vec![fixture().join("sources")]), &|_| {});
    assert_eq!(loaded.stats.files, 3, "problems: {:?}", loaded.problems);
    loaded
}

fn draft() -> String {
    std::fs::read_to_string(fixture().join("draft.md")).expect("draft.md")
}

fn run(text: &str, corpus: &dyn CorpusIndex) -> Report {
    check(
        text,
        &analyze(text, TextFormat::Markdown),
        corpus,
        &CheckOptions::default(),
    )
}

fn line_of(text: &str, offset: usize) -> usize {
    1 + text[..offset].matches('\n').count()
}

/// The (line, code) pairs of expected.md's table: `| 7 | misattributed quote | ... |`.
fn expected() -> Vec<(usize, FindingCode)> {
    let text = std::fs::read_to_string(fixture().join("expected.md")).expect("expected.md");
    let mut out = Vec::new();
    for row in text.lines().filter(|l| l.starts_with('|')) {
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        let (Some(line), Some(what)) = (cells.get(1), cells.get(2)) else {
            continue;
        };
        if let (Ok(line), Some(code)) = (
            line.parse::<usize>(),
            FindingCode::parse(&what.replace(' ', "-")),
        ) {
            out.push((line, code));
        }
    }
    out
}

/// The findings at warning or error level, as (line, code).
fn problems(text: &str, report: &Report) -> Vec<(usize, FindingCode)> {
    report
        .findings
        .iter()
        .filter(|f| f.severity.is_problem())
        .map(|f| (line_of(text, f.span.start), f.code))
        .collect()
}

#[test]
fn expected_md_lists_five_findings() {
    // Guards the parser below: the table must not silently read as empty.
    assert_eq!(
        expected(),
        vec![
            (7, FindingCode::MisattributedQuote),
            (9, FindingCode::AlteredQuote),
            (11, FindingCode::UnsourcedQuote),
            (15, FindingCode::MisspelledName),
            (17, FindingCode::TitleMismatch),
        ]
    );
}

#[test]
fn the_draft_gives_exactly_the_expected_findings() {
    let loaded = corpus();
    let text = draft();
    let report = run(&text, &loaded.index);
    let mut got = problems(&text, &report);
    got.sort();
    let mut want = expected();
    want.sort();
    assert_eq!(got, want, "findings: {:#?}", report.findings);
}

#[test]
fn messages_name_the_evidence() {
    let loaded = corpus();
    let text = draft();
    let report = run(&text, &loaded.index);
    let find = |code: FindingCode| {
        report
            .findings
            .iter()
            .find(|f| f.code == code)
            .unwrap_or_else(|| panic!("no {code:?} in {:#?}", report.findings))
    };
    let mis = find(FindingCode::MisattributedQuote);
    assert!(mis.message.contains("Mizintsev"), "{}", mis.message);
    assert!(mis.message.contains("arab-news.txt:13"), "{}", mis.message);
    assert!(
        mis.message.contains("afp-wire-rewrite.txt:15"),
        "{}",
        mis.message
    );
    assert!(!mis.evidence.is_empty());

    let alt = find(FindingCode::AlteredQuote);
    assert!(alt.message.contains("mechanism"), "{}", alt.message);
    assert!(alt.message.contains("process"), "{}", alt.message);
    assert!(alt
        .fix
        .as_deref()
        .unwrap_or("")
        .contains("voluntary mechanism"));

    let name = find(FindingCode::MisspelledName);
    assert_eq!(name.span.slice(&text), "Mizintzev");
    assert_eq!(name.fix.as_deref(), Some("Mizintsev"));
    // Each line of a source once: "General Mikhail Mizintsev", the "Mizintsev" inside it
    // and the later mentions in the same paragraph would all read `afp-wire-rewrite.txt:15`.
    let lines: Vec<(sourced::index::SourceId, usize)> = name
        .evidence
        .iter()
        .map(|l| {
            let text = &loaded.index.source(l.source).unwrap().text;
            (l.source, 1 + text[..l.span.start].matches('\n').count())
        })
        .collect();
    let mut distinct = lines.clone();
    distinct.dedup();
    assert_eq!(
        lines.len(),
        distinct.len(),
        "the same place given twice: {lines:?}"
    );

    let title = find(FindingCode::TitleMismatch);
    assert!(
        title.message.contains("Defense Minister"),
        "{}",
        title.message
    );
    assert!(
        title.message.contains("breitbart.txt:4"),
        "{}",
        title.message
    );
    assert!(title
        .fix
        .as_deref()
        .unwrap_or("")
        .contains("Defense Minister"));

    // Evidence points at the quoted words in the source file.
    let src = loaded
        .index
        .source(mis.evidence[0].source)
        .expect("evidence source");
    assert!(mis.evidence[0]
        .span
        .slice(&src.text)
        .contains("The Russian proposals are currently being examined"));
}

#[test]
fn each_fix_removes_its_finding_and_adds_none() {
    let loaded = corpus();
    let text = draft();
    let report = run(&text, &loaded.index);
    let before = problems(&text, &report);
    let mut fixed_any = 0;
    for f in report.findings.iter().filter(|f| f.fix.is_some()) {
        let fix = f.fix.as_deref().unwrap_or_default();
        let mut edited = text.clone();
        edited.replace_range(f.span.start..f.span.end, fix);
        let after = problems(&edited, &run(&edited, &loaded.index));
        let line = line_of(&text, f.span.start);
        assert!(
            !after.contains(&(line, f.code)),
            "fix {fix:?} for {:?} on line {line} left it: {after:?}",
            f.code
        );
        let expected_after: Vec<_> = before
            .iter()
            .filter(|p| **p != (line, f.code))
            .cloned()
            .collect();
        assert_eq!(
            after, expected_after,
            "after fixing {:?} on line {line}",
            f.code
        );
        fixed_any += 1;
    }
    // Misattribution, alteration, spelling and title all have fixes.
    assert_eq!(fixed_any, 4);
}

#[test]
fn a_corrected_draft_is_quiet() {
    let loaded = corpus();
    let text = draft();
    let report = run(&text, &loaded.index);
    // Apply every fix from the end, and drop the invented quote's paragraph.
    let mut fixed = text.clone();
    let mut with_fix: Vec<_> = report.findings.iter().filter(|f| f.fix.is_some()).collect();
    with_fix.sort_by_key(|f| std::cmp::Reverse(f.span.start));
    for f in with_fix {
        fixed.replace_range(
            f.span.start..f.span.end,
            f.fix.as_deref().unwrap_or_default(),
        );
    }
    let invented =
        "\"We will not pay for reconstruction while Assad stays in power,\" Pompeo added.\n\n";
    assert!(fixed.contains(invented));
    let fixed = fixed.replace(invented, "");
    let after = run(&fixed, &loaded.index);
    assert_eq!(problems(&fixed, &after), vec![], "{:#?}", after.findings);
}

#[test]
fn verdicts_say_where_each_quote_comes_from() {
    let loaded = corpus();
    let text = draft();
    let report = run(&text, &loaded.index);
    let at = |needle: &str| {
        let offset = text.find(needle).expect("needle in draft");
        report.quote_at(offset).expect("a quote there")
    };
    let name_of = |v: &sourced::check::QuoteVerdict| -> Vec<String> {
        v.matches
            .iter()
            .filter_map(|m| loaded.index.source(m.location.source))
            .map(|s| s.path.file_name().unwrap().to_string_lossy().into_owned())
            .collect()
    };
    // Line 5: verified in two sources, spoken by Mizintsev.
    let v = at("Specific proposals");
    assert_eq!(v.status, QuoteStatus::Verified);
    let mut files = name_of(v);
    files.sort();
    assert_eq!(files, vec!["afp-wire-rewrite.txt", "arab-news.txt"]);
    assert!(
        v.speakers.iter().all(|s| s.name.contains("Mizintsev")),
        "{:?}",
        v.speakers
    );
    // Line 7: misattributed; the sources say Mizintsev.
    assert_eq!(
        at("The Russian proposals").status,
        QuoteStatus::Misattributed
    );
    // Line 9: altered, with the difference marked.
    let v = at("It's important");
    assert_eq!(v.status, QuoteStatus::Altered);
    let diff = v.matches[0].diff.to_markdown();
    assert!(
        diff.contains("~~mechanism,~~") && diff.contains("**process,**"),
        "{diff}"
    );
    // Line 11: unsourced.
    assert_eq!(at("We will not pay").status, QuoteStatus::Unsourced);
    // Line 13, 19, 21: fragments and partial quotes, verbatim.
    for q in [
        "considering",
        "I'm all for",
        "trying to draw",
        "organize the interaction",
    ] {
        assert_eq!(at(q).status, QuoteStatus::Verified, "{q}");
    }
}

#[test]
fn people_carry_the_corpus_titles() {
    let loaded = corpus();
    let text = draft();
    let analysis = analyze(&text, TextFormat::Markdown);
    let report = check(&text, &analysis, &loaded.index, &CheckOptions::default());
    let mattis = analysis
        .entities
        .iter()
        .find(|e| e.canonical.contains("Mattis"))
        .expect("Mattis in the draft");
    let person = report
        .person(mattis.id)
        .expect("Mattis known to the corpus");
    assert!(
        person
            .corpus
            .titles
            .iter()
            .any(|t| t.text.contains("Secretary of Defense")),
        "{:?}",
        person.corpus.titles
    );
}

#[test]
fn a_declared_alias_silences_the_spelling() {
    let loaded = corpus();
    let text = draft();
    let options = CheckOptions {
        aliases: vec![sourced::check::Alias {
            alias: "Mizintzev".into(),
            canonical: "Mikhail Mizintsev".into(),
        }],
        ..CheckOptions::default()
    };
    let report = check(
        &text,
        &analyze(&text, TextFormat::Markdown),
        &loaded.index,
        &options,
    );
    assert!(report
        .findings
        .iter()
        .all(|f| f.code != FindingCode::MisspelledName));
    assert_eq!(problems(&text, &report).len(), 4);
}
