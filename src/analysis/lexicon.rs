//! Word lists for reading names and titles in English news text.
//!
//! Each function takes one word already lowercased with its dots removed ("u.s." is
//! "us", "gen." is "gen") and says what the word can be: a title ("president", "gen"),
//! a portfolio ("defence"), a country or nationality ("russian"), a place, an
//! organisation word, a particle of a personal name ("al", "bin"), a word that starts
//! sentences but never names anyone ("the", "according").
//!
//! The lists are one hash table the compiler builds ([`super::word_table`]): one lookup
//! per word, no allocation, no mutable global state. They are deliberately small and
//! common-case; anything unknown is treated as a possible name, and the callers decide
//! conservatively what to keep.

use super::word_table::{word_map, Entry, Table};

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

    pub(crate) fn is_reporting_verb(self) -> bool {
        self.0.lists & REPORTING_VERB != 0
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
#[allow(dead_code)] // callers that ask several questions use `lookup`
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

/// Reporting and common predicate verbs that follow a speaker's name: a capitalised
/// word followed by one of these is a person even at the start of a sentence
/// ("Mizintsev said").
pub(crate) fn is_reporting_verb(w: &str) -> bool {
    lookup(w).is_reporting_verb()
}

/// Personal pronouns that can name a speaker.
pub(crate) fn is_person_pronoun(w: &str) -> bool {
    lookup(w).is_person_pronoun()
}

/// Plural or neutral pronouns that can name a speaker.
pub(crate) fn is_plural_pronoun(w: &str) -> bool {
    lookup(w).is_plural_pronoun()
}

// The word lists in one table built at compile time ([`super::word_table`]): one
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
const REPORTING_VERB: u32 = 1 << 9;
const NAME_SUFFIX: u32 = 1 << 10;
const PARTY: u32 = 1 << 11;
const TITLE_CONNECTOR: u32 = 1 << 12;
const PERSON_PRONOUN: u32 = 1 << 13;
const PLURAL_PRONOUN: u32 = 1 << 14;

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
    .with_list(REPORTING_VERB_WORDS, REPORTING_VERB)
    .with_list(NAME_SUFFIX_WORDS, NAME_SUFFIX)
    .with_list(PARTY_WORDS, PARTY)
    .with_list(TITLE_CONNECTOR_WORDS, TITLE_CONNECTOR)
    .with_list(PERSON_PRONOUN_WORDS, PERSON_PRONOUN)
    .with_list(PLURAL_PRONOUN_WORDS, PLURAL_PRONOUN)
    .with_map(TITLE_HEADS, 0)
    .with_map(RANK_MODIFIERS, 1)
    .with_map(PORTFOLIOS, 2)
    .with_map(COUNTRIES, 3);

// The word lists, sorted (a test checks the order, which keeps them free of duplicates).

const TITLE_HEADS: &[(&str, &str)] = word_map! {
    "president" | "presidents" | "pres" => "president",
    "minister" | "ministers" => "minister",
    "secretary" | "secretaries" | "sec" | "secy" => "secretary",
    "secretary-general" => "secretary-general",
    "general" | "generals" | "gen" | "gens" => "general",
    "lieutenant" | "lt" => "lieutenant",
    "colonel" | "col" => "colonel",
    "major" | "maj" => "major",
    "captain" | "capt" | "cpt" => "captain",
    "admiral" | "adm" => "admiral",
    "sergeant" | "sgt" => "sergeant",
    "corporal" | "cpl" => "corporal",
    "brigadier" | "brig" => "brigadier",
    "marshal" => "marshal",
    "commander" | "cmdr" | "cdr" => "commander",
    "senator" | "senators" | "sen" | "sens" => "senator",
    "governor" | "governors" | "gov" => "governor",
    "representative" | "rep" | "reps" | "congressman" | "congresswoman" | "congressmen" => "representative",
    "ambassador" | "ambassadors" | "amb" => "ambassador",
    "chancellor" => "chancellor",
    "premier" => "premier",
    "king" => "king",
    "queen" => "queen",
    "prince" => "prince",
    "princess" => "princess",
    "emir" => "emir",
    "sheikh" | "shaikh" => "sheikh",
    "pope" => "pope",
    "cardinal" => "cardinal",
    "archbishop" => "archbishop",
    "bishop" => "bishop",
    "ayatollah" => "ayatollah",
    "judge" => "judge",
    "mayor" => "mayor",
    "chairman" | "chairwoman" | "chairperson" | "chair" => "chair",
    "director" | "directors" => "director",
    "commissioner" => "commissioner",
    "spokesman" | "spokeswoman" | "spokesperson" | "spokesmen" => "spokesperson",
    "envoy" | "envoys" => "envoy",
    "diplomat" | "diplomats" => "diplomat",
    "official" | "officials" => "official",
    "officer" | "officers" => "officer",
    "adviser" | "advisor" | "advisers" | "advisors" => "adviser",
    "aide" => "aide",
    "analyst" | "analysts" => "analyst",
    "expert" | "experts" => "expert",
    "leader" | "leaders" => "leader",
    "chief" => "chief",
    "head" => "head",
    "attorney" => "attorney",
    "prosecutor" => "prosecutor",
    "lawmaker" | "legislator" | "mp" | "mep" => "lawmaker",
    "negotiator" => "negotiator",
    "strongman" => "leader",
    "ceo" => "ceo",
    "founder" => "founder",
    "editor" => "editor",
    "correspondent" => "correspondent",
};

const RANK_MODIFIERS: &[(&str, &str)] = word_map! {
    "deputy" => "deputy",
    "vice" => "vice",
    "prime" => "prime",
    "assistant" => "assistant",
    "under" => "under",
    "acting" | "interim" => "acting",
    "lieutenant" | "lt" => "lieutenant",
    "major" | "maj" => "major",
    "brigadier" | "brig" => "brigadier",
    "rear" => "rear",
    "first" => "first",
    "grand" => "grand",
    "crown" => "crown",
    "supreme" => "supreme",
    "press" => "press",
    "foreign-policy" => "foreign-policy",
};

const PORTFOLIOS: &[(&str, &str)] = word_map! {
    "defense" | "defence" => "defense",
    "foreign" => "foreign",
    "state" => "state",
    "interior" | "home" => "interior",
    "finance" | "treasury" | "exchequer" => "finance",
    "justice" => "justice",
    "health" => "health",
    "education" => "education",
    "energy" => "energy",
    "agriculture" => "agriculture",
    "commerce" => "commerce",
    "labor" | "labour" => "labor",
    "trade" => "trade",
    "economy" | "economic" | "economics" => "economy",
    "transport" | "transportation" => "transport",
    "environment" => "environment",
    "culture" => "culture",
    "industry" => "industry",
    "housing" => "housing",
    "veterans" => "veterans",
    "war" => "war",
    "navy" | "naval" => "navy",
    "intelligence" => "intelligence",
    "information" => "information",
    "communications" => "communications",
    "immigration" => "immigration",
    "homeland" => "homeland",
    "security" => "security",
    "emergency" | "emergencies" => "emergency",
    "oil" => "oil",
};

const COUNTRIES: &[(&str, &str)] = word_map! {
    "us" | "usa" | "american" | "americans" | "america" => "us",
    "russian" | "russians" | "russia" => "russia",
    "soviet" | "ussr" => "soviet",
    "syrian" | "syrians" | "syria" => "syria",
    "turkish" | "turkey" | "turk" | "turks" => "turkey",
    "iranian" | "iran" => "iran",
    "iraqi" | "iraq" => "iraq",
    "israeli" | "israelis" | "israel" => "israel",
    "palestinian" | "palestinians" | "palestine" => "palestine",
    "lebanese" | "lebanon" => "lebanon",
    "jordanian" | "jordan" => "jordan",
    "egyptian" | "egypt" => "egypt",
    "saudi" | "saudis" => "saudi",
    "qatari" | "qatar" => "qatar",
    "emirati" | "uae" => "uae",
    "yemeni" | "yemen" => "yemen",
    "afghan" | "afghanistan" => "afghanistan",
    "pakistani" | "pakistan" => "pakistan",
    "indian" | "india" => "india",
    "chinese" | "china" => "china",
    "japanese" | "japan" => "japan",
    "korean" | "korea" => "korea",
    "british" | "britain" | "uk" | "english" | "england" | "scottish" | "scotland"
    | "welsh" | "wales" => "uk",
    "french" | "france" => "france",
    "german" | "germany" => "germany",
    "italian" | "italy" => "italy",
    "spanish" | "spain" => "spain",
    "portuguese" | "portugal" => "portugal",
    "dutch" | "netherlands" | "holland" => "netherlands",
    "belgian" | "belgium" => "belgium",
    "swiss" | "switzerland" => "switzerland",
    "austrian" | "austria" => "austria",
    "swedish" | "sweden" => "sweden",
    "norwegian" | "norway" => "norway",
    "danish" | "denmark" => "denmark",
    "finnish" | "finland" => "finland",
    "polish" | "poland" => "poland",
    "ukrainian" | "ukrainians" | "ukraine" => "ukraine",
    "belarusian" | "belarus" => "belarus",
    "greek" | "greece" => "greece",
    "hungarian" | "hungary" => "hungary",
    "czech" => "czech",
    "romanian" | "romania" => "romania",
    "bulgarian" | "bulgaria" => "bulgaria",
    "serbian" | "serbia" => "serbia",
    "croatian" | "croatia" => "croatia",
    "irish" | "ireland" => "ireland",
    "canadian" | "canada" => "canada",
    "mexican" | "mexico" => "mexico",
    "brazilian" | "brazil" => "brazil",
    "argentine" | "argentinian" | "argentina" => "argentina",
    "venezuelan" | "venezuela" => "venezuela",
    "colombian" | "colombia" => "colombia",
    "cuban" | "cuba" => "cuba",
    "chilean" | "chile" => "chile",
    "peruvian" | "peru" => "peru",
    "australian" | "australia" => "australia",
    "nigerian" | "nigeria" => "nigeria",
    "kenyan" | "kenya" => "kenya",
    "ethiopian" | "ethiopia" => "ethiopia",
    "libyan" | "libya" => "libya",
    "tunisian" | "tunisia" => "tunisia",
    "algerian" | "algeria" => "algeria",
    "moroccan" | "morocco" => "morocco",
    "sudanese" | "sudan" => "sudan",
    "somali" | "somalia" => "somalia",
    "kurdish" | "kurds" | "kurd" => "kurdish",
    "armenian" | "armenia" => "armenia",
    "georgian" => "georgia",
    "azerbaijani" | "azerbaijan" => "azerbaijan",
    "kazakh" | "kazakhstan" => "kazakhstan",
    "indonesian" | "indonesia" => "indonesia",
    "malaysian" | "malaysia" => "malaysia",
    "thai" | "thailand" => "thailand",
    "vietnamese" | "vietnam" => "vietnam",
    "filipino" | "philippine" | "philippines" => "philippines",
    "taiwanese" | "taiwan" => "taiwan",
    "european" | "europe" | "europeans" => "europe",
    "african" | "africa" => "africa",
    "asian" | "asia" => "asia",
    "arab" | "arabs" | "arabian" => "arab",
    "western" | "westerners" => "west",
    "eastern" => "east",
    "gulf" => "gulf",
};

#[rustfmt::skip]
const NAME_SUFFIX_WORDS: &[&str] = &[
    "jr", "sr", "ii", "iii", "iv", "junior",
];

#[rustfmt::skip]
const PARTY_WORDS: &[&str] = &[
    "democrat", "democrats", "democratic", "republican", "republicans", "gop", "independent", "conservative", "liberal", "tory", "labour-party", "socialist", "communist", "libertarian", "green",
];

#[rustfmt::skip]
const TITLE_CONNECTOR_WORDS: &[&str] = &[
    "of", "to", "the", "and", "for", "at", "in", "&",
];

#[rustfmt::skip]
const PERSON_PRONOUN_WORDS: &[&str] = &[
    "he", "she", "him", "her", "his", "hers", "himself", "herself",
];

#[rustfmt::skip]
const PLURAL_PRONOUN_WORDS: &[&str] = &[
    "they", "them", "their", "it", "we", "i",
];

#[rustfmt::skip]
const STOP_WORDS: &[&str] = &[
    "a", "about", "above", "according", "across", "additional", "advertisement", "after",
    "against", "all", "also", "although", "amid", "among", "an", "analysis", "and", "another",
    "any", "are", "around", "as", "asked", "at", "be", "because", "before", "below", "between",
    "beyond", "both", "breaking", "but", "by", "can", "click", "comment", "contact", "could",
    "dear", "despite", "did", "do", "does", "don't", "down", "during", "each", "editing",
    "editorial", "even", "every", "exclusive", "first", "follow", "for", "former", "from",
    "had", "has", "have", "he", "he's", "her", "here", "him", "his", "how", "however", "i",
    "i'm", "if", "image", "images", "in", "indeed", "instead", "international", "into", "is",
    "it", "it's", "its", "just", "last", "let", "let's", "like", "many", "maybe", "meanwhile",
    "minus", "more", "most", "must", "my", "near", "new", "next", "no", "nor", "not",
    "now", "of", "off", "official", "officials", "oh", "on", "once", "one", "only", "onto",
    "opinion", "or", "original", "other", "otherwise", "our", "out", "over", "per", "perhaps",
    "photo", "photos", "please", "plus", "read", "related", "reporting", "said", "says", "see",
    "share", "she", "she's", "should", "sign", "since", "so", "some", "source", "sources",
    "still", "subscribe", "such", "than", "thank", "thanks", "that", "that's", "the", "their",
    "them", "then", "there", "there's", "therefore", "these", "they", "they're", "this",
    "those", "though", "three", "through", "throughout", "thus", "till", "to", "today", "told",
    "tomorrow", "toward", "towards", "twice", "two", "under", "unless", "unlike", "until", "up",
    "update", "updated", "upon", "us_pronoun", "various", "via", "video", "was", "watch", "we",
    "we're", "well", "were", "what", "when", "where", "whereas", "whether", "which", "while",
    "whilst", "who", "whom", "whose", "why", "will", "with", "within", "without", "would",
    "yes", "yesterday", "yet", "you", "your",
];

#[rustfmt::skip]
const MONTH_OR_DAY_WORDS: &[&str] = &[
    "apr", "april", "aug", "august", "christmas", "dec", "december", "easter", "eid", "feb",
    "february", "fri", "friday", "jan", "january", "jul", "july", "jun", "june", "mar", "march",
    "mon", "monday", "nov", "november", "oct", "october", "ramadan", "sat", "saturday", "sep",
    "sept", "september", "sun", "sunday", "thu", "thur", "thurs", "thursday", "tue", "tues",
    "tuesday", "wed", "wednesday",
];

#[rustfmt::skip]
const HONORIFIC_WORDS: &[&str] = &[
    "dame", "dr", "frau", "herr", "hon", "honorable", "honourable", "lady", "lord", "madam",
    "madame", "miss", "mister", "monsieur", "mr", "mrs", "ms", "mx", "prof", "professor", "rev",
    "reverend", "sir",
];

#[rustfmt::skip]
const PLACE_WORDS: &[&str] = &[
    "afrin", "airport", "aleppo", "amman", "amsterdam", "angeles", "ankara", "arabia", "arctic",
    "arizona", "athens", "atlanta", "atlantic", "avenue", "aviv", "baghdad", "balkans",
    "baltic", "barcelona", "basra", "bay", "beach", "beijing", "beirut", "berlin", "boston",
    "bridge", "brooklyn", "brussels", "cairo", "california", "canberra", "capital", "caucasus",
    "central", "chicago", "city", "coast", "copenhagen", "county", "crimea", "dallas",
    "damascus", "daraa", "deir", "delhi", "denver", "desert", "dhabi", "doha", "donbas",
    "donbass", "douma", "dubai", "dublin", "east", "edinburgh", "emirates", "erbil", "falls",
    "fallujah", "florida", "fort", "francisco", "ft", "gaza", "geneva", "ghouta", "golan",
    "hama", "harbor", "harbour", "heights", "helsinki", "hills", "homs", "hong", "houston",
    "idlib", "iowa", "islamabad", "island", "islands", "istanbul", "jerusalem", "kabul", "kiev",
    "kingdom", "kirkuk", "kobani", "kong", "kyiv", "lake", "lanka", "las", "latakia", "levant",
    "lisbon", "london", "los", "madrid", "manbij", "manchester", "manhattan", "mediterranean",
    "miami", "michigan", "middle", "milan", "minsk", "moscow", "mosul", "mount", "mountains",
    "mt", "munich", "nevada", "north", "northern", "ohio", "oslo", "ottawa", "pacific", "paris",
    "pennsylvania", "port", "province", "pyongyang", "quneitra", "ramadi", "raqqa",
    "region", "republic", "river", "riyadh", "rome", "san", "santa", "sea", "seattle", "seoul",
    "sevastopol", "shanghai", "sinai", "sochi", "south", "southern", "springs", "square", "st",
    "states", "stockholm", "street", "strip", "sydney", "tartus", "tehran", "tel", "texas",
    "tikrit", "tokyo", "toronto", "united", "valley", "venice", "vienna", "virginia", "warsaw",
    "washington", "west", "york", "zealand",
];

#[rustfmt::skip]
const ORG_WORD_WORDS: &[&str] = &[
    "administration", "agency", "airforce", "airlines", "airways", "alliance", "army",
    "assembly", "association", "authority", "bank", "board", "brigade", "brigades",
    "broadcasting", "bulletin", "bundestag", "bureau", "cabinet", "center", "centre", "channel",
    "chronicle", "church", "club", "coalition", "college", "command", "commission", "committee",
    "company", "conference", "congress", "corp", "corporation", "corps", "council", "courier",
    "court", "crescent", "cross", "daily", "department", "duma", "economist", "embassy",
    "enquirer", "entertainment", "examiner", "exchange", "express", "federation", "force",
    "forces", "forum", "foundation", "front", "fund", "gazette", "government", "group", "guard",
    "guardian", "guards", "healthcare", "herald", "holdings", "hospital", "house", "inc",
    "initiative", "inquirer", "institute", "journal", "knesset", "llc", "ltd", "magazine",
    "media", "ministries", "ministry", "mirror", "monitor", "movement", "nations", "navy",
    "network", "news", "observatory", "observer", "office", "organisation", "organization",
    "panthers", "parliament", "partners", "party", "pictures", "plc", "police", "post", "press",
    "program", "programme", "project", "radio", "record", "records", "report", "reserve",
    "resources", "review", "school", "senate", "service", "services", "standard", "star",
    "studios", "telegraph", "television", "times", "tribune", "tv", "union", "university",
    "watch", "wire",
];

#[rustfmt::skip]
const ORG_NAME_WORDS: &[&str] = &[
    "abc", "afp", "aljazeera", "ap", "bbc", "bloomberg", "breitbart", "cbs", "cia", "cnn",
    "congress", "daesh", "duma", "eu", "facebook", "fbi", "fox", "fsa", "fsb", "google", "gru",
    "haaretz", "hamas", "hezbollah", "hizbollah", "hts", "imf", "instagram", "interfax", "isil",
    "isis", "izvestia", "kgb", "knesset", "kommersant", "kremlin", "msnbc", "nato", "nbc",
    "npr", "nsa", "nusra", "opec", "parliament", "pentagon", "pkk", "politico", "reuters",
    "ria", "rt", "sana", "sdf", "senate", "sputnik", "taliban", "tass", "twitter", "un",
    "unhcr", "unicef", "whitehall", "wto", "xinhua", "yonhap", "youtube", "ypg",
];

#[rustfmt::skip]
const PARTICLE_WORDS: &[&str] = &[
    "al", "bin", "bint", "da", "das", "de", "del", "della", "den", "der", "di", "dos", "du",
    "el", "ibn", "la", "le", "ter", "van", "von", "y",
];

#[rustfmt::skip]
const TITLE_FILLER_WORDS: &[&str] = &[
    "affairs", "agency", "air", "armed", "army", "cabinet", "career", "center", "centre",
    "chief", "chiefs", "committee", "council", "current", "department", "designate", "elected",
    "eu", "ex", "federal", "force", "forces", "foreign-affairs", "former", "general-staff",
    "government", "high-ranking", "house", "humanitarian", "incoming", "joint", "junior",
    "kremlin", "local", "longtime", "media", "military", "ministerial", "ministry", "national",
    "nato", "new", "operational", "operations", "opposition", "opposition-held", "outgoing",
    "party", "pentagon", "policy", "political", "presidential", "public", "rebel",
    "reconciliation", "refugee", "refugees", "regional", "relations", "retired", "senior",
    "soviet-era", "special", "staff", "state-run", "then", "top", "top-level", "un", "veteran",
    "white",
];

#[rustfmt::skip]
const REPORTING_VERB_WORDS: &[&str] = &[
    "acknowledged", "acknowledges", "added", "adds", "admits", "admitted", "agreed", "agrees",
    "announced", "announces", "announcing", "argued", "argues", "asked", "asks", "boasted",
    "cautioned", "cautions", "claimed", "claims", "commented", "complained", "complains",
    "conceded", "concedes", "concluded", "confirmed", "confirms", "contended", "continued",
    "continues", "countered", "counters", "criticised", "criticized", "declared", "declares",
    "denied", "denies", "disagreed", "emphasised", "emphasized", "explained", "explains",
    "indicated", "indicates", "insisted", "insists", "joked", "maintained", "noted", "notes",
    "observed", "pledged", "posted", "praised", "praises", "predicted", "predicts", "promised",
    "promises", "quipped", "recalled", "recalls", "reiterated", "reiterates", "remarked",
    "replied", "replies", "responded", "responds", "retorted", "said", "say", "saying", "says",
    "shouted", "speaks", "spoke", "stated", "stressed", "stresses", "suggested", "suggests",
    "telling", "tells", "testified", "testifies", "told", "tweeted", "tweeting", "tweets",
    "urged", "urges", "vowed", "vows", "warned", "warns", "whispered", "writes", "wrote",
];

#[rustfmt::skip]
const THING_WORDS: &[&str] = &[
    "accord", "accords", "act", "acts", "affair", "agreement", "album", "amendment", "award",
    "awards", "book", "bowl", "budget", "caucus", "convention", "crisis", "cup", "day",
    "deal", "debate", "debates", "declaration", "doctrine", "election", "elections", "festival",
    "film", "games", "gate", "goes", "heel", "index", "initiative", "letter", "memo",
    "movie", "olympics", "order", "plan", "poll", "polls", "primaries", "primary", "prize",
    "program", "protocol", "relief", "rule", "rules", "says", "scandal", "series", "show",
    "song", "speech", "study", "summit", "survey", "talks", "tour", "treaty", "trial", "tweet",
    "tweets", "war", "week",
];

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

    #[test]
    fn word_lists_are_sorted() {
        for list in [
            STOP_WORDS,
            MONTH_OR_DAY_WORDS,
            HONORIFIC_WORDS,
            PLACE_WORDS,
            ORG_WORD_WORDS,
            THING_WORDS,
            ORG_NAME_WORDS,
            PARTICLE_WORDS,
            TITLE_FILLER_WORDS,
            REPORTING_VERB_WORDS,
        ] {
            assert!(
                list.windows(2).all(|p| p[0] < p[1]),
                "{:?}",
                list.windows(2).find(|p| p[0] >= p[1])
            );
        }
    }
}
