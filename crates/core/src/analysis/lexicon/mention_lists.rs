//! The word lists of speaker mentions: which words join a name, are pronouns, titles,
//! person nouns, or mark where a mention ends. Plain predicates over one word, used by
//! [`crate::analysis::mention`] and the attribution; no positions, no text scanning here.

use crate::analysis::lower::LowerExt;
use crate::analysis::mention::capitalised;

pub(crate) fn is_name_joiner(w: &str) -> bool {
    matches!(
        w,
        "de" | "van"
            | "von"
            | "al"
            | "bin"
            | "der"
            | "da"
            | "di"
            | "la"
            | "le"
            | "du"
            | "&"
            | "of"
            | "and"
    )
}

pub(crate) fn is_pronoun(w: &str) -> bool {
    // "US" in capitals is the country ("Former US secretary of state").
    if w == "US" {
        return false;
    }
    matches!(
        w.lower().as_str(),
        "he" | "she" | "they" | "it" | "we" | "i" | "you" | "him" | "her" | "them" | "us" | "one"
    )
}

/// Words of a title or role ("secretary", "Gen.", "spokesman").
pub(crate) fn is_title_word(w: &str) -> bool {
    let w = w.trim_end_matches('.');
    matches!(
        w,
        "president"
            | "secretary"
            | "minister"
            | "general"
            | "gen"
            | "official"
            | "officials"
            | "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "senator"
            | "sen"
            | "rep"
            | "representative"
            | "governor"
            | "gov"
            | "mayor"
            | "chairman"
            | "chairwoman"
            | "chair"
            | "director"
            | "chief"
            | "ambassador"
            | "diplomat"
            | "envoy"
            | "judge"
            | "justice"
            | "attorney"
            | "lawyer"
            | "candidate"
            | "nominee"
            | "leader"
            | "speaker"
            | "adviser"
            | "advisor"
            | "aide"
            | "commander"
            | "colonel"
            | "col"
            | "lt"
            | "lieutenant"
            | "sgt"
            | "sergeant"
            | "capt"
            | "captain"
            | "admiral"
            | "adm"
            | "prime"
            | "chancellor"
            | "premier"
            | "king"
            | "queen"
            | "prince"
            | "dr"
            | "professor"
            | "prof"
            | "ceo"
            | "executive"
            | "manager"
            | "head"
            | "deputy"
            | "vice"
            | "congressman"
            | "congresswoman"
            | "strategist"
            | "analyst"
            | "economist"
            | "founder"
            | "pastor"
            | "rev"
            | "reverend"
            | "pope"
            | "bishop"
            | "sheriff"
            | "officer"
            | "commissioner"
            | "coach"
            | "host"
            | "correspondent"
            | "editor"
            | "columnist"
            | "author"
            | "expert"
            | "researcher"
            | "scientist"
            | "mr"
            | "mrs"
            | "ms"
            | "miss"
            | "sir"
            | "lord"
            | "lady"
            | "dame"
            | "senior"
            | "former"
    )
}

/// Nouns for people ("the official said", "a spokesman said").
pub(crate) fn is_person_noun(w: &str) -> bool {
    is_title_word(w)
        || matches!(
            w,
            "statement"
                // People by their relation or walk of life ("a friend commented:",
                // "the 34-year-old mother of three replied").
                | "friend"
                | "friends"
                | "mother"
                | "father"
                | "wife"
                | "husband"
                | "son"
                | "daughter"
                | "sister"
                | "brother"
                | "niece"
                | "nephew"
                | "neighbor"
                | "neighbour"
                | "colleague"
                | "family"
                | "parent"
                | "parents"
                | "student"
                | "teacher"
                | "worker"
                | "workers"
                | "owner"
                | "resident"
                | "voter"
                | "supporter"
                | "critic"
                | "expert"
                | "analyst"
                | "witness"
                | "reader"
                | "questioner"
                | "veteran"
                | "ministry"
                | "department"
                | "agency"
                | "daily"
                | "newspaper"
                | "paper"
                | "report"
                | "campaign"
                | "source"
                | "sources"
                | "people"
                | "person"
                | "man"
                | "woman"
                | "group"
                | "government"
                | "administration"
                | "office"
                | "police"
                | "spokesmen"
                | "aides"
                | "advisers"
                | "critics"
                | "supporters"
                | "experts"
                | "analysts"
                | "witnesses"
                | "residents"
                | "voters"
                | "officials"
                | "democrats"
                | "republicans"
                | "lawmakers"
                | "members"
                | "committee"
                | "white"
                | "house"
                // Texts and media that say things ("the letter reads", "the ad claims").
                | "ad"
                | "ads"
                | "letter"
                | "email"
                | "e-mail"
                | "memo"
                | "tweet"
                | "editorial"
                | "column"
                | "headline"
                | "website"
                | "article"
                | "document"
                | "lawsuit"
                | "suit"
                | "complaint"
                | "narrator"
                | "survey"
                | "poll"
                | "footnote"
                // Groups of people by their work or part ("federal prosecutors wrote",
                // "some protesters chanted").
                | "prosecutor"
                | "prosecutors"
                | "protester"
                | "protesters"
                | "demonstrators"
                | "activist"
                | "activists"
                | "delegate"
                | "delegates"
                | "organizers"
                | "organisers"
                | "investigators"
                | "lawyers"
                | "attorneys"
                | "economists"
                | "strategists"
                | "pollsters"
                | "researchers"
                | "scientists"
                | "donors"
                | "staffers"
                | "employee"
                | "employees"
        )
}

/// Adverbs, auxiliaries and time words that sit between a mention and its cue.
pub(crate) fn is_skip_word(w: &str) -> bool {
    // "strongly", "repeatedly": adverbs between a subject and its verb.
    if w.len() > 5
        && w.ends_with("ly")
        && !capitalised(w)
        && !matches!(
            w,
            "family" | "ally" | "rally" | "italy" | "supply" | "assembly" | "early" | "only"
        )
    {
        return true;
    }
    matches!(
        w.lower().as_str(),
        "also"
            | "later"
            | "earlier"
            | "then"
            | "again"
            | "previously"
            | "recently"
            | "once"
            | "reportedly"
            | "allegedly"
            | "repeatedly"
            | "further"
            | "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "could"
            | "may"
            | "might"
            | "should"
            | "did"
            | "does"
            | "do"
            | "is"
            | "was"
            | "were"
            | "are"
            | "be"
            | "been"
            | "being"
            | "not"
            | "never"
            | "just"
            | "often"
            | "publicly"
            | "privately"
            | "separately"
            | "last"
            | "week"
            | "month"
            | "year"
            | "yesterday"
            | "today"
            | "tonight"
            | "night"
            | "morning"
            | "afternoon"
            | "evening"
            | "simply"
            | "flatly"
            | "bluntly"
            | "quickly"
            | "angrily"
            | "frequently"
            | "always"
            | "still"
            | "even"
            | "already"
            | "first"
            | "subsequently"
            | "finally"
            | "only"
            | "proudly"
            | "openly"
            | "firmly"
            | "clearly"
            | "confidently"
            | "emphatically"
            | "famously"
            | "memorably"
            | "calmly"
            | "quietly"
            | "loudly"
            | "directly"
            | "specifically"
            | "explicitly"
            | "curtly"
    ) || is_weekday(w)
}

/// Words that end a mention when walking away from the cue.
pub(crate) fn is_boundary_word(w: &str) -> bool {
    let w = w.lower();
    opens_clause(&w)
        || matches!(
            w.as_str(),
            "as" | "after"
                | "before"
                | "since"
                | "so"
                | "than"
                | "to"
                | "be"
                | "not"
                | "by"
                | "in"
                | "on"
                | "at"
                | "with"
                | "from"
                | "for"
                | "about"
                | "during"
                | "into"
                | "said"
                | "says"
                | "told"
                | "asked"
                | "this"
                | "these"
                | "those"
                | "there"
                | "here"
        )
}

/// Subordinators and auxiliaries: the words that start or carry a clause, shared by
/// [`is_boundary_word`] and [`is_clause_word`]. `w` is lower case.
fn opens_clause(w: &str) -> bool {
    matches!(
        w,
        "that"
            | "which"
            | "who"
            | "whom"
            | "whose"
            | "when"
            | "while"
            | "because"
            | "but"
            | "if"
            | "although"
            | "though"
            | "whether"
            | "what"
            | "how"
            | "why"
            | "where"
            | "is"
            | "was"
            | "were"
            | "are"
            | "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "can"
            | "could"
            | "should"
            | "may"
            | "might"
            | "must"
            | "did"
            | "do"
            | "does"
            | "been"
            | "being"
    )
}

/// Words after a mention that start something else (`said Pompeo in a statement`).
pub(crate) fn is_after_stop(w: &str) -> bool {
    matches!(
        w.lower().as_str(),
        "to" | "and"
            | "during"
            | "after"
            | "on"
            | "in"
            | "at"
            | "via"
            | "through"
            | "last"
            | "this"
            | "yesterday"
            | "today"
            | "earlier"
            | "later"
    ) || is_weekday(w)
}

/// Words a backward walk may pick up at the start of a mention that are not part of it.
pub(crate) fn is_leading_junk(w: &str) -> bool {
    matches!(
        w.lower().as_str(),
        "and"
            | "or"
            | "but"
            | "then"
            | "also"
            | "so"
            | "yet"
            | "of"
            | "to"
            | "in"
            | "on"
            | "at"
            | "for"
            | "with"
            | "by"
            | "from"
            | "as"
            | "meanwhile"
            | "however"
            | "instead"
    )
}

/// Words that show a stretch of text is a clause, not a name or description.
pub(crate) fn is_clause_word(w: &str) -> bool {
    let w = w.lower();
    opens_clause(&w)
        || matches!(
            w.as_str(),
            "it" | "he" | "she" | "they" | "we" | "i" | "you"
        )
}

/// Whether `w` is a day of the week ("Monday"), in any case.
fn is_weekday(w: &str) -> bool {
    const WEEKDAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    WEEKDAYS.iter().any(|d| d.eq_ignore_ascii_case(w))
}
