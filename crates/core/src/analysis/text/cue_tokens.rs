//! A small tokenizer for attribution: words (with abbreviations such as "U.S." and
//! "Gen." kept whole) and single punctuation characters, each with its byte span.
//!
//! This is not the normalising tokenizer of [`crate::analysis::normalize`] (which the corpus index
//! and quote matching share): here punctuation matters, because commas, sentence ends
//! and quotation marks bound an attribution.

use crate::analysis::quote::is_quote_mark;
use crate::analysis::span::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokKind {
    Word,
    Punct(char),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tok {
    pub span: Span,
    pub kind: TokKind,
}

impl Tok {
    pub fn is_word(&self) -> bool {
        self.kind == TokKind::Word
    }
    pub fn is_punct(&self, c: char) -> bool {
        self.kind == TokKind::Punct(c)
    }
    pub fn text<'a>(&self, prose: &'a str) -> &'a str {
        self.span.slice(prose)
    }
    /// A full stop, question or exclamation mark (abbreviation dots are inside words).
    pub fn ends_sentence(&self, _prose: &str) -> bool {
        matches!(self.kind, TokKind::Punct('.' | '!' | '?' | '…' | ';'))
    }
    pub fn is_quote_mark(&self, _prose: &str) -> bool {
        matches!(self.kind, TokKind::Punct(c) if is_quote_mark(c))
    }
}

/// Abbreviations that end with a full stop that does not end the sentence.
pub fn is_abbreviation(word: &str) -> bool {
    let w = word.trim_end_matches('.');
    if w.chars().count() == 1 && w.chars().all(char::is_uppercase) {
        return true; // an initial: "Mike R. Pompeo"
    }
    let mut buf = [0u8; 40];
    crate::analysis::lexicon::fold(w, &mut buf)
        .is_some_and(crate::analysis::lexicon::is_abbreviation)
}

/// The tokens of `prose` inside `span` (which must lie on character boundaries).
pub fn tokens(prose: &str, span: Span) -> Vec<Tok> {
    let Some(slice) = prose.get(span.start..span.end) else {
        return Vec::new();
    };
    let base = span.start;
    let mut out = Vec::with_capacity(slice.len() / 5 + 1);
    let mut chars = slice.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if !c.is_alphanumeric() {
            out.push(Tok {
                span: Span::new(base + i, base + i + c.len_utf8()),
                kind: TokKind::Punct(c),
            });
            continue;
        }
        let start = i;
        let mut end = i + c.len_utf8();
        let mut segment_len = 1; // letters since the last inner dot or the start
        let mut has_dot = false;
        while let Some(&(j, d)) = chars.peek() {
            if d.is_alphanumeric() {
                segment_len += 1;
                end = j + d.len_utf8();
                chars.next();
                continue;
            }
            let joiner = matches!(d, '\'' | '\u{2019}' | '-' | '\u{2010}' | '\u{2011}' | '&')
                || (d == '.' && segment_len == 1);
            if joiner {
                // Only join when a letter or digit follows.
                let after = slice.get(j + d.len_utf8()..).and_then(|s| s.chars().next());
                if after.is_some_and(char::is_alphanumeric) {
                    if d == '.' {
                        has_dot = true;
                        segment_len = 0;
                    } else {
                        segment_len = 0;
                    }
                    end = j + d.len_utf8();
                    chars.next();
                    continue;
                }
            }
            break;
        }
        // A trailing dot belongs to an abbreviation ("Gen.", "U.S.").
        if let Some(&(j, '.')) = chars.peek() {
            let word = &slice[start..end];
            // "(D-Nev.)", "R-Ky.": a party and state abbreviation.
            let last_part = word.rsplit('-').next().unwrap_or(word);
            if has_dot || is_abbreviation(word) || is_abbreviation(last_part) {
                end = j + 1;
                chars.next();
            }
        }
        out.push(Tok {
            span: Span::new(base + start, base + end),
            kind: TokKind::Word,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        tokens(s, Span::new(0, s.len()))
            .into_iter()
            .map(|t| t.span.slice(s))
            .collect()
    }

    #[test]
    fn abbreviations_keep_their_dots() {
        assert_eq!(
            texts("diplomat to the U.S. Vladimir Frolov, Gen. Mizintsev said."),
            vec![
                "diplomat",
                "to",
                "the",
                "U.S.",
                "Vladimir",
                "Frolov",
                ",",
                "Gen.",
                "Mizintsev",
                "said",
                "."
            ]
        );
    }

    #[test]
    fn party_and_state_keep_their_dot() {
        assert_eq!(
            texts("Reid (D-Nev.) said, McConnell, R-Ky., said"),
            vec![
                "Reid",
                "(",
                "D-Nev.",
                ")",
                "said",
                ",",
                "McConnell",
                ",",
                "R-Ky.",
                ",",
                "said"
            ]
        );
    }

    #[test]
    fn run_together_sentences_split() {
        assert_eq!(
            texts("a statement.He said"),
            vec!["a", "statement", ".", "He", "said"]
        );
        assert_eq!(texts("Russia’s plan"), vec!["Russia’s", "plan"]);
    }
}
