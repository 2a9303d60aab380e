//! Incremental checking: a keystroke re-checks only the quotes whose paragraphs changed.
//!
//! [`crate::check::check`] judges every quote of the draft, which costs a corpus query and
//! an alignment per quote. The verdict on a quote (with its findings) depends on the
//! words of its paragraph(s), on who the draft says spoke it, on the options and on the
//! corpus: nothing else. So the verdicts are kept, keyed by exactly that (the text of the
//! paragraphs around the quote and its attribution, the speaker's names and titles, the
//! options), per corpus generation; a check then runs [`crate::check::check`] on the
//! draft with only the quotes that are not known, and moves the known verdicts to where
//! their paragraphs now are. Names, titles and people are checked every time (they are
//! cheap, and their corpus questions are memoised by [`super::query_cache`]).
//!
//! The result is the same [`Report`] the whole check gives; the tests compare the two.

use std::collections::HashMap;

use crate::analysis::{Analysis, Span};
use crate::check::{check, CheckOptions, Finding, QuoteVerdict, Report};
use crate::corpus::CorpusIndex;

/// Verdicts kept per corpus before the cache starts again empty.
pub const MAX_CHAINS: usize = 5_000;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct ChainKey {
    /// The text of the chain's region, as its length and 128-bit hash: a paragraph is
    /// not copied once per quote in it (a 5 MB single-line draft of 86,000 quotes made
    /// that hundreds of gigabytes).
    region: (usize, u128),
    /// Where the chain's first quote starts in the region: the chains of one paragraph
    /// with the same speaker are different chains.
    at: usize,
    speakers: String,
    options: String,
}

/// A chain's verdicts and findings, with draft spans relative to `region_start`.
#[derive(Clone, Debug)]
struct Known {
    region_start: usize,
    verdicts: Vec<QuoteVerdict>,
    findings: Vec<Finding>,
}

/// The verdicts known for one corpus at one generation.
#[derive(Default)]
pub struct ChainCache {
    generation: u64,
    known: HashMap<ChainKey, Known>,
    /// Chains reused and chains checked, for the log and the tests.
    pub reused: u64,
    pub checked: u64,
}

/// The paragraphs (blocks separated by blank lines) of `text`, as spans.
fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let blank = line.trim().is_empty();
        match (blank, start) {
            (false, None) => start = Some(pos),
            (true, Some(s)) => {
                out.push(Span::new(s, pos));
                start = None;
            }
            _ => {}
        }
        pos += line.len();
    }
    if let Some(s) = start {
        out.push(Span::new(s, text.len()));
    }
    out
}

/// `span` widened to the paragraphs it touches.
fn widen(paras: &[Span], span: Span, len: usize) -> Span {
    let mut start = span.start;
    let mut end = span.end;
    for p in paras {
        if p.start <= span.end && span.start <= p.end {
            start = start.min(p.start);
            end = end.max(p.end);
        }
    }
    Span::new(start.min(len), end.min(len))
}

/// What the draft says about who spoke the quotes of a chain, without positions.
fn speakers_key(analysis: &Analysis, chain: &[usize]) -> String {
    let mut key = String::new();
    for &i in chain {
        let q = &analysis.quotes[i];
        match &q.speaker {
            None => key.push_str("-|"),
            Some(sp) => {
                key.push_str(&format!(
                    "{}/{:?}/{}",
                    sp.mention_text, sp.kind, sp.inherited
                ));
                if let Some(e) = sp.entity.and_then(|id| analysis.entity(id)) {
                    key.push_str(&format!("={}/{:?}/{:?}", e.canonical, e.kind, e.aliases));
                    for t in &e.titles {
                        key.push_str(&format!("/{}", t.normalized));
                    }
                }
                key.push('|');
            }
        }
    }
    key
}

/// The region of a chain: its quotes, speaker mentions and cues, widened to paragraphs.
fn region(analysis: &Analysis, chain: &[usize], paras: &[Span], len: usize) -> Span {
    let mut start = usize::MAX;
    let mut end = 0;
    for &i in chain {
        let q = &analysis.quotes[i];
        let mut spans = vec![q.span];
        if let Some(sp) = &q.speaker {
            spans.push(sp.mention);
        }
        if let Some(c) = &q.cue {
            spans.push(c.span);
        }
        for s in spans {
            start = start.min(s.start);
            end = end.max(s.end);
        }
    }
    widen(paras, Span::new(start.min(end), end), len)
}

fn shift(span: Span, from: usize, to: usize) -> Span {
    Span::new(span.start - from + to, span.end - from + to)
}

/// Check `draft` as [`check`] does, reusing the verdicts `cache` knows.
pub fn check_incremental(
    draft: &str,
    analysis: &Analysis,
    corpus: &dyn CorpusIndex,
    options: &CheckOptions,
    cache: &std::sync::Mutex<ChainCache>,
    generation: u64,
) -> Report {
    let options_key = serde_json::to_string(options).unwrap_or_default();
    let paras = paragraphs(draft);
    let all_chains = analysis.quote_chains();
    // Chains of one paragraph share its region: hash each region once.
    let mut hashes: HashMap<(usize, usize), u128> = HashMap::new();
    let keyed: Vec<(Vec<usize>, ChainKey, Span)> = all_chains
        .into_iter()
        .map(|chain| {
            let r = region(analysis, &chain, &paras, draft.len());
            let hash = *hashes
                .entry((r.start, r.end))
                .or_insert_with(|| xxhash_rust::xxh3::xxh3_128(r.slice(draft).as_bytes()));
            let first = chain
                .first()
                .map_or(r.start, |&i| analysis.quotes[i].span.start);
            let key = ChainKey {
                region: (r.len(), hash),
                at: first.saturating_sub(r.start),
                speakers: speakers_key(analysis, &chain),
                options: options_key.clone(),
            };
            (chain, key, r)
        })
        .collect();
    let mut known: Vec<Option<Known>> = {
        let mut c = super::guard::lock(cache);
        if c.generation != generation || c.known.len() > MAX_CHAINS {
            c.known.clear();
            c.generation = generation;
        }
        let found: Vec<Option<Known>> = keyed
            .iter()
            .map(|(_, k, _)| c.known.get(k).cloned())
            .collect();
        let reused = found.iter().filter(|k| k.is_some()).count() as u64;
        c.reused += reused;
        c.checked += found.len() as u64 - reused;
        found
    };

    // Check the unknown chains (and names, titles, people) on a draft analysis that
    // holds only their quotes.
    let mut reduced = Analysis {
        quotes: Vec::new(),
        entities: analysis.entities.clone(),
    };
    let mut back: Vec<usize> = Vec::new(); // reduced quote index -> draft quote index
    for ((chain, _, _), k) in keyed.iter().zip(&known) {
        if k.is_none() {
            for &i in chain {
                let mut q = analysis.quotes[i].clone();
                if i == chain[0] {
                    q.continues_previous = false;
                }
                reduced.quotes.push(q);
                back.push(i);
            }
        }
    }
    let fresh = check(draft, &reduced, corpus, options);

    let mut verdicts: Vec<Option<QuoteVerdict>> = vec![None; analysis.quotes.len()];
    let mut findings: Vec<Finding> = Vec::new();
    for mut v in fresh.quotes {
        if let Some(&i) = back.get(v.quote) {
            v.quote = i;
            verdicts[i] = Some(v);
        }
    }
    for mut f in fresh.findings {
        match f.quote {
            Some(ri) => {
                if let Some(&i) = back.get(ri) {
                    f.quote = Some(i);
                    findings.push(f);
                }
            }
            None => findings.push(f),
        }
    }
    // The fresh findings of each quote (looked up per chain: scanning all findings for
    // every chain made a draft of 17,000 quotes take 40 s).
    let mut by_quote: Vec<Vec<usize>> = vec![Vec::new(); analysis.quotes.len()];
    for (n, f) in findings.iter().enumerate() {
        if let Some(list) = f.quote.and_then(|q| by_quote.get_mut(q)) {
            list.push(n);
        }
    }
    // Learn the fresh chains; reuse the known ones, moved to where they are now.
    let mut learned: Vec<(ChainKey, Known)> = Vec::new();
    for ((chain, key, r), k) in keyed.iter().zip(known.iter_mut()) {
        match k.take() {
            Some(old) => {
                for (&i, v) in chain.iter().zip(old.verdicts) {
                    let mut v = v;
                    v.quote = i;
                    v.span = shift(v.span, old.region_start, r.start);
                    verdicts[i] = Some(v);
                }
                for mut f in old.findings {
                    f.span = shift(f.span, old.region_start, r.start);
                    f.quote = f.quote.and_then(|pos| chain.get(pos).copied());
                    findings.push(f);
                }
            }
            None => {
                let vs: Vec<QuoteVerdict> =
                    chain.iter().filter_map(|&i| verdicts[i].clone()).collect();
                let mut mine: Vec<usize> = chain
                    .iter()
                    .filter_map(|&q| by_quote.get(q))
                    .flatten()
                    .copied()
                    .collect();
                mine.sort_unstable();
                let fs: Vec<Finding> = mine.iter().map(|&n| findings[n].clone()).collect();
                let inside = |s: Span| r.contains_span(s);
                // Only what lies inside the region can be moved with it.
                if vs.len() == chain.len()
                    && vs.iter().all(|v| inside(v.span))
                    && fs.iter().all(|f| inside(f.span))
                {
                    let rel = |s: Span| Span::new(s.start - r.start, s.end - r.start);
                    let verdicts = vs
                        .into_iter()
                        .map(|mut v| {
                            v.span = rel(v.span);
                            v
                        })
                        .collect();
                    let findings = fs
                        .into_iter()
                        .map(|mut f| {
                            f.span = rel(f.span);
                            // Position of its quote within the chain.
                            f.quote = f.quote.and_then(|q| chain.iter().position(|&i| i == q));
                            f
                        })
                        .collect();
                    learned.push((
                        key.clone(),
                        Known {
                            region_start: 0,
                            verdicts,
                            findings,
                        },
                    ));
                }
            }
        }
    }
    {
        let mut c = super::guard::lock(cache);
        if c.generation == generation {
            c.known.extend(learned);
        }
    }
    findings.sort_by_key(|f| (f.span.start, f.span.end, f.code));
    findings.dedup_by(|a, b| a.code == b.code && a.span == b.span);
    Report {
        findings,
        quotes: verdicts.into_iter().flatten().collect(),
        people: fresh.people,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{analyze, TextFormat};
    use crate::config::CorpusConfig;
    use std::path::Path;
    use std::sync::Mutex;

    fn story() -> (crate::corpus::memory::MemoryIndex, String) {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/syria-refugees");
        let cfg = CorpusConfig::new(vec![dir.join("sources")]);
        let loaded = crate::corpus::load::load(&cfg, &|_| {});
        let draft = std::fs::read_to_string(dir.join("draft.md")).unwrap();
        (loaded.index, draft)
    }

    #[test]
    fn paragraphs_are_blocks_between_blank_lines() {
        let t = "a\nb\n\n  \nc\r\n\r\nd";
        let p: Vec<&str> = paragraphs(t).iter().map(|s| s.slice(t)).collect();
        assert_eq!(p, vec!["a\nb\n", "c\r\n", "d"]);
    }

    /// After each edit, the incremental report equals the whole check's.
    #[test]
    fn incremental_equals_whole_check_across_edits() {
        let (index, draft) = story();
        let options = CheckOptions::default();
        let cache = Mutex::new(ChainCache::default());
        let edits: Vec<Box<dyn Fn(&str) -> String>> = vec![
            Box::new(|t| t.to_string()),
            Box::new(|t| t.replacen("Moscow has sent", "Moscow has quietly sent", 1)),
            Box::new(|t| t.replacen("voluntary process", "voluntary mechanism", 1)),
            Box::new(|t| t.replacen("Pompeo added", "Mattis added", 1)),
            Box::new(|t| format!("New first paragraph, \"with a quote\" she said.\n\n{t}")),
            Box::new(|t| t.replacen("organised to ensure", "arranged to ensure", 1)),
            Box::new(|t| t.replacen("\n\nMizintzev said", " Mizintzev said", 1)),
            Box::new(|t| t.replacen("Russian Foreign Minister", "Russian Defense Minister", 1)),
        ];
        let mut text = draft.clone();
        for (n, edit) in edits.iter().enumerate() {
            text = edit(&text);
            let analysis = analyze(&text, TextFormat::Markdown);
            let whole = check(&text, &analysis, &index, &options);
            let inc = check_incremental(&text, &analysis, &index, &options, &cache, 1);
            assert_eq!(inc.findings, whole.findings, "findings after edit {n}");
            assert_eq!(inc.quotes, whole.quotes, "verdicts after edit {n}");
            assert_eq!(inc.people, whole.people, "people after edit {n}");
        }
        let c = cache.lock().unwrap();
        // Each edit touches one or two paragraphs: most verdicts were reused.
        assert!(
            c.reused > 3 * c.checked,
            "reused {} checked {}",
            c.reused,
            c.checked
        );
    }

    /// Many chains in one paragraph, with the same speaker: each keeps its own verdicts
    /// (the region alone does not tell them apart).
    #[test]
    fn chains_sharing_a_paragraph_keep_their_own_verdicts() {
        let (index, _) = story();
        let options = CheckOptions::default();
        let cache = Mutex::new(ChainCache::default());
        let unit = "Officials met. \"We will not pay for reconstruction while Assad stays in power,\" Pompeo said. \"It was a lie,\" Pompeo said. ";
        let mut text = unit.repeat(20);
        for round in 0..3 {
            let analysis = analyze(&text, TextFormat::Markdown);
            assert!(analysis.quotes.len() >= 40, "{}", analysis.quotes.len());
            let whole = check(&text, &analysis, &index, &options);
            let inc = check_incremental(&text, &analysis, &index, &options, &cache, 1);
            assert_eq!(inc.findings, whole.findings, "findings, round {round}");
            assert_eq!(inc.quotes, whole.quotes, "verdicts, round {round}");
            text.push_str("\n\nMore.");
        }
    }
}
