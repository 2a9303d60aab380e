//! People in the seed articles, and the invented people who replace them.
//!
//! The PolNeAR annotations mark who says what (`Source` spans). From those spans we take
//! the names of people ("Donald Trump", "Mr. Lou"); in every generated article each such
//! surname, and the first name written before it, is swapped for an invented name chosen
//! by the article's seed, so that the same quote appears under different speakers and the
//! index sees many distinct people instead of the same few hundred.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::rng::{hash_str, Rng};

/// Titles and descriptions that come before a name in a source span; never part of it.
const TITLE_WORDS: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "dr",
    "sen",
    "senator",
    "rep",
    "representative",
    "gov",
    "governor",
    "president",
    "secretary",
    "spokeswoman",
    "spokesman",
    "spokesperson",
    "former",
    "democratic",
    "republican",
    "gen",
    "general",
    "attorney",
    "judge",
    "justice",
    "chairman",
    "chairwoman",
    "speaker",
    "leader",
    "majority",
    "minority",
    "vice",
    "mayor",
    "candidate",
    "presidential",
    "press",
    "sheriff",
    "officer",
    "chief",
    "director",
    "professor",
    "prof",
    "rev",
    "pope",
    "king",
    "prince",
    "queen",
    "minister",
    "prime",
    "ambassador",
    "commissioner",
    "lt",
    "col",
    "capt",
    "sgt",
    "adm",
    "the",
    "a",
    "an",
    "but",
    "and",
    "when",
    "after",
    "then",
    "as",
    "sources",
    "officials",
    "host",
    "anchor",
    "author",
    "adviser",
    "advisor",
    "aide",
    "strategist",
    "gop",
    "democrat",
    "democrats",
    "republicans",
    "state",
    "u",
    "s",
    "federal",
    "deputy",
    "senior",
    "pastor",
    "father",
    "sister",
    "brother",
    "son",
    "daughter",
    "wife",
    "husband",
    "first",
    "lady",
    "congressman",
    "congresswoman",
    "assemblyman",
    "councilman",
    "councilwoman",
    "analyst",
    "pollster",
    "manager",
    "campaign",
    "founder",
    "ceo",
    "executive",
    "lawyer",
    "reporter",
    "columnist",
    "editor",
    "economist",
    "activist",
    "candidates",
    "independent",
    "us",
];

/// Words that make a capitalised run an organisation or place, not a person.
const ORG_WORDS: &[&str] = &[
    "house",
    "party",
    "committee",
    "department",
    "administration",
    "times",
    "post",
    "news",
    "journal",
    "council",
    "court",
    "senate",
    "congress",
    "university",
    "institute",
    "center",
    "foundation",
    "association",
    "union",
    "agency",
    "office",
    "service",
    "bureau",
    "network",
    "group",
    "company",
    "corp",
    "inc",
    "club",
    "force",
    "army",
    "police",
    "patrol",
    "states",
    "america",
    "american",
    "americans",
    "street",
    "fox",
    "cnn",
    "county",
    "city",
    "york",
    "washington",
    "iowa",
    "hampshire",
    "carolina",
    "texas",
    "florida",
    "security",
    "national",
    "international",
    "republic",
    "church",
    "school",
    "college",
    "board",
    "commission",
    "fund",
    "project",
    "center",
    "centre",
    "media",
    "press",
    "books",
    "watch",
    "policy",
    "research",
    "coalition",
    "alliance",
    "council",
    "ministry",
    "assembly",
    "parliament",
    "caucus",
    "conference",
    "magazine",
    "review",
    "daily",
    "weekly",
    "today",
    "tribune",
    "herald",
    "globe",
    "wall",
    "pac",
    "action",
    "forward",
    "movement",
    "initiative",
];

/// Capitalised words that begin place and organisation names.
const NOT_NAMES: &[&str] = &[
    "united", "new", "north", "south", "west", "east", "great", "supreme", "white", "grand", "old",
    "young", "big", "little", "saint", "san", "los", "las", "fort", "mount", "lake", "planned",
    "black", "lives", "matter", "tea", "wall", "main", "silicon", "middle",
];

/// The people found in the annotations: surnames, and the first names seen before them.
#[derive(Default, Debug)]
pub struct People {
    pub surnames: HashSet<String>,
    pub first_names: HashSet<String>,
}

impl People {
    /// Read every `.ann` file in `dir` (unreadable files are skipped: names are only a
    /// source of variety, not of correctness).
    pub fn from_annotations(dir: &Path) -> People {
        let mut people = People::default();
        let Ok(entries) = std::fs::read_dir(dir) else {
            return people;
        };
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
        paths.sort();
        for path in paths {
            if path.extension().and_then(|e| e.to_str()) != Some("ann") {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            for line in text.lines() {
                let mut fields = line.split('\t');
                let (Some(_id), Some(kind), Some(span_text)) =
                    (fields.next(), fields.next(), fields.next())
                else {
                    continue;
                };
                if kind.starts_with("Source ") {
                    people.add_span(span_text);
                }
            }
        }
        people
    }

    fn add_span(&mut self, span: &str) {
        let mut run: Vec<String> = Vec::new();
        let mut after_title = false;
        let flush = |run: &mut Vec<String>, after_title: bool, people: &mut People| {
            let org = run
                .iter()
                .any(|w| ORG_WORDS.contains(&w.to_lowercase().as_str()));
            if !org && (run.len() >= 2 && run.len() <= 3 || run.len() == 1 && after_title) {
                if let Some(last) = run.last() {
                    people.surnames.insert(last.clone());
                }
                if run.len() >= 2 {
                    people.first_names.insert(run[0].clone());
                }
            }
            run.clear();
        };
        for raw in span.split_whitespace() {
            let word = strip_possessive(raw.trim_matches(|c: char| !c.is_alphanumeric()));
            let lower = word.to_lowercase();
            if TITLE_WORDS.contains(&lower.trim_end_matches('.')) {
                flush(&mut run, after_title, self);
                after_title = matches!(
                    lower.as_str(),
                    "mr" | "mrs" | "ms" | "dr" | "sen" | "rep" | "gov" | "gen" | "president"
                );
                continue;
            }
            if looks_like_name(word) {
                run.push(word.to_string());
            } else {
                flush(&mut run, after_title, self);
                after_title = false;
            }
        }
        flush(&mut run, after_title, self);
    }
}

impl People {
    /// Forget candidates that the articles mostly write in lower case ("Poll",
    /// "Partnership", "United"): they are words that began a span, not names.
    pub fn keep_proper_names<'a>(&mut self, texts: impl Iterator<Item = &'a str>) {
        let mut capital: HashMap<String, usize> = HashMap::new();
        let mut lower: HashMap<String, usize> = HashMap::new();
        for text in texts {
            for w in text.split(|c: char| !(c.is_alphabetic() || c == '\'' || c == '\u{2019}')) {
                let w = strip_possessive(w);
                if w.chars().next().is_some_and(char::is_uppercase) {
                    if self.surnames.contains(w) || self.first_names.contains(w) {
                        *capital.entry(w.to_string()).or_default() += 1;
                    }
                } else if !w.is_empty() {
                    *lower.entry(w.to_string()).or_default() += 1;
                }
            }
        }
        let proper = |name: &String| {
            let caps = capital.get(name).copied().unwrap_or(0);
            let low = lower.get(&name.to_lowercase()).copied().unwrap_or(0);
            caps >= 2 && low * 10 <= caps && !NOT_NAMES.contains(&name.to_lowercase().as_str())
        };
        self.surnames.retain(proper);
        self.first_names.retain(proper);
    }
}

/// `Trump's` -> `Trump`, `O’Malley’s` -> `O’Malley`.
pub fn strip_possessive(word: &str) -> &str {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("\u{2019}s"))
        .unwrap_or(word)
}

/// A capital letter followed by at least one lower-case letter, letters, apostrophes
/// and hyphens only ("O’Malley" yes, "U.S." and "FBI" no).
pub fn looks_like_name(word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    first.is_uppercase()
        && word.chars().any(|c| c.is_lowercase())
        && word
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '\'' | '\u{2019}' | '-'))
}

const ONSETS: &[&str] = &[
    "b", "br", "c", "ch", "d", "dr", "f", "g", "gr", "h", "j", "k", "kr", "l", "m", "n", "p", "r",
    "s", "sh", "st", "t", "tr", "v", "w", "z",
];
const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "ai", "ea", "io", "y"];
const CODAS: &[&str] = &[
    "", "", "n", "r", "l", "s", "th", "m", "k", "nd", "rt", "ss", "x",
];

fn syllables(rng: &mut Rng, count: usize) -> String {
    let mut s = String::new();
    for _ in 0..count {
        s.push_str(rng.pick(ONSETS).copied().unwrap_or("b"));
        s.push_str(rng.pick(VOWELS).copied().unwrap_or("a"));
        s.push_str(rng.pick(CODAS).copied().unwrap_or(""));
    }
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => s,
    }
}

/// The invented surname that replaces `original` in generated article `article`.
pub fn invented_surname(seed: u64, article: u64, original: &str) -> String {
    let mut rng = Rng::derive(seed, &[1, article, hash_str(original)]);
    let n = 2 + rng.below(2);
    syllables(&mut rng, n)
}

/// The invented first name that replaces `original` (before a swapped surname).
pub fn invented_first_name(seed: u64, article: u64, original: &str) -> String {
    // First names repeat across articles far more than surnames do, as in life: they are
    // keyed by a small bucket of the article number, not the article itself.
    let mut rng = Rng::derive(seed, &[2, article % 97, hash_str(original)]);
    syllables(&mut rng, 2)
}
