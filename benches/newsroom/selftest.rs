//! What `cargo test --all-targets` runs of this bench (cargo runs a `harness = false`
//! bench without `--bench` in test mode): quick checks that the generator is
//! deterministic and varied, that the draft is what the report says it is, that the
//! edit script stays on character boundaries, and that the measuring helpers are right.
//! Measuring itself only happens under `cargo bench`.

use std::path::Path;
use std::time::Duration;

use crate::draft::{self, QuoteKind};
use crate::generate::Seeds;
use crate::lsp_client::position;
use crate::stats::summarize;

fn check(ok: bool, what: &str, failures: &mut Vec<String>) {
    if !ok {
        failures.push(what.to_string());
    }
}

/// Run the checks; `Err` lists what failed.
pub fn run(seeds_dir: &Path) -> Result<String, Vec<String>> {
    let mut failures = Vec::new();

    // Measuring helpers.
    let ms: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
    let s = summarize(&ms);
    check(
        s.p50_ms == 50.0 && s.p95_ms == 95.0 && s.max_ms == 100.0,
        "nearest-rank percentiles of 1..=100 ms are 50, 95, 100",
        &mut failures,
    );
    let text = "é€\n😀x";
    check(
        position(text, "é€\n😀".len()) == serde_json::json!({"line": 1, "character": 2}),
        "an LSP position counts UTF-16 units (an emoji is 2)",
        &mut failures,
    );

    // The seeds: PolNeAR when present, else the bundled fixture (fewer checks apply).
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (seeds, label) = match Seeds::load(seeds_dir) {
        Ok(s) => (s, "PolNeAR seeds"),
        Err(_) => {
            let fixture = manifest.join("tests/fixtures/syria-refugees/sources");
            match Seeds::load_from(&fixture, &fixture.join("none")) {
                Ok(s) => (s, "bundled fixture seeds (PolNeAR absent)"),
                Err(e) => return Err(vec![format!("no seeds at all: {e}")]),
            }
        }
    };
    let n = seeds.articles.len();
    let seed = 7;

    // Deterministic, originals kept, variants distinct.
    check(
        seeds.article(seed, n + 5) == seeds.article(seed, n + 5),
        "the same (seed, article) gives the same text",
        &mut failures,
    );
    check(
        seeds.article(seed, n + 5).1 != seeds.article(seed + 1, n + 5).1,
        "another seed gives another text",
        &mut failures,
    );
    check(
        seeds.article(seed, 0).1 == seeds.articles[0].raw,
        "the first articles are the seed articles as they are",
        &mut failures,
    );
    let variants: Vec<String> = (n..n + 300).map(|i| seeds.article(seed, i).1).collect();
    let mut distinct = variants.clone();
    distinct.sort();
    distinct.dedup();
    check(
        distinct.len() == variants.len(),
        "300 generated articles are 300 different texts",
        &mut failures,
    );
    let raws: std::collections::HashSet<&str> =
        seeds.articles.iter().map(|a| a.raw.as_str()).collect();
    check(
        variants.iter().all(|v| !raws.contains(v.as_str())),
        "no generated article is a copy of a seed article",
        &mut failures,
    );
    if seeds.people.surnames.contains("Trump") {
        let share = |texts: &mut dyn Iterator<Item = &str>| {
            let (mut hit, mut all) = (0, 0);
            for t in texts {
                all += 1;
                if t.contains("Trump") {
                    hit += 1;
                }
            }
            hit as f64 / all.max(1) as f64
        };
        let before = share(&mut seeds.articles.iter().map(|a| a.raw.as_str()));
        let after = share(&mut variants.iter().map(String::as_str));
        check(
            after < before / 4.0,
            &format!(
                "people are renamed: \"Trump\" in {before:.0$} of seeds but {after:.2} of variants",
                2
            ),
            &mut failures,
        );
    }

    // The draft and the edits.
    let articles = 5 * n;
    let d = draft::build(&seeds, seed, articles, 40, 2000);
    if n >= 100 {
        check(
            (35..=45).contains(&d.quotes.len()) && (1800..=2400).contains(&d.words),
            &format!(
                "the draft has about 40 quotes and 2,000 words ({} and {})",
                d.quotes.len(),
                d.words
            ),
            &mut failures,
        );
        check(
            d.count(QuoteKind::Misattributed) >= 2
                && d.count(QuoteKind::Altered) >= 4
                && d.count(QuoteKind::Invented) >= 1,
            "the draft has misattributed, altered and invented quotes",
            &mut failures,
        );
    }
    for q in &d.quotes {
        let (_, source) = seeds.article(seed, q.article);
        let present = source.contains(q.inner.as_str());
        let expected = matches!(q.kind, QuoteKind::Verbatim | QuoteKind::Misattributed);
        check(
            present == expected && d.text.contains(q.inner.as_str()),
            &format!(
                "{:?} quote {:?} is in its source: {present}",
                q.kind, q.inner
            ),
            &mut failures,
        );
    }
    let edits = draft::edits(&d.text, seed, 200);
    check(
        edits.len() == 200,
        "the edit script has 200 keystrokes",
        &mut failures,
    );
    let mut text = d.text.clone();
    for e in &edits {
        if !(text.is_char_boundary(e.offset) && text.is_char_boundary(e.offset + e.delete)) {
            failures.push(format!("an edit is off a character boundary: {e:?}"));
            break;
        }
        draft::apply(&mut text, e);
    }
    check(
        edits.iter().any(|e| e.in_quote) && edits.iter().any(|e| !e.in_quote),
        "keystrokes land both in quotes and in running text",
        &mut failures,
    );

    if failures.is_empty() {
        Ok(format!(
            "{label}: {n} seed articles, draft of {} words and {} quotes",
            d.words,
            d.quotes.len()
        ))
    } else {
        Err(failures)
    }
}
