//! Symbols: the draft's quotes (with their speakers) and people, for the outline; the
//! corpus's people and quotes, for workspace symbol search.

use std::sync::Arc;

use tower_lsp_server::ls_types::{DocumentSymbol, OneOf, SymbolKind, WorkspaceSymbol};

use crate::analysis::EntityKind;
use crate::index::CorpusIndex;

use super::checked::Checked;
use super::diagnostics::source_location;
use super::position::{self, Encoding};
use super::workspace::CorpusHandle;

/// Workspace symbol answers are cut at this many.
const MAX_WORKSPACE_SYMBOLS: usize = 200;

fn shorten(text: &str, max: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        flat
    } else {
        let cut: String = flat.chars().take(max).collect();
        format!("{cut}…")
    }
}

fn quote_name(text: &str) -> String {
    format!("\u{201c}{}\u{201d}", shorten(text, 60))
}

/// The outline of a draft: each quote (detail: its speaker and verdict), then each
/// person and organisation.
#[allow(deprecated)] // `deprecated` is a required field of DocumentSymbol
pub fn document_symbols(c: &Checked) -> Vec<DocumentSymbol> {
    let mut out = Vec::new();
    for (i, q) in c.analysis.quotes.iter().enumerate() {
        let verdict = c.report.quotes.iter().find(|v| v.quote == i);
        let speaker = verdict
            .and_then(|v| v.draft_speaker.clone())
            .or_else(|| q.speaker.as_ref().map(|s| s.mention_text.clone()));
        let mut detail = speaker.unwrap_or_else(|| "no speaker".into());
        if let Some(v) = verdict {
            detail.push_str(&format!(" · {}", v.status.as_str()));
        }
        out.push(DocumentSymbol {
            name: quote_name(&q.text),
            detail: Some(detail),
            kind: SymbolKind::STRING,
            tags: None,
            deprecated: None,
            range: position::range_of(&c.rope, q.span, c.encoding),
            selection_range: position::range_of(&c.rope, q.inner, c.encoding),
            children: None,
        });
    }
    for e in &c.analysis.entities {
        let Some(first) = e.mentions.iter().min_by_key(|m| m.span.start) else {
            continue;
        };
        let last = e
            .mentions
            .iter()
            .map(|m| m.span.end)
            .max()
            .unwrap_or(first.span.end);
        let kind = match e.kind {
            EntityKind::Person => SymbolKind::OBJECT,
            EntityKind::Organisation => SymbolKind::NAMESPACE,
        };
        let known = c.report.person(e.id).map(|p| p.corpus.canonical.clone());
        out.push(DocumentSymbol {
            name: e.canonical.clone(),
            detail: Some({
                let n = e.mentions.len();
                let mentions = format!("{n} mention{}", if n == 1 { "" } else { "s" });
                match known {
                    Some(name) if name != e.canonical => format!("{mentions} · sources: {name}"),
                    Some(_) => format!("{mentions} · in the sources"),
                    None => format!("{mentions} · not in the sources"),
                }
            }),
            kind,
            tags: None,
            deprecated: None,
            range: position::range_of(
                &c.rope,
                crate::analysis::Span::new(first.span.start, last.max(first.span.end)),
                c.encoding,
            ),
            selection_range: position::range_of(&c.rope, first.span, c.encoding),
            children: None,
        });
    }
    out
}

/// People and quotes of the corpora whose names or words contain `query`
/// (case-insensitive), people first.
pub fn workspace_symbols(
    corpora: &[Arc<CorpusHandle>],
    query: &str,
    enc: Encoding,
) -> Vec<WorkspaceSymbol> {
    let q = query.to_lowercase();
    let mut out = Vec::new();
    for handle in corpora {
        let index = handle.read();
        for e in index.entities_containing(&q, MAX_WORKSPACE_SYMBOLS) {
            if out.len() >= MAX_WORKSPACE_SYMBOLS {
                return out;
            }
            let first = e
                .titles
                .first()
                .map(|t| t.location)
                .or(e.mentions.first().copied());
            let Some(loc) =
                first.and_then(|l| source_location(&*index.source(l.source)?, l.span, enc))
            else {
                continue;
            };
            out.push(WorkspaceSymbol {
                name: e.canonical.clone(),
                kind: match e.kind {
                    EntityKind::Person => SymbolKind::OBJECT,
                    EntityKind::Organisation => SymbolKind::NAMESPACE,
                },
                tags: None,
                container_name: Some(format!("{} quotes in the sources", e.quote_count)),
                location: OneOf::Left(loc),
                data: None,
            });
        }
        for id in 0..index.source_count() {
            let Some(source) = index.source(crate::index::SourceId(id as u32)) else {
                continue;
            };
            for quote in &source.analysis.quotes {
                if out.len() >= MAX_WORKSPACE_SYMBOLS {
                    return out;
                }
                if q.is_empty() || !quote.text.to_lowercase().contains(&q) {
                    continue;
                }
                let Some(loc) = source_location(&source, quote.span, enc) else {
                    continue;
                };
                let speaker = quote.speaker.as_ref().map(|s| s.mention_text.clone());
                let file = source
                    .path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                out.push(WorkspaceSymbol {
                    name: quote_name(&quote.text),
                    kind: SymbolKind::STRING,
                    tags: None,
                    container_name: Some(match speaker {
                        Some(s) => format!("{s} · {file}"),
                        None => file,
                    }),
                    location: OneOf::Left(loc),
                    data: None,
                });
            }
        }
    }
    out
}
