//! Sources as the index keeps them: the text as it is, the analysis packed into a few
//! bytes, unpacked only when someone asks for that source.
//!
//! An analysis in Rust structures takes about twice the bytes of the text it describes;
//! packed (postcard) it takes a fifth or so. A corpus of a hundred thousand articles keeps
//! its analyses packed, and the few sources a check or a hover looks at are unpacked on
//! demand and kept in a small most-recently-used list. The persisted index stores the
//! same packed bytes, so a warm start copies them without decoding anything.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};

use super::grams::Tokens;
use super::{Source, SourceId, SourceMeta};
use crate::analysis::Analysis;

/// One source, its analysis packed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Stored {
    pub path: PathBuf,
    pub meta: SourceMeta,
    pub text: Arc<str>,
    pub text_is_file: bool,
    #[serde(with = "serde_bytes")]
    pub analysis: Vec<u8>,
}

impl Stored {
    pub fn pack(source: &Source) -> Stored {
        Stored {
            path: source.path.clone(),
            meta: source.meta.clone(),
            text: Arc::clone(&source.text),
            text_is_file: source.text_is_file,
            // Plain data always serialises; an empty analysis is the safe fallback.
            analysis: postcard::to_allocvec(&source.analysis).unwrap_or_default(),
        }
    }

    /// The source, its analysis unpacked (an undecodable one reads as empty).
    pub fn unpack(&self, id: SourceId) -> Source {
        Source {
            id,
            path: self.path.clone(),
            meta: self.meta.clone(),
            text: Arc::clone(&self.text),
            text_is_file: self.text_is_file,
            analysis: postcard::from_bytes::<Analysis>(&self.analysis).unwrap_or_default(),
        }
    }

    /// Bytes held (text and packed analysis).
    pub fn heap_bytes(&self) -> usize {
        self.text.len() + self.analysis.len() + self.path.as_os_str().len()
    }
}

/// The sources unpacked most recently, most recent first.
#[derive(Default)]
pub struct Recent {
    items: Mutex<Vec<Arc<Source>>>,
}

/// How many unpacked sources are kept.
const RECENT: usize = 64;

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

    pub fn forget(&self, id: SourceId) {
        if let Ok(mut items) = self.items.lock() {
            items.retain(|(i, _)| *i != id);
        }
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
