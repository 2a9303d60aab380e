//! Unit tests of [`super`] (coreference.rs): who each speaker mention refers to, on
//! real-looking news paragraphs; each asserts the person a reader would name.

use crate::analysis::{analyze, Analysis, TextFormat};

fn analysed(text: &str) -> Analysis {
    analyze(text, TextFormat::Plain)
}

/// The canonical name of the entity each quote is given to, in quote order.
fn speakers(text: &str) -> Vec<String> {
    let a = analysed(text);
    a.quotes
        .iter()
        .map(|q| {
            q.speaker
                .as_ref()
                .and_then(|s| s.entity)
                .and_then(|e| a.entity(e))
                .map_or_else(|| "(none)".to_string(), |e| e.canonical.clone())
        })
        .collect()
}

#[test]
fn she_is_never_the_man_named_just_before() {
    let text = "Hillary Clinton met Donald Trump backstage before the debate. Trump spoke \
                first.\n\n\"We will not back down from this fight,\" she said.";
    assert_eq!(speakers(text), ["Hillary Clinton"]);
}

#[test]
fn he_is_never_the_woman_named_just_before() {
    let text = "Nancy Pelosi spoke after Paul Ryan on the House floor.\n\n\"We have the votes \
                to pass it today,\" he replied.";
    assert_eq!(speakers(text), ["Paul Ryan"]);
}

#[test]
fn honorifics_and_gendered_titles_tell_gender() {
    let text = "Congresswoman Jackie Speier questioned James Comey for an hour on \
                Tuesday.\n\n\"I have never seen anything like it in my career,\" he said.";
    assert_eq!(speakers(text), ["James Comey"]);
    let text = "Ms. Baldwin and Mr. Kaine met voters in Richmond on Monday.\n\n\"The \
                choice could not be clearer this year,\" she said.";
    assert_eq!(speakers(text), ["Baldwin"]);
}

#[test]
fn an_earlier_pronoun_tells_gender() {
    // Nothing in "Dana Ortiz" tells; the first "she said" does, so the later "he
    // said" cannot be Ortiz.
    let text = "Dana Ortiz spoke to reporters after the vote.\n\n\"We will rebuild the \
                bridge by spring,\" she said.\n\nOrtiz later met Robin Lee at city hall.\n\n\
                \"The money is already there for it,\" he said.";
    assert_eq!(speakers(text), ["Dana Ortiz", "Robin Lee"]);
}

#[test]
fn unknown_gender_agrees_but_a_known_match_is_preferred() {
    let text = "The rally in Boston drew Mrs. Warren and Robin Lee.\n\n\"This fight \
                is about working families,\" she said.";
    assert_eq!(speakers(text), ["Warren"]);
    let text = "Robin Lee spoke at the rally in Boston on Sunday.\n\n\"This fight is about \
                working families,\" she said.";
    assert_eq!(speakers(text), ["Robin Lee"]);
}

#[test]
fn a_possessive_appositive_names_the_speaker_not_the_possessor() {
    let text = "Mayor Eric Adams was not at the meeting. The mayor's chief of staff, Dana \
                Ortiz, said the budget \"will not survive the winter.\"";
    assert_eq!(speakers(text), ["Dana Ortiz"]);
    let text = "Donald Trump's campaign manager Kellyanne Conway said the campaign was \
                \"not going anywhere at all.\"";
    assert_eq!(speakers(text), ["Kellyanne Conway"]);
    let text = "\"We are not going anywhere at all,\" Trump campaign manager Kellyanne \
                Conway said.";
    assert_eq!(speakers(text), ["Kellyanne Conway"]);
}

#[test]
fn people_who_share_a_surname_stay_apart() {
    let text = "Bill Clinton spoke in Ohio on Monday. Hillary Clinton campaigned in Iowa.\n\n\
                \"We are going to win this state,\" Mrs. Clinton said.";
    let a = analysed(text);
    let clintons: Vec<&str> = a
        .entities
        .iter()
        .filter(|e| e.canonical.ends_with("Clinton"))
        .map(|e| e.canonical.as_str())
        .collect();
    assert_eq!(clintons, ["Bill Clinton", "Hillary Clinton"]);
    assert_eq!(speakers(text), ["Hillary Clinton"]);
}

#[test]
fn a_gendered_pronoun_picks_the_bearer_of_that_gender() {
    let text = "Hillary Clinton and Bill Clinton arrived in Iowa on Monday, and Bill \
                Clinton spoke first.\n\n\"It is a close race, and we know it,\" she said.";
    assert_eq!(speakers(text), ["Hillary Clinton"]);
}

#[test]
fn a_bare_surname_goes_to_the_bearer_named_last() {
    let text = "Hillary Clinton campaigned in Iowa on Sunday. On Monday, Bill Clinton \
                spoke in Ohio.\n\n\"This is the most important election of our \
                lifetime,\" Clinton said.";
    assert_eq!(speakers(text), ["Bill Clinton"]);
}

#[test]
fn he_said_stays_with_the_man_of_its_own_paragraph() {
    let text = "\"The plan is dead,\" Senator Mitch McConnell said on Tuesday.\n\n\
                Democrats, led by Chuck Schumer, said they would fight on.\n\n\
                McConnell did not back down. \"We will not take it up this year,\" he said.";
    assert_eq!(speakers(text), ["Mitch McConnell", "Mitch McConnell"]);
}
