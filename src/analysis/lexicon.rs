//! Word lists for reading names and titles in English news text.
//!
//! Each function takes one word already lowercased with its dots removed ("u.s." is
//! "us", "gen." is "gen") and says what the word can be: a title ("president", "gen"),
//! a portfolio ("defence"), a country or nationality ("russian"), a place, an
//! organisation word, a particle of a personal name ("al", "bin"), a word that starts
//! sentences but never names anyone ("the", "according").
//!
//! The lists are `match` statements, compiled to comparisons: no allocation, no global
//! state. They are deliberately small and common-case; anything unknown is treated as a
//! possible name, and the callers decide conservatively what to keep.

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

/// Words that are capitalised at the start of a sentence but are never part of a name.
pub(crate) fn is_stop(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "this"
            | "that"
            | "these"
            | "those"
            | "he"
            | "she"
            | "it"
            | "they"
            | "we"
            | "i"
            | "you"
            | "his"
            | "her"
            | "its"
            | "their"
            | "our"
            | "my"
            | "your"
            | "him"
            | "them"
            | "us_pronoun"
            | "in"
            | "on"
            | "at"
            | "for"
            | "from"
            | "with"
            | "by"
            | "to"
            | "of"
            | "and"
            | "but"
            | "or"
            | "nor"
            | "as"
            | "if"
            | "when"
            | "while"
            | "whilst"
            | "after"
            | "before"
            | "since"
            | "although"
            | "though"
            | "because"
            | "according"
            | "under"
            | "over"
            | "there"
            | "here"
            | "what"
            | "who"
            | "whom"
            | "whose"
            | "which"
            | "how"
            | "why"
            | "where"
            | "despite"
            | "during"
            | "meanwhile"
            | "however"
            | "also"
            | "so"
            | "yet"
            | "not"
            | "no"
            | "all"
            | "some"
            | "many"
            | "most"
            | "more"
            | "one"
            | "two"
            | "three"
            | "both"
            | "each"
            | "every"
            | "any"
            | "such"
            | "other"
            | "another"
            | "officials"
            | "official"
            | "said"
            | "says"
            | "told"
            | "asked"
            | "yes"
            | "follow"
            | "read"
            | "click"
            | "sign"
            | "subscribe"
            | "see"
            | "watch"
            | "contact"
            | "share"
            | "like"
            | "related"
            | "photo"
            | "photos"
            | "video"
            | "image"
            | "images"
            | "editing"
            | "reporting"
            | "additional"
            | "original"
            | "advertisement"
            | "source"
            | "sources"
            | "update"
            | "updated"
            | "breaking"
            | "news"
            | "exclusive"
            | "analysis"
            | "opinion"
            | "comment"
            | "editorial"
            | "various"
            | "international"
            | "now"
            | "then"
            | "today"
            | "yesterday"
            | "tomorrow"
            | "last"
            | "next"
            | "first"
            | "new"
            | "former"
            | "only"
            | "even"
            | "still"
            | "just"
            | "instead"
            | "thus"
            | "therefore"
            | "indeed"
            | "perhaps"
            | "maybe"
            | "dear"
            | "oh"
            | "well"
            | "please"
            | "thanks"
            | "thank"
            | "let"
            | "let's"
            | "don't"
            | "it's"
            | "i'm"
            | "we're"
            | "they're"
            | "that's"
            | "there's"
            | "he's"
            | "she's"
            | "is"
            | "are"
            | "was"
            | "were"
            | "be"
            | "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "can"
            | "could"
            | "should"
            | "must"
            | "do"
            | "does"
            | "did"
            | "unlike"
            | "among"
            | "amid"
            | "across"
            | "against"
            | "between"
            | "through"
            | "throughout"
            | "toward"
            | "towards"
            | "upon"
            | "within"
            | "without"
            | "about"
            | "above"
            | "below"
            | "into"
            | "onto"
            | "off"
            | "out"
            | "up"
            | "down"
            | "around"
            | "near"
            | "beyond"
            | "via"
            | "per"
            | "plus"
            | "minus"
            | "than"
            | "once"
            | "twice"
            | "whether"
            | "unless"
            | "until"
            | "till"
            | "whereas"
            | "otherwise"
    )
}

/// Months and days of the week, with their abbreviations ("may" is left out: it is
/// also a surname and a verb, and is only a month before a number).
pub(crate) fn is_month_or_day(w: &str) -> bool {
    matches!(
        w,
        "january"
            | "february"
            | "march"
            | "april"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
            | "jan"
            | "feb"
            | "mar"
            | "apr"
            | "jun"
            | "jul"
            | "aug"
            | "sep"
            | "sept"
            | "oct"
            | "nov"
            | "dec"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "mon"
            | "tue"
            | "tues"
            | "wed"
            | "thu"
            | "thur"
            | "thurs"
            | "fri"
            | "sat"
            | "sun"
            | "christmas"
            | "easter"
            | "ramadan"
            | "eid"
    )
}

/// Forms of address that mark a person but are not a title: "Mr.", "Mrs.", "Dr.".
pub(crate) fn is_honorific(w: &str) -> bool {
    matches!(
        w,
        "mr" | "mrs"
            | "ms"
            | "miss"
            | "mx"
            | "dr"
            | "sir"
            | "dame"
            | "lord"
            | "lady"
            | "prof"
            | "professor"
            | "mister"
            | "madam"
            | "madame"
            | "monsieur"
            | "herr"
            | "frau"
            | "rev"
            | "reverend"
            | "hon"
            | "honorable"
            | "honourable"
    )
}

/// Generational suffixes that follow a surname: "Jr.", "III".
pub(crate) fn is_name_suffix(w: &str) -> bool {
    matches!(w, "jr" | "sr" | "ii" | "iii" | "iv" | "junior")
}

/// The office a title word names, in its canonical singular form: "gen" is "general",
/// "presidents" is "president", "spokeswoman" is "spokesperson".
pub(crate) fn title_head(w: &str) -> Option<&'static str> {
    Some(match w {
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
        "representative" | "rep" | "reps" | "congressman" | "congresswoman" | "congressmen" => {
            "representative"
        }
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
        _ => return None,
    })
}

/// Words that qualify a title's head without being it: "Deputy Foreign Minister",
/// "Vice President", "Lt. Gen.", "Prime Minister", "Acting", "Assistant".
pub(crate) fn rank_modifier(w: &str) -> Option<&'static str> {
    Some(match w {
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
        _ => return None,
    })
}

/// Ministerial portfolios, spelled the US way: "defence" is "defense".
pub(crate) fn portfolio(w: &str) -> Option<&'static str> {
    Some(match w {
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
        _ => return None,
    })
}

/// A country or nationality, as the country it names: "russian" and "russia" are
/// "russia"; "us", "usa", "american", "united-states" are "us".
pub(crate) fn country(w: &str) -> Option<&'static str> {
    Some(match w {
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
        _ => return None,
    })
}

/// Places that are not countries: capitals, big cities, regions. A name made only of
/// these is a place, never a person.
pub(crate) fn is_place(w: &str) -> bool {
    matches!(
        w,
        "moscow"
            | "washington"
            | "helsinki"
            | "damascus"
            | "aleppo"
            | "idlib"
            | "homs"
            | "raqqa"
            | "deir"
            | "amman"
            | "beirut"
            | "baghdad"
            | "tehran"
            | "ankara"
            | "istanbul"
            | "jerusalem"
            | "gaza"
            | "cairo"
            | "riyadh"
            | "doha"
            | "dubai"
            | "kabul"
            | "islamabad"
            | "delhi"
            | "beijing"
            | "shanghai"
            | "tokyo"
            | "seoul"
            | "pyongyang"
            | "london"
            | "paris"
            | "berlin"
            | "rome"
            | "madrid"
            | "brussels"
            | "geneva"
            | "vienna"
            | "kiev"
            | "kyiv"
            | "minsk"
            | "warsaw"
            | "athens"
            | "stockholm"
            | "oslo"
            | "copenhagen"
            | "amsterdam"
            | "lisbon"
            | "dublin"
            | "ottawa"
            | "toronto"
            | "sydney"
            | "canberra"
            | "chicago"
            | "boston"
            | "miami"
            | "houston"
            | "dallas"
            | "atlanta"
            | "seattle"
            | "denver"
            | "california"
            | "texas"
            | "florida"
            | "virginia"
            | "ohio"
            | "michigan"
            | "pennsylvania"
            | "arizona"
            | "nevada"
            | "iowa"
            | "manhattan"
            | "brooklyn"
            | "sochi"
            | "crimea"
            | "donbas"
            | "donbass"
            | "sevastopol"
            | "latakia"
            | "tartus"
            | "golan"
            | "sinai"
            | "balkans"
            | "caucasus"
            | "mediterranean"
            | "atlantic"
            | "pacific"
            | "arctic"
            | "baltic"
            | "levant"
            | "middle"
            | "north"
            | "south"
            | "east"
            | "west"
            | "northern"
            | "southern"
            | "central"
            | "capital"
            | "city"
            | "province"
            | "region"
            | "county"
            | "strip"
            | "heights"
            | "river"
            | "sea"
            | "island"
            | "islands"
            | "valley"
            | "mountains"
            | "desert"
            | "street"
            | "avenue"
            | "square"
            | "united"
            | "states"
            | "kingdom"
            | "emirates"
            | "republic"
            | "york"
            | "angeles"
            | "francisco"
            | "hong"
            | "kong"
            | "aviv"
            | "tel"
            | "dhabi"
            | "lanka"
            | "arabia"
            | "zealand"
            | "venice"
            | "munich"
            | "milan"
            | "barcelona"
            | "manchester"
            | "edinburgh"
            | "mosul"
            | "basra"
            | "tikrit"
            | "fallujah"
            | "ramadi"
            | "kirkuk"
            | "erbil"
            | "afrin"
            | "manbij"
            | "kobani"
            | "hama"
            | "daraa"
            | "ghouta"
            | "douma"
            | "quneitra"
    )
}

/// Words that make a capitalised run an organisation: "Ministry", "Army", "Journal".
pub(crate) fn is_org_word(w: &str) -> bool {
    matches!(
        w,
        "ministry"
            | "ministries"
            | "department"
            | "army"
            | "forces"
            | "force"
            | "union"
            | "nations"
            | "journal"
            | "times"
            | "post"
            | "news"
            | "agency"
            | "council"
            | "party"
            | "committee"
            | "bank"
            | "company"
            | "corporation"
            | "corp"
            | "inc"
            | "ltd"
            | "llc"
            | "plc"
            | "university"
            | "institute"
            | "fund"
            | "organization"
            | "organisation"
            | "association"
            | "federation"
            | "court"
            | "congress"
            | "senate"
            | "parliament"
            | "commission"
            | "office"
            | "bureau"
            | "police"
            | "guard"
            | "guards"
            | "front"
            | "movement"
            | "brigade"
            | "brigades"
            | "network"
            | "tv"
            | "radio"
            | "press"
            | "herald"
            | "tribune"
            | "gazette"
            | "telegraph"
            | "guardian"
            | "observer"
            | "channel"
            | "airlines"
            | "airways"
            | "foundation"
            | "center"
            | "centre"
            | "hospital"
            | "school"
            | "college"
            | "club"
            | "church"
            | "assembly"
            | "cabinet"
            | "government"
            | "administration"
            | "authority"
            | "command"
            | "coalition"
            | "alliance"
            | "embassy"
            | "house"
            | "group"
            | "daily"
            | "monitor"
            | "observatory"
            | "television"
            | "broadcasting"
            | "corps"
            | "navy"
            | "airforce"
            | "duma"
            | "knesset"
            | "bundestag"
            | "watch"
            | "crescent"
            | "cross"
            | "program"
            | "programme"
            | "project"
            | "initiative"
            | "service"
            | "services"
            | "board"
            | "reserve"
            | "exchange"
    )
}

/// Organisations known by one word: "Pentagon", "Kremlin", "UN", "NATO", "AFP".
pub(crate) fn is_org_name(w: &str) -> bool {
    matches!(
        w,
        "pentagon"
            | "kremlin"
            | "un"
            | "eu"
            | "nato"
            | "opec"
            | "afp"
            | "reuters"
            | "ap"
            | "tass"
            | "ria"
            | "interfax"
            | "sana"
            | "bbc"
            | "cnn"
            | "fox"
            | "msnbc"
            | "nbc"
            | "cbs"
            | "abc"
            | "npr"
            | "breitbart"
            | "bloomberg"
            | "politico"
            | "isis"
            | "isil"
            | "daesh"
            | "hamas"
            | "hezbollah"
            | "hizbollah"
            | "taliban"
            | "unhcr"
            | "unicef"
            | "imf"
            | "wto"
            | "fbi"
            | "cia"
            | "nsa"
            | "kgb"
            | "fsb"
            | "gru"
            | "sdf"
            | "ypg"
            | "pkk"
            | "fsa"
            | "hts"
            | "nusra"
            | "aljazeera"
            | "facebook"
            | "twitter"
            | "google"
            | "youtube"
            | "instagram"
            | "whitehall"
            | "congress"
            | "senate"
            | "parliament"
            | "knesset"
            | "duma"
            | "kommersant"
            | "izvestia"
            | "xinhua"
            | "yonhap"
            | "haaretz"
            | "rt"
            | "sputnik"
    )
}

/// Lowercase particles inside personal names: "Bashar al-Assad", "Osama bin Laden",
/// "Ursula von der Leyen".
pub(crate) fn is_particle(w: &str) -> bool {
    matches!(
        w,
        "al" | "el"
            | "bin"
            | "ibn"
            | "bint"
            | "de"
            | "da"
            | "di"
            | "del"
            | "della"
            | "dos"
            | "das"
            | "du"
            | "van"
            | "von"
            | "der"
            | "den"
            | "ter"
            | "le"
            | "la"
            | "y"
    )
}

/// Lowercase words that may sit inside a title before or after a name, besides title
/// heads, rank modifiers, portfolios and countries: "senior ministry official",
/// "a former diplomat to the U.S.".
pub(crate) fn is_title_filler(w: &str) -> bool {
    matches!(
        w,
        "senior"
            | "junior"
            | "former"
            | "ex"
            | "top"
            | "high-ranking"
            | "veteran"
            | "retired"
            | "longtime"
            | "ministry"
            | "ministerial"
            | "military"
            | "army"
            | "air"
            | "force"
            | "forces"
            | "government"
            | "cabinet"
            | "state-run"
            | "federal"
            | "national"
            | "regional"
            | "local"
            | "presidential"
            | "kremlin"
            | "pentagon"
            | "department"
            | "agency"
            | "party"
            | "opposition"
            | "rebel"
            | "opposition-held"
            | "staff"
            | "affairs"
            | "white"
            | "house"
            | "un"
            | "eu"
            | "nato"
            | "special"
            | "political"
            | "policy"
            | "new"
            | "then"
            | "current"
            | "outgoing"
            | "incoming"
            | "elected"
            | "designate"
            | "top-level"
            | "chief"
            | "joint"
            | "chiefs"
            | "armed"
            | "foreign-affairs"
            | "career"
            | "soviet-era"
            | "council"
            | "committee"
            | "humanitarian"
            | "refugee"
            | "refugees"
            | "reconciliation"
            | "center"
            | "centre"
            | "media"
            | "public"
            | "relations"
            | "general-staff"
            | "operations"
            | "operational"
    )
}

/// Connecting words allowed inside a title phrase: "Secretary of State",
/// "diplomat to the U.S.", "Soviet and Russian diplomat".
pub(crate) fn is_title_connector(w: &str) -> bool {
    matches!(w, "of" | "to" | "the" | "and" | "for" | "at" | "in" | "&")
}

/// Reporting and common predicate verbs that follow a speaker's name: a capitalised
/// word followed by one of these is a person even at the start of a sentence
/// ("Mizintsev said").
pub(crate) fn is_reporting_verb(w: &str) -> bool {
    matches!(
        w,
        "said"
            | "says"
            | "say"
            | "told"
            | "tells"
            | "added"
            | "adds"
            | "stated"
            | "confirmed"
            | "confirms"
            | "announced"
            | "announces"
            | "insisted"
            | "insists"
            | "explained"
            | "explains"
            | "noted"
            | "notes"
            | "wrote"
            | "writes"
            | "argued"
            | "argues"
            | "asked"
            | "asks"
            | "replied"
            | "replies"
            | "warned"
            | "warns"
            | "claimed"
            | "claims"
            | "declared"
            | "declares"
            | "stressed"
            | "stresses"
            | "emphasized"
            | "emphasised"
            | "acknowledged"
            | "acknowledges"
            | "admitted"
            | "admits"
            | "denied"
            | "denies"
            | "recalled"
            | "recalls"
            | "tweeted"
            | "tweets"
            | "posted"
            | "responded"
            | "responds"
            | "continued"
            | "continues"
            | "concluded"
            | "observed"
            | "remarked"
            | "commented"
            | "suggested"
            | "suggests"
            | "urged"
            | "urges"
            | "predicted"
            | "predicts"
            | "indicated"
            | "indicates"
            | "reiterated"
            | "reiterates"
            | "conceded"
            | "concedes"
            | "complained"
            | "complains"
            | "boasted"
            | "vowed"
            | "vows"
            | "pledged"
            | "promised"
            | "promises"
            | "testified"
            | "contended"
            | "maintained"
            | "agreed"
            | "agrees"
            | "disagreed"
            | "criticized"
            | "criticised"
            | "praised"
            | "praises"
            | "spoke"
            | "speaks"
            | "testifies"
            | "tweeting"
            | "cautioned"
            | "cautions"
            | "countered"
            | "counters"
            | "retorted"
            | "quipped"
            | "joked"
            | "shouted"
            | "whispered"
            | "announcing"
            | "telling"
            | "saying"
    )
}

/// Personal pronouns that can name a speaker.
pub(crate) fn is_person_pronoun(w: &str) -> bool {
    matches!(
        w,
        "he" | "she" | "him" | "her" | "his" | "hers" | "himself" | "herself"
    )
}

/// Plural or neutral pronouns that can name a speaker.
pub(crate) fn is_plural_pronoun(w: &str) -> bool {
    matches!(w, "they" | "them" | "their" | "it" | "we" | "i")
}

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
