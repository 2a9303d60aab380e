//! Naming places in the sources the way messages do: `arab-news.txt:13` (file name and
//! 1-based line).

use crate::index::{CorpusIndex, Location, Source};

/// The 1-based line of byte `offset` in `text` (offsets past the end count as the end).
pub fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    1 + text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
}

/// The file name of a source (`arab-news.txt`), or its whole path if it has none.
pub fn file_name(source: &Source) -> String {
    source
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| source.path.to_string_lossy().into_owned())
}

/// `arab-news.txt:13` for a location, or `None` when the corpus no longer has its source.
pub fn place(corpus: &dyn CorpusIndex, location: &Location) -> Option<String> {
    let source = corpus.source(location.source)?;
    // The line of the file as an editor shows it (for HTML, the page's line, not the
    // extracted text's), the line the related information and the CLI give.
    let line = match crate::page_spans::in_file(&source, location.span) {
        Some((text, span)) => line_of(text, span.start),
        None => line_of(&source.text, location.span.start),
    };
    Some(format!("{}:{line}", file_name(&source)))
}

/// Several places, each once, in the order given: `afp.txt:15, arab-news.txt:13`.
pub fn places(corpus: &dyn CorpusIndex, locations: &[Location]) -> String {
    let mut seen: Vec<String> = Vec::new();
    for l in locations {
        if let Some(p) = place(corpus, l) {
            if !seen.contains(&p) {
                seen.push(p);
            }
        }
    }
    seen.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_one_based() {
        let text = "one\ntwo\nthree";
        assert_eq!(line_of(text, 0), 1);
        assert_eq!(line_of(text, 4), 2);
        assert_eq!(line_of(text, 8), 3);
        assert_eq!(line_of(text, 999), 3);
    }
}
