//! People and organisations as the corpus knows them, worked out when a check asks: the
//! sources whose running text has the name's words are read ([`NameSources`]), their
//! entities merged by name ([`super::name_merge`]), and the lookups answered on that merge
//! ([`super::name_lookup`]).
//!
//! Loading a corpus therefore analyses no source: it indexes the running text's words
//! (which the quote search needs anyway) and notes the capitalised words in a
//! [`Vocabulary`], the one table this module keeps, for near-miss spellings. A name's
//! answer costs the analysis of the sources that give it, at most [`READ_LIMIT`] of them;
//! for a name in more sources than that (a president in a year of wire copy) the answer
//! is built from the first ones and says how many it left out
//! ([`CorpusEntity::unread`]). Answers are kept until the corpus changes.
//!
//! Which sources a name needs: those that have every word of it, then those that have its
//! surname (a lone surname in one source joins the full name given in another) when
//! there are few enough to read them all, then, for an entity found under another of its
//! names (an alias), the sources of its fullest name. Of those sources' entities, only
//! those with a name sharing a word with the name asked (or with the names of what it
//! found) are merged. With no limit reached, the answer is the one a merge of every
//! source would give: `names_tests.rs` holds it to that, but for names the word index
//! splits another way than the names do (dots inside a word: "R-S.C" and "R-SC" are
//! found in the sources that write them as asked).
//!
//! It must not read files itself (that is [`NameSources`]) nor decide what a finding is.

use std::sync::{Arc, Mutex};

use rustc_hash::{FxHashMap, FxHashSet};

use super::name_lookup::{self, max_distance, NameTables};
use super::name_merge::MergedNames;
use super::source_names::SourceNames;
use super::vocabulary::Vocabulary;
use super::{CorpusEntity, SourceId};
use sourced_core::analysis::entity::{name_key, surname, surname_key};
use sourced_core::analysis::normalize::{self, normalize_word};
use sourced_core::analysis::{strip_possessive, EntityKind};

/// The most sources one name's answer reads.
pub const READ_LIMIT: usize = 64;

/// How many answers are kept before they are all dropped.
const KEPT: usize = 8192;

/// What the names index asks of the corpus.
pub trait NameSources: Sync {
    /// The ids of the live sources whose running text has the normalised word `norm`
    /// ([`sourced_core::analysis::normalize::words`]), in increasing order, each once.
    fn sources_with_word(&self, norm: &str) -> Vec<u32>;
    /// [`Self::sources_with_word`] of each of `norms`, in their order: a corpus that
    /// answers over a network answers them all in one question.
    fn sources_with_words(&self, norms: &[String]) -> Vec<Vec<u32>> {
        norms.iter().map(|n| self.sources_with_word(n)).collect()
    }
    /// The ids of the first `limit` live sources.
    fn first_sources(&self, limit: usize) -> Vec<u32>;
    /// The names of source `id`, from its analysis (`None`: it cannot be read now).
    fn source_names(&self, id: SourceId) -> Option<SourceNames>;
    /// Sources `ids` are about to be asked for their names, one by one: a corpus that
    /// reads sources over a network reads them all now, in one question. Nothing by
    /// default.
    fn read_ahead(&self, _ids: &[u32]) {}
    /// The corpus's capitalised words within `k` edits of `word`, as
    /// [`Vocabulary::near`] answers them.
    fn near_words(&self, word: &str, k: usize) -> Vec<String>;
    /// The corpus's capitalised words that contain `part` (lowercase), at most `limit`,
    /// as [`Vocabulary::containing`] answers them.
    fn words_containing(&self, part: &str, limit: usize) -> Vec<String>;
}

/// The questions whose answers are kept.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Asked {
    Named,
    Similar,
    Containing,
}

#[derive(Clone)]
enum Answer {
    Named(Vec<Arc<CorpusEntity>>),
    Similar(Vec<(String, Arc<CorpusEntity>)>),
    Containing(Vec<Arc<CorpusEntity>>),
}

/// The names index: the vocabulary, and the answers given since the corpus last changed.
pub struct NameIndex {
    pub vocabulary: Vocabulary,
    answers: Mutex<FxHashMap<(Asked, String), Answer>>,
    /// The most sources an answer reads ([`READ_LIMIT`]; tests lift it).
    limit: usize,
}

impl Default for NameIndex {
    fn default() -> NameIndex {
        NameIndex::new(Vocabulary::default())
    }
}

/// Sources chosen for a query: the ids to read, in increasing order, and how many sources
/// with every word of the name were left unread.
struct Chosen {
    ids: Vec<u32>,
    unread: usize,
}

impl NameIndex {
    pub fn new(vocabulary: Vocabulary) -> NameIndex {
        NameIndex {
            vocabulary,
            answers: Mutex::default(),
            limit: READ_LIMIT,
        }
    }

    /// Read every source a name needs, however many (for tests that compare the answers
    /// with a merge of the whole corpus).
    #[cfg(test)]
    pub(super) fn read_without_limit(&mut self) {
        self.limit = usize::MAX;
        self.forget_answers();
    }

    /// Drop the answers given so far (the corpus changed).
    pub fn forget_answers(&self) {
        if let Ok(mut a) = self.answers.lock() {
            a.clear();
        }
    }

    fn kept(&self, kind: Asked, name: &str) -> Option<Answer> {
        self.answers
            .lock()
            .ok()?
            .get(&(kind, name.to_string()))
            .cloned()
    }

    fn keep(&self, kind: Asked, name: &str, answer: Answer) {
        if let Ok(mut a) = self.answers.lock() {
            if a.len() >= KEPT {
                a.clear();
            }
            a.insert((kind, name.to_string()), answer);
        }
    }

    /// Entities named `name` (full name, alias), or with `name` as surname.
    pub fn named(&self, src: &dyn NameSources, name: &str) -> Vec<Arc<CorpusEntity>> {
        if let Some(Answer::Named(a)) = self.kept(Asked::Named, name) {
            return a;
        }
        let (merged, found, unread) = self.lookup(src, name);
        let answer: Vec<Arc<CorpusEntity>> = found
            .into_iter()
            .filter_map(|i| entity(&merged, i, unread))
            .collect();
        self.keep(Asked::Named, name, Answer::Named(answer.clone()));
        answer
    }

    /// The merge of the sources a name needs, the entities it answers to there, and how
    /// many sources with every word of the name were left unread.
    fn lookup(&self, src: &dyn NameSources, name: &str) -> (MergedNames, Vec<u32>, usize) {
        let key = name_key(name);
        if key.is_empty() {
            return (MergedNames::default(), Vec::new(), 0);
        }
        let chosen = choose(src, name, self.limit);
        let mut words = NameWords::default();
        words.add(name);
        let mut names = read(src, &chosen.ids);
        let mut merged = merge_sharing(&names, &words);
        let mut found = name_lookup::named(&merged, name);
        // An entity found under another of its names: the words of all its names count
        // (a lone surname joins it), and its fullest name's sources are read too.
        let mut grew = false;
        let mut more: Vec<u32> = Vec::new();
        for &i in &found {
            let all = merged.merged(i);
            for &n in &all {
                grew |= words.add(merged.string(n));
            }
            let Some(&c) = all.first() else {
                continue;
            };
            let canonical = merged.string(c);
            if name_key(canonical) != key {
                more.extend(choose(src, canonical, self.limit).ids);
            }
        }
        let known: FxHashSet<u32> = chosen.ids.iter().copied().collect();
        more.retain(|id| !known.contains(id));
        if !more.is_empty() && chosen.ids.len() < self.limit {
            more.sort_unstable();
            more.dedup();
            more.truncate(self.limit - chosen.ids.len());
            names.extend(read(src, &more));
            names.sort_by_key(|n| n.id);
            grew = true;
        }
        if grew {
            merged = merge_sharing(&names, &words);
            found = name_lookup::named(&merged, name);
        }
        (merged, found, chosen.unread)
    }

    /// Entities with a name a letter or two away from `name` (and none named exactly
    /// `name`), with the name that matched, in the order of the names. Near names are
    /// looked for word by word, so one that joins or splits words ("BernieSanders" for
    /// "Bernie Sanders") is not found.
    pub fn similar(&self, src: &dyn NameSources, name: &str) -> Vec<(String, Arc<CorpusEntity>)> {
        if let Some(Answer::Similar(a)) = self.kept(Asked::Similar, name) {
            return a;
        }
        let answer = self.find_similar(src, name);
        self.keep(Asked::Similar, name, Answer::Similar(answer.clone()));
        answer
    }

    fn find_similar(&self, src: &dyn NameSources, name: &str) -> Vec<(String, Arc<CorpusEntity>)> {
        let key = name_key(name);
        let k = max_distance(key.chars().count());
        let name_words = normalize::words(name);
        if k == 0 || name_words.is_empty() {
            return Vec::new();
        }
        // A name the corpus gives is not offered a near miss (the check has usually just
        // asked for it: the answer is kept).
        if !self.named_exactly(src, name).is_empty() {
            return Vec::new();
        }
        // Sources with a word near one of the name's words, ranked by how many of the
        // name's words (or near ones) they have.
        let mut score: FxHashMap<u32, (u32, bool)> = FxHashMap::default();
        let mut words = NameWords::default();
        words.add(name);
        for (pos, w) in name_words.iter().enumerate() {
            let q = &w.norm;
            let len = q.chars().count();
            let kq = if len < 3 { 0 } else { k };
            let mut near = src.near_words(q, kq);
            // Also near the word as written: normalising can move a misspelled word away
            // from the right one ("Bosise" is kept as "bosize", two edits from "bossie").
            let written = w.span.slice(name).to_lowercase();
            if written != *q && len >= 3 {
                near.extend(src.near_words(&written, kq));
                near.sort_unstable();
                near.dedup();
            }
            if !near.contains(q) {
                near.push(q.clone());
            }
            let bit = 1u32 << pos.min(31);
            let near_refs: Vec<&str> = near.iter().map(String::as_str).collect();
            let lists = sources_with_name_words(src, &near_refs);
            for (v, with_v) in near.iter().zip(lists) {
                let is_near = v != q;
                words.add_norm(v);
                for id in with_v {
                    let e = score.entry(id).or_insert((0, false));
                    e.0 |= bit;
                    e.1 |= is_near;
                }
            }
        }
        let mut ranked: Vec<(u32, u32)> = score
            .into_iter()
            .filter(|(_, (_, near))| *near)
            .map(|(id, (bits, _))| (id, bits.count_ones()))
            .collect();
        ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut ids: Vec<u32> = ranked.into_iter().take(self.limit).map(|r| r.0).collect();
        ids.sort_unstable();
        // The near names found there; each entity as a whole, from all its sources.
        let merged = merge_sharing(&read(src, &ids), &words);
        let mut written: Vec<String> = name_lookup::similar(&merged, name)
            .into_iter()
            .map(|(w, _)| merged.string(w).to_string())
            .collect();
        written.sort_unstable();
        written.dedup();
        let mut out: Vec<(String, Arc<CorpusEntity>)> = Vec::new();
        for w in written {
            for e in self.named_exactly(src, &w) {
                out.push((w.clone(), e));
            }
        }
        // Ties broken by where the entity is first mentioned, so that the order does not
        // depend on how a merge numbered them.
        let first = |e: &CorpusEntity| e.mentions.first().map(|m| (m.source, m.span.start));
        out.sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then(a.1.canonical.cmp(&b.1.canonical))
                .then(first(&a.1).cmp(&first(&b.1)))
        });
        out
    }

    /// The entities with `name` itself among their names (canonical, alias, or a
    /// person's surname), not merely found through it: [`Self::named`]'s answer, kept.
    fn named_exactly(&self, src: &dyn NameSources, name: &str) -> Vec<Arc<CorpusEntity>> {
        let key = name_key(name);
        self.named(src, name)
            .into_iter()
            .filter(|e| answers_to(e, &key))
            .collect()
    }

    /// Entities whose name contains `part` (case-insensitive; all when it is empty), from
    /// the sources of the first capitalised words that contain it, at most `limit`.
    pub fn containing(
        &self,
        src: &dyn NameSources,
        part: &str,
        limit: usize,
    ) -> Vec<Arc<CorpusEntity>> {
        let part = part.trim().to_lowercase();
        if let Some(Answer::Containing(a)) = self.kept(Asked::Containing, &part) {
            return a.into_iter().take(limit).collect();
        }
        let mut ids: Vec<u32> = if part.is_empty() {
            src.first_sources(self.limit)
        } else {
            let mut ids = Vec::new();
            for w in src.words_containing(&part, self.limit) {
                ids.extend(sources_with_name_word(src, &w));
                if ids.len() >= self.limit {
                    break;
                }
            }
            ids
        };
        ids.sort_unstable();
        ids.dedup();
        ids.truncate(self.limit);
        let merged = merge(src, &ids);
        let answer: Vec<Arc<CorpusEntity>> = (0..merged.entity_count() as u32)
            .filter(|&i| {
                merged
                    .merged(i)
                    .iter()
                    .any(|&n| merged.string(n).to_lowercase().contains(&part))
            })
            .filter_map(|i| entity(&merged, i, 0))
            .collect();
        self.keep(Asked::Containing, &part, Answer::Containing(answer.clone()));
        answer.into_iter().take(limit).collect()
    }
}

/// The sources with the name word `norm`, or with it in the possessive ("Assad's"), in
/// increasing order.
fn sources_with_name_word(src: &dyn NameSources, norm: &str) -> Vec<u32> {
    sources_with_name_words(src, &[norm])
        .pop()
        .unwrap_or_default()
}

/// [`sources_with_name_word`] of each of `norms`, in their order, asked of the corpus in
/// one question.
fn sources_with_name_words(src: &dyn NameSources, norms: &[&str]) -> Vec<Vec<u32>> {
    let mut asked: Vec<String> = Vec::with_capacity(norms.len() * 2);
    for norm in norms {
        asked.push(norm.to_string());
        if !norm.ends_with("'s") {
            asked.push(format!("{norm}'s"));
        }
    }
    let mut lists = src.sources_with_words(&asked).into_iter();
    norms
        .iter()
        .map(|norm| {
            let mut ids = lists.next().unwrap_or_default();
            if !norm.ends_with("'s") {
                ids.extend(lists.next().unwrap_or_default());
                ids.sort_unstable();
                ids.dedup();
            }
            ids
        })
        .collect()
}

/// Whether entity `e` has a name whose key is `key`: its canonical name, an alias, or, for
/// a person with a full name, the surname (the names a merge links it under).
fn answers_to(e: &CorpusEntity, key: &str) -> bool {
    let surname_of_person = (e.kind == EntityKind::Person
        && e.canonical.split_whitespace().nth(1).is_some())
    .then(|| surname(&e.canonical));
    std::iter::once(e.canonical.as_str())
        .chain(e.aliases.iter().map(String::as_str))
        .chain(surname_of_person)
        .any(|n| name_key(n) == key)
}

/// The normalised words of a name, as the word index has them.
fn norms_of(name: &str) -> Vec<String> {
    normalize::words(name).into_iter().map(|w| w.norm).collect()
}

/// The sources `name` needs: those with every word of it, then those with its surname's
/// last word, at most `limit`.
fn choose(src: &dyn NameSources, name: &str, limit: usize) -> Chosen {
    let norms = norms_of(name);
    let mut distinct: Vec<&str> = norms.iter().map(String::as_str).collect();
    distinct.sort_unstable();
    distinct.dedup();
    // The sources with the surname's last word, where a lone surname could join the name
    // (the surname as written, "al-Assad", and as its key has it, "assad"): asked with
    // the name's words, in one question.
    let mut lasts: Vec<String> = [surname(name).to_string(), surname_key(&name_key(name))]
        .iter()
        .filter_map(|s| norms_of(s).pop())
        .collect();
    lasts.dedup();
    let asked: Vec<&str> = distinct
        .iter()
        .copied()
        .chain(lasts.iter().map(String::as_str))
        .collect();
    let mut lists = sources_with_name_words(src, &asked);
    let of_lasts = lists.split_off(distinct.len());
    lists.sort_by_key(Vec::len);
    let mut all: Vec<u32> = lists.first().cloned().unwrap_or_default();
    for l in lists.iter().skip(1) {
        all.retain(|id| l.binary_search(id).is_ok());
    }
    let unread = all.len().saturating_sub(limit);
    let mut ids: Vec<u32> = all.iter().take(limit).copied().collect();
    // Those with the surname's last word only when they can all be read. A common last
    // word ("School", "Ministry") would otherwise fill the reading with sources picked by
    // their number, and a surname given alone in more sources than that is too common to
    // join one full name anyway.
    for with_last in of_lasts {
        let taken: FxHashSet<u32> = ids.iter().copied().collect();
        let alone: Vec<u32> = with_last
            .into_iter()
            .filter(|id| !taken.contains(id))
            .collect();
        if ids.len().saturating_add(alone.len()) <= limit {
            ids.extend(alone);
        }
    }
    ids.sort_unstable();
    Chosen { ids, unread }
}

/// The names of sources `ids`, in the order of `ids` (read on two threads when there
/// are many).
fn read(src: &dyn NameSources, ids: &[u32]) -> Vec<SourceNames> {
    src.read_ahead(ids);
    let read_part = |part: &[u32]| -> Vec<SourceNames> {
        part.iter()
            .filter_map(|&id| src.source_names(SourceId(id)))
            .collect()
    };
    if ids.len() < 8 {
        return read_part(ids);
    }
    let (a, b) = ids.split_at(ids.len() / 2);
    std::thread::scope(|scope| {
        let other = scope.spawn(|| read_part(b));
        let mut first = read_part(a);
        match other.join() {
            Ok(second) => first.extend(second),
            Err(_) => first.extend(read_part(b)),
        }
        first
    })
}

/// The entities of sources `ids` merged, all of them.
fn merge(src: &dyn NameSources, ids: &[u32]) -> MergedNames {
    MergedNames::of(&read(src, ids))
}

/// The entities of `names` that have a name with one of `words`, merged. A news article
/// names forty-odd people, places and bodies: merging only those that could answer a
/// query costs a few of them, and gives the same entities for those words (a record
/// joins an entity only through a name sharing its words).
fn merge_sharing(names: &[SourceNames], words: &NameWords) -> MergedNames {
    let kept: Vec<SourceNames> = names
        .iter()
        .map(|n| SourceNames {
            id: n.id,
            entities: n
                .entities
                .iter()
                .filter(|e| {
                    words.shared_by(&e.canonical) || e.aliases.iter().any(|a| words.shared_by(a))
                })
                .cloned()
                .collect(),
        })
        .collect();
    MergedNames::of(&kept)
}

/// The words of some names, in the forms [`NameWords::shared_by`] compares: lower case,
/// without a possessive ending, whole, as the word index normalises it, without hyphens
/// and dots, and each hyphenated part ("Al-Assad's": "al-assad", "alassad", "al",
/// "assad"), so that a name written another way still shares a word.
#[derive(Default)]
struct NameWords {
    words: FxHashSet<String>,
}

impl NameWords {
    /// Add the words of `name`; whether one was new.
    fn add(&mut self, name: &str) -> bool {
        let mut grew = false;
        for w in name.split_whitespace() {
            for_each_form(w, |f| {
                if !self.words.contains(f) {
                    self.words.insert(f.to_string());
                    grew = true;
                }
                false
            });
        }
        grew
    }

    /// Add a word as the word index normalises it (near misses from the vocabulary).
    fn add_norm(&mut self, norm: &str) {
        self.words.insert(norm.to_string());
    }

    /// Whether `name` has a word in one of the forms here.
    fn shared_by(&self, name: &str) -> bool {
        name.split_whitespace()
            .any(|w| for_each_form(w, |f| self.words.contains(f)))
    }
}

/// Call `f` with each form of the word `w` (see [`NameWords`]) until it returns true;
/// whether it did.
fn for_each_form(w: &str, mut f: impl FnMut(&str) -> bool) -> bool {
    let lower = strip_possessive(w).to_lowercase().replace('\u{2019}', "'");
    let lower = lower.as_str();
    if f(lower) {
        return true;
    }
    // As the word index normalises it ("Promise" is kept as "promize").
    let norm = normalize_word(lower);
    if norm != lower && f(&norm) {
        return true;
    }
    if lower.contains(['-', '.', '\u{2010}', '\u{2011}']) {
        let joined: String = lower
            .chars()
            .filter(|c| !matches!(c, '-' | '.' | '\u{2010}' | '\u{2011}'))
            .collect();
        if f(&joined) {
            return true;
        }
        for part in lower.split(['-', '\u{2010}', '\u{2011}']) {
            if !part.is_empty() && f(part) {
                return true;
            }
        }
    }
    false
}

/// Entity `i` of a merge, with how many of its sources were left unread.
fn entity(merged: &MergedNames, i: u32, unread: usize) -> Option<Arc<CorpusEntity>> {
    let mut e = name_lookup::build(merged, i)?;
    e.unread = unread;
    Some(Arc::new(e))
}

#[cfg(test)]
#[path = "entities_tests.rs"]
mod tests;
