//! People and organisations across the corpus: each source's entities merged by name, and
//! the lookups the checks make (a name, a surname, an alias; a near-miss spelling).
//!
//! Names are compared by the analysis's own keys ([`name_key`], [`surname_key`]), so the
//! corpus and the draft agree on what "the same name" is. An entity is merged from its
//! members, the `(source, entity)` pairs that name it, so that when one source changes
//! only the entities it named are rebuilt. Near misses are found through a trigram index
//! of the distinct names, so a lookup reads only the names that share letters with it.
//!
//! The index keeps what it needs of each member (its names and quote count; its titles
//! and mentions live in the merged entity), so that adding or removing a source never
//! reads or analyses another source again: loading can drop each source's text and
//! analysis as soon as its [`SourceNames`] are taken.

use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

use super::{CorpusEntity, CorpusTitle, Location, SourceId};
use crate::analysis::entity::{name_key, surname, surname_key};
use crate::analysis::{Analysis, EntityId, EntityKind, Span, TitleMention};

/// What one source contributes to the names index: its entities, without its text.
#[derive(Clone, Debug, PartialEq)]
pub struct SourceNames {
    pub id: SourceId,
    pub entities: Vec<EntityNames>,
}

/// One entity of one source, as the names index merges it.
#[derive(Clone, Debug, PartialEq)]
pub struct EntityNames {
    pub id: EntityId,
    pub kind: EntityKind,
    pub canonical: String,
    pub aliases: Vec<String>,
    pub titles: Vec<TitleMention>,
    pub mentions: Vec<Span>,
    /// How many of the source's quotes are attributed to it.
    pub quotes: u32,
}

impl SourceNames {
    /// The names of source `id` from its analysis.
    pub fn of(id: SourceId, analysis: &Analysis) -> SourceNames {
        SourceNames {
            id,
            entities: analysis
                .entities
                .iter()
                .map(|e| EntityNames {
                    id: e.id,
                    kind: e.kind,
                    canonical: e.canonical.clone(),
                    aliases: e.aliases.clone(),
                    titles: e.titles.clone(),
                    mentions: e.mentions.iter().map(|m| m.span).collect(),
                    quotes: analysis
                        .quotes
                        .iter()
                        .filter(|q| q.speaker.as_ref().and_then(|s| s.entity) == Some(e.id))
                        .count() as u32,
                })
                .collect(),
        }
    }
}

/// One `(source, entity)` pair merged into an entity: what is needed to merge its names
/// again when another member leaves.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct Member {
    source: SourceId,
    entity: EntityId,
    kind: EntityKind,
    canonical: String,
    aliases: Vec<String>,
    quotes: u32,
}

/// The surname key of a full name (one of more than one word).
fn full_name_surname(key: &str) -> Option<String> {
    key.contains(' ')
        .then(|| surname_key(key))
        .filter(|s| !s.is_empty())
}

/// The largest edit distance at which a name of `len` characters is a near miss.
fn max_distance(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

#[derive(Default, Clone, Serialize, Deserialize)]
pub struct NameIndex {
    entities: Vec<Option<Arc<CorpusEntity>>>,
    /// The `(source, entity)` pairs merged into each entity, in the order they joined.
    members: Vec<Vec<Member>>,
    /// The merge key (name key of the first canonical name) of each entity.
    merge_keys: Vec<String>,
    /// Merge key -> entity.
    by_merge_key: FxHashMap<String, u32>,
    /// Surname key -> persons with a full name of that surname.
    by_surname: FxHashMap<String, Vec<u32>>,
    /// Distinct names (their keys); a name's id is its position.
    names: Vec<NameEntry>,
    name_ids: FxHashMap<String, u32>,
    /// Trigram of a name key -> ids of the names containing it.
    trigrams: FxHashMap<[char; 3], Vec<u32>>,
    /// The entities each source contributes to.
    by_source: FxHashMap<SourceId, Vec<u32>>,
    /// Name keys computed while adding sources (names repeat across sources).
    #[serde(skip)]
    key_memo: FxHashMap<String, String>,
}

#[derive(Default, Clone, Serialize, Deserialize)]
struct NameEntry {
    key: String,
    /// The name as a source writes it.
    written: String,
    entities: Vec<u32>,
}

impl NameIndex {
    /// Merge the entities of `sources` into the index (sources not in it yet).
    pub fn add_sources(&mut self, sources: &[SourceNames]) {
        let mut pairs: Vec<(SourceId, &EntityNames, String)> = sources
            .iter()
            .flat_map(|s| s.entities.iter().map(move |e| (s.id, e)))
            .map(|(s, e)| (s, e, self.key(&e.canonical)))
            .filter(|(_, _, key)| !key.is_empty())
            .collect();
        // Full names first, so that a lone surname can join the full name it belongs to.
        pairs.sort_by_key(|(s, e, key)| (std::cmp::Reverse(key.split(' ').count()), *s, e.id));
        let mut added: FxHashMap<u32, Vec<(SourceId, &EntityNames)>> = FxHashMap::default();
        let mut touched = Vec::new();
        for (source, e, key) in pairs {
            let idx = match self.by_merge_key.get(&key) {
                Some(&i) => i,
                None => match self.lone_surname_target(&key, e.kind) {
                    Some(i) => i,
                    None => self.new_entity(key, e.kind),
                },
            };
            if let Some(m) = self.members.get_mut(idx as usize) {
                m.push(Member {
                    source,
                    entity: e.id,
                    kind: e.kind,
                    canonical: e.canonical.clone(),
                    aliases: e.aliases.clone(),
                    quotes: e.quotes,
                });
            }
            let list = self.by_source.entry(source).or_default();
            if !list.contains(&idx) {
                list.push(idx);
            }
            added.entry(idx).or_default().push((source, e));
            touched.push(idx);
        }
        touched.sort_unstable();
        touched.dedup();
        for idx in touched {
            let new = added.remove(&idx).unwrap_or_default();
            self.rebuild(idx, &new, None);
        }
        self.key_memo = FxHashMap::default();
    }

    /// [`name_key`], remembered while sources are being added.
    fn key(&mut self, name: &str) -> String {
        if let Some(k) = self.key_memo.get(name) {
            return k.clone();
        }
        let k = name_key(name);
        self.key_memo.insert(name.to_string(), k.clone());
        k
    }

    /// Take the entities of source `id` out of the index.
    pub fn remove_source(&mut self, id: SourceId) {
        let Some(touched) = self.by_source.remove(&id) else {
            return;
        };
        for idx in touched {
            if let Some(m) = self.members.get_mut(idx as usize) {
                m.retain(|m| m.source != id);
            }
            self.rebuild(idx, &[], Some(id));
        }
        self.key_memo = FxHashMap::default();
    }

    fn lone_surname_target(&self, key: &str, kind: EntityKind) -> Option<u32> {
        if kind != EntityKind::Person || key.contains(' ') {
            return None;
        }
        match self.by_surname.get(&surname_key(key)).map(Vec::as_slice) {
            // Ambiguous surnames (two Assads) are not merged.
            Some([only]) => Some(*only),
            _ => None,
        }
    }

    fn new_entity(&mut self, key: String, kind: EntityKind) -> u32 {
        let idx = self.entities.len() as u32;
        self.entities.push(None);
        self.members.push(Vec::new());
        self.by_merge_key.insert(key.clone(), idx);
        if kind == EntityKind::Person {
            if let Some(s) = full_name_surname(&key) {
                self.by_surname.entry(s).or_default().push(idx);
            }
        }
        self.merge_keys.push(key);
        idx
    }

    /// Recompute entity `idx` from its members, and its names in the lookups: its names
    /// and quote count from the members; its titles and mentions are the old ones without
    /// those of source `removed`, then those of the members just `added` (so they stay in
    /// the order of the members, as if merged afresh).
    fn rebuild(&mut self, idx: u32, added: &[(SourceId, &EntityNames)], removed: Option<SourceId>) {
        let i = idx as usize;
        let old = self.entities.get_mut(i).and_then(Option::take);
        if let Some(old) = &old {
            for name in names_of(old) {
                self.unlink_name(&name, idx);
            }
        }
        let Some(members) = self.members.get(i) else {
            return;
        };
        let mut merged: Option<CorpusEntity> = None;
        for e in members {
            let m = merged.get_or_insert_with(|| CorpusEntity {
                kind: e.kind,
                canonical: e.canonical.clone(),
                aliases: Vec::new(),
                titles: Vec::new(),
                mentions: Vec::new(),
                quote_count: 0,
            });
            if e.canonical.chars().count() > m.canonical.chars().count() {
                let old = std::mem::replace(&mut m.canonical, e.canonical.clone());
                m.aliases.push(old);
            } else {
                m.aliases.push(e.canonical.clone());
            }
            m.aliases.extend(e.aliases.iter().cloned());
            m.quote_count += e.quotes as usize;
        }
        if let Some(m) = &mut merged {
            if let Some(old) = old {
                let old = Arc::try_unwrap(old).unwrap_or_else(|a| (*a).clone());
                m.titles = old.titles;
                m.mentions = old.mentions;
                if let Some(gone) = removed {
                    m.titles.retain(|t| t.location.source != gone);
                    m.mentions.retain(|l| l.source != gone);
                }
            }
            for (sid, e) in added {
                m.titles.extend(e.titles.iter().map(|t| CorpusTitle {
                    text: t.text.clone(),
                    normalized: t.normalized.clone(),
                    location: Location {
                        source: *sid,
                        span: t.span,
                    },
                }));
                m.mentions.extend(e.mentions.iter().map(|span| Location {
                    source: *sid,
                    span: *span,
                }));
            }
        }
        match merged {
            Some(mut m) => {
                let mut seen = FxHashSet::default();
                seen.insert(m.canonical.clone());
                m.aliases.retain(|a| seen.insert(a.clone()));
                let entity = Arc::new(m);
                for name in names_of(&entity) {
                    self.link_name(&name, idx);
                }
                self.entities[i] = Some(entity);
            }
            None => {
                self.entities[i] = None;
                if let Some(key) = self.merge_keys.get(i) {
                    if self.by_merge_key.get(key) == Some(&idx) {
                        self.by_merge_key.remove(key);
                    }
                    if let Some(s) = full_name_surname(key) {
                        if let Some(list) = self.by_surname.get_mut(&s) {
                            list.retain(|&e| e != idx);
                            if list.is_empty() {
                                self.by_surname.remove(&s);
                            }
                        }
                    }
                }
            }
        }
    }

    fn link_name(&mut self, written: &str, idx: u32) {
        let key = self.key(written);
        if key.is_empty() {
            return;
        }
        let id = match self.name_ids.get(&key) {
            Some(&id) => id,
            None => {
                let id = self.names.len() as u32;
                self.names.push(NameEntry {
                    key: key.clone(),
                    written: String::new(),
                    entities: Vec::new(),
                });
                self.name_ids.insert(key.clone(), id);
                id
            }
        };
        let Some(entry) = self.names.get_mut(id as usize) else {
            return;
        };
        if entry.entities.is_empty() {
            entry.written = written.to_string();
            // A name's id is in a trigram's list exactly while the name has entities.
            for t in trigrams(&key) {
                self.trigrams.entry(t).or_default().push(id);
            }
        }
        if !entry.entities.contains(&idx) {
            entry.entities.push(idx);
        }
    }

    fn unlink_name(&mut self, written: &str, idx: u32) {
        let key = self.key(written);
        let Some(&id) = self.name_ids.get(&key) else {
            return;
        };
        let Some(entry) = self.names.get_mut(id as usize) else {
            return;
        };
        entry.entities.retain(|&e| e != idx);
        if entry.entities.is_empty() {
            for t in trigrams(&key) {
                if let Some(list) = self.trigrams.get_mut(&t) {
                    list.retain(|&n| n != id);
                    if list.is_empty() {
                        self.trigrams.remove(&t);
                    }
                }
            }
        }
    }

    fn get(&self, idx: u32) -> Option<Arc<CorpusEntity>> {
        self.entities.get(idx as usize).cloned().flatten()
    }

    fn entities_of_name(&self, key: &str) -> &[u32] {
        self.name_ids
            .get(key)
            .and_then(|&id| self.names.get(id as usize))
            .map_or(&[], |e| e.entities.as_slice())
    }

    /// Entities named `name` (full name, alias), or with `name` as surname.
    pub fn named(&self, name: &str) -> Vec<Arc<CorpusEntity>> {
        let key = name_key(name);
        if key.is_empty() {
            return Vec::new();
        }
        let mut ids: Vec<u32> = self.entities_of_name(&key).to_vec();
        if !key.contains(' ') {
            if let Some(persons) = self.by_surname.get(&surname_key(&key)) {
                ids.extend(persons);
            }
        }
        ids.sort_unstable();
        ids.dedup();
        ids.into_iter().filter_map(|i| self.get(i)).collect()
    }

    /// Entities with a name a letter or two away from `name`, with the name that matched.
    pub fn similar(&self, name: &str) -> Vec<(String, Arc<CorpusEntity>)> {
        let key = name_key(name);
        let qchars: Vec<char> = key.chars().collect();
        let k = max_distance(qchars.len());
        if k == 0 || !self.entities_of_name(&key).is_empty() {
            return Vec::new();
        }
        // Two names within k edits share all but at most 3k of their trigrams, so every
        // such name contains one of the query's 3k+1 rarest trigrams.
        let mut grams: Vec<(usize, [char; 3])> = trigrams(&key)
            .into_iter()
            .map(|t| (self.trigrams.get(&t).map_or(0, Vec::len), t))
            .collect();
        grams.sort_unstable();
        grams.dedup();
        let mut seen: FxHashSet<u32> = FxHashSet::default();
        let mut out = Vec::new();
        for (_, t) in grams.iter().take(3 * k + 1) {
            let Some(ids) = self.trigrams.get(t) else {
                continue;
            };
            for &id in ids {
                if !seen.insert(id) {
                    continue;
                }
                let Some(entry) = self.names.get(id as usize) else {
                    continue;
                };
                let cchars: Vec<char> = entry.key.chars().collect();
                let limit = k.min(max_distance(cchars.len()));
                if limit == 0 || !within_distance(&qchars, &cchars, limit) {
                    continue;
                }
                for &i in &entry.entities {
                    if let Some(e) = self.get(i) {
                        out.push((entry.written.clone(), e));
                    }
                }
            }
        }
        out.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.canonical.cmp(&b.1.canonical)));
        out
    }

    /// Whether the tables agree with each other (for an index read back from disk).
    pub fn is_consistent(&self) -> bool {
        let n = self.entities.len();
        self.members.len() == n
            && self.merge_keys.len() == n
            && self.by_merge_key.values().all(|&i| (i as usize) < n)
            && self
                .by_surname
                .values()
                .flatten()
                .all(|&i| (i as usize) < n)
            && self.by_source.values().flatten().all(|&i| (i as usize) < n)
            && self
                .names
                .iter()
                .flat_map(|e| &e.entities)
                .all(|&i| (i as usize) < n)
            && self
                .name_ids
                .values()
                .all(|&i| (i as usize) < self.names.len())
            && self
                .trigrams
                .values()
                .flatten()
                .all(|&i| (i as usize) < self.names.len())
    }

    pub fn all(&self) -> Vec<Arc<CorpusEntity>> {
        self.entities.iter().flatten().cloned().collect()
    }
}

/// Every name an entity answers to: canonical, aliases, and a person's surname.
fn names_of(e: &CorpusEntity) -> Vec<String> {
    let mut names = vec![e.canonical.clone()];
    names.extend(e.aliases.iter().cloned());
    if e.kind == EntityKind::Person && e.canonical.split_whitespace().nth(1).is_some() {
        names.push(surname(&e.canonical).to_string());
    }
    names
}

/// The trigrams of a key, padded so that short names have some.
fn trigrams(key: &str) -> Vec<[char; 3]> {
    let chars: Vec<char> = std::iter::once(' ')
        .chain(key.chars())
        .chain(std::iter::once(' '))
        .collect();
    let mut grams: Vec<[char; 3]> = chars.windows(3).map(|w| [w[0], w[1], w[2]]).collect();
    grams.sort_unstable();
    grams.dedup();
    grams
}

/// Whether the optimal string alignment distance of `a` and `b` is at most `k`.
fn within_distance(a: &[char], b: &[char], k: usize) -> bool {
    if a.len().abs_diff(b.len()) > k {
        return false;
    }
    let n = b.len();
    let mut prev2: Vec<usize> = vec![0; n + 1];
    let mut prev: Vec<usize> = (0..=n).collect();
    let mut cur: Vec<usize> = vec![0; n + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=n {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if row_min > k {
            return false;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[n] <= k
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn distance_bound() {
        assert!(within_distance(&chars("mizintzev"), &chars("mizintsev"), 1));
        assert!(within_distance(&chars("abcd"), &chars("abdc"), 1));
        assert!(!within_distance(&chars("putin"), &chars("trump"), 2));
    }
}
