//! Interned strings for a merge of sources' names ([`super::name_merge`]): each distinct
//! string stored once in one buffer and named by a `u32`, so that the sources of a query
//! naming the same people cost one copy of each name and a few large allocations instead
//! of thousands of small ones.
//!
//! Strings are never removed. It knows nothing of what the strings mean.

/// A string's id in a [`Strings`].
pub type Sid = u32;

#[derive(Default)]
pub struct Strings {
    /// Every string, one after the other.
    blob: String,
    /// `ends[i]` is the end of string `i` in `blob` (it starts where `i - 1` ends).
    ends: Vec<u32>,
    /// Open addressing on [`hash`]: a string's id + 1 at its hash's slot (the hash modulo
    /// the table's length, a power of two) or the next free one after it (0: free). At
    /// most two thirds full.
    table: Vec<u32>,
}

/// The hash strings are looked up by.
pub fn hash(s: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(s.as_bytes())
}

/// Where `s` is in an open-addressing `table` of string ids + 1 (see [`Strings`]), or
/// the free slot where it would go: `get` gives the string of an id.
fn probe<'a>(
    table: impl Fn(usize) -> Option<u32>,
    len: usize,
    s: &str,
    get: impl Fn(Sid) -> &'a str,
) -> Result<Sid, usize> {
    if len == 0 || !len.is_power_of_two() {
        return Err(usize::MAX);
    }
    let mask = len - 1;
    let mut slot = hash(s) as usize & mask;
    for _ in 0..len {
        match table(slot) {
            Some(0) | None => return Err(slot),
            Some(v) => {
                if get(v - 1) == s {
                    return Ok(v - 1);
                }
            }
        }
        slot = (slot + 1) & mask;
    }
    Err(usize::MAX)
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

    fn probe(&self, s: &str) -> Result<Sid, usize> {
        probe(
            |i| self.table.get(i).copied(),
            self.table.len(),
            s,
            |id| self.get(id),
        )
    }

    /// The id of `s`, if it was interned.
    pub fn find(&self, s: &str) -> Option<Sid> {
        self.probe(s).ok()
    }

    /// The id of `s`, interning it when new.
    pub fn intern(&mut self, s: &str) -> Sid {
        if let Ok(id) = self.probe(s) {
            return id;
        }
        let id = self.ends.len() as Sid;
        self.blob.push_str(s);
        self.ends.push(self.blob.len() as u32);
        if self.ends.len() * 3 > self.table.len() * 2 {
            self.rebuild_table((self.table.len() * 2).max(16));
        } else if let Err(slot) = self.probe(s) {
            // `s` now has an id but no slot: the free slot where it belongs.
            if let Some(t) = self.table.get_mut(slot) {
                *t = id + 1;
            }
        }
        id
    }

    /// Make a table of `size` slots (a power of two) with every string in it.
    fn rebuild_table(&mut self, size: usize) {
        self.table = vec![0; size];
        let mask = size - 1;
        for id in 0..self.ends.len() as Sid {
            let mut slot = hash(self.get(id)) as usize & mask;
            while self.table[slot] != 0 {
                slot = (slot + 1) & mask;
            }
            self.table[slot] = id + 1;
        }
    }

    /// Every string, one after the other.
    pub fn blob(&self) -> &str {
        &self.blob
    }

    /// `ends()[i]` is the end of string `i` in [`Self::blob`].
    pub fn ends(&self) -> &[u32] {
        &self.ends
    }

    /// The blob, the ends and the lookup table, to keep them in another form (the table
    /// has at least two slots).
    pub fn into_parts(mut self) -> (String, Vec<u32>, Vec<u32>) {
        if self.table.len() < 2 {
            self.rebuild_table(2.max(self.table.len()));
        }
        (self.blob, self.ends, self.table)
    }

    /// Strings from their parts (`None` when the blob and the ends disagree); a lookup
    /// table of the wrong shape is made again.
    pub fn from_parts(blob: String, ends: Vec<u32>, table: Vec<u32>) -> Option<Strings> {
        let ok = ends.windows(2).all(|w| w[0] <= w[1])
            && ends.last().map_or(true, |&e| e as usize == blob.len())
            && (0..ends.len()).all(|i| {
                let start = if i == 0 { 0 } else { ends[i - 1] as usize };
                blob.is_char_boundary(start)
            });
        if !ok {
            return None;
        }
        let fits = table.len().is_power_of_two() && ends.len() * 3 <= table.len() * 2;
        let mut s = Strings { blob, ends, table };
        if !fits {
            s.rebuild_table((s.ends.len() * 3 / 2 + 1).next_power_of_two().max(16));
        }
        Some(s)
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
        for i in 0..100 {
            s.intern(&format!("name {i}"));
        }
        assert_eq!(s.find("name 77").map(|id| s.get(id)), Some("name 77"));
        let (blob, ends, table) = s.into_parts();
        assert!(Strings::from_parts(blob.clone(), vec![3, 1], table.clone()).is_none());
        let back = Strings::from_parts(blob.clone(), ends.clone(), table).unwrap();
        assert_eq!(back.find("name 99").map(|id| back.get(id)), Some("name 99"));
        // A table of the wrong shape is made again.
        let back = Strings::from_parts(blob, ends, vec![0; 3]).unwrap();
        assert_eq!(back.find("name 0").map(|id| back.get(id)), Some("name 0"));
        assert_eq!(back.find("Mizintsev"), Some(b));
        assert_eq!(back.find("Putin"), None);
    }
}
