//! People and organisations: their mentions grouped into entities, with canonical
//! names, aliases and the titles the text gives them.
//!
//! [`find_entities`] reads the names ([`crate::analysis::name_runs`]), groups them ("Secretary of
//! State Mike Pompeo", "Mike Pompeo", "Pompeo", "Mr. Pompeo" are one person), collects
//! their titles ([`crate::analysis::roles`]), and resolves each quote's speaker mention (a name,
//! a pronoun, a surname, a title) to its entity ([`crate::analysis::coreference`]).
//!
//! [`name_key`] and [`surname`] are the helpers the corpus and the checks use to match
//! names across documents.
//!
//! Pure: no IO, no LSP types, no panics; linear in the text apart from small per-entity
//! lookups.

use serde::{Deserialize, Serialize};

use crate::analysis::lexicon as lx;
use crate::analysis::name_runs::{self, NameKind, NameMention};
use crate::analysis::name_tokens::{tokenize, Tok};
use crate::analysis::office::normalize_title;
use crate::analysis::span::Span;
use rustc_hash::{FxHashMap as FastMap, FxHashSet as FastSet};

/// Index of an entity in [`crate::analysis::Analysis::entities`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct EntityId(pub u32);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EntityKind {
    Person,
    Organisation,
}

/// How a mention names its entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MentionKind {
    /// "Mike Pompeo", "Pompeo", "Mr. Pompeo".
    Name,
    /// A title with a name: "Secretary of State Mike Pompeo", "Gen. Mizintsev".
    TitledName,
    /// A title alone: "the secretary", "the minister".
    Title,
    /// "he", "she", "they".
    Pronoun,
    /// A description: "a senior official", "the influential US daily".
    Description,
}

/// One place where the text names an entity.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub span: Span,
    pub text: String,
    pub kind: MentionKind,
}

/// A title or role the text gives an entity.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TitleMention {
    /// The title as written ("Defense Secretary", "Gen.", "a former Soviet and Russian
    /// diplomat to the U.S.").
    pub span: Span,
    pub text: String,
    /// Its canonical form, equal for equivalent titles (see [`crate::analysis::office`]).
    pub normalized: String,
}

/// A person or organisation named in the text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    pub id: EntityId,
    pub kind: EntityKind,
    /// The fullest name the text gives ("Mike Pompeo").
    pub canonical: String,
    /// Other names for the same entity ("Pompeo", "Mr. Pompeo").
    pub aliases: Vec<String>,
    /// Mentions in text order: names, and the speaker mentions (pronouns, titles)
    /// resolved to this entity.
    pub mentions: Vec<Mention>,
    pub titles: Vec<TitleMention>,
}

impl Entity {
    /// Whether the entity goes by `name` (canonical or alias), compared by [`name_key`].
    pub fn is_named(&self, name: &str) -> bool {
        let key = name_key(name);
        !key.is_empty()
            && (name_key(&self.canonical) == key || self.aliases.iter().any(|a| name_key(a) == key))
    }
}

/// The key that matches names across documents: lowercase, honorifics and leading
/// titles removed ("Mr.", "Gen.", "Secretary of State"), initials and a possessive
/// dropped, a leading "the" dropped, spaces collapsed.
///
/// "Secretary of State Mike Pompeo", "Mike Pompeo" and "mike pompeo" give "mike pompeo";
/// "Mr. Pompeo" gives "pompeo"; "The Wall Street Journal" gives "wall street journal";
/// "Bashar Al-Assad's" gives "bashar al-assad".
pub fn name_key(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    // Drop leading words that are titles, honorifics, countries, "the", "of".
    let mut first = 0;
    let last_title = words.iter().rposition(|w| is_title_word(w));
    if let Some(t) = last_title {
        // Only strip when real name words follow.
        if t + 1 < words.len()
            && words[..=t]
                .iter()
                .all(|w| is_title_word(w) || is_lead_word(w))
        {
            first = t + 1;
        }
    }
    while first < words.len() && is_lead_word(words[first]) && first + 1 < words.len() {
        first += 1;
    }
    key_of_words(&words[first..], words.len())
}

/// [`name_key`] of a name that has no title in front (as the name reader gives them),
/// written into `out`.
fn write_plain_key(name: &str, out: &mut String) {
    out.clear();
    let mut words = name.split_whitespace().peekable();
    if let Some(first) = words.peek() {
        if matches!(*first, "The" | "the") && name.contains(char::is_whitespace) {
            words.next();
        }
    }
    let total = name.split_whitespace().count();
    for w in words {
        push_key_word(out, w, total);
    }
}

fn key_of_words(words: &[&str], total: usize) -> String {
    let mut out = String::new();
    for w in words {
        push_key_word(&mut out, w, total);
    }
    out
}

/// Append one word of a name to a key: possessive and initials dropped, lowercase.
fn push_key_word(out: &mut String, w: &str, total: usize) {
    let w = name_runs::strip_possessive(w);
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    // Initials ("W.") say little and are often left out.
    if letters == 1 && w.ends_with('.') && total > 2 {
        return;
    }
    let before = out.len();
    if !out.is_empty() {
        out.push(' ');
    }
    let word_start = out.len();
    push_lower(out, w);
    if out.len() == word_start {
        out.truncate(before);
    }
}

fn is_title_word(w: &str) -> bool {
    let mut buf = [0u8; 40];
    lx::fold(w, &mut buf).is_some_and(|f| {
        let lex = lx::lookup(f);
        lex.is_honorific()
            || lex.title_head().is_some()
            || lex.rank_modifier().is_some()
            || lex.portfolio().is_some()
            || lex.country().is_some()
    })
}

fn is_lead_word(w: &str) -> bool {
    let mut buf = [0u8; 40];
    lx::fold(w, &mut buf).is_some_and(|f| matches!(f, "the" | "of" | "for" | "and" | "a"))
}

/// The surname in a full name, with its particles: "Mike Pompeo" gives "Pompeo",
/// "Bashar al-Assad's" gives "al-Assad", "Osama bin Laden" gives "bin Laden", "Martin
/// Luther King Jr." gives "King". A name of one word is its own surname.
pub fn surname(name: &str) -> &str {
    let name = name.trim();
    // The words with their positions: on the stack for a name of up to 12 words.
    let mut inline: [(usize, &str); 12] = [(0, ""); 12];
    let mut n = 0;
    let mut more: Vec<(usize, &str)> = Vec::new();
    let mut pos = 0;
    for w in name.split(' ') {
        if !w.is_empty() {
            if let Some(slot) = inline.get_mut(n) {
                *slot = (pos, w);
                n += 1;
            } else {
                if more.is_empty() {
                    more.extend_from_slice(&inline);
                }
                more.push((pos, w));
            }
        }
        pos += w.len() + 1;
    }
    let mut words: &[(usize, &str)] = if more.is_empty() { &inline[..n] } else { &more };
    // Drop generational suffixes.
    while words.len() > 1 && {
        let mut buf = [0u8; 40];
        let last = words[words.len() - 1].1.trim_end_matches(',');
        lx::fold(last, &mut buf).is_some_and(lx::is_name_suffix)
    } {
        words = &words[..words.len() - 1];
    }
    let Some(&(last_pos, last)) = words.last() else {
        return "";
    };
    let mut start = last_pos;
    // Lowercase particles before the surname belong to it.
    for &(p, w) in words.iter().rev().skip(1) {
        let mut buf = [0u8; 40];
        let lower_start = w.chars().next().is_some_and(char::is_lowercase);
        if lower_start && lx::fold(w, &mut buf).is_some_and(lx::is_particle) {
            start = p;
        } else {
            break;
        }
    }
    let end = last_pos + name_runs::strip_possessive(last).len();
    name.get(start..end).unwrap_or(last)
}

/// The key a surname is matched by: lowercase, particles dropped ("al-Assad" and
/// "Assad" both give "assad"; "bin Laden" gives "laden").
pub fn surname_key(name: &str) -> String {
    let mut out = String::new();
    write_surname_key(name, &mut out);
    out
}

fn write_surname_key(name: &str, out: &mut String) {
    out.clear();
    let s = surname(name);
    let last_word = s.rsplit(' ').next().unwrap_or(s);
    let mut core = last_word;
    if let Some((head, rest)) = last_word.split_once('-') {
        if head.len() <= 3 && lx::is_particle(&head.to_ascii_lowercase()) && !rest.is_empty() {
            core = rest;
        }
    }
    push_lower(out, core);
}

/// Append `word` lowercased, without dots and commas, with one apostrophe form.
fn push_lower(out: &mut String, word: &str) {
    if word.is_ascii() {
        out.extend(
            word.bytes()
                .filter(|b| *b != b'.' && *b != b',')
                .map(|b| char::from(b.to_ascii_lowercase())),
        );
        return;
    }
    for c in word.chars() {
        match c {
            '.' | ',' => {}
            '\u{2019}' => out.push('\''),
            c => out.extend(c.to_lowercase()),
        }
    }
}

/// An entity being built: which name mentions belong to it.
pub(crate) struct Group {
    pub kind: EntityKind,
    /// Indices into the name mentions, in text order.
    pub members: Vec<usize>,
    /// The members that give the full name, in text order.
    full_members: Vec<usize>,
}

impl Group {
    fn new(kind: EntityKind) -> Group {
        Group {
            kind,
            members: Vec::new(),
            full_members: Vec::new(),
        }
    }
}

type NameMap<V> = FastMap<String, V>;

/// Find the people and organisations `prose` names; quotes' speakers are resolved to
/// them afterwards ([`crate::analysis::coreference::resolve_speakers`]).
pub fn find_entities(prose: &str) -> People {
    let tokens = tokenize(prose);
    let found = name_runs::find_names(prose, &tokens);
    let groups = group_names(prose, &found);
    let entities = build_entities(prose, &tokens, &found, &groups);
    let occurrences = crate::analysis::coreference::occurrences(&found, &groups);
    People {
        entities,
        tokens,
        occurrences,
    }
}

/// The people and organisations of a text before any quote's speaker is resolved, with
/// what resolving speakers reads again: the name tokens and each place an entity is named.
pub struct People {
    /// `EntityId(i)` is `entities[i]`.
    pub entities: Vec<Entity>,
    pub(crate) tokens: Vec<Tok>,
    pub(crate) occurrences: Vec<crate::analysis::coreference::Occurrence>,
}

/// Whether a mention gives a full name: two name words for a person, two words for an
/// organisation.
fn is_full(prose: &str, m: &NameMention) -> bool {
    let name = m.name.slice(prose);
    match m.kind {
        NameKind::Person => m.name_words >= 2 && real_words(name) >= 2,
        NameKind::Organisation => name.contains(' '),
        NameKind::Single => false,
    }
}

/// Group name mentions into entities. Returns groups in order of first mention.
fn group_names(prose: &str, found: &[NameMention]) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    let mut person_by_key: NameMap<usize> = NameMap::default();
    let mut org_by_key: NameMap<usize> = NameMap::default();
    let mut by_surname: NameMap<Vec<usize>> = NameMap::default();
    let mut org_by_last: NameMap<Vec<usize>> = NameMap::default();
    let mut org_by_initials: NameMap<usize> = NameMap::default();
    let mut key = String::new();

    // Full names first: two or more name words, and organisations of two or more words.
    for (i, m) in found.iter().enumerate() {
        if !is_full(prose, m) {
            continue;
        }
        let name = m.name.slice(prose);
        let is_org = m.kind == NameKind::Organisation;
        write_plain_key(name, &mut key);
        if key.is_empty() {
            continue;
        }
        let map = if is_org {
            &mut org_by_key
        } else {
            &mut person_by_key
        };
        let g = match map.get(key.as_str()) {
            Some(&g) => g,
            None => {
                groups.push(Group::new(if is_org {
                    EntityKind::Organisation
                } else {
                    EntityKind::Person
                }));
                map.insert(key.clone(), groups.len() - 1);
                groups.len() - 1
            }
        };
        groups[g].members.push(i);
        groups[g].full_members.push(i);
        if groups[g].full_members.len() > 1 {
            continue;
        }
        if is_org {
            if let Some(last) = key.rsplit(' ').next() {
                org_by_last.entry(last.to_string()).or_default().push(g);
            }
            let initials: String = key
                .split(' ')
                .filter(|w| !matches!(*w, "of" | "the" | "and" | "for"))
                .filter_map(|w| w.chars().next())
                .collect();
            if initials.chars().count() >= 2 {
                org_by_initials.entry(initials).or_insert(g);
            }
        } else {
            write_surname_key(name, &mut key);
            by_surname.entry(key.clone()).or_default().push(g);
        }
    }

    // Then one-word names: a surname of a person above, the last word or the initials of
    // an organisation, or a person in their own right when a title, "Mr." or a reporting
    // verb says so. Those that say so go first, so that a bare "Obama" in a headline
    // finds the "Mr. Obama" of the text below it.
    let establishes = |m: &NameMention| {
        m.kind == NameKind::Person || (m.kind == NameKind::Single && m.followed_by_verb)
    };
    let singles = found
        .iter()
        .enumerate()
        .filter(|(_, m)| establishes(m))
        .chain(found.iter().enumerate().filter(|(_, m)| !establishes(m)));
    for (i, m) in singles {
        if is_full(prose, m) {
            continue;
        }
        let name = m.name.slice(prose);
        if m.kind == NameKind::Organisation {
            write_plain_key(name, &mut key);
            if key.is_empty() {
                continue;
            }
            let existing = org_by_key
                .get(key.as_str())
                .copied()
                .or_else(|| {
                    org_by_last
                        .get(key.as_str())
                        .and_then(|l| nearest(l, &groups, i))
                })
                .or_else(|| org_by_initials.get(key.as_str()).copied());
            let mut buf = [0u8; 40];
            let known_alone =
                lx::fold(name, &mut buf).is_some_and(|w| lx::is_org_name(w) || !lx::is_org_word(w));
            match existing {
                Some(g) => groups[g].members.push(i),
                None if known_alone => {
                    let mut group = Group::new(EntityKind::Organisation);
                    group.members.push(i);
                    groups.push(group);
                    org_by_key.insert(key.clone(), groups.len() - 1);
                }
                None => {}
            }
            continue;
        }
        write_surname_key(name, &mut key);
        if key.is_empty() {
            continue;
        }
        // "Mrs. Clinton" joins Hillary Clinton, never Bill Clinton; a surname whose
        // gender nothing tells joins the bearer named last.
        let want = super::gender::of_name(m.span.slice(prose));
        let group_gender = |g: usize| {
            groups[g]
                .full_members
                .iter()
                .find_map(|&j| super::gender::of_name(found[j].span.slice(prose)))
        };
        let bearers = by_surname.get(key.as_str()).map_or(&[][..], Vec::as_slice);
        let nearest_fitting = if want.is_none() {
            nearest(bearers, &groups, i)
        } else {
            let fitting: Vec<usize> = bearers
                .iter()
                .copied()
                .filter(|&g| super::gender::Gender::agrees(group_gender(g), want))
                .collect();
            nearest(&fitting, &groups, i)
        };
        if let Some(g) = nearest_fitting {
            groups[g].members.push(i);
            continue;
        }
        let person_by_context = m.kind == NameKind::Person || m.followed_by_verb;
        if person_by_context {
            let mut group = Group::new(EntityKind::Person);
            group.members.push(i);
            group.full_members.push(i);
            groups.push(group);
            by_surname
                .entry(key.clone())
                .or_default()
                .push(groups.len() - 1);
        }
    }
    for g in &mut groups {
        g.members.sort_unstable();
    }
    groups.retain(|g| !g.members.is_empty());
    groups.sort_by_key(|g| g.members[0]);
    groups
}

/// Words of a name that are names (particles and initials not counted).
fn real_words(name: &str) -> usize {
    name.split_whitespace()
        .filter(|w| {
            let letters = w.chars().filter(|c| c.is_alphabetic()).count();
            let lower = w.chars().next().is_some_and(char::is_lowercase) && !w.contains('-');
            letters > 1 && !lower
        })
        .count()
}

/// Of several candidate groups, the one whose full name was given last before mention
/// `i`, else the first.
fn nearest(candidates: &[usize], groups: &[Group], i: usize) -> Option<usize> {
    let last_before = |g: usize| {
        let full = &groups[g].full_members;
        let k = full.partition_point(|&j| j < i);
        k.checked_sub(1).map(|k| full[k])
    };
    candidates
        .iter()
        .copied()
        .filter_map(|g| last_before(g).map(|p| (p, g)))
        .max()
        .map(|(_, g)| g)
        .or_else(|| candidates.first().copied())
}

fn build_entities(
    prose: &str,
    toks: &[Tok],
    found: &[NameMention],
    groups: &[Group],
) -> Vec<Entity> {
    let mut out = Vec::with_capacity(groups.len());
    for (gi, g) in groups.iter().enumerate() {
        let mut mentions = Vec::new();
        let mut titles: Vec<TitleMention> = Vec::new();
        let mut title_spans: FastSet<Span> = FastSet::default();
        let mut names_seen: Vec<String> = Vec::new();
        let mut canonical = String::new();
        let mut best = (0usize, 0usize);
        for &i in &g.members {
            let m = &found[i];
            let name = m.name.slice(prose).to_string();
            let titled = m.prefix_has_head && m.prefix.is_some_and(|p| p.start >= m.span.start);
            let span = if titled || m.honorific {
                m.span
            } else {
                m.name
            };
            mentions.push(Mention {
                span,
                text: span.slice(prose).to_string(),
                kind: if titled {
                    MentionKind::TitledName
                } else {
                    MentionKind::Name
                },
            });
            let score = (real_words(&name), name.len());
            if score > best {
                best = score;
                canonical = name.clone();
            }
            if !names_seen.contains(&name) {
                names_seen.push(name);
            }
            if m.honorific && !titled {
                let with_honorific = m.span.slice(prose).to_string();
                if !names_seen.contains(&with_honorific) {
                    names_seen.push(with_honorific);
                }
            }
            if g.kind == EntityKind::Person {
                for t in crate::analysis::roles::titles_of(prose, toks, m) {
                    if !title_spans.insert(t) {
                        continue;
                    }
                    let text = t.slice(prose).to_string();
                    titles.push(TitleMention {
                        span: t,
                        normalized: normalize_title(&text),
                        text,
                    });
                }
            }
        }
        let aliases = names_seen.into_iter().filter(|n| *n != canonical).collect();
        out.push(Entity {
            id: EntityId(gi as u32),
            kind: g.kind,
            canonical,
            aliases,
            mentions,
            titles,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_keys_ignore_titles_honorifics_and_case() {
        assert_eq!(name_key("Secretary of State Mike Pompeo"), "mike pompeo");
        assert_eq!(name_key("Mike Pompeo"), "mike pompeo");
        assert_eq!(name_key("Mr. Pompeo"), "pompeo");
        assert_eq!(name_key("Gen. Mikhail Mizintsev"), "mikhail mizintsev");
        assert_eq!(name_key("The Wall Street Journal"), "wall street journal");
        assert_eq!(name_key("Bashar Al-Assad\u{2019}s"), "bashar al-assad");
        assert_eq!(name_key("George W. Bush"), "george bush");
        assert_eq!(
            name_key("Russian Defense Minister Sergei Shoigu"),
            "sergei shoigu"
        );
        assert_eq!(name_key(""), "");
    }

    #[test]
    fn surnames_keep_their_particles() {
        assert_eq!(surname("Mike Pompeo"), "Pompeo");
        assert_eq!(surname("Bashar al-Assad's"), "al-Assad");
        assert_eq!(surname("Osama bin Laden"), "bin Laden");
        assert_eq!(surname("Martin Luther King Jr."), "King");
        assert_eq!(surname("Pompeo"), "Pompeo");
        assert_eq!(surname(""), "");
        assert_eq!(
            surname("A B C D E F G H I J K L M N Osama bin Laden Jr."),
            "bin Laden"
        );
        assert_eq!(surname_key("Bashar Al-Assad"), "assad");
        assert_eq!(surname_key("Assad"), "assad");
        assert_eq!(surname_key("Osama bin Laden"), "laden");
    }
}
