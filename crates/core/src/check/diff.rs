//! The word-by-word difference between a draft quote and the source wording it was
//! matched to, for messages and for hovers that show "the differences marked".
//!
//! Built from an alignment made by [`super::matching`]; this module only groups its
//! steps into runs and renders them.

use serde::{Deserialize, Serialize};

/// What a run of words is, comparing the draft quote with the source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DiffKind {
    /// The same words on both sides (after normalisation). Text as the source has it.
    Same,
    /// Words the source has and the draft does not (text from the source).
    SourceOnly,
    /// Words the draft has and the source does not (text from the draft).
    DraftOnly,
    /// Source words the draft leaves out where it says so ("..." or "…"): allowed.
    Omitted,
    /// Draft words in [square brackets] standing for source words: allowed.
    Bracketed,
}

/// One run of words of one kind.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiffPart {
    pub kind: DiffKind,
    pub text: String,
}

/// The draft quote against its source wording, as runs in reading order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WordDiff {
    pub parts: Vec<DiffPart>,
}

impl WordDiff {
    /// Append a run, joining it to the previous one when it is of the same kind.
    pub fn push(&mut self, kind: DiffKind, text: &str) {
        if text.is_empty() {
            return;
        }
        if let Some(last) = self.parts.last_mut() {
            if last.kind == kind {
                last.text.push(' ');
                last.text.push_str(text);
                return;
            }
        }
        self.parts.push(DiffPart {
            kind,
            text: text.to_string(),
        });
    }

    /// Whether the draft changes the wording (anything beyond omissions marked by an
    /// ellipsis and bracketed substitutions).
    pub fn has_changes(&self) -> bool {
        self.parts
            .iter()
            .any(|p| matches!(p.kind, DiffKind::SourceOnly | DiffKind::DraftOnly))
    }

    /// The runs that are changes, as (source words, draft words) pairs in order: a
    /// replacement has both, an addition or a deletion one.
    pub fn changes(&self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        let mut pending: Option<(String, String)> = None;
        for part in &self.parts {
            match part.kind {
                DiffKind::SourceOnly => {
                    let p = pending.get_or_insert_with(Default::default);
                    join(&mut p.0, &part.text);
                }
                DiffKind::DraftOnly => {
                    let p = pending.get_or_insert_with(Default::default);
                    join(&mut p.1, &part.text);
                }
                _ => {
                    if let Some(p) = pending.take() {
                        out.push(p);
                    }
                }
            }
        }
        if let Some(p) = pending.take() {
            out.push(p);
        }
        out
    }

    /// A one-line summary of the changes: `"mechanism" → "process"`, `adds "very"`,
    /// `drops "a"`.
    pub fn summary(&self) -> String {
        let changes = self.changes();
        let mut pieces: Vec<String> = Vec::new();
        let trim = |s: &str| s.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
        for (source, draft) in changes.iter().take(3) {
            let (source, draft) = (trim(source), trim(draft));
            pieces.push(match (source.is_empty(), draft.is_empty()) {
                (false, false) => {
                    format!("\u{201c}{source}\u{201d} became \u{201c}{draft}\u{201d}")
                }
                (true, false) => format!("\u{201c}{draft}\u{201d} was added"),
                (false, true) => format!("\u{201c}{source}\u{201d} was left out"),
                (true, true) => continue,
            });
        }
        if changes.len() > 3 {
            pieces.push(format!("{} more changes", changes.len() - 3));
        }
        pieces.join(", ")
    }

    /// The source wording with the differences marked in Markdown: words the draft drops
    /// struck through (`~~mechanism~~`), words it adds in bold (`**process**`), omissions
    /// as `[…]`.
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        for part in &self.parts {
            let piece = match part.kind {
                DiffKind::Same => part.text.clone(),
                DiffKind::SourceOnly => format!("~~{}~~", part.text),
                DiffKind::DraftOnly => format!("**{}**", part.text),
                DiffKind::Omitted => "[\u{2026}]".to_string(),
                DiffKind::Bracketed => format!("_{}_", part.text),
            };
            join(&mut out, &piece);
        }
        out
    }

    /// The same in plain text: `[-mechanism-]{+process+}`, as `git diff --word-diff`.
    pub fn to_plain(&self) -> String {
        let mut out = String::new();
        for part in &self.parts {
            let piece = match part.kind {
                DiffKind::Same | DiffKind::Bracketed => part.text.clone(),
                DiffKind::SourceOnly => format!("[-{}-]", part.text),
                DiffKind::DraftOnly => format!("{{+{}+}}", part.text),
                DiffKind::Omitted => "\u{2026}".to_string(),
            };
            join(&mut out, &piece);
        }
        out
    }
}

fn join(out: &mut String, piece: &str) {
    if !out.is_empty() {
        out.push(' ');
    }
    out.push_str(piece);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> WordDiff {
        let mut d = WordDiff::default();
        d.push(DiffKind::Same, "through a voluntary");
        d.push(DiffKind::SourceOnly, "mechanism,");
        d.push(DiffKind::DraftOnly, "process,");
        d.push(DiffKind::Same, "the refugees");
        d
    }

    #[test]
    fn runs_of_one_kind_merge() {
        let mut d = WordDiff::default();
        d.push(DiffKind::Same, "a");
        d.push(DiffKind::Same, "b");
        assert_eq!(d.parts.len(), 1);
        assert_eq!(d.parts[0].text, "a b");
    }

    #[test]
    fn replacement_is_one_change() {
        let d = sample();
        assert!(d.has_changes());
        assert_eq!(
            d.changes(),
            vec![("mechanism,".to_string(), "process,".to_string())]
        );
        assert!(d.summary().contains("mechanism"));
        assert!(d.summary().contains("process"));
    }

    #[test]
    fn markdown_and_plain_mark_the_change() {
        let d = sample();
        assert_eq!(
            d.to_markdown(),
            "through a voluntary ~~mechanism,~~ **process,** the refugees"
        );
        assert_eq!(
            d.to_plain(),
            "through a voluntary [-mechanism,-] {+process,+} the refugees"
        );
    }

    #[test]
    fn omissions_are_not_changes() {
        let mut d = WordDiff::default();
        d.push(DiffKind::Same, "one");
        d.push(DiffKind::Omitted, "two three");
        d.push(DiffKind::Same, "four");
        assert!(!d.has_changes());
        assert_eq!(d.to_markdown(), "one [\u{2026}] four");
    }
}
