//! Unit tests of [`super`] (signature.rs): quotations signed with a dash and a name,
//! on their line or the line below.

use crate::analysis::attribution::tests::{attributed, speaker_of};

#[test]
fn a_quotation_signed_with_a_dash_and_a_name_is_that_person_s() {
    let prose = "“Trump must stop portraying Latinos as dangerous gangsters.”― Carla Sanchez.\n\
                 ”He represents our greatest shame.” ― Sonya Herridge\n\
                 \"Fear. I am truly afraid.\" -- Edwin G. Monroy\n\
                 \"We deserve better than this.\" — Jane Doe, a nurse in Ohio";
    let a = attributed(prose);
    let speakers: Vec<Option<&str>> = a.iter().map(|q| q.1.as_deref()).collect();
    assert_eq!(
        speakers,
        [
            Some("Carla Sanchez"),
            Some("Sonya Herridge"),
            Some("Edwin G. Monroy"),
            Some("Jane Doe")
        ]
    );
}

#[test]
fn prose_that_carries_on_after_a_dash_is_not_a_signature() {
    // The speaker is the sentence's subject, not words after the dash.
    let a = attributed("He called it “a national disgrace” — and then Biden left the room.");
    assert_eq!(a.first().and_then(|q| q.1.clone()).as_deref(), Some("He"));
    let a = attributed("“We will win,” — Pompeo said on Monday.");
    assert_eq!(
        a.first().and_then(|q| q.1.clone()).as_deref(),
        Some("Pompeo")
    );
}

#[test]
fn a_pull_quote_signature_names_the_speaker() {
    assert_eq!(
        speaker_of("\"We came here with nothing and built a life.\"\n— Maria Lopez, nurse"),
        ("Maria Lopez".into(), "—".into())
    );
    assert_eq!(
        speaker_of("\"The bridge will be open by spring.\" — Jane Doe, mayor"),
        ("Jane Doe".into(), "—".into())
    );
}

#[test]
fn a_transcript_turn_is_its_label_s_and_carries_on_to_the_next_paragraphs() {
    let a = attributed(
        "Partial transcript as follows:\n\n\"WALLACE: Let's start with the debate. Will \
         Gennifer Flowers be there?\n\n\"PENCE: Well, look, she will not be attending the \
         debate tomorrow night.\n\n\"But the truth is that Donald Trump has a unique way of \
         communicating with the American people.\n\n\"WALLACE: Governor, I don't want to \
         interrupt, but we are out of time.",
    );
    let speakers: Vec<Option<&str>> = a.iter().map(|q| q.1.as_deref()).collect();
    assert_eq!(
        speakers,
        [
            Some("WALLACE"),
            Some("PENCE"),
            Some("PENCE"),
            Some("WALLACE")
        ]
    );
    assert_eq!(a[1].2.as_deref(), Some(":"));
    assert!(a[2].3, "the turn's second paragraph carries the label on");
}

#[test]
fn labels_that_name_no_one_and_quoted_colons_are_not_turns() {
    // A video caption, an interviewer's "Q:" and a colon inside a quote mid-paragraph.
    let a = attributed(
        "\"VIDEO: Hillary and Obama all told me it was a video when they knew it was not.\"\n\n\
         \"Q: Did you lie to the families of the victims?\"\n\n\
         He said: \"ISIS: a threat we will defeat within a year,\" and left.",
    );
    assert_eq!(a[0].1, None);
    assert_eq!(a[1].1, None);
    assert_eq!(a[2].1.as_deref(), Some("He"));
    // A caption in a transcript carries on no one's words.
    let a = attributed(
        "\"RAMOS:\u{a0} Secretary Clinton, some of the families claim you lied to them. \
         Listen.\n\n\"VIDEO: Hillary and Obama all told me it was a video when they knew it \
         was not.\n\n\"RAMOS: Secretary Clinton, did you lie to them?",
    );
    let speakers: Vec<Option<&str>> = a.iter().map(|q| q.1.as_deref()).collect();
    assert_eq!(speakers, [Some("RAMOS"), None, Some("RAMOS")]);
    // Words in capitals that are the quotation's own start, with no colon.
    let a = attributed("\"NO WAY we let this pass,\" the senator said.");
    assert_eq!(a[0].1.as_deref(), Some("the senator"));
}
