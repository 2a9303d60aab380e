//! Positions: the one place where LSP positions (a line and a character offset counted in
//! the negotiated encoding) meet the byte offsets that the analysis and the corpus use.
//!
//! Lines are broken by `\n`, `\r\n` and `\r`, as LSP says (the rope is built without
//! Unicode line separators for that reason). Every conversion clamps: a position past the
//! end of its line means the end of the line, a line past the end of the text means the
//! end of the text, and an offset inside a character means the start of that character.
//! Nothing here can panic on any input.
//!
//! It must not know anything about quotes, findings or documents: only text and numbers.

use ropey::Rope;
use tower_lsp_server::ls_types::{Position, PositionEncodingKind, Range};

use crate::analysis::Span;

/// How the `character` of a position is counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// Bytes of UTF-8.
    Utf8,
    /// UTF-16 code units: the LSP default.
    Utf16,
}

impl Encoding {
    /// Choose among the encodings a client offers: UTF-8 when offered, else UTF-16
    /// (which every client must support).
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }
}

/// Chars of line `line` of `rope`, its line break excluded.
fn line_content_chars(rope: &Rope, line: usize) -> usize {
    let slice = rope.line(line);
    let mut n = slice.len_chars();
    if n > 0 && slice.char(n - 1) == '\n' {
        n -= 1;
        if n > 0 && slice.char(n - 1) == '\r' {
            n -= 1;
        }
    } else if n > 0 && slice.char(n - 1) == '\r' {
        n -= 1;
    }
    n
}

/// The char index in `rope` of `pos`, clamped into the text.
pub fn char_at(rope: &Rope, pos: Position, enc: Encoding) -> usize {
    let line = pos.line as usize;
    if line >= rope.len_lines() {
        return rope.len_chars();
    }
    let start = rope.line_to_char(line);
    let content = line_content_chars(rope, line);
    let character = pos.character as usize;
    match enc {
        Encoding::Utf8 => {
            let start_byte = rope.char_to_byte(start);
            let content_bytes = rope.char_to_byte(start + content) - start_byte;
            // Inside a character: that character's start.
            rope.byte_to_char(start_byte + character.min(content_bytes))
        }
        Encoding::Utf16 => {
            let start_cu = rope.char_to_utf16_cu(start);
            let content_cu = rope.char_to_utf16_cu(start + content) - start_cu;
            // Inside a surrogate pair: that character's start.
            rope.utf16_cu_to_char(start_cu + character.min(content_cu))
        }
    }
}

/// The byte offset in `rope` of `pos`, clamped into the text, on a char boundary.
pub fn offset_at(rope: &Rope, pos: Position, enc: Encoding) -> usize {
    rope.char_to_byte(char_at(rope, pos, enc))
}

/// The position of byte `offset` of `rope` (clamped, rounded down to a char boundary).
pub fn position_at(rope: &Rope, offset: usize, enc: Encoding) -> Position {
    let offset = offset.min(rope.len_bytes());
    let ch = rope.byte_to_char(offset);
    let line = rope.char_to_line(ch);
    let start = rope.line_to_char(line);
    let character = match enc {
        Encoding::Utf8 => rope.char_to_byte(ch) - rope.char_to_byte(start),
        Encoding::Utf16 => rope.char_to_utf16_cu(ch) - rope.char_to_utf16_cu(start),
    };
    Position::new(to_u32(line), to_u32(character))
}

/// The range of byte span `span` of `rope`.
pub fn range_of(rope: &Rope, span: Span, enc: Encoding) -> Range {
    Range::new(
        position_at(rope, span.start, enc),
        position_at(rope, span.end.max(span.start), enc),
    )
}

/// The byte span of `range` in `rope`, clamped, start never after end.
pub fn span_of(rope: &Rope, range: Range, enc: Encoding) -> Span {
    let a = offset_at(rope, range.start, enc);
    let b = offset_at(rope, range.end, enc);
    Span::new(a.min(b), a.max(b))
}

/// The position of byte `offset` of a plain text (a source file that is not open in
/// the editor). Linear in `offset`; clamped like [`position_at`].
pub fn text_position_at(text: &str, offset: usize, enc: Encoding) -> Position {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text.as_bytes()[..offset];
    let mut line = 0usize;
    let mut line_start = 0usize;
    let mut i = 0usize;
    while i < before.len() {
        match before[i] {
            b'\n' => {
                line += 1;
                line_start = i + 1;
            }
            // "\r\n" is one break, counted at its '\n'; a lone '\r' is a break.
            b'\r' if text.as_bytes().get(i + 1) != Some(&b'\n') => {
                line += 1;
                line_start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    // An offset between '\r' and '\n' belongs to the line the pair ends.
    let line_text = text.get(line_start..offset).unwrap_or("");
    let character = match enc {
        Encoding::Utf8 => line_text.len(),
        Encoding::Utf16 => line_text.encode_utf16().count(),
    };
    Position::new(to_u32(line), to_u32(character))
}

/// The range of byte span `span` of a plain text.
pub fn text_range_of(text: &str, span: Span, enc: Encoding) -> Range {
    Range::new(
        text_position_at(text, span.start, enc),
        text_position_at(text, span.end.max(span.start), enc),
    )
}

/// The 1-based line of byte `offset` of a plain text, for messages ("arab-news.txt:9").
pub fn text_line_number(text: &str, offset: usize) -> usize {
    text_position_at(text, offset, Encoding::Utf8).line as usize + 1
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position::new(line, character)
    }

    const TEXT: &str = "Café 😀 said\r\n\"Zoë\" 😀😀 x\rlast\nend";

    #[test]
    fn utf16_counts_surrogate_pairs_as_two() {
        let rope = Rope::from_str(TEXT);
        // "Café " is 5 UTF-16 units, the emoji 2 more.
        let after_emoji = TEXT.find(" said").unwrap();
        assert_eq!(position_at(&rope, after_emoji, Encoding::Utf16), pos(0, 7));
        assert_eq!(offset_at(&rope, pos(0, 7), Encoding::Utf16), after_emoji);
        // UTF-8 counts bytes: "Café " is 6, the emoji 4.
        assert_eq!(position_at(&rope, after_emoji, Encoding::Utf8), pos(0, 10));
        assert_eq!(offset_at(&rope, pos(0, 10), Encoding::Utf8), after_emoji);
    }

    #[test]
    fn crlf_and_lone_cr_break_lines() {
        let rope = Rope::from_str(TEXT);
        let zoe = TEXT.find("Zoë").unwrap();
        assert_eq!(position_at(&rope, zoe, Encoding::Utf16), pos(1, 1));
        let last = TEXT.find("last").unwrap();
        assert_eq!(position_at(&rope, last, Encoding::Utf16), pos(2, 0));
        let end = TEXT.find("end").unwrap();
        assert_eq!(position_at(&rope, end, Encoding::Utf8), pos(3, 0));
        for enc in [Encoding::Utf8, Encoding::Utf16] {
            for off in [zoe, last, end, 0, TEXT.len()] {
                assert_eq!(
                    text_position_at(TEXT, off, enc),
                    position_at(&rope, off, enc)
                );
            }
        }
    }

    #[test]
    fn positions_past_the_end_clamp() {
        let rope = Rope::from_str(TEXT);
        let line0_end = TEXT.find('\r').unwrap();
        assert_eq!(offset_at(&rope, pos(0, 999), Encoding::Utf16), line0_end);
        assert_eq!(offset_at(&rope, pos(0, 999), Encoding::Utf8), line0_end);
        assert_eq!(offset_at(&rope, pos(99, 0), Encoding::Utf16), TEXT.len());
        assert_eq!(
            offset_at(&rope, pos(u32::MAX, u32::MAX), Encoding::Utf8),
            TEXT.len()
        );
        assert_eq!(position_at(&rope, usize::MAX, Encoding::Utf16), pos(3, 3));
    }

    #[test]
    fn inside_a_character_means_its_start() {
        let rope = Rope::from_str(TEXT);
        let emoji = TEXT.find('😀').unwrap();
        // The middle of the surrogate pair (UTF-16 unit 6) and of the UTF-8 bytes.
        assert_eq!(offset_at(&rope, pos(0, 6), Encoding::Utf16), emoji);
        assert_eq!(offset_at(&rope, pos(0, 8), Encoding::Utf8), emoji);
        assert_eq!(position_at(&rope, emoji + 2, Encoding::Utf16), pos(0, 5));
        assert_eq!(
            text_position_at(TEXT, emoji + 2, Encoding::Utf16),
            pos(0, 5)
        );
    }

    #[test]
    fn round_trip_every_char_boundary() {
        let rope = Rope::from_str(TEXT);
        for enc in [Encoding::Utf8, Encoding::Utf16] {
            for (off, _) in TEXT.char_indices() {
                let p = position_at(&rope, off, enc);
                let back = offset_at(&rope, p, enc);
                // A '\n' after '\r' has the same position as the '\r' end of line.
                if TEXT[..off].ends_with('\r') && TEXT[off..].starts_with('\n') {
                    assert_eq!(back, off - 1);
                } else {
                    assert_eq!(back, off, "offset {off} via {p:?} in {enc:?}");
                }
            }
        }
    }

    #[test]
    fn empty_text() {
        let rope = Rope::from_str("");
        assert_eq!(offset_at(&rope, pos(3, 4), Encoding::Utf16), 0);
        assert_eq!(position_at(&rope, 10, Encoding::Utf16), pos(0, 0));
        assert_eq!(text_position_at("", 10, Encoding::Utf8), pos(0, 0));
    }

    #[test]
    fn negotiation_prefers_utf8() {
        let both = [PositionEncodingKind::UTF16, PositionEncodingKind::UTF8];
        assert_eq!(Encoding::negotiate(Some(&both)), Encoding::Utf8);
        assert_eq!(
            Encoding::negotiate(Some(&[PositionEncodingKind::UTF32])),
            Encoding::Utf16
        );
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
    }
}
