//! A real PostgreSQL for the archive's tests: one throwaway cluster per test run,
//! started by `tests/pg/cluster.sh` (which installs nothing) and stopped by it once this
//! process has ended; each test gets a database of its own, and a test that stops its
//! database gets a cluster of its own ([`new_cluster`]).

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use sourced_archive::ArchiveUrl;

/// The repository's root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The shared cluster's URL, without a database name at the end
/// (`postgresql://user@socket`).
fn cluster() -> &'static str {
    static URL: OnceLock<String> = OnceLock::new();
    URL.get_or_init(|| new_cluster().0)
}

/// A new cluster, stopped once this process has ended: its URL without the database
/// name, and its folder (for [`pause`]).
pub fn new_cluster() -> (String, PathBuf) {
    let script = repo().join("tests/pg/cluster.sh");
    let out = Command::new("bash")
        .arg(&script)
        .arg("start")
        .arg("--owner-pid")
        .arg(std::process::id().to_string())
        .output()
        .unwrap_or_else(|e| panic!("{} could not be run: {e}", script.display()));
    assert!(
        out.status.success(),
        "the test cluster did not start (the archive's tests need PostgreSQL's server: \
         apt-get install -y postgresql):\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let url = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let base = url
        .strip_suffix("/sourced")
        .unwrap_or_else(|| panic!("unexpected URL from cluster.sh: {url}"))
        .to_string();
    let dir = base
        .split('@')
        .nth(1)
        .map(|d| PathBuf::from(d.replace("%2F", "/")))
        .expect("the socket folder in the URL");
    (base, dir)
}

/// Stop the server of the cluster in `dir` (`down`: the database goes away, its data
/// kept) or start it again (`up`).
pub fn pause(action: &str, dir: &Path) {
    let out = Command::new("bash")
        .arg(repo().join("tests/pg/cluster.sh"))
        .arg(action)
        .arg(dir)
        .output()
        .expect("cluster.sh runs");
    assert!(
        out.status.success(),
        "cluster.sh {action} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A new empty database named `name` (one per test) in the shared test cluster.
pub fn database(name: &str) -> ArchiveUrl {
    database_in(cluster(), name)
}

/// A new empty database named `name` in the cluster at `base`.
pub fn database_in(base: &str, name: &str) -> ArchiveUrl {
    assert!(name.chars().all(|c| c.is_ascii_lowercase() || c == '_'));
    let mut admin = postgres::Client::connect(&format!("{base}/sourced"), postgres::NoTls)
        .expect("the test cluster answers");
    // A test's own constant name: the one statement here that cannot take a parameter.
    for statement in [
        format!("DROP DATABASE IF EXISTS {name}"),
        format!("CREATE DATABASE {name}"),
    ] {
        admin.batch_execute(&statement).expect("a test database");
    }
    ArchiveUrl::parse(&format!("{base}/{name}")).expect("a valid URL")
}

/// A database with the archive's tables.
pub fn archive(name: &str) -> ArchiveUrl {
    let url = database(name);
    let mut client = postgres::Client::connect(&raw(&url), postgres::NoTls).expect("connect");
    sourced_archive::schema::migrate(&mut client).expect("migrate");
    url
}

/// The URL as text (test clusters have no password).
pub fn raw(url: &ArchiveUrl) -> String {
    url.redacted()
}

/// A plain connection for looking at the tables.
pub fn client(url: &ArchiveUrl) -> postgres::Client {
    postgres::Client::connect(&raw(url), postgres::NoTls).expect("connect")
}

/// The bundled story's folder.
pub fn syria() -> PathBuf {
    repo().join("tests/fixtures/syria-refugees")
}

/// The files under `path` read into the archive at `url`, without problems.
pub fn ingest_files(url: &ArchiveUrl, path: &Path) -> sourced_archive::IngestReport {
    let r = sourced_archive::ingest(
        url,
        &[path.to_path_buf()],
        &sourced_archive::IngestOptions::default(),
        &|_| {},
    )
    .expect("ingest");
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    r
}

/// A folder with the bundled draft, a `sourced.toml` naming the archive at `url`, and
/// the story's sources split: those named `in_folder` in its `sources/` (the story
/// folder), the others in `archived/` beside it, ingested into the archive.
pub fn split_story(url: &ArchiveUrl, in_folder: &[&str]) -> crate::common::TempDir {
    let dir = crate::common::TempDir::new("archive-story");
    let folder = dir.path().join("sources");
    let archived = dir.path().join("archived");
    if !in_folder.is_empty() {
        std::fs::create_dir_all(&folder).unwrap();
    }
    std::fs::create_dir_all(&archived).unwrap();
    for entry in std::fs::read_dir(syria().join("sources")).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        let to = if in_folder.iter().any(|f| name == std::ffi::OsStr::new(f)) {
            folder.join(&name)
        } else {
            archived.join(&name)
        };
        std::fs::copy(entry.path(), to).unwrap();
    }
    std::fs::copy(syria().join("draft.md"), dir.path().join("draft.md")).unwrap();
    let sources = if in_folder.is_empty() {
        String::new()
    } else {
        "[corpus]\npaths = [\"sources\"]\n\n".to_string()
    };
    std::fs::write(
        dir.path().join("sourced.toml"),
        format!("{sources}[archive]\nurl = \"{}\"\n", raw(url)),
    )
    .unwrap();
    ingest_files(url, &archived);
    dir
}
