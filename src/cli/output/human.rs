//! The human form, like a compiler's:
//!
//! ```text
//! draft.md:7:72: error[misattributed-quote]: the sources attribute this quote to ...
//!     sources/arab-news.txt:13: “The Russian proposals are currently being examined ...”
//!       (“Russia's refugee plan”, Arab News, by Jane Doe, 12 March 2016, https://…)
//!     fix: Mikhail Mizintsev
//! ```

use std::fmt::Write;

use crate::index::CorpusIndex;

use super::{display_path, place, CheckedFile, LineIndex};

pub fn render(files: &[CheckedFile], corpora: &[&dyn CorpusIndex]) -> String {
    let mut out = String::new();
    let mut totals = [0usize; 4];
    for file in files {
        let path = display_path(&file.path);
        let corpus = corpora.get(file.corpus).copied();
        let lines = LineIndex::new(&file.text);
        for f in &file.report.findings {
            let (line, col) = lines.line_col(f.span.start);
            let _ = writeln!(
                out,
                "{path}:{line}:{col}: {}[{}]: {}",
                f.severity.as_str(),
                f.code.as_str(),
                f.message
            );
            if let Some(corpus) = corpus {
                let mut credited: Vec<String> = Vec::new();
                for l in f.evidence.iter().take(4) {
                    if let Some(p) = place(corpus, l) {
                        let _ = writeln!(
                            out,
                            "    {}:{}: \u{201c}{}\u{201d}",
                            p.path, p.line, p.excerpt
                        );
                        // What the source is, under its first line of evidence.
                        if !p.credit.is_empty() && !credited.contains(&p.path) {
                            let _ = writeln!(out, "      ({})", p.credit.plain());
                            credited.push(p.path);
                        }
                    }
                }
            }
            if let Some(fix) = &f.fix {
                let old = f.span.slice(&file.text);
                if old.chars().count() + fix.chars().count() > 80 {
                    let _ = writeln!(out, "    fix: \u{201c}{fix}\u{201d}");
                } else {
                    let _ = writeln!(
                        out,
                        "    fix: replace \u{201c}{old}\u{201d} with \u{201c}{fix}\u{201d}"
                    );
                }
            }
            totals[f.severity as usize] += 1;
        }
    }
    let parts: Vec<String> = [
        (totals[0], "error"),
        (totals[1], "warning"),
        (totals[2], "information"),
        (totals[3], "hint"),
    ]
    .iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, what)| {
        if *n == 1 || *what == "information" {
            format!("{n} {what}")
        } else {
            format!("{n} {what}s")
        }
    })
    .collect();
    if parts.is_empty() {
        let _ = writeln!(
            out,
            "{}: the draft agrees with its sources",
            plural(files.len(), "file")
        );
    } else {
        let _ = writeln!(
            out,
            "{} in {}",
            parts.join(", "),
            plural(files.len(), "file")
        );
    }
    out
}

fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}
