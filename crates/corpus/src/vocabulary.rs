//! The capitalised words of the corpus (normalised, each once), so that a name the
//! sources do not give can be matched with the names they give a letter or two away
//! ("Mizintzev" for "Mizintsev"). Which sources use a word is the word index's question
//! ([`super::grams`]); this only knows which words exist.
//!
//! The words are kept sorted in one buffer with a trigram index of them, as flat tables
//! that the persisted index stores and a warm start reads in place ([`super::flat`]);
//! words that arrive later (a changed file) wait in a small set beside them until the
//! next save. It reads no file and must not say what a word means.

use rustc_hash::{FxHashMap, FxHashSet};

use super::flat::{Bytes, Lists, TableReader, TableWriter, U32s};
use super::name_lookup::within_distance;
use sourced_core::analysis::normalize::{for_each_word_cased, normalize_word};
use sourced_core::analysis::strip_possessive;

/// Each capitalised word of `text`, normalised (as the word index has it) and without a
/// possessive ending, in order and with repeats.
pub fn capitalised_words(text: &str, mut f: impl FnMut(&str)) {
    for_each_word_cased(text, |_, norm, upper| {
        if upper {
            f(strip_possessive(norm));
        }
    });
}

/// The number a trigram is indexed under (a collision only adds a candidate that the
/// distance test then drops).
fn trigram_key(t: [char; 3]) -> u32 {
    let x = (u64::from(t[0]) << 42) | (u64::from(t[1]) << 21) | u64::from(t[2]);
    let x = x.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    (x >> 32) as u32
}

/// How many words make a build worth two threads.
const PARALLEL_FROM: usize = 50_000;

/// The trigram keys of `word` (padded with a space at each end, as
/// [`super::name_lookup::trigrams`] pads them), with repeats, without allocating.
fn for_each_trigram_key(word: &str, mut f: impl FnMut(u32)) {
    let mut p0 = ' ';
    let mut p1: Option<char> = None;
    for c in word.chars().chain(std::iter::once(' ')) {
        if let Some(b) = p1 {
            f(trigram_key([p0, b, c]));
            p0 = b;
        }
        p1 = Some(c);
    }
}

/// `(key << 32) | id` for each trigram key of each of `words`, the first with id
/// `first_id`: sorted, each once.
fn trigram_pairs(words: &[String], first_id: u32) -> Vec<u64> {
    let mut pairs = Vec::with_capacity(words.len() * 8);
    for (i, w) in words.iter().enumerate() {
        let id = u64::from(first_id + i as u32);
        for_each_trigram_key(w, |k| pairs.push((u64::from(k) << 32) | id));
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// Sorted distinct words and the sorted `(trigram key << 32) | word id` pairs of their
/// trigrams: what a loading thread makes of the words it saw, and what two such parts
/// merge into.
#[derive(Default)]
struct Part {
    words: Vec<String>,
    pairs: Vec<u64>,
}

impl Part {
    fn of(mut words: Vec<String>) -> Part {
        words.sort_unstable();
        words.dedup();
        let pairs = trigram_pairs(&words, 0);
        Part { words, pairs }
    }

    /// The two parts as one: the words merged, and the pairs renumbered (which keeps each
    /// part's pairs in order, ids growing with the words) and merged. Linear in the sizes.
    fn merge(a: Part, b: Part) -> Part {
        if a.words.is_empty() {
            return b;
        }
        if b.words.is_empty() {
            return a;
        }
        let mut words = Vec::with_capacity(a.words.len() + b.words.len());
        let mut a_ids = Vec::with_capacity(a.words.len());
        let mut b_ids = Vec::with_capacity(b.words.len());
        let mut x = a.words.into_iter().peekable();
        let mut y = b.words.into_iter().peekable();
        loop {
            let id = words.len() as u64;
            let order = match (x.peek(), y.peek()) {
                (Some(p), Some(q)) => p.cmp(q),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => break,
            };
            match order {
                std::cmp::Ordering::Less => {
                    a_ids.push(id);
                    words.extend(x.next());
                }
                std::cmp::Ordering::Greater => {
                    b_ids.push(id);
                    words.extend(y.next());
                }
                std::cmp::Ordering::Equal => {
                    a_ids.push(id);
                    b_ids.push(id);
                    words.extend(x.next());
                    y.next();
                }
            }
        }
        let renumber = |pair: u64, ids: &[u64]| {
            let new = ids.get((pair & 0xffff_ffff) as usize).copied().unwrap_or(0);
            (pair & !0xffff_ffff) | new
        };
        let mut pairs = Vec::with_capacity(a.pairs.len() + b.pairs.len());
        let (mut i, mut j) = (0, 0);
        while i < a.pairs.len() || j < b.pairs.len() {
            let p = a.pairs.get(i).map(|&p| renumber(p, &a_ids));
            let q = b.pairs.get(j).map(|&q| renumber(q, &b_ids));
            let next = match (p, q) {
                (Some(p), Some(q)) if p <= q => {
                    i += 1;
                    if p == q {
                        j += 1;
                    }
                    p
                }
                (_, Some(q)) => {
                    j += 1;
                    q
                }
                (Some(p), None) => {
                    i += 1;
                    p
                }
                (None, None) => break,
            };
            pairs.push(next);
        }
        Part { words, pairs }
    }
}

/// The corpus's capitalised words.
#[derive(Default)]
pub struct Vocabulary {
    /// The words of the tables, sorted, one after the other in `blob`; word `i` ends at
    /// `ends[i]` and starts where `i - 1` ends.
    blob: Bytes,
    ends: U32s,
    /// Trigram keys, sorted, and for each the ids of the words that contain it.
    trigram_keys: U32s,
    trigram_words: Lists,
    /// Words added since the tables were built, not among them.
    extra: Vec<String>,
    extra_set: FxHashSet<String>,
}

impl Vocabulary {
    /// The vocabulary of `words` (in any order, with repeats); on two threads when there
    /// are many.
    pub fn build(words: impl IntoIterator<Item = String>) -> Vocabulary {
        let mut words: Vec<String> = words.into_iter().filter(|w| !w.is_empty()).collect();
        if words.len() < PARALLEL_FROM {
            return Vocabulary::of_part(Part::of(words));
        }
        let second = words.split_off(words.len() / 2);
        let (a, b) = std::thread::scope(|scope| {
            let other = scope.spawn(move || Part::of(second));
            let first = Part::of(words);
            (first, other.join().unwrap_or_default())
        });
        Vocabulary::of_part(Part::merge(a, b))
    }

    fn of_part(part: Part) -> Vocabulary {
        let Part { words, pairs } = part;
        let mut blob = Vec::with_capacity(words.iter().map(String::len).sum());
        let mut ends = Vec::with_capacity(words.len());
        for w in &words {
            blob.extend_from_slice(w.as_bytes());
            ends.push(blob.len() as u32);
        }
        let mut keys: Vec<u32> = Vec::new();
        let mut offsets: Vec<u32> = vec![0];
        let mut values: Vec<u32> = Vec::with_capacity(pairs.len());
        for pair in pairs {
            let (k, id) = ((pair >> 32) as u32, pair as u32);
            if keys.last() != Some(&k) {
                if !keys.is_empty() {
                    offsets.push(values.len() as u32);
                }
                keys.push(k);
            }
            values.push(id);
        }
        if !keys.is_empty() {
            offsets.push(values.len() as u32);
        }
        Vocabulary {
            blob: Bytes::from_vec(blob),
            ends: ends.into(),
            trigram_keys: keys.into(),
            trigram_words: Lists {
                offsets: offsets.into(),
                values: values.into(),
            },
            extra: Vec::new(),
            extra_set: FxHashSet::default(),
        }
    }

    /// How many words are in the tables (not counting those added since).
    fn table_len(&self) -> usize {
        self.ends.len()
    }

    /// Word `i` of the tables ("" when there is none).
    fn table_word(&self, i: usize) -> &str {
        let end = self.ends.get(i).unwrap_or(0) as usize;
        let start = match i.checked_sub(1) {
            Some(p) => self.ends.get(p).unwrap_or(0) as usize,
            None => 0,
        };
        self.blob
            .as_slice()
            .get(start..end)
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or("")
    }

    /// Whether `word` is in the vocabulary.
    pub fn contains(&self, word: &str) -> bool {
        self.extra_set.contains(word) || self.table_position(word).is_ok()
    }

    fn table_position(&self, word: &str) -> Result<usize, usize> {
        let (mut lo, mut hi) = (0, self.table_len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match self.table_word(mid).cmp(word) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Ok(mid),
            }
        }
        Err(lo)
    }

    /// Add the words of a source read since the tables were built.
    pub fn add<'a>(&mut self, words: impl IntoIterator<Item = &'a str>) {
        for w in words {
            if !w.is_empty() && !self.contains(w) {
                self.extra_set.insert(w.to_string());
                self.extra.push(w.to_string());
            }
        }
    }

    /// Every word, those of the tables first.
    pub fn words(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.table_len())
            .map(|i| self.table_word(i))
            .chain(self.extra.iter().map(String::as_str))
    }

    pub fn len(&self) -> usize {
        self.table_len() + self.extra.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The words within `k` edits of `word` (optimal string alignment distance), `word`
    /// itself among them when it is a word of the vocabulary. With `k == 0`, only `word`.
    pub fn near(&self, word: &str, k: usize) -> Vec<String> {
        let q: Vec<char> = word.chars().collect();
        if k == 0 {
            return if self.contains(word) {
                vec![word.to_string()]
            } else {
                Vec::new()
            };
        }
        // An edit changes at most 3 of a word's trigrams and a transposition at most 4,
        // so a word within k edits of one with more than 4k trigrams has one of its
        // 4k + 1 rarest.
        let mut grams: Vec<(usize, u32)> = Vec::new();
        for_each_trigram_key(word, |key| grams.push((self.trigram_list(key).len(), key)));
        grams.sort_unstable();
        grams.dedup();
        let mut seen = FxHashSet::default();
        let mut out = Vec::new();
        for &(_, key) in grams.iter().take(4 * k + 1) {
            for id in self.trigram_list(key).iter() {
                if !seen.insert(id) {
                    continue;
                }
                let w = self.table_word(id as usize);
                let c: Vec<char> = w.chars().collect();
                if within_distance(&q, &c, k) {
                    out.push(w.to_string());
                }
            }
        }
        for w in &self.extra {
            let c: Vec<char> = w.chars().collect();
            if within_distance(&q, &c, k) {
                out.push(w.clone());
            }
        }
        // A transposition can change every trigram of a short word ("w123", "w213"):
        // those are looked up directly, normalised as the words here are ("proimse"
        // gives "promise", which is kept as "promize").
        for i in 1..q.len() {
            let mut t = q.clone();
            t.swap(i - 1, i);
            let t = normalize_word(&t.into_iter().collect::<String>());
            if self.contains(&t) {
                out.push(t);
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// What the vocabulary of `words` would answer to [`Self::near`]`(word, k)`, without
    /// building it: for candidate words read from elsewhere (an archive's, found by
    /// trigram similarity), of which a short name can have tens of thousands, whose
    /// trigram index would cost tens of megabytes for one question. The same words: a
    /// word within `k` edits of `word` that shares a trigram with it (one of the `4k + 1`
    /// rarest, when it has more, see [`Self::near`]), or a transposition of it.
    pub fn near_among(
        words: impl IntoIterator<Item = String>,
        word: &str,
        k: usize,
    ) -> Vec<String> {
        let q: Vec<char> = word.chars().collect();
        let mut keys: Vec<u32> = Vec::new();
        for_each_trigram_key(word, |key| keys.push(key));
        keys.sort_unstable();
        keys.dedup();
        let transposed: FxHashSet<String> = (1..q.len())
            .filter(|_| k > 0)
            .map(|i| {
                let mut t = q.clone();
                t.swap(i - 1, i);
                normalize_word(&t.into_iter().collect::<String>())
            })
            .collect();
        let mut out = Vec::new();
        for w in words {
            if w.is_empty() {
                continue;
            }
            let found = if k == 0 {
                w == word
            } else {
                let mut shares = false;
                for_each_trigram_key(&w, |key| shares |= keys.binary_search(&key).is_ok());
                let c: Vec<char> = w.chars().collect();
                (shares && within_distance(&q, &c, k)) || transposed.contains(&w)
            };
            if found {
                out.push(w);
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    fn trigram_list(&self, key: u32) -> super::flat::U32View<'_> {
        match self.trigram_keys.view().binary_search(key) {
            Some(i) => self.trigram_words.get(i),
            None => super::flat::U32View::Native(&[]),
        }
    }

    /// The words that contain `part` (lowercase), at most `limit`, in order.
    pub fn containing(&self, part: &str, limit: usize) -> Vec<String> {
        self.words()
            .filter(|w| w.contains(part))
            .take(limit)
            .map(str::to_string)
            .collect()
    }

    /// Append the tables to `w` (the words added since included: read back by
    /// [`Self::read_tables`]).
    pub fn write_tables(&self, w: &mut TableWriter) {
        if !self.extra.is_empty() {
            let whole = Vocabulary::build(self.words().map(str::to_string));
            return whole.write_tables(w);
        }
        w.stream(&self.blob);
        w.u32s(&self.ends);
        w.u32s(&self.trigram_keys);
        w.lists(&self.trigram_words);
    }

    /// The vocabulary from tables written by [`Self::write_tables`], read in place;
    /// `None` when they do not fit together.
    pub fn read_tables(r: &mut TableReader) -> Option<Vocabulary> {
        let blob = r.bytes()?;
        let ends = r.u32s()?;
        let trigram_keys = r.u32s()?;
        let trigram_words = r.lists()?;
        let last = match ends.len() {
            0 => 0,
            n => ends.get(n - 1)? as usize,
        };
        (last == blob.len() && trigram_keys.len() == trigram_words.len()).then_some(Vocabulary {
            blob,
            ends,
            trigram_keys,
            trigram_words,
            extra: Vec::new(),
            extra_set: FxHashSet::default(),
        })
    }
}

/// The capitalised words loading threads have seen: each thread notes its own, sorts
/// them when it is done ([`Self::seal`], so that the sorting runs on all threads), and
/// the threads' words are merged ([`Self::absorb`]) into a [`Vocabulary`].
pub struct VocabularyBuilder {
    /// By the word index's hash of the word, so that a word seen again costs no string.
    seen: FxHashMap<u64, String>,
    /// The hashes noted lately, one per slot (a slot is picked by the hash's low bits):
    /// most capitalised words come back soon ("The", a name said again), and this small
    /// table answers for them without a lookup in the large map.
    lately: Vec<u64>,
    sealed: Part,
}

/// Slots of [`VocabularyBuilder::lately`] (a power of two).
const LATELY: usize = 4096;

impl Default for VocabularyBuilder {
    fn default() -> VocabularyBuilder {
        VocabularyBuilder {
            seen: FxHashMap::default(),
            lately: vec![0; LATELY],
            sealed: Part::default(),
        }
    }
}

impl VocabularyBuilder {
    /// Note the capitalised word `norm`, whose word-index hash is `hash`.
    pub fn note(&mut self, hash: u64, norm: &str) {
        let slot = hash as usize & (LATELY - 1);
        // (0 marks an empty slot, so a hash of 0 always goes to the map.)
        if hash != 0 && self.lately.get(slot) == Some(&hash) {
            return;
        }
        self.seen
            .entry(hash)
            .or_insert_with(|| strip_possessive(norm).to_string());
        if let Some(s) = self.lately.get_mut(slot) {
            *s = hash;
        }
    }

    /// Sort the words noted so far and index their trigrams.
    pub fn seal(&mut self) {
        if self.seen.is_empty() {
            return;
        }
        let part = Part::of(std::mem::take(&mut self.seen).into_values().collect());
        self.sealed = Part::merge(std::mem::take(&mut self.sealed), part);
    }

    /// Add another thread's words.
    pub fn absorb(&mut self, mut other: VocabularyBuilder) {
        self.seal();
        other.seal();
        self.sealed = Part::merge(std::mem::take(&mut self.sealed), other.sealed);
    }

    /// The words noted, without building tables of them (for words added to an existing
    /// vocabulary).
    pub fn into_words(self) -> Vec<String> {
        let mut words = self.sealed.words;
        words.extend(self.seen.into_values());
        words
    }

    pub fn finish(mut self) -> Vocabulary {
        self.seal();
        Vocabulary::of_part(self.sealed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab(words: &[&str]) -> Vocabulary {
        Vocabulary::build(words.iter().map(|w| w.to_string()))
    }

    #[test]
    fn near_among_candidates_gives_what_their_vocabulary_gives() {
        // Words around a few names: edits, transpositions, short words, repeats.
        let mut words: Vec<String> = Vec::new();
        for base in [
            "mizintsev",
            "assad",
            "lee",
            "al-assad",
            "promize",
            "w123",
            "ng",
        ] {
            let c: Vec<char> = base.chars().collect();
            words.push(base.to_string());
            for i in 0..c.len() {
                let mut d = c.clone();
                d.remove(i);
                words.push(d.iter().collect());
                let mut s = c.clone();
                s[i] = 'x';
                words.push(s.iter().collect());
                let mut ins = c.clone();
                ins.insert(i, 'e');
                words.push(ins.iter().collect());
                if i > 0 {
                    let mut t = c.clone();
                    t.swap(i - 1, i);
                    words.push(t.iter().collect());
                    let mut two = s.clone();
                    two.swap(i - 1, i);
                    words.push(two.iter().collect());
                }
            }
        }
        words.push(String::new());
        words.extend(["mizintzev", "asad", "leeds", "w213", "proimse"].map(String::from));
        let built = Vocabulary::build(words.clone());
        let mut asked = 0;
        for q in [
            "mizintsev",
            "mizintzev",
            "assad",
            "asad",
            "lee",
            "w123",
            "proimse",
            "ng",
            "zzz",
        ] {
            for k in 0..3 {
                let among = Vocabulary::near_among(words.clone(), q, k);
                assert_eq!(among, built.near(q, k), "{q} within {k}");
                asked += usize::from(!among.is_empty());
            }
        }
        assert!(asked > 15, "most questions find words");
    }

    #[test]
    fn capitalised_words_are_those_that_start_with_a_capital() {
        let mut got = Vec::new();
        capitalised_words(
            "Sergei Shoigu met the Élysée team in Moscow's suburbs.",
            |w| got.push(w.to_string()),
        );
        assert_eq!(got, ["sergei", "shoigu", "élysée", "moscow"]);
        got.clear();
        capitalised_words("backing Bashar al-Assad’s government", |w| {
            got.push(w.to_string())
        });
        assert_eq!(got, ["bashar", "alassad"]);
    }

    #[test]
    fn near_finds_words_within_the_distance_and_no_others() {
        let v = vocab(&["mizintsev", "mizintsova", "shoigu", "putin", "trump"]);
        assert_eq!(v.near("mizintzev", 1), ["mizintsev"]);
        assert_eq!(v.near("mizintzev", 2), ["mizintsev"]);
        assert_eq!(v.near("shoigu", 1), ["shoigu"]);
        assert_eq!(v.near("shiogu", 1), ["shoigu"]);
        assert!(v.near("lavrov", 2).is_empty());
        assert_eq!(v.near("putin", 0), ["putin"]);
    }

    #[test]
    fn words_added_later_are_found_and_written_with_the_rest() {
        let mut v = vocab(&["assad", "lavrov"]);
        v.add(["lavrov", "nebenzia"]);
        assert_eq!(v.len(), 3);
        assert!(v.contains("nebenzia"));
        assert_eq!(v.near("nebenzya", 1), ["nebenzia"]);
        let mut buf = Vec::new();
        let mut sink = |b: &[u8]| buf.extend_from_slice(b);
        v.write_tables(&mut TableWriter::new(&mut sink));
        let back = Vocabulary::read_tables(&mut TableReader::new(Bytes::from_vec(buf)))
            .expect("tables read back");
        let words: Vec<&str> = back.words().collect();
        assert_eq!(words, ["assad", "lavrov", "nebenzia"]);
        assert_eq!(back.near("nebenzya", 1), ["nebenzia"]);
        assert_eq!(back.containing("av", 5), ["lavrov"]);
    }

    #[test]
    fn trigram_keys_are_those_of_the_padded_trigrams() {
        for w in ["a", "ab", "assad", "élysée", "o'brien"] {
            let mut keys = Vec::new();
            for_each_trigram_key(w, |k| keys.push(k));
            keys.sort_unstable();
            keys.dedup();
            let mut want: Vec<u32> = super::super::name_lookup::trigrams(w)
                .into_iter()
                .map(trigram_key)
                .collect();
            want.sort_unstable();
            want.dedup();
            assert_eq!(keys, want, "{w}");
        }
    }

    #[test]
    fn a_large_build_on_two_threads_is_the_build_on_one() {
        // Enough words for two threads, in no order and with repeats.
        let words: Vec<String> = (0..PARALLEL_FROM as u64 + 999)
            .map(|i| format!("w{}", i.wrapping_mul(0x9e37_79b9) % 40_000))
            .collect();
        let big = Vocabulary::build(words.clone());
        let mut sorted = words.clone();
        sorted.sort_unstable();
        sorted.dedup();
        let got: Vec<&str> = big.words().collect();
        assert_eq!(got, sorted);
        for q in ["w123", "w3999", "w12x4"] {
            let want: Vec<String> = sorted
                .iter()
                .filter(|w| {
                    let (a, b): (Vec<char>, Vec<char>) = (q.chars().collect(), w.chars().collect());
                    within_distance(&a, &b, 1)
                })
                .cloned()
                .collect();
            assert_eq!(big.near(q, 1), want, "{q}");
        }
    }

    #[test]
    fn threads_words_merged_are_the_words_built_at_once() {
        let all: Vec<String> = ["assad", "lavrov", "mizintsev", "putin", "shoigu", "trump"]
            .iter()
            .map(|w| w.to_string())
            .collect();
        let mut a = VocabularyBuilder::default();
        let mut b = VocabularyBuilder::default();
        for (i, w) in all.iter().enumerate() {
            // Some words seen by both threads, some by one.
            if i % 3 != 0 {
                a.note(i as u64, w);
            }
            if i % 3 != 1 {
                b.note(i as u64, w);
            }
        }
        a.seal();
        a.note(99, "nebenzia");
        a.absorb(b);
        let merged = a.finish();
        let mut want = all.clone();
        want.push("nebenzia".to_string());
        let whole = Vocabulary::build(want);
        assert_eq!(
            merged.words().collect::<Vec<_>>(),
            whole.words().collect::<Vec<_>>()
        );
        assert_eq!(
            merged.trigram_keys.to_vec_unmapped(),
            whole.trigram_keys.to_vec_unmapped()
        );
        assert_eq!(
            merged.trigram_words.to_unmapped(),
            whole.trigram_words.to_unmapped()
        );
    }

    #[test]
    fn tables_that_do_not_fit_together_are_refused() {
        let v = vocab(&["assad", "lavrov"]);
        let mut buf = Vec::new();
        let mut sink = |b: &[u8]| buf.extend_from_slice(b);
        v.write_tables(&mut TableWriter::new(&mut sink));
        // Cut the blob short by one byte: the ends no longer fit it.
        buf[0] -= 1;
        buf.remove(8);
        assert!(Vocabulary::read_tables(&mut TableReader::new(Bytes::from_vec(buf))).is_none());
    }
}
