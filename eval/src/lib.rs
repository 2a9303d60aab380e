//! What the evaluation binaries share: reading their arguments.

use std::path::PathBuf;

/// The PolNeAR split folder the arguments name (the first that is neither an option nor a
/// number), else `default`; and the `--limit N` on how many articles to check, else all.
pub fn split_and_limit(args: &[String], default: &str) -> (PathBuf, usize) {
    let dir = args
        .iter()
        .find(|a| !a.starts_with("--") && a.parse::<usize>().is_err())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(default));
    let limit = args
        .iter()
        .position(|a| a == "--limit")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse::<usize>().ok())
        .unwrap_or(usize::MAX);
    (dir, limit)
}
