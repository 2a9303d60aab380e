//! The open documents: their text in a rope, kept in step with the editor by
//! incremental sync.
//!
//! Changes are applied here synchronously, in the order the editor sent them, before the
//! server awaits anything; everything else reads a [`Snapshot`] (a cheap rope clone) so
//! that no lock is held while analysing. Every change bumps a server-side `revision`
//! that, unlike the editor's `version`, is strictly increasing even when a client sends
//! versions out of order: results computed for an older revision are stale.
//!
//! This module knows text, positions and versions; it does not analyse anything.

use std::collections::HashMap;
use std::path::PathBuf;

use ropey::Rope;
use tower_lsp_server::ls_types::{TextDocumentContentChangeEvent, Uri};

use crate::analysis::TextFormat;

use super::position::{self, Encoding};

/// One open document.
#[derive(Clone, Debug)]
pub struct Document {
    pub rope: Rope,
    /// The editor's version of the text.
    pub version: i32,
    /// The server's revision: strictly increasing across all changes of all documents.
    pub revision: u64,
    pub format: TextFormat,
    /// The file behind the document, when its URI is a `file:` URI.
    pub path: Option<PathBuf>,
}

/// What the background tasks and requests read: the text at one revision.
#[derive(Clone, Debug)]
pub struct Snapshot {
    pub uri: Uri,
    pub rope: Rope,
    pub version: i32,
    pub revision: u64,
    pub format: TextFormat,
    pub path: Option<PathBuf>,
}

/// Why a change could not be applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChangeError {
    /// A change for a document the editor never opened (or already closed).
    NotOpen,
}

/// What applying a change did, for the log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Applied {
    pub revision: u64,
    /// The editor's version did not increase: applied anyway, in arrival order.
    pub out_of_order: bool,
}

/// All open documents.
#[derive(Debug, Default)]
pub struct Documents {
    docs: HashMap<Uri, Document>,
    last_revision: u64,
}

/// The path of a `file:` URI.
pub fn uri_path(uri: &Uri) -> Option<PathBuf> {
    let is_file = uri.scheme().as_str().eq_ignore_ascii_case("file");
    if !is_file {
        return None;
    }
    uri.to_file_path().map(|p| p.into_owned())
}

/// The format of a document, from its language id and then its file name.
pub fn format_of(uri: &Uri, language_id: &str) -> TextFormat {
    match language_id {
        "markdown" => TextFormat::Markdown,
        "plaintext" => TextFormat::Plain,
        _ => TextFormat::from_path_name(uri.path().as_str()),
    }
}

impl Documents {
    pub fn new() -> Documents {
        Documents::default()
    }

    fn next_revision(&mut self) -> u64 {
        self.last_revision += 1;
        self.last_revision
    }

    /// Open (or re-open, replacing) a document.
    pub fn open(&mut self, uri: Uri, text: &str, version: i32, language_id: &str) -> u64 {
        let revision = self.next_revision();
        let doc = Document {
            rope: Rope::from_str(text),
            version,
            revision,
            format: format_of(&uri, language_id),
            path: uri_path(&uri),
        };
        self.docs.insert(uri, doc);
        revision
    }

    /// Apply the editor's changes, in order, to an open document.
    pub fn change(
        &mut self,
        uri: &Uri,
        version: i32,
        changes: &[TextDocumentContentChangeEvent],
        enc: Encoding,
    ) -> Result<Applied, ChangeError> {
        let revision = self.last_revision + 1;
        let doc = self.docs.get_mut(uri).ok_or(ChangeError::NotOpen)?;
        for change in changes {
            apply(&mut doc.rope, change, enc);
        }
        let out_of_order = version <= doc.version;
        doc.version = version;
        doc.revision = revision;
        self.last_revision = revision;
        Ok(Applied {
            revision,
            out_of_order,
        })
    }

    pub fn close(&mut self, uri: &Uri) -> bool {
        self.docs.remove(uri).is_some()
    }

    pub fn get(&self, uri: &Uri) -> Option<&Document> {
        self.docs.get(uri)
    }

    pub fn snapshot(&self, uri: &Uri) -> Option<Snapshot> {
        self.docs.get(uri).map(|d| Snapshot {
            uri: uri.clone(),
            rope: d.rope.clone(),
            version: d.version,
            revision: d.revision,
            format: d.format,
            path: d.path.clone(),
        })
    }

    /// The current revision of `uri`, if open.
    pub fn revision(&self, uri: &Uri) -> Option<u64> {
        self.docs.get(uri).map(|d| d.revision)
    }

    pub fn uris(&self) -> Vec<Uri> {
        self.docs.keys().cloned().collect()
    }

    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }
}

/// Apply one change event to a rope. A range past the end is clamped; a reversed range
/// is read as the range between its ends.
pub fn apply(rope: &mut Rope, change: &TextDocumentContentChangeEvent, enc: Encoding) {
    match change.range {
        None => *rope = Rope::from_str(&change.text),
        Some(range) => {
            let a = position::char_at(rope, range.start, enc);
            // Typing inserts at a point: one lookup, not two.
            let b = if range.end == range.start {
                a
            } else {
                position::char_at(rope, range.end, enc)
            };
            let (start, end) = (a.min(b), a.max(b));
            rope.remove(start..end);
            rope.insert(start, &change.text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;
    use tower_lsp_server::ls_types::{Position, Range};

    fn edit(l0: u32, c0: u32, l1: u32, c1: u32, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(l0, c0), Position::new(l1, c1))),
            range_length: None,
            text: text.to_string(),
        }
    }

    fn uri() -> Uri {
        Uri::from_str("file:///story/draft.md").unwrap()
    }

    #[test]
    fn incremental_changes_apply_in_order() {
        let mut docs = Documents::new();
        docs.open(uri(), "Zoë said \"hi\".\nBye 😀 now", 1, "markdown");
        let changes = [
            edit(0, 10, 0, 12, "hello"), // "hi" -> "hello" (UTF-16: ë is one unit)
            edit(1, 4, 1, 6, "🎉"),      // the emoji (two units) -> another
            edit(1, 99, 1, 99, "!"),     // past the end of the line: appended
        ];
        let applied = docs.change(&uri(), 2, &changes, Encoding::Utf16).unwrap();
        assert!(!applied.out_of_order);
        let doc = docs.get(&uri()).unwrap();
        assert_eq!(doc.rope.to_string(), "Zoë said \"hello\".\nBye 🎉 now!");
        assert_eq!(doc.format, TextFormat::Markdown);
        assert_eq!(
            doc.path.as_deref(),
            Some(std::path::Path::new("/story/draft.md"))
        );
    }

    #[test]
    fn utf8_offsets_count_bytes() {
        let mut docs = Documents::new();
        docs.open(uri(), "Zoë x", 1, "markdown");
        // 'x' is at byte 5 (ë is two bytes).
        docs.change(&uri(), 2, &[edit(0, 5, 0, 6, "y")], Encoding::Utf8)
            .unwrap();
        assert_eq!(docs.get(&uri()).unwrap().rope.to_string(), "Zoë y");
    }

    #[test]
    fn full_replacement_and_unopened_documents() {
        let mut docs = Documents::new();
        let other = Uri::from_str("file:///story/other.txt").unwrap();
        let full = TextDocumentContentChangeEvent {
            range: None,
            range_length: None,
            text: "new".into(),
        };
        assert_eq!(
            docs.change(&other, 1, std::slice::from_ref(&full), Encoding::Utf16),
            Err(ChangeError::NotOpen)
        );
        docs.open(uri(), "old", 5, "markdown");
        let a = docs.change(&uri(), 3, &[full], Encoding::Utf16).unwrap();
        assert!(a.out_of_order, "version 3 after 5 is out of order");
        let doc = docs.get(&uri()).unwrap();
        assert_eq!(doc.rope.to_string(), "new");
        assert_eq!(doc.version, 3);
        assert_eq!(doc.revision, a.revision);
    }

    #[test]
    fn reversed_ranges_and_revisions() {
        let mut docs = Documents::new();
        let r1 = docs.open(uri(), "abcdef", 1, "plaintext");
        let a = docs
            .change(&uri(), 2, &[edit(0, 4, 0, 1, "X")], Encoding::Utf16)
            .unwrap();
        assert!(a.revision > r1);
        assert_eq!(docs.get(&uri()).unwrap().rope.to_string(), "aXef");
        assert_eq!(docs.get(&uri()).unwrap().format, TextFormat::Plain);
    }
}
