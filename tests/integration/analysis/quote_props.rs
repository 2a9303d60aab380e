//! Property tests: no input makes quote extraction, attribution or Markdown masking
//! panic or loop, and every span they report lies on character boundaries inside the
//! text.

use proptest::prelude::*;
use sourced::analysis::{
    analyze, attribution, inherit, markdown, quote, Analysis, Span, TextFormat,
};

fn check_span(text: &str, span: Span, what: &str) {
    assert!(span.start <= span.end, "{what}: {span:?} reversed");
    assert!(
        span.end <= text.len(),
        "{what}: {span:?} past the end ({})",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start),
        "{what}: {span:?} start inside a char"
    );
    assert!(
        text.is_char_boundary(span.end),
        "{what}: {span:?} end inside a char"
    );
}

fn check_analysis(text: &str, a: &Analysis) {
    let mut last_start = 0;
    for q in &a.quotes {
        check_span(text, q.span, "quote");
        check_span(text, q.inner, "inner");
        assert!(
            q.span.contains_span(q.inner),
            "inner {:?} outside {:?}",
            q.inner,
            q.span
        );
        assert_eq!(q.inner.slice(text), q.text);
        assert!(q.span.start >= last_start, "quotes out of order");
        last_start = q.span.start;
        if let Some(s) = &q.speaker {
            check_span(text, s.mention, "mention");
            assert_eq!(s.mention.slice(text), s.mention_text);
            assert!(
                !s.mention.overlaps(q.inner) || s.inherited,
                "mention inside its own quote"
            );
        }
        if let Some(c) = &q.cue {
            check_span(text, c.span, "cue");
            assert_eq!(c.span.slice(text), c.text);
        }
    }
}

fn run_all(text: &str) {
    for format in [TextFormat::Plain, TextFormat::Markdown] {
        let a = analyze(text, format);
        check_analysis(text, &a);
    }
    let masked = markdown::mask(text);
    assert_eq!(masked.len(), text.len());
    for (i, (a, b)) in text.bytes().zip(masked.bytes()).enumerate() {
        assert!(
            a == b || b == b' ',
            "byte {i} changed to something other than a space"
        );
        if a == b'\n' {
            assert_eq!(b, b'\n', "line break {i} lost");
        }
    }
}

/// Text made of the pieces that matter: quote marks of every kind, apostrophes, words,
/// cues, Markdown syntax, line breaks, control characters and other scripts.
fn newsy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\"".to_string()),
        Just("'".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        Just("‘".to_string()),
        Just("’".to_string()),
        Just("«".to_string()),
        Just("»".to_string()),
        Just("„".to_string()),
        Just(" said ".to_string()),
        Just(" he told reporters".to_string()),
        Just("according to ".to_string()),
        Just("Pompeo".to_string()),
        Just(", ".to_string()),
        Just(". ".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("\r\n".to_string()),
        Just("U.S.".to_string()),
        Just("It's".to_string()),
        Just("**".to_string()),
        Just("`".to_string()),
        Just("```".to_string()),
        Just("<!--".to_string()),
        Just("-->".to_string()),
        Just("[".to_string()),
        Just("](".to_string()),
        Just(")".to_string()),
        Just("# ".to_string()),
        Just("---\n".to_string()),
        Just("_".to_string()),
        Just("\\".to_string()),
        Just("\u{0}\u{7}\u{1b}".to_string()),
        Just("Привет мир".to_string()),
        Just("مرحبا".to_string()),
        Just("日本語の文".to_string()),
        Just("é\u{301}👍🏽".to_string()),
        "[a-zA-Z ]{1,12}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..80).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn arbitrary_strings_never_break_the_analysis(text in any::<String>()) {
        run_all(&text);
    }

    #[test]
    fn news_like_strings_never_break_the_analysis(text in newsy()) {
        run_all(&text);
    }
}

/// Quotes and attribution alone (the entity analysis has its own robustness tests).
fn quotes_only(text: &str) -> Analysis {
    let masked = markdown::mask(text);
    assert_eq!(masked.len(), text.len());
    let mut quotes = quote::find_quotes(&masked);
    attribution::attribute(&masked, &mut quotes);
    inherit::inherit_speakers(&masked, &mut quotes);
    quote::restore_text(text, &mut quotes);
    Analysis {
        quotes,
        entities: Vec::new(),
    }
}

#[test]
fn huge_single_line_with_lone_marks_finishes() {
    // 5 MB on one line: lone opening marks, apostrophes and cues everywhere. Runs in
    // linear time (a quadratic scan would not finish in any reasonable time).
    let unit = "He said \"it's a 'test and Pompeo’s “view, said Mr. Smith ";
    let text = unit.repeat(5_000_000 / unit.len());
    let a = quotes_only(&text);
    check_analysis(&text, &a);
    assert!(!a.quotes.is_empty());
    let lone = "\"".repeat(1_000_000) + &"'".repeat(1_000_000) + &"“".repeat(300_000);
    check_analysis(&lone, &quotes_only(&lone));
    // Markdown-looking pathologies: unclosed links, backtick runs, comment openers.
    let md = "[a](".repeat(200_000)
        + &"`".repeat(100_000)
        + &"<!--".repeat(100_000)
        + &"*_".repeat(200_000);
    check_analysis(&md, &quotes_only(&md));
}
