//! Markdown masking: hides markup so that the analysis sees only prose.
//!
//! The masked text has exactly the same length as the input and the same bytes at every
//! prose position, so spans found in it are spans of the original. Masked bytes become
//! ASCII spaces; line breaks are always kept, so paragraphs stay where they were.
//!
//! What is masked: front matter (`---` ... `---` or `+++` ... `+++` at the start),
//! fenced code blocks, HTML comments and tags, heading, block quote and list markers,
//! thematic breaks and setext underlines, table pipes, link reference definitions,
//! code spans (with their content), link and image syntax (a link's text stays, its
//! URL goes; an image goes whole), footnote references, emphasis markers (`*`, `_` at
//! word edges, `~~`) and escaping backslashes.
//!
//! What is kept: everything else, including brackets that are not links (`He [Trump]
//! said`), and indented lines (in a reporter's draft indentation is layout more often
//! than code).
//!
//! Single pass, linear time, no panics: every masked range starts and ends at ASCII
//! delimiters or line ends, so the result is valid UTF-8.

use std::borrow::Cow;

/// Replace Markdown syntax by spaces, keeping every offset.
pub fn mask(text: &str) -> Cow<'_, str> {
    let mut m = Masker {
        src: text.as_bytes(),
        out: text.as_bytes().to_vec(),
        changed: false,
    };
    m.run();
    if !m.changed {
        return Cow::Borrowed(text);
    }
    match String::from_utf8(m.out) {
        Ok(s) => Cow::Owned(s),
        // Cannot happen (only whole ASCII-delimited ranges are blanked); fall back to
        // the unmasked text rather than fail.
        Err(_) => Cow::Borrowed(text),
    }
}

/// Longest link syntax looked for, in bytes (`[text](url)` together).
const MAX_LINK: usize = 2048;
/// Longest code span looked for, in bytes.
const MAX_CODE_SPAN: usize = 4096;

struct Masker<'a> {
    src: &'a [u8],
    out: Vec<u8>,
    changed: bool,
}

/// A fenced code block being skipped: its fence character and length.
struct Fence {
    ch: u8,
    len: usize,
}

impl Masker<'_> {
    fn blank(&mut self, start: usize, end: usize) {
        let end = end.min(self.out.len());
        for b in self.out.iter_mut().take(end).skip(start) {
            if *b != b'\n' && *b != b'\r' && *b != b' ' {
                *b = b' ';
                self.changed = true;
            }
        }
    }

    fn run(&mut self) {
        let src = self.src;
        let mut pos = self.front_matter();
        let mut fence: Option<Fence> = None;
        let mut in_comment = false;
        while pos < src.len() {
            let line_end = src[pos..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(src.len(), |i| pos + i);
            let content_end = if line_end > pos && src[line_end - 1] == b'\r' {
                line_end - 1
            } else {
                line_end
            };
            self.line(pos, content_end, &mut fence, &mut in_comment);
            pos = line_end + 1;
        }
    }

    /// Mask front matter at the very start; returns where the body starts.
    fn front_matter(&mut self) -> usize {
        let src = self.src;
        let delim: &[u8] = if src.starts_with(b"---\n") || src.starts_with(b"---\r\n") {
            b"---"
        } else if src.starts_with(b"+++\n") || src.starts_with(b"+++\r\n") {
            b"+++"
        } else {
            return 0;
        };
        let mut pos = src
            .iter()
            .position(|&b| b == b'\n')
            .map_or(src.len(), |i| i + 1);
        while pos < src.len() {
            let line_end = src[pos..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(src.len(), |i| pos + i);
            let line = trim_ascii_end(&src[pos..line_end]);
            if line == delim || (delim == b"---" && line == b"...") {
                self.blank(0, line_end);
                return line_end;
            }
            pos = line_end + 1;
        }
        0
    }

    fn line(&mut self, start: usize, end: usize, fence: &mut Option<Fence>, in_comment: &mut bool) {
        let src = self.src;
        let indent = src[start..end].iter().take_while(|&&b| b == b' ').count();
        let body = start + indent;
        if let Some(f) = fence {
            let run = src[body..end].iter().take_while(|&&b| b == f.ch).count();
            if indent <= 3
                && run >= f.len
                && src[body + run..end].iter().all(|b| b.is_ascii_whitespace())
            {
                *fence = None;
            }
            self.blank(start, end);
            return;
        }
        let mut pos = start;
        if *in_comment {
            match find(src, pos, end, b"-->") {
                Some(i) => {
                    self.blank(pos, i + 3);
                    *in_comment = false;
                    pos = i + 3;
                }
                None => {
                    self.blank(start, end);
                    return;
                }
            }
        } else if indent <= 3 && body < end && (src[body] == b'`' || src[body] == b'~') {
            let ch = src[body];
            let run = src[body..end].iter().take_while(|&&b| b == ch).count();
            if run >= 3 && !(ch == b'`' && src[body + run..end].contains(&b'`')) {
                *fence = Some(Fence { ch, len: run });
                self.blank(start, end);
                return;
            }
        }
        if pos == start {
            if self.whole_line_markup(body, end) {
                self.blank(start, end);
                return;
            }
            pos = self.block_prefix(body, end);
        }
        self.inline(pos, end, in_comment);
    }

    /// Thematic breaks, setext underlines, table separator rows, link definitions.
    fn whole_line_markup(&self, body: usize, end: usize) -> bool {
        let line = trim_ascii_end(&self.src[body..end]);
        if line.is_empty() {
            return false;
        }
        let only = |set: &[u8]| line.iter().all(|b| set.contains(b));
        let count = |c: u8| line.iter().filter(|&&b| b == c).count();
        if only(b"-* _") && (count(b'-') >= 3 || count(b'*') >= 3 || count(b'_') >= 3) {
            return true;
        }
        if only(b"=") || (only(b"|-: ") && count(b'-') >= 1 && count(b'|') >= 1) {
            return true;
        }
        // [ref]: url
        if line[0] == b'[' {
            if let Some(close) = line.iter().position(|&b| b == b']') {
                if line.get(close + 1) == Some(&b':') && close > 1 {
                    return true;
                }
            }
        }
        false
    }

    /// Mask block quote, heading and list markers; returns where the inline text starts.
    fn block_prefix(&mut self, mut pos: usize, end: usize) -> usize {
        let src = self.src;
        loop {
            if pos < end && src[pos] == b'>' {
                self.blank(pos, pos + 1);
                pos += 1;
                while pos < end && src[pos] == b' ' {
                    pos += 1;
                }
                continue;
            }
            break;
        }
        // Heading.
        let hashes = src[pos..end].iter().take_while(|&&b| b == b'#').count();
        if (1..=6).contains(&hashes) && (pos + hashes == end || src[pos + hashes] == b' ') {
            self.blank(pos, pos + hashes);
            // Closing sequence: trailing " ###".
            let line = trim_ascii_end(&src[pos..end]);
            let line_end = pos + line.len();
            let trailing = line.iter().rev().take_while(|&&b| b == b'#').count();
            if trailing > 0 && trailing < line.len() && line[line.len() - trailing - 1] == b' ' {
                self.blank(line_end - trailing, line_end);
            }
            return pos + hashes;
        }
        // List item: "- ", "* ", "+ ", "1. ", "1) ", optionally a task box "[ ] ".
        let mut marker_end = None;
        if pos + 1 < end && matches!(src[pos], b'-' | b'*' | b'+') && src[pos + 1] == b' ' {
            marker_end = Some(pos + 1);
        } else {
            let digits = src[pos..end]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
            if (1..=9).contains(&digits)
                && pos + digits + 1 < end
                && matches!(src[pos + digits], b'.' | b')')
                && src[pos + digits + 1] == b' '
            {
                marker_end = Some(pos + digits + 1);
            }
        }
        if let Some(m) = marker_end {
            self.blank(pos, m);
            let mut p = m;
            while p < end && src[p] == b' ' {
                p += 1;
            }
            if src[p..end].starts_with(b"[ ] ")
                || src[p..end].starts_with(b"[x] ")
                || src[p..end].starts_with(b"[X] ")
            {
                self.blank(p, p + 3);
                p += 3;
            }
            return p;
        }
        pos
    }

    fn inline(&mut self, start: usize, end: usize, in_comment: &mut bool) {
        let src = self.src;
        let mut i = start;
        while i < end {
            let b = src[i];
            match b {
                b'\\' if i + 1 < end && src[i + 1].is_ascii_punctuation() => {
                    self.blank(i, i + 1);
                    i += 2;
                }
                b'`' => {
                    let run = src[i..end].iter().take_while(|&&c| c == b'`').count();
                    match find_run(src, i + run, end.min(i + run + MAX_CODE_SPAN), b'`', run) {
                        Some(close) => {
                            self.blank(i, close + run);
                            i = close + run;
                        }
                        None => {
                            self.blank(i, i + run);
                            i += run;
                        }
                    }
                }
                b'<' if src[i..end].starts_with(b"<!--") => match find(src, i + 4, end, b"-->") {
                    Some(c) => {
                        self.blank(i, c + 3);
                        i = c + 3;
                    }
                    None => {
                        self.blank(i, end);
                        *in_comment = true;
                        return;
                    }
                },
                b'<' if i + 1 < end && (src[i + 1].is_ascii_alphabetic() || src[i + 1] == b'/') => {
                    // An HTML tag or an autolink: up to the next '>' on the line, if no
                    // other '<' comes first.
                    let close = src[i + 1..end.min(i + 1 + MAX_LINK)]
                        .iter()
                        .position(|&c| c == b'>' || c == b'<')
                        .map(|k| i + 1 + k)
                        .filter(|&k| src[k] == b'>');
                    match close {
                        Some(c) => {
                            self.blank(i, c + 1);
                            i = c + 1;
                        }
                        None => i += 1,
                    }
                }
                b'!' if i + 1 < end && src[i + 1] == b'[' => match self.link_at(i + 1, end) {
                    Some((_, after)) => {
                        self.blank(i, after);
                        i = after;
                    }
                    None => i += 1,
                },
                b'[' => {
                    if src[i..end].starts_with(b"[^") {
                        let limit = end.min(i + 64);
                        if let Some(k) = src[i..limit].iter().position(|&c| c == b']') {
                            self.blank(i, i + k + 1);
                            i += k + 1;
                            continue;
                        }
                    }
                    match self.link_at(i, end) {
                        Some((text_end, after)) => {
                            self.blank(i, i + 1);
                            self.blank(text_end, after);
                            i += 1; // the link text is prose: keep scanning it
                        }
                        None => i += 1,
                    }
                }
                b'*' => {
                    self.blank(i, i + 1);
                    i += 1;
                }
                b'~' if i + 1 < end && src[i + 1] == b'~' => {
                    self.blank(i, i + 2);
                    i += 2;
                }
                b'_' => {
                    let run = src[i..end].iter().take_while(|&&c| c == b'_').count();
                    let before = if i > start { Some(src[i - 1]) } else { None };
                    let after = src.get(i + run).copied().filter(|_| i + run < end);
                    let word =
                        |c: Option<u8>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c >= 0x80);
                    if !(word(before) && word(after)) {
                        self.blank(i, i + run);
                    }
                    i += run;
                }
                _ => i += 1,
            }
        }
    }

    /// A link starting with `[` at `open`: returns (position of `]`, end of the link
    /// syntax) for `[text](url)` and `[text][ref]`.
    fn link_at(&self, open: usize, end: usize) -> Option<(usize, usize)> {
        let src = self.src;
        // Links are short: bounding the search keeps a line of unclosed brackets linear.
        let end = end.min(open + MAX_LINK);
        let mut depth = 0usize;
        let mut close = None;
        for (k, &c) in src[open..end].iter().enumerate() {
            match c {
                b'[' => depth += 1,
                b']' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        close = Some(open + k);
                        break;
                    }
                }
                _ => {}
            }
        }
        let close = close?;
        match src.get(close + 1) {
            Some(b'(') if close + 1 < end => {
                let mut depth = 0usize;
                for (k, &c) in src[close + 1..end].iter().enumerate() {
                    match c {
                        b'(' => depth += 1,
                        b')' => {
                            depth = depth.saturating_sub(1);
                            if depth == 0 {
                                return Some((close, close + 1 + k + 1));
                            }
                        }
                        _ => {}
                    }
                }
                None
            }
            Some(b'[') if close + 1 < end => {
                let k = src[close + 2..end].iter().position(|&c| c == b']')?;
                Some((close, close + 2 + k + 1))
            }
            _ => None,
        }
    }
}

fn trim_ascii_end(s: &[u8]) -> &[u8] {
    let n = s
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_whitespace())
        .count();
    &s[..s.len() - n]
}

fn find(src: &[u8], from: usize, end: usize, needle: &[u8]) -> Option<usize> {
    if from >= end {
        return None;
    }
    src[from..end]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|k| from + k)
}

/// The next run of exactly `len` bytes `c` in `from..end`.
fn find_run(src: &[u8], from: usize, end: usize, c: u8, len: usize) -> Option<usize> {
    let mut i = from;
    while i < end {
        if src[i] == c {
            let run = src[i..end].iter().take_while(|&&b| b == c).count();
            if run == len {
                return Some(i);
            }
            i += run;
        } else {
            i += 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> String {
        let out = mask(s).into_owned();
        assert_eq!(out.len(), s.len());
        out
    }

    #[test]
    fn headings_emphasis_and_links() {
        assert_eq!(m("# Title #"), "  Title  ");
        assert_eq!(m("He said **“no”** _today_."), "He said   “no”    today .");
        assert_eq!(
            m("Read [the report](https://x.org/a_(b)) now."),
            "Read  the report                       now."
        );
        assert_eq!(m("![a photo](p.jpg) text"), "                  text");
        assert_eq!(m("snake_case stays"), "snake_case stays");
    }

    #[test]
    fn code_comments_front_matter() {
        let t = "---\ntitle: \"Draft\"\n---\nText `\"code\"` more <!-- \"note\" --> end.\n```\n\"quoted in code\"\n```\nAfter.";
        let out = m(t);
        assert!(!out.contains("Draft") && !out.contains("code") && !out.contains("note"));
        assert!(
            out.contains("Text")
                && out.contains("more")
                && out.contains("end.")
                && out.contains("After.")
        );
        assert_eq!(out.matches('\n').count(), t.matches('\n').count());
    }

    #[test]
    fn multiline_html_comment() {
        let out = m("Before <!-- one\n\"two\"\nthree --> after");
        assert_eq!(out, "Before         \n     \n          after");
    }

    #[test]
    fn lists_quotes_and_editorial_brackets() {
        assert_eq!(m("> - He [Trump] said"), "    He [Trump] said");
        assert_eq!(m("1. First"), "   First");
    }

    #[test]
    fn multibyte_text_survives() {
        let t = "**Ça** « va » — `naïve` ü";
        let out = m(t);
        assert!(out.contains("Ça") && out.contains("« va »") && out.contains('ü'));
        assert!(!out.contains("naïve"));
    }
}
