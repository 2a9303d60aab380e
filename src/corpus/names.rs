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
//!
//! The index takes two forms. Open ([`OpenNames`], here): hash maps and lists that a
//! change updates in place; it is what a load from the files builds. Frozen
//! ([`FrozenNames`]): flat sorted tables, as persisted, read in place from the cache
//! file, so that a warm start rebuilds nothing and untouched tables cost no memory. The
//! first change to a frozen index opens it (about as costly as decoding the whole index:
//! a second or two at 100,000 sources). Both answer queries through the same functions
//! ([`super::name_lookup`]).

use std::sync::{Arc, Mutex};

use rustc_hash::{FxHashMap, FxHashSet};

use super::flat::{TableReader, TableWriter};
pub(super) use super::name_lookup::Record;
use super::name_lookup::{self, trigrams, NameTables};
pub use super::names_frozen::FrozenNames;
pub use super::source_names::{EntityNames, SourceNames};
use super::strings::{Sid, Strings};
use super::{CorpusEntity, SourceId};
use crate::analysis::entity::{name_key, surname, surname_key};
use crate::analysis::{EntityId, EntityKind};

/// The surname key of a full name (one of more than one word).
fn full_name_surname(key: &str) -> Option<String> {
    key.contains(' ')
        .then(|| surname_key(key))
        .filter(|s| !s.is_empty())
}

/// How many merged entities are kept built (the rest are built again when asked for).
const BUILT: usize = 4096;

/// A written name whose key is not known yet.
const NO_KEY: Sid = Sid::MAX;

/// The names index, open or frozen.
#[derive(Default)]
pub struct NameIndex {
    form: Form,
    /// Entities built lately.
    built: Mutex<FxHashMap<u32, Arc<CorpusEntity>>>,
}

enum Form {
    Open(Box<OpenNames>),
    Frozen(Box<FrozenNames>),
}

impl Default for Form {
    fn default() -> Form {
        Form::Open(Box::default())
    }
}

impl NameIndex {
    /// The open form, opening a frozen index first.
    fn open(&mut self) -> &mut OpenNames {
        if let Form::Frozen(f) = &self.form {
            let open = f.thaw().unwrap_or_default();
            self.form = Form::Open(Box::new(open));
        }
        match &mut self.form {
            Form::Open(o) => o,
            Form::Frozen(_) => unreachable!("opened above"),
        }
    }

    fn forget_built(&self) {
        if let Ok(mut built) = self.built.lock() {
            built.clear();
        }
    }

    /// Merge the entities of `sources` into the index (sources not in it yet).
    pub fn add_sources(&mut self, sources: &[SourceNames]) {
        if sources.is_empty() {
            return;
        }
        let open = self.open();
        open.add_sources(sources);
        open.make_deferred_trigrams();
        self.forget_built();
    }

    /// [`Self::add_sources`], and freeze the index (what a load does: a merge into an
    /// empty index then never builds the open form's trigram lists).
    pub fn add_sources_and_freeze(&mut self, sources: &[SourceNames]) {
        if !sources.is_empty() {
            self.open().add_sources(sources);
            self.forget_built();
        }
        self.freeze();
    }

    /// Record the entities of one source, to be merged by [`Self::merge_staged`] with the
    /// others staged (the merge depends on all of them: full names first).
    pub fn stage(&mut self, s: &SourceNames) {
        self.open().stage(s);
    }

    /// Give the staged sources their final ids (`new_id` keeps the order of ids).
    pub fn renumber_staged(&mut self, new_id: impl Fn(SourceId) -> Option<SourceId>) {
        self.open().renumber_staged(new_id);
    }

    /// Merge the staged entities into the index.
    pub fn merge_staged(&mut self) {
        let open = self.open();
        open.merge_staged();
        open.make_deferred_trigrams();
        self.forget_built();
    }

    /// Take the entities of source `id` out of the index.
    pub fn remove_source(&mut self, id: SourceId) {
        if let Form::Frozen(f) = &self.form {
            if !f.has_source(id) {
                return;
            }
        }
        self.open().remove_source(id);
        self.forget_built();
    }

    /// Make the index frozen (flat tables), which takes less memory than open (not while
    /// sources are staged).
    pub fn freeze(&mut self) {
        if let Form::Open(o) = &mut self.form {
            if o.has_pending() {
                o.make_deferred_trigrams();
                return;
            }
            let frozen = FrozenNames::freeze(o);
            self.form = Form::Frozen(Box::new(frozen));
        }
    }

    /// Whether the index is in its frozen form.
    pub fn is_frozen(&self) -> bool {
        matches!(self.form, Form::Frozen(_))
    }

    /// Append the index's tables to `w` (read back by [`Self::read_tables`]); `false`
    /// when it is open (freeze it first).
    pub fn write_tables(&self, w: &mut TableWriter) -> bool {
        match &self.form {
            Form::Frozen(f) => {
                f.write_tables(w);
                true
            }
            Form::Open(_) => false,
        }
    }

    /// A frozen index from tables written by [`Self::write_tables`], read in place;
    /// `None` when they do not fit together.
    pub fn read_tables(r: &mut TableReader) -> Option<NameIndex> {
        let f = FrozenNames::read_tables(r)?;
        Some(NameIndex {
            form: Form::Frozen(Box::new(f)),
            built: Mutex::default(),
        })
    }

    fn tables(&self) -> &dyn NameTables {
        match &self.form {
            Form::Open(o) => &**o,
            Form::Frozen(f) => &**f,
        }
    }

    /// Entity `idx` as the corpus knows it, merged from its members (kept for a while).
    fn get(&self, idx: u32) -> Option<Arc<CorpusEntity>> {
        if let Some(e) = self.built.lock().ok()?.get(&idx) {
            return Some(Arc::clone(e));
        }
        let e = Arc::new(name_lookup::build(self.tables(), idx)?);
        if let Ok(mut built) = self.built.lock() {
            if built.len() >= BUILT {
                built.clear();
            }
            built.insert(idx, Arc::clone(&e));
        }
        Some(e)
    }

    /// Entities named `name` (full name, alias), or with `name` as surname.
    pub fn named(&self, name: &str) -> Vec<Arc<CorpusEntity>> {
        name_lookup::named(self.tables(), name)
            .into_iter()
            .filter_map(|i| self.get(i))
            .collect()
    }

    /// Entities with a name a letter or two away from `name`, with the name that matched.
    pub fn similar(&self, name: &str) -> Vec<(String, Arc<CorpusEntity>)> {
        let t = self.tables();
        let mut out: Vec<(String, u32, Arc<CorpusEntity>)> = name_lookup::similar(t, name)
            .into_iter()
            .filter_map(|(written, i)| Some((t.string(written).to_string(), i, self.get(i)?)))
            .collect();
        // Entity numbers break ties, so that the order does not depend on the order of
        // the trigram lists (which differs between a merge and changes made one by one).
        out.sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then(a.2.canonical.cmp(&b.2.canonical))
                .then(a.1.cmp(&b.1))
        });
        out.into_iter().map(|(w, _, e)| (w, e)).collect()
    }

    /// All entities (each merged as it comes: costly on a large corpus).
    pub fn all(&self) -> Vec<Arc<CorpusEntity>> {
        let t = self.tables();
        (0..t.entity_count() as u32)
            .filter_map(|i| name_lookup::build(t, i).map(Arc::new))
            .collect()
    }
}

#[derive(Clone, Debug, Default)]
pub(super) struct NameEntry {
    pub key: Sid,
    /// The name as a source writes it.
    pub written: Sid,
    pub entities: Vec<u32>,
}

/// The open form of the names index: what a change updates in place.
#[derive(Default)]
pub struct OpenNames {
    pub(super) strings: Strings,
    pub(super) records: Vec<Record>,
    pub(super) name_pool: Vec<Sid>,
    /// Title as written, normalised, span start and end.
    pub(super) title_pool: Vec<[u32; 4]>,
    pub(super) mention_pool: Vec<[u32; 2]>,
    /// The records merged into each entity, in the order they joined (empty: gone).
    pub(super) members: Vec<Vec<u32>>,
    /// Each entity's names as merged: canonical first, then aliases (empty: gone).
    pub(super) merged: Vec<Vec<Sid>>,
    /// Each entity's kind (its first member's).
    pub(super) kinds: Vec<EntityKind>,
    /// The merge key (name key of the first canonical name) of each entity.
    pub(super) merge_keys: Vec<Sid>,
    /// Merge key -> entity.
    pub(super) by_merge_key: FxHashMap<Sid, u32>,
    /// Surname key -> persons with a full name of that surname.
    pub(super) by_surname: FxHashMap<Sid, Vec<u32>>,
    /// Distinct names (their keys); a name's id is its position.
    pub(super) names: Vec<NameEntry>,
    /// Name key -> name id.
    pub(super) name_ids: FxHashMap<Sid, u32>,
    /// Trigram of a name key -> ids of the names containing it.
    pub(super) trigrams: FxHashMap<[char; 3], Vec<u32>>,
    /// The entities each source contributes to.
    pub(super) by_source: FxHashMap<SourceId, Vec<u32>>,
    /// Written name -> its name key (`NO_KEY`: not known yet), by string id.
    pub(super) key_memo: Vec<Sid>,
    /// Whether trigram lists are left to be made at once when the merge is over (a merge
    /// into an empty index: see [`OpenNames::make_deferred_trigrams`]).
    pub(super) trigrams_deferred: bool,
    /// Entities staged, not merged yet: words in the key, source, entity, key, record.
    pub(super) pending: Vec<(u32, SourceId, EntityId, Sid, u32)>,
}

impl OpenNames {
    /// Merge the entities of `sources` into the index (sources not in it yet).
    pub fn add_sources(&mut self, sources: &[SourceNames]) {
        for s in sources {
            self.stage(s);
        }
        self.merge_staged();
    }

    fn has_pending(&self) -> bool {
        !self.pending.is_empty()
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
        if self.names.is_empty() && self.trigrams.is_empty() {
            // An empty index: the trigram lists are made at once at the end.
            self.trigrams_deferred = true;
        }
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

    /// Make the trigram lists left for the end of a merge into an empty index: the names
    /// with entities, in the order of their ids, which is the order in which a merge into
    /// an empty index links them (no name loses all its entities during such a merge).
    pub(super) fn make_deferred_trigrams(&mut self) {
        if !self.trigrams_deferred {
            return;
        }
        self.trigrams_deferred = false;
        for (id, entry) in self.names.iter().enumerate() {
            if entry.entities.is_empty() {
                continue;
            }
            for t in trigrams(self.strings.get(entry.key)) {
                self.trigrams.entry(t).or_default().push(id as u32);
            }
        }
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
            if !self.trigrams_deferred {
                for t in trigrams(self.strings.get(key)) {
                    self.trigrams.entry(t).or_default().push(id);
                }
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
        if entry.entities.is_empty() && !self.trigrams_deferred {
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
}

impl NameTables for OpenNames {
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
