//! Speaker mentions at an attribution: the words that name who spoke ("Pompeo",
//! "Secretary of State Mike Pompeo", "he", "a senior official", "the influential US
//! daily"), how to find their edges next to a cue, and what kind of mention each is.
//!
//! Word lists here are about the grammar of attributions (determiners, titles,
//! adverbs that sit between a subject and its verb); the reporting verbs themselves are
//! in [`crate::analysis::cue`]. Resolving a mention to a person is [`crate::analysis::entity`]'s job.
//! The subject of a whole sentence is found by [`crate::analysis::sentence_subject`].

use crate::analysis::cue::{cue_strength, CueStrength};
use crate::analysis::cue_tokens::Tok;
use crate::analysis::entity::MentionKind;
use crate::analysis::lower::LowerExt;
use crate::analysis::span::Span;

pub(crate) use crate::analysis::lexicon::mention_lists::*;
pub(crate) use crate::analysis::sentence_subject::{dateline_end, sentence_subject};
use crate::analysis::sentence_subject::{is_connective, is_sentence_adverb};

/// Longest mention, in words.
pub(crate) const MAX_MENTION_WORDS: usize = 16;

pub(crate) fn capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

pub(crate) fn is_number(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_ascii_digit())
}

/// A lower-case word that reads as a verb ("adopted", "responded").
fn looks_verbal(w: &str) -> bool {
    !capitalised(w) && w.len() > 4 && w.ends_with("ed")
}

/// Determiners, possessives and quantifiers that can open a noun phrase.
pub(crate) fn is_determiner(w: &str) -> bool {
    matches!(
        w.lower().as_str(),
        "the"
            | "a"
            | "an"
            | "his"
            | "her"
            | "their"
            | "its"
            | "our"
            | "my"
            | "your"
            | "this"
            | "these"
            | "those"
            | "one"
            | "some"
            | "many"
            | "several"
            | "both"
            | "all"
            | "most"
            | "other"
            | "another"
            | "two"
            | "three"
            | "four"
            | "five"
            | "few"
            | "each"
            | "every"
            | "any"
            | "such"
            | "more"
    )
}

/// The noun phrase that starts at token `j`, as (first, last) token indices.
pub(crate) fn np_forward(prose: &str, toks: &[Tok], j: usize) -> Option<(usize, usize)> {
    let t = toks.get(j).filter(|t| t.is_word())?;
    let w = t.text(prose);
    let lw = w.lower();
    if is_pronoun(w) {
        return Some((j, j));
    }
    if !(capitalised(w)
        || is_determiner(w)
        || is_person_noun(&lw)
        || is_title_word(&lw)
        || is_number(w))
    {
        return None;
    }
    if is_boundary_word(w) && !is_determiner(w) {
        return None;
    }
    let mut seen_cap = capitalised(w) && !is_determiner(w);
    let mut last = j;
    let mut k = j + 1;
    let mut words = 1;
    while k < toks.len() && words < MAX_MENTION_WORDS {
        let t = &toks[k];
        if !t.is_word() {
            if t.is_punct('&') || t.is_punct('-') {
                k += 1;
                continue;
            }
            break;
        }
        let w = t.text(prose);
        let lw = w.lower();
        if capitalised(w) && !is_boundary_word(w) && cue_strength(w).is_none() && !is_pronoun(w) {
            seen_cap = true;
            last = k;
        } else if is_name_joiner(&lw) || lw == "for" {
            // only inside a name: kept if a name part follows
        } else if is_title_word(&lw) || is_person_noun(&lw) {
            last = k;
        } else if seen_cap && modifies_a_title(prose, toks, k) {
            // "Democratic presidential candidate Bernie Sanders": a lower-case
            // adjective between a name's modifier and the title it qualifies.
        } else if !seen_cap
            && words < 5
            && !is_boundary_word(w)
            && !is_skip_word(w)
            && cue_strength(w).is_none()
            && !looks_verbal(w)
            && !is_pronoun(w)
        {
            // "Her economic plan", "the influential US daily".
            last = k;
        } else {
            break;
        }
        words += 1;
        k += 1;
    }
    Some((j, last))
}

/// Whether the lower-case word at `k` is an adjective ("presidential", "national")
/// that, perhaps with one more, leads to a title or a noun for people.
fn modifies_a_title(prose: &str, toks: &[Tok], k: usize) -> bool {
    let adjectival = |t: &Tok| {
        let w = t.text(prose);
        t.is_word()
            && !capitalised(w)
            && w.len() > 4
            && ["al", "ic", "ive", "ary", "ian", "ish", "ese"]
                .iter()
                .any(|s| w.ends_with(s))
            && !is_boundary_word(w)
            && !is_skip_word(w)
            && cue_strength(w).is_none()
    };
    if !toks.get(k).is_some_and(adjectival) {
        return false;
    }
    let leads = |t: &Tok| {
        let lw = t.text(prose).lower();
        t.is_word() && (is_title_word(&lw) || is_person_noun(&lw))
    };
    match toks.get(k + 1) {
        Some(n) if leads(n) => true,
        Some(n) if adjectival(n) => toks.get(k + 2).is_some_and(leads),
        _ => false,
    }
}

/// A time or a date rather than a speaker: "Tuesday", "July", "2006", "a few days",
/// "the 1960s", "a 2011 tweet".
fn is_time_phrase(words: &[&str]) -> bool {
    let Some(last) = words.last() else {
        return false;
    };
    let mut buf = [0u8; 40];
    let folded = crate::analysis::lexicon::fold(last, &mut buf).unwrap_or("");
    let year = |w: &str| {
        let digits = w.trim_end_matches('s');
        digits.len() == 4
            && digits.chars().all(|c| c.is_ascii_digit())
            && (digits.starts_with("19") || digits.starts_with("20"))
    };
    // A month or a day in full ("Tuesday", not "Sun" or "Jan"), with no other name
    // ("the Women's March" is one).
    let other_name = words[..words.len() - 1]
        .iter()
        .any(|w| capitalised(w) && !is_determiner(w));
    let date = crate::analysis::lexicon::is_month_or_day(folded)
        && (folded.len() >= 5 || matches!(folded, "june" | "july"))
        && !other_name;
    if date
        || !capitalised(last)
            && matches!(
                folded,
                "day"
                    | "days"
                    | "week"
                    | "weeks"
                    | "month"
                    | "months"
                    | "year"
                    | "years"
                    | "hour"
                    | "hours"
                    | "minute"
                    | "minutes"
                    | "night"
                    | "nights"
                    | "morning"
                    | "afternoon"
                    | "evening"
                    | "weekend"
                    | "decade"
                    | "decades"
            )
    {
        return true;
    }
    // "a 2011 tweet": a year and no name.
    words.iter().any(|w| year(w))
        && !words
            .iter()
            .any(|w| capitalised(w) && !is_determiner(w) && !year(w))
}

/// Whether these tokens read as the name or description of a speaker.
pub(crate) fn is_valid_mention(prose: &str, toks: &[Tok]) -> bool {
    let words: Vec<&str> = toks
        .iter()
        .filter(|t| t.is_word())
        .map(|t| t.text(prose))
        .collect();
    let (Some(first), Some(last)) = (words.first(), words.last()) else {
        return false;
    };
    if words.len() > MAX_MENTION_WORDS {
        return false;
    }
    if words.len() == 1 && is_pronoun(first) {
        return true;
    }
    if is_time_phrase(&words) {
        return false;
    }
    let lf = first.lower();
    if (is_boundary_word(first) && !is_determiner(first)) || is_leading_junk(first) {
        return false;
    }
    if !capitalised(first) && cue_strength(first).is_some() {
        return false;
    }
    let ll = last.lower();
    // "Trump’s" alone, "I'm", "That's": not a speaker.
    let apostrophe = |w: &str| {
        w.find(['\'', '’'])
            .map(|i| (w[..i].to_string(), w[i..].chars().count()))
    };
    if let Some((_, tail)) = apostrophe(&ll) {
        if tail <= 2 {
            return false;
        }
    }
    if let Some((stem, _)) = apostrophe(&lf) {
        if is_pronoun(&stem)
            || matches!(
                stem.as_str(),
                "that" | "there" | "here" | "what" | "who" | "it" | "i" | "let"
            )
        {
            return false;
        }
    }
    if is_leading_junk(last)
        || (words.len() > 1 && is_determiner(last) && !capitalised(last))
        || looks_verbal(last)
    {
        return false;
    }
    if words
        .iter()
        .any(|w| !capitalised(w) && cue_strength(w) == Some(CueStrength::Strong))
    {
        return false;
    }
    // ("federal prosecutors wrote": a lower-case modifier before a noun for people.)
    capitalised(first)
        || is_determiner(first)
        || is_person_noun(&lf)
        || is_title_word(&lf)
        || is_number(first)
        || words.len() <= 3 && is_person_noun(&ll) && !is_pronoun(first)
}

/// Whether a mention names a person or an organisation (a pronoun, a name, a title),
/// rather than a thing ("the so-called", "the promise").
pub(crate) fn is_person_like(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() == 1 && is_pronoun(words[0]) {
        return !words[0].eq_ignore_ascii_case("it") && !words[0].eq_ignore_ascii_case("one");
    }
    words.iter().enumerate().any(|(i, w)| {
        let lw = w.lower();
        (capitalised(w) && !(i == 0 && is_determiner(w)))
            || is_title_word(&lw)
            || is_person_noun(&lw)
    })
}

/// The mention that ends right before the cue at `k`, not reaching before `from`.
pub(crate) fn mention_before(prose: &str, toks: &[Tok], from: usize, k: usize) -> Option<Span> {
    // "Jason Chaffetz (R-Utah) said": the name before the party and state, which the
    // mention keeps.
    let mut j = k;
    while j > from && toks[j - 1].is_word() && is_skip_word(toks[j - 1].text(prose)) {
        j -= 1;
    }
    if let Some(last) = j
        .checked_sub(1)
        .filter(|&l| l > from && toks[l].is_punct(')'))
    {
        let open = (from..last)
            .rev()
            .take(6)
            .find(|&o| toks[o].is_punct('('))?;
        let name = mention_before_name(prose, toks, from, open)?;
        return (name.end <= toks[open].span.start)
            .then(|| Span::new(name.start, toks[last].span.end));
    }
    mention_before_name(prose, toks, from, k)
}

/// [`mention_before`] without a parenthesis at its end.
fn mention_before_name(prose: &str, toks: &[Tok], from: usize, k: usize) -> Option<Span> {
    let mut j = k;
    // Skip adverbs and auxiliaries between mention and cue ("has also said").
    while j > from && toks[j - 1].is_word() && is_skip_word(toks[j - 1].text(prose)) {
        j -= 1;
    }
    let last = j.checked_sub(1)?;
    if last < from {
        return None;
    }
    if !toks[last].is_word() {
        return None;
    }
    let lw = toks[last].text(prose);
    if is_pronoun(lw) {
        // "and let them know that": an object pronoun before a verb is not its subject.
        if matches!(lw.lower().as_str(), "him" | "her" | "them" | "us") {
            return None;
        }
        return Some(toks[last].span);
    }
    // "He’s claiming", "She's said": the pronoun of a contracted "is" or "has".
    if let Some(pronoun) = lw
        .strip_suffix("’s")
        .or_else(|| lw.strip_suffix("'s"))
        .filter(|p| is_pronoun(p))
    {
        let start = toks[last].span.start;
        return Some(Span::new(start, start + pronoun.len()));
    }
    if is_boundary_word(lw) || is_leading_junk(lw) {
        return None;
    }
    let mut first = last;
    let mut words = 1;
    let mut depth = 0usize; // inside "(Tex.)"
    while first > from && words < MAX_MENTION_WORDS {
        let t = &toks[first - 1];
        if t.is_word() {
            let w = t.text(prose);
            // ("As one employee told": "one" before a noun is a determiner.)
            let determiner_one = w.eq_ignore_ascii_case("one");
            if depth == 0
                && (is_boundary_word(w)
                    || (is_pronoun(w) && !determiner_one)
                    || cue_strength(w) == Some(CueStrength::Strong)
                    || looks_verbal(w))
            {
                break;
            }
            words += 1;
            first -= 1;
        } else if t.is_punct(')') {
            depth += 1;
            first -= 1;
        } else if t.is_punct('(') && depth > 0 {
            depth -= 1;
            first -= 1;
        } else if depth > 0
            || t.is_punct('&')
            || t.is_punct('-')
            || (t.is_punct(',') && apposition_continues(prose, toks, from, first - 1))
        {
            first -= 1;
        } else {
            break;
        }
    }
    // ("WASHINGTON -- President Obama, ...": the dateline is no part of the mention.)
    let dateline = dateline_end(prose, &toks[first..=last]);
    if dateline > 0 && first + dateline <= last {
        first += dateline;
    }
    // Drop leading words that cannot open a mention ("adopted a fake accent and").
    while first < last {
        let t = &toks[first];
        let w = t.text(prose);
        let lw = w.lower();
        let opener = t.is_word()
            && (capitalised(w)
                || is_determiner(w)
                || is_person_noun(&lw)
                || is_title_word(&lw)
                || is_number(w))
            && !is_leading_junk(w)
            && !is_sentence_adverb(w);
        if opener {
            break;
        }
        first += 1;
    }
    is_valid_mention(prose, &toks[first..=last])
        .then(|| Span::new(toks[first].span.start, toks[last].span.end))
}

/// The mention before a parenthetical that ends with the comma at `comma`:
/// `Trump, who has a commanding lead in delegates, [said]`, `Senate Majority Leader
/// Mitch McConnell, R-Ky., [said]`, `Hunter, meanwhile, [told]`. The aside opens with
/// a relative pronoun, a description or name (an apposition), or is one adverb.
pub(crate) fn mention_before_aside(
    prose: &str,
    toks: &[Tok],
    from: usize,
    comma: usize,
) -> Option<Span> {
    let lowest = comma.saturating_sub(30).max(from);
    let mut c0 = comma;
    while c0 > lowest {
        c0 -= 1;
        let t = &toks[c0];
        if t.ends_sentence(prose) {
            return None;
        }
        if !t.is_punct(',') {
            continue;
        }
        let Some(next) = toks.get(c0 + 1).filter(|t| t.is_word()) else {
            continue;
        };
        let n = next.text(prose);
        let ln = n.lower();
        let one_word = c0 + 2 == comma;
        // ("Clinton, during a town hall in Columbus, Ohio, said": a phrase of time or
        // place.)
        let opener = matches!(
            ln.as_str(),
            "who" | "whose" | "which" | "during" | "in" | "at" | "after" | "speaking"
        ) || (one_word && (is_skip_word(n) || is_connective(n) || looks_verbal(n)))
            // "President Obama, dedicating the museum on Saturday, said".
            || (!capitalised(n) && ln.len() > 5 && ln.ends_with("ing"))
            || ((is_determiner(n) || is_title_word(&ln) || is_number(n) || capitalised(n))
                && !is_boundary_word(n)
                && !is_pronoun(n));
        if !opener {
            continue;
        }
        if let Some(m) = mention_before(prose, toks, from, c0) {
            // ("in Columbus, Ohio,": a place inside the aside, not its subject.)
            // ("Alarmed by the unrest in Nevada, Senator Harry Reid, [said]": the
            // name after the place is the subject.)
            if object_of_place(prose, toks, from, m) {
                match after_place(prose, m) {
                    Some(rest) => return Some(rest),
                    None => continue,
                }
            }
            // "The mayor's chief of staff, Dana Ortiz, [said]": a name in apposition to
            // a description is who the description is; the mention runs over both.
            let aside = &toks[c0 + 1..comma];
            let aside_is_name = aside.iter().all(|t| {
                t.is_word() && capitalised(t.text(prose)) && !is_determiner(t.text(prose))
                    || t.is_punct('.')
            }) && (2..=4)
                .contains(&aside.iter().filter(|t| t.is_word()).count());
            let description = !toks
                .iter()
                .filter(|t| t.is_word() && m.contains_span(t.span))
                .enumerate()
                .any(|(i, t)| {
                    let w = t.text(prose);
                    capitalised(w) && !(i == 0 && is_determiner(w))
                });
            if aside_is_name && description {
                return Some(Span::new(m.start, toks[comma - 1].span.end));
            }
            return Some(m);
        }
    }
    None
}

/// Whether the mention `m` is the object of a preposition of place ("in Columbus").
pub(crate) fn object_of_place(prose: &str, toks: &[Tok], from: usize, m: Span) -> bool {
    toks.iter()
        .position(|t| t.span.start >= m.start)
        .and_then(|first| first.checked_sub(1))
        .filter(|&p| p >= from && toks[p].is_word())
        .is_some_and(|p| {
            matches!(
                toks[p].text(prose).lower().as_str(),
                "in" | "at" | "from" | "on" | "near" | "outside" | "inside" | "across" | "to"
            )
        })
}

/// In a mention that runs from a place over a comma ("Nevada, Senator Harry Reid"),
/// what follows the place, unless that is the place's state ("Columbus, Ohio").
fn after_place(prose: &str, m: Span) -> Option<Span> {
    let text = m.slice(prose);
    let comma = text.find(',')?;
    let rest = text[comma + 1..].trim_start();
    let start = m.end - rest.len();
    let state = crate::analysis::office::is_us_state(rest.trim_end_matches([',', '.']));
    (!rest.is_empty() && !state && capitalised(rest)).then(|| Span::new(start, m.end))
}

/// Before a comma inside a mention: keep walking when the comma sits inside
/// "Name, title," or "title, Name," (the word before it is capitalised).
fn apposition_continues(prose: &str, toks: &[Tok], from: usize, comma: usize) -> bool {
    let Some(prev) = comma.checked_sub(1).filter(|&p| p >= from) else {
        return false;
    };
    let w = toks[prev].text(prose);
    let mut buf = [0u8; 40];
    // ("In a statement Tuesday, Judicial Watch President Tom Fitton": a date, not a
    // name, before the comma.)
    let date = crate::analysis::lexicon::fold(w, &mut buf)
        .is_some_and(crate::analysis::lexicon::is_month_or_day);
    toks[prev].is_word()
        && capitalised(w)
        && !date
        && !is_boundary_word(w)
        && toks[from..comma].iter().filter(|t| t.is_punct(',')).count() <= 2
}

/// The mention that starts after the cue (`said Pompeo`, `according to the ministry`).
pub(crate) fn mention_after(prose: &str, toks: &[Tok], from: usize) -> Option<Span> {
    let mut j = from;
    while j < toks.len() && toks[j].is_word() && is_skip_word(toks[j].text(prose)) {
        j += 1;
    }
    let first = j;
    let t = toks.get(first).filter(|t| t.is_word())?;
    if is_pronoun(t.text(prose)) {
        return Some(t.span);
    }
    let mut last = first;
    let mut words = 1;
    while last + 1 < toks.len() && words < MAX_MENTION_WORDS {
        let t = &toks[last + 1];
        if !t.is_word() && !t.is_punct('&') {
            break;
        }
        let w = t.text(prose);
        if is_boundary_word(w) || is_after_stop(w) || cue_strength(w).is_some() {
            break;
        }
        words += 1;
        last += 1;
    }
    // Do not end on a joiner ("the secretary of").
    while last > first && is_leading_junk(toks[last].text(prose)) {
        last -= 1;
    }
    if is_valid_mention(prose, &toks[first..=last]) {
        return Some(Span::new(toks[first].span.start, toks[last].span.end));
    }
    // `said retired Army Lt. Gen. Mick Bednarek`, `said election lawyer Joe
    // Birkenstock`: lower-case modifiers before a name. The name is the mention.
    let named = (first + 1..=last).find(|&j| {
        let w = toks[j].text(prose);
        toks[j].is_word() && (capitalised(w) || is_title_word(&w.lower()))
    })?;
    let modifiers_only = toks[first..named].iter().all(|t| {
        let w = t.text(prose);
        t.is_word()
            && !capitalised(w)
            && !is_clause_word(w)
            && !is_determiner(w)
            && cue_strength(w).is_none()
    });
    (modifiers_only && named - first <= 3 && is_valid_mention(prose, &toks[named..=last]))
        .then(|| Span::new(toks[named].span.start, toks[last].span.end))
}

/// Classify a mention by its words.
pub fn mention_kind(text: &str) -> MentionKind {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() == 1 && (is_pronoun(words[0]) || words[0].eq_ignore_ascii_case("who")) {
        return MentionKind::Pronoun;
    }
    let capitalised = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
    let has_title = words.iter().any(|w| is_title_word(&w.lower()));
    let last_cap = words
        .last()
        .is_some_and(|w| capitalised(w) && !is_title_word(&w.lower()));
    let all_cap = words.iter().all(|w| capitalised(w) || is_name_joiner(w));
    if all_cap && !has_title {
        if words
            .first()
            .is_some_and(|w| matches!(w.lower().as_str(), "the" | "a" | "an"))
        {
            return MentionKind::Description;
        }
        return MentionKind::Name;
    }
    if has_title && last_cap {
        return MentionKind::TitledName;
    }
    let indefinite = words.first().is_some_and(|w| {
        matches!(
            w.lower().as_str(),
            "a" | "an" | "one" | "two" | "three" | "some" | "several"
        )
    });
    if has_title && words.len() <= 4 && !indefinite {
        return MentionKind::Title;
    }
    if last_cap
        && words.len() <= 4
        && words.iter().filter(|w| capitalised(w)).count() >= 1
        && !words
            .iter()
            .any(|w| matches!(w.lower().as_str(), "the" | "a" | "an"))
    {
        return MentionKind::Name;
    }
    MentionKind::Description
}
