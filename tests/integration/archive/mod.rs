//! The archive against a real PostgreSQL: the bundled story gives the same findings from
//! the archive as from its folder; ingests skip what did not change, prune what is gone,
//! report the story loader's problems, and two at once leave a consistent archive. Drafts
//! checked against a story folder and the archive together: `sourced check` ([`check`]),
//! `sourced lsp` ([`lsp`]), and the server's one connection ([`safety`]).

mod check;
mod cluster;
mod lsp;
mod safety;

use std::path::Path;

use sourced::analysis::{analyze, TextFormat};
use sourced::check::{check, CheckOptions, Finding, FindingCode};
use sourced::config::CorpusConfig;
use sourced::corpus::load::load;
use sourced::index::CorpusIndex;
use sourced_archive::{ingest, status, ArchiveIndex, ArchiveUrl, IngestOptions, IngestReport};

use crate::common::TempDir;
use cluster::*;

fn ingest_all(url: &ArchiveUrl, path: &Path, prune: bool) -> IngestReport {
    ingest(
        url,
        &[path.to_path_buf()],
        &IngestOptions {
            prune,
            ..IngestOptions::default()
        },
        &|_| {},
    )
    .expect("ingest")
}

fn findings(corpus: &dyn CorpusIndex) -> Vec<Finding> {
    let text = std::fs::read_to_string(syria().join("draft.md")).expect("draft");
    check(
        &text,
        &analyze(&text, TextFormat::Markdown),
        corpus,
        &CheckOptions::default(),
    )
    .findings
}

/// A finding as a user sees it: the evidence by file and place, not by source number
/// (each backend numbers its sources its own way).
fn shown(f: &Finding, corpus: &dyn CorpusIndex) -> String {
    let evidence: Vec<String> = f
        .evidence
        .iter()
        .map(|l| {
            let path = corpus
                .source(l.source)
                .map(|s| s.path.display().to_string())
                .unwrap_or_default();
            format!("{path}@{}..{}", l.span.start, l.span.end)
        })
        .collect();
    format!(
        "{:?} {:?} {}..{} {:?} fix={:?} key={:?} quote={:?} evidence={evidence:?}",
        f.code, f.severity, f.span.start, f.span.end, f.message, f.fix, f.key, f.quote
    )
}

#[test]
fn the_bundled_story_gives_the_same_five_findings_from_the_archive() {
    let url = archive("syria_same_findings");
    let sources = std::fs::canonicalize(syria().join("sources")).expect("sources");
    let report = ingest_all(&url, &sources, false);
    assert_eq!((report.found, report.added), (3, 3), "{report:?}");
    assert!(report.problems.is_empty(), "{:?}", report.problems);

    let archive = ArchiveIndex::open(&url).expect("open");
    assert_eq!(archive.source_count(), 3);
    let from_archive = findings(&archive);
    assert!(archive.failure().is_none(), "{:?}", archive.failure());

    let problems: Vec<FindingCode> = from_archive
        .iter()
        .filter(|f| f.severity.is_problem())
        .map(|f| f.code)
        .collect();
    assert_eq!(
        problems,
        vec![
            FindingCode::MisattributedQuote,
            FindingCode::AlteredQuote,
            FindingCode::UnsourcedQuote,
            FindingCode::MisspelledName,
            FindingCode::TitleMismatch,
        ],
        "{from_archive:#?}"
    );

    let folder = load(&CorpusConfig::new(vec![sources]), &|_| {});
    let from_folder = findings(&folder.index);
    let a: Vec<String> = from_archive.iter().map(|f| shown(f, &archive)).collect();
    let b: Vec<String> = from_folder
        .iter()
        .map(|f| shown(f, &folder.index))
        .collect();
    assert_eq!(a, b);
}

#[test]
fn the_archive_answers_as_the_story_folder_does() {
    let url = archive("syria_same_answers");
    let sources = std::fs::canonicalize(syria().join("sources")).expect("sources");
    ingest_all(&url, &sources, false);
    let archive = ArchiveIndex::open(&url).expect("open");
    let folder = load(&CorpusConfig::new(vec![sources]), &|_| {}).index;
    let path = |c: &dyn CorpusIndex, id| c.source(id).map(|s| s.path.clone());

    let words: Vec<String> =
        sourced::analysis::normalize::words("a voluntary mechanism for the return of refugees")
            .into_iter()
            .map(|w| w.norm)
            .collect();
    // Passages that score the same come in the order of their sources' numbers, which
    // each backend gives its own way: compared in one order.
    let found = |c: &dyn CorpusIndex| -> Vec<_> {
        let mut v: Vec<_> = c
            .passages(&words, 8)
            .into_iter()
            .map(|p| (path(c, p.location.source), p.location.span, p.score))
            .collect();
        v.sort_by(|a, b| {
            b.2.total_cmp(&a.2)
                .then(a.0.cmp(&b.0))
                .then(a.1.start.cmp(&b.1.start))
        });
        v
    };
    let from_archive = found(&archive);
    assert!(!from_archive.is_empty());
    assert_eq!(from_archive, found(&folder));

    let named = |c: &dyn CorpusIndex, name: &str| -> Vec<(String, Vec<String>, usize)> {
        c.entities_named(name)
            .iter()
            .map(|e| (e.canonical.clone(), e.aliases.clone(), e.mentions.len()))
            .collect()
    };
    for name in [
        "Mizintsev",
        "Mikhail Mizintsev",
        "Pompeo",
        "Lavrov",
        "Nobody Atall",
    ] {
        assert_eq!(named(&archive, name), named(&folder, name), "{name}");
    }
    assert!(!named(&archive, "Mizintsev").is_empty());

    let similar = |c: &dyn CorpusIndex, name: &str| -> Vec<(String, String)> {
        c.similar_names(name)
            .into_iter()
            .map(|(w, e)| (w, e.canonical.clone()))
            .collect()
    };
    for name in [
        "Mizintzev",
        "Mikhail Mizintzev",
        "Pompeoo",
        "Lavorv",
        "Mizintsev",
    ] {
        assert_eq!(similar(&archive, name), similar(&folder, name), "{name}");
    }
    assert!(!similar(&archive, "Mizintzev").is_empty());

    let containing = |c: &dyn CorpusIndex, part: &str| -> Vec<String> {
        let mut v: Vec<String> = c
            .entities_containing(part, 50)
            .iter()
            .map(|e| e.canonical.clone())
            .collect();
        v.sort();
        v
    };
    for part in ["miz", "pomp", "100%_"] {
        assert_eq!(
            containing(&archive, part),
            containing(&folder, part),
            "{part}"
        );
    }
    assert!(archive.failure().is_none(), "{:?}", archive.failure());
}

/// How many archived sources have their names kept with them.
fn sources_with_names(url: &ArchiveUrl) -> i64 {
    client(url)
        .query_one("SELECT count(*) FROM sources WHERE names IS NOT NULL", &[])
        .expect("sources")
        .get(0)
}

#[test]
fn each_source_keeps_its_names_from_ingest_and_one_without_them_is_analysed() {
    use sourced::corpus::source_names::SourceNames;
    use sourced::index::SourceId;
    let url = archive("syria_kept_names");
    let sources = std::fs::canonicalize(syria().join("sources")).expect("sources");
    ingest_all(&url, &sources, false);
    assert_eq!(sources_with_names(&url), 3);

    // What ingest kept is what the story folder's analysis of the same file gives.
    let folder = load(&CorpusConfig::new(vec![sources.clone()]), &|_| {}).index;
    let rows = client(&url)
        .query("SELECT path, names FROM sources ORDER BY path", &[])
        .expect("sources");
    for row in &rows {
        let path: String = row.get(0);
        let kept = SourceNames::decode(SourceId(0), row.get::<_, &[u8]>(1)).expect("names");
        let id = (0..folder.source_count() as u32)
            .map(SourceId)
            .find(|&id| {
                folder
                    .source(id)
                    .is_some_and(|s| s.path == Path::new(&path))
            })
            .expect("in the folder");
        let analysed = SourceNames::of(SourceId(0), &folder.source(id).expect("source").analysis);
        assert!(!analysed.entities.is_empty(), "{path}");
        assert_eq!(kept, analysed, "{path}");
    }

    // A name's question reads the names kept, not the sources.
    let archive = ArchiveIndex::open(&url).expect("open");
    assert!(!archive.entities_named("Mizintsev").is_empty());
    assert_eq!(archive.held().sources.0, 0, "no source read whole");
    assert!(archive.held().names.0 >= 1);

    // Without them (archived by an older Sourced), unreadable, or another build's, the
    // source is analysed, and the findings are the story folder's all the same.
    let mut c = client(&url);
    let numbers = |c: &mut postgres::Client| -> Vec<i32> {
        c.query("SELECT id FROM sources ORDER BY id", &[])
            .expect("ids")
            .iter()
            .map(|r| r.get(0))
            .collect()
    };
    let ids = numbers(&mut c);
    c.execute(
        "UPDATE sources SET names = NULL, names_key = NULL WHERE id = $1",
        &[&ids[0]],
    )
    .expect("names dropped");
    c.execute(
        "UPDATE sources SET names = '\\x0900'::bytea WHERE id = $1",
        &[&ids[1]],
    )
    .expect("names of another layout");
    c.execute(
        "UPDATE sources SET names_key = names_key + 1 WHERE id = $1",
        &[&ids[2]],
    )
    .expect("names of another build");
    let archive = ArchiveIndex::open(&url).expect("open");
    let a: Vec<String> = findings(&archive)
        .iter()
        .map(|f| shown(f, &archive))
        .collect();
    let b: Vec<String> = findings(&folder)
        .iter()
        .map(|f| shown(f, &folder))
        .collect();
    assert_eq!(a, b);
    let problems = findings(&archive)
        .iter()
        .filter(|f| f.severity.is_problem())
        .count();
    assert_eq!(problems, 5, "{a:#?}");
    assert!(archive.failure().is_none(), "{:?}", archive.failure());
    drop(archive);

    // An ingest works out again the names missing or of another build (the files
    // unchanged, their numbers kept).
    let again = ingest_all(&url, &sources, false);
    assert_eq!((again.added, again.updated, again.unchanged), (0, 0, 3));
    let current: i64 = c
        .query_one(
            "SELECT count(*) FROM sources WHERE names_key = $1 AND names IS NOT NULL",
            &[&sourced::corpus::source_names::names_key()],
        )
        .expect("count")
        .get(0);
    // The one of another layout was written by this build: kept as it is (only a
    // damaged database holds such bytes), and analysed when read.
    assert_eq!(current, 3);
    assert_eq!(numbers(&mut c), ids);
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).expect("read_dir") {
        let entry = entry.expect("entry");
        std::fs::copy(entry.path(), to.join(entry.file_name())).expect("copy");
    }
}

fn sources_in_db(url: &ArchiveUrl) -> (i64, i64, i64) {
    let mut c = client(url);
    let row = c
        .query_one(
            "SELECT (SELECT count(*) FROM sources), (SELECT sources FROM archive_state),
                    (SELECT count(DISTINCT s) FROM postings, unnest(sources) AS s)",
            &[],
        )
        .expect("counts");
    (row.get(0), row.get(1), row.get(2))
}

#[test]
fn ingest_skips_what_did_not_change_and_prunes_what_is_gone() {
    let url = archive("ingest_again");
    let dir = TempDir::new("again");
    copy_dir(&syria().join("sources"), &dir.0);
    let first = ingest_all(&url, &dir.0, false);
    assert_eq!((first.added, first.unchanged), (3, 0));

    let again = ingest_all(&url, &dir.0, false);
    assert_eq!(
        (again.added, again.updated, again.unchanged, again.bytes),
        (0, 0, 3, 0)
    );

    // Touched with the same content: read again, kept as it is.
    let names: Vec<_> = std::fs::read_dir(&dir.0)
        .expect("dir")
        .map(|e| e.expect("entry").path())
        .collect();
    let text = std::fs::read(&names[0]).expect("read");
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&names[0], &text).expect("touch");
    let touched = ingest_all(&url, &dir.0, false);
    assert_eq!(
        (touched.added, touched.updated, touched.unchanged),
        (0, 0, 3)
    );

    // Changed: a new version, the old one gone with its postings.
    let mut changed = text.clone();
    changed.extend_from_slice(b"\nA line added later about Zanzibarian ferries.\n");
    std::fs::write(&names[0], &changed).expect("change");
    let updated = ingest_all(&url, &dir.0, false);
    assert_eq!(
        (updated.added, updated.updated, updated.unchanged),
        (0, 1, 2)
    );
    let archive = ArchiveIndex::open(&url).expect("open");
    let zanzibar = vec!["zanzibarian".to_string(), "ferries".to_string()];
    assert_eq!(archive.passages(&zanzibar, 4).len(), 1);
    assert_eq!(sources_in_db(&url), (3, 3, 3));

    // Deleted: kept until an ingest prunes.
    std::fs::remove_file(&names[1]).expect("remove");
    let kept = ingest_all(&url, &dir.0, false);
    assert_eq!((kept.removed, kept.unchanged), (0, 2));
    assert_eq!(sources_in_db(&url), (3, 3, 3));
    let pruned = ingest_all(&url, &dir.0, true);
    assert_eq!((pruned.removed, pruned.unchanged), (1, 2));
    assert_eq!(sources_in_db(&url), (2, 2, 2));
    let st = status(&url).expect("status");
    assert_eq!(st.sources, 2);
    assert_eq!(
        st.text_bytes as u64,
        std::fs::metadata(&names[0]).map(|m| m.len()).unwrap_or(0)
            + std::fs::metadata(&names[2]).map(|m| m.len()).unwrap_or(0)
    );
    assert!(st.last_ingest.is_some());
}

#[test]
fn ingest_reports_the_story_loaders_problems_by_name() {
    let url = archive("ingest_problems");
    let dir = TempDir::new("problems");
    std::fs::write(dir.0.join("binary.txt"), b"abc\0def").expect("write");
    std::fs::write(dir.0.join("empty.md"), b"   \n").expect("write");
    std::fs::write(
        dir.0.join("latin.txt"),
        b"\x93Caf\xe9\x94, said the minister.",
    )
    .expect("write");
    std::fs::write(
        dir.0.join("fine.md"),
        b"---\ntitle: Fine\noutlet: Wire\n---\nAll is well, she said.\n",
    )
    .expect("write");
    let report = ingest_all(&url, &dir.0, false);
    let folder = load(&CorpusConfig::new(vec![dir.0.clone()]), &|_| {});
    let mut a: Vec<String> = report.problems.iter().map(|p| p.to_string()).collect();
    let mut b: Vec<String> = folder.problems.iter().map(|p| p.to_string()).collect();
    a.sort();
    b.sort();
    assert_eq!(a.len(), 3, "{a:#?}");
    assert_eq!(a, b);
    assert_eq!(report.added, 2);

    let archive = ArchiveIndex::open(&url).expect("open");
    let fine = (1..10)
        .filter_map(|i| {
            archive.source(sourced::index::SourceId(
                sourced_archive::layered::ARCHIVE_BIT | i,
            ))
        })
        .find(|s| s.path.ends_with("fine.md"))
        .expect("fine.md archived");
    assert_eq!(fine.meta.title.as_deref(), Some("Fine"));
    assert_eq!(fine.meta.outlet.as_deref(), Some("Wire"));
}

#[test]
fn two_ingests_at_once_leave_a_consistent_archive() {
    let url = archive("ingest_twice_at_once");
    let dir = TempDir::new("concurrent");
    for i in 0..300 {
        std::fs::write(
            dir.0.join(format!("story-{i:03}.txt")),
            format!(
                "Story {i}. Minister Ada Quist{i} said \"we will build {i} bridges\" on Monday."
            ),
        )
        .expect("write");
    }
    let reports: Vec<IngestReport> = std::thread::scope(|s| {
        let a = s.spawn(|| ingest_all(&url, &dir.0, false));
        let b = s.spawn(|| ingest_all(&url, &dir.0, false));
        vec![a.join().expect("a"), b.join().expect("b")]
    });
    let added: usize = reports.iter().map(|r| r.added).sum();
    let unchanged: usize = reports.iter().map(|r| r.unchanged).sum();
    assert_eq!((added, unchanged), (300, 300), "{reports:?}");
    assert_eq!(sources_in_db(&url), (300, 300, 300));
    let archive = ArchiveIndex::open(&url).expect("open");
    let q: Vec<String> = ["we", "will", "build", "17", "bridges"]
        .map(String::from)
        .to_vec();
    let best = archive.passages(&q, 1);
    let path = archive
        .source(best[0].location.source)
        .map(|s| s.path.clone());
    assert!(path.is_some_and(|p| p.ends_with("story-017.txt")));
}

#[test]
fn an_unreachable_archive_says_so_without_the_password() {
    let url =
        ArchiveUrl::parse("postgresql://ann:s3cret@%2Fnonexistent%2Fsocket/news").expect("valid");
    let e = ArchiveIndex::open(&url).err().expect("unreachable");
    assert!(e.message.contains("cannot be reached"), "{e}");
    assert!(!e.message.contains("s3cret"), "{e}");
}

#[test]
fn a_database_without_an_archive_is_told_to_init() {
    let url = database("no_archive");
    let e = ArchiveIndex::open(&url).err().expect("no tables");
    assert!(e.message.contains("sourced archive init"), "{e}");
    let mut c = client(&url);
    assert_eq!(
        sourced_archive::schema::migrate(&mut c).expect("migrate"),
        vec![1, 2, 3]
    );
    assert_eq!(
        sourced_archive::schema::migrate(&mut c).expect("again"),
        Vec::<i32>::new()
    );
    assert!(ArchiveIndex::open(&url).is_ok());
}

/// Runs `sourced archive` with `args`.
fn cli(args: &[&str]) -> (i32, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_sourced"))
        .arg("archive")
        .args(args)
        .env_remove(sourced_archive::ENV_VAR)
        .output()
        .expect("sourced archive runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_command_line_ingests_the_story_and_checks_its_draft_against_the_archive_alone() {
    let url = database("cli_syria");
    let db = raw(&url);
    let (code, out, err) = cli(&["init", "--db", &db]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("ready"), "{out}");
    let (code, out, err) = cli(&["init", "--db", &db]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("up to date"), "{out}");

    let sources = syria().join("sources");
    let (code, out, err) = cli(&["ingest", "--db", &db, sources.to_str().expect("utf-8")]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("3 files found: 3 added"), "{out}");
    let (_, out, _) = cli(&["ingest", "--db", &db, sources.to_str().expect("utf-8")]);
    assert!(out.contains("0 added, 0 updated, 3 unchanged"), "{out}");
    let (code, out, _) = cli(&["status", "--db", &db]);
    assert_eq!(code, 0);
    assert!(out.contains("sources:      3"), "{out}");

    // The draft alone in a folder: no story folder beside it, only the archive.
    let dir = TempDir::new("cli-draft");
    let draft = dir.0.join("draft.md");
    std::fs::copy(syria().join("draft.md"), &draft).expect("copy draft");
    let (code, out, err) = cli(&[
        "check",
        "--db",
        &db,
        "--format",
        "json",
        draft.to_str().expect("utf-8"),
    ]);
    assert_eq!(code, 1, "{out}{err}");
    let json: serde_json::Value = serde_json::from_str(&out).expect("json");
    let mut problems: Vec<(u64, String)> = json["files"][0]["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| matches!(f["severity"].as_str(), Some("error") | Some("warning")))
        .map(|f| {
            (
                f["line"].as_u64().unwrap_or(0),
                f["code"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    problems.sort();
    let want: Vec<(u64, String)> = [
        (7, "misattributed-quote"),
        (9, "altered-quote"),
        (11, "unsourced-quote"),
        (15, "misspelled-name"),
        (17, "title-mismatch"),
    ]
    .iter()
    .map(|(l, c)| (*l, c.to_string()))
    .collect();
    assert_eq!(problems, want, "{out}");
}

#[test]
fn the_command_line_never_prints_the_password() {
    let (code, out, err) = cli(&[
        "status",
        "--db",
        "postgresql://ann:s3cret@%2Fnonexistent%2Fsocket/news",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot be reached"), "{err}");
    assert!(err.contains("ann:***@"), "{err}");
    assert!(!format!("{out}{err}").contains("s3cret"), "{out}{err}");
    let (code, _, err) = cli(&["status"]);
    assert_eq!(code, 2);
    assert!(err.contains("no archive given"), "{err}");
}

#[test]
fn the_archive_is_found_in_sourced_toml_or_the_environment() {
    let url = archive("cli_config");
    let dir = TempDir::new("cli-config");
    std::fs::write(
        dir.0.join("sourced.toml"),
        format!("[archive]\nurl = \"{}\"\n", raw(&url)),
    )
    .expect("sourced.toml");
    let run = |cwd: &Path, env: Option<&str>| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_sourced"));
        cmd.args(["archive", "status"])
            .current_dir(cwd)
            .env_remove(sourced_archive::ENV_VAR);
        if let Some(v) = env {
            cmd.env(sourced_archive::ENV_VAR, v);
        }
        let out = cmd.output().expect("runs");
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    let (code, out) = run(&dir.0, None);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("sources:      0"), "{out}");
    let elsewhere = TempDir::new("cli-env");
    let (code, out) = run(&elsewhere.0, Some(&raw(&url)));
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("schema:       version 3"), "{out}");
}

#[test]
fn under_strace_the_only_connection_is_the_configured_databases_socket() {
    if std::process::Command::new("strace")
        .arg("-V")
        .output()
        .is_err()
    {
        eprintln!("strace is not installed here: the connection trace is not checked");
        return;
    }
    let url = archive("strace_check");
    let sources = syria().join("sources");
    ingest_all(&url, &sources, false);
    let dir = TempDir::new("strace");
    let trace = dir.0.join("trace");
    let out = std::process::Command::new("strace")
        .args(["-f", "-qq", "-e", "trace=socket,connect", "-o"])
        .arg(&trace)
        .arg(env!("CARGO_BIN_EXE_sourced"))
        .args(["archive", "check", "--db", &raw(&url)])
        .arg(syria().join("draft.md"))
        .env_remove(sourced_archive::ENV_VAR)
        .output()
        .expect("strace runs");
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let trace = std::fs::read_to_string(&trace).expect("trace");
    let socket_dir = raw(&url)
        .split('@')
        .nth(1)
        .and_then(|r| r.split('/').next())
        .map(|d| d.replace("%2F", "/"))
        .expect("socket folder in the URL");
    let want = format!("{socket_dir}/.s.PGSQL.5432");
    let sockets: Vec<&str> = trace.lines().filter(|l| l.contains("socket(")).collect();
    let connects: Vec<&str> = trace.lines().filter(|l| l.contains("connect(")).collect();
    assert!(!connects.is_empty(), "no connection traced:\n{trace}");
    for s in &sockets {
        assert!(s.contains("AF_UNIX"), "a socket other than a Unix one: {s}");
    }
    for c in &connects {
        assert!(
            c.contains(&format!("\"{want}\"")),
            "a connection elsewhere than {want}: {c}"
        );
    }
}

/// The files of `dir` written into the archive at `url` as the archive's first version
/// wrote them: a row per source, a row per gram and source, the capitalised words.
fn write_as_version_one(url: &ArchiveUrl, dir: &Path) {
    use sourced::corpus::vocabulary::capitalised_words;
    let mut c = client(url);
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("dir")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    let mut bytes = 0i64;
    for f in &files {
        let r = sourced::corpus::load::read_one(
            f,
            sourced::corpus::corpus_config::DEFAULT_MAX_FILE_SIZE,
        )
        .expect("read");
        let id: i32 = c
            .query_one(
                "INSERT INTO sources (path, size, mtime_ns, hash, markdown, text_is_file,
                     title, outlet, date, url, author, text, page)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
                 RETURNING id",
                &[
                    &f.to_str().expect("utf-8 path"),
                    &(r.stamp.size as i64),
                    &(r.stamp.mtime_ns as i64),
                    &(r.stamp.hash as i64),
                    &(r.format == TextFormat::Markdown),
                    &r.text_is_file,
                    &r.meta.title,
                    &r.meta.outlet,
                    &r.meta.date,
                    &r.meta.url,
                    &r.meta.author,
                    &&*r.text,
                    &r.page.as_deref(),
                ],
            )
            .expect("a source of version 1")
            .get(0);
        let grams: Vec<i64> = sourced::corpus::grams::text_grams(&r.text)
            .into_iter()
            .map(|g| g as i64)
            .collect();
        c.execute(
            "INSERT INTO grams (gram, source) SELECT g, $2 FROM unnest($1::int8[]) AS g",
            &[&grams, &id],
        )
        .expect("postings of version 1");
        let mut words = Vec::new();
        capitalised_words(&r.text, |w| words.push(w.to_string()));
        c.execute(
            "INSERT INTO words (word) SELECT w FROM unnest($1::text[]) AS w
             ON CONFLICT DO NOTHING",
            &[&words],
        )
        .expect("words of version 1");
        bytes += r.stamp.size as i64;
    }
    c.execute(
        "UPDATE archive_state SET sources = $1, text_bytes = $2, last_ingest = now()",
        &[&(files.len() as i64), &bytes],
    )
    .expect("state of version 1");
}

#[test]
fn an_archive_of_the_first_version_is_upgraded_by_init_and_gives_the_same_findings() {
    let url = database("upgraded_from_one");
    let dir = TempDir::new("upgraded");
    copy_dir(&syria().join("sources"), &dir.0);
    let dir = std::fs::canonicalize(&dir.0).expect("dir");
    assert_eq!(
        sourced_archive::schema::migrate_to(&mut client(&url), 1).expect("version 1"),
        vec![1]
    );
    write_as_version_one(&url, &dir);

    // Read by this Sourced only once upgraded, and told how.
    let e = ArchiveIndex::open(&url).err().expect("older tables");
    assert!(e.message.contains("sourced archive init"), "{e}");
    assert_eq!(
        sourced_archive::schema::init(&url).expect("init"),
        vec![2, 3]
    );
    assert_eq!(status(&url).expect("status").version, 3);
    // Archived before sources kept their names: each is analysed when a name needs it.
    assert_eq!(sources_with_names(&url), 0);
    assert_eq!(sources_in_db(&url), (3, 3, 3));

    let archive = ArchiveIndex::open(&url).expect("open");
    let folder = load(&CorpusConfig::new(vec![dir.clone()]), &|_| {});
    let a: Vec<String> = findings(&archive)
        .iter()
        .map(|f| shown(f, &archive))
        .collect();
    let b: Vec<String> = findings(&folder.index)
        .iter()
        .map(|f| shown(f, &folder.index))
        .collect();
    let problems = findings(&archive)
        .iter()
        .filter(|f| f.severity.is_problem())
        .count();
    assert_eq!(problems, 5, "{a:#?}");
    assert_eq!(a, b);
    drop(archive);

    // The upgraded archive is ingested into as any other: the files unchanged, a changed
    // one's old postings gone from its block, the new ones found.
    let again = ingest_all(&url, &dir, false);
    assert_eq!((again.added, again.updated, again.unchanged), (0, 0, 3));
    // ... and their names worked out then.
    assert_eq!(sources_with_names(&url), 3);
    let names: Vec<_> = {
        let mut n: Vec<_> = std::fs::read_dir(&dir)
            .expect("dir")
            .map(|e| e.expect("entry").path())
            .collect();
        n.sort();
        n
    };
    let id_of = |path: &Path| -> i32 {
        client(&url)
            .query_one(
                "SELECT id FROM sources WHERE path = $1",
                &[&path.to_str().expect("utf-8 path")],
            )
            .expect("archived")
            .get(0)
    };
    let postings_of = |id: i32| -> i64 {
        client(&url)
            .query_one(
                "SELECT count(*) FROM postings WHERE $1 = ANY(sources)",
                &[&id],
            )
            .expect("postings")
            .get(0)
    };
    let old_id = id_of(&names[0]);
    assert!(postings_of(old_id) > 100);
    std::fs::write(&names[0], "A short note about Zanzibarian ferries.\n").expect("change");
    let updated = ingest_all(&url, &dir, false);
    assert_eq!((updated.updated, updated.unchanged), (1, 2));
    assert_eq!(sources_in_db(&url), (3, 3, 3));
    assert_eq!(postings_of(old_id), 0);
    // "a short note about zanzibarian ferries": 6 words and 5 bigrams.
    assert_eq!(postings_of(id_of(&names[0])), 11);
    let archive = ArchiveIndex::open(&url).expect("open");
    let zanzibar = vec!["zanzibarian".to_string(), "ferries".to_string()];
    assert_eq!(archive.passages(&zanzibar, 4).len(), 1);
    let left: i64 = client(&url)
        .query_one(
            "SELECT count(*) FROM postings WHERE n <> cardinality(sources) OR n = 0",
            &[],
        )
        .expect("postings")
        .get(0);
    assert_eq!(left, 0);
}
