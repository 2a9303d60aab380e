//! The analysis core: reads news text the way an editor does.
//!
//! Text goes in, plain data comes out: the direct quotes ([`Quote`]), who said each one
//! ([`Speaker`], [`Cue`]), and the people and organisations the text names ([`Entity`]),
//! with the titles it gives them. Every position is a byte [`Span`] into the text as given.
//!
//! This module must stay pure: no file or network IO, no LSP types, no global state,
//! no panics on any input. The corpus, the checks, the CLI and the language server are
//! all built on top of it, never the other way round.

mod lexicon;
mod people;
mod quotes;
mod text;

// Text and tokens: positions, the two tokenizers, normalisation, Markdown, paragraphs.
pub use text::{cue_tokens, markdown, normalize, span};
pub(crate) use text::{lower, name_tokens, paragraphs};
// Quotes and attribution: the quotation marks, the cue and speaker mention of each,
// and the speakers carried on to later quotes.
pub use quotes::{
    attribution, cue, cue_context, inherit, mention, quote, sentence_subject, signature,
};
// People and titles: names in the text, the entities they make, who each speaker
// mention refers to, and the offices titles name.
pub(crate) use lexicon::is_honorific;
pub use people::coreference;
pub use people::{entity, gender, office};
pub(crate) use people::{name_runs, roles};

use serde::{Deserialize, Serialize};

pub use entity::{Entity, EntityId, EntityKind, Mention, MentionKind, People, TitleMention};
pub use name_runs::strip_possessive;
pub use quote::{Cue, Quote, Speaker};
pub use span::Span;

/// How the text is written, which decides what counts as markup rather than prose.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TextFormat {
    Plain,
    Markdown,
}

impl TextFormat {
    /// Guess the format from a file name: `.md` and `.markdown` are Markdown.
    pub fn from_path_name(name: &str) -> TextFormat {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".md") || lower.ends_with(".markdown") {
            TextFormat::Markdown
        } else {
            TextFormat::Plain
        }
    }
}

/// Everything the analysis found in one text.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// Direct quotations in document order.
    pub quotes: Vec<Quote>,
    /// People and organisations; `EntityId(i)` is `entities[i]`.
    pub entities: Vec<Entity>,
}

impl Analysis {
    pub fn entity(&self, id: EntityId) -> Option<&Entity> {
        self.entities.get(id.0 as usize)
    }

    /// The quote whose span (marks included) contains `offset`.
    pub fn quote_at(&self, offset: usize) -> Option<(usize, &Quote)> {
        self.quotes
            .iter()
            .enumerate()
            .find(|(_, q)| q.span.contains(offset))
    }

    /// The quotes grouped by utterance: each group is the index of a quote followed by
    /// the indices of the quotes that continue it (split by attribution, or later
    /// paragraphs of the same quotation).
    pub fn quote_chains(&self) -> Vec<Vec<usize>> {
        let mut out: Vec<Vec<usize>> = Vec::new();
        for (i, q) in self.quotes.iter().enumerate() {
            match out.last_mut() {
                Some(chain) if q.continues_previous => chain.push(i),
                _ => out.push(vec![i]),
            }
        }
        out
    }

    /// The entity with a mention whose span contains `offset`.
    pub fn entity_at(&self, offset: usize) -> Option<&Entity> {
        self.entities
            .iter()
            .find(|e| e.mentions.iter().any(|m| m.span.contains(offset)))
    }
}

/// Analyse a whole text, in five steps: the quotes, the attribution each one has of its
/// own, the speaker carried on to quotes that have none, the people and organisations
/// named, and then who each speaker mention refers to.
///
/// Markup (Markdown syntax, when `format` says so) is masked first, so every span still
/// points into `text` as given.
pub fn analyze(text: &str, format: TextFormat) -> Analysis {
    let prose = match format {
        TextFormat::Markdown => markdown::mask(text),
        TextFormat::Plain => std::borrow::Cow::Borrowed(text),
    };
    let mut quotes = quote::find_quotes(&prose);
    attribution::attribute(&prose, &mut quotes);
    inherit::inherit_speakers(&prose, &mut quotes);
    if let std::borrow::Cow::Owned(_) = prose {
        // Masking changed the text: report the words as written.
        quote::restore_text(text, &mut quotes);
    }
    let mut people = entity::find_entities(&prose);
    coreference::resolve_speakers(&prose, &mut people, &mut quotes);
    Analysis {
        quotes,
        entities: people.entities,
    }
}
