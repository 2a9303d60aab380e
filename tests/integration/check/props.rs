//! `check` on any draft: never panics, every finding's span fits the draft, and every
//! source match points into its source.

use std::path::Path;
use std::sync::OnceLock;

use proptest::prelude::*;
use sourced::analysis::{analyze, TextFormat};
use sourced::check::{check, CheckOptions};
use sourced::config::CorpusConfig;
use sourced::corpus::load::{load, Loaded};
use sourced::index::CorpusIndex;

fn corpus() -> &'static Loaded {
    static CORPUS: OnceLock<Loaded> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let dir =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/syria-refugees/sources");
        load(&CorpusConfig::new(vec![dir]), &|_| {})
    })
}

/// Pieces drafts are made of: words of the story, quotation marks of every style,
/// ellipses, brackets, names, and odd characters.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("\"".to_string()),
        Just("\u{201c}".to_string()),
        Just("\u{201d}".to_string()),
        Just("\u{2018}".to_string()),
        Just("'".to_string()),
        Just("...".to_string()),
        Just("\u{2026}".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just(", he said. ".to_string()),
        Just(" Mizintzev said ".to_string()),
        Just("Foreign Minister Sergei Shoigu".to_string()),
        Just("The Russian proposals are currently being examined by the U.S. side".to_string()),
        Just("through a voluntary mechanism".to_string()),
        Just("\n\n".to_string()),
        Just("\u{1f600}\u{e9}\u{301}".to_string()),
        "[a-zA-Z ]{0,12}",
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn findings_fit_the_draft(pieces in prop::collection::vec(piece(), 0..24)) {
        let draft: String = pieces.concat();
        let loaded = corpus();
        for format in [TextFormat::Plain, TextFormat::Markdown] {
            let analysis = analyze(&draft, format);
            let report = check(&draft, &analysis, &loaded.index, &CheckOptions::default());
            prop_assert_eq!(report.quotes.len(), analysis.quotes.len());
            for f in &report.findings {
                prop_assert!(f.span.start <= f.span.end && f.span.end <= draft.len());
                prop_assert!(draft.is_char_boundary(f.span.start) && draft.is_char_boundary(f.span.end));
                prop_assert!(!f.message.is_empty());
            }
            for v in &report.quotes {
                for m in &v.matches {
                    let src = loaded.index.source(m.location.source);
                    prop_assert!(src.is_some_and(|s| s.text.get(m.location.span.start..m.location.span.end).is_some()));
                }
            }
        }
    }
}
