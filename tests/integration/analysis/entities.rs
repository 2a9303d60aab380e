//! People, organisations, titles and speaker resolution on the syria-refugees story:
//! three real scraped articles and a draft written against them.

use std::path::PathBuf;

use sourced::analysis::coreference::resolve_speakers;
use sourced::analysis::entity::find_entities;
use sourced::analysis::office::{conflicts, same_office};
use sourced::analysis::{Entity, EntityKind, MentionKind, Quote, Span, Speaker};

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/syria-refugees")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A quote built by hand: `inner` is the start of the quoted words; `speaker` the
/// speaker mention, searched after the quote (or before it when `before` is set).
struct Q<'a> {
    inner: &'a str,
    speaker: Option<&'a str>,
    before: bool,
    inherited: bool,
}

fn q<'a>(inner: &'a str, speaker: &'a str) -> Q<'a> {
    Q {
        inner,
        speaker: Some(speaker),
        before: false,
        inherited: false,
    }
}

fn q_before<'a>(inner: &'a str, speaker: &'a str) -> Q<'a> {
    Q {
        inner,
        speaker: Some(speaker),
        before: true,
        inherited: false,
    }
}

fn q_inherited(inner: &str) -> Q<'_> {
    Q {
        inner,
        speaker: None,
        before: false,
        inherited: true,
    }
}

const MARKS: &[char] = &['"', '\u{201C}', '\u{201D}', '\u{2018}', '\u{2019}'];

fn build_quotes(text: &str, specs: &[Q]) -> Vec<Quote> {
    let mut from = 0;
    let mut out: Vec<Quote> = Vec::new();
    for spec in specs {
        let start = from
            + text[from..]
                .find(spec.inner)
                .unwrap_or_else(|| panic!("quote {:?} not in text", spec.inner));
        // The quote ends at the next double mark (or the end of the line).
        let rest = &text[start..];
        let len = rest
            .find(['"', '\u{201C}', '\u{201D}', '\n'])
            .unwrap_or(rest.len());
        let inner = Span::new(start, start + len);
        let open = text[..start]
            .char_indices()
            .next_back()
            .map_or(start, |(i, _)| i);
        let close = text[inner.end..]
            .chars()
            .next()
            .filter(|c| MARKS.contains(c))
            .map_or(0, char::len_utf8);
        let span = Span::new(open, inner.end + close);
        let speaker = if spec.inherited {
            Some(Speaker {
                mention: Span::new(span.start, span.start),
                mention_text: String::new(),
                kind: MentionKind::Name,
                entity: None,
                inherited: true,
            })
        } else {
            spec.speaker.map(|s| {
                let at = if spec.before {
                    text[..span.start]
                        .rfind(s)
                        .unwrap_or_else(|| panic!("speaker {s:?} not before quote"))
                } else {
                    span.end
                        + text[span.end..]
                            .find(s)
                            .unwrap_or_else(|| panic!("speaker {s:?} not after quote"))
                };
                let kind = match s {
                    "he" | "He" | "she" | "they" => MentionKind::Pronoun,
                    _ => MentionKind::Name,
                };
                Speaker {
                    mention: Span::new(at, at + s.len()),
                    mention_text: s.to_string(),
                    kind,
                    entity: None,
                    inherited: false,
                }
            })
        };
        let mut quote = Quote::new(span, inner, inner.slice(text));
        quote.speaker = speaker;
        quote.continues_previous = spec.inherited;
        out.push(quote);
        from = inner.end;
    }
    out
}

fn person<'a>(entities: &'a [Entity], canonical: &str) -> &'a Entity {
    entities
        .iter()
        .find(|e| e.canonical == canonical)
        .unwrap_or_else(|| panic!("no entity {canonical:?} among {:?}", names(entities)))
}

fn names(entities: &[Entity]) -> Vec<(&str, EntityKind)> {
    entities
        .iter()
        .map(|e| (e.canonical.as_str(), e.kind))
        .collect()
}

fn titles(e: &Entity) -> Vec<&str> {
    e.titles.iter().map(|t| t.text.as_str()).collect()
}

fn speaker_of(entities: &[Entity], quote: &Quote) -> String {
    let sp = quote.speaker.as_ref().expect("speaker");
    match sp.entity {
        Some(id) => entities[id.0 as usize].canonical.clone(),
        None => format!("<unresolved {:?}>", sp.mention_text),
    }
}

fn analyse(file: &str, specs: &[Q]) -> (String, Vec<Quote>, Vec<Entity>) {
    let text = fixture(file);
    let mut quotes = build_quotes(&text, specs);
    let mut people = find_entities(&text);
    resolve_speakers(&text, &mut people, &mut quotes);
    (text, quotes, people.entities)
}

fn assert_speakers(file: &str, quotes: &[Quote], entities: &[Entity], expected: &[&str]) {
    let got: Vec<String> = quotes.iter().map(|q| speaker_of(entities, q)).collect();
    assert_eq!(got, expected, "speakers in {file}");
}

/// No place, nationality, month or day comes out as a person or organisation.
fn assert_no_false_entities(file: &str, entities: &[Entity]) {
    for bad in [
        "Moscow",
        "Washington",
        "Helsinki",
        "Syria",
        "Russia",
        "Russian",
        "Syrian",
        "Lebanon",
        "Jordan",
        "Friday",
        "Monday",
        "New York",
        "United States",
        "U.S.",
        "US",
        "American",
        "Europe",
        "Aleppo",
        "Damascus",
        "Amman",
        "Finnish",
        "The",
        "Trump Putin",
    ] {
        assert!(
            !entities
                .iter()
                .any(|e| e.canonical == bad || e.aliases.iter().any(|a| a == bad)),
            "{file}: {bad:?} is not an entity, got {:?}",
            names(entities)
        );
    }
}

#[test]
fn arab_news_people_titles_and_speakers() {
    let file = "sources/arab-news.txt";
    let (_, quotes, entities) = analyse(
        file,
        &[
            q("Specific proposals", "General Mikhail Mizintsev"),
            q("take into account", "he"),
            q("There was a discussion", "Pompeo"),
            q_inherited("It\u{2019}s important"),
            q_inherited("There is lots of work"),
            q("The Russian proposals are currently", "he"),
        ],
    );
    assert_speakers(
        file,
        &quotes,
        &entities,
        &[
            "Mikhail Mizintsev",
            "Mikhail Mizintsev",
            "Mike Pompeo",
            "Mike Pompeo",
            "Mike Pompeo",
            "Mikhail Mizintsev",
        ],
    );
    let miz = person(&entities, "Mikhail Mizintsev");
    assert_eq!(miz.kind, EntityKind::Person);
    assert_eq!(titles(miz), vec!["General", "senior ministry official"]);
    assert!(miz.aliases.contains(&"Mizintsev".to_string()));
    // The pronoun speakers are now mentions of Mizintsev.
    assert!(
        miz.mentions
            .iter()
            .filter(|m| m.kind == MentionKind::Pronoun)
            .count()
            >= 2
    );
    let pompeo = person(&entities, "Mike Pompeo");
    assert_eq!(titles(pompeo), vec!["Secretary of State"]);
    assert!(pompeo.aliases.contains(&"Pompeo".to_string()));
    let putin = person(&entities, "Vladimir Putin");
    assert!(
        putin.titles.iter().all(|t| t.normalized == "president"),
        "{:?}",
        titles(putin)
    );
    let trump = person(&entities, "Donald Trump");
    assert!(trump.titles.iter().all(|t| t.normalized == "president"));
    assert_eq!(
        person(&entities, "Bashar Al-Assad").kind,
        EntityKind::Person
    );
    assert_eq!(person(&entities, "UN").kind, EntityKind::Organisation);
    assert_no_false_entities(file, &entities);
}

#[test]
fn afp_people_titles_and_speakers() {
    let file = "sources/afp-wire-rewrite.txt";
    let (_, quotes, entities) = analyse(
        file,
        &[
            q("There was a discussion", "Pompeo"),
            q("It's important", "he"),
            q_inherited("There is lots of work"),
            q(
                "Specific proposals",
                "senior ministry official General Mikhail Mizintsev",
            ),
            q_before("take into account", "He"),
            q("The Russian proposals are currently", "he"),
        ],
    );
    assert_speakers(
        file,
        &quotes,
        &entities,
        &[
            "Pompeo",
            "Pompeo",
            "Pompeo",
            "Mikhail Mizintsev",
            "Mikhail Mizintsev",
            "Mikhail Mizintsev",
        ],
    );
    let miz = person(&entities, "Mikhail Mizintsev");
    assert_eq!(titles(miz), vec!["senior ministry official", "General"]);
    let putin = person(&entities, "Vladimir Putin");
    assert!(
        titles(putin).contains(&"Russian President"),
        "{:?}",
        titles(putin)
    );
    let assad = person(&entities, "Bashar al-Assad");
    assert!(
        assad.aliases.contains(&"Assad".to_string()),
        "Assad's troops is al-Assad"
    );
    assert_eq!(titles(assad), vec!["President"]);
    assert_eq!(
        person(&entities, "Russian Defense Ministry").kind,
        EntityKind::Organisation
    );
    assert_no_false_entities(file, &entities);
}

#[test]
fn breitbart_people_titles_and_speakers() {
    let file = "sources/breitbart.txt";
    let (_, quotes, entities) = analyse(
        file,
        &[
            q_before("considering\u{201D}", "he"),
            q("I am considering", "Mattis"),
            q_inherited("I\u{2019}m all for"),
            q(
                "Assad is fine",
                "former Soviet and Russian diplomat to the U.S. Vladimir Frolov",
            ),
            q_inherited("But through bringing"),
            q_before("the first showcase", "Putin"),
            q("Russia and the United States apparently", "Putin"),
        ],
    );
    assert_speakers(
        file,
        &quotes,
        &entities,
        &[
            "Jim Mattis",
            "Jim Mattis",
            "Jim Mattis",
            "Vladimir Frolov",
            "Vladimir Frolov",
            "Vladimir Putin",
            "Vladimir Putin",
        ],
    );
    assert_eq!(
        titles(person(&entities, "Jim Mattis")),
        vec!["Secretary of Defense"]
    );
    assert_eq!(
        titles(person(&entities, "Sergei Shoigu")),
        vec!["Russian Defense Minister"]
    );
    assert_eq!(
        titles(person(&entities, "Vladimir Frolov")),
        vec!["former Soviet and Russian diplomat to the U.S."]
    );
    assert_eq!(titles(person(&entities, "Donald Trump")), vec!["President"]);
    let wsj = person(&entities, "The Wall Street Journal");
    assert_eq!(wsj.kind, EntityKind::Organisation);
    assert!(
        wsj.aliases.contains(&"Journal".to_string()),
        "the Journal is the WSJ"
    );
    assert_eq!(person(&entities, "Pentagon").kind, EntityKind::Organisation);
    assert_eq!(
        person(&entities, "Syrian Arab Army").kind,
        EntityKind::Organisation
    );
    assert_no_false_entities(file, &entities);
}

#[test]
fn draft_people_titles_and_speakers() {
    let file = "draft.md";
    let (_, quotes, entities) = analyse(
        file,
        &[
            q("Specific proposals", "General Mikhail Mizintsev"),
            q("The Russian proposals", "Secretary of State Mike Pompeo"),
            q("It's important", "he"),
            q("We will not pay", "Pompeo"),
            q_before("considering\"", "he"),
            q("I'm all for", "Mattis"),
            q_before("trying to draw", "Vladimir Frolov"),
            q_before("organize the interaction", "Putin"),
        ],
    );
    assert_speakers(
        file,
        &quotes,
        &entities,
        &[
            "Mikhail Mizintsev",
            "Mike Pompeo",
            "Mike Pompeo",
            "Mike Pompeo",
            "Jim Mattis",
            "Jim Mattis",
            "Vladimir Frolov",
            "Vladimir Putin",
        ],
    );
    // "Mizintzev" is its own (misspelled) person, not an alias of Mizintsev.
    let misspelled = person(&entities, "Mizintzev");
    assert_eq!(misspelled.kind, EntityKind::Person);
    assert!(!person(&entities, "Mikhail Mizintsev")
        .aliases
        .iter()
        .any(|a| a == "Mizintzev"));
    assert_no_false_entities(file, &entities);
}

/// The draft's titles against the sources' titles, as the title-mismatch check sees them.
#[test]
fn draft_titles_against_the_sources() {
    let sources: Vec<Vec<Entity>> = [
        "sources/arab-news.txt",
        "sources/afp-wire-rewrite.txt",
        "sources/breitbart.txt",
    ]
    .iter()
    .map(|f| find_entities(&fixture(f)).entities)
    .collect();
    let draft = find_entities(&fixture("draft.md")).entities;
    let source_titles = |name: &str| -> Vec<String> {
        sources
            .iter()
            .flatten()
            .filter(|e| e.is_named(name))
            .flat_map(|e| e.titles.iter().map(|t| t.text.clone()))
            .collect()
    };
    let draft_titles = |name: &str| -> Vec<String> {
        draft
            .iter()
            .filter(|e| e.is_named(name))
            .flat_map(|e| e.titles.iter().map(|t| t.text.clone()))
            .collect()
    };

    // Mattis: "Defense Secretary" in the draft is the sources' "Secretary of Defense".
    let (d, s) = (draft_titles("Jim Mattis"), source_titles("Jim Mattis"));
    assert_eq!(d, vec!["Defense Secretary"]);
    assert!(s.iter().any(|t| same_office(&d[0], t)), "{d:?} vs {s:?}");
    assert!(!s.iter().any(|t| conflicts(&d[0], t)));

    // Shoigu: "Russian Foreign Minister" contradicts "Russian Defense Minister".
    let (d, s) = (
        draft_titles("Sergei Shoigu"),
        source_titles("Sergei Shoigu"),
    );
    assert_eq!(d, vec!["Russian Foreign Minister"]);
    assert_eq!(s, vec!["Russian Defense Minister"]);
    assert!(conflicts(&d[0], &s[0]));

    // Mizintsev: "a senior Russian defence ministry official" agrees with the sources.
    let (d, s) = (
        draft_titles("Mikhail Mizintsev"),
        source_titles("Mikhail Mizintsev"),
    );
    assert!(
        d.iter()
            .any(|t| t == "a senior Russian defence ministry official"),
        "{d:?}"
    );
    assert!(s.iter().any(|t| t == "senior ministry official"), "{s:?}");
    for dt in &d {
        for st in &s {
            assert!(!conflicts(dt, st), "{dt:?} must not conflict with {st:?}");
        }
    }

    // Pompeo, Frolov, Putin, Trump: nothing in the draft contradicts the sources.
    for name in [
        "Mike Pompeo",
        "Vladimir Frolov",
        "Vladimir Putin",
        "Donald Trump",
    ] {
        let (d, s) = (draft_titles(name), source_titles(name));
        assert!(!s.is_empty(), "{name} has titles in the sources");
        for dt in &d {
            for st in &s {
                assert!(
                    !conflicts(dt, st),
                    "{name}: {dt:?} must not conflict with {st:?}"
                );
            }
        }
    }
}

/// The whole analysis (quotes and attributions from the extract stage, then entities):
/// every quote's speaker resolves to the right person.
#[test]
fn whole_analysis_resolves_every_speaker() {
    use sourced::analysis::{analyze, TextFormat};
    let cases: &[(&str, &[(&str, &str)])] = &[
        (
            "sources/arab-news.txt",
            &[
                ("Specific proposals", "Mikhail Mizintsev"),
                ("take into account", "Mikhail Mizintsev"),
                ("There was a discussion", "Mike Pompeo"),
                ("It\u{2019}s important", "Mike Pompeo"),
                ("There is lots of work", "Mike Pompeo"),
                ("The Russian proposals", "Mikhail Mizintsev"),
            ],
        ),
        (
            "sources/afp-wire-rewrite.txt",
            &[
                ("There was a discussion", "Pompeo"),
                ("It's important", "Pompeo"),
                ("There is lots of work", "Pompeo"),
                ("Specific proposals", "Mikhail Mizintsev"),
                ("take into account", "Mikhail Mizintsev"),
                ("The Russian proposals", "Mikhail Mizintsev"),
            ],
        ),
        (
            "sources/breitbart.txt",
            &[
                ("considering", "Jim Mattis"),
                ("I am considering", "Jim Mattis"),
                ("I\u{2019}m all for", "Jim Mattis"),
                ("Assad is fine", "Vladimir Frolov"),
                ("But through bringing", "Vladimir Frolov"),
                ("the first showcase", "Vladimir Putin"),
                ("Russia and the United States", "Vladimir Putin"),
            ],
        ),
        (
            "draft.md",
            &[
                ("Specific proposals", "Mikhail Mizintsev"),
                ("The Russian proposals", "Mike Pompeo"),
                ("It's important", "Mike Pompeo"),
                ("We will not pay", "Mike Pompeo"),
                ("considering", "Jim Mattis"),
                ("I'm all for", "Jim Mattis"),
                ("organize the interaction", "Vladimir Putin"),
            ],
        ),
    ];
    for (file, expected) in cases {
        let text = fixture(file);
        let a = analyze(&text, TextFormat::from_path_name(file));
        for (start, who) in *expected {
            let q = a
                .quotes
                .iter()
                .find(|q| q.text.starts_with(start))
                .unwrap_or_else(|| panic!("{file}: no quote starting {start:?}"));
            assert_eq!(
                &speaker_of(&a.entities, q),
                who,
                "{file}: speaker of {start:?}"
            );
            // The speaker mention is one of the entity's mentions.
            let sp = q.speaker.as_ref().unwrap();
            if !sp.inherited {
                let e = a.entity(sp.entity.unwrap()).unwrap();
                assert!(
                    e.mentions
                        .iter()
                        .any(|m| m.span.contains_span(sp.mention)
                            || sp.mention.contains_span(m.span)),
                    "{file}: {:?} is not among {who}'s mentions",
                    sp.mention_text
                );
            }
        }
    }
}

#[test]
#[ignore = "prints what was found, for a person reading"]
fn dump() {
    for f in [
        "sources/arab-news.txt",
        "sources/afp-wire-rewrite.txt",
        "sources/breitbart.txt",
        "draft.md",
    ] {
        let text = fixture(f);
        let entities = find_entities(&text).entities;
        println!("== {f}");
        for e in &entities {
            println!(
                "{:?} {:?} aliases={:?} titles={:?} n={}",
                e.kind,
                e.canonical,
                e.aliases,
                titles(e),
                e.mentions.len()
            );
        }
    }
}

#[test]
#[ignore = "prints what the whole analysis found, for a person reading"]
fn dump_pipeline() {
    use sourced::analysis::{analyze, TextFormat};
    for f in [
        "sources/arab-news.txt",
        "sources/afp-wire-rewrite.txt",
        "sources/breitbart.txt",
        "draft.md",
    ] {
        let text = fixture(f);
        let a = analyze(&text, TextFormat::from_path_name(f));
        println!("== {f}");
        for q in &a.quotes {
            let head: String = q.text.chars().take(40).collect();
            match &q.speaker {
                Some(s) => println!(
                    "{head:40} | {:?} {:?} inh={} -> {:?}",
                    s.mention_text,
                    s.kind,
                    s.inherited,
                    s.entity
                        .and_then(|id| a.entity(id))
                        .map(|e| e.canonical.as_str())
                ),
                None => println!("{head:40} | -"),
            }
        }
    }
}
