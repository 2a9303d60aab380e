//! What one source contributes to the names index ([`super::entities`]): its people and
//! organisations with their names, titles, mentions and quote counts, taken from its
//! analysis so that the text and the rest of the analysis can be dropped.
//!
//! Plain data; it must not merge anything (that is the names index's job).

use super::SourceId;
use sourced_core::analysis::{Analysis, EntityId, EntityKind, Span, TitleMention};

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
