//! Flat tables for the persisted index: runs of bytes and of little-endian `u32`s that are
//! either built in memory or read in place from the cache file (memory-mapped, see
//! [`super::cache`]), so that loading a table costs nothing until it is used and an
//! untouched table costs no resident memory.
//!
//! Every access is bounds-checked (`get` returns an `Option`): a table read from disk is
//! trusted only as far as its checksum, and a wrong number in it gives a wrong answer, never
//! a panic. This module knows nothing of what the numbers mean.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

/// What [`Bytes`] point into: a buffer in memory, or a mapped file.
pub trait Backing: Send + Sync {
    fn bytes(&self) -> &[u8];

    /// Fill `buf` with the bytes at `offset` without reading them through `bytes` (for a
    /// mapped file: a positional read, so that copying a table elsewhere does not make
    /// its pages resident); false when they are not there.
    fn read_at(&self, buf: &mut [u8], offset: usize) -> bool {
        match offset
            .checked_add(buf.len())
            .and_then(|end| self.bytes().get(offset..end))
        {
            Some(b) => {
                buf.copy_from_slice(b);
                true
            }
            None => false,
        }
    }
}

impl Backing for Vec<u8> {
    fn bytes(&self) -> &[u8] {
        self
    }
}

/// A mapped file, and the file for positional reads.
pub struct MappedFile {
    pub map: memmap2::Mmap,
    pub file: std::fs::File,
}

impl Backing for MappedFile {
    fn bytes(&self) -> &[u8] {
        &self.map
    }

    #[cfg(unix)]
    fn read_at(&self, buf: &mut [u8], offset: usize) -> bool {
        std::os::unix::fs::FileExt::read_exact_at(&self.file, buf, offset as u64).is_ok()
    }
}

/// A shared run of bytes: a range of a buffer in memory or of a mapped file.
#[derive(Clone)]
pub struct Bytes {
    backing: Arc<dyn Backing>,
    start: usize,
    end: usize,
}

impl Bytes {
    /// The bytes `range` of `backing` (an empty run when the range is outside it).
    pub fn new(backing: Arc<dyn Backing>, range: Range<usize>) -> Bytes {
        let len = backing.bytes().len();
        let (start, end) = if range.start <= range.end && range.end <= len {
            (range.start, range.end)
        } else {
            (0, 0)
        };
        Bytes {
            backing,
            start,
            end,
        }
    }

    /// Bytes of their own.
    pub fn from_vec(v: Vec<u8>) -> Bytes {
        let end = v.len();
        Bytes {
            backing: Arc::new(v),
            start: 0,
            end,
        }
    }

    pub fn as_slice(&self) -> &[u8] {
        self.backing
            .bytes()
            .get(self.start..self.end)
            .unwrap_or(&[])
    }

    /// Hand the bytes to `sink` in pieces, read with [`Backing::read_at`] (so that a
    /// mapped file's pages are not made resident); false when they could not be read.
    pub fn stream(&self, sink: &mut dyn FnMut(&[u8])) -> bool {
        let mut buf = vec![0u8; (1 << 20).min(self.len())];
        let mut at = self.start;
        while at < self.end {
            let n = (self.end - at).min(buf.len());
            if !self.backing.read_at(&mut buf[..n], at) {
                return false;
            }
            sink(&buf[..n]);
            at += n;
        }
        true
    }

    /// A part of these bytes, sharing the same buffer (`None` outside them).
    pub fn sub(&self, range: Range<usize>) -> Option<Bytes> {
        if range.start > range.end || range.end > self.end - self.start {
            return None;
        }
        Some(Bytes {
            backing: Arc::clone(&self.backing),
            start: self.start + range.start,
            end: self.start + range.end,
        })
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// The bytes, copied with positional reads (see [`Self::stream`]).
    pub fn to_vec_unmapped(&self) -> Option<Vec<u8>> {
        let mut out = Vec::with_capacity(self.len());
        self.stream(&mut |piece: &[u8]| out.extend_from_slice(piece))
            .then_some(out)
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

impl Default for Bytes {
    fn default() -> Bytes {
        Bytes::from_vec(Vec::new())
    }
}

impl fmt::Debug for Bytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Bytes({} bytes)", self.len())
    }
}

impl PartialEq for Bytes {
    fn eq(&self, other: &Bytes) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl Eq for Bytes {}

impl From<Vec<u8>> for Bytes {
    fn from(v: Vec<u8>) -> Bytes {
        Bytes::from_vec(v)
    }
}

/// A table of `u32`: built in memory (a `Vec`), or little-endian bytes read in place.
#[derive(Clone)]
pub enum U32s {
    Vec(Vec<u32>),
    Le(Bytes),
}

impl Default for U32s {
    fn default() -> U32s {
        U32s::Vec(Vec::new())
    }
}

impl From<Vec<u32>> for U32s {
    fn from(v: Vec<u32>) -> U32s {
        U32s::Vec(v)
    }
}

impl fmt::Debug for U32s {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "U32s({} values)", self.len())
    }
}

impl PartialEq for U32s {
    fn eq(&self, other: &U32s) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl Eq for U32s {}

impl U32s {
    /// The little-endian table in `bytes` (`None` when its length is not a multiple of 4).
    pub fn le(bytes: Bytes) -> Option<U32s> {
        (bytes.len() % 4 == 0).then_some(U32s::Le(bytes))
    }

    pub fn view(&self) -> U32View<'_> {
        match self {
            U32s::Vec(v) => U32View::Native(v),
            U32s::Le(b) => U32View::Le(b.as_slice()),
        }
    }

    pub fn len(&self) -> usize {
        self.view().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn get(&self, i: usize) -> Option<u32> {
        self.view().get(i)
    }

    pub fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        self.view().iter()
    }

    /// Values `range` (`None` when outside the table).
    pub fn slice(&self, range: Range<usize>) -> Option<U32View<'_>> {
        self.view().slice(range)
    }

    /// The values, copied with positional reads (see [`Bytes::stream`]: a mapped table's
    /// pages are not made resident); `None` when they could not be read.
    pub fn to_vec_unmapped(&self) -> Option<Vec<u32>> {
        match self {
            U32s::Vec(v) => Some(v.clone()),
            U32s::Le(b) => {
                let mut out = Vec::with_capacity(b.len() / 4);
                // Pieces start at multiples of a power of two from the table's start, so
                // each holds whole numbers.
                let ok = b.stream(&mut |piece: &[u8]| {
                    out.extend(
                        piece
                            .chunks_exact(4)
                            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])),
                    )
                });
                (ok && out.len() * 4 == b.len()).then_some(out)
            }
        }
    }

    /// The values as a `Vec`, to change them (a table read in place is copied).
    pub fn make_mut(&mut self) -> &mut Vec<u32> {
        if let U32s::Le(_) = self {
            *self = U32s::Vec(self.iter().collect());
        }
        match self {
            U32s::Vec(v) => v,
            U32s::Le(_) => unreachable!("converted above"),
        }
    }

    /// Bytes of memory of its own (a table read in place is counted as its bytes).
    pub fn heap_bytes(&self) -> usize {
        self.len() * 4
    }
}

/// A borrowed run of `u32`s, native or little-endian.
#[derive(Clone, Copy, Debug)]
pub enum U32View<'a> {
    Native(&'a [u32]),
    Le(&'a [u8]),
}

impl<'a> U32View<'a> {
    pub fn len(&self) -> usize {
        match self {
            U32View::Native(v) => v.len(),
            U32View::Le(b) => b.len() / 4,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn get(&self, i: usize) -> Option<u32> {
        match self {
            U32View::Native(v) => v.get(i).copied(),
            U32View::Le(b) => {
                let at = i.checked_mul(4)?;
                let c = b.get(at..at.checked_add(4)?)?;
                Some(u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            }
        }
    }

    pub fn slice(&self, range: Range<usize>) -> Option<U32View<'a>> {
        if range.start > range.end {
            return None;
        }
        match self {
            U32View::Native(v) => v.get(range).map(U32View::Native),
            U32View::Le(b) => b
                .get(range.start.checked_mul(4)?..range.end.checked_mul(4)?)
                .map(U32View::Le),
        }
    }

    pub fn iter(self) -> impl Iterator<Item = u32> + 'a {
        let n = self.len();
        (0..n).filter_map(move |i| self.get(i))
    }

    /// The position of `x` in a table sorted in increasing order.
    pub fn binary_search(&self, x: u32) -> Option<usize> {
        self.binary_search_by(|v| v.cmp(&x))
    }

    /// Binary search with a comparison of the value at a position with the one wanted.
    pub fn binary_search_by(
        &self,
        mut cmp: impl FnMut(u32) -> std::cmp::Ordering,
    ) -> Option<usize> {
        let (mut lo, mut hi) = (0usize, self.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match cmp(self.get(mid)?) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(mid),
            }
        }
        None
    }
}

/// A list of lists of `u32` stored flat: list `i` is `values[offsets[i]..offsets[i + 1]]`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Lists {
    pub offsets: U32s,
    pub values: U32s,
}

impl Lists {
    /// Flatten `lists`.
    pub fn of<'a>(lists: impl IntoIterator<Item = &'a [u32]>) -> Lists {
        let mut offsets = vec![0u32];
        let mut values = Vec::new();
        for l in lists {
            values.extend_from_slice(l);
            offsets.push(values.len() as u32);
        }
        Lists {
            offsets: offsets.into(),
            values: values.into(),
        }
    }

    /// How many lists.
    pub fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// List `i` (empty when there is none or the tables disagree).
    pub fn get(&self, i: usize) -> U32View<'_> {
        let empty = U32View::Native(&[]);
        let (Some(s), Some(e)) = (
            self.offsets.get(i),
            i.checked_add(1).and_then(|j| self.offsets.get(j)),
        ) else {
            return empty;
        };
        self.values.slice(s as usize..e as usize).unwrap_or(empty)
    }

    /// Whether the offsets can describe the values (cheap: first and last only).
    pub fn is_well_formed(&self) -> bool {
        !self.offsets.is_empty()
            && self.offsets.get(0) == Some(0)
            && self
                .offsets
                .get(self.offsets.len() - 1)
                .is_some_and(|l| l as usize == self.values.len())
    }

    pub fn heap_bytes(&self) -> usize {
        self.offsets.heap_bytes() + self.values.heap_bytes()
    }

    /// The lists, copied with positional reads (see [`U32s::to_vec_unmapped`]).
    pub fn to_unmapped(&self) -> Option<Lists> {
        Some(Lists {
            offsets: self.offsets.to_vec_unmapped()?.into(),
            values: self.values.to_vec_unmapped()?.into(),
        })
    }
}

/// Writes tables one after the other, each as its length in bytes (`u64`) and its bytes,
/// handing the bytes to a sink as they come (so that a large table is never copied whole).
pub struct TableWriter<'a> {
    sink: &'a mut dyn FnMut(&[u8]),
    /// Whether a table could not be read to be written (the output is then not good).
    pub failed: bool,
}

impl<'a> TableWriter<'a> {
    pub fn new(sink: &'a mut dyn FnMut(&[u8])) -> TableWriter<'a> {
        TableWriter {
            sink,
            failed: false,
        }
    }

    pub fn bytes(&mut self, b: &[u8]) {
        (self.sink)(&(b.len() as u64).to_le_bytes());
        (self.sink)(b);
    }

    /// A table of bytes, streamed from where they are (see [`Bytes::stream`]). A table
    /// that cannot be read is written as zeros of the same length, and `failed` is set.
    pub fn stream(&mut self, b: &Bytes) {
        (self.sink)(&(b.len() as u64).to_le_bytes());
        let mut written = 0usize;
        let ok = b.stream(&mut |piece: &[u8]| {
            (self.sink)(piece);
            written += piece.len();
        });
        if !ok {
            self.failed = true;
            let zeros = [0u8; 4096];
            while written < b.len() {
                let n = (b.len() - written).min(zeros.len());
                (self.sink)(&zeros[..n]);
                written += n;
            }
        }
    }

    pub fn u32s(&mut self, t: &U32s) {
        if let U32s::Le(b) = t {
            self.stream(b);
            return;
        }
        (self.sink)(&((t.len() * 4) as u64).to_le_bytes());
        match t {
            U32s::Vec(v) => {
                let mut buf = [0u8; 16384];
                for part in v.chunks(buf.len() / 4) {
                    for (i, x) in part.iter().enumerate() {
                        buf[4 * i..4 * i + 4].copy_from_slice(&x.to_le_bytes());
                    }
                    (self.sink)(&buf[..part.len() * 4]);
                }
            }
            U32s::Le(b) => (self.sink)(b.as_slice()),
        }
    }

    pub fn lists(&mut self, l: &Lists) {
        self.u32s(&l.offsets);
        self.u32s(&l.values);
    }
}

/// Reads back what a [`TableWriter`] wrote, each table a part of the same buffer.
pub struct TableReader {
    bytes: Bytes,
    at: usize,
}

impl TableReader {
    pub fn new(bytes: Bytes) -> TableReader {
        TableReader { bytes, at: 0 }
    }

    pub fn bytes(&mut self) -> Option<Bytes> {
        let head = self
            .bytes
            .as_slice()
            .get(self.at..self.at.checked_add(8)?)?;
        let mut len8 = [0u8; 8];
        len8.copy_from_slice(head);
        let len = usize::try_from(u64::from_le_bytes(len8)).ok()?;
        let start = self.at + 8;
        let end = start.checked_add(len)?;
        let b = self.bytes.sub(start..end)?;
        self.at = end;
        Some(b)
    }

    pub fn u32s(&mut self) -> Option<U32s> {
        U32s::le(self.bytes()?)
    }

    pub fn lists(&mut self) -> Option<Lists> {
        let l = Lists {
            offsets: self.u32s()?,
            values: self.u32s()?,
        };
        l.is_well_formed().then_some(l)
    }

    /// Whether every byte was read.
    pub fn at_end(&self) -> bool {
        self.at == self.bytes.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_round_trip_and_bad_input_gives_none() {
        let lists = Lists::of([&[1u32, 2][..], &[], &[u32::MAX]]);
        let mut out = Vec::new();
        let mut sink = |b: &[u8]| out.extend_from_slice(b);
        let mut w = TableWriter::new(&mut sink);
        w.bytes(b"abc");
        w.u32s(&U32s::from((0..5000).collect::<Vec<u32>>()));
        w.u32s(&U32s::from(vec![7, 8, 9]));
        w.lists(&lists);
        let mut r = TableReader::new(Bytes::from_vec(out.clone()));
        assert_eq!(r.bytes().unwrap().as_slice(), b"abc");
        let long = r.u32s().unwrap();
        assert_eq!(long, U32s::from((0..5000).collect::<Vec<u32>>()));
        assert_eq!(long.get(4999), Some(4999));
        let t = r.u32s().unwrap();
        assert_eq!(t.iter().collect::<Vec<_>>(), vec![7, 8, 9]);
        assert_eq!(t.view().binary_search(8), Some(1));
        assert_eq!(t.view().binary_search(10), None);
        let back = r.lists().unwrap();
        assert!(r.at_end());
        assert_eq!(back, lists);
        assert_eq!(back.get(0).iter().collect::<Vec<_>>(), vec![1, 2]);
        assert!(back.get(1).is_empty());
        assert_eq!(back.get(2).get(0), Some(u32::MAX));
        assert!(back.get(3).is_empty());
        // Truncated: the last table is not there.
        let mut r = TableReader::new(Bytes::from_vec(out[..out.len() - 1].to_vec()));
        assert!(r.bytes().is_some() && r.u32s().is_some() && r.u32s().is_some());
        assert!(r.lists().is_none());
        // A length that does not fit.
        let mut r = TableReader::new(Bytes::from_vec(vec![0xff; 16]));
        assert!(r.bytes().is_none());
    }
}
