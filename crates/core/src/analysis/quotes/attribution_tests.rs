//! Unit tests of [`super`] (attribution.rs), run with the inheritance that follows it in
//! `analyze()`: cues, speaker mentions and inherited speakers on real-looking news
//! sentences; each asserts the speaker a reader would name.

use super::*;
use crate::analysis::entity::MentionKind;
use crate::analysis::quote::find_quotes;

/// (quote text, mention text, cue text, inherited) for each quote.
pub(crate) fn attributed(prose: &str) -> Vec<(String, Option<String>, Option<String>, bool)> {
    let mut quotes = find_quotes(prose);
    attribute(prose, &mut quotes);
    crate::analysis::inherit::inherit_speakers(prose, &mut quotes);
    quotes
        .into_iter()
        .map(|q| {
            let inherited = q.speaker.as_ref().is_some_and(|s| s.inherited);
            (
                q.text,
                q.speaker.map(|s| s.mention_text),
                q.cue.map(|c| c.text),
                inherited,
            )
        })
        .collect()
}

pub(crate) fn speaker_of(prose: &str) -> (String, String) {
    let a = attributed(prose);
    let first = a.first().expect("a quote");
    (
        first.1.clone().unwrap_or_default(),
        first.2.clone().unwrap_or_default(),
    )
}

#[test]
fn both_orders() {
    assert_eq!(
        speaker_of(r#""We will win," Pompeo said."#),
        ("Pompeo".into(), "said".into())
    );
    assert_eq!(
        speaker_of(r#""We will win," said Mike Pompeo."#),
        ("Mike Pompeo".into(), "said".into())
    );
    assert_eq!(
        speaker_of(r#""We will win," said the secretary of state, who was in New York."#),
        ("the secretary of state".into(), "said".into())
    );
    assert_eq!(
        speaker_of(r#"Pompeo said: "We will win.""#),
        ("Pompeo".into(), "said".into())
    );
}

#[test]
fn cues_in_many_forms() {
    for (text, cue) in [
        (r#""It is over," she insisted."#, "insisted"),
        (r#""It is over," she added."#, "added"),
        (r#""It is over," she wrote in a memo."#, "wrote"),
        (
            r#""It is over," she told reporters on Monday."#,
            "told reporters",
        ),
        (r#""It is over," she has repeatedly argued."#, "argued"),
        (r#""It is over," tweeted Trump."#, "tweeted"),
        (r#""It is over," she is saying."#, "saying"),
    ] {
        assert_eq!(speaker_of(text).1, cue, "{text}");
    }
}

#[test]
fn according_to() {
    assert_eq!(
        speaker_of(r#"According to the influential US daily, "the deal is done.""#),
        ("the influential US daily".into(), "According to".into())
    );
    assert_eq!(
        speaker_of(r#""The deal is done," according to a senior official."#),
        ("a senior official".into(), "according to".into())
    );
}

#[test]
fn mention_kinds() {
    let kind = |prose: &str| {
        let mut q = find_quotes(prose);
        attribute(prose, &mut q);
        q[0].speaker.as_ref().map(|s| s.kind)
    };
    assert_eq!(kind(r#""Go," he said."#), Some(MentionKind::Pronoun));
    assert_eq!(kind(r#""Go," Mike Pompeo said."#), Some(MentionKind::Name));
    assert_eq!(
        kind(r#""Go," Secretary of State Mike Pompeo said."#),
        Some(MentionKind::TitledName)
    );
    assert_eq!(
        kind(r#""Go," Gen. Mizintsev said."#),
        Some(MentionKind::TitledName)
    );
    assert_eq!(
        kind(r#""Go," a senior official said."#),
        Some(MentionKind::Description)
    );
    assert_eq!(
        kind(r#""Go," the minister said."#),
        Some(MentionKind::Title)
    );
}

#[test]
fn split_quote_continues_and_shares_the_speaker() {
    let prose = r#""It's important," he said, "that we do this right.""#;
    let mut q = find_quotes(prose);
    attribute(prose, &mut q);
    assert_eq!(q.len(), 2);
    assert!(q[1].continues_previous);
    assert_eq!(q[0].speaker.as_ref().unwrap().mention_text, "he");
    assert_eq!(q[1].speaker.as_ref().unwrap().mention_text, "he");
}

#[test]
fn surnames_ending_in_ed_are_names() {
    assert_eq!(
        speaker_of("\u{201c}This legislating from the bench has to stop,\u{201d} Husted said."),
        ("Husted".into(), "said".into())
    );
    assert_eq!(
        speaker_of(r#""She refused to walk the walk," Zaheed said."#).0,
        "Zaheed"
    );
}

#[test]
fn lower_case_modifiers_before_an_inverted_name() {
    assert_eq!(
        speaker_of(r#""I fundamentally disagree," said retired Army Lt. Gen. Mick Bednarek, who served in Iraq."#).0,
        "Army Lt. Gen. Mick Bednarek"
    );
    assert_eq!(
        speaker_of(r#""It is definitely a yellow light," said election lawyer Joe Birkenstock."#).0,
        "lawyer Joe Birkenstock"
    );
}

#[test]
fn phrasal_reporting_verbs() {
    for (text, who, cue) in [
        (
            r#""Voters reject establishment Republicans," he points out."#,
            "he",
            "points out",
        ),
        (
            r#""They are all here for free stuff," Bennett shot back with a laugh."#,
            "Bennett",
            "shot back",
        ),
        (
            r#""But you gotta get over it," Trump went on."#,
            "Trump",
            "went on",
        ),
    ] {
        assert_eq!(speaker_of(text), (who.into(), cue.into()), "{text}");
    }
}

#[test]
fn a_cue_inside_reported_speech_belongs_to_the_reporter() {
    assert_eq!(
        speaker_of(
            r#"Bolton said he would advise Trump on the "strategic threats that exist out there.""#
        )
        .0,
        "Bolton"
    );
}

#[test]
fn a_clause_joined_after_the_quote_is_not_its_attribution() {
    assert_eq!(
        speaker_of(r#"Defense Secretary Ash Carter said the approach remained "one of commitment, strength and inclusion", but he also warned China."#).0,
        "Defense Secretary Ash Carter"
    );
}

#[test]
fn a_participle_clause_speaks_for_the_main_subject() {
    assert_eq!(
        speaker_of(r#"The Vermont senator emailed supporters saying: "The struggle continues for all of us.""#).0,
        "The Vermont senator"
    );
    assert_eq!(
        speaker_of(r#"Trump and Ryan issued a statement describing their meeting as a "very positive step toward unification.""#).0,
        "Trump and Ryan"
    );
    // With an absolute clause the noun before the participle is its subject.
    assert_eq!(
        speaker_of(r#"Rubio spoke first, with Gorka noting the absurdity of "a couple of hundred SF guys here.""#).0,
        "Gorka"
    );
}

#[test]
fn the_subject_before_a_relative_clause_or_apposition() {
    for (text, who) in [
        (
            r#"Small, who attended the rally on Wednesday, said that "Trump bagged millions of votes.""#,
            "Small",
        ),
        (
            r#"Vladimir Frolov, a former Soviet and Russian diplomat, said: "The talks are over.""#,
            "Vladimir Frolov",
        ),
        (
            r#"Hunter, meanwhile, told Politico that "we don't need a policy wonk as president.""#,
            "Hunter",
        ),
        (
            r#"Trump, who has a commanding lead in delegates, mocked Marco Rubio for "having a tough night.""#,
            "Trump",
        ),
    ] {
        assert_eq!(speaker_of(text).0, who, "{text}");
    }
}

#[test]
fn documents_speak_too() {
    assert_eq!(
        speaker_of(r#"The letter continues: "As a former prosecutor, I know the law.""#).0,
        "The letter"
    );
    assert_eq!(
        speaker_of(r#"The ad claims "Jeb is the conservative you can trust.""#),
        ("The ad".into(), "claims".into())
    );
}

#[test]
fn party_and_state_after_a_name() {
    assert_eq!(
        speaker_of(r#""Pfizer is gaming the system," Senate Minority Leader Harry M. Reid (D-Nev.) said in a statement."#).0,
        "Senate Minority Leader Harry M. Reid (D-Nev.)"
    );
    assert_eq!(
        speaker_of(r#""Let me make it perfectly clear," Senate Majority Leader Mitch McConnell, R-Ky., said."#).0,
        "Senate Majority Leader Mitch McConnell, R-Ky."
    );
}

#[test]
fn adjuncts_after_the_cue_of_a_new_sentence() {
    let a = attributed(
        r#""You think I'm going to change?" Trump asked reporters rhetorically during a news conference late last month. "I'm not changing.""#,
    );
    assert_eq!(a[0].1.as_deref(), Some("Trump"));
    assert_eq!(a[1].1.as_deref(), Some("Trump"));
    // A long clause after the cue is a statement of its own.
    let a = attributed(
        r#""Is it over?" Trump said the plan would fail because the two sides never agreed on anything."#,
    );
    assert_eq!(a[0].1, None);
}

#[test]
fn inverted_cue_after_a_comma() {
    assert_eq!(
        speaker_of(r#""This will be a challenge" for Clinton, said Kunin."#).0,
        "Kunin"
    );
    assert_eq!(
        speaker_of(r#"The treaty signals "the beginning of the end" for the EU, said Geert Wilders, founder of the Party for Freedom."#).0,
        "Geert Wilders"
    );
}

#[test]
fn a_relative_pronoun_is_the_mention_and_resolves_to_its_antecedent() {
    let prose =
        r#"The crowd cheered Mike Pence, who called the plan "a disaster for working families.""#;
    assert_eq!(speaker_of(prose), ("who".into(), "called".into()));
    let analysis = crate::analysis::analyze(prose, crate::analysis::TextFormat::Plain);
    let sp = analysis.quotes[0].speaker.as_ref().expect("a speaker");
    assert_eq!(sp.kind, MentionKind::Pronoun);
    let entity = sp
        .entity
        .and_then(|e| analysis.entity(e))
        .expect("resolved");
    assert_eq!(entity.canonical, "Mike Pence");
}

#[test]
fn no_speaker_when_none_is_given() {
    let a = attributed(r#"The so-called "peace dividend for the region" never came."#);
    assert_eq!(a[0].1, None);
}

#[test]
fn a_cue_word_used_as_a_noun_is_not_the_attribution() {
    assert_eq!(
        speaker_of(
            "Hillary Clinton says Donald Trump’s flurry of late-night tweets targeting \
             Alicia Machado was “unhinged, even for him.”"
        ),
        ("Hillary Clinton".into(), "says".into())
    );
    assert_eq!(
        speaker_of(
            "She says Trump’s early-morning tweets accusing Alicia Machado are \
             “lies and conspiracy theories.”"
        )
        .0,
        "She"
    );
}

#[test]
fn a_pronoun_s_is_a_verb_not_a_possessive() {
    let (mention, cue) =
        speaker_of("He’s claiming that voting fraud is “a big, big problem in this country.”");
    assert_eq!((mention.as_str(), cue.as_str()), ("He", "claiming"));
}

#[test]
fn a_described_name_with_party_and_state_before_the_cue() {
    let (mention, _) = speaker_of(
        "\"Subpoenas are not optional,\" panel Chairman Jason Chaffetz (R-Utah) said after \
         Pagliano failed to show up.",
    );
    assert_eq!(mention, "Chairman Jason Chaffetz (R-Utah)");
}

#[test]
fn a_person_named_by_relation_can_speak() {
    let (mention, cue) = speaker_of(
        "During a heated debate, a friend commented: \"For you, immigration is the most \
         important reason.\"",
    );
    assert_eq!((mention.as_str(), cue.as_str()), ("a friend", "commented"));
}

#[test]
fn the_object_of_calling_is_not_the_speaker() {
    let a = attributed(
        "At the rally, Trump attacked his rival again, calling Clinton, \"the most \
         corrupt person ever to seek the presidency.\"",
    );
    assert_eq!(a[0].1.as_deref(), Some("Trump"));
    let a = attributed(
        "Calling Clinton, \"a liar who cannot be trusted with the nation's secrets,\" \
         Trump told the crowd in Ohio to vote early.",
    );
    assert_eq!(a[0].1.as_deref(), Some("Trump"));
}

#[test]
fn datelines_are_never_speakers() {
    let a = attributed(
        "WASHINGTON — Clinton blamed the \"fog of war\" and a broken chain of command for \
         the mistake.",
    );
    assert_eq!(a[0].1.as_deref(), Some("Clinton"));
    let a = attributed(
        "NEW YORK (AP) — The mayor promised \"a city that works for everyone, not just \
         the few.\"",
    );
    assert_eq!(a[0].1.as_deref(), Some("The mayor"));
    let a = attributed(
        "PHILADELPHIA, July 25 (UPI) — The Democratic National Committee released a \
         statement on Monday offering \"a deep and sincere apology\" to Sen. Bernie Sanders.",
    );
    assert_ne!(a[0].1.as_deref(), Some("July"));
    assert_ne!(a[0].1.as_deref(), Some("PHILADELPHIA"));
}

#[test]
fn time_phrases_are_never_speakers() {
    let a = attributed(
        "Between Saturday and Monday, the campaign called the report \"a work of \
         fiction from start to finish.\"",
    );
    assert_eq!(a[0].1.as_deref(), Some("the campaign"));
    let a = attributed(
        "In a statement Tuesday, Judicial Watch President Tom Fitton called the ruling \
         \"significant and disturbing for every voter.\"",
    );
    assert_eq!(
        a[0].1.as_deref(),
        Some("Judicial Watch President Tom Fitton")
    );
    let a = attributed(
        "In Philadelphia on Monday, Sanders said the party must unite \"to defeat a bully \
         and a demagogue.\"",
    );
    assert_eq!(a[0].1.as_deref(), Some("Sanders"));
    let a = attributed(
        "Clinton's aides pointed to comments Trump made in 2006 saying he \"sort of \
         hopes\" the housing market would crash.",
    );
    assert_ne!(a[0].1.as_deref(), Some("2006"));
}

#[test]
fn common_nouns_are_never_speakers() {
    let a = attributed(
        "Sanders delivered a snappy retort: \"No one is tearing this up. We're going to \
         go forward.\"",
    );
    assert_eq!(a[0].1.as_deref(), Some("Sanders"));
    let a =
        attributed("\"I don't think that is going to happen at all,\" she said in a low voice.");
    assert_eq!(a[0].1.as_deref(), Some("she"));
}

#[test]
fn a_quotation_nested_at_the_end_does_not_hide_the_attribution() {
    let a = attributed(
        "\"She's actually said on the campaign trail, 'I refuse to use the phrase radical \
         Islam,'\" he noted. \"That's just Obama reheated.\"",
    );
    assert_eq!(a[0].1.as_deref(), Some("he"));
    assert_eq!(a[0].2.as_deref(), Some("noted"));
    let a = attributed(
        "\u{201C}[He] is like, \u{2018}Let\u{2019}s go write all new songs in the \
         studio,\u{2019}\u{201D} Kiedis continued.",
    );
    assert_eq!(a[0].1.as_deref(), Some("Kiedis"));
}

#[test]
fn a_participle_after_the_cue_ends_the_attribution() {
    // The aside after the comma holds "that" and a title in quotation marks: neither
    // makes the attribution introduce something else.
    let a = attributed(
        "\"What does that mean, he kept the country safe after 9/11?\" Mr. Trump asked, \
         repeating a broadside that he used in Saturday's Republican debate.",
    );
    assert_eq!(a[0].1.as_deref(), Some("Mr. Trump"));
    assert_eq!(a[0].2.as_deref(), Some("asked"));
    let a = attributed(
        "\"I'm not sure you know Leo DiCaprio is available, but we'll see, right?\" Clinton \
         remarked, alluding to the actor's latest turn as a frontiersman in \"The Revenant.\"",
    );
    assert_eq!(a[0].1.as_deref(), Some("Clinton"));
    // Without a participle the new sentence still introduces the next quote.
    let a = attributed(
        "\"Our jobs are being sucked out of our states,\" Mr. Trump said. \"One of the big \
         problems is economy and jobs.\" He said, twice, that he was going back to work, \
         and \"nobody works harder.\"",
    );
    assert_eq!(a[1].1.as_deref(), Some("Mr. Trump"));
    assert!(a[1].3);
}

#[test]
fn groups_of_people_named_by_their_work_speak() {
    let a = attributed(
        "\"The extent of the harm caused by the defendant's conduct is incalculable,\" \
         federal prosecutors wrote in seeking the maximum penalty.",
    );
    assert_eq!(a[0].1.as_deref(), Some("federal prosecutors"));
    assert_eq!(a[0].2.as_deref(), Some("wrote"));
    let a = attributed(
        "\"Hey, hey! Ho, ho! Rahm Emanuel's got to go!\" some protesters chanted as they \
         marched down Michigan Avenue.",
    );
    assert_eq!(a[0].1.as_deref(), Some("some protesters"));
}

#[test]
fn a_second_quote_in_the_reported_sentence_keeps_its_speaker() {
    let a = attributed(
        "Secretary of State John F. Kerry said in a statement Sunday that although the \
         elections were an \"important step forward,\" they were \"far from perfect for \
         the Rohingya.\"",
    );
    assert_eq!(a[1].1.as_deref(), Some("Secretary of State John F. Kerry"));
    assert!(a[1].3);
    let a = attributed(
        "Ted Cruz says his \"friend and colleague\" Marco Rubio ran \"an optimistic \
         campaign focused on the future.\"",
    );
    assert_eq!(a[1].1.as_deref(), Some("Ted Cruz"));
    // A quote the sentence only names does not speak for what follows.
    let a = attributed(
        "In a clip that Judge Michael Mosman called \"distasteful,\" Santilli expressed a \
         desire to \"try, convict and shoot\" the candidate.",
    );
    assert_eq!(a[1].1.as_deref(), Some("Santilli"));
    // Nor across "but", which opens a statement of its own.
    let a = attributed(
        "Reid said both Rubio and Cruz are \"non-entities in the Senate,\" but he gave the \
         Texan a back-handed compliment: \"You never have to guess where he is.\"",
    );
    assert_eq!(a[1].1.as_deref(), Some("he"));
}

#[test]
fn the_subject_after_a_place_or_a_relative_clause_in_the_opening_phrase() {
    let a = attributed(
        "Speaking at a town hall event in Salem, New Hampshire, Trump went after Bush, \
         calling him \"a total stiff.\"",
    );
    assert_eq!(a[0].1.as_deref(), Some("Trump"));
    let a = attributed(
        "Speaking to MSNBC's Morning Joe in New Hampshire, which holds the second contest \
         on Tuesday, Bush referred to Rubio as \"a bright, charismatic leader.\"",
    );
    assert_eq!(a[0].1.as_deref(), Some("Bush"));
}

#[test]
fn a_place_inside_an_aside_is_not_the_speaker() {
    // The subject before a phrase of time or place set off by commas speaks.
    let a = attributed(
        "Warren, during a rally in Dayton, Ohio, said she would \"break up the banks \
         that gamble with your savings.\"",
    );
    assert_eq!(a[0].1.as_deref(), Some("Warren"));
    assert_eq!(a[0].2.as_deref(), Some("said"));
    // A name after the place opens the clause: it is the subject.
    let a = attributed(
        "Worried by the flooding in Iowa, Senator Joni Ernst, the state's junior \
         senator, said the state needs \"every dollar of relief we can get.\"",
    );
    assert_eq!(a[0].1.as_deref(), Some("Senator Joni Ernst"));
    // Guard: an aside that opens with a name still gives that name's speaker.
    let a = attributed(
        "The mayor's chief of staff, Dana Ortiz, said the city is \"not going to back \
         down on this.\"",
    );
    assert_eq!(
        a[0].1.as_deref(),
        Some("The mayor's chief of staff, Dana Ortiz")
    );
}

#[test]
fn a_given_name_in_ly_is_not_an_opening_adverb() {
    let a = attributed(
        "Kelly Ayotte endorsed the governor on Monday, saying it was time for \"a \
         leader who has actually balanced a budget.\"",
    );
    assert_eq!(a[0].1.as_deref(), Some("Kelly Ayotte"));
    // Guard: an adverb before its comma still opens the sentence.
    let a = attributed(
        "Finally, Ayotte endorsed the governor, saying it was time for \"a leader who \
         has actually balanced a budget.\"",
    );
    assert_eq!(a[0].1.as_deref(), Some("Ayotte"));
}

#[test]
fn a_name_and_a_noun_after_a_determiner_are_no_speaker() {
    // "a Facebook comment": the noun is no cue; the participle reports the subject's
    // words.
    let a = attributed(
        "Jill Stein later posted a Facebook comment of her own, saying, \"We are not \
         going anywhere.\"",
    );
    assert_eq!(a[0].1.as_deref(), Some("Jill Stein"));
    // Guard: "the Times reports" is still a verb.
    let a = attributed("The Times reports that the deal is \"all but done at this point.\"");
    assert_eq!(a[0].1.as_deref(), Some("The Times"));
}

#[test]
fn an_attribution_that_closes_the_sentence_covers_its_quotes() {
    let a = attributed(
        "Donations were \"flat for about a month\" as donors waited to see how the \
         primary played out, he said.",
    );
    assert_eq!(a[0].1.as_deref(), Some("he"));
    assert_eq!(a[0].2.as_deref(), Some("said"));
    // Guard: a quote that ends its own sentence is not given to the next one's
    // attribution.
    let a = attributed(
        "Reyes said the firm had failed to \"listen to its own workers.\" But the \
         plant runs on a different principle, he said.",
    );
    assert_eq!(a[0].1.as_deref(), Some("Reyes"));
}

#[test]
fn a_name_and_a_long_apposition_before_the_cue() {
    let a = attributed(
        "\"Not our doing, but we like it!\" Walsh, the head of the super PAC backing \
         the governor, tweeted on Friday.",
    );
    assert_eq!(
        a[0].1.as_deref(),
        Some("Walsh, the head of the super PAC backing the governor")
    );
    // Guard: a name that opens the next line is not the quote's speaker.
    let a = attributed(
        "\"We have waited far too long for this,\" said Ana Ruiz, a nurse.\n\"The \
         clinic closes at noon on weekdays now.\"\nTom Reed, a teacher from the east \
         side of the city, criticized the plan.",
    );
    assert_eq!(a[1].1.as_deref(), Some("Ana Ruiz"));
}

#[test]
fn an_object_pronoun_before_a_verb_is_not_its_subject() {
    // "let them know that": the quote carries on the sentence's reporter.
    let a = attributed(
        "The senator said she wanted to speak \"directly to young voters\" and let \
         them know that \"this is not who we are.\"",
    );
    assert_eq!(a[1].1.as_deref(), Some("The senator"));
    // Guard: a subject pronoun still speaks.
    let a = attributed("They know that \"this is not who we are as a country.\"");
    assert_eq!(a[0].1.as_deref(), Some("They"));
}

#[test]
fn a_participle_aside_between_subject_and_verb() {
    let a = attributed(
        "BOSTON -- Governor Maura Healey, opening the new transit hub on Friday, said \
         it would \"change how this city moves for a generation.\"",
    );
    assert_eq!(a[0].1.as_deref(), Some("Governor Maura Healey"));
    // Guard: the object of the participle is not the speaker.
    let a = attributed(
        "Healey, thanking the workers who built it, said \"this belongs to all of you \
         now.\"",
    );
    assert_eq!(a[0].1.as_deref(), Some("Healey"));
}

#[test]
fn a_clause_after_the_quote_has_its_own_speaker() {
    let a = attributed(
        "Mostly they offer colorful threats. Haley said she would \"turn the desert \
         into glass,\" for instance, and Scott vowed to \"hunt them to the ends of the \
         earth.\"",
    );
    assert_eq!(a[0].1.as_deref(), Some("Haley"));
    assert_eq!(a[1].1.as_deref(), Some("Scott"));
    // Guard: a list that ends in "and" before the attribution is part of a title.
    let a = attributed(
        "The plans \"are steps in the right direction,\" Ann Ruiz, director of \
         housing, transit, and parks, said on Monday.",
    );
    assert_eq!(
        a[0].1.as_deref(),
        Some("Ann Ruiz, director of housing, transit, and parks")
    );
}

#[test]
fn the_listener_after_told_is_not_the_speaker() {
    assert_eq!(
        speaker_of(r#"As one aide told the Boston Globe, "We are not going anywhere.""#),
        ("one aide".into(), "told".into())
    );
    // Guard: an inverted saying verb still names its speaker after it.
    assert_eq!(
        speaker_of(r#"Said the governor: "We are not going anywhere.""#),
        ("the governor".into(), "Said".into())
    );
}

#[test]
fn a_sentence_adverb_is_not_a_subject() {
    assert_eq!(
        speaker_of(
            r#"Perhaps it was only fatigue, but the plan felt like "a slap in the face to every taxpayer.""#
        ),
        ("".into(), "".into())
    );
    // Guard: the subject after the adverb still speaks.
    assert_eq!(
        speaker_of(
            r#"Perhaps Senator Ruiz will explain why he backs "a slap in the face to every taxpayer.""#
        ),
        ("Senator Ruiz".into(), "explain".into())
    );
}

#[test]
fn a_party_and_office_before_a_name_are_one_mention() {
    assert_eq!(
        speaker_of(
            r#"Republican presidential nominee Carl Mendez brushed off "the fake outrage of the week" on Sunday."#
        ),
        (
            "Republican presidential nominee Carl Mendez".into(),
            "".into()
        )
    );
    // Guard: a verb after the name is no adjective of a title.
    assert_eq!(
        speaker_of(
            r#"Senator Mendez made political theater of "the fake outrage of the week" on Sunday."#
        ),
        ("Senator Mendez".into(), "".into())
    );
}

#[test]
fn us_in_capitals_is_the_country() {
    assert_eq!(
        speaker_of(
            r#"Former US ambassador Dana Whitfield dismissed the report as "a work of fiction from start to finish.""#
        ),
        ("Former US ambassador Dana Whitfield".into(), "".into())
    );
    // Guard: "us" as a pronoun still ends the mention.
    assert_eq!(
        speaker_of(r#""We will fight this ruling," the union told us on Friday."#),
        ("the union".into(), "told".into())
    );
}

#[test]
fn the_object_of_a_preposition_before_the_cue_is_not_the_speaker() {
    assert_eq!(
        speaker_of(
            r#"A senior official speaking to the Chronicle said, "The review will take months.""#
        ),
        ("A senior official".into(), "said".into())
    );
    assert_eq!(
        speaker_of(
            r#"Ortega during a Sunday rally warned that "the other side is counting on you to stay home.""#
        ),
        ("Ortega".into(), "warned".into())
    );
    // An affiliation stays part of the mention.
    assert_eq!(
        speaker_of(r#"A spokesman for the county clerk said: "We have no comment at this time.""#),
        ("A spokesman for the county clerk".into(), "said".into())
    );
    assert_eq!(
        speaker_of(
            r#"The report by the inspector general said the agency "failed to keep adequate records.""#
        ),
        ("The report by the inspector general".into(), "said".into())
    );
    // Guard: a name takes no affiliation.
    assert_eq!(
        speaker_of(r#"Ortega at the podium said: "We have only begun to fight.""#),
        ("Ortega".into(), "said".into())
    );
}
