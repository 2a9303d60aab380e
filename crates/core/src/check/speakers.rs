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

use super::report::SpeakerBasis;
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
/// mention that names them there and the quote that carries that speaker.
pub fn draft_speaker(
    analysis: &Analysis,
    index: usize,
) -> Option<(Who, crate::analysis::Speaker, usize)> {
    // A continuation carries the speaker of the quote it continues.
    let mut i = index;
    loop {
        let q = analysis.quotes.get(i)?;
        if let Some(sp) = &q.speaker {
            return who_of(analysis, sp).map(|w| (w, sp.clone(), i));
        }
        if !q.continues_previous || i == 0 {
            return None;
        }
        i -= 1;
    }
}

/// The speaker a source gives to the words at `span`, with where it names them and how
/// sure the source is: only when those words are inside one of the source's quotations
/// (narrative never makes anyone the speaker).
pub fn source_speaker(source: &Source, span: Span) -> Option<(Who, Location, SpeakerBasis)> {
    let quotes = &source.analysis.quotes;
    let index = quotation_at(&source.analysis, span)?;
    let mut i = index;
    loop {
        let q = &quotes[i];
        if let Some(sp) = &q.speaker {
            let who = who_of(&source.analysis, sp)?;
            let basis = speaker_basis(&source.analysis, &source.text, i);
            return Some((
                who,
                Location {
                    source: source.id,
                    span: sp.mention,
                },
                basis,
            ));
        }
        if !q.continues_previous || i == 0 {
            return None;
        }
        i -= 1;
    }
}

/// Share of a source stretch that must lie inside quotations for the stretch to count
/// as quoted (the rest: the attribution between two parts of a split quote).
const QUOTED_SHARE: f32 = 0.8;

/// The quotation of `analysis` that holds the words at `span`: the quote with the most
/// of them, when the quotations together hold most of the stretch (a stretch of
/// narrative that merely touches a quote is not quoted).
pub fn quotation_at(analysis: &Analysis, span: Span) -> Option<usize> {
    let len = span.end.saturating_sub(span.start);
    if len == 0 {
        return None;
    }
    let overlap = |inner: Span| {
        span.end
            .min(inner.end)
            .saturating_sub(span.start.max(inner.start))
    };
    let mut inside = 0;
    let mut best: Option<(usize, usize)> = None;
    for (i, q) in analysis.quotes.iter().enumerate() {
        let o = overlap(q.inner);
        if o == 0 {
            continue;
        }
        inside += o;
        if best.map_or(true, |(_, b)| o > b) {
            best = Some((i, o));
        }
    }
    (inside as f32 >= QUOTED_SHARE * len as f32)
        .then_some(best.map(|(i, _)| i))
        .flatten()
}

/// How the text makes the speaker of quote `index` its speaker (see [`SpeakerBasis`]).
/// The same reading on the draft side and the source side.
pub fn speaker_basis(analysis: &Analysis, text: &str, index: usize) -> SpeakerBasis {
    let Some(q) = analysis.quotes.get(index) else {
        return SpeakerBasis::Guessed;
    };
    let Some(sp) = &q.speaker else {
        return SpeakerBasis::Guessed;
    };
    if !sp.inherited {
        return own_basis(analysis, text, sp);
    }
    // The quote whose own attribution this one carries on.
    let Some(j) = (0..index).rev().find(|&j| {
        analysis.quotes[j]
            .speaker
            .as_ref()
            .is_some_and(|s| !s.inherited && s.mention == sp.mention)
    }) else {
        return SpeakerBasis::Guessed;
    };
    if !own_basis(analysis, text, sp).confident() {
        return SpeakerBasis::Guessed;
    }
    let from = analysis.quotes[j].span.end.max(sp.mention.end);
    let gap = Span::new(from.min(q.span.start), q.span.start);
    let between = text.get(gap.start..gap.end).unwrap_or("");
    if paragraph_breaks(between) > 1 || others_named(analysis, gap, sp.entity) {
        return SpeakerBasis::Guessed;
    }
    SpeakerBasis::Continued
}

/// The basis of an attribution of the quote's own.
fn own_basis(analysis: &Analysis, text: &str, sp: &crate::analysis::Speaker) -> SpeakerBasis {
    match sp.kind {
        MentionKind::Name | MentionKind::TitledName => SpeakerBasis::Named,
        MentionKind::Pronoun | MentionKind::Title => {
            let Some(entity) = sp.entity else {
                return SpeakerBasis::Guessed;
            };
            let at = sp.mention.start.min(text.len());
            let para = paragraph_start(text, at);
            let mut last = last_named(analysis, Span::new(para, at));
            // The paragraph before, past the blank lines between.
            let end_before = text.get(..para).map_or(0, |t| t.trim_end().len());
            if last.is_none() && end_before > 0 {
                let before = paragraph_start(text, end_before);
                last = last_named(analysis, Span::new(before, at));
            }
            // The person named last, and nobody else named from the start of that
            // sentence to the pronoun ("Calderon said Trump could succeed Barack Obama.
            // “...,” he said." is a guess).
            match last {
                Some((id, named_at)) if id == entity => {
                    let from = sentence_start(text, named_at);
                    if people_named(analysis, Span::new(from, at)) == [entity] {
                        SpeakerBasis::Resolved
                    } else {
                        SpeakerBasis::Guessed
                    }
                }
                _ => SpeakerBasis::Guessed,
            }
        }
        MentionKind::Description => SpeakerBasis::Guessed,
    }
}

/// Where the paragraph holding byte `at` starts (after the last line break before it).
fn paragraph_start(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// How many paragraph breaks (runs of spacing holding a line break) `text` has.
fn paragraph_breaks(text: &str) -> usize {
    let mut breaks = 0;
    let mut in_break = false;
    for c in text.chars() {
        if c == '\n' {
            if !in_break {
                breaks += 1;
                in_break = true;
            }
        } else if !c.is_whitespace() {
            in_break = false;
        }
    }
    breaks
}

/// The people the text names (by name, not pronoun) inside `span`, each once.
fn people_named(analysis: &Analysis, span: Span) -> Vec<crate::analysis::EntityId> {
    let mut out = Vec::new();
    for e in &analysis.entities {
        if e.kind != EntityKind::Person || out.contains(&e.id) {
            continue;
        }
        if names_within(e, span).next().is_some() {
            out.push(e.id);
        }
    }
    out
}

/// The mentions by name of `entity` that lie inside `span`, in text order. An entity's
/// mentions are in text order, so only those starting inside `span` are looked at: a
/// draft naming one person thousands of times is not read through for each quote.
fn names_within(
    entity: &crate::analysis::Entity,
    span: Span,
) -> impl Iterator<Item = &crate::analysis::Mention> {
    let from = entity
        .mentions
        .partition_point(|m| m.span.start < span.start);
    entity.mentions[from..]
        .iter()
        .take_while(move |m| m.span.start <= span.end)
        .filter(move |m| {
            matches!(m.kind, MentionKind::Name | MentionKind::TitledName) && m.span.end <= span.end
        })
}

/// Where the sentence holding byte `at` starts: after the last full stop, question or
/// exclamation mark followed by a space or a capital (sentences run together in scraped
/// text), or the last line break.
fn sentence_start(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let before = &text[..at];
    for (i, c) in before.char_indices().rev() {
        if c == '\n' {
            return i + 1;
        }
        if matches!(c, '.' | '?' | '!') {
            let next = before[i + 1..].chars().next();
            if next.is_some_and(|n| n.is_whitespace() || n.is_uppercase()) {
                return i + 1;
            }
        }
    }
    0
}

/// The person the text names (by name) last inside `span`, with where.
fn last_named(analysis: &Analysis, span: Span) -> Option<(crate::analysis::EntityId, usize)> {
    analysis
        .entities
        .iter()
        .filter(|e| e.kind == EntityKind::Person)
        .flat_map(|e| names_within(e, span).map(move |m| (m.span.start, e.id)))
        .max_by_key(|(start, _)| *start)
        .map(|(start, id)| (id, start))
}

/// Whether someone other than `except` is named inside `span`.
fn others_named(
    analysis: &Analysis,
    span: Span,
    except: Option<crate::analysis::EntityId>,
) -> bool {
    people_named(analysis, span)
        .into_iter()
        .any(|id| Some(id) != except)
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
    named_near_in(who, &source.text, &source.analysis, span)
}

/// [`named_near`] in any analysed text: a draft that names, in the sentence of its
/// quote, the person the sources give the quote to is not contradicted by them (the
/// reporter knows who is involved; "Clinton, at a town hall in Columbus, said she was
/// “going to ...”" is Clinton's quote whoever the analysis made the speaker).
pub fn named_near_in(who: &Who, text: &str, analysis: &Analysis, span: Span) -> bool {
    // The whole quotation the words are part of, marks included.
    let quote = analysis
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
    let around = [before.get(sentence_start..).unwrap_or(""), after];
    around.iter().any(|part| names_surname_of(who, part))
}

/// Whether `text` has the surname of `who` as a word ("quoting Comey's statement" names
/// Comey).
fn names_surname_of(who: &Who, text: &str) -> bool {
    let surnames: Vec<String> = who
        .names
        .iter()
        .filter_map(|n| name_words(n).pop())
        .filter(|s| s.chars().count() >= 3)
        .collect();
    !surnames.is_empty()
        && words(text).iter().any(|w| {
            let bare = w.norm.trim_end_matches("'s").trim_end_matches('\u{2019}');
            surnames.iter().any(|s| s == &w.norm || s == bare)
        })
}

/// Whether `text` names `who` in the paragraph holding `span`, up to it, or in the
/// paragraph before. A continuation quote carries on the speaker of the quote before
/// it; when the person another text gives it to is named that close, the voice may
/// have changed in between (a moderator reading out a candidate's words: "Romney also
/// listed Trump's personal qualities, which the moderator rattled off. “The bullying,”
/// Chris Wallace said. “The greed. ...”"), and the continuation contradicts nobody.
pub fn named_in_paragraph_or_before(who: &Who, text: &str, span: Span) -> bool {
    let at = span.start.min(text.len());
    let para = paragraph_start(text, at);
    let end_before = text.get(..para).map_or(0, |t| t.trim_end().len());
    let from = if end_before > 0 {
        paragraph_start(text, end_before)
    } else {
        para
    };
    text.get(from..at).is_some_and(|t| names_surname_of(who, t))
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
        .map(|n| {
            name_words(n)
                .iter()
                .map(|w| unaccented(w))
                .collect::<Vec<_>>()
        })
        .filter(|k| !k.is_empty())
        .collect();
    out.sort();
    out.dedup();
    out
}

/// A name word without its accents ("calderón" is "calderon"): reporters and outlets
/// differ in keeping them.
fn unaccented(word: &str) -> String {
    word.chars()
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
            'ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ñ' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ý' | 'ÿ' => 'y',
            other => other,
        })
        .collect()
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
