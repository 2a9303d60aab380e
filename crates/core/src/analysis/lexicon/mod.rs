//! Word lists for reading names and titles in English news text.
//!
//! Each function takes one word already lowercased with its dots removed ("u.s." is
//! "us", "gen." is "gen") and says what the word can be: a title ("president", "gen"),
//! a portfolio ("defence"), a country or nationality ("russian"), a place, an
//! organisation word, a particle of a personal name ("al", "bin"), a word that starts
//! sentences but never names anyone ("the", "according").
//!
//! The lists are one hash table the compiler builds ([`table`]): one lookup
//! per word, no allocation, no mutable global state. They are deliberately small and
//! common-case; anything unknown is treated as a possible name, and the callers decide
//! conservatively what to keep.

mod lists;
pub(crate) mod mention_lists;
mod table;

use lists::*;
use table::{Entry, Table};

/// Lowercase `word` into `buf`, dropping dots, when it is short ASCII (every listed word
/// is). Returns `None` for words that cannot be in any list.
pub(crate) fn fold<'b>(word: &str, buf: &'b mut [u8; 40]) -> Option<&'b str> {
    let mut n = 0;
    for &b in word.as_bytes() {
        if b == b'.' {
            continue;
        }
        if !b.is_ascii() || n >= buf.len() {
            return None;
        }
        buf[n] = b.to_ascii_lowercase();
        n += 1;
    }
    std::str::from_utf8(&buf[..n]).ok()
}

/// What the lexicon says about one word, read once ([`lookup`]) and asked many times.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Lex(Entry);

/// Look `w` (lowercased, dots removed, as [`fold`] gives) up in every list at once.
#[inline]
pub(crate) fn lookup(w: &str) -> Lex {
    Lex(LEXICON.get(w))
}

#[allow(dead_code)] // some questions are only asked through the free functions
impl Lex {
    pub(crate) fn is_stop(self) -> bool {
        self.0.lists & STOP != 0
    }

    pub(crate) fn is_month_or_day(self) -> bool {
        self.0.lists & MONTH_OR_DAY != 0
    }

    pub(crate) fn is_honorific(self) -> bool {
        self.0.lists & HONORIFIC != 0
    }

    pub(crate) fn is_name_suffix(self) -> bool {
        self.0.lists & NAME_SUFFIX != 0
    }

    pub(crate) fn title_head(self) -> Option<&'static str> {
        let k = usize::from(self.0.maps[0]);
        TITLE_HEADS.get(k.checked_sub(1)?).map(|p| p.1)
    }

    pub(crate) fn rank_modifier(self) -> Option<&'static str> {
        let k = usize::from(self.0.maps[1]);
        RANK_MODIFIERS.get(k.checked_sub(1)?).map(|p| p.1)
    }

    pub(crate) fn portfolio(self) -> Option<&'static str> {
        let k = usize::from(self.0.maps[2]);
        PORTFOLIOS.get(k.checked_sub(1)?).map(|p| p.1)
    }

    pub(crate) fn country(self) -> Option<&'static str> {
        let k = usize::from(self.0.maps[3]);
        COUNTRIES.get(k.checked_sub(1)?).map(|p| p.1)
    }

    pub(crate) fn is_place(self) -> bool {
        self.0.lists & PLACE != 0
    }

    pub(crate) fn is_org_word(self) -> bool {
        self.0.lists & ORG_WORD != 0
    }

    pub(crate) fn is_thing_word(self) -> bool {
        self.0.lists & THING != 0
    }

    pub(crate) fn is_party(self) -> bool {
        self.0.lists & PARTY != 0
    }

    pub(crate) fn is_org_name(self) -> bool {
        self.0.lists & ORG_NAME != 0
    }

    pub(crate) fn is_particle(self) -> bool {
        self.0.lists & PARTICLE != 0
    }

    pub(crate) fn is_title_filler(self) -> bool {
        self.0.lists & TITLE_FILLER != 0
    }

    pub(crate) fn is_title_connector(self) -> bool {
        self.0.lists & TITLE_CONNECTOR != 0
    }

    pub(crate) fn is_person_pronoun(self) -> bool {
        self.0.lists & PERSON_PRONOUN != 0
    }

    pub(crate) fn is_plural_pronoun(self) -> bool {
        self.0.lists & PLURAL_PRONOUN != 0
    }
}

/// Words that are capitalised at the start of a sentence but are never part of a name.
pub(crate) fn is_stop(w: &str) -> bool {
    lookup(w).is_stop()
}

/// Months and days of the week, with their abbreviations ("may" is left out: it is
/// also a surname and a verb, and is only a month before a number).
#[allow(dead_code)] // callers that ask several questions use `lookup`
pub(crate) fn is_month_or_day(w: &str) -> bool {
    lookup(w).is_month_or_day()
}

/// Forms of address that mark a person but are not a title: "Mr.", "Mrs.", "Dr.".
pub(crate) fn is_honorific(w: &str) -> bool {
    lookup(w).is_honorific()
}

/// Generational suffixes that follow a surname: "Jr.", "III".
pub(crate) fn is_name_suffix(w: &str) -> bool {
    lookup(w).is_name_suffix()
}

/// The office a title word names, in its canonical singular form: "gen" is "general",
/// "presidents" is "president", "spokeswoman" is "spokesperson".
#[allow(dead_code)] // callers that ask several questions use `lookup`
pub(crate) fn title_head(w: &str) -> Option<&'static str> {
    lookup(w).title_head()
}

/// Words that qualify a title's head without being it: "Deputy Foreign Minister",
/// "Vice President", "Lt. Gen.", "Prime Minister", "Acting", "Assistant".
#[allow(dead_code)] // callers that ask several questions use `lookup`
pub(crate) fn rank_modifier(w: &str) -> Option<&'static str> {
    lookup(w).rank_modifier()
}

/// Ministerial portfolios, spelled the US way: "defence" is "defense".
#[allow(dead_code)] // callers that ask several questions use `lookup`
pub(crate) fn portfolio(w: &str) -> Option<&'static str> {
    lookup(w).portfolio()
}

/// A country or nationality, as the country it names: "russian" and "russia" are
/// "russia"; "us", "usa", "american", "united-states" are "us".
#[allow(dead_code)] // callers that ask several questions use `lookup`
pub(crate) fn country(w: &str) -> Option<&'static str> {
    lookup(w).country()
}

/// Places that are not countries: capitals, big cities, regions. A name made only of
/// these is a place, never a person.
#[allow(dead_code)] // callers that ask several questions use `lookup`
pub(crate) fn is_place(w: &str) -> bool {
    lookup(w).is_place()
}

/// Words that make a capitalised run an organisation: "Ministry", "Army", "Journal".
pub(crate) fn is_org_word(w: &str) -> bool {
    lookup(w).is_org_word()
}

/// Words that make a capitalised run a thing, not a person: "Fair Sentencing Act",
/// "Free Trade Agreement", "Obama Speech", "Achilles Heel".
#[allow(dead_code)] // callers that ask several questions use `lookup`
pub(crate) fn is_thing_word(w: &str) -> bool {
    lookup(w).is_thing_word()
}

/// Political parties and their members, which qualify a name without being part of it:
/// "Democrat Hillary Clinton", "Republican Sen. John McCain".
#[allow(dead_code)] // callers that ask several questions use `lookup`
pub(crate) fn is_party(w: &str) -> bool {
    lookup(w).is_party()
}

/// Organisations known by one word: "Pentagon", "Kremlin", "UN", "NATO", "AFP".
pub(crate) fn is_org_name(w: &str) -> bool {
    lookup(w).is_org_name()
}

/// Lowercase particles inside personal names: "Bashar al-Assad", "Osama bin Laden",
/// "Ursula von der Leyen".
pub(crate) fn is_particle(w: &str) -> bool {
    lookup(w).is_particle()
}

/// Lowercase words that may sit inside a title before or after a name, besides title
/// heads, rank modifiers, portfolios and countries: "senior ministry official",
/// "a former diplomat to the U.S.".
#[allow(dead_code)] // callers that ask several questions use `lookup`
pub(crate) fn is_title_filler(w: &str) -> bool {
    lookup(w).is_title_filler()
}

/// Connecting words allowed inside a title phrase: "Secretary of State",
/// "diplomat to the U.S.", "Soviet and Russian diplomat".
pub(crate) fn is_title_connector(w: &str) -> bool {
    lookup(w).is_title_connector()
}

/// Reporting verbs, in every form ([`crate::analysis::cue`] holds them): a capitalised
/// word followed by one is a person even at the start of a sentence ("Mizintsev said"),
/// and a title never runs on into one.
pub(crate) fn is_reporting_verb(w: &str) -> bool {
    crate::analysis::cue::cue_strength(w) == Some(crate::analysis::cue::CueStrength::Strong)
}

/// Personal pronouns that can name a speaker.
pub(crate) fn is_person_pronoun(w: &str) -> bool {
    lookup(w).is_person_pronoun()
}

/// Plural or neutral pronouns that can name a speaker.
pub(crate) fn is_plural_pronoun(w: &str) -> bool {
    lookup(w).is_plural_pronoun()
}

/// Whether a full stop after the word (folded) belongs to it when it is read as part of a
/// name: "Gen.", "Mrs.", "Inc.".
pub(crate) fn is_name_abbreviation(w: &str) -> bool {
    lookup(w).0.lists & ABBREVIATION != 0
}

/// Whether a full stop after the word (folded) does not end the sentence: every
/// abbreviation, states and "No." included.
pub(crate) fn is_abbreviation(w: &str) -> bool {
    lookup(w).0.lists & (ABBREVIATION | SENTENCE_ABBREVIATION) != 0
}

// The word lists in one table built at compile time ([`table`]): one
// hash lookup per word, whatever the list.

const STOP: u32 = 1 << 0;
const MONTH_OR_DAY: u32 = 1 << 1;
const HONORIFIC: u32 = 1 << 2;
const PLACE: u32 = 1 << 3;
const ORG_WORD: u32 = 1 << 4;
const THING: u32 = 1 << 5;
const ORG_NAME: u32 = 1 << 6;
const PARTICLE: u32 = 1 << 7;
const TITLE_FILLER: u32 = 1 << 8;
const NAME_SUFFIX: u32 = 1 << 10;
const PARTY: u32 = 1 << 11;
const TITLE_CONNECTOR: u32 = 1 << 12;
const PERSON_PRONOUN: u32 = 1 << 13;
const PLURAL_PRONOUN: u32 = 1 << 14;
const ABBREVIATION: u32 = 1 << 15;
const SENTENCE_ABBREVIATION: u32 = 1 << 16;

static LEXICON: Table = Table::new()
    .with_list(STOP_WORDS, STOP)
    .with_list(MONTH_OR_DAY_WORDS, MONTH_OR_DAY)
    .with_list(HONORIFIC_WORDS, HONORIFIC)
    .with_list(PLACE_WORDS, PLACE)
    .with_list(ORG_WORD_WORDS, ORG_WORD)
    .with_list(THING_WORDS, THING)
    .with_list(ORG_NAME_WORDS, ORG_NAME)
    .with_list(PARTICLE_WORDS, PARTICLE)
    .with_list(TITLE_FILLER_WORDS, TITLE_FILLER)
    .with_list(NAME_SUFFIX_WORDS, NAME_SUFFIX)
    .with_list(PARTY_WORDS, PARTY)
    .with_list(TITLE_CONNECTOR_WORDS, TITLE_CONNECTOR)
    .with_list(PERSON_PRONOUN_WORDS, PERSON_PRONOUN)
    .with_list(PLURAL_PRONOUN_WORDS, PLURAL_PRONOUN)
    .with_list(ABBREVIATION_WORDS, ABBREVIATION)
    .with_list(SENTENCE_ABBREVIATION_WORDS, SENTENCE_ABBREVIATION)
    .with_map(TITLE_HEADS, 0)
    .with_map(RANK_MODIFIERS, 1)
    .with_map(PORTFOLIOS, 2)
    .with_map(COUNTRIES, 3);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_drops_dots_and_case() {
        let mut buf = [0u8; 40];
        assert_eq!(fold("U.S.", &mut buf), Some("us"));
        assert_eq!(fold("Gen.", &mut buf), Some("gen"));
        assert_eq!(fold("Mizíntsev", &mut buf), None);
        assert_eq!(fold(&"a".repeat(60), &mut buf), None);
    }

    #[test]
    fn word_classes() {
        assert_eq!(title_head("gen"), Some("general"));
        assert_eq!(portfolio("defence"), Some("defense"));
        assert_eq!(country("russian"), Some("russia"));
        assert_eq!(country("us"), Some("us"));
        assert!(is_org_word("ministry"));
        assert!(is_org_name("pentagon"));
        assert!(is_month_or_day("friday"));
        assert!(!is_month_or_day("may"));
        assert!(is_particle("al"));
    }
}
