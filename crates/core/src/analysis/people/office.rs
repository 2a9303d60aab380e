//! Titles and roles: "Defense Secretary" and "Secretary of Defense" are one office,
//! "Gen." is "General", "Defence" is "Defense".
//!
//! A title is read into an [`Office`]: its head ("minister", "general", "official"), the
//! rank words that qualify the head ("deputy", "vice", "lieutenant"), the portfolio
//! ("defense", "foreign", "state"), the countries it names ("Russian", "U.S."), and any
//! other describing words ("senior", "former", "ministry"). Comparisons work on offices,
//! never on the words as written.
//!
//! Three questions are answered here: [`normalize_title`] (a canonical string, equal for
//! equivalent wordings), [`same_office`], and [`conflicts`] (the two titles clearly name
//! different offices). `conflicts` decides the `title-mismatch` finding, so it says
//! `true` only when an editor would agree without hesitation; a vaguer or partial form of
//! a title ("minister" for "Defense Minister") never conflicts.
//!
//! Pure string functions: no IO, no allocation beyond the result, no panics.

use crate::analysis::lexicon;

/// A title read into its parts. All words are lowercase, US spelling, abbreviations
/// expanded.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Office {
    /// The office itself: "minister", "secretary", "general", "official", "diplomat".
    pub head: Option<&'static str>,
    /// Words that make the head a different office: "deputy", "vice", "prime",
    /// "lieutenant".
    pub ranks: Vec<&'static str>,
    /// The ministerial portfolio: "defense", "foreign", "state".
    pub portfolio: Option<&'static str>,
    /// Countries and nationalities named, as countries ("russia", "us"), sorted.
    pub countries: Vec<&'static str>,
    /// Every other significant word, in order ("senior", "former", "ministry").
    pub descriptors: Vec<String>,
}

impl Office {
    /// Read a title as written: "Russian Defense Minister", "Secretary of State",
    /// "Gen.", "a former Soviet and Russian diplomat to the U.S.".
    pub fn parse(title: &str) -> Office {
        let words = title_words(title);
        let mut office = Office::default();
        // The preposition that introduced the current words ("Secretary *of* State",
        // "diplomat *to* the U.S.", "Secretary of State *for* Defence").
        let mut prep: Option<&str> = None;
        let mut i = 0;
        while i < words.len() {
            let w = words[i].as_str();
            let next = words.get(i + 1).map(String::as_str);
            i += 1;
            if matches!(w, "a" | "an" | "the" | "and" | "&" | "his" | "her" | "its") {
                continue;
            }
            if matches!(w, "of" | "for" | "to" | "at" | "in" | "on" | "with") {
                prep = Some(w);
                continue;
            }
            // Compound heads written as two words.
            if let Some(compound) = next.and_then(|n| compound_head(w, n)) {
                i += 1;
                set_head(&mut office, compound, prep);
                continue;
            }
            let lex = lexicon::lookup(w);
            if let Some(c) = lex.country() {
                if !office.countries.contains(&c) {
                    office.countries.push(c);
                }
                continue;
            }
            if let Some(p) = lex.portfolio() {
                // "Secretary of State for Defence": the "for" names the portfolio.
                if office.portfolio.is_none() || prep == Some("for") {
                    office.portfolio = Some(p);
                }
                continue;
            }
            if let Some(r) = lex.rank_modifier() {
                // A rank word is a modifier when a head follows it ("Lt. Gen.",
                // "Deputy Minister"); alone it may be a head ("Major", "Lieutenant").
                let head_follows = words[i..].iter().any(|n| {
                    let n = lexicon::lookup(n);
                    n.title_head().is_some() || n.rank_modifier().is_some()
                });
                if head_follows || lex.title_head().is_none() {
                    if !office.ranks.contains(&r) {
                        office.ranks.push(r);
                    }
                    continue;
                }
            }
            if let Some(h) = lex.title_head() {
                set_head(&mut office, h, prep);
                continue;
            }
            let word = match w {
                "ex" => "former".to_string(),
                other => crate::analysis::normalize::normalize_word(other),
            };
            if !word.is_empty() && !office.descriptors.contains(&word) {
                office.descriptors.push(word);
            }
        }
        office.countries.sort_unstable();
        office
    }

    /// The canonical string: countries, describing words, ranks, portfolio, head.
    pub fn normalized(&self) -> String {
        let mut parts: Vec<&str> = Vec::new();
        parts.extend(self.countries.iter().copied());
        parts.extend(self.descriptors.iter().map(String::as_str));
        parts.extend(self.ranks.iter().copied());
        parts.extend(self.portfolio);
        parts.extend(self.head);
        parts.join(" ")
    }

    /// Whether the title says this is no longer the person's office ("former").
    fn is_former(&self) -> bool {
        self.descriptors
            .iter()
            .any(|d| matches!(d.as_str(), "former" | "then" | "outgoing" | "retired"))
    }

    /// The portfolio as the office it names: a U.S. "Secretary of State" is the foreign
    /// minister; a "Prime Minister" heads the cabinet.
    fn effective_portfolio(&self) -> Option<&'static str> {
        if self.ranks.contains(&"prime") {
            return Some("prime");
        }
        match self.portfolio {
            Some("state") if self.head == Some("secretary") => {
                if self.countries.iter().all(|c| *c == "us") {
                    Some("foreign")
                } else {
                    Some("state")
                }
            }
            other => other,
        }
    }
}

/// The words of a title, lowercased with dots removed ("U.S." is "us", "Gen." is
/// "gen").
fn title_words(title: &str) -> Vec<String> {
    title
        .split(|c: char| {
            !(c.is_alphanumeric() || c == '.' || c == '-' || c == '\'' || c == '\u{2019}')
        })
        // Trimming dots too gives what trimming after removing the dots gives.
        .map(|w| w.trim_matches(|c| matches!(c, '-' | '\'' | '\u{2019}' | '.')))
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut s = String::with_capacity(w.len());
            for c in w.chars().filter(|c| *c != '.') {
                if c.is_ascii() {
                    s.push(c.to_ascii_lowercase());
                } else {
                    s.extend(c.to_lowercase());
                }
            }
            s
        })
        .collect()
}

/// Heads written as two words: "Secretary General", "Attorney General".
fn compound_head(first: &str, second: &str) -> Option<&'static str> {
    Some(match (first, second) {
        ("secretary", "general") => "secretary-general",
        ("attorney", "general") | ("attorney", "gen") => "attorney-general",
        ("surgeon", "general") => "surgeon-general",
        ("inspector", "general") => "inspector-general",
        ("solicitor", "general") => "solicitor-general",
        ("director", "general") => "director-general",
        ("chief", "executive") => "ceo",
        ("foreign", "secretary") => return None,
        _ => return None,
    })
}

fn set_head(office: &mut Office, head: &'static str, prep: Option<&str>) {
    // After a preposition a title word describes someone else: "adviser to the
    // president". Keep it as a describing word.
    if prep.is_some() && office.head.is_some() {
        let word = head.to_string();
        if !office.descriptors.contains(&word) {
            office.descriptors.push(word);
        }
        return;
    }
    // "chief" and "head" give way to a more specific head that follows ("chief
    // negotiator").
    office.head = Some(head);
}

/// The canonical form of a title: equal for titles an editor treats as the same office.
///
/// "Defense Secretary", "Secretary of Defense" and "defence secretary" all give
/// "defense secretary"; "Gen." and "General" give "general"; "Russian Defense Minister"
/// gives "russia defense minister". Articles are dropped.
pub fn normalize_title(title: &str) -> String {
    Office::parse(title).normalized()
}

/// Whether two titles name the same office.
///
/// Equal canonical forms are the same office; so are two titles that differ only in the
/// countries one of them leaves out ("President" and "Russian President") or in
/// describing words like "senior" or "former".
pub fn same_office(a: &str, b: &str) -> bool {
    let (x, y) = (Office::parse(a), Office::parse(b));
    if x.normalized() == y.normalized() {
        return true;
    }
    if x.head.is_none() || x.head != y.head || x.ranks != y.ranks {
        return false;
    }
    if x.effective_portfolio() != y.effective_portfolio() {
        return false;
    }
    if !states_agree(&x, &y) {
        return false;
    }
    x.countries.is_empty() || y.countries.is_empty() || countries_overlap(&x, &y)
}

/// Whether a title and a description ("the general", "the Russian leader", "the
/// secretary") can name the same person: the description's head is the title's, or a
/// generic word for it.
pub fn describes(description: &str, title: &str) -> bool {
    let (d, t) = (Office::parse(description), Office::parse(title));
    let (Some(dh), Some(th)) = (d.head, t.head) else {
        return false;
    };
    let head_fits = dh == th
        || (dh == "leader"
            && matches!(
                th,
                "president" | "chancellor" | "premier" | "king" | "queen" | "emir" | "leader"
            ))
        || (dh == "leader" && t.ranks.contains(&"prime"))
        || (dh == "official" && matches!(th, "spokesperson" | "officer" | "official"));
    head_fits && !offices_conflict(&d, &t)
}

/// Whether two titles clearly name different offices.
///
/// True only when both are specific and disagree: "Foreign Minister" and "Defense
/// Minister"; "Secretary of State" and "Secretary of Defense"; "Colonel" and "General";
/// "President" and "Vice President"; "Russian President" and "U.S. President". False
/// when one is a vaguer or partial form of the other ("minister" and "Defense
/// Minister", "President" and "Russian President", "senior ministry official" and "a
/// senior Russian defence ministry official"), when they are different kinds of role a
/// person can hold at once ("General" and "Defense Secretary"), and when either says
/// "former".
pub fn conflicts(a: &str, b: &str) -> bool {
    offices_conflict(&Office::parse(a), &Office::parse(b))
}

/// [`conflicts`] of two titles already read.
fn offices_conflict(x: &Office, y: &Office) -> bool {
    if x.is_former() || y.is_former() {
        return false;
    }
    // Public offices one person does not hold at once: a governor is not a senator, a
    // mayor not an ambassador; the same office of two states is two offices.
    if let (Some(p), Some(q)) = (public_office(x), public_office(y)) {
        if p != q && !held_together(&p, &q) {
            return true;
        }
        if p == q && !states_agree(x, y) {
            return true;
        }
    }
    let (Some(xh), Some(yh)) = (x.head, y.head) else {
        return false;
    };
    // Cabinet offices: both name a portfolio, and the portfolios differ.
    if is_cabinet(xh) && is_cabinet(yh) {
        if let (Some(p), Some(q)) = (x.effective_portfolio(), y.effective_portfolio()) {
            if p != q {
                return true;
            }
        }
    }
    // Military ranks: "Colonel" and "General" differ; "Major" and "Major General" do
    // not (one is part of the other).
    if is_military_rank(xh) && is_military_rank(yh) && xh != yh {
        let x_in_y = y.ranks.contains(&xh);
        let y_in_x = x.ranks.contains(&yh);
        if !x_in_y && !y_in_x {
            return true;
        }
    }
    if xh == yh {
        // "President" and "Vice President": the rank makes it another office.
        let distinct = ["vice", "deputy", "prime"];
        for r in distinct {
            if x.ranks.contains(&r) != y.ranks.contains(&r) && (xh == "president") {
                return true;
            }
        }
        // The same office in two countries that cannot be the same.
        if !x.countries.is_empty() && !y.countries.is_empty() && !countries_overlap(x, y) {
            return true;
        }
    }
    false
}

/// The public office a title names, when it names one precisely enough to contradict
/// another: "governor", "senator", "representative", "speaker", "mayor", "ambassador",
/// "attorney-general", "ceo", and a secretary with a portfolio ("secretary defense").
/// Presidents are left out: they are titled by the offices they held before. `None` for vaguer or provisional titles ("Secretary",
/// "Deputy Secretary of State", "nominee", "candidate", "acting governor").
fn public_office(o: &Office) -> Option<String> {
    if o.descriptors.iter().any(|d| {
        matches!(
            d.as_str(),
            "candidate"
                | "candidates"
                | "nominee"
                | "hopeful"
                | "elect"
                | "acting"
                | "interim"
                | "incoming"
                | "future"
                | "presumptive"
                | "possible"
                | "potential"
        )
    }) {
        return None;
    }
    let Some(head) = o.head else {
        // "House Speaker", "Speaker of the House": a word the title lexicon leaves to
        // descriptions.
        return (o.ranks.is_empty() && o.descriptors.iter().any(|d| d == "speaker"))
            .then(|| "speaker".to_string());
    };
    if o.ranks.iter().any(|r| *r != "vice") {
        return None;
    }
    let vice = !o.ranks.is_empty();
    match head {
        // A president is titled by earlier offices all the time ("Gov. Bill Clinton",
        // "Sen. Obama"): never contradicted by them.
        "governor" | "senator" | "representative" | "mayor" | "ambassador" | "attorney-general"
        | "ceo"
            if !vice =>
        {
            Some(head.to_string())
        }
        "secretary" if !vice => o.effective_portfolio().map(|p| format!("secretary {p}")),
        _ => None,
    }
}

/// Offices one person holds at once: the Speaker sits in the House.
fn held_together(a: &str, b: &str) -> bool {
    let pair = |x: &str, y: &str| (a == x && b == y) || (a == y && b == x);
    pair("speaker", "representative")
}

/// US states and territories, lower case, as title words give them.
const STATES: &[&str] = &[
    "alabama",
    "alaska",
    "arizona",
    "arkansas",
    "california",
    "colorado",
    "connecticut",
    "delaware",
    "florida",
    "georgia",
    "hawaii",
    "idaho",
    "illinois",
    "indiana",
    "iowa",
    "kansas",
    "kentucky",
    "louisiana",
    "maine",
    "maryland",
    "massachusetts",
    "michigan",
    "minnesota",
    "mississippi",
    "missouri",
    "montana",
    "nebraska",
    "nevada",
    "new hampshire",
    "new jersey",
    "new mexico",
    "new york",
    "north carolina",
    "north dakota",
    "ohio",
    "oklahoma",
    "oregon",
    "pennsylvania",
    "rhode island",
    "south carolina",
    "south dakota",
    "tennessee",
    "texas",
    "utah",
    "vermont",
    "virginia",
    "washington",
    "west virginia",
    "wisconsin",
    "wyoming",
    "puerto rico",
    "guam",
];

/// Whether `name` ("New Hampshire", "ohio") is a U.S. state or territory.
pub(crate) fn is_us_state(name: &str) -> bool {
    STATES.iter().any(|s| s.eq_ignore_ascii_case(name))
}

/// The states a title names ("Ohio Gov.", "New Hampshire Sen."), from its describing
/// words.
fn states(o: &Office) -> Vec<&'static str> {
    let words: Vec<&str> = o.descriptors.iter().map(String::as_str).collect();
    let mut out: Vec<&'static str> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let two = words.get(i + 1).map(|n| format!("{} {}", words[i], n));
        if let Some(s) = two
            .as_deref()
            .and_then(|t| STATES.iter().find(|s| **s == t))
        {
            out.push(s);
            i += 2;
            continue;
        }
        if let Some(s) = STATES.iter().find(|s| **s == words[i]) {
            // "West Virginia" was taken whole above; "Virginia" alone is itself.
            out.push(s);
        }
        i += 1;
    }
    out
}

/// False when both titles name a state and they name different ones.
fn states_agree(x: &Office, y: &Office) -> bool {
    let (a, b) = (states(x), states(y));
    a.is_empty() || b.is_empty() || a.iter().any(|s| b.contains(s))
}

fn is_cabinet(head: &str) -> bool {
    matches!(head, "minister" | "secretary")
}

fn is_military_rank(head: &str) -> bool {
    matches!(
        head,
        "general"
            | "colonel"
            | "major"
            | "captain"
            | "lieutenant"
            | "admiral"
            | "sergeant"
            | "corporal"
            | "brigadier"
            | "marshal"
    )
}

/// Whether two offices share a country, counting the Soviet Union as Russia.
fn countries_overlap(x: &Office, y: &Office) -> bool {
    fn canon(c: &&'static str) -> &'static str {
        if *c == "soviet" {
            "russia"
        } else {
            c
        }
    }
    x.countries
        .iter()
        .map(canon)
        .any(|c| y.countries.iter().map(canon).any(|d| d == c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equivalent_wordings_normalise_equal() {
        assert_eq!(normalize_title("Defense Secretary"), "defense secretary");
        assert_eq!(normalize_title("Secretary of Defense"), "defense secretary");
        assert_eq!(normalize_title("defence secretary"), "defense secretary");
        assert_eq!(normalize_title("Gen."), normalize_title("General"));
        assert_eq!(
            normalize_title("Lt. Gen."),
            normalize_title("Lieutenant General")
        );
        assert_eq!(normalize_title("Sen."), "senator");
        assert_eq!(normalize_title("Gov."), "governor");
        assert_eq!(normalize_title("Rep."), "representative");
        assert_eq!(normalize_title("Col."), "colonel");
        assert_eq!(normalize_title("Sec."), "secretary");
        assert_eq!(
            normalize_title("Russian Defence Minister"),
            normalize_title("Russian Defense Minister")
        );
        assert_eq!(
            normalize_title("U.S. President"),
            normalize_title("US President")
        );
        assert_eq!(
            normalize_title("American President"),
            normalize_title("U.S. President")
        );
        assert_eq!(normalize_title("Presidents"), "president");
        assert_eq!(normalize_title("  the President "), "president");
    }

    #[test]
    fn different_offices_normalise_differently() {
        assert_ne!(
            normalize_title("Secretary of State"),
            normalize_title("Secretary of Defense")
        );
        assert_ne!(
            normalize_title("Foreign Minister"),
            normalize_title("Defense Minister")
        );
        assert_ne!(
            normalize_title("Vice President"),
            normalize_title("President")
        );
        assert_ne!(
            normalize_title("Secretary General"),
            normalize_title("Secretary")
        );
    }

    #[test]
    fn same_office_allows_missing_countries_and_spelling() {
        assert!(same_office("Defense Secretary", "Secretary of Defense"));
        assert!(same_office("Gen.", "General"));
        assert!(same_office("President", "Russian President"));
        assert!(same_office("US Secretary of Defense", "Defense Secretary"));
        assert!(same_office("U.S. Secretary of State", "Secretary of State"));
        assert!(same_office("Russian Defence Minister", "Defense Minister"));
        assert!(!same_office("Foreign Minister", "Defense Minister"));
        assert!(!same_office("Russian President", "U.S. President"));
        assert!(!same_office("Vice President", "President"));
        assert!(!same_office("General", "Colonel"));
    }

    #[test]
    fn clear_contradictions_conflict() {
        assert!(conflicts("Foreign Minister", "Defense Minister"));
        assert!(conflicts(
            "Russian Foreign Minister",
            "Russian Defense Minister"
        ));
        assert!(conflicts("Secretary of State", "Secretary of Defense"));
        assert!(conflicts("Defense Secretary", "Secretary of State"));
        assert!(conflicts("Prime Minister", "Foreign Minister"));
        assert!(conflicts("Col.", "Gen."));
        assert!(conflicts("Vice President", "President"));
        assert!(conflicts("Russian President", "U.S. President"));
    }

    #[test]
    fn public_offices_conflict_with_each_other() {
        // "Ohio Gov. Sherrod Brown" where the sources say senator.
        assert!(conflicts("Ohio Gov.", "Sen."));
        assert!(conflicts("Ohio Gov.", "Ohio Sen."));
        assert!(conflicts("Gov.", "Senator"));
        assert!(conflicts("Rep.", "Mayor"));
        assert!(conflicts("Defense Secretary", "Sen."));
        assert!(conflicts("Attorney General", "Gov."));
        assert!(conflicts("Ambassador", "Senator"));
        // Presidents are called by their earlier offices.
        assert!(!conflicts("President", "Gov."));
        assert!(!conflicts("Vice President", "Sen."));
        assert!(conflicts("House Speaker", "Senate Majority Leader Sen."));
        // The same office of two states.
        assert!(conflicts("Ohio Gov.", "Texas Gov."));
        assert!(conflicts("New Hampshire Sen.", "Vermont Sen."));
        assert!(!same_office("Ohio Gov.", "Texas Gov."));
    }

    #[test]
    fn equivalent_or_compatible_offices_agree() {
        assert!(!conflicts("Sen.", "Senator"));
        assert!(!conflicts("Ohio Sen.", "Senator"));
        assert!(!conflicts("Gov.", "Ohio Governor"));
        assert!(same_office("Ohio Gov.", "Governor"));
        assert!(!conflicts("Defense Secretary", "Secretary of Defense"));
        assert!(!conflicts("West Virginia Sen.", "Sen."));
        assert!(!conflicts("West Virginia Sen.", "West Virginia Senator"));
        // The Speaker is a representative.
        assert!(!conflicts("House Speaker", "Rep."));
        // Titles for what someone may become, or was.
        assert!(!conflicts("Republican vice presidential nominee", "Gov."));
        assert!(!conflicts("former Gov.", "Sen."));
        assert!(!conflicts("then-Sen.", "Secretary of State"));
        assert!(!conflicts("acting Mayor", "Rep."));
        // Vague forms name no office precisely.
        assert!(!conflicts("Secretary", "Sen."));
        assert!(!conflicts("Deputy Secretary of State", "Ambassador"));
        assert!(!conflicts("chief", "Gov."));
    }

    #[test]
    fn vaguer_or_partial_forms_do_not_conflict() {
        assert!(!conflicts(
            "senior ministry official",
            "a senior Russian defence ministry official"
        ));
        assert!(!conflicts("President", "Russian President"));
        assert!(!conflicts("minister", "Defense Minister"));
        assert!(!conflicts("Secretary", "Secretary of State"));
        assert!(!conflicts("Defense Secretary", "Secretary of Defense"));
        assert!(!conflicts("Defence Minister", "Defense Minister"));
        assert!(!conflicts("Gen.", "General"));
        assert!(!conflicts("Major", "Major General"));
        assert!(!conflicts("General", "Lieutenant General"));
        // A U.S. Secretary of State is the foreign minister.
        assert!(!conflicts("Secretary of State", "Foreign Minister"));
        // Different kinds of role one person can hold.
        assert!(!conflicts("General", "Secretary of Defense"));
        assert!(!conflicts("General", "senior ministry official"));
        assert!(!conflicts("President", "Prime Minister"));
        // Soviet and Russian are one diplomat's career.
        assert!(!conflicts(
            "former Soviet and Russian diplomat to the U.S.",
            "a former Russian diplomat to the U.S."
        ));
        // "Former" says the offices are at different times.
        assert!(!conflicts("former Foreign Minister", "Defense Minister"));
        // Nothing to compare.
        assert!(!conflicts("", "Defense Minister"));
        assert!(!conflicts("the influential US daily", "Defense Minister"));
    }

    #[test]
    fn descriptions_find_their_titles() {
        assert!(describes("the general", "General"));
        assert!(describes("the secretary", "Secretary of State"));
        assert!(describes("the Russian leader", "Russian President"));
        assert!(describes("the minister", "Russian Defense Minister"));
        assert!(!describes(
            "the foreign minister",
            "Russian Defense Minister"
        ));
        assert!(!describes("the general", "Secretary of State"));
        assert!(!describes("the diplomat", "President"));
    }

    #[test]
    fn odd_input_is_harmless() {
        for t in [
            "",
            "   ",
            "...",
            "«»",
            "Ministerio",
            "ÉÉÉ",
            "of of of",
            "Gen.-Lt.",
        ] {
            let _ = normalize_title(t);
            assert!(!conflicts(t, t));
        }
    }
}
