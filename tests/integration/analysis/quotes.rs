//! Quotes and their speakers in the three real source articles of the syria-refugees
//! story (tests/fixtures/syria-refugees/sources/), scraped mess included.

use sourced::analysis::{analyze, MentionKind, Quote, TextFormat};

fn quotes_of(name: &str) -> (String, Vec<Quote>) {
    let path = format!(
        "{}/tests/fixtures/syria-refugees/sources/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let analysis = analyze(&text, TextFormat::Plain);
    (text, analysis.quotes)
}

/// The quote whose words start with `start`.
fn find<'a>(quotes: &'a [Quote], start: &str) -> &'a Quote {
    quotes
        .iter()
        .find(|q| q.text.starts_with(start))
        .unwrap_or_else(|| {
            let all: Vec<&str> = quotes.iter().map(|q| q.text.as_str()).collect();
            panic!("no quote starting {start:?}; found {all:#?}")
        })
}

/// Assert the quote starting with `start` ends with `end` and is given to `speaker`.
fn assert_quote(
    text: &str,
    quotes: &[Quote],
    start: &str,
    end: &str,
    speaker: &str,
    cue: Option<&str>,
) {
    let q = find(quotes, start);
    assert!(q.text.ends_with(end), "quote {start:?} ends {:?}", q.text);
    assert_eq!(q.inner.slice(text), q.text, "inner span matches text");
    let s = q
        .speaker
        .as_ref()
        .unwrap_or_else(|| panic!("quote {start:?} has no speaker"));
    assert_eq!(s.mention_text, speaker, "speaker of {start:?}");
    assert_eq!(s.mention.slice(text), speaker, "mention span of {start:?}");
    assert_eq!(
        q.cue.as_ref().map(|c| c.text.as_str()),
        cue,
        "cue of {start:?}"
    );
}

#[test]
fn afp_wire_rewrite_quotes_and_speakers() {
    let (text, q) = quotes_of("afp-wire-rewrite.txt");
    assert_quote(
        &text,
        &q,
        "There was a discussion between President Trump",
        "get the refugees back,",
        "Pompeo",
        Some("told reporters"),
    );
    assert_quote(
        &text,
        &q,
        "It's important that at the right time",
        "home country,",
        "he",
        Some("said"),
    );
    let he = find(&q, "It's important").speaker.as_ref().unwrap();
    assert_eq!(he.kind, MentionKind::Pronoun);
    assert!(!he.inherited);
    // A paragraph that is only a quote continues the previous speaker.
    let lots = find(&q, "There is lots of work to do");
    let s = lots.speaker.as_ref().expect("inherited speaker");
    assert!(s.inherited);
    assert_eq!(s.mention_text, "he");
    assert!(lots.text.ends_with("resolution in Syria."));
    // Run-together sentences: `this week."Specific proposals`.
    assert_quote(
        &text,
        &q,
        "Specific proposals on how work could be organized",
        "sent to the American side,",
        "senior ministry official General Mikhail Mizintsev",
        Some("said"),
    );
    let m = find(&q, "Specific proposals").speaker.as_ref().unwrap();
    assert_eq!(m.kind, MentionKind::TitledName);
    assert_quote(
        &text,
        &q,
        "take into account the agreements",
        "their meeting in Helsinki",
        "He",
        Some("said"),
    );
    // `Mizintsev said"The Russian proposals ...," he said.`
    assert_quote(
        &text,
        &q,
        "The Russian proposals are currently being examined",
        "by the U.S. side,",
        "he",
        Some("said"),
    );
    // Nothing else is taken for a quote: apostrophes (Russia's, Assad's, Syria's) are not marks.
    assert_eq!(
        q.len(),
        6,
        "{:#?}",
        q.iter().map(|q| &q.text).collect::<Vec<_>>()
    );
}

#[test]
fn arab_news_quotes_and_speakers() {
    let (text, q) = quotes_of("arab-news.txt");
    assert_quote(
        &text,
        &q,
        "Specific proposals on how work could be organised",
        "American side,",
        "senior ministry official, General Mikhail Mizintsev",
        Some("said"),
    );
    assert_quote(
        &text,
        &q,
        "take into account the agreements",
        "meeting in Helsinki",
        "he",
        Some("said"),
    );
    assert_quote(
        &text,
        &q,
        "There was a discussion between President Trump",
        "refugees back,",
        "Pompeo",
        Some("told reporters"),
    );
    // The unclosed “It’s important ... ends where the next quotation opens, and both
    // stay with Pompeo.
    let unclosed = find(&q, "It’s important that at the right time");
    assert!(!unclosed.closed);
    assert!(
        unclosed.text.ends_with("return to their home country."),
        "{:?}",
        unclosed.text
    );
    assert_eq!(unclosed.speaker.as_ref().unwrap().mention_text, "Pompeo");
    let lots = find(&q, "There is lots of work");
    assert!(lots.closed && lots.text.ends_with("resolution in Syria."));
    assert_eq!(lots.speaker.as_ref().unwrap().mention_text, "Pompeo");
    assert_quote(
        &text,
        &q,
        "The Russian proposals are currently being examined",
        "by the US side,",
        "he",
        Some("said"),
    );
    // Headline single quotes, curly and straight, around an apostrophe (Erdogan’s).
    let headlines: Vec<&Quote> = q
        .iter()
        .filter(|q| q.text == "great political authority")
        .collect();
    assert_eq!(headlines.len(), 2);
    for h in headlines {
        assert_eq!(
            h.speaker.as_ref().map(|s| s.mention_text.as_str()),
            Some("Putin")
        );
    }
    // 'concrete' in a teaser has no speaker ("Ukraine offer" is not an attribution).
    let concrete = find(&q, "concrete");
    assert!(concrete.speaker.is_none(), "{:?}", concrete.speaker);
}

#[test]
fn breitbart_quotes_and_speakers() {
    let (text, q) = quotes_of("breitbart.txt");
    assert_quote(
        &text,
        &q,
        "considering",
        "considering",
        "Secretary of Defense Jim Mattis",
        Some("indicated"),
    );
    assert_quote(
        &text,
        &q,
        "I am considering meeting with my counterpart",
        "no decision,",
        "Mattis",
        Some("told journalists"),
    );
    let second = find(&q, "I’m all for re-opening communications");
    let s = second.speaker.as_ref().unwrap();
    assert_eq!(s.mention_text, "Mattis");
    assert!(s.inherited);
    assert_quote(
        &text,
        &q,
        "Assad is fine for the time being",
        "long-term stability,",
        "former Soviet and Russian diplomat to the U.S. Vladimir Frolov",
        Some("told"),
    );
    let frolov2 = find(&q, "But through bringing the U.S. on board");
    assert!(frolov2
        .speaker
        .as_ref()
        .unwrap()
        .mention_text
        .ends_with("Vladimir Frolov"));
    assert_quote(
        &text,
        &q,
        "the first showcase example",
        "example",
        "Putin",
        Some("suggested"),
    );
    assert_quote(
        &text,
        &q,
        "Russia and the United States apparently can act proactively",
        "back to their homes,",
        "Putin",
        Some("said"),
    );
    // The byline's e-mail address and "@ben_kew" hold no quotes.
    assert_eq!(q.len(), 7);
}
