//! The corpus as a user meets it: loading a story's sources, finding passages and names,
//! every kind of bad file reported without losing the rest, and `sourced.toml`.

use std::fs;
use std::path::{Path, PathBuf};

use sourced::analysis::normalize::words;
use sourced::analysis::{Analysis, Entity, EntityId, EntityKind, Mention, MentionKind, Span};
use sourced::config::{self, CorpusConfig};
use sourced::corpus::{self, MemoryIndex};
use sourced::index::{CorpusIndex, LoadProblem, Source, SourceId};

fn fixture_sources() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/syria-refugees/sources")
}

fn norms(text: &str) -> Vec<String> {
    words(text).into_iter().map(|w| w.norm).collect()
}

fn load_dir(dir: &Path) -> corpus::Loaded {
    corpus::load(&CorpusConfig::new(vec![dir.to_path_buf()]), &|_| {})
}

/// A fresh temporary folder (removed at the end of the test).
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!(
            "sourced-corpus-test-{}-{}",
            std::process::id(),
            name
        ));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
    fn path(&self) -> &Path {
        &self.0
    }
    fn write(&self, rel: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let p = self.0.join(rel);
        if let Some(parent) = p.parent() {
            fs::create_dir_all(parent).unwrap();
        }
        fs::write(&p, content).unwrap();
        p
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn problem_for<'a>(problems: &'a [LoadProblem], name: &str) -> Option<&'a LoadProblem> {
    problems
        .iter()
        .find(|p| p.path.file_name().is_some_and(|n| n == name))
}

fn loaded_names(index: &MemoryIndex) -> Vec<String> {
    let mut names: Vec<String> = index
        .sources()
        .map(|s| s.path.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn syria_fixture_loads_all_three_sources() {
    let progress = std::cell::RefCell::new(Vec::new());
    let loaded = corpus::load(&CorpusConfig::new(vec![fixture_sources()]), &|p| {
        progress.borrow_mut().push(p)
    });
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert_eq!(
        loaded_names(&loaded.index),
        ["afp-wire-rewrite.txt", "arab-news.txt", "breitbart.txt"]
    );
    let last = *progress.borrow().last().unwrap();
    assert_eq!((last.done, last.total), (3, 3));
    for s in loaded.index.sources() {
        assert!(s.text_is_file);
        assert_eq!(&*s.text, fs::read_to_string(&s.path).unwrap());
    }
}

#[test]
fn passages_find_a_sentence_in_running_text_without_quotation_marks() {
    let loaded = load_dir(&fixture_sources());
    let index = &loaded.index;
    // In arab-news.txt this is reported speech, not a quotation.
    let query =
        norms("Russia had proposed the establishment of working groups in Lebanon and Jordan");
    let found = index.passages(&query, 3);
    let best = found.first().expect("a passage");
    let source = index.source(best.location.source).unwrap();
    assert!(source.path.ends_with("arab-news.txt"));
    assert_eq!(
        best.location.span.slice(&source.text),
        "Russia had proposed the establishment of working groups in Lebanon and Jordan"
    );
    // British and American spellings meet, and both sources with the quote are found.
    let found = index.passages(
        &norms("how work could be organized to ensure that refugees can return home"),
        5,
    );
    let mut files: Vec<String> = found
        .iter()
        .filter(|p| p.score > 0.9)
        .map(|p| {
            let s = index.source(p.location.source).unwrap();
            s.path.file_name().unwrap().to_string_lossy().into_owned()
        })
        .collect();
    files.sort();
    files.dedup();
    assert_eq!(files, ["afp-wire-rewrite.txt", "arab-news.txt"]);
    // Words no source has give nothing.
    assert!(index
        .passages(&norms("purple elephants negotiate quietly"), 5)
        .is_empty());
}

#[test]
fn markdown_front_matter_becomes_metadata_and_keeps_offsets() {
    let dir = TempDir::new("frontmatter");
    let text = "---\ntitle: Refugees to return\noutlet: \"Arab News\"\ndate: 2018-07-20\nurl: https://example.com/a\nauthor: Staff\n---\nThe ministry said the plan was ready.\n";
    dir.write("a.md", text);
    let loaded = load_dir(dir.path());
    let s = loaded.index.sources().next().expect("loaded").clone();
    assert_eq!(s.meta.title.as_deref(), Some("Refugees to return"));
    assert_eq!(s.meta.outlet.as_deref(), Some("Arab News"));
    assert_eq!(s.meta.date.as_deref(), Some("2018-07-20"));
    assert_eq!(s.meta.url.as_deref(), Some("https://example.com/a"));
    assert_eq!(s.meta.author.as_deref(), Some("Staff"));
    assert_eq!(s.text.len(), text.len());
    let p = &loaded.index.passages(&norms("the plan was ready"), 1)[0];
    assert_eq!(
        &text[p.location.span.start..p.location.span.end],
        "the plan was ready"
    );
    // The front matter itself is not searchable prose.
    assert!(loaded
        .index
        .passages(&norms("outlet Arab News"), 1)
        .is_empty());
}

#[test]
fn html_article_text_without_scripts_or_navigation() {
    let dir = TempDir::new("html");
    dir.write(
        "page.html",
        r#"<!doctype html><html><head><title>Plan | Wire</title>
        <meta property="og:site_name" content="The Wire"><script>var quote = "hidden words in a script";</script></head>
        <body><nav><a href="/">Home</a> Latest refugee news</nav>
        <article><p>The general said refugees could   return home.</p>
        <script>console.log("secret tracking code here")</script></article>
        <footer>Copyright footer text</footer></body></html>"#,
    );
    let loaded = load_dir(dir.path());
    let s = loaded.index.sources().next().expect("loaded").clone();
    assert!(!s.text_is_file);
    assert_eq!(
        s.text.trim(),
        "The general said refugees could return home."
    );
    assert_eq!(s.meta.title.as_deref(), Some("Plan | Wire"));
    assert_eq!(s.meta.outlet.as_deref(), Some("The Wire"));
    assert!(loaded
        .index
        .passages(&norms("secret tracking code here"), 1)
        .is_empty());
    assert_eq!(
        loaded
            .index
            .passages(&norms("refugees could return home"), 1)
            .len(),
        1
    );
}

#[test]
fn bad_files_are_reported_and_the_rest_loads() {
    let dir = TempDir::new("bad");
    dir.write(
        "good.txt",
        "A good source says the talks will resume next week.",
    );
    dir.write("binary.txt", b"GIF89a\x00\x01\x02 not text");
    dir.write(
        "latin1.txt",
        b"Caf\xe9 owners said \x93business is slow\x94.",
    );
    dir.write("empty.txt", "");
    dir.write("blank.md", "  \n\n ");
    dir.write("big.txt", "word ".repeat(400));
    dir.write("photo.jpg", "not an image really");
    let mut cfg = CorpusConfig::new(vec![dir.path().to_path_buf()]);
    cfg.max_file_size = 1000;
    let loaded = corpus::load(&cfg, &|_| {});
    let p = &loaded.problems;
    let msg = |name: &str| {
        problem_for(p, name)
            .unwrap_or_else(|| panic!("no problem reported for {name}: {p:?}"))
            .clone()
    };
    assert!(msg("binary.txt").message.contains("binary"));
    assert!(msg("binary.txt").skipped);
    assert!(msg("empty.txt").message.contains("empty"));
    assert!(msg("blank.md").message.contains("empty"));
    assert!(msg("big.txt").message.contains("too large"));
    assert!(msg("photo.jpg").message.contains("not a source format"));
    let latin = msg("latin1.txt");
    assert!(!latin.skipped && latin.message.contains("Windows-1252"));
    assert_eq!(loaded_names(&loaded.index), ["good.txt", "latin1.txt"]);
    // Files that failed leave no gaps: ids run from 0 to the count.
    for i in 0..loaded.index.source_count() {
        assert!(loaded.index.source(SourceId(i as u32)).is_some());
    }
    let found = loaded.index.passages(&norms("business is slow"), 1);
    let s = loaded.index.source(found[0].location.source).unwrap();
    assert!(s.text.starts_with("Caf\u{e9} owners said \u{201c}business"));
    assert!(
        !s.text_is_file,
        "decoded text no longer has the file's offsets"
    );
}

#[cfg(unix)]
#[test]
fn fifo_is_skipped_without_blocking() {
    let dir = TempDir::new("fifo");
    dir.write(
        "good.txt",
        "The talks will resume next week, officials said.",
    );
    let fifo = dir.path().join("pipe.txt");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc_mkfifo(c.as_ptr(), 0o644) }, 0);
    let loaded = load_dir(dir.path());
    assert_eq!(loaded_names(&loaded.index), ["good.txt"]);
    let p = problem_for(&loaded.problems, "pipe.txt").expect("fifo reported");
    assert!(p.message.contains("named pipe"), "{}", p.message);
}

#[cfg(unix)]
extern "C" {
    #[link_name = "mkfifo"]
    fn libc_mkfifo(path: *const std::ffi::c_char, mode: u32) -> i32;
}

#[cfg(unix)]
#[test]
fn unreadable_file_is_reported() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new("perm");
    dir.write(
        "good.txt",
        "The talks will resume next week, officials said.",
    );
    let secret = dir.write("secret.txt", "Nobody may read this file at all.");
    fs::set_permissions(&secret, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&secret).is_ok() {
        eprintln!("note: running as root, permissions are not enforced; skipping this test");
        return;
    }
    let loaded = load_dir(dir.path());
    assert_eq!(loaded_names(&loaded.index), ["good.txt"]);
    let p = problem_for(&loaded.problems, "secret.txt").expect("reported");
    assert!(p.message.contains("permission denied"));
}

#[cfg(unix)]
#[test]
fn symlinks_loops_and_links_outside_the_corpus() {
    use std::os::unix::fs::symlink;
    let outside = TempDir::new("outside");
    outside.write(
        "private.txt",
        "Private notes that are not part of the story.",
    );
    let dir = TempDir::new("links");
    dir.write(
        "sources/good.txt",
        "The talks will resume next week, officials said.",
    );
    dir.write(
        "sources/sub/inner.txt",
        "An inner source with its own words.",
    );
    symlink(
        outside.path().join("private.txt"),
        dir.path().join("sources/private.txt"),
    )
    .unwrap();
    symlink(
        dir.path().join("sources"),
        dir.path().join("sources/sub/loop"),
    )
    .unwrap();

    // Not following links: each link is reported, nothing outside is read.
    let loaded = load_dir(&dir.path().join("sources"));
    assert_eq!(loaded_names(&loaded.index), ["good.txt", "inner.txt"]);
    assert!(problem_for(&loaded.problems, "private.txt")
        .unwrap()
        .message
        .contains("not followed"));

    // Following links: the loop is reported, the outside file refused.
    let mut cfg = CorpusConfig::new(vec![dir.path().join("sources")]);
    cfg.follow_links = true;
    let loaded = corpus::load(&cfg, &|_| {});
    assert_eq!(loaded_names(&loaded.index), ["good.txt", "inner.txt"]);
    assert!(problem_for(&loaded.problems, "private.txt")
        .unwrap()
        .message
        .contains("outside the corpus"));
    assert!(
        loaded.problems.iter().any(|p| p.message.contains("loop")),
        "{:?}",
        loaded.problems
    );
}

#[test]
fn gitignore_hidden_files_and_globs() {
    let dir = TempDir::new("globs");
    dir.write("sourced.toml", "[corpus]\npaths = [\"sources\"]\ninclude = [\"*.txt\", \"*.md\"]\nexclude = [\"sources/drafts/**\", \"notes.md\"]\n");
    dir.write("sources/a.txt", "Source a has words in it.");
    dir.write("sources/b.md", "Source b has words in it.");
    dir.write(
        "sources/c.html",
        "<p>Source c is not included by the globs.</p>",
    );
    dir.write("sources/notes.md", "My notes are excluded by name.");
    dir.write("sources/drafts/d.txt", "A draft is excluded by folder.");
    dir.write("sources/.hidden.txt", "Hidden files are skipped.");
    dir.write("sources/.gitignore", "ignored.txt\n");
    dir.write("sources/ignored.txt", "Ignored by gitignore.");
    let cfg = config::read(&dir.path().join("sourced.toml")).unwrap();
    let loaded = corpus::load(&cfg.corpus, &|_| {});
    assert_eq!(loaded_names(&loaded.index), ["a.txt", "b.md"]);
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
}

#[test]
fn discovery_of_sourced_toml_and_sources_folders() {
    let dir = TempDir::new("discover");
    dir.write("story/sources/a.txt", "Some source words.");
    dir.write("story/draft.md", "Draft.");
    // Without sourced.toml: `sources/` beside the draft.
    let cfg = config::resolve(&dir.path().join("story/draft.md"), Some(dir.path())).unwrap();
    assert!(cfg.file.is_none());
    assert_eq!(cfg.corpus.paths, [dir.path().join("story/sources")]);
    // Else `sources/` at the workspace root.
    dir.write("sources/root.txt", "Root source.");
    dir.write("other/draft.md", "Draft.");
    let cfg = config::resolve(&dir.path().join("other/draft.md"), Some(dir.path())).unwrap();
    assert_eq!(cfg.corpus.paths, [dir.path().join("sources")]);
    // sourced.toml found walking up from a nested draft.
    dir.write(
        "story/sourced.toml",
        "# story settings\n[corpus]\npaths = [\"sources\", \"extra\"]\n\n[lsp]\ndebounce_ms = 50\n",
    );
    dir.write("story/deep/er/draft.md", "Draft.");
    let cfg =
        config::resolve(&dir.path().join("story/deep/er/draft.md"), Some(dir.path())).unwrap();
    assert_eq!(
        cfg.file.as_deref(),
        Some(dir.path().join("story/sourced.toml").as_path())
    );
    assert_eq!(
        cfg.corpus.paths,
        [
            dir.path().join("story/sources"),
            dir.path().join("story/extra")
        ]
    );
    assert_eq!(cfg.debounce_ms, Some(50));
    // The index cache is in the user's cache folder, not in the story, unless turned off.
    assert_eq!(
        cfg.corpus.cache_dir,
        corpus::cache::default_dir(&dir.path().join("story"))
    );
    assert!(cfg
        .corpus
        .cache_dir
        .as_deref()
        .map_or(true, |c| !c.starts_with(dir.path())));
    dir.write("story/sourced.toml", "[corpus]\ncache = false\n");
    let cfg = config::resolve(&dir.path().join("story/draft.md"), Some(dir.path())).unwrap();
    assert_eq!(cfg.corpus.cache_dir, None);
    assert_eq!(cfg.corpus.paths, [dir.path().join("story/sources")]);
}

#[test]
fn bad_toml_names_file_and_line() {
    let dir = TempDir::new("badtoml");
    let path = dir.write("sourced.toml", "[corpus]\npaths = [\"sources\"\n\n[lsp]\n");
    let err = config::read(&path).unwrap_err();
    assert!(err.to_string().starts_with(&format!("{}:", path.display())));
    assert!(err.line.is_some());
    let path = dir.write(
        "sourced.toml",
        "[check]\nseverity = { \"altered-quote\" = \"loud\" }\n",
    );
    let err = config::read(&path).unwrap_err();
    assert_eq!(err.line, Some(2));
    assert!(err.message.contains("loud"), "{err}");
    let path = dir.write("sourced.toml", "[corpus]\npath = [\"sources\"]\n");
    let err = config::read(&path).unwrap_err();
    assert_eq!(err.line, Some(2), "{err}");
}

#[test]
fn writers_keep_comments_and_layout() {
    let dir = TempDir::new("writers");
    let original = "# Settings for the Syria story\n[corpus]\npaths = [\"sources\"]  # the three wires\n\n[aliases]\n# declared spellings\n\"Assad\" = \"Bashar al-Assad\"\n";
    let path = dir.write("sourced.toml", original);
    config::add_alias(&path, "Mizintzev", "Mikhail Mizintsev").unwrap();
    config::add_ignore(
        &path,
        "unsourced-quote",
        Some(&dir.path().join("draft.md")),
        "We will not pay for reconstruction",
    )
    .unwrap();
    // Twice is the same as once.
    config::add_ignore(
        &path,
        "unsourced-quote",
        Some(&dir.path().join("draft.md")),
        "We will not pay for reconstruction",
    )
    .unwrap();
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.starts_with(original.trim_end()), "{text}");
    assert!(text.contains("# the three wires"));
    let cfg = config::read(&path).unwrap();
    assert_eq!(cfg.aliases["Mizintzev"], "Mikhail Mizintsev");
    assert_eq!(cfg.aliases["Assad"], "Bashar al-Assad");
    assert_eq!(cfg.ignores.len(), 1);
    assert_eq!(cfg.ignores[0].file.as_deref(), Some("draft.md"));
    assert!(cfg.is_ignored(
        &dir.path().join("draft.md"),
        "unsourced-quote",
        "We will not  pay for reconstruction"
    ));

    // Created when absent.
    let fresh = dir.path().join("new/sourced.toml");
    fs::create_dir_all(fresh.parent().unwrap()).unwrap();
    config::add_alias(&fresh, "Shoygu", "Sergei Shoigu").unwrap();
    assert_eq!(
        config::read(&fresh).unwrap().aliases["Shoygu"],
        "Sergei Shoigu"
    );

    // A broken file is left alone.
    let broken = dir.write("broken/sourced.toml", "[aliases\n");
    assert!(config::add_alias(&broken, "a", "b").is_err());
    assert_eq!(fs::read_to_string(&broken).unwrap(), "[aliases\n");
}

/// A source with one person, as the analysis would give it.
fn person_source(path: &str, text: &str, name: &str) -> Source {
    let start = text.find(name).unwrap();
    Source {
        id: SourceId(0),
        path: PathBuf::from(path),
        meta: Default::default(),
        text: text.into(),
        text_is_file: true,
        page: None,
        analysis: Analysis {
            quotes: Vec::new(),
            entities: vec![Entity {
                id: EntityId(0),
                kind: EntityKind::Person,
                canonical: name.to_string(),
                aliases: Vec::new(),
                mentions: vec![Mention {
                    span: Span::new(start, start + name.len()),
                    text: name.to_string(),
                    kind: MentionKind::Name,
                }],
                titles: Vec::new(),
            }],
        },
    }
}

#[test]
fn names_merge_across_sources_and_near_misses_are_found() {
    let mut index = MemoryIndex::new();
    index.insert(person_source(
        "a.txt",
        "General Mikhail Mizintsev said so.",
        "Mikhail Mizintsev",
    ));
    index.insert(person_source("b.txt", "Mizintsev added more.", "Mizintsev"));
    index.insert(person_source(
        "c.txt",
        "Vladimir Putin spoke.",
        "Vladimir Putin",
    ));

    let by_surname = index.entities_named("mizintsev");
    assert_eq!(by_surname.len(), 1);
    assert_eq!(by_surname[0].canonical, "Mikhail Mizintsev");
    assert_eq!(
        by_surname[0].mentions.len(),
        2,
        "merged across both sources"
    );
    assert_eq!(index.entities_named("Mikhail  Mizintsev").len(), 1);
    assert_eq!(index.entities_containing("", 100).len(), 2);

    let similar = index.similar_names("Mizintzev");
    assert!(
        similar
            .iter()
            .any(|(n, e)| n == "Mizintsev" && e.canonical == "Mikhail Mizintsev"),
        "{similar:?}"
    );
    assert!(
        index.similar_names("Mizintsev").is_empty(),
        "an exact name is no near miss"
    );
    assert!(index.similar_names("Johnson").is_empty());

    // Removing the source with the full name leaves the surname-only mention.
    assert!(index.remove_file(Path::new("a.txt")));
    let left = index.entities_named("Mizintsev");
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].mentions.len(), 1);
    assert!(index.entities_named("Mikhail Mizintsev").is_empty());
}

#[test]
fn one_changed_file_is_reindexed_alone() {
    let dir = TempDir::new("update");
    let a = dir.write(
        "a.txt",
        "The ceasefire will hold until Friday, the envoy said.",
    );
    dir.write("b.txt", "Other words about the harbour reopening soon.");
    let mut index = load_dir(dir.path()).index;
    let id = index.source_id(&a).unwrap();
    assert_eq!(index.passages(&norms("ceasefire will hold"), 1).len(), 1);
    fs::write(&a, "The truce collapsed on Thursday, the envoy said.").unwrap();
    let (new_id, warning) = index.update_file(&a).unwrap();
    assert_eq!(new_id, id);
    assert!(warning.is_none());
    assert!(index.passages(&norms("ceasefire will hold"), 1).is_empty());
    assert_eq!(
        index
            .passages(&norms("truce collapsed on Thursday"), 1)
            .len(),
        1
    );
    fs::remove_file(&a).unwrap();
    assert!(
        index.update_file(&a).is_err(),
        "a deleted file is a problem"
    );
    assert_eq!(index.source_count(), 1);
    assert!(index
        .passages(&norms("truce collapsed on Thursday"), 1)
        .is_empty());
}

#[test]
fn syria_people_merged_across_sources() {
    let loaded = load_dir(&fixture_sources());
    let index = &loaded.index;
    let found = index.entities_named("Mizintsev");
    assert_eq!(found.len(), 1, "{found:?}");
    let m = &found[0];
    assert_eq!(m.canonical, "Mikhail Mizintsev");
    let sources: std::collections::BTreeSet<u32> = m.mentions.iter().map(|l| l.source.0).collect();
    assert!(sources.len() >= 2, "mentioned in two sources: {sources:?}");
    // Each quote a source gives Mizintsev counts once.
    let expected: usize = index
        .sources()
        .map(|s| {
            s.analysis
                .quotes
                .iter()
                .filter(|q| {
                    q.speaker
                        .as_ref()
                        .and_then(|sp| sp.entity)
                        .and_then(|e| s.analysis.entity(e))
                        .is_some_and(|e| e.canonical.contains("Mizintsev"))
                })
                .count()
        })
        .sum();
    assert_eq!(m.quote_count, expected);
    let similar = index.similar_names("Mizintzev");
    assert!(
        similar
            .iter()
            .any(|(_, e)| e.canonical == "Mikhail Mizintsev"),
        "{similar:?}"
    );
    let shoigu = index.entities_named("Sergei Shoigu");
    assert_eq!(shoigu.len(), 1);
    assert!(
        shoigu[0]
            .titles
            .iter()
            .any(|t| t.text.contains("Defense Minister") || t.text.contains("Defence Minister")),
        "{:?}",
        shoigu[0].titles
    );
}

fn cached_config(dir: &TempDir) -> CorpusConfig {
    let mut cfg = CorpusConfig::new(vec![dir.path().join("sources")]);
    cfg.cache_dir = Some(dir.path().join(".sourced-cache"));
    cfg
}

fn cache_file(dir: &TempDir) -> PathBuf {
    let cache = dir.path().join(".sourced-cache");
    fs::read_dir(&cache)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "idx"))
        .expect("a cache file")
}

fn story(dir: &TempDir) {
    for entry in fs::read_dir(fixture_sources()).unwrap() {
        let p = entry.unwrap().path();
        fs::copy(&p, dir.path().join("sources").join(p.file_name().unwrap())).unwrap();
    }
}

#[test]
fn persisted_index_round_trip_and_changed_files() {
    let dir = TempDir::new("cache");
    fs::create_dir_all(dir.path().join("sources")).unwrap();
    story(&dir);
    dir.write(
        "sources/extra.txt",
        "The harbour will reopen on Monday, the mayor said.",
    );
    let cfg = cached_config(&dir);
    let cold = corpus::load(&cfg, &|_| {});
    assert_eq!(cold.stats.from_cache, 0);
    assert!(cold.problems.is_empty(), "{:?}", cold.problems);
    let q = norms("Specific proposals on how work could be organised");

    // Warm: nothing read again, same answers.
    let warm = corpus::load(&cfg, &|_| {});
    assert_eq!(warm.stats.from_cache, 4, "{:?}", warm.stats);
    assert_eq!(warm.stats.changed, 0);
    assert_eq!(warm.index.passages(&q, 5), cold.index.passages(&q, 5));
    let names = |l: &corpus::Loaded| {
        let mut v: Vec<String> = l
            .index
            .entities_containing("", 1000)
            .iter()
            .map(|e| e.canonical.clone())
            .collect();
        v.sort();
        v
    };
    assert_eq!(names(&warm), names(&cold));
    for s in cold.index.sources() {
        assert_eq!(warm.index.source(s.id).as_deref(), Some(&*s));
    }

    // One file changed, one deleted, one added: only those are read.
    dir.write(
        "sources/extra.txt",
        "The airport stays closed until further notice.",
    );
    fs::remove_file(dir.path().join("sources/breitbart.txt")).unwrap();
    dir.write(
        "sources/new.md",
        "---\ntitle: New\n---\nA brand new statement was issued.\n",
    );
    let warm = corpus::load(&cfg, &|_| {});
    assert_eq!(warm.stats.from_cache, 2, "{:?}", warm.stats);
    assert_eq!(warm.index.source_count(), 4);
    assert!(warm
        .index
        .passages(&norms("harbour will reopen on Monday"), 3)
        .iter()
        .all(|p| p.score < 0.5));
    assert_eq!(
        warm.index.passages(&norms("airport stays closed"), 3).len(),
        1
    );
    assert_eq!(
        warm.index.passages(&norms("brand new statement"), 3).len(),
        1
    );
    assert!(warm
        .index
        .sources()
        .all(|s| !s.path.ends_with("breitbart.txt")));

    // And the index saved after that is used as it is.
    let again = corpus::load(&cfg, &|_| {});
    assert_eq!(again.stats.from_cache, 4, "{:?}", again.stats);
    assert_eq!(
        again
            .index
            .passages(&norms("airport stays closed"), 3)
            .len(),
        1
    );
}

#[test]
fn corrupt_or_old_cache_is_rebuilt_never_trusted() {
    let dir = TempDir::new("corrupt");
    fs::create_dir_all(dir.path().join("sources")).unwrap();
    story(&dir);
    let cfg = cached_config(&dir);
    let cold = corpus::load(&cfg, &|_| {});
    let file = cache_file(&dir);
    let good = fs::read(&file).unwrap();
    let q = norms("The Russian proposals are currently being examined");
    let expected = cold.index.passages(&q, 5);

    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("flipped byte", {
            let mut b = good.clone();
            let mid = b.len() / 2;
            b[mid] ^= 0x40;
            b
        }),
        ("truncated", good[..good.len() * 2 / 3].to_vec()),
        ("old format version", {
            let mut b = good.clone();
            b[8] = b[8].wrapping_add(1);
            b
        }),
        ("garbage", b"not an index at all".to_vec()),
        ("empty", Vec::new()),
    ];
    for (what, bytes) in cases {
        fs::write(&file, &bytes).unwrap();
        let loaded = corpus::load(&cfg, &|_| {});
        assert_eq!(loaded.stats.from_cache, 0, "{what}: must not be trusted");
        assert!(loaded.stats.cache.is_some(), "{what}: the reason is given");
        assert_eq!(loaded.index.source_count(), 3, "{what}");
        assert_eq!(loaded.index.passages(&q, 5), expected, "{what}");
        // ... and the rebuilt cache is good again.
        let warm = corpus::load(&cfg, &|_| {});
        assert_eq!(warm.stats.from_cache, 3, "{what}: rewritten");
    }
}

#[test]
fn one_word_queries_find_where_the_word_is_used() {
    let loaded = load_dir(&fixture_sources());
    let index = &loaded.index;
    let found = index.passages(&norms("Mizintsev"), 4);
    assert!(!found.is_empty());
    for p in &found {
        let s = index.source(p.location.source).unwrap();
        assert_eq!(p.location.span.slice(&s.text), "Mizintsev");
    }
    assert!(index.passages(&norms("Mizintzev"), 4).is_empty());
}

#[test]
fn deleted_before_reading_and_changed_while_reading() {
    let dir = TempDir::new("vanish");
    let good = dir.write(
        "good.txt",
        "The talks will resume next week, officials said.",
    );
    let gone = dir.path().join("gone.txt");
    let paths = vec![good, gone];
    let (results, _, _) = corpus::load::load_files(&paths, 0, 1 << 20, &|_| {});
    assert!(results[0].is_ok());
    let err = results[1].as_ref().err().expect("a problem");
    assert!(err.message.contains("no longer exists"), "{}", err.message);

    // A file whose length changes under the reader (as /proc files do: they claim 0
    // bytes and then give more) is reported, not half-read.
    let proc_file = Path::new("/proc/self/status");
    if proc_file.exists() {
        match corpus::load::load_one(proc_file, SourceId(0), 1 << 20) {
            Err(p) => assert!(
                p.message.contains("changed while it was read"),
                "{}",
                p.message
            ),
            Ok(_) => panic!("a file that changed while read must not load"),
        }
    } else {
        eprintln!("note: no /proc here; the changed-while-read case is not exercised");
    }
}
