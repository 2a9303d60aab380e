//! Deeply nested markup, flattened before a page is parsed.
//!
//! An HTML parser keeps a stack of the elements open at each point, and several of its
//! steps look through the whole stack; a page with a hundred thousand unclosed
//! `<div><span><b><i>` makes those steps cost the square of its size (minutes for 2 MB).
//! No article nests that deep. [`flatten`] reads the page's tags once, keeping a stack of
//! the elements a parser would hold open, and removes every start tag that would open an
//! element deeper than [`MAX_DEPTH`] (as browsers do, the text inside stays, at the
//! depth limit). The parser then does work in proportion to the page.
//!
//! The scan is an approximation of the HTML tokenizer that errs on the side of counting
//! too little: elements a parser closes by themselves (`<p>`, `<li>`, table cells...)
//! and void elements (`<br>`, `<img>`...) are not counted, so a page nested through them
//! gets at most a few times the limit, and the parser's work stays bounded all the same.

use std::collections::HashMap;

/// The deepest nesting of elements a page keeps; tags that open elements past it are
/// ignored.
pub const MAX_DEPTH: usize = 256;

/// What flattening did to a page.
#[derive(Debug, PartialEq, Eq)]
pub struct Flattened {
    /// The page without the tags past the depth limit (each replaced by a space).
    pub page: String,
    /// How many start tags were removed.
    pub removed: usize,
}

/// Elements that have no content and never nest.
const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input",
    "keygen", "link", "meta", "param", "source", "track", "wbr",
];

/// Elements whose end tag is optional: a parser closes them when a sibling starts, so a
/// run of them does not nest. They are not counted.
const SELF_CLOSING: &[&str] = &[
    "body", "caption", "colgroup", "dd", "dt", "head", "html", "li", "optgroup", "option", "p",
    "rb", "rp", "rt", "rtc", "tbody", "td", "tfoot", "th", "thead", "tr",
];

/// Elements whose content is text up to their end tag (no tags inside).
const RAW_TEXT: &[&str] = &[
    "iframe", "noembed", "noframes", "noscript", "script", "style", "textarea", "title", "xmp",
];

/// The page with the start tags that would open elements deeper than [`MAX_DEPTH`]
/// removed; `None` when the page never nests that deep (nearly always).
pub fn flatten(page: &str) -> Option<Flattened> {
    let removed = scan(page, MAX_DEPTH);
    if removed.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(page.len());
    let mut at = 0;
    for (start, end) in &removed {
        out.push_str(&page[at..*start]);
        out.push(' ');
        at = *end;
    }
    out.push_str(&page[at..]);
    Some(Flattened {
        page: out,
        removed: removed.len(),
    })
}

/// The byte ranges of the start tags that would open an element deeper than `limit`.
fn scan(page: &str, limit: usize) -> Vec<(usize, usize)> {
    let b = page.as_bytes();
    let mut removed = Vec::new();
    // The open elements (lowercase names), and how many of each are open.
    let mut stack: Vec<String> = Vec::new();
    let mut open: HashMap<String, usize> = HashMap::new();
    let mut name = String::new();
    let mut i = 0;
    while let Some(lt) = find_byte(b, i, b'<') {
        i = lt + 1;
        let Some(&next) = b.get(i) else { break };
        if b[i..].starts_with(b"!--") {
            i = find(b, i + 3, b"-->").map_or(b.len(), |e| e + 3);
            continue;
        }
        if next == b'!' || next == b'?' {
            i = find_byte(b, i, b'>').map_or(b.len(), |e| e + 1);
            continue;
        }
        let closing = next == b'/';
        let name_start = if closing { i + 1 } else { i };
        if !b.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            if closing {
                // `</` and no name: a bogus comment, up to the next `>`.
                i = find_byte(b, i, b'>').map_or(b.len(), |e| e + 1);
            }
            continue;
        }
        let name_end = b[name_start..]
            .iter()
            .position(|c| c.is_ascii_whitespace() || *c == b'/' || *c == b'>')
            .map_or(b.len(), |n| name_start + n);
        name.clear();
        name.extend(
            page[name_start..name_end]
                .chars()
                .map(|c| c.to_ascii_lowercase()),
        );
        let (tag_end, self_closing) = tag_end(b, name_end);
        i = tag_end;
        if closing {
            let count = open.get(name.as_str()).copied().unwrap_or(0);
            if count > 0 {
                // Close everything up to the innermost element of that name.
                while let Some(top) = stack.pop() {
                    let done = top == name;
                    if let Some(n) = open.get_mut(top.as_str()) {
                        *n -= 1;
                    }
                    if done {
                        break;
                    }
                }
            }
            continue;
        }
        let name_str = name.as_str();
        let foreign =
            open.get("svg").is_some_and(|n| *n > 0) || open.get("math").is_some_and(|n| *n > 0);
        if name_str == "plaintext" && !foreign {
            break; // the rest of the page is text
        }
        if VOID.contains(&name_str) || SELF_CLOSING.contains(&name_str) {
            continue;
        }
        if self_closing && foreign {
            continue;
        }
        if stack.len() >= limit {
            removed.push((lt, tag_end));
            continue;
        }
        if RAW_TEXT.contains(&name_str) && !foreign {
            // Its text runs to its end tag, which closes it.
            i = raw_text_end(b, tag_end, name_str.as_bytes());
            continue;
        }
        *open.entry(name.clone()).or_insert(0) += 1;
        stack.push(name.clone());
    }
    removed
}

/// Where the tag whose name ends at `from` ends (after its `>`), and whether it ends
/// with `/>`. Quoted attribute values may hold `>`.
fn tag_end(b: &[u8], from: usize) -> (usize, bool) {
    let mut i = from;
    while i < b.len() {
        match b[i] {
            b'>' => return (i + 1, i > from && b[i - 1] == b'/'),
            b'=' => {
                i += 1;
                while b.get(i).is_some_and(u8::is_ascii_whitespace) {
                    i += 1;
                }
                if let Some(&q) = b.get(i).filter(|c| **c == b'"' || **c == b'\'') {
                    i = find_byte(b, i + 1, q).map_or(b.len(), |e| e + 1);
                }
            }
            _ => i += 1,
        }
    }
    (b.len(), false)
}

/// Where the text of a raw-text element named `name` ends: at its end tag (`</name`,
/// in any case), which is left to be read as a tag.
fn raw_text_end(b: &[u8], from: usize, name: &[u8]) -> usize {
    let mut i = from;
    while let Some(lt) = find(b, i, b"</") {
        let after = lt + 2;
        if b.len() >= after + name.len() && b[after..after + name.len()].eq_ignore_ascii_case(name)
        {
            return lt;
        }
        i = after;
    }
    b.len()
}

fn find_byte(b: &[u8], from: usize, byte: u8) -> Option<usize> {
    b.get(from..)?
        .iter()
        .position(|c| *c == byte)
        .map(|n| from + n)
}

fn find(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let mut i = from;
    while let Some(at) = find_byte(b, i, needle[0]) {
        if b[at..].starts_with(needle) {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_pages_are_left_alone() {
        let page = r#"<html><head><title>a <b> title</title><script>if (a<b) { x = "<div>"; }</script></head>
            <body><article><p>One<p>Two<ul><li>a<li>b</ul><img src="x.png" alt="a>b">
            <div class='x>y'><span>text</span></div><!-- <div><div> --></article></body></html>"#;
        assert_eq!(flatten(page), None);
    }

    #[test]
    fn tags_past_the_limit_are_removed_and_the_text_kept() {
        let deep = format!("<body>{}deep text</body>", "<div><span><b><i>".repeat(100));
        let flat = flatten(&deep).expect("400 levels is past the limit");
        assert_eq!(flat.removed, 400 - MAX_DEPTH);
        assert!(flat.page.ends_with("deep text</body>"));
        assert_eq!(scan(&flat.page, MAX_DEPTH), Vec::new());
    }

    #[test]
    fn closed_elements_do_not_add_up() {
        let page = "<div><span>x</span></div>".repeat(10_000);
        assert_eq!(flatten(&page), None);
        // An end tag closes the unclosed elements inside its element.
        let page = "<div><b><i>x</div>".repeat(10_000);
        assert_eq!(flatten(&page), None);
        // Self-closing syntax counts only in SVG and MathML.
        let page = format!("<svg>{}</svg>", "<path/>".repeat(10_000));
        assert_eq!(flatten(&page), None);
        assert!(flatten(&"<div/>".repeat(MAX_DEPTH + 1)).is_some());
    }

    #[test]
    fn truncated_and_odd_markup_ends_the_scan_cleanly() {
        for page in [
            "<",
            "<div",
            "<div a=\"",
            "<!--",
            "</",
            "<script>",
            "<a b='>",
            "</>",
        ] {
            assert_eq!(flatten(page), None, "{page:?}");
        }
    }
}
