//! The shared tokenizer and word normaliser on arbitrary UTF-8.
//!
//! Both the corpus index and quote matching rely on [`words`]: its spans must be
//! in order, inside the text on character boundaries, never empty, and a word cut out of
//! its text must tokenize to itself with the same normal form: the matcher tokenizes a
//! quote (a substring of the draft) and the index a whole source, and what one writes
//! the other must find.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sourced::analysis::normalize::{normalize_word, words};

fuzz_target!(|text: &str| {
    let mut last_end = 0;
    for word in words(text) {
        let span = word.span;
        assert!(span.start >= last_end, "word spans overlap or go backwards");
        assert!(span.start < span.end && span.end <= text.len());
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        last_end = span.end;
        assert!(
            !word.norm.is_empty(),
            "empty normalised word for {:?}",
            span.slice(text)
        );
        let alone = words(span.slice(text));
        assert_eq!(
            alone.len(),
            1,
            "{:?} is not one word on its own",
            span.slice(text)
        );
        assert_eq!(alone[0].norm, word.norm);
        assert_eq!(normalize_word(span.slice(text)), word.norm);
    }
});
