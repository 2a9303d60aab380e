//! Aligning a draft quote with source text, word by word.
//!
//! A draft quote becomes a [`Pattern`]: its normalised words (see
//! [`crate::analysis::normalize`], which already folds case, quotation mark and
//! apostrophe style, dashes and US/UK spelling), with the places where the draft says it
//! left words out ("..." or "…", and the join of a quote split by its attribution), and
//! its [square-bracketed] editorial substitutions. [`align`] finds the stretch of source
//! words that the pattern fits best, allowing what journalism allows for free (a fragment
//! of a longer quote, omissions where marked, a bracket standing for a few source words)
//! and counting everything else as a change of wording.
//!
//! Pure and bounded: the cost is the pattern length times the window length.

use crate::analysis::normalize::{norm_hash, Word};
use crate::analysis::Span;

use super::diff::{DiffKind, WordDiff};
pub use super::pattern::{Element, Pattern, PatternWord};
use super::same_words;

/// How many source words one [bracketed] insertion may stand for.
const BRACKET_MAX_SOURCE_WORDS: usize = 6;

/// One step of an alignment. Indices are into the pattern's elements (`d`) and the
/// source words (`s`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// The same word on both sides.
    Same { d: usize, s: usize },
    /// A draft word in place of a different source word.
    Replaced { d: usize, s: usize },
    /// A draft word the source does not have.
    DraftOnly { d: usize },
    /// A source word the draft leaves out without saying so.
    SourceOnly { s: usize },
    /// A source word the draft leaves out at an ellipsis or a split: allowed.
    Omitted { s: usize },
    /// A bracketed substitution standing for source words `s_from..s_to` (maybe none).
    Bracket {
        d: usize,
        s_from: usize,
        s_to: usize,
    },
    /// Draft words `d..d_to` are source words `s..s_to` written otherwise (one word and
    /// two: a contraction and its expansion, a compound with or without its hyphen; or
    /// one and one: "cannot" and "can't"). See [`super::same_words`].
    Joined {
        d: usize,
        d_to: usize,
        s: usize,
        s_to: usize,
    },
    /// A draft word before the first or after the last word of a source quotation: the
    /// source does not show it, neither as said nor as changed.
    Uncovered { d: usize },
}

impl Step {
    /// The draft word this step is about, if any.
    pub fn draft(&self) -> Option<usize> {
        match *self {
            Step::Same { d, .. }
            | Step::Replaced { d, .. }
            | Step::DraftOnly { d }
            | Step::Bracket { d, .. }
            | Step::Joined { d, .. }
            | Step::Uncovered { d } => Some(d),
            _ => None,
        }
    }
}

/// The best fit of a pattern in a stretch of source words.
#[derive(Clone, Debug, PartialEq)]
pub struct Alignment {
    pub steps: Vec<Step>,
    /// The source words from the first to the last one aligned, as byte offsets into the
    /// text the source words point into.
    pub source_span: Span,
    /// Pattern words matched exactly.
    pub matched: usize,
    /// Pattern words (bracketed ones not counted).
    pub total: usize,
    /// Whether the pattern fits with only allowed differences.
    pub exact: bool,
}

impl Alignment {
    /// The share of the draft's words that the source has, in order (0 to 1).
    pub fn ratio(&self) -> f32 {
        if self.total == 0 {
            0.0
        } else {
            self.matched as f32 / self.total as f32
        }
    }

    /// How many changes of wording (replaced, added or dropped words).
    pub fn changes(&self) -> usize {
        self.steps
            .iter()
            .filter(|s| {
                matches!(
                    s,
                    Step::Replaced { .. } | Step::DraftOnly { .. } | Step::SourceOnly { .. }
                )
            })
            .count()
    }

    /// This alignment, made against the words of one source quotation (`source_len` of
    /// them), with the draft words it adds before the quotation's first word or after its
    /// last made [`Step::Uncovered`]: the draft quoting more of a speech than this source
    /// does is not a change of its wording.
    pub fn uncover_edges(self, source_words: &[Word]) -> Alignment {
        let mut steps = self.steps;
        let first = steps.iter().position(|s| step_source_start(s).is_some());
        let last = steps.iter().rposition(|s| step_source_end(s).is_some());
        let (Some(first), Some(last)) = (first, last) else {
            return finish(steps, source_words, self.total, self.source_span);
        };
        if step_source_start(&steps[first]) == Some(0) {
            for s in &mut steps[..first] {
                if let Step::DraftOnly { d } = *s {
                    *s = Step::Uncovered { d };
                }
            }
        }
        if step_source_end(&steps[last]) == Some(source_words.len()) {
            for s in &mut steps[last + 1..] {
                if let Step::DraftOnly { d } = *s {
                    *s = Step::Uncovered { d };
                }
            }
        }
        finish(steps, source_words, self.total, self.source_span)
    }

    /// How many words the source has in common with the draft, counted as the shorter
    /// side writes them: "I am" against "I'm" is one word of evidence, not two.
    pub fn evidence_words(&self) -> usize {
        self.steps
            .iter()
            .map(|s| match *s {
                Step::Same { .. } => 1,
                Step::Joined { d, d_to, s, s_to } => (d_to - d).min(s_to - s),
                _ => 0,
            })
            .sum()
    }

    /// Draft words the source does not show ([`Step::Uncovered`]).
    pub fn uncovered(&self) -> usize {
        self.steps
            .iter()
            .filter(|s| matches!(s, Step::Uncovered { .. }))
            .count()
    }

    /// The part of this alignment that covers the elements of part `part` of the pattern
    /// (source words left out are counted with the element before them).
    pub fn for_part(&self, pattern: &Pattern, part: usize, source_words: &[Word]) -> Alignment {
        let mut current = pattern.part.first().copied().unwrap_or(0);
        let mut steps = Vec::new();
        for step in &self.steps {
            if let Some(d) = step.draft() {
                current = pattern.part.get(d).copied().unwrap_or(current);
            }
            if current == part {
                steps.push(*step);
            }
        }
        // Source words left out at the edges of a part belong to the join, not the part.
        while matches!(steps.last(), Some(Step::Omitted { .. })) {
            steps.pop();
        }
        let total = (0..pattern.elements.len())
            .filter(|&d| pattern.part.get(d) == Some(&part))
            .filter(|&d| matches!(pattern.elements[d], Element::Word(_)))
            .count();
        finish(steps, source_words, total, self.source_span)
    }

    /// The word diff of this alignment, texts taken from `draft` and `source`.
    pub fn diff(
        &self,
        pattern: &Pattern,
        draft: &str,
        source: &str,
        source_words: &[Word],
    ) -> WordDiff {
        let mut diff = WordDiff::default();
        let sw = |s: usize| {
            source_words
                .get(s)
                .map_or("", |w| with_punct(source, w.span))
        };
        let dw = |d: usize| match pattern.elements.get(d) {
            Some(Element::Word(w)) => with_punct(draft, w.span),
            Some(Element::Bracket { span, .. }) => span.slice(draft),
            None => "",
        };
        for step in &self.steps {
            match *step {
                Step::Same { s, .. } => diff.push(DiffKind::Same, sw(s)),
                Step::Replaced { d, s } => {
                    diff.push(DiffKind::SourceOnly, sw(s));
                    diff.push(DiffKind::DraftOnly, dw(d));
                }
                Step::DraftOnly { d } => diff.push(DiffKind::DraftOnly, dw(d)),
                Step::SourceOnly { s } => diff.push(DiffKind::SourceOnly, sw(s)),
                Step::Omitted { s } => diff.push(DiffKind::Omitted, sw(s)),
                Step::Bracket { d, .. } => diff.push(DiffKind::Bracketed, dw(d)),
                Step::Joined { s, s_to, .. } => {
                    for k in s..s_to {
                        diff.push(DiffKind::Same, sw(k));
                    }
                }
                Step::Uncovered { .. } => {}
            }
        }
        normalise_replacements(diff)
    }
}

/// A word with the punctuation that follows it up to the next space ("mechanism,").
fn with_punct(text: &str, span: Span) -> &str {
    let rest = text.get(span.end..).unwrap_or("");
    let extra: usize = rest
        .chars()
        .take_while(|c| !c.is_whitespace() && !c.is_alphanumeric())
        .map(char::len_utf8)
        .sum();
    text.get(span.start..span.end + extra).unwrap_or("")
}

/// Order the runs of a replacement as "source, then draft", merging interleaved
/// replaced words into one run per side.
fn normalise_replacements(diff: WordDiff) -> WordDiff {
    let mut out = WordDiff::default();
    let mut src: Vec<String> = Vec::new();
    let mut drf: Vec<String> = Vec::new();
    let flush = |out: &mut WordDiff, src: &mut Vec<String>, drf: &mut Vec<String>| {
        if !src.is_empty() {
            out.push(DiffKind::SourceOnly, &src.join(" "));
            src.clear();
        }
        if !drf.is_empty() {
            out.push(DiffKind::DraftOnly, &drf.join(" "));
            drf.clear();
        }
    };
    for part in diff.parts {
        match part.kind {
            DiffKind::SourceOnly => src.push(part.text),
            DiffKind::DraftOnly => drf.push(part.text),
            kind => {
                flush(&mut out, &mut src, &mut drf);
                out.push(kind, &part.text);
            }
        }
    }
    flush(&mut out, &mut src, &mut drf);
    out
}

const SAME: i32 = 2;
const REPLACED: i32 = -1;
const DRAFT_ONLY: i32 = -1;
const SOURCE_ONLY: i32 = -1;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Back {
    Start,
    Diag,
    Up,
    Left,
    LeftFree,
    Bracket(u8),
    /// (draft words, source words) the same written otherwise.
    Join(u8, u8),
}

/// Align `pattern` with the best-fitting stretch of `source_words` (semi-global: the
/// whole pattern, any stretch of the source). `None` when either is empty.
pub fn align(pattern: &Pattern, source_words: &[Word]) -> Option<Alignment> {
    let pattern_hashes: Vec<u64> = pattern
        .elements
        .iter()
        .map(|e| match e {
            Element::Word(w) => norm_hash(&w.norm),
            Element::Bracket { .. } => 0,
        })
        .collect();
    let source_hashes: Vec<u64> = source_words.iter().map(|w| norm_hash(&w.norm)).collect();
    align_hashed(pattern, &pattern_hashes, source_words, &source_hashes)
}

/// [`align`], given the [`norm_hash`] of each pattern element's word (anything for a
/// bracket) and of each source word, so that most word comparisons compare two numbers.
/// Words are the same only when their normalised forms are equal, whatever the hashes.
pub fn align_hashed(
    pattern: &Pattern,
    pattern_hashes: &[u64],
    source_words: &[Word],
    source_hashes: &[u64],
) -> Option<Alignment> {
    align_words(pattern, pattern_hashes, source_words, source_hashes, false)
}

/// [`align_hashed`], where words written otherwise are also the same words (a contraction
/// and its expansion, a compound with or without its hyphen: [`super::same_words`],
/// [`Step::Joined`]). Dearer: used on the few stretches that come near the quote.
pub fn align_equivalent(
    pattern: &Pattern,
    pattern_hashes: &[u64],
    source_words: &[Word],
    source_hashes: &[u64],
) -> Option<Alignment> {
    align_words(pattern, pattern_hashes, source_words, source_hashes, true)
}

fn align_words(
    pattern: &Pattern,
    pattern_hashes: &[u64],
    source_words: &[Word],
    source_hashes: &[u64],
    equivalents: bool,
) -> Option<Alignment> {
    let m = pattern.elements.len();
    let n = source_words.len();
    if m == 0 || n == 0 || pattern_hashes.len() != m || source_hashes.len() != n {
        return None;
    }
    let same_word = |w: &PatternWord, i: usize, j: usize| {
        pattern_hashes[i] == source_hashes[j] && w.norm == source_words[j].norm
    };
    // What the words written otherwise need (see [`super::same_words`]): each word's
    // length and whether it has an apostrophe, so most pairs are ruled out by a compare.
    let pword = |i: usize| match &pattern.elements[i] {
        Element::Word(w) => Some(w.norm.as_str()),
        Element::Bracket { .. } => None,
    };
    let m_eq = if equivalents { m } else { 0 };
    let plen: Vec<usize> = (0..m_eq)
        .map(|i| pword(i).map_or(usize::MAX / 4, str::len))
        .collect();
    let pcontract: Vec<bool> = (0..m_eq)
        .map(|i| pword(i).is_some_and(same_words::may_contract))
        .collect();
    // pair[i]: elements i-1 and i are two words of one part with no gap between them.
    let pair: Vec<bool> = (0..m_eq)
        .map(|i| {
            i > 0
                && pword(i - 1).is_some()
                && pword(i).is_some()
                && pattern.part.get(i - 1) == pattern.part.get(i)
                && !pattern.gap_before.get(i).copied().unwrap_or(false)
        })
        .collect();
    // Per source word: its length, its first byte, and whether it may be a contraction
    // (two words written otherwise start alike: most pairs fail on the first byte).
    let sinfo: Vec<(usize, u8, bool)> = source_words
        .iter()
        .take(if equivalents { usize::MAX } else { 0 })
        .map(|w| {
            (
                w.norm.len(),
                w.norm.as_bytes().first().copied().unwrap_or(0),
                same_words::may_contract(&w.norm),
            )
        })
        .collect();
    let pfirst: Vec<u8> = (0..m_eq)
        .map(|i| {
            pword(i)
                .and_then(|w| w.as_bytes().first().copied())
                .unwrap_or(0)
        })
        .collect();
    let width = n + 1;
    let mut score = vec![0i32; (m + 1) * width];
    let mut back = vec![Back::Start; (m + 1) * width];
    let at = |i: usize, j: usize| i * width + j;
    for i in 1..=m {
        let idx = at(i, 0);
        score[idx] = score[at(i - 1, 0)] + element_skip_cost(&pattern.elements[i - 1]);
        back[idx] = match pattern.elements[i - 1] {
            Element::Bracket { .. } => Back::Bracket(0),
            Element::Word(_) => Back::Up,
        };
    }
    for i in 1..=m {
        let el = &pattern.elements[i - 1];
        // Source words skipped after element i-1 (i.e. before element i) are free when
        // the next element follows a gap.
        let free_skip = pattern.gap_before.get(i).copied().unwrap_or(false);
        for j in 1..=n {
            let mut best;
            let mut how;
            match el {
                Element::Word(w) => {
                    let same = same_word(w, i - 1, j - 1);
                    best = score[at(i - 1, j - 1)] + if same { SAME } else { REPLACED };
                    how = Back::Diag;
                    let up = score[at(i - 1, j)] + DRAFT_ONLY;
                    if up > best {
                        best = up;
                        how = Back::Up;
                    }
                    if equivalents {
                        let s1 = &source_words[j - 1].norm;
                        let (s1_len, s1_first, s1_contract) = sinfo[j - 1];
                        // One word and one: "can't" and "cannot".
                        if !same
                            && s1_first == pfirst[i - 1]
                            && (pcontract[i - 1] || s1_contract)
                            && same_words::one_is_one(&w.norm, s1)
                        {
                            let v = score[at(i - 1, j - 1)] + SAME;
                            if v > best {
                                best = v;
                                how = Back::Join(1, 1);
                            }
                        }
                        // Two draft words and one source word: "we have" and "we've".
                        if i >= 2 && pair[i - 1] && s1_first == pfirst[i - 2] {
                            let (a, b) = (plen[i - 2], plen[i - 1]);
                            if (s1_len == a + b || s1_len == a + b + 1 || s1_contract)
                                && pword(i - 2)
                                    .is_some_and(|a| same_words::one_is_two(s1, a, &w.norm))
                            {
                                let v = score[at(i - 2, j - 1)] + 2 * SAME;
                                if v > best {
                                    best = v;
                                    how = Back::Join(2, 1);
                                }
                            }
                        }
                        // One draft word and two source words: "we've" and "we have".
                        if j >= 2 && sinfo[j - 2].1 == pfirst[i - 1] {
                            let (a, b) = (sinfo[j - 2].0, s1_len);
                            if (plen[i - 1] == a + b
                                || plen[i - 1] == a + b + 1
                                || pcontract[i - 1])
                                && same_words::one_is_two(&w.norm, &source_words[j - 2].norm, s1)
                            {
                                let v = score[at(i - 1, j - 2)] + SAME;
                                if v > best {
                                    best = v;
                                    how = Back::Join(1, 2);
                                }
                            }
                        }
                    }
                }
                Element::Bracket { .. } => {
                    best = score[at(i - 1, j)];
                    how = Back::Bracket(0);
                    for k in 1..=BRACKET_MAX_SOURCE_WORDS.min(j) {
                        let v = score[at(i - 1, j - k)];
                        if v > best {
                            best = v;
                            how = Back::Bracket(k as u8);
                        }
                    }
                }
            }
            if i < m {
                let left = score[at(i, j - 1)] + if free_skip { 0 } else { SOURCE_ONLY };
                if left > best {
                    best = left;
                    how = if free_skip {
                        Back::LeftFree
                    } else {
                        Back::Left
                    };
                }
            }
            score[at(i, j)] = best;
            back[at(i, j)] = how;
        }
    }
    // Best end: the whole pattern aligned, ending anywhere.
    let mut end = 0;
    for j in 0..=n {
        if score[at(m, j)] > score[at(m, end)] {
            end = j;
        }
    }
    // The last draft word against the next source word rather than against nothing:
    // "the law" for "the laws" is a word changed, not a word added.
    if end < n
        && back[at(m, end)] == Back::Up
        && back[at(m, end + 1)] == Back::Diag
        && score[at(m, end + 1)] == score[at(m, end)]
    {
        end += 1;
    }
    // Trace back.
    let mut steps = Vec::new();
    let (mut i, mut j) = (m, end);
    while i > 0 {
        match back[at(i, j)] {
            Back::Diag => {
                let same = match &pattern.elements[i - 1] {
                    Element::Word(w) => same_word(w, i - 1, j - 1),
                    Element::Bracket { .. } => false,
                };
                steps.push(if same {
                    Step::Same { d: i - 1, s: j - 1 }
                } else {
                    Step::Replaced { d: i - 1, s: j - 1 }
                });
                i -= 1;
                j -= 1;
            }
            Back::Up => {
                steps.push(Step::DraftOnly { d: i - 1 });
                i -= 1;
            }
            Back::Left => {
                steps.push(Step::SourceOnly { s: j - 1 });
                j -= 1;
            }
            Back::LeftFree => {
                steps.push(Step::Omitted { s: j - 1 });
                j -= 1;
            }
            Back::Join(dn, sn) => {
                let (dn, sn) = (usize::from(dn).min(i), usize::from(sn).min(j));
                steps.push(Step::Joined {
                    d: i - dn,
                    d_to: i,
                    s: j - sn,
                    s_to: j,
                });
                i -= dn;
                j -= sn;
            }
            Back::Bracket(k) => {
                let k = (k as usize).min(j);
                steps.push(Step::Bracket {
                    d: i - 1,
                    s_from: j - k,
                    s_to: j,
                });
                i -= 1;
                j -= k;
            }
            Back::Start => break,
        }
    }
    steps.reverse();
    let at_end = source_words[end.min(n - 1)].span.start;
    Some(finish(
        steps,
        source_words,
        pattern.word_count(),
        Span::new(at_end, at_end),
    ))
}

/// An alignment from its steps; `fallback` is its source span if no step has a source word.
fn finish(steps: Vec<Step>, source_words: &[Word], total: usize, fallback: Span) -> Alignment {
    let matched = steps
        .iter()
        .map(|s| match *s {
            Step::Same { .. } => 1,
            Step::Joined { d, d_to, .. } => d_to - d,
            _ => 0,
        })
        .sum();
    let first = steps.iter().find_map(step_source_start);
    let last = steps.iter().rev().find_map(step_source_end);
    let source_span = match (first, last) {
        (Some(a), Some(b)) => match (
            source_words.get(a),
            source_words.get(b.saturating_sub(1).max(a)),
        ) {
            (Some(x), Some(y)) => Span::new(x.span.start, y.span.end),
            _ => fallback,
        },
        _ => fallback,
    };
    let exact = matched == total
        && total > 0
        && !steps.iter().any(|s| {
            matches!(
                s,
                Step::Replaced { .. } | Step::DraftOnly { .. } | Step::SourceOnly { .. }
            )
        });
    Alignment {
        steps,
        source_span,
        matched,
        total,
        exact,
    }
}

fn element_skip_cost(el: &Element) -> i32 {
    match el {
        Element::Word(_) => DRAFT_ONLY,
        Element::Bracket { .. } => 0,
    }
}

fn step_source_start(step: &Step) -> Option<usize> {
    match *step {
        Step::Same { s, .. } | Step::Replaced { s, .. } | Step::Joined { s, .. } => Some(s),
        Step::Bracket { s_from, s_to, .. } if s_to > s_from => Some(s_from),
        _ => None,
    }
}

/// One past the last source word index of a step.
fn step_source_end(step: &Step) -> Option<usize> {
    match *step {
        Step::Same { s, .. } | Step::Replaced { s, .. } => Some(s + 1),
        Step::Joined { s_to, .. } => Some(s_to),
        Step::Bracket { s_from, s_to, .. } if s_to > s_from => Some(s_to),
        _ => None,
    }
}

#[cfg(test)]
#[path = "matching_tests.rs"]
mod tests;
