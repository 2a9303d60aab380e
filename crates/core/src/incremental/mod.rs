//! Incremental checking: a keystroke re-checks only the quotes it changed.
//!
//! [`crate::check::check`] judges every quote of the draft, which costs a corpus query and
//! an alignment per quote. The verdict on a quote chain (with its findings) depends on the
//! text of its quotes, of their speaker mentions and cues, on who the draft says spoke it
//! (the speaker's names and titles), on the options and on the corpus: not on where the
//! chain is, nor on the words around it. So the verdicts are kept, keyed by exactly that,
//! per corpus generation, with their draft spans placed relative to the chain's anchors
//! (each quote's span and inside, its mention, its cue); a check then runs
//! [`crate::check::check`] on the draft with only the quotes that are not known, and puts
//! the known verdicts where their anchors now are. Typing in a paragraph outside its
//! quotations and attributions re-checks nothing. People likewise: what the corpus knows
//! of a person and the name and title findings on their mentions depend on their names,
//! the text of their mentions and titles and the words before each title
//! ([`crate::check::check_entity`]); they are kept by exactly that, placed on the mentions
//! and titles.
//!
//! The result is the same [`Report`] the whole check gives; the tests compare the two
//! after edits of every kind (typing inside and around quotes, renaming a speaker in
//! another paragraph, deleting and pasting paragraphs).

pub mod query_cache;

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::hash::{Hash, Hasher};

use std::sync::Arc;

use crate::analysis::{Analysis, Entity, Span};
use crate::check::title_mismatch::{is_about_a_year, words_before};
use crate::check::{
    check_entity, in_draft_order, CheckOptions, Finding, PersonReport, QuoteVerdict, Report,
    WordCache,
};
use crate::index::{CorpusEntity, CorpusIndex};

/// Verdicts kept per corpus before the cache starts again empty.
pub const MAX_CHAINS: usize = 5_000;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct ChainKey {
    /// The chain's quotes, attributions and cues, as text, without positions.
    parts: String,
    speakers: String,
    options: String,
}

/// A place in the draft relative to one of its chain's anchors: (anchor, start, end).
type Placed = (usize, usize, usize);

/// A chain's verdicts and findings, their draft spans placed on the chain's anchors.
#[derive(Clone, Debug)]
struct Known {
    verdicts: Vec<(QuoteVerdict, Placed)>,
    findings: Vec<(Finding, Placed)>,
}

/// A person's verdict: the corpus entity they are, and the name and title findings on
/// their mentions, placed on the mentions and titles.
#[derive(Clone, Debug)]
struct KnownEntity {
    person: Option<Arc<CorpusEntity>>,
    findings: Vec<(Finding, Placed)>,
}

/// The verdicts known for one corpus at one generation: on quote chains and on people.
#[derive(Default)]
pub struct ChainCache {
    generation: u64,
    known: HashMap<ChainKey, Known>,
    entities: HashMap<String, KnownEntity>,
    /// Chains reused and chains checked, people reused and checked, for the tests.
    pub reused: u64,
    pub checked: u64,
    pub entities_reused: u64,
    pub entities_checked: u64,
}

/// The draft spans a chain's verdicts and findings can lie on: for each quote, its span,
/// what its marks enclose, its speaker mention and its cue.
fn anchors(analysis: &Analysis, chain: &[usize]) -> Vec<Option<Span>> {
    let mut out = Vec::with_capacity(chain.len() * 4);
    for &i in chain {
        let q = &analysis.quotes[i];
        out.push(Some(q.span));
        out.push(Some(q.inner));
        out.push(q.speaker.as_ref().map(|sp| sp.mention));
        out.push(q.cue.as_ref().map(|c| c.span));
    }
    out
}

/// `span` relative to the first anchor that contains it.
fn place(anchors: &[Option<Span>], span: Span) -> Option<Placed> {
    anchors.iter().enumerate().find_map(|(k, a)| {
        let a = (*a)?;
        a.contains_span(span)
            .then(|| (k, span.start - a.start, span.end - a.start))
    })
}

/// The draft span of a placed span, on the anchors of the chain as it is now.
fn unplace(anchors: &[Option<Span>], (k, start, end): Placed) -> Option<Span> {
    let a = anchors.get(k).copied().flatten()?;
    Some(Span::new(a.start + start, a.start + end))
}

/// Append one text field to a key, prefixed by its length, so that two different
/// sequences of fields never make the same key (and nothing needs escaping).
fn field(key: &mut String, text: &str) {
    let _ = write!(key, "{}:", text.len());
    key.push_str(text);
}

/// What a chain's verdict can depend on in the draft, besides who the speakers are: the
/// text of each quote and of its attribution and cue, and where the marks' inside lies
/// in the quotation. Not where the chain is, nor the text around it.
fn parts_key(draft: &str, analysis: &Analysis, chain: &[usize]) -> String {
    let mut key = String::new();
    for (k, &i) in chain.iter().enumerate() {
        let q = &analysis.quotes[i];
        field(&mut key, q.span.slice(draft));
        let _ = write!(
            key,
            "{}|{}|",
            q.inner.start.wrapping_sub(q.span.start),
            q.inner.end.wrapping_sub(q.span.start)
        );
        field(&mut key, &q.text);
        key.push(if q.closed { 'C' } else { 'O' });
        key.push(if k > 0 && q.continues_previous {
            '+'
        } else {
            '-'
        });
        if let Some(sp) = &q.speaker {
            key.push('s');
            field(&mut key, sp.mention.slice(draft));
        }
        if let Some(c) = &q.cue {
            key.push('c');
            field(&mut key, c.span.slice(draft));
            field(&mut key, &c.text);
        }
        key.push('\n');
    }
    key
}

/// What a chain's verdict can depend on in a draft entity: its names and titles, each
/// once. Made once per entity and check, not per chain: a person named with many
/// titles all through a long draft would otherwise make every chain's key as long as
/// the draft, and memory and time grow with its square. A long description is kept as
/// a 128-bit digest of itself, so that a key's length does not depend on the draft.
fn entity_part(entity: &Entity) -> String {
    let mut part = String::new();
    field(&mut part, &entity.canonical);
    let _ = write!(part, "{:?}/", entity.kind);
    let mut seen: HashSet<&str> = HashSet::new();
    for a in &entity.aliases {
        if seen.insert(a) {
            field(&mut part, a);
        }
    }
    part.push('/');
    seen.clear();
    for t in &entity.titles {
        if seen.insert(&t.normalized) {
            field(&mut part, &t.normalized);
        }
    }
    if part.len() <= MAX_PART {
        return part;
    }
    let digest = |salt: u8| {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        salt.hash(&mut h);
        part.hash(&mut h);
        h.finish()
    };
    format!("#{}:{:016x}{:016x}", part.len(), digest(1), digest(2))
}

/// Entity descriptions longer than this are kept in chain keys as digests.
const MAX_PART: usize = 256;

/// What the draft says about who spoke the quotes of a chain, without positions
/// (`entity_parts` holds [`entity_part`] of each entity of the analysis).
fn speakers_key(analysis: &Analysis, chain: &[usize], entity_parts: &[String]) -> String {
    let mut key = String::new();
    for &i in chain {
        let q = &analysis.quotes[i];
        match &q.speaker {
            None => key.push('-'),
            Some(sp) => {
                key.push('s');
                field(&mut key, &sp.mention_text);
                let _ = write!(key, "{:?}/{}", sp.kind, sp.inherited);
                if let Some(part) = sp.entity.and_then(|id| entity_parts.get(id.0 as usize)) {
                    key.push('=');
                    key.push_str(part);
                }
            }
        }
        key.push('|');
    }
    key
}

/// How the draft makes the chain's speaker its speaker, which depends on the people the
/// text names around the attribution, not on the chain alone.
fn basis_key(draft: &str, analysis: &Analysis, chain: &[usize]) -> &'static str {
    chain
        .first()
        .and_then(|&i| crate::check::speakers::draft_speaker(analysis, i))
        .map_or("", |(_, _, at)| {
            crate::check::speakers::speaker_basis(analysis, draft, at).as_str()
        })
}

/// Check `draft` as [`check`] does, reusing the verdicts `cache` knows and the source
/// words `words` keeps.
pub fn check_incremental(
    draft: &str,
    analysis: &Analysis,
    corpus: &dyn CorpusIndex,
    options: &CheckOptions,
    cache: &std::sync::Mutex<ChainCache>,
    words: &WordCache,
    generation: u64,
) -> Report {
    words.prepare(generation);
    let options_key = serde_json::to_string(options).unwrap_or_default();
    let all_chains = analysis.quote_chains();
    let entity_parts: Vec<String> = analysis.entities.iter().map(entity_part).collect();
    let keyed: Vec<(Vec<usize>, ChainKey, Vec<Option<Span>>)> = all_chains
        .into_iter()
        .map(|chain| {
            let key = ChainKey {
                parts: parts_key(draft, analysis, &chain),
                speakers: format!(
                    "{}{}",
                    speakers_key(analysis, &chain, &entity_parts),
                    basis_key(draft, analysis, &chain)
                ),
                options: options_key.clone(),
            };
            let anchors = anchors(analysis, &chain);
            (chain, key, anchors)
        })
        .collect();
    let mut known: Vec<Option<Known>> = {
        let mut c = crate::sync::lock(cache);
        if c.generation != generation || c.known.len() > MAX_CHAINS || c.entities.len() > MAX_CHAINS
        {
            c.known.clear();
            c.entities.clear();
            c.generation = generation;
        }
        let found: Vec<Option<Known>> = keyed
            .iter()
            .map(|(_, k, _)| c.known.get(k).cloned())
            .collect();
        let reused = found.iter().filter(|k| k.is_some()).count() as u64;
        c.reused += reused;
        c.checked += found.len() as u64 - reused;
        found
    };

    // Check the unknown chains on a draft analysis that holds only their quotes (none
    // when every chain is known, as on most keystrokes: then nothing is copied).
    let mut reduced_quotes = Vec::new();
    let mut back: Vec<usize> = Vec::new(); // reduced quote index -> draft quote index
    for ((chain, _, _), k) in keyed.iter().zip(&known) {
        if k.is_none() {
            for &i in chain {
                let mut q = analysis.quotes[i].clone();
                if i == chain[0] {
                    q.continues_previous = false;
                }
                reduced_quotes.push(q);
                back.push(i);
            }
        }
    }
    let (fresh_quotes, fresh_findings) = if reduced_quotes.is_empty() {
        (Vec::new(), Vec::new())
    } else {
        let reduced = Analysis {
            quotes: reduced_quotes,
            entities: analysis.entities.clone(),
        };
        let basis_of = |i: usize| {
            back.get(i)
                .map_or(crate::check::SpeakerBasis::Guessed, |&full| {
                    crate::check::speakers::speaker_basis(analysis, draft, full)
                })
        };
        crate::check::check_quotes_part(draft, &reduced, corpus, options, words, &basis_of)
    };

    let mut verdicts: Vec<Option<QuoteVerdict>> = vec![None; analysis.quotes.len()];
    let mut findings: Vec<Finding> = Vec::new();
    for mut v in fresh_quotes {
        if let Some(&i) = back.get(v.quote) {
            v.quote = i;
            verdicts[i] = Some(v);
        }
    }
    for mut f in fresh_findings {
        match f.quote {
            Some(ri) => {
                if let Some(&i) = back.get(ri) {
                    f.quote = Some(i);
                    findings.push(f);
                }
            }
            None => findings.push(f),
        }
    }
    // The fresh findings of each quote (looked up per chain: scanning all findings for
    // every chain made a draft of 17,000 quotes take 40 s in a debug build).
    let mut by_quote: Vec<Vec<usize>> = vec![Vec::new(); analysis.quotes.len()];
    for (n, f) in findings.iter().enumerate() {
        if let Some(list) = f.quote.and_then(|q| by_quote.get_mut(q)) {
            list.push(n);
        }
    }
    // Learn the fresh chains; reuse the known ones, placed where their anchors are now.
    let mut learned: Vec<(ChainKey, Known)> = Vec::new();
    for ((chain, key, anchors), k) in keyed.iter().zip(known.iter_mut()) {
        match k.take() {
            Some(old) => {
                for (&i, (mut v, at)) in chain.iter().zip(old.verdicts) {
                    v.quote = i;
                    v.span = unplace(anchors, at).unwrap_or(v.span);
                    verdicts[i] = Some(v);
                }
                for (mut f, at) in old.findings {
                    f.span = unplace(anchors, at).unwrap_or(f.span);
                    f.quote = f.quote.and_then(|pos| chain.get(pos).copied());
                    findings.push(f);
                }
            }
            None => {
                let vs: Vec<QuoteVerdict> =
                    chain.iter().filter_map(|&i| verdicts[i].clone()).collect();
                let mut mine: Vec<usize> = chain
                    .iter()
                    .filter_map(|&q| by_quote.get(q))
                    .flatten()
                    .copied()
                    .collect();
                mine.sort_unstable();
                let fs: Vec<Finding> = mine.iter().map(|&n| findings[n].clone()).collect();
                let placed_vs: Option<Vec<(QuoteVerdict, Placed)>> = vs
                    .into_iter()
                    .map(|v| place(anchors, v.span).map(|at| (v, at)))
                    .collect();
                let placed_fs: Option<Vec<(Finding, Placed)>> = fs
                    .into_iter()
                    .map(|mut f| {
                        // Position of its quote within the chain.
                        f.quote = f.quote.and_then(|q| chain.iter().position(|&i| i == q));
                        place(anchors, f.span).map(|at| (f, at))
                    })
                    .collect();
                // Only what lies on the chain's anchors can be moved with it.
                if let (Some(verdicts), Some(findings)) = (placed_vs, placed_fs) {
                    if verdicts.len() == chain.len() {
                        learned.push((key.clone(), Known { verdicts, findings }));
                    }
                }
            }
        }
    }
    {
        let mut c = crate::sync::lock(cache);
        if c.generation == generation {
            c.known.extend(learned);
        }
    }
    let people = check_entities(
        draft,
        analysis,
        corpus,
        options,
        &options_key,
        cache,
        generation,
        &mut findings,
    );
    in_draft_order(&mut findings);
    Report {
        findings,
        quotes: verdicts.into_iter().flatten().collect(),
        people,
    }
}

/// What a person's verdict depends on in the draft: their names, the kinds and text of
/// their mentions, their titles, the words before each title and whether its sentence
/// names a year. Not where they are.
fn entity_key(draft: &str, entity: &Entity, options_key: &str) -> String {
    let mut key = String::new();
    let _ = write!(key, "{:?}|", entity.kind);
    field(&mut key, &entity.canonical);
    let _ = write!(key, "{}|", entity.aliases.len());
    for a in &entity.aliases {
        field(&mut key, a);
    }
    for m in &entity.mentions {
        let _ = write!(key, "m{:?}", m.kind);
        field(&mut key, m.span.slice(draft));
    }
    for t in &entity.titles {
        key.push('t');
        field(&mut key, t.span.slice(draft));
        field(&mut key, &t.text);
        field(&mut key, &t.normalized);
        let before = words_before(draft, t.span);
        let _ = write!(key, "{}|", before.len());
        for w in before {
            field(&mut key, w);
        }
        let _ = write!(key, "{}|", is_about_a_year(draft, t.span));
    }
    key.push('|');
    key.push_str(options_key);
    key
}

/// The draft spans a person's findings lie on: their mentions and titles.
fn entity_anchors(entity: &Entity) -> Vec<Option<Span>> {
    entity
        .mentions
        .iter()
        .map(|m| Some(m.span))
        .chain(entity.titles.iter().map(|t| Some(t.span)))
        .collect()
}

/// What the corpus knows of each person of the draft, and their name and title
/// findings (pushed to `findings`), reusing the verdicts `cache` knows.
#[allow(clippy::too_many_arguments)]
fn check_entities(
    draft: &str,
    analysis: &Analysis,
    corpus: &dyn CorpusIndex,
    options: &CheckOptions,
    options_key: &str,
    cache: &std::sync::Mutex<ChainCache>,
    generation: u64,
    findings: &mut Vec<Finding>,
) -> Vec<PersonReport> {
    let mut people = Vec::new();
    for entity in &analysis.entities {
        let key = entity_key(draft, entity, options_key);
        let anchors = entity_anchors(entity);
        let hit = {
            let mut c = crate::sync::lock(cache);
            let hit = c.entities.get(&key).cloned();
            if hit.is_some() {
                c.entities_reused += 1;
            } else {
                c.entities_checked += 1;
            }
            hit
        };
        let known = match hit {
            Some(k) => {
                for (mut f, at) in k.findings {
                    f.span = unplace(&anchors, at).unwrap_or(f.span);
                    findings.push(f);
                }
                k.person
            }
            None => {
                let (person, fresh) = check_entity(draft, entity, corpus, options);
                let placed: Option<Vec<(Finding, Placed)>> = fresh
                    .iter()
                    .map(|f| place(&anchors, f.span).map(|at| (f.clone(), at)))
                    .collect();
                findings.extend(fresh);
                if let Some(placed) = placed {
                    let mut c = crate::sync::lock(cache);
                    if c.generation == generation {
                        c.entities.insert(
                            key,
                            KnownEntity {
                                person: person.clone(),
                                findings: placed,
                            },
                        );
                    }
                }
                person
            }
        };
        if let Some(corpus) = known {
            people.push(PersonReport {
                entity: entity.id,
                corpus,
            });
        }
    }
    people
}
