//! A word in lowercase without a heap allocation when it is short ASCII (nearly every
//! word the lexicon questions ask about): `w.lower()` answers as `w.to_lowercase()` does.
//!
//! Pure; no panics.

use std::ops::Deref;

/// Longest word kept on the stack; longer or non-ASCII words use `str::to_lowercase`.
const INLINE: usize = 30;

/// A lowercased word; reads as a `&str`.
pub(crate) enum Lower {
    Inline { buf: [u8; INLINE], len: u8 },
    Heap(String),
}

impl Lower {
    pub(crate) fn of(word: &str) -> Lower {
        let bytes = word.as_bytes();
        if bytes.len() <= INLINE && bytes.is_ascii() {
            let mut buf = [0u8; INLINE];
            for (to, from) in buf.iter_mut().zip(bytes) {
                *to = from.to_ascii_lowercase();
            }
            Lower::Inline {
                buf,
                len: bytes.len() as u8,
            }
        } else {
            Lower::Heap(word.to_lowercase())
        }
    }

    pub(crate) fn as_str(&self) -> &str {
        match self {
            // ASCII in, ASCII out: always UTF-8.
            Lower::Inline { buf, len } => {
                std::str::from_utf8(buf.get(..usize::from(*len)).unwrap_or(&[])).unwrap_or("")
            }
            Lower::Heap(s) => s,
        }
    }
}

impl Deref for Lower {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq<str> for Lower {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Lower {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl std::fmt::Debug for Lower {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.as_str().fmt(f)
    }
}

/// `word.lower()`: [`Lower::of`].
pub(crate) trait LowerExt {
    fn lower(&self) -> Lower;
}

impl LowerExt for str {
    #[inline]
    fn lower(&self) -> Lower {
        Lower::of(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowers_as_the_standard_library_does() {
        for w in [
            "",
            "Said",
            "SAID",
            "U.S.",
            "Mizíntsev",
            "ΟΔΥΣΣΕΥΣ",
            "İstanbul",
            "abcdefghijklmnopqrstuvwxyzABCD",
            "abcdefghijklmnopqrstuvwxyzABCDE",
            "He’s",
        ] {
            assert_eq!(w.lower().as_str(), w.to_lowercase(), "{w}");
            assert_eq!(&*w.lower(), w.to_lowercase().as_str());
        }
    }
}
