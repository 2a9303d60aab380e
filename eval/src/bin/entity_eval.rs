//! How well people and organisations are found, measured on PolNeAR (brat attribution
//! annotations of real news): every annotated Source span that is a name (it starts with
//! a capital letter and is not a pronoun) should overlap a mention of a found entity.
//!
//! ```text
//! cargo run --release -p sourced-eval --bin entity_eval -- ../shared/data/polnear/dev [--misses N] [--sample N]
//! ```
//!
//! Prints the recall on named sources, then up to N missed spans (`--misses`) and N
//! entity names picked evenly from all found (`--sample`), for a person to judge
//! precision.

use std::collections::BTreeMap;
use std::path::Path;

use sourced_core::analysis::entity::find_entities;
use sourced_core::analysis::EntityKind;

fn arg_after(flag: &str) -> usize {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == flag)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

fn main() {
    let Some(root) = std::env::args().nth(1) else {
        eprintln!("usage: entity_eval POLNEAR_SPLIT_DIR [--misses N] [--sample N]");
        std::process::exit(2);
    };
    let root = Path::new(&root);
    let texts = root.join("text");
    let anns = root.join("attributions");
    let Ok(entries) = std::fs::read_dir(&anns) else {
        eprintln!("{}: cannot read", anns.display());
        std::process::exit(2);
    };
    let mut ann_files: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    ann_files.sort();
    let (mut named, mut found) = (0usize, 0usize);
    let mut misses: Vec<String> = Vec::new();
    let mut all_names: Vec<String> = Vec::new();
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    let mut seen_texts = std::collections::HashSet::new();
    for ann in ann_files {
        let stem = ann.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        // "name_annotator.ann" annotates "name.txt".
        let base = stem.rsplit_once('_').map_or(stem, |(b, _)| b);
        let Ok(text) = std::fs::read_to_string(texts.join(format!("{base}.txt"))) else {
            continue;
        };
        let Ok(ann_text) = std::fs::read_to_string(&ann) else {
            continue;
        };
        let entities = find_entities(&text).entities;
        if seen_texts.insert(base.to_string()) {
            for e in &entities {
                *kinds
                    .entry(match e.kind {
                        EntityKind::Person => "person",
                        EntityKind::Organisation => "organisation",
                    })
                    .or_default() += 1;
                all_names.push(format!("{:?} {}", e.kind, e.canonical));
            }
        }
        for line in ann_text.lines() {
            let cols: Vec<&str> = line.split('\t').collect();
            let Some(meta) = cols.get(1) else { continue };
            let parts: Vec<&str> = meta.split([' ', ';']).collect();
            if parts.first() != Some(&"Source") || parts.len() < 3 {
                continue;
            }
            let (Ok(start), Ok(end)) = (
                parts[1].parse::<usize>(),
                parts[parts.len() - 1].parse::<usize>(),
            ) else {
                continue;
            };
            let Some(span_text) = text.get(start..end) else {
                continue;
            };
            let first = span_text.split_whitespace().next().unwrap_or("");
            let pronoun = matches!(
                first,
                "He" | "She"
                    | "They"
                    | "It"
                    | "We"
                    | "I"
                    | "You"
                    | "His"
                    | "Her"
                    | "Their"
                    | "Its"
                    | "Our"
            );
            let capital = first.chars().next().is_some_and(char::is_uppercase);
            // Spans that do not sit on word boundaries come from another version of the
            // text: skip them.
            let clean_edges = !span_text.starts_with(char::is_whitespace)
                && !text[end..].starts_with(char::is_alphanumeric)
                && !text[..start].ends_with(char::is_alphanumeric);
            // A name: a capitalised word after the first ("Mr. King", "Charlie King"), or a
            // one-word span ("Obama").
            let words: Vec<&str> = span_text.split_whitespace().collect();
            let has_name = words.len() == 1
                || words
                    .iter()
                    .skip(1)
                    .any(|w| w.chars().next().is_some_and(char::is_uppercase));
            let generic = matches!(
                first,
                "The"
                    | "A"
                    | "An"
                    | "Many"
                    | "Some"
                    | "Most"
                    | "Several"
                    | "These"
                    | "Those"
                    | "This"
                    | "Few"
                    | "Other"
                    | "Both"
            );
            if pronoun || generic || !has_name || !capital || !clean_edges {
                continue;
            }
            named += 1;
            let hit = entities
                .iter()
                .flat_map(|e| e.mentions.iter())
                .any(|m| m.span.start < end && start < m.span.end);
            if hit {
                found += 1;
            } else {
                misses.push(format!("{base}: {span_text:?}"));
            }
        }
    }
    println!(
        "named sources: {named}, overlapped by an entity mention: {found} ({:.1}%)",
        100.0 * found as f64 / named.max(1) as f64
    );
    println!("entities found: {kinds:?}");
    let n = arg_after("--misses");
    for m in misses.iter().take(n) {
        println!("MISS {m}");
    }
    let k = arg_after("--sample");
    if k > 0 && !all_names.is_empty() {
        let step = (all_names.len() / k).max(1);
        for name in all_names.iter().step_by(step).take(k) {
            println!("SAMPLE {name}");
        }
    }
}
