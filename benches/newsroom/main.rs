//! The newsroom benchmark: Sourced against a generated archive of 1k to 100k articles.
//!
//! ```text
//! cargo bench --bench newsroom -- --articles 1000            # quick
//! cargo bench --bench newsroom -- --articles 1000,10000,100000
//! ```
//! See BENCHMARKS.md for what is measured, the targets and the results. The corpus is
//! generated (deterministically) under `$CARGO_TARGET_DIR/sourced-bench/`, never in the
//! source tree; it needs the PolNeAR articles in `../shared/data/polnear/train` and says
//! so, exiting 0, when they are absent.

mod baseline;
mod draft;
mod engine;
mod generate;
mod lsp_client;
mod names;
mod rng;
mod selftest;
mod stats;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

use ropey::Rope;
use serde_json::{json, Value};
use sourced::analysis::{self, normalize, TextFormat};
use sourced::check::{self, CheckOptions};
use sourced::lsp::checked::{check_text, CheckCaches};
use sourced::lsp::position::Encoding;

use crate::draft::QuoteKind;
use crate::stats::{mb, proc_status_kb, summarize, Summary};

const USAGE: &str = "\
usage: cargo bench --bench newsroom -- [options]
  --articles N[,N...]   corpus sizes (default 1000)
  --edits N             keystrokes timed per run (default 200)
  --seed N              generator seed (default 20261124)
  --seeds DIR           PolNeAR split to scale (default: shared/data/polnear/train
                        in the first folder above the repository that has it)
  --work DIR            where corpora, caches and results go
                        (default $CARGO_TARGET_DIR/sourced-bench)
  --runs N              cold-indexing runs, best kept (default 3; 1 above 10k articles;
                        0: no cold or warm indexing measurement)
  --skip-inprocess      no in-process edit loop or quote lookups
  --budget SECS         stop each timed edit loop after this long (default 150;
                        the report gives n)
  --skip-lsp            no LSP stdio measurement
  --skip-rg             no rg/grep baseline
  --generate-only       write the corpora and the drafts, measure nothing";

struct Config {
    sizes: Vec<usize>,
    edits: usize,
    seed: u64,
    seeds_dir: PathBuf,
    work: PathBuf,
    runs: Option<usize>,
    skip_lsp: bool,
    skip_rg: bool,
    skip_inprocess: bool,
    /// Wall-clock budget of each timed edit loop.
    budget: Duration,
    generate_only: bool,
}

/// Keystrokes timed with the whole pipeline (no caches), for comparison.
const WHOLE_CHECK_EDITS: usize = 20;

fn parse_args(args: &[String]) -> Result<Config, String> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest.join("target"));
    let mut cfg = Config {
        sizes: vec![1000],
        edits: 200,
        seed: 20261124,
        seeds_dir: default_seeds(manifest),
        work: target.join("sourced-bench"),
        runs: None,
        skip_lsp: false,
        skip_rg: false,
        skip_inprocess: false,
        budget: Duration::from_secs(150),
        generate_only: false,
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value\n{USAGE}"))
        };
        let number = |s: String, name: &str| {
            s.replace('_', "")
                .parse::<usize>()
                .map_err(|_| format!("{name}: not a number: {s}"))
        };
        match arg.as_str() {
            "--bench" => {} // cargo bench passes it
            "--articles" => {
                let v = value("--articles")?;
                cfg.sizes = v
                    .split(',')
                    .map(|s| number(s.trim().to_string(), "--articles"))
                    .collect::<Result<_, _>>()?;
                if cfg.sizes.contains(&0) {
                    return Err("--articles: sizes must be at least 1".into());
                }
            }
            "--edits" => cfg.edits = number(value("--edits")?, "--edits")?,
            "--seed" => cfg.seed = number(value("--seed")?, "--seed")? as u64,
            "--seeds" => cfg.seeds_dir = PathBuf::from(value("--seeds")?),
            "--work" => cfg.work = PathBuf::from(value("--work")?),
            "--runs" => cfg.runs = Some(number(value("--runs")?, "--runs")?),
            "--skip-lsp" => cfg.skip_lsp = true,
            "--skip-rg" => cfg.skip_rg = true,
            "--skip-inprocess" => cfg.skip_inprocess = true,
            "--budget" => {
                cfg.budget = Duration::from_secs(number(value("--budget")?, "--budget")? as u64)
            }
            "--generate-only" => cfg.generate_only = true,
            "-h" | "--help" => return Err(USAGE.into()),
            other => return Err(format!("unknown option {other}\n{USAGE}")),
        }
    }
    Ok(cfg)
}

/// `../shared/data/polnear/train` seen from the repository, or from a folder above it
/// (a worktree in `wt/<name>` sits one level deeper than the main checkout).
fn default_seeds(manifest: &Path) -> PathBuf {
    let relative = Path::new("shared/data/polnear/train");
    manifest
        .ancestors()
        .skip(1)
        .map(|dir| dir.join(relative))
        .find(|p| p.join("text").is_dir())
        .unwrap_or_else(|| manifest.join("..").join(relative))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--child") {
        return child(&args[1..]);
    }
    let cfg = match parse_args(&args) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    // `cargo bench` passes --bench; `cargo test --all-targets` runs this binary without
    // it, and then it only checks itself.
    if !args.iter().any(|a| a == "--bench") {
        return match selftest::run(&cfg.seeds_dir) {
            Ok(summary) => {
                println!("newsroom bench self-test: ok ({summary}); measure with `cargo bench --bench newsroom`");
                ExitCode::SUCCESS
            }
            Err(failures) => {
                for f in failures {
                    eprintln!("newsroom bench self-test failed: {f}");
                }
                ExitCode::FAILURE
            }
        };
    }
    if !cfg.seeds_dir.join("text").is_dir() {
        println!(
            "newsroom bench: skipped, the seed articles are absent ({} has no text/ folder).\n\
             It scales the PolNeAR articles of ../shared/data/polnear/train; point --seeds at a copy.",
            cfg.seeds_dir.display()
        );
        return ExitCode::SUCCESS;
    }
    let seeds = match generate::Seeds::load(&cfg.seeds_dir) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("newsroom bench: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut report = machine_header(&cfg, &seeds);
    print!("{report}");
    for &n in &cfg.sizes {
        match run_size(&cfg, &seeds, n) {
            Ok(section) => {
                print!("{section}");
                report.push_str(&section);
            }
            Err(e) => {
                eprintln!("newsroom bench, {n} articles: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    let _ = writeln!(report, "\nload average at the end: {}", load_average());
    println!("\nload average at the end: {}", load_average());
    let out = cfg.work.join(format!(
        "results-{}.md",
        cfg.sizes
            .iter()
            .map(|n| n.to_string())
            .collect::<Vec<_>>()
            .join("-")
    ));
    if std::fs::create_dir_all(&cfg.work).is_ok() && std::fs::write(&out, &report).is_ok() {
        println!("(written to {})", out.display());
    }
    ExitCode::SUCCESS
}

fn shell(cmd: &str) -> String {
    Command::new("sh")
        .args(["-c", cmd])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default()
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

fn machine_header(cfg: &Config, seeds: &generate::Seeds) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "## newsroom bench, {}",
        shell("date -u '+%Y-%m-%d %H:%M UTC'")
    );
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "- machine: {} cores (`nproc`), {}; {}",
        shell("nproc"),
        shell("free -h | awk '/^Mem:/ {print $2 \" RAM, \" $7 \" available\"}'"),
        shell("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs"),
    );
    let _ = writeln!(
        s,
        "- load average at the start: {} (other helpers compiling count here)",
        load_average()
    );
    let _ = writeln!(
        s,
        "- seeds: {} articles, {:.1} MB from {}; generator seed {}; {} timed keystrokes",
        seeds.articles.len(),
        mb(seeds.bytes),
        cfg.seeds_dir.display(),
        cfg.seed,
        cfg.edits
    );
    let _ = writeln!(
        s,
        "- command: `cargo bench --bench newsroom -- {}`",
        std::env::args()
            .skip(1)
            .filter(|a| a != "--bench")
            .collect::<Vec<_>>()
            .join(" ")
    );
    s
}

/// The result line a child process prints.
fn child(args: &[String]) -> ExitCode {
    let (mode, sources, cache) = match args {
        [mode, s, c] => (mode.as_str(), PathBuf::from(s), PathBuf::from(c)),
        _ => {
            eprintln!("usage: newsroom --child cold|warm SOURCES CACHE");
            return ExitCode::from(2);
        }
    };
    let before_kb = proc_status_kb("self", "VmRSS");
    let loaded = match mode {
        "cold" => engine::load_cold(&sources, &cache),
        "warm" => engine::load_warm(&sources, &cache),
        _ => Err(format!("unknown child mode {mode}")),
    };
    let out = match loaded {
        Ok(l) => json!({
            "ok": true,
            "seconds": l.seconds,
            "sources": l.sources,
            "problems": l.problems,
            "from_cache": l.from_cache,
            "stages": l.stages,
            "vmhwm_kb": proc_status_kb("self", "VmHWM"),
            "vmrss_kb": proc_status_kb("self", "VmRSS"),
            "before_kb": before_kb,
        }),
        Err(e) => json!({"ok": false, "error": e}),
    };
    println!("RESULT {out}");
    ExitCode::SUCCESS
}

fn run_child(mode: &str, sources: &Path, cache: &Path) -> Result<Value, String> {
    let exe = std::env::current_exe().map_err(|e| format!("cannot find the bench binary: {e}"))?;
    let output = Command::new(exe)
        .args(["--child", mode])
        .arg(sources)
        .arg(cache)
        .output()
        .map_err(|e| format!("cannot run the {mode} child: {e}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let line = stdout
        .lines()
        .find_map(|l| l.strip_prefix("RESULT "))
        .ok_or_else(|| {
            format!(
                "the {mode} child gave no result (status {}): {}",
                output.status,
                String::from_utf8_lossy(&output.stderr)
                    .lines()
                    .last()
                    .unwrap_or("")
            )
        })?;
    let v: Value = serde_json::from_str(line).map_err(|e| format!("bad child result: {e}"))?;
    if v["ok"] == json!(true) {
        Ok(v)
    } else {
        Err(v["error"].as_str().unwrap_or("failed").to_string())
    }
}

fn verdict(met: bool) -> &'static str {
    if met {
        "**met**"
    } else {
        "**missed**"
    }
}

fn run_size(cfg: &Config, seeds: &generate::Seeds, n: usize) -> Result<String, String> {
    let mut s = String::new();
    let work = cfg.work.join(format!("n{n}-seed{}", cfg.seed));
    eprintln!("[{n}] generating the corpus in {} ...", work.display());
    let corpus = generate::generate(seeds, cfg.seed, n, &work)?;
    let text_mb = mb(corpus.bytes);
    let _ = writeln!(s, "\n### {n} articles, {text_mb:.1} MB of text\n");
    let _ = writeln!(
        s,
        "- corpus: {} articles {} in {:.1} s, under {}",
        corpus.articles,
        if corpus.reused {
            "reused from an identical earlier generation"
        } else {
            "generated"
        },
        corpus.seconds,
        corpus.sources.display()
    );
    let draft = draft::build(seeds, cfg.seed, n, 40, 2000);
    let draft_path = work.join("draft.md");
    std::fs::write(&draft_path, &draft.text).map_err(|e| format!("cannot write the draft: {e}"))?;
    std::fs::write(
        work.join("sourced.toml"),
        // The server's index cache in the work folder, where the runs below find it.
        "[corpus]\npaths = [\"sources\"]\ncache = \".sourced-cache\"\n\n[lsp]\ndebounce_ms = 0\n",
    )
    .map_err(|e| format!("cannot write sourced.toml: {e}"))?;
    let _ = writeln!(
        s,
        "- draft: {} words, {} quotes ({} verbatim, {} with a word changed, {} given to another speaker, {} invented), {}",
        draft.words,
        draft.quotes.len(),
        draft.count(QuoteKind::Verbatim),
        draft.count(QuoteKind::Altered),
        draft.count(QuoteKind::Misattributed),
        draft.count(QuoteKind::Invented),
        draft_path.display()
    );
    if cfg.generate_only {
        return Ok(s);
    }
    let edits = draft::edits(&draft.text, cfg.seed, cfg.edits);
    let articles: std::collections::BTreeSet<usize> =
        draft.quotes.iter().map(|q| q.article).collect();
    let _ = writeln!(
        s,
        "- the quotes come from {} articles across the corpus; {} keystrokes, {} of them inside quotes",
        articles.len(),
        edits.len(),
        edits.iter().filter(|e| e.in_quote).count()
    );
    let mut rows: Vec<String> = Vec::new();

    // Cold indexing and peak memory, in child processes so that VmHWM is the loader's.
    let cache = work.join("cache");
    let runs = cfg.runs.unwrap_or(if n > 10_000 { 1 } else { 3 });
    let mut best: Option<Value> = None;
    let mut cold_error = None;
    for run in 0..runs {
        let _ = std::fs::remove_dir_all(&cache);
        let _ = std::fs::create_dir_all(&cache);
        eprintln!("[{n}] cold indexing, run {} of {runs} ...", run + 1);
        match run_child("cold", &corpus.sources, &cache) {
            Ok(v) => {
                let better = best
                    .as_ref()
                    .map_or(true, |b| v["seconds"].as_f64() < b["seconds"].as_f64());
                if better {
                    best = Some(v);
                }
            }
            Err(e) => {
                cold_error = Some(e);
                break;
            }
        }
    }
    match (&best, &cold_error) {
        (Some(v), _) => {
            let secs = v["seconds"].as_f64().unwrap_or(f64::NAN);
            let rate = text_mb / secs;
            rows.push(format!(
                "| cold indexing | {rate:.1} MB/s ({text_mb:.1} MB, {} sources, {} problems, in {secs:.2} s, best of {runs}: {}) | >= 50 MB/s | {} |",
                v["sources"], v["problems"], v["stages"].as_str().unwrap_or(""), verdict(rate >= 50.0)
            ));
            let hwm = v["vmhwm_kb"].as_u64().unwrap_or(0) * 1024;
            let ratio = hwm as f64 / corpus.bytes as f64;
            let before = v["before_kb"].as_u64().unwrap_or(0) * 1024;
            let after = v["vmrss_kb"].as_u64().unwrap_or(0) * 1024;
            rows.push(format!(
                "| peak resident memory, indexing | {:.0} MB VmHWM = {ratio:.2}x the {text_mb:.1} MB of text ({:.0} MB resident before loading, {:.0} MB after) | <= 2x | {} |",
                mb(hwm), mb(before), mb(after), verdict(ratio <= 2.0)
            ));
        }
        (None, Some(e)) => rows.push(format!(
            "| cold indexing | not measured: {e} | >= 50 MB/s | |"
        )),
        (None, None) => {}
    }
    let warm = if best.is_some() {
        eprintln!("[{n}] warm start ...");
        let w = run_child("warm", &corpus.sources, &cache);
        match &w {
            Ok(v) => {
                let secs = v["seconds"].as_f64().unwrap_or(f64::NAN);
                let hwm = v["vmhwm_kb"].as_u64().unwrap_or(0) * 1024;
                rows.push(format!(
                    "| warm start from the persisted index | {secs:.3} s ({} sources, {} from the cache, peak {:.0} MB: {}) | <= 1 s at 100k | {} |",
                    v["sources"], v["from_cache"], mb(hwm), v["stages"].as_str().unwrap_or(""), if n >= 100_000 { verdict(secs <= 1.0) } else if secs <= 1.0 { "on track" } else { "already over" }
                ));
            }
            Err(e) => rows.push(format!(
                "| warm start from the persisted index | not measured: {e} | <= 1 s at 100k | |"
            )),
        }
        w.is_ok()
    } else {
        false
    };

    // The one tokenizer bounds indexing and every passage lookup: its throughput alone.
    let sample = tokenizer_sample(&corpus.sources, 20 << 20);
    if !sample.is_empty() {
        let t = Instant::now();
        let count: usize = sample.iter().map(|text| normalize::words(text).len()).sum();
        let secs = t.elapsed().as_secs_f64();
        let bytes: usize = sample.iter().map(String::len).sum();
        let _ = writeln!(
            s,
            "- tokenizer alone (`normalize::words`): {:.1} MB/s ({count} words in {:.1} MB)",
            mb(bytes as u64) / secs,
            mb(bytes as u64)
        );
    }

    // In process: the pure pipeline (analysis + check) and quote lookups.
    let quotes: Vec<String> = draft.quotes.iter().map(|q| q.inner.clone()).collect();
    let loaded = if cfg.skip_inprocess {
        Err("skipped (--skip-inprocess)".to_string())
    } else if warm {
        engine::load_warm(&corpus.sources, &cache)
    } else {
        let _ = std::fs::create_dir_all(&cache);
        engine::load_cold(&corpus.sources, &cache)
    };
    let mut lookup_mean_ms = None;
    match loaded {
        Ok(loaded) => {
            let index = loaded.index.as_ref();
            let options = CheckOptions::default();
            let started = Instant::now();
            let analysis = analysis::analyze(&draft.text, TextFormat::Markdown);
            let analyzed = started.elapsed();
            let findings = check::check(&draft.text, &analysis, index, &options).findings;
            let checked = started.elapsed() - analyzed;
            let mut by_code: BTreeMap<&str, usize> = BTreeMap::new();
            for f in &findings {
                *by_code.entry(f.code.as_str()).or_default() += 1;
            }
            let _ = writeln!(
                s,
                "- whole draft, once: analysis {:.2} ms ({} quotes found), check {:.2} ms, findings {:?}",
                analyzed.as_secs_f64() * 1e3,
                analysis.quotes.len(),
                checked.as_secs_f64() * 1e3,
                by_code
            );
            // Quote lookup: the index query for each quote's words.
            let mut lookups = Vec::new();
            let mut empty = 0;
            for _ in 0..5 {
                for q in &quotes {
                    let norms: Vec<String> =
                        normalize::words(q).into_iter().map(|w| w.norm).collect();
                    let t = Instant::now();
                    let passages = index.passages(&norms, 10);
                    lookups.push(t.elapsed());
                    if passages.is_empty() {
                        empty += 1;
                    }
                }
            }
            let l = summarize(&lookups);
            let _ = writeln!(
                s,
                "- index query alone (`CorpusIndex::passages`, {} quotes x 5): {l}; {} returned nothing",
                quotes.len(),
                empty
            );
            // The whole answer to "where do the sources have this quote?": each quote
            // alone as a one-line draft, analysed and checked (lookup + alignment).
            let mut singles = Vec::new();
            let mut statuses: BTreeMap<&str, usize> = BTreeMap::new();
            for round in 0..5 {
                for q in &quotes {
                    let one = format!("\u{201c}{q}\u{201d}\n");
                    let t = Instant::now();
                    let a = analysis::analyze(&one, TextFormat::Markdown);
                    let report = check::check(&one, &a, index, &options);
                    singles.push(t.elapsed());
                    if round == 0 {
                        for v in &report.quotes {
                            *statuses.entry(v.status.as_str()).or_default() += 1;
                        }
                    }
                }
            }
            let one = summarize(&singles);
            let judged: usize = statuses.values().sum();
            if judged * 2 >= quotes.len() {
                lookup_mean_ms = Some(one.mean_ms);
            } else {
                let _ = writeln!(
                    s,
                    "- quote lookup not comparable: the analysis found only {judged} of {} quotes on their own",
                    quotes.len()
                );
            }
            let _ = writeln!(
                s,
                "- quote lookup (each quote alone as a draft: analyze + check, x 5): {one}; verdicts {statuses:?}",
            );
            // What the server does on each change (`sourced::lsp::checked::check_text`:
            // analysis, the incremental check with its caches, diagnostics), after a first
            // check of the whole draft as on opening it. The edit is applied to the rope
            // outside the timing, as the server applies didChange before checking.
            let caches = CheckCaches::default();
            let mut rope = Rope::from_str(&draft.text);
            let _ = check_text(
                &draft.text,
                &rope,
                TextFormat::Markdown,
                index,
                1,
                &caches,
                &options,
                Encoding::Utf16,
                true,
            );
            let mut text = draft.text.clone();
            let mut times = Vec::with_capacity(edits.len());
            // The thread's CPU time per keystroke, all and inside quotes only.
            let mut cpu = Vec::with_capacity(edits.len());
            let mut cpu_in_quote = Vec::new();
            let mut wall_in_quote = Vec::new();
            let trace = std::env::var_os("SOURCED_BENCH_TRACE").is_some();
            let loop_started = Instant::now();
            for e in &edits {
                if loop_started.elapsed() > cfg.budget {
                    break;
                }
                draft::apply(&mut text, e);
                let from = rope.byte_to_char(e.offset);
                let to = rope.byte_to_char(e.offset + e.delete);
                rope.remove(from..to);
                rope.insert(from, &e.insert);
                let cpu_before = stats::thread_cpu();
                let t = Instant::now();
                let current = rope.to_string();
                let checked = check_text(
                    &current,
                    &rope,
                    TextFormat::Markdown,
                    index,
                    1,
                    &caches,
                    &options,
                    Encoding::Utf16,
                    true,
                );
                let wall = t.elapsed();
                times.push(wall);
                if let (Some(a), Some(b)) = (cpu_before, stats::thread_cpu()) {
                    cpu.push(b.saturating_sub(a));
                    if e.in_quote {
                        cpu_in_quote.push(b.saturating_sub(a));
                    }
                }
                if e.in_quote {
                    wall_in_quote.push(wall);
                }
                if trace {
                    // One line per keystroke, to find which ones are slow and why.
                    let rechecked = caches.chains.lock().map_or(0, |c| c.checked);
                    let before = text
                        .get(e.offset.saturating_sub(40)..e.offset)
                        .unwrap_or("");
                    eprintln!(
                        "keystroke at {} in_quote={} insert={:?} wall {:.3} ms cpu {:.3} ms, chains checked so far {rechecked}, after {before:?}",
                        e.offset,
                        e.in_quote,
                        e.insert,
                        wall.as_secs_f64() * 1e3,
                        cpu.last().map_or(f64::NAN, |d| d.as_secs_f64() * 1e3),
                    );
                }
                std::hint::black_box(checked);
            }
            debug_assert_eq!(rope.to_string(), text);
            let sum = summarize(&times);
            if !cpu.is_empty() {
                let _ = writeln!(
                    s,
                    "- edit -> diagnostics in process, the thread's CPU time per keystroke: {}; inside quotes only: CPU {}, wall {}",
                    summarize(&cpu),
                    summarize(&cpu_in_quote),
                    summarize(&wall_in_quote)
                );
            }
            let representative = analysis.quotes.len() * 2 >= draft.quotes.len();
            let note = if representative {
                String::new()
            } else {
                format!(
                    "; not representative: the analysis finds {} of the {} quotes",
                    analysis.quotes.len(),
                    draft.quotes.len()
                )
            };
            rows.push(format!(
                "| edit -> diagnostics in process (the server's path: analysis, incremental check, diagnostics) | {sum}{note} | p95 <= 10 ms at 100k | {} |",
                if representative { size_verdict(n, sum.p95_ms <= 10.0) } else { "" }
            ));
            // For comparison: the whole pipeline per keystroke, on the first keystrokes.
            let mut text = draft.text.clone();
            let mut times = Vec::new();
            for e in edits.iter().take(WHOLE_CHECK_EDITS) {
                draft::apply(&mut text, e);
                let t = Instant::now();
                let a = analysis::analyze(&text, TextFormat::Markdown);
                let f = check::check(&text, &a, index, &options).findings;
                times.push(t.elapsed());
                std::hint::black_box(f);
            }
            rows.push(format!(
                "| edit -> findings in process, whole analysis + whole check per keystroke (first {} keystrokes) | {}{note} | (no target: the cost without caches) | |",
                times.len(),
                summarize(&times)
            ));
        }
        Err(e) => {
            let _ = writeln!(s, "- in process: not measured: {e}");
        }
    }

    // The reporter's baseline.
    if !cfg.skip_rg {
        eprintln!("[{n}] rg baseline over {} quotes ...", quotes.len());
        match baseline::run(&corpus.sources, &quotes) {
            Ok(b) => {
                let sum = summarize(&b.times);
                let _ = writeln!(
                    s,
                    "- baseline `{}` per quote: {sum}; {} of {} quotes found in some file",
                    b.tool,
                    b.found,
                    quotes.len()
                );
                if let Some(lookup) = lookup_mean_ms {
                    let ratio = sum.mean_ms / lookup;
                    rows.push(format!(
                        "| quote lookup vs `{}` | {ratio:.0}x faster ({lookup:.3} ms vs {:.1} ms per quote, means) | >= 100x | {} |",
                        b.tool, sum.mean_ms, verdict(ratio >= 100.0)
                    ));
                }
            }
            Err(e) => {
                let _ = writeln!(s, "- baseline: not measured: {e}");
            }
        }
    }

    // Over LSP stdio, against the real binary.
    if !cfg.skip_lsp {
        eprintln!("[{n}] LSP stdio ...");
        // The server keeps its persisted index where sourced.toml says: start without one.
        let server_cache = work.join(".sourced-cache");
        let _ = std::fs::remove_dir_all(&server_cache);
        match lsp_run(
            &work,
            &corpus.sources,
            &draft_path,
            &draft.text,
            &edits,
            cfg.budget,
        ) {
            Ok(l) => {
                let _ = writeln!(s, "- LSP: {}", l.notes.join("; "));
                if let Some(ready) = l.ready_secs {
                    rows.push(format!(
                        "| `sourced lsp` start -> status ready, no persisted index | {ready:.2} s | |  |"
                    ));
                }
                rows.push(format!(
                    "| edit -> publishDiagnostics over LSP stdio, debounce 0 | {} | p95 <= 10 ms at 100k | {} |",
                    l.latency,
                    size_verdict(n, l.latency.p95_ms <= 10.0)
                ));
                if let Some(hwm) = l.vmhwm {
                    let ratio = hwm as f64 / corpus.bytes as f64;
                    rows.push(format!(
                        "| peak resident memory, `sourced lsp` | {:.0} MB VmHWM = {ratio:.2}x the text | <= 2x | {} |",
                        mb(hwm),
                        verdict(ratio <= 2.0)
                    ));
                }
            }
            Err(e) => {
                let _ = writeln!(s, "- LSP: not measured: {e}");
            }
        }
        if server_cache.exists() {
            eprintln!("[{n}] LSP warm start ...");
            match lsp_run(&work, &corpus.sources, &draft_path, &draft.text, &[], cfg.budget) {
                Ok(l) => match l.ready_secs {
                    Some(ready) => rows.push(format!(
                        "| `sourced lsp` start -> status ready, with its persisted index | {ready:.2} s ({}) | <= 1 s at 100k | {} |",
                        l.notes.join("; "),
                        size_verdict(n, ready <= 1.0)
                    )),
                    None => {
                        let _ = writeln!(s, "- LSP warm start: {}", l.notes.join("; "));
                    }
                },
                Err(e) => {
                    let _ = writeln!(s, "- LSP warm start: not measured: {e}");
                }
            }
        }
    }
    let _ = writeln!(s, "\n| measure | result | target | |\n|---|---|---|---|");
    for r in rows {
        let _ = writeln!(s, "{r}");
    }
    let _ = writeln!(s, "\nload average after this size: {}", load_average());
    Ok(s)
}

/// Up to `limit` bytes of article text, from the first files of the corpus.
fn tokenizer_sample(sources: &Path, limit: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut total = 0;
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(sources)
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    dirs.sort();
    for dir in dirs {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
            .unwrap_or_default();
        files.sort();
        for f in files {
            if let Ok(text) = std::fs::read_to_string(&f) {
                total += text.len();
                out.push(text);
                if total >= limit {
                    return out;
                }
            }
        }
    }
    out
}

/// Latency targets are set at 100k articles; smaller corpora say whether they are on track.
fn size_verdict(n: usize, met: bool) -> &'static str {
    match (n >= 100_000, met) {
        (true, m) => verdict(m),
        (false, true) => "on track",
        (false, false) => "already over",
    }
}

struct LspResult {
    /// From starting the process to `sourced/status` ready.
    ready_secs: Option<f64>,
    latency: Summary,
    vmhwm: Option<u64>,
    notes: Vec<String>,
}

fn lsp_run(
    work: &Path,
    sources: &Path,
    draft_path: &Path,
    text: &str,
    edits: &[draft::Edit],
    budget: Duration,
) -> Result<LspResult, String> {
    let binary = Path::new(env!("CARGO_BIN_EXE_sourced"));
    let sources = sources.canonicalize().map_err(|e| e.to_string())?;
    let work = work.canonicalize().map_err(|e| e.to_string())?;
    let settings = json!({"corpus": {"paths": [sources.to_string_lossy()]}, "debounceMs": 0});
    let mut notes = Vec::new();
    let started = Instant::now();
    let mut client = lsp_client::LspClient::start(binary, &["lsp"], &work, settings.clone())?;
    let root = lsp_client::file_uri(&work);
    let init = client.request(
        "initialize",
        json!({
            "processId": std::process::id(),
            "rootUri": root,
            "workspaceFolders": [{"uri": root, "name": "newsroom"}],
            "initializationOptions": settings,
            "capabilities": {
                "general": {"positionEncodings": ["utf-16"]},
                "textDocument": {
                    "synchronization": {"didSave": true},
                    "publishDiagnostics": {"versionSupport": true}
                },
                "workspace": {"configuration": true, "workspaceFolders": true},
                "window": {"workDoneProgress": false}
            }
        }),
        Duration::from_secs(60),
    )?;
    let sync = &init["capabilities"]["textDocumentSync"];
    let incremental = sync == &json!(2) || sync["change"] == json!(2);
    notes.push(format!(
        "{} sync",
        if incremental { "incremental" } else { "full" }
    ));
    client.notify("initialized", json!({}))?;
    let ready = client.wait_for(Duration::from_secs(900), |m| {
        m["method"] == "sourced/status"
            && matches!(
                m["params"]["state"].as_str(),
                Some("ready" | "error" | "no-corpus")
            )
    });
    let mut ready_secs = None;
    match ready {
        Ok(r) => {
            let secs = r.at.duration_since(started).as_secs_f64();
            let state = &r.message["params"]["state"];
            if state == "ready" {
                ready_secs = Some(secs);
            }
            notes.push(format!(
                "status {state} with {} sources after {secs:.2} s",
                r.message["params"]["sources"],
            ))
        }
        Err(e) => notes.push(format!("no sourced/status ready ({e})")),
    }
    let uri = lsp_client::file_uri(&draft_path.canonicalize().map_err(|e| e.to_string())?);
    let is_draft = |m: &Value, version: Option<i64>| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == json!(uri)
            && (version.is_none()
                || m["params"]["version"].is_null()
                || m["params"]["version"] == json!(version))
    };
    let sent = client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
    )?;
    let first = client.wait_for(Duration::from_secs(300), |m| is_draft(m, Some(1)))?;
    let count = first.message["params"]["diagnostics"]
        .as_array()
        .map_or(0, Vec::len);
    notes.push(format!(
        "didOpen -> first diagnostics {:.1} ms ({count} diagnostics)",
        first.at.duration_since(sent).as_secs_f64() * 1e3
    ));
    let mut current = text.to_string();
    let mut times = Vec::new();
    let mut unversioned = false;
    let loop_started = Instant::now();
    for (k, e) in edits.iter().enumerate() {
        if loop_started.elapsed() > budget {
            notes.push(format!(
                "stopped after {k} edits: the {budget:?} budget ran out"
            ));
            break;
        }
        let version = k as i64 + 2;
        let change = if incremental {
            let start = lsp_client::position(&current, e.offset);
            let end = lsp_client::position(&current, e.offset + e.delete);
            json!({"range": {"start": start, "end": end}, "text": e.insert})
        } else {
            let mut next = current.clone();
            draft::apply(&mut next, e);
            json!({"text": next})
        };
        draft::apply(&mut current, e);
        let sent = client.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}),
        )?;
        match client.wait_for(Duration::from_secs(20), |m| is_draft(m, Some(version))) {
            Ok(r) => {
                if r.message["params"]["version"].is_null() {
                    unversioned = true;
                }
                times.push(r.at.duration_since(sent));
            }
            Err(err) => {
                notes.push(format!(
                    "edit {k}: no diagnostics for version {version} ({err}); stopped"
                ));
                break;
            }
        }
    }
    if unversioned {
        notes.push(
            "diagnostics carry no version: matched the first publish after each change".into(),
        );
    }
    let vmhwm = proc_status_kb(&client.pid().to_string(), "VmHWM").map(|kb| kb * 1024);
    client.shutdown();
    if times.is_empty() && !edits.is_empty() {
        return Err(format!("no edit got diagnostics ({})", notes.join("; ")));
    }
    Ok(LspResult {
        ready_secs,
        latency: summarize(&times),
        vmhwm,
        notes,
    })
}
