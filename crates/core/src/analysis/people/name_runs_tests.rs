//! Unit tests of [`super`] (names.rs): name sequences, titles split off, particles.

use super::*;
use crate::analysis::name_tokens::tokenize;

fn names(text: &str) -> Vec<(NameKind, String, Option<String>)> {
    let toks = tokenize(text);
    find_names(text, &toks)
        .into_iter()
        .map(|m| {
            (
                m.kind,
                m.name.slice(text).to_string(),
                m.prefix.map(|p| p.slice(text).to_string()),
            )
        })
        .collect()
}

fn person(name: &str, title: Option<&str>) -> (NameKind, String, Option<String>) {
    (
        NameKind::Person,
        name.to_string(),
        title.map(str::to_string),
    )
}

#[test]
fn titles_before_names_are_split_off() {
    assert_eq!(
        names("said Secretary of State Mike Pompeo on Friday"),
        vec![person("Mike Pompeo", Some("Secretary of State"))]
    );
    assert_eq!(
        names("met Russian Defense Minister Sergei Shoigu."),
        vec![person("Sergei Shoigu", Some("Russian Defense Minister"))]
    );
    assert_eq!(
        names("said Gen. Mizintsev"),
        vec![person("Mizintsev", Some("Gen."))]
    );
}

#[test]
fn honorifics_mark_a_person_without_a_title() {
    assert_eq!(names("asked Mr. Pompeo"), vec![person("Pompeo", None)]);
}

#[test]
fn particles_join_names() {
    assert_eq!(
        names("backing President Bashar al-Assad's government"),
        vec![person("Bashar al-Assad", Some("President"))]
    );
    assert_eq!(
        names("the side of Bashar Al-Assad\u{2019}s government"),
        vec![person("Bashar Al-Assad", None)]
    );
    assert_eq!(
        names("said Osama bin Laden"),
        vec![person("Osama bin Laden", None)]
    );
}

#[test]
fn places_nationalities_months_are_not_names() {
    assert!(names("The Russian proposals in Helsinki on Monday and in Syria.").is_empty());
    assert!(names("Syrian refugees went to Moscow in July.").is_empty());
    assert!(names("said in New York").is_empty());
}

#[test]
fn organisations_are_recognised() {
    let found =
        names("The Wall Street Journal said the Russian Defense Ministry and the UN agreed.");
    let orgs: Vec<&str> = found
        .iter()
        .filter(|(k, _, _)| *k == NameKind::Organisation)
        .map(|(_, n, _)| n.as_str())
        .collect();
    assert_eq!(
        orgs,
        vec!["Wall Street Journal", "Russian Defense Ministry", "UN"]
    );
}

#[test]
fn one_word_names_are_singles() {
    let found = names("and Pompeo told reporters");
    assert_eq!(found, vec![(NameKind::Single, "Pompeo".to_string(), None)]);
}

#[test]
fn a_plural_title_is_shared() {
    assert_eq!(
        names("between Presidents Vladimir Putin and Donald Trump."),
        vec![
            person("Vladimir Putin", Some("Presidents")),
            person("Donald Trump", Some("Presidents")),
        ]
    );
}

#[test]
fn nationality_before_a_name_is_a_prefix() {
    assert_eq!(
        names("diplomat to the U.S. Vladimir Frolov told"),
        vec![person("Vladimir Frolov", Some("U.S."))]
    );
}

#[test]
fn titles_and_places_can_be_surnames() {
    assert_eq!(names("asked Mr. King"), vec![person("King", None)]);
    assert_eq!(
        names("said Charlie King on"),
        vec![person("Charlie King", None)]
    );
}

#[test]
fn a_common_word_starting_a_sentence_is_not_a_first_name() {
    let text = "Small Donors gave more. The small gifts add up.";
    assert!(!names(text).iter().any(|(k, _, _)| *k == NameKind::Person));
}

#[test]
fn things_and_headlines_are_not_people() {
    assert!(names("under the Fair Sentencing Act of 2010").is_empty());
    let headline = "Old Hands Help Russia Navigate Media Waters\n\nThe story.";
    assert!(!names(headline)
        .iter()
        .any(|(k, _, _)| *k == NameKind::Person));
}
