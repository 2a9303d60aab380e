//! The whole check (quote matching, names, titles) on a draft and a tiny in-memory corpus
//! built from the fuzz input.
//!
//! The input is split on U+001E (record separator): the first part is the draft, the
//! others (up to four) are source texts, analysed and indexed as the corpus loader does.
//! Besides "does not panic", every position in the report must point into its text on
//! character boundaries: the CLI prints them and the server converts them.
#![no_main]

use std::path::PathBuf;
use std::sync::Arc;

use libfuzzer_sys::fuzz_target;
use sourced::analysis::{analyze, Span, TextFormat};
use sourced::check::{check, CheckOptions};
use sourced::corpus::memory::MemoryIndex;
use sourced::index::{CorpusIndex, Location, Source, SourceId, SourceMeta};

fn assert_span(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what} span {span:?} outside text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what} span {span:?} not on char boundaries"
    );
}

fn assert_location(index: &MemoryIndex, loc: &Location, what: &str) {
    let source = index
        .source(loc.source)
        .unwrap_or_else(|| panic!("{what} names source {:?}, which does not exist", loc.source));
    assert_span(&source.text, loc.span, what);
}

fuzz_target!(|input: &str| {
    let mut parts = input.split('\u{1e}');
    let draft = parts.next().unwrap_or("");
    let mut index = MemoryIndex::new();
    for (i, text) in parts.take(4).enumerate() {
        let format = if i % 2 == 0 {
            TextFormat::Plain
        } else {
            TextFormat::Markdown
        };
        index.insert(Source {
            id: SourceId(0),
            path: PathBuf::from(format!("sources/s{i}.txt")),
            meta: SourceMeta::default(),
            text: Arc::from(text),
            text_is_file: true,
            page: None,
            analysis: analyze(text, format),
        });
    }
    let analysis = analyze(draft, TextFormat::Markdown);
    let report = check(draft, &analysis, &index, &CheckOptions::default());
    for f in &report.findings {
        assert_span(draft, f.span, "finding");
        if let Some(q) = f.quote {
            assert!(
                q < analysis.quotes.len(),
                "finding names quote {q}, which does not exist"
            );
        }
        for loc in &f.evidence {
            assert_location(&index, loc, "evidence");
        }
    }
    for v in &report.quotes {
        assert!(v.quote < analysis.quotes.len());
        assert_span(draft, v.span, "verdict");
        for m in &v.matches {
            assert_location(&index, &m.location, "match");
        }
        for s in &v.speakers {
            assert_location(&index, &s.location, "source speaker");
        }
    }
    for p in &report.people {
        for loc in &p.corpus.mentions {
            assert_location(&index, loc, "corpus mention");
        }
    }
});
