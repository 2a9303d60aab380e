//! The reporter's baseline today: search the corpus folder for each quote with
//! `rg -F` (or `grep -rF` when ripgrep is not installed).

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

pub struct Baseline {
    /// The command as run, for the report ("rg -F -l").
    pub tool: String,
    /// Wall time per quote.
    pub times: Vec<Duration>,
    /// How many quotes were found in at least one file.
    pub found: usize,
}

fn has(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

/// Search `sources` for each of `quotes`, as a fixed string, listing matching files.
pub fn run(sources: &Path, quotes: &[String]) -> Result<Baseline, String> {
    let (program, args, tool): (&str, &[&str], &str) = if has("rg") {
        ("rg", &["-F", "-l", "--no-messages", "--"], "rg -F -l")
    } else if has("grep") {
        eprintln!("note: ripgrep not found; the baseline falls back to grep -rF");
        (
            "grep",
            &["-r", "-F", "-l", "--"],
            "grep -rF -l (ripgrep not installed)",
        )
    } else {
        return Err("neither rg nor grep is installed".into());
    };
    let mut times = Vec::new();
    let mut found = 0;
    for quote in quotes {
        let started = Instant::now();
        let output = Command::new(program)
            .args(args)
            .arg(quote)
            .arg(sources)
            .stderr(Stdio::null())
            .output()
            .map_err(|e| format!("cannot run {program}: {e}"))?;
        times.push(started.elapsed());
        if !output.stdout.is_empty() {
            found += 1;
        }
    }
    Ok(Baseline {
        tool: tool.into(),
        times,
        found,
    })
}
