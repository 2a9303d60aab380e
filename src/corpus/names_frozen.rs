//! The frozen form of the names index: the same tables as the open form
//! ([`super::names::OpenNames`]) laid out flat (lists of lists as offsets and values,
//! hash maps as sorted keys searched by bisection, the string lookup as an open-addressing
//! table), so that the persisted index is read in place, rebuilds nothing at start and
//! costs memory only for the pages a query touches.
//!
//! It is made from the open form ([`FrozenNames::freeze`]), written and read as tables
//! ([`super::flat`]), and turned back into the open form before a change
//! ([`FrozenNames::thaw`]). Reading checks only that the tables fit together (sizes, first
//! and last offsets): the cache file's checksums vouch for the rest, and every access is
//! bounds-checked, so a wrong number gives a wrong answer, never a panic.

use rustc_hash::FxHashMap;

use super::flat::{Bytes, Lists, TableReader, TableWriter, U32View, U32s};
use super::name_lookup::{trigrams, NameTables, Record};
use super::names::{NameEntry, OpenNames};
use super::strings::{self, Sid, Strings};
use super::SourceId;
use crate::analysis::{EntityId, EntityKind};

/// Numbers per record row: source, entity, kind << 31 | quotes, and where its names,
/// titles and mentions start in their pools (they end where the next row's start).
const ROW: usize = 6;

/// The names index as flat tables.
#[derive(Default)]
pub struct FrozenNames {
    /// Every string, one after the other; `ends[i]` is where string `i` ends.
    blob: Bytes,
    ends: U32s,
    /// Open addressing on [`strings::hash`]: a string's id + 1 at its hash's slot or the
    /// next free one (0: free). Its length is a power of two.
    lookup: U32s,
    /// [`ROW`] numbers per record, then one row with the pools' lengths.
    records: U32s,
    name_pool: U32s,
    /// Four per title: as written, normalised, span start and end.
    title_pool: U32s,
    /// Two per mention: span start and end.
    mention_pool: U32s,
    members: Lists,
    merged: Lists,
    /// 0 for a person, 1 for an organisation.
    kinds: Bytes,
    merge_keys: U32s,
    /// Pairs (merge key, entity), by key.
    by_merge_key: U32s,
    surname_keys: U32s,
    by_surname: Lists,
    name_keys: U32s,
    name_written: U32s,
    name_entities: Lists,
    /// Pairs (name key, name id), by key.
    name_ids: U32s,
    /// Three characters per trigram, in order.
    trigram_keys: U32s,
    trigram_names: Lists,
    source_keys: U32s,
    by_source: Lists,
}

fn kind_code(k: EntityKind) -> u8 {
    match k {
        EntityKind::Person => 0,
        EntityKind::Organisation => 1,
    }
}

fn kind_of(code: u8) -> Option<EntityKind> {
    match code {
        0 => Some(EntityKind::Person),
        1 => Some(EntityKind::Organisation),
        _ => None,
    }
}

/// Sorted pairs from a map.
fn pairs(map: &FxHashMap<Sid, u32>) -> U32s {
    let mut v: Vec<(u32, u32)> = map.iter().map(|(&k, &v)| (k, v)).collect();
    v.sort_unstable();
    v.into_iter()
        .flat_map(|(k, v)| [k, v])
        .collect::<Vec<u32>>()
        .into()
}

/// The value of `key` in sorted pairs.
fn pair_get(t: &U32s, key: u32) -> Option<u32> {
    let view = t.view();
    let n = view.len() / 2;
    let (mut lo, mut hi) = (0usize, n);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let k = view.get(2 * mid)?;
        match k.cmp(&key) {
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
            std::cmp::Ordering::Equal => return view.get(2 * mid + 1),
        }
    }
    None
}

/// Sorted keys and their lists, from a map.
fn keyed_lists<K: Copy + Ord + std::hash::Hash>(map: &FxHashMap<K, Vec<u32>>) -> (Vec<K>, Lists) {
    let mut keys: Vec<K> = map.keys().copied().collect();
    keys.sort_unstable();
    let lists = Lists::of(
        keys.iter()
            .map(|k| map.get(k).map_or(&[][..], Vec::as_slice)),
    );
    (keys, lists)
}

/// The trigram lists of the names with entities, in the order of their ids, made flat
/// at once (for an index whose merge left them to the end: see
/// [`OpenNames::make_deferred_trigrams`], which makes the same lists).
fn deferred_trigrams(o: &OpenNames) -> (Vec<[char; 3]>, Lists) {
    let linked = || {
        o.names
            .iter()
            .enumerate()
            .filter(|(_, e)| !e.entities.is_empty())
    };
    let mut counts: FxHashMap<[char; 3], u32> = FxHashMap::default();
    for (_, e) in linked() {
        for t in trigrams(o.strings.get(e.key)) {
            *counts.entry(t).or_insert(0) += 1;
        }
    }
    let mut keys: Vec<[char; 3]> = counts.keys().copied().collect();
    keys.sort_unstable();
    let mut offsets = Vec::with_capacity(keys.len() + 1);
    let mut cursor: FxHashMap<[char; 3], usize> = FxHashMap::default();
    let mut total = 0usize;
    offsets.push(0u32);
    for k in &keys {
        cursor.insert(*k, total);
        total += counts.get(k).copied().unwrap_or(0) as usize;
        offsets.push(total as u32);
    }
    drop(counts);
    let mut values = vec![0u32; total];
    for (id, e) in linked() {
        for t in trigrams(o.strings.get(e.key)) {
            if let Some(at) = cursor.get_mut(&t) {
                if let Some(v) = values.get_mut(*at) {
                    *v = id as u32;
                }
                *at += 1;
            }
        }
    }
    (
        keys,
        Lists {
            offsets: offsets.into(),
            values: values.into(),
        },
    )
}

fn collect(v: U32View<'_>) -> Vec<u32> {
    v.iter().collect()
}

impl FrozenNames {
    /// The frozen form of `o`, taking its tables (`o` is left empty), one at a time so
    /// that both forms of a table are held together only while it is converted. Sources
    /// staged and not merged yet are not in it.
    pub fn freeze(o: &mut OpenNames) -> FrozenNames {
        drop(std::mem::take(&mut o.key_memo));
        let (trigram_keys, trigram_names) = if o.trigrams_deferred {
            deferred_trigrams(o)
        } else {
            keyed_lists(&std::mem::take(&mut o.trigrams))
        };
        let (blob, ends, lookup) = std::mem::take(&mut o.strings).into_parts();
        // Records, with their pools rewritten in record order (so a record's part of a
        // pool ends where the next one's starts).
        let old_records = std::mem::take(&mut o.records);
        let old_names = std::mem::take(&mut o.name_pool);
        let old_titles = std::mem::take(&mut o.title_pool);
        let old_mentions = std::mem::take(&mut o.mention_pool);
        let mut records = Vec::with_capacity((old_records.len() + 1) * ROW);
        let mut name_pool = Vec::with_capacity(old_names.len());
        let mut title_pool = Vec::with_capacity(old_titles.len() * 4);
        let mut mention_pool = Vec::with_capacity(old_mentions.len() * 2);
        let part = |(s, l): (u32, u32)| s as usize..(s as usize).saturating_add(l as usize);
        for r in &old_records {
            records.extend_from_slice(&[
                r.source.0,
                r.entity.0,
                (u32::from(kind_code(r.kind)) << 31) | r.quotes.min(u32::MAX >> 1),
                name_pool.len() as u32,
                (title_pool.len() / 4) as u32,
                (mention_pool.len() / 2) as u32,
            ]);
            name_pool.extend_from_slice(old_names.get(part(r.names)).unwrap_or(&[]));
            for t in old_titles.get(part(r.titles)).unwrap_or(&[]) {
                title_pool.extend_from_slice(t);
            }
            for m in old_mentions.get(part(r.mentions)).unwrap_or(&[]) {
                mention_pool.extend_from_slice(m);
            }
        }
        drop((old_records, old_names, old_titles, old_mentions));
        records.extend_from_slice(&[
            0,
            0,
            0,
            name_pool.len() as u32,
            (title_pool.len() / 4) as u32,
            (mention_pool.len() / 2) as u32,
        ]);
        let members = Lists::of(std::mem::take(&mut o.members).iter().map(Vec::as_slice));
        let merged = Lists::of(std::mem::take(&mut o.merged).iter().map(Vec::as_slice));
        let kinds = std::mem::take(&mut o.kinds);
        let by_merge_key = pairs(&std::mem::take(&mut o.by_merge_key));
        let (surname_keys, by_surname) = keyed_lists(&std::mem::take(&mut o.by_surname));
        let names = std::mem::take(&mut o.names);
        let name_keys: Vec<u32> = names.iter().map(|e| e.key).collect();
        let name_written: Vec<u32> = names.iter().map(|e| e.written).collect();
        let name_entities = Lists::of(names.iter().map(|e| e.entities.as_slice()));
        drop(names);
        let name_ids = pairs(&std::mem::take(&mut o.name_ids));
        let (source_keys, by_source) = keyed_lists(&std::mem::take(&mut o.by_source));
        let merge_keys = std::mem::take(&mut o.merge_keys);
        *o = OpenNames::default();
        FrozenNames {
            blob: Bytes::from_vec(blob.into_bytes()),
            ends: ends.into(),
            lookup: lookup.into(),
            records: records.into(),
            name_pool: name_pool.into(),
            title_pool: title_pool.into(),
            mention_pool: mention_pool.into(),
            members,
            merged,
            kinds: Bytes::from_vec(kinds.iter().map(|&k| kind_code(k)).collect()),
            merge_keys: merge_keys.into(),
            by_merge_key,
            surname_keys: surname_keys.into(),
            by_surname,
            name_keys: name_keys.into(),
            name_written: name_written.into(),
            name_entities,
            name_ids,
            trigram_keys: trigram_keys
                .iter()
                .flat_map(|t| t.map(u32::from))
                .collect::<Vec<_>>()
                .into(),
            trigram_names,
            source_keys: source_keys.iter().map(|s| s.0).collect::<Vec<_>>().into(),
            by_source,
        }
    }

    /// The open form again (`None` when the tables disagree).
    pub fn thaw(&self) -> Option<OpenNames> {
        // Each table is copied with positional reads, used and dropped before the next:
        // reading a mapped table through the map would keep its pages resident beside
        // the open form being built.
        let strings = Strings::from_parts(
            String::from_utf8(self.blob.to_vec_unmapped()?).ok()?,
            self.ends.to_vec_unmapped()?,
            self.lookup.to_vec_unmapped()?,
        )?;
        let records = {
            let rows = FrozenNames {
                records: self.records.to_vec_unmapped()?.into(),
                ..FrozenNames::default()
            };
            let n = (rows.records.len() / ROW).saturating_sub(1) as u32;
            (0..n).map(|r| rows.record(r)).collect::<Option<Vec<_>>>()?
        };
        let name_pool = self.name_pool.to_vec_unmapped()?;
        let title_pool = self
            .title_pool
            .to_vec_unmapped()?
            .chunks_exact(4)
            .map(|c| [c[0], c[1], c[2], c[3]])
            .collect();
        let mention_pool = self
            .mention_pool
            .to_vec_unmapped()?
            .chunks_exact(2)
            .map(|c| [c[0], c[1]])
            .collect();
        let lists = |l: &Lists| -> Option<Vec<Vec<u32>>> {
            let l = l.to_unmapped()?;
            Some((0..l.len()).map(|i| collect(l.get(i))).collect())
        };
        let members = lists(&self.members)?;
        let merged = lists(&self.merged)?;
        let kinds = self
            .kinds
            .to_vec_unmapped()?
            .into_iter()
            .map(kind_of)
            .collect::<Option<Vec<_>>>()?;
        let map_of_pairs = |t: &U32s| -> Option<FxHashMap<Sid, u32>> {
            Some(
                t.to_vec_unmapped()?
                    .chunks_exact(2)
                    .map(|c| (c[0], c[1]))
                    .collect(),
            )
        };
        let keyed = |keys: &U32s, l: &Lists| -> Option<Vec<(u32, Vec<u32>)>> {
            Some(keys.to_vec_unmapped()?.into_iter().zip(lists(l)?).collect())
        };
        let by_merge_key = map_of_pairs(&self.by_merge_key)?;
        let by_surname = keyed(&self.surname_keys, &self.by_surname)?
            .into_iter()
            .collect();
        let names = self
            .name_keys
            .to_vec_unmapped()?
            .into_iter()
            .zip(self.name_written.to_vec_unmapped()?)
            .zip(lists(&self.name_entities)?)
            .map(|((key, written), entities)| NameEntry {
                key,
                written,
                entities,
            })
            .collect();
        let name_ids = map_of_pairs(&self.name_ids)?;
        let chars = |t: &[u32]| -> Option<[char; 3]> {
            Some([
                char::from_u32(*t.first()?)?,
                char::from_u32(*t.get(1)?)?,
                char::from_u32(*t.get(2)?)?,
            ])
        };
        let trigram_keys = self.trigram_keys.to_vec_unmapped()?;
        let mut trigrams = FxHashMap::default();
        for (t, list) in trigram_keys
            .chunks_exact(3)
            .zip(lists(&self.trigram_names)?)
        {
            trigrams.insert(chars(t)?, list);
        }
        let by_source = keyed(&self.source_keys, &self.by_source)?
            .into_iter()
            .map(|(s, l)| (SourceId(s), l))
            .collect();
        let open = OpenNames {
            strings,
            records,
            name_pool,
            title_pool,
            mention_pool,
            members,
            merged,
            kinds,
            merge_keys: self.merge_keys.to_vec_unmapped()?,
            by_merge_key,
            by_surname,
            names,
            name_ids,
            trigrams,
            by_source,
            ..OpenNames::default()
        };
        Some(open)
    }

    /// Whether source `id` contributes to any entity.
    pub fn has_source(&self, id: SourceId) -> bool {
        self.source_keys.view().binary_search(id.0).is_some()
    }

    pub fn write_tables(&self, w: &mut TableWriter) {
        w.stream(&self.blob);
        w.u32s(&self.ends);
        w.u32s(&self.lookup);
        w.u32s(&self.records);
        w.u32s(&self.name_pool);
        w.u32s(&self.title_pool);
        w.u32s(&self.mention_pool);
        w.lists(&self.members);
        w.lists(&self.merged);
        w.stream(&self.kinds);
        w.u32s(&self.merge_keys);
        w.u32s(&self.by_merge_key);
        w.u32s(&self.surname_keys);
        w.lists(&self.by_surname);
        w.u32s(&self.name_keys);
        w.u32s(&self.name_written);
        w.lists(&self.name_entities);
        w.u32s(&self.name_ids);
        w.u32s(&self.trigram_keys);
        w.lists(&self.trigram_names);
        w.u32s(&self.source_keys);
        w.lists(&self.by_source);
    }

    /// Tables written by [`Self::write_tables`], read in place; `None` when their sizes
    /// do not fit together.
    pub fn read_tables(r: &mut TableReader) -> Option<FrozenNames> {
        let f = FrozenNames {
            blob: r.bytes()?,
            ends: r.u32s()?,
            lookup: r.u32s()?,
            records: r.u32s()?,
            name_pool: r.u32s()?,
            title_pool: r.u32s()?,
            mention_pool: r.u32s()?,
            members: r.lists()?,
            merged: r.lists()?,
            kinds: r.bytes()?,
            merge_keys: r.u32s()?,
            by_merge_key: r.u32s()?,
            surname_keys: r.u32s()?,
            by_surname: r.lists()?,
            name_keys: r.u32s()?,
            name_written: r.u32s()?,
            name_entities: r.lists()?,
            name_ids: r.u32s()?,
            trigram_keys: r.u32s()?,
            trigram_names: r.lists()?,
            source_keys: r.u32s()?,
            by_source: r.lists()?,
        };
        f.fits().then_some(f)
    }

    /// Whether the tables' sizes agree (cheap: no table is read through).
    fn fits(&self) -> bool {
        let n = self.members.len();
        let last_end = match self.ends.len() {
            0 => Some(0),
            l => self.ends.get(l - 1),
        };
        last_end == Some(self.blob.len() as u32)
            && self.lookup.len().is_power_of_two()
            && self.lookup.len() > self.ends.len()
            && self.records.len() % ROW == 0
            && self.records.len() >= ROW
            && self.title_pool.len() % 4 == 0
            && self.mention_pool.len() % 2 == 0
            && self.merged.len() == n
            && self.kinds.len() == n
            && self.merge_keys.len() == n
            && self.by_merge_key.len() % 2 == 0
            && self.name_ids.len() % 2 == 0
            && self.surname_keys.len() == self.by_surname.len()
            && self.name_keys.len() == self.name_entities.len()
            && self.name_written.len() == self.name_entities.len()
            && self.trigram_keys.len() == 3 * self.trigram_names.len()
            && self.source_keys.len() == self.by_source.len()
    }

    fn row(&self, r: usize) -> Option<[u32; ROW]> {
        let v = self
            .records
            .slice(r.checked_mul(ROW)?..r.checked_add(1)?.checked_mul(ROW)?)?;
        let mut row = [0u32; ROW];
        for (i, x) in row.iter_mut().enumerate() {
            *x = v.get(i)?;
        }
        Some(row)
    }

    fn trigram_pos(&self, t: [char; 3]) -> Option<usize> {
        let want = t.map(u32::from);
        let keys = self.trigram_keys.view();
        let (mut lo, mut hi) = (0usize, keys.len() / 3);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let k = [
                keys.get(3 * mid)?,
                keys.get(3 * mid + 1)?,
                keys.get(3 * mid + 2)?,
            ];
            match k.cmp(&want) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(mid),
            }
        }
        None
    }
}

impl NameTables for FrozenNames {
    fn string(&self, id: Sid) -> &str {
        let i = id as usize;
        let Some(end) = self.ends.get(i) else {
            return "";
        };
        let start = match i.checked_sub(1) {
            Some(p) => self.ends.get(p).unwrap_or(0),
            None => 0,
        };
        self.blob
            .as_slice()
            .get(start as usize..end as usize)
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or("")
    }

    fn find(&self, s: &str) -> Option<Sid> {
        strings::probe(
            |i| self.lookup.get(i),
            self.lookup.len(),
            s,
            |id| self.string(id),
        )
        .ok()
    }

    fn name_entities(&self, key: Sid) -> Vec<u32> {
        pair_get(&self.name_ids, key)
            .map_or_else(Vec::new, |id| collect(self.name_entities.get(id as usize)))
    }

    fn surname_persons(&self, key: Sid) -> Vec<u32> {
        self.surname_keys
            .view()
            .binary_search(key)
            .map_or_else(Vec::new, |i| collect(self.by_surname.get(i)))
    }

    fn trigram_count(&self, t: [char; 3]) -> usize {
        self.trigram_pos(t)
            .map_or(0, |i| self.trigram_names.get(i).len())
    }

    fn trigram_names(&self, t: [char; 3]) -> Vec<u32> {
        self.trigram_pos(t)
            .map_or_else(Vec::new, |i| collect(self.trigram_names.get(i)))
    }

    fn name(&self, id: u32) -> Option<(Sid, Sid, Vec<u32>)> {
        let i = id as usize;
        Some((
            self.name_keys.get(i)?,
            self.name_written.get(i)?,
            collect(self.name_entities.get(i)),
        ))
    }

    fn entity_count(&self) -> usize {
        self.members.len()
    }

    fn merged(&self, idx: u32) -> Vec<Sid> {
        collect(self.merged.get(idx as usize))
    }

    fn kind(&self, idx: u32) -> Option<EntityKind> {
        kind_of(*self.kinds.as_slice().get(idx as usize)?)
    }

    fn members(&self, idx: u32) -> Vec<u32> {
        collect(self.members.get(idx as usize))
    }

    fn record(&self, r: u32) -> Option<Record> {
        let row = self.row(r as usize)?;
        let next = self.row(r as usize + 1)?;
        let span = |i: usize| Some((row[i], next[i].checked_sub(row[i])?));
        Some(Record {
            source: SourceId(row[0]),
            entity: EntityId(row[1]),
            kind: kind_of((row[2] >> 31) as u8)?,
            quotes: row[2] & (u32::MAX >> 1),
            names: span(3)?,
            titles: span(4)?,
            mentions: span(5)?,
        })
    }

    fn title(&self, i: usize) -> Option<[u32; 4]> {
        let v = self
            .title_pool
            .slice(i.checked_mul(4)?..i.checked_add(1)?.checked_mul(4)?)?;
        Some([v.get(0)?, v.get(1)?, v.get(2)?, v.get(3)?])
    }

    fn mention(&self, i: usize) -> Option<[u32; 2]> {
        let v = self
            .mention_pool
            .slice(i.checked_mul(2)?..i.checked_add(1)?.checked_mul(2)?)?;
        Some([v.get(0)?, v.get(1)?])
    }
}

#[cfg(test)]
#[path = "names_frozen_tests.rs"]
mod tests;
