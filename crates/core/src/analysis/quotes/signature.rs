//! Quotations signed rather than attributed in a sentence: a dash and a name after the
//! quote on its line (`"..." — Jane Doe, a nurse`), or on the line below a pull-quote.
//! A step of [`crate::analysis::attribution`], which looks here first.

use crate::analysis::attribution::WINDOW;
use crate::analysis::quote::Quote;
use crate::analysis::span::Span;

/// A quotation signed with a dash and a name at the end of its line, as vox pops,
/// testimonials and epigraphs are: `"...” ― Sonya Herridge`, `"..." -- Edwin G. Monroy.`,
/// `"..." — Jane Doe, a nurse in Ohio`. Returns the name and the dash.
///
/// Only a name (capitalised words, initials, particles such as "de" or "al-") counts,
/// so prose that carries on after a dash (`"..." — and then he left`) is left alone.
pub(super) fn signed_after(prose: &str, after: Span) -> Option<(Span, Span)> {
    let text = after.slice(prose);
    let line = &text[..text.find(['\n', '\r']).unwrap_or(text.len())];
    let lead = line.len() - line.trim_start().len();
    let rest = &line[lead..];
    let dash_len = if rest.starts_with("--") {
        2
    } else if rest.starts_with("- ") {
        1
    } else {
        rest.chars()
            .next()
            .filter(|c| matches!(c, '―' | '—' | '–'))
            .map(char::len_utf8)?
    };
    let dash = Span::new(after.start + lead, after.start + lead + dash_len);
    let after_dash = &rest[dash_len..];
    let name_start = dash.end + (after_dash.len() - after_dash.trim_start().len());
    let name_text = after_dash.trim_start();
    // The name runs to the end of the line, or to a comma that opens a description.
    let name_len = name_text.find(',').unwrap_or(name_text.len());
    let name = name_text[..name_len].trim_end().trim_end_matches('.');
    let words: Vec<&str> = name.split_whitespace().collect();
    let is_particle = |w: &str| {
        matches!(
            w,
            "de" | "da"
                | "del"
                | "della"
                | "di"
                | "van"
                | "von"
                | "der"
                | "la"
                | "le"
                | "bin"
                | "al"
                | "el"
                | "y"
        ) || w.starts_with("al-")
    };
    let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let well_formed = |w: &str| {
        w.chars()
            .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'))
    };
    let ok = (1..=5).contains(&words.len())
        && words.first().is_some_and(|w| capitalised(w))
        && words.last().is_some_and(|w| capitalised(w))
        && words
            .iter()
            .all(|w| well_formed(w) && (capitalised(w) || is_particle(w)));
    if !ok {
        return None;
    }
    Some((Span::new(name_start, name_start + name.len()), dash))
}

/// A pull-quote signed on the line below it:
///
/// ```text
/// "We came here with nothing and built a life."
/// — Maria Lopez, nurse
/// ```
///
/// Only when nothing but punctuation follows the quote on its own line.
pub(super) fn signed_below(prose: &str, q: &Quote) -> Option<(Span, Span)> {
    // Stop at the first letter or digit: the work stays bounded on a long line.
    let rest = prose.get(q.span.end..)?;
    let line_end = rest
        .char_indices()
        .find(|&(_, c)| c == '\n' || c.is_alphanumeric())
        .filter(|&(_, c)| c == '\n')?
        .0;
    let next = q.span.end + line_end + 1;
    let mut end = next.saturating_add(WINDOW).min(prose.len());
    while !prose.is_char_boundary(end) {
        end -= 1;
    }
    signed_after(prose, Span::new(next, end.max(next)))
}

#[cfg(test)]
#[path = "signature_tests.rs"]
mod tests;
