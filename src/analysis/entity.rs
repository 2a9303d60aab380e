//! People and organisations: their mentions grouped into entities, with canonical
//! names, aliases and the titles the text gives them.
//!
//! Also resolves each quote's speaker mention (a pronoun, a surname, a title) to the
//! entity it refers to.

use serde::{Deserialize, Serialize};

use super::quote::Quote;
use super::span::Span;

/// Index of an entity in [`super::Analysis::entities`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct EntityId(pub u32);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EntityKind {
    Person,
    Organisation,
}

/// How a mention names its entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MentionKind {
    /// "Mike Pompeo", "Pompeo", "Mr. Pompeo".
    Name,
    /// A title with a name: "Secretary of State Mike Pompeo", "Gen. Mizintsev".
    TitledName,
    /// A title alone: "the secretary", "the minister".
    Title,
    /// "he", "she", "they".
    Pronoun,
    /// A description: "a senior official", "the influential US daily".
    Description,
}

/// One place where the text names an entity.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub span: Span,
    pub text: String,
    pub kind: MentionKind,
}

/// A title or role the text gives an entity.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TitleMention {
    /// The title as written ("Defense Secretary", "Gen.", "a former Soviet and Russian
    /// diplomat to the U.S.").
    pub span: Span,
    pub text: String,
    /// Its canonical form, equal for equivalent titles (see [`super::title`]).
    pub normalized: String,
}

/// A person or organisation named in the text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    pub id: EntityId,
    pub kind: EntityKind,
    /// The fullest name the text gives ("Mike Pompeo").
    pub canonical: String,
    /// Other names for the same entity ("Pompeo", "Mr. Pompeo").
    pub aliases: Vec<String>,
    pub mentions: Vec<Mention>,
    pub titles: Vec<TitleMention>,
}

/// Find the entities in `prose`, and resolve each quote's speaker to one of them.
pub fn find_entities(prose: &str, quotes: &mut [Quote]) -> Vec<Entity> {
    let _ = (prose, quotes);
    Vec::new()
}
