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
    let first_covered = a.steps.iter().find(covered).and_then(step_draft_index);
    let last_covered = a
        .steps
        .iter()
        .rev()
        .find(covered)
        .and_then(step_draft_index);
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

fn step_draft_index(step: &super::matching::Step) -> Option<usize> {
    use super::matching::Step;
    match *step {
        Step::Same { d, .. }
        | Step::Replaced { d, .. }
        | Step::DraftOnly { d }
        | Step::Bracket { d, .. }
        | Step::Joined { d, .. }
        | Step::Uncovered { d } => Some(d),
        _ => None,
    }
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
mod tests {
    use super::*;
    use crate::analysis::MentionKind::{Name, Pronoun};
    use crate::check::testkit::{entity, quote, TestCorpus};
    use crate::check::{check, Report};

    const SOURCE: &str = "Mizintsev said \u{201c}The Russian proposals are currently being examined by the US side,\u{201d} he said.\n\n\u{201c}It\u{2019}s important that at the right time, through a voluntary mechanism, the refugees are able to return,\u{201d} Pompeo told reporters.";

    fn corpus() -> TestCorpus {
        let mut c = TestCorpus::default();
        let analysis = Analysis {
            quotes: vec![
                quote(SOURCE, "The Russian proposals are currently being examined by the US side,", Some(("he", Pronoun, Some(1)))),
                quote(SOURCE, "It\u{2019}s important that at the right time, through a voluntary mechanism, the refugees are able to return,", Some(("Pompeo", Name, Some(0)))),
            ],
            entities: vec![
                entity(SOURCE, 0, "Mike Pompeo", &["Pompeo"]),
                entity(SOURCE, 1, "Mikhail Mizintsev", &["Mizintsev"]),
            ],
        };
        c.add("afp.txt", SOURCE, analysis);
        c.person("Mike Pompeo", &["Pompeo"], &[]);
        c.person("Mikhail Mizintsev", &["Mizintsev"], &[]);
        c
    }

    /// Check a one-quote draft whose speaker is the named person.
    fn check_one(draft: &str, inner: &str, speaker: Option<(&str, &str)>) -> Report {
        let mut analysis = Analysis::default();
        let mention = speaker.map(|(m, canonical)| {
            analysis.entities.push(entity(draft, 0, canonical, &[m]));
            (m, Name, Some(0))
        });
        analysis.quotes.push(quote(draft, inner, mention));
        check(draft, &analysis, &corpus(), &CheckOptions::default())
    }

    fn codes(r: &Report) -> Vec<&'static str> {
        r.findings.iter().map(|f| f.code.as_str()).collect()
    }

    #[test]
    fn a_right_quote_is_verified_and_quiet() {
        let draft = "\u{201c}The Russian proposals are currently being examined by the U.S. side,\u{201d} Mizintsev said.";
        let r = check_one(
            draft,
            "The Russian proposals are currently being examined by the U.S. side,",
            Some(("Mizintsev", "Mikhail Mizintsev")),
        );
        assert!(r.findings.is_empty(), "{:?}", r.findings);
        assert_eq!(r.quotes[0].status, QuoteStatus::Verified);
        assert_eq!(r.quotes[0].speakers[0].name, "Mikhail Mizintsev");
        assert!(r.quotes[0].matches[0].exact);
    }

    #[test]
    fn a_quote_the_sources_give_to_another_is_misattributed() {
        let draft = "\u{201c}The Russian proposals are currently being examined by the U.S. side,\u{201d} Secretary of State Mike Pompeo said.";
        let r = check_one(
            draft,
            "The Russian proposals are currently being examined by the U.S. side,",
            Some(("Secretary of State Mike Pompeo", "Mike Pompeo")),
        );
        assert_eq!(codes(&r), vec!["misattributed-quote"]);
        let f = &r.findings[0];
        assert_eq!(f.span.slice(draft), "Secretary of State Mike Pompeo");
        assert_eq!(f.fix.as_deref(), Some("Mikhail Mizintsev"));
        assert!(
            f.message.contains("Mikhail Mizintsev (afp.txt:1)"),
            "{}",
            f.message
        );
        assert!(f.message.contains("not to Mike Pompeo"), "{}", f.message);
        assert_eq!(r.quotes[0].status, QuoteStatus::Misattributed);
    }

    #[test]
    fn a_changed_word_is_an_altered_quote_with_the_source_wording_as_fix() {
        let draft = "\u{201c}It's important that at the right time, through a voluntary process, the refugees are able to return,\u{201d} Pompeo said.";
        let inner = "It's important that at the right time, through a voluntary process, the refugees are able to return,";
        let r = check_one(draft, inner, Some(("Pompeo", "Mike Pompeo")));
        assert_eq!(codes(&r), vec!["altered-quote"]);
        let f = &r.findings[0];
        assert!(f.message.contains("mechanism"), "{}", f.message);
        let fixed = draft.replace(inner, f.fix.as_deref().expect("fix"));
        let r2 = check_one(
            &fixed,
            f.fix.as_deref().unwrap(),
            Some(("Pompeo", "Mike Pompeo")),
        );
        assert!(r2.findings.is_empty(), "{:?}", r2.findings);
    }

    #[test]
    fn an_invented_quote_is_unsourced() {
        let draft = "\u{201c}We will not pay for reconstruction while Assad stays in power,\u{201d} Pompeo added.";
        let r = check_one(
            draft,
            "We will not pay for reconstruction while Assad stays in power,",
            Some(("Pompeo", "Mike Pompeo")),
        );
        assert_eq!(codes(&r), vec!["unsourced-quote"]);
        assert_eq!(r.quotes[0].status, QuoteStatus::Unsourced);
    }

    #[test]
    fn an_invented_quote_with_an_unnamed_speaker_is_only_unsourced() {
        // "the sponsor said": a speaker the draft does not name, and no source has the quote.
        let draft = "\u{201c}We will not pay for reconstruction while Assad stays in power,\u{201d} the sponsor said.";
        let r = check_one(
            draft,
            "We will not pay for reconstruction while Assad stays in power,",
            None,
        );
        assert_eq!(codes(&r), vec!["unsourced-quote"]);
    }

    #[test]
    fn a_loose_paraphrase_is_unsourced_and_names_the_closest_wording() {
        let draft = "\u{201c}The Russian proposals are being looked at closely by the American side and the refugees,\u{201d} Mizintsev said.";
        let inner = "The Russian proposals are being looked at closely by the American side and the refugees,";
        let r = check_one(draft, inner, Some(("Mizintsev", "Mikhail Mizintsev")));
        assert_eq!(codes(&r), vec!["unsourced-quote"]);
        assert!(
            r.findings[0]
                .message
                .contains("closest wording (afp.txt:1)"),
            "{}",
            r.findings[0].message
        );
        assert_eq!(r.findings[0].evidence.len(), 1);
    }

    #[test]
    fn short_fragments_are_never_flagged() {
        // Not in the sources, but two words: a scare quote.
        let draft = "Pompeo called it \u{201c}fake news\u{201d} today.";
        let r = check_one(draft, "fake news", None);
        assert!(r.findings.is_empty(), "{:?}", r.findings);
        assert_eq!(r.quotes[0].status, QuoteStatus::Unchecked);
        // Verbatim and attributed to the wrong person: still quiet.
        let draft = "Mizintsev said it was \u{201c}voluntary mechanism\u{201d} only.";
        let r = check_one(
            draft,
            "voluntary mechanism",
            Some(("Mizintsev", "Mikhail Mizintsev")),
        );
        assert!(r.findings.is_empty(), "{:?}", r.findings);
        assert_eq!(r.quotes[0].status, QuoteStatus::Verified);
    }

    #[test]
    fn a_quote_without_a_speaker_is_unattributed_information() {
        let draft =
            "\u{201c}The Russian proposals are currently being examined by the US side.\u{201d}";
        let r = check_one(
            draft,
            "The Russian proposals are currently being examined by the US side.",
            None,
        );
        assert_eq!(codes(&r), vec!["unattributed-quote"]);
        assert_eq!(r.findings[0].severity, crate::check::Severity::Information);
        assert!(r.findings[0].message.contains("Mikhail Mizintsev"));
        assert_eq!(r.quotes[0].status, QuoteStatus::Unattributed);
    }

    #[test]
    fn ignores_and_severity_overrides_apply() {
        let draft = "\u{201c}We will not pay for reconstruction while Assad stays in power,\u{201d} Pompeo added.";
        let inner = "We will not pay for reconstruction while Assad stays in power,";
        let mut analysis = Analysis::default();
        analysis
            .entities
            .push(entity(draft, 0, "Mike Pompeo", &["Pompeo"]));
        analysis
            .quotes
            .push(quote(draft, inner, Some(("Pompeo", Name, Some(0)))));
        let options = CheckOptions {
            ignores: vec![crate::check::Ignore {
                code: FindingCode::UnsourcedQuote,
                text: "We will not pay for reconstruction while Assad stays in power".into(),
            }],
            ..CheckOptions::default()
        };
        assert!(check(draft, &analysis, &corpus(), &options)
            .findings
            .is_empty());
        let options = CheckOptions {
            severity_overrides: vec![(
                FindingCode::UnsourcedQuote,
                Some(crate::check::Severity::Error),
            )],
            ..CheckOptions::default()
        };
        let r = check(draft, &analysis, &corpus(), &options);
        assert_eq!(r.findings[0].severity, crate::check::Severity::Error);
    }
}

#[cfg(test)]
mod doubt_tests {
    use super::*;
    use crate::analysis::MentionKind::Name;
    use crate::check::check;
    use crate::check::testkit::{entity, quote, TestCorpus};

    /// The source's analysis gives the quote to Trump, but the paragraph names Rubio
    /// right before it: a draft giving it to Rubio is not reported.
    #[test]
    fn a_speaker_named_next_to_the_quote_in_the_source_is_not_contradicted() {
        let source = "When Trump suggested that Cuba would sue, Rubio fired back forcefully: \u{201c}If they sue us in a court in Miami, they\u{2019}re going to lose,\u{201d} referencing the region.";
        let mut c = TestCorpus::default();
        c.add(
            "politico.txt",
            source,
            Analysis {
                quotes: vec![quote(
                    source,
                    "If they sue us in a court in Miami, they\u{2019}re going to lose,",
                    Some(("Trump", Name, Some(0))),
                )],
                entities: vec![
                    entity(source, 0, "Donald Trump", &["Trump"]),
                    entity(source, 1, "Marco Rubio", &["Rubio"]),
                ],
            },
        );
        c.person("Donald Trump", &["Trump"], &[]);
        c.person("Marco Rubio", &["Rubio"], &[]);
        let draft = "\u{201c}If they sue us in a court in Miami, they\u{2019}re going to lose,\u{201d} Rubio said.";
        let mut analysis = Analysis::default();
        analysis
            .entities
            .push(entity(draft, 0, "Marco Rubio", &["Rubio"]));
        analysis.quotes.push(quote(
            draft,
            "If they sue us in a court in Miami, they\u{2019}re going to lose,",
            Some(("Rubio", Name, Some(0))),
        ));
        let r = check(draft, &analysis, &c, &CheckOptions::default());
        assert!(r.findings.is_empty(), "{:?}", r.findings);
        // Given to someone the paragraph does not name, it is reported.
        let draft = "\u{201c}If they sue us in a court in Miami, they\u{2019}re going to lose,\u{201d} Pence said.";
        let mut analysis = Analysis::default();
        analysis
            .entities
            .push(entity(draft, 0, "Mike Pence", &["Pence"]));
        analysis.quotes.push(quote(
            draft,
            "If they sue us in a court in Miami, they\u{2019}re going to lose,",
            Some(("Pence", Name, Some(0))),
        ));
        let r = check(draft, &analysis, &c, &CheckOptions::default());
        assert_eq!(r.findings.len(), 1, "{:?}", r.findings);
    }

    /// Someone the paragraph talks about, in another sentence, is no reason for doubt:
    /// "Trump ... . “He's going to have to stop ...,” Sen. Susan Collins said."
    #[test]
    fn a_person_named_in_another_sentence_does_not_silence_a_misattribution() {
        let source = "Republicans warned Trump on Monday. \u{201c}He\u{2019}s going to have to stop with gratuitous personal insults,\u{201d} Collins said.";
        let inner = "He\u{2019}s going to have to stop with gratuitous personal insults,";
        let mut c = TestCorpus::default();
        c.add(
            "usa.txt",
            source,
            Analysis {
                quotes: vec![quote(source, inner, Some(("Collins", Name, Some(1))))],
                entities: vec![
                    entity(source, 0, "Donald Trump", &["Trump"]),
                    entity(source, 1, "Susan Collins", &["Collins"]),
                ],
            },
        );
        c.person("Donald Trump", &["Trump"], &[]);
        c.person("Susan Collins", &["Collins"], &[]);
        let draft = "\u{201c}He\u{2019}s going to have to stop with gratuitous personal insults,\u{201d} Trump said.";
        let mut analysis = Analysis::default();
        analysis
            .entities
            .push(entity(draft, 0, "Donald Trump", &["Trump"]));
        analysis
            .quotes
            .push(quote(draft, inner, Some(("Trump", Name, Some(0)))));
        let r = check(draft, &analysis, &c, &CheckOptions::default());
        assert_eq!(r.findings.len(), 1, "{:?}", r.findings);
        assert_eq!(r.findings[0].code, FindingCode::MisattributedQuote);
        assert_eq!(r.findings[0].fix.as_deref(), Some("Collins"));
    }
}

/// Real-looking sentences, analysed as the product analyses them, on both sides.
#[cfg(test)]
mod evidence_tests {
    use crate::analysis::{analyze, EntityKind, TextFormat};
    use crate::check::testkit::TestCorpus;
    use crate::check::{check, CheckOptions, QuoteStatus, Report, SpeakerBasis};

    fn corpus_of(sources: &[(&str, &str)]) -> TestCorpus {
        let mut c = TestCorpus::default();
        let mut people: Vec<(String, Vec<String>)> = Vec::new();
        for (name, text) in sources {
            let analysis = analyze(text, TextFormat::Plain);
            for e in &analysis.entities {
                if e.kind == EntityKind::Person && !people.iter().any(|(p, _)| *p == e.canonical) {
                    people.push((e.canonical.clone(), e.aliases.clone()));
                }
            }
            c.add(name, text, analysis);
        }
        for (canonical, aliases) in &people {
            let aliases: Vec<&str> = aliases.iter().map(String::as_str).collect();
            c.person(canonical, &aliases, &[]);
        }
        c
    }

    fn run(draft: &str, corpus: &TestCorpus) -> Report {
        let analysis = analyze(draft, TextFormat::Markdown);
        check(draft, &analysis, corpus, &CheckOptions::default())
    }

    /// Each finding as (code, the draft text it marks).
    fn found<'a>(r: &Report, draft: &'a str) -> Vec<(&'static str, &'a str)> {
        r.findings
            .iter()
            .map(|f| (f.code.as_str(), f.span.slice(draft)))
            .collect()
    }

    #[test]
    fn narrative_words_never_make_anyone_the_speaker() {
        let c = corpus_of(&[(
            "wire.txt",
            "Senator Bernie Sanders spoke in Iowa on Monday. Analysts agree that the deal is not going to happen before the election in November.",
        )]);
        let draft = "\u{201c}The deal is not going to happen before the election in November,\u{201d} Elizabeth Warren said.";
        let r = run(draft, &c);
        assert_eq!(found(&r, draft), vec![]);
        assert_eq!(r.quotes[0].status, QuoteStatus::Verified);
        assert!(r.quotes[0].speakers.is_empty());
        assert!(!r.quotes[0].matches[0].quoted);
    }

    #[test]
    fn a_shared_phrase_is_not_the_same_quote() {
        let c = corpus_of(&[(
            "bank.txt",
            "\u{201c}I don\u{2019}t see that happening unless the board goes,\u{201d} said Tom Harkin, a bank employee.",
        )]);
        let draft = "\u{201c}I don\u{2019}t see it happening,\u{201d} Elizabeth Warren said.";
        let r = run(draft, &c);
        let codes: Vec<&str> = found(&r, draft).into_iter().map(|(c, _)| c).collect();
        assert_eq!(codes, vec!["unsourced-quote"]);
    }

    #[test]
    fn a_pronoun_among_several_people_accuses_nobody() {
        let c = corpus_of(&[(
            "tulsa.txt",
            "Hillary Clinton criticized officer Betty Shelby for shooting Terence Crutcher. \u{201c}How many times do we have to see this in our country?\u{201d} she said.",
        )]);
        let draft = "\u{201c}How many times do we have to see this in our country?\u{201d} Terence Crutcher said.";
        let r = run(draft, &c);
        assert!(
            r.findings
                .iter()
                .all(|f| f.code.as_str() != "misattributed-quote"),
            "{:?}",
            r.findings
        );
        // Whoever the analysis made "she", the draft's speaker is not contradicted.
        assert!(r.quotes[0]
            .speakers
            .iter()
            .all(|s| s.name != "Hillary Clinton" || s.basis == SpeakerBasis::Guessed));
    }

    #[test]
    fn a_source_continuation_quote_carries_its_speaker() {
        let c = corpus_of(&[(
            "maine.txt",
            "\u{201c}We will never give up on these families,\u{201d} Senator Susan Collins said. \u{201c}They have waited far too long for the help they were promised.\u{201d}",
        )]);
        let draft = "\u{201c}They have waited far too long for the help they were promised,\u{201d} Donald Trump said.";
        let r = run(draft, &c);
        assert_eq!(
            found(&r, draft),
            vec![("misattributed-quote", "Donald Trump")],
            "{:?}",
            r.quotes[0]
        );
        assert_eq!(r.findings[0].fix.as_deref(), Some("Susan Collins"));
        assert_eq!(r.quotes[0].speakers[0].basis, SpeakerBasis::Continued);
    }

    #[test]
    fn a_draft_continuation_quote_given_to_the_wrong_person_is_found() {
        let c = corpus_of(&[(
            "afp.txt",
            "\u{201c}Specific proposals have been sent to the American side for review,\u{201d} General Mikhail Mizintsev said on Friday.",
        )]);
        let draft = "\u{201c}We are still waiting for an answer from Moscow,\u{201d} Mike Pompeo said. \u{201c}Specific proposals have been sent to the American side for review.\u{201d}";
        let r = run(draft, &c);
        assert_eq!(
            found(&r, draft),
            vec![
                (
                    "unsourced-quote",
                    "We are still waiting for an answer from Moscow,"
                ),
                (
                    "misattributed-quote",
                    "Specific proposals have been sent to the American side for review."
                ),
            ]
        );
        assert_eq!(r.quotes[1].draft_basis, Some(SpeakerBasis::Continued));
        // The draft names nobody at that quote: no replacement is offered.
        assert_eq!(r.findings[1].fix, None);
    }

    #[test]
    fn words_a_speaker_quotes_from_someone_named_beside_them_are_not_theirs() {
        let c = corpus_of(&[(
            "tweet.txt",
            "\u{201c}Crooked Hillary Clinton and her team \u{2018}were extremely careless in their handling of very sensitive, highly classified information.\u{2019} Not fit!\u{201d} Donald Trump tweeted, quoting Comey\u{2019}s statement.",
        )]);
        let draft = "\u{201c}Extremely careless in their handling of very sensitive, highly classified information,\u{201d} FBI Director James Comey said.";
        let r = run(draft, &c);
        assert!(
            r.findings
                .iter()
                .all(|f| f.code.as_str() != "misattributed-quote"),
            "{:?}",
            r.findings
        );
    }

    #[test]
    fn people_who_share_a_surname_are_not_told_apart_here() {
        let c = corpus_of(&[(
            "rally.txt",
            "\u{201c}We are going to win this state in November and beyond,\u{201d} former President Bill Clinton said.",
        )]);
        let draft = "\u{201c}We are going to win this state in November and beyond,\u{201d} Hillary Clinton said.";
        let r = run(draft, &c);
        assert_eq!(found(&r, draft), vec![]);
    }

    #[test]
    fn a_short_or_reworded_quote_in_another_speech_is_not_altered() {
        let c = corpus_of(&[(
            "debate.txt",
            "\u{201c}I think that the system is being rigged, so it\u{2019}s going to be a very unfair debate,\u{201d} Donald Trump said.",
        )]);
        let draft = "Trump spoke of \u{201c}how the system is rigged\u{201d} at the rally.";
        let r = run(draft, &c);
        // Four words in common are a shared phrase: at most the weaker finding.
        let codes: Vec<&str> = found(&r, draft).into_iter().map(|(c, _)| c).collect();
        assert!(
            !codes.contains(&"altered-quote") && !codes.contains(&"misattributed-quote"),
            "{codes:?}"
        );
    }

    /// The findings' codes, with the draft text each marks, and the message of each.
    fn messages(r: &Report) -> Vec<&str> {
        r.findings.iter().map(|f| f.message.as_str()).collect()
    }

    #[test]
    fn a_contraction_and_its_expansion_are_the_same_words() {
        let c = corpus_of(&[(
            "huffpost.txt",
            "\u{201c}We have got to do everything possible to improve policing, to go right at implicit bias,\u{201d} Hillary Clinton said on Tuesday.",
        )]);
        let draft = "\u{201c}We\u{2019}ve got to do everything possible to improve policing, to go right at implicit bias,\u{201d} Hillary Clinton told the radio host.";
        let r = run(draft, &c);
        assert_eq!(found(&r, draft), vec![]);
        assert_eq!(r.quotes[0].status, QuoteStatus::Verified);
        // And the other way round, with "don't" and "do not".
        let c = corpus_of(&[(
            "wire.txt",
            "\u{201c}We don\u{2019}t want them to be part of the negotiation at this point,\u{201d} Senator Bob Corker said.",
        )]);
        let draft = "\u{201c}We do not want them to be part of the negotiation at this point,\u{201d} Bob Corker said.";
        let r = run(draft, &c);
        assert_eq!(found(&r, draft), vec![]);
        assert_eq!(r.quotes[0].status, QuoteStatus::Verified);
    }

    #[test]
    fn the_attribution_inside_a_source_quotation_is_not_part_of_the_quote() {
        let c = corpus_of(&[(
            "huffpost.txt",
            "Clinton spoke on Tuesday.\n\n\u{201c}How many times do we have to see this in our country?\u{201d} Clinton said. \u{201c}In Tulsa, an unarmed man with his hands in the air. This is just unbearable.\u{201d}",
        )]);
        // The draft quotes both parts as one: the same words.
        let draft = "\u{201c}How many times do we have to see this in our country? In Tulsa, an unarmed man with his hands in the air. This is just unbearable,\u{201d} Hillary Clinton said.";
        let r = run(draft, &c);
        assert_eq!(found(&r, draft), vec![]);
        assert_eq!(r.quotes[0].status, QuoteStatus::Verified);
        // With two words added, those two are the change, and the fix leaves
        // "Clinton said" out.
        let draft = "\u{201c}How many times do we have to see this in our country? In Tulsa, an unarmed man with his hands in the air? I mean, this is just unbearable,\u{201d} Hillary Clinton said.";
        let r = run(draft, &c);
        assert_eq!(found(&r, draft).len(), 1, "{:?}", r.findings);
        assert_eq!(r.findings[0].code.as_str(), "altered-quote");
        assert!(
            messages(&r)[0].ends_with("\u{201c}I mean\u{201d} was added"),
            "{}",
            messages(&r)[0]
        );
        assert_eq!(
            r.findings[0].fix.as_deref(),
            Some("How many times do we have to see this in our country? In Tulsa, an unarmed man with his hands in the air. This is just unbearable,")
        );
    }

    #[test]
    fn a_source_wording_never_runs_past_its_closing_mark() {
        // The draft quotes a sentence more than the source: not a change, and the
        // narrative after the source's closing mark is not compared with it.
        let c = corpus_of(&[(
            "nyt.txt",
            "\u{201c}But he was an honest liberal, and Bernie did what he said he would do,\u{201d} Mr. McCain recalled. But when it comes to the votes, the losses stand out.",
        )]);
        let draft = "\u{201c}But he was an honest liberal, and Bernie did what he said he would do. He was effective,\u{201d} John McCain said.";
        let r = run(draft, &c);
        assert_eq!(found(&r, draft), vec![]);
        assert_eq!(r.quotes[0].status, QuoteStatus::Unchecked);
        let m = &r.quotes[0].matches[0];
        assert_eq!((m.matched, m.total), (15, 18));
    }

    #[test]
    fn a_changed_last_word_is_a_substitution_and_the_fix_keeps_the_word_count() {
        let c = corpus_of(&[(
            "politico.txt",
            "\u{201c}It\u{2019}s something I\u{2019}ve been talking about for a long time despite, frankly, being a big beneficiary of the laws. But I\u{2019}m working for you now,\u{201d} Donald Trump said at a rally.",
        )]);
        let draft = "\u{201c}It\u{2019}s something I\u{2019}ve been talking about for a long time despite, frankly, being a big beneficiary of the law.\u{201d} Donald Trump said.";
        let r = run(draft, &c);
        assert_eq!(found(&r, draft).len(), 1, "{:?}", r.findings);
        let f = &r.findings[0];
        assert_eq!(f.code.as_str(), "altered-quote");
        assert!(
            f.message
                .ends_with("\u{201c}laws\u{201d} became \u{201c}law\u{201d}"),
            "{}",
            f.message
        );
        assert_eq!(
            f.fix.as_deref(),
            Some("It\u{2019}s something I\u{2019}ve been talking about for a long time despite, frankly, being a big beneficiary of the laws.")
        );
    }

    #[test]
    fn a_headline_is_never_the_evidence_of_a_changed_quote() {
        // The source's only wording is in its Title Case headline.
        let c = corpus_of(&[(
            "breitbart.txt",
            "Ryan: Anti-Semitic Images Have \u{201c}No Place In A Presidential Campaign Of Any Kind\u{201d}\n\nThe speaker spoke on Tuesday.",
        )]);
        let draft =
            "\u{201c}No place in a presidential campaign of any party,\u{201d} Paul Ryan said.";
        let r = run(draft, &c);
        assert_eq!(
            found(&r, draft),
            vec![(
                "unsourced-quote",
                "No place in a presidential campaign of any party,"
            )]
        );
        // A quote in the draft's own headline is not compared word for word.
        let c = corpus_of(&[(
            "politico.txt",
            "\u{201c}It is not a radical idea to raise the wage across America,\u{201d} Bernie Sanders said.",
        )]);
        let draft = "# Sanders: \u{201c}It Is Not A Radical Idea To Raise The Minimum Wage Across America\u{201d}\n\nThe senator spoke on Monday.";
        let r = run(draft, &c);
        let codes: Vec<&str> = found(&r, draft).into_iter().map(|(c, _)| c).collect();
        assert!(!codes.contains(&"altered-quote"), "{codes:?}");
    }

    #[test]
    fn typography_never_makes_a_difference() {
        let c = corpus_of(&[(
            "huffpost.txt",
            "\u{201c}Donald Trump\u{2018}s ignorant view of Islam could make both our countries less safe - it risks alienating mainstream Muslims\u{2026} and the absurd, third-grade theatrics,\u{201d} Sadiq Khan said.",
        )]);
        let draft = "\"Donald Trump's ignorant view of Islam could make both our countries less safe -- it risks alienating mainstream Muslims ... and the absurd third grade theatrics,\" Sadiq Khan said.";
        let r = run(draft, &c);
        assert_eq!(found(&r, draft), vec![]);
        assert_eq!(r.quotes[0].status, QuoteStatus::Verified);
    }

    #[test]
    fn a_short_common_phrase_is_not_evidence() {
        let c = corpus_of(&[(
            "wapo.txt",
            "\u{201c}I\u{2019}m a big fan of Elizabeth Warren,\u{201d} Harry Reid said in the interview.",
        )]);
        let draft = "\u{201c}I\u{2019}m a big fan of Paul,\u{201d} Jeff Sessions said.";
        let r = run(draft, &c);
        assert_eq!(
            found(&r, draft),
            vec![("unsourced-quote", "I\u{2019}m a big fan of Paul,")]
        );
    }

    #[test]
    fn a_near_wording_the_source_gives_to_another_speaker_is_not_the_quote_changed() {
        let c = corpus_of(&[(
            "usatoday.txt",
            "\u{201c}We have come a pretty long way in the last nine months,\u{201d} Bernie Sanders said at the town hall.",
        )]);
        let draft = "\u{201c}We have come a long way in the last nine months,\u{201d} Hillary Clinton said.";
        let r = run(draft, &c);
        assert_eq!(
            found(&r, draft),
            vec![(
                "unsourced-quote",
                "We have come a long way in the last nine months,"
            )]
        );
        // Given to the same person, the dropped word is found.
        let draft =
            "\u{201c}We have come a long way in the last nine months,\u{201d} Bernie Sanders said.";
        let r = run(draft, &c);
        assert_eq!(
            found(&r, draft),
            vec![(
                "altered-quote",
                "We have come a long way in the last nine months,"
            )]
        );
        assert!(messages(&r)[0].ends_with("\u{201c}pretty\u{201d} was left out"));
    }

    #[test]
    fn a_continuation_read_out_from_someone_named_just_before_contradicts_nobody() {
        // The moderator reads out the candidate's words: the source gives them to the
        // moderator by continuation, the draft to the candidate.
        let c = corpus_of(&[(
            "wapo.txt",
            "Mitt Romney had listed Donald Trump's personal qualities, which the moderator rattled off.\n\n\u{201c}The bullying,\u{201d} Fox's Chris Wallace said. \u{201c}The greed. The showing off. The misogyny. The absurd, third-grade theatrics.\u{201d}",
        )]);
        let draft = "Mitt Romney attacked Donald Trump for \u{201c}the greed, the showing off, the misogyny, the absurd third-grade theatrics,\u{201d} Romney said.";
        let r = run(draft, &c);
        assert_eq!(found(&r, draft), vec![]);
        // Nobody named before the moderator: the continuation is his.
        let c = corpus_of(&[(
            "wapo.txt",
            "The debate opened on Thursday.\n\n\u{201c}The bullying,\u{201d} Fox's Chris Wallace said. \u{201c}The greed. The showing off. The misogyny. The absurd, third-grade theatrics.\u{201d}",
        )]);
        let r = run(draft, &c);
        assert_eq!(found(&r, draft), vec![("misattributed-quote", "Romney")]);
    }
}
