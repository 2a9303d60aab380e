//! Score quote extraction and attribution on PolNeAR (Political News Attribution
//! Relations; Newell, Margolin and Ruths, LREC 2018).
//!
//! Run from the repository root:
//!
//! ```text
//! cargo run --release -p sourced-eval --bin polnear_eval -- ../shared/data/polnear/dev
//! cargo run --release -p sourced-eval --bin polnear_eval -- ../shared/data/polnear/train --verbose
//! ```
//!
//! The folder holds `text/NAME.txt` and `attributions/NAME_ANNOTATOR.ann` (brat standoff;
//! offsets count Unicode characters, not bytes: they are converted). When a text has
//! several `.ann` files (a few articles were annotated by several people), the one whose
//! file name sorts first is used, and the others are ignored.
//!
//! Scoring rules:
//! - A gold quote is each quoted run of three words or more inside an annotated
//!   `Content` (or `Content2`) span: the text between a pair of double quotation marks
//!   (`"`, `“ ”`, `« »`, `„`), marks taken in order within each line of the span and
//!   paired first with second, third with fourth; a mark just outside the span counts.
//!   An unpaired mark at the end of a line opens a run to the end of that line (a
//!   quote running on over paragraphs). Its gold speaker is the `Source` span of that
//!   attribution (none for `Attribution-no-source`).
//! - A gold quote is found when a predicted quote (inner text) overlaps at least half of
//!   it. Precision counts predicted quotes of three words or more; one is right when it
//!   overlaps at least half of some gold quote.
//! - Speaker accuracy: over found gold quotes that have a gold source, the share whose
//!   best-overlapping prediction has a speaker mention overlapping the gold `Source`.
//! - Speaker accuracy, person meant: the strict figure, plus two slips of the
//!   annotation where the gold `Source` span is not a name but points at one, counted
//!   only when the prediction is that name:
//!   - the gold source is only the reporting verb (`"...," said Hester` annotated
//!     with source "said"), and the predicted mention touches that verb (nothing but
//!     spaces and commas, at most 2 bytes, between them);
//!   - the gold source is a relative pronoun (`the Chicago Police Department, which
//!     reported "..."` annotated with source "which"), and the predicted mention ends
//!     right before it (at most 2 bytes of spaces and commas between them), that is,
//!     it is the pronoun's antecedent.
//!
//!   Reported beside the strict figure, never instead of it, with the count of each.
//! - Speaker accuracy, same person: the person-meant figure, plus predictions whose
//!   speaker resolves to the entity one of whose mentions overlaps the gold `Source`
//!   (PolNeAR links a quote to one mention of its source; "Mr. Manafort said" two
//!   sentences later is the same man).
//!
//! `--dump FILE` writes one JSON object a line for every found gold quote that has a
//! gold source (right or wrong), with the gold and predicted speaker spans, the names
//! of the entities they resolve to, and the paragraph around it, for classifying the
//! misses.
//!
//! Without the data folder (the project builds and runs without ../shared) it prints a
//! note and exits 0.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use sourced_core::analysis::{analyze, Quote, Span, TextFormat};

fn main() -> ExitCode {
    let mut dir: Option<PathBuf> = None;
    let mut verbose = false;
    let mut samples = 12usize;
    let mut dump: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--verbose" | "-v" => verbose = true,
            "--dump" => dump = args.next().map(PathBuf::from),
            "--samples" => samples = args.next().and_then(|n| n.parse().ok()).unwrap_or(samples),
            _ => dir = Some(PathBuf::from(a)),
        }
    }
    let dir = dir.unwrap_or_else(|| PathBuf::from("../shared/data/polnear/dev"));
    let text_dir = dir.join("text");
    let ann_dir = dir.join("attributions");
    if !text_dir.is_dir() || !ann_dir.is_dir() {
        println!(
            "polnear_eval: skipped, no PolNeAR data at {} (expected text/ and attributions/)",
            dir.display()
        );
        return ExitCode::SUCCESS;
    }
    let anns = match annotations_by_text(&ann_dir) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("polnear_eval: cannot list {}: {e}", ann_dir.display());
            return ExitCode::from(2);
        }
    };
    let mut texts: Vec<PathBuf> = match std::fs::read_dir(&text_dir) {
        Ok(rd) => rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect(),
        Err(e) => {
            eprintln!("polnear_eval: cannot list {}: {e}", text_dir.display());
            return ExitCode::from(2);
        }
    };
    texts.sort();

    let mut score = Score::default();
    let mut errors = Errors::default();
    let mut skipped = 0;
    for path in &texts {
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("")
            .to_string();
        let Some(ann_path) = anns.get(&stem) else {
            skipped += 1;
            continue;
        };
        let (Ok(text), Ok(ann)) = (
            std::fs::read_to_string(path),
            std::fs::read_to_string(ann_path),
        ) else {
            eprintln!("polnear_eval: cannot read {stem}");
            skipped += 1;
            continue;
        };
        score_document(&stem, &text, &ann, &mut score, &mut errors);
    }

    println!(
        "PolNeAR {}: {} texts scored, {} skipped (no annotation)",
        dir.display(),
        score.docs,
        skipped
    );
    let p = ratio(score.pred_right, score.pred);
    let r = ratio(score.gold_found, score.gold);
    let f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    println!(
        "quotes:  precision {:.3} ({}/{})  recall {:.3} ({}/{})  F1 {:.3}",
        p, score.pred_right, score.pred, r, score.gold_found, score.gold, f1
    );
    println!(
        "speaker: accuracy {:.3} ({}/{} found quotes with a gold source)",
        ratio(score.speaker_right, score.speaker_total),
        score.speaker_right,
        score.speaker_total
    );
    println!(
        "speaker, person meant: {:.3} ({}/{}: strict, plus {} whose gold source is only \
         the reporting verb next to the predicted name and {} whose gold source is a \
         relative pronoun after it; {} gold sources are only the reporting verb)",
        ratio(score.speaker_meant, score.speaker_total),
        score.speaker_meant,
        score.speaker_total,
        score.meant_by_verb,
        score.meant_by_relative,
        score.source_is_verb
    );
    println!(
        "speaker, same person: {:.3} ({}/{}: a speaker resolved to the person the gold \
         source names, through another mention, counts too)",
        ratio(score.speaker_same_entity, score.speaker_total),
        score.speaker_same_entity,
        score.speaker_total,
    );
    if verbose {
        errors.print(samples);
    }
    if let Some(path) = dump {
        let body: String = errors.records.iter().map(|r| format!("{r}\n")).collect();
        if let Err(e) = std::fs::write(&path, body) {
            eprintln!("polnear_eval: cannot write {}: {e}", path.display());
            return ExitCode::from(2);
        }
    }
    ExitCode::SUCCESS
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

#[derive(Default)]
struct Score {
    docs: usize,
    gold: usize,
    gold_found: usize,
    pred: usize,
    pred_right: usize,
    speaker_total: usize,
    speaker_right: usize,
    /// Right, or the gold source is a reporting verb or a relative pronoun that points
    /// at the predicted mention (see the module docs).
    speaker_meant: usize,
    meant_by_verb: usize,
    meant_by_relative: usize,
    /// Meant, or the speaker resolves to the person or organisation of the gold source
    /// through another of its mentions.
    speaker_same_entity: usize,
    /// Gold sources that are only a reporting verb ("said"): slips of the annotation,
    /// which no prediction can overlap unless it takes the verb for the speaker.
    source_is_verb: usize,
}

#[derive(Default)]
struct Errors {
    missed: Vec<String>,
    spurious: Vec<String>,
    wrong_speaker: Vec<String>,
    /// One JSON record per found gold quote with a gold source (`--dump`).
    records: Vec<serde_json::Value>,
}

impl Errors {
    fn print(&self, n: usize) {
        for (title, list) in [
            ("MISSED gold quotes", &self.missed),
            ("SPURIOUS predicted quotes", &self.spurious),
            ("WRONG speakers", &self.wrong_speaker),
        ] {
            println!(
                "\n== {title}: {} (showing {})",
                list.len(),
                n.min(list.len())
            );
            // Spread the samples over the whole list.
            let step = (list.len() / n.max(1)).max(1);
            for s in list.iter().step_by(step).take(n) {
                println!("- {s}");
            }
        }
    }
}

/// The `.ann` file used for each text stem: the first in sort order.
fn annotations_by_text(dir: &Path) -> std::io::Result<BTreeMap<String, PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ann"))
        .collect();
    files.sort();
    let mut out = BTreeMap::new();
    for f in files {
        let Some(name) = f.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        let Some((stem, _annotator)) = name.rsplit_once('_') else {
            continue;
        };
        out.entry(stem.to_string()).or_insert(f);
    }
    Ok(out)
}

/// One attribution: its content fragments and source fragments, as byte spans.
struct Attribution {
    content: Vec<Span>,
    source: Vec<Span>,
}

fn parse_ann(ann: &str, char_to_byte: &[usize]) -> Vec<Attribution> {
    let to_byte = |c: usize| char_to_byte.get(c).copied();
    let mut spans: BTreeMap<&str, (String, Vec<Span>)> = BTreeMap::new();
    let mut events = Vec::new();
    for line in ann.lines() {
        let mut cols = line.split('\t');
        let (Some(id), Some(body)) = (cols.next(), cols.next()) else {
            continue;
        };
        if id.starts_with('T') {
            let Some((label, ranges)) = body.split_once(' ') else {
                continue;
            };
            let mut frags = Vec::new();
            for r in ranges.split(';') {
                let mut it = r.split_whitespace();
                let (Some(s), Some(e)) = (it.next(), it.next()) else {
                    continue;
                };
                let (Ok(s), Ok(e)) = (s.parse::<usize>(), e.parse::<usize>()) else {
                    continue;
                };
                if let (Some(s), Some(e)) = (to_byte(s), to_byte(e)) {
                    if s <= e {
                        frags.push(Span::new(s, e));
                    }
                }
            }
            spans.insert(id, (label.to_string(), frags));
        } else if id.starts_with('E') {
            events.push(body);
        }
    }
    let mut out = Vec::new();
    for body in events {
        let mut content = Vec::new();
        let mut source = Vec::new();
        for arg in body.split_whitespace() {
            let Some((role, tid)) = arg.split_once(':') else {
                continue;
            };
            let Some((_, frags)) = spans.get(tid) else {
                continue;
            };
            if role.starts_with("Content") {
                content.extend(frags.iter().copied());
            } else if role.starts_with("Source") {
                source.extend(frags.iter().copied());
            }
        }
        if !content.is_empty() {
            out.push(Attribution { content, source });
        }
    }
    out
}

fn is_double_mark(c: char) -> bool {
    matches!(
        c,
        '"' | '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}'
    )
}

fn word_count(s: &str) -> usize {
    s.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// The quoted runs of one content fragment (see the module docs).
fn gold_runs(text: &str, frag: Span) -> Vec<Span> {
    // Widen to take in marks just outside the fragment.
    let mut start = frag.start;
    let mut end = frag.end.min(text.len());
    for _ in 0..2 {
        if let Some(c) = text.get(..start).and_then(|s| s.chars().next_back()) {
            if is_double_mark(c) || c == '\'' || c == '`' {
                start -= c.len_utf8();
            }
        }
        if let Some(c) = text.get(end..).and_then(|s| s.chars().next()) {
            if is_double_mark(c)
                || c == '\''
                || (c == '.' || c == ',')
                    && text
                        .get(end + 1..)
                        .and_then(|s| s.chars().next())
                        .is_some_and(is_double_mark)
            {
                end += c.len_utf8();
            }
        }
    }
    let Some(region) = text.get(start..end) else {
        return Vec::new();
    };
    let mut runs = Vec::new();
    let mut line_start = start;
    for line in region.split('\n') {
        // (position, length) of each double mark; two apostrophes or backticks count
        // as one (the NYT files write ''quote'').
        let mut marks: Vec<(usize, usize)> = Vec::new();
        let mut chars = line.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if is_double_mark(c) {
                marks.push((line_start + i, c.len_utf8()));
            } else if (c == '\'' || c == '`') && chars.peek().is_some_and(|&(_, n)| n == c) {
                chars.next();
                marks.push((line_start + i, 2));
            }
        }
        let mut k = 0;
        while k + 1 < marks.len() {
            let (a, la) = marks[k];
            let (b, _) = marks[k + 1];
            runs.push(Span::new(a + la, b));
            k += 2;
        }
        if k < marks.len() {
            // An unpaired mark: a run to the end of the line when it opens one.
            let (a, la) = marks[k];
            let after = text.get(a + la..).and_then(|s| s.chars().next());
            if after.is_some_and(|c| !c.is_whitespace()) {
                runs.push(Span::new(a + la, line_start + line.len()));
            }
        }
        line_start += line.len() + 1;
    }
    runs.retain(|r| word_count(r.slice(text)) >= 3);
    runs
}

fn overlap(a: Span, b: Span) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

fn context(text: &str, span: Span, around: usize) -> String {
    let mut s = span.start.saturating_sub(around);
    while s > 0 && !text.is_char_boundary(s) {
        s -= 1;
    }
    let mut e = (span.end + around).min(text.len());
    while e < text.len() && !text.is_char_boundary(e) {
        e += 1;
    }
    let before = text.get(s..span.start).unwrap_or("");
    let inside = span.slice(text);
    let after = text.get(span.end..e).unwrap_or("");
    format!("{before}⟦{inside}⟧{after}").replace('\n', " ¶ ")
}

fn score_document(stem: &str, text: &str, ann: &str, score: &mut Score, errors: &mut Errors) {
    let mut char_to_byte: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    char_to_byte.push(text.len());
    let attributions = parse_ann(ann, &char_to_byte);

    // Gold quotes, each with the sources of the attributions that contain it.
    let mut gold: BTreeMap<Span, Vec<Span>> = BTreeMap::new();
    for a in &attributions {
        for frag in &a.content {
            for run in gold_runs(text, *frag) {
                gold.entry(run)
                    .or_default()
                    .extend(a.source.iter().copied());
            }
        }
    }
    let analysis = analyze(text, TextFormat::Plain);
    let entities = &analysis.entities;
    let predicted: Vec<Quote> = analysis
        .quotes
        .clone()
        .into_iter()
        .filter(|q| word_count(&q.text) >= 3)
        .collect();

    score.docs += 1;
    score.gold += gold.len();
    score.pred += predicted.len();
    for p in &predicted {
        let right = gold
            .keys()
            .any(|g| overlap(p.inner, *g) * 2 >= g.len().max(1));
        if right {
            score.pred_right += 1;
        } else {
            errors
                .spurious
                .push(format!("{stem}: {}", context(text, p.span, 60)));
        }
    }
    for (g, sources) in &gold {
        let best = predicted
            .iter()
            .map(|p| (overlap(p.inner, *g), p))
            .filter(|(o, _)| o * 2 >= g.len().max(1))
            .max_by_key(|(o, _)| *o)
            .map(|(_, p)| p);
        let Some(p) = best else {
            errors
                .missed
                .push(format!("{stem}: {}", context(text, *g, 60)));
            continue;
        };
        score.gold_found += 1;
        if sources.is_empty() {
            continue;
        }
        score.speaker_total += 1;
        let right = p
            .speaker
            .as_ref()
            .is_some_and(|s| sources.iter().any(|src| s.mention.overlaps(*src)));
        errors
            .records
            .push(record(stem, text, *g, sources, p, right, entities));
        let entity_of_source = |src: &Span| {
            entities
                .iter()
                .position(|e| e.mentions.iter().any(|m| m.span.overlaps(*src)))
        };
        let same_entity = p.speaker.as_ref().and_then(|s| s.entity).is_some_and(|id| {
            sources
                .iter()
                .any(|src| entity_of_source(src) == Some(id.0 as usize))
        });
        let source_is_verb = sources.iter().all(|src| {
            matches!(
                src.slice(text).trim().to_lowercase().as_str(),
                "said" | "says" | "say" | "told" | "wrote" | "added"
            )
        });
        let source_is_relative = sources.iter().all(|src| {
            matches!(
                src.slice(text).trim().to_lowercase().as_str(),
                "who" | "which" | "that"
            )
        });
        let mention = p.speaker.as_ref().map(|s| s.mention);
        let by_verb = !right
            && source_is_verb
            && mention.is_some_and(|m| {
                sources
                    .iter()
                    .any(|src| touches(text, m, *src) || touches(text, *src, m))
            });
        let by_relative = !right
            && source_is_relative
            && mention.is_some_and(|m| sources.iter().any(|src| touches(text, m, *src)));
        let meant = right || by_verb || by_relative;
        if meant {
            score.speaker_meant += 1;
        }
        score.meant_by_verb += usize::from(by_verb);
        score.meant_by_relative += usize::from(by_relative);
        if meant || same_entity {
            score.speaker_same_entity += 1;
        }
        if source_is_verb {
            score.source_is_verb += 1;
        }
        if right {
            score.speaker_right += 1;
        } else {
            let said = p.speaker.as_ref().map_or("(none)".to_string(), |s| {
                format!(
                    "{:?}{}",
                    s.mention_text,
                    if s.inherited { " (inherited)" } else { "" }
                )
            });
            let gold_src: Vec<&str> = sources.iter().map(|s| s.slice(text)).collect();
            errors.wrong_speaker.push(format!(
                "{stem}: predicted {said}, gold {gold_src:?}: {}",
                context(text, p.span, 120)
            ));
        }
    }
}

/// Whether `first` ends right before `second` starts: at most 2 bytes between them,
/// spaces and commas only.
fn touches(text: &str, first: Span, second: Span) -> bool {
    first.end <= second.start
        && second.start - first.end <= 2
        && text
            .get(first.end..second.start)
            .is_some_and(|gap| gap.chars().all(|c| c == ' ' || c == ','))
}

/// The paragraph (line) around `span`, and the one before it.
fn lines_around(text: &str, span: Span) -> (Span, Span) {
    let start = text
        .get(..span.start)
        .and_then(|s| s.rfind('\n'))
        .map_or(0, |i| i + 1);
    let end = text
        .get(span.end..)
        .and_then(|s| s.find('\n'))
        .map_or(text.len(), |i| span.end + i);
    let mut prev_end = start;
    while prev_end > 0 && text[..prev_end].ends_with(['\n', ' ', '\r']) {
        prev_end -= 1;
    }
    let prev_start = text
        .get(..prev_end)
        .and_then(|s| s.rfind('\n'))
        .map_or(0, |i| i + 1);
    (Span::new(start, end), Span::new(prev_start, prev_end))
}

fn record(
    stem: &str,
    text: &str,
    gold: Span,
    sources: &[Span],
    p: &Quote,
    right: bool,
    entities: &[sourced_core::analysis::Entity],
) -> serde_json::Value {
    let ent_of = |sp: Span| {
        entities
            .iter()
            .find(|e| e.mentions.iter().any(|m| m.span.overlaps(sp)))
            .map(|e| e.canonical.clone())
    };
    let pred_entity = p
        .speaker
        .as_ref()
        .and_then(|s| s.entity)
        .and_then(|id| entities.get(id.0 as usize))
        .map(|e| e.canonical.clone());
    let gold_entity: Vec<Option<String>> = sources.iter().map(|s| ent_of(*s)).collect();
    let (para, prev) = lines_around(text, p.span);
    let rel = |s: Span| {
        let at = |o: usize| o as i64 - para.start as i64;
        serde_json::json!([at(s.start), at(s.end)])
    };
    serde_json::json!({
        "doc": stem,
        "right": right,
        "gold": gold.slice(text),
        "gold_sources": sources.iter().map(|s| s.slice(text)).collect::<Vec<_>>(),
        "gold_source_spans": sources.iter().map(|s| rel(*s)).collect::<Vec<_>>(),
        "quote_span": rel(p.span),
        "quote": p.text,
        "mention": p.speaker.as_ref().map(|s| s.mention_text.clone()),
        "mention_span": p.speaker.as_ref().map(|s| rel(s.mention)),
        "inherited": p.speaker.as_ref().is_some_and(|s| s.inherited),
        "cue": p.cue.as_ref().map(|c| c.text.clone()),
        "continues": p.continues_previous,
        "entity": pred_entity,
        "gold_entity": gold_entity,
        "para": para.slice(text),
        "prev_para": prev.slice(text),
    })
}
