//! Build script: a fingerprint of the code Sourced is built from (`SOURCED_CODE_HASH`).
//!
//! The persisted corpus index (`cache.rs`) is trusted only by a build made from
//! the same code and dependencies, because another tokenizer or analysis would index
//! differently. Keying it on the source text rather than on the executable file means
//! that the `sourced` binary, the benches and the tests of one checkout share their cache,
//! and that relinking the same code does not throw the cache away (that made a restarted
//! `sourced lsp` re-index 100,000 articles for four minutes).
//!
//! The code is this crate's and the core crate's (the tokenizer and the analysis that
//! decide what is indexed), with the workspace's locked dependencies. This script only
//! reads those files; it must not write anything but the environment variable.

use std::path::{Path, PathBuf};

fn main() {
    const DIRS: [&str; 2] = ["src", "../core/src"];
    const FILES: [&str; 4] = [
        "Cargo.toml",
        "../core/Cargo.toml",
        "../../Cargo.lock",
        "../../Cargo.toml",
    ];
    for p in DIRS.iter().chain(FILES.iter()) {
        println!("cargo:rerun-if-changed={p}");
    }
    let mut files = Vec::new();
    for d in DIRS {
        collect(Path::new(d), &mut files);
    }
    files.sort();
    files.extend(FILES.iter().map(PathBuf::from));
    // FNV-1a over each file's name and bytes: stable across Rust versions.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for &b in bytes {
            h ^= b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    };
    for f in &files {
        feed(f.to_string_lossy().as_bytes());
        feed(&[0]);
        if let Ok(bytes) = std::fs::read(f) {
            feed(&(bytes.len() as u64).to_le_bytes());
            feed(&bytes);
        }
    }
    println!("cargo:rustc-env=SOURCED_CODE_HASH={h:016x}");
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}
