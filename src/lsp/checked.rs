//! One check of one document: the text at a revision, its analysis, the corpus report
//! and the diagnostics made from it. Every feature of the server (diagnostics, hover,
//! jumps, fixes, symbols, hints) reads a [`Checked`], so they all agree with each other
//! and with the text they were computed on.
//!
//! Computing one is pure CPU work and runs on a blocking thread, never on the threads
//! that read the editor's messages.

use ropey::Rope;
use std::path::Path;
use std::sync::{Arc, Mutex};
use tower_lsp_server::ls_types::{Diagnostic, Uri};

use crate::analysis::{analyze, Analysis, TextFormat};
use crate::check::{CheckOptions, Report, WordCache};
use crate::config::Config;
use crate::incremental::query_cache::{Memo, QueryCache};
use crate::incremental::{check_incremental, ChainCache};
use crate::index::CorpusIndex;

use super::archive::DraftArchive;
use super::diagnostics::{self, DiagnosticCache};
use super::documents::Snapshot;
use super::position::Encoding;
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
    /// Source files this check took out of its corpus because they are the draft
    /// itself (or a copy of it), for a message.
    pub skipped_drafts: Vec<std::path::PathBuf>,
    /// The newsroom archive's answers for this draft, when one is configured, and the
    /// round of answers the check used.
    pub archive: Option<Arc<DraftArchive>>,
    pub archive_round: u64,
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
            && self
                .archive
                .as_ref()
                .map_or(true, |d| d.round() == self.archive_round)
    }

    /// An identifier of what the diagnostics were computed from, for pull diagnostics:
    /// the text, the corpus and the settings (a severity change with the same text and
    /// corpus must not be answered "unchanged").
    pub fn result_id(&self) -> String {
        format!(
            "{}-{}-{}-{}",
            self.revision, self.generation, self.epoch, self.archive_round
        )
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

impl CheckCaches {
    /// A story folder's: it keeps more of its sources' words than an archive's.
    pub fn for_story_folder() -> CheckCaches {
        CheckCaches {
            words: WordCache::with_bound(crate::check::word_cache::FOLDER_MAX_BYTES),
            ..CheckCaches::default()
        }
    }
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

/// Analyse and check a snapshot, against its story folder and, when `archive` is given,
/// the archive's answers kept for the draft. Blocking (never on the network): call on a
/// blocking thread.
#[allow(clippy::too_many_arguments)]
pub fn compute(
    snap: Snapshot,
    assignment: Option<Assignment>,
    archive: Option<Arc<DraftArchive>>,
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
    let mut skipped_drafts = Vec::new();
    let mut archive_round = 0;
    let (analysis, report, diagnostics, generation) = match (&assignment, &skipped) {
        (Some(a), Skipped::No) if archive.is_some() => {
            if let Some(path) = snap
                .path
                .as_ref()
                .filter(|p| !a.corpus.is_source_being_read(p))
            {
                skipped_drafts = a.corpus.skip_draft(&snap.uri, path);
            }
            let draft = archive.as_deref().expect("an archive");
            let options = options_for(&a.config, snap.path.as_deref(), settings);
            let index = a.corpus.read();
            let generation = a.corpus.generation();
            let (analysis, report, diagnostics, round) = super::archive::check_text(
                &text,
                &snap.rope,
                snap.format,
                &*index,
                generation,
                draft,
                &options,
                encoding,
                related_information,
            );
            archive_round = round;
            (analysis, report, diagnostics, generation)
        }
        (Some(a), Skipped::No) => {
            if let Some(path) = snap
                .path
                .as_ref()
                .filter(|p| !a.corpus.is_source_being_read(p))
            {
                skipped_drafts = a.corpus.skip_draft(&snap.uri, path);
            }
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
        skipped_drafts,
        archive,
        archive_round,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{analyze, TextFormat};
    use crate::check::check;
    use crate::config::CorpusConfig;
    use crate::lsp::diagnostics::{to_lsp, DiagnosticCache};
    use crate::lsp::position::Encoding;
    use std::path::Path;

    fn story() -> (crate::corpus::memory::MemoryIndex, String) {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/syria-refugees");
        let cfg = CorpusConfig::new(vec![dir.join("sources")]);
        let loaded = crate::corpus::load::load(&cfg, &|_| {});
        let draft = std::fs::read_to_string(dir.join("draft.md")).unwrap();
        (loaded.index, draft)
    }

    /// After each edit, the incremental report equals the whole check's, and so do the
    /// diagnostics made from it.
    #[test]
    fn incremental_equals_whole_check_across_edits() {
        let (index, draft) = story();
        let options = CheckOptions::default();
        let cache = Mutex::new(ChainCache::default());
        let words = WordCache::default();
        let made = Mutex::new(DiagnosticCache::default());
        type Edit = Box<dyn Fn(&str) -> String>;
        let edits: Vec<Edit> = vec![
            Box::new(|t| t.to_string()),
            Box::new(|t| t.replacen("Moscow has sent", "Moscow has quietly sent", 1)),
            Box::new(|t| t.replacen("voluntary process", "voluntary mechanism", 1)),
            Box::new(|t| t.replacen("Pompeo added", "Mattis added", 1)),
            Box::new(|t| format!("New first paragraph, \"with a quote\" she said.\n\n{t}")),
            Box::new(|t| t.replacen("organised to ensure", "arranged to ensure", 1)),
            Box::new(|t| t.replacen("\n\nMizintzev said", " Mizintzev said", 1)),
            // A year typed into a title's sentence, far from the title, and taken out: a
            // title in a sentence about a given year is not compared.
            Box::new(|t| {
                t.replacen(
                    "has not commented on the plan.",
                    "has not commented on the plan since 2017.",
                    1,
                )
            }),
            Box::new(|t| t.replacen(" since 2017.", ".", 1)),
            Box::new(|t| t.replacen("Russian Foreign Minister", "Russian Defense Minister", 1)),
            // Typing inside a quote, letter by letter, and taking it out again.
            Box::new(|t| t.replacen("refugees can return", "refugees can safely return", 1)),
            Box::new(|t| t.replacen("can safely return", "can safel return", 1)),
            Box::new(|t| t.replacen("can safel return", "can return", 1)),
            // Typing in a quote's paragraph, before the quote and after its attribution.
            Box::new(|t| {
                t.replacen(
                    "Pompeo confirmed that",
                    "Pompeo confirmed on Friday that",
                    1,
                )
            }),
            Box::new(|t| t.replacen("New York.", "New York, on Friday.", 1)),
            // Between a quote and its attribution.
            Box::new(|t| t.replacen("side,\" Secretary", "side,\"  Secretary", 1)),
            // A speaker's name changed in another paragraph than the quote (the quote's
            // "he" and "Pompeo added" resolve through it).
            Box::new(|t| {
                t.replacen(
                    "Secretary of State Mike Pompeo",
                    "Secretary of State Mike Pompei",
                    1,
                )
            }),
            Box::new(|t| t.replacen("Pompeo confirmed", "Pompei confirmed", 1)),
            // A paragraph deleted, then pasted back elsewhere.
            Box::new(|t| {
                t.replacen(
                    "\"We will not pay for reconstruction while Assad stays in power,\" Mattis added.\n\n",
                    "",
                    1,
                )
            }),
            Box::new(|t| {
                format!("{t}\n\"We will not pay for reconstruction while Assad stays in power,\" Mattis added.\n")
            }),
            // A quote's paragraph pasted twice.
            Box::new(|t| {
                let p = "\"I'm all for re-opening communications,\" Mattis told journalists at the Pentagon.";
                t.replacen(
                    "Russian Defense Minister",
                    &format!("{p}\n\n{p}\n\nRussian Defense Minister"),
                    1,
                )
            }),
            // A title changed, a name misspelled and fixed.
            Box::new(|t| {
                t.replacen(
                    "General Mikhail Mizintsev",
                    "Foreign Minister Mikhail Mizintsev",
                    1,
                )
            }),
            Box::new(|t| t.replacen("Mizintzev said", "Mizintsev said", 1)),
            Box::new(|t| t.replacen("Mizintsev said Russia", "Mizintzev said Russia", 1)),
            // A quote's closing mark deleted, then typed back.
            Box::new(|t| t.replacen("in power,\" Mattis", "in power, Mattis", 1)),
            Box::new(|t| t.replacen("in power, Mattis", "in power,\" Mattis", 1)),
        ];
        let mut text = draft.clone();
        for (n, edit) in edits.iter().enumerate() {
            let before = text.clone();
            text = edit(&text);
            assert!(n == 0 || text != before, "edit {n} changed nothing");
            let analysis = analyze(&text, TextFormat::Markdown);
            let whole = check(&text, &analysis, &index, &options);
            let inc = check_incremental(&text, &analysis, &index, &options, &cache, &words, 1);
            assert_eq!(inc.findings, whole.findings, "findings after edit {n}");
            assert_eq!(inc.quotes, whole.quotes, "verdicts after edit {n}");
            assert_eq!(inc.people, whole.people, "people after edit {n}");
            // The diagnostics made with what earlier edits made equal fresh ones.
            let rope = ropey::Rope::from_str(&text);
            let kept = to_lsp(
                &inc.findings,
                &rope,
                Encoding::Utf16,
                &index,
                true,
                &made,
                1,
            );
            let fresh = Mutex::new(DiagnosticCache::default());
            let new = to_lsp(
                &whole.findings,
                &rope,
                Encoding::Utf16,
                &index,
                true,
                &fresh,
                1,
            );
            assert_eq!(kept, new, "diagnostics after edit {n}");
        }
        let m = made.lock().unwrap();
        assert!(
            m.reused_count > 3 * m.made_count,
            "diagnostics reused {} made {}",
            m.reused_count,
            m.made_count
        );
        let c = cache.lock().unwrap();
        assert!(
            c.entities_reused > 3 * c.entities_checked,
            "people reused {} checked {}",
            c.entities_reused,
            c.entities_checked
        );
        // Each edit touches one or two paragraphs: most verdicts were reused.
        assert!(
            c.reused > 3 * c.checked,
            "reused {} checked {}",
            c.reused,
            c.checked
        );
    }

    /// Many chains in one long paragraph, with the same speaker: each keeps its own
    /// verdicts, and the incremental report stays the whole check's.
    #[test]
    fn chains_sharing_a_paragraph_keep_their_own_verdicts() {
        let (index, _) = story();
        let options = CheckOptions::default();
        let cache = Mutex::new(ChainCache::default());
        let words = WordCache::default();
        let unit = "Officials met. \"We will not pay for reconstruction while Assad stays in power,\" Pompeo said. \"It was a lie,\" Pompeo said. ";
        let mut text = unit.repeat(20);
        for round in 0..3 {
            let analysis = analyze(&text, TextFormat::Markdown);
            assert!(analysis.quotes.len() >= 40, "{}", analysis.quotes.len());
            let whole = check(&text, &analysis, &index, &options);
            let inc = check_incremental(&text, &analysis, &index, &options, &cache, &words, 1);
            assert_eq!(inc.findings, whole.findings, "findings, round {round}");
            assert_eq!(inc.quotes, whole.quotes, "verdicts, round {round}");
            text.push_str("\n\nMore.");
        }
    }
}
