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
    items: Mutex<ByBytes<Arc<Source>>>,
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
    items: Mutex<ByBytes<(SourceId, Arc<Tokens>)>>,
}

/// Bytes of tokenized sources an archive keeps (a news article's: ~25 KB).
pub const RECENT_TOKEN_BYTES: usize = 8 << 20;

/// Bytes of tokenized sources a story folder keeps. A text whose tokens are larger (a
/// page of tens of megabytes) is tokenized again for each quote looked up in it, a
/// fraction of a second, rather than kept.
pub const FOLDER_RECENT_TOKEN_BYTES: usize = 32 << 20;

/// A most-recently-used list and the bytes its items hold, at most `bound`.
struct ByBytes<T> {
    items: Vec<(usize, T)>,
    bytes: usize,
    bound: usize,
}

impl<T> ByBytes<T> {
    fn new(bound: usize) -> Self {
        ByBytes {
            items: Vec::new(),
            bytes: 0,
            bound,
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

impl<T: Clone> ByBytes<T> {
    /// The item `is` picks, made the most recent.
    fn take(&mut self, is: impl Fn(&T) -> bool) -> Option<T> {
        let pos = self.items.iter().position(|(_, t)| is(t))?;
        let item = self.items.remove(pos);
        let t = item.1.clone();
        self.items.insert(0, item);
        Some(t)
    }

    /// `t` (of `bytes`) as the most recent, the least recent dropped past the bound. One
    /// larger than the whole bound is not kept (its reader holds it while it needs it),
    /// and drops nothing.
    fn put(&mut self, bytes: usize, t: T) {
        if bytes > self.bound {
            return;
        }
        self.items.insert(0, (bytes, t));
        self.bytes += bytes;
        while self.bytes > self.bound && self.items.len() > 1 {
            if let Some((b, _)) = self.items.pop() {
                self.bytes -= b;
            }
        }
    }

    fn retain(&mut self, keep: impl Fn(&T) -> bool) {
        let mut bytes = 0;
        self.items.retain(|(b, t)| {
            let kept = keep(t);
            if kept {
                bytes += b;
            }
            kept
        });
        self.bytes = bytes;
    }
}

fn tokens_bytes(t: &Tokens) -> usize {
    std::mem::size_of::<Tokens>() + t.heap_bytes()
}

impl RecentTokens {
    /// Tokens kept up to `bound` bytes.
    pub fn with_bound(bound: usize) -> RecentTokens {
        RecentTokens {
            items: Mutex::new(ByBytes::new(bound)),
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
        if let Ok(mut items) = self.items.lock() {
            if let Some((_, t)) = items.take(|(i, _)| *i == id) {
                return Some(t);
            }
        }
        let t = Arc::new(make()?);
        if let Ok(mut items) = self.items.lock() {
            items.retain(|(i, _)| *i != id);
            items.put(tokens_bytes(&t), (id, Arc::clone(&t)));
        }
        Some(t)
    }

    pub fn forget(&self, id: SourceId) {
        if let Ok(mut items) = self.items.lock() {
            items.retain(|(i, _)| *i != id);
        }
    }

    /// Whether source `id` is kept tokenized (its text need not be read again).
    pub fn contains(&self, id: SourceId) -> bool {
        self.items
            .lock()
            .is_ok_and(|items| items.items.iter().any(|(_, (i, _))| *i == id))
    }

    /// (sources, bytes) kept.
    pub fn held(&self) -> (usize, usize) {
        self.items
            .lock()
            .map_or((0, 0), |i| (i.items.len(), i.bytes))
    }
}

impl Recent {
    /// Sources kept up to `bound` bytes.
    pub fn with_bound(bound: usize) -> Recent {
        Recent {
            items: Mutex::new(ByBytes::new(bound)),
        }
    }

    pub fn get(&self, id: SourceId) -> Option<Arc<Source>> {
        self.items.lock().ok()?.take(|s| s.id == id)
    }

    /// The source if it is here, without making it the most recent.
    pub fn peek(&self, id: SourceId) -> Option<Arc<Source>> {
        let items = self.items.lock().ok()?;
        items
            .items
            .iter()
            .find(|(_, s)| s.id == id)
            .map(|(_, s)| Arc::clone(s))
    }

    pub fn put(&self, source: Arc<Source>) {
        if let Ok(mut items) = self.items.lock() {
            items.retain(|s| s.id != source.id);
            items.put(source_bytes(&source), source);
        }
    }

    pub fn forget(&self, id: SourceId) {
        if let Ok(mut items) = self.items.lock() {
            items.retain(|s| s.id != id);
        }
    }

    /// (sources, bytes) kept.
    pub fn held(&self) -> (usize, usize) {
        self.items
            .lock()
            .map_or((0, 0), |i| (i.items.len(), i.bytes))
    }
}

/// The names of sources read lately ([`SourceNames`]), for a corpus that keeps each
/// source's names with it (the archive): a name's question reads them instead of the
/// sources, and the next names asked share many of them.
pub struct RecentNames {
    items: Mutex<ByBytes<Arc<SourceNames>>>,
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
            items: Mutex::new(ByBytes::new(bound)),
        }
    }

    pub fn get(&self, id: SourceId) -> Option<Arc<SourceNames>> {
        self.items.lock().ok()?.take(|n| n.id == id)
    }

    /// Whether the names of source `id` are here.
    pub fn contains(&self, id: SourceId) -> bool {
        self.items
            .lock()
            .is_ok_and(|items| items.items.iter().any(|(_, n)| n.id == id))
    }

    pub fn put(&self, names: Arc<SourceNames>) {
        if let Ok(mut items) = self.items.lock() {
            items.retain(|n| n.id != names.id);
            items.put(names.heap_bytes(), names);
        }
    }

    /// (sources, bytes) kept.
    pub fn held(&self) -> (usize, usize) {
        self.items
            .lock()
            .map_or((0, 0), |i| (i.items.len(), i.bytes))
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
