//! Name recognition: the capitalised runs of news text that name a person or an
//! organisation, with the title words written inside them.
//!
//! "Secretary of State Mike Pompeo" is one mention: title "Secretary of State", name
//! "Mike Pompeo". Sentence-initial words, "The", months and days, places and
//! nationalities ("Russian", "Syrian", "Moscow") are never names of people; particles
//! join names ("Bashar al-Assad", "Osama bin Laden"); "Mr.", "Dr." mark a person.
//!
//! A one-word capitalised name ("Pompeo", "Mizintsev") is reported as
//! [`NameKind::Single`]: whether it is a person is decided when grouping
//! ([`crate::analysis::entity`]), by matching it to a fuller name or by what surrounds it.

use crate::analysis::lexicon as lx;
use crate::analysis::name_tokens::Tok;
use crate::analysis::span::Span;
use rustc_hash::FxHashMap as FastMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NameKind {
    /// Two or more name words, or one with a title or "Mr.".
    Person,
    Organisation,
    /// One capitalised word, not known to be anything else.
    Single,
}

/// One capitalised run read as a name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct NameMention {
    pub kind: NameKind,
    /// Title, honorific and name, as written (possessive "'s" left out).
    pub span: Span,
    /// The name proper.
    pub name: Span,
    /// Words before the name inside the run that may belong to a title ("Secretary of
    /// State", "Russian Defense Minister", "U.S."), without the honorific.
    pub prefix: Option<Span>,
    /// Whether `prefix` holds a title head ("Minister", "Gen.").
    pub prefix_has_head: bool,
    /// "Mr.", "Mrs.", "Dr." before the name.
    pub honorific: bool,
    /// Index of the first token of the mention (title included) and one past the last.
    pub first_tok: usize,
    pub end_tok: usize,
    /// Number of name words (particles and initials included).
    pub name_words: usize,
    /// The mention starts a sentence (so its capital says nothing).
    pub sentence_initial: bool,
    /// A reporting or predicate verb follows ("Mizintsev said").
    pub followed_by_verb: bool,
}

/// Lowercase, dotless form of a token for the word lists.
pub(crate) fn folded<'b>(text: &str, tok: &Tok, buf: &'b mut [u8; 40]) -> Option<&'b str> {
    lx::fold(strip_possessive(tok.span.slice(text)), buf)
}

/// "Assad's" is "Assad", "Putin’s" is "Putin", "Reynolds'" is "Reynolds".
pub fn strip_possessive(word: &str) -> &str {
    for suffix in ["'s", "\u{2019}s", "'S", "\u{2019}S"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            if !stem.is_empty() {
                return stem;
            }
        }
    }
    word
}

fn is_possessive(word: &str) -> bool {
    strip_possessive(word).len() != word.len()
}

/// The class of a token inside a capitalised run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    Stop,
    Honorific,
    TitleHead,
    Rank,
    Portfolio,
    Country,
    Place,
    OrgWord,
    OrgName,
    Connector,
    Particle,
    Initial,
    Suffix,
    Acronym,
    /// "Act", "Agreement", "Speech": the run names a thing.
    Thing,
    /// "Democrat", "Republican": a qualifier before a name.
    Party,
    Unknown,
}

fn classify(text: &str, tok: &Tok) -> Class {
    let raw = strip_possessive(tok.span.slice(text));
    let mut buf = [0u8; 40];
    let Some(w) = lx::fold(raw, &mut buf) else {
        return Class::Unknown;
    };
    let lex = lx::lookup(w);
    if tok.lower {
        if lex.is_particle() {
            return Class::Particle;
        }
        if w == "of" {
            return Class::Connector;
        }
    }
    if lex.is_stop() || lex.is_month_or_day() {
        return Class::Stop;
    }
    if lex.is_honorific() {
        return Class::Honorific;
    }
    if lex.country().is_some() {
        return Class::Country;
    }
    if lex.title_head().is_some() {
        return Class::TitleHead;
    }
    if lex.rank_modifier().is_some() {
        return Class::Rank;
    }
    if lex.portfolio().is_some() {
        return Class::Portfolio;
    }
    if lex.is_org_name() {
        return Class::OrgName;
    }
    if lex.is_org_word() {
        return Class::OrgWord;
    }
    if lex.is_thing_word() {
        return Class::Thing;
    }
    if lex.is_party() {
        return Class::Party;
    }
    if lex.is_place() {
        return Class::Place;
    }
    if lex.is_name_suffix() {
        return Class::Suffix;
    }
    if raw.chars().filter(|c| c.is_alphabetic()).count() == 1 && raw.ends_with('.') {
        return Class::Initial;
    }
    if tok.all_caps && raw.len() <= 5 {
        return Class::Acronym;
    }
    Class::Unknown
}

/// Whether a token can be part of a capitalised run.
fn name_part(text: &str, tok: &Tok) -> bool {
    if tok.upper {
        // Shouting or a dateline ("MOSCOW:") is not a name.
        return !(tok.all_caps && tok.span.len() >= 6);
    }
    // "al-Assad", "el-Sisi", "bin-Salman": a particle of two or three letters, a hyphen.
    if !tok.lower || tok.span.len() < 4 {
        return false;
    }
    let w = tok.span.slice(text);
    let b = w.as_bytes();
    let hyphen = match (b.get(2), b.get(3)) {
        (Some(b'-'), _) => 2,
        (_, Some(b'-')) => 3,
        _ => return false,
    };
    if let (Some(head), Some(rest)) = (w.get(..hyphen), w.get(hyphen + 1..)) {
        return tok.lower
            && lx::is_particle(&head.to_ascii_lowercase())
            && rest.chars().next().is_some_and(char::is_uppercase);
    }
    false
}

/// Find the name mentions of `text`, in order.
pub(crate) fn find_names(text: &str, toks: &[Tok]) -> Vec<NameMention> {
    let mut out = Vec::new();
    let mut classes: Vec<Class> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !name_part(text, &toks[i]) {
            i += 1;
            continue;
        }
        // Grow the run.
        let start = i;
        let mut end = i + 1;
        classes.clear();
        classes.push(classify(text, &toks[i]));
        if toks[i].title_case_line || is_possessive(toks[i].span.slice(text)) {
            read_run(text, toks, start, end, &classes, &mut out);
            i = end;
            continue;
        }
        while end < toks.len() && toks[end].gap.space_only && !toks[end].title_case_line {
            let t = &toks[end];
            let next_joins = toks
                .get(end + 1)
                .is_some_and(|n| n.gap.space_only && name_part(text, n));
            let c = if name_part(text, t) {
                classify(text, t)
            } else if next_joins && t.lower && t.span.len() <= 5 {
                // Particles join two name words; "of" joins a title or an organisation
                // word to what follows ("Secretary of State", "Bank of England").
                let c = classify(text, t);
                let prev = classes.last().copied();
                let joins = c == Class::Particle
                    || (c == Class::Connector
                        && matches!(prev, Some(Class::TitleHead | Class::OrgWord)));
                if !joins {
                    break;
                }
                c
            } else {
                break;
            };
            classes.push(c);
            end += 1;
            if is_possessive(t.span.slice(text)) {
                break;
            }
        }
        read_run(text, toks, start, end, &classes, &mut out);
        i = end;
    }
    distribute_plural_titles(text, toks, &mut out);
    drop_common_first_words(text, toks, &mut out);
    out
}

/// "Small Donors", "Derelict Obama": a sentence-initial capital on an ordinary word.
/// When the first word of a name that starts a sentence is written in lower case
/// elsewhere in the text, it is not part of the name.
fn drop_common_first_words(text: &str, toks: &[Tok], out: &mut [NameMention]) {
    let suspects: Vec<usize> = (0..out.len())
        .filter(|&k| {
            let m = &out[k];
            m.kind == NameKind::Person
                && m.sentence_initial
                && m.prefix.is_none()
                && !m.honorific
                && m.first_tok + 1 < m.end_tok
        })
        .collect();
    if suspects.is_empty() {
        return;
    }
    let first_word = |k: usize| toks[out[k].first_tok].span.slice(text);
    // The distinct first words, lowercased; whether each is seen in lower case.
    let mut words: FastMap<String, bool> = FastMap::default();
    // A cheap filter before hashing: which (first letter, length) pairs occur.
    let mut shapes = [0u64; 26];
    let shape = |w: &str| -> Option<(usize, u64)> {
        let first = w.as_bytes().first()?.to_ascii_lowercase();
        first
            .is_ascii_lowercase()
            .then(|| (usize::from(first - b'a'), 1u64 << w.len().min(63)))
    };
    for &k in &suspects {
        let w = first_word(k);
        if let Some((letter, len)) = shape(w) {
            shapes[letter] |= len;
        }
        words.entry(w.to_lowercase()).or_insert(false);
    }
    for t in toks.iter().filter(|t| t.lower) {
        let w = t.span.slice(text);
        if !shape(w).is_some_and(|(letter, len)| shapes[letter] & len != 0) {
            continue;
        }
        if let Some(seen) = words.get_mut(w) {
            *seen = true;
        }
    }
    let common: Vec<bool> = suspects
        .iter()
        .map(|&k| words.get(&first_word(k).to_lowercase()) == Some(&true))
        .collect();
    for (j, &k) in suspects.iter().enumerate() {
        if !common[j] {
            continue;
        }
        let m = &mut out[k];
        let next = m.first_tok + 1;
        m.first_tok = next;
        m.span.start = toks[next].span.start;
        m.name.start = toks[next].span.start;
        m.name_words = m.name_words.saturating_sub(1);
        m.sentence_initial = false;
        if m.name_words < 2 {
            m.kind = NameKind::Single;
        }
    }
}

/// Split a run at stop words and read each piece.
fn read_run(
    text: &str,
    toks: &[Tok],
    start: usize,
    end: usize,
    classes: &[Class],
    out: &mut Vec<NameMention>,
) {
    let mut piece_start = start;
    for k in start..=end {
        let stop = k == end || classes[k - start] == Class::Stop;
        if stop {
            if k > piece_start {
                read_piece(
                    text,
                    toks,
                    piece_start,
                    k,
                    &classes[piece_start - start..k - start],
                    out,
                );
            }
            // "The" written with a capital inside a sentence may be part of a name ("told
            // The Wall Street Journal"); the piece keeps it if it names an organisation.
            let capital_the =
                k < end && !toks[k].sentence_initial() && toks[k].span.slice(text) == "The";
            piece_start = if capital_the { k } else { k + 1 };
        }
    }
}

/// Read one piece of a run (no stop words inside) as a person, an organisation, a
/// single word, or nothing (a place, a nationality).
fn read_piece(
    text: &str,
    toks: &[Tok],
    start: usize,
    end: usize,
    classes: &[Class],
    out: &mut Vec<NameMention>,
) {
    // A leading capital "The" only stays with an organisation's name.
    let lead_the = classes.first() == Some(&Class::Stop);
    let (start, classes) = if lead_the {
        let rest = &classes[1..];
        let org = rest
            .iter()
            .any(|c| matches!(c, Class::OrgWord | Class::OrgName));
        if org && !rest.is_empty() {
            out.push(mention(
                text,
                toks,
                NameKind::Organisation,
                start,
                start,
                end,
                None,
                false,
                false,
                end - start,
                false,
            ));
            return;
        }
        (start + 1, rest)
    } else {
        (start, classes)
    };
    if classes.is_empty() {
        return;
    }
    // Connectors and particles cannot start or end a name.
    let mut s = start;
    let mut e = end;
    while s < e && matches!(classes[s - start], Class::Connector | Class::Particle) {
        s += 1;
    }
    while e > s && matches!(classes[e - 1 - start], Class::Connector | Class::Particle) {
        e -= 1;
    }
    if s >= e {
        return;
    }
    let cls = &classes[s - start..e - start];
    let sentence_initial = toks[start].sentence_initial() || toks[s].title_case_line;

    // The title area: the words up to the last title head followed by a name word, or
    // the last honorific ("Mr. King": after "Mr." any word is a name).
    let last_unknown = cls.iter().rposition(|c| *c == Class::Unknown);
    let last_marker = (0..cls.len()).rev().find(|&k| match cls[k] {
        Class::Honorific => k + 1 < cls.len(),
        Class::TitleHead => last_unknown.is_some_and(|u| u > k),
        _ => false,
    });
    let after_honorific = last_marker.is_some_and(|m| cls[m] == Class::Honorific);
    let mut name_from = match last_marker {
        Some(m) => s + m + 1,
        None => s,
    };
    // Skip countries, places, portfolios, ranks before the name ("U.S. Vladimir
    // Frolov", "Russian Sergei Shoigu").
    while !after_honorific
        && name_from < e
        && matches!(
            cls[name_from - s],
            Class::Country
                | Class::Place
                | Class::Party
                | Class::Portfolio
                | Class::Rank
                | Class::Connector
        )
    {
        name_from += 1;
    }
    let name_cls = &cls[name_from - s..];
    let has_marker = last_marker.is_some();
    let honorific = cls[..name_from - s].contains(&Class::Honorific);
    let org_signal = cls
        .iter()
        .any(|c| matches!(c, Class::OrgWord | Class::OrgName | Class::Acronym));
    let thing = cls.contains(&Class::Thing);

    // A name is made of name words; after its first name word, a word that is also a
    // title or a place can be a surname ("Charlie King", "George Washington"); right
    // after "Mr." any word is ("Mr. King").
    let first_name_word = if after_honorific {
        Some(0)
    } else {
        name_cls.iter().position(|c| *c == Class::Unknown)
    };
    let name_is_clean = !name_cls.is_empty()
        && first_name_word.is_some()
        && name_cls.iter().enumerate().all(|(k, c)| {
            matches!(
                c,
                Class::Unknown | Class::Particle | Class::Initial | Class::Suffix
            ) || (first_name_word.is_some_and(|f| k >= f)
                && matches!(
                    c,
                    Class::TitleHead | Class::Rank | Class::Country | Class::Portfolio
                ))
        });

    if has_marker && name_is_clean && !thing {
        let name_words = name_cls.len();
        let title_toks: Vec<usize> = (s..name_from)
            .filter(|&k| cls[k - s] != Class::Honorific)
            .collect();
        let prefix = match (title_toks.first(), title_toks.last()) {
            (Some(&a), Some(&b)) => Some(Span::new(toks[a].span.start, toks[b].span.end)),
            _ => None,
        };
        let prefix_has_head = cls[..name_from - s].contains(&Class::TitleHead);
        out.push(mention(
            text,
            toks,
            NameKind::Person,
            s,
            name_from,
            e,
            prefix,
            prefix_has_head,
            honorific,
            name_words,
            sentence_initial,
        ));
        return;
    }
    if org_signal {
        // Organisation: the whole piece ("Russian Defense Ministry", "Wall Street
        // Journal", "UN"), unless it is only a country acronym.
        if cls
            .iter()
            .all(|c| matches!(c, Class::Country | Class::Place))
        {
            return;
        }
        out.push(mention(
            text,
            toks,
            NameKind::Organisation,
            s,
            s,
            e,
            None,
            false,
            false,
            e - s,
            sentence_initial,
        ));
        return;
    }
    if !name_is_clean || thing {
        return;
    }
    let prefix =
        (name_from > s).then(|| Span::new(toks[s].span.start, toks[name_from - 1].span.end));
    let name_words = name_cls.len();
    let real_words = name_cls
        .iter()
        .filter(|c| !matches!(c, Class::Particle | Class::Initial | Class::Suffix))
        .count();
    let kind = if real_words >= 2 {
        NameKind::Person
    } else {
        NameKind::Single
    };
    // A sentence-initial word in front of a name is only part of it when nothing else
    // says otherwise; "Follow Ben Kew" is handled by the stop list.
    out.push(mention(
        text,
        toks,
        kind,
        s,
        name_from,
        e,
        prefix,
        false,
        honorific,
        name_words,
        sentence_initial && name_from == s,
    ));
}

#[allow(clippy::too_many_arguments)]
fn mention(
    text: &str,
    toks: &[Tok],
    kind: NameKind,
    first: usize,
    name_from: usize,
    end: usize,
    prefix: Option<Span>,
    prefix_has_head: bool,
    honorific: bool,
    name_words: usize,
    sentence_initial: bool,
) -> NameMention {
    let last = &toks[end - 1];
    let last_word = last.span.slice(text);
    let trimmed_end = last.span.start + strip_possessive(last_word).len();
    let start = toks[first].span.start;
    let name_start = toks[name_from.min(end - 1)].span.start;
    let followed_by_verb = toks.get(end).is_some_and(|n| {
        let mut buf = [0u8; 40];
        (n.gap.space_only || n.gap.comma)
            && n.lower
            && lx::fold(n.span.slice(text), &mut buf).is_some_and(lx::is_reporting_verb)
    });
    NameMention {
        kind,
        span: Span::new(start, trimmed_end),
        name: Span::new(name_start, trimmed_end),
        prefix,
        prefix_has_head,
        honorific,
        first_tok: first,
        end_tok: end,
        name_words,
        sentence_initial,
        followed_by_verb,
    }
}

/// "Presidents Vladimir Putin and Donald Trump": the plural title belongs to both.
fn distribute_plural_titles(text: &str, toks: &[Tok], out: &mut [NameMention]) {
    for k in 1..out.len() {
        let (before, after) = out.split_at_mut(k);
        let prev = &before[k - 1];
        let cur = &mut after[0];
        if prev.kind != NameKind::Person
            || cur.prefix.is_some()
            || cur.kind == NameKind::Organisation
        {
            continue;
        }
        let Some(prefix) = prev.prefix else { continue };
        let plural = prefix.slice(text).trim_end().ends_with('s');
        let joined_by_and = cur.first_tok == prev.end_tok + 1
            && toks
                .get(prev.end_tok)
                .is_some_and(|t| t.span.slice(text) == "and" && t.gap.space_only)
            && toks[cur.first_tok].gap.space_only;
        if plural && prev.prefix_has_head && joined_by_and {
            cur.prefix = Some(prefix);
            cur.prefix_has_head = true;
            cur.kind = NameKind::Person;
        }
    }
}

#[cfg(test)]
#[path = "name_runs_tests.rs"]
mod tests;
