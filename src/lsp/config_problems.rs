//! Problems of `sourced.toml` shown on the file itself: a diagnostic at the line and
//! column of the error (published for the file's URI, open or not), cleared when the file
//! reads well again. Meanwhile the drafts are checked with the last configuration the
//! file gave without an error ([`super::workspace`] keeps it), so a typo in the settings
//! never looks like a clean draft.

use std::sync::Arc;

use tower_lsp_server::ls_types::{
    Diagnostic, DiagnosticSeverity, MessageType, NumberOrString, Range, Uri,
};

use crate::analysis::Span;
use crate::config::ConfigError;

use super::position::{self, Encoding};
use super::session::Session;

/// The diagnostic code of a problem in `sourced.toml`.
pub const CODE: &str = "config-error";

/// Show the editor what changed in the problems of `sourced.toml` files.
pub async fn publish(session: &Arc<Session>) {
    for (path, problem) in session.workspace.config_problems_to_show() {
        let Some(uri) = Uri::from_file_path(&path) else {
            continue;
        };
        let diagnostics = match &problem {
            Some(e) => {
                session
                    .log(
                        MessageType::WARNING,
                        format!("{e} (the last settings read without an error stay in use)"),
                    )
                    .await;
                session
                    .say_once(
                        MessageType::WARNING,
                        format!(
                            "{e}. Sourced keeps checking with the settings last read without an error."
                        ),
                    )
                    .await;
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                vec![diagnostic(e, &text, session.encoding())]
            }
            None => {
                session
                    .log(
                        MessageType::INFO,
                        format!("{}: read without an error", path.display()),
                    )
                    .await;
                Vec::new()
            }
        };
        session
            .client
            .publish_diagnostics(uri, diagnostics, None)
            .await;
    }
}

/// The diagnostic of `e` in the file whose text is `text`: on the bytes the error is
/// about, else on its line, else on the first line.
pub fn diagnostic(e: &ConfigError, text: &str, enc: Encoding) -> Diagnostic {
    let span = match (&e.span, e.line) {
        (Some(s), _) if s.end <= text.len() && text.is_char_boundary(s.start) => {
            let end = if s.end > s.start && text.is_char_boundary(s.end) {
                s.end
            } else {
                line_end(text, s.start)
            };
            Span::new(s.start, end)
        }
        (_, Some(line)) => {
            let start = line_start(text, line);
            Span::new(start, line_end(text, start))
        }
        _ => Span::new(0, line_end(text, 0)),
    };
    let range = if text.is_empty() {
        Range::default()
    } else {
        position::text_range_of(text, span, enc)
    };
    Diagnostic {
        range,
        severity: Some(DiagnosticSeverity::ERROR),
        code: Some(NumberOrString::String(CODE.into())),
        code_description: None,
        source: Some("sourced".into()),
        message: format!(
            "{} (Sourced keeps using the settings last read without an error)",
            e.message
        ),
        related_information: None,
        tags: None,
        data: None,
    }
}

/// Byte offset where 1-based `line` starts (the end of the text past the last line).
fn line_start(text: &str, line: usize) -> usize {
    if line <= 1 {
        return 0;
    }
    text.match_indices('\n')
        .nth(line - 2)
        .map_or(text.len(), |(i, _)| i + 1)
}

/// Byte offset of the end of the line holding `offset` (before its line break).
fn line_end(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    text[offset..]
        .find(['\n', '\r'])
        .map_or(text.len(), |i| offset + i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn error(line: Option<usize>, span: Option<std::ops::Range<usize>>) -> ConfigError {
        ConfigError {
            path: PathBuf::from("/story/sourced.toml"),
            line,
            column: None,
            span,
            message: "bad".into(),
        }
    }

    #[test]
    fn the_diagnostic_is_where_the_error_is() {
        let text = "[corpus]\npaths = [\"sources\"\n";
        let d = diagnostic(&error(Some(2), Some(17..18)), text, Encoding::Utf16);
        assert_eq!((d.range.start.line, d.range.start.character), (1, 8));
        // An empty span reaches to the end of its line.
        let d = diagnostic(&error(Some(2), Some(17..17)), text, Encoding::Utf16);
        assert_eq!((d.range.end.line, d.range.end.character), (1, 18));
        // A line alone: the whole line.
        let d = diagnostic(&error(Some(2), None), text, Encoding::Utf16);
        assert_eq!(
            (
                d.range.start.line,
                d.range.start.character,
                d.range.end.character
            ),
            (1, 0, 18)
        );
        // A span past the text (the file changed since): its line, or the top.
        let d = diagnostic(&error(None, Some(500..510)), text, Encoding::Utf16);
        assert_eq!(d.range.start.line, 0);
        assert_eq!(d.code, Some(NumberOrString::String(CODE.into())));
    }
}
