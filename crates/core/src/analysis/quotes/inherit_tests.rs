//! Unit tests of [`super`] (inherit.rs): quotes with no attribution of their own carry
//! on the speaker a reader would name, on real-looking news paragraphs.

use crate::analysis::attribution::tests::attributed;

#[test]
fn quote_only_paragraph_inherits_the_previous_speaker() {
    let a = attributed(
        "\"First,\" Mattis said.\n\n\"Second paragraph.\"\n\nNarration here.\n\n\"Far away.\"",
    );
    assert_eq!(a[1].1.as_deref(), Some("Mattis"));
    assert!(a[1].3);
    assert_eq!(a[1].2, None);
    // Two paragraphs of narration in between: no guess.
    let a = attributed("\"First,\" Mattis said.\n\nOne.\n\nTwo.\n\nThree.\n\n\"Far away.\"");
    assert_eq!(a[1].1, None);
}

#[test]
fn a_quoted_sentence_after_a_sentence_about_its_speaker() {
    let a = attributed(
        r#"Clinton touted her credentials as an original co-sponsor of the legislation. "We need to find ways to support families.""#,
    );
    assert_eq!(a[0].1.as_deref(), Some("Clinton"));
    assert_eq!(a[0].2, None);
    // Not when the sentence before is about a thing.
    let a = attributed(
        r#"The bill passed the Senate on Tuesday. "We need to find ways to support families.""#,
    );
    assert_eq!(a[0].1, None);
}

#[test]
fn an_introducing_paragraph_names_the_speaker_of_the_next() {
    // "as X observed," in a paragraph that ends with a colon.
    let a = attributed(
        "\"We will win,\" Mattis said.\n\nOf course, as Joel Pollak of Breitbart \
         California observed, the biggest victor was not on the stage:\n\n\"The clear \
         winner of Tuesday night's debate was the Fox Business Network.\"",
    );
    assert_eq!(
        a[1].1.as_deref(),
        Some("Joel Pollak of Breitbart California")
    );
    assert!(a[1].3);
    // A paragraph of narrative about someone leads into their words.
    let a = attributed(
        "\"We will win,\" Mattis said.\n\nValastro praised Christie's leadership in the \
         aftermath of Hurricane Sandy.\n\n\"We need someone who's going to bring people \
         together.\"",
    );
    assert_eq!(a[1].1.as_deref(), Some("Valastro"));
    // Narrative about a thing says nothing: the previous speaker carries on.
    let a = attributed(
        "\"We will win,\" Mattis said.\n\nThe remarks came after a week of turmoil at the \
         Pentagon.\n\n\"We are not going anywhere.\"",
    );
    assert_eq!(a[1].1.as_deref(), Some("Mattis"));
}
