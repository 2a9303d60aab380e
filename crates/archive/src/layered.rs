//! A story folder and the newsroom archive seen as one corpus: a quote found in either is
//! sourced, a person known to either is known.
//!
//! The archive numbers its sources with [`ARCHIVE_BIT`] set ([`crate::ArchiveIndex`]), a
//! story folder from 0 up, so a [`SourceId`] says which of the two holds the source
//! ([`in_archive`]) and the evidence of a finding says where it was found. A file that is
//! both in the story folder and archived (the story's own sources, ingested later) is
//! the story folder's: its archived copy is left out (`hidden`), so that it is neither
//! evidence twice nor a second person of the same name.
//!
//! Both backends place and score passages with the same code, so their answers to one
//! question are merged by score (the story folder first where they tie). A person named
//! alike in both (the same canonical name and kind) is one person, with the mentions,
//! titles and aliases of both, the story folder's first.

use std::collections::HashSet;
use std::sync::Arc;

use sourced_core::index::{CorpusEntity, CorpusIndex, Passage, Source, SourceId};

/// Set in the id of every archived source, never in a story folder's.
pub const ARCHIVE_BIT: u32 = 1 << 31;

/// Whether source `id` is an archived one.
pub fn in_archive(id: SourceId) -> bool {
    id.0 & ARCHIVE_BIT != 0
}

/// A story folder and an archive, asked as one.
pub struct Layered<'a> {
    folder: &'a dyn CorpusIndex,
    archive: &'a dyn CorpusIndex,
    /// Archived sources that are also files of the story folder.
    hidden: &'a HashSet<SourceId>,
}

impl<'a> Layered<'a> {
    pub fn new(
        folder: &'a dyn CorpusIndex,
        archive: &'a dyn CorpusIndex,
        hidden: &'a HashSet<SourceId>,
    ) -> Layered<'a> {
        Layered {
            folder,
            archive,
            hidden,
        }
    }

    fn of(&self, id: SourceId) -> Option<&'a dyn CorpusIndex> {
        if !in_archive(id) {
            Some(self.folder)
        } else if self.hidden.contains(&id) {
            None
        } else {
            Some(self.archive)
        }
    }

    /// An archived person without the mentions and titles in hidden sources (`None` when
    /// nothing is left).
    fn shown(&self, e: &Arc<CorpusEntity>) -> Option<Arc<CorpusEntity>> {
        let hidden = |id: SourceId| self.hidden.contains(&id);
        if !e.mentions.iter().any(|m| hidden(m.source))
            && !e.titles.iter().any(|t| hidden(t.location.source))
        {
            return Some(Arc::clone(e));
        }
        let mut kept = CorpusEntity::clone(e);
        kept.mentions.retain(|m| !hidden(m.source));
        kept.titles.retain(|t| !hidden(t.location.source));
        (!kept.mentions.is_empty()).then(|| Arc::new(kept))
    }

    /// The story folder's people, then the archive's: one person where both name them
    /// alike.
    fn merged(
        &self,
        folder: Vec<Arc<CorpusEntity>>,
        archive: Vec<Arc<CorpusEntity>>,
    ) -> Vec<Arc<CorpusEntity>> {
        let mut out = folder;
        for e in archive.iter().filter_map(|e| self.shown(e)) {
            match out.iter_mut().find(|f| same_person(f, &e)) {
                Some(f) => *f = Arc::new(joined(f, &e)),
                None => out.push(e),
            }
        }
        out
    }
}

fn same_person(a: &CorpusEntity, b: &CorpusEntity) -> bool {
    a.kind == b.kind && a.canonical.to_lowercase() == b.canonical.to_lowercase()
}

/// One person from the story folder's `a` and the archive's `b`.
fn joined(a: &CorpusEntity, b: &CorpusEntity) -> CorpusEntity {
    let mut out = a.clone();
    for alias in &b.aliases {
        if !out.aliases.contains(alias) {
            out.aliases.push(alias.clone());
        }
    }
    out.titles.extend(b.titles.iter().cloned());
    out.mentions.extend(b.mentions.iter().copied());
    out.quote_count += b.quote_count;
    out.unread += b.unread;
    out
}

impl CorpusIndex for Layered<'_> {
    fn source_count(&self) -> usize {
        (self.folder.source_count() + self.archive.source_count()).saturating_sub(self.hidden.len())
    }

    fn source(&self, id: SourceId) -> Option<Arc<Source>> {
        self.of(id)?.source(id)
    }

    fn source_text(&self, id: SourceId) -> Option<Arc<str>> {
        self.of(id)?.source_text(id)
    }

    fn passages(&self, normalized_words: &[String], limit: usize) -> Vec<Passage> {
        let mut out = self.folder.passages(normalized_words, limit);
        out.extend(
            self.archive
                .passages(normalized_words, limit)
                .into_iter()
                .filter(|p| !self.hidden.contains(&p.location.source)),
        );
        // Stable: where scores tie, the story folder's come first.
        out.sort_by(|a, b| b.score.total_cmp(&a.score));
        out.truncate(limit);
        out
    }

    fn entities_named(&self, name: &str) -> Vec<Arc<CorpusEntity>> {
        self.merged(
            self.folder.entities_named(name),
            self.archive.entities_named(name),
        )
    }

    fn similar_names(&self, name: &str) -> Vec<(String, Arc<CorpusEntity>)> {
        let mut out = self.folder.similar_names(name);
        for (word, e) in self.archive.similar_names(name) {
            let Some(e) = self.shown(&e) else { continue };
            match out
                .iter_mut()
                .find(|(w, f)| *w == word && same_person(f, &e))
            {
                Some((_, f)) => *f = Arc::new(joined(f, &e)),
                None => out.push((word, e)),
            }
        }
        out
    }

    fn entities_containing(&self, part: &str, limit: usize) -> Vec<Arc<CorpusEntity>> {
        let mut out = self.merged(
            self.folder.entities_containing(part, limit),
            self.archive.entities_containing(part, limit),
        );
        out.truncate(limit);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sourced_core::analysis::{EntityKind, Span};
    use sourced_core::index::Location;

    /// A corpus of one passage and one person, with its sources numbered from `base`.
    struct One {
        base: u32,
        score: f32,
        name: &'static str,
    }

    impl CorpusIndex for One {
        fn source_count(&self) -> usize {
            1
        }
        fn source(&self, _: SourceId) -> Option<Arc<Source>> {
            None
        }
        fn passages(&self, _: &[String], _: usize) -> Vec<Passage> {
            vec![Passage {
                location: Location {
                    source: SourceId(self.base),
                    span: Span::new(0, 4),
                },
                score: self.score,
            }]
        }
        fn entities_named(&self, _: &str) -> Vec<Arc<CorpusEntity>> {
            vec![Arc::new(CorpusEntity {
                kind: EntityKind::Person,
                canonical: self.name.to_string(),
                aliases: vec![self.name.to_string()],
                titles: Vec::new(),
                mentions: vec![Location {
                    source: SourceId(self.base),
                    span: Span::new(0, 4),
                }],
                quote_count: 1,
                unread: 0,
            })]
        }
        fn similar_names(&self, _: &str) -> Vec<(String, Arc<CorpusEntity>)> {
            Vec::new()
        }
        fn entities_containing(&self, _: &str, _: usize) -> Vec<Arc<CorpusEntity>> {
            Vec::new()
        }
    }

    #[test]
    fn answers_of_both_are_merged_and_a_hidden_copy_is_left_out() {
        let folder = One {
            base: 0,
            score: 1.0,
            name: "Ada Quist",
        };
        let archive = One {
            base: ARCHIVE_BIT | 7,
            score: 2.0,
            name: "Ada Quist",
        };
        let none = HashSet::new();
        let both = Layered::new(&folder, &archive, &none);
        let found: Vec<u32> = both
            .passages(&[], 8)
            .iter()
            .map(|p| p.location.source.0)
            .collect();
        assert_eq!(found, vec![ARCHIVE_BIT | 7, 0]);
        assert_eq!(both.source_count(), 2);
        let people = both.entities_named("Quist");
        assert_eq!(people.len(), 1, "one person named alike in both");
        assert_eq!(people[0].mentions.len(), 2);
        assert_eq!(people[0].quote_count, 2);

        let hidden: HashSet<SourceId> = [SourceId(ARCHIVE_BIT | 7)].into_iter().collect();
        let folder_first = Layered::new(&folder, &archive, &hidden);
        let found: Vec<u32> = folder_first
            .passages(&[], 8)
            .iter()
            .map(|p| p.location.source.0)
            .collect();
        assert_eq!(found, vec![0]);
        assert_eq!(folder_first.source_count(), 1);
        assert_eq!(folder_first.entities_named("Quist")[0].mentions.len(), 1);
        assert!(in_archive(SourceId(ARCHIVE_BIT | 7)) && !in_archive(SourceId(7)));
    }
}
