//! Measures the newsroom archive against the story folder's in-memory index on one
//! corpus (the newsroom benchmark's generated one): ingest throughput, database size per
//! MB of text, quote lookup times (p50/p95) for the same quotes on both, a whole draft's
//! first check with 1, 8 and 32 checkers at once, and with `--lsp`, `sourced lsp` on the
//! draft with the archive configured (first diagnostics, the archive's findings, edits,
//! resident memory).
//!
//! ```text
//! cargo build --release --bin sourced -p sourced-eval --bin archive_measure
//! target/release/archive_measure --db postgresql://... --corpus DIR/sources \
//!     --draft DIR/draft.md [--quotes 400] [--skip-ingest] [--checkers 1,8,32] \
//!     [--lsp target/release/sourced] [--edits 200] [--restart CLUSTER_DIR]
//! ```
//!
//! With `--restart` (the folder of a cluster made by `tests/pg/cluster.sh`), the database
//! is then stopped mid-session, a quote that is in no source added to the draft while
//! it is down, and the database started again: the findings while it is down, and how
//! long after its restart the archive's findings are back.

#[path = "../../../benches/newsroom/lsp_client.rs"]
#[allow(dead_code)]
mod lsp_client;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use sourced_archive::{ArchiveIndex, ArchiveUrl, IngestOptions};
use sourced_core::analysis::{analyze, normalize, TextFormat};
use sourced_core::check::{check, CheckOptions};
use sourced_core::index::{CorpusIndex, Passage, SourceId};
use sourced_corpus::corpus_config::CorpusConfig;
use sourced_corpus::load::load;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// p50, p95 and the largest of `t`.
fn spread(t: &mut [Duration]) -> String {
    t.sort();
    let pct = |p: f64| {
        t.get(((t.len() as f64 - 1.0) * p).round() as usize)
            .copied()
            .unwrap_or(Duration::ZERO)
    };
    format!(
        "n={} p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms",
        t.len(),
        ms(pct(0.5)),
        ms(pct(0.95)),
        ms(t.last().copied().unwrap_or_default())
    )
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let (Some(db), Some(corpus)) = (value("--db"), value("--corpus")) else {
        eprintln!(
            "usage: archive_measure --db URL --corpus DIR [--draft FILE] [--quotes N] \
             [--skip-ingest] [--skip-memory] [--checkers 1,8,32] [--lsp SOURCED] [--edits N] \
             [--restart CLUSTER_DIR]"
        );
        std::process::exit(2);
    };
    let quotes: usize = value("--quotes")
        .and_then(|q| q.parse().ok())
        .unwrap_or(400);
    let checkers: Vec<usize> = value("--checkers")
        .unwrap_or_else(|| "1,8,32".into())
        .split(',')
        .filter_map(|n| n.trim().parse().ok())
        .collect();
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
        "database: {} sources, {:.1} MB for {:.1} MB of text ({:.2} MB per MB; word index {:.1} MB)",
        st.sources,
        st.database_bytes as f64 / 1048576.0,
        text_mb,
        st.database_bytes as f64 / 1048576.0 / text_mb.max(0.001),
        st.index_bytes as f64 / 1048576.0
    );

    let memory = (!args.iter().any(|a| a == "--skip-memory")).then(|| {
        let t = Instant::now();
        let m = load(&CorpusConfig::new(vec![corpus.clone()]), &|_| {}).index;
        println!("memory index: loaded in {:.1} s", t.elapsed().as_secs_f64());
        m
    });
    let archive = ArchiveIndex::open(&url).expect("open");

    // Quotes: runs of 12 words from archived sources spread over the archive.
    let mut samples: Vec<Vec<String>> = Vec::new();
    let mut i = 0usize;
    let n = st.sources.max(1) as usize;
    while samples.len() < quotes && i < quotes * 4 {
        let id = SourceId(sourced_archive::layered::ARCHIVE_BIT | (1 + (i * 7919) % n) as u32);
        i += 1;
        let Some(text) = archive.source_text(id) else {
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
        let Some(memory) = &memory else { continue };
        let t = Instant::now();
        let m = memory.passages(q, 8);
        times[1].push(t.elapsed());
        let first = |c: &dyn CorpusIndex, p: &[Passage]| {
            p.first()
                .and_then(|p| c.source(p.location.source))
                .map(|s| s.path.clone())
        };
        if first(&archive, &a) == first(memory, &m) {
            same_first += 1;
        }
    }
    println!("quote lookup, archive: {}", spread(&mut times[0]));
    if memory.is_some() {
        println!("quote lookup, memory:  {}", spread(&mut times[1]));
        println!(
            "same first source: {same_first} of {} quotes",
            samples.len()
        );
    }

    if let Some(draft) = value("--draft") {
        let text = std::fs::read_to_string(&draft).expect("draft");
        let analysis = Arc::new(analyze(&text, TextFormat::Markdown));
        println!(
            "draft: {} words, {} quotes, {} people",
            text.split_whitespace().count(),
            analysis.quotes.len(),
            analysis.entities.len()
        );
        for &k in &checkers {
            // Each checker a reporter: its own archive connection and caches, a first
            // check of the draft; all at once.
            let started = Instant::now();
            let mut each: Vec<Duration> = std::thread::scope(|s| {
                let handles: Vec<_> = (0..k)
                    .map(|_| {
                        let (url, text, analysis) = (&url, &text, Arc::clone(&analysis));
                        s.spawn(move || {
                            let a = ArchiveIndex::open(url).expect("open");
                            let t = Instant::now();
                            let r = check(text, &analysis, &a, &CheckOptions::default());
                            assert!(a.failure().is_none(), "{:?}", a.failure());
                            std::hint::black_box(r);
                            t.elapsed()
                        })
                    })
                    .collect();
                handles
                    .into_iter()
                    .map(|h| h.join().expect("checker"))
                    .collect()
            });
            println!(
                "first check, archive, {k} at once: {} (all done in {:.1} s)",
                spread(&mut each),
                started.elapsed().as_secs_f64()
            );
            if let Some(memory) = &memory {
                let started = Instant::now();
                let mut each: Vec<Duration> = std::thread::scope(|s| {
                    let handles: Vec<_> = (0..k)
                        .map(|_| {
                            let (text, analysis) = (&text, Arc::clone(&analysis));
                            s.spawn(move || {
                                let t = Instant::now();
                                let r = check(text, &analysis, memory, &CheckOptions::default());
                                std::hint::black_box(r);
                                t.elapsed()
                            })
                        })
                        .collect();
                    handles
                        .into_iter()
                        .map(|h| h.join().expect("checker"))
                        .collect()
                });
                println!(
                    "check, memory (one shared index), {k} at once: {} (all done in {:.1} s)",
                    spread(&mut each),
                    started.elapsed().as_secs_f64()
                );
            }
        }
        if let Some(binary) = value("--lsp") {
            let edits: usize = value("--edits").and_then(|e| e.parse().ok()).unwrap_or(200);
            let restart = value("--restart").map(PathBuf::from);
            lsp(Path::new(&binary), &db, &text, edits, restart.as_deref());
        }
    }
}

/// VmRSS and VmHWM of `pid`, in MB.
fn memory_of(pid: u32) -> (f64, f64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
            / 1024.0
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// `sourced lsp` on the draft with the archive alone configured.
fn lsp(binary: &Path, db: &str, text: &str, edits: usize, restart: Option<&Path>) {
    let binary = std::fs::canonicalize(binary).expect("the sourced binary");
    let dir = std::env::temp_dir().join(format!("archive-measure-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp folder");
    let draft = dir.join("draft.md");
    std::fs::write(&draft, text).expect("draft");
    std::fs::write(
        dir.join("sourced.toml"),
        format!("[archive]\nurl = \"{db}\"\n\n[lsp]\ndebounce_ms = 0\n"),
    )
    .expect("sourced.toml");
    let mut client =
        lsp_client::LspClient::start(&binary, &["lsp"], &dir, json!({})).expect("sourced lsp");
    let root = lsp_client::file_uri(&dir);
    client
        .request(
            "initialize",
            json!({"processId": null, "rootUri": root,
                   "workspaceFolders": [{"uri": root, "name": "bench"}],
                   "capabilities": {"textDocument": {"publishDiagnostics": {"versionSupport": true}}}}),
            Duration::from_secs(30),
        )
        .expect("initialize");
    client
        .notify("initialized", json!({}))
        .expect("initialized");
    let uri = lsp_client::file_uri(&draft);
    let opened = client
        .notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
        )
        .expect("didOpen");
    let is_diag = |m: &Value, version: i64| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"] == version
    };
    let first = client
        .wait_for(Duration::from_secs(120), |m| is_diag(m, 1))
        .expect("first diagnostics");
    println!(
        "lsp: didOpen -> first diagnostics {:.1} ms ({} diagnostics, before the archive answers)",
        ms(first.at - opened),
        first.message["params"]["diagnostics"]
            .as_array()
            .map_or(0, Vec::len)
    );
    // The archive's answers arrive in rounds: the last publication for version 1, once
    // none came for 20 s.
    // Each fetch of answers is logged with what the server keeps: shown as they come.
    let is_fetch = |m: &Value| {
        m["method"] == "window/logMessage"
            && m["params"]["message"]
                .as_str()
                .is_some_and(|t| t.contains("questions answered by the archive"))
    };
    let mut last = first;
    while let Ok(r) = client.wait_for(Duration::from_secs(20), |m| is_diag(m, 1) || is_fetch(m)) {
        if is_fetch(&r.message) {
            let text = r.message["params"]["message"].as_str().unwrap_or("");
            let (rss, hwm) = memory_of(client.pid());
            println!(
                "lsp: at {:.1} s, {} (resident {rss:.0} MB, peak {hwm:.0} MB)",
                (r.at - opened).as_secs_f64(),
                text.split_once(": ").map_or(text, |(_, t)| t)
            );
            continue;
        }
        last = r;
    }
    println!(
        "lsp: didOpen -> archive findings {:.1} ms ({} diagnostics)",
        ms(last.at - opened),
        last.message["params"]["diagnostics"]
            .as_array()
            .map_or(0, Vec::len)
    );
    let (rss, hwm) = memory_of(client.pid());
    println!("lsp: resident memory after the first check {rss:.0} MB (peak {hwm:.0} MB)");
    // Keystrokes: a letter typed at the end of the first paragraph, then taken out.
    let at = text.find("\n\n").unwrap_or(0);
    let pos = lsp_client::position(text, at);
    let mut times = Vec::new();
    let mut latest = last.message["params"]["diagnostics"].clone();
    for k in 0..edits {
        let version = 2 + k as i64;
        let change = if k % 2 == 0 {
            json!({"range": {"start": pos, "end": pos}, "text": "x"})
        } else {
            let mut end = pos.clone();
            end["character"] = json!(pos["character"].as_u64().unwrap_or(0) + 1);
            json!({"range": {"start": pos, "end": end}, "text": ""})
        };
        let sent = client
            .notify(
                "textDocument/didChange",
                json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}),
            )
            .expect("didChange");
        match client.wait_for(Duration::from_secs(30), |m| is_diag(m, version)) {
            Ok(r) => {
                times.push(r.at - sent);
                latest = r.message["params"]["diagnostics"].clone();
            }
            Err(e) => {
                println!("lsp: edit {k}: {e}");
                break;
            }
        }
    }
    println!("lsp: edit -> diagnostics: {}", spread(&mut times));
    let (rss, hwm) = memory_of(client.pid());
    println!("lsp: resident memory after the edits {rss:.0} MB (peak {hwm:.0} MB)");
    if let Some(cluster) = restart {
        // The edits put the text back as it was (an even number) or left an "x" in it.
        let mut now = text.to_string();
        if edits % 2 == 1 {
            now.insert(at, 'x');
        }
        let before = latest.as_array().map_or(0, Vec::len);
        restart_database(&mut client, &uri, &now, 2 + edits as i64, cluster, before);
    }
    client.shutdown();
    let _ = std::fs::remove_dir_all(&dir);
}

/// Run `tests/pg/cluster.sh ACTION DIR`.
fn cluster(action: &str, dir: &Path) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/pg/cluster.sh");
    let ok = std::process::Command::new("bash")
        .arg(&script)
        .arg(action)
        .arg(dir)
        .status()
        .is_ok_and(|s| s.success());
    assert!(ok, "cluster.sh {action} {} failed", dir.display());
}

/// Whether `diags` call the quote on `line` unsourced.
fn unsourced_on(diags: &Value, line: u64) -> bool {
    diags.as_array().is_some_and(|d| {
        d.iter().any(|d| {
            d["code"] == "unsourced-quote" && d["range"]["start"]["line"].as_u64() == Some(line)
        })
    })
}

/// The database stopped mid-session (the draft `text` at `version`, with `before`
/// diagnostics), a quote in no source added while it is down, and the database started
/// again: what the server published meanwhile, and how long the archive's findings took
/// to come back.
fn restart_database(
    client: &mut lsp_client::LspClient,
    uri: &str,
    text: &str,
    version: i64,
    cluster_dir: &Path,
    before: usize,
) {
    let stopped = Instant::now();
    cluster("down", cluster_dir);
    let added = "\n\n\"Zorbly marmalade harbours were never once promised to the Velcrovian delegation at dawn,\" the spokesman said.\n";
    let edited = format!("{}{added}", text.trim_end());
    let line = edited[..edited.find("Zorbly").unwrap_or(0)]
        .matches('\n')
        .count() as u64;
    let version = version + 1;
    client
        .notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": edited}]}),
        )
        .expect("didChange");
    let is_diag = |m: &Value| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"] == version
    };
    let is_status =
        |m: &Value, state: &str| m["method"] == "sourced/status" && m["params"]["state"] == state;
    // While it is down: every publication keeps the findings made, and never calls the
    // new quote unsourced; the status says the archive is unreachable.
    let (mut published, mut fewest, mut wrongly, mut unreachable) = (0, usize::MAX, 0, None);
    let down_for = Duration::from_secs(15);
    while let Ok(r) = client.wait_for(down_for.saturating_sub(stopped.elapsed()), |m| {
        is_diag(m) || is_status(m, "archive-unreachable")
    }) {
        if is_status(&r.message, "archive-unreachable") {
            unreachable.get_or_insert(r.at - stopped);
            continue;
        }
        let diags = &r.message["params"]["diagnostics"];
        published += 1;
        fewest = fewest.min(diags.as_array().map_or(0, Vec::len));
        wrongly += usize::from(unsourced_on(diags, line));
    }
    println!(
        "lsp: database stopped for {:.0} s: {published} publications, at least {} diagnostics (of {before} before), the new quote called unsourced in {wrongly}; status unreachable after {}",
        stopped.elapsed().as_secs_f64(),
        if fewest == usize::MAX { before } else { fewest },
        unreachable.map_or("never".to_string(), |d| format!("{:.1} s", d.as_secs_f64()))
    );
    cluster("up", cluster_dir);
    let restarted = Instant::now();
    match client.wait_for(Duration::from_secs(120), |m| {
        is_diag(m) && unsourced_on(&m["params"]["diagnostics"], line)
    }) {
        Ok(r) => println!(
            "lsp: database restarted: the archive's findings back in {:.1} s ({} diagnostics: the new quote unsourced)",
            (r.at - restarted).as_secs_f64(),
            r.message["params"]["diagnostics"]
                .as_array()
                .map_or(0, Vec::len)
        ),
        Err(e) => println!("lsp: database restarted: the archive's findings not back: {e}"),
    }
}
