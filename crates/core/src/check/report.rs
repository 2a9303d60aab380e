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
}

/// One place where a source names the speaker of a passage.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SourceSpeaker {
    /// The name the corpus knows them by ("Mikhail Mizintsev").
    pub name: String,
    /// The words naming them at the source's attribution ("he", "General Mikhail
    /// Mizintsev").
    pub location: Location,
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
