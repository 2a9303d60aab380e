//! The verdict on each draft quote, and the quote findings: `misattributed-quote`,
//! `altered-quote`, `unsourced-quote`, `unattributed-quote`.
//!
//! A quote and the quotes that continue it (split by their attribution, or running over
//! paragraphs) are matched together as one. Short quotes (one or two words: scare quotes,
//! "considering") are only ever confirmed, never flagged: no finding is better than a
//! doubtful one.

use std::sync::Arc;

use crate::analysis::normalize::{words, Word};
use crate::analysis::{Analysis, MentionKind, Span};
use crate::corpus::{CorpusIndex, Location, Source};

use super::evidence;
use super::matching::{align, Alignment, Pattern};
use super::report::{QuoteStatus, QuoteVerdict, SourceMatch, SourceSpeaker};
use super::speakers::{self, Who};
use super::{CheckOptions, Finding, FindingCode};

/// Quotes with fewer words are fragments: confirmed when verbatim, otherwise left alone.
pub const FRAGMENT_WORDS: usize = 3;
/// Quotes need this many words to be called unsourced, misattributed or unattributed.
pub const CLAIM_WORDS: usize = 4;
/// A source wording is the same quote, altered, when it has at least this share of the
/// draft's words in order...
pub const ALTERED_MIN_RATIO: f32 = 0.6;
/// ...and at least this many of them.
pub const ALTERED_MIN_WORDS: usize = 3;
/// How many candidate passages to align per quote.
const CANDIDATES: usize = 12;

/// One aligned candidate.
struct Candidate {
    source: Arc<Source>,
    /// The source words of the window aligned against (spans into the source text).
    words: Vec<Word>,
    alignment: Alignment,
}

impl Candidate {
    fn good(&self) -> bool {
        self.alignment.exact
            || (self.alignment.ratio() >= ALTERED_MIN_RATIO
                && self.alignment.matched >= ALTERED_MIN_WORDS)
    }

    fn location(&self) -> Location {
        Location {
            source: self.source.id,
            span: self.alignment.source_span,
        }
    }
}

/// Groups of quote indices: a quote and the ones that continue it.
fn chains(analysis: &Analysis) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = Vec::new();
    for (i, q) in analysis.quotes.iter().enumerate() {
        match out.last_mut() {
            Some(chain) if q.continues_previous => chain.push(i),
            _ => out.push(vec![i]),
        }
    }
    out
}

/// Judge every quote of the draft; push the quote findings to `findings`.
pub fn check_quotes(
    draft: &str,
    analysis: &Analysis,
    corpus: &dyn CorpusIndex,
    options: &CheckOptions,
    findings: &mut Vec<Finding>,
) -> Vec<QuoteVerdict> {
    let mut verdicts: Vec<QuoteVerdict> = Vec::with_capacity(analysis.quotes.len());
    for chain in chains(analysis) {
        let parts: Vec<Span> = chain.iter().map(|&i| analysis.quotes[i].inner).collect();
        let pattern = Pattern::new(draft, &parts);
        let candidates = candidates(&pattern, corpus);
        let chain_verdict = judge(
            draft,
            analysis,
            corpus,
            options,
            &chain,
            &pattern,
            &candidates,
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

/// Align the pattern against the passages the corpus suggests, best first.
fn candidates(pattern: &Pattern, corpus: &dyn CorpusIndex) -> Vec<Candidate> {
    let query = pattern.query_words();
    if query.is_empty() {
        return Vec::new();
    }
    let query_bytes: usize = query.iter().map(|w| w.len() + 1).sum();
    let margin = (query_bytes * 3).max(400);
    let mut out: Vec<Candidate> = Vec::new();
    for passage in corpus.passages(&query, CANDIDATES) {
        let Some(source) = corpus.source(passage.location.source) else {
            continue;
        };
        let window = widen(&source.text, passage.location.span, margin);
        let Some(slice) = source.text.get(window.start..window.end) else {
            continue;
        };
        let ws: Vec<Word> = words(slice)
            .into_iter()
            .map(|w| Word {
                span: Span::new(w.span.start + window.start, w.span.end + window.start),
                norm: w.norm,
            })
            .collect();
        let Some(alignment) = align(pattern, &ws) else {
            continue;
        };
        let cand = Candidate {
            source,
            words: ws,
            alignment,
        };
        // Keep one candidate per stretch of one source.
        if let Some(existing) = out.iter_mut().find(|c| {
            c.source.id == cand.source.id
                && c.alignment.source_span.overlaps(cand.alignment.source_span)
        }) {
            if rank(&cand) < rank(existing) {
                *existing = cand;
            }
            continue;
        }
        out.push(cand);
    }
    out.sort_by_key(rank);
    out
}

/// Sort key, smaller is better: exact first, then most words matched, fewest changes.
fn rank(c: &Candidate) -> (bool, std::cmp::Reverse<usize>, usize, u32) {
    (
        !c.alignment.exact,
        std::cmp::Reverse(c.alignment.matched),
        c.alignment.changes(),
        c.source.id.0,
    )
}

/// `span` grown by `margin` bytes each side, to whole words and char boundaries.
fn widen(text: &str, span: Span, margin: usize) -> Span {
    let mut start = span.start.saturating_sub(margin).min(text.len());
    while start > 0 && !text.is_char_boundary(start) {
        start -= 1;
    }
    if start > 0 {
        // Start after a whitespace, so the first word is whole.
        match text[start..].find(char::is_whitespace) {
            Some(off) if start + off < span.start.min(text.len()) => start += off,
            _ => {}
        }
    }
    let mut end = span.end.saturating_add(margin).min(text.len());
    while end < text.len() && !text.is_char_boundary(end) {
        end += 1;
    }
    if end < text.len() {
        if let Some(off) = text[end..].find(char::is_whitespace) {
            end += off;
        } else {
            end = text.len();
        }
    }
    Span::new(start.min(end), end)
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
    findings: &mut Vec<Finding>,
) -> QuoteVerdict {
    let first = chain[0];
    let total = pattern.word_count();
    let draft_who = speakers::draft_speaker(analysis, first);
    let exact: Vec<&Candidate> = candidates.iter().filter(|c| c.alignment.exact).collect();
    // The matches that carry this quote: the verbatim ones if any, else the good ones
    // that match as well as the best.
    let carrying: Vec<&Candidate> = if !exact.is_empty() {
        exact.clone()
    } else if total >= FRAGMENT_WORDS {
        let best = candidates.first().filter(|c| c.good());
        match best {
            Some(b) => candidates
                .iter()
                .filter(|c| c.good() && c.alignment.matched == b.alignment.matched)
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
            diff: c.alignment.diff(pattern, draft, &c.source.text, &c.words),
            exact: c.alignment.exact,
        })
        .collect();
    let mut speakers_found: Vec<(Who, SourceSpeaker, Location)> = Vec::new();
    for c in &carrying {
        if let Some((who, at)) = speakers::source_speaker(&c.source, c.alignment.source_span) {
            let name = corpus
                .entities_named(&who.display)
                .first()
                .map_or_else(|| who.display.clone(), |e| e.canonical.clone());
            speakers_found.push((who, SourceSpeaker { name, location: at }, c.location()));
        }
    }
    let mut verdict = QuoteVerdict {
        quote: first,
        span: analysis.quotes[first].span,
        status: QuoteStatus::Verified,
        matches,
        speakers: speakers_found.iter().map(|(_, s, _)| s.clone()).collect(),
        draft_speaker: draft_who.as_ref().map(|(w, _)| w.display.clone()),
    };

    if total < FRAGMENT_WORDS {
        // A fragment: confirmed when verbatim, otherwise nothing is said.
        if exact.is_empty() {
            verdict.status = QuoteStatus::Unchecked;
        }
        return verdict;
    }

    if carrying.is_empty() {
        if total >= CLAIM_WORDS {
            verdict.status = QuoteStatus::Unsourced;
            for &i in chain {
                let q = &analysis.quotes[i];
                findings.push(Finding {
                    code: FindingCode::UnsourcedQuote,
                    severity: FindingCode::UnsourcedQuote.default_severity(),
                    span: q.inner,
                    message: format!(
                        "no source contains this quote ({} searched)",
                        plural(corpus.source_count(), "source")
                    ),
                    evidence: Vec::new(),
                    fix: None,
                    key: q.text.clone(),
                    quote: Some(i),
                });
            }
        } else {
            verdict.status = QuoteStatus::Unchecked;
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
        return verdict;
    }

    if exact.is_empty() {
        verdict.status = QuoteStatus::Altered;
        if let Some(best) = carrying.first() {
            altered(draft, analysis, corpus, chain, pattern, best, findings);
        }
    }

    // Who said it.
    if total >= CLAIM_WORDS {
        if let Some((who, mention)) = &draft_who {
            let verdicts: Vec<Option<bool>> = speakers_found
                .iter()
                .map(|(src, _, _)| speakers::same_person(who, src, corpus, options))
                .collect();
            let any_same = verdicts.contains(&Some(true));
            let different: Vec<&(Who, SourceSpeaker, Location)> = speakers_found
                .iter()
                .zip(&verdicts)
                .filter(|(_, v)| **v == Some(false))
                .map(|(s, _)| s)
                .collect();
            if !any_same && !different.is_empty() {
                verdict.status = QuoteStatus::Misattributed;
                let right = &different[0].1.name;
                let quote_places: Vec<Location> = different.iter().map(|d| d.2).collect();
                let mut evidence_locs = quote_places.clone();
                evidence_locs.extend(different.iter().map(|d| d.1.location));
                let by_name = matches!(mention.kind, MentionKind::Name | MentionKind::TitledName)
                    && !mention.inherited
                    && mention.mention.end <= draft.len();
                let (span, fix) = if by_name {
                    (
                        mention.mention,
                        Some(replacement_name(&mention.mention_text, right)),
                    )
                } else {
                    (analysis.quotes[first].inner, None)
                };
                findings.push(Finding {
                    code: FindingCode::MisattributedQuote,
                    severity: FindingCode::MisattributedQuote.default_severity(),
                    span,
                    message: format!(
                        "the sources attribute this quote to {} ({}), not to {}",
                        right,
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
    let words_in_mention = speakers::name_key(mention).len();
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
        let a = best.alignment.for_part(pattern, part, &best.words);
        if a.changes() == 0 {
            continue;
        }
        let q = &analysis.quotes[i];
        let diff = a.diff(pattern, draft, &best.source.text, &best.words);
        let source_words = a.source_span.slice(&best.source.text);
        let fix = (!source_words.is_empty()).then(|| {
            let inner = q.inner.slice(draft);
            format!(
                "{}{}{}",
                leading_punct(inner),
                source_words,
                trailing_punct(inner)
            )
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

    const SOURCE: &str = "Pompeo spoke first. Mizintsev said \u{201c}The Russian proposals are currently being examined by the US side,\u{201d} he said. \u{201c}It\u{2019}s important that at the right time, through a voluntary mechanism, the refugees are able to return,\u{201d} Pompeo told reporters.";

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
