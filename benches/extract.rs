//! Throughput of quote extraction on real news text.
//!
//! Run: `cargo bench --bench extract`
//!
//! Input: the PolNeAR train texts (`../shared/data/polnear/train/text/*.txt`, about
//! 3.9 MB; the folder can also be given as the first argument or in
//! `SOURCED_POLNEAR_TEXT`), concatenated with blank lines between articles. Without
//! them the bench prints a note and exits. Everything runs on one thread.
//!
//! It reports MB/s for:
//! - `quotes`: `find_quotes` + `attribute` (quotes, cues, speaker mentions), the part
//!   with the >= 20 MB/s target;
//! - `quotes (markdown)`: the same after `markdown::mask`;
//! - `analyze`: the whole analysis, entities included;
//! - `normalize::words`: the shared tokenizer (one `String` per word), and
//!   `for_each_word_hash` + bigrams: what the corpus index computes per text (issue 6
//!   needs this well over 100 MB/s per core).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use sourced::analysis::{analyze, attribution, markdown, normalize, quote, TextFormat};

fn find_text_dir() -> Option<PathBuf> {
    let arg = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let env = std::env::var("SOURCED_POLNEAR_TEXT").ok();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let candidates = [
        arg.map(PathBuf::from),
        env.map(PathBuf::from),
        Some(root.join("../shared/data/polnear/train/text")),
        Some(root.join("../../shared/data/polnear/train/text")),
    ];
    candidates.into_iter().flatten().find(|p| p.is_dir())
}

/// Run `f` repeatedly for at least `min` and return the best MB/s of the runs.
fn measure(bytes: usize, min: Duration, mut f: impl FnMut() -> usize) -> (f64, usize) {
    let started = Instant::now();
    let mut best = f64::MAX;
    let mut found = 0;
    let mut runs = 0;
    while runs < 3 || started.elapsed() < min {
        let t = Instant::now();
        found = std::hint::black_box(f());
        best = best.min(t.elapsed().as_secs_f64());
        runs += 1;
    }
    (bytes as f64 / 1e6 / best, found)
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
    let mut text = String::new();
    for f in &files {
        if let Ok(t) = std::fs::read_to_string(f) {
            text.push_str(&t);
            text.push_str("\n\n");
        }
    }
    let bytes = text.len();
    println!(
        "extract bench: {} files, {:.2} MB from {}, one thread",
        files.len(),
        bytes as f64 / 1e6,
        dir.display()
    );
    let min = Duration::from_secs(3);
    let (mbs, n) = measure(bytes, min, || {
        let mut q = quote::find_quotes(&text);
        attribution::attribute(&text, &mut q);
        q.len()
    });
    println!("quotes:            {mbs:8.1} MB/s  ({n} quotes)  target >= 20 MB/s");
    let (mbs, n) = measure(bytes, min, || {
        let masked = markdown::mask(&text);
        let mut q = quote::find_quotes(&masked);
        attribution::attribute(&masked, &mut q);
        q.len()
    });
    println!("quotes (markdown): {mbs:8.1} MB/s  ({n} quotes)");
    let (mbs, n) = measure(bytes, min, || {
        analyze(&text, TextFormat::Plain).quotes.len()
    });
    println!("analyze:           {mbs:8.1} MB/s  ({n} quotes, entities included)");
    let (mbs, n) = measure(bytes, min, || normalize::words(&text).len());
    println!("normalize::words:  {mbs:8.1} MB/s  ({n} words)");
    let (mbs, n) = measure(bytes, min, || {
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
    });
    println!("word hashes+grams: {mbs:8.1} MB/s  ({n} words)");
}
