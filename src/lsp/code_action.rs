//! Quick fixes for the findings in a range: the text edits the checks propose (restore
//! the source wording, change the speaker, fix a spelling or a title), and the two
//! server-side actions, "ignore this finding here" and "add this spelling as an alias",
//! which run as commands so they work the same in every editor.

use std::collections::HashMap;

use serde_json::json;
use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Command, Range, TextEdit, WorkspaceEdit,
};

use crate::check::{Finding, FindingCode};
use crate::index::CorpusIndex;

use super::checked::Checked;
use super::commands::{ADD_ALIAS, IGNORE_FINDING};
use super::position;

fn overlaps(a: Range, b: Range) -> bool {
    let before = |x: tower_lsp_server::ls_types::Position,
                  y: tower_lsp_server::ls_types::Position| {
        (x.line, x.character) < (y.line, y.character)
    };
    // Touching counts: a cursor at either end of a finding offers its fixes.
    !before(a.end, b.start) && !before(b.end, a.start)
}

fn fix_title(f: &Finding, fix: &str) -> String {
    let short: String = fix.chars().take(60).collect();
    let short = if short.len() < fix.len() {
        format!("{short}…")
    } else {
        short
    };
    match f.code {
        FindingCode::AlteredQuote => "Restore the source wording".to_string(),
        FindingCode::MisattributedQuote => format!("Change the speaker to {short}"),
        FindingCode::MisspelledName => format!("Change the spelling to {short}"),
        FindingCode::TitleMismatch => format!("Change the title to {short}"),
        _ => format!("Replace with {short}"),
    }
}

/// The corpus name a misspelled draft name stands for.
fn canonical_for(c: &Checked, f: &Finding) -> Option<String> {
    let fix = f.fix.as_deref()?;
    let a = c.assignment.as_ref()?;
    let index = a.corpus.read();
    let named = index.entities_named(fix);
    Some(
        named
            .first()
            .map(|e| e.canonical.clone())
            .unwrap_or_else(|| fix.to_string()),
    )
}

/// The code actions for the findings that touch `range`.
pub fn code_actions(c: &Checked, range: Range) -> Vec<CodeActionOrCommand> {
    let mut out = Vec::new();
    for (i, f) in c.report.findings.iter().enumerate() {
        let frange = position::range_of(&c.rope, f.span, c.encoding);
        if !overlaps(frange, range) {
            continue;
        }
        let diagnostic = c.diagnostics.get(i).cloned();
        if let Some(fix) = &f.fix {
            let edit = TextEdit {
                range: frange,
                new_text: fix.clone(),
            };
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: fix_title(f, fix),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: diagnostic.clone().map(|d| vec![d]),
                edit: Some(WorkspaceEdit {
                    changes: Some(HashMap::from([(c.uri.clone(), vec![edit])])),
                    ..Default::default()
                }),
                is_preferred: Some(true),
                ..Default::default()
            }));
        }
        if f.code == FindingCode::MisspelledName {
            if let Some(canonical) = canonical_for(c, f) {
                out.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: format!(
                        "Accept \u{201c}{}\u{201d} as a spelling of {canonical}",
                        f.key
                    ),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: diagnostic.clone().map(|d| vec![d]),
                    command: Some(Command {
                        title: "Add this spelling as an alias".into(),
                        command: ADD_ALIAS.into(),
                        arguments: Some(vec![json!({
                            "uri": c.uri.as_str(), "alias": f.key, "canonical": canonical,
                        })]),
                    }),
                    ..Default::default()
                }));
            }
        }
        out.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: format!("Ignore this {} finding here", f.code.as_str()),
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: diagnostic.map(|d| vec![d]),
            command: Some(Command {
                title: "Ignore this finding here".into(),
                command: IGNORE_FINDING.into(),
                arguments: Some(vec![json!({
                    "uri": c.uri.as_str(), "code": f.code.as_str(), "text": f.key,
                })]),
            }),
            ..Default::default()
        }));
    }
    out
}
