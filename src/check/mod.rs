//! The consistency checks: a draft's quotes and people against the corpus.
//!
//! Pure: it reads a draft's [`Analysis`] and asks a [`CorpusIndex`] questions; it does no
//! IO of its own and knows nothing of LSP or the terminal. The CLI and the language
//! server turn its [`Finding`]s into their own forms.

use serde::{Deserialize, Serialize};

use crate::analysis::{Analysis, Span};
use crate::corpus::{CorpusIndex, Location};

/// The stable code of a finding: what kind of problem it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FindingCode {
    MisattributedQuote,
    AlteredQuote,
    UnsourcedQuote,
    MisspelledName,
    TitleMismatch,
    UnattributedQuote,
}

impl FindingCode {
    pub const ALL: [FindingCode; 6] = [
        FindingCode::MisattributedQuote,
        FindingCode::AlteredQuote,
        FindingCode::UnsourcedQuote,
        FindingCode::MisspelledName,
        FindingCode::TitleMismatch,
        FindingCode::UnattributedQuote,
    ];

    /// The code as users see and configure it: `misattributed-quote`.
    pub fn as_str(self) -> &'static str {
        match self {
            FindingCode::MisattributedQuote => "misattributed-quote",
            FindingCode::AlteredQuote => "altered-quote",
            FindingCode::UnsourcedQuote => "unsourced-quote",
            FindingCode::MisspelledName => "misspelled-name",
            FindingCode::TitleMismatch => "title-mismatch",
            FindingCode::UnattributedQuote => "unattributed-quote",
        }
    }

    pub fn parse(code: &str) -> Option<FindingCode> {
        FindingCode::ALL.into_iter().find(|c| c.as_str() == code)
    }

    /// The severity a finding of this code has unless configured otherwise.
    pub fn default_severity(self) -> Severity {
        match self {
            FindingCode::MisattributedQuote => Severity::Error,
            FindingCode::AlteredQuote
            | FindingCode::UnsourcedQuote
            | FindingCode::MisspelledName
            | FindingCode::TitleMismatch => Severity::Warning,
            FindingCode::UnattributedQuote => Severity::Information,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Information,
    Hint,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Information => "information",
            Severity::Hint => "hint",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "information" | "info" => Some(Severity::Information),
            "hint" => Some(Severity::Hint),
            _ => None,
        }
    }
}

/// One problem in the draft, with its evidence.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub code: FindingCode,
    pub severity: Severity,
    /// What is wrong, in the draft.
    pub span: Span,
    /// A sentence naming the evidence ("the sources attribute this to Gen. Mikhail
    /// Mizintsev (arab-news.txt:9)").
    pub message: String,
    /// Where in the sources the evidence is.
    pub evidence: Vec<Location>,
    /// The text that would replace `span` to fix it, where there is one.
    pub fix: Option<String>,
}

/// What the front ends may configure about a check.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CheckOptions {
    /// Per-code severity overrides; `None` turns the code off.
    pub severity_overrides: Vec<(FindingCode, Option<Severity>)>,
}

/// Check a draft against a corpus.
pub fn check(
    draft: &str,
    analysis: &Analysis,
    corpus: &dyn CorpusIndex,
    options: &CheckOptions,
) -> Vec<Finding> {
    let _ = (draft, analysis, corpus, options);
    Vec::new()
}
