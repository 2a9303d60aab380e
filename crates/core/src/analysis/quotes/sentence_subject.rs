//! The subject of a sentence: its first noun phrase once connectives ("But",
//! "Still"), introductory phrases ("On Tuesday,", "Speaking in Salem, New Hampshire,")
//! and a dateline ("WASHINGTON —") are passed. Used where a quote's speaker is the
//! subject of the sentence around it rather than of a reporting verb.

use crate::analysis::cue_tokens::Tok;
use crate::analysis::lower::LowerExt;
use crate::analysis::mention::{
    capitalised, is_determiner, is_number, is_pronoun, is_skip_word, is_title_word,
    is_valid_mention, np_forward,
};
use crate::analysis::span::Span;

/// Connectives that may open a sentence before its subject ("But", "Still").
pub(crate) fn is_connective(w: &str) -> bool {
    matches!(
        w.lower().as_str(),
        "but"
            | "and"
            | "so"
            | "yet"
            | "still"
            | "then"
            | "now"
            | "also"
            | "instead"
            | "meanwhile"
            | "however"
            | "indeed"
            | "later"
            | "earlier"
            | "today"
            | "yesterday"
            | "again"
            | "thus"
            | "plus"
            | "or"
            | "separately"
            | "finally"
            | "first"
            | "second"
            | "moreover"
            | "similarly"
            | "likewise"
            | "ultimately"
            | "nonetheless"
            | "nevertheless"
    ) || is_sentence_adverb(w)
}

/// Adverbs that open a sentence and qualify all of it ("Perhaps it is ...", "Ever
/// since ..."): never a name, though capitalised there.
pub(crate) fn is_sentence_adverb(w: &str) -> bool {
    matches!(
        w.lower().as_str(),
        "perhaps"
            | "maybe"
            | "ever"
            | "certainly"
            | "surely"
            | "obviously"
            | "apparently"
            | "unfortunately"
            | "fortunately"
            | "ironically"
            | "arguably"
            | "presumably"
            | "undoubtedly"
            | "admittedly"
    )
}

/// Words that open an introductory phrase ending in a comma ("On Tuesday, ...").
fn is_intro(w: &str) -> bool {
    matches!(
        w.lower().as_str(),
        "in" | "on"
            | "at"
            | "after"
            | "before"
            | "during"
            | "when"
            | "while"
            | "as"
            | "since"
            | "because"
            | "if"
            | "although"
            | "though"
            | "asked"
            | "speaking"
            | "over"
            | "under"
            | "with"
            | "without"
            | "for"
            | "from"
            | "despite"
            | "unlike"
            | "like"
            | "by"
            | "even"
            | "last"
            | "within"
            | "between"
            | "around"
            | "through"
            | "toward"
            | "towards"
            | "across"
            | "throughout"
            | "following"
            | "amid"
            | "among"
            | "once"
            | "until"
            | "upon"
            | "addressing"
            | "responding"
            | "writing"
            | "talking"
            | "back"
            | "to"
            | "of"
            | "according"
            | "referring"
            | "pressed"
            | "reached"
            | "interviewed"
            | "unless"
            | "based"
            | "whether"
    )
}

/// The subject of the sentence whose tokens (from its start) are `toks`: its first
/// noun phrase after connectives and introductory phrases.
pub(crate) fn sentence_subject(prose: &str, toks: &[Tok]) -> Option<Span> {
    let mut j = dateline_end(prose, toks);
    loop {
        while j < toks.len() && !toks[j].is_word() {
            j += 1;
        }
        let t = toks.get(j)?;
        let w = t.text(prose);
        let lw = w.lower();
        let next_is_comma = toks.get(j + 1).is_some_and(|t| t.is_punct(','));
        if is_connective(w)
            || (next_is_comma
                && !is_pronoun(w)
                && j + 2 < toks.len()
                && !looks_like_name_start(prose, toks, j))
        {
            // "But", "Specifically," "Together,".
            j += 1;
            if toks.get(j).is_some_and(|t| t.is_punct(',')) {
                j += 1;
            }
            continue;
        }
        // "Appearing before ...,", "Eight years ago,", "Last month in Aspen,".
        // ("Carly Fiorina", "Kelly Ayotte": a given name in -ly before a surname is no
        // adverb.)
        let given_name = capitalised(w)
            && toks
                .get(j + 1)
                .is_some_and(|n| n.is_word() && capitalised(n.text(prose)));
        let participle_or_adverb =
            lw.len() > 4 && (lw.ends_with("ing") || (lw.ends_with("ly") && !given_name));
        let number = is_number(w)
            || matches!(
                lw.as_str(),
                "two"
                    | "three"
                    | "four"
                    | "five"
                    | "six"
                    | "seven"
                    | "eight"
                    | "nine"
                    | "ten"
                    | "next"
                    | "early"
                    | "late"
                    | "days"
                    | "hours"
                    | "moments"
                    | "minutes"
                    | "weeks"
                    | "months"
                    | "years"
            );
        if (is_intro(w) || participle_or_adverb || number) && !is_pronoun(w) {
            let comma = toks[j..].iter().take(24).position(|t| t.is_punct(','))?;
            j += comma + 1;
            // "In Aspen, Colo., the ...": a state after the place.
            if toks.get(j + 1).is_some_and(|t| t.is_punct(','))
                && toks.get(j).is_some_and(|t| t.text(prose).ends_with('.'))
            {
                j += 2;
            }
            j = past_intro_tail(prose, toks, j);
            continue;
        }
        break;
    }
    let (first, last) = np_forward(prose, toks, j)?;
    let span = Span::new(toks[first].span.start, toks[last].span.end);
    is_valid_mention(prose, &toks[first..=last]).then_some(span)
}

/// After an introductory phrase and its comma, what still belongs to it: a state after
/// its town ("Speaking in Salem, New Hampshire, Trump ...") or a relative clause on its
/// last noun ("Speaking in New Hampshire, which votes next, Bush ..."). Returns the
/// index of the first token after them.
fn past_intro_tail(prose: &str, toks: &[Tok], mut j: usize) -> usize {
    for _ in 0..3 {
        let Some(comma) = toks[j.min(toks.len())..]
            .iter()
            .take(24)
            .position(|t| t.is_punct(','))
            .map(|c| j + c)
        else {
            return j;
        };
        let run = &toks[j..comma];
        let Some(first) = run.first().filter(|t| t.is_word()) else {
            return j;
        };
        let fw = first.text(prose).lower();
        let relative = matches!(fw.as_str(), "which" | "where" | "whose");
        let state = (1..=3).contains(&run.len())
            && run
                .iter()
                .all(|t| t.is_word() && capitalised(t.text(prose)))
            && crate::analysis::office::is_us_state(
                &run.iter()
                    .map(|t| t.text(prose))
                    .collect::<Vec<_>>()
                    .join(" "),
            );
        if !(relative || state) || comma + 1 >= toks.len() {
            return j;
        }
        j = comma + 1;
    }
    j
}

/// Where a dateline that opens `toks` ends ("WASHINGTON —", "NEW YORK (AP) —",
/// "PHILADELPHIA, July 25 (UPI) —"): the index of the first token after its dash, or 0
/// when there is none. A dateline is a place in capitals, perhaps a date and an agency,
/// then a dash; it never names a speaker.
pub(crate) fn dateline_end(prose: &str, toks: &[Tok]) -> usize {
    let mut j = 0;
    let mut place_words = 0;
    while let Some(t) = toks.get(j).filter(|t| t.is_word()) {
        let w = t.text(prose);
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        if letters < 2 || w.chars().any(char::is_lowercase) {
            break;
        }
        place_words += 1;
        j += 1;
    }
    if place_words == 0 {
        return 0;
    }
    // ", July 25", ", Calif.", "(AP)", "(UPI)": at most a few tokens before the dash.
    let limit = (j + 8).min(toks.len());
    let mut depth = 0usize;
    while j < limit {
        let t = &toks[j];
        if t.is_punct('(') {
            depth += 1;
        } else if t.is_punct(')') {
            depth = depth.saturating_sub(1);
        } else if depth == 0 && (t.is_punct('—') || t.is_punct('–') || t.is_punct('-')) {
            let mut end = j + 1;
            while toks.get(end).is_some_and(|t| t.is_punct('-')) {
                end += 1;
            }
            return end;
        } else if t.ends_sentence(prose) && !t.is_punct('.') {
            return 0;
        }
        j += 1;
    }
    0
}

/// Whether the capitalised word at `j` starts a name followed by an apposition
/// ("Coan, Santilli's attorney,"): a name, not an introductory adverb.
fn looks_like_name_start(prose: &str, toks: &[Tok], j: usize) -> bool {
    let w = toks[j].text(prose);
    let lw = w.lower();
    if !capitalised(w) || lw.ends_with("ly") || lw.ends_with("ing") || lw.ends_with("ed") {
        return false;
    }
    // After the comma comes a description ("Santilli's attorney", "a former ...") or a
    // title: then the word before was a name.
    // "Hunter, meanwhile, told ...": a one-word aside between commas.
    if toks.get(j + 3).is_some_and(|t| t.is_punct(','))
        && toks.get(j + 2).is_some_and(|t| {
            let n = t.text(prose);
            t.is_word() && !capitalised(n) && (is_skip_word(n) || is_connective(n))
        })
    {
        return true;
    }
    toks.get(j + 2).is_some_and(|t| {
        let n = t.text(prose);
        matches!(n, "who" | "whose")
            || is_determiner(n)
            || n.ends_with("'s")
            || n.ends_with("’s")
            || is_title_word(&n.lower())
            || is_number(n)
    })
}
