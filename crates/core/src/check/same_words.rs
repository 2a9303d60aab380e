//! Words that are the same though written differently, beyond what normalisation folds:
//! a contraction and its expansion ("we've" and "we have", "don't" and "do not"), a
//! compound with or without its hyphen ("third-grade" and "third grade"), a word broken
//! by a stray quotation mark used as an apostrophe ("Trump‘s" is read as "Trump" and
//! "s"), and the two ways of writing a possessive of a word ending in s ("ISIS’" and
//! "ISIS’s"). One outlet prints one form, another the other: neither is a change of what
//! was said.
//!
//! Works on normalised words ([`crate::analysis::normalize`]: lower case, one apostrophe
//! form `'`, no hyphens). Pure.

/// Stems whose "'s" stands for "is" or "has" (for other words it is a possessive).
const S_IS: &[&str] = &[
    "he", "she", "it", "that", "there", "what", "who", "here", "where", "how", "this",
];

/// The two words a contraction stands for, each possible reading once: "we've" gives
/// `[("we", "have")]`, "it's" gives `[("it", "is"), ("it", "has")]`; none for other words.
pub fn expansions(word: &str) -> Vec<(&str, &'static str)> {
    let Some(apostrophe) = word.rfind('\'') else {
        return Vec::new();
    };
    let (stem, tail) = (&word[..apostrophe], &word[apostrophe + 1..]);
    if stem.is_empty() {
        return Vec::new();
    }
    match tail {
        "t" => {
            // "n't": "don't", "isn't", "can't", "won't".
            let Some(verb) = stem.strip_suffix('n') else {
                return Vec::new();
            };
            let verb: &str = match verb {
                "wo" => "will",
                "ca" => "can",
                "sha" => "shall",
                "" => return Vec::new(),
                v => v,
            };
            vec![(verb, "not")]
        }
        "re" => vec![(stem, "are")],
        "ve" => vec![(stem, "have")],
        "ll" => vec![(stem, "will")],
        "m" if stem == "i" => vec![(stem, "am")],
        "d" => vec![(stem, "would"), (stem, "had")],
        "s" if stem == "let" => vec![(stem, "us")],
        "s" if S_IS.contains(&stem) => vec![(stem, "is"), (stem, "has")],
        _ => Vec::new(),
    }
}

/// Whether the one word `one` is the two words `a` `b` written otherwise: a contraction
/// of them, or them joined (a hyphen or an apostrophe between them being dropped by
/// normalisation or misread by the tokenizer).
pub fn one_is_two(one: &str, a: &str, b: &str) -> bool {
    if one.len() == a.len() + b.len() && one.starts_with(a) && one.ends_with(b) {
        return true;
    }
    if one.len() == a.len() + 1 + b.len()
        && one.starts_with(a)
        && one.ends_with(b)
        && one.as_bytes()[a.len()] == b'\''
    {
        return true;
    }
    one.contains('\'') && expands_to(one, a, b)
}

/// Whether the contraction `one` stands for `a` `b` ([`expansions`] without allocating).
fn expands_to(one: &str, a: &str, b: &str) -> bool {
    let Some(apostrophe) = one.rfind('\'') else {
        return false;
    };
    let (stem, tail) = (&one[..apostrophe], &one[apostrophe + 1..]);
    if stem.is_empty() {
        return false;
    }
    match tail {
        "t" => {
            let Some(verb) = stem.strip_suffix('n') else {
                return false;
            };
            let verb = match verb {
                "wo" => "will",
                "ca" => "can",
                "sha" => "shall",
                "" => return false,
                v => v,
            };
            verb == a && b == "not"
        }
        "re" => stem == a && b == "are",
        "ve" => stem == a && b == "have",
        "ll" => stem == a && b == "will",
        "m" => stem == "i" && a == "i" && b == "am",
        "d" => stem == a && (b == "would" || b == "had"),
        "s" if stem == "let" => a == "let" && b == "us",
        "s" if S_IS.contains(&stem) => stem == a && (b == "is" || b == "has"),
        _ => false,
    }
}

/// Whether two different single words are the same word written otherwise: "can't" and
/// "cannot", "isis" (from "ISIS’") and "isis's".
pub fn one_is_one(x: &str, y: &str) -> bool {
    let possessive = |short: &str, long: &str| {
        short.ends_with('s')
            && long.len() == short.len() + 2
            && long.starts_with(short)
            && long.ends_with("'s")
    };
    let cannot = |a: &str, b: &str| a == "can't" && b == "cannot";
    possessive(x, y) || possessive(y, x) || cannot(x, y) || cannot(y, x)
}

/// Whether [`one_is_two`] or [`one_is_one`] can hold for this word at all: it has an
/// apostrophe, or is "cannot". Lets an aligner skip the test for most word pairs.
pub fn may_contract(word: &str) -> bool {
    word.contains('\'') || word == "cannot"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contractions_are_their_expansions() {
        for (one, a, b) in [
            ("we've", "we", "have"),
            ("don't", "do", "not"),
            ("won't", "will", "not"),
            ("can't", "can", "not"),
            ("i'm", "i", "am"),
            ("it's", "it", "is"),
            ("it's", "it", "has"),
            ("they'd", "they", "would"),
            ("let's", "let", "us"),
            ("shouldn't", "should", "not"),
        ] {
            assert!(one_is_two(one, a, b), "{one} = {a} {b}");
        }
        // A possessive is not "is".
        assert!(!one_is_two("trump's", "trump", "is"));
        assert!(!one_is_two("we've", "we", "are"));
        assert!(!one_is_two("n't", "", "not"));
    }

    #[test]
    fn the_two_readings_of_a_contraction_agree() {
        for one in [
            "we've", "don't", "won't", "can't", "shan't", "i'm", "it's", "they'd", "let's",
            "trump's", "n't", "'s", "you'll", "we're", "o'neill",
        ] {
            for a in [
                "we", "do", "will", "can", "shall", "i", "it", "they", "let", "trump", "you", "o",
            ] {
                for b in [
                    "have", "not", "am", "is", "has", "would", "had", "us", "will", "are", "neill",
                ] {
                    assert_eq!(
                        expands_to(one, a, b),
                        expansions(one).contains(&(a, b)),
                        "{one} = {a} {b}"
                    );
                }
            }
        }
    }

    #[test]
    fn compounds_and_misread_apostrophes_are_their_parts() {
        assert!(one_is_two("thirdgrade", "third", "grade"));
        assert!(one_is_two("trump's", "trump", "s"));
        assert!(one_is_two("cannot", "can", "not"));
        assert!(!one_is_two("thirdgrade", "third", "grader"));
        assert!(!one_is_two("together", "to", "get"));
    }

    #[test]
    fn possessive_styles_and_cannot_agree() {
        assert!(one_is_one("isis", "isis's"));
        assert!(one_is_one("cannot", "can't"));
        assert!(!one_is_one("trump", "trump's"));
        assert!(!one_is_one("law", "laws"));
    }
}
