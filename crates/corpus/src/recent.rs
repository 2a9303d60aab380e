//! The few sources a check or a hover looked at lately, kept at hand: the index does not
//! hold the sources' text or analysis (see [`super::memory`]), so a source is read and
//! analysed again when a query needs it, and the last few thousand are kept here. A draft
//! checked again after an edit asks about the same sources (its names alone read a few
//! thousand the first time, up to 64 a name: see [`super::entities`]).
//!
//! Plain most-recently-used lists behind a mutex; they must not grow past their bound.

use std::sync::{Arc, Mutex};

use super::grams::Tokens;
use super::{Source, SourceId};

/// The sources read and analysed most recently, most recent first.
#[derive(Default)]
pub struct Recent {
    items: Mutex<Vec<Arc<Source>>>,
}

/// How many analysed sources are kept (a news article and its analysis: ~30 KB, so up
/// to ~120 MB).
const RECENT: usize = 4096;

/// The sources tokenized lately for [`super::grams::locate_in`], most recent first: a
/// draft checked again after an edit asks about the same few sources.
#[derive(Default)]
pub struct RecentTokens {
    items: Mutex<Vec<(SourceId, Arc<Tokens>)>>,
}

const RECENT_TOKENS: usize = 1024;

impl RecentTokens {
    pub fn get_or(&self, id: SourceId, make: impl FnOnce() -> Tokens) -> Arc<Tokens> {
        if let Ok(mut items) = self.items.lock() {
            if let Some(pos) = items.iter().position(|(i, _)| *i == id) {
                let item = items.remove(pos);
                let t = Arc::clone(&item.1);
                items.insert(0, item);
                return t;
            }
        }
        let t = Arc::new(make());
        if let Ok(mut items) = self.items.lock() {
            items.insert(0, (id, Arc::clone(&t)));
            items.truncate(RECENT_TOKENS);
        }
        t
    }

    /// [`Self::get_or`] for a `make` that can fail (a file that can no longer be read).
    pub fn get_or_try(
        &self,
        id: SourceId,
        make: impl FnOnce() -> Option<Tokens>,
    ) -> Option<Arc<Tokens>> {
        if let Ok(mut items) = self.items.lock() {
            if let Some(pos) = items.iter().position(|(i, _)| *i == id) {
                let item = items.remove(pos);
                let t = Arc::clone(&item.1);
                items.insert(0, item);
                return Some(t);
            }
        }
        let t = Arc::new(make()?);
        if let Ok(mut items) = self.items.lock() {
            items.insert(0, (id, Arc::clone(&t)));
            items.truncate(RECENT_TOKENS);
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
            .is_ok_and(|items| items.iter().any(|(i, _)| *i == id))
    }
}

impl Recent {
    pub fn get(&self, id: SourceId) -> Option<Arc<Source>> {
        let mut items = self.items.lock().ok()?;
        let pos = items.iter().position(|s| s.id == id)?;
        let s = items.remove(pos);
        items.insert(0, Arc::clone(&s));
        Some(s)
    }

    /// The source if it is here, without making it the most recent.
    pub fn peek(&self, id: SourceId) -> Option<Arc<Source>> {
        let items = self.items.lock().ok()?;
        items.iter().find(|s| s.id == id).cloned()
    }

    pub fn put(&self, source: Arc<Source>) {
        if let Ok(mut items) = self.items.lock() {
            items.retain(|s| s.id != source.id);
            items.insert(0, source);
            items.truncate(RECENT);
        }
    }

    pub fn forget(&self, id: SourceId) {
        if let Ok(mut items) = self.items.lock() {
            items.retain(|s| s.id != id);
        }
    }
}
