//! Where evidence was found, in words: a finding whose evidence is archived says so, and
//! archived evidence is shown with what it says about itself (outlet, date, title, URL).

use sourced_core::check::evidence::Credit;
use sourced_core::check::Report;
use sourced_core::index::{CorpusIndex, Source};

use crate::layered::in_archive;

/// An archived source as a reader knows it: `AFP, 20 July 2018, “Title”, https://...`
/// (the parts it has; its file name when it has none).
pub fn describe(source: &Source) -> String {
    let credit = Credit::of(&source.meta);
    let mut parts: Vec<String> = Vec::new();
    parts.extend(credit.outlet);
    parts.extend(credit.date);
    if let Some(t) = credit.title {
        parts.push(format!("\u{201c}{t}\u{201d}"));
    }
    parts.extend(credit.url);
    if parts.is_empty() {
        parts.push(
            source
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| source.path.display().to_string()),
        );
    }
    parts.join(", ")
}

/// Add to each finding with archived evidence where it was found: `(in the archive: AFP,
/// 20 July 2018, “Title”)`, each archived source once.
pub fn say_where(report: &mut Report, corpus: &dyn CorpusIndex) {
    for f in &mut report.findings {
        let mut seen = Vec::new();
        let mut described = Vec::new();
        for l in f.evidence.iter().filter(|l| in_archive(l.source)) {
            if seen.contains(&l.source) {
                continue;
            }
            seen.push(l.source);
            if let Some(s) = corpus.source(l.source) {
                described.push(describe(&s));
            }
        }
        if !described.is_empty() {
            f.message = format!("{} (in the archive: {})", f.message, described.join("; "));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sourced_core::index::{SourceId, SourceMeta};
    use std::sync::Arc;

    fn source(meta: SourceMeta) -> Source {
        Source {
            id: SourceId(crate::layered::ARCHIVE_BIT | 4),
            path: "/archive/2018/afp-0720.html".into(),
            meta,
            text: Arc::from(""),
            text_is_file: false,
            page: None,
            analysis: Default::default(),
        }
    }

    #[test]
    fn archived_evidence_is_named_by_outlet_date_title_and_url() {
        let full = source(SourceMeta {
            title: Some("Russia asks U.S. to help return refugees".into()),
            outlet: Some("AFP".into()),
            date: Some("2018-07-20".into()),
            url: Some("https://example.org/afp/0720".into()),
            author: None,
        });
        assert_eq!(
            describe(&full),
            "AFP, 20 July 2018, \u{201c}Russia asks U.S. to help return refugees\u{201d}, https://example.org/afp/0720"
        );
        assert_eq!(describe(&source(SourceMeta::default())), "afp-0720.html");
    }
}
