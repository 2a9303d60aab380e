//! YAML front matter of Markdown sources: a careful small parser for the flat
//! `key: value` block that news tools write (title, outlet, date, url, author).
//!
//! The block is masked with spaces (newlines kept), so that the text the analysis sees
//! has the same length as the file and every span stays a file offset. Nested YAML
//! (indented maps, block lists) is tolerated: lines it does not understand are skipped.

use super::SourceMeta;

/// The front matter of `text`, if it has one, and the text with it masked.
pub fn split(text: &str) -> (SourceMeta, Option<String>) {
    let Some(end) = block_end(text) else {
        return (SourceMeta::default(), None);
    };
    let block = &text[..end];
    let mut meta = SourceMeta::default();
    let mut lines = block.lines().skip(1).peekable();
    while let Some(line) = lines.next() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        if key.starts_with([' ', '\t', '-', '#']) {
            continue;
        }
        let key = key.trim().to_ascii_lowercase();
        let mut value = unquote(value.trim());
        if value.is_empty() {
            // `author:` followed by a block list `- Name`.
            let mut items = Vec::new();
            while let Some(next) = lines.peek() {
                let t = next.trim_start();
                match t.strip_prefix("- ") {
                    Some(item) if next.starts_with([' ', '\t', '-']) => {
                        items.push(unquote(item.trim()));
                        lines.next();
                    }
                    _ => break,
                }
            }
            value = items.join(", ");
        } else if value.starts_with('[') && value.ends_with(']') {
            value = value[1..value.len() - 1]
                .split(',')
                .map(|s| unquote(s.trim()))
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(", ");
        }
        if value.is_empty() || value == "~" || value == "null" {
            continue;
        }
        let slot = match key.as_str() {
            "title" | "headline" => &mut meta.title,
            "outlet" | "publication" | "publisher" | "source" | "site" | "site_name" => {
                &mut meta.outlet
            }
            "date" | "published" | "published_at" | "pubdate" => &mut meta.date,
            "url" | "link" | "canonical_url" => &mut meta.url,
            "author" | "authors" | "byline" => &mut meta.author,
            _ => continue,
        };
        if slot.is_none() {
            *slot = Some(value);
        }
    }
    let masked = mask(text, end);
    (meta, Some(masked))
}

/// The byte offset just past the closing `---` (or `...`) line of a front matter block
/// that opens the text, if there is one.
fn block_end(text: &str) -> Option<usize> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let bom = text.len() - body.len();
    let first_line_end = body.find('\n')?;
    if body[..first_line_end].trim_end() != "---" {
        return None;
    }
    let mut pos = bom + first_line_end + 1;
    while pos < text.len() {
        let line_end = text[pos..]
            .find('\n')
            .map(|i| pos + i)
            .unwrap_or(text.len());
        let line = text[pos..line_end].trim_end();
        if line == "---" || line == "..." {
            return Some(line_end);
        }
        pos = line_end + 1;
    }
    None
}

/// `text` with bytes `..end` replaced by spaces, newlines kept. Only whole characters
/// are replaced, each by as many spaces as it has bytes.
fn mask(text: &str, end: usize) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        if i >= end {
            out.push_str(&text[i..]);
            break;
        }
        if c == '\n' || c == '\r' {
            out.push(c);
        } else {
            for _ in 0..c.len_utf8() {
                out.push(' ');
            }
        }
    }
    out
}

fn unquote(value: &str) -> String {
    let v = value.trim();
    // A trailing comment, outside quotes.
    let v = if !v.starts_with(['"', '\'']) {
        v.split(" #").next().unwrap_or(v).trim()
    } else {
        v
    };
    for q in ['"', '\''] {
        if v.len() >= 2 && v.starts_with(q) && v.ends_with(q) {
            let inner = &v[1..v.len() - 1];
            return if q == '"' {
                inner.replace("\\\"", "\"")
            } else {
                inner.replace("''", "'")
            };
        }
    }
    v.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flat_front_matter_is_read_and_masked_in_place() {
        let text = "---\ntitle: \"Refugees: the plan\"\noutlet: Arab News\nauthors: [A. B, 'C D']\n---\nBody “quoted” text.\n";
        let (meta, masked) = split(text);
        let masked = masked.unwrap();
        assert_eq!(meta.title.as_deref(), Some("Refugees: the plan"));
        assert_eq!(meta.outlet.as_deref(), Some("Arab News"));
        assert_eq!(meta.author.as_deref(), Some("A. B, C D"));
        assert_eq!(masked.len(), text.len());
        let body = text.find("Body").unwrap();
        assert_eq!(&masked[body..], &text[body..]);
        assert!(masked[..body].trim().is_empty());
    }

    #[test]
    fn no_front_matter_when_not_at_start_or_unclosed() {
        assert!(split("Text\n---\ntitle: x\n---\n").1.is_none());
        assert!(split("---\ntitle: x\nno end").1.is_none());
    }
}
