//! A draft quote as a pattern to align: its normalised words, where the draft says it
//! left words out ("..." or "…", and the join of a quote split by its attribution), and
//! its [square-bracketed] editorial substitutions.
//!
//! Pure; only reads the draft text it is given.

use crate::analysis::normalize::words;
use crate::analysis::Span;

/// One draft word of a pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatternWord {
    pub norm: String,
    /// Where it is in the draft.
    pub span: Span,
}

/// One element of a pattern: a word that must be matched, or a bracketed substitution
/// that stands for a few source words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Element {
    Word(PatternWord),
    /// `[the president]`: its words (which may or may not be in the source) and its span
    /// in the draft, brackets included.
    Bracket {
        words: Vec<PatternWord>,
        span: Span,
    },
}

/// A draft quote ready for alignment.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pattern {
    pub elements: Vec<Element>,
    /// `gap_before[i]`: source words may be left out before element `i` (an ellipsis, or
    /// the join between two parts of a split quote). Same length as `elements`.
    pub gap_before: Vec<bool>,
    /// `part[i]`: which of the parts given to [`Pattern::new`] element `i` comes from.
    pub part: Vec<usize>,
}

impl Pattern {
    /// The pattern of a quote made of `parts` (the inner spans of a quote and the quotes
    /// that continue it, in order) in `draft`.
    pub fn new(draft: &str, parts: &[Span]) -> Pattern {
        let mut p = Pattern::default();
        for (part_index, part) in parts.iter().enumerate() {
            let Some(inner) = draft.get(part.start..part.end) else {
                continue;
            };
            let mut pending_gap = part_index > 0;
            let brackets = bracket_ranges(inner);
            let ellipses = ellipsis_offsets(inner);
            let mut ellipsis_iter = ellipses.iter().peekable();
            let mut bracket_words: Vec<Vec<PatternWord>> = vec![Vec::new(); brackets.len()];
            let mut emitted_bracket = vec![false; brackets.len()];
            for w in words(inner) {
                while ellipsis_iter.peek().is_some_and(|&&e| e < w.span.start) {
                    ellipsis_iter.next();
                    pending_gap = true;
                }
                let span = Span::new(w.span.start + part.start, w.span.end + part.start);
                let pw = PatternWord { norm: w.norm, span };
                if let Some(b) = brackets
                    .iter()
                    .position(|r| r.start <= w.span.start && w.span.end <= r.end)
                {
                    bracket_words[b].push(pw);
                    if !emitted_bracket[b] {
                        emitted_bracket[b] = true;
                        p.push(
                            Element::Bracket {
                                words: Vec::new(),
                                span: Span::new(
                                    brackets[b].start + part.start,
                                    brackets[b].end + part.start,
                                ),
                            },
                            pending_gap,
                            part_index,
                        );
                        pending_gap = false;
                    }
                    continue;
                }
                p.push(Element::Word(pw), pending_gap, part_index);
                pending_gap = false;
            }
            // Fill the bracket elements with their words.
            for el in p.elements.iter_mut() {
                if let Element::Bracket { words, span } = el {
                    if let Some(b) = brackets.iter().position(|r| {
                        r.start + part.start == span.start && r.end + part.start == span.end
                    }) {
                        if words.is_empty() {
                            *words = std::mem::take(&mut bracket_words[b]);
                        }
                    }
                }
            }
        }
        p
    }

    fn push(&mut self, el: Element, gap: bool, part: usize) {
        self.elements.push(el);
        self.gap_before.push(gap);
        self.part.push(part);
    }

    /// How many words must be matched (bracketed words do not count).
    pub fn word_count(&self) -> usize {
        self.elements
            .iter()
            .filter(|e| matches!(e, Element::Word(_)))
            .count()
    }

    /// The words of part `part` of the pattern (the quotes of a chain are its parts).
    pub fn part_word_count(&self, part: usize) -> usize {
        self.elements
            .iter()
            .zip(&self.part)
            .filter(|(e, p)| matches!(e, Element::Word(_)) && **p == part)
            .count()
    }

    pub fn is_empty(&self) -> bool {
        self.elements.is_empty()
    }

    /// The normalised words to look up in an index (bracketed words left out).
    pub fn query_words(&self) -> Vec<String> {
        self.elements
            .iter()
            .filter_map(|e| match e {
                Element::Word(w) => Some(w.norm.clone()),
                Element::Bracket { .. } => None,
            })
            .collect()
    }
}

/// Byte ranges (within `inner`) of `[...]` groups, brackets included.
fn bracket_ranges(inner: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in inner.char_indices() {
        match c {
            '[' => open = Some(i),
            ']' => {
                if let Some(s) = open.take() {
                    out.push(Span::new(s, i + 1));
                }
            }
            _ => {}
        }
    }
    out
}

/// Byte offsets (within `inner`) of each ellipsis: "…", "...", ". . .".
fn ellipsis_offsets(inner: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let bytes = inner.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if inner[i..].starts_with('\u{2026}') {
            out.push(i);
            i += '\u{2026}'.len_utf8();
            continue;
        }
        if inner[i..].starts_with("...") || inner[i..].starts_with(". . .") {
            out.push(i);
            // Skip the whole run of dots and spaces.
            while i < bytes.len() && (bytes[i] == b'.' || bytes[i] == b' ') {
                i += 1;
            }
            continue;
        }
        i += inner[i..].chars().next().map_or(1, char::len_utf8);
    }
    out
}
