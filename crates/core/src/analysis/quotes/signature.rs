//! Quotations signed rather than attributed in a sentence: a dash and a name after the
//! quote on its line (`"..." — Jane Doe, a nurse`), on the line below a pull-quote, or
//! a transcript turn whose label names its speaker (`"PENCE: Well, look, ...`).
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

/// A transcript turn: a quotation that opens its paragraph with the speaker's name in
/// capitals and a colon, as broadcast transcripts are printed (`"WALLACE: Let's start
/// with ...`, `"PENCE: Well, look, ...`). Returns the label and the colon.
///
/// Only a label of one to four words of capitals, each of two letters or more, counts;
/// labels that name no one (`VIDEO:`, `UPDATE:`) are not speakers ([`unnamed_turn`]).
pub(super) fn turn_label(prose: &str, q: &Quote) -> Option<(Span, Span)> {
    read_turn(prose, q).filter(|t| t.2).map(|t| (t.0, t.1))
}

/// A quotation that opens with a label naming no one (`"VIDEO: Hillary and Obama ...`):
/// it carries on no one's words either.
pub(super) fn unnamed_turn(prose: &str, q: &Quote) -> bool {
    read_turn(prose, q).is_some_and(|t| !t.2)
}

/// The label and colon of a transcript turn, and whether the label names a speaker.
fn read_turn(prose: &str, q: &Quote) -> Option<(Span, Span, bool)> {
    let before = prose.get(..q.span.start)?;
    let opens_paragraph = before
        .trim_end_matches([' ', '\t'])
        .chars()
        .next_back()
        .map_or(true, |c| c == '\n' || c == '\r');
    if !opens_paragraph {
        return None;
    }
    let inner = q.inner.slice(prose);
    let lead = inner.len() - inner.trim_start().len();
    let text = &inner[lead..];
    // (Looked for in the first few words only: the work stays bounded.)
    let colon = text
        .char_indices()
        .take_while(|&(i, _)| i < 48)
        .find(|&(_, c)| c == ':')?
        .0;
    if !text[colon + 1..].starts_with(char::is_whitespace) {
        return None;
    }
    let label = text[..colon].trim_end();
    let words: Vec<&str> = label.split_whitespace().collect();
    let word_ok = |w: &str| {
        w.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && w.chars().next().is_some_and(|c| c.is_uppercase())
            && w.chars()
                .all(|c| c.is_uppercase() || matches!(c, '.' | '-' | '\'' | '’'))
    };
    if !(1..=4).contains(&words.len()) || !words.iter().all(|w| word_ok(w)) {
        return None;
    }
    let first = words[0].trim_end_matches('.');
    let names_no_one = matches!(
        first,
        "VIDEO"
            | "AUDIO"
            | "CLIP"
            | "BEGIN"
            | "END"
            | "CROSSTALK"
            | "LAUGHTER"
            | "APPLAUSE"
            | "UPDATE"
            | "UPDATED"
            | "BREAKING"
            | "NOTE"
            | "EDITOR'S"
            | "EDITOR’S"
            | "CORRECTION"
            | "WATCH"
            | "READ"
            | "RELATED"
            | "SOURCE"
            | "SOURCES"
            | "TRANSCRIPT"
            | "TEXT"
            | "PHOTO"
            | "PHOTOS"
            | "WARNING"
            | "SUMMARY"
            | "UNIDENTIFIED"
            | "UNKNOWN"
            | "QUESTION"
            | "ANSWER"
            | "EXCERPT"
            | "FULL"
            | "LIVE"
    );
    let start = q.inner.start + lead;
    Some((
        Span::new(start, start + label.len()),
        Span::new(start + colon, start + colon + 1),
        !names_no_one,
    ))
}

#[cfg(test)]
#[path = "signature_tests.rs"]
mod tests;
