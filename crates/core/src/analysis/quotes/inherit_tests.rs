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

#[test]
fn a_signature_ending_the_paragraph_signs_every_part_of_its_quotation() {
    // A quotation split by a nested one ("hell") is signed once, at its end.
    let a = attributed(
        "“Maybe we can build a wall around him.” ― Steve Quinlan\n\n\
         “As a young woman, I’d rather live in what he calls “hell” than live in a world \
         where he is president.” ― Adriana Rodarte",
    );
    assert_eq!(a[0].1.as_deref(), Some("Steve Quinlan"));
    assert_eq!(a[1].1.as_deref(), Some("Adriana Rodarte"));
    assert!(a[1].3);
    // Prose after the dash is no signature: the quote keeps no speaker.
    let a = attributed(
        "“As a young woman, I’d rather live in what he calls “hell” than live there.” ― and \
         that was the end of it",
    );
    assert_eq!(a[0].1, None);
}

#[test]
fn a_possessive_is_no_speaker_of_the_next_paragraph() {
    let a = attributed(
        "\"We will win,\" Mattis said.\n\nHoward continued his scathing remarks.\n\n\"Eight \
         years ago she was the presumed nominee, and a fellow came along.\"",
    );
    assert_eq!(a[1].1.as_deref(), Some("Howard"));
    assert!(a[1].3);
    // A possessive with a person noun is a speaker.
    let a = attributed(
        "\"We will win,\" Mattis said.\n\nLater that day, his spokesman said:\n\n\
         \"Nothing has changed.\"",
    );
    assert_eq!(a[1].1.as_deref(), Some("his spokesman"));
}

#[test]
fn a_transcript_introduced_as_a_document_is_not_its_speaker() {
    let a = attributed(
        "Kasich spoke in Berea on Tuesday.\n\nPartial transcript as follows:\n\n\"Tonight we \
         arrived in Cleveland, and we went to a restaurant.\"",
    );
    assert_eq!(a[0].1, None);
    // A person who introduces the quotation with a colon is its speaker.
    let a = attributed(
        "Kasich spoke in Berea on Tuesday.\n\nThe governor put it as follows:\n\n\"Tonight \
         we arrived in Cleveland, and we went to a restaurant.\"",
    );
    assert_eq!(a[0].1.as_deref(), Some("The governor"));
}

#[test]
fn a_paragraph_ending_in_a_colon_introduces_the_quotation_that_opens_the_next() {
    // The quotation holds a nested one, so words stand outside its marks.
    let a = attributed(
        "Dr. Ward stated:\n\n\"The Department of Justice isn't about “Equal Justice Under \
         Law” anymore. It's about an extreme vision.\"",
    );
    assert_eq!(a[0].1.as_deref(), Some("Dr. Ward"));
    assert!(a[0].3);
    // Without the colon, and with the quotation closed, nobody is named.
    let a = attributed(
        "Dr. Ward spoke in Phoenix.\n\n\"The Department of Justice\" was once a proud \
         name, a reader wrote.",
    );
    assert_eq!(a[0].1.as_deref(), Some("a reader"));
    let a = attributed(
        "The rally ended late.\n\n\"The Department of Justice isn't about “Equal Justice \
         Under Law” anymore,\" was the sign's message.",
    );
    assert_eq!(a[0].1, None);
}

#[test]
fn an_attribution_between_two_quotes_is_the_first_s_too() {
    let a = attributed(
        "\"Do I think that gun dealer should be sued for selling a legal product?\" Sanders \
         asked rhetorically, shaking his head no. \"But I do believe manufacturers should \
         be held to account.\"",
    );
    assert_eq!(a[0].1.as_deref(), Some("Sanders"));
    assert_eq!(a[1].1.as_deref(), Some("Sanders"));
    // A sentence of its own before the attribution of the next quote keeps nobody's.
    let a = attributed(
        "\"We won the state by a mile.\" Trump said the result \"was clear to everyone.\"",
    );
    assert_eq!(a[0].1, None);
    assert_eq!(a[1].1.as_deref(), Some("Trump"));
}

#[test]
fn a_stray_mark_after_narrative_carries_on_nobody() {
    let a = attributed(
        "“You’ve called women you don’t like fat pigs,” Kelly charged in her assault.\n\n\
         \"Trump tried to laugh it off by interjecting, “Only Rosie O’Donnell.” But Kelly \
         was relentless.",
    );
    assert_eq!(a[1].1, None);
    // A quotation telling someone something keeps its own sentence's attribution.
    let a = attributed(
        "Axelrod emailed her condolences, addressing her informally as “Hillary” and \
         telling her, “you are an all-star player and we need you!” She replied to him that \
         it was an \"honor to serve the president.\"",
    );
    assert_ne!(a[1].1.as_deref(), Some("She"));
}
