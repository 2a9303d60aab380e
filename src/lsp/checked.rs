//! One check of one document: the text at a revision, its analysis, the corpus report
//! and the diagnostics made from it. Every feature of the server (diagnostics, hover,
//! jumps, fixes, symbols, hints) reads a [`Checked`], so they all agree with each other
//! and with the text they were computed on.
//!
//! Computing one is pure CPU work and runs on a blocking thread, never on the threads
//! that read the editor's messages.

use ropey::Rope;
use std::path::Path;
use std::sync::Mutex;
use tower_lsp_server::ls_types::{Diagnostic, Uri};

use crate::analysis::{analyze, Analysis, TextFormat};
use crate::check::{CheckOptions, Report, WordCache};
use crate::config::Config;
use crate::corpus::CorpusIndex;

use super::diagnostics::{self, DiagnosticCache};
use super::documents::Snapshot;
use super::incremental::{check_incremental, ChainCache};
use super::position::Encoding;
use super::query_cache::{Memo, QueryCache};
use super::settings::{merge_severity, ClientSettings};
use super::workspace::Assignment;

/// Drafts larger than this are kept in sync but not checked (16 MiB).
pub const MAX_CHECKED_BYTES: usize = 16 << 20;

/// Why a document has no findings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Skipped {
    /// Checked (there may still be no findings).
    No,
    /// No corpus for this draft.
    NoCorpus,
    /// Its corpus is being indexed: analysed, not yet checked.
    Indexing,
    /// Too large to check.
    TooLarge(usize),
}

/// A document's text at one revision, checked against its corpus.
pub struct Checked {
    pub uri: Uri,
    pub version: i32,
    pub revision: u64,
    /// The corpus and configuration, and the corpus generation at the time of the check.
    pub assignment: Option<Assignment>,
    pub generation: u64,
    pub rope: Rope,
    pub text: String,
    pub analysis: Analysis,
    pub report: Report,
    pub diagnostics: Vec<Diagnostic>,
    pub skipped: Skipped,
    pub encoding: Encoding,
    /// The session's configuration epoch when the check started.
    pub epoch: u64,
}

impl Checked {
    /// Whether this check is still the one for `revision` of the document and the
    /// current state of its corpus.
    pub fn is_current(&self, revision: u64, epoch: u64) -> bool {
        self.revision == revision
            && self.epoch == epoch
            && self.skipped != Skipped::Indexing
            && self
                .assignment
                .as_ref()
                .map_or(true, |a| a.corpus.generation() == self.generation)
    }

    /// An identifier of what the diagnostics were computed from, for pull diagnostics:
    /// the text, the corpus and the settings (a severity change with the same text and
    /// corpus must not be answered "unchanged").
    pub fn result_id(&self) -> String {
        format!("{}-{}-{}", self.revision, self.generation, self.epoch)
    }

    /// The file name of the document, for messages.
    pub fn name(&self) -> String {
        self.uri
            .path()
            .as_str()
            .rsplit('/')
            .next()
            .unwrap_or("")
            .to_string()
    }
}

/// The options of a check of `draft` under `config` (its severities, aliases and the
/// `[[ignore]]` rules for this file) and the editor's settings (severities win).
pub fn options_for(
    config: &Config,
    draft: Option<&Path>,
    settings: &ClientSettings,
) -> CheckOptions {
    let mut options = match draft {
        Some(d) => config.check_options_for(d),
        None => config.check_options(),
    };
    options.severity_overrides = merge_severity(&config.severity, &settings.severity);
    options
}

/// What a corpus remembers from one check of its drafts to the next, so that a
/// keystroke costs what it changed: the corpus's answers, the verdicts on quotes, the
/// words of the sources quotes were aligned with, and the diagnostics made of findings.
/// Each part empties itself when the corpus generation moves on.
#[derive(Default)]
pub struct CheckCaches {
    pub queries: Mutex<QueryCache>,
    pub chains: Mutex<ChainCache>,
    pub words: WordCache,
    pub diagnostics: Mutex<DiagnosticCache>,
}

/// One revision of a draft checked against `corpus` at `generation`: its analysis, the
/// report and the diagnostics, as the server computes them on every change (the
/// newsroom bench times this). Blocking.
#[allow(clippy::too_many_arguments)]
pub fn check_text(
    text: &str,
    rope: &Rope,
    format: TextFormat,
    corpus: &dyn CorpusIndex,
    generation: u64,
    caches: &CheckCaches,
    options: &CheckOptions,
    encoding: Encoding,
    related_information: bool,
) -> (Analysis, Report, Vec<Diagnostic>) {
    let analysis = analyze(text, format);
    let memo = Memo::new(corpus, &caches.queries, generation);
    let report = check_incremental(
        text,
        &analysis,
        &memo,
        options,
        &caches.chains,
        &caches.words,
        generation,
    );
    let diagnostics = diagnostics::to_lsp(
        &report.findings,
        rope,
        encoding,
        corpus,
        related_information,
        &caches.diagnostics,
        generation,
    );
    (analysis, report, diagnostics)
}

/// Analyse and check a snapshot. Blocking: call on a blocking thread.
pub fn compute(
    snap: Snapshot,
    assignment: Option<Assignment>,
    indexing: bool,
    epoch: u64,
    settings: &ClientSettings,
    encoding: Encoding,
    related_information: bool,
) -> Checked {
    let text = snap.rope.to_string();
    let mut skipped = if indexing {
        Skipped::Indexing
    } else {
        Skipped::No
    };
    if text.len() > MAX_CHECKED_BYTES {
        skipped = Skipped::TooLarge(text.len());
    }
    let (analysis, report, diagnostics, generation) = match (&assignment, &skipped) {
        (Some(a), Skipped::No) => {
            let options = options_for(&a.config, snap.path.as_deref(), settings);
            let index = a.corpus.read();
            let generation = a.corpus.generation();
            let (analysis, report, diagnostics) = check_text(
                &text,
                &snap.rope,
                snap.format,
                &*index,
                generation,
                &a.corpus.caches,
                &options,
                encoding,
                related_information,
            );
            (analysis, report, diagnostics, generation)
        }
        (None, Skipped::No) => {
            skipped = Skipped::NoCorpus;
            let analysis = analyze(&text, snap.format);
            (analysis, Report::default(), Vec::new(), 0)
        }
        (a, Skipped::Indexing) => {
            let analysis = analyze(&text, snap.format);
            let generation = a.as_ref().map_or(0, |a| a.corpus.generation());
            (analysis, Report::default(), Vec::new(), generation)
        }
        (a, _) => {
            let generation = a.as_ref().map_or(0, |a| a.corpus.generation());
            (
                Analysis::default(),
                Report::default(),
                Vec::new(),
                generation,
            )
        }
    };
    Checked {
        uri: snap.uri,
        version: snap.version,
        revision: snap.revision,
        assignment,
        generation,
        rope: snap.rope,
        text,
        analysis,
        report,
        diagnostics,
        skipped,
        encoding,
        epoch,
    }
}
