//! `misspelled-name`: a name in the draft that is a near miss of a corpus name
//! ("Mizintzev" for "Mizintsev"), is not itself a name the corpus uses, and is not a
//! spelling the reporter declared correct (`[aliases]`).
//!
//! Conservative: only names the analysis found (people and organisations), only a small
//! edit distance for the word's length, one clear candidate, and never a word the corpus
//! text itself contains.

use crate::analysis::normalize::words;
use crate::analysis::{Analysis, MentionKind, Span};
use crate::corpus::CorpusIndex;

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

/// Push a `misspelled-name` finding for each draft mention with a near-miss word.
pub fn check_names(
    draft: &str,
    analysis: &Analysis,
    corpus: &dyn CorpusIndex,
    options: &CheckOptions,
    findings: &mut Vec<Finding>,
) {
    for entity in &analysis.entities {
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
                if !original.chars().next().is_some_and(char::is_uppercase)
                    || options.alias_of(original).is_some()
                    || !corpus.entities_named(original).is_empty()
                    || in_corpus_text(&w.norm, corpus)
                {
                    continue;
                }
                let Some((right, place)) = near_miss(original, corpus) else {
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
    }
    // Evidence locations: where the corpus spells the right name (first mention).
    for f in findings
        .iter_mut()
        .filter(|f| f.code == FindingCode::MisspelledName && f.evidence.is_empty())
    {
        if let Some(right) = &f.fix {
            if let Some(e) = corpus.entities_named(right).first() {
                f.evidence = e.mentions.iter().take(3).copied().collect();
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
fn near_miss(word: &str, corpus: &dyn CorpusIndex) -> Option<(String, Option<String>)> {
    let lower = word.to_lowercase();
    let allowed = allowed_edits(lower.chars().count());
    if allowed == 0 {
        return None;
    }
    let mut found: Vec<(usize, String, Option<String>)> = Vec::new();
    for (name, entity) in corpus.similar_names(word) {
        for candidate in name.split_whitespace() {
            let candidate = candidate.trim_matches(|c: char| !c.is_alphanumeric());
            let d = edit_distance(&lower, &candidate.to_lowercase());
            if d == 0 || d > allowed {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_characters() {
        assert_eq!(edit_distance("mizintzev", "mizintsev"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("Zelenskyy", "Zelensky"), 1);
        assert_eq!(edit_distance("é", "e"), 1);
    }

    #[test]
    fn short_names_are_never_near_misses() {
        assert_eq!(allowed_edits(4), 0);
        assert_eq!(allowed_edits(9), 2);
    }
}
