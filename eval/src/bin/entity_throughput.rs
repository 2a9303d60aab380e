//! Throughput of people/organisation reading (`find_entities`) on a folder of text files,
//! next to the shared word tokenizer (`normalize::words`) for calibration.
//!
//! ```text
//! cargo run --release -p sourced-eval --bin entity_throughput -- ../shared/data/polnear/train/text
//! ```
//!
//! Each file is read once, then analysed five times; prints MB/s of one core for each.
//! The project's benchmarks of the whole analysis are in `benches/`; this one isolates
//! the entity stage.

use std::time::Instant;

use sourced_core::analysis::entity::find_entities;
use sourced_core::analysis::normalize::words;

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: entity_throughput FOLDER");
        std::process::exit(2);
    };
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("{dir}: {e}");
            std::process::exit(2);
        }
    };
    let texts: Vec<String> = entries
        .filter_map(Result::ok)
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    const ROUNDS: usize = 5;
    let run = |name: &str, f: &dyn Fn(&str) -> usize| {
        let start = Instant::now();
        let mut items = 0;
        for _ in 0..ROUNDS {
            for t in &texts {
                items += f(t);
            }
        }
        let secs = start.elapsed().as_secs_f64();
        println!(
            "{name:>16}: {:.1} MB/s ({} files, {} bytes, {} items per round)",
            (ROUNDS * bytes) as f64 / secs / 1e6,
            texts.len(),
            bytes,
            items / ROUNDS
        );
    };
    run("normalize::words", &|t| words(t).len());
    run("find_entities", &|t| find_entities(t).entities.len());
}
