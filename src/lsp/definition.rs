//! Go-to-definition and references.
//!
//! Definition on a quote: the passages of the sources that carry it. On a person: where
//! each source introduces them (a titled mention when there is one, else the first).
//! References on a person: every mention, in the draft and in the sources; on a quote: the
//! places the sources have it. On a misspelled name, definition goes to the person meant.

use serde_json::{json, Value};
use tower_lsp_server::ls_types::{Location as LspLocation, Position};

use crate::analysis::Entity;
use crate::check::FindingCode;
use crate::index::{CorpusEntity, CorpusIndex, Location, SourceId};

use super::archive::{evidence, source_location};
use super::checked::Checked;
use super::position;

/// What is under the cursor.
enum Target<'a> {
    Quote(usize),
    Person(&'a Entity),
}

fn target_at(c: &Checked, pos: Position) -> Option<Target<'_>> {
    let offset = position::offset_at(&c.rope, pos, c.encoding);
    if let Some(v) = c.report.quote_at(offset) {
        return Some(Target::Quote(v.quote));
    }
    c.analysis.entity_at(offset).map(Target::Person)
}

fn corpus_entity<'a>(c: &'a Checked, e: &Entity) -> Option<&'a CorpusEntity> {
    c.report.person(e.id).map(|p| &*p.corpus)
}

/// Where each source first names the person, preferring a mention with a title.
fn introductions(e: &CorpusEntity) -> Vec<Location> {
    let mut by_source: Vec<(SourceId, Location, bool)> = Vec::new();
    let titled = e.titles.iter().map(|t| (t.location, true));
    let plain = e.mentions.iter().map(|m| (*m, false));
    for (loc, is_titled) in titled.chain(plain) {
        match by_source.iter_mut().find(|(s, _, _)| *s == loc.source) {
            None => by_source.push((loc.source, loc, is_titled)),
            Some(entry) => {
                let better = (is_titled && !entry.2)
                    || (is_titled == entry.2 && loc.span.start < entry.1.span.start);
                if better {
                    *entry = (loc.source, loc, is_titled);
                }
            }
        }
    }
    by_source.sort_by_key(|(s, _, _)| *s);
    by_source.into_iter().map(|(_, l, _)| l).collect()
}

fn to_lsp(index: &dyn CorpusIndex, locs: &[Location], c: &Checked) -> Vec<LspLocation> {
    locs.iter()
        .filter_map(|l| source_location(&*index.source(l.source)?, l.span, c.encoding))
        .collect()
}

/// The definition of what is at `pos`.
pub fn definition(c: &Checked, pos: Position) -> Vec<LspLocation> {
    let Some(a) = c.assignment.as_ref() else {
        return Vec::new();
    };
    let folder = a.corpus.read();
    let index = evidence(c, &*folder);
    match target_at(c, pos) {
        Some(Target::Quote(q)) => {
            let Some(v) = c.report.quotes.iter().find(|v| v.quote == q) else {
                return Vec::new();
            };
            let locs: Vec<Location> = v.matches.iter().map(|m| m.location).collect();
            to_lsp(&index, &locs, c)
        }
        Some(Target::Person(e)) => match corpus_entity(c, e) {
            Some(ce) => to_lsp(&index, &introductions(ce), c),
            // A misspelled name: the person meant, where the sources spell it.
            None => {
                let offset = position::offset_at(&c.rope, pos, c.encoding);
                c.report
                    .findings
                    .iter()
                    .find(|f| f.code == FindingCode::MisspelledName && f.span.contains(offset))
                    .map(|f| to_lsp(&index, &f.evidence, c))
                    .unwrap_or_default()
            }
        },
        None => Vec::new(),
    }
}

/// Every mention of the person at `pos`, in the draft and in the sources; on a quote, the
/// quote and the places the sources have it.
pub fn references(c: &Checked, pos: Position, include_declaration: bool) -> Vec<LspLocation> {
    let e = match target_at(c, pos) {
        Some(Target::Person(e)) => e,
        Some(Target::Quote(q)) => {
            let (Some(a), Some(v)) = (
                c.assignment.as_ref(),
                c.report.quotes.iter().find(|v| v.quote == q),
            ) else {
                return Vec::new();
            };
            let mut out = Vec::new();
            if include_declaration {
                out.push(LspLocation {
                    uri: c.uri.clone(),
                    range: position::range_of(&c.rope, v.span, c.encoding),
                });
            }
            let locs: Vec<Location> = v.matches.iter().map(|m| m.location).collect();
            out.extend(to_lsp(&evidence(c, &*a.corpus.read()), &locs, c));
            return out;
        }
        None => return Vec::new(),
    };
    let mut out: Vec<LspLocation> = e
        .mentions
        .iter()
        .map(|m| LspLocation {
            uri: c.uri.clone(),
            range: position::range_of(&c.rope, m.span, c.encoding),
        })
        .collect();
    if let (Some(a), Some(ce)) = (c.assignment.as_ref(), corpus_entity(c, e)) {
        let folder = a.corpus.read();
        let index = evidence(c, &*folder);
        out.extend(to_lsp(&index, &ce.mentions, c));
    }
    out
}

/// `sourced.showSources`: the passages behind the quote or person at `pos`.
pub fn show_sources(c: &Checked, pos: Position) -> Vec<Value> {
    let Some(a) = c.assignment.as_ref() else {
        return Vec::new();
    };
    let folder = a.corpus.read();
    let index = evidence(c, &*folder);
    let locs: Vec<(Location, Option<String>)> = match target_at(c, pos) {
        Some(Target::Quote(q)) => c
            .report
            .quotes
            .iter()
            .find(|v| v.quote == q)
            .map(|v| {
                v.matches
                    .iter()
                    .map(|m| (m.location, Some(m.text.clone())))
                    .collect()
            })
            .unwrap_or_default(),
        Some(Target::Person(e)) => corpus_entity(c, e)
            .map(|ce| introductions(ce).into_iter().map(|l| (l, None)).collect())
            .unwrap_or_default(),
        None => Vec::new(),
    };
    locs.into_iter()
        .filter_map(|(loc, text)| {
            let source = index.source(loc.source)?;
            let l = source_location(&source, loc.span, c.encoding)?;
            let text = text.unwrap_or_else(|| loc.span.slice(&source.text).to_string());
            Some(json!({
                "uri": l.uri.as_str(),
                "range": l.range,
                "title": source.meta.title,
                "outlet": source.meta.outlet,
                "text": text,
            }))
        })
        .collect()
}
