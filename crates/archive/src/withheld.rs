//! What a check must not say while the archive has not answered: that a quote is in no
//! source, or that a name is in no source and so misspelled. Both are claims about
//! everything the corpus holds; when a question to the archive was missed, the archive
//! may hold the quote or the name, and the claim is withheld until it answers. Findings
//! that rest on what a source does say (a misattribution, an altered wording, a title)
//! stand.
//!
//! A missed passage question is tied to the quotes that share a pair of adjacent words
//! with it (the question is made of the quote's words); a missed question about a name
//! to the names sharing a word with it. A missed source, or a missed question about a
//! person (who may be the speaker whose mentions a short quote is looked for near),
//! could bear on any quote: then every "unsourced" is withheld.

use sourced_core::analysis::normalize;
use sourced_core::check::{FindingCode, QuoteStatus, Report};

use crate::answers::Question;

/// What was withheld from a report.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Withheld {
    /// Findings taken out.
    pub findings: usize,
    /// Quotes whose verdict "unsourced" became "unchecked".
    pub verdicts: usize,
}

fn norms(text: &str) -> Vec<String> {
    normalize::words(text).into_iter().map(|w| w.norm).collect()
}

fn shares_a_pair(quote: &[String], asked: &[String]) -> bool {
    if quote.len() < 2 || asked.len() < 2 {
        return quote.iter().any(|w| asked.contains(w));
    }
    quote
        .windows(2)
        .any(|q| asked.windows(2).any(|a| a[0] == q[0] && a[1] == q[1]))
}

/// Take out of `report` (a check of `draft`) the claims of absence that `missed`
/// questions could overturn.
pub fn withhold(report: &mut Report, draft: &str, missed: &[Question]) -> Withheld {
    let mut out = Withheld::default();
    if missed.is_empty() {
        return out;
    }
    let any_source = missed
        .iter()
        .any(|q| matches!(q, Question::Source(_) | Question::Text(_)));
    let any_person = missed
        .iter()
        .any(|q| matches!(q, Question::Named(_) | Question::Similar(_)));
    let passages: Vec<&Vec<String>> = missed
        .iter()
        .filter_map(|q| match q {
            Question::Passages(words, _) => Some(words),
            _ => None,
        })
        .collect();
    let names: Vec<Vec<String>> = missed
        .iter()
        .filter_map(|q| match q {
            Question::Named(n) | Question::Similar(n) => Some(norms(n)),
            _ => None,
        })
        .collect();
    let quote_open = |text: &str| {
        any_source || any_person || {
            let words = norms(text);
            passages.iter().any(|asked| shares_a_pair(&words, asked))
        }
    };
    let name_open = |text: &str| {
        any_source || {
            let words = norms(text);
            names
                .iter()
                .chain(passages.iter().copied())
                .any(|asked| asked.iter().any(|w| words.contains(w)))
        }
    };
    for v in &mut report.quotes {
        if v.status == QuoteStatus::Unsourced && quote_open(v.span.slice(draft)) {
            v.status = QuoteStatus::Unchecked;
            out.verdicts += 1;
        }
    }
    let before = report.findings.len();
    report.findings.retain(|f| match f.code {
        FindingCode::UnsourcedQuote => !quote_open(f.span.slice(draft)),
        FindingCode::MisspelledName => !name_open(&f.key),
        _ => true,
    });
    out.findings = before - report.findings.len();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use sourced_core::analysis::{analyze, TextFormat};
    use sourced_core::check::check;
    use sourced_core::index::{CorpusEntity, CorpusIndex, Passage, Source, SourceId};
    use std::sync::Arc;

    /// Three sources that hold nothing the draft says.
    struct Empty;
    impl CorpusIndex for Empty {
        fn source_count(&self) -> usize {
            3
        }
        fn source(&self, _: SourceId) -> Option<Arc<Source>> {
            None
        }
        fn passages(&self, _: &[String], _: usize) -> Vec<Passage> {
            Vec::new()
        }
        fn entities_named(&self, _: &str) -> Vec<Arc<CorpusEntity>> {
            Vec::new()
        }
        fn similar_names(&self, _: &str) -> Vec<(String, Arc<CorpusEntity>)> {
            Vec::new()
        }
        fn entities_containing(&self, _: &str, _: usize) -> Vec<Arc<CorpusEntity>> {
            Vec::new()
        }
    }

    const DRAFT: &str = "\"We will build a new bridge over the river next spring,\" the mayor said.\n\n\"Nobody here has ever seen a budget this large before today,\" the clerk said.\n";

    fn unsourced(report: &Report) -> usize {
        report
            .findings
            .iter()
            .filter(|f| f.code == FindingCode::UnsourcedQuote)
            .count()
    }

    #[test]
    fn only_the_quotes_a_missed_question_was_about_are_withheld() {
        let analysis = analyze(DRAFT, TextFormat::Markdown);
        let whole = check(DRAFT, &analysis, &Empty, &Default::default());
        assert_eq!(unsourced(&whole), 2, "{:#?}", whole.findings);

        let mut report = whole.clone();
        let asked = norms("new bridge over the river");
        let w = withhold(&mut report, DRAFT, &[Question::Passages(asked, 12)]);
        assert_eq!(
            w,
            Withheld {
                findings: 1,
                verdicts: 1
            }
        );
        assert_eq!(unsourced(&report), 1);
        assert!(report.findings[0].span.slice(DRAFT).contains("budget"));

        let mut report = whole.clone();
        withhold(&mut report, DRAFT, &[Question::Source(SourceId(1 << 31))]);
        assert_eq!(unsourced(&report), 0);
        assert!(report
            .quotes
            .iter()
            .all(|v| v.status != QuoteStatus::Unsourced));

        let mut report = whole;
        assert_eq!(withhold(&mut report, DRAFT, &[]), Withheld::default());
        assert_eq!(unsourced(&report), 2);
    }
}
