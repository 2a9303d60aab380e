//! The SARIF 2.1.0 form, for code-scanning tools: one run, one rule per finding code,
//! one result per finding with its region (columns in Unicode code points), the evidence
//! as related locations (with what each source says about itself, when it says anything,
//! in the location's `properties.source`, as in the JSON form) and the fix as a replacement.

use serde_json::{json, Value};

use crate::check::{FindingCode, Severity};
use crate::index::CorpusIndex;

use super::json::SourceOut;
use super::{display_path, place, CheckedFile, LineIndex};

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Information | Severity::Hint => "note",
    }
}

fn describe(code: FindingCode) -> &'static str {
    match code {
        FindingCode::MisattributedQuote => "The sources attribute the quote to someone else.",
        FindingCode::AlteredQuote => "The quote's wording differs from the sources.",
        FindingCode::UnsourcedQuote => "No source contains the quote.",
        FindingCode::MisspelledName => "A name is a near miss of a name in the sources.",
        FindingCode::TitleMismatch => "The title contradicts the one the sources give.",
        FindingCode::UnattributedQuote => "The draft does not say who is speaking.",
    }
}

pub fn render(files: &[CheckedFile], corpora: &[&dyn CorpusIndex]) -> Value {
    let rules: Vec<Value> = FindingCode::ALL
        .iter()
        .map(|c| {
            json!({
                "id": c.as_str(),
                "shortDescription": {"text": describe(*c)},
                "defaultConfiguration": {"level": level(c.default_severity())},
            })
        })
        .collect();
    let mut results: Vec<Value> = Vec::new();
    for file in files {
        let uri = display_path(&file.path).replace('\\', "/");
        let corpus = corpora.get(file.corpus).copied();
        let lines = LineIndex::new(&file.text);
        for f in &file.report.findings {
            let (line, col) = lines.line_col(f.span.start);
            let (end_line, end_col) = lines.line_col(f.span.end);
            let region = json!({
                "startLine": line, "startColumn": col, "endLine": end_line, "endColumn": end_col,
                "byteOffset": f.span.start, "byteLength": f.span.len(),
            });
            let related: Vec<Value> = corpus
                .map(|c| {
                    f.evidence
                        .iter()
                        .filter_map(|l| place(c, l))
                        .enumerate()
                        .map(|(i, p)| {
                            let mut location = json!({
                                "id": i + 1,
                                "message": {"text": p.excerpt},
                                "physicalLocation": {
                                    "artifactLocation": {"uri": p.path.replace('\\', "/")},
                                    "region": {"startLine": p.line, "startColumn": p.column,
                                               "endLine": p.end_line, "endColumn": p.end_column},
                                },
                            });
                            if let Some(source) = SourceOut::of(&p.meta) {
                                location["properties"] = json!({ "source": source });
                            }
                            location
                        })
                        .collect()
                })
                .unwrap_or_default();
            let mut result = json!({
                "ruleId": f.code.as_str(),
                "ruleIndex": FindingCode::ALL.iter().position(|c| *c == f.code).unwrap_or(0),
                "level": level(f.severity),
                "message": {"text": f.message},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}, "region": region}}],
                "relatedLocations": related,
            });
            if let Some(fix) = &f.fix {
                result["fixes"] = json!([{
                    "description": {"text": format!("Replace with \u{201c}{fix}\u{201d}")},
                    "artifactChanges": [{
                        "artifactLocation": {"uri": uri},
                        "replacements": [{
                            "deletedRegion": region,
                            "insertedContent": {"text": fix},
                        }],
                    }],
                }]);
            }
            results.push(result);
        }
    }
    json!({
        "version": "2.1.0",
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "runs": [{
            "tool": {"driver": {
                "name": "sourced",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}
