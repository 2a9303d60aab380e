//! Compact posting lists: which sources contain a bigram, in a few bytes per posting.
//!
//! A [`Segment`] is an immutable index of a batch of sources. Bigram hashes are spread
//! over `2^bits` buckets by their top bits; each bucket holds, in source order, one entry
//! per (bigram, source): the bigram's low byte (a fingerprint that tells apart most
//! bigrams sharing a bucket) and the source as a varint delta from the previous entry.
//! A lookup decodes only its bucket. Bigrams that share bucket and fingerprint (about one
//! in a few hundred) show up as extra candidates, which the alignment on the source text
//! then rejects; no true posting is ever lost.
//!
//! Segments are built without sorting (a counting pass, then a writing pass) by each
//! loading thread on its own, and never merged: a query asks every segment.

use super::flat::{Bytes, TableReader, TableWriter, U32s};

/// Most bucket bits a segment uses.
const MAX_BITS: u32 = 24;

/// One immutable batch of posting lists. Its tables are built in memory, or read in place
/// from the persisted index ([`Segment::read_tables`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Segment {
    bits: u32,
    /// `offsets[b]..offsets[b + 1]` is bucket `b` in `data`.
    offsets: U32s,
    data: Bytes,
    /// Local source number -> source id.
    docs: U32s,
}

fn bucket_of(gram: u64, bits: u32) -> usize {
    (gram >> (64 - bits)) as usize
}

fn fingerprint(gram: u64) -> u8 {
    gram as u8
}

impl Segment {
    /// Upper bound of the number of postings of `gram` (the size of its bucket).
    pub fn estimate(&self, gram: u64) -> usize {
        let b = bucket_of(gram, self.bits);
        match (self.offsets.get(b), self.offsets.get(b + 1)) {
            (Some(s), Some(e)) => (e.saturating_sub(s) / 2) as usize,
            _ => 0,
        }
    }

    /// Push the source ids whose bigrams include `gram` (and a few impostors) onto `out`,
    /// in increasing order of local number.
    pub fn lookup(&self, gram: u64, out: &mut Vec<u32>) {
        let b = bucket_of(gram, self.bits);
        let (Some(s), Some(e)) = (self.offsets.get(b), self.offsets.get(b + 1)) else {
            return;
        };
        let Some(bytes) = self.data.as_slice().get(s as usize..e as usize) else {
            return;
        };
        let fp = fingerprint(gram);
        let mut pos = 0;
        let mut doc: u32 = 0;
        let mut last_pushed: Option<u32> = None;
        while pos < bytes.len() {
            let entry_fp = bytes[pos];
            pos += 1;
            let Some((delta, used)) = read_varint(&bytes[pos..]) else {
                return; // corrupt: stop rather than misread
            };
            pos += used;
            doc = doc.wrapping_add(delta);
            if entry_fp == fp && last_pushed != Some(doc) {
                last_pushed = Some(doc);
                if let Some(id) = self.docs.get(doc as usize) {
                    out.push(id);
                }
            }
        }
    }

    /// The source ids this segment indexes.
    pub fn docs(&self) -> impl Iterator<Item = u32> + '_ {
        self.docs.iter()
    }

    /// Renumber the sources: `new_id(old)` (ids without a new number keep theirs).
    pub fn renumber(&mut self, new_id: impl Fn(u32) -> Option<u32>) {
        for d in self.docs.make_mut() {
            if let Some(n) = new_id(*d) {
                *d = n;
            }
        }
    }

    /// Bytes held (in memory, or mapped from the persisted index).
    pub fn heap_bytes(&self) -> usize {
        self.offsets.heap_bytes() + self.data.len() + self.docs.heap_bytes()
    }

    /// Whether the segment's tables agree with each other (for a segment read back from
    /// the persisted index). Cheap: the sizes and the last offset; a wrong offset inside
    /// makes a lookup find nothing or an impostor, never panic.
    pub fn is_consistent(&self) -> bool {
        self.bits <= MAX_BITS
            && self.offsets.len() == (1usize << self.bits) + 1
            && self.offsets.get(0) == Some(0)
            && self
                .offsets
                .get(self.offsets.len() - 1)
                .is_some_and(|l| l as usize == self.data.len())
    }

    /// Append the segment's tables to `w` (read back by [`Self::read_tables`]).
    pub fn write_tables(&self, w: &mut TableWriter) {
        w.bytes(&self.bits.to_le_bytes());
        w.u32s(&self.offsets);
        w.stream(&self.data);
        w.u32s(&self.docs);
    }

    /// A segment from tables written by [`Self::write_tables`], read in place; `None`
    /// when they do not fit together.
    pub fn read_tables(r: &mut TableReader) -> Option<Segment> {
        let bits = r.bytes()?;
        let bits = u32::from_le_bytes(bits.as_slice().try_into().ok()?);
        let seg = Segment {
            bits,
            offsets: r.u32s()?,
            data: r.bytes()?,
            docs: r.u32s()?,
        };
        seg.is_consistent().then_some(seg)
    }
}

/// Collects the bigrams of sources one after the other, then writes a [`Segment`].
#[derive(Default)]
pub struct SegmentBuilder {
    docs: Vec<u32>,
    /// `top 24 bits of gram << 40 | fingerprint << 32 | local doc`.
    pairs: Vec<u64>,
}

impl SegmentBuilder {
    pub fn new() -> SegmentBuilder {
        SegmentBuilder::default()
    }

    /// Add source `id` with its distinct bigrams.
    pub fn add(&mut self, id: u32, grams: &[u64]) {
        let local = self.docs.len() as u64;
        self.docs.push(id);
        self.pairs.reserve(grams.len());
        for &g in grams {
            let top = g >> (64 - MAX_BITS);
            self.pairs
                .push((top << 40) | ((fingerprint(g) as u64) << 32) | local);
        }
    }

    /// How many (bigram, source) pairs are waiting.
    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Write the segment and start afresh.
    pub fn finish(&mut self) -> Segment {
        let pairs = std::mem::take(&mut self.pairs);
        let docs = std::mem::take(&mut self.docs);
        // About eight postings per bucket.
        let wanted = (pairs.len() / 8).max(1).next_power_of_two();
        let bits = wanted.trailing_zeros().clamp(4, MAX_BITS);
        let buckets = 1usize << bits;
        let bucket = |p: u64| ((p >> 40) >> (MAX_BITS - bits)) as usize;
        let local = |p: u64| p as u32;
        // Pass 1: the size of each bucket.
        let mut sizes = vec![0u32; buckets];
        let mut last = vec![0u32; buckets];
        for &p in &pairs {
            let b = bucket(p);
            let delta = local(p) - last[b];
            last[b] = local(p);
            sizes[b] += 1 + varint_len(delta) as u32;
        }
        let mut offsets = Vec::with_capacity(buckets + 1);
        let mut total = 0u32;
        offsets.push(0);
        for s in &sizes {
            total += s;
            offsets.push(total);
        }
        // Pass 2: write each entry at its bucket's cursor.
        let mut data = vec![0u8; total as usize];
        let mut cursor: Vec<u32> = offsets[..buckets].to_vec();
        last.iter_mut().for_each(|l| *l = 0);
        for &p in &pairs {
            let b = bucket(p);
            let delta = local(p) - last[b];
            last[b] = local(p);
            let at = cursor[b] as usize;
            data[at] = (p >> 32) as u8;
            let used = write_varint(delta, &mut data[at + 1..]);
            cursor[b] += 1 + used as u32;
        }
        Segment {
            bits,
            offsets: offsets.into(),
            data: data.into(),
            docs: docs.into(),
        }
    }
}

fn varint_len(mut v: u32) -> usize {
    let mut n = 1;
    while v >= 0x80 {
        v >>= 7;
        n += 1;
    }
    n
}

fn write_varint(mut v: u32, out: &mut [u8]) -> usize {
    let mut i = 0;
    while v >= 0x80 {
        out[i] = (v as u8) | 0x80;
        v >>= 7;
        i += 1;
    }
    out[i] = v as u8;
    i + 1
}

fn read_varint(bytes: &[u8]) -> Option<(u32, usize)> {
    let mut v: u32 = 0;
    for (i, &b) in bytes.iter().enumerate().take(5) {
        v |= ((b & 0x7f) as u32) << (7 * i);
        if b < 0x80 {
            return Some((v, i + 1));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_posting_is_found_and_impostors_are_rare() {
        let mut b = SegmentBuilder::new();
        let gram = |i: u64| crate::corpus::grams::gram_hash(i, i * 7 + 1);
        // 300 sources, source s has grams s..s+50.
        for s in 0..300u64 {
            let mut grams: Vec<u64> = (s..s + 50).map(gram).collect();
            grams.sort_unstable();
            b.add(1000 + s as u32, &grams);
        }
        let seg = b.finish();
        assert!(seg.is_consistent());
        let mut extra = 0;
        for g in 0..349u64 {
            let mut out = Vec::new();
            seg.lookup(gram(g), &mut out);
            let expected: Vec<u32> = (g.saturating_sub(49)..=g.min(299))
                .map(|s| 1000 + s as u32)
                .collect();
            for id in &expected {
                assert!(out.contains(id), "gram {g} lost source {id}");
            }
            extra += out.len() - expected.len();
        }
        assert!(extra < 300, "{extra} impostors");
    }

    #[test]
    fn varints_round_trip() {
        for v in [0u32, 1, 127, 128, 300, 1 << 20, u32::MAX] {
            let mut buf = [0u8; 5];
            let n = write_varint(v, &mut buf);
            assert_eq!(n, varint_len(v));
            assert_eq!(read_varint(&buf[..n]), Some((v, n)));
        }
    }
}
