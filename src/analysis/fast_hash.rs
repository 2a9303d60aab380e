//! A small fast hasher for the analysis' own maps and sets (short names, spans), in
//! place of the standard library's SipHash, which guards against adversarial keys the
//! analysis does not need to fear: every map lives for one call on one text and is
//! only looked up, never iterated, so the order of its keys never shows.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// Eight bytes at a time: rotate, xor, multiply (the scheme of rustc's FxHasher).
#[derive(Default, Clone, Copy)]
pub(crate) struct FastHasher(u64);

const K: u64 = 0x517c_c1b7_2722_0a95;

impl FastHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(K);
    }
}

impl Hasher for FastHasher {
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }

    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(w) ^ ((rest.len() as u64) << 59));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
}

pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;
pub(crate) type FastSet<K> = HashSet<K, BuildHasherDefault<FastHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_find_what_was_put_in() {
        let mut m: FastMap<String, usize> = FastMap::default();
        for (i, w) in ["a", "pompeo", "mike pompeo", "wall street journal", ""]
            .iter()
            .enumerate()
        {
            m.insert((*w).to_string(), i);
        }
        assert_eq!(m.get("mike pompeo"), Some(&2));
        assert_eq!(m.get("wall street journal"), Some(&3));
        assert_eq!(m.get(""), Some(&4));
        assert_eq!(m.get("mike pompe"), None);
    }
}
