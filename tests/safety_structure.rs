//! The safety policy as a property of the source: Sourced opens no network connection and
//! runs no program. No file under src/ may name the networking or process-spawning APIs
//! of std, tokio or libc; a change that needs one must change this test and the policy in
//! ARCHITECTURE.md together.

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
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(files.len() > 20, "src/ has {} Rust files?", files.len());
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
    let manifest =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml")).unwrap();
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
        assert!(!named, "Cargo.toml depends on {krate}");
    }
    // tokio without its "net" and "process" features.
    let tokio = manifest
        .lines()
        .find(|l| l.trim_start().starts_with("tokio "))
        .expect("tokio dependency");
    for feature in ["\"net\"", "\"process\"", "\"full\""] {
        assert!(!tokio.contains(feature), "tokio with {feature}: {tokio}");
    }
}
