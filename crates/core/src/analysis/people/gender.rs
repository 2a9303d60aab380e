//! Grammatical gender of people, as English news text shows it: so that "she said" is
//! never given to a man named just before, nor "Mrs. Clinton" to Bill Clinton.
//!
//! Evidence, strongest first: an honorific ("Mr.", "Mrs.", "Ms."), a gendered title
//! ("congresswoman", "chairman"), a common given name ("Hillary", "Bill"), and the
//! gendered pronouns the text has already used for the person. Anything else is
//! unknown, and unknown agrees with everything.
//!
//! The given-name lists are ours: short, common-case, and limited to names that are
//! given overwhelmingly to one sex in English-language news. Names used for both
//! ("Jordan", "Alex", "Robin", "Kelly", "Dana") are deliberately left out.

use crate::analysis::lexicon::fold;

/// A person's grammatical gender.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Gender {
    Male,
    Female,
}

impl Gender {
    /// Whether a person of gender `a` may be referred to as `b` (unknown fits all).
    pub fn agrees(a: Option<Gender>, b: Option<Gender>) -> bool {
        match (a, b) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        }
    }
}

/// The gender a pronoun refers to: "he", "him", "his", "himself" and the feminine ones.
pub fn of_pronoun(word: &str) -> Option<Gender> {
    let mut buf = [0u8; 40];
    match fold(word, &mut buf)? {
        "he" | "him" | "his" | "himself" => Some(Gender::Male),
        "she" | "her" | "hers" | "herself" => Some(Gender::Female),
        _ => None,
    }
}

/// The gender an honorific gives: "Mr." male; "Mrs.", "Ms.", "Miss", "Madam" female.
pub fn of_honorific(word: &str) -> Option<Gender> {
    let mut buf = [0u8; 40];
    match fold(word, &mut buf)? {
        "mr" | "sir" | "lord" | "mister" => Some(Gender::Male),
        "mrs" | "ms" | "miss" | "madam" | "madame" | "dame" | "lady" => Some(Gender::Female),
        _ => None,
    }
}

/// The gender a title or a word for a person gives: "congresswoman", "chairman",
/// "spokeswoman", "actress", "father", "widow".
pub fn of_title_word(word: &str) -> Option<Gender> {
    let mut buf = [0u8; 40];
    let w = fold(word, &mut buf)?;
    if let Some(stem) = w.strip_suffix("woman") {
        // "congresswoman", "spokeswoman", "chairwoman", "businesswoman".
        return (!stem.is_empty()).then_some(Gender::Female);
    }
    if let Some(stem) = w.strip_suffix("man") {
        // "congressman", "chairman", "spokesman"; not "woman" alone, "human" or "german".
        return matches!(
            stem,
            "congress"
                | "chair"
                | "spokes"
                | "business"
                | "council"
                | "alder"
                | "assembly"
                | "committee"
                | "country"
                | "fresh"
                | "front"
                | "anchor"
                | "states"
                | "gentle"
                | "middle"
                | "police"
                | "sales"
                | "news"
                | "weather"
        )
        .then_some(Gender::Male);
    }
    match w {
        "king" | "prince" | "duke" | "emperor" | "father" | "son" | "brother" | "husband"
        | "uncle" | "nephew" | "grandfather" | "widower" | "boyfriend" | "actor" | "monk"
        | "priest" | "rabbi" | "pope" | "sheikh" | "ayatollah" | "cardinal" | "archbishop" => {
            Some(Gender::Male)
        }
        "queen" | "princess" | "duchess" | "empress" | "mother" | "daughter" | "sister"
        | "wife" | "aunt" | "niece" | "grandmother" | "widow" | "girlfriend" | "actress"
        | "nun" | "heiress" | "hostess" | "waitress" => Some(Gender::Female),
        _ => None,
    }
}

/// The gender a given name is overwhelmingly given to, when it is one of the common
/// ones listed ("Bill" male, "Hillary" female).
pub fn of_given_name(word: &str) -> Option<Gender> {
    let mut buf = [0u8; 40];
    let w = fold(word, &mut buf)?;
    if MALE_NAMES.binary_search(&w).is_ok() {
        Some(Gender::Male)
    } else if FEMALE_NAMES.binary_search(&w).is_ok() {
        Some(Gender::Female)
    } else {
        None
    }
}

/// The gender a name as written gives ("Mrs. Clinton", "Hillary Clinton",
/// "Congresswoman Maxine Waters"): the first word that tells, honorifics and titles
/// before given names.
pub fn of_name(text: &str) -> Option<Gender> {
    let words = || {
        text.split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty())
    };
    if let Some(g) = words().find_map(|w| of_honorific(w).or_else(|| of_title_word(w))) {
        return Some(g);
    }
    // The given name is the first capitalised word that is not a title or an initial;
    // only it is asked ("Chris Christie" is not read from "Christie").
    let given = words().find(|w| {
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        let mut buf = [0u8; 40];
        letters > 1
            && w.chars().next().is_some_and(char::is_uppercase)
            && fold(w, &mut buf).is_some_and(|f| crate::analysis::lexicon::title_head(f).is_none())
    })?;
    of_given_name(given)
}

/// Common given names of men, sorted (binary searched).
const MALE_NAMES: &[&str] = &[
    "abraham",
    "adam",
    "alan",
    "albert",
    "alexander",
    "andrew",
    "anthony",
    "antonin",
    "arnold",
    "barack",
    "ben",
    "benjamin",
    "bernie",
    "bill",
    "bob",
    "bobby",
    "boris",
    "brad",
    "brian",
    "bruce",
    "carl",
    "charles",
    "charlie",
    "chris",
    "christopher",
    "chuck",
    "colin",
    "cory",
    "dan",
    "daniel",
    "darrell",
    "dave",
    "david",
    "dennis",
    "dick",
    "don",
    "donald",
    "doug",
    "douglas",
    "edward",
    "eric",
    "frank",
    "fred",
    "gary",
    "george",
    "gerald",
    "gregory",
    "harold",
    "harry",
    "henry",
    "howard",
    "ian",
    "jack",
    "jake",
    "james",
    "jared",
    "jason",
    "jeb",
    "jeff",
    "jeffrey",
    "jerry",
    "jim",
    "jimmy",
    "joe",
    "john",
    "johnny",
    "jon",
    "jonathan",
    "joseph",
    "josh",
    "joshua",
    "justin",
    "keith",
    "ken",
    "kenneth",
    "kevin",
    "larry",
    "lindsey",
    "louis",
    "marco",
    "mark",
    "martin",
    "matt",
    "matthew",
    "michael",
    "mike",
    "mitch",
    "mitt",
    "newt",
    "nicholas",
    "paul",
    "peter",
    "phil",
    "philip",
    "ralph",
    "rand",
    "raymond",
    "reince",
    "richard",
    "rick",
    "robert",
    "roger",
    "ron",
    "ronald",
    "rudolph",
    "rudy",
    "russell",
    "ryan",
    "sam",
    "samuel",
    "scott",
    "sean",
    "stephen",
    "steve",
    "steven",
    "ted",
    "thomas",
    "tim",
    "timothy",
    "tom",
    "tony",
    "vladimir",
    "walter",
    "william",
];

/// Common given names of women, sorted (binary searched).
const FEMALE_NAMES: &[&str] = &[
    "abigail",
    "alice",
    "amanda",
    "amy",
    "angela",
    "ann",
    "anna",
    "anne",
    "barbara",
    "betsy",
    "betty",
    "carly",
    "carol",
    "caroline",
    "catherine",
    "chelsea",
    "christine",
    "claire",
    "cynthia",
    "debbie",
    "deborah",
    "diane",
    "donna",
    "dorothy",
    "elizabeth",
    "ellen",
    "emily",
    "emma",
    "hillary",
    "hope",
    "huma",
    "ivanka",
    "jane",
    "janet",
    "jennifer",
    "jessica",
    "jill",
    "joan",
    "joni",
    "julia",
    "julie",
    "karen",
    "kate",
    "katherine",
    "kathleen",
    "kathy",
    "kellyanne",
    "laura",
    "linda",
    "lisa",
    "loretta",
    "lori",
    "madeleine",
    "margaret",
    "maria",
    "marie",
    "martha",
    "mary",
    "maxine",
    "megyn",
    "melania",
    "melissa",
    "michelle",
    "nancy",
    "nicole",
    "nikki",
    "patricia",
    "rachel",
    "rebecca",
    "sarah",
    "sharon",
    "sheila",
    "stephanie",
    "susan",
    "susana",
    "theresa",
    "valerie",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_lists_are_sorted_for_binary_search() {
        assert!(MALE_NAMES.windows(2).all(|w| w[0] < w[1]));
        assert!(FEMALE_NAMES.windows(2).all(|w| w[0] < w[1]));
        assert!(MALE_NAMES.iter().all(|n| !FEMALE_NAMES.contains(n)));
    }

    #[test]
    fn names_titles_and_honorifics_tell_gender() {
        assert_eq!(of_name("Mrs. Clinton"), Some(Gender::Female));
        assert_eq!(of_name("Mr. Clinton"), Some(Gender::Male));
        assert_eq!(of_name("Hillary Clinton"), Some(Gender::Female));
        assert_eq!(of_name("Bill Clinton"), Some(Gender::Male));
        assert_eq!(of_name("Congresswoman Maxine Waters"), Some(Gender::Female));
        assert_eq!(of_name("Sen. Chris Christie"), Some(Gender::Male));
        assert_eq!(of_name("Christie"), None);
        assert_eq!(of_name("Dana Ortiz"), None);
        assert_eq!(of_name("the committee chairman"), Some(Gender::Male));
        assert_eq!(of_title_word("woman"), None);
        assert_eq!(of_title_word("German"), None);
        assert_eq!(of_pronoun("She"), Some(Gender::Female));
        assert_eq!(of_pronoun("they"), None);
    }
}
