//! Measures the archive against the story folder's in-memory index on one corpus:
//! ingest throughput, database size per MB of text, and quote lookup times (p50/p95)
//! for the same quotes on both, with how often both put the same source first.
//!
//! ```text
//! cargo run --release -p sourced-archive --example archive_measure -- \
//!     --db postgresql://... --corpus DIR [--quotes 500] [--skip-ingest]
//! ```

use std::path::PathBuf;
use std::time::{Duration, Instant};

use sourced_archive::{ArchiveIndex, ArchiveUrl, IngestOptions};
use sourced_core::analysis::normalize;
use sourced_core::index::CorpusIndex;
use sourced_corpus::corpus_config::CorpusConfig;
use sourced_corpus::load::load;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let (Some(db), Some(corpus)) = (value("--db"), value("--corpus")) else {
        eprintln!("usage: archive_measure --db URL --corpus DIR [--quotes N] [--skip-ingest]");
        std::process::exit(2);
    };
    let quotes: usize = value("--quotes")
        .and_then(|q| q.parse().ok())
        .unwrap_or(500);
    let url = ArchiveUrl::parse(&db).unwrap_or_else(|e| panic!("{e}"));
    let corpus = std::fs::canonicalize(PathBuf::from(corpus)).expect("corpus folder");

    if !args.iter().any(|a| a == "--skip-ingest") {
        sourced_archive::schema::init(&url).expect("init");
        let t = Instant::now();
        let r = sourced_archive::ingest(
            &url,
            std::slice::from_ref(&corpus),
            &IngestOptions::default(),
            &|_| {},
        )
        .expect("ingest");
        let secs = t.elapsed().as_secs_f64();
        println!(
            "ingest: {} files, {:.1} MB in {:.1} s = {:.2} MB/s ({} problems)",
            r.added + r.updated,
            r.bytes as f64 / 1048576.0,
            secs,
            r.bytes as f64 / 1048576.0 / secs,
            r.problems.len()
        );
    }
    let st = sourced_archive::status(&url).expect("status");
    let text_mb = st.text_bytes as f64 / 1048576.0;
    println!(
        "database: {:.1} MB for {:.1} MB of text ({:.2} MB per MB; word index {:.1} MB)",
        st.database_bytes as f64 / 1048576.0,
        text_mb,
        st.database_bytes as f64 / 1048576.0 / text_mb.max(0.001),
        st.index_bytes as f64 / 1048576.0
    );

    let t = Instant::now();
    let memory = load(&CorpusConfig::new(vec![corpus.clone()]), &|_| {}).index;
    println!("memory index: loaded in {:.1} s", t.elapsed().as_secs_f64());
    let archive = ArchiveIndex::open(&url).expect("open");

    // Quotes: runs of 12 words from sources spread over the corpus.
    let mut samples: Vec<Vec<String>> = Vec::new();
    let n = memory.id_count().max(1);
    let mut i = 0usize;
    while samples.len() < quotes && i < quotes * 4 {
        let id = sourced_core::index::SourceId(((i * 7919) % n) as u32);
        i += 1;
        let Some(text) = memory.source_text(id) else {
            continue;
        };
        let words: Vec<String> = normalize::words(&text)
            .into_iter()
            .map(|w| w.norm)
            .collect();
        if words.len() < 40 {
            continue;
        }
        let start = (i * 31) % (words.len() - 12);
        samples.push(words[start..start + 12].to_vec());
    }
    let mut same_first = 0;
    let mut times = [Vec::new(), Vec::new()];
    for q in &samples {
        let t = Instant::now();
        let a = archive.passages(q, 8);
        times[0].push(t.elapsed());
        let t = Instant::now();
        let m = memory.passages(q, 8);
        times[1].push(t.elapsed());
        let first = |c: &dyn CorpusIndex, p: &[sourced_core::index::Passage]| {
            p.first()
                .and_then(|p| c.source(p.location.source))
                .map(|s| s.path.clone())
        };
        if first(&archive, &a) == first(&memory, &m) {
            same_first += 1;
        }
    }
    for (name, t) in ["archive", "memory"].iter().zip(times.iter_mut()) {
        t.sort();
        let pct = |p: f64| {
            t.get(((t.len() as f64 - 1.0) * p) as usize)
                .copied()
                .unwrap_or(Duration::ZERO)
        };
        println!(
            "quote lookup ({name}): n={} p50 {:.2} ms, p95 {:.2} ms",
            t.len(),
            pct(0.5).as_secs_f64() * 1000.0,
            pct(0.95).as_secs_f64() * 1000.0
        );
    }
    println!(
        "same first source: {same_first} of {} quotes; archive failure: {:?}",
        samples.len(),
        archive.failure()
    );
}
