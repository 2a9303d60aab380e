//! Finding where a draft quote could be in the corpus, and aligning it there: the
//! passages the index suggests, and for fragments too short for the index, the
//! neighbourhood of the speaker's mentions. Best candidates first.

use std::sync::Arc;

use crate::analysis::normalize::{norm_hash, words, Word};
use crate::analysis::{Analysis, Span};
use crate::index::{CorpusIndex, Location, Source};

use super::matching::{align_equivalent, align_hashed, Alignment, Element, Pattern};
use super::quote_verdicts::{ALTERED_MIN_RATIO, ALTERED_MIN_WORDS};
use super::word_cache::{SourceWords, WindowWords, WordCache};
use super::CheckOptions;

/// How many candidate passages to align per quote.
const CANDIDATES: usize = 12;

/// One aligned candidate.
pub struct Candidate {
    pub source: Arc<Source>,
    /// The source words of the window aligned against (spans into the source text).
    pub window: WindowWords,
    pub alignment: Alignment,
}

impl Candidate {
    pub fn good(&self) -> bool {
        self.alignment.exact
            || (self.alignment.ratio() >= ALTERED_MIN_RATIO
                && self.alignment.evidence_words() >= ALTERED_MIN_WORDS)
    }

    pub fn location(&self) -> Location {
        Location {
            source: self.source.id,
            span: self.alignment.source_span,
        }
    }

    /// The source words of the window aligned against.
    pub fn words(&self) -> &[Word] {
        self.window.words()
    }
}

/// The hash of each pattern element's word ([`norm_hash`]; 0 for a bracket), for
/// [`align_hashed`].
pub fn element_hashes(pattern: &Pattern) -> Vec<u64> {
    pattern
        .elements
        .iter()
        .map(|e| match e {
            Element::Word(w) => norm_hash(&w.norm),
            Element::Bracket { .. } => 0,
        })
        .collect()
}

/// Align the pattern against the passages the corpus suggests, best first. Source words
/// come from `cache`.
pub fn candidates(
    pattern: &Pattern,
    corpus: &dyn CorpusIndex,
    cache: &WordCache,
) -> Vec<Candidate> {
    let query = pattern.query_words();
    if query.is_empty() {
        return Vec::new();
    }
    let hashes = element_hashes(pattern);
    let query_bytes: usize = query.iter().map(|w| w.len() + 1).sum();
    let margin = (query_bytes * 3).max(400);
    let mut out: Vec<Candidate> = Vec::new();
    for passage in corpus.passages(&query, CANDIDATES) {
        let Some(sw) = cache.get(corpus, passage.location.source) else {
            continue;
        };
        let Some(source) = sw.source(corpus) else {
            continue;
        };
        let window = widen(&sw.text, passage.location.span, margin);
        let Some(cand) = candidate_in(pattern, &hashes, &sw, source, window) else {
            continue;
        };
        let cand = within_quotation(pattern, &hashes, cand);
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

/// The verbatim alignments of the pattern in windows around `near`, one window per
/// stretch of a source. A window that lacks one of the pattern's words cannot hold it
/// verbatim and is not aligned; a source is analysed only when one of its windows
/// holds the pattern.
pub fn candidates_near(
    pattern: &Pattern,
    corpus: &dyn CorpusIndex,
    near: &[Location],
    cache: &WordCache,
) -> Vec<Candidate> {
    let hashes = element_hashes(pattern);
    let mut needed: Vec<u64> = pattern
        .elements
        .iter()
        .zip(&hashes)
        .filter(|(e, _)| matches!(e, Element::Word(_)))
        .map(|(_, h)| *h)
        .collect();
    needed.sort_unstable();
    needed.dedup();
    let mut out: Vec<Candidate> = Vec::new();
    let mut windows: Vec<(crate::index::SourceId, Span)> = Vec::new();
    for l in near {
        let Some(sw) = cache.get(corpus, l.source) else {
            continue;
        };
        let w = widen(&sw.text, l.span, 600);
        if windows
            .iter()
            .any(|(id, s)| *id == l.source && s.contains_span(w))
        {
            continue;
        }
        windows.push((l.source, w));
        let Some(words) = sw.window(w) else {
            continue;
        };
        if !holds_all(&needed, &words.hashes()) {
            continue;
        }
        let Some(alignment) = align_hashed(pattern, &hashes, words.words(), &words.hashes()) else {
            continue;
        };
        if alignment.exact
            && !out
                .iter()
                .any(|o| o.source.id == sw.id && o.alignment.source_span == alignment.source_span)
        {
            let Some(source) = sw.source(corpus) else {
                continue;
            };
            out.push(Candidate {
                source,
                window: words,
                alignment,
            });
        }
    }
    out
}

/// Whether every hash of `needed` (sorted, distinct) is among `hashes`. An empty
/// `needed` is held (the alignment decides).
fn holds_all(needed: &[u64], hashes: &[u64]) -> bool {
    if needed.is_empty() {
        return true;
    }
    let mut found = vec![false; needed.len()];
    let mut left = needed.len();
    for h in hashes {
        if let Ok(k) = needed.binary_search(h) {
            if !found[k] {
                found[k] = true;
                left -= 1;
                if left == 0 {
                    return true;
                }
            }
        }
    }
    false
}

/// The pattern aligned in `window` of a source (`hashes` from [`element_hashes`]).
pub fn candidate_in(
    pattern: &Pattern,
    hashes: &[u64],
    sw: &Arc<SourceWords>,
    source: Arc<Source>,
    window: Span,
) -> Option<Candidate> {
    let words = sw.window(window)?;
    let alignment = align_hashed(pattern, hashes, words.words(), &words.hashes())?;
    Some(Candidate {
        source,
        window: words,
        alignment,
    })
}

/// The share of the quote's words a match needs before it is aligned again within its
/// quotation ([`within_quotation`]).
const NEAR_ENOUGH: f32 = 0.5;

/// Most words an attribution between two quotes of one speaker has ("Clinton said",
/// "she continued", "Pence said in the statement"): farther apart, they are two quotes.
const ATTRIBUTION_WORDS: usize = 8;

/// The quotes of `source` that make one quotation with quote `at`: the quotes before and
/// after it with only the attribution of one speaker between them, in one paragraph
/// ("“How many times ...?” Clinton said. “In Tulsa, ...”"). As a range of quote indices.
pub fn quotation_run(source: &Source, at: usize) -> std::ops::Range<usize> {
    let quotes = &source.analysis.quotes;
    let joined = |i: usize| {
        // Whether quote i carries on quote i - 1.
        let (p, q) = (&quotes[i - 1], &quotes[i]);
        if q.continues_previous {
            return true;
        }
        let gap = Span::new(p.span.end.min(q.span.start), q.span.start);
        let between = gap.slice(&source.text);
        if between.contains('\n') || words(between).len() > ATTRIBUTION_WORDS {
            return false;
        }
        let attributed_between = [p.speaker.as_ref(), q.speaker.as_ref()]
            .into_iter()
            .flatten()
            .any(|sp| gap.contains_span(sp.mention));
        let same_speaker = match (&p.speaker, &q.speaker) {
            (_, None) => true,
            (Some(a), Some(b)) => b.inherited || a.mention == b.mention,
            (None, Some(b)) => b.inherited,
        };
        attributed_between && same_speaker
    };
    let mut from = at.min(quotes.len());
    while from > 0 && from < quotes.len() && joined(from) {
        from -= 1;
    }
    let mut to = (at + 1).min(quotes.len());
    while to < quotes.len() && joined(to) {
        to += 1;
    }
    from..to
}

/// The words of quotes `run` of `source`, in order (spans into its text), without the
/// words an editor added in [square brackets]: what the speaker said, as the source
/// prints it.
pub fn quotation_words(source: &Source, run: std::ops::Range<usize>) -> Vec<Word> {
    let text: &str = &source.text;
    let mut out = Vec::new();
    for q in source.analysis.quotes.get(run).unwrap_or(&[]) {
        let Some(inner) = text.get(q.inner.start..q.inner.end) else {
            continue;
        };
        let mut depth = 0usize;
        let mut brackets: Vec<Span> = Vec::new();
        let mut open = 0;
        for (i, c) in inner.char_indices() {
            match c {
                '[' => {
                    if depth == 0 {
                        open = i;
                    }
                    depth += 1;
                }
                ']' if depth > 0 => {
                    depth -= 1;
                    if depth == 0 {
                        brackets.push(Span::new(open, i + 1));
                    }
                }
                _ => {}
            }
        }
        for w in words(inner) {
            if brackets.iter().any(|b| b.contains_span(w.span)) {
                continue;
            }
            out.push(Word {
                span: Span::new(w.span.start + q.inner.start, w.span.end + q.inner.start),
                norm: w.norm,
            });
        }
    }
    out
}

/// A near match aligned again against the words of the source quotation it lies in
/// ([`quotation_run`], [`quotation_words`]): the source's attribution between two parts
/// of the quotation is not a change, the match never runs past the quotation into
/// narrative or another speaker's quote, and draft words before or after the quotation
/// are uncovered rather than added. Verbatim matches, matches that are not near, and
/// matches outside quotations are kept as they are.
pub fn within_quotation(pattern: &Pattern, hashes: &[u64], c: Candidate) -> Candidate {
    // A match far from the quote to begin with is left as it is (words written otherwise
    // and an attribution left out make a near match closer, not a far one near).
    if c.alignment.exact || c.alignment.ratio() < NEAR_ENOUGH {
        return c;
    }
    let Some(at) = super::speakers::quotation_at(&c.source.analysis, c.alignment.source_span)
    else {
        return c;
    };
    let run = quotation_run(&c.source, at);
    let words = quotation_words(&c.source, run);
    let word_hashes: Vec<u64> = words.iter().map(|w| norm_hash(&w.norm)).collect();
    let Some(alignment) = align_equivalent(pattern, hashes, &words, &word_hashes) else {
        return c;
    };
    Candidate {
        alignment: alignment.uncover_edges(&words),
        window: WindowWords::Own(Arc::new(words)),
        source: c.source,
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::normalize::words;
    use crate::check::matching::align;
    use crate::check::testkit::TestCorpus;
    use crate::index::SourceId;

    const A: &str = "Officials met on Monday. Mizintsev said \u{201c}Specific proposals on how work could be organised to ensure that refugees can return home have been sent to the American side,\u{201d} he said. Later he added that the U.S. had not answered. \u{201c}We are waiting,\u{201d} Mizintsev said.";
    const B: &str = "In Moscow, Mizintsev repeated that \u{201c}refugees can return home\u{201d} and that the proposals [were] sent. Nothing else was said by Mizintsev about the American side.";

    /// The verbatim alignments around the given places, found the way the check did
    /// before windows lacking a word were skipped: every window tokenized and aligned.
    fn near_by_aligning_every_window(
        pattern: &Pattern,
        corpus: &TestCorpus,
        near: &[Location],
    ) -> Vec<(Location, Alignment)> {
        let mut out: Vec<(Location, Alignment)> = Vec::new();
        let mut windows: Vec<(SourceId, Span)> = Vec::new();
        for l in near {
            let source = corpus.source(l.source).expect("source");
            let w = widen(&source.text, l.span, 600);
            if windows
                .iter()
                .any(|(id, s)| *id == l.source && s.contains_span(w))
            {
                continue;
            }
            windows.push((l.source, w));
            let ws: Vec<Word> = words(&source.text[w.start..w.end])
                .into_iter()
                .map(|x| Word {
                    span: Span::new(x.span.start + w.start, x.span.end + w.start),
                    norm: x.norm,
                })
                .collect();
            if let Some(a) = align(pattern, &ws) {
                let loc = Location {
                    source: l.source,
                    span: a.source_span,
                };
                if a.exact && !out.iter().any(|(o, _)| *o == loc) {
                    out.push((loc, a));
                }
            }
        }
        out
    }

    /// Skipping the windows that lack a word of the quote finds exactly the verbatim
    /// alignments that aligning every window finds, for quotes being typed, changed,
    /// cut with an ellipsis or a bracket, and verbatim ones.
    #[test]
    fn windows_lacking_a_word_hold_no_verbatim_quote() {
        let mut corpus = TestCorpus::default();
        let a = corpus.add("a.txt", A, Default::default());
        let b = corpus.add("b.txt", B, Default::default());
        let mut near = Vec::new();
        for (id, text) in [(a, A), (b, B)] {
            for (at, _) in text.match_indices("Mizintsev") {
                near.push(Location {
                    source: id,
                    span: Span::new(at, at + "Mizintsev".len()),
                });
            }
        }
        let cache = WordCache::default();
        let quotes = [
            "refugees can return home",
            "refugees can return hom",
            "refugees can retur",
            "refugees can return homes",
            "Specific proposals ... have been sent to the American side",
            "Specific proposals \u{2026} have been sent to the Russian side",
            "the proposals [were] sent",
            "the proposals [have been] sent",
            "We are waiting",
            "the US had not answered",
            "refugees",
            "xq",
        ];
        let mut found = 0;
        for q in quotes {
            let pattern = Pattern::new(q, &[Span::new(0, q.len())]);
            let got: Vec<(Location, Alignment)> = candidates_near(&pattern, &corpus, &near, &cache)
                .into_iter()
                .map(|c| (c.location(), c.alignment))
                .collect();
            let want = near_by_aligning_every_window(&pattern, &corpus, &near);
            assert_eq!(got, want, "{q}");
            found += want.len();
        }
        assert!(found >= 6, "the test finds verbatim quotes: {found}");
        // The second round reads no source again.
        let (made, _) = cache.stats();
        assert_eq!(made, 2);
    }
}
