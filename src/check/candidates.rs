//! Finding where a draft quote could be in the corpus, and aligning it there: the
//! passages the index suggests, and for fragments too short for the index, the
//! neighbourhood of the speaker's mentions. Best candidates first.

use std::sync::Arc;

use crate::analysis::normalize::{words, Word};
use crate::analysis::{Analysis, Span};
use crate::corpus::{CorpusIndex, Location, Source};

use super::matching::{align, Alignment, Pattern};
use super::quotes::{ALTERED_MIN_RATIO, ALTERED_MIN_WORDS};
use super::CheckOptions;

/// How many candidate passages to align per quote.
const CANDIDATES: usize = 12;

/// One aligned candidate.
pub struct Candidate {
    pub source: Arc<Source>,
    /// The source words of the window aligned against (spans into the source text).
    pub words: Vec<Word>,
    pub alignment: Alignment,
}

impl Candidate {
    pub fn good(&self) -> bool {
        self.alignment.exact
            || (self.alignment.ratio() >= ALTERED_MIN_RATIO
                && self.alignment.matched >= ALTERED_MIN_WORDS)
    }

    pub fn location(&self) -> Location {
        Location {
            source: self.source.id,
            span: self.alignment.source_span,
        }
    }
}

/// Align the pattern against the passages the corpus suggests, best first.
pub fn candidates(pattern: &Pattern, corpus: &dyn CorpusIndex) -> Vec<Candidate> {
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
        let Some(cand) = candidate_in(pattern, source, window) else {
            continue;
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

/// Where the corpus mentions the person the draft says spoke quote `index` (at most 64).
pub fn speaker_mentions(
    analysis: &Analysis,
    index: usize,
    corpus: &dyn CorpusIndex,
    options: &CheckOptions,
) -> Vec<Location> {
    let Some(entity) = analysis
        .quotes
        .get(index)
        .and_then(|q| q.speaker.as_ref())
        .and_then(|sp| sp.entity)
        .and_then(|id| analysis.entity(id))
    else {
        return Vec::new();
    };
    super::people::corpus_entity(entity, corpus, options)
        .map(|e| e.mentions.iter().take(64).copied().collect())
        .unwrap_or_default()
}

/// Align the pattern in windows around `near`, one window per stretch of a source.
pub fn candidates_near(
    pattern: &Pattern,
    corpus: &dyn CorpusIndex,
    near: &[Location],
) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    let mut windows: Vec<(crate::corpus::SourceId, Span)> = Vec::new();
    for l in near {
        let Some(source) = corpus.source(l.source) else {
            continue;
        };
        let w = widen(&source.text, l.span, 600);
        if windows
            .iter()
            .any(|(id, s)| *id == l.source && s.contains_span(w))
        {
            continue;
        }
        windows.push((l.source, w));
        if let Some(c) = candidate_in(pattern, source, w) {
            if c.alignment.exact
                && !out.iter().any(|o| {
                    o.source.id == c.source.id && o.alignment.source_span == c.alignment.source_span
                })
            {
                out.push(c);
            }
        }
    }
    out
}

pub fn candidate_in(pattern: &Pattern, source: Arc<Source>, window: Span) -> Option<Candidate> {
    let slice = source.text.get(window.start..window.end)?;
    let ws: Vec<Word> = words(slice)
        .into_iter()
        .map(|w| Word {
            span: Span::new(w.span.start + window.start, w.span.end + window.start),
            norm: w.norm,
        })
        .collect();
    let alignment = align(pattern, &ws)?;
    Some(Candidate {
        source,
        words: ws,
        alignment,
    })
}

/// Sort key, smaller is better: exact first, then most words matched, fewest changes.
pub fn rank(c: &Candidate) -> (bool, std::cmp::Reverse<usize>, usize, u32) {
    (
        !c.alignment.exact,
        std::cmp::Reverse(c.alignment.matched),
        c.alignment.changes(),
        c.source.id.0,
    )
}

/// `span` grown by `margin` bytes each side, to whole words and char boundaries.
pub fn widen(text: &str, span: Span, margin: usize) -> Span {
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
