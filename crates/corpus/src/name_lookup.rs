//! The questions a merge of sources' names answers (a name, a surname, a near-miss
//! spelling; an entity merged from its members), asked through the few accessors of
//! [`NameTables`] ([`super::name_merge`] has them).
//!
//! Reads only; it must not change the index.

use super::strings::Sid;
use super::{CorpusEntity, CorpusTitle, Location, SourceId};
use sourced_core::analysis::entity::{name_key, surname_key};
use sourced_core::analysis::{EntityId, EntityKind, Span};

/// One `(source, entity)` pair merged into an entity: what the merge needs of it, its
/// strings interned and its titles and mentions in shared pools.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Record {
    pub source: SourceId,
    pub entity: EntityId,
    pub kind: EntityKind,
    pub quotes: u32,
    /// Canonical name first, then aliases: `name_pool[start..start + len]`.
    pub names: (u32, u32),
    /// `title_pool[start..start + len]`.
    pub titles: (u32, u32),
    /// `mention_pool[start..start + len]`.
    pub mentions: (u32, u32),
}

/// What the lookups read of a merge of names.
pub(super) trait NameTables {
    /// String `id` ("" when there is none).
    fn string(&self, id: Sid) -> &str;
    /// The id of the string `s`, if it is known.
    fn find(&self, s: &str) -> Option<Sid>;
    /// The entities answering to the name whose key is `key`.
    fn name_entities(&self, key: Sid) -> Vec<u32>;
    /// The persons with a full name of surname key `key`.
    fn surname_persons(&self, key: Sid) -> Vec<u32>;
    /// How many names contain trigram `t`.
    fn trigram_count(&self, t: [char; 3]) -> usize;
    /// The ids of the names containing trigram `t`.
    fn trigram_names(&self, t: [char; 3]) -> Vec<u32>;
    /// Name `id`: its key, the name as a source writes it, and its entities.
    fn name(&self, id: u32) -> Option<(Sid, Sid, Vec<u32>)>;
    /// How many entities there are.
    fn entity_count(&self) -> usize;
    /// Entity `idx`'s names as merged: canonical first.
    fn merged(&self, idx: u32) -> Vec<Sid>;
    fn kind(&self, idx: u32) -> Option<EntityKind>;
    /// The records merged into entity `idx`, in the order they joined.
    fn members(&self, idx: u32) -> Vec<u32>;
    fn record(&self, r: u32) -> Option<Record>;
    /// Title `i` of the title pool: as written, normalised, span start and end.
    fn title(&self, i: usize) -> Option<[u32; 4]>;
    /// Mention `i` of the mention pool: span start and end.
    fn mention(&self, i: usize) -> Option<[u32; 2]>;
}

/// The largest edit distance at which a name of `len` characters is a near miss.
pub(super) fn max_distance(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

pub(super) fn entities_of_name<T: NameTables + ?Sized>(t: &T, key: &str) -> Vec<u32> {
    t.find(key).map_or_else(Vec::new, |k| t.name_entities(k))
}

/// The entities named `name` (full name, alias), or with `name` as surname: their
/// numbers, in increasing order.
pub(super) fn named<T: NameTables + ?Sized>(t: &T, name: &str) -> Vec<u32> {
    let key = name_key(name);
    if key.is_empty() {
        return Vec::new();
    }
    let mut ids = entities_of_name(t, &key);
    if !key.contains(' ') {
        if let Some(s) = t.find(&surname_key(&key)) {
            ids.extend(t.surname_persons(s));
        }
    }
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// The entities with a name a letter or two away from `name`: each with the name as
/// written that matched, in the order the names were found.
pub(super) fn similar<T: NameTables + ?Sized>(t: &T, name: &str) -> Vec<(Sid, u32)> {
    let key = name_key(name);
    let qchars: Vec<char> = key.chars().collect();
    let k = max_distance(qchars.len());
    if k == 0 || !entities_of_name(t, &key).is_empty() {
        return Vec::new();
    }
    // An edit changes at most 3 of a name's trigrams and a transposition at most 4, so
    // two names within k edits share all but at most 4k of the query's trigrams: every
    // such name contains one of the query's 4k + 1 rarest trigrams.
    let mut grams: Vec<(usize, [char; 3])> = trigrams(&key)
        .into_iter()
        .map(|g| (t.trigram_count(g), g))
        .collect();
    grams.sort_unstable();
    grams.dedup();
    let mut seen = rustc_hash::FxHashSet::default();
    let mut out = Vec::new();
    for &(_, g) in grams.iter().take(4 * k + 1) {
        for id in t.trigram_names(g) {
            if !seen.insert(id) {
                continue;
            }
            let Some((key, written, entities)) = t.name(id) else {
                continue;
            };
            let cchars: Vec<char> = t.string(key).chars().collect();
            let limit = k.min(max_distance(cchars.len()));
            if limit == 0 || !within_distance(&qchars, &cchars, limit) {
                continue;
            }
            out.extend(entities.into_iter().map(|i| (written, i)));
        }
    }
    out
}

/// Merge entity `idx`: its names as merged, its members' titles and mentions in the
/// order the members joined, their quotes counted.
pub(super) fn build<T: NameTables + ?Sized>(t: &T, idx: u32) -> Option<CorpusEntity> {
    let merged = t.merged(idx);
    let (&canonical, aliases) = merged.split_first()?;
    let mut e = CorpusEntity {
        kind: t.kind(idx)?,
        canonical: t.string(canonical).to_string(),
        aliases: aliases.iter().map(|&a| t.string(a).to_string()).collect(),
        titles: Vec::new(),
        mentions: Vec::new(),
        quote_count: 0,
        unread: 0,
    };
    for r in t.members(idx) {
        let Some(rec) = t.record(r) else {
            continue;
        };
        let (ts, tl) = (rec.titles.0 as usize, rec.titles.1 as usize);
        for i in ts..ts.saturating_add(tl) {
            let Some(title) = t.title(i) else {
                break;
            };
            e.titles.push(CorpusTitle {
                text: t.string(title[0]).to_string(),
                normalized: t.string(title[1]).to_string(),
                location: Location {
                    source: rec.source,
                    span: Span::new(title[2] as usize, title[3] as usize),
                },
            });
        }
        let (ms, ml) = (rec.mentions.0 as usize, rec.mentions.1 as usize);
        for i in ms..ms.saturating_add(ml) {
            let Some(m) = t.mention(i) else {
                break;
            };
            e.mentions.push(Location {
                source: rec.source,
                span: Span::new(m[0] as usize, m[1] as usize),
            });
        }
        e.quote_count += rec.quotes as usize;
    }
    Some(e)
}

/// The trigrams of a key, padded so that short names have some.
pub(super) fn trigrams(key: &str) -> Vec<[char; 3]> {
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
pub(super) fn within_distance(a: &[char], b: &[char], k: usize) -> bool {
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
