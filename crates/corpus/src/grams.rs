//! The running-text index: which sources contain which word bigrams, and where in a
//! source a query's words are.
//!
//! Words are those of [`sourced_core::analysis::normalize::words`] (the one tokenizer quote
//! matching also uses), so a quote is found whether or not the source puts it in
//! quotation marks. A bigram is two consecutive normalised words, hashed to 64 bits with a
//! hash that is stable across runs (the persisted index depends on it). A query asks only
//! the posting lists of its own bigrams, rarest first, then aligns itself on the few best
//! sources: its cost follows the size of its answer, not of the corpus.

use rustc_hash::{FxHashMap, FxHashSet};

use std::sync::Arc;

use super::postings::Segment;
use super::recent::RecentTokens;
use super::vocabulary::VocabularyBuilder;
#[cfg(test)]
use sourced_core::analysis::normalize::words;
use sourced_core::analysis::normalize::{for_each_word_cased, for_each_word_hash, norm_hash};
use sourced_core::analysis::Span;
use sourced_core::index::{Location, Passage, SourceId};

/// Stable 64-bit hash of a normalised word (FNV-1a, then mixed): the tokenizer's own
/// [`norm_hash`], so that [`for_each_word_hash`] gives the same hashes.
pub fn word_hash(norm: &str) -> u64 {
    norm_hash(norm)
}

/// Stable hash of the bigram `(a, b)` from the words' hashes.
pub fn gram_hash(a: u64, b: u64) -> u64 {
    mix(a.rotate_left(29) ^ b.wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

fn mix(mut x: u64) -> u64 {
    // splitmix64 finaliser
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// What a text is indexed under, sorted and distinct: its bigrams, and its words alone
/// (so that a one-word query finds where a word is used).
pub fn text_grams(text: &str) -> Vec<u64> {
    let mut hashes: Vec<u64> = Vec::with_capacity(text.len() / 5 + 1);
    for_each_word_hash(text, |_, h| hashes.push(h));
    let mut grams: Vec<u64> = hashes.windows(2).map(|w| gram_hash(w[0], w[1])).collect();
    grams.extend_from_slice(&hashes);
    grams.sort_unstable();
    grams.dedup();
    grams
}

/// Buffers [`text_grams_into`] reuses from text to text.
#[derive(Default)]
pub struct GramScratch {
    words: Vec<u64>,
    /// Open-addressing set of the bigrams seen in the current text (0 = empty slot).
    table: Vec<u64>,
}

/// The same bigrams and words as [`text_grams`], distinct but in no particular order,
/// written into `out` (cleared first): what the loader gives a segment, which does not
/// need them sorted. A set on reused buffers instead of a sort.
pub fn text_grams_into(text: &str, scratch: &mut GramScratch, out: &mut Vec<u64>) {
    grams_into(text, scratch, out, |_, _, _| {});
}

/// [`text_grams_into`], noting each capitalised word in `vocabulary` on the way (the
/// loader's one pass over a text).
pub fn text_grams_and_capitals_into(
    text: &str,
    scratch: &mut GramScratch,
    out: &mut Vec<u64>,
    vocabulary: &mut VocabularyBuilder,
) {
    grams_into(text, scratch, out, |h, norm, upper| {
        if upper {
            vocabulary.note(h, norm);
        }
    });
}

fn grams_into(
    text: &str,
    scratch: &mut GramScratch,
    out: &mut Vec<u64>,
    mut on_word: impl FnMut(u64, &str, bool),
) {
    out.clear();
    let words = &mut scratch.words;
    words.clear();
    for_each_word_cased(text, |_, norm, upper| {
        let h = norm_hash(norm);
        on_word(h, norm, upper);
        words.push(h);
    });
    let wanted = (words.len() * 4).next_power_of_two().max(16);
    let table = &mut scratch.table;
    table.clear();
    table.resize(wanted, 0);
    let mask = wanted - 1;
    let mut zero_seen = false;
    let mut insert = |g: u64| {
        if g == 0 {
            if !zero_seen {
                zero_seen = true;
                out.push(0);
            }
            return;
        }
        // The hashes are mixed already: their top bits make a fine slot number.
        let mut slot = (g >> 40) as usize & mask;
        loop {
            match table.get(slot).copied() {
                Some(0) => {
                    table[slot] = g;
                    out.push(g);
                    return;
                }
                Some(seen) if seen == g => return,
                Some(_) => slot = (slot + 1) & mask,
                None => return, // cannot happen: slot is masked to the table's size
            }
        }
    };
    for w in words.windows(2) {
        insert(gram_hash(w[0], w[1]));
    }
    for &w in words.iter() {
        insert(w);
    }
}

/// A query: the hashes of its bigrams in order (with repeats), or of its one word.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    pub hashes: Vec<u64>,
    /// The query is a single word (its hash), not bigrams.
    pub unigram: bool,
}

/// The query for a run of normalised words.
pub fn query_grams(norms: &[String]) -> Query {
    let hashes: Vec<u64> = norms.iter().map(|w| word_hash(w)).collect();
    if hashes.len() == 1 {
        return Query {
            hashes,
            unigram: true,
        };
    }
    Query {
        hashes: hashes.windows(2).map(|w| gram_hash(w[0], w[1])).collect(),
        unigram: false,
    }
}

/// Where in a source's text the query's bigrams are densest: each stretch with its
/// share of the query's bigrams (0..=1), best first, stretches not overlapping.
pub fn locate(text: &str, query: &Query, max: usize) -> Vec<(Span, f32)> {
    locate_in(&Tokens::of(text), query, max)
}

/// A text's words with their spans, ready for [`locate_in`]: 16 bytes a word (a bigram
/// is made from its two words when a query asks).
#[derive(Debug, Default)]
pub struct Tokens {
    /// `words[i]` is the hash of word `i`.
    words: Vec<u64>,
    /// Byte span of each word.
    spans: Vec<(u32, u32)>,
}

impl Tokens {
    pub fn of(text: &str) -> Tokens {
        let mut hashes: Vec<u64> = Vec::with_capacity(text.len() / 6 + 1);
        let mut spans: Vec<(u32, u32)> = Vec::with_capacity(text.len() / 6 + 1);
        for_each_word_hash(text, |span, h| {
            hashes.push(h);
            spans.push((span.start as u32, span.end as u32));
        });
        hashes.shrink_to_fit();
        spans.shrink_to_fit();
        Tokens {
            words: hashes,
            spans,
        }
    }

    pub fn heap_bytes(&self) -> usize {
        self.words.capacity() * 8 + self.spans.capacity() * 8
    }
}

/// [`locate`] on a text already tokenized.
pub fn locate_in(tokens: &Tokens, query: &Query, max: usize) -> Vec<(Span, f32)> {
    // A bigram at i ends with word i + 1.
    let tail = usize::from(!query.unigram);
    let words = &tokens.words;
    let query_hashes = &query.hashes;
    if query_hashes.is_empty() || words.len() <= tail {
        return Vec::new();
    }
    let wanted: FxHashSet<u64> = query_hashes.iter().copied().collect();
    // hit[i]: the unit (word or bigram) starting at word i is one of the query's.
    let hit: Vec<bool> = if query.unigram {
        words.iter().map(|w| wanted.contains(w)).collect()
    } else {
        words
            .windows(2)
            .map(|w| wanted.contains(&gram_hash(w[0], w[1])))
            .collect()
    };
    let query = query_hashes;
    let ws = &tokens.spans;
    let window = query.len() + query.len() / 4 + 2;
    let mut results: Vec<(Span, f32)> = Vec::new();
    let mut taken: Vec<(usize, usize)> = Vec::new();
    // Greedy: repeatedly take the best window not overlapping one already taken.
    let total = query.len() as f32;
    for _ in 0..max {
        let mut best: Option<(usize, usize, usize)> = None; // (count, start, end) in grams
        let mut count = 0usize;
        for i in 0..hit.len() {
            if hit[i] {
                count += 1;
            }
            if i >= window && hit[i - window] {
                count -= 1;
            }
            if count == 0 || best.is_some_and(|b| b.0 >= count) {
                continue;
            }
            let start = i.saturating_sub(window - 1);
            // Trim the window to its first and last hits.
            let Some(first) = (start..=i).find(|&j| hit[j]) else {
                continue;
            };
            let Some(last) = (start..=i).rev().find(|&j| hit[j]) else {
                continue;
            };
            if taken.iter().any(|&(s, e)| first <= e && s <= last) {
                continue;
            }
            best = Some((count, first, last));
        }
        let Some((count, first, last)) = best else {
            break;
        };
        let score = (count as f32 / total).min(1.0);
        if results.first().is_some_and(|r| score < r.1 * 0.5) {
            break;
        }
        taken.push((first, last));
        let (Some(&(start, _)), Some(&(_, end))) = (ws.get(first), ws.get(last + tail)) else {
            break;
        };
        let span = Span::new(start as usize, end as usize);
        results.push((span, score));
    }
    results
}
/// The passages of a corpus that best hold the quote `normalized_words`, best first, at
/// most `limit`: the sources `candidates(gram hashes, how many)` proposes (ranked by the
/// grams they share with the quote), each read as tokens (kept in `tokens`, from
/// `text_of`) and the quote placed in it by [`locate_in`]. Both backends ask it, so a
/// story gives the same passages from either.
pub fn passages(
    normalized_words: &[String],
    limit: usize,
    candidates: impl FnOnce(&[u64], usize) -> Vec<(u32, usize)>,
    tokens: &RecentTokens,
    text_of: impl Fn(SourceId) -> Option<Arc<str>>,
) -> Vec<Passage> {
    if limit == 0 {
        return Vec::new();
    }
    let query = query_grams(normalized_words);
    if query.hashes.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (id, _) in candidates(&query.hashes, limit.saturating_mul(2).max(4)) {
        let id = SourceId(id);
        let Some(tokens) = tokens.get_or_try(id, || text_of(id).map(|text| Tokens::of(&text)))
        else {
            continue;
        };
        for (span, score) in locate_in(&tokens, &query, limit.min(4)) {
            out.push(Passage {
                location: Location { source: id, span },
                score,
            });
        }
    }
    out.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.location.source.cmp(&b.location.source))
            .then(a.location.span.start.cmp(&b.location.span.start))
    });
    out.truncate(limit);
    out
}

/// Which sources contain which bigrams: immutable segments built at load, a small
/// overlay for sources re-indexed since, and the ids whose segment postings are stale.
#[derive(Default, Clone)]
pub struct GramIndex {
    segments: Vec<Segment>,
    overlay: FxHashMap<u64, Vec<u32>>,
    /// Grams of each source in the overlay, to take it out again.
    overlay_docs: FxHashMap<u32, Vec<u64>>,
    /// Sources whose postings in `segments` no longer count.
    stale: FxHashSet<u32>,
}

/// How many postings a query decodes at most once it has its three rarest bigrams.
pub const DECODE_BUDGET: usize = 60_000;

impl GramIndex {
    /// Add a segment built at load time.
    pub fn add_segment(&mut self, segment: Segment) {
        self.segments.push(segment);
    }

    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// Sources whose postings in the segments no longer count.
    pub fn stale(&self) -> impl Iterator<Item = u32> + '_ {
        self.stale.iter().copied()
    }

    /// Whether sources were re-indexed outside the segments (they are not persisted).
    pub fn has_overlay(&self) -> bool {
        !self.overlay_docs.is_empty()
    }

    /// Mark sources whose segment postings no longer count.
    pub fn mark_stale(&mut self, ids: impl IntoIterator<Item = u32>) {
        self.stale.extend(ids);
    }

    /// Record that source `id` contains `grams` (sorted, distinct).
    pub fn add(&mut self, id: u32, grams: &[u64]) {
        self.remove(id);
        for &g in grams {
            self.overlay.entry(g).or_default().push(id);
        }
        self.overlay_docs.insert(id, grams.to_vec());
    }

    /// Forget every bigram of source `id`.
    pub fn remove(&mut self, id: u32) {
        self.stale.insert(id);
        if let Some(grams) = self.overlay_docs.remove(&id) {
            for g in grams {
                if let Some(list) = self.overlay.get_mut(&g) {
                    list.retain(|&d| d != id);
                    if list.is_empty() {
                        self.overlay.remove(&g);
                    }
                }
            }
        }
    }

    /// Bytes held by the posting lists.
    pub fn heap_bytes(&self) -> usize {
        self.segments.iter().map(Segment::heap_bytes).sum::<usize>()
            + self
                .overlay
                .values()
                .map(|v| v.len() * 4 + 32)
                .sum::<usize>()
    }

    fn estimate(&self, g: u64) -> usize {
        self.segments.iter().map(|s| s.estimate(g)).sum::<usize>()
            + self.overlay.get(&g).map_or(0, Vec::len)
    }

    /// The sources that contain the bigram or word hash `g`, in increasing order, each once.
    pub fn sources_with(&self, g: u64) -> Vec<u32> {
        let mut out = Vec::new();
        self.lookup(g, &mut out);
        out.sort_unstable();
        out.dedup();
        out
    }

    fn lookup(&self, g: u64, out: &mut Vec<u32>) {
        let start = out.len();
        for s in &self.segments {
            s.lookup(g, out);
        }
        if !self.stale.is_empty() {
            let mut i = start;
            while i < out.len() {
                if self.stale.contains(&out[i]) {
                    out.swap_remove(i);
                } else {
                    i += 1;
                }
            }
        }
        if let Some(list) = self.overlay.get(&g) {
            out.extend_from_slice(list);
        }
    }

    /// The sources that share most bigrams with the query, with how many they share,
    /// best first, at most `limit`.
    ///
    /// The rarest bigrams are read first, and the most common ones (which say little
    /// about where a quote comes from) are skipped once enough postings were read, so a
    /// query's cost stays bounded whatever the size of the corpus.
    pub fn candidates(&self, query: &[u64], limit: usize) -> Vec<(u32, usize)> {
        let mut distinct: Vec<u64> = query.to_vec();
        distinct.sort_unstable();
        distinct.dedup();
        let mut by_rarity: Vec<(usize, u64)> =
            distinct.iter().map(|&g| (self.estimate(g), g)).collect();
        by_rarity.sort_unstable();
        // Counted in a table indexed by source id (ids are dense), not a hash map, and
        // each source counted once per bigram by remembering the last bigram that
        // counted it, not by sorting each posting list: at 100,000 sources a query
        // counts tens of thousands of postings, and the map and the sorts were most of a
        // keystroke's index query. `counts[id]` is (bigrams shared, 1 + the index of the
        // last bigram that counted `id`).
        let mut counts: Vec<(u32, u32)> = Vec::new();
        let mut seen: Vec<u32> = Vec::new();
        let mut decoded = 0usize;
        let mut list = Vec::new();
        for (i, &(estimate, g)) in by_rarity.iter().enumerate() {
            if estimate == 0 {
                continue;
            }
            if i >= 3 && decoded + estimate > DECODE_BUDGET {
                break;
            }
            list.clear();
            self.lookup(g, &mut list);
            let Some(&max) = list.iter().max() else {
                continue;
            };
            if max as usize >= counts.len() {
                counts.resize(max as usize + 1, (0, 0));
            }
            let stamp = u32::try_from(i + 1).unwrap_or(u32::MAX);
            for &id in &list {
                if let Some(c) = counts.get_mut(id as usize) {
                    if c.1 != stamp {
                        c.1 = stamp;
                        if c.0 == 0 {
                            seen.push(id);
                        }
                        c.0 += 1;
                        decoded += 1;
                    }
                }
            }
        }
        let mut ranked: Vec<(u32, usize)> = seen
            .iter()
            .map(|&id| (id, counts.get(id as usize).map_or(0, |c| c.0 as usize)))
            .collect();
        let order = |a: &(u32, usize), b: &(u32, usize)| b.1.cmp(&a.1).then(a.0.cmp(&b.0));
        if ranked.len() > limit && limit > 0 {
            ranked.select_nth_unstable_by(limit - 1, order);
            ranked.truncate(limit);
        }
        ranked.sort_unstable_by(order);
        ranked.truncate(limit);
        ranked
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(text: &str) -> Query {
        let norms: Vec<String> = words(text).into_iter().map(|w| w.norm).collect();
        query_grams(&norms)
    }

    #[test]
    fn locate_finds_the_unquoted_sentence() {
        let text = "Intro words here. Then he said we will return home soon, and left.";
        let found = locate(text, &q("we will return home soon"), 3);
        assert_eq!(found[0].0.slice(text), "we will return home soon");
        assert!((found[0].1 - 1.0).abs() < 1e-6);
    }

    #[test]
    fn unordered_grams_are_the_grams() {
        let mut scratch = GramScratch::default();
        let mut out = vec![42];
        for text in [
            "",
            "one",
            "the cat sat on the mat, and the cat sat on the mat again",
            "Le café: «déjà vu» — U.S. officials said 2,000 people; the the the the",
        ] {
            text_grams_into(text, &mut scratch, &mut out);
            let mut sorted = out.clone();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(sorted.len(), out.len(), "distinct: {text}");
            assert_eq!(sorted, text_grams(text), "{text}");
        }
    }

    #[test]
    fn candidates_count_every_shared_bigram_whatever_the_ids() {
        // Sparse ids, in segments and in the overlay, ties broken by id: the counts and
        // the order are those of counting by hand.
        let texts = [
            (7u32, "the cat sat on the mat and the dog sat on the mat"),
            (0, "a dog sat on the mat today"),
            (90_000, "the dog sat on a mat"),
            (3, "nothing in common here"),
            (41, "dog sat on the mat"),
            (12, "on the mat the dog sat"),
        ];
        let mut idx = GramIndex::default();
        let mut b = super::super::postings::SegmentBuilder::new();
        for (id, text) in &texts[..3] {
            b.add(*id, &text_grams(text));
        }
        idx.add_segment(b.finish());
        for (id, text) in &texts[3..] {
            idx.add(*id, &text_grams(text));
        }
        let query = q("the dog sat on the mat").hashes;
        let mut want: Vec<(u32, usize)> = texts
            .iter()
            .map(|(id, text)| {
                let grams = text_grams(text);
                let mut distinct = query.clone();
                distinct.sort_unstable();
                distinct.dedup();
                (*id, distinct.iter().filter(|g| grams.contains(g)).count())
            })
            .filter(|(_, n)| *n > 0)
            .collect();
        want.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        for limit in [1, 2, 3, 10] {
            let got = idx.candidates(&query, limit);
            assert_eq!(got, want[..limit.min(want.len())], "limit {limit}");
        }
    }

    #[test]
    fn candidates_rank_the_source_with_most_shared_bigrams() {
        let mut idx = GramIndex::default();
        let mut b = super::super::postings::SegmentBuilder::new();
        b.add(0, &text_grams("the cat sat on the mat"));
        b.add(1, &text_grams("a dog sat on the mat today"));
        idx.add_segment(b.finish());
        let c = idx.candidates(&q("dog sat on the mat").hashes, 5);
        assert_eq!(c[0], (1, 4));
        idx.remove(1);
        assert_eq!(idx.candidates(&q("dog sat on the mat").hashes, 5)[0].0, 0);
        idx.add(1, &text_grams("a dog sat on the mat again"));
        assert_eq!(
            idx.candidates(&q("dog sat on the mat").hashes, 5)[0],
            (1, 4)
        );
    }
}
