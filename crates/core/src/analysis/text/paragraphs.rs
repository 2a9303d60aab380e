//! The paragraphs of a text, which quotes never run past (see [`crate::analysis::quote`]).
//!
//! When the text has blank lines, they separate paragraphs and single line breaks are
//! soft wraps (Markdown); otherwise every line is a paragraph (scraped text, where one
//! line is one paragraph). Pure; linear in the length of the text; no panics.

use crate::analysis::span::Span;

/// The paragraphs of `text`, trimmed of surrounding whitespace, in order.
///
/// With blank lines in the text, paragraphs are separated by blank lines; without,
/// every non-blank line is a paragraph.
pub fn paragraphs(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    // Lines as (start, end) without the line break.
    let mut lines: Vec<(usize, usize, bool)> = Vec::new();
    let mut start = 0;
    let mut any_blank_between = false;
    let mut seen_text = false;
    let mut pending_blank = false;
    let mut push = |s: usize, e: usize, lines: &mut Vec<(usize, usize, bool)>| {
        let blank = bytes[s..e].iter().all(|b| b.is_ascii_whitespace());
        if blank {
            if seen_text {
                pending_blank = true;
            }
        } else {
            if pending_blank {
                any_blank_between = true;
            }
            seen_text = true;
            pending_blank = false;
        }
        lines.push((s, e, blank));
    };
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' {
            push(start, i, &mut lines);
            start = i + 1;
        }
    }
    if start <= bytes.len() {
        push(start, bytes.len(), &mut lines);
    }
    let mut paras = Vec::new();
    if any_blank_between {
        let mut cur: Option<(usize, usize)> = None;
        for &(s, e, blank) in &lines {
            if blank {
                if let Some((ps, pe)) = cur.take() {
                    paras.push(trim(text, Span::new(ps, pe)));
                }
            } else {
                cur = Some(match cur {
                    Some((ps, _)) => (ps, e),
                    None => (s, e),
                });
            }
        }
        if let Some((ps, pe)) = cur {
            paras.push(trim(text, Span::new(ps, pe)));
        }
    } else {
        for &(s, e, blank) in &lines {
            if !blank {
                paras.push(trim(text, Span::new(s, e)));
            }
        }
    }
    paras.retain(|p| !p.is_empty());
    paras
}

/// Shrink a span to exclude ASCII whitespace at both ends.
pub(crate) fn trim(text: &str, span: Span) -> Span {
    let bytes = text.as_bytes();
    let mut s = span.start.min(bytes.len());
    let mut e = span.end.min(bytes.len()).max(s);
    while s < e && bytes[s].is_ascii_whitespace() {
        s += 1;
    }
    while e > s && bytes[e - 1].is_ascii_whitespace() {
        e -= 1;
    }
    Span::new(s, e)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        paragraphs(text)
            .iter()
            .map(|p| &text[p.start..p.end])
            .collect()
    }

    #[test]
    fn blank_lines_separate_and_single_breaks_wrap() {
        assert_eq!(
            texts("  First line\nstill first.\n\n\nSecond. \n"),
            ["First line\nstill first.", "Second."]
        );
    }

    #[test]
    fn without_blank_lines_every_line_is_a_paragraph() {
        assert_eq!(texts("One.\nTwo.\r\nThree."), ["One.", "Two.", "Three."]);
    }

    #[test]
    fn empty_and_blank_texts_have_none() {
        assert!(paragraphs("").is_empty());
        assert!(paragraphs(" \n\t\n").is_empty());
    }

    #[test]
    fn trim_stays_inside_the_text() {
        assert_eq!(trim("  ab  ", Span::new(0, 6)), Span::new(2, 4));
        assert_eq!(trim("ab", Span::new(1, 99)), Span::new(1, 2));
        assert_eq!(trim("   ", Span::new(0, 3)), Span::new(3, 3));
    }
}
