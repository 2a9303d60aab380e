//! What a check tells the front ends beyond its findings: a verdict for every draft quote
//! and what the corpus knows of every person the draft names.
//!
//! Plain data. The CLI prints findings; the language server builds hovers, inlay hints,
//! go-to-definition and quick fixes on [`QuoteVerdict`] and [`PersonReport`]. Nothing here
//! computes anything from the corpus: [`super::quote_verdicts`] and [`super::people`] fill it in.

use serde::{Deserialize, Serialize};

use crate::analysis::{EntityId, Span};
use crate::index::{CorpusEntity, Location};

use super::diff::WordDiff;
use super::Finding;

/// Everything one check of a draft found.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// The problems, in draft order, after severity overrides and ignores.
    pub findings: Vec<Finding>,
    /// One verdict per draft quote, `quotes[i].quote == i`.
    pub quotes: Vec<QuoteVerdict>,
    /// One entry per draft person or organisation the corpus knows.
    pub people: Vec<PersonReport>,
}

impl Report {
    /// The verdict of the quote whose span (marks included) contains `offset`.
    pub fn quote_at(&self, offset: usize) -> Option<&QuoteVerdict> {
        self.quotes.iter().find(|q| q.span.contains(offset))
    }

    /// The report on the draft entity `id`.
    pub fn person(&self, id: EntityId) -> Option<&PersonReport> {
        self.people.iter().find(|p| p.entity == id)
    }

    /// Whether any finding is at warning or error level.
    pub fn has_problems(&self) -> bool {
        self.findings.iter().any(|f| f.severity.is_problem())
    }
}

/// What the sources say about one quote of the draft.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum QuoteStatus {
    /// A source has these words (allowing what journalism allows), and no source gives
    /// them to someone other than the draft's speaker.
    Verified,
    /// The closest source wording differs beyond what is allowed.
    Altered,
    /// No source has anything close.
    Unsourced,
    /// The sources give these words to someone other than the draft's speaker.
    Misattributed,
    /// The words are in the sources but the draft does not say who spoke them.
    Unattributed,
    /// Too short to check (a scare quote or a one- or two-word fragment) and not found
    /// verbatim: nothing is claimed either way.
    Unchecked,
}

impl QuoteStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteStatus::Verified => "verified",
            QuoteStatus::Altered => "altered",
            QuoteStatus::Unsourced => "unsourced",
            QuoteStatus::Misattributed => "misattributed",
            QuoteStatus::Unattributed => "unattributed",
            QuoteStatus::Unchecked => "unchecked",
        }
    }
}

/// The verdict on one draft quote.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuoteVerdict {
    /// Index of the quote in the draft's `Analysis::quotes`.
    pub quote: usize,
    /// The quote in the draft, marks included (as `Quote::span`).
    pub span: Span,
    pub status: QuoteStatus,
    /// The source passages that carry these words, best first. Empty when unsourced.
    pub matches: Vec<SourceMatch>,
    /// Who the sources say spoke these words, one entry per place a source says so.
    pub speakers: Vec<SourceSpeaker>,
    /// The speaker as the draft resolves it (canonical name), when it does.
    pub draft_speaker: Option<String>,
    /// How the draft makes them the speaker, when it names one.
    #[serde(default)]
    pub draft_basis: Option<SpeakerBasis>,
}

/// A stretch of a source that carries a draft quote.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SourceMatch {
    /// Where the source wording is (from its first to its last matching word).
    pub location: Location,
    /// The source wording, as the source writes it.
    pub text: String,
    /// The draft quote against [`SourceMatch::text`], word by word.
    pub diff: WordDiff,
    /// True when the draft quote is this wording, allowing only what journalism allows
    /// (case, punctuation, spelling variants, a fragment, "..." and [brackets]).
    pub exact: bool,
    /// How many of the draft quote's words the source wording has, in order...
    #[serde(default)]
    pub matched: usize,
    /// ...out of how many (bracketed words not counted).
    #[serde(default)]
    pub total: usize,
    /// Whether the source wording is inside a quotation of the source (not its narrative).
    #[serde(default)]
    pub quoted: bool,
}

/// One place where a source names the speaker of a passage.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SourceSpeaker {
    /// The name the corpus knows them by ("Mikhail Mizintsev").
    pub name: String,
    /// The words naming them at the source's attribution ("he", "General Mikhail
    /// Mizintsev").
    pub location: Location,
    /// How the source's words make them the speaker.
    #[serde(default)]
    pub basis: SpeakerBasis,
}

/// How a text makes someone the speaker of a quote: the ground a verdict on who said it
/// stands on. Only a confident basis ([`SpeakerBasis::confident`]) on both sides can make
/// a quote misattributed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SpeakerBasis {
    /// Named at the attribution ("Pompeo said").
    Named,
    /// A pronoun or title at the attribution ("he said", "the secretary said"), and the
    /// speaker is the person the text names last before it in that paragraph (or the one
    /// before, when that paragraph names nobody).
    Resolved,
    /// A quote with no attribution of its own that carries on the attribution of a quote
    /// just before it (the next sentence or the next paragraph), nobody else named between.
    Continued,
    /// A pronoun, title or description among several people, or a speaker carried over
    /// from farther away: shown, never the ground of an accusation.
    #[default]
    Guessed,
}

impl SpeakerBasis {
    pub fn as_str(self) -> &'static str {
        match self {
            SpeakerBasis::Named => "named",
            SpeakerBasis::Resolved => "resolved",
            SpeakerBasis::Continued => "continued",
            SpeakerBasis::Guessed => "guessed",
        }
    }

    /// Whether the text says who spoke clearly enough to contradict another text.
    pub fn confident(self) -> bool {
        !matches!(self, SpeakerBasis::Guessed)
    }

    /// A few words for a reporter ("named at the attribution").
    pub fn explain(self) -> &'static str {
        match self {
            SpeakerBasis::Named => "named at the attribution",
            SpeakerBasis::Resolved => "a pronoun or title for the person named just before",
            SpeakerBasis::Continued => "carries on the attribution of the quote before",
            SpeakerBasis::Guessed => "a guess among several people (not compared)",
        }
    }
}

/// What the corpus knows about a person or organisation of the draft.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PersonReport {
    /// The entity in the draft's `Analysis::entities`.
    pub entity: EntityId,
    /// The corpus entity it is (canonical name, aliases, titles with their locations,
    /// mentions, quote count). Shared with the index's answer: a keystroke does not copy
    /// a much-quoted person's thousands of mentions.
    pub corpus: std::sync::Arc<CorpusEntity>,
}
