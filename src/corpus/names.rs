//! People and organisations across the corpus: each source's entities merged by name, and
//! the lookups the checks make (a name, a surname, an alias; a near-miss spelling).
//!
//! An entity is merged from its members, the `(source, entity)` pairs that name it, so
//! that when one source changes only the entities it named are rebuilt. Near misses are
//! found through a trigram index of the distinct names, so a lookup reads only the names
//! that share enough letters with the query.

use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};

use super::{CorpusEntity, CorpusTitle, Location, Source, SourceId};
use crate::analysis::{Entity, EntityId, EntityKind};

/// The key under which names are the same: lower case, single spaces, no dots, curly
/// apostrophes straightened.
pub fn name_key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for word in name.split_whitespace() {
        let w: String = word
            .chars()
            .filter(|c| *c != '.')
            .flat_map(char::to_lowercase)
            .map(|c| if c == '\u{2019}' { '\'' } else { c })
            .collect();
        if w.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&w);
    }
    out
}

/// The surname key of a person's name key: its last word, when it has more than one.
fn surname_key(key: &str) -> Option<&str> {
    let (_, last) = key.rsplit_once(' ')?;
    Some(last)
}

/// The largest edit distance at which a name of `len` characters is a near miss.
fn max_distance(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

#[derive(Default, Clone)]
pub struct NameIndex {
    entities: Vec<Option<Arc<CorpusEntity>>>,
    /// The `(source, entity)` pairs merged into each entity.
    members: Vec<Vec<(SourceId, EntityId)>>,
    /// The merge key (name key of the canonical name) of each entity.
    merge_keys: Vec<String>,
    /// Merge key -> entity.
    by_merge_key: FxHashMap<String, u32>,
    /// Surname key -> persons with a full name of that surname (merge keys).
    by_surname: FxHashMap<String, Vec<u32>>,
    /// Any name key (canonical, alias, surname) -> entities; with the name as written.
    by_name: FxHashMap<String, NameEntry>,
    /// Trigram of a name key -> name keys containing it.
    trigrams: FxHashMap<[char; 3], FxHashSet<String>>,
    /// The entities each source contributes to.
    by_source: FxHashMap<SourceId, Vec<u32>>,
}

#[derive(Default, Clone)]
struct NameEntry {
    written: String,
    entities: Vec<u32>,
}

impl NameIndex {
    /// Merge the entities of `sources` into the index; `others` finds the sources already
    /// indexed (an entity they share with the new ones is rebuilt from all its members).
    pub fn add_sources<'a>(
        &mut self,
        sources: &[&'a Source],
        others: &dyn Fn(SourceId) -> Option<&'a Source>,
    ) {
        let mut pairs: Vec<(&Source, &Entity)> = sources
            .iter()
            .flat_map(|s| s.analysis.entities.iter().map(move |e| (*s, e)))
            .collect();
        // Full names first, so that a lone surname can join the full name it belongs to.
        pairs.sort_by_key(|(s, e)| {
            (
                std::cmp::Reverse(e.canonical.split_whitespace().count()),
                s.id,
                e.id,
            )
        });
        let mut touched = Vec::new();
        for (source, e) in pairs {
            let key = name_key(&e.canonical);
            if key.is_empty() {
                continue;
            }
            let idx = match self.by_merge_key.get(&key) {
                Some(&i) => i,
                None => match self.lone_surname_target(&key, e.kind) {
                    Some(i) => i,
                    None => self.new_entity(key, e.kind),
                },
            };
            if let Some(m) = self.members.get_mut(idx as usize) {
                m.push((source.id, e.id));
            }
            let list = self.by_source.entry(source.id).or_default();
            if !list.contains(&idx) {
                list.push(idx);
            }
            touched.push(idx);
        }
        touched.sort_unstable();
        touched.dedup();
        let by_id: FxHashMap<SourceId, &Source> = sources.iter().map(|s| (s.id, *s)).collect();
        let lookup = |id: SourceId| by_id.get(&id).copied().or_else(|| others(id));
        for idx in touched {
            self.rebuild(idx, &lookup);
        }
    }

    /// Take the entities of source `id` out of the index; `sources` finds the other
    /// sources an affected entity still has members in.
    pub fn remove_source<'a>(
        &mut self,
        id: SourceId,
        sources: &dyn Fn(SourceId) -> Option<&'a Source>,
    ) {
        let Some(touched) = self.by_source.remove(&id) else {
            return;
        };
        for idx in touched {
            if let Some(m) = self.members.get_mut(idx as usize) {
                m.retain(|(s, _)| *s != id);
            }
            self.rebuild(idx, sources);
        }
    }

    fn lone_surname_target(&self, key: &str, kind: EntityKind) -> Option<u32> {
        if kind != EntityKind::Person || key.contains(' ') {
            return None;
        }
        match self.by_surname.get(key).map(Vec::as_slice) {
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
            if let Some(surname) = surname_key(&key) {
                self.by_surname
                    .entry(surname.to_string())
                    .or_default()
                    .push(idx);
            }
        }
        self.merge_keys.push(key);
        idx
    }

    /// Recompute entity `idx` from its members, and its names in the lookups.
    fn rebuild<'a>(&mut self, idx: u32, sources: &dyn Fn(SourceId) -> Option<&'a Source>) {
        let i = idx as usize;
        if let Some(Some(old)) = self.entities.get(i).cloned() {
            for name in names_of(&old) {
                self.unlink_name(&name, idx);
            }
        }
        let Some(members) = self.members.get(i) else {
            return;
        };
        let mut merged: Option<CorpusEntity> = None;
        for &(sid, eid) in members {
            let Some(src) = sources(sid) else { continue };
            let Some(e) = src.analysis.entity(eid) else {
                continue;
            };
            let quotes = src
                .analysis
                .quotes
                .iter()
                .filter(|q| q.speaker.as_ref().and_then(|s| s.entity) == Some(eid))
                .count();
            let m = merged.get_or_insert_with(|| CorpusEntity {
                kind: e.kind,
                canonical: e.canonical.clone(),
                aliases: Vec::new(),
                titles: Vec::new(),
                mentions: Vec::new(),
                quote_count: 0,
            });
            if e.canonical.len() > m.canonical.len() {
                let old = std::mem::replace(&mut m.canonical, e.canonical.clone());
                m.aliases.push(old);
            } else {
                m.aliases.push(e.canonical.clone());
            }
            m.aliases.extend(e.aliases.iter().cloned());
            m.titles.extend(e.titles.iter().map(|t| CorpusTitle {
                text: t.text.clone(),
                normalized: t.normalized.clone(),
                location: Location {
                    source: sid,
                    span: t.span,
                },
            }));
            m.mentions.extend(e.mentions.iter().map(|mention| Location {
                source: sid,
                span: mention.span,
            }));
            m.quote_count += quotes;
        }
        match merged {
            Some(mut m) => {
                let canonical_key = name_key(&m.canonical);
                let mut seen = FxHashSet::default();
                m.aliases
                    .retain(|a| name_key(a) != canonical_key && seen.insert(name_key(a)));
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
                    if let Some(surname) = surname_key(key) {
                        if let Some(list) = self.by_surname.get_mut(surname) {
                            list.retain(|&e| e != idx);
                            if list.is_empty() {
                                self.by_surname.remove(surname);
                            }
                        }
                    }
                }
            }
        }
    }

    fn link_name(&mut self, written: &str, idx: u32) {
        let key = name_key(written);
        if key.is_empty() {
            return;
        }
        let entry = self.by_name.entry(key.clone()).or_default();
        if entry.entities.is_empty() {
            entry.written = written.to_string();
            for t in trigrams(&key) {
                self.trigrams.entry(t).or_default().insert(key.clone());
            }
        }
        if !entry.entities.contains(&idx) {
            entry.entities.push(idx);
        }
    }

    fn unlink_name(&mut self, written: &str, idx: u32) {
        let key = name_key(written);
        let Some(entry) = self.by_name.get_mut(&key) else {
            return;
        };
        entry.entities.retain(|&e| e != idx);
        if entry.entities.is_empty() {
            self.by_name.remove(&key);
            for t in trigrams(&key) {
                if let Some(set) = self.trigrams.get_mut(&t) {
                    set.remove(&key);
                    if set.is_empty() {
                        self.trigrams.remove(&t);
                    }
                }
            }
        }
    }

    fn get(&self, idx: u32) -> Option<Arc<CorpusEntity>> {
        self.entities.get(idx as usize).cloned().flatten()
    }

    pub fn named(&self, name: &str) -> Vec<Arc<CorpusEntity>> {
        let key = name_key(name);
        self.by_name
            .get(&key)
            .map(|e| e.entities.iter().filter_map(|&i| self.get(i)).collect())
            .unwrap_or_default()
    }

    pub fn similar(&self, name: &str) -> Vec<(String, Arc<CorpusEntity>)> {
        let key = name_key(name);
        let qchars: Vec<char> = key.chars().collect();
        let k = max_distance(qchars.len());
        if k == 0 {
            return Vec::new();
        }
        // Two names within k edits share all but at most 3k of their trigrams, so every
        // such name contains one of the query's 3k+1 rarest trigrams.
        let mut grams: Vec<(usize, [char; 3])> = trigrams(&key)
            .into_iter()
            .map(|t| (self.trigrams.get(&t).map_or(0, |s| s.len()), t))
            .collect();
        grams.sort_unstable();
        grams.dedup();
        let mut seen: FxHashSet<&str> = FxHashSet::default();
        let mut out = Vec::new();
        for (_, t) in grams.iter().take(3 * k + 1) {
            let Some(keys) = self.trigrams.get(t) else {
                continue;
            };
            for cand in keys {
                if cand == &key || !seen.insert(cand.as_str()) {
                    continue;
                }
                let cchars: Vec<char> = cand.chars().collect();
                let limit = k.min(max_distance(cchars.len()));
                if limit == 0 || !within_distance(&qchars, &cchars, limit) {
                    continue;
                }
                if let Some(entry) = self.by_name.get(cand) {
                    for &i in &entry.entities {
                        if let Some(e) = self.get(i) {
                            out.push((entry.written.clone(), e));
                        }
                    }
                }
            }
        }
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    }

    pub fn all(&self) -> Vec<Arc<CorpusEntity>> {
        self.entities.iter().flatten().cloned().collect()
    }
}

/// Every name an entity answers to: canonical, aliases, and a person's surname.
fn names_of(e: &CorpusEntity) -> Vec<String> {
    let mut names = vec![e.canonical.clone()];
    names.extend(e.aliases.iter().cloned());
    if e.kind == EntityKind::Person {
        if let Some((_, last)) = e.canonical.trim().rsplit_once(char::is_whitespace) {
            names.push(last.to_string());
        }
    }
    names
}

/// The trigrams of a key, padded so that short names have some.
fn trigrams(key: &str) -> Vec<[char; 3]> {
    let chars: Vec<char> = std::iter::once(' ')
        .chain(key.chars())
        .chain(std::iter::once(' '))
        .collect();
    chars.windows(3).map(|w| [w[0], w[1], w[2]]).collect()
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

    #[test]
    fn keys_ignore_case_dots_and_spacing() {
        assert_eq!(
            name_key("Gen.  Mikhail   MIZINTSEV"),
            "gen mikhail mizintsev"
        );
    }
}
