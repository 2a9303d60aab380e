//! Line and column numbers for the CLI's output, found in time that does not grow with
//! the length of the text: a draft of one 5 MB line with thousands of findings must
//! print as fast as a normal one.
//!
//! Columns count characters (Unicode scalar values), 1-based, as compilers print them.
//! This is for output only; the language server converts positions in `lsp::position`.

/// Bytes between two checkpoints of the character count.
const STRIDE: usize = 1024;

/// Where the lines of one text start, and how many characters come before every
/// [`STRIDE`]-th byte, so that a lookup counts characters over at most one stride.
pub struct LineIndex<'a> {
    text: &'a str,
    /// Byte offset of the start of each line; the first is 0.
    line_starts: Vec<usize>,
    /// `(byte offset, characters before it)` at a character boundary near every
    /// multiple of [`STRIDE`], in increasing order; the first is `(0, 0)`.
    checkpoints: Vec<(usize, usize)>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> LineIndex<'a> {
        let mut line_starts = vec![0];
        let mut checkpoints = vec![(0, 0)];
        let mut next_checkpoint = STRIDE;
        for (chars, (i, c)) in text.char_indices().enumerate() {
            if i >= next_checkpoint {
                checkpoints.push((i, chars));
                next_checkpoint = i + STRIDE;
            }
            if c == '\n' {
                line_starts.push(i + 1);
            }
        }
        LineIndex {
            text,
            line_starts,
            checkpoints,
        }
    }

    /// 1-based line and 1-based column (in characters) of byte `offset`. An offset past
    /// the end counts as the end; one inside a character counts as that character's start.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = self.boundary_at_or_before(offset);
        // The line whose start is the last one at or before `offset`.
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1);
        let line_start = self.line_starts.get(line - 1).copied().unwrap_or(0);
        let col = 1 + self.chars_before(offset) - self.chars_before(line_start);
        (line, col)
    }

    fn boundary_at_or_before(&self, offset: usize) -> usize {
        let mut end = offset.min(self.text.len());
        while end > 0 && !self.text.is_char_boundary(end) {
            end -= 1;
        }
        end
    }

    /// Characters before byte `offset` (a character boundary).
    fn chars_before(&self, offset: usize) -> usize {
        let k = self
            .checkpoints
            .partition_point(|&(b, _)| b <= offset)
            .max(1);
        let (from, before) = self.checkpoints.get(k - 1).copied().unwrap_or((0, 0));
        before + self.text.get(from..offset).map_or(0, |s| s.chars().count())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The obvious way, which is linear per lookup: the reference.
    fn slow(text: &str, offset: usize) -> (usize, usize) {
        let mut end = offset.min(text.len());
        while end > 0 && !text.is_char_boundary(end) {
            end -= 1;
        }
        let before = &text[..end];
        let line = 1 + before.matches('\n').count();
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        (line, 1 + before[line_start..].chars().count())
    }

    #[test]
    fn columns_count_characters() {
        let text = "ab\n\u{e9}\u{e9}x";
        let lines = LineIndex::new(text);
        assert_eq!(lines.line_col(0), (1, 1));
        assert_eq!(lines.line_col(3), (2, 1));
        // 'x' is after two two-byte characters.
        assert_eq!(lines.line_col(7), (2, 3));
        // Inside a character: counted at its start.
        assert_eq!(lines.line_col(4), (2, 1));
        // Past the end: the end.
        assert_eq!(lines.line_col(99), (2, 4));
    }

    #[test]
    fn agrees_with_counting_from_the_start_across_checkpoints() {
        // Long lines of mixed widths, so that lines and checkpoints interleave and
        // some checkpoints fall inside multi-byte characters.
        let mut text = String::new();
        for i in 0..40 {
            for j in 0..(i * 37 % 300) {
                text.push(match j % 5 {
                    0 => 'a',
                    1 => '\u{e9}',
                    2 => '\u{201c}',
                    3 => '\u{1f600}',
                    _ => ' ',
                });
            }
            text.push('\n');
        }
        let lines = LineIndex::new(&text);
        for offset in (0..text.len() + 3).step_by(7) {
            assert_eq!(lines.line_col(offset), slow(&text, offset), "at {offset}");
        }
    }

    #[test]
    fn empty_text() {
        assert_eq!(LineIndex::new("").line_col(0), (1, 1));
        assert_eq!(LineIndex::new("").line_col(5), (1, 1));
    }
}
