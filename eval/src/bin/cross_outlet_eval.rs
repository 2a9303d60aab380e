//! What `sourced check` says of real articles checked against other outlets' articles.
//!
//! ```text
//! cargo run --release -p sourced-eval --bin cross_outlet_eval -- ../shared/data/polnear/dev [--limit N] [--quiet]
//! ```
//!
//! Every article of a PolNeAr split (its `text/` folder) is checked as if it were a
//! reporter's draft, with all the other articles of the split as its corpus: one index of
//! the split is loaded, and the draft's own article is hidden from each check (its
//! passages, its mentions and titles). The quotes are real, their wording and speakers as
//! published, so nearly every `misattributed-quote` or `altered-quote` raised here is a
//! false alarm: each is printed (with every `title-mismatch` and `misspelled-name`, the
//! names being real too) with its evidence (the draft quote and the speaker the draft
//! gives it, the source passage and the speaker the source gives it) to be read and
//! judged. The counts of quotes checked and of findings per code close the output.
//! No annotation is read: the `.ann` files are not needed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use sourced_core::analysis::{analyze, TextFormat};
use sourced_core::check::{check, CheckOptions, Finding, FindingCode, QuoteVerdict};
use sourced_core::index::{CorpusEntity, CorpusIndex, Passage, Source, SourceId};
use sourced_corpus::corpus_config::CorpusConfig;
use sourced_corpus::{load, MemoryIndex};

/// The index of the whole split with one source hidden: the draft's own article.
struct Without<'a> {
    index: &'a MemoryIndex,
    hidden: SourceId,
}

impl Without<'_> {
    /// The entity as the other sources know it; `None` when only the hidden one names it.
    fn keep(&self, e: Arc<CorpusEntity>) -> Option<Arc<CorpusEntity>> {
        let hidden = self.hidden;
        if e.mentions.iter().all(|l| l.source != hidden)
            && e.titles.iter().all(|t| t.location.source != hidden)
        {
            return Some(e);
        }
        let mut e = (*e).clone();
        e.mentions.retain(|l| l.source != hidden);
        e.titles.retain(|t| t.location.source != hidden);
        (!e.mentions.is_empty()).then(|| Arc::new(e))
    }
}

impl CorpusIndex for Without<'_> {
    fn source_count(&self) -> usize {
        self.index.source_count().saturating_sub(1)
    }
    fn source(&self, id: SourceId) -> Option<Arc<Source>> {
        (id != self.hidden).then(|| self.index.source(id)).flatten()
    }
    fn source_text(&self, id: SourceId) -> Option<Arc<str>> {
        (id != self.hidden)
            .then(|| self.index.source_text(id))
            .flatten()
    }
    fn passages(&self, normalized_words: &[String], limit: usize) -> Vec<Passage> {
        let mut out = self.index.passages(normalized_words, limit * 2 + 4);
        out.retain(|p| p.location.source != self.hidden);
        out.truncate(limit);
        out
    }
    fn entities_named(&self, name: &str) -> Vec<Arc<CorpusEntity>> {
        self.index
            .entities_named(name)
            .into_iter()
            .filter_map(|e| self.keep(e))
            .collect()
    }
    fn similar_names(&self, name: &str) -> Vec<(String, Arc<CorpusEntity>)> {
        self.index
            .similar_names(name)
            .into_iter()
            .filter_map(|(n, e)| self.keep(e).map(|e| (n, e)))
            .collect()
    }
    fn entities_containing(&self, part: &str, limit: usize) -> Vec<Arc<CorpusEntity>> {
        self.index
            .entities_containing(part, limit)
            .into_iter()
            .filter_map(|e| self.keep(e))
            .collect()
    }
}

/// `text` on one line, cut to about `max` characters.
fn one_line(text: &str, max: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        flat
    } else {
        let cut: String = flat.chars().take(max).collect();
        format!("{cut}...")
    }
}

/// The sentence or so around `span` in `text`, the evidence marked with [[ ]].
fn in_context(text: &str, start: usize, end: usize) -> String {
    let mut from = start.saturating_sub(160);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = (end + 160).min(text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    let (Some(a), Some(b), Some(c)) = (
        text.get(from..start),
        text.get(start..end),
        text.get(end..to),
    ) else {
        return String::new();
    };
    one_line(&format!("...{a}[[{b}]]{c}..."), 600)
}

fn print_finding(
    draft_name: &str,
    draft: &str,
    f: &Finding,
    verdict: Option<&QuoteVerdict>,
    corpus: &dyn CorpusIndex,
) {
    println!(
        "\n## {} [{}] {}",
        f.code.as_str(),
        draft_name,
        one_line(&f.message, 300)
    );
    let quote_text = verdict.map_or_else(
        || f.span.slice(draft).to_string(),
        |v| v.span.slice(draft).to_string(),
    );
    println!("  draft quote:    {}", one_line(&quote_text, 400));
    if let Some(v) = verdict {
        println!(
            "  draft speaker:  {}",
            v.draft_speaker.as_deref().unwrap_or("(none)")
        );
    }
    println!("  flagged span:   {}", one_line(f.span.slice(draft), 200));
    if let Some(fix) = &f.fix {
        println!("  fix:            {}", one_line(fix, 200));
    }
    for l in &f.evidence {
        if let Some(s) = corpus.source(l.source) {
            let name = s
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            println!(
                "  source {}: {}",
                name,
                in_context(&s.text, l.span.start, l.span.end)
            );
        }
    }
    if let Some(v) = verdict {
        for s in &v.speakers {
            let said = corpus
                .source(s.location.source)
                .map(|src| s.location.span.slice(&src.text).to_string())
                .unwrap_or_default();
            println!(
                "  source speaker: {} (as \"{}\")",
                s.name,
                one_line(&said, 80)
            );
        }
        if v.speakers.is_empty() {
            println!("  source speaker: (none)");
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (dir, limit) = sourced_eval::split_and_limit(&args, "../shared/data/polnear/dev");
    let quiet = args.iter().any(|a| a == "--quiet");
    let text_dir = dir.join("text");
    if !text_dir.is_dir() {
        println!(
            "cross_outlet_eval: skipped: no PolNeAr data at {} (expected text/)",
            dir.display()
        );
        return;
    }
    let started = std::time::Instant::now();
    let loaded = load(&CorpusConfig::new(vec![text_dir.clone()]), &|_| {});
    let index = loaded.index;
    let load_time = started.elapsed();
    let mut articles: Vec<PathBuf> = std::fs::read_dir(&text_dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    articles.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    articles.sort();
    let mut per_code: BTreeMap<FindingCode, usize> = BTreeMap::new();
    let (mut n_articles, mut n_quotes, mut n_long) = (0usize, 0usize, 0usize);
    for path in articles.iter().take(limit) {
        let Some(hidden) = index
            .source_id(path)
            .or_else(|| path.canonicalize().ok().and_then(|p| index.source_id(&p)))
        else {
            eprintln!("cross_outlet_eval: {} is not in the index", path.display());
            continue;
        };
        let Ok(draft) = std::fs::read_to_string(path) else {
            continue;
        };
        let corpus = Without {
            index: &index,
            hidden,
        };
        let analysis = analyze(&draft, TextFormat::Plain);
        let report = check(&draft, &analysis, &corpus, &CheckOptions::default());
        n_articles += 1;
        n_quotes += report.quotes.len();
        n_long += analysis
            .quotes
            .iter()
            .filter(|q| sourced_core::analysis::normalize::words(&q.text).len() >= 4)
            .count();
        let name = file_name(path);
        for f in &report.findings {
            *per_code.entry(f.code).or_default() += 1;
            if !quiet
                && matches!(
                    f.code,
                    FindingCode::MisattributedQuote
                        | FindingCode::AlteredQuote
                        | FindingCode::TitleMismatch
                        | FindingCode::MisspelledName
                )
            {
                let verdict = f.quote.and_then(|i| report.quotes.get(i));
                print_finding(&name, &draft, f, verdict, &corpus);
            }
        }
    }
    println!(
        "\ncross_outlet_eval: {} ({} articles checked, each against the {} others), {} quotes checked ({} of four words or more); load {:.1}s, total {:.1}s",
        dir.display(),
        n_articles,
        index.source_count().saturating_sub(1),
        n_quotes,
        n_long,
        load_time.as_secs_f64(),
        started.elapsed().as_secs_f64()
    );
    for code in FindingCode::ALL {
        let n = per_code.get(&code).copied().unwrap_or(0);
        println!(
            "  {:<20} {:>6}  ({:.2} per 1,000 quotes)",
            code.as_str(),
            n,
            if n_quotes == 0 {
                0.0
            } else {
                n as f64 * 1000.0 / n_quotes as f64
            }
        );
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}
