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
/// entity's name and titles, and the three words before each title (see [`fix_text`]).
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
