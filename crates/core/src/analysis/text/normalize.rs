//! Word normalisation shared by the corpus index and quote matching.
//!
//! Two words an editor would treat as the same ("Organised"/"organized",
//! "defence"/"defense", curly and straight apostrophes, "re-opening"/"reopening",
//! "U.S."/"US") normalise to the same string. Both the index and the matcher must use
//! this tokenizer ([`words`], or its allocation-free forms [`for_each_word`] and
//! [`for_each_word_hash`], which give the same words), so that what one writes the other
//! can find.
//!
//! Pure and total: any text gives words whose spans lie on character boundaries.

use crate::analysis::span::Span;

/// A word of the text with its normalised form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    pub span: Span,
    pub norm: String,
}

/// The words of `text`, each with its byte span and normalised form.
///
/// A word is a run of letters, digits and inner apostrophes or hyphens. An initialism
/// written with dots ("U.S.", "U.N.") is one word, its dots included in the span.
pub fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::with_capacity(text.len() / 6 + 1);
    for_each_word(text, |span, norm| {
        out.push(Word {
            span,
            norm: norm.to_owned(),
        })
    });
    out
}

/// The stable hash of a normalised word: FNV-1a over its UTF-8 bytes, then the
/// splitmix64 finaliser. The corpus index persists these hashes
/// (`corpus::grams::word_hash` must equal this function), so changing it invalidates
/// every persisted index.
#[inline]
pub fn norm_hash(norm: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in norm.as_bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h ^= h >> 30;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^= h >> 27;
    h = h.wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

/// The words of `text` as [`words`] gives them, each as its span and the hash of its
/// normalised form ([`norm_hash`]), without allocating per word.
pub fn for_each_word_hash(text: &str, mut f: impl FnMut(Span, u64)) {
    for_each_word(text, |span, norm| f(span, norm_hash(norm)));
}

/// The words of `text` as [`words`] gives them, in order, each as its span and its
/// normalised form, borrowed from a buffer reused from word to word (no allocation per
/// word).
pub fn for_each_word(text: &str, mut f: impl FnMut(Span, &str)) {
    for_each_word_cased(text, |span, norm, _| f(span, norm));
}

/// [`for_each_word`], also telling whether the word as written has a capital letter
/// ("Assad", "al-Assad", "McCain", "U.S."), for the index's vocabulary of names.
pub fn for_each_word_cased(text: &str, mut f: impl FnMut(Span, &str, bool)) {
    let bytes = text.as_bytes();
    // The normalised form of the current word, and of the pending initialism.
    let mut norm = String::with_capacity(32);
    let mut pending = Initialism::default();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if !b.is_ascii_alphanumeric() {
                i += 1;
                continue;
            }
        } else {
            let Some((c, len)) = char_at(text, i) else {
                i += 1;
                continue;
            };
            if !c.is_alphanumeric() {
                i += len;
                continue;
            }
        }
        // A word starts at i.
        let start = i;
        norm.clear();
        let mut chars = 0usize;
        let mut first_alphabetic = false;
        let mut upper = false;
        loop {
            // ASCII letters and digits, the common case.
            while let Some(&b) = bytes.get(i) {
                if !b.is_ascii_alphanumeric() {
                    break;
                }
                if chars == 0 {
                    first_alphabetic = b.is_ascii_alphabetic();
                }
                chars += 1;
                upper |= b.is_ascii_uppercase();
                norm.push(char::from(b.to_ascii_lowercase()));
                i += 1;
            }
            let Some((c, len)) = char_at(text, i) else {
                break;
            };
            if c.is_alphanumeric() {
                if chars == 0 {
                    first_alphabetic = c.is_alphabetic();
                }
                chars += 1;
                upper |= c.is_uppercase();
                push_lowercase(&mut norm, c);
                i += len;
                continue;
            }
            // An apostrophe or hyphen joins two letters or digits.
            if matches!(c, '\'' | '\u{2019}' | '-' | '\u{2010}' | '\u{2011}')
                && char_at(text, i + len).is_some_and(|(n, _)| n.is_alphanumeric())
            {
                chars += 1;
                if matches!(c, '\'' | '\u{2019}') {
                    norm.push('\'');
                }
                i += len;
                continue;
            }
            break;
        }
        let end = i;
        let single_letter = chars == 1 && first_alphabetic;
        // Initialisms ("U.S."): single letters, each followed by a dot and the next.
        if pending.letters > 0 {
            if single_letter && start == pending.end + 1 && bytes.get(pending.end) == Some(&b'.') {
                pending.norm.push_str(&norm);
                pending.end = end;
                pending.letters += 1;
                pending.upper |= upper;
                continue;
            }
            pending.flush(bytes, &mut f);
        }
        if single_letter && bytes.get(end) == Some(&b'.') {
            pending.start = start;
            pending.end = end;
            pending.letters = 1;
            pending.upper = upper;
            pending.norm.clear();
            pending.norm.push_str(&norm);
            continue;
        }
        us_spelling(&mut norm);
        f(Span::new(start, end), &norm, upper);
    }
    if pending.letters > 0 {
        pending.flush(bytes, &mut f);
    }
}

/// A run of single letters joined by dots, not yet given out.
#[derive(Default)]
struct Initialism {
    start: usize,
    /// The end of the last letter.
    end: usize,
    letters: usize,
    /// Whether one of the letters is a capital.
    upper: bool,
    norm: String,
}

impl Initialism {
    fn flush(&mut self, bytes: &[u8], f: &mut impl FnMut(Span, &str, bool)) {
        let mut end = self.end;
        // More than one letter: the word takes its last dot. One letter stays as it is
        // ("John F. Kennedy").
        if self.letters > 1 && bytes.get(end) == Some(&b'.') {
            end += 1;
        }
        // A single letter's form is its lower case, which no spelling rule changes.
        f(Span::new(self.start, end), &self.norm, self.upper);
        self.letters = 0;
    }
}

/// The character at byte `i` of `text` with its length; `None` at the end (or off a
/// character boundary, which the callers never ask for).
#[inline]
fn char_at(text: &str, i: usize) -> Option<(char, usize)> {
    let b = *text.as_bytes().get(i)?;
    if b < 0x80 {
        return Some((char::from(b), 1));
    }
    let c = text.get(i..)?.chars().next()?;
    Some((c, c.len_utf8()))
}

/// Append the normalised lower case of one character of a word: one apostrophe form,
/// no hyphens or dots.
#[inline]
fn push_lowercase(s: &mut String, c: char) {
    if c.is_ascii() {
        if c != '-' && c != '.' {
            s.push(c.to_ascii_lowercase());
        }
        return;
    }
    for l in c.to_lowercase() {
        match l {
            '-' | '.' | '\u{2010}' | '\u{2011}' => {}
            '\u{2019}' | '\u{2018}' | '\u{02bc}' => s.push('\''),
            other => s.push(other),
        }
    }
}

/// Normalise one word: lower case, one apostrophe form, no hyphens, no dots (so a dotted
/// initialism such as "U.S." normalises as [`words`] does), US spelling.
pub fn normalize_word(word: &str) -> String {
    let mut s = String::with_capacity(word.len());
    for c in word.chars() {
        push_lowercase(&mut s, c);
    }
    us_spelling(&mut s);
    s
}

/// Replace a British spelling by the US one, for the regular patterns and a few known
/// words.
fn us_spelling(w: &mut String) {
    // Every rule needs at least four bytes and ends in one of these letters.
    if w.len() < 4
        || !matches!(
            w.as_bytes()[w.len() - 1],
            b'e' | b'd' | b's' | b'g' | b'n' | b'r' | b'l' | b'y'
        )
    {
        return;
    }
    let exact = match w.as_str() {
        "defence" => "defense",
        "offence" => "offense",
        "licence" => "license",
        "pretence" => "pretense",
        "centre" => "center",
        "centres" => "centers",
        "theatre" => "theater",
        "metre" => "meter",
        "metres" => "meters",
        "colour" => "color",
        "favour" => "favor",
        "favourable" => "favorable",
        "honour" => "honor",
        "labour" => "labor",
        "neighbour" => "neighbor",
        "neighbours" => "neighbors",
        "neighbouring" => "neighboring",
        "behaviour" => "behavior",
        "programme" => "program",
        "programmes" => "programs",
        "travelled" => "traveled",
        "travelling" => "traveling",
        "cancelled" => "canceled",
        "cancelling" => "canceling",
        "labelled" => "labeled",
        "modelling" => "modeling",
        "fulfil" => "fulfill",
        "enrol" => "enroll",
        "grey" => "gray",
        "catalogue" => "catalog",
        "dialogue" => "dialog",
        "analyse" => "analyze",
        "analysed" => "analyzed",
        "paralyse" => "paralyze",
        _ => "",
    };
    if !exact.is_empty() {
        w.clear();
        w.push_str(exact);
        return;
    }
    // -ise/-isation words: mapping every one to -ize on both sides is harmless, since
    // the same rule runs on the draft and on the sources. Each has "is" in its last
    // eight letters ("isations").
    let b = w.as_bytes();
    if !b[b.len().saturating_sub(8)..]
        .windows(2)
        .any(|p| p == b"is")
    {
        return;
    }
    for (uk, us) in [
        ("isation", "ization"),
        ("isations", "izations"),
        ("ised", "ized"),
        ("ises", "izes"),
        ("ising", "izing"),
        ("ise", "ize"),
    ] {
        if let Some(stem) = w.strip_suffix(uk) {
            if stem.chars().count() >= 3 {
                let stem_len = stem.len();
                w.truncate(stem_len);
                w.push_str(us);
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(text: &str) -> Vec<String> {
        words(text).into_iter().map(|w| w.norm).collect()
    }

    #[test]
    fn british_and_american_spellings_agree() {
        assert_eq!(norms("could be organised"), norms("could be organized"));
        assert_eq!(
            norms("Russian Defence Ministry"),
            norms("Russian Defense Ministry")
        );
    }

    #[test]
    fn the_cased_words_are_the_words_with_a_flag_for_a_capital() {
        let text =
            "Bashar al-Assad’s aide met the U.S. envoy, McCain, and ÉLYSÉE staff in café 2.0";
        let mut cased = Vec::new();
        for_each_word_cased(text, |span, norm, upper| {
            cased.push((span, norm.to_string(), upper))
        });
        let plain: Vec<(Span, String, bool)> = words(text)
            .into_iter()
            .map(|w| {
                let upper = w.span.slice(text).chars().any(char::is_uppercase);
                (w.span, w.norm, upper)
            })
            .collect();
        assert_eq!(cased, plain);
        let capitals: Vec<&str> = cased.iter().filter(|c| c.2).map(|c| c.1.as_str()).collect();
        assert_eq!(capitals, ["bashar", "alassad's", "us", "mccain", "élysée"]);
    }

    #[test]
    fn british_endings_become_american_and_nothing_else_does() {
        for (uk, us) in [
            ("organisations", "organizations"),
            ("organisation", "organization"),
            ("realised", "realized"),
            ("apologising", "apologizing"),
            ("criticises", "criticizes"),
            ("defence", "defense"),
            ("this", "this"),
            ("crisis", "crisis"),
            ("axis", "axis"),
            ("noise", "noise"),
            // Not British, but mapped all the same: harmless, as both sides are.
            ("promise", "promize"),
        ] {
            assert_eq!(normalize_word(uk), us, "{uk}");
        }
    }

    #[test]
    fn apostrophes_and_case_fold() {
        assert_eq!(norms("It\u{2019}s important"), vec!["it's", "important"]);
    }

    #[test]
    fn spans_point_into_the_text() {
        let text = "«Bonjour», dit-il — re-opening";
        for w in words(text) {
            assert!(!w.span.slice(text).is_empty());
        }
        assert_eq!(norms(text), vec!["bonjour", "ditil", "reopening"]);
    }

    #[test]
    fn hyphenated_and_solid_forms_agree() {
        assert_eq!(norms("re-opening"), norms("reopening"));
    }

    #[test]
    fn initialisms_with_and_without_dots_agree() {
        assert_eq!(norms("the U.S. side"), norms("the US side"));
        assert_eq!(norms("the U.S. side"), vec!["the", "us", "side"]);
        // The word a matcher cuts out normalises as the tokenizer did (found by fuzzing).
        assert_eq!(normalize_word("U.S."), "us");
        let text = "in the U.N. today";
        let w = words(text);
        assert_eq!(w[2].span.slice(text), "U.N.");
        // A lone initial stays a word of its own.
        assert_eq!(norms("John F. Kennedy"), vec!["john", "f", "kennedy"]);
    }

    #[test]
    fn any_text_gives_spans_on_char_boundaries() {
        let text = "\u{e9}.\u{e9}. \u{1f600}-a U.S.\u{2019}s \u{2026}[x]";
        for w in words(text) {
            assert!(text.get(w.span.start..w.span.end).is_some());
        }
    }
}
