//! Word normalisation shared by the corpus index and quote matching.
//!
//! Two words an editor would treat as the same ("Organised"/"organized",
//! "defence"/"defense", curly and straight apostrophes, "re-opening"/"reopening",
//! "U.S."/"US") normalise to the same string. Both the index and the matcher must use
//! [`words`], so that what one writes the other can find.
//!
//! Pure and total: any text gives words whose spans lie on character boundaries.

use super::span::Span;

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
    merge_initialisms(text, raw_words(text))
}

fn raw_words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let inner_joiner = matches!(c, '\'' | '\u{2019}' | '-' | '\u{2010}' | '\u{2011}')
            && start.is_some()
            && iter.peek().is_some_and(|(_, n)| n.is_alphanumeric());
        if c.is_alphanumeric() || inner_joiner {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(s) = start.take() {
            out.push(word(text, s, i));
        }
    }
    if let Some(s) = start {
        out.push(word(text, s, text.len()));
    }
    out
}

/// Join runs of single letters separated by dots ("U.S.") into one word.
fn merge_initialisms(text: &str, mut raw: Vec<Word>) -> Vec<Word> {
    let single_letter = |w: &Word| {
        let mut cs = w.span.slice(text).chars();
        matches!((cs.next(), cs.next()), (Some(c), None) if c.is_alphabetic())
    };
    let dot_at = |i: usize| text.get(i..).is_some_and(|rest| rest.starts_with('.'));
    let mut out: Vec<Word> = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let mut j = i;
        while j + 1 < raw.len()
            && single_letter(&raw[j])
            && single_letter(&raw[j + 1])
            && raw[j + 1].span.start == raw[j].span.end + 1
            && dot_at(raw[j].span.end)
        {
            j += 1;
        }
        if j > i {
            let mut end = raw[j].span.end;
            if dot_at(end) {
                end += 1;
            }
            let norm: String = raw[i..=j].iter().map(|w| w.norm.as_str()).collect();
            out.push(Word {
                span: Span::new(raw[i].span.start, end),
                norm,
            });
            i = j + 1;
        } else {
            // Moved, not cloned: one allocation per word is the tokenizer's main cost.
            out.push(Word {
                span: raw[i].span,
                norm: std::mem::take(&mut raw[i].norm),
            });
            i += 1;
        }
    }
    out
}

fn word(text: &str, start: usize, end: usize) -> Word {
    let span = Span::new(start, end);
    Word {
        span,
        norm: normalize_word(span.slice(text)),
    }
}

/// Normalise one word: lower case, one apostrophe form, no hyphens, no dots (so a dotted
/// initialism such as "U.S." normalises as [`words`] does), US spelling.
pub fn normalize_word(word: &str) -> String {
    let mut s = String::with_capacity(word.len());
    if word.is_ascii() {
        // The same result as below, without decoding characters (most words are ASCII).
        s.extend(
            word.bytes()
                .filter(|&b| b != b'-' && b != b'.')
                .map(|b| char::from(b.to_ascii_lowercase())),
        );
    } else {
        s.extend(
            word.chars()
                .flat_map(|c| c.to_lowercase())
                .filter(|c| !matches!(c, '-' | '.' | '\u{2010}' | '\u{2011}'))
                .map(|c| match c {
                    '\u{2019}' | '\u{2018}' | '\u{02bc}' => '\'',
                    other => other,
                }),
        );
    }
    if let Some(us) = us_spelling(&s) {
        s = us;
    }
    s
}

/// The US spelling of a British one, for the regular patterns and a few known words.
fn us_spelling(w: &str) -> Option<String> {
    const EXACT: &[(&str, &str)] = &[
        ("defence", "defense"),
        ("offence", "offense"),
        ("licence", "license"),
        ("pretence", "pretense"),
        ("centre", "center"),
        ("centres", "centers"),
        ("theatre", "theater"),
        ("metre", "meter"),
        ("metres", "meters"),
        ("colour", "color"),
        ("favour", "favor"),
        ("favourable", "favorable"),
        ("honour", "honor"),
        ("labour", "labor"),
        ("neighbour", "neighbor"),
        ("neighbours", "neighbors"),
        ("neighbouring", "neighboring"),
        ("behaviour", "behavior"),
        ("programme", "program"),
        ("programmes", "programs"),
        ("travelled", "traveled"),
        ("travelling", "traveling"),
        ("cancelled", "canceled"),
        ("cancelling", "canceling"),
        ("labelled", "labeled"),
        ("modelling", "modeling"),
        ("fulfil", "fulfill"),
        ("enrol", "enroll"),
        ("grey", "gray"),
        ("catalogue", "catalog"),
        ("dialogue", "dialog"),
        ("analyse", "analyze"),
        ("analysed", "analyzed"),
        ("paralyse", "paralyze"),
    ];
    if let Some((_, us)) = EXACT.iter().find(|(uk, _)| *uk == w) {
        return Some((*us).to_string());
    }
    // -ise/-isation words: mapping every one to -ize on both sides is harmless, since
    // the same rule runs on the draft and on the sources.
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
                return Some(format!("{stem}{us}"));
            }
        }
    }
    None
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
