//! Where a stretch of an HTML source's article text is in the page it came from, so that
//! a jump or a line number lands on the words in the file, not at its top.
//!
//! The corpus's HTML parser keeps no positions, so the stretch is found again:
//! the page is scanned for the characters of its text (outside tags and comments, and
//! outside the elements the article leaves out, such as scripts and navigation;
//! character references decoded), each with its byte offset in the page,
//! and the stretch's characters are looked for among them with all white space left out
//! on both sides (the article text collapses and adds white space, the page lays it out
//! freely). When the stretch occurs more than once, the occurrence with the same rank
//! as in the article is taken, counted from the end when the page has more of them (text
//! before the article's element, such as a headline repeated above it).
//!
//! Pure: text in, offsets out. It does not parse HTML for content (the corpus does, leaving
//! out the same [`DROPPED`] elements).

use crate::analysis::Span;
use crate::index::Source;

/// Elements whose text is not the article's: the corpus's HTML reader leaves them out, and
/// the page scan here skips them too.
pub const DROPPED: &[&str] = &[
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "template", "svg",
    "iframe", "button", "select", "textarea", "figure", "menu", "dialog", "head",
];

/// The text whose lines and characters are those of `source`'s file as an editor shows it,
/// and where `span` of [`Source::text`] is in it: the text itself for plain text and
/// Markdown (read as UTF-8 or Windows-1252 alike: one character per character), the page
/// for HTML, where the stretch is found again. `None` when it cannot be found there.
pub fn in_file(source: &Source, span: Span) -> Option<(&str, Span)> {
    match &source.page {
        None => Some((&source.text, span)),
        Some(page) => Some((page, find_in_page(page, &source.text, span)?)),
    }
}

/// The span of the page that shows `span` of `article` (the article text extracted from
/// `page`), or `None` when it cannot be found there.
pub fn find_in_page(page: &str, article: &str, span: Span) -> Option<Span> {
    let needle = without_space(article.get(span.start..span.end)?);
    if needle.is_empty() {
        return None;
    }
    // Which occurrence in the article this is (0 = the first).
    let before = without_space(article.get(..span.start)?);
    let rank = before.matches(needle.as_str()).count();
    // The page's visible characters, white space left out; where each is written is
    // found by a second scan once the occurrence is chosen (a table of every
    // character's place would cost many times the page).
    let mut hay = String::with_capacity(page.len() / 2);
    visible_chars(page, |c, _, _| {
        hay.push(c);
        true
    });
    let in_article = without_space(article)
        .matches(needle.as_str())
        .count()
        .max(rank + 1);
    let starts: Vec<usize> = hay.match_indices(needle.as_str()).map(|(i, _)| i).collect();
    drop(hay);
    let pick = if starts.len() > in_article {
        starts.len() - (in_article - rank)
    } else {
        rank
    };
    let at = *starts.get(pick).or(starts.last())?;
    // The characters holding the first and the last byte of the occurrence.
    let last_byte = at + needle.len() - 1;
    let (mut start, mut end) = (None, None);
    let mut pos = 0;
    visible_chars(page, |c, offset, len| {
        let next = pos + c.len_utf8();
        if start.is_none() && at < next {
            start = Some(offset);
        }
        if last_byte < next {
            end = Some(offset + len);
            return false;
        }
        pos = next;
        true
    });
    Some(Span::new(start?, end?))
}

fn without_space(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The characters of `page` a reader sees as text, without white space, each given to
/// `visit` with the byte offset and length of how it is written (a character reference
/// is longer), in page order until `visit` answers false.
fn visible_chars(page: &str, mut visit: impl FnMut(char, usize, usize) -> bool) {
    let bytes = page.as_bytes();
    let mut i = 0;
    while i < page.len() {
        let b = bytes[i];
        if b == b'<' {
            if let Some(after) = skip_markup(page, i) {
                i = after;
                continue;
            }
        }
        if b == b'&' {
            if let Some((c, used)) = char_reference(&page[i..]) {
                if !c.is_whitespace() && !visit(c, i, used) {
                    return;
                }
                i += used;
                continue;
            }
        }
        let Some(c) = page[i..].chars().next() else {
            break;
        };
        if !c.is_whitespace() && !visit(c, i, c.len_utf8()) {
            return;
        }
        i += c.len_utf8();
    }
}

/// The offset after the markup that starts at `i` (a `<`): a comment, a tag, and for
/// the elements the article leaves out their whole content. `None` when the `<` starts
/// no markup ("a < b"): it is text.
fn skip_markup(page: &str, i: usize) -> Option<usize> {
    let rest = page.get(i..)?;
    if rest.starts_with("<!--") {
        return Some(rest.find("-->").map_or(page.len(), |e| i + e + 3));
    }
    let after = rest.as_bytes().get(1).copied().unwrap_or(b' ');
    if !(after.is_ascii_alphabetic() || after == b'/' || after == b'!' || after == b'?') {
        return None;
    }
    let end = tag_end(rest).map_or(page.len(), |e| i + e);
    let name: String = rest[1..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    let self_closing = page.get(i..end).is_some_and(|t| t.ends_with("/>"));
    if DROPPED.contains(&name.as_str()) && !self_closing {
        // Its closing tag, in any case (without a lowercase copy of the rest of the
        // page for each such element).
        let close = format!("</{name}");
        let rest = page.get(end..)?;
        let found = rest.match_indices("</").map(|(e, _)| e).find(|&e| {
            rest.as_bytes()
                .get(e..e + close.len())
                .is_some_and(|b| b.eq_ignore_ascii_case(close.as_bytes()))
        });
        return Some(found.map_or(page.len(), |e| {
            let from = end + e;
            page.get(from..)
                .and_then(tag_end)
                .map_or(page.len(), |t| from + t)
        }));
    }
    Some(end)
}

/// The offset just after the `>` that ends the tag at the start of `tag`, quotes in
/// attribute values respected.
fn tag_end(tag: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in tag.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// The character a reference at the start of `s` stands for, and its length.
fn char_reference(s: &str) -> Option<(char, usize)> {
    let end = s.get(1..)?.find(';')? + 1;
    if end > 12 {
        return None;
    }
    let body = &s[1..end];
    let c = if let Some(num) = body.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        char::from_u32(code)?
    } else {
        match body {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "nbsp" => '\u{a0}',
            "lsquo" => '\u{2018}',
            "rsquo" => '\u{2019}',
            "ldquo" => '\u{201c}',
            "rdquo" => '\u{201d}',
            "ndash" => '\u{2013}',
            "mdash" => '\u{2014}',
            "hellip" => '\u{2026}',
            "eacute" => '\u{e9}',
            "copy" => '\u{a9}',
            "euro" => '\u{20ac}',
            "pound" => '\u{a3}',
            _ => return None,
        }
    };
    Some((c, end + 1))
}
