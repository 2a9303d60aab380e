//! A real PostgreSQL for the archive's tests: one throwaway cluster per test run,
//! started by `tests/pg/cluster.sh` (which installs nothing) and stopped by it once this
//! process has ended; each test gets a database of its own.

#![allow(dead_code)]

use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

use sourced_archive::ArchiveUrl;

/// The repository's root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The cluster's URL, without a database name at the end (`postgresql://user@socket`).
fn cluster() -> &'static str {
    static URL: OnceLock<String> = OnceLock::new();
    URL.get_or_init(|| {
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
        url.strip_suffix("/sourced")
            .unwrap_or_else(|| panic!("unexpected URL from cluster.sh: {url}"))
            .to_string()
    })
}

/// A new empty database named `name` (one per test) in the test cluster.
pub fn database(name: &str) -> ArchiveUrl {
    assert!(name.chars().all(|c| c.is_ascii_lowercase() || c == '_'));
    let base = cluster();
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
