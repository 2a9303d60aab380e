//! Who spoke: the speaker a draft gives a quote, the speaker a source gives a passage,
//! and whether the two are the same person.
//!
//! Names are compared after resolution on both sides (the analysis resolves pronouns,
//! surnames and titles to entities; the corpus knows every entity's aliases; the
//! reporter's `[aliases]` add more). Two speakers are *different* only when both are
//! people known by name and no name of one is a part of a name of the other: when in
//! doubt they count as the same, so a misattribution is only reported when it is clear.

use crate::analysis::normalize::words;
use crate::analysis::{Analysis, EntityKind, MentionKind, Span};
use crate::index::{CorpusIndex, Location, Source};

use super::CheckOptions;

/// A speaker as the names they go by.
#[derive(Clone, Debug, PartialEq)]
pub struct Who {
    /// The name to show ("Mikhail Mizintsev").
    pub display: String,
    /// Every name known for them (canonical, aliases, the mention).
    pub names: Vec<String>,
    /// False for organisations and descriptions ("the ministry", "a senior official"):
    /// those are never compared.
    pub person: bool,
}

/// Words that are titles or honorifics, not names, when a name has to be read from a
/// mention such as "Secretary of State Mike Pompeo".
const NOT_NAME: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "sir",
    "dame",
    "lord",
    "lady",
    "gen",
    "general",
    "lt",
    "col",
    "colonel",
    "maj",
    "major",
    "capt",
    "captain",
    "adm",
    "admiral",
    "sgt",
    "president",
    "vice",
    "secretary",
    "minister",
    "prime",
    "foreign",
    "defense",
    "state",
    "interior",
    "finance",
    "justice",
    "sen",
    "senator",
    "rep",
    "representative",
    "gov",
    "governor",
    "chancellor",
    "ambassador",
    "deputy",
    "chief",
    "former",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "russian",
    "american",
    "us",
    "of",
    "the",
    "and",
    "rev",
    "pope",
    "king",
    "queen",
    "prince",
    "princess",
    "mayor",
    "judge",
    "justice",
    "attorney",
    "speaker",
    "leader",
    "commander",
    "official",
    "senior",
    "gen.",
    "mr.",
];

/// The name words of a name or mention: normalised, titles and lower-case words left
/// out ("Secretary of State Mike Pompeo" gives `["mike", "pompeo"]`).
pub fn name_words(name: &str) -> Vec<String> {
    words(name)
        .into_iter()
        .filter(|w| {
            w.span
                .slice(name)
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase())
        })
        .map(|w| w.norm)
        .filter(|n| !NOT_NAME.contains(&n.as_str()))
        .collect()
}

/// The speaker the draft gives quote `index` (or the quote it continues), with the
/// mention that names them there.
pub fn draft_speaker(analysis: &Analysis, index: usize) -> Option<(Who, crate::analysis::Speaker)> {
    // A continuation carries the speaker of the quote it continues.
    let mut i = index;
    loop {
        let q = analysis.quotes.get(i)?;
        if let Some(sp) = &q.speaker {
            return who_of(analysis, sp).map(|w| (w, sp.clone()));
        }
        if !q.continues_previous || i == 0 {
            return None;
        }
        i -= 1;
    }
}

/// The speaker a source gives to the words at `span`, with where it names them.
pub fn source_speaker(source: &Source, span: Span) -> Option<(Who, Location)> {
    let quotes = &source.analysis.quotes;
    let index = quotes.iter().position(|q| q.inner.overlaps(span))?;
    let mut i = index;
    loop {
        let q = &quotes[i];
        if let Some(sp) = &q.speaker {
            let mut who = who_of(&source.analysis, sp)?;
            // A speaker carried over from an earlier paragraph is a guess of the analysis:
            // shown, never compared.
            if sp.inherited {
                who.person = false;
            }
            return Some((
                who,
                Location {
                    source: source.id,
                    span: sp.mention,
                },
            ));
        }
        if !q.continues_previous || i == 0 {
            return None;
        }
        i -= 1;
    }
}

fn who_of(analysis: &Analysis, sp: &crate::analysis::Speaker) -> Option<Who> {
    if let Some(entity) = sp.entity.and_then(|id| analysis.entity(id)) {
        let mut names = vec![entity.canonical.clone()];
        names.extend(entity.aliases.iter().cloned());
        return Some(Who {
            display: entity.canonical.clone(),
            names,
            person: entity.kind == EntityKind::Person,
        });
    }
    // A name the analysis could not resolve to an entity may be an organisation or a
    // misreading: shown, never compared.
    match sp.kind {
        MentionKind::Name | MentionKind::TitledName if !name_words(&sp.mention_text).is_empty() => {
            Some(Who {
                display: sp.mention_text.clone(),
                names: vec![sp.mention_text.clone()],
                person: false,
            })
        }
        _ => None,
    }
}

/// Whether the source names `who` in the sentence that carries the words at `span`
/// (before the quotation or after it, up to the sentence's end: "Rubio fired back:
/// “...”", "“...,” Rubio said"): then the source may well give the words to them,
/// whatever its attribution says, and a misattribution would be doubtful.
pub fn named_near(who: &Who, source: &Source, span: Span) -> bool {
    let text: &str = &source.text;
    // The whole quotation the words are part of, marks included.
    let quote = source
        .analysis
        .quotes
        .iter()
        .find(|q| q.inner.overlaps(span))
        .map_or(span, |q| q.span);
    let before = text.get(..quote.start.min(text.len())).unwrap_or("");
    let sentence_start = before
        .char_indices()
        .rev()
        .take(400)
        .find(|&(i, c)| {
            c == '\n'
                || (matches!(c, '.' | '!' | '?')
                    && before[i + c.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_whitespace))
        })
        .map_or_else(
            || {
                before
                    .char_indices()
                    .rev()
                    .take(400)
                    .last()
                    .map_or(0, |(i, _)| i)
            },
            |(i, c)| i + c.len_utf8(),
        );
    let after = text.get(quote.end.min(text.len())..).unwrap_or("");
    let sentence_end = after
        .char_indices()
        .take(300)
        .find(|&(i, c)| {
            c == '\n'
                || (matches!(c, '.' | '!' | '?')
                    && after[i + c.len_utf8()..]
                        .chars()
                        .next()
                        .map_or(true, char::is_whitespace))
        })
        .map_or(after.len().min(300), |(i, _)| i);
    let after = after.get(..sentence_end).unwrap_or("");
    let surnames: Vec<String> = who
        .names
        .iter()
        .filter_map(|n| name_words(n).pop())
        .filter(|s| s.chars().count() >= 3)
        .collect();
    if surnames.is_empty() {
        return false;
    }
    let around = [before.get(sentence_start..).unwrap_or(""), after];
    around
        .iter()
        .any(|part| words(part).iter().any(|w| surnames.contains(&w.norm)))
}

/// Every name key `who` goes by, with what the corpus and the reporter's aliases add.
fn keys(who: &Who, corpus: &dyn CorpusIndex, options: &CheckOptions) -> Vec<Vec<String>> {
    let mut names: Vec<String> = who.names.clone();
    for n in &who.names {
        if let Some(canonical) = options.alias_of(n) {
            names.push(canonical.to_string());
        }
    }
    let mut extra = Vec::new();
    for n in &names {
        for e in corpus.entities_named(n) {
            extra.push(e.canonical.clone());
            extra.extend(e.aliases.iter().cloned());
        }
    }
    names.extend(extra);
    let mut out: Vec<Vec<String>> = names
        .iter()
        .map(|n| name_words(n))
        .filter(|k| !k.is_empty())
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Whether `a` and `b` are the same person: `Some(false)` only when both are people
/// known by name and none of their names overlaps; `None` when it cannot be told.
pub fn same_person(
    a: &Who,
    b: &Who,
    corpus: &dyn CorpusIndex,
    options: &CheckOptions,
) -> Option<bool> {
    if !a.person || !b.person {
        return None;
    }
    let ka = keys(a, corpus, options);
    let kb = keys(b, corpus, options);
    if ka.is_empty() || kb.is_empty() {
        return None;
    }
    let part_of = |x: &Vec<String>, y: &Vec<String>| x.iter().all(|w| y.contains(w));
    let same = ka
        .iter()
        .any(|x| kb.iter().any(|y| part_of(x, y) || part_of(y, x)));
    Some(same)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testkit::TestCorpus;

    fn who(names: &[&str]) -> Who {
        Who {
            display: names[0].to_string(),
            names: names.iter().map(|s| s.to_string()).collect(),
            person: true,
        }
    }

    #[test]
    fn titles_are_not_names() {
        assert_eq!(
            name_words("Secretary of State Mike Pompeo"),
            vec!["mike", "pompeo"]
        );
        assert_eq!(
            name_words("Gen. Mikhail Mizintsev"),
            vec!["mikhail", "mizintsev"]
        );
    }

    #[test]
    fn surname_and_full_name_are_the_same_person() {
        let corpus = TestCorpus::default();
        let o = CheckOptions::default();
        assert_eq!(
            same_person(&who(&["Pompeo"]), &who(&["Mike Pompeo"]), &corpus, &o),
            Some(true)
        );
        assert_eq!(
            same_person(
                &who(&["Secretary of State Mike Pompeo"]),
                &who(&["Mikhail Mizintsev"]),
                &corpus,
                &o
            ),
            Some(false)
        );
    }

    #[test]
    fn a_declared_alias_is_the_same_person() {
        let corpus = TestCorpus::default();
        let o = CheckOptions {
            aliases: vec![super::super::Alias {
                alias: "Misha".into(),
                canonical: "Mikhail Mizintsev".into(),
            }],
            ..CheckOptions::default()
        };
        assert_eq!(
            same_person(&who(&["Misha"]), &who(&["Mikhail Mizintsev"]), &corpus, &o),
            Some(true)
        );
    }

    #[test]
    fn organisations_are_never_compared() {
        let corpus = TestCorpus::default();
        let mut org = who(&["Russian Defense Ministry"]);
        org.person = false;
        assert_eq!(
            same_person(
                &org,
                &who(&["Mikhail Mizintsev"]),
                &corpus,
                &CheckOptions::default()
            ),
            None
        );
    }
}
