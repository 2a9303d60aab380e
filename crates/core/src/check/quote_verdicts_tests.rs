//! Unit tests of [`super`] (quote_verdicts.rs): verdicts on made-up corpora, the doubts
//! that keep a finding back, and real-looking sentences analysed on both sides.

use super::*;
use crate::analysis::MentionKind::{Name, Pronoun};
use crate::check::testkit::{entity, quote, TestCorpus};
use crate::check::{check, Report};

const SOURCE: &str = "Mizintsev said \u{201c}The Russian proposals are currently being examined by the US side,\u{201d} he said.\n\n\u{201c}It\u{2019}s important that at the right time, through a voluntary mechanism, the refugees are able to return,\u{201d} Pompeo told reporters.";

fn corpus() -> TestCorpus {
    let mut c = TestCorpus::default();
    let analysis = Analysis {
        quotes: vec![
            quote(SOURCE, "The Russian proposals are currently being examined by the US side,", Some(("he", Pronoun, Some(1)))),
            quote(SOURCE, "It\u{2019}s important that at the right time, through a voluntary mechanism, the refugees are able to return,", Some(("Pompeo", Name, Some(0)))),
        ],
        entities: vec![
            entity(SOURCE, 0, "Mike Pompeo", &["Pompeo"]),
            entity(SOURCE, 1, "Mikhail Mizintsev", &["Mizintsev"]),
        ],
    };
    c.add("afp.txt", SOURCE, analysis);
    c.person("Mike Pompeo", &["Pompeo"], &[]);
    c.person("Mikhail Mizintsev", &["Mizintsev"], &[]);
    c
}

/// Check a one-quote draft whose speaker is the named person.
fn check_one(draft: &str, inner: &str, speaker: Option<(&str, &str)>) -> Report {
    let mut analysis = Analysis::default();
    let mention = speaker.map(|(m, canonical)| {
        analysis.entities.push(entity(draft, 0, canonical, &[m]));
        (m, Name, Some(0))
    });
    analysis.quotes.push(quote(draft, inner, mention));
    check(draft, &analysis, &corpus(), &CheckOptions::default())
}

fn codes(r: &Report) -> Vec<&'static str> {
    r.findings.iter().map(|f| f.code.as_str()).collect()
}

#[test]
fn a_right_quote_is_verified_and_quiet() {
    let draft = "\u{201c}The Russian proposals are currently being examined by the U.S. side,\u{201d} Mizintsev said.";
    let r = check_one(
        draft,
        "The Russian proposals are currently being examined by the U.S. side,",
        Some(("Mizintsev", "Mikhail Mizintsev")),
    );
    assert!(r.findings.is_empty(), "{:?}", r.findings);
    assert_eq!(r.quotes[0].status, QuoteStatus::Verified);
    assert_eq!(r.quotes[0].speakers[0].name, "Mikhail Mizintsev");
    assert!(r.quotes[0].matches[0].exact);
}

#[test]
fn a_quote_the_sources_give_to_another_is_misattributed() {
    let draft = "\u{201c}The Russian proposals are currently being examined by the U.S. side,\u{201d} Secretary of State Mike Pompeo said.";
    let r = check_one(
        draft,
        "The Russian proposals are currently being examined by the U.S. side,",
        Some(("Secretary of State Mike Pompeo", "Mike Pompeo")),
    );
    assert_eq!(codes(&r), vec!["misattributed-quote"]);
    let f = &r.findings[0];
    assert_eq!(f.span.slice(draft), "Secretary of State Mike Pompeo");
    assert_eq!(f.fix.as_deref(), Some("Mikhail Mizintsev"));
    assert!(
        f.message.contains("Mikhail Mizintsev (afp.txt:1)"),
        "{}",
        f.message
    );
    assert!(f.message.contains("not to Mike Pompeo"), "{}", f.message);
    assert_eq!(r.quotes[0].status, QuoteStatus::Misattributed);
}

#[test]
fn a_changed_word_is_an_altered_quote_with_the_source_wording_as_fix() {
    let draft = "\u{201c}It's important that at the right time, through a voluntary process, the refugees are able to return,\u{201d} Pompeo said.";
    let inner = "It's important that at the right time, through a voluntary process, the refugees are able to return,";
    let r = check_one(draft, inner, Some(("Pompeo", "Mike Pompeo")));
    assert_eq!(codes(&r), vec!["altered-quote"]);
    let f = &r.findings[0];
    assert!(f.message.contains("mechanism"), "{}", f.message);
    let fixed = draft.replace(inner, f.fix.as_deref().expect("fix"));
    let r2 = check_one(
        &fixed,
        f.fix.as_deref().unwrap(),
        Some(("Pompeo", "Mike Pompeo")),
    );
    assert!(r2.findings.is_empty(), "{:?}", r2.findings);
}

#[test]
fn an_invented_quote_is_unsourced() {
    let draft = "\u{201c}We will not pay for reconstruction while Assad stays in power,\u{201d} Pompeo added.";
    let r = check_one(
        draft,
        "We will not pay for reconstruction while Assad stays in power,",
        Some(("Pompeo", "Mike Pompeo")),
    );
    assert_eq!(codes(&r), vec!["unsourced-quote"]);
    assert_eq!(r.quotes[0].status, QuoteStatus::Unsourced);
}

#[test]
fn an_invented_quote_with_an_unnamed_speaker_is_only_unsourced() {
    // "the sponsor said": a speaker the draft does not name, and no source has the quote.
    let draft = "\u{201c}We will not pay for reconstruction while Assad stays in power,\u{201d} the sponsor said.";
    let r = check_one(
        draft,
        "We will not pay for reconstruction while Assad stays in power,",
        None,
    );
    assert_eq!(codes(&r), vec!["unsourced-quote"]);
}

#[test]
fn a_loose_paraphrase_is_unsourced_and_names_the_closest_wording() {
    let draft = "\u{201c}The Russian proposals are being looked at closely by the American side and the refugees,\u{201d} Mizintsev said.";
    let inner =
        "The Russian proposals are being looked at closely by the American side and the refugees,";
    let r = check_one(draft, inner, Some(("Mizintsev", "Mikhail Mizintsev")));
    assert_eq!(codes(&r), vec!["unsourced-quote"]);
    assert!(
        r.findings[0]
            .message
            .contains("closest wording (afp.txt:1)"),
        "{}",
        r.findings[0].message
    );
    assert_eq!(r.findings[0].evidence.len(), 1);
}

#[test]
fn short_fragments_are_never_flagged() {
    // Not in the sources, but two words: a scare quote.
    let draft = "Pompeo called it \u{201c}fake news\u{201d} today.";
    let r = check_one(draft, "fake news", None);
    assert!(r.findings.is_empty(), "{:?}", r.findings);
    assert_eq!(r.quotes[0].status, QuoteStatus::Unchecked);
    // Verbatim and attributed to the wrong person: still quiet.
    let draft = "Mizintsev said it was \u{201c}voluntary mechanism\u{201d} only.";
    let r = check_one(
        draft,
        "voluntary mechanism",
        Some(("Mizintsev", "Mikhail Mizintsev")),
    );
    assert!(r.findings.is_empty(), "{:?}", r.findings);
    assert_eq!(r.quotes[0].status, QuoteStatus::Verified);
}

#[test]
fn a_quote_without_a_speaker_is_unattributed_information() {
    let draft =
        "\u{201c}The Russian proposals are currently being examined by the US side.\u{201d}";
    let r = check_one(
        draft,
        "The Russian proposals are currently being examined by the US side.",
        None,
    );
    assert_eq!(codes(&r), vec!["unattributed-quote"]);
    assert_eq!(r.findings[0].severity, crate::check::Severity::Information);
    assert!(r.findings[0].message.contains("Mikhail Mizintsev"));
    assert_eq!(r.quotes[0].status, QuoteStatus::Unattributed);
}

#[test]
fn ignores_and_severity_overrides_apply() {
    let draft = "\u{201c}We will not pay for reconstruction while Assad stays in power,\u{201d} Pompeo added.";
    let inner = "We will not pay for reconstruction while Assad stays in power,";
    let mut analysis = Analysis::default();
    analysis
        .entities
        .push(entity(draft, 0, "Mike Pompeo", &["Pompeo"]));
    analysis
        .quotes
        .push(quote(draft, inner, Some(("Pompeo", Name, Some(0)))));
    let options = CheckOptions {
        ignores: vec![crate::check::Ignore {
            code: FindingCode::UnsourcedQuote,
            text: "We will not pay for reconstruction while Assad stays in power".into(),
        }],
        ..CheckOptions::default()
    };
    assert!(check(draft, &analysis, &corpus(), &options)
        .findings
        .is_empty());
    let options = CheckOptions {
        severity_overrides: vec![(
            FindingCode::UnsourcedQuote,
            Some(crate::check::Severity::Error),
        )],
        ..CheckOptions::default()
    };
    let r = check(draft, &analysis, &corpus(), &options);
    assert_eq!(r.findings[0].severity, crate::check::Severity::Error);
}

mod doubt_tests {
    use super::*;
    use crate::analysis::MentionKind::Name;
    use crate::check::check;
    use crate::check::testkit::{entity, quote, TestCorpus};

    /// The source's analysis gives the quote to Trump, but the paragraph names Rubio
    /// right before it: a draft giving it to Rubio is not reported.
    #[test]
    fn a_speaker_named_next_to_the_quote_in_the_source_is_not_contradicted() {
        let source = "When Trump suggested that Cuba would sue, Rubio fired back forcefully: \u{201c}If they sue us in a court in Miami, they\u{2019}re going to lose,\u{201d} referencing the region.";
        let mut c = TestCorpus::default();
        c.add(
            "politico.txt",
            source,
            Analysis {
                quotes: vec![quote(
                    source,
                    "If they sue us in a court in Miami, they\u{2019}re going to lose,",
                    Some(("Trump", Name, Some(0))),
                )],
                entities: vec![
                    entity(source, 0, "Donald Trump", &["Trump"]),
                    entity(source, 1, "Marco Rubio", &["Rubio"]),
                ],
            },
        );
        c.person("Donald Trump", &["Trump"], &[]);
        c.person("Marco Rubio", &["Rubio"], &[]);
        let draft = "\u{201c}If they sue us in a court in Miami, they\u{2019}re going to lose,\u{201d} Rubio said.";
        let mut analysis = Analysis::default();
        analysis
            .entities
            .push(entity(draft, 0, "Marco Rubio", &["Rubio"]));
        analysis.quotes.push(quote(
            draft,
            "If they sue us in a court in Miami, they\u{2019}re going to lose,",
            Some(("Rubio", Name, Some(0))),
        ));
        let r = check(draft, &analysis, &c, &CheckOptions::default());
        assert!(r.findings.is_empty(), "{:?}", r.findings);
        // Given to someone the paragraph does not name, it is reported.
        let draft = "\u{201c}If they sue us in a court in Miami, they\u{2019}re going to lose,\u{201d} Pence said.";
        let mut analysis = Analysis::default();
        analysis
            .entities
            .push(entity(draft, 0, "Mike Pence", &["Pence"]));
        analysis.quotes.push(quote(
            draft,
            "If they sue us in a court in Miami, they\u{2019}re going to lose,",
            Some(("Pence", Name, Some(0))),
        ));
        let r = check(draft, &analysis, &c, &CheckOptions::default());
        assert_eq!(r.findings.len(), 1, "{:?}", r.findings);
    }

    /// Someone the paragraph talks about, in another sentence, is no reason for doubt:
    /// "Trump ... . “He's going to have to stop ...,” Sen. Susan Collins said."
    #[test]
    fn a_person_named_in_another_sentence_does_not_silence_a_misattribution() {
        let source = "Republicans warned Trump on Monday. \u{201c}He\u{2019}s going to have to stop with gratuitous personal insults,\u{201d} Collins said.";
        let inner = "He\u{2019}s going to have to stop with gratuitous personal insults,";
        let mut c = TestCorpus::default();
        c.add(
            "usa.txt",
            source,
            Analysis {
                quotes: vec![quote(source, inner, Some(("Collins", Name, Some(1))))],
                entities: vec![
                    entity(source, 0, "Donald Trump", &["Trump"]),
                    entity(source, 1, "Susan Collins", &["Collins"]),
                ],
            },
        );
        c.person("Donald Trump", &["Trump"], &[]);
        c.person("Susan Collins", &["Collins"], &[]);
        let draft = "\u{201c}He\u{2019}s going to have to stop with gratuitous personal insults,\u{201d} Trump said.";
        let mut analysis = Analysis::default();
        analysis
            .entities
            .push(entity(draft, 0, "Donald Trump", &["Trump"]));
        analysis
            .quotes
            .push(quote(draft, inner, Some(("Trump", Name, Some(0)))));
        let r = check(draft, &analysis, &c, &CheckOptions::default());
        assert_eq!(r.findings.len(), 1, "{:?}", r.findings);
        assert_eq!(r.findings[0].code, FindingCode::MisattributedQuote);
        assert_eq!(r.findings[0].fix.as_deref(), Some("Collins"));
    }
}

/// Real-looking sentences, analysed as the product analyses them, on both sides.
mod evidence_tests {
    use crate::analysis::{analyze, EntityKind, TextFormat};
    use crate::check::testkit::TestCorpus;
    use crate::check::{check, CheckOptions, QuoteStatus, Report, SpeakerBasis};

    fn corpus_of(sources: &[(&str, &str)]) -> TestCorpus {
        let mut c = TestCorpus::default();
        let mut people: Vec<(String, Vec<String>)> = Vec::new();
        for (name, text) in sources {
            let analysis = analyze(text, TextFormat::Plain);
            for e in &analysis.entities {
                if e.kind == EntityKind::Person && !people.iter().any(|(p, _)| *p == e.canonical) {
                    people.push((e.canonical.clone(), e.aliases.clone()));
                }
            }
            c.add(name, text, analysis);
        }
        for (canonical, aliases) in &people {
            let aliases: Vec<&str> = aliases.iter().map(String::as_str).collect();
            c.person(canonical, &aliases, &[]);
        }
        c
    }

    fn run(draft: &str, corpus: &TestCorpus) -> Report {
        let analysis = analyze(draft, TextFormat::Markdown);
        check(draft, &analysis, corpus, &CheckOptions::default())
    }

    /// Each finding as (code, the draft text it marks).
    fn found<'a>(r: &Report, draft: &'a str) -> Vec<(&'static str, &'a str)> {
        r.findings
            .iter()
            .map(|f| (f.code.as_str(), f.span.slice(draft)))
            .collect()
    }

    #[test]
    fn narrative_words_never_make_anyone_the_speaker() {
        let c = corpus_of(&[(
            "wire.txt",
            "Senator Bernie Sanders spoke in Iowa on Monday. Analysts agree that the deal is not going to happen before the election in November.",
        )]);
        let draft = "\u{201c}The deal is not going to happen before the election in November,\u{201d} Elizabeth Warren said.";
        let r = run(draft, &c);
        assert_eq!(found(&r, draft), vec![]);
        assert_eq!(r.quotes[0].status, QuoteStatus::Verified);
        assert!(r.quotes[0].speakers.is_empty());
        assert!(!r.quotes[0].matches[0].quoted);
    }

    #[test]
    fn a_shared_phrase_is_not_the_same_quote() {
        let c = corpus_of(&[(
            "bank.txt",
            "\u{201c}I don\u{2019}t see that happening unless the board goes,\u{201d} said Tom Harkin, a bank employee.",
        )]);
        let draft = "\u{201c}I don\u{2019}t see it happening,\u{201d} Elizabeth Warren said.";
        let r = run(draft, &c);
        let codes: Vec<&str> = found(&r, draft).into_iter().map(|(c, _)| c).collect();
        assert_eq!(codes, vec!["unsourced-quote"]);
    }

    #[test]
    fn a_pronoun_among_several_people_accuses_nobody() {
        let c = corpus_of(&[(
            "tulsa.txt",
            "Hillary Clinton criticized officer Betty Shelby for shooting Terence Crutcher. \u{201c}How many times do we have to see this in our country?\u{201d} she said.",
        )]);
        let draft = "\u{201c}How many times do we have to see this in our country?\u{201d} Terence Crutcher said.";
        let r = run(draft, &c);
        assert!(
            r.findings
                .iter()
                .all(|f| f.code.as_str() != "misattributed-quote"),
            "{:?}",
            r.findings
        );
        // Whoever the analysis made "she", the draft's speaker is not contradicted.
        assert!(r.quotes[0]
            .speakers
            .iter()
            .all(|s| s.name != "Hillary Clinton" || s.basis == SpeakerBasis::Guessed));
    }

    #[test]
    fn a_source_continuation_quote_carries_its_speaker() {
        let c = corpus_of(&[(
            "maine.txt",
            "\u{201c}We will never give up on these families,\u{201d} Senator Susan Collins said. \u{201c}They have waited far too long for the help they were promised.\u{201d}",
        )]);
        let draft = "\u{201c}They have waited far too long for the help they were promised,\u{201d} Donald Trump said.";
        let r = run(draft, &c);
        assert_eq!(
            found(&r, draft),
            vec![("misattributed-quote", "Donald Trump")],
            "{:?}",
            r.quotes[0]
        );
        assert_eq!(r.findings[0].fix.as_deref(), Some("Susan Collins"));
        assert_eq!(r.quotes[0].speakers[0].basis, SpeakerBasis::Continued);
    }

    #[test]
    fn a_draft_continuation_quote_given_to_the_wrong_person_is_found() {
        let c = corpus_of(&[(
            "afp.txt",
            "\u{201c}Specific proposals have been sent to the American side for review,\u{201d} General Mikhail Mizintsev said on Friday.",
        )]);
        let draft = "\u{201c}We are still waiting for an answer from Moscow,\u{201d} Mike Pompeo said. \u{201c}Specific proposals have been sent to the American side for review.\u{201d}";
        let r = run(draft, &c);
        assert_eq!(
            found(&r, draft),
            vec![
                (
                    "unsourced-quote",
                    "We are still waiting for an answer from Moscow,"
                ),
                (
                    "misattributed-quote",
                    "Specific proposals have been sent to the American side for review."
                ),
            ]
        );
        assert_eq!(r.quotes[1].draft_basis, Some(SpeakerBasis::Continued));
        // The draft names nobody at that quote: no replacement is offered.
        assert_eq!(r.findings[1].fix, None);
    }

    #[test]
    fn words_a_speaker_quotes_from_someone_named_beside_them_are_not_theirs() {
        let c = corpus_of(&[(
            "tweet.txt",
            "\u{201c}Crooked Hillary Clinton and her team \u{2018}were extremely careless in their handling of very sensitive, highly classified information.\u{2019} Not fit!\u{201d} Donald Trump tweeted, quoting Comey\u{2019}s statement.",
        )]);
        let draft = "\u{201c}Extremely careless in their handling of very sensitive, highly classified information,\u{201d} FBI Director James Comey said.";
        let r = run(draft, &c);
        assert!(
            r.findings
                .iter()
                .all(|f| f.code.as_str() != "misattributed-quote"),
            "{:?}",
            r.findings
        );
    }

    #[test]
    fn people_who_share_a_surname_are_not_told_apart_here() {
        let c = corpus_of(&[(
            "rally.txt",
            "\u{201c}We are going to win this state in November and beyond,\u{201d} former President Bill Clinton said.",
        )]);
        let draft = "\u{201c}We are going to win this state in November and beyond,\u{201d} Hillary Clinton said.";
        let r = run(draft, &c);
        assert_eq!(found(&r, draft), vec![]);
    }

    #[test]
    fn a_short_or_reworded_quote_in_another_speech_is_not_altered() {
        let c = corpus_of(&[(
            "debate.txt",
            "\u{201c}I think that the system is being rigged, so it\u{2019}s going to be a very unfair debate,\u{201d} Donald Trump said.",
        )]);
        let draft = "Trump spoke of \u{201c}how the system is rigged\u{201d} at the rally.";
        let r = run(draft, &c);
        // Four words in common are a shared phrase: at most the weaker finding.
        let codes: Vec<&str> = found(&r, draft).into_iter().map(|(c, _)| c).collect();
        assert!(
            !codes.contains(&"altered-quote") && !codes.contains(&"misattributed-quote"),
            "{codes:?}"
        );
    }

    /// The findings' codes, with the draft text each marks, and the message of each.
    fn messages(r: &Report) -> Vec<&str> {
        r.findings.iter().map(|f| f.message.as_str()).collect()
    }

    #[test]
    fn a_contraction_and_its_expansion_are_the_same_words() {
        let c = corpus_of(&[(
            "huffpost.txt",
            "\u{201c}We have got to do everything possible to improve policing, to go right at implicit bias,\u{201d} Hillary Clinton said on Tuesday.",
        )]);
        let draft = "\u{201c}We\u{2019}ve got to do everything possible to improve policing, to go right at implicit bias,\u{201d} Hillary Clinton told the radio host.";
        let r = run(draft, &c);
        assert_eq!(found(&r, draft), vec![]);
        assert_eq!(r.quotes[0].status, QuoteStatus::Verified);
        // And the other way round, with "don't" and "do not".
        let c = corpus_of(&[(
            "wire.txt",
            "\u{201c}We don\u{2019}t want them to be part of the negotiation at this point,\u{201d} Senator Bob Corker said.",
        )]);
        let draft = "\u{201c}We do not want them to be part of the negotiation at this point,\u{201d} Bob Corker said.";
        let r = run(draft, &c);
        assert_eq!(found(&r, draft), vec![]);
        assert_eq!(r.quotes[0].status, QuoteStatus::Verified);
    }

    #[test]
    fn the_attribution_inside_a_source_quotation_is_not_part_of_the_quote() {
        let c = corpus_of(&[(
            "huffpost.txt",
            "Clinton spoke on Tuesday.\n\n\u{201c}How many times do we have to see this in our country?\u{201d} Clinton said. \u{201c}In Tulsa, an unarmed man with his hands in the air. This is just unbearable.\u{201d}",
        )]);
        // The draft quotes both parts as one: the same words.
        let draft = "\u{201c}How many times do we have to see this in our country? In Tulsa, an unarmed man with his hands in the air. This is just unbearable,\u{201d} Hillary Clinton said.";
        let r = run(draft, &c);
        assert_eq!(found(&r, draft), vec![]);
        assert_eq!(r.quotes[0].status, QuoteStatus::Verified);
        // With two words added, those two are the change, and the fix leaves
        // "Clinton said" out.
        let draft = "\u{201c}How many times do we have to see this in our country? In Tulsa, an unarmed man with his hands in the air? I mean, this is just unbearable,\u{201d} Hillary Clinton said.";
        let r = run(draft, &c);
        assert_eq!(found(&r, draft).len(), 1, "{:?}", r.findings);
        assert_eq!(r.findings[0].code.as_str(), "altered-quote");
        assert!(
            messages(&r)[0].ends_with("\u{201c}I mean\u{201d} was added"),
            "{}",
            messages(&r)[0]
        );
        assert_eq!(
            r.findings[0].fix.as_deref(),
            Some("How many times do we have to see this in our country? In Tulsa, an unarmed man with his hands in the air. This is just unbearable,")
        );
    }

    #[test]
    fn a_source_wording_never_runs_past_its_closing_mark() {
        // The draft quotes a sentence more than the source: not a change, and the
        // narrative after the source's closing mark is not compared with it.
        let c = corpus_of(&[(
            "nyt.txt",
            "\u{201c}But he was an honest liberal, and Bernie did what he said he would do,\u{201d} Mr. McCain recalled. But when it comes to the votes, the losses stand out.",
        )]);
        let draft = "\u{201c}But he was an honest liberal, and Bernie did what he said he would do. He was effective,\u{201d} John McCain said.";
        let r = run(draft, &c);
        assert_eq!(found(&r, draft), vec![]);
        assert_eq!(r.quotes[0].status, QuoteStatus::Unchecked);
        let m = &r.quotes[0].matches[0];
        assert_eq!((m.matched, m.total), (15, 18));
    }

    #[test]
    fn a_changed_last_word_is_a_substitution_and_the_fix_keeps_the_word_count() {
        let c = corpus_of(&[(
            "politico.txt",
            "\u{201c}It\u{2019}s something I\u{2019}ve been talking about for a long time despite, frankly, being a big beneficiary of the laws. But I\u{2019}m working for you now,\u{201d} Donald Trump said at a rally.",
        )]);
        let draft = "\u{201c}It\u{2019}s something I\u{2019}ve been talking about for a long time despite, frankly, being a big beneficiary of the law.\u{201d} Donald Trump said.";
        let r = run(draft, &c);
        assert_eq!(found(&r, draft).len(), 1, "{:?}", r.findings);
        let f = &r.findings[0];
        assert_eq!(f.code.as_str(), "altered-quote");
        assert!(
            f.message
                .ends_with("\u{201c}laws\u{201d} became \u{201c}law\u{201d}"),
            "{}",
            f.message
        );
        assert_eq!(
            f.fix.as_deref(),
            Some("It\u{2019}s something I\u{2019}ve been talking about for a long time despite, frankly, being a big beneficiary of the laws.")
        );
    }

    #[test]
    fn a_headline_is_never_the_evidence_of_a_changed_quote() {
        // The source's only wording is in its Title Case headline.
        let c = corpus_of(&[(
            "breitbart.txt",
            "Ryan: Anti-Semitic Images Have \u{201c}No Place In A Presidential Campaign Of Any Kind\u{201d}\n\nThe speaker spoke on Tuesday.",
        )]);
        let draft =
            "\u{201c}No place in a presidential campaign of any party,\u{201d} Paul Ryan said.";
        let r = run(draft, &c);
        assert_eq!(
            found(&r, draft),
            vec![(
                "unsourced-quote",
                "No place in a presidential campaign of any party,"
            )]
        );
        // A quote in the draft's own headline is not compared word for word.
        let c = corpus_of(&[(
            "politico.txt",
            "\u{201c}It is not a radical idea to raise the wage across America,\u{201d} Bernie Sanders said.",
        )]);
        let draft = "# Sanders: \u{201c}It Is Not A Radical Idea To Raise The Minimum Wage Across America\u{201d}\n\nThe senator spoke on Monday.";
        let r = run(draft, &c);
        let codes: Vec<&str> = found(&r, draft).into_iter().map(|(c, _)| c).collect();
        assert!(!codes.contains(&"altered-quote"), "{codes:?}");
    }

    #[test]
    fn typography_never_makes_a_difference() {
        let c = corpus_of(&[(
            "huffpost.txt",
            "\u{201c}Donald Trump\u{2018}s ignorant view of Islam could make both our countries less safe - it risks alienating mainstream Muslims\u{2026} and the absurd, third-grade theatrics,\u{201d} Sadiq Khan said.",
        )]);
        let draft = "\"Donald Trump's ignorant view of Islam could make both our countries less safe -- it risks alienating mainstream Muslims ... and the absurd third grade theatrics,\" Sadiq Khan said.";
        let r = run(draft, &c);
        assert_eq!(found(&r, draft), vec![]);
        assert_eq!(r.quotes[0].status, QuoteStatus::Verified);
    }

    #[test]
    fn a_short_common_phrase_is_not_evidence() {
        let c = corpus_of(&[(
            "wapo.txt",
            "\u{201c}I\u{2019}m a big fan of Elizabeth Warren,\u{201d} Harry Reid said in the interview.",
        )]);
        let draft = "\u{201c}I\u{2019}m a big fan of Paul,\u{201d} Jeff Sessions said.";
        let r = run(draft, &c);
        assert_eq!(
            found(&r, draft),
            vec![("unsourced-quote", "I\u{2019}m a big fan of Paul,")]
        );
    }

    #[test]
    fn a_near_wording_the_source_gives_to_another_speaker_is_not_the_quote_changed() {
        let c = corpus_of(&[(
            "usatoday.txt",
            "\u{201c}We have come a pretty long way in the last nine months,\u{201d} Bernie Sanders said at the town hall.",
        )]);
        let draft = "\u{201c}We have come a long way in the last nine months,\u{201d} Hillary Clinton said.";
        let r = run(draft, &c);
        assert_eq!(
            found(&r, draft),
            vec![(
                "unsourced-quote",
                "We have come a long way in the last nine months,"
            )]
        );
        // Given to the same person, the dropped word is found.
        let draft =
            "\u{201c}We have come a long way in the last nine months,\u{201d} Bernie Sanders said.";
        let r = run(draft, &c);
        assert_eq!(
            found(&r, draft),
            vec![(
                "altered-quote",
                "We have come a long way in the last nine months,"
            )]
        );
        assert!(messages(&r)[0].ends_with("\u{201c}pretty\u{201d} was left out"));
    }

    #[test]
    fn a_continuation_read_out_from_someone_named_just_before_contradicts_nobody() {
        // The moderator reads out the candidate's words: the source gives them to the
        // moderator by continuation, the draft to the candidate.
        let c = corpus_of(&[(
            "wapo.txt",
            "Mitt Romney had listed Donald Trump's personal qualities, which the moderator rattled off.\n\n\u{201c}The bullying,\u{201d} Fox's Chris Wallace said. \u{201c}The greed. The showing off. The misogyny. The absurd, third-grade theatrics.\u{201d}",
        )]);
        let draft = "Mitt Romney attacked Donald Trump for \u{201c}the greed, the showing off, the misogyny, the absurd third-grade theatrics,\u{201d} Romney said.";
        let r = run(draft, &c);
        assert_eq!(found(&r, draft), vec![]);
        // Nobody named before the moderator: the continuation is his.
        let c = corpus_of(&[(
            "wapo.txt",
            "The debate opened on Thursday.\n\n\u{201c}The bullying,\u{201d} Fox's Chris Wallace said. \u{201c}The greed. The showing off. The misogyny. The absurd, third-grade theatrics.\u{201d}",
        )]);
        let r = run(draft, &c);
        assert_eq!(found(&r, draft), vec![("misattributed-quote", "Romney")]);
    }
}
