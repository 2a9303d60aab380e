//! The word lists behind [`super`]: titles, ranks, portfolios, countries and
//! nationalities, and the lists of words that are (or are never) parts of names. Data
//! only; every question about a word goes through `lexicon`.
//!
//! Each list is sorted (a test checks the order, which keeps them free of duplicates).

use super::table::word_map;

pub(super) const TITLE_HEADS: &[(&str, &str)] = word_map! {
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

pub(super) const RANK_MODIFIERS: &[(&str, &str)] = word_map! {
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

pub(super) const PORTFOLIOS: &[(&str, &str)] = word_map! {
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

pub(super) const COUNTRIES: &[(&str, &str)] = word_map! {
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
pub(super) const NAME_SUFFIX_WORDS: &[&str] = &[
    "jr", "sr", "ii", "iii", "iv", "junior",
];

#[rustfmt::skip]
pub(super) const PARTY_WORDS: &[&str] = &[
    "democrat", "democrats", "democratic", "republican", "republicans", "gop", "independent", "conservative", "liberal", "tory", "labour-party", "socialist", "communist", "libertarian", "green",
];

#[rustfmt::skip]
pub(super) const TITLE_CONNECTOR_WORDS: &[&str] = &[
    "of", "to", "the", "and", "for", "at", "in", "&",
];

#[rustfmt::skip]
pub(super) const PERSON_PRONOUN_WORDS: &[&str] = &[
    "he", "she", "him", "her", "his", "hers", "himself", "herself",
];

#[rustfmt::skip]
pub(super) const PLURAL_PRONOUN_WORDS: &[&str] = &[
    "they", "them", "their", "it", "we", "i",
];

#[rustfmt::skip]
pub(super) const STOP_WORDS: &[&str] = &[
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
pub(super) const MONTH_OR_DAY_WORDS: &[&str] = &[
    "apr", "april", "aug", "august", "christmas", "dec", "december", "easter", "eid", "feb",
    "february", "fri", "friday", "jan", "january", "jul", "july", "jun", "june", "mar", "march",
    "mon", "monday", "nov", "november", "oct", "october", "ramadan", "sat", "saturday", "sep",
    "sept", "september", "sun", "sunday", "thu", "thur", "thurs", "thursday", "tue", "tues",
    "tuesday", "wed", "wednesday",
];

#[rustfmt::skip]
pub(super) const HONORIFIC_WORDS: &[&str] = &[
    "dame", "dr", "frau", "herr", "hon", "honorable", "honourable", "lady", "lord", "madam",
    "madame", "miss", "mister", "monsieur", "mr", "mrs", "ms", "mx", "prof", "professor", "rev",
    "reverend", "sir",
];

#[rustfmt::skip]
pub(super) const PLACE_WORDS: &[&str] = &[
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
pub(super) const ORG_WORD_WORDS: &[&str] = &[
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
pub(super) const ORG_NAME_WORDS: &[&str] = &[
    "abc", "afp", "aljazeera", "ap", "bbc", "bloomberg", "breitbart", "cbs", "cia", "cnn",
    "congress", "daesh", "duma", "eu", "facebook", "fbi", "fox", "fsa", "fsb", "google", "gru",
    "haaretz", "hamas", "hezbollah", "hizbollah", "hts", "imf", "instagram", "interfax", "isil",
    "isis", "izvestia", "kgb", "knesset", "kommersant", "kremlin", "msnbc", "nato", "nbc",
    "npr", "nsa", "nusra", "opec", "parliament", "pentagon", "pkk", "politico", "reuters",
    "ria", "rt", "sana", "sdf", "senate", "sputnik", "taliban", "tass", "twitter", "un",
    "unhcr", "unicef", "whitehall", "wto", "xinhua", "yonhap", "youtube", "ypg",
];

#[rustfmt::skip]
pub(super) const PARTICLE_WORDS: &[&str] = &[
    "al", "bin", "bint", "da", "das", "de", "del", "della", "den", "der", "di", "dos", "du",
    "el", "ibn", "la", "le", "ter", "van", "von", "y",
];

#[rustfmt::skip]
pub(super) const TITLE_FILLER_WORDS: &[&str] = &[
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
pub(super) const THING_WORDS: &[&str] = &[
    "accord", "accords", "act", "acts", "affair", "agreement", "album", "amendment", "award",
    "awards", "book", "bowl", "budget", "caucus", "convention", "crisis", "cup", "day",
    "deal", "debate", "debates", "declaration", "doctrine", "election", "elections", "festival",
    "film", "games", "gate", "goes", "heel", "index", "initiative", "letter", "memo",
    "movie", "olympics", "order", "plan", "poll", "polls", "primaries", "primary", "prize",
    "program", "protocol", "relief", "rule", "rules", "says", "scandal", "series", "show",
    "song", "speech", "study", "summit", "survey", "talks", "tour", "treaty", "trial", "tweet",
    "tweets", "war", "week",
];

/// Abbreviations whose full stop belongs to the word, in a name as in a sentence: titles,
/// ranks, honorifics, months, company suffixes ("Gen.", "Mrs.", "Sept.", "Inc."). Dots
/// are left out ("u.s." is looked up as "us"), so initialisms are not listed: a word with
/// an inner dot keeps its final one anyway.
#[rustfmt::skip]
pub(super) const ABBREVIATION_WORDS: &[&str] = &[
    "adm", "amb", "aug", "brig", "capt", "cmdr", "co", "col", "corp", "cpl", "dec", "det",
    "dr", "feb", "ft", "gen", "gens", "gov", "gov's", "hon", "inc", "insp", "jan", "jr", "lt",
    "ltd", "maj", "messrs", "mr", "mrs", "ms", "mt", "nov", "oct", "pres", "prof", "rep",
    "reps", "rev", "sec", "secy", "sen", "sens", "sept", "sgt", "sr", "st", "supt",
];

/// Abbreviations whose full stop does not end a sentence, but that name reading does not
/// join to a name: states ("Calif.", "R-Ky."), "No.", "vs.", "Ave.".
#[rustfmt::skip]
pub(super) const SENTENCE_ABBREVIATION_WORDS: &[&str] = &[
    "ala", "ariz", "ark", "atty", "ave", "calif", "colo", "conn", "del", "fla", "ga", "ill",
    "ind", "kan", "ky", "mass", "md", "mich", "minn", "miss", "mo", "mont", "neb", "nev", "no",
    "okla", "ore", "pa", "penn", "pvt", "tenn", "tex", "va", "vs", "vt", "wash", "wis", "wyo",
];

#[cfg(test)]
mod tests {
    use super::*;

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
            ABBREVIATION_WORDS,
            SENTENCE_ABBREVIATION_WORDS,
        ] {
            assert!(
                list.windows(2).all(|p| p[0] < p[1]),
                "{:?}",
                list.windows(2).find(|p| p[0] >= p[1])
            );
        }
    }
}
