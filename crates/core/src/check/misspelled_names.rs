//! `misspelled-name`: a name in the draft that is a near miss of a corpus name
//! ("Mizintzev" for "Mizintsev"), is not itself a name the corpus uses, and is not a
//! spelling the reporter declared correct (`[aliases]`).
//!
//! Conservative: only names the analysis found (people and organisations), only a small
//! edit distance for the word's length, one clear candidate, and never a word the corpus
//! text itself contains.

use crate::analysis::normalize::words;
use crate::analysis::{Entity, MentionKind, Span};
use crate::index::CorpusIndex;

use super::evidence;
use super::{CheckOptions, Finding, FindingCode};

/// Levenshtein distance between two strings, by characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// How many edits a word of `len` characters may have and still be a near miss.
fn allowed_edits(len: usize) -> usize {
    match len {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

/// Push a `misspelled-name` finding for each mention of `entity` with a near-miss word.
/// Depends on the entity's names and mentions (their kinds and text) only.
pub fn check_entity_names(
    draft: &str,
    entity: &Entity,
    corpus: &dyn CorpusIndex,
    options: &CheckOptions,
    findings: &mut Vec<Finding>,
) {
    let first_new = findings.len();
    for mention in &entity.mentions {
        if !matches!(mention.kind, MentionKind::Name | MentionKind::TitledName) {
            continue;
        }
        let text = mention.span.slice(draft);
        if text.is_empty()
            || options.alias_of(text).is_some()
            || options.alias_of(&entity.canonical).is_some()
        {
            continue;
        }
        if !corpus.entities_named(text).is_empty() {
            continue;
        }
        for w in words(text) {
            let original = w.span.slice(text);
            // A form of address ("Madam" in "Madam Secretary") is no one's name.
            if !original.chars().next().is_some_and(char::is_uppercase)
                || crate::analysis::is_honorific(&w.norm)
                || options.alias_of(original).is_some()
                || !corpus.entities_named(original).is_empty()
                || in_corpus_text(&w.norm, corpus)
            {
                continue;
            }
            // The mention's other name words ("Mikhail" in "Mikhail Mizintzev") must
            // be the corpus person's too: "Bryan Smith" is not a misspelling of
            // "Brian Jones".
            let others: Vec<String> = super::speakers::name_words(text)
                .into_iter()
                .filter(|k| *k != w.norm)
                .collect();
            let Some((right, place)) = near_miss(original, text, &others, corpus) else {
                continue;
            };
            let span = Span::new(
                mention.span.start + w.span.start,
                mention.span.start + w.span.end,
            );
            findings.push(Finding {
                code: FindingCode::MisspelledName,
                severity: FindingCode::MisspelledName.default_severity(),
                span,
                message: match place {
                    Some(p) => format!(
                        "\u{201c}{original}\u{201d} is not in the sources; they spell it \u{201c}{right}\u{201d} ({p})"
                    ),
                    None => format!(
                        "\u{201c}{original}\u{201d} is not in the sources; they spell it \u{201c}{right}\u{201d}"
                    ),
                },
                evidence: Vec::new(),
                fix: Some(right),
                key: original.to_string(),
                quote: None,
            });
        }
    }
    // Evidence locations: where the corpus spells the right name (first mention).
    for f in findings[first_new..]
        .iter_mut()
        .filter(|f| f.code == FindingCode::MisspelledName && f.evidence.is_empty())
    {
        if let Some(right) = &f.fix {
            if let Some(e) = corpus.entities_named(right).first() {
                // One place per line of a source: "General Mikhail Mizintsev" and the
                // "Mizintsev" inside it, or two mentions in one paragraph, read as the same
                // `file:line` three times.
                let mut kept: Vec<(crate::index::Location, usize)> = Vec::new();
                for l in &e.mentions {
                    // Three are shown: the line of a later mention is not counted (in a
                    // long page each count reads the text up to it).
                    if kept.len() >= 3 {
                        break;
                    }
                    let Some(source) = corpus.source(l.source) else {
                        continue;
                    };
                    if !l.span.slice(&source.text).contains(right.as_str()) {
                        continue;
                    }
                    let line = evidence::line_of(&source.text, l.span.start);
                    let seen = kept
                        .iter()
                        .any(|(k, kl)| k.source == l.source && *kl == line);
                    if !seen {
                        kept.push((*l, line));
                    }
                }
                f.evidence = kept.into_iter().map(|(l, _)| l).collect();
            }
        }
    }
}

/// Whether the corpus text has this exact word somewhere (then it is a real spelling).
fn in_corpus_text(norm: &str, corpus: &dyn CorpusIndex) -> bool {
    let query = vec![norm.to_string()];
    corpus.passages(&query, 4).iter().any(|p| {
        corpus.source(p.location.source).is_some_and(|s| {
            words(p.location.span.slice(&s.text))
                .iter()
                .any(|w| w.norm == norm)
        })
    })
}

/// The one corpus spelling `word` is a near miss of, with where the corpus uses it.
fn near_miss(
    word: &str,
    mention: &str,
    others: &[String],
    corpus: &dyn CorpusIndex,
) -> Option<(String, Option<String>)> {
    let lower = word.to_lowercase();
    let allowed = allowed_edits(lower.chars().count());
    if allowed == 0 {
        return None;
    }
    let mut found: Vec<(usize, String, Option<String>)> = Vec::new();
    // The index knows full names and surnames: ask for the word and the whole mention.
    let mut similar = corpus.similar_names(word);
    if !others.is_empty() {
        similar.extend(corpus.similar_names(mention));
    }
    for (name, entity) in similar {
        let entity_words: Vec<String> = std::iter::once(&entity.canonical)
            .chain(entity.aliases.iter())
            .flat_map(|n| super::speakers::name_words(n))
            .collect();
        if !others.iter().all(|o| entity_words.contains(o)) {
            continue;
        }
        for candidate in name.split_whitespace() {
            let candidate = candidate.trim_matches(|c: char| !c.is_alphanumeric());
            let d = edit_distance(&lower, &candidate.to_lowercase());
            if d == 0 || d > allowed {
                continue;
            }
            if inflected(&lower, &candidate.to_lowercase()) {
                continue;
            }
            // "Lazăr" and "Lazar": the same name with and without its accents, as
            // outlets write it, not a misspelling.
            if without_accents(&lower) == without_accents(&candidate.to_lowercase()) {
                continue;
            }
            // The first letter is rarely the typo; requiring it keeps different names apart.
            if candidate
                .chars()
                .next()
                .map(|c| c.to_lowercase().to_string())
                != lower.chars().next().map(|c| c.to_string())
            {
                continue;
            }
            let place = entity
                .mentions
                .first()
                .and_then(|l| evidence::place(corpus, l));
            found.push((d, candidate.to_string(), place));
        }
    }
    found.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
    found.dedup_by(|a, b| a.1 == b.1);
    match found.as_slice() {
        [] => None,
        [(_, right, place)] => Some((right.clone(), place.clone())),
        [(d1, right, place), (d2, _, _), ..] if d1 < d2 => Some((right.clone(), place.clone())),
        _ => None,
    }
}

/// `word` with the accents of Latin letters taken off ("lazăr" -> "lazar", "josé" ->
/// "jose"); other letters as they are.
fn without_accents(word: &str) -> String {
    word.chars()
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
            'ç' | 'ć' | 'č' | 'ĉ' | 'ċ' => 'c',
            'ď' | 'đ' => 'd',
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
            'ğ' | 'ģ' => 'g',
            'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => 'i',
            'ķ' => 'k',
            'ĺ' | 'ļ' | 'ľ' | 'ł' => 'l',
            'ñ' | 'ń' | 'ņ' | 'ň' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
            'ŕ' | 'ř' => 'r',
            'ś' | 'ş' | 'š' | 'ș' => 's',
            'ţ' | 'ť' | 'ț' => 't',
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => 'u',
            'ý' | 'ÿ' => 'y',
            'ź' | 'ż' | 'ž' => 'z',
            c => c,
        })
        .collect()
}

/// Whether two words are one stem with different endings ("Democrats"/"Democratic",
/// "American"/"Americans"): other words, not a misspelling.
fn inflected(a: &str, b: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "", "s", "es", "ic", "ics", "n", "an", "ans", "ian", "ians", "ese", "ish", "ism", "ist",
        "ists", "ite", "ites", "i", "is", "y", "ies", "ed", "ing", "er", "ers",
    ];
    let common = a
        .chars()
        .zip(b.chars())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum::<usize>();
    let (ea, eb) = (&a[common..], &b[common..]);
    common >= 4 && ENDINGS.contains(&ea) && ENDINGS.contains(&eb)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_forms_of_a_word_are_not_misspellings() {
        assert!(inflected("democratic", "democrats"));
        assert!(inflected("americans", "american"));
        assert!(!inflected("mizintzev", "mizintsev"));
        assert!(!inflected("clintin", "clinton"));
    }

    #[test]
    fn edit_distance_counts_characters() {
        assert_eq!(edit_distance("mizintzev", "mizintsev"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("Zelenskyy", "Zelensky"), 1);
        assert_eq!(edit_distance("é", "e"), 1);
    }

    use crate::analysis::Analysis;
    use crate::check::testkit::{entity, TestCorpus};
    use crate::check::{check, CheckOptions};

    /// The misspelled-name findings on the person called `name` in `draft`.
    fn misspelled_in(
        corpus: &TestCorpus,
        draft: &str,
        name: &str,
        canonical: &str,
    ) -> Vec<(String, Option<String>)> {
        let analysis = Analysis {
            quotes: vec![],
            entities: vec![entity(draft, 0, canonical, &[name])],
        };
        check(draft, &analysis, corpus, &CheckOptions::default())
            .findings
            .into_iter()
            .filter(|f| f.code == FindingCode::MisspelledName)
            .map(|f| (f.span.slice(draft).to_string(), f.fix))
            .collect()
    }

    /// Against sources naming Brian Jones and Mikhail Mizintsev.
    fn misspelled(draft: &str, name: &str, canonical: &str) -> Vec<(String, Option<String>)> {
        let mut corpus = TestCorpus::default();
        corpus.add(
            "a.txt",
            "Brian Jones met Mikhail Mizintsev on Friday.",
            Analysis::default(),
        );
        corpus.person("Brian Jones", &["Jones"], &[]);
        corpus.person("Mikhail Mizintsev", &["Mizintsev"], &[]);
        misspelled_in(&corpus, draft, name, canonical)
    }

    #[test]
    fn a_near_miss_of_a_corpus_name_is_misspelled() {
        assert_eq!(
            misspelled("Mizintzev said so.", "Mizintzev", "Mizintzev"),
            vec![("Mizintzev".to_string(), Some("Mizintsev".to_string()))]
        );
        assert_eq!(
            misspelled("Bryan Jones said so.", "Bryan Jones", "Bryan Jones"),
            vec![("Bryan".to_string(), Some("Brian".to_string()))]
        );
    }

    /// Against sources naming Marcel Lazar and Lowell McAdam.
    fn misspelled_abroad(draft: &str, name: &str) -> Vec<(String, Option<String>)> {
        let mut corpus = TestCorpus::default();
        corpus.add(
            "b.txt",
            "Marcel Lazar pleaded guilty. Chief executive Lowell McAdam spoke.",
            Analysis::default(),
        );
        corpus.person("Marcel Lazar", &["Lazar"], &[]);
        corpus.person("Lowell McAdam", &["McAdam"], &[]);
        misspelled_in(&corpus, draft, name, name)
    }

    #[test]
    fn a_name_with_its_accents_or_a_form_of_address_is_not_misspelled() {
        // The sources write the Romanian name without its accent.
        assert!(misspelled_abroad("Marcel Lazăr said little.", "Marcel Lazăr").is_empty());
        // "Madam" is a form of address, not a misspelled "McAdam".
        assert!(misspelled_abroad("Clinton named Madam Secretary.", "Madam Secretary").is_empty());
        // A real slip in the same name is still found.
        assert_eq!(
            misspelled_abroad("Marcel Lazor said little.", "Marcel Lazor"),
            vec![("Lazor".to_string(), Some("Lazar".to_string()))]
        );
        assert_eq!(without_accents("lazăr"), "lazar");
        assert_eq!(without_accents("josé"), "jose");
    }

    #[test]
    fn another_person_with_a_close_first_name_is_not_misspelled() {
        assert!(misspelled("Bryan Smith said so.", "Bryan Smith", "Bryan Smith").is_empty());
        // Spelled as the corpus spells it: nothing.
        assert!(misspelled("Brian Jones said so.", "Brian Jones", "Brian Jones").is_empty());
    }

    #[test]
    fn short_names_are_never_near_misses() {
        assert_eq!(allowed_edits(4), 0);
        assert_eq!(allowed_edits(9), 2);
    }
}
