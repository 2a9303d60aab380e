//! People and organisations of a set of sources merged by name: each source's entities
//! (its [`SourceNames`]) joined with those of the other sources that give the same name,
//! a lone surname joining the one full name it belongs to. The lookups
//! ([`super::name_lookup`]) read the result.
//!
//! Names are compared by the analysis's own keys ([`name_key`], [`surname_key`]), so the
//! corpus and the draft agree on what "the same name" is. A merge is built whole from the
//! sources a query needs ([`super::entities`]) and never changed: it reads no file and
//! chooses no sources.

use rustc_hash::{FxHashMap, FxHashSet};

pub(super) use super::name_lookup::Record;
use super::name_lookup::{trigrams, NameTables};
use super::source_names::{EntityNames, SourceNames};
use super::strings::{Sid, Strings};
use super::SourceId;
use sourced_core::analysis::entity::{name_key, surname, surname_key};
use sourced_core::analysis::{EntityId, EntityKind};

/// The surname key of a full name (one of more than one word).
fn full_name_surname(key: &str) -> Option<String> {
    key.contains(' ')
        .then(|| surname_key(key))
        .filter(|s| !s.is_empty())
}

/// A written name whose key is not known yet.
const NO_KEY: Sid = Sid::MAX;

#[derive(Clone, Debug, Default)]
pub(super) struct NameEntry {
    pub key: Sid,
    /// The name as a source writes it.
    pub written: Sid,
    pub entities: Vec<u32>,
}

/// The entities of a set of sources, merged by name, and the tables the lookups read.
#[derive(Default)]
pub struct MergedNames {
    strings: Strings,
    records: Vec<Record>,
    name_pool: Vec<Sid>,
    /// Title as written, normalised, span start and end.
    title_pool: Vec<[u32; 4]>,
    mention_pool: Vec<[u32; 2]>,
    /// The records merged into each entity, in the order they joined.
    members: Vec<Vec<u32>>,
    /// Each entity's names as merged: canonical first, then aliases.
    merged: Vec<Vec<Sid>>,
    /// Each entity's kind (its first member's).
    kinds: Vec<EntityKind>,
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
    /// Written name -> its name key (`NO_KEY`: not known yet), by string id.
    key_memo: Vec<Sid>,
    /// Entities staged, not merged yet: words in the key, source, entity, key, record.
    pending: Vec<(u32, SourceId, EntityId, Sid, u32)>,
}

impl MergedNames {
    /// The entities of `sources` merged by name.
    pub fn of(sources: &[SourceNames]) -> MergedNames {
        let mut m = MergedNames::default();
        for s in sources {
            m.stage(s);
        }
        m.merge_staged();
        m.make_trigrams();
        m
    }

    /// Record the entities of one source, to be merged with the others (the merge depends
    /// on all of them: full names first).
    fn stage(&mut self, s: &SourceNames) {
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

    fn merge_staged(&mut self) {
        let mut pending = std::mem::take(&mut self.pending);
        // Full names first, so that a lone surname can join the full name it belongs to.
        pending.sort_unstable_by_key(|&(words, s, e, _, r)| (std::cmp::Reverse(words), s, e, r));
        let mut touched = Vec::new();
        for (_, _, _, key, r) in pending {
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
        if let Some(&k) = self.key_memo.get(written as usize) {
            if k != NO_KEY {
                return k;
            }
        }
        let k = name_key(self.strings.get(written));
        let k = self.strings.intern(&k);
        let i = written as usize;
        if self.key_memo.len() <= i {
            self.key_memo.resize(i + 1, NO_KEY);
        }
        self.key_memo[i] = k;
        k
    }

    /// The trigram lists of the names with entities, in the order of their ids.
    fn make_trigrams(&mut self) {
        for (id, entry) in self.names.iter().enumerate() {
            if entry.entities.is_empty() {
                continue;
            }
            for t in trigrams(self.strings.get(entry.key)) {
                self.trigrams.entry(t).or_default().push(id as u32);
            }
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

    /// Merge entity `idx`'s names from its members (once all have joined), and link them.
    fn rebuild(&mut self, idx: u32) {
        let i = idx as usize;
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
        // Every entity has a member: the one that made it.
        let Some((canonical, mut aliases, kind)) = merged else {
            return;
        };
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
        }
        if !entry.entities.contains(&idx) {
            entry.entities.push(idx);
        }
    }
}

impl NameTables for MergedNames {
    fn string(&self, id: Sid) -> &str {
        self.strings.get(id)
    }

    fn find(&self, s: &str) -> Option<Sid> {
        self.strings.find(s)
    }

    fn name_entities(&self, key: Sid) -> Vec<u32> {
        self.name_ids
            .get(&key)
            .and_then(|&id| self.names.get(id as usize))
            .map_or_else(Vec::new, |e| e.entities.clone())
    }

    fn surname_persons(&self, key: Sid) -> Vec<u32> {
        self.by_surname.get(&key).cloned().unwrap_or_default()
    }

    fn trigram_count(&self, t: [char; 3]) -> usize {
        self.trigrams.get(&t).map_or(0, Vec::len)
    }

    fn trigram_names(&self, t: [char; 3]) -> Vec<u32> {
        self.trigrams.get(&t).cloned().unwrap_or_default()
    }

    fn name(&self, id: u32) -> Option<(Sid, Sid, Vec<u32>)> {
        let e = self.names.get(id as usize)?;
        Some((e.key, e.written, e.entities.clone()))
    }

    fn entity_count(&self) -> usize {
        self.members.len()
    }

    fn merged(&self, idx: u32) -> Vec<Sid> {
        self.merged.get(idx as usize).cloned().unwrap_or_default()
    }

    fn kind(&self, idx: u32) -> Option<EntityKind> {
        self.kinds.get(idx as usize).copied()
    }

    fn members(&self, idx: u32) -> Vec<u32> {
        self.members.get(idx as usize).cloned().unwrap_or_default()
    }

    fn record(&self, r: u32) -> Option<Record> {
        self.records.get(r as usize).copied()
    }

    fn title(&self, i: usize) -> Option<[u32; 4]> {
        self.title_pool.get(i).copied()
    }

    fn mention(&self, i: usize) -> Option<[u32; 2]> {
        self.mention_pool.get(i).copied()
    }
}
