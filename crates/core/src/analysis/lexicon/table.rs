//! A hash table of words built at compile time, for the word lists of
//! [`super`]: one lookup tells every list a word is in and what each map gives
//! for it, instead of a binary search (or a chain of string comparisons) per list.
//!
//! The table is a `static` computed by the compiler (`const fn`): no allocation, no
//! initialisation at run time, no mutable global state.

/// What the lexicon knows about one word.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Entry {
    /// One bit per word list (see the `lexicon` constants).
    pub lists: u32,
    /// For each map, 1 + the index of the word's pair in that map, or 0.
    pub maps: [u16; MAPS],
}

/// How many maps (word -> canonical value) the table holds.
pub(crate) const MAPS: usize = 4;
/// Room for this many distinct words.
const WORDS: usize = 2048;
/// Hash slots (a power of two, at least twice `WORDS` so probes stay short).
const SLOTS: usize = 4096;

pub(crate) struct Table {
    /// 1 + index into `words`, or 0 for an empty slot.
    slots: [u16; SLOTS],
    words: [&'static str; WORDS],
    entries: [Entry; WORDS],
    len: usize,
}

/// FNV-1a of the word's bytes, folded to a slot.
#[inline]
const fn slot_of(b: &[u8]) -> usize {
    let mut h: u32 = 0x811c_9dc5;
    let mut i = 0;
    while i < b.len() {
        h ^= b[i] as u32;
        h = h.wrapping_mul(0x0100_0193);
        i += 1;
    }
    (h ^ (h >> 16)) as usize & (SLOTS - 1)
}

const fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

impl Table {
    pub(crate) const fn new() -> Table {
        Table {
            slots: [0; SLOTS],
            words: [""; WORDS],
            entries: [Entry {
                lists: 0,
                maps: [0; MAPS],
            }; WORDS],
            len: 0,
        }
    }

    /// The index of `word`, added if new (at compile time only).
    const fn index_of(&mut self, word: &'static str) -> usize {
        let b = word.as_bytes();
        let mut s = slot_of(b);
        loop {
            let k = self.slots[s] as usize;
            if k == 0 {
                assert!(self.len < WORDS, "word_table: too many words");
                self.words[self.len] = word;
                self.len += 1;
                self.slots[s] = self.len as u16;
                return self.len - 1;
            }
            if same(self.words[k - 1].as_bytes(), b) {
                return k - 1;
            }
            s = (s + 1) & (SLOTS - 1);
        }
    }

    /// Add every word of `words` to list `bit`.
    pub(crate) const fn with_list(mut self, words: &[&'static str], bit: u32) -> Table {
        let mut i = 0;
        while i < words.len() {
            let k = self.index_of(words[i]);
            self.entries[k].lists |= bit;
            i += 1;
        }
        self
    }

    /// Add map number `map`; a word listed twice keeps its first value (as a `match`
    /// takes its first arm).
    pub(crate) const fn with_map(
        mut self,
        pairs: &[(&'static str, &'static str)],
        map: usize,
    ) -> Table {
        let mut i = 0;
        while i < pairs.len() {
            let k = self.index_of(pairs[i].0);
            if self.entries[k].maps[map] == 0 {
                self.entries[k].maps[map] = (i + 1) as u16;
            }
            i += 1;
        }
        self
    }

    /// What the table knows about `word` (nothing for a word it does not hold).
    #[inline]
    pub(crate) fn get(&self, word: &str) -> Entry {
        let b = word.as_bytes();
        let mut s = slot_of(b);
        loop {
            let k = self.slots[s] as usize;
            if k == 0 {
                return Entry::default();
            }
            if let (Some(w), Some(e)) = (self.words.get(k - 1), self.entries.get(k - 1)) {
                if w.as_bytes() == b {
                    return *e;
                }
            }
            s = (s + 1) & (SLOTS - 1);
        }
    }
}

/// The pairs of a map written like the arms of a `match`:
/// `word_map! { "gen" | "general" => "general", ... }`.
macro_rules! word_map {
    ($( $($word:literal)|+ => $value:literal ),* $(,)?) => {
        &[ $( $( ($word, $value), )+ )* ]
    };
}
pub(crate) use word_map;

#[cfg(test)]
mod tests {
    use super::*;

    static T: Table = Table::new()
        .with_list(&["a", "bc", "def"], 1)
        .with_list(&["bc", "x"], 2)
        .with_map(word_map! { "a" | "x" => "ax", "a" => "second" }, 0);

    #[test]
    fn lookups_find_lists_and_first_map_values() {
        assert_eq!(T.get("a").lists, 1);
        assert_eq!(T.get("bc").lists, 3);
        assert_eq!(T.get("x").lists, 2);
        assert_eq!(T.get("a").maps[0], 1);
        assert_eq!(T.get("x").maps[0], 2);
        assert_eq!(T.get("zz"), Entry::default());
        assert_eq!(T.get(""), Entry::default());
        assert_eq!(T.get("de"), Entry::default());
    }
}
