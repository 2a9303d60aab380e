//! `sourced check [--corpus PATH]... [--db URL] [--format human|json|sarif] DRAFT...`
//!
//! Reads each draft, finds and loads its corpus (the `--corpus` paths, else the draft's
//! `sourced.toml`, else a `sources/` folder beside it), checks it and prints the findings.
//! With a newsroom archive (`--db`, else `$SOURCED_ARCHIVE_URL`, else `[archive] url` in
//! the draft's `sourced.toml`) the draft is checked against its story folder and the
//! archive together; a story folder is then optional.
//! Exit status: 0 when nothing at warning or error level was found, 1 when something
//! was, 2 on a usage or IO error, or when the archive did not answer (what its answers
//! could have overturned is then left out, and the reason printed). Corpus files that
//! cannot be read are reported on stderr and the check goes on without them.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use sourced_archive::together::Together;
use sourced_archive::{provenance, withheld, ArchiveError, ArchiveIndex, ArchiveUrl};

use crate::analysis::{analyze, TextFormat};
use crate::check::{check, CheckOptions, Report};
use crate::config::{self, CorpusConfig};
use crate::corpus::load::{load, Loaded};
use crate::corpus::MemoryIndex;
use crate::index::CorpusIndex;

use super::output::{self, CheckedFile, Format};

const USAGE: &str =
    "usage: sourced check [--corpus PATH]... [--db URL] [--format human|json|sarif] DRAFT...";

/// The parsed command line.
#[derive(Debug, PartialEq)]
struct Args {
    corpus: Vec<PathBuf>,
    /// The newsroom archive's connection string.
    db: Option<String>,
    format: Format,
    drafts: Vec<PathBuf>,
}

/// A draft's corpus: its story folder, and the archive when one is configured.
enum Corpus {
    Folder(Box<MemoryIndex>),
    WithArchive(Box<Together<MemoryIndex>>),
}

impl Corpus {
    fn index(&self) -> &dyn CorpusIndex {
        match self {
            Corpus::Folder(m) => &**m,
            Corpus::WithArchive(t) => &**t,
        }
    }

    fn files(&self) -> usize {
        match self {
            Corpus::Folder(m) => m.source_count(),
            Corpus::WithArchive(t) => t.folder().source_count(),
        }
    }
}

fn parse_args(args: &[String]) -> Result<Args, String> {
    let mut corpus = Vec::new();
    let mut db = None;
    let mut format = Format::Human;
    let mut drafts = Vec::new();
    let mut it = args.iter();
    let mut only_files = false;
    while let Some(a) = it.next() {
        if only_files {
            drafts.push(PathBuf::from(a));
            continue;
        }
        let (flag, inline) = match a.split_once('=') {
            Some((f, v)) if f.starts_with('-') => (f, Some(v.to_string())),
            _ => (a.as_str(), None),
        };
        let mut value = |name: &str| -> Result<String, String> {
            match inline.clone().or_else(|| it.next().cloned()) {
                Some(v) => Ok(v),
                None => Err(format!("{name} needs a value")),
            }
        };
        match flag {
            "--corpus" | "-c" => corpus.push(PathBuf::from(value("--corpus")?)),
            "--db" => db = Some(value("--db")?),
            "--format" | "-f" => {
                let v = value("--format")?;
                format = Format::parse(&v).ok_or_else(|| {
                    format!("unknown format \u{201c}{v}\u{201d}: use human, json or sarif")
                })?;
            }
            "--" => only_files = true,
            "-h" | "--help" => return Err(String::new()),
            f if f.starts_with('-') && f.len() > 1 => return Err(format!("unknown option {f}")),
            _ => drafts.push(PathBuf::from(a)),
        }
    }
    if drafts.is_empty() {
        return Err("no draft given".to_string());
    }
    Ok(Args {
        corpus,
        db,
        format,
        drafts,
    })
}

/// Run `sourced check` with `args` (after the word `check`).
pub fn run(args: &[String]) -> ExitCode {
    let args = match parse_args(args) {
        Ok(a) => a,
        Err(msg) => {
            if msg.is_empty() {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            eprintln!("sourced check: {msg}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let mut io_error = false;
    // Corpora loaded so far, by their configuration and archive, so drafts sharing one
    // load it once.
    let mut corpora: Vec<(CorpusConfig, Option<String>, Corpus)> = Vec::new();
    // Archives opened so far, by connection string.
    let mut archives: Vec<(String, Result<Arc<ArchiveIndex>, ArchiveError>)> = Vec::new();
    // Why an archive did not answer, once per archive.
    let mut unanswered: Vec<String> = Vec::new();
    let mut checked: Vec<CheckedFile> = Vec::new();
    for draft_path in &args.drafts {
        let text = match read_draft(draft_path) {
            Ok(t) => t,
            Err(why) => {
                eprintln!("sourced check: cannot read {}: {why}", draft_path.display());
                io_error = true;
                continue;
            }
        };
        let (mut corpus_cfg, options, archive) =
            match corpus_for(draft_path, &args.corpus, args.db.as_deref()) {
                Ok(x) => x,
                Err(line) => {
                    eprintln!("{line}");
                    io_error = true;
                    continue;
                }
            };
        if corpus_cfg.paths.is_empty() && archive.is_none() {
            eprintln!(
                "sourced check: no corpus for {}: pass --corpus PATH, or put the sources in a sources/ folder beside it or name them in sourced.toml",
                draft_path.display()
            );
            io_error = true;
            continue;
        }
        if corpus_cfg.paths.is_empty() {
            // The archive alone: no story folder, nothing to cache.
            corpus_cfg.cache_dir = None;
        }
        let index = match corpora
            .iter()
            .position(|(c, a, _)| *c == corpus_cfg && *a == archive)
        {
            Some(i) => i,
            None => {
                let mut loaded = load(&corpus_cfg, &|_| {});
                for p in &loaded.problems {
                    eprintln!("sourced check: {p}");
                }
                skip_drafts(&mut loaded, &args.drafts);
                if loaded.index.source_count() == 0 && archive.is_none() {
                    eprintln!(
                        "sourced check: the corpus for {} has no readable source files{}: nothing checked",
                        draft_path.display(),
                        if loaded.stats.files > 0 { " but the draft itself" } else { "" }
                    );
                }
                let corpus = match &archive {
                    None => Corpus::Folder(Box::new(loaded.index)),
                    Some(raw) => {
                        let opened = match archives.iter().find(|(r, _)| r == raw) {
                            Some((_, a)) => a.clone(),
                            None => {
                                let a = ArchiveUrl::parse(raw)
                                    .and_then(|url| ArchiveIndex::open(&url))
                                    .map(Arc::new);
                                archives.push((raw.clone(), a.clone()));
                                a
                            }
                        };
                        Corpus::WithArchive(Box::new(Together::new(
                            loaded.index,
                            &corpus_cfg.paths,
                            opened,
                        )))
                    }
                };
                corpora.push((corpus_cfg, archive, corpus));
                corpora.len() - 1
            }
        };
        let corpus = &corpora[index].2;
        if corpus.files() == 0 && matches!(corpus, Corpus::Folder(_)) {
            // Said once, when the corpus was loaded; checking against nothing would call
            // every quote unsourced.
            io_error = true;
            continue;
        }
        let format = TextFormat::from_path_name(&draft_path.to_string_lossy());
        let analysis = analyze(&text, format);
        let mut report: Report = check(&text, &analysis, corpus.index(), &options);
        if let Corpus::WithArchive(both) = corpus {
            provenance::say_where(&mut report, &**both);
            let missed = both.take_missed();
            if !missed.is_empty() {
                withheld::withhold(&mut report, &text, &missed);
                let why = both
                    .failure()
                    .map_or_else(|| "it did not answer".to_string(), |e| e.message.clone());
                if !unanswered.contains(&why) {
                    unanswered.push(why);
                }
            }
        }
        checked.push(CheckedFile {
            path: draft_path.clone(),
            text,
            report,
            corpus: index,
        });
    }
    let corpora_refs: Vec<&dyn CorpusIndex> = corpora.iter().map(|(_, _, c)| c.index()).collect();
    if checked.is_empty() {
        return ExitCode::from(2);
    }
    let printed = output::print(args.format, &checked, &corpora_refs);
    for why in &unanswered {
        eprintln!(
            "sourced check: archive unreachable ({why}): no quote or name was called unsourced or misspelled for want of its answer; the story folder's findings are shown"
        );
    }
    if io_error || !unanswered.is_empty() {
        return ExitCode::from(2);
    }
    if let Err(e) = printed {
        eprintln!("sourced check: cannot write the output: {e}");
        return ExitCode::from(2);
    }
    if checked.iter().any(|c| c.report.has_problems()) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Take the drafts being checked out of a corpus that holds them (`paths = ["."]`,
/// `--corpus .`, a copy of a draft among the sources): a draft would confirm every one
/// of its own quotes. Each is named once on stderr.
fn skip_drafts(loaded: &mut Loaded, drafts: &[PathBuf]) {
    for draft in drafts {
        for id in loaded.index.copies_of_draft(draft) {
            let Some(path) = loaded.index.hide(id) else {
                continue;
            };
            let same_file = matches!(
                (path.canonicalize(), draft.canonicalize()),
                (Ok(a), Ok(b)) if a == b
            );
            if same_file {
                eprintln!(
                    "sourced check: skipped the draft itself ({}) as a source",
                    path.display()
                );
            } else {
                eprintln!(
                    "sourced check: skipped {} as a source: it is a copy of the draft {}",
                    path.display(),
                    draft.display()
                );
            }
        }
    }
}

/// The corpus configuration, check options and archive (`db`, else the environment,
/// else `[archive] url`) for `draft`; the line to print when there are none (a problem
/// in `sourced.toml` as `sourced.toml:LINE:COLUMN: message`, as a compiler names a
/// place, so that editors and terminals can jump to it).
fn corpus_for(
    draft: &Path,
    corpus_args: &[PathBuf],
    db: Option<&str>,
) -> Result<(CorpusConfig, CheckOptions, Option<String>), String> {
    let config =
        config::resolve(draft, None).map_err(|e| e.with_path(&output::display_path(&e.path)))?;
    let options = config.check_options_for(draft);
    let archive = db
        .map(str::to_string)
        .or_else(|| {
            std::env::var(sourced_archive::ENV_VAR)
                .ok()
                .filter(|v| !v.trim().is_empty())
        })
        .or_else(|| config.archive_url.clone());
    if corpus_args.is_empty() {
        return Ok((config.corpus, options, archive));
    }
    for p in corpus_args {
        if !p.exists() {
            return Err(format!(
                "sourced check: corpus path {} does not exist",
                p.display()
            ));
        }
    }
    Ok((CorpusConfig::new(corpus_args.to_vec()), options, archive))
}

/// The largest draft `sourced check` reads (16 MiB, as the language server).
pub const MAX_DRAFT_BYTES: u64 = 16 << 20;

/// Read a draft as the corpus reader reads a source: only a regular file (a named pipe
/// would block, a device such as /dev/zero never ends), at most [`MAX_DRAFT_BYTES`],
/// and text that is not UTF-8 decoded as Windows-1252 with a warning (the same reading
/// its sources get, so quotes copied from them still match).
fn read_draft(path: &std::path::Path) -> Result<String, String> {
    use crate::corpus::read::{human_size, read_text, stat};
    let (size, _) = stat(path).map_err(|e| e.0.trim_end_matches(": skipped").to_string())?;
    if size > MAX_DRAFT_BYTES {
        return Err(format!(
            "it is {}, over the limit of {} for a draft",
            human_size(size),
            human_size(MAX_DRAFT_BYTES)
        ));
    }
    let read = read_text(path, MAX_DRAFT_BYTES)
        .map_err(|e| e.0.trim_end_matches(": skipped").to_string())?;
    if read.decoded_as_cp1252 {
        eprintln!(
            "sourced check: warning: {} is not UTF-8; read as Windows-1252",
            path.display()
        );
    }
    Ok(read.text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(v: &[&str]) -> Result<Args, String> {
        parse_args(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn options_and_drafts() {
        let a = args(&[
            "--corpus", "src", "-c=more", "--format", "json", "d.md", "e.md",
        ])
        .unwrap();
        assert_eq!(a.corpus, vec![PathBuf::from("src"), PathBuf::from("more")]);
        assert_eq!(a.format, Format::Json);
        assert_eq!(a.drafts.len(), 2);
        assert_eq!(
            args(&["--format=sarif", "d.md"]).unwrap().format,
            Format::Sarif
        );
    }

    #[test]
    fn usage_errors_say_what_is_wrong() {
        assert!(args(&[]).unwrap_err().contains("no draft"));
        assert!(args(&["--format", "xml", "d.md"])
            .unwrap_err()
            .contains("xml"));
        assert!(args(&["--corpus"]).unwrap_err().contains("needs a value"));
        assert!(args(&["--frobnicate", "d.md"])
            .unwrap_err()
            .contains("--frobnicate"));
    }
}
