//! Word normalisation shared by the corpus index and quote matching.
//!
//! Two words an editor would treat as the same ("Organised"/"organized",
//! "defence"/"defense", curly and straight apostrophes) normalise to the same string.
//! Both the index and the matcher must use [`words`], so that what one writes the other
//! can find.

use super::span::Span;

/// A word of the text with its normalised form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    pub span: Span,
    pub norm: String,
}

/// The words of `text`, each with its byte span and normalised form.
///
/// A word is a run of letters, digits and inner apostrophes or hyphens.
pub fn words(text: &str) -> Vec<Word> {
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

fn word(text: &str, start: usize, end: usize) -> Word {
    let span = Span::new(start, end);
    Word {
        span,
        norm: normalize_word(span.slice(text)),
    }
}

/// Normalise one word: lower case, one apostrophe and hyphen form, US spelling.
pub fn normalize_word(word: &str) -> String {
    let mut s: String = word
        .chars()
        .flat_map(|c| c.to_lowercase())
        .map(|c| match c {
            '\u{2019}' | '\u{2018}' => '\'',
            '\u{2010}' | '\u{2011}' => '-',
            other => other,
        })
        .collect();
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
        assert_eq!(norms("Russian Defence Ministry"), norms("Russian Defense Ministry"));
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
        assert_eq!(norms(text), vec!["bonjour", "dit-il", "re-opening"]);
    }
}
