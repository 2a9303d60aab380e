//! The consistency checks: a draft's quotes and people against the corpus.
//!
//! Pure: it reads a draft's [`Analysis`] and asks a [`CorpusIndex`] questions; it does no
//! IO of its own and knows nothing of LSP or the terminal. The CLI and the language
//! server turn its [`Report`] into their own forms.
//!
//! - [`pattern`] reads a draft quote into words, omissions and brackets; [`matching`]
//!   aligns it with source words; [`candidates`] finds where in the corpus to align it;
//!   [`diff`] shows the difference.
//! - [`quote_verdicts`] gives each quote its verdict and the quote findings; [`speakers`] decides
//!   whether two speakers are the same person.
//! - [`misspelled_names`] finds misspelled names, [`title_mismatch`] contradicted titles, [`people`] what the
//!   corpus knows of each person of the draft.
//! - [`report`] holds the result types; [`evidence`] words the places in the sources.

pub mod candidates;
pub mod diff;
pub mod evidence;
pub mod matching;
pub mod misspelled_names;
pub mod pattern;
pub mod people;
pub mod quote_verdicts;
pub mod report;
pub mod same_words;
pub mod speakers;
pub mod title_mismatch;
pub mod word_cache;

#[cfg(test)]
mod testkit;

use serde::{Deserialize, Serialize};

use std::sync::Arc;

use crate::analysis::{Analysis, Entity, Span};
use crate::index::{CorpusEntity, CorpusIndex, Location};

pub use diff::{DiffKind, DiffPart, WordDiff};
pub use report::{
    PersonReport, QuoteStatus, QuoteVerdict, Report, SourceMatch, SourceSpeaker, SpeakerBasis,
};
pub use word_cache::WordCache;

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

    /// Warnings and errors are problems (they make `sourced check` fail); information
    /// and hints are not.
    pub fn is_problem(self) -> bool {
        matches!(self, Severity::Error | Severity::Warning)
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
    /// A sentence naming the evidence ("the sources attribute this quote to Mikhail
    /// Mizintsev (arab-news.txt:13), not to Mike Pompeo").
    pub message: String,
    /// Where in the sources the evidence is.
    pub evidence: Vec<Location>,
    /// The text that would replace `span` to fix it, where there is one.
    pub fix: Option<String>,
    /// The draft text an `[[ignore]]` names to silence this finding (the quote's words
    /// for quote findings, the name or title for the others). Front ends offering
    /// "ignore this finding here" store this.
    pub key: String,
    /// The draft quote the finding is about (index into `Analysis::quotes`), if any.
    pub quote: Option<usize>,
}

/// "Ignore this finding here": a finding of `code` whose key is `text` is dropped.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ignore {
    pub code: FindingCode,
    /// Compared with [`Finding::key`] after normalisation (case, quote style, spacing,
    /// punctuation at the edges).
    pub text: String,
}

/// A spelling the reporter declares correct for a corpus name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alias {
    /// As the draft writes it ("Mizintzev").
    pub alias: String,
    /// The corpus name it stands for ("Mikhail Mizintsev").
    pub canonical: String,
}

/// What the front ends may configure about a check (from `sourced.toml` and editor
/// settings, already read: plain data, so the check stays pure).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CheckOptions {
    /// Per-code severity overrides; `None` turns the code off.
    pub severity_overrides: Vec<(FindingCode, Option<Severity>)>,
    /// Findings the user has silenced, for this draft.
    pub ignores: Vec<Ignore>,
    /// Spellings declared correct.
    pub aliases: Vec<Alias>,
}

impl CheckOptions {
    /// The severity findings of `code` get, or `None` when the code is turned off. The
    /// last override of a code wins.
    pub fn severity(&self, code: FindingCode) -> Option<Severity> {
        self.severity_overrides
            .iter()
            .rev()
            .find(|(c, _)| *c == code)
            .map_or(Some(code.default_severity()), |(_, s)| *s)
    }

    /// Whether an `[[ignore]]` silences `finding`.
    pub fn is_ignored(&self, finding: &Finding) -> bool {
        let key = ignore_key(&finding.key);
        self.ignores
            .iter()
            .any(|i| i.code == finding.code && ignore_key(&i.text) == key)
    }

    /// The corpus name `name` is declared to stand for, if any.
    pub fn alias_of(&self, name: &str) -> Option<&str> {
        let key = ignore_key(name);
        self.aliases
            .iter()
            .find(|a| ignore_key(&a.alias) == key)
            .map(|a| a.canonical.as_str())
    }
}

/// Text compared by its normalised words, so an ignore survives changes of quotation
/// marks, case and spacing.
fn ignore_key(text: &str) -> Vec<String> {
    crate::analysis::normalize::words(text)
        .into_iter()
        .map(|w| w.norm)
        .collect()
}

/// Check a draft against a corpus: a verdict on every quote, what the corpus knows of
/// every person, and the findings (severities overridden and ignores applied as
/// `options` says), in draft order.
pub fn check(
    draft: &str,
    analysis: &Analysis,
    corpus: &dyn CorpusIndex,
    options: &CheckOptions,
) -> Report {
    let (quotes, mut findings) = check_quotes(draft, analysis, corpus, options);
    let mut people = Vec::new();
    for entity in &analysis.entities {
        let (known, entity_findings) = check_entity(draft, entity, corpus, options);
        if let Some(corpus) = known {
            people.push(PersonReport {
                entity: entity.id,
                corpus,
            });
        }
        findings.extend(entity_findings);
    }
    in_draft_order(&mut findings);
    Report {
        findings,
        quotes,
        people,
    }
}

/// The verdict on every quote of the draft and the quote findings (severities and
/// ignores applied, not yet in draft order): the part of [`check`] about quotes.
pub fn check_quotes(
    draft: &str,
    analysis: &Analysis,
    corpus: &dyn CorpusIndex,
    options: &CheckOptions,
) -> (Vec<QuoteVerdict>, Vec<Finding>) {
    check_quotes_with(draft, analysis, corpus, options, &WordCache::default())
}

/// [`check_quotes`] with the sources' words kept in `words` from one check to the next
/// (it must be [`WordCache::prepare`]d with the generation of `corpus`): the same
/// result, without tokenizing again the sources an earlier check looked at.
pub fn check_quotes_with(
    draft: &str,
    analysis: &Analysis,
    corpus: &dyn CorpusIndex,
    options: &CheckOptions,
    words: &WordCache,
) -> (Vec<QuoteVerdict>, Vec<Finding>) {
    let basis_of = |i: usize| speakers::speaker_basis(analysis, draft, i);
    check_quotes_part(draft, analysis, corpus, options, words, &basis_of)
}

/// [`check_quotes_with`] on an analysis that holds part of the draft's quotes (an
/// incremental check), with `basis_of(i)` telling how the whole draft makes the speaker
/// of the part's quote `i` its speaker ([`speakers::speaker_basis`] on the whole
/// analysis: it depends on the quotes and people around).
pub fn check_quotes_part(
    draft: &str,
    analysis: &Analysis,
    corpus: &dyn CorpusIndex,
    options: &CheckOptions,
    words: &WordCache,
    basis_of: &dyn Fn(usize) -> SpeakerBasis,
) -> (Vec<QuoteVerdict>, Vec<Finding>) {
    let mut findings = Vec::new();
    let quotes = quote_verdicts::check_quotes(
        draft,
        analysis,
        corpus,
        options,
        words,
        basis_of,
        &mut findings,
    );
    (quotes, configured(findings, options))
}

/// What the corpus knows of one person or organisation of the draft, and the name and
/// title findings on its mentions (severities and ignores applied): the part of
/// [`check`] about `entity`. It depends on the entity's names, mentions and titles (and
/// the few words before each title, and whether its sentence names a year), never on the
/// rest of the draft.
pub fn check_entity(
    draft: &str,
    entity: &Entity,
    corpus: &dyn CorpusIndex,
    options: &CheckOptions,
) -> (Option<Arc<CorpusEntity>>, Vec<Finding>) {
    let known = people::corpus_entity(entity, corpus, options);
    let mut findings = Vec::new();
    misspelled_names::check_entity_names(draft, entity, corpus, options, &mut findings);
    if let Some(k) = &known {
        title_mismatch::check_entity_titles(draft, entity, k, corpus, &mut findings);
    }
    (known, configured(findings, options))
}

/// Findings with their configured severity, the ones turned off or ignored dropped.
fn configured(findings: Vec<Finding>, options: &CheckOptions) -> Vec<Finding> {
    findings
        .into_iter()
        .filter_map(|mut f| {
            f.severity = options.severity(f.code)?;
            (!options.is_ignored(&f)).then_some(f)
        })
        .collect()
}

/// Sort findings in draft order, one per code and span.
pub fn in_draft_order(findings: &mut Vec<Finding>) {
    findings.sort_by_key(|f| (f.span.start, f.span.end, f.code));
    findings.dedup_by(|a, b| a.code == b.code && a.span == b.span);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severity_overrides_and_off() {
        let options = CheckOptions {
            severity_overrides: vec![
                (FindingCode::AlteredQuote, None),
                (FindingCode::UnattributedQuote, Some(Severity::Hint)),
            ],
            ..CheckOptions::default()
        };
        assert_eq!(options.severity(FindingCode::AlteredQuote), None);
        assert_eq!(
            options.severity(FindingCode::UnattributedQuote),
            Some(Severity::Hint)
        );
        assert_eq!(
            options.severity(FindingCode::MisattributedQuote),
            Some(Severity::Error)
        );
    }

    #[test]
    fn ignores_survive_quote_style_and_case() {
        let options = CheckOptions {
            ignores: vec![Ignore {
                code: FindingCode::UnsourcedQuote,
                text: "We will not pay for reconstruction".into(),
            }],
            ..CheckOptions::default()
        };
        let finding = Finding {
            code: FindingCode::UnsourcedQuote,
            severity: Severity::Warning,
            span: Span::new(0, 10),
            message: String::new(),
            evidence: Vec::new(),
            fix: None,
            key: "we will not pay for reconstruction,".into(),
            quote: Some(0),
        };
        assert!(options.is_ignored(&finding));
        let other = Finding {
            code: FindingCode::AlteredQuote,
            ..finding.clone()
        };
        assert!(!options.is_ignored(&other));
    }

    #[test]
    fn aliases_resolve_case_insensitively() {
        let options = CheckOptions {
            aliases: vec![Alias {
                alias: "Mizintzev".into(),
                canonical: "Mikhail Mizintsev".into(),
            }],
            ..CheckOptions::default()
        };
        assert_eq!(options.alias_of("mizintzev"), Some("Mikhail Mizintsev"));
        assert_eq!(options.alias_of("Mizintsev"), None);
    }
}
