//! Interned strings for the names index: each distinct string stored once in one buffer
//! and named by a `u32`, so that a hundred thousand sources naming the same people cost
//! one copy of each name, a few large allocations instead of millions of small ones, and
//! a persisted index that decodes in one pass.
//!
//! Strings are never removed (an index that forgets sources keeps their names until it is
//! rebuilt). It knows nothing of what the strings mean.

use rustc_hash::FxHashMap;

/// A string's id in a [`Strings`].
pub type Sid = u32;

#[derive(Default)]
pub struct Strings {
    /// Every string, one after the other.
    blob: String,
    /// `ends[i]` is the end of string `i` in `blob` (it starts where `i - 1` ends).
    ends: Vec<u32>,
    /// Hash of a string -> its id; on a collision the next hash value is tried, and so on.
    lookup: FxHashMap<u64, Sid>,
}

/// The hash strings are looked up by (also in the frozen names index's table).
pub fn hash(s: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(s.as_bytes())
}

impl Strings {
    /// String `id` ("" for an unknown id).
    pub fn get(&self, id: Sid) -> &str {
        let i = id as usize;
        let end = self.ends.get(i).copied().unwrap_or(0) as usize;
        let start = match i.checked_sub(1) {
            Some(p) => self.ends.get(p).copied().unwrap_or(0) as usize,
            None => 0,
        };
        self.blob.get(start..end).unwrap_or("")
    }

    /// The id of `s`, if it was interned.
    pub fn find(&self, s: &str) -> Option<Sid> {
        let mut h = hash(s);
        loop {
            let &id = self.lookup.get(&h)?;
            if self.get(id) == s {
                return Some(id);
            }
            h = h.wrapping_add(1);
        }
    }

    /// The id of `s`, interning it when new.
    pub fn intern(&mut self, s: &str) -> Sid {
        let mut h = hash(s);
        loop {
            match self.lookup.get(&h) {
                Some(&id) if self.get(id) == s => return id,
                Some(_) => h = h.wrapping_add(1),
                None => break,
            }
        }
        let id = self.ends.len() as Sid;
        self.blob.push_str(s);
        self.ends.push(self.blob.len() as u32);
        self.lookup.insert(h, id);
        id
    }

    /// Rebuild the lookup after decoding; false when the tables disagree.
    pub fn reindex(&mut self) -> bool {
        let ok = self.ends.windows(2).all(|w| w[0] <= w[1])
            && self
                .ends
                .last()
                .map_or(true, |&e| e as usize == self.blob.len())
            && (0..self.ends.len()).all(|i| {
                let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
                self.blob.is_char_boundary(start)
            });
        if !ok {
            return false;
        }
        self.lookup = FxHashMap::default();
        self.lookup.reserve(self.ends.len());
        for id in 0..self.ends.len() as Sid {
            let s = self.get(id);
            let mut h = hash(s);
            while self.lookup.contains_key(&h) {
                h = h.wrapping_add(1);
            }
            self.lookup.insert(h, id);
        }
        true
    }

    /// Every string, one after the other.
    pub fn blob(&self) -> &str {
        &self.blob
    }

    /// `ends()[i]` is the end of string `i` in [`Self::blob`].
    pub fn ends(&self) -> &[u32] {
        &self.ends
    }

    /// The blob and the ends, to keep them in another form.
    pub fn into_parts(self) -> (String, Vec<u32>) {
        (self.blob, self.ends)
    }

    /// Strings from a blob and the ends of its strings (`None` when they disagree).
    pub fn from_parts(blob: String, ends: Vec<u32>) -> Option<Strings> {
        let mut s = Strings {
            blob,
            ends,
            lookup: FxHashMap::default(),
        };
        s.reindex().then_some(s)
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interned_once_and_found_again_after_decoding() {
        let mut s = Strings::default();
        let a = s.intern("Mikhail Mizintsev");
        let b = s.intern("Mizintsev");
        assert_eq!(s.intern("Mikhail Mizintsev"), a);
        assert_ne!(a, b);
        assert_eq!(s.get(b), "Mizintsev");
        let (blob, ends) = s.into_parts();
        assert!(Strings::from_parts(blob.clone(), vec![3, 1]).is_none());
        let back = Strings::from_parts(blob, ends).unwrap();
        assert_eq!(back.find("Mizintsev"), Some(b));
        assert_eq!(back.find("Putin"), None);
    }
}
