//! Direct quotations: where each one is, and the data type that describes it.
//!
//! Finding who said a quote is [`super::attribution`]'s job; this module only finds the
//! quotation marks and what they enclose.

use serde::{Deserialize, Serialize};

use super::entity::{EntityId, MentionKind};
use super::span::Span;

/// One direct quotation.
///
/// A quote split by its attribution (`"It's important," he said, "that ..."`) is two
/// `Quote`s; the second has `continues_previous` set. So is each paragraph of a quote
/// that runs over several paragraphs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// The quotation, marks included.
    pub span: Span,
    /// What the marks enclose.
    pub inner: Span,
    /// The quoted words as written (the text of `inner`).
    pub text: String,
    /// Who said it, when the text says so.
    pub speaker: Option<Speaker>,
    /// The reporting words ("said", "told reporters", "according to").
    pub cue: Option<Cue>,
    /// This quote carries on the one before it (split by attribution, or a new paragraph
    /// of the same quotation).
    pub continues_previous: bool,
}

/// The speaker of a quote, as the text names them at the attribution.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Speaker {
    /// The words that name the speaker at the attribution ("he", "Pompeo",
    /// "Secretary of State Mike Pompeo", "the influential US daily").
    pub mention: Span,
    pub mention_text: String,
    pub kind: MentionKind,
    /// The person or organisation the mention refers to, once resolved.
    pub entity: Option<EntityId>,
    /// True when no cue names the speaker here and the quote continues the previous
    /// speaker (a paragraph that is only a quote).
    pub inherited: bool,
}

/// The reporting words of an attribution.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cue {
    pub span: Span,
    pub text: String,
}

/// Find every direct quotation in `prose` (text with markup already masked).
pub fn find_quotes(prose: &str) -> Vec<Quote> {
    let _ = prose;
    Vec::new()
}
