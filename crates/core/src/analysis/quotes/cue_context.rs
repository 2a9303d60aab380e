//! Whether a word is a reporting cue where it stands: the verb lists are
//! [`crate::analysis::cue`]'s; here the words around it decide ("Trump's remarks" is a
//! noun, a weak cue needs a mention beside it, "according" needs "to"), and how far the
//! cue runs ("told reporters", "said of"). Used by [`crate::analysis::attribution`].

use crate::analysis::cue::{
    cue_strength, is_cue_object, is_cue_particle, is_phrasal_cue, CueStrength,
};
use crate::analysis::cue_tokens::Tok;
use crate::analysis::lower::LowerExt;
use crate::analysis::mention::{is_pronoun, is_skip_word};
use crate::analysis::quote::Cue;
use crate::analysis::span::Span;

/// Verbs whose object is named, not speaking: "called Clinton 'a liar'", "dubbed him".
pub(super) fn names_its_object(verb: &str) -> bool {
    matches!(
        verb,
        "call"
            | "calls"
            | "called"
            | "dub"
            | "dubs"
            | "dubbed"
            | "label"
            | "labels"
            | "labeled"
            | "labelled"
            | "brand"
            | "brands"
            | "branded"
            | "nickname"
            | "nicknamed"
    )
}

pub(super) fn strong_verb(prose: &str, t: &Tok) -> bool {
    cue_strength(t.text(prose)) == Some(CueStrength::Strong)
}

/// Whether the word at `k` is a reporting cue here.
pub(super) fn is_cue_at(prose: &str, toks: &[Tok], k: usize) -> bool {
    // The word itself first: most words are no cue, whatever precedes them.
    cue_word_at(prose, toks, k) && !modifies_a_noun(prose, toks, k)
}

/// "Trump’s remarks", "his proposed plan", "the call", "a flurry of tweets",
/// "late-night tweets": the word before makes the word at `k` a noun, not a verb.
fn modifies_a_noun(prose: &str, toks: &[Tok], k: usize) -> bool {
    let Some(prev) = k.checked_sub(1).map(|p| &toks[p]).filter(|t| t.is_word()) else {
        return false;
    };
    let prev_text = prev.text(prose);
    let lp = prev_text.lower();
    // ("He’s claiming", "it's been saying": a pronoun's 's is "is" or "has".)
    let contraction = matches!(
        lp.trim_end_matches(['\'', '’', 's']),
        "he" | "she" | "it" | "that" | "who" | "there" | "here" | "what" | "where"
    );
    let possessive = !contraction
        && (lp.ends_with("'s") || lp.ends_with("’s") || lp.ends_with("s'") || lp.ends_with("s’"));
    // A lower-case compound ("late-night", "early-morning") modifies a noun.
    let compound_modifier = prev_text.contains('-')
        && !prev_text.starts_with('-')
        && prev_text.chars().all(|c| c.is_lowercase() || c == '-');
    // "the warm welcome", "a snappy retort", "her March comment": a determiner and a
    // modifier before a word that is also a noun.
    let det_modified = k >= 2
        && matches!(
            toks[k].text(prose).lower().as_str(),
            "welcome"
                | "attack"
                | "attacks"
                | "retort"
                | "remark"
                | "remarks"
                | "comment"
                | "comments"
                | "reply"
                | "response"
                | "tweet"
                | "tweets"
                | "warning"
                | "warnings"
                | "quote"
        )
        && toks[k - 2].is_word()
        && {
            let d = toks[k - 2].text(prose).lower();
            super::mention::is_determiner(&d) || d.ends_with("'s") || d.ends_with("’s")
        }
        && (!super::mention::capitalised(prev_text)
            || crate::analysis::lexicon::is_month_or_day(&lp)
            // "a Twitter comment", "the Fox interview": after a determiner and a name,
            // a word without the verb's -s is a noun ("the Times reports" may be a verb).
            || !toks[k].text(prose).ends_with('s'))
        && !super::mention::is_person_noun(&lp)
        && !super::mention::is_title_word(&lp)
        && !is_skip_word(prev_text);
    possessive
        || compound_modifier
        || det_modified
        || matches!(
            lp.as_str(),
            "his"
                | "her"
                | "their"
                | "its"
                | "my"
                | "our"
                | "your"
                | "the"
                | "a"
                | "an"
                | "these"
                | "those"
        )
}

/// Whether the word at `k` reports speech, with the word after it (a phrasal cue,
/// "according to") and, for a weak cue, a mention next to it.
fn cue_word_at(prose: &str, toks: &[Tok], k: usize) -> bool {
    let word = toks[k].text(prose);
    if word.eq_ignore_ascii_case("according") {
        return toks
            .get(k + 1)
            .is_some_and(|t| t.text(prose).eq_ignore_ascii_case("to"));
    }
    if toks
        .get(k + 1)
        .is_some_and(|n| n.is_word() && is_phrasal_cue(word, n.text(prose)))
    {
        return true;
    }
    match cue_strength(word) {
        Some(CueStrength::Strong) => true,
        Some(CueStrength::Weak) => {
            // A weak cue needs a mention right next to it.
            let prev = prev_word(prose, toks, k);
            let next = toks.get(k + 1).filter(|t| t.is_word());
            prev.is_some_and(|p| looks_like_mention_end(p.text(prose)))
                || next.is_some_and(|n| looks_like_mention_start(n.text(prose)))
        }
        None => false,
    }
}

fn prev_word<'t>(prose: &str, toks: &'t [Tok], k: usize) -> Option<&'t Tok> {
    let mut j = k;
    while j > 0 {
        j -= 1;
        let t = &toks[j];
        if !t.is_word() {
            return None;
        }
        if !is_skip_word(t.text(prose)) {
            return Some(t);
        }
    }
    None
}

fn looks_like_mention_end(w: &str) -> bool {
    is_pronoun(w)
        || w.chars().next().is_some_and(char::is_uppercase)
        || crate::analysis::mention::is_person_noun(&w.lower())
}

fn looks_like_mention_start(w: &str) -> bool {
    is_pronoun(w)
        || w.chars().next().is_some_and(char::is_uppercase)
        || matches!(
            w.lower().as_str(),
            "the" | "a" | "an" | "his" | "her" | "their" | "its"
        )
}

/// The cue's span (verb plus particle or object), and the token index after it.
pub(super) fn cue_span(prose: &str, toks: &[Tok], k: usize) -> (Span, usize) {
    let verb = toks[k].text(prose);
    let mut end = k + 1;
    if let Some(next) = toks.get(k + 1).filter(|t| t.is_word()) {
        let n = next.text(prose);
        let tell = verb.lower().starts_with("tel") || verb.eq_ignore_ascii_case("told");
        if is_cue_particle(verb, n) || (tell && is_cue_object(n)) {
            end = k + 2;
        }
    }
    (Span::new(toks[k].span.start, toks[end - 1].span.end), end)
}

pub(super) fn make_cue(prose: &str, span: Span) -> Cue {
    Cue {
        span,
        text: span.slice(prose).to_string(),
    }
}
