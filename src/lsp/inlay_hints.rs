//! Inlay hints: after each quote, its verdict in a few words ("Mizintsev, 2 sources";
//! "altered: Mizintsev, 1 source"; "not in the sources").

use std::collections::HashSet;

use tower_lsp_server::ls_types::{InlayHint, InlayHintLabel, InlayHintTooltip, Range};

use crate::check::{QuoteStatus, QuoteVerdict};

use super::checked::Checked;
use super::hover::speaker_names;
use super::position;

/// The surname-like last word of a name ("Mikhail Mizintsev" -> "Mizintsev").
fn short_name(name: &str) -> &str {
    name.split_whitespace().last().unwrap_or(name)
}

/// The hint text for one verdict; `None` for quotes too short to check.
pub fn label(v: &QuoteVerdict) -> Option<String> {
    let sources: HashSet<_> = v.matches.iter().map(|m| m.location.source).collect();
    let n = sources.len();
    let count = format!("{n} source{}", if n == 1 { "" } else { "s" });
    let names = speaker_names(v);
    let who = match names.first() {
        Some(name) => format!("{}, {count}", short_name(name)),
        None => count,
    };
    Some(match v.status {
        QuoteStatus::Verified => who,
        QuoteStatus::Altered => format!("altered: {who}"),
        QuoteStatus::Misattributed => format!("misattributed: {who}"),
        QuoteStatus::Unattributed => format!("unattributed: {who}"),
        QuoteStatus::Unsourced => "not in the sources".to_string(),
        QuoteStatus::Unchecked => return None,
    })
}

/// The hints for the quotes in `range`.
pub fn inlay_hints(c: &Checked, range: Range) -> Vec<InlayHint> {
    let lo = position::offset_at(&c.rope, range.start, c.encoding);
    let hi = position::offset_at(&c.rope, range.end, c.encoding);
    c.report
        .quotes
        .iter()
        .filter(|v| v.span.end >= lo && v.span.start <= hi)
        .filter_map(|v| {
            let text = label(v)?;
            Some(InlayHint {
                position: position::position_at(&c.rope, v.span.end, c.encoding),
                label: InlayHintLabel::String(text),
                kind: None,
                text_edits: None,
                tooltip: Some(InlayHintTooltip::String(format!(
                    "Sourced: quote {}",
                    v.status.as_str()
                ))),
                padding_left: Some(true),
                padding_right: Some(false),
                data: None,
            })
        })
        .collect()
}
