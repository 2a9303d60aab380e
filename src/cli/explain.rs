//! `sourced explain CODE`: what a finding code means and how to resolve it, from the
//! findings documentation built into the binary (as `rustc --explain` does), so the
//! explanation is there on every install.

use std::process::ExitCode;

use crate::check::FindingCode;

/// docs/findings.md, one `## code` section per finding code.
const FINDINGS: &str = include_str!("../../docs/findings.md");

/// The section of the findings documentation about `code`, without its heading.
pub fn explanation(code: &str) -> Option<&'static str> {
    let heading = format!("## {code}\n");
    let start = FINDINGS.find(&heading)? + heading.len();
    let rest = &FINDINGS[start..];
    let end = rest.find("\n## ").map_or(rest.len(), |e| e + 1);
    Some(rest[..end].trim())
}

fn codes() -> String {
    FindingCode::ALL
        .iter()
        .map(|c| format!("  {}", c.as_str()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Run `sourced explain` with `args` (after the word `explain`).
pub fn run(args: &[String]) -> ExitCode {
    let usage = format!(
        "usage: sourced explain CODE\n\nWhat a finding code means and how to resolve it. The codes:\n{}",
        codes()
    );
    match args.first().map(String::as_str) {
        Some("--help") | Some("-h") => {
            println!("{usage}");
            ExitCode::SUCCESS
        }
        Some(code) if args.len() == 1 => match explanation(code) {
            Some(text) => {
                println!("{code}\n\n{text}");
                ExitCode::SUCCESS
            }
            None => {
                eprintln!("sourced explain: no finding has the code {code:?}\n\n{usage}");
                ExitCode::from(2)
            }
        },
        _ => {
            eprintln!("{usage}");
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_explained() {
        for code in FindingCode::ALL {
            let text = explanation(code.as_str())
                .unwrap_or_else(|| panic!("{} has no section", code.as_str()));
            assert!(text.starts_with("**Default:"), "{}: {text}", code.as_str());
            assert!(
                !text.contains("\n## "),
                "{}: runs into the next section",
                code.as_str()
            );
        }
        assert!(explanation("no-such-code").is_none());
    }
}
