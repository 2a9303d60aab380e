//! Hover: what the sources say about the quote or the person under the cursor.
//!
//! On a quote: whether the sources carry it, who they say said it, how the verdict was
//! reached (how many words matched where, and how each side names the speaker), and each
//! source (title, outlet, author, date, address, `file:line`) with its wording, the
//! differences marked. On a
//! person: the name the sources use, the titles they give (and where), how many quotes
//! they attribute, and the other spellings. Reads a [`Checked`]; decides nothing.

use tower_lsp_server::ls_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position};

use crate::analysis::Analysis;
use crate::check::evidence::Credit;
use crate::check::{speakers, FindingCode, QuoteStatus, QuoteVerdict, SpeakerBasis};
use crate::index::{CorpusEntity, CorpusIndex, Location};

use super::archive::{evidence, source_location};
use super::checked::Checked;
use super::diagnostics::source_label;
use super::position;

/// The hover at `pos`, if it is on a quote or a person.
pub fn hover(c: &Checked, pos: Position, markdown: bool) -> Option<Hover> {
    let offset = position::offset_at(&c.rope, pos, c.encoding);
    let assignment = c.assignment.as_ref()?;
    let folder = assignment.corpus.read();
    let index = evidence(c, &*folder);
    let (text, span) = if let Some(v) = c.report.quote_at(offset) {
        (quote_hover(v, &c.analysis, &index), v.span)
    } else {
        let entity = c.analysis.entity_at(offset)?;
        let mention = entity.mentions.iter().find(|m| m.span.contains(offset))?;
        let misspelled = c
            .report
            .findings
            .iter()
            .find(|f| f.code == FindingCode::MisspelledName && f.span.contains(offset));
        let text = match (c.report.person(entity.id), misspelled) {
            (Some(p), _) => person_hover(&p.corpus, &index),
            // The diagnostic's reading: a misspelling of someone the sources name.
            (None, Some(f)) => {
                let places: Vec<String> =
                    f.evidence.iter().map(|l| source_link(&index, l)).collect();
                format!(
                    "**{}** is probably a misspelling: the sources spell it **{}** ({}).",
                    f.key,
                    f.fix.as_deref().unwrap_or("differently"),
                    places.join(", ")
                )
            }
            (None, None) => format!(
                "**{}**: the sources do not name this person.",
                entity.canonical
            ),
        };
        (text, mention.span)
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: if markdown {
                MarkupKind::Markdown
            } else {
                MarkupKind::PlainText
            },
            value: if markdown { text } else { plain(&text) },
        }),
        range: Some(position::range_of(&c.rope, span, c.encoding)),
    })
}

/// Markdown reduced to plain text for clients that cannot render it: emphasis marks
/// dropped, a link `[label](target)` shown as its label.
fn plain(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    let mut rest = md;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let link = after.find("](").and_then(|close| {
            let target = &after[close + 2..];
            target.find(')').map(|end| (close, close + 2 + end + 1))
        });
        match link {
            Some((close, consumed)) if !after[..close].contains('\n') => {
                out.push_str(&rest[..open]);
                out.push_str(&after[..close]);
                rest = &after[consumed..];
            }
            _ => {
                out.push_str(&rest[..open + 1]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out.replace("~~", "").replace(['`', '*'], "")
}

fn status_line(v: &QuoteVerdict) -> String {
    let speakers = speaker_names(v);
    let said_by = if speakers.is_empty() {
        String::new()
    } else {
        format!(" The sources give it to **{}**.", speakers.join("**, **"))
    };
    let draft = v
        .draft_speaker
        .as_deref()
        .map(|s| format!(" The draft gives it to {s}."))
        .unwrap_or_default();
    match v.status {
        QuoteStatus::Verified => format!("**Quote verified.**{said_by}"),
        QuoteStatus::Altered => {
            format!("**Quote altered**: the sources word it differently.{said_by}")
        }
        QuoteStatus::Unsourced => "**Quote not found** in any source.".to_string(),
        QuoteStatus::Misattributed => format!("**Quote misattributed.**{said_by}{draft}"),
        QuoteStatus::Unattributed => {
            format!("**Quote found, but the draft does not say who said it.**{said_by}")
        }
        QuoteStatus::Unchecked => "Quote too short to check (a phrase or scare quote).".to_string(),
    }
}

/// The distinct names the sources give as the speaker.
pub fn speaker_names(v: &QuoteVerdict) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for s in &v.speakers {
        if !names.contains(&s.name) {
            names.push(s.name.clone());
        }
    }
    names
}

/// `[arab-news.txt:9](file:///…#L9)` for a place in a source.
pub fn source_link(index: &dyn CorpusIndex, loc: &Location) -> String {
    let Some(source) = index.source(loc.source) else {
        return String::new();
    };
    let label = source_label(&source, loc.span);
    match source_location(&source, loc.span, super::position::Encoding::Utf16) {
        Some(l) => format!("[{label}]({}#L{})", l.uri.as_str(), l.range.start.line + 1),
        None => format!("`{label}`"),
    }
}

fn source_heading(index: &dyn CorpusIndex, loc: &Location) -> String {
    let Some(source) = index.source(loc.source) else {
        return String::new();
    };
    let credit = Credit::of(&source.meta);
    let mut parts: Vec<String> = Vec::new();
    if let Some(t) = &credit.title {
        parts.push(format!("*{t}*"));
    }
    parts.extend(credit.outlet);
    if let Some(a) = &credit.author {
        parts.push(format!("by {a}"));
    }
    parts.extend(credit.date);
    if let Some(url) = &credit.url {
        parts.push(web_link(url));
    }
    if sourced_archive::layered::in_archive(source.id) {
        parts.insert(0, "archive".to_string());
    }
    parts.push(source_link(index, loc));
    parts.join(" · ")
}

/// A web address as a Markdown link (shown as written; a space or parenthesis in it would
/// end a Markdown link, so such an address is shown as code).
fn web_link(url: &str) -> String {
    let linkable = (url.starts_with("https://") || url.starts_with("http://"))
        && !url.contains(|c: char| c.is_whitespace() || c == '(' || c == ')' || c == '<');
    if linkable {
        format!("[{url}]({url})")
    } else {
        format!("`{}`", url.replace('`', "'"))
    }
}

fn quote_hover(v: &QuoteVerdict, analysis: &Analysis, index: &dyn CorpusIndex) -> String {
    let mut out = status_line(v);
    if let Some(how) = basis_lines(v, analysis, index) {
        out.push_str("\n\n");
        out.push_str(&how);
    }
    if !v.matches.is_empty() {
        out.push_str("\n\n");
        for m in &v.matches {
            out.push_str(&format!("- {}\n", source_heading(index, &m.location)));
            let wording = if m.diff.has_changes() {
                m.diff.to_markdown()
            } else {
                m.text.clone()
            };
            out.push_str(&format!("  > {}\n", wording.replace('\n', " ")));
        }
    }
    let elsewhere: Vec<String> = v
        .speakers
        .iter()
        .map(|s| format!("{} ({})", s.name, source_link(index, &s.location)))
        .collect();
    if !elsewhere.is_empty() {
        out.push_str(&format!("\nAttributed to: {}\n", elsewhere.join("; ")));
    }
    out
}

/// How the verdict was reached, in two short lines: how many of the quote's words the
/// best source wording has and where ("Matched 14 of 15 words of a quotation in
/// reuters.md:12"), and who each side makes the speaker and how ("Speaker there: Mike
/// Pompeo (named in the attribution); here: Mike Pompeo (resolved from “he”, the person
/// named just before)").
fn basis_lines(v: &QuoteVerdict, analysis: &Analysis, index: &dyn CorpusIndex) -> Option<String> {
    let m = v.matches.first()?;
    let place = if m.quoted {
        "a quotation in"
    } else {
        "the narrative of"
    };
    let mut out = format!(
        "Matched {} of {} words of {place} {}.",
        m.matched,
        m.total,
        source_link(index, &m.location)
    );
    let there = match v.speakers.first() {
        Some(s) => {
            let mention = index
                .source_text(s.location.source)
                .and_then(|t| {
                    t.get(s.location.span.start..s.location.span.end)
                        .map(str::to_string)
                })
                .unwrap_or_default();
            format!("{} ({})", s.name, how_named(s.basis, &mention))
        }
        None if m.quoted => "not named".to_string(),
        None => "none (narrative names no speaker)".to_string(),
    };
    let here = match (&v.draft_speaker, v.draft_basis) {
        (Some(name), Some(basis)) => {
            let mention = speakers::draft_speaker(analysis, v.quote)
                .map(|(_, sp, _)| sp.mention_text)
                .unwrap_or_default();
            format!("{name} ({})", how_named(basis, &mention))
        }
        (Some(name), None) => name.clone(),
        (None, _) => "not named".to_string(),
    };
    out.push_str(&format!("\nSpeaker there: {there}; here: {here}."));
    Some(out)
}

/// How a text makes someone the speaker, for a reporter: "named in the attribution",
/// "resolved from “he”, the person named just before".
fn how_named(basis: SpeakerBasis, mention: &str) -> String {
    let mention = mention.trim();
    match basis {
        SpeakerBasis::Named => "named in the attribution".to_string(),
        SpeakerBasis::Resolved => {
            format!("resolved from \u{201c}{mention}\u{201d}, the person named just before")
        }
        SpeakerBasis::Continued => "carried on from the quote before".to_string(),
        SpeakerBasis::Guessed if mention.is_empty() => "a guess, not compared".to_string(),
        SpeakerBasis::Guessed => {
            format!("a guess from \u{201c}{mention}\u{201d} among several people, not compared")
        }
    }
}

fn person_hover(e: &CorpusEntity, index: &dyn CorpusIndex) -> String {
    let mut out = format!("**{}**", e.canonical);
    if !e.titles.is_empty() {
        out.push_str("\n\nTitles in the sources:\n");
        let mut seen: Vec<&str> = Vec::new();
        for t in &e.titles {
            if seen.contains(&t.normalized.as_str()) {
                continue;
            }
            seen.push(&t.normalized);
            out.push_str(&format!(
                "- {} ({})\n",
                t.text,
                source_link(index, &t.location)
            ));
        }
    }
    out.push_str(&format!(
        "\nQuoted {} time{} in the sources; named {} time{}.",
        e.quote_count,
        if e.quote_count == 1 { "" } else { "s" },
        e.mentions.len(),
        if e.mentions.len() == 1 { "" } else { "s" }
    ));
    if e.unread > 0 {
        out.push_str(&format!(
            " (Counted in the sources read for this name; {} more that name them were not read.)",
            e.unread
        ));
    }
    if !e.aliases.is_empty() {
        out.push_str(&format!("\n\nAlso written: {}", e.aliases.join(", ")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::plain;

    #[test]
    fn plain_text_has_no_markdown_left() {
        assert_eq!(
            plain("**Quote found** in [arab-news.txt:9](file:///s/arab-news.txt#L9), *AFP*, `x`"),
            "Quote found in arab-news.txt:9, AFP, x"
        );
        assert_eq!(plain("a [bracket] alone"), "a [bracket] alone");
    }
}
