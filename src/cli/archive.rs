//! `sourced archive init|ingest PATH...|status|check DRAFT... [--db URL]`: the newsroom
//! archive from the command line (`check` checks drafts against the archive alone). The
//! archive is the one `--db` names, else the environment variable
//! `SOURCED_ARCHIVE_URL`, else `[archive] url` in the sourced.toml of the current folder
//! (or a parent). Its password is never printed.
//!
//! Thin: the archive crate does the work; this parses arguments and prints.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use sourced_archive::{ArchiveIndex, ArchiveUrl, IngestOptions, IngestProgress};

use crate::analysis::{analyze, TextFormat};
use crate::check::check;
use crate::cli::output::{self, CheckedFile, Format};
use crate::config;

const USAGE: &str = "\
usage: sourced archive init [--db URL]
       sourced archive ingest [--db URL] [--prune] PATH...
       sourced archive status [--db URL]
       sourced archive check [--db URL] [--format human|json|sarif] DRAFT...
The archive is --db, else $SOURCED_ARCHIVE_URL, else [archive] url in sourced.toml.";

/// Run the archive's command line with `args` (without the program name).
pub fn run(args: &[String]) -> ExitCode {
    let mut db: Option<String> = None;
    let mut prune = false;
    let mut format = Format::Human;
    let mut rest: Vec<String> = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.split_once('=') {
            Some(("--db", v)) => db = Some(v.to_string()),
            _ => match a.as_str() {
                "--db" => match it.next() {
                    Some(v) => db = Some(v.clone()),
                    None => return usage("--db needs a value"),
                },
                "--prune" => prune = true,
                "--format" | "-f" => match it.next().and_then(|v| Format::parse(v)) {
                    Some(f) => format = f,
                    None => return usage("--format needs human, json or sarif"),
                },
                "-h" | "--help" => {
                    println!("{USAGE}");
                    return ExitCode::SUCCESS;
                }
                f if f.starts_with('-') && f.len() > 1 => {
                    return usage(&format!("unknown option {f}"))
                }
                _ => rest.push(a.clone()),
            },
        }
    }
    let Some((command, paths)) = rest.split_first() else {
        return usage("no command given");
    };
    if prune && command != "ingest" {
        return usage("--prune goes with ingest");
    }
    let url = match resolve_url(db.as_deref(), &std::env::current_dir().unwrap_or_default()) {
        Ok(u) => u,
        Err(msg) => return fail(&msg),
    };
    match command.as_str() {
        "init" if paths.is_empty() => init(&url),
        "status" if paths.is_empty() => status(&url),
        "ingest" if !paths.is_empty() => ingest(
            &url,
            &paths.iter().map(PathBuf::from).collect::<Vec<_>>(),
            prune,
        ),
        "check" if !paths.is_empty() => check_drafts(
            &url,
            &paths.iter().map(PathBuf::from).collect::<Vec<_>>(),
            format,
        ),
        "ingest" => usage("ingest needs at least one PATH"),
        "check" => usage("check needs at least one DRAFT"),
        "init" | "status" => usage(&format!("{command} takes no PATH")),
        other => usage(&format!("unknown command {other}")),
    }
}

/// The archive's connection: `--db`, else the environment, else `[archive] url` in the
/// sourced.toml governing `dir`.
pub fn resolve_url(db: Option<&str>, dir: &Path) -> Result<ArchiveUrl, String> {
    if let Some(db) = db {
        return ArchiveUrl::parse(db).map_err(|e| e.message);
    }
    if let Some(v) = std::env::var_os(sourced_archive::ENV_VAR) {
        let v = v
            .into_string()
            .map_err(|_| format!("{} is not valid UTF-8", sourced_archive::ENV_VAR))?;
        return ArchiveUrl::parse(&v).map_err(|e| e.message);
    }
    let probe = dir.join("draft.md");
    if let Some(file) = config::find_file(&probe, None) {
        let cfg = config::read(&file).map_err(|e| e.to_string())?;
        if let Some(url) = cfg.archive_url {
            return ArchiveUrl::parse(&url)
                .map_err(|e| format!("{}: [archive] url: {}", file.display(), e.message));
        }
    }
    Err(format!(
        "no archive given: pass --db URL, set {}, or put `[archive] url = \"postgresql://...\"` in sourced.toml",
        sourced_archive::ENV_VAR
    ))
}

fn init(url: &ArchiveUrl) -> ExitCode {
    match sourced_archive::schema::init(url) {
        Ok(applied) if applied.is_empty() => {
            println!(
                "the archive at {url} is up to date (version {})",
                sourced_archive::schema::current_version()
            );
            ExitCode::SUCCESS
        }
        Ok(applied) => {
            let versions: Vec<String> = applied.iter().map(i32::to_string).collect();
            println!(
                "the archive at {url} is ready (applied version {})",
                versions.join(", ")
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(&e.message),
    }
}

fn status(url: &ArchiveUrl) -> ExitCode {
    match sourced_archive::status(url) {
        Ok(s) => {
            println!("archive:      {url}");
            println!("schema:       version {}", s.version);
            println!("sources:      {}", s.sources);
            println!("text:         {}", mb(s.text_bytes));
            println!(
                "on disk:      {} (of which the word index {})",
                mb(s.database_bytes),
                mb(s.index_bytes)
            );
            println!(
                "last ingest:  {}",
                s.last_ingest.as_deref().unwrap_or("never")
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(&e.message),
    }
}

fn ingest(url: &ArchiveUrl, paths: &[PathBuf], prune: bool) -> ExitCode {
    let started = Instant::now();
    let tty = std::io::stderr().is_terminal();
    let last = std::cell::Cell::new(Instant::now());
    let progress = |p: IngestProgress| {
        let now = Instant::now();
        let finished = p.done == p.total;
        if !finished
            && now.duration_since(last.get()) < Duration::from_secs(if tty { 1 } else { 10 })
        {
            return;
        }
        if p.total == 0 {
            return;
        }
        last.set(now);
        let secs = started.elapsed().as_secs_f64().max(0.001);
        let line = format!(
            "ingest: {}/{} files ({}%), {} at {:.1} MB/s",
            p.done,
            p.total,
            (p.done * 100).checked_div(p.total).unwrap_or(100),
            mb(p.bytes as i64),
            p.bytes as f64 / 1_048_576.0 / secs
        );
        let mut err = std::io::stderr();
        if tty {
            let _ = write!(err, "\r{line}");
            if finished {
                let _ = writeln!(err);
            }
        } else {
            let _ = writeln!(err, "{line}");
        }
    };
    let options = IngestOptions {
        prune,
        ..IngestOptions::default()
    };
    match sourced_archive::ingest(url, paths, &options, &progress) {
        Ok(r) => {
            for p in &r.problems {
                eprintln!("sourced archive: {p}");
            }
            println!(
                "{} files found: {} added, {} updated, {} unchanged, {} removed ({} read in {:.1} s)",
                r.found,
                r.added,
                r.updated,
                r.unchanged,
                r.removed,
                mb(r.bytes as i64),
                r.elapsed.as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(&e.message),
    }
}

/// Check `drafts` against the archive alone. Exit status as `sourced check`: 0 quiet, 1
/// findings at warning or error level, 2 when something could not be done; and 2, with
/// no findings printed, when the archive stopped answering during the check (a quote
/// must not be called unsourced because the archive did not answer).
fn check_drafts(url: &ArchiveUrl, drafts: &[PathBuf], format: Format) -> ExitCode {
    let archive = match ArchiveIndex::open(url) {
        Ok(a) => a,
        Err(e) => return fail(&e.message),
    };
    let mut checked = Vec::new();
    let mut io_error = false;
    for path in drafts {
        let text = match crate::corpus::read::read_text(path, 16 << 20) {
            Ok(r) => r.text,
            Err(e) => {
                eprintln!("sourced archive: cannot read {}: {}", path.display(), e.0);
                io_error = true;
                continue;
            }
        };
        let options = match config::resolve(path, None) {
            Ok(c) => c.check_options_for(path),
            Err(e) => {
                eprintln!("sourced archive: {e} (checked with the default options)");
                Default::default()
            }
        };
        let analysis = analyze(&text, TextFormat::from_path_name(&path.to_string_lossy()));
        let report = check(&text, &analysis, &archive, &options);
        checked.push(CheckedFile {
            path: path.clone(),
            text,
            report,
            corpus: 0,
        });
    }
    if let Some(e) = archive.failure() {
        return fail(&format!(
            "the archive stopped answering during the check ({}): no findings reported",
            e.message
        ));
    }
    if checked.is_empty() {
        return ExitCode::from(2);
    }
    if let Err(e) = output::print(format, &checked, &[&archive]) {
        return fail(&format!("cannot write the output: {e}"));
    }
    if io_error {
        ExitCode::from(2)
    } else if checked.iter().any(|c| c.report.has_problems()) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn mb(bytes: i64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_048_576.0)
}

fn usage(msg: &str) -> ExitCode {
    eprintln!("sourced archive: {msg}\n{USAGE}");
    ExitCode::from(2)
}

fn fail(msg: &str) -> ExitCode {
    eprintln!("sourced archive: {msg}");
    ExitCode::from(2)
}
