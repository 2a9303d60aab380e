//! The few sources a check or a hover looked at lately, kept at hand: the index does not
//! hold the sources' text or analysis (see [`super::memory`]), so a source is read and
//! analysed again when a query needs it, and the last ones are kept here. A draft
//! checked again after an edit asks about the same sources (its names alone read a few
//! thousand the first time, up to 64 a name: see [`super::entities`]).
//!
//! Both lists are bounded in bytes ([`super::heap`]), not in sources: a server's
//! memory must not follow the length of the pages it happened to read. An archive's are
//! small, so that a server's memory stays flat whatever the archive's size; a story
//! folder's are larger, its sources being the reporter's own few.
//!
//! Plain most-recently-used lists behind a mutex; they never grow past their bound, and
//! one item larger than the whole bound is not kept.

use std::sync::{Arc, Mutex};

use super::grams::Tokens;
use super::heap::source_bytes;
use super::source_names::SourceNames;
use super::{Source, SourceId};

/// The sources read and analysed most recently, most recent first, with their size.
pub struct Recent {
    items: Locked<Arc<Source>>,
}

/// Bytes of analysed sources an archive keeps (a news article of 5 KB and its analysis:
/// ~20 KB, so about 800 of them): a server's memory must stay flat however large the
/// archive.
pub const RECENT_BYTES: usize = 16 << 20;

/// Bytes of analysed sources a story folder keeps: its sources are the reporter's own
/// few, and a page of tens of megabytes costs seconds to read and analyse again.
pub const FOLDER_RECENT_BYTES: usize = 192 << 20;

/// The sources tokenized lately for [`super::grams::locate_in`], most recent first: a
/// draft checked again after an edit asks about the same few sources.
pub struct RecentTokens {
    items: Locked<Arc<Tokens>>,
}

/// Bytes of tokenized sources an archive keeps (a news article's: ~25 KB).
pub const RECENT_TOKEN_BYTES: usize = 8 << 20;

/// Bytes of tokenized sources a story folder keeps. A text whose tokens are larger (a
/// page of tens of megabytes) is tokenized again for each quote looked up in it, a
/// fraction of a second, rather than kept.
pub const FOLDER_RECENT_TOKEN_BYTES: usize = 32 << 20;

/// A most-recently-used list of one item per source, and the bytes its items hold, at
/// most `bound`: what [`Recent`], [`RecentTokens`] and [`RecentNames`] share.
struct ByBytes<T> {
    items: Vec<(SourceId, usize, T)>,
    bytes: usize,
    bound: usize,
}

impl<T: Clone> ByBytes<T> {
    fn new(bound: usize) -> Self {
        ByBytes {
            items: Vec::new(),
            bytes: 0,
            bound,
        }
    }

    /// The item of source `id`, made the most recent.
    fn take(&mut self, id: SourceId) -> Option<T> {
        let pos = self.items.iter().position(|(i, _, _)| *i == id)?;
        let item = self.items.remove(pos);
        let t = item.2.clone();
        self.items.insert(0, item);
        Some(t)
    }

    /// The item of source `id`, left where it is.
    fn peek(&self, id: SourceId) -> Option<T> {
        self.items
            .iter()
            .find(|(i, _, _)| *i == id)
            .map(|(_, _, t)| t.clone())
    }

    fn contains(&self, id: SourceId) -> bool {
        self.items.iter().any(|(i, _, _)| *i == id)
    }

    /// `t` (of `bytes`) as source `id`'s item and the most recent, in place of any it
    /// had, the least recent dropped past the bound. One larger than the whole bound is
    /// not kept (its reader holds it while it needs it), and drops nothing.
    fn put(&mut self, id: SourceId, bytes: usize, t: T) {
        self.forget(id);
        if bytes > self.bound {
            return;
        }
        self.items.insert(0, (id, bytes, t));
        self.bytes += bytes;
        while self.bytes > self.bound && self.items.len() > 1 {
            if let Some((_, b, _)) = self.items.pop() {
                self.bytes -= b;
            }
        }
    }

    fn forget(&mut self, id: SourceId) {
        if let Some(pos) = self.items.iter().position(|(i, _, _)| *i == id) {
            let (_, b, _) = self.items.remove(pos);
            self.bytes -= b;
        }
    }

    /// (items, bytes) kept.
    fn held(&self) -> (usize, usize) {
        (self.items.len(), self.bytes)
    }
}

/// One of the caches above behind its lock; a poisoned lock reads as empty.
struct Locked<T>(Mutex<ByBytes<T>>);

impl<T: Clone> Locked<T> {
    fn new(bound: usize) -> Self {
        Locked(Mutex::new(ByBytes::new(bound)))
    }

    fn with<R>(&self, none: R, f: impl FnOnce(&mut ByBytes<T>) -> R) -> R {
        match self.0.lock() {
            Ok(mut items) => f(&mut items),
            Err(_) => none,
        }
    }
}

impl Default for Recent {
    fn default() -> Self {
        Recent::with_bound(RECENT_BYTES)
    }
}

impl Default for RecentTokens {
    fn default() -> Self {
        RecentTokens::with_bound(RECENT_TOKEN_BYTES)
    }
}

fn tokens_bytes(t: &Tokens) -> usize {
    std::mem::size_of::<Tokens>() + t.heap_bytes()
}

impl RecentTokens {
    /// Tokens kept up to `bound` bytes.
    pub fn with_bound(bound: usize) -> RecentTokens {
        RecentTokens {
            items: Locked::new(bound),
        }
    }

    pub fn get_or(&self, id: SourceId, make: impl FnOnce() -> Tokens) -> Arc<Tokens> {
        self.get_or_try(id, || Some(make()))
            .expect("made without failing")
    }

    /// [`Self::get_or`] for a `make` that can fail (a file that can no longer be read).
    pub fn get_or_try(
        &self,
        id: SourceId,
        make: impl FnOnce() -> Option<Tokens>,
    ) -> Option<Arc<Tokens>> {
        if let Some(t) = self.items.with(None, |items| items.take(id)) {
            return Some(t);
        }
        let t = Arc::new(make()?);
        self.items
            .with((), |items| items.put(id, tokens_bytes(&t), Arc::clone(&t)));
        Some(t)
    }

    pub fn forget(&self, id: SourceId) {
        self.items.with((), |items| items.forget(id));
    }

    /// Whether source `id` is kept tokenized (its text need not be read again).
    pub fn contains(&self, id: SourceId) -> bool {
        self.items.with(false, |items| items.contains(id))
    }

    /// (sources, bytes) kept.
    pub fn held(&self) -> (usize, usize) {
        self.items.with((0, 0), |items| items.held())
    }
}

impl Recent {
    /// Sources kept up to `bound` bytes.
    pub fn with_bound(bound: usize) -> Recent {
        Recent {
            items: Locked::new(bound),
        }
    }

    pub fn get(&self, id: SourceId) -> Option<Arc<Source>> {
        self.items.with(None, |items| items.take(id))
    }

    /// The source if it is here, without making it the most recent.
    pub fn peek(&self, id: SourceId) -> Option<Arc<Source>> {
        self.items.with(None, |items| items.peek(id))
    }

    pub fn put(&self, source: Arc<Source>) {
        self.items.with((), |items| {
            items.put(source.id, source_bytes(&source), source)
        });
    }

    pub fn forget(&self, id: SourceId) {
        self.items.with((), |items| items.forget(id));
    }

    /// (sources, bytes) kept.
    pub fn held(&self) -> (usize, usize) {
        self.items.with((0, 0), |items| items.held())
    }
}

/// The names of sources read lately ([`SourceNames`]), for a corpus that keeps each
/// source's names with it (the archive): a name's question reads them instead of the
/// sources, and the next names asked share many of them.
pub struct RecentNames {
    items: Locked<Arc<SourceNames>>,
}

/// Bytes of sources' names an archive keeps (a news article's: ~3 KB).
pub const RECENT_NAMES_BYTES: usize = 8 << 20;

impl Default for RecentNames {
    fn default() -> Self {
        RecentNames::with_bound(RECENT_NAMES_BYTES)
    }
}

impl RecentNames {
    /// Names kept up to `bound` bytes.
    pub fn with_bound(bound: usize) -> RecentNames {
        RecentNames {
            items: Locked::new(bound),
        }
    }

    pub fn get(&self, id: SourceId) -> Option<Arc<SourceNames>> {
        self.items.with(None, |items| items.take(id))
    }

    /// Whether the names of source `id` are here.
    pub fn contains(&self, id: SourceId) -> bool {
        self.items.with(false, |items| items.contains(id))
    }

    pub fn put(&self, names: Arc<SourceNames>) {
        self.items
            .with((), |items| items.put(names.id, names.heap_bytes(), names));
    }

    /// (sources, bytes) kept.
    pub fn held(&self) -> (usize, usize) {
        self.items.with((0, 0), |items| items.held())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sourced_core::analysis::Analysis;
    use sourced_core::index::SourceMeta;

    fn source(id: u32, len: usize) -> Arc<Source> {
        Arc::new(Source {
            id: SourceId(id),
            path: format!("s{id}.txt").into(),
            meta: SourceMeta::default(),
            text: Arc::from("x".repeat(len)),
            text_is_file: true,
            page: None,
            analysis: Analysis::default(),
        })
    }

    #[test]
    fn the_sources_kept_are_bounded_in_bytes_the_least_recent_dropped_first() {
        let recent = Recent::default();
        let each = RECENT_BYTES / 4;
        for id in 0..4 {
            recent.put(source(id, each));
        }
        // Four of a quarter each, with their headers, do not all fit: the first went.
        assert!(recent.peek(SourceId(0)).is_none());
        assert!(
            recent.get(SourceId(1)).is_some(),
            "1 is now the most recent"
        );
        recent.put(source(4, each));
        assert!(recent.peek(SourceId(2)).is_none(), "2 was the least recent");
        assert!(recent.peek(SourceId(1)).is_some());
        let (n, bytes) = recent.held();
        assert_eq!(n, 3);
        assert!(bytes <= RECENT_BYTES && bytes >= 3 * each);
        // One larger than the whole bound is not kept, and drops nothing.
        recent.put(source(5, RECENT_BYTES * 2));
        assert!(recent.peek(SourceId(5)).is_none());
        assert_eq!(recent.held().0, 3);
        // A story folder keeps more.
        let folder = Recent::with_bound(FOLDER_RECENT_BYTES);
        folder.put(source(5, RECENT_BYTES * 2));
        assert!(folder.peek(SourceId(5)).is_some());
        folder.forget(SourceId(5));
        assert_eq!(folder.held(), (0, 0));
    }
}
