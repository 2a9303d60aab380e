//! Entity reading never panics and always reports spans that fit the text, whatever the
//! input: arbitrary strings, lone quote marks, control characters, mixed scripts.

use proptest::prelude::*;

use sourced::analysis::coreference::resolve_speakers;
use sourced::analysis::entity::{find_entities, name_key, surname};
use sourced::analysis::office::{conflicts, normalize_title, same_office};
use sourced::analysis::{MentionKind, Quote, Span, Speaker};

fn check_spans(text: &str, quotes: &mut [Quote]) {
    let mut people = find_entities(text);
    resolve_speakers(text, &mut people, quotes);
    let entities = people.entities;
    for (i, e) in entities.iter().enumerate() {
        assert_eq!(e.id.0 as usize, i);
        for m in &e.mentions {
            assert!(
                text.get(m.span.start..m.span.end).is_some(),
                "mention {m:?}"
            );
        }
        for t in &e.titles {
            assert!(text.get(t.span.start..t.span.end).is_some(), "title {t:?}");
        }
    }
    for q in quotes.iter() {
        if let Some(id) = q.speaker.as_ref().and_then(|s| s.entity) {
            assert!((id.0 as usize) < entities.len());
        }
    }
}

/// A pretend quote and speaker at arbitrary (boundary-safe) places of the text.
fn quotes_for(text: &str, cuts: &[usize]) -> Vec<Quote> {
    let bounds: Vec<usize> = (0..=text.len())
        .filter(|&i| text.is_char_boundary(i))
        .collect();
    let pick = |k: usize| bounds[k % bounds.len()];
    cuts.chunks(3)
        .filter(|c| c.len() == 3)
        .map(|c| {
            let mut p = [pick(c[0]), pick(c[1]), pick(c[2])];
            p.sort_unstable();
            let inner = Span::new(p[0], p[1]);
            let mention = Span::new(p[1], p[2]);
            let mut q = Quote::new(inner, inner, inner.slice(text));
            q.speaker = Some(Speaker {
                mention,
                mention_text: mention.slice(text).to_string(),
                kind: MentionKind::Pronoun,
                entity: None,
                inherited: c[0] % 5 == 0,
            });
            q
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn any_string(text in "\\PC{0,300}", cuts in proptest::collection::vec(0usize..1000, 0..9)) {
        let mut quotes = quotes_for(&text, &cuts);
        check_spans(&text, &mut quotes);
        let _ = (name_key(&text), surname(&text), normalize_title(&text));
        let _ = (conflicts(&text, "Defense Minister"), same_office(&text, &text));
    }

    #[test]
    fn newsy_strings(
        parts in proptest::collection::vec(
            prop_oneof![
                Just("Mr. "), Just("Gen. "), Just("al-"), Just("Al-Assad's "), Just("U.S. "),
                Just("Secretary of State "), Just("Mike "), Just("Pompeo"), Just(", "), Just("."),
                Just("\u{201C}"), Just("\u{201D}"), Just("\""), Just("'"), Just("he said"),
                Just("\n\n"), Just("\n"), Just("The "), Just("Ministry "), Just("é"), Just("中文"),
                Just("\u{0}"), Just("-"), Just("W. "), Just("Jr."), Just("senior official "),
            ],
            0..60,
        ),
        cuts in proptest::collection::vec(0usize..1000, 0..9),
    ) {
        let text: String = parts.concat();
        let mut quotes = quotes_for(&text, &cuts);
        check_spans(&text, &mut quotes);
    }
}

#[test]
fn huge_line_and_many_names_stay_fast_and_sound() {
    // One line of 20,000 names and pronouns: no quadratic blow-up, no panic.
    let text = "Mike Pompeo said he met Gen. Mizintsev and Pompeo. ".repeat(20_000);
    let mut quotes = quotes_for(&text, &[1, 500, 900, 20_000, 20_100, 20_200]);
    check_spans(&text, &mut quotes);
}
