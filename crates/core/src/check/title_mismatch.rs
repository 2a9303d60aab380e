//! `title-mismatch`: the draft gives a person a title the sources contradict ("Foreign
//! Minister Sergei Shoigu" where every source says Defense Minister).
//!
//! Which titles name the same office, and which contradict each other, is the analysis's
//! knowledge ([`crate::analysis::office`]); this module only compares a draft person's
//! titles with the corpus's, conservatively: a draft title is reported only when some
//! source title clearly conflicts with it and none names the same office.

use crate::analysis::office::{conflicts, same_office};
use crate::analysis::{Entity, Span, TitleMention};
use crate::index::{CorpusEntity, CorpusIndex, CorpusTitle};

use super::evidence;
use super::{Finding, FindingCode};

/// Push a `title-mismatch` finding for each title the draft gives `entity` that the
/// sources' titles for `known` (the corpus entity it is) contradict. Depends on the
/// entity's name and titles, the three words before each title (see [`fix_text`]) and
/// whether its sentence names a year ([`is_about_a_year`]).
pub fn check_entity_titles(
    draft: &str,
    entity: &Entity,
    known: &CorpusEntity,
    corpus: &dyn CorpusIndex,
    findings: &mut Vec<Finding>,
) {
    let source_titles = &known.titles;
    if source_titles.is_empty() {
        return;
    }
    for title in &entity.titles {
        if let Some(f) = judge(draft, &entity.canonical, title, source_titles, corpus) {
            findings.push(f);
        }
    }
}

/// The words before `span` that [`fix_text`] looks at (part of what a title finding
/// depends on).
pub fn words_before(draft: &str, span: Span) -> Vec<&str> {
    let before = draft.get(..span.start).unwrap_or("");
    before.split_whitespace().rev().take(3).collect()
}

fn judge(
    draft: &str,
    name: &str,
    title: &TitleMention,
    source_titles: &[CorpusTitle],
    corpus: &dyn CorpusIndex,
) -> Option<Finding> {
    if source_titles
        .iter()
        .any(|t| same_office(&title.text, &t.text))
    {
        return None;
    }
    if is_about_a_year(draft, title.span) {
        return None;
    }
    let against: Vec<&CorpusTitle> = source_titles
        .iter()
        .filter(|t| conflicts(&title.text, &t.text))
        .collect();
    let right = against.first()?;
    let locations: Vec<_> = against.iter().map(|t| t.location).collect();
    Some(Finding {
        code: FindingCode::TitleMismatch,
        severity: FindingCode::TitleMismatch.default_severity(),
        span: title.span,
        message: format!(
            "the sources call {name} {} ({}), not {}",
            right.text,
            evidence::places(corpus, &locations),
            title.text
        ),
        evidence: locations,
        fix: Some(fix_text(draft, title.span, &right.text)),
        key: title.text.clone(),
        quote: None,
    })
}

/// The sentence of `text` that holds `span`: from the end of the sentence before (a
/// full stop, question or exclamation mark after a word of four letters or more, so
/// not "Sen." or "Mr.", then a space) or the line break before, to the same after.
fn sentence_around(text: &str, span: Span) -> &str {
    let ends_sentence = |before: &str| {
        let word = before
            .trim_end_matches(['.', '!', '?'])
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        before.ends_with(['.', '!', '?']) && word.chars().count() >= 4
    };
    let start = span.start.min(text.len());
    let end = span.end.clamp(start, text.len());
    let mut from = 0;
    for (i, c) in text[..start].char_indices().rev() {
        if c == '\n' || (c == ' ' && ends_sentence(&text[..i])) {
            from = i + 1;
            break;
        }
    }
    let mut to = text.len();
    for (i, c) in text[end..].char_indices() {
        if c == '\n' || (c == ' ' && ends_sentence(&text[..end + i])) {
            to = end + i;
            break;
        }
    }
    text.get(from..to).unwrap_or("")
}

/// Whether the title at `span` is in a sentence about a given year, where it is what the
/// person was then and is not compared ("the attacks on Senator John Kerry that thwarted
/// his candidacy in 2004"). Part of what a title finding depends on.
pub fn is_about_a_year(draft: &str, span: Span) -> bool {
    names_a_year(sentence_around(draft, span))
}

/// Whether `sentence` names a year (1900 to 2099) as a word of its own.
fn names_a_year(sentence: &str) -> bool {
    sentence.split(|c: char| !c.is_alphanumeric()).any(|w| {
        w.len() == 4
            && (w.starts_with("19") || w.starts_with("20"))
            && w.bytes().all(|b| b.is_ascii_digit())
    })
}

/// The source title to put in place of the draft's, without the words the draft already
/// has just before the title ("Russian" in "Russian Foreign Minister" when the title
/// found is "Foreign Minister" and the source says "Russian Defense Minister").
fn fix_text(draft: &str, span: Span, right: &str) -> String {
    let mut words: Vec<&str> = right.split_whitespace().collect();
    let preceding: Vec<&str> = words_before(draft, span);
    // Drop leading words of `right` that the draft has right before the span, in order.
    for n in (1..=preceding.len().min(words.len().saturating_sub(1))).rev() {
        let tail: Vec<String> = preceding[..n]
            .iter()
            .rev()
            .map(|w| w.to_lowercase())
            .collect();
        let head: Vec<String> = words[..n].iter().map(|w| w.to_lowercase()).collect();
        if tail == head {
            words.drain(..n);
            break;
        }
    }
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_in_a_sentence_about_a_past_year_is_what_they_were_then() {
        let draft = "Nixon won in 1968. The attacks on Senator John Kerry's record thwarted his candidacy in 2004. Sen. Kerry spoke.";
        let at = draft.find("Senator").unwrap();
        let sentence = sentence_around(draft, Span::new(at, at + 7));
        assert_eq!(
            sentence,
            "The attacks on Senator John Kerry's record thwarted his candidacy in 2004."
        );
        assert!(names_a_year(sentence));
        let at = draft.rfind("Sen.").unwrap();
        assert_eq!(
            sentence_around(draft, Span::new(at, at + 4)),
            "Sen. Kerry spoke."
        );
        assert!(!names_a_year("Sen. Kerry spoke to 200 people."));
    }

    #[test]
    fn fix_does_not_repeat_the_words_before_the_title() {
        let draft = "Russian Foreign Minister Sergei Shoigu";
        let span = Span::new(8, 24);
        assert_eq!(
            fix_text(draft, span, "Russian Defense Minister"),
            "Defense Minister"
        );
        assert_eq!(
            fix_text(draft, Span::new(0, 24), "Russian Defense Minister"),
            "Russian Defense Minister"
        );
        assert_eq!(
            fix_text(draft, span, "Defense Minister"),
            "Defense Minister"
        );
    }
}
