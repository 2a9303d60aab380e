//! Hostile input for the pure layers: drafts that try to crash, hang or confuse the quote
//! extraction, and invariants that must hold for any text.
//!
//! Every test asserts what a user would notice: the checker finishes, every position it
//! reports points into the text on a character boundary (the server converts and slices
//! them), and a stray or odd character does not blind it to the quotes around it.

use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use sourced::analysis::{analyze, Analysis, Span, TextFormat};

use crate::common;

/// A span the server could slice and convert: inside `text`, on char boundaries.
fn assert_span(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what} span {span:?} outside a text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what} span {span:?} cuts a character"
    );
}

fn assert_valid(text: &str, a: &Analysis) {
    for q in &a.quotes {
        assert_span(text, q.span, "quote");
        assert_span(text, q.inner, "quote inner");
        assert!(
            q.span.contains_span(q.inner),
            "inner {:?} outside {:?}",
            q.inner,
            q.span
        );
        if let Some(s) = &q.speaker {
            assert_span(text, s.mention, "speaker");
            if let Some(id) = s.entity {
                assert!(
                    a.entity(id).is_some(),
                    "speaker entity {id:?} does not exist"
                );
            }
        }
        if let Some(c) = &q.cue {
            assert_span(text, c.span, "cue");
        }
    }
    for e in &a.entities {
        for m in &e.mentions {
            assert_span(text, m.span, "mention");
        }
        for t in &e.titles {
            assert_span(text, t.span, "title");
        }
    }
}

/// Analyse on another thread and give up after `limit`: a hang guard, not a benchmark
/// (the limit is many times what a linear pass needs, even unoptimised).
fn analyze_within(text: String, format: TextFormat, limit: Duration) -> (String, Analysis) {
    let (tx, rx) = mpsc::channel();
    let started = Instant::now();
    thread::spawn(move || {
        let a = analyze(&text, format);
        let _ = tx.send((text, a));
    });
    match rx.recv_timeout(limit) {
        Ok((text, a)) => {
            assert_valid(&text, &a);
            (text, a)
        }
        Err(mpsc::RecvTimeoutError::Timeout) => {
            panic!("analysis still running after {:?}", started.elapsed())
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("analysis panicked"),
    }
}

fn both_formats(text: &str) -> Vec<Analysis> {
    [TextFormat::Plain, TextFormat::Markdown]
        .into_iter()
        .map(|f| {
            let a = analyze(text, f);
            assert_valid(text, &a);
            a
        })
        .collect()
}

fn quote_texts(a: &Analysis) -> Vec<String> {
    a.quotes.iter().map(|q| q.text.trim().to_string()).collect()
}

const CLEAR: &str =
    "\"We will rebuild every school in the province,\" Governor Ahmed Karimi said on Monday.";

fn has_quote(a: &Analysis, words: &str) -> bool {
    a.quotes.iter().any(|q| q.text.contains(words))
}

#[test]
fn a_lone_quotation_mark_does_not_blind_the_rest() {
    for stray in ["\"", "\u{201c}", "\u{201d}", "\u{ab}", "'", "\u{2018}"] {
        let text = format!(
            "The minister said {stray}that was enough.\n\nA second paragraph with no quotes.\n\n{CLEAR}\n"
        );
        for a in both_formats(&text) {
            assert!(
                has_quote(&a, "We will rebuild every school"),
                "after a stray {stray:?} the clear quote was lost: {:?}",
                quote_texts(&a)
            );
        }
    }
}

#[test]
fn only_quotation_marks() {
    for mark in [
        "\"",
        "\u{201c}",
        "\u{201d}",
        "\u{ab}\u{bb}",
        "'",
        "\"\n",
        "\"\r\n\r\n",
    ] {
        let text = mark.repeat(5000);
        analyze_within(text.clone(), TextFormat::Plain, Duration::from_secs(60));
        analyze_within(text, TextFormat::Markdown, Duration::from_secs(60));
    }
}

#[test]
fn thousands_of_quotes_are_all_found() {
    let n = 3000;
    let text = (0..n)
        .map(|i| format!("\"Statement number {i} stands,\" the spokesman said.\n\n"))
        .collect::<String>();
    let (_, a) = analyze_within(text, TextFormat::Plain, Duration::from_secs(60));
    assert_eq!(a.quotes.len(), n, "every quote of a long document is found");
    assert!(a.quotes[n - 1].text.contains("Statement number 2999"));
}

#[test]
fn a_five_megabyte_single_line() {
    // One paragraph of 5 MB: real quotes in it, no line break anywhere.
    let unit = "Officials met again. \"We will keep the border open for now,\" Karimi said. ";
    let reps = 5 * 1024 * 1024 / unit.len() + 1;
    let text = unit.repeat(reps);
    assert!(text.len() >= 5 * 1024 * 1024 && !text.contains('\n'));
    let (_, a) = analyze_within(text, TextFormat::Plain, Duration::from_secs(120));
    assert_eq!(a.quotes.len(), reps, "each quote of the line is found once");
    // The same line of one unbroken word, and of unclosed quotes.
    analyze_within(
        "x".repeat(5 << 20),
        TextFormat::Markdown,
        Duration::from_secs(120),
    );
    let opens = "\"and then ".repeat((5 << 20) / 10);
    analyze_within(opens, TextFormat::Plain, Duration::from_secs(120));
}

#[test]
fn control_characters_and_invisible_marks() {
    let nasties = [
        "\0",
        "\u{7}",
        "\u{1b}[31m",
        "\u{8}",
        "\u{7f}",
        "\u{feff}",
        "\u{200b}",
        "\u{200d}",
        "\u{2028}",
        "\u{2029}",
        "\u{85}",
        "\u{c}",
        "\u{b}",
        "\u{fffd}",
        "\u{e000}",
        "\u{10ffff}",
    ];
    for n in nasties {
        let text = format!(
            "{n}Reporters waited.{n} \"We will{n} rebuild every school in the province,\" Governor{n} Ahmed Karimi said.{n}\n\n{CLEAR}{n}"
        );
        for a in both_formats(&text) {
            assert!(
                has_quote(&a, "We will rebuild every school"),
                "with {n:?} around, the clean quote was lost: {:?}",
                quote_texts(&a)
            );
        }
    }
    // All of them together, many times over.
    let soup: String = nasties.concat().repeat(2000);
    analyze_within(soup, TextFormat::Markdown, Duration::from_secs(60));
}

#[test]
fn mixed_scripts_and_right_to_left_text() {
    let text = concat!(
        "قال الوزير: «سنعيد بناء المدارس» في مؤتمر صحفي.\n\n",
        "\u{202b}\"نحن هنا\" قال المتحدث\u{202c}.\n\n",
        "השר אמר: \"אנחנו נשארים כאן\".\n\n",
        "Путин сказал: «Мы готовы к сотрудничеству».\n\n",
        "習近平表示：「我們將繼續合作。」\n\n",
        "Emoji \u{1f469}\u{200d}\u{1f469}\u{200d}\u{1f467} and flags \u{1f1f8}\u{1f1fe} in a quote: \"we \u{1f600} agree,\" she said.\n\n",
        "\u{200f}\u{200e}",
        "\"We will rebuild every school in the province,\" Governor Ahmed Karimi said on Monday.\n",
    );
    for a in both_formats(text) {
        assert!(
            has_quote(&a, "We will rebuild every school"),
            "the English quote after RTL and CJK text was lost: {:?}",
            quote_texts(&a)
        );
    }
}

#[test]
fn line_endings_do_not_change_what_is_found() {
    let draft = include_str!("../../fixtures/syria-refugees/draft.md");
    let lf = draft.replace("\r\n", "\n");
    let crlf = lf.replace('\n', "\r\n");
    let cr = lf.replace('\n', "\r");
    for format in [TextFormat::Plain, TextFormat::Markdown] {
        let base = analyze(&lf, format);
        assert!(!base.quotes.is_empty(), "the fixture draft has quotes");
        for (name, text) in [("CRLF", &crlf), ("lone CR", &cr)] {
            let a = analyze(text, format);
            assert_valid(text, &a);
            assert_eq!(
                quote_texts(&a),
                quote_texts(&base),
                "{name} line endings ({format:?}) change the quotes found"
            );
            let speakers = |a: &Analysis| -> Vec<Option<String>> {
                a.quotes
                    .iter()
                    .map(|q| q.speaker.as_ref().map(|s| s.mention_text.clone()))
                    .collect()
            };
            assert_eq!(
                speakers(&a),
                speakers(&base),
                "{name} line endings change the speakers"
            );
        }
    }
}

#[test]
fn markdown_torture() {
    let pieces = [
        "```\n\"a quote in code\" he said\n",
        "    \"indented code,\" she said\n",
        "> \"a quote in a blockquote,\" he said\n> > nested\n",
        "[\"link text\"](http://x \"title\") said Smith\n",
        "![\"alt\"](",
        "<div>\"html\" <!-- \"comment",
        "---\ntitle: \"front matter\"\n---\n",
        "***\"bold italic\"***, he said\n",
        "| \"a\" | \"b\" |\n|---|---|\n",
        "`` ` `` \"tick\" `\n",
        "\\\"escaped\\\" he said\n",
        "[^1]: \"footnote\"\n",
        "<",
        "&quot;entity&quot; &#8220;numeric&#8221;",
    ];
    // Each piece alone, all of them, and every pair, followed by a clean quote.
    let mut texts: Vec<String> = pieces.iter().map(|p| p.to_string()).collect();
    texts.push(pieces.concat());
    for a in pieces {
        for b in pieces {
            texts.push(format!("{a}{b}"));
        }
    }
    for t in texts {
        // (No assertion on the clean quote here: an unclosed code fence rightly hides it.)
        both_formats(&format!("{t}\n\n{CLEAR}\n"));
        both_formats(&t);
    }
}

// ---------------------------------------------------------------------------------------
// Bad corpus files, loaded the way the CLI and the server load them.

mod bad_corpus {
    use super::*;
    use std::fs;
    use std::os::unix::fs::symlink;
    use std::path::{Path, PathBuf};

    use sourced::analysis::normalize::words;
    use sourced::config::CorpusConfig;
    use sourced::corpus::load::{load, Loaded};
    use sourced::index::CorpusIndex;

    pub use super::common::TempDir;

    pub const GOOD_QUOTE: &str = "The water treatment plant will reopen within nine days";

    /// A good source next to the bad ones: it must always be loaded and searchable.
    pub fn good_source(dir: &Path) {
        fs::write(
            dir.join("good.txt"),
            format!(
                "Officials spoke on Tuesday.\n\n\"{GOOD_QUOTE},\" engineer Lina Haddad said.\n"
            ),
        )
        .unwrap();
    }

    pub fn load_within(cfg: CorpusConfig, limit: Duration) -> Loaded {
        let (tx, rx) = mpsc::channel();
        thread::spawn(move || {
            let loaded = load(&cfg, &|_| {});
            let _ = tx.send(loaded);
        });
        match rx.recv_timeout(limit) {
            Ok(l) => l,
            Err(mpsc::RecvTimeoutError::Timeout) => panic!("corpus loading hangs (over {limit:?})"),
            Err(mpsc::RecvTimeoutError::Disconnected) => panic!("corpus loading panicked"),
        }
    }

    /// The source file a sentence is found in, through the index as the checks ask it.
    pub fn found_in(loaded: &Loaded, sentence: &str) -> Vec<PathBuf> {
        let norms: Vec<String> = words(sentence).into_iter().map(|w| w.norm).collect();
        loaded
            .index
            .passages(&norms, 5)
            .into_iter()
            .filter_map(|p| loaded.index.source(p.location.source))
            .filter(|s| {
                let hay: Vec<String> = words(&s.text).into_iter().map(|w| w.norm).collect();
                hay.windows(norms.len()).any(|w| w == norms.as_slice())
            })
            .map(|s| s.path.clone())
            .collect()
    }

    fn loaded_paths(loaded: &Loaded) -> Vec<PathBuf> {
        loaded.index.sources().map(|s| s.path.clone()).collect()
    }

    fn problem_for<'a>(loaded: &'a Loaded, path: &Path) -> Option<&'a sourced::index::LoadProblem> {
        loaded.problems.iter().find(|p| p.path == path)
    }

    fn assert_skipped_with(loaded: &Loaded, path: &Path, words_any: &[&str]) {
        let p = problem_for(loaded, path).unwrap_or_else(|| {
            panic!(
                "no message names {}; problems: {:#?}",
                path.display(),
                loaded.problems
            )
        });
        assert!(p.skipped, "{} should be left out: {p:?}", path.display());
        let msg = p.message.to_lowercase();
        assert!(
            words_any.iter().any(|w| msg.contains(w)),
            "the message for {} does not say why ({words_any:?}): {:?}",
            path.display(),
            p.message
        );
        assert!(
            !loaded_paths(loaded).contains(&path.to_path_buf()),
            "{} is both skipped and loaded",
            path.display()
        );
    }

    fn is_root() -> bool {
        unsafe { libc::geteuid() == 0 }
    }

    #[test]
    fn bad_files_get_a_message_and_the_rest_loads() {
        let tmp = TempDir::new("badfiles");
        let dir = tmp.0.join("sources");
        fs::create_dir_all(&dir).unwrap();
        good_source(&dir);

        // Binary: an image with NUL bytes, named .txt.
        let binary = dir.join("photo.txt");
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.extend((0..4096u32).map(|i| (i * 7 % 256) as u8));
        fs::write(&binary, &png).unwrap();

        // Not UTF-8: Windows-1252 curly quotes and an accented name. Loaded, with a warning.
        let latin = dir.join("latin1.txt");
        fs::write(
            &latin,
            b"\x93The bridge on the river will be closed until spring,\x94 Jos\xe9 Mart\xednez said.\n",
        )
        .unwrap();

        // Empty, and only whitespace.
        let empty = dir.join("empty.txt");
        fs::write(&empty, b"").unwrap();
        fs::write(dir.join("blank.md"), b"\n\n   \r\n").unwrap();

        // 200 MB (sparse: costs no disk).
        let huge = dir.join("huge.txt");
        let f = fs::File::create(&huge).unwrap();
        f.set_len(200 * 1024 * 1024).unwrap();
        drop(f);

        // A FIFO: opening it for reading would block until a writer comes.
        let fifo = dir.join("pipe.txt");
        let ok = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(ok.success());

        // A folder named like a source file, and a UNIX socket.
        fs::create_dir_all(dir.join("folder.txt")).unwrap();
        let sock = dir.join("socket.txt");
        let _listener = std::os::unix::net::UnixListener::bind(&sock).unwrap();

        let started = Instant::now();
        let loaded = load_within(
            CorpusConfig::new(vec![dir.clone()]),
            Duration::from_secs(60),
        );
        eprintln!("loaded in {:?}: {:#?}", started.elapsed(), loaded.problems);

        assert_eq!(found_in(&loaded, GOOD_QUOTE), vec![dir.join("good.txt")]);
        assert_skipped_with(&loaded, &binary, &["binary"]);
        assert_skipped_with(&loaded, &huge, &["large", "size"]);
        assert_skipped_with(&loaded, &fifo, &["pipe", "fifo"]);
        assert_skipped_with(&loaded, &sock, &["socket", "special", "regular"]);

        // Not UTF-8: read all the same, its words searchable, with a warning naming it.
        assert_eq!(
            found_in(
                &loaded,
                "The bridge on the river will be closed until spring"
            ),
            vec![latin.clone()]
        );
        let w = problem_for(&loaded, &latin).expect("a warning about the encoding");
        assert!(!w.skipped);
        // The accented name survived the decoding.
        let src = loaded.index.sources().find(|s| s.path == latin).unwrap();
        assert!(src.text.contains("José Martínez"), "{:?}", src.text);

        // Empty files: harmless either way, but never both loaded and skipped.
        if let Some(p) = problem_for(&loaded, &empty) {
            if p.skipped {
                assert!(!loaded_paths(&loaded).contains(&empty));
            }
        }
    }

    #[test]
    fn unreadable_file() {
        let tmp = TempDir::new("perm");
        let dir = tmp.0.join("sources");
        fs::create_dir_all(&dir).unwrap();
        good_source(&dir);
        let secret = dir.join("secret.txt");
        fs::write(
            &secret,
            "\"Nobody may read this sentence here,\" she said.\n",
        )
        .unwrap();
        fs::set_permissions(&secret, std::os::unix::fs::PermissionsExt::from_mode(0o000)).unwrap();
        let locked_dir = dir.join("locked");
        fs::create_dir_all(&locked_dir).unwrap();
        fs::write(
            locked_dir.join("inside.txt"),
            "Hidden words in a locked folder.\n",
        )
        .unwrap();
        fs::set_permissions(
            &locked_dir,
            std::os::unix::fs::PermissionsExt::from_mode(0o000),
        )
        .unwrap();
        if is_root() {
            // Root reads through chmod 000: run this same test again as user `nobody`.
            drop(tmp);
            let me = std::env::current_exe().unwrap();
            let status = std::process::Command::new("setpriv")
                .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
                .arg(&me)
                .args(["--exact", "bad_corpus::unreadable_file", "--nocapture"])
                .status();
            match status {
                Ok(s) => assert!(s.success(), "the unprivileged run failed"),
                Err(e) => eprintln!(
                    "note: running as root and setpriv is not available ({e}); chmod 000 \
                     does not stop root, so unreadable files are not tested"
                ),
            }
            return;
        }
        let loaded = load_within(
            CorpusConfig::new(vec![dir.clone()]),
            Duration::from_secs(60),
        );
        assert_eq!(found_in(&loaded, GOOD_QUOTE), vec![dir.join("good.txt")]);
        assert_skipped_with(&loaded, &secret, &["permission", "denied", "read"]);
        assert!(
            loaded
                .problems
                .iter()
                .any(|p| p.path.starts_with(&locked_dir)),
            "the locked folder is not mentioned: {:#?}",
            loaded.problems
        );
    }

    #[test]
    fn symlink_loops_and_links_outside_the_roots() {
        let tmp = TempDir::new("links");
        let dir = tmp.0.join("sources");
        let outside = tmp.0.join("elsewhere");
        fs::create_dir_all(dir.join("sub")).unwrap();
        fs::create_dir_all(&outside).unwrap();
        good_source(&dir);
        const SECRET: &str = "These private notes are outside the corpus folder entirely";
        fs::write(
            outside.join("notes.txt"),
            format!("\"{SECRET},\" he said.\n"),
        )
        .unwrap();
        fs::write(
            dir.join("sub/inner.txt"),
            "\"Inner words stay inside the corpus,\" she said.\n",
        )
        .unwrap();

        symlink(outside.join("notes.txt"), dir.join("notes-link.txt")).unwrap();
        symlink(&outside, dir.join("elsewhere-dir")).unwrap();
        symlink("/etc", dir.join("etc")).unwrap();
        symlink(dir.join("loop-b.txt"), dir.join("loop-a.txt")).unwrap();
        symlink(dir.join("loop-a.txt"), dir.join("loop-b.txt")).unwrap();
        symlink(&dir, dir.join("sub/back-to-root")).unwrap();
        symlink("..", dir.join("sub/parent")).unwrap();
        symlink(dir.join("missing.txt"), dir.join("dangling.txt")).unwrap();
        symlink(dir.join("sub/inner.txt"), dir.join("inner-link.txt")).unwrap();

        for follow in [false, true] {
            let mut cfg = CorpusConfig::new(vec![dir.clone()]);
            cfg.follow_links = follow;
            let loaded = load_within(cfg, Duration::from_secs(60));
            eprintln!("follow_links = {follow}: {:#?}", loaded.problems);
            assert_eq!(found_in(&loaded, GOOD_QUOTE), vec![dir.join("good.txt")]);
            assert!(
                found_in(&loaded, SECRET).is_empty(),
                "follow_links = {follow}: a file outside the corpus was read"
            );
            for s in loaded.index.sources() {
                let real = s.path.canonicalize().unwrap_or_else(|_| s.path.clone());
                assert!(
                    real.starts_with(dir.canonicalize().unwrap()),
                    "follow_links = {follow}: {} is outside the corpus",
                    real.display()
                );
            }
            // The inner file is read exactly once, however many ways lead to it.
            assert_eq!(
                found_in(&loaded, "Inner words stay inside the corpus").len(),
                1,
                "follow_links = {follow}"
            );
            for link in [
                "notes-link.txt",
                "elsewhere-dir",
                "loop-a.txt",
                "dangling.txt",
            ] {
                let named = loaded
                    .problems
                    .iter()
                    .any(|p| p.path.starts_with(dir.join(link)));
                assert!(
                    named,
                    "follow_links = {follow}: no message names {link}: {:#?}",
                    loaded.problems
                );
            }
        }
    }

    #[test]
    fn files_deleted_or_truncated_while_loading() {
        let tmp = TempDir::new("race");
        let dir = tmp.0.join("sources");
        fs::create_dir_all(&dir).unwrap();
        good_source(&dir);
        let n = 300;
        let body = "\"The convoy reached the northern crossing before dawn,\" a witness said. "
            .repeat(200);
        for i in 0..n {
            fs::write(dir.join(format!("f{i:03}.txt")), &body).unwrap();
        }
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let vandal = {
            let dir = dir.clone();
            let stop = stop.clone();
            thread::spawn(move || {
                let mut i = 0usize;
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    let p = dir.join(format!("f{:03}.txt", i % n));
                    match i % 3 {
                        0 => {
                            let _ = fs::remove_file(&p);
                        }
                        1 => {
                            if let Ok(f) = fs::OpenOptions::new().write(true).open(&p) {
                                let _ = f.set_len(10);
                            }
                        }
                        _ => {
                            let _ = fs::write(&p, "short");
                        }
                    }
                    i += 1;
                }
            })
        };
        for _ in 0..5 {
            let loaded = load_within(
                CorpusConfig::new(vec![dir.clone()]),
                Duration::from_secs(120),
            );
            assert_eq!(found_in(&loaded, GOOD_QUOTE), vec![dir.join("good.txt")]);
            let loaded_set = loaded_paths(&loaded);
            for p in &loaded.problems {
                if p.skipped {
                    assert!(
                        !loaded_set.contains(&p.path),
                        "{p:?} both skipped and loaded"
                    );
                }
                assert!(!p.message.trim().is_empty());
            }
            for s in loaded.index.sources() {
                assert!(!s.text.contains('\0'));
            }
        }
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        vandal.join().unwrap();
    }
}

#[test]
fn analysis_is_deterministic() {
    // Same text, same answer: a reporter must not see findings come and go between runs.
    let texts = [
        include_str!("../../fixtures/syria-refugees/draft.md"),
        include_str!("../../fixtures/syria-refugees/sources/arab-news.txt"),
        include_str!("../../fixtures/syria-refugees/sources/afp-wire-rewrite.txt"),
        include_str!("../../fixtures/syria-refugees/sources/breitbart.txt"),
    ];
    for t in texts {
        for format in [TextFormat::Plain, TextFormat::Markdown] {
            let first = analyze(t, format);
            for _ in 0..3 {
                assert_eq!(analyze(t, format), first);
            }
        }
    }
}

/// Found by the `analyze` fuzz target (fuzz/smoke.sh in CI, 2026-11-24): a title built
/// from an extension and a name prefix got a span whose end came before its start.
#[test]
fn fuzz_regression_title_span_over_extension_and_prefix() {
    let bytes = include_bytes!("../../fixtures/fuzz/analyze-title-span.bin");
    // The fuzz target's first byte picks the format (1: Markdown).
    let text = String::from_utf8_lossy(&bytes[1..]);
    let a = analyze(&text, TextFormat::Markdown);
    for e in &a.entities {
        for t in &e.titles {
            assert!(t.span.start <= t.span.end, "{:?}", t.span);
        }
    }
}
