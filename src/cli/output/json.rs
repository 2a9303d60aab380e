//! The JSON form:
//! `{"files":[{"path":P,"findings":[{"code":C,"severity":S,"line":L,"column":K,"start":B,
//! "end":B,"message":M,"related":[{"path":P,"line":L,"start":B,"end":B}],"fix":null|T}]}]}`
//! (line and column 1-based, column in characters, byte offsets), keys in that order.

use serde::Serialize;

use crate::index::CorpusIndex;

use super::{display_path, place, CheckedFile, LineIndex};

#[derive(Serialize)]
pub struct Output {
    pub files: Vec<FileOut>,
}

#[derive(Serialize)]
pub struct FileOut {
    pub path: String,
    pub findings: Vec<FindingOut>,
}

#[derive(Serialize)]
pub struct FindingOut {
    pub code: &'static str,
    pub severity: &'static str,
    pub line: usize,
    pub column: usize,
    pub start: usize,
    pub end: usize,
    pub message: String,
    pub related: Vec<RelatedOut>,
    pub fix: Option<String>,
}

#[derive(Serialize)]
pub struct RelatedOut {
    pub path: String,
    pub line: usize,
    pub start: usize,
    pub end: usize,
}

pub fn render(files: &[CheckedFile], corpora: &[&dyn CorpusIndex]) -> String {
    let files = files
        .iter()
        .map(|file| {
            let corpus = corpora.get(file.corpus).copied();
            let lines = LineIndex::new(&file.text);
            let findings = file
                .report
                .findings
                .iter()
                .map(|f| {
                    let (line, column) = lines.line_col(f.span.start);
                    let related = corpus
                        .map(|c| {
                            f.evidence
                                .iter()
                                .filter_map(|l| place(c, l))
                                .map(|p| RelatedOut {
                                    path: p.path,
                                    line: p.line,
                                    start: p.start,
                                    end: p.end,
                                })
                                .collect()
                        })
                        .unwrap_or_default();
                    FindingOut {
                        code: f.code.as_str(),
                        severity: f.severity.as_str(),
                        line,
                        column,
                        start: f.span.start,
                        end: f.span.end,
                        message: f.message.clone(),
                        related,
                        fix: f.fix.clone(),
                    }
                })
                .collect();
            FileOut {
                path: display_path(&file.path),
                findings,
            }
        })
        .collect();
    serde_json::to_string(&Output { files }).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
}
