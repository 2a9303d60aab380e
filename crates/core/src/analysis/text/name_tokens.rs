//! Words and what separates them, for reading names and titles.
//!
//! Unlike [`crate::analysis::normalize::words`] (which the quote matcher and the index share), this
//! tokenizer keeps what name reading needs: abbreviation dots stay with their word
//! ("Mr.", "Gen.", "U.S.", "George W. Bush"), and the gap before each word says whether
//! it holds only spaces, a comma, a sentence end, a paragraph break or a quotation mark.
//!
//! One pass over the text, no allocation per word beyond the token itself.

use crate::analysis::span::Span;

/// What lies between a word and the one before it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Gap {
    /// Only spaces (or a soft line wrap): the two words can belong to one name.
    pub space_only: bool,
    pub comma: bool,
    /// A sentence ends in the gap (". ", "!", "?", ":", a bullet, a hard line break), or
    /// the word is the first of the text.
    pub sentence: bool,
    /// A blank line.
    pub paragraph: bool,
    /// A quotation mark of any kind.
    pub quote: bool,
    /// Any other punctuation (brackets, dashes, slashes, semicolons).
    pub other: bool,
}

/// One word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Tok {
    pub span: Span,
    pub gap: Gap,
    /// Starts with an uppercase letter.
    pub upper: bool,
    /// Starts with a lowercase letter.
    pub lower: bool,
    /// Two or more letters, all uppercase ("UN", "AFP", "MOSCOW").
    pub all_caps: bool,
    /// On a line written in Title Case (a headline), where capitals say nothing.
    pub title_case_line: bool,
}

impl Tok {
    /// Whether the word starts a sentence (or a quotation, or the text).
    pub fn sentence_initial(&self) -> bool {
        self.gap.sentence || self.gap.paragraph || self.gap.quote
    }
}

/// Abbreviations whose dot belongs to the word (capitalised forms only).
fn keeps_dot(word: &str) -> bool {
    let mut buf = [0u8; 40];
    crate::analysis::lexicon::fold(word, &mut buf)
        .is_some_and(crate::analysis::lexicon::is_name_abbreviation)
}

/// The character at byte `i` of `text`, with its length; `None` at the end or off a
/// character boundary. ASCII is read without decoding.
#[inline]
fn char_at(text: &str, i: usize) -> Option<(char, usize)> {
    let b = *text.as_bytes().get(i)?;
    if b < 0x80 {
        return Some((b as char, 1));
    }
    let c = text.get(i..)?.chars().next()?;
    Some((c, c.len_utf8()))
}

#[inline]
fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric()
    }
}

/// `ASCII_ALNUM[b]`: byte `b` is an ASCII letter or digit (one load instead of three
/// range checks in the loops that run over every byte).
static ASCII_ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// Split `text` into words with their gaps.
pub(crate) fn tokenize(text: &str) -> Vec<Tok> {
    let mut toks: Vec<Tok> = Vec::with_capacity(text.len() / 6);
    let mut gap_start = 0usize;
    let mut i = 0usize;
    // Where the current line starts, for telling soft wraps from line breaks.
    let mut line_start = 0usize;
    let mut prev_line_start = 0usize;
    let bytes = text.as_bytes();
    while let Some(&b) = bytes.get(i) {
        let c = if b < 0x80 {
            if !ASCII_ALNUM[usize::from(b)] {
                if b == b'\n' {
                    prev_line_start = line_start;
                    line_start = i + 1;
                }
                i += 1;
                continue;
            }
            char::from(b)
        } else {
            let Some((c, len)) = char_at(text, i) else {
                break;
            };
            if !c.is_alphanumeric() {
                i += len;
                continue;
            }
            c
        };
        // A word starts at i.
        let start = i;
        let mut seg_chars = 0usize; // characters since the last '.' or '-'
        let mut last_alpha = false;
        let end = loop {
            // Fast path: a run of ASCII letters and digits.
            let run_start = i;
            while bytes.get(i).is_some_and(|&b| ASCII_ALNUM[usize::from(b)]) {
                i += 1;
            }
            if i > run_start {
                seg_chars += i - run_start;
                last_alpha = bytes[i - 1].is_ascii_alphabetic();
            }
            let Some((ch, l)) = char_at(text, i) else {
                break i;
            };
            if is_alnum(ch) {
                seg_chars += 1;
                last_alpha = ch.is_alphabetic();
                i += l;
                continue;
            }
            let next = char_at(text, i + l).map(|(n, _)| n);
            let next_alnum = next.is_some_and(is_alnum);
            match ch {
                '\'' | '\u{2019}' | '-' | '\u{2010}' | '\u{2011}' if next_alnum => {
                    seg_chars = 0;
                    i += l;
                }
                '.' if next_alnum && seg_chars == 1 && next.is_some_and(char::is_uppercase) => {
                    // "U.S", "D.C": letters joined by dots.
                    seg_chars = 0;
                    i += 1;
                }
                '.' => {
                    let word = text.get(start..i).unwrap_or("");
                    let first_upper = word.chars().next().is_some_and(char::is_uppercase);
                    if (seg_chars == 1 && last_alpha) || (first_upper && keeps_dot(word)) {
                        i += 1;
                    }
                    break i;
                }
                _ => break i,
            }
        };
        let gap = read_gap(text, gap_start, start, toks.is_empty(), prev_line_start);
        let lower = c.is_lowercase();
        toks.push(Tok {
            span: Span::new(start, end),
            gap,
            upper: c.is_uppercase(),
            lower,
            all_caps: !lower && all_caps(text.get(start..end).unwrap_or("")),
            title_case_line: false,
        });
        gap_start = end;
        if end <= start {
            // Cannot happen (the first character is alphanumeric), but never loop.
            i = start + c.len_utf8();
        } else {
            i = end;
        }
    }
    mark_title_case_lines(text, &mut toks);
    toks
}

/// Two or more letters, none of them lowercase.
fn all_caps(word: &str) -> bool {
    let mut letters = 0usize;
    for c in word.chars() {
        if c.is_lowercase() {
            return false;
        }
        letters += usize::from(c.is_alphabetic());
    }
    letters >= 2
}

/// `line_start` is where the line before the last line break starts.
fn read_gap(text: &str, from: usize, to: usize, first: bool, line_start: usize) -> Gap {
    // Most gaps are one space.
    if !first && to == from + 1 && text.as_bytes().get(from) == Some(&b' ') {
        return Gap {
            space_only: true,
            ..Gap::default()
        };
    }
    let between = text.get(from..to).unwrap_or("");
    let mut gap = Gap {
        sentence: first,
        ..Gap::default()
    };
    let mut newlines = 0;
    let mut other_than_space = false;
    let mut last_newline = 0;
    for (k, c) in between.char_indices() {
        match c {
            ' ' | '\t' | '\r' => continue,
            '\n' => {
                newlines += 1;
                last_newline = k;
                continue;
            }
            c if c.is_whitespace() => continue,
            ',' => gap.comma = true,
            '.' | '!' | '?' | ':' | '\u{2022}' | '\u{2026}' => gap.sentence = true,
            c if crate::analysis::quote::is_quote_mark(c) => gap.quote = true,
            _ => gap.other = true,
        }
        other_than_space = true;
    }
    if newlines >= 2 {
        gap.paragraph = true;
        gap.sentence = true;
    } else if newlines == 1 {
        // A single line break is a soft wrap inside a long line of running text, and a
        // break otherwise (headlines, lists, one paragraph per line).
        let newline_at = from + last_newline;
        let line_len = newline_at.saturating_sub(line_start.min(newline_at));
        let ends_in_word = text
            .get(..from)
            .and_then(|t| t.chars().next_back())
            .is_some_and(|c| c.is_alphanumeric() || c == ',');
        if !(ends_in_word && line_len >= 50 && !other_than_space) {
            gap.sentence = true;
            gap.paragraph = true;
        }
    }
    gap.space_only = !other_than_space && !gap.paragraph && !gap.sentence;
    gap
}

/// Mark the words of lines written in Title Case ("Putin Praises Erdogan's Authority"),
/// where a capital letter does not signal a name.
fn mark_title_case_lines(text: &str, toks: &mut [Tok]) {
    let mut line_first = 0;
    while line_first < toks.len() {
        let mut line_end = line_first + 1;
        while line_end < toks.len() && !toks[line_end].gap.paragraph {
            line_end += 1;
        }
        let line = &toks[line_first..line_end];
        let mut alpha = 0usize;
        let mut caps = 0usize;
        let mut capped_function_word = false;
        for (k, t) in line.iter().enumerate() {
            if !(t.upper || t.lower) {
                continue;
            }
            alpha += 1;
            if t.upper {
                caps += 1;
                // Short function words capitalised are the sign of Title Case.
                capped_function_word |= k > 0
                    && matches!(
                        t.span.slice(text),
                        "With"
                            | "On"
                            | "To"
                            | "Of"
                            | "For"
                            | "In"
                            | "And"
                            | "At"
                            | "From"
                            | "By"
                            | "As"
                            | "Is"
                            | "Over"
                            | "After"
                    );
            }
        }
        // Four words or more nearly all capitalised with a capitalised "With" or "To",
        // or six or more all capitalised but for small words.
        let headline = (alpha >= 4 && caps * 10 >= alpha * 8 && capped_function_word)
            || (alpha >= 6 && caps * 10 >= alpha * 9);
        if headline {
            for t in &mut toks[line_first..line_end] {
                t.title_case_line = true;
            }
        }
        line_first = line_end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.span.slice(text)).collect()
    }

    #[test]
    fn abbreviations_keep_their_dots() {
        assert_eq!(
            words("Mr. Pompeo met Gen. Mizintsev in the U.S. on Friday."),
            vec![
                "Mr.",
                "Pompeo",
                "met",
                "Gen.",
                "Mizintsev",
                "in",
                "the",
                "U.S.",
                "on",
                "Friday"
            ]
        );
        assert_eq!(words("George W. Bush"), vec!["George", "W.", "Bush"]);
    }

    #[test]
    fn run_together_sentences_split() {
        let text = "in a statement.He said\"The Russian";
        let toks = tokenize(text);
        let he = toks.iter().find(|t| t.span.slice(text) == "He").unwrap();
        assert!(he.gap.sentence && !he.gap.space_only);
        let the = toks.iter().find(|t| t.span.slice(text) == "The").unwrap();
        assert!(the.gap.quote);
    }

    #[test]
    fn names_with_particles_and_possessives_are_one_word() {
        assert_eq!(
            words("Bashar al-Assad's regime"),
            vec!["Bashar", "al-Assad's", "regime"]
        );
        assert_eq!(
            words("Putin\u{2019}s meeting"),
            vec!["Putin\u{2019}s", "meeting"]
        );
    }

    #[test]
    fn headlines_in_title_case_are_marked() {
        let toks = tokenize("Putin Praises Erdogan For His Authority\n\nPutin met him.");
        assert!(toks[0].title_case_line);
        assert!(!toks.last().unwrap().title_case_line);
    }

    #[test]
    fn odd_text_does_not_panic() {
        for t in [
            "",
            ".",
            "é.",
            "A.",
            "'",
            "\u{201C}",
            "a-",
            "U.S",
            "x\u{2019}",
            "ÅÅ.Å.",
        ] {
            let _ = tokenize(t);
        }
    }
}
