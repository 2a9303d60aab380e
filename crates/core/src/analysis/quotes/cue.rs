//! Reporting cues: the verbs and phrases that attribute words to someone ("said",
//! "told", "according to", "insisted", "tweeted", ...), in every tense.
//!
//! The lexicon is built once from base verbs with their inflections; lookups are by
//! lower-case word. This module knows words only: where a cue sits relative to a
//! quote is [`crate::analysis::attribution`]'s business.

use crate::analysis::lower::LowerExt;
use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

/// How reliably a word is a reporting verb.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CueStrength {
    /// Almost always reports speech: "said", "told", "added", "insisted".
    Strong,
    /// Often reports speech but also has other senses ("called", "noted", "claims",
    /// "believes"): accepted only next to a speaker mention.
    Weak,
}

/// Regular verbs: base form, all inflections derived by rule.
const STRONG_REGULAR: &[&str] = &[
    "add",
    "insist",
    "explain",
    "argue",
    "reply",
    "respond",
    "declare",
    "announce",
    "assert",
    "acknowledge",
    "admit",
    "warn",
    "complain",
    "recall",
    "remark",
    "concede",
    "confirm",
    "deny",
    "emphasize",
    "emphasise",
    "stress",
    "predict",
    "vow",
    "pledge",
    "boast",
    "quip",
    "exclaim",
    "urge",
    "tweet",
    "retweet",
    "testify",
    "recount",
    "contend",
    "retort",
    "conclude",
    "allege",
    "lament",
    "muse",
    "inquire",
    "enquire",
    "advise",
    "caution",
    "reveal",
    "disclose",
    "reiterate",
    "proclaim",
    "brag",
    "gush",
    "scoff",
    "chide",
    "opine",
    "mutter",
    "murmur",
    "whisper",
    "shout",
    "yell",
    "scream",
    "snap",
    "sigh",
    "interject",
    "interrupt",
    "elaborate",
    "clarify",
    "surmise",
    "posit",
    "theorize",
    "theorise",
    "speculate",
    "wonder",
    "joke",
    "quote",
    "rebut",
    "counter",
];

/// Regular verbs with other common senses.
const WEAK_REGULAR: &[&str] = &[
    "claim",
    "state",
    "note",
    "ask",
    "answer",
    "continue",
    "suggest",
    "describe",
    "call",
    "comment",
    "observe",
    "point",
    "promise",
    "laugh",
    "cry",
    "demand",
    "post",
    "report",
    "maintain",
    "charge",
    "accuse",
    "blast",
    "slam",
    "criticize",
    "criticise",
    "praise",
    "mock",
    "question",
    "agree",
    "disagree",
    "indicate",
    "mention",
    "repeat",
    "believe",
    "hope",
    "fear",
    "estimate",
    "pronounce",
    "signal",
    "recognize",
    "recognise",
    "insinuate",
    "imply",
    "propose",
    "recommend",
    "add",
    "label",
    "dub",
    "term",
    "decry",
    "denounce",
    "condemn",
    "applaud",
    "hail",
    "welcome",
    "thank",
    "attack",
    "defend",
    "tout",
    "insult",
    "appeal",
    "plead",
    "beg",
    "order",
    "command",
    "concur",
    "guarantee",
    "assure",
    "reassure",
    "remind",
    "inform",
    "notify",
    "announce",
    "pray",
    "quiz",
    "press",
    "challenge",
    "conclude",
    "figure",
    "reckon",
    "worry",
    "calculate",
    "assume",
    "expect",
    "acknowledge",
    "explain",
    "stress",
    "underline",
    "underscore",
    "highlight",
    "emphasize",
    "reason",
    "add",
    "wrap",
    "bark",
    "beam",
    "fume",
    "exhort",
    "riff",
    "react",
    "chant",
    "gloat",
    "grumble",
];

/// Irregular verbs: every form spelled out.
const STRONG_IRREGULAR: &[&str] = &[
    "say", "says", "said", "saying", "tell", "tells", "told", "telling", "write", "writes",
    "wrote", "written", "writing",
];

const WEAK_IRREGULAR: &[&str] = &[
    "think",
    "thinks",
    "thought",
    "thinking",
    "feel",
    "feels",
    "felt",
    "feeling",
    "speak",
    "speaks",
    "spoke",
    "spoken",
    "begin",
    "begins",
    "began",
    "put",
    "puts",
    "swear",
    "swears",
    "swore",
    "sworn",
    "forecast",
    "forecasts",
    "foresee",
    "foresees",
    "foresaw",
    "know",
    "knows",
    "knew",
    "hold",
    "holds",
    "held",
    "read",
    "reads",
    "sing",
    "sang",
    "sings",
];

/// Verbs whose final consonant doubles before -ed/-ing.
const DOUBLING: &[&str] = &["quip", "admit", "snap", "brag", "dub", "rebut", "plan"];

fn lexicon() -> &'static HashMap<String, CueStrength> {
    static LEX: OnceLock<HashMap<String, CueStrength>> = OnceLock::new();
    LEX.get_or_init(|| {
        let mut map = HashMap::default();
        for base in WEAK_REGULAR {
            for f in inflect(base) {
                map.insert(f, CueStrength::Weak);
            }
        }
        for w in WEAK_IRREGULAR {
            map.insert((*w).to_string(), CueStrength::Weak);
        }
        // Strong entries win over weak ones.
        for base in STRONG_REGULAR {
            for f in inflect(base) {
                map.insert(f, CueStrength::Strong);
            }
        }
        for w in STRONG_IRREGULAR {
            map.insert((*w).to_string(), CueStrength::Strong);
        }
        // Senses that would cause too many false cues as a bare word.
        for w in [
            "state", "states", "point", "points", "post", "order", "press", "report",
        ] {
            map.remove(w);
        }
        map
    })
}

/// Base form, third person, past and -ing forms of a regular verb.
fn inflect(base: &str) -> Vec<String> {
    let mut out = vec![base.to_string()];
    let last = base.chars().last().unwrap_or(' ');
    let before_last = base.chars().rev().nth(1).unwrap_or(' ');
    let is_vowel = |c: char| "aeiou".contains(c);
    // -s
    if base.ends_with('s') || base.ends_with("sh") || base.ends_with("ch") || base.ends_with('x') {
        out.push(format!("{base}es"));
    } else if last == 'y' && !is_vowel(before_last) {
        out.push(format!("{}ies", &base[..base.len() - 1]));
    } else {
        out.push(format!("{base}s"));
    }
    // -ed / -ing
    if DOUBLING.contains(&base) {
        out.push(format!("{base}{last}ed"));
        out.push(format!("{base}{last}ing"));
    } else if last == 'e' {
        out.push(format!("{base}d"));
        out.push(format!("{}ing", &base[..base.len() - 1]));
    } else if last == 'y' && !is_vowel(before_last) {
        out.push(format!("{}ied", &base[..base.len() - 1]));
        out.push(format!("{base}ing"));
    } else {
        out.push(format!("{base}ed"));
        out.push(format!("{base}ing"));
    }
    out
}

/// Whether `word` is a reporting verb, and how reliably. Case-insensitive.
pub fn cue_strength(word: &str) -> Option<CueStrength> {
    if word.len() > 20 {
        return None;
    }
    let lower = word.lower();
    lexicon().get(lower.as_str()).copied()
}

/// Particles that belong to a cue when they follow it ("pointed out", "went on",
/// "according to").
pub fn is_cue_particle(verb: &str, next: &str) -> bool {
    let v = verb.lower();
    let n = next.lower();
    (v.starts_with("point") && n == "out")
        || (v.starts_with("according") && n == "to")
        || ((v.starts_with("went") || v.starts_with("go")) && n == "on")
        || (v.starts_with("add") && n == "that")
        || is_phrasal_cue(verb, next)
}

/// Verb and particle that report speech together though the verb alone does not:
/// "he went on", "Bozell points out", "Bennett shot back", "she chimed in".
pub fn is_phrasal_cue(verb: &str, next: &str) -> bool {
    // The particle first: the verb is lowered only after one.
    let verbs: &[&str] = match next.lower().as_str() {
        "on" => &["went", "goes", "go", "going"],
        "out" => &["point", "points", "pointed", "pointing"],
        "back" => &[
            "shot", "shoots", "fired", "fires", "hit", "hits", "wrote", "writes",
        ],
        "in" => &["chimed", "chimes", "weighed", "weighs"],
        _ => return false,
    };
    verbs.contains(&verb.lower().as_str())
}

/// Objects that belong to a "told"-type cue ("told reporters").
pub fn is_cue_object(word: &str) -> bool {
    matches!(
        word.lower().as_str(),
        "reporters"
            | "journalists"
            | "reporter"
            | "journalist"
            | "lawmakers"
            | "supporters"
            | "audiences"
            | "crowds"
            | "listeners"
            | "viewers"
            | "members"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tenses_of_reporting_verbs_are_cues() {
        for w in [
            "said",
            "says",
            "saying",
            "told",
            "tells",
            "added",
            "adds",
            "insisted",
            "wrote",
            "writes",
            "tweeted",
            "quipped",
            "admitted",
            "denied",
            "replies",
            "testified",
            "Said",
            "SAYS",
            "emphasised",
            "argued",
        ] {
            assert_eq!(cue_strength(w), Some(CueStrength::Strong), "{w}");
        }
        for w in [
            "claimed",
            "noted",
            "asked",
            "suggested",
            "believes",
            "called",
        ] {
            assert_eq!(cue_strength(w), Some(CueStrength::Weak), "{w}");
        }
    }

    #[test]
    fn ordinary_words_are_not_cues() {
        for w in [
            "the",
            "president",
            "state",
            "Syria",
            "sadly",
            "tale",
            "report",
            "",
        ] {
            assert_eq!(cue_strength(w), None, "{w}");
        }
    }
}
