//! Quote extraction on arbitrary UTF-8, in both formats.
//!
//! The first byte picks the format (even: plain, odd: Markdown); the rest is the text.
//! Besides "does not panic", every span the analysis reports must lie inside the text
//! on character boundaries, since the server slices and converts them.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sourced::analysis::{analyze, Span, TextFormat};

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

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let format = if selector & 1 == 0 {
        TextFormat::Plain
    } else {
        TextFormat::Markdown
    };
    let analysis = analyze(text, format);
    for quote in &analysis.quotes {
        assert_span(text, quote.span, "quote");
        assert_span(text, quote.inner, "quote inner");
        assert!(quote.span.contains_span(quote.inner), "inner outside quote");
        if let Some(speaker) = &quote.speaker {
            assert_span(text, speaker.mention, "speaker");
            if let Some(id) = speaker.entity {
                assert!(
                    analysis.entity(id).is_some(),
                    "speaker entity {id:?} dangling"
                );
            }
        }
        if let Some(cue) = &quote.cue {
            assert_span(text, cue.span, "cue");
        }
    }
    for entity in &analysis.entities {
        for mention in &entity.mentions {
            assert_span(text, mention.span, "mention");
        }
        for title in &entity.titles {
            assert_span(text, title.span, "title");
        }
    }
});
