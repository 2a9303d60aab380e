//! The verdict on each draft quote, and the quote findings: `misattributed-quote`,
//! `altered-quote`, `unsourced-quote`, `unattributed-quote`.
//!
//! A quote and the quotes that continue it (split by their attribution, or running over
//! paragraphs) are matched together as one. Short quotes (one or two words: scare quotes,
//! "considering") are only ever confirmed, never flagged: no finding is better than a
//! doubtful one.

use crate::analysis::{Analysis, MentionKind, Span};
use crate::index::{CorpusIndex, Location};

use super::candidates::{candidates, candidates_near, rank, speaker_mentions, Candidate};
use super::evidence;
use super::matching::Pattern;
use super::report::{QuoteStatus, QuoteVerdict, SourceMatch, SourceSpeaker, SpeakerBasis};
use super::speakers::{self, Who};
use super::word_cache::WordCache;
use super::{CheckOptions, Finding, FindingCode};

/// Quotes with fewer words are fragments: confirmed when verbatim, otherwise left alone.
pub const FRAGMENT_WORDS: usize = 3;
/// Quotes need this many words to be called unsourced, misattributed or unattributed.
pub const CLAIM_WORDS: usize = 4;
/// A source wording is the same quote, altered, when it has the bulk of the draft's
/// words in order, at least this share of them ("We have to be willing to" is not "We
/// have to be ready to stop him")...
pub const ALTERED_MIN_RATIO: f32 = 0.8;
/// ...and at least this many of them: fewer is a phrase many people say ("I'm a big fan
/// of", "we are going to win"), not the same quote. And only when it is inside a
/// quotation of the source, not on a headline line, and not given there to someone the
/// draft clearly says is not its speaker.
pub const ALTERED_MIN_WORDS: usize = 7;
/// The sources make a quote someone else's only when their wording has at least this many
/// of the draft quote's words, counted as the source writes them ("I'm" is one): shorter
/// runs ("I'm going to be the nominee", "we need more information") are said by many
/// people.
pub const MISATTRIBUTED_MIN_WORDS: usize = 7;
/// An unsourced quote's message names the closest source wording when it shares at least
/// this share of the words.
const CLOSEST_MIN_RATIO: f32 = 0.4;

/// Judge every quote of the draft; push the quote findings to `findings`. The sources'
/// words come from `words`.
pub fn check_quotes(
    draft: &str,
    analysis: &Analysis,
    corpus: &dyn CorpusIndex,
    options: &CheckOptions,
    words: &WordCache,
    basis_of: &dyn Fn(usize) -> SpeakerBasis,
    findings: &mut Vec<Finding>,
) -> Vec<QuoteVerdict> {
    let mut verdicts: Vec<QuoteVerdict> = Vec::with_capacity(analysis.quotes.len());
    for chain in analysis.quote_chains() {
        let parts: Vec<Span> = chain.iter().map(|&i| analysis.quotes[i].inner).collect();
        let pattern = Pattern::new(draft, &parts);
        let mut candidates = candidates(&pattern, corpus, words);
        if candidates.iter().all(|c| !c.alignment.exact) {
            // The index finds passages by runs of words; a one-word fragment is looked
            // for where the sources mention the speaker instead.
            let near = speaker_mentions(analysis, chain[0], corpus, options);
            candidates.extend(candidates_near(&pattern, corpus, &near, words));
            candidates.sort_by_key(rank);
        }
        let chain_verdict = judge(
            draft,
            analysis,
            corpus,
            options,
            &chain,
            &pattern,
            &candidates,
            basis_of,
            findings,
        );
        for &i in &chain {
            let mut v = chain_verdict.clone();
            v.quote = i;
            v.span = analysis.quotes[i].span;
            verdicts.push(v);
        }
    }
    verdicts
}

#[allow(clippy::too_many_arguments)]
fn judge(
    draft: &str,
    analysis: &Analysis,
    corpus: &dyn CorpusIndex,
    options: &CheckOptions,
    chain: &[usize],
    pattern: &Pattern,
    candidates: &[Candidate],
    basis_of: &dyn Fn(usize) -> SpeakerBasis,
    findings: &mut Vec<Finding>,
) -> QuoteVerdict {
    let first = chain[0];
    let total = pattern.word_count();
    let draft_who = speakers::draft_speaker(analysis, first);
    let draft_basis = draft_who.as_ref().map(|(_, _, at)| basis_of(*at));
    let exact: Vec<&Candidate> = candidates.iter().filter(|c| c.alignment.exact).collect();
    let quoted = |c: &Candidate| {
        speakers::quotation_at(&c.source.analysis, c.alignment.source_span).is_some()
    };
    // The matches that carry this quote: the verbatim ones if any, else the good ones
    // inside a quotation of their source that match as well as the best of them (a
    // wording in narrative, a headline or a title is not the quote changed).
    // Nor is a wording the source gives to someone else, when both texts say clearly
    // who spoke: two people's similar words are not one quote changed.
    let another_speaker = |c: &Candidate| {
        let Some((who, _, _)) = &draft_who else {
            return false;
        };
        if !draft_basis.is_some_and(SpeakerBasis::confident) {
            return false;
        }
        speakers::source_speaker(&c.source, c.alignment.source_span).is_some_and(
            |(theirs, _, basis)| {
                basis.confident()
                    && speakers::same_person(who, &theirs, corpus, options) == Some(false)
            },
        )
    };
    let draft_headline = title_case(pattern_text(draft, analysis, chain).as_str());
    let carrying: Vec<&Candidate> = if !exact.is_empty() {
        exact.clone()
    } else if total >= FRAGMENT_WORDS && !draft_headline {
        let usable: Vec<&Candidate> = candidates
            .iter()
            .filter(|c| {
                c.good() && quoted(c) && !in_headline(&c.source.text, c.alignment.source_span)
            })
            .filter(|c| !another_speaker(c))
            .collect();
        match usable.first() {
            Some(b) => usable
                .iter()
                .filter(|c| c.alignment.matched == b.alignment.matched)
                .copied()
                .collect(),
            None => Vec::new(),
        }
    } else {
        Vec::new()
    };
    let matches: Vec<SourceMatch> = carrying
        .iter()
        .map(|c| SourceMatch {
            location: c.location(),
            text: c.alignment.source_span.slice(&c.source.text).to_string(),
            diff: c.alignment.diff(pattern, draft, &c.source.text, c.words()),
            exact: c.alignment.exact,
            matched: c.alignment.matched,
            total: c.alignment.total,
            quoted: quoted(c),
        })
        .collect();
    // Who each carrying source says spoke, with how many of the draft's words it has.
    let mut speakers_found: Vec<(Who, SourceSpeaker, Location, usize, bool)> = Vec::new();
    let mut draft_named_near = false;
    for c in &carrying {
        if let Some((w, _, _)) = &draft_who {
            draft_named_near |= speakers::named_near(w, &c.source, c.alignment.source_span);
        }
        if let Some((who, at, basis)) = speakers::source_speaker(&c.source, c.alignment.source_span)
        {
            let name = corpus
                .entities_named(&who.display)
                .first()
                .map_or_else(|| who.display.clone(), |e| e.canonical.clone());
            speakers_found.push((
                who,
                SourceSpeaker {
                    name,
                    location: at,
                    basis,
                },
                c.location(),
                c.alignment.evidence_words(),
                c.alignment.exact,
            ));
        }
    }
    let mut verdict = QuoteVerdict {
        quote: first,
        span: analysis.quotes[first].span,
        status: QuoteStatus::Verified,
        matches,
        speakers: speakers_found
            .iter()
            .map(|(_, s, _, _, _)| s.clone())
            .collect(),
        draft_speaker: draft_who.as_ref().map(|(w, _, _)| w.display.clone()),
        draft_basis,
    };

    if total < FRAGMENT_WORDS {
        // A fragment: confirmed when verbatim, otherwise nothing is said.
        if exact.is_empty() {
            verdict.status = QuoteStatus::Unchecked;
        }
        return verdict;
    }

    if carrying.is_empty() {
        // Without a readable source there is nothing to find a quote in: no finding.
        if total >= CLAIM_WORDS && corpus.source_count() > 0 {
            verdict.status = QuoteStatus::Unsourced;
            // Name the closest wording when there is one worth reading.
            let closest = candidates
                .first()
                .filter(|c| c.alignment.ratio() >= CLOSEST_MIN_RATIO && c.alignment.matched >= 3);
            let message = match closest {
                Some(c) => format!(
                    "no source contains this quote; the closest wording ({}) shares {} of its {} words",
                    evidence::places(corpus, &[c.location()]),
                    c.alignment.matched,
                    c.alignment.total
                ),
                None => format!(
                    "no source contains this quote ({} searched)",
                    plural(corpus.source_count(), "source")
                ),
            };
            let evidence_locs: Vec<Location> = closest.map(|c| c.location()).into_iter().collect();
            for (part, &i) in chain.iter().enumerate() {
                // A part of one or two words is a fragment, never reported alone.
                if pattern.part_word_count(part) < FRAGMENT_WORDS {
                    continue;
                }
                let q = &analysis.quotes[i];
                findings.push(Finding {
                    code: FindingCode::UnsourcedQuote,
                    severity: FindingCode::UnsourcedQuote.default_severity(),
                    span: q.inner,
                    message: message.clone(),
                    evidence: evidence_locs.clone(),
                    fix: None,
                    key: q.text.clone(),
                    quote: Some(i),
                });
            }
        } else {
            verdict.status = QuoteStatus::Unchecked;
        }
        // A quote no source has gets that one finding: who said it in the sources cannot
        // be told, and "the draft does not say who said this" beside it would be noise.
        return verdict;
    }

    if exact.is_empty() {
        verdict.status = QuoteStatus::Altered;
        if let Some(best) = carrying.first() {
            if best.alignment.changes() == 0 {
                // The source quotation has these words as the draft does, and the draft
                // quotes more than it shows: nothing to claim either way.
                verdict.status = QuoteStatus::Unchecked;
            } else {
                altered(draft, analysis, corpus, chain, pattern, best, findings);
            }
        }
    }

    // Who said it: only when both sides say so with confidence, over a real length of
    // quotation.
    if total >= CLAIM_WORDS && draft_basis.is_some_and(SpeakerBasis::confident) {
        if let Some((who, mention, _)) = &draft_who {
            let verdicts: Vec<Option<bool>> = speakers_found
                .iter()
                .map(|(src, _, _, _, _)| speakers::same_person(who, src, corpus, options))
                .collect();
            let any_same = verdicts.contains(&Some(true));
            // Only a verbatim source quotation contradicts the draft: a near match may be
            // another speaker's similar words.
            let different: Vec<&(Who, SourceSpeaker, Location, usize, bool)> = speakers_found
                .iter()
                .zip(&verdicts)
                .filter(|(s, v)| {
                    **v == Some(false)
                        && s.1.basis.confident()
                        && s.3 >= MISATTRIBUTED_MIN_WORDS
                        && s.4
                })
                .map(|(s, _)| s)
                .collect();
            // People who share a surname are told apart by the analysis, not here: when
            // the sources' speaker has the draft speaker's surname, say nothing.
            let shares_surname = |name: &str| {
                let theirs = speakers::name_words(name).pop();
                theirs.is_some()
                    && who
                        .names
                        .iter()
                        .any(|n| speakers::name_words(n).pop() == theirs)
            };
            // Nor when the draft's own sentence names the person the sources give it to.
            let named_in_draft = different.iter().any(|d| {
                speakers::named_near_in(&d.0, draft, analysis, analysis.quotes[first].inner)
            });
            // A continuation quote, on either side, with the other side's speaker named
            // in its paragraph or the one before, may have changed voice.
            let continued_doubt = different.iter().any(|d| {
                (d.1.basis == SpeakerBasis::Continued
                    && corpus.source(d.2.source).is_some_and(|src| {
                        speakers::named_in_paragraph_or_before(who, &src.text, d.2.span)
                    }))
                    || (draft_basis == Some(SpeakerBasis::Continued)
                        && speakers::named_in_paragraph_or_before(
                            &d.0,
                            draft,
                            analysis.quotes[first].span,
                        ))
            });
            let doubtful = named_in_draft
                || continued_doubt
                || different.iter().any(|d| shares_surname(&d.1.name));
            if !any_same && !different.is_empty() && !draft_named_near && !doubtful {
                verdict.status = QuoteStatus::Misattributed;
                let right = &different[0].1.name;
                let titled = corpus
                    .entities_named(right)
                    .first()
                    .map_or_else(|| right.clone(), |e| super::people::titled_name(e));
                let quote_places: Vec<Location> = different.iter().map(|d| d.2).collect();
                let mut evidence_locs = quote_places.clone();
                // Where a source names the speaker, when it does by name (not "he").
                evidence_locs.extend(different.iter().map(|d| d.1.location).filter(|l| {
                    corpus.source(l.source).is_some_and(|src| {
                        !speakers::name_words(l.span.slice(&src.text)).is_empty()
                    })
                }));
                let by_name = matches!(mention.kind, MentionKind::Name | MentionKind::TitledName)
                    && !mention.inherited
                    && mention.mention.end <= draft.len();
                let (span, fix) = if by_name {
                    let fix = if mention.kind == MentionKind::TitledName {
                        titled.clone()
                    } else {
                        replacement_name(&mention.mention_text, right)
                    };
                    (mention.mention, Some(fix))
                } else {
                    (analysis.quotes[first].inner, None)
                };
                findings.push(Finding {
                    code: FindingCode::MisattributedQuote,
                    severity: FindingCode::MisattributedQuote.default_severity(),
                    span,
                    message: format!(
                        "the sources attribute this quote to {} ({}), not to {}",
                        titled,
                        evidence::places(corpus, &quote_places),
                        who.display
                    ),
                    evidence: evidence_locs,
                    fix,
                    key: analysis.quotes[first].text.clone(),
                    quote: Some(first),
                });
            }
        }
    }
    unattributed(
        analysis,
        chain,
        total,
        draft_who.is_some(),
        &verdict,
        corpus,
        findings,
    );
    if draft_who.is_none() && verdict.status == QuoteStatus::Verified && total >= CLAIM_WORDS {
        verdict.status = QuoteStatus::Unattributed;
    }
    verdict
}

/// The name to put in place of a wrong speaker mention: the surname alone where the
/// draft used one word, the full name otherwise.
fn replacement_name(mention: &str, right: &str) -> String {
    let words_in_mention = speakers::name_words(mention).len();
    if words_in_mention <= 1 {
        right.rsplit(' ').next().unwrap_or(right).to_string()
    } else {
        right.to_string()
    }
}

fn unattributed(
    analysis: &Analysis,
    chain: &[usize],
    total: usize,
    has_speaker: bool,
    verdict: &QuoteVerdict,
    corpus: &dyn CorpusIndex,
    findings: &mut Vec<Finding>,
) {
    if has_speaker || total < CLAIM_WORDS {
        return;
    }
    let first = chain[0];
    let q = &analysis.quotes[first];
    let message = match verdict.speakers.first() {
        Some(s) => format!(
            "the draft does not say who said this; the sources attribute it to {} ({})",
            s.name,
            evidence::places(
                corpus,
                &verdict
                    .matches
                    .iter()
                    .map(|m| m.location)
                    .collect::<Vec<_>>()
            )
        ),
        None => "the draft does not say who said this".to_string(),
    };
    findings.push(Finding {
        code: FindingCode::UnattributedQuote,
        severity: FindingCode::UnattributedQuote.default_severity(),
        span: q.inner,
        message,
        evidence: verdict.speakers.iter().map(|s| s.location).collect(),
        fix: None,
        key: q.text.clone(),
        quote: Some(first),
    });
}

/// One `altered-quote` finding per part of the chain whose wording changed.
fn altered(
    draft: &str,
    analysis: &Analysis,
    corpus: &dyn CorpusIndex,
    chain: &[usize],
    pattern: &Pattern,
    best: &Candidate,
    findings: &mut Vec<Finding>,
) {
    for (part, &i) in chain.iter().enumerate() {
        let a = best.alignment.for_part(pattern, part, best.words());
        // A part of one or two words is a fragment, never reported alone; a part the
        // source wording hardly has is not that wording changed.
        if a.changes() == 0
            || a.total < FRAGMENT_WORDS
            || a.ratio() < ALTERED_MIN_RATIO
            || a.evidence_words() < ALTERED_MIN_WORDS.min(a.total)
        {
            continue;
        }
        let q = &analysis.quotes[i];
        let diff = a.diff(pattern, draft, &best.source.text, best.words());
        let fix = source_wording(&a, best).map(|source_words| {
            let (before, after) = uncovered_ends(&a, pattern, draft, q.inner);
            format!("{before}{source_words}{after}")
        });
        let location = Location {
            source: best.source.id,
            span: a.source_span,
        };
        findings.push(Finding {
            code: FindingCode::AlteredQuote,
            severity: FindingCode::AlteredQuote.default_severity(),
            span: q.inner,
            message: format!(
                "the wording differs from the source ({}): {}",
                evidence::places(corpus, &[location]),
                diff.summary()
            ),
            evidence: vec![location],
            fix,
            key: q.text.clone(),
            quote: Some(i),
        });
    }
}

/// The source's own words for the part of a draft quote that `a` aligns: as the source
/// prints them, from the first word matched to the last, the attribution between two
/// parts of a source quotation left out ("...our country? In Tulsa, ..." for "...our
/// country?” Clinton said. “In Tulsa, ..."). `None` when no source word is aligned.
fn source_wording(a: &super::matching::Alignment, c: &Candidate) -> Option<String> {
    let text: &str = &c.source.text;
    let words = c.words();
    let first = a.steps.iter().find_map(|s| source_index(s, true))?;
    let last = a.steps.iter().rev().find_map(|s| source_index(s, false))?;
    let (first, last) = (words.get(first)?, words.get(last)?);
    let quotes = &c.source.analysis.quotes;
    let inner_of = |at: usize| quotes.iter().position(|q| q.inner.contains(at));
    let (Some(from), Some(to)) = (inner_of(first.span.start), inner_of(last.span.start)) else {
        // Outside the source's quotations: the stretch as it is.
        return text
            .get(first.span.start..last.span.end)
            .map(str::to_string);
    };
    let mut pieces: Vec<&str> = Vec::new();
    for (k, q) in quotes.iter().enumerate().take(to + 1).skip(from) {
        let start = if k == from {
            first.span.start
        } else {
            q.inner.start
        };
        let end = if k == to { last.span.end } else { q.inner.end };
        let piece = text.get(start..end.max(start)).unwrap_or("").trim();
        if !piece.is_empty() {
            pieces.push(piece);
        }
    }
    (!pieces.is_empty()).then(|| pieces.join(" "))
}

/// The index of the first (or last) source word a step aligns.
fn source_index(step: &super::matching::Step, first: bool) -> Option<usize> {
    use super::matching::Step;
    match *step {
        Step::Same { s, .. } | Step::Replaced { s, .. } => Some(s),
        Step::Joined { s, s_to, .. } => Some(if first { s } else { s_to - 1 }),
        Step::Bracket { s_from, s_to, .. } if s_to > s_from => {
            Some(if first { s_from } else { s_to - 1 })
        }
        _ => None,
    }
}

/// What a fix keeps of the draft quote `inner` around the source's words: the draft's
/// own words before and after them that the source quotation does not show (uncovered),
/// else the punctuation at its ends.
fn uncovered_ends(
    a: &super::matching::Alignment,
    pattern: &Pattern,
    draft: &str,
    inner: Span,
) -> (String, String) {
    use super::matching::{Element, Step};
    let text = inner.slice(draft);
    let draft_span = |d: usize| match pattern.elements.get(d) {
        Some(Element::Word(w)) => Some(w.span),
        Some(Element::Bracket { span, .. }) => Some(*span),
        None => None,
    };
    let covered = |s: &&Step| !matches!(s, Step::Uncovered { .. });
    let first_covered = a
        .steps
        .iter()
        .find(covered)
        .and_then(super::matching::Step::draft);
    let last_covered = a
        .steps
        .iter()
        .rev()
        .find(covered)
        .and_then(super::matching::Step::draft);
    let leading = matches!(a.steps.first(), Some(Step::Uncovered { .. }));
    let trailing = matches!(a.steps.last(), Some(Step::Uncovered { .. }));
    let before = match first_covered.and_then(draft_span) {
        Some(span) if leading => draft
            .get(inner.start..span.start.max(inner.start))
            .unwrap_or("")
            .to_string(),
        _ => leading_punct(text).to_string(),
    };
    let after = match last_covered.and_then(draft_span) {
        Some(span) if trailing => draft
            .get(span.end.min(inner.end)..inner.end)
            .unwrap_or("")
            .to_string(),
        _ => trailing_punct(text).to_string(),
    };
    (before, after)
}

/// The draft quote's words as written, its parts joined by a space.
fn pattern_text(draft: &str, analysis: &Analysis, chain: &[usize]) -> String {
    chain
        .iter()
        .map(|&i| analysis.quotes[i].inner.slice(draft))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether `text` is written in Title Case, as headlines are ("Not Fit To Serve As
/// President"): four words or more, nearly all capitalised, with a small word among
/// them capitalised past the first (in running prose capitals are names, and small
/// words stay lower case). A headline's wording is cut and styled: it is never the
/// evidence of a changed quote, and a quote in one is not compared word for word.
pub fn title_case(text: &str) -> bool {
    const SMALL: &[&str] = &[
        "A", "An", "The", "To", "Of", "For", "In", "On", "At", "By", "As", "And", "Or", "With",
        "From", "Is", "Are", "Be", "It", "Not", "No", "Over", "After",
    ];
    let mut alpha = 0usize;
    let mut caps = 0usize;
    let mut small_capped = false;
    for (k, w) in text
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '\u{2019}'))
        .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
        .enumerate()
    {
        alpha += 1;
        if w.chars().next().is_some_and(char::is_uppercase) {
            caps += 1;
            small_capped |= k > 0 && SMALL.contains(&w);
        }
    }
    alpha >= 4 && caps * 10 >= alpha * 8 && small_capped
}

/// Whether the words at `span` of a source are on a line written in Title Case.
fn in_headline(text: &str, span: Span) -> bool {
    let start = span.start.min(text.len());
    let line_start = text
        .get(..start)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1);
    let line_end = text
        .get(start..)
        .and_then(|t| t.find('\n'))
        .map_or(text.len(), |i| start + i);
    text.get(line_start..line_end).is_some_and(title_case)
}

/// The punctuation and spaces before the first word of `s`.
fn leading_punct(s: &str) -> &str {
    let end = s.find(|c: char| c.is_alphanumeric()).unwrap_or(s.len());
    &s[..end]
}

/// The punctuation and spaces after the last word of `s`.
fn trailing_punct(s: &str) -> &str {
    let start = s
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_alphanumeric())
        .map_or(0, |(i, c)| i + c.len_utf8());
    &s[start..]
}

fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

#[cfg(test)]
#[path = "quote_verdicts_tests.rs"]
mod tests;
