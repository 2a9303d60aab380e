//! Unit tests of [`super`] (matching.rs): aligning quotes on source words.

use super::*;
use crate::analysis::normalize::words;

fn fit(draft_quote: &str, source: &str) -> Alignment {
    let p = Pattern::new(draft_quote, &[Span::new(0, draft_quote.len())]);
    align(&p, &words(source)).expect("alignment")
}

fn fit_parts(draft: &str, parts: &[&str], source: &str) -> Alignment {
    let spans: Vec<Span> = parts
        .iter()
        .map(|p| {
            let s = draft.find(p).expect("part in draft");
            Span::new(s, s + p.len())
        })
        .collect();
    let p = Pattern::new(draft, &spans);
    align(&p, &words(source)).expect("alignment")
}

const MIZINTSEV: &str = "senior ministry official General Mikhail Mizintsev said \u{201c}Specific proposals on how work could be organized to ensure that refugees can return home have been sent to the American side,\u{201d} he said.";

#[test]
fn verbatim_quote_is_exact_and_spans_the_source_words() {
    let a = fit(
        "Specific proposals on how work could be organized",
        MIZINTSEV,
    );
    assert!(a.exact);
    assert_eq!(
        a.source_span.slice(MIZINTSEV),
        "Specific proposals on how work could be organized"
    );
}

#[test]
fn spelling_case_and_quote_style_do_not_count() {
    let a = fit(
        "specific proposals on how work could be organised to ensure that refugees can return home",
        MIZINTSEV,
    );
    assert!(a.exact, "{a:?}");
}

#[test]
fn a_fragment_of_a_longer_quote_is_exact() {
    assert!(fit("ensure that refugees can return home", MIZINTSEV).exact);
}

#[test]
fn an_ellipsis_may_leave_words_out() {
    for q in [
        "Specific proposals ... have been sent to the American side",
        "Specific proposals\u{2026} have been sent to the American side",
        "Specific proposals . . . have been sent to the American side",
    ] {
        let a = fit(q, MIZINTSEV);
        assert!(a.exact, "{q}: {a:?}");
    }
}

#[test]
fn leaving_words_out_without_an_ellipsis_is_a_change() {
    let a = fit(
        "Specific proposals have been sent to the American side",
        MIZINTSEV,
    );
    assert!(!a.exact);
    assert!(a.changes() > 0);
}

#[test]
fn brackets_stand_for_source_words() {
    let source = "\u{201c}We will help them go home,\u{201d} he said.";
    assert!(fit("We will help [the refugees] go home", source).exact);
    // A bracket may also add a word the source does not have.
    assert!(fit("We will [soon] help them go home", source).exact);
}

#[test]
fn a_changed_word_shows_in_the_diff() {
    let source = "\u{201c}It\u{2019}s important that at the right time, through a voluntary mechanism, the refugees are able to return to their home country,\u{201d} he said.";
    let quote = "It's important that at the right time, through a voluntary process, the refugees are able to return to their home country";
    let a = fit(quote, source);
    assert!(!a.exact);
    assert_eq!(a.changes(), 1);
    let p = Pattern::new(quote, &[Span::new(0, quote.len())]);
    let diff = a.diff(&p, quote, source, &words(source));
    assert_eq!(
        diff.changes(),
        vec![("mechanism,".to_string(), "process,".to_string())]
    );
    assert!(a.ratio() > 0.9);
}

#[test]
fn a_quote_split_by_its_attribution_matches_as_one() {
    let draft = "\u{201c}It\u{2019}s important,\u{201d} he said, \u{201c}that at the right time the refugees return.\u{201d}";
    let source = "\u{201c}It\u{2019}s important that at the right time the refugees return,\u{201d} he said.";
    let a = fit_parts(
        draft,
        &[
            "It\u{2019}s important,",
            "that at the right time the refugees return.",
        ],
        source,
    );
    assert!(a.exact, "{a:?}");
}

#[test]
fn unrelated_text_matches_little() {
    let a = fit(
        "We will not pay for reconstruction while Assad stays in power",
        MIZINTSEV,
    );
    assert!(a.ratio() < 0.4, "{}", a.ratio());
}

#[test]
fn dashes_and_whitespace_do_not_count() {
    let source = "\u{201c}Assad\u{2019}s troops \u{2014} backed by Russian air power \u{2014} have made gains,\u{201d} he said.";
    assert!(
        fit(
            "Assad's troops -- backed by Russian air power -- have made gains",
            source
        )
        .exact
    );
    assert!(
        fit(
            "Assad's troops\n  backed by Russian\tair power - have made gains",
            source
        )
        .exact
    );
}

#[test]
fn hyphens_and_initialisms_agree() {
    let source = "\u{201c}I\u{2019}m all for re-opening communications with the US side.\u{201d}";
    assert!(
        fit(
            "I'm all for reopening communications with the U.S. side",
            source
        )
        .exact
    );
}
