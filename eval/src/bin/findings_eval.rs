//! Precision and recall of `sourced check`'s findings on drafts made from real articles.
//!
//! ```text
//! cargo run --release -p sourced-eval --bin findings_eval -- ../shared/data/polnear/train [--limit N] [--verbose]
//! ```
//!
//! For each article of PolNeAr (news text with brat attribution annotations), the article
//! alone is the corpus, and a draft is written from its annotated direct quotes: each
//! quote re-attributed in a new sentence, to the speaker the annotation gives (correct),
//! to another person the article quotes (misattributed), with a word changed, dropped or
//! added (altered), or replaced by a quote from another article (unsourced); a quote
//! alone with no speaker (unattributed); partial quotes of a few words (correct); and
//! people's names spelled right or with one letter changed (misspelled). The check's
//! findings per paragraph are compared with what each paragraph was made to contain.
//! Everything is chosen by a fixed-seed generator: the same data gives the same numbers.
//!
//! Speakers come from the annotations; an annotated speaker counts only when it is a name
//! (not "he" or "officials") that the corpus index knows as a person.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use sourced_core::analysis::normalize::words;
use sourced_core::analysis::office::{conflicts, same_office};
use sourced_core::analysis::{analyze, EntityKind, TextFormat};
use sourced_core::check::{check, CheckOptions, FindingCode};
use sourced_core::index::{CorpusIndex, Source, SourceId, SourceMeta};
use sourced_corpus::memory::MemoryIndex;

/// splitmix64: small, fast, and the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

/// One annotated attribution: who (as written) and what (as written), both by byte span.
struct Attribution {
    source: String,
    content: String,
}

/// The attributions of a brat `.ann` file over `text` (brat offsets are characters).
fn parse_ann(ann: &str, text: &str) -> Vec<Attribution> {
    let byte_at: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect();
    let mut spans: HashMap<&str, String> = HashMap::new();
    let mut out = Vec::new();
    for line in ann.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        if line.starts_with('T') && cols.len() >= 2 {
            let head: Vec<&str> = cols[1].split(' ').collect();
            if head.len() != 3 {
                continue; // discontinuous span: left out
            }
            let (Ok(s), Ok(e)) = (head[1].parse::<usize>(), head[2].parse::<usize>()) else {
                continue;
            };
            if let (Some(&bs), Some(&be)) = (byte_at.get(s), byte_at.get(e)) {
                if let Some(t) = text.get(bs..be) {
                    spans.insert(cols[0], t.to_string());
                }
            }
        } else if line.starts_with('E') && cols.len() >= 2 {
            let mut source = None;
            let mut content = None;
            for arg in cols[1].split(' ') {
                if let Some(id) = arg.strip_prefix("Source:") {
                    source = spans.get(id).cloned();
                } else if let Some(id) = arg.strip_prefix("Content:") {
                    content = spans.get(id).cloned();
                }
            }
            if let (Some(source), Some(content)) = (source, content) {
                out.push(Attribution { source, content });
            }
        }
    }
    out
}

/// A direct quote of the article, with its speaker as a person of the corpus.
#[derive(Clone)]
struct DirectQuote {
    /// The quoted words, marks and edge punctuation removed.
    words: String,
    /// The speaker as the article names them at the attribution.
    speaker: String,
    /// The corpus's name for them.
    person: String,
}

const OPEN: &[char] = &['"', '\u{201c}', '\u{201e}', '\u{ab}'];
const CLOSE: &[char] = &['"', '\u{201d}', '\u{bb}'];

fn direct_quote(content: &str) -> Option<String> {
    let c = content.trim();
    let c = c.strip_prefix(OPEN)?;
    let c = c.trim_end_matches(['.', ',']);
    let c = c.strip_suffix(CLOSE)?;
    if c.contains(OPEN) || c.contains(CLOSE) || c.contains('\n') {
        return None;
    }
    let c = c.trim().trim_end_matches(|ch: char| !ch.is_alphanumeric());
    (words(c).len() >= 6).then(|| c.to_string())
}

fn is_name(s: &str) -> bool {
    const PRONOUNS: &[&str] = &[
        "He", "She", "They", "It", "We", "I", "You", "The", "A", "An", "This", "That",
    ];
    let first = s.split_whitespace().next().unwrap_or("");
    let n = s.split_whitespace().count();
    (1..=4).contains(&n)
        && !PRONOUNS.contains(&first)
        && s.split_whitespace()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// The article's direct quotes whose speakers are named people of the corpus.
fn quotes_of(atts: &[Attribution], index: &dyn CorpusIndex) -> Vec<DirectQuote> {
    let mut out = Vec::new();
    for a in atts {
        let Some(words) = direct_quote(&a.content) else {
            continue;
        };
        let speaker = a.source.trim().to_string();
        if !is_name(&speaker) {
            continue;
        }
        let people: Vec<_> = index
            .entities_named(&speaker)
            .into_iter()
            .filter(|e| e.kind == EntityKind::Person)
            .collect();
        let [person] = people.as_slice() else {
            continue;
        };
        out.push(DirectQuote {
            words,
            speaker,
            person: person.canonical.clone(),
        });
    }
    out
}

const FILLER: &[&str] = &[
    "really",
    "never",
    "always",
    "certainly",
    "clearly",
    "simply",
    "truly",
    "nothing",
    "big",
    "new",
];

/// The quote with one word replaced, dropped or added (never the first or last word).
fn alter(q: &str, rng: &mut Rng) -> String {
    let mut ws: Vec<&str> = q.split_whitespace().collect();
    if ws.len() < 4 {
        return q.to_string();
    }
    let at = 1 + rng.below(ws.len() - 2);
    match rng.below(3) {
        0 => {
            let mut w = FILLER[rng.below(FILLER.len())];
            if ws[at].eq_ignore_ascii_case(w) {
                w = "quite";
            }
            ws[at] = w;
        }
        1 => {
            ws.remove(at);
        }
        _ => ws.insert(at, FILLER[rng.below(FILLER.len())]),
    }
    ws.join(" ")
}

/// A surname with one inner letter changed.
fn misspell(name: &str, rng: &mut Rng) -> Option<String> {
    let chars: Vec<char> = name.chars().collect();
    if chars.len() < 6 || !chars.iter().all(|c| c.is_alphabetic()) {
        return None;
    }
    let at = 1 + rng.below(chars.len() - 2);
    let vowels = ['a', 'e', 'i', 'o', 'u'];
    let replacement = if vowels.contains(&chars[at]) {
        vowels[(vowels.iter().position(|v| *v == chars[at]).unwrap_or(0) + 1) % 5]
    } else if chars[at] == 'z' {
        's'
    } else {
        'z'
    };
    let mut out = chars.clone();
    out[at] = replacement;
    Some(out.into_iter().collect())
}

/// Offices to give people wrongly (each is tried until one contradicts every title the
/// corpus gives the person).
const OFFICES: &[&str] = &[
    "Secretary of State",
    "Defense Secretary",
    "Treasury Secretary",
    "Vice President",
    "Attorney General",
    "Foreign Minister",
];

/// A paragraph of the draft and the codes it was made to produce.
struct Para {
    text: String,
    expect: Vec<FindingCode>,
    kind: &'static str,
}

fn said(q: &str, who: &str) -> String {
    format!("\u{201c}{q},\u{201d} {who} said.")
}

fn build_draft(
    quotes: &[DirectQuote],
    pool: &[String],
    index: &dyn CorpusIndex,
    article: &str,
    rng: &mut Rng,
) -> Vec<Para> {
    let mut paras = Vec::new();
    let norm = |s: &str| {
        words(s)
            .into_iter()
            .map(|w| w.norm)
            .collect::<Vec<_>>()
            .join(" ")
    };
    let article_norm = norm(article);
    // An unattributed quote first, so that no speaker carries over to it.
    if let Some(q) = quotes.first() {
        if rng.chance(0.3) {
            paras.push(Para {
                text: format!("\u{201c}{}.\u{201d}", q.words),
                expect: vec![FindingCode::UnattributedQuote],
                kind: "unattributed",
            });
        }
    }
    let mut order: Vec<usize> = (0..quotes.len()).collect();
    for i in (1..order.len()).rev() {
        order.swap(i, rng.below(i + 1));
    }
    for &i in order.iter().take(8) {
        let q = &quotes[i];
        let others: Vec<&DirectQuote> = quotes.iter().filter(|o| o.person != q.person).collect();
        let roll = rng.below(100);
        let ws: Vec<&str> = q.words.split_whitespace().collect();
        let pronoun_at = ws
            .iter()
            .position(|w| matches!(*w, "he" | "she" | "they" | "him" | "her" | "them" | "it"));
        let para = if roll < 22 {
            Para {
                text: said(&q.words, &q.speaker),
                expect: vec![],
                kind: "correct",
            }
        } else if roll < 37 && !others.is_empty() {
            let other = others[rng.below(others.len())];
            Para {
                text: said(&q.words, &other.speaker),
                expect: vec![FindingCode::MisattributedQuote],
                kind: "misattributed",
            }
        } else if roll < 52 {
            let mut altered = alter(&q.words, rng);
            if rng.chance(0.3) {
                altered = alter(&altered, rng);
            }
            Para {
                text: said(&altered, &q.speaker),
                expect: vec![FindingCode::AlteredQuote],
                kind: "altered",
            }
        } else if roll < 64 && !pool.is_empty() {
            let invented = &pool[rng.below(pool.len())];
            if article_norm.contains(&norm(invented)) {
                continue;
            }
            Para {
                text: said(invented, &q.speaker),
                expect: vec![FindingCode::UnsourcedQuote],
                kind: "unsourced",
            }
        } else if roll < 72 && ws.len() >= 10 {
            // Words left out where an ellipsis says so.
            let from = 2 + rng.below(ws.len() - 6);
            let to = from + 1 + rng.below(3);
            let text = format!("{} \u{2026} {}", ws[..from].join(" "), ws[to..].join(" "));
            Para {
                text: said(&text, &q.speaker),
                expect: vec![],
                kind: "ellipsis",
            }
        } else if roll < 79 && pronoun_at.is_some() {
            let mut w: Vec<String> = ws.iter().map(|s| s.to_string()).collect();
            if let Some(at) = pronoun_at {
                w[at] = "[the others]".to_string();
            }
            Para {
                text: said(&w.join(" "), &q.speaker),
                expect: vec![],
                kind: "bracket",
            }
        } else if roll < 86 && ws.len() >= 8 {
            let cut = ws.len() / 2;
            let first = ws[..cut].join(" ");
            let first = first.trim_end_matches(|c: char| !c.is_alphanumeric());
            Para {
                text: format!(
                    "\u{201c}{first},\u{201d} {} said, \u{201c}{}.\u{201d}",
                    q.speaker,
                    ws[cut..].join(" ")
                ),
                expect: vec![],
                kind: "split",
            }
        } else if roll < 89 && !others.is_empty() {
            // The pronoun resolves to someone else.
            let other = others[rng.below(others.len())];
            Para {
                text: format!(
                    "{} spoke on Tuesday. \u{201c}{},\u{201d} he said.",
                    other.speaker, q.words
                ),
                expect: vec![FindingCode::MisattributedQuote],
                kind: "pronoun-wrong",
            }
        } else if roll < 93 {
            Para {
                text: format!(
                    "{} spoke on Tuesday. \u{201c}{},\u{201d} he said.",
                    q.speaker, q.words
                ),
                expect: vec![],
                kind: "pronoun",
            }
        } else {
            let n = 3 + rng.below(3);
            let start = rng.below(ws.len().saturating_sub(n).max(1));
            let fragment = ws[start..(start + n).min(ws.len())].join(" ");
            let fragment = fragment.trim_matches(|c: char| !c.is_alphanumeric());
            Para {
                text: format!(
                    "{} said it was \u{201c}{fragment}\u{201d} in the end.",
                    q.speaker
                ),
                expect: vec![],
                kind: "partial",
            }
        };
        paras.push(para);
    }
    // Titles, right and contradicted.
    for person in quotes
        .iter()
        .map(|q| q.person.clone())
        .collect::<std::collections::BTreeSet<_>>()
    {
        if person.split_whitespace().count() < 2 {
            continue;
        }
        let Some(entity) = index.entities_named(&person).into_iter().next() else {
            continue;
        };
        let titles: Vec<String> = entity
            .titles
            .iter()
            .map(|t| t.text.clone())
            .filter(|t| {
                t.split_whitespace().count() <= 4
                    && t.chars().next().is_some_and(char::is_uppercase)
            })
            .collect();
        let Some(own) = titles.first() else {
            continue;
        };
        if rng.chance(0.5) {
            let wrong = OFFICES
                .iter()
                .find(|o| titles.iter().all(|t| conflicts(o, t) && !same_office(o, t)));
            if let Some(wrong) = wrong {
                paras.push(Para {
                    text: format!("{wrong} {person} declined to comment on Monday."),
                    expect: vec![FindingCode::TitleMismatch],
                    kind: "title-wrong",
                });
                continue;
            }
        }
        paras.push(Para {
            text: format!("{own} {person} declined to comment on Monday."),
            expect: vec![],
            kind: "title-right",
        });
    }
    // Names, right and wrong.
    let mut people: Vec<String> = quotes.iter().map(|q| q.person.clone()).collect();
    people.sort();
    people.dedup();
    for person in people.iter().take(3) {
        let parts: Vec<&str> = person.split_whitespace().collect();
        let (Some(first), Some(last)) = (parts.first(), parts.last()) else {
            continue;
        };
        if parts.len() < 2 {
            continue;
        }
        if rng.chance(0.5) {
            if let Some(typo) = misspell(last, rng) {
                if index.entities_named(&typo).is_empty()
                    && !article_norm.contains(&typo.to_lowercase())
                {
                    paras.push(Para {
                        text: format!("{first} {typo} did not respond to a request for comment."),
                        expect: vec![FindingCode::MisspelledName],
                        kind: "misspelled",
                    });
                    continue;
                }
            }
        }
        paras.push(Para {
            text: format!("{first} {last} did not respond to a request for comment."),
            expect: vec![],
            kind: "name",
        });
    }
    paras
}

#[derive(Default, Clone, Copy)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (dir, limit) = sourced_eval::split_and_limit(&args, "../shared/data/polnear/train");
    let verbose = args.iter().any(|a| a == "--verbose");
    if !dir.join("text").is_dir() || !dir.join("attributions").is_dir() {
        println!(
            "findings_eval: skipped: no PolNeAr data at {} (expected text/ and attributions/)",
            dir.display()
        );
        return;
    }
    let articles = article_pairs(&dir);
    let mut rng = Rng(0x5eed_2026);
    let mut counts: BTreeMap<FindingCode, Counts> = BTreeMap::new();
    let mut by_kind: BTreeMap<&'static str, (usize, BTreeMap<String, usize>)> = BTreeMap::new();
    let mut pool: Vec<String> = Vec::new();
    let (mut n_articles, mut n_paras) = (0, 0);
    let started = std::time::Instant::now();
    for (text_path, ann_path) in articles.into_iter().take(limit) {
        let (Ok(text), Ok(ann)) = (
            std::fs::read_to_string(&text_path),
            std::fs::read_to_string(&ann_path),
        ) else {
            continue;
        };
        let mut index = MemoryIndex::new();
        index.insert(Source {
            id: SourceId(0),
            path: text_path.clone(),
            meta: SourceMeta::default(),
            text: Arc::from(text.as_str()),
            text_is_file: true,
            page: None,
            analysis: analyze(&text, TextFormat::Plain),
        });
        let quotes = quotes_of(&parse_ann(&ann, &text), &index);
        if quotes.is_empty() {
            continue;
        }
        let paras = build_draft(&quotes, &pool, &index, &text, &mut rng);
        pool.extend(quotes.iter().map(|q| q.words.clone()));
        let mut draft = String::new();
        let mut ranges = Vec::new();
        for p in &paras {
            let start = draft.len();
            draft.push_str(&p.text);
            ranges.push(start..draft.len());
            draft.push_str("\n\n");
        }
        let analysis = analyze(&draft, TextFormat::Markdown);
        let report = check(&draft, &analysis, &index, &CheckOptions::default());
        n_articles += 1;
        for (p, range) in paras.iter().zip(&ranges) {
            n_paras += 1;
            let got: Vec<FindingCode> = report
                .findings
                .iter()
                .filter(|f| range.contains(&f.span.start))
                .map(|f| f.code)
                .collect();
            for code in FindingCode::ALL {
                let c = counts.entry(code).or_default();
                match (p.expect.contains(&code), got.contains(&code)) {
                    (true, true) => c.tp += 1,
                    (false, true) => c.fp += 1,
                    (true, false) => c.fn_ += 1,
                    (false, false) => {}
                }
            }
            let outcome = if got.is_empty() {
                "nothing".to_string()
            } else {
                let mut g: Vec<&str> = got.iter().map(|c| c.as_str()).collect();
                g.sort();
                g.dedup();
                g.join("+")
            };
            let entry = by_kind.entry(p.kind).or_default();
            entry.0 += 1;
            *entry.1.entry(outcome.clone()).or_default() += 1;
            let wrong = p.expect.iter().any(|c| !got.contains(c))
                || got.iter().any(|c| !p.expect.contains(c));
            if verbose && wrong {
                println!(
                    "[{}] {} -> {}\n    {}",
                    text_path.file_name().unwrap_or_default().to_string_lossy(),
                    p.kind,
                    outcome,
                    p.text
                );
                for f in report
                    .findings
                    .iter()
                    .filter(|f| range.contains(&f.span.start))
                {
                    println!("    = {}: {}", f.code.as_str(), f.message);
                }
            }
        }
    }
    println!(
        "findings_eval: {} articles, {} draft paragraphs, {:.1}s",
        n_articles,
        n_paras,
        started.elapsed().as_secs_f64()
    );
    println!(
        "{:<22} {:>5} {:>5} {:>5} {:>9} {:>7}",
        "code", "tp", "fp", "fn", "precision", "recall"
    );
    for (code, c) in &counts {
        let p = ratio(c.tp, c.tp + c.fp);
        let r = ratio(c.tp, c.tp + c.fn_);
        println!(
            "{:<22} {:>5} {:>5} {:>5} {:>9} {:>7}",
            code.as_str(),
            c.tp,
            c.fp,
            c.fn_,
            p,
            r
        );
    }
    println!("(title-mismatch drafts use the titles the corpus index gives a person, and an office that title::conflicts with all of them)");
    println!("\nwhat each kind of paragraph got:");
    for (kind, (n, outcomes)) in &by_kind {
        let mut o: Vec<(&String, &usize)> = outcomes.iter().collect();
        o.sort_by(|a, b| b.1.cmp(a.1));
        let parts: Vec<String> = o.iter().map(|(k, v)| format!("{k} {v}")).collect();
        println!("  {kind:<13} {n:>5}: {}", parts.join(", "));
    }
}

fn ratio(a: usize, b: usize) -> String {
    if b == 0 {
        "-".to_string()
    } else {
        format!("{:.3}", a as f64 / b as f64)
    }
}

/// Each article's text with its first annotation file, sorted by name.
fn article_pairs(dir: &Path) -> Vec<(PathBuf, PathBuf)> {
    let mut anns: Vec<PathBuf> = std::fs::read_dir(dir.join("attributions"))
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    anns.sort();
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for ann in anns {
        let Some(stem) = ann.file_stem().map(|s| s.to_string_lossy().into_owned()) else {
            continue;
        };
        // "<article>_<annotator>.ann"
        let Some((article, _)) = stem.rsplit_once('_') else {
            continue;
        };
        let text = dir.join("text").join(format!("{article}.txt"));
        if text.is_file() && seen.insert(article.to_string()) {
            out.push((text, ann));
        }
    }
    out
}
