//! The JSON form:
//! `{"files":[{"path":P,"findings":[{"code":C,"severity":S,"line":L,"column":K,"start":B,
//! "end":B,"message":M,"related":[{"path":P,"line":L,"start":B,"end":B,"excerpt":X,
//! "source":{"title":T,"outlet":O,"author":A,"date":D,"url":U}}],"fix":null|T}]}]}`
//! (line and column 1-based, column in characters, byte offsets), keys in that order.
//! `excerpt` is the source's words there on one line; `source` is what the source says
//! about itself (front matter or page; the date as written there), each part only when
//! given, and `source` only when some part is.

use serde::Serialize;

use crate::index::{CorpusIndex, SourceMeta};

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
    pub excerpt: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceOut>,
}

/// What a source says about itself, each part only when it is given.
#[derive(Serialize)]
pub struct SourceOut {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl SourceOut {
    /// The given parts of `meta`, trimmed; `None` when it gives none.
    pub fn of(meta: &SourceMeta) -> Option<SourceOut> {
        let part = |p: &Option<String>| {
            p.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        let out = SourceOut {
            title: part(&meta.title),
            outlet: part(&meta.outlet),
            author: part(&meta.author),
            date: part(&meta.date),
            url: part(&meta.url),
        };
        let given = [&out.title, &out.outlet, &out.author, &out.date, &out.url]
            .iter()
            .any(|p| p.is_some());
        given.then_some(out)
    }
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
                                    source: SourceOut::of(&p.meta),
                                    path: p.path,
                                    line: p.line,
                                    start: p.start,
                                    end: p.end,
                                    excerpt: p.excerpt,
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
