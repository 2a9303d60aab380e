//! The safety policy as a property of the source: Sourced runs no program and opens one
//! kind of connection only, to the newsroom archive's database when one is configured,
//! through the PostgreSQL client of the archive crate (`crates/archive`). No file of the
//! binary's `src/` or of a library crate's `crates/*/src/` may name the networking or
//! process-spawning APIs of std, tokio or libc; no crate but the archive's may depend on a
//! database or network client, and the archive opens its connections in one place, from
//! the configured URL. A change that needs more must change this test and the policy in
//! ARCHITECTURE.md together. The core crate's dependencies are held to a list of crates
//! that do no IO.

use std::fs;
use std::path::{Path, PathBuf};

/// APIs that open connections or run programs.
const FORBIDDEN: &[&str] = &[
    "std::net",
    "TcpStream",
    "TcpListener",
    "UdpSocket",
    "UnixStream",
    "UnixListener",
    "UnixDatagram",
    "os::unix::net",
    "process::Command",
    "Command::new",
    "tokio::process",
    "tokio::net",
    "libc::socket",
    "libc::connect",
    "libc::execv",
    "libc::execve",
    "libc::fork",
    "libc::system",
    "libc::posix_spawn",
];

/// The source folders of the binary and of every library crate of the workspace.
fn source_dirs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut dirs = vec![root.join("src")];
    for e in fs::read_dir(root.join("crates")).unwrap() {
        dirs.push(e.unwrap().path().join("src"));
    }
    assert!(dirs.len() >= 3, "{dirs:?}");
    dirs
}

/// Every manifest of the workspace.
fn manifests() -> Vec<(PathBuf, String)> {
    source_dirs()
        .iter()
        .map(|src| {
            let path = src.parent().unwrap().join("Cargo.toml");
            let text = fs::read_to_string(&path).unwrap();
            (path, text)
        })
        .collect()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn no_source_file_names_network_or_process_apis() {
    let mut files = Vec::new();
    for dir in source_dirs() {
        rust_files(&dir, &mut files);
    }
    assert!(files.len() > 80, "only {} Rust files found", files.len());
    assert!(
        files
            .iter()
            .any(|f| f.ends_with("crates/archive/src/pool.rs")),
        "the archive crate's sources are scanned too"
    );
    let mut found = Vec::new();
    for f in &files {
        let text = fs::read_to_string(f).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for api in FORBIDDEN {
                if code.contains(api) {
                    found.push(format!("{}:{}: {api}", f.display(), n + 1));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "network or process APIs in src/:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_check_catches_a_forbidden_api() {
    // The scan above must see what it is looking for (not a test that cannot fail).
    let line = "    let s = std::net::TcpStream::connect(addr)?; // ok";
    let code = line.split("//").next().unwrap();
    assert!(FORBIDDEN.iter().any(|api| code.contains(api)));
}

#[test]
fn no_dependency_is_a_network_or_process_crate() {
    for (path, manifest) in manifests() {
        for krate in [
            "reqwest",
            "hyper",
            "ureq",
            "curl",
            "tokio-tungstenite",
            "duct",
            "subprocess",
        ] {
            let named = manifest.lines().any(|l| {
                l.trim_start().starts_with(&format!("{krate} "))
                    || l.trim_start().starts_with(&format!("{krate}="))
            });
            assert!(!named, "{} depends on {krate}", path.display());
        }
        // tokio, where it is used, without its "net" and "process" features.
        if let Some(tokio) = manifest
            .lines()
            .find(|l| l.trim_start().starts_with("tokio "))
        {
            for feature in ["\"net\"", "\"process\"", "\"full\""] {
                assert!(!tokio.contains(feature), "tokio with {feature}: {tokio}");
            }
        }
    }
}

/// The analysis and the checks do no IO: the core crate depends only on crates that
/// cannot do any (data types and serialisation, hashing), and on no other crate of the
/// workspace, so nothing in it can reach the corpus loader, the CLI or the server.
#[test]
fn the_core_crate_depends_on_nothing_that_does_io() {
    const ALLOWED: &[&str] = &["serde", "serde_json", "rustc-hash"];
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let manifest = fs::read_to_string(root.join("crates/core/Cargo.toml")).unwrap();
    let mut section = "";
    let mut deps = Vec::new();
    for line in manifest.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            section = line;
            continue;
        }
        if section == "[dependencies]" && !line.is_empty() && !line.starts_with('#') {
            deps.push(line.split(['=', ' ']).next().unwrap_or("").to_string());
        }
    }
    assert!(
        !deps.is_empty(),
        "no [dependencies] read in crates/core/Cargo.toml"
    );
    let extra: Vec<&String> = deps
        .iter()
        .filter(|d| !ALLOWED.contains(&d.as_str()))
        .collect();
    assert!(
        extra.is_empty(),
        "the core crate depends on {extra:?}: analysis and checks must stay pure"
    );
}

/// Database and network clients: only the archive crate may depend on one.
const CLIENTS: &[&str] = &[
    "postgres",
    "tokio-postgres",
    "sqlx",
    "diesel",
    "deadpool-postgres",
];

/// Whether the product built from `manifest` depends on `krate`: its `[dependencies]`
/// and target-specific dependencies, not the tests' `[dev-dependencies]`.
fn depends_on(manifest: &str, krate: &str) -> bool {
    let mut product = false;
    manifest.lines().any(|l| {
        let l = l.trim_start();
        if l.starts_with('[') {
            product = l == "[dependencies]"
                || (l.starts_with("[target.") && l.ends_with(".dependencies]"));
            return false;
        }
        product && (l.starts_with(&format!("{krate} ")) || l.starts_with(&format!("{krate}=")))
    })
}

#[test]
fn only_the_archive_crate_talks_to_a_database_and_in_one_place() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut manifests = vec![root.join("Cargo.toml")];
    for c in fs::read_dir(root.join("crates")).unwrap().flatten() {
        if c.path().join("Cargo.toml").is_file() {
            manifests.push(c.path().join("Cargo.toml"));
        }
    }
    let archive = root.join("crates/archive/Cargo.toml");
    assert!(
        manifests.contains(&archive),
        "no archive crate at {}",
        archive.display()
    );
    for m in &manifests {
        let text = fs::read_to_string(m).unwrap();
        for krate in CLIENTS {
            let allowed = *m == archive && *krate == "postgres";
            assert!(
                allowed || !depends_on(&text, krate),
                "{} depends on {krate}",
                m.display()
            );
        }
    }
    assert!(depends_on(
        &fs::read_to_string(&archive).unwrap(),
        "postgres"
    ));
    // Every connection the archive opens is made in its pool, from the configured URL.
    let mut files = Vec::new();
    rust_files(&root.join("crates/archive/src"), &mut files);
    let mut connects = Vec::new();
    for f in &files {
        let text = fs::read_to_string(f).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            if code.contains(".connect(") || code.contains("Client::connect") {
                connects.push(format!("{}:{}: {}", f.display(), n + 1, code.trim()));
            }
        }
    }
    assert_eq!(
        connects.len(),
        1,
        "connections opened at:\n{}",
        connects.join("\n")
    );
    assert!(
        connects[0].contains("pool.rs") && connects[0].contains("url.config().connect(NoTls)"),
        "{}",
        connects[0]
    );
}
