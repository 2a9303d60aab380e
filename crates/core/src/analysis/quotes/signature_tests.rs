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
