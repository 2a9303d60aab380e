//! A small in-test corpus: sources built from text and hand-made analyses, answering the
//! [`CorpusIndex`] questions by brute force. For unit tests of the checks only.

use std::path::PathBuf;
use std::sync::Arc;

use crate::analysis::normalize::words;
use crate::analysis::{Analysis, EntityKind, Span};
use crate::index::{
    CorpusEntity, CorpusIndex, CorpusTitle, Location, Passage, Source, SourceId, SourceMeta,
};

#[derive(Default)]
pub struct TestCorpus {
    pub sources: Vec<Arc<Source>>,
    pub entities: Vec<Arc<CorpusEntity>>,
}

impl TestCorpus {
    /// Add a source with the given analysis; returns its id.
    pub fn add(&mut self, name: &str, text: &str, analysis: Analysis) -> SourceId {
        let id = SourceId(self.sources.len() as u32);
        self.sources.push(Arc::new(Source {
            id,
            path: PathBuf::from("sources").join(name),
            meta: SourceMeta::default(),
            text: Arc::from(text),
            text_is_file: true,
            page: None,
            analysis,
        }));
        id
    }

    /// Add a corpus person with aliases and (title, source, where) titles.
    pub fn person(&mut self, canonical: &str, aliases: &[&str], titles: &[(&str, SourceId, &str)]) {
        let titles = titles
            .iter()
            .filter_map(|(t, id, at)| {
                let src = self.sources.get(id.0 as usize)?;
                let start = src.text.find(at)?;
                Some(CorpusTitle {
                    text: t.to_string(),
                    normalized: crate::analysis::office::normalize_title(t),
                    location: Location {
                        source: *id,
                        span: Span::new(start, start + at.len()),
                    },
                })
            })
            .collect();
        self.entities.push(Arc::new(CorpusEntity {
            kind: EntityKind::Person,
            canonical: canonical.to_string(),
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            titles,
            mentions: Vec::new(),
            quote_count: 0,
            unread: 0,
        }));
    }
}

fn key(s: &str) -> String {
    words(s)
        .into_iter()
        .map(|w| w.norm)
        .collect::<Vec<_>>()
        .join(" ")
}

impl CorpusIndex for TestCorpus {
    fn source_count(&self) -> usize {
        self.sources.len()
    }

    fn source(&self, id: SourceId) -> Option<Arc<Source>> {
        self.sources.get(id.0 as usize).cloned()
    }

    fn passages(&self, normalized_words: &[String], limit: usize) -> Vec<Passage> {
        let mut out: Vec<Passage> = self
            .sources
            .iter()
            .filter_map(|s| {
                let ws = words(&s.text);
                let hits = normalized_words
                    .iter()
                    .filter(|q| ws.iter().any(|w| &&w.norm == q))
                    .count();
                (hits > 0).then(|| Passage {
                    location: Location {
                        source: s.id,
                        span: Span::new(0, s.text.len()),
                    },
                    score: hits as f32,
                })
            })
            .collect();
        out.sort_by(|a, b| b.score.total_cmp(&a.score));
        out.truncate(limit);
        out
    }

    fn entities_named(&self, name: &str) -> Vec<Arc<CorpusEntity>> {
        let k = key(name);
        self.entities
            .iter()
            .filter(|e| {
                std::iter::once(&e.canonical)
                    .chain(e.aliases.iter())
                    .any(|n| key(n) == k || key(n).rsplit(' ').next() == Some(k.as_str()))
            })
            .cloned()
            .collect()
    }

    fn similar_names(&self, name: &str) -> Vec<(String, Arc<CorpusEntity>)> {
        let k = key(name);
        let mut out = Vec::new();
        for e in &self.entities {
            for n in std::iter::once(&e.canonical).chain(e.aliases.iter()) {
                for candidate in [n.clone(), n.rsplit(' ').next().unwrap_or("").to_string()] {
                    let ck = key(&candidate);
                    if ck != k && crate::check::misspelled_names::edit_distance(&ck, &k) <= 2 {
                        out.push((candidate.clone(), e.clone()));
                    }
                }
            }
        }
        out
    }

    fn entities_containing(&self, part: &str, limit: usize) -> Vec<Arc<CorpusEntity>> {
        let part = part.to_lowercase();
        self.entities
            .iter()
            .filter(|e| {
                std::iter::once(&e.canonical)
                    .chain(e.aliases.iter())
                    .any(|n| n.to_lowercase().contains(&part))
            })
            .take(limit)
            .cloned()
            .collect()
    }
}

/// A quote of `text` whose inner words are `inner` (its first occurrence), with the
/// speaker named by `mention` (its first occurrence after the quote, else anywhere).
pub fn quote(
    text: &str,
    inner: &str,
    mention: Option<(&str, crate::analysis::MentionKind, Option<u32>)>,
) -> crate::analysis::Quote {
    let start = text.find(inner).expect("inner in text");
    let end = start + inner.len();
    let open = text[..start].chars().next_back().map_or(0, char::len_utf8);
    let close = text[end..].chars().next().map_or(0, char::len_utf8);
    let speaker = mention.map(|(m, kind, entity)| {
        let at = text[end..]
            .find(m)
            .map(|i| i + end)
            .or_else(|| text.find(m))
            .expect("mention in text");
        crate::analysis::Speaker {
            mention: Span::new(at, at + m.len()),
            mention_text: m.to_string(),
            kind,
            entity: entity.map(crate::analysis::EntityId),
            inherited: false,
        }
    });
    crate::analysis::Quote {
        span: Span::new(start - open, end + close),
        inner: Span::new(start, end),
        text: inner.to_string(),
        speaker,
        cue: None,
        continues_previous: false,
        closed: true,
    }
}

/// A person entity of `text` with its name mentions (every occurrence of each name).
pub fn entity(text: &str, id: u32, canonical: &str, names: &[&str]) -> crate::analysis::Entity {
    let mut mentions = Vec::new();
    for n in names {
        for (at, _) in text.match_indices(n) {
            mentions.push(crate::analysis::Mention {
                span: Span::new(at, at + n.len()),
                text: n.to_string(),
                kind: crate::analysis::MentionKind::Name,
            });
        }
    }
    crate::analysis::Entity {
        id: crate::analysis::EntityId(id),
        kind: EntityKind::Person,
        canonical: canonical.to_string(),
        aliases: names
            .iter()
            .filter(|n| **n != canonical)
            .map(|n| n.to_string())
            .collect(),
        mentions,
        titles: Vec::new(),
    }
}
