//! The output forms of `sourced check`: a compiler-like text for people
//! ([`human`]), JSON for scripts ([`json`]) and SARIF 2.1.0 for code-scanning tools
//! ([`sarif`]). They only render a [`Report`]; nothing is decided here.

pub mod human;
pub mod json;
mod lines;
pub mod sarif;

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::check::Report;
use crate::index::{CorpusIndex, Location};

pub use lines::LineIndex;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    Sarif,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        match s {
            "human" | "text" => Some(Format::Human),
            "json" => Some(Format::Json),
            "sarif" => Some(Format::Sarif),
            _ => None,
        }
    }
}

/// One draft and what its check found.
pub struct CheckedFile {
    pub path: PathBuf,
    pub text: String,
    pub report: Report,
    /// Which of the corpora given to [`print`] it was checked against.
    pub corpus: usize,
}

/// Print every file's findings to stdout in `format`.
pub fn print(
    format: Format,
    files: &[CheckedFile],
    corpora: &[&dyn CorpusIndex],
) -> std::io::Result<()> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let text = match format {
        Format::Human => human::render(files, corpora),
        Format::Json => json::render(files, corpora),
        Format::Sarif => sarif::render(files, corpora).to_string(),
    };
    out.write_all(text.as_bytes())?;
    if !text.ends_with('\n') {
        out.write_all(b"\n")?;
    }
    out.flush()
}

/// A path as users read it: relative to the current folder when it is inside it.
pub fn display_path(path: &Path) -> String {
    if let Ok(cwd) = std::env::current_dir() {
        if let Ok(rel) = path.strip_prefix(&cwd) {
            return rel.display().to_string();
        }
    }
    path.display().to_string()
}

/// A place in a source, resolved for output.
pub struct Place {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub start: usize,
    pub end: usize,
    /// The source text there, on one line, shortened to about 200 characters.
    pub excerpt: String,
    /// What the source says about itself (title, outlet, author, date, address).
    pub credit: crate::check::evidence::Credit,
    /// The same as its front matter or page gives it (the date as written there), for
    /// the machine-readable forms.
    pub meta: crate::index::SourceMeta,
}

/// Resolve an evidence location in `corpus`; `None` when its source is gone.
pub fn place(corpus: &dyn CorpusIndex, location: &Location) -> Option<Place> {
    let source = corpus.source(location.source)?;
    let text: &str = &source.text;
    // Lines and columns in the file (for HTML, where the words are in the page; its
    // top when they cannot be found there).
    let (file_text, in_file) = crate::page_spans::in_file(&source, location.span)
        .unwrap_or(("", crate::analysis::Span::new(0, 0)));
    let lines = LineIndex::new(file_text);
    let (line, column) = lines.line_col(in_file.start);
    let (end_line, end_column) = lines.line_col(in_file.end);
    Some(Place {
        path: display_path(&source.path),
        line,
        column,
        end_line,
        end_column,
        start: location.span.start,
        end: location.span.end,
        excerpt: excerpt(location.span.slice(text), 200),
        credit: crate::check::evidence::Credit::of(&source.meta),
        meta: source.meta.clone(),
    })
}

/// `text` on one line, at most about `max` characters (cut at a character boundary).
pub fn excerpt(text: &str, max: usize) -> String {
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= max {
        return one_line;
    }
    let cut: String = one_line.chars().take(max).collect();
    format!("{cut}\u{2026}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_are_one_line_and_short() {
        assert_eq!(excerpt("a\n  b", 10), "a b");
        assert_eq!(excerpt("\u{e9}\u{e9}\u{e9}", 2), "\u{e9}\u{e9}\u{2026}");
    }
}
