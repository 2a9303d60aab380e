//! Who a quote's speaker mention refers to.
//!
//! The attribution ([`crate::analysis::attribution`]) finds the words that name a speaker: a
//! name ("Pompeo"), a title with a name, a pronoun ("he"), a title alone ("the
//! general"), a description ("the influential US daily"), or nothing new (a paragraph
//! that continues the previous speaker). This module turns each into an entity:
//!
//! - a name: the entity whose mention it is, or whose surname or alias it matches
//!   (of several people who share a surname, the one whose gender agrees, then the one
//!   named last);
//! - a pronoun: the most recent person named outside quotations before it whose gender
//!   agrees ("she" is never a man: [`crate::analysis::gender`]), preferring one who is the subject
//!   of a sentence ("Mizintsev said ...") within the last few sentences, and one whose
//!   gender is known to agree over one whose gender is unknown; else the previous
//!   quote's speaker;
//! - a name inside a longer mention: the person the mention is about, not a possessor
//!   or a modifier ("Trump's campaign manager Kellyanne Conway" is Conway);
//! - a title or description: the most recent entity whose titles fit it;
//! - an inherited speaker: the previous quote's entity.
//!
//! Each resolved speaker mention is added to its entity's mentions.

use crate::analysis::entity::{
    name_key, surname_key, Entity, EntityId, EntityKind, Group, Mention, MentionKind, People,
};
use crate::analysis::gender::{self, Gender};
use crate::analysis::lexicon as lx;
use crate::analysis::name_runs::{find_names, NameKind, NameMention};
use crate::analysis::name_tokens::{tokenize, Tok};
use crate::analysis::office;
use crate::analysis::quote::Quote;
use crate::analysis::span::Span;
use rustc_hash::FxHashMap;

/// A place where an entity is named.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Occurrence {
    pub span: Span,
    pub entity: usize,
    /// Named as the subject: at the start of a sentence, or before a reporting verb, or
    /// as a quote's speaker.
    pub subject: bool,
    pub in_quote: bool,
}

/// The name mentions of each group as occurrences, in text order.
pub(crate) fn occurrences(found: &[NameMention], groups: &[Group]) -> Vec<Occurrence> {
    let mut out: Vec<Occurrence> = groups
        .iter()
        .enumerate()
        .flat_map(|(g, group)| {
            group.members.iter().map(move |&i| Occurrence {
                span: found[i].span,
                entity: g,
                subject: found[i].sentence_initial || found[i].followed_by_verb,
                in_quote: false,
            })
        })
        .collect();
    out.sort_by_key(|o| o.span.start);
    out
}

/// How many sentences back a pronoun looks for its person.
const PRONOUN_SENTENCES: usize = 3;

/// Resolve every quote's speaker to an entity (creating one for a named speaker the
/// name reader did not keep), and add the speaker mentions to their entities.
pub fn resolve_speakers(prose: &str, people: &mut People, quotes: &mut [Quote]) {
    if quotes.iter().all(|q| q.speaker.is_none()) {
        return;
    }
    let toks: &[Tok] = &people.tokens;
    let entities = &mut people.entities;
    let mut occs: Vec<Occurrence> = std::mem::take(&mut people.occurrences);
    mark_in_quotes(&mut occs, quotes);
    let layout = Layout::new(toks);
    // What each person's names, titles and, as they are resolved, pronouns say of
    // their gender.
    let mut genders: Vec<Option<Gender>> = entities.iter().map(entity_gender).collect();
    // Speaker mentions resolved so far, in text order of the quotes.
    let mut spoken: Vec<Occurrence> = Vec::new();
    let mut prev: Option<(usize, Span)> = None;
    // Built at the first named speaker that needs it (most texts have none).
    let mut names: Option<NameIndex> = None;
    // Speaker mentions to add to their entities once all are resolved.
    let mut added: Vec<(usize, Mention)> = Vec::new();
    for q in quotes.iter_mut() {
        let quote_span = q.span;
        let Some(sp) = q.speaker.as_mut() else {
            if !q.continues_previous {
                prev = None;
            }
            continue;
        };
        let resolved = if sp.inherited {
            prev.map(|(e, _)| e)
        } else {
            let cx = Context {
                occs: &occs,
                spoken: &spoken,
                layout: &layout,
                prev,
                genders: &genders,
            };
            resolve_one(prose, sp.mention, &cx, entities, &mut names)
        };
        while genders.len() < entities.len() {
            genders.push(entity_gender(&entities[genders.len()]));
        }
        if let (Some(e), Some(g)) = (resolved, pronoun_gender(prose, sp.mention)) {
            // "she said" resolved to Dana Ortiz: later pronouns know Ortiz is a woman.
            if let Some(slot) = genders.get_mut(e) {
                slot.get_or_insert(g);
            }
        }
        sp.entity = resolved.map(|e| EntityId(e as u32));
        if let Some(e) = resolved {
            if !sp.inherited && !sp.mention.is_empty() {
                if !covered(&entities[e], sp.mention) {
                    added.push((
                        e,
                        Mention {
                            span: sp.mention,
                            text: sp.mention.slice(prose).to_string(),
                            kind: sp.kind,
                        },
                    ));
                }
                spoken.push(Occurrence {
                    span: sp.mention,
                    entity: e,
                    subject: true,
                    in_quote: false,
                });
            }
            prev = Some((e, quote_span));
        } else {
            prev = None;
        }
    }
    let mut touched: Vec<usize> = Vec::new();
    for (e, m) in added {
        if let Some(entity) = entities.get_mut(e) {
            entity.mentions.push(m);
            touched.push(e);
        }
    }
    touched.sort_unstable();
    touched.dedup();
    for e in touched {
        let mentions = &mut entities[e].mentions;
        mentions.sort_by_key(|m| (m.span.start, m.span.end));
        mentions.dedup_by_key(|m| m.span);
    }
}

/// Whether an entity already has a mention at or around `span` (its mentions are in
/// text order and do not overlap, so only the last one starting before `span` can).
fn covered(entity: &Entity, span: Span) -> bool {
    let k = entity
        .mentions
        .partition_point(|m| m.span.start <= span.start);
    k > 0 && entity.mentions[k - 1].span.contains_span(span)
}

/// Entities by name key and by surname key, for named speakers.
struct NameIndex {
    by_key: FxHashMap<String, usize>,
    /// Every person with that surname, in order of first mention.
    by_surname: FxHashMap<String, Vec<usize>>,
}

impl NameIndex {
    fn new(entities: &[Entity]) -> NameIndex {
        let mut index = NameIndex {
            by_key: FxHashMap::default(),
            by_surname: FxHashMap::default(),
        };
        for (i, e) in entities.iter().enumerate() {
            index.add(i, e);
        }
        index
    }

    fn add(&mut self, i: usize, e: &Entity) {
        for name in std::iter::once(&e.canonical).chain(e.aliases.iter()) {
            self.by_key.entry(name_key(name)).or_insert(i);
        }
        if e.kind == EntityKind::Person {
            self.by_surname
                .entry(surname_key(&e.canonical))
                .or_default()
                .push(i);
        }
    }
}

fn mark_in_quotes(occs: &mut [Occurrence], quotes: &[Quote]) {
    let mut spans: Vec<Span> = quotes.iter().map(|q| q.inner).collect();
    spans.sort_by_key(|s| s.start);
    let mut k = 0;
    for o in occs.iter_mut() {
        while k < spans.len() && spans[k].end <= o.span.start {
            k += 1;
        }
        o.in_quote = spans.get(k).is_some_and(|s| s.contains_span(o.span));
    }
}

/// Sentence and paragraph starts, to measure distances in sentences.
struct Layout {
    sentence_starts: Vec<usize>,
    paragraph_starts: Vec<usize>,
}

impl Layout {
    fn new(toks: &[Tok]) -> Layout {
        let mut sentence_starts = vec![0];
        let mut paragraph_starts = vec![0];
        for t in toks {
            if t.gap.sentence {
                sentence_starts.push(t.span.start);
            }
            if t.gap.paragraph {
                paragraph_starts.push(t.span.start);
            }
        }
        Layout {
            sentence_starts,
            paragraph_starts,
        }
    }

    fn sentence(&self, pos: usize) -> usize {
        self.sentence_starts
            .partition_point(|&s| s <= pos)
            .saturating_sub(1)
    }

    fn paragraph(&self, pos: usize) -> usize {
        self.paragraph_starts
            .partition_point(|&s| s <= pos)
            .saturating_sub(1)
    }
}

/// What a speaker mention is, read from its words.
enum MentionForm {
    PersonPronoun,
    PluralPronoun,
    Name,
    Description,
}

fn form_of(text: &str) -> MentionForm {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut buf = [0u8; 40];
    if words.len() == 1 {
        if let Some(w) = lx::fold(words[0], &mut buf) {
            if lx::is_person_pronoun(w) {
                return MentionForm::PersonPronoun;
            }
            if lx::is_plural_pronoun(w) {
                return MentionForm::PluralPronoun;
            }
        }
    }
    let starts_lower = words.first().is_some_and(|w| {
        let mut b = [0u8; 40];
        w.chars().next().is_some_and(char::is_lowercase)
            || lx::fold(w, &mut b).is_some_and(|f| matches!(f, "the" | "a" | "an"))
    });
    let toks = tokenize(text);
    let has_name = find_names(text, &toks)
        .iter()
        .any(|m| matches!(m.kind, NameKind::Person | NameKind::Single));
    if has_name && !starts_lower {
        MentionForm::Name
    } else if has_name {
        // "the general, Mikhail Mizintsev": a name after all.
        MentionForm::Name
    } else {
        MentionForm::Description
    }
}

/// What a speaker mention is resolved against (grouped to keep `resolve_one`'s
/// arguments few).
struct Context<'a> {
    /// Where the text names each entity, in text order.
    occs: &'a [Occurrence],
    /// The speaker mentions resolved so far, in text order.
    spoken: &'a [Occurrence],
    layout: &'a Layout,
    /// The previous quote's speaker and that quote's span.
    prev: Option<(usize, Span)>,
    /// The gender known of each entity so far.
    genders: &'a [Option<Gender>],
}

fn resolve_one(
    prose: &str,
    mention: Span,
    cx: &Context,
    entities: &mut Vec<Entity>,
    names: &mut Option<NameIndex>,
) -> Option<usize> {
    let Context {
        occs,
        layout,
        spoken,
        ..
    } = *cx;
    // A name mention the reader found inside the speaker mention: persons first.
    let inside = |person: bool| {
        let from = occs.partition_point(|o| o.span.end <= mention.start);
        let within: Vec<&Occurrence> = occs[from..]
            .iter()
            .take_while(|o| o.span.start < mention.end)
            .filter(|o| o.span.overlaps(mention))
            .filter(|o| (entities[o.entity].kind == EntityKind::Person) == person)
            .collect();
        head_of(prose, &within).map(|o| o.entity)
    };
    if let Some(e) = inside(true).or_else(|| inside(false)) {
        return Some(e);
    }
    let text = mention.slice(prose);
    if text.eq_ignore_ascii_case("who") {
        // "Pence, who called ...": the name just before the relative pronoun.
        return relative_antecedent(prose, mention.start, occs)
            .or_else(|| pronoun_antecedent(mention.start, None, cx, entities));
    }
    match form_of(text) {
        MentionForm::PersonPronoun => {
            pronoun_antecedent(mention.start, gender::of_pronoun(text), cx, entities)
        }
        MentionForm::PluralPronoun => plural_antecedent(mention.start, occs, entities, layout),
        MentionForm::Name => name_speaker(prose, mention, cx, entities, names),
        MentionForm::Description => {
            description_antecedent(text, mention.start, occs, spoken, entities)
        }
    }
}

/// Occurrences (names and earlier speakers) before `pos`, latest first.
fn before<'a>(pos: usize, occs: &'a [Occurrence], spoken: &'a [Occurrence]) -> Vec<&'a Occurrence> {
    let a = occs.partition_point(|o| o.span.start < pos);
    let b = spoken.partition_point(|o| o.span.start < pos);
    let mut out: Vec<&Occurrence> = Vec::new();
    let (mut i, mut j) = (a, b);
    // Merge backwards; stop after a bounded number, the callers look near `pos`.
    while (i > 0 || j > 0) && out.len() < 64 {
        let take_occ = match (i.checked_sub(1), j.checked_sub(1)) {
            (Some(x), Some(y)) => occs[x].span.start >= spoken[y].span.start,
            (Some(_), None) => true,
            _ => false,
        };
        if take_occ {
            i -= 1;
            out.push(&occs[i]);
        } else {
            j -= 1;
            out.push(&spoken[j]);
        }
    }
    out
}

/// The person a pronoun at `pos` refers to; `want` is the pronoun's gender ("she"),
/// `None` for "who".
fn pronoun_antecedent(
    pos: usize,
    want: Option<Gender>,
    cx: &Context,
    entities: &[Entity],
) -> Option<usize> {
    let Context {
        occs,
        spoken,
        layout,
        prev,
        genders,
    } = *cx;
    let gender_of = |e: usize| genders.get(e).copied().flatten();
    let agrees = |e: usize| Gender::agrees(gender_of(e), want);
    let known = |e: usize| want.is_some() && gender_of(e) == want;
    let here = layout.sentence(pos);
    let para = layout.paragraph(pos);
    let candidates: Vec<&Occurrence> = before(pos, occs, spoken)
        .into_iter()
        .filter(|o| !o.in_quote && o.span.end <= pos)
        .filter(|o| {
            entities
                .get(o.entity)
                .is_some_and(|e| e.kind == EntityKind::Person)
        })
        .take_while(|o| {
            here.saturating_sub(layout.sentence(o.span.start)) <= PRONOUN_SENTENCES
                && para.saturating_sub(layout.paragraph(o.span.start)) <= 1
        })
        .filter(|o| agrees(o.entity))
        .collect();
    // A subject whose gender is known to agree, then any subject, then anyone whose
    // gender is known to agree, then anyone: nearest first in each.
    let picked = candidates
        .iter()
        .find(|o| o.subject && known(o.entity))
        .or_else(|| candidates.iter().find(|o| o.subject))
        .or_else(|| candidates.iter().find(|o| known(o.entity)))
        .or_else(|| candidates.first());
    if let Some(o) = picked {
        return Some(o.entity);
    }
    // Nobody named nearby: the previous quote's speaker, if it was close and may be
    // the one meant.
    let (e, span) = prev?;
    (para.saturating_sub(layout.paragraph(span.start)) <= 2 && agrees(e)).then_some(e)
}

/// The gender of a speaker mention that is a gendered pronoun ("she").
fn pronoun_gender(prose: &str, mention: Span) -> Option<Gender> {
    let text = mention.slice(prose);
    if text.contains(char::is_whitespace) {
        return None;
    }
    gender::of_pronoun(text)
}

/// The gender an entity's names and titles agree on ("Mrs. Clinton", "Hillary
/// Clinton", "the congresswoman"); unknown when they say nothing or disagree.
fn entity_gender(e: &Entity) -> Option<Gender> {
    if e.kind != EntityKind::Person {
        return None;
    }
    let mut found: Option<Gender> = None;
    let names = std::iter::once(e.canonical.as_str())
        .chain(e.aliases.iter().map(String::as_str))
        .chain(e.mentions.iter().map(|m| m.text.as_str()))
        .chain(e.titles.iter().map(|t| t.text.as_str()));
    for text in names {
        match (found, gender::of_name(text)) {
            (Some(a), Some(b)) if a != b => return None,
            (None, Some(b)) => found = Some(b),
            _ => {}
        }
    }
    found
}

/// Of the names found inside one speaker mention, the one the mention is about:
/// `Trump's campaign manager Kellyanne Conway` is Conway, `The mayor's chief of staff,
/// Dana Ortiz,` is Ortiz, `Cruz spokesman Rick Tyler` is Tyler; `Sanders, who beat
/// Clinton in Michigan,` stays Sanders.
fn head_of<'o>(prose: &str, within: &[&'o Occurrence]) -> Option<&'o Occurrence> {
    let possessive = |o: &Occurrence| {
        prose
            .get(o.span.end..)
            .is_some_and(|rest| rest.starts_with("'s") || rest.starts_with("\u{2019}s"))
    };
    let mut k = within.iter().position(|o| !possessive(o)).unwrap_or(0);
    // A name that only modifies the next one ("Cruz spokesman Rick Tyler"): no comma,
    // parenthesis, dash or conjunction between them.
    while let Some(next) = within.get(k + 1) {
        let gap = prose
            .get(within[k].span.end..next.span.start)
            .unwrap_or(",");
        let joined = gap.contains([',', '(', ')', ';', '—', '–', '&'])
            || gap.split_whitespace().any(|w| {
                matches!(
                    w,
                    "and" | "or" | "with" | "of" | "for" | "by" | "to" | "who"
                )
            });
        if joined || gap.split_whitespace().count() > 4 {
            break;
        }
        k += 1;
    }
    within.get(k).copied()
}

/// The entity named right before a relative pronoun at `pos` (only a comma, a
/// parenthesis or spaces between them).
fn relative_antecedent(prose: &str, pos: usize, occs: &[Occurrence]) -> Option<usize> {
    let k = occs.partition_point(|o| o.span.end <= pos);
    let o = occs[..k].last()?;
    let gap = prose.get(o.span.end..pos)?;
    gap.chars()
        .all(|c| c.is_whitespace() || matches!(c, ',' | ')' | '.'))
        .then_some(o.entity)
}

fn plural_antecedent(
    pos: usize,
    occs: &[Occurrence],
    entities: &[Entity],
    layout: &Layout,
) -> Option<usize> {
    let para = layout.paragraph(pos);
    before(pos, occs, &[])
        .into_iter()
        .filter(|o| !o.in_quote && o.span.end <= pos)
        .take_while(|o| layout.paragraph(o.span.start) == para)
        .find(|o| {
            entities
                .get(o.entity)
                .is_some_and(|e| e.kind == EntityKind::Organisation)
        })
        .map(|o| o.entity)
}

/// A named speaker the name reader did not keep ("said Smith"): match it to an entity
/// by name or surname, else make it one.
fn name_speaker(
    prose: &str,
    mention: Span,
    cx: &Context,
    entities: &mut Vec<Entity>,
    names: &mut Option<NameIndex>,
) -> Option<usize> {
    let text = mention.slice(prose);
    let toks = tokenize(text);
    let found = find_names(text, &toks);
    let m = found
        .iter()
        .find(|m| matches!(m.kind, NameKind::Person | NameKind::Single))
        .or_else(|| found.first())?;
    let name = m.name.slice(text);
    let key = name_key(name);
    if key.is_empty() {
        return None;
    }
    let names = names.get_or_insert_with(|| NameIndex::new(entities));
    // "Mrs. Clinton" is never Bill Clinton.
    let want = gender::of_name(text);
    let agrees = |e: usize| {
        let known = cx.genders.get(e).copied().flatten();
        Gender::agrees(known, want)
    };
    if let Some(&e) = names.by_key.get(&key).filter(|&&e| agrees(e)) {
        return Some(e);
    }
    if let Some(bearers) = names.by_surname.get(&surname_key(name)) {
        // Of several people who share the surname, the one named last before the
        // mention, else the first named.
        let fitting: Vec<usize> = bearers.iter().copied().filter(|&e| agrees(e)).collect();
        let last_named = before(mention.start, cx.occs, cx.spoken)
            .into_iter()
            .find(|o| fitting.contains(&o.entity))
            .map(|o| o.entity);
        if let Some(e) = last_named.or_else(|| fitting.first().copied()) {
            return Some(e);
        }
    }
    let span = Span::new(mention.start + m.name.start, mention.start + m.name.end);
    let kind = if m.kind == NameKind::Organisation {
        EntityKind::Organisation
    } else {
        EntityKind::Person
    };
    let id = entities.len();
    entities.push(Entity {
        id: EntityId(id as u32),
        kind,
        canonical: name.to_string(),
        aliases: Vec::new(),
        mentions: vec![Mention {
            span,
            text: name.to_string(),
            kind: MentionKind::Name,
        }],
        titles: Vec::new(),
    });
    names.add(id, &entities[id]);
    Some(id)
}

/// "the general", "the Russian leader", "the influential US daily": the most recent
/// entity whose titles (or, for an organisation, whose name) fit the description.
fn description_antecedent(
    text: &str,
    pos: usize,
    occs: &[Occurrence],
    spoken: &[Occurrence],
    entities: &[Entity],
) -> Option<usize> {
    let office = office::Office::parse(text);
    let last_word = text
        .split(|c: char| !c.is_alphanumeric())
        .rfind(|w| !w.is_empty())
        .unwrap_or("");
    let mut buf = [0u8; 40];
    let noun = lx::fold(last_word, &mut buf).unwrap_or("").to_string();
    let fits = |e: &Entity| -> bool {
        match e.kind {
            EntityKind::Person => {
                office.head.is_some() && e.titles.iter().any(|t| office::describes(text, &t.text))
            }
            EntityKind::Organisation => org_fits(&noun, &e.canonical),
        }
    };
    let mut seen: Vec<usize> = Vec::new();
    for o in before(pos, occs, spoken) {
        if seen.contains(&o.entity) {
            continue;
        }
        seen.push(o.entity);
        if entities.get(o.entity).is_some_and(fits) {
            return Some(o.entity);
        }
    }
    None
}

/// Whether a common noun ("daily", "newspaper", "ministry") describes an organisation.
fn org_fits(noun: &str, name: &str) -> bool {
    let key = name_key(name);
    let has = |w: &str| key.split(' ').any(|k| k == w);
    match noun {
        "daily" | "newspaper" | "paper" | "outlet" | "publication" | "tabloid" | "broadsheet" => [
            "journal",
            "times",
            "post",
            "news",
            "herald",
            "tribune",
            "gazette",
            "telegraph",
            "guardian",
            "daily",
            "observer",
            "monitor",
        ]
        .iter()
        .any(|w| has(w)),
        "" => false,
        other => lx::is_org_word(other) && has(other),
    }
}

#[cfg(test)]
#[path = "coreference_tests.rs"]
mod tests;
