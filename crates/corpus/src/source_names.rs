//! What one source contributes to the names index ([`super::entities`]): its people and
//! organisations with their names, titles, mentions and quote counts, taken from its
//! analysis so that the text and the rest of the analysis can be dropped.
//!
//! They can be kept with the source ([`SourceNames::encode`]): a backend that stores them
//! when it indexes a source answers a name without analysing the sources that give it.
//!
//! Plain data; it must not merge anything (that is the names index's job).

use serde::{Deserialize, Serialize};

use super::SourceId;
use sourced_core::analysis::{Analysis, EntityId, EntityKind, Span, TitleMention};

/// What one source contributes to the names index: its entities, without its text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SourceNames {
    pub id: SourceId,
    pub entities: Vec<EntityNames>,
}

/// One entity of one source, as the names index merges it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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

/// What the names kept by a build are valid for: the code that analysed the source (the
/// code of the analysis and of this crate, with the locked dependencies, as `build.rs`
/// hashes them). A keeper stores it beside the bytes; names kept under another key are
/// not read (another analysis could name people otherwise), the source is analysed
/// instead, and an ingest works them out again.
pub fn names_key() -> i64 {
    static KEY: std::sync::OnceLock<i64> = std::sync::OnceLock::new();
    *KEY.get_or_init(|| {
        let mut bytes = env!("CARGO_PKG_VERSION").as_bytes().to_vec();
        bytes.extend_from_slice(env!("SOURCED_CODE_HASH").as_bytes());
        bytes.push(ENCODING);
        xxhash_rust::xxh3::xxh3_64(&bytes) as i64
    })
}

/// The bytes [`SourceNames::encode`] starts with: the layout of what follows, so that
/// names kept by another build are read again from the source rather than misread.
const ENCODING: u8 = 1;

impl SourceNames {
    /// The entities as bytes, to be kept with the source (without its id, which the
    /// keeper knows).
    pub fn encode(&self) -> Vec<u8> {
        let mut out = vec![ENCODING];
        // Plain strings, numbers and vectors: postcard cannot fail on them.
        if let Ok(bytes) = postcard::to_allocvec(&self.entities) {
            out.extend(bytes);
        }
        out
    }

    /// The names of source `id` from bytes [`SourceNames::encode`] gave; `None` when
    /// they are not such bytes (another layout, or damaged): the source is then analysed
    /// again.
    pub fn decode(id: SourceId, bytes: &[u8]) -> Option<SourceNames> {
        let (&layout, rest) = bytes.split_first()?;
        if layout != ENCODING {
            return None;
        }
        let entities: Vec<EntityNames> = postcard::from_bytes(rest).ok()?;
        Some(SourceNames { id, entities })
    }

    /// About how many bytes they hold in memory, for bounded caches.
    pub fn heap_bytes(&self) -> usize {
        std::mem::size_of::<SourceNames>()
            + self
                .entities
                .iter()
                .map(|e| {
                    std::mem::size_of::<EntityNames>()
                        + e.canonical.capacity()
                        + e.aliases.iter().map(|a| 24 + a.capacity()).sum::<usize>()
                        + e.titles
                            .iter()
                            .map(|t| {
                                std::mem::size_of::<TitleMention>()
                                    + t.text.capacity()
                                    + t.normalized.capacity()
                            })
                            .sum::<usize>()
                        + e.mentions.capacity() * std::mem::size_of::<Span>()
                })
                .sum::<usize>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sourced_core::analysis::{analyze, TextFormat};

    #[test]
    fn names_kept_as_bytes_read_back_the_same() {
        let text = "Defense Secretary Jim Mattis said on Tuesday: \"We will stay.\" \
                    Mattis, a retired Marine general, met Sen. John McCain of Arizona.";
        let names = SourceNames::of(SourceId(7), &analyze(text, TextFormat::Plain));
        // Names, titles and quotes all go through.
        assert!(names.entities.len() >= 2, "{names:?}");
        assert!(
            names
                .entities
                .iter()
                .any(|e| !e.titles.is_empty() && e.quotes > 0 && e.mentions.len() >= 2),
            "{names:?}"
        );
        let bytes = names.encode();
        assert_eq!(SourceNames::decode(SourceId(7), &bytes), Some(names));
    }

    #[test]
    fn bytes_of_another_layout_or_cut_short_are_not_read() {
        let text = "Sen. John McCain of Arizona said \"No.\"";
        let bytes = SourceNames::of(SourceId(1), &analyze(text, TextFormat::Plain)).encode();
        let mut other = bytes.clone();
        other[0] = ENCODING + 1;
        assert_eq!(SourceNames::decode(SourceId(1), &other), None);
        assert_eq!(
            SourceNames::decode(SourceId(1), &bytes[..bytes.len() / 2]),
            None
        );
        assert_eq!(SourceNames::decode(SourceId(1), &[]), None);
    }
}
