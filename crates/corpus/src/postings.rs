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

/// Top bits of a bigram that choose the part of the builder it waits in.
const PART_BITS: u32 = 8;

/// Collects the bigrams of sources one after the other, then writes a [`Segment`].
///
/// Postings wait in `2^PART_BITS` parts by the top bits of their bigram, so that
/// [`SegmentBuilder::finish`] writes one part's buckets at a time: a part's counters
/// and its stretch of the output stay in the processor's cache (one list over all
/// buckets made every posting a cache miss, twice).
pub struct SegmentBuilder {
    docs: Vec<u32>,
    /// Part `p` waits in `slab[p * stride..][..filled[p]]`, then in `spill[p]` once that
    /// stretch is full. A posting is `top 24 bits of gram << 40 | fingerprint << 32 |
    /// local doc`; each part is in the order added (so in source order). The slab is
    /// one allocation, made at the first posting of a segment and freed by `finish`.
    slab: Vec<u64>,
    stride: usize,
    filled: Vec<u32>,
    spill: Vec<Vec<u64>>,
    len: usize,
}

impl Default for SegmentBuilder {
    fn default() -> SegmentBuilder {
        SegmentBuilder::with_capacity(0)
    }
}

impl SegmentBuilder {
    pub fn new() -> SegmentBuilder {
        SegmentBuilder::default()
    }

    /// A builder whose segments hold about `pairs` postings: that many (and a few more)
    /// wait in one allocation rather than in growing lists.
    pub fn with_capacity(pairs: usize) -> SegmentBuilder {
        let parts = 1usize << PART_BITS;
        SegmentBuilder {
            docs: Vec::new(),
            slab: Vec::new(),
            stride: (pairs >> PART_BITS) + (pairs >> (PART_BITS + 4)),
            filled: vec![0; parts],
            spill: vec![Vec::new(); parts],
            len: 0,
        }
    }

    /// Add source `id` with its distinct bigrams.
    pub fn add(&mut self, id: u32, grams: &[u64]) {
        let local = self.docs.len() as u64;
        self.docs.push(id);
        self.len += grams.len();
        if self.slab.is_empty() && self.stride > 0 {
            // Zeroed memory: the system hands pages over as they are first written.
            self.slab = vec![0; self.stride << PART_BITS];
        }
        for &g in grams {
            let top = g >> (64 - MAX_BITS);
            let part = (g >> (64 - PART_BITS)) as usize;
            let pair = (top << 40) | ((fingerprint(g) as u64) << 32) | local;
            let Some(filled) = self.filled.get_mut(part) else {
                continue;
            };
            match self.slab.get_mut(part * self.stride + *filled as usize) {
                Some(slot) if (*filled as usize) < self.stride => {
                    *slot = pair;
                    *filled += 1;
                }
                _ => {
                    if let Some(spill) = self.spill.get_mut(part) {
                        spill.push(pair);
                    }
                }
            }
        }
    }

    /// How many (bigram, source) pairs are waiting.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// The postings of part `p`, in the order added.
    fn part(&self, p: usize) -> impl Iterator<Item = u64> + '_ {
        let filled = self.filled.get(p).copied().unwrap_or(0) as usize;
        let start = p * self.stride;
        let held = self.slab.get(start..start + filled).unwrap_or(&[]);
        let spilled = self.spill.get(p).map(Vec::as_slice).unwrap_or(&[]);
        held.iter().chain(spilled).copied()
    }

    /// Write the segment and start afresh.
    pub fn finish(&mut self) -> Segment {
        let docs = std::mem::take(&mut self.docs);
        let pairs_len = std::mem::take(&mut self.len);
        // About eight postings per bucket.
        let wanted = (pairs_len / 8).max(1).next_power_of_two();
        let bits = wanted.trailing_zeros().clamp(4, MAX_BITS);
        let buckets = 1usize << bits;
        let bucket = |p: u64| ((p >> 40) >> (MAX_BITS - bits)) as usize;
        let mut offsets: Vec<u32> = Vec::with_capacity(buckets + 1);
        offsets.push(0);
        // Most deltas take one or two bytes.
        let mut data: Vec<u8> = Vec::with_capacity(pairs_len * 3);
        if bits >= PART_BITS {
            // Each part holds the buckets `part << sub_bits ..` in full: sort it by bucket
            // (counting sort, stable, so each bucket stays in source order), then write.
            let sub_bits = bits - PART_BITS;
            let mut counts = vec![0u32; (1usize << sub_bits) + 1];
            let mut sorted: Vec<u64> = Vec::new();
            let sub_mask = (1usize << sub_bits) - 1;
            for p in 0..1usize << PART_BITS {
                counts.iter_mut().for_each(|c| *c = 0);
                let mut n = 0;
                for pair in self.part(p) {
                    counts[(bucket(pair) & sub_mask) + 1] += 1;
                    n += 1;
                }
                for i in 1..counts.len() {
                    counts[i] += counts[i - 1];
                }
                sorted.clear();
                sorted.resize(n, 0);
                for pair in self.part(p) {
                    let c = &mut counts[bucket(pair) & sub_mask];
                    sorted[*c as usize] = pair;
                    *c += 1;
                }
                // counts[s] is now the end of sub-bucket s.
                write_buckets(
                    &sorted,
                    &counts[..1usize << sub_bits],
                    &mut data,
                    &mut offsets,
                );
            }
        } else {
            // A small segment: a bucket spans several parts; put each bucket's postings
            // back in source order.
            let mut all: Vec<u64> = (0..1usize << PART_BITS)
                .flat_map(|p| self.part(p))
                .collect();
            all.sort_by_key(|&p| (bucket(p), p as u32));
            let mut ends = vec![0u32; buckets];
            for &p in &all {
                ends[bucket(p)] += 1;
            }
            for i in 1..ends.len() {
                ends[i] += ends[i - 1];
            }
            write_buckets(&all, &ends, &mut data, &mut offsets);
        }
        data.shrink_to_fit();
        self.slab = Vec::new();
        self.filled.iter_mut().for_each(|f| *f = 0);
        self.spill.iter_mut().for_each(|s| *s = Vec::new());
        Segment {
            bits,
            offsets: offsets.into(),
            data: data.into(),
            docs: docs.into(),
        }
    }
}

/// Write buckets one after the other: bucket `i` is `sorted[ends[i - 1]..ends[i]]`, in
/// source order; push the end offset of each onto `offsets`.
fn write_buckets(sorted: &[u64], ends: &[u32], data: &mut Vec<u8>, offsets: &mut Vec<u32>) {
    let mut start = 0usize;
    for &end in ends {
        let mut last = 0u32;
        for &p in sorted.get(start..end as usize).unwrap_or(&[]) {
            let local = p as u32;
            data.push((p >> 32) as u8);
            push_varint(local.wrapping_sub(last), data);
            last = local;
        }
        start = end as usize;
        offsets.push(data.len() as u32);
    }
}

fn push_varint(mut v: u32, out: &mut Vec<u8>) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
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
        let gram = |i: u64| crate::grams::gram_hash(i, i * 7 + 1);
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

    /// The segment as the first builder wrote it: every bucket in one pass over all
    /// postings, in the order added.
    fn reference(docs: &[(u32, Vec<u64>)]) -> (u32, Vec<u32>, Vec<u8>) {
        let total: usize = docs.iter().map(|d| d.1.len()).sum();
        let bits = (total / 8)
            .max(1)
            .next_power_of_two()
            .trailing_zeros()
            .clamp(4, MAX_BITS);
        let mut buckets: Vec<Vec<u8>> = vec![Vec::new(); 1 << bits];
        let mut last = vec![0u32; 1 << bits];
        for (local, (_, grams)) in docs.iter().enumerate() {
            for &g in grams {
                let b = bucket_of(g, bits);
                buckets[b].push(fingerprint(g));
                push_varint(local as u32 - last[b], &mut buckets[b]);
                last[b] = local as u32;
            }
        }
        let mut offsets = vec![0u32];
        let mut data = Vec::new();
        for b in buckets {
            data.extend_from_slice(&b);
            offsets.push(data.len() as u32);
        }
        (bits, offsets, data)
    }

    #[test]
    fn parts_write_the_same_segment_as_one_pass() {
        // Small (a bucket spans several parts), middle and large segments.
        for (sources, per) in [(3u64, 20u64), (40, 100), (300, 900)] {
            let docs: Vec<(u32, Vec<u64>)> = (0..sources)
                .map(|s| {
                    let mut grams: Vec<u64> = (0..per)
                        .map(|i| crate::grams::gram_hash(s * 31 + i % 97, i))
                        .collect();
                    grams.sort_unstable();
                    grams.dedup();
                    (7 + s as u32, grams)
                })
                .collect();
            let total: usize = docs.iter().map(|d| d.1.len()).sum();
            let (bits, offsets, data) = reference(&docs);
            // Postings all in growing lists, some spilling from the slab, all in the slab;
            // each builder writes two segments, to show that it starts afresh.
            for capacity in [0, total / 2, total * 2] {
                let mut b = SegmentBuilder::with_capacity(capacity);
                for _ in 0..2 {
                    for (id, grams) in &docs {
                        b.add(*id, grams);
                    }
                    assert_eq!(b.len(), total);
                    let seg = b.finish();
                    let what = format!("{sources} sources, capacity {capacity}");
                    assert_eq!(seg.bits, bits, "{what}");
                    assert_eq!(seg.offsets, U32s::from(offsets.clone()), "{what}");
                    assert_eq!(seg.data, Bytes::from(data.clone()), "{what}");
                    let ids: Vec<u32> = docs.iter().map(|d| d.0).collect();
                    assert_eq!(seg.docs, U32s::from(ids));
                    assert!(seg.is_consistent());
                    assert!(b.is_empty());
                    assert_eq!(b.len(), 0);
                }
            }
        }
    }

    #[test]
    fn varints_round_trip() {
        for v in [0u32, 1, 127, 128, 300, 1 << 20, u32::MAX] {
            let mut buf = Vec::new();
            push_varint(v, &mut buf);
            assert_eq!(read_varint(&buf), Some((v, buf.len())));
        }
    }
}
