//! People and organisations across the corpus: each source's entities merged by name, and
//! the lookups the checks make (a name, a surname, an alias; a near-miss spelling).
//!
//! Names are compared by the analysis's own keys ([`name_key`], [`surname_key`]), so the
//! corpus and the draft agree on what "the same name" is. An entity is merged from its
//! members, the `(source, entity)` pairs that name it, so that when one source changes
//! only the entities it named are rebuilt. Near misses are found through a trigram index
//! of the distinct names, so a lookup reads only the names that share letters with it.
//!
//! The index keeps a compact record of each member (its names, titles and mentions, the
//! strings interned once for the whole corpus), so that adding or removing a source never
//! reads or analyses another source again: loading can drop each source's text and
//! analysis as soon as its [`SourceNames`] are taken. A merged [`CorpusEntity`] is built
//! from its members' records when asked for, and the last few thousand are kept.

use std::sync::{Arc, Mutex};

use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

pub use super::source_names::{EntityNames, SourceNames};
use super::strings::{Sid, Strings};
use super::{CorpusEntity, CorpusTitle, Location, SourceId};
use crate::analysis::entity::{name_key, surname, surname_key};
use crate::analysis::{EntityId, EntityKind, Span};

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

/// One `(source, entity)` pair merged into an entity: what the merge needs of it, its
/// strings interned and its titles and mentions in shared pools.
#[derive(Clone, Copy, Debug, Serialize, Deserialize)]
struct Record {
    source: SourceId,
    entity: EntityId,
    kind: EntityKind,
    quotes: u32,
    /// Canonical name first, then aliases: `name_pool[start..start + len]`.
    names: (u32, u32),
    /// `title_pool[start..start + len]`.
    titles: (u32, u32),
    /// `mention_pool[start..start + len]`.
    mentions: (u32, u32),
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
struct NameEntry {
    key: Sid,
    /// The name as a source writes it.
    written: Sid,
    entities: Vec<u32>,
}

/// How many merged entities are kept built (the rest are built again when asked for).
const BUILT: usize = 4096;

#[derive(Default, Serialize, Deserialize)]
pub struct NameIndex {
    strings: Strings,
    records: Vec<Record>,
    #[serde(with = "super::le::u32s")]
    name_pool: Vec<Sid>,
    /// Title as written, normalised, span start and end.
    #[serde(with = "super::le::u32_quads")]
    title_pool: Vec<[u32; 4]>,
    #[serde(with = "super::le::u32_pairs")]
    mention_pool: Vec<[u32; 2]>,
    /// The records merged into each entity, in the order they joined (empty: gone).
    members: Vec<Vec<u32>>,
    /// Each entity's names as merged: canonical first, then aliases (empty: gone).
    merged: Vec<Vec<Sid>>,
    /// Each entity's kind (its first member's).
    kinds: Vec<EntityKind>,
    /// The merge key (name key of the first canonical name) of each entity.
    #[serde(with = "super::le::u32s")]
    merge_keys: Vec<Sid>,
    /// Merge key -> entity.
    by_merge_key: FxHashMap<Sid, u32>,
    /// Surname key -> persons with a full name of that surname.
    by_surname: FxHashMap<Sid, Vec<u32>>,
    /// Distinct names (their keys); a name's id is its position.
    names: Vec<NameEntry>,
    /// Name key -> name id.
    name_ids: FxHashMap<Sid, u32>,
    /// Trigram of a name key -> ids of the names containing it.
    trigrams: FxHashMap<[char; 3], Vec<u32>>,
    /// The entities each source contributes to.
    by_source: FxHashMap<SourceId, Vec<u32>>,
    /// Written name -> its name key.
    #[serde(skip)]
    key_memo: FxHashMap<Sid, Sid>,
    /// Entities staged, not merged yet: words in the key, source, entity, key, record.
    #[serde(skip)]
    pending: Vec<(u32, SourceId, EntityId, Sid, u32)>,
    /// Entities built lately.
    #[serde(skip)]
    built: Mutex<FxHashMap<u32, Arc<CorpusEntity>>>,
}

impl NameIndex {
    /// Merge the entities of `sources` into the index (sources not in it yet).
    pub fn add_sources(&mut self, sources: &[SourceNames]) {
        for s in sources {
            self.stage(s);
        }
        self.merge_staged();
    }

    /// Record the entities of one source, to be merged by [`Self::merge_staged`] with the
    /// others staged (the merge depends on all of them: full names first).
    pub fn stage(&mut self, s: &SourceNames) {
        for e in &s.entities {
            let written = self.strings.intern(&e.canonical);
            let key = self.key_of(written);
            let k = self.strings.get(key);
            if k.is_empty() {
                continue;
            }
            let words = k.split(' ').count() as u32;
            let r = self.record(s.id, e);
            self.pending.push((words, s.id, e.id, key, r));
        }
    }

    /// Give the staged sources their final ids (`new_id` keeps the order of ids).
    pub fn renumber_staged(&mut self, new_id: impl Fn(SourceId) -> Option<SourceId>) {
        for p in &mut self.pending {
            if let Some(n) = new_id(p.1) {
                p.1 = n;
                if let Some(r) = self.records.get_mut(p.4 as usize) {
                    r.source = n;
                }
            }
        }
    }

    /// Merge the staged entities into the index.
    pub fn merge_staged(&mut self) {
        let mut pending = std::mem::take(&mut self.pending);
        // Full names first, so that a lone surname can join the full name it belongs to.
        pending.sort_unstable_by_key(|&(words, s, e, _, r)| (std::cmp::Reverse(words), s, e, r));
        let mut touched = Vec::new();
        for (_, source, _, key, r) in pending {
            let kind = match self.records.get(r as usize) {
                Some(rec) => rec.kind,
                None => continue,
            };
            let idx = match self.by_merge_key.get(&key) {
                Some(&i) => i,
                None => match self.lone_surname_target(key, kind) {
                    Some(i) => i,
                    None => self.new_entity(key, kind),
                },
            };
            if let Some(m) = self.members.get_mut(idx as usize) {
                m.push(r);
            }
            let list = self.by_source.entry(source).or_default();
            if !list.contains(&idx) {
                list.push(idx);
            }
            touched.push(idx);
        }
        touched.sort_unstable();
        touched.dedup();
        for idx in touched {
            self.rebuild(idx);
        }
    }

    /// Store one member's record; its id.
    fn record(&mut self, source: SourceId, e: &EntityNames) -> u32 {
        let names_start = self.name_pool.len() as u32;
        let canonical = self.strings.intern(&e.canonical);
        self.name_pool.push(canonical);
        for a in &e.aliases {
            let a = self.strings.intern(a);
            self.name_pool.push(a);
        }
        let titles_start = self.title_pool.len() as u32;
        for t in &e.titles {
            let text = self.strings.intern(&t.text);
            let normalized = self.strings.intern(&t.normalized);
            self.title_pool
                .push([text, normalized, t.span.start as u32, t.span.end as u32]);
        }
        let mentions_start = self.mention_pool.len() as u32;
        self.mention_pool
            .extend(e.mentions.iter().map(|m| [m.start as u32, m.end as u32]));
        let r = self.records.len() as u32;
        self.records.push(Record {
            source,
            entity: e.id,
            kind: e.kind,
            quotes: e.quotes,
            names: (names_start, 1 + e.aliases.len() as u32),
            titles: (titles_start, e.titles.len() as u32),
            mentions: (mentions_start, e.mentions.len() as u32),
        });
        r
    }

    /// The name key of the written name `written` (interned), remembered.
    fn key_of(&mut self, written: Sid) -> Sid {
        if let Some(&k) = self.key_memo.get(&written) {
            return k;
        }
        let k = name_key(self.strings.get(written));
        let k = self.strings.intern(&k);
        self.key_memo.insert(written, k);
        k
    }

    /// Take the entities of source `id` out of the index.
    pub fn remove_source(&mut self, id: SourceId) {
        let Some(touched) = self.by_source.remove(&id) else {
            return;
        };
        for idx in touched {
            if let Some(m) = self.members.get_mut(idx as usize) {
                let records = &self.records;
                m.retain(|&r| records.get(r as usize).is_some_and(|r| r.source != id));
            }
            self.rebuild(idx);
        }
    }

    fn lone_surname_target(&mut self, key: Sid, kind: EntityKind) -> Option<u32> {
        let k = self.strings.get(key);
        if kind != EntityKind::Person || k.contains(' ') {
            return None;
        }
        let s = self.strings.find(&surname_key(k))?;
        match self.by_surname.get(&s).map(Vec::as_slice) {
            // Ambiguous surnames (two Assads) are not merged.
            Some([only]) => Some(*only),
            _ => None,
        }
    }

    fn new_entity(&mut self, key: Sid, kind: EntityKind) -> u32 {
        let idx = self.members.len() as u32;
        self.members.push(Vec::new());
        self.merged.push(Vec::new());
        self.kinds.push(kind);
        self.by_merge_key.insert(key, idx);
        if kind == EntityKind::Person {
            if let Some(s) = full_name_surname(self.strings.get(key)) {
                let s = self.strings.intern(&s);
                self.by_surname.entry(s).or_default().push(idx);
            }
        }
        self.merge_keys.push(key);
        idx
    }

    /// Every name entity `idx` answers to: canonical, aliases, and a person's surname.
    fn names_of(&mut self, idx: u32) -> Vec<Sid> {
        let i = idx as usize;
        let mut names = self.merged.get(i).cloned().unwrap_or_default();
        let Some(&canonical) = names.first() else {
            return names;
        };
        let c = self.strings.get(canonical);
        if self.kinds.get(i) == Some(&EntityKind::Person) && c.split_whitespace().nth(1).is_some() {
            let s = surname(c).to_string();
            names.push(self.strings.intern(&s));
        }
        names
    }

    /// Merge entity `idx`'s names again from its members, and relink them.
    fn rebuild(&mut self, idx: u32) {
        let i = idx as usize;
        for name in self.names_of(idx) {
            self.unlink_name(name, idx);
        }
        if let Ok(mut built) = self.built.lock() {
            built.remove(&idx);
        }
        let Some(members) = self.members.get(i) else {
            return;
        };
        let mut merged: Option<(Sid, Vec<Sid>, EntityKind)> = None;
        for &r in members {
            let Some(rec) = self.records.get(r as usize) else {
                continue;
            };
            let (start, len) = (rec.names.0 as usize, rec.names.1 as usize);
            let Some(names) = self.name_pool.get(start..start + len) else {
                continue;
            };
            let Some((&c, aliases)) = names.split_first() else {
                continue;
            };
            let m = merged.get_or_insert_with(|| (c, Vec::new(), rec.kind));
            let longer =
                self.strings.get(c).chars().count() > self.strings.get(m.0).chars().count();
            if longer {
                let old = std::mem::replace(&mut m.0, c);
                m.1.push(old);
            } else {
                m.1.push(c);
            }
            m.1.extend_from_slice(aliases);
        }
        match merged {
            Some((canonical, mut aliases, kind)) => {
                let mut seen = FxHashSet::default();
                seen.insert(canonical);
                aliases.retain(|a| seen.insert(*a));
                let mut names = vec![canonical];
                names.extend(aliases);
                self.merged[i] = names;
                self.kinds[i] = kind;
                for name in self.names_of(idx) {
                    self.link_name(name, idx);
                }
            }
            None => {
                self.merged[i] = Vec::new();
                if let Some(&key) = self.merge_keys.get(i) {
                    if self.by_merge_key.get(&key) == Some(&idx) {
                        self.by_merge_key.remove(&key);
                    }
                    if let Some(s) = full_name_surname(self.strings.get(key)) {
                        if let Some(s) = self.strings.find(&s) {
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
    }

    fn link_name(&mut self, written: Sid, idx: u32) {
        let key = self.key_of(written);
        if self.strings.get(key).is_empty() {
            return;
        }
        let id = match self.name_ids.get(&key) {
            Some(&id) => id,
            None => {
                let id = self.names.len() as u32;
                self.names.push(NameEntry {
                    key,
                    written,
                    entities: Vec::new(),
                });
                self.name_ids.insert(key, id);
                id
            }
        };
        let Some(entry) = self.names.get_mut(id as usize) else {
            return;
        };
        if entry.entities.is_empty() {
            entry.written = written;
            // A name's id is in a trigram's list exactly while the name has entities.
            for t in trigrams(self.strings.get(key)) {
                self.trigrams.entry(t).or_default().push(id);
            }
        }
        if !entry.entities.contains(&idx) {
            entry.entities.push(idx);
        }
    }

    fn unlink_name(&mut self, written: Sid, idx: u32) {
        let key = self.key_of(written);
        let Some(&id) = self.name_ids.get(&key) else {
            return;
        };
        let Some(entry) = self.names.get_mut(id as usize) else {
            return;
        };
        entry.entities.retain(|&e| e != idx);
        if entry.entities.is_empty() {
            for t in trigrams(self.strings.get(key)) {
                if let Some(list) = self.trigrams.get_mut(&t) {
                    list.retain(|&n| n != id);
                    if list.is_empty() {
                        self.trigrams.remove(&t);
                    }
                }
            }
        }
    }

    /// Entity `idx` as the corpus knows it, merged from its members (kept for a while).
    fn get(&self, idx: u32) -> Option<Arc<CorpusEntity>> {
        if let Some(e) = self.built.lock().ok()?.get(&idx) {
            return Some(Arc::clone(e));
        }
        let e = Arc::new(self.build(idx)?);
        if let Ok(mut built) = self.built.lock() {
            if built.len() >= BUILT {
                built.clear();
            }
            built.insert(idx, Arc::clone(&e));
        }
        Some(e)
    }

    /// Merge entity `idx`: its names as merged, its members' titles and mentions in the
    /// order the members joined, their quotes counted.
    fn build(&self, idx: u32) -> Option<CorpusEntity> {
        let i = idx as usize;
        let (&canonical, aliases) = self.merged.get(i)?.split_first()?;
        let mut e = CorpusEntity {
            kind: *self.kinds.get(i)?,
            canonical: self.strings.get(canonical).to_string(),
            aliases: aliases
                .iter()
                .map(|&a| self.strings.get(a).to_string())
                .collect(),
            titles: Vec::new(),
            mentions: Vec::new(),
            quote_count: 0,
        };
        for &r in self.members.get(i)? {
            let Some(rec) = self.records.get(r as usize) else {
                continue;
            };
            let (ts, tl) = (rec.titles.0 as usize, rec.titles.1 as usize);
            for t in self.title_pool.get(ts..ts + tl).unwrap_or(&[]) {
                e.titles.push(CorpusTitle {
                    text: self.strings.get(t[0]).to_string(),
                    normalized: self.strings.get(t[1]).to_string(),
                    location: Location {
                        source: rec.source,
                        span: Span::new(t[2] as usize, t[3] as usize),
                    },
                });
            }
            let (ms, ml) = (rec.mentions.0 as usize, rec.mentions.1 as usize);
            for m in self.mention_pool.get(ms..ms + ml).unwrap_or(&[]) {
                e.mentions.push(Location {
                    source: rec.source,
                    span: Span::new(m[0] as usize, m[1] as usize),
                });
            }
            e.quote_count += rec.quotes as usize;
        }
        Some(e)
    }

    fn entities_of_name(&self, key: &str) -> &[u32] {
        self.strings
            .find(key)
            .and_then(|k| self.name_ids.get(&k))
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
            let persons = self
                .strings
                .find(&surname_key(&key))
                .and_then(|s| self.by_surname.get(&s));
            if let Some(persons) = persons {
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
                let cchars: Vec<char> = self.strings.get(entry.key).chars().collect();
                let limit = k.min(max_distance(cchars.len()));
                if limit == 0 || !within_distance(&qchars, &cchars, limit) {
                    continue;
                }
                for &i in &entry.entities {
                    if let Some(e) = self.get(i) {
                        out.push((self.strings.get(entry.written).to_string(), e));
                    }
                }
            }
        }
        out.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.canonical.cmp(&b.1.canonical)));
        out
    }

    /// Make an index read back from disk usable: rebuild the string lookup, and check
    /// that the tables agree with each other (false: do not use it).
    pub fn after_decode(&mut self) -> bool {
        self.strings.reindex() && self.is_consistent()
    }

    fn is_consistent(&self) -> bool {
        let n = self.members.len();
        let strings = self.strings.len() as u32;
        let sid_ok = |s: &Sid| *s < strings;
        let range_ok = |(s, l): (u32, u32), len: usize| {
            (s as usize)
                .checked_add(l as usize)
                .is_some_and(|e| e <= len)
        };
        self.merged.len() == n
            && self.kinds.len() == n
            && self.merge_keys.len() == n
            && self.merge_keys.iter().all(sid_ok)
            && self.name_pool.iter().all(sid_ok)
            && self
                .title_pool
                .iter()
                .all(|t| sid_ok(&t[0]) && sid_ok(&t[1]))
            && self.merged.iter().flatten().all(sid_ok)
            && self.records.iter().all(|r| {
                range_ok(r.names, self.name_pool.len())
                    && range_ok(r.titles, self.title_pool.len())
                    && range_ok(r.mentions, self.mention_pool.len())
            })
            && self
                .members
                .iter()
                .flatten()
                .all(|&r| (r as usize) < self.records.len())
            && self
                .by_merge_key
                .iter()
                .all(|(k, &i)| sid_ok(k) && (i as usize) < n)
            && self
                .by_surname
                .iter()
                .all(|(k, v)| sid_ok(k) && v.iter().all(|&i| (i as usize) < n))
            && self.by_source.values().flatten().all(|&i| (i as usize) < n)
            && self.names.iter().all(|e| {
                sid_ok(&e.key) && sid_ok(&e.written) && e.entities.iter().all(|&i| (i as usize) < n)
            })
            && self
                .name_ids
                .iter()
                .all(|(k, &i)| sid_ok(k) && (i as usize) < self.names.len())
            && self
                .trigrams
                .values()
                .flatten()
                .all(|&i| (i as usize) < self.names.len())
    }

    /// All entities (each merged as it comes: costly on a large corpus).
    pub fn all(&self) -> Vec<Arc<CorpusEntity>> {
        (0..self.members.len() as u32)
            .filter_map(|i| self.build(i).map(Arc::new))
            .collect()
    }
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
