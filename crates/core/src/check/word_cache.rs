//! The words of the sources a check aligns quotes against, tokenized once and kept.
//!
//! Aligning a quote needs the normalised words of a window of source text. A check
//! looks at the same sources again and again: the passages of a quote being typed are
//! nearly the same from one keystroke to the next, and the windows around the speaker's
//! corpus mentions do not change at all. So each source's words (and their hashes, for a
//! cheap test of whether a window can hold a quote at all) are made once, and a window is
//! a range of them. [`SourceWords::window`] gives exactly the words that tokenizing the
//! window's text alone gives (a window cut at whitespace cuts no word; any other window is
//! tokenized on its own), so nothing the check decides changes.
//!
//! Words are made from the source's text alone ([`CorpusIndex::source_text`]); the
//! source's analysis is asked for only when a window holds a match
//! ([`SourceWords::source`]): the fallback that looks around the speaker's corpus
//! mentions reads dozens of sources and keeps few.
//!
//! Kept per corpus generation ([`WordCache::prepare`]) and bounded in bytes ([`MAX_BYTES`],
//! [`FOLDER_MAX_BYTES`] for a story folder);
//! plain data behind a mutex, no IO of its own (the corpus reads the sources).

use std::borrow::Cow;
use std::ops::Range;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

use rustc_hash::FxHashMap;

use crate::analysis::normalize::{norm_hash, words, Word};
use crate::analysis::Span;
use crate::index::{CorpusIndex, Source, SourceId};

/// Bytes of words kept by default and for an archive (a news article of 5 KB has ~900
/// words: ~50 KB), so that a few long pages cost what many short articles do.
pub const MAX_BYTES: usize = 8 << 20;

/// Bytes of words kept for a story folder: a draft's quotes and names look at a few
/// hundred sources, and with fewer kept each keystroke tokenizes them again.
pub const FOLDER_MAX_BYTES: usize = 128 << 20;

/// Texts longer than this (in bytes) are not tokenized whole: their words would cost
/// some 70 bytes each, hundreds of megabytes for a page of tens of megabytes, for the
/// few windows a check looks at. Each window of such a text is tokenized on its own.
pub const MAX_WHOLE_TEXT: usize = 2 << 20;

/// One source's text with its words, in order, spans into the text.
pub struct SourceWords {
    pub id: SourceId,
    pub text: Arc<str>,
    /// Empty for a text longer than [`MAX_WHOLE_TEXT`].
    pub words: Vec<Word>,
    /// `hashes[i]` is [`norm_hash`] of `words[i].norm`.
    pub hashes: Vec<u64>,
    /// Whether `words` are the whole text's.
    whole: bool,
    /// What the words and hashes hold (the text is the corpus's, shared).
    bytes: usize,
    /// The source read and analysed, once asked for.
    source: OnceLock<Option<Arc<Source>>>,
}

/// The words of one window of a source.
#[derive(Clone)]
pub enum WindowWords {
    /// A range of the source's words.
    Shared(Arc<SourceWords>, Range<usize>),
    /// A window that cuts a word: tokenized on its own (spans into the source text).
    Own(Arc<Vec<Word>>),
}

impl WindowWords {
    pub fn words(&self) -> &[Word] {
        match self {
            WindowWords::Shared(sw, r) => sw.words.get(r.clone()).unwrap_or(&[]),
            WindowWords::Own(w) => w,
        }
    }

    /// The words' hashes, computed for a window tokenized on its own.
    pub fn hashes(&self) -> Cow<'_, [u64]> {
        match self {
            WindowWords::Shared(sw, r) => Cow::Borrowed(sw.hashes.get(r.clone()).unwrap_or(&[])),
            WindowWords::Own(w) => Cow::Owned(w.iter().map(|w| norm_hash(&w.norm)).collect()),
        }
    }
}

impl SourceWords {
    pub fn of(id: SourceId, text: Arc<str>) -> SourceWords {
        let whole = text.len() <= MAX_WHOLE_TEXT;
        let words = if whole { words(&text) } else { Vec::new() };
        let hashes: Vec<u64> = words.iter().map(|w| norm_hash(&w.norm)).collect();
        let bytes = std::mem::size_of::<SourceWords>()
            + words.capacity() * std::mem::size_of::<Word>()
            + words.iter().map(|w| w.norm.capacity()).sum::<usize>()
            + hashes.capacity() * 8;
        SourceWords {
            id,
            text,
            words,
            hashes,
            whole,
            bytes,
            source: OnceLock::new(),
        }
    }

    /// The source itself, read and analysed by `corpus` the first time it is asked for;
    /// `None` when it cannot be, or when its text is no longer the text the words were
    /// made from (the file changed since).
    pub fn source(&self, corpus: &dyn CorpusIndex) -> Option<Arc<Source>> {
        self.source
            .get_or_init(|| corpus.source(self.id).filter(|s| s.text == self.text))
            .clone()
    }

    /// The words of the source text in `window`, as [`words`] of that text alone gives
    /// them (with spans into the whole text); `None` when `window` is not in the text.
    pub fn window(self: &Arc<Self>, window: Span) -> Option<WindowWords> {
        let text: &str = &self.text;
        let slice = text.get(window.start..window.end)?;
        // A word never contains whitespace, and the tokenizer looks at nothing past a
        // word's own characters: cut next to whitespace (or at the text's ends), the
        // window's words are the whole text's words that lie in it.
        let clean = |at: usize| {
            at == 0
                || at == text.len()
                || text
                    .get(at..)
                    .is_some_and(|t| t.starts_with(char::is_whitespace))
                || text
                    .get(..at)
                    .is_some_and(|t| t.ends_with(char::is_whitespace))
        };
        if self.whole && clean(window.start) && clean(window.end) {
            let from = self.words.partition_point(|w| w.span.start < window.start);
            let to = self.words.partition_point(|w| w.span.start < window.end);
            return Some(WindowWords::Shared(Arc::clone(self), from..to.max(from)));
        }
        let own = words(slice)
            .into_iter()
            .map(|w| Word {
                span: Span::new(w.span.start + window.start, w.span.end + window.start),
                norm: w.norm,
            })
            .collect();
        Some(WindowWords::Own(Arc::new(own)))
    }
}

#[derive(Default)]
struct Inner {
    generation: u64,
    tick: u64,
    items: FxHashMap<SourceId, (u64, Arc<SourceWords>)>,
    /// What the items hold.
    bytes: usize,
    made: u64,
    reused: u64,
}

/// The words of the sources looked at lately, for one corpus at one generation.
pub struct WordCache {
    inner: Mutex<Inner>,
    /// At most this many bytes of words kept.
    bound: usize,
}

impl Default for WordCache {
    fn default() -> Self {
        WordCache::with_bound(MAX_BYTES)
    }
}

impl WordCache {
    /// A cache keeping at most `bound` bytes of words.
    pub fn with_bound(bound: usize) -> WordCache {
        WordCache {
            inner: Mutex::new(Inner::default()),
            bound,
        }
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panic elsewhere while holding the lock leaves plain data: still usable.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Forget everything when the corpus is no longer at `generation`.
    pub fn prepare(&self, generation: u64) {
        let mut c = self.lock();
        if c.generation != generation {
            c.items.clear();
            c.bytes = 0;
            c.generation = generation;
        }
    }

    /// The words of source `id`, from the cache or from the text `corpus` gives.
    pub fn get(&self, corpus: &dyn CorpusIndex, id: SourceId) -> Option<Arc<SourceWords>> {
        {
            let mut c = self.lock();
            c.tick += 1;
            let tick = c.tick;
            if let Some((used, sw)) = c.items.get_mut(&id) {
                *used = tick;
                let sw = Arc::clone(sw);
                c.reused += 1;
                return Some(sw);
            }
        }
        // Read and tokenized without the lock held.
        let sw = Arc::new(SourceWords::of(id, corpus.source_text(id)?));
        let mut c = self.lock();
        if c.bytes + sw.bytes > self.bound && !c.items.is_empty() {
            // Drop the least recently used, down to half the bound.
            let mut uses: Vec<(u64, usize)> =
                c.items.values().map(|(u, sw)| (*u, sw.bytes)).collect();
            uses.sort_unstable();
            let mut left = c.bytes;
            let mut cut = 0;
            for (u, b) in uses {
                if left <= self.bound / 2 {
                    break;
                }
                left -= b;
                cut = u;
            }
            c.items.retain(|_, (u, _)| *u > cut);
            c.bytes = c.items.values().map(|(_, sw)| sw.bytes).sum();
        }
        let tick = c.tick;
        c.bytes += sw.bytes;
        if let Some((_, old)) = c.items.insert(id, (tick, Arc::clone(&sw))) {
            c.bytes -= old.bytes;
        }
        c.made += 1;
        Some(sw)
    }

    /// (sources tokenized, sources reused) so far, for tests and logs.
    pub fn stats(&self) -> (u64, u64) {
        let c = self.lock();
        (c.made, c.reused)
    }

    pub fn len(&self) -> usize {
        self.lock().items.len()
    }

    /// (sources, bytes of their words) kept.
    pub fn held(&self) -> (usize, usize) {
        let c = self.lock();
        (c.items.len(), c.bytes)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::candidates::widen;

    fn source(text: &str) -> Arc<SourceWords> {
        Arc::new(SourceWords::of(SourceId(0), Arc::from(text)))
    }

    /// Every window, cut anywhere, has the words that tokenizing its text alone gives.
    #[test]
    fn a_window_has_the_words_of_its_text_alone() {
        let texts = [
            "The U.S. and the U.K. said \u{201c}re-opening talks\u{201d} \u{2014} it\u{2019}s organised \u{2026} John F. Kennedy\u{a0}spoke.\n\nÉcole d'été, 3.5 per-cent; caf\u{e9}s\tand\u{2003}U.N.-backed forces.",
            "  leading spaces and a trailing initialism A.B.",
            "x",
            "",
            "Ünïcödé wörds – dashes—and   gaps...\r\nnew line",
        ];
        for text in texts {
            let sw = source(text);
            let mut cuts: Vec<usize> = (0..=text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            cuts.dedup();
            for &a in &cuts {
                for &b in cuts.iter().filter(|&&b| b >= a) {
                    let window = Span::new(a, b);
                    let got = sw.window(window).expect("window in the text");
                    let alone: Vec<Word> = words(&text[a..b])
                        .into_iter()
                        .map(|w| Word {
                            span: Span::new(w.span.start + a, w.span.end + a),
                            norm: w.norm,
                        })
                        .collect();
                    assert_eq!(got.words(), &alone[..], "{text:?} window {a}..{b}");
                    let hashes: Vec<u64> = alone.iter().map(|w| norm_hash(&w.norm)).collect();
                    assert_eq!(&got.hashes()[..], &hashes[..], "{text:?} window {a}..{b}");
                }
            }
        }
        // The windows the check makes are cut at whitespace: shared, not tokenized.
        let text =
            "The Russian proposals are being examined by the U.S. side, he said. ".repeat(40);
        let sw = source(&text);
        for at in [0, 700, 1400, text.len() - 10] {
            let w = widen(&text, Span::new(at, at + 5), 400);
            assert!(
                matches!(sw.window(w), Some(WindowWords::Shared(..))),
                "{w:?}"
            );
        }
    }

    /// A text too long to be tokenized whole gives each window the words of its text
    /// alone all the same.
    #[test]
    fn a_window_of_a_very_long_text_has_the_words_of_its_text_alone() {
        let unit = "The Russian proposals are being examined by the U.S. side, he said.\n";
        let text = unit.repeat(MAX_WHOLE_TEXT / unit.len() + 2);
        let sw = source(&text);
        assert!(sw.words.is_empty(), "not tokenized whole");
        for at in [0, 700, MAX_WHOLE_TEXT / 2 + 3, text.len() - 10] {
            let w = widen(&text, Span::new(at, at + 5), 400);
            let got = sw.window(w).expect("window in the text");
            let alone: Vec<Word> = words(&text[w.start..w.end])
                .into_iter()
                .map(|x| Word {
                    span: Span::new(x.span.start + w.start, x.span.end + w.start),
                    norm: x.norm,
                })
                .collect();
            assert!(!alone.is_empty());
            assert_eq!(got.words(), &alone[..], "window {w:?}");
            let hashes: Vec<u64> = alone.iter().map(|x| norm_hash(&x.norm)).collect();
            assert_eq!(&got.hashes()[..], &hashes[..], "window {w:?}");
        }
    }

    #[test]
    fn a_window_off_the_text_is_none() {
        let sw = source("caf\u{e9} au lait");
        assert!(sw.window(Span::new(0, 100)).is_none());
        assert!(sw.window(Span::new(4, 5)).is_none(), "inside a character");
    }

    /// The analysed source is the corpus's, asked for once, and only while its text is
    /// still the one the words were made from.
    #[test]
    fn the_source_is_asked_for_once_and_only_with_the_same_text() {
        use crate::analysis::Analysis;
        use crate::check::testkit::TestCorpus;
        let mut corpus = TestCorpus::default();
        let id = corpus.add("a.txt", "The same words.", Analysis::default());
        let cache = WordCache::default();
        let sw = cache.get(&corpus, id).expect("words");
        let source = sw.source(&corpus).expect("source");
        assert_eq!(source.id, id);
        assert!(Arc::ptr_eq(&source, &sw.source(&corpus).expect("source")));
        let stale = Arc::new(SourceWords::of(id, Arc::from("Other words.")));
        assert!(stale.source(&corpus).is_none(), "the file changed since");
        assert!(cache.get(&corpus, SourceId(7)).is_none());
    }
}
