//! Throughput of quote extraction on real news text.
//!
//! Run: `cargo bench --bench extract`. Options (after `--`): `--only NAME` runs one
//! stage; `--digest` also prints a hash of everything `analyze` and `normalize::words`
//! find in each file, to compare before and after an optimisation; `--once` runs each
//! stage once, for `valgrind --tool=callgrind`, whose instruction counts do not depend
//! on the machine's load.
//!
//! Input: the PolNeAR train texts (`../shared/data/polnear/train/text/*.txt`, about
//! 3.9 MB; the folder can also be given as the first argument or in
//! `SOURCED_POLNEAR_TEXT`), concatenated with blank lines between articles. Without
//! them the bench prints a note and exits. Everything runs on one thread. Each stage
//! runs for 3 s (at least 3 times); the report gives the best wall-clock run and the MB
//! per second of the thread's own CPU time (from `/proc/thread-self/schedstat`), which a
//! loaded machine inflates much less.
//!
//! It reports MB/s for:
//! - `quotes`: `find_quotes` + `attribute` (quotes, cues, speaker mentions);
//! - `quotes (markdown)`: the same after `markdown::mask`;
//! - `analyze`: the whole analysis, entities included (the goal: >= 20 MB/s of CPU time on one core),
//!   of the whole text as one document, and `analyze per file` of each article alone
//!   (as the corpus loader does; nothing that crosses articles);
//! - `normalize::words`: the shared tokenizer (one `String` per word), and
//!   `for_each_word_hash` + bigrams: what the corpus index computes per text (cold
//!   indexing at 50 MB/s needs this well over 100 MB/s per core).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use sourced_core::analysis::{
    analyze, attribution, inherit, markdown, normalize, quote, TextFormat,
};

fn find_text_dir() -> Option<PathBuf> {
    let arg = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let env = std::env::var("SOURCED_POLNEAR_TEXT").ok();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let candidates = [
        arg.map(PathBuf::from),
        env.map(PathBuf::from),
        Some(root.join("../../../shared/data/polnear/train/text")),
        Some(root.join("../../../../shared/data/polnear/train/text")),
    ];
    candidates.into_iter().flatten().find(|p| p.is_dir())
}

/// Nanoseconds this thread has run on a CPU (Linux), so that a loaded machine shows
/// what one core does; `None` elsewhere.
fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

/// One stage's speed: the best wall-clock MB/s of the runs, and MB per second of this
/// thread's CPU time over all runs (what one core does, whatever the load).
struct Speed {
    wall: f64,
    cpu: Option<f64>,
    runs: usize,
}

impl std::fmt::Display for Speed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:7.1} MB/s best wall", self.wall)?;
        if let Some(cpu) = self.cpu {
            write!(f, ", {cpu:7.1} MB/s of CPU time")?;
        }
        write!(f, ", {} runs", self.runs)
    }
}

/// Run `f` repeatedly for at least `min` and at least `min_runs` times.
fn measure(
    bytes: usize,
    min: Duration,
    min_runs: usize,
    mut f: impl FnMut() -> usize,
) -> (Speed, usize) {
    let started = Instant::now();
    let cpu_start = thread_cpu_ns();
    let mut best = f64::MAX;
    let mut found = 0;
    let mut runs = 0;
    while runs < min_runs || started.elapsed() < min {
        let t = Instant::now();
        found = std::hint::black_box(f());
        best = best.min(t.elapsed().as_secs_f64());
        runs += 1;
    }
    let mb = bytes as f64 / 1e6;
    let cpu = match (cpu_start, thread_cpu_ns()) {
        (Some(a), Some(b)) if b > a => Some(mb * runs as f64 / ((b - a) as f64 / 1e9)),
        _ => None,
    };
    let speed = Speed {
        wall: mb / best,
        cpu,
        runs,
    };
    (speed, found)
}

/// A hash of everything `analyze` finds in each file, as plain text and as Markdown:
/// an optimisation must leave it unchanged.
fn digest(texts: &[String]) -> u64 {
    let mut all = Vec::new();
    for t in texts {
        for format in [TextFormat::Plain, TextFormat::Markdown] {
            if let Ok(json) = serde_json::to_vec(&analyze(t, format)) {
                all.extend_from_slice(&xxhash_rust::xxh3::xxh3_64(&json).to_le_bytes());
            }
        }
        for w in normalize::words(t) {
            all.extend_from_slice(&(w.span.start as u64).to_le_bytes());
            all.extend_from_slice(w.norm.as_bytes());
        }
    }
    xxhash_rust::xxh3::xxh3_64(&all)
}

fn main() {
    let Some(dir) = find_text_dir() else {
        println!("extract bench: skipped, PolNeAR train texts not found (../shared/data/polnear/train/text)");
        return;
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|x| x == "txt"));
    files.sort();
    let texts: Vec<String> = files
        .iter()
        .filter_map(|f| std::fs::read_to_string(f).ok())
        .collect();
    let mut text = String::new();
    for t in &texts {
        text.push_str(t);
        text.push_str("\n\n");
    }
    let bytes = text.len();
    println!(
        "extract bench: {} files, {:.2} MB from {}, one thread",
        files.len(),
        bytes as f64 / 1e6,
        dir.display()
    );
    if std::env::args().any(|a| a == "--digest") {
        println!("analysis digest: {:016x}", digest(&texts));
    }
    let args: Vec<String> = std::env::args().collect();
    // `--only NAME`: run only the stage called NAME, or those whose name contains it.
    let only = args
        .iter()
        .position(|a| a == "--only")
        .and_then(|k| args.get(k + 1))
        .cloned();
    // `--once`: one run per stage (for callgrind or perf, whose counts do not depend
    // on the load).
    let (min, min_runs) = if args.iter().any(|a| a == "--once") {
        (Duration::ZERO, 1)
    } else {
        (Duration::from_secs(3), 3)
    };
    type Stage<'a> = (&'static str, &'static str, Box<dyn Fn() -> usize + 'a>);
    let file_bytes: usize = texts.iter().map(String::len).sum();
    let stages: Vec<Stage> = vec![
        (
            "quotes",
            "quotes",
            Box::new(|| {
                let mut q = quote::find_quotes(&text);
                attribution::attribute(&text, &mut q);
                inherit::inherit_speakers(&text, &mut q);
                q.len()
            }),
        ),
        (
            "quotes (markdown)",
            "quotes",
            Box::new(|| {
                let masked = markdown::mask(&text);
                let mut q = quote::find_quotes(&masked);
                attribution::attribute(&masked, &mut q);
                inherit::inherit_speakers(&masked, &mut q);
                q.len()
            }),
        ),
        (
            "analyze",
            "quotes, entities included; target >= 20 MB/s",
            Box::new(|| analyze(&text, TextFormat::Plain).quotes.len()),
        ),
        (
            "analyze per file",
            "quotes, entities included",
            Box::new(|| {
                texts
                    .iter()
                    .map(|t| analyze(t, TextFormat::Plain).quotes.len())
                    .sum()
            }),
        ),
        (
            "analyze (markdown)",
            "quotes, entities included",
            Box::new(|| analyze(&text, TextFormat::Markdown).quotes.len()),
        ),
        (
            "normalize::words",
            "words",
            Box::new(|| normalize::words(&text).len()),
        ),
        (
            "word hashes+grams",
            "words",
            Box::new(|| {
                // Word hashes and bigram hashes, as the index needs them.
                let mut prev = 0u64;
                let mut acc = 0u64;
                let mut n = 0usize;
                normalize::for_each_word_hash(&text, |_, h| {
                    acc ^= prev.rotate_left(29) ^ h.wrapping_mul(0x9e37_79b9_7f4a_7c15);
                    prev = h;
                    n += 1;
                });
                std::hint::black_box(acc);
                n
            }),
        ),
    ];
    let exact = only
        .as_deref()
        .is_some_and(|o| stages.iter().any(|s| s.0 == o));
    for (name, unit, f) in &stages {
        let skip = match only.as_deref() {
            Some(o) if exact => *name != o,
            Some(o) => !name.contains(o),
            None => false,
        };
        if skip {
            continue;
        }
        let stage_bytes = if *name == "analyze per file" {
            file_bytes
        } else {
            bytes
        };
        let (speed, n) = measure(stage_bytes, min, min_runs, f);
        println!("{:<19} {speed}  ({n} {unit})", format!("{name}:"));
    }
}
