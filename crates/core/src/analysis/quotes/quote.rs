//! Direct quotations: where each one is, and the data type that describes it.
//!
//! Finding who said a quote is [`crate::analysis::attribution`]'s job; this module only finds the
//! quotation marks and what they enclose.
//!
//! How marks are read:
//! - Double marks (`"`, `“ ”`, `„`, `« »`) are quotation marks; the glyph and what
//!   stands on either side decide whether one opens or closes. A straight mark glued
//!   between two words (`this week."Specific`, `said"The`) opens when no quote is open
//!   and closes one that is.
//! - Single marks (`'`, `‘ ’`) are quotation marks only when one opens at the start of
//!   a word and a matching one closes at the end of a word, in the same paragraph and
//!   not too far; otherwise they are apostrophes (`It's`, `Assad’s`, `the Smiths'`,
//!   `rock 'n' roll`, `'90s`). Quotes nested inside another quote are part of the outer
//!   one and are not reported separately.
//! - A quote never runs past its paragraph. When a paragraph ends with the quote still
//!   open and the next paragraph starts with an opening mark, the quotation continues
//!   there (the news convention for long quotes): the next `Quote` has
//!   `continues_previous`. An opening mark met while a quote is already open ends the
//!   unclosed one (`... home country. “There is ...`).
//!
//! Paragraphs are those of [`crate::analysis::paragraphs`].
//!
//! Work is linear in the length of the text.

use serde::{Deserialize, Serialize};

use crate::analysis::entity::{EntityId, MentionKind};
use crate::analysis::span::Span;

pub use crate::analysis::paragraphs::paragraphs;
pub(crate) use crate::analysis::paragraphs::trim;

/// One direct quotation.
///
/// A quote split by its attribution (`"It's important," he said, "that ..."`) is two
/// `Quote`s; the second has `continues_previous` set. So is each paragraph of a quote
/// that runs over several paragraphs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// The quotation, marks included.
    pub span: Span,
    /// What the marks enclose.
    pub inner: Span,
    /// The quoted words as written (the text of `inner`).
    pub text: String,
    /// Who said it, when the text says so.
    pub speaker: Option<Speaker>,
    /// The reporting words ("said", "told reporters", "according to").
    pub cue: Option<Cue>,
    /// This quote carries on the one before it (split by attribution, or a new paragraph
    /// of the same quotation).
    pub continues_previous: bool,
    /// False when no closing mark was found: the quote then ends at the end of its
    /// paragraph, or where the next quotation opens.
    #[serde(default = "yes")]
    pub closed: bool,
}

impl Quote {
    /// A closed quote with no attribution yet (for tests and other producers; prefer
    /// this to a struct literal, which breaks whenever a field is added).
    pub fn new(span: Span, inner: Span, text: impl Into<String>) -> Quote {
        Quote {
            span,
            inner,
            text: text.into(),
            speaker: None,
            cue: None,
            continues_previous: false,
            closed: true,
        }
    }
}

fn yes() -> bool {
    true
}

/// The speaker of a quote, as the text names them at the attribution.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Speaker {
    /// The words that name the speaker at the attribution ("he", "Pompeo",
    /// "Secretary of State Mike Pompeo", "the influential US daily").
    pub mention: Span,
    pub mention_text: String,
    pub kind: MentionKind,
    /// The person or organisation the mention refers to, once resolved.
    pub entity: Option<EntityId>,
    /// True when no cue names the speaker here and the quote continues the previous
    /// speaker (a paragraph that is only a quote).
    pub inherited: bool,
}

/// The reporting words of an attribution.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cue {
    pub span: Span,
    pub text: String,
}

/// Set every text field of `quotes` from `text`, the original of a masked prose.
pub fn restore_text(text: &str, quotes: &mut [Quote]) {
    for q in quotes {
        q.text = q.inner.slice(text).to_string();
        if let Some(s) = &mut q.speaker {
            s.mention_text = s.mention.slice(text).to_string();
        }
        if let Some(c) = &mut q.cue {
            c.text = c.span.slice(text).to_string();
        }
    }
}

/// Longest single-quoted quotation accepted, in bytes: single marks further apart are
/// more likely apostrophes than a quotation.
const MAX_SINGLE_QUOTE: usize = 700;

/// Find every direct quotation in `prose` (text with markup already masked).
pub fn find_quotes(prose: &str) -> Vec<Quote> {
    let paras = paragraphs(prose);
    let mut out = Vec::new();
    let mut continue_next = false;
    for (i, para) in paras.iter().enumerate() {
        let next_opens = paras
            .get(i + 1)
            .is_some_and(|next| starts_with_opening_mark(prose, *next));
        scan_paragraph(prose, *para, &mut continue_next, next_opens, &mut out);
    }
    out
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Family {
    Double,
    Single,
}

/// What the glyph itself says about its direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Glyph {
    Open,
    Close,
    Either,
}

/// What stands around a mark says about its direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Context {
    /// Space or an opening bracket before, a word after: `say "Hello`.
    Open,
    /// A word before, space or punctuation after: `world," he`.
    Close,
    /// Non-space on both sides: `week."Specific`, `said"The`, `It's`.
    Glued,
    /// Space on both sides: `a " b`.
    Spaced,
}

fn mark_kind(c: char) -> Option<(Family, Glyph)> {
    Some(match c {
        '"' | '\u{FF02}' => (Family::Double, Glyph::Either),
        '\u{201C}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{301D}' => {
            (Family::Double, Glyph::Open)
        }
        '\u{201D}' | '\u{00BB}' | '\u{301E}' | '\u{301F}' => (Family::Double, Glyph::Close),
        '\'' => (Family::Single, Glyph::Either),
        '\u{2018}' | '\u{201A}' | '\u{201B}' | '\u{2039}' => (Family::Single, Glyph::Open),
        '\u{2019}' | '\u{203A}' => (Family::Single, Glyph::Close),
        _ => return None,
    })
}

/// Whether `c` is any quotation mark: the one list of them, which name reading uses too.
pub fn is_quote_mark(c: char) -> bool {
    mark_kind(c).is_some() || c == '`'
}

fn opens_before(c: char) -> bool {
    c.is_whitespace()
        || matches!(c, '(' | '[' | '{' | '<' | '—' | '–' | '-' | '/')
        || is_quote_mark(c)
}

fn closes_after(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '>' | '…' | '—' | '–' | '-' | '/'
        )
        || is_quote_mark(c)
}

fn context(prev: Option<char>, next: Option<char>) -> Context {
    let open_side = prev.map_or(true, opens_before);
    let close_side = next.map_or(true, closes_after);
    let next_space = next.map_or(true, char::is_whitespace);
    let prev_space = prev.map_or(true, char::is_whitespace);
    let open = open_side && !next_space;
    let close = close_side && !prev_space;
    match (open, close) {
        (true, false) => Context::Open,
        (false, true) => Context::Close,
        (true, true) => Context::Glued,
        (false, false) => {
            if prev_space && next_space {
                Context::Spaced
            } else {
                Context::Glued
            }
        }
    }
}

#[derive(Clone, Copy, Debug)]
struct Cand {
    pos: usize,
    len: usize,
    family: Family,
    glyph: Glyph,
    ctx: Context,
    /// A single mark that can only be an apostrophe.
    apostrophe: bool,
}

impl Cand {
    fn end(&self) -> usize {
        self.pos + self.len
    }
    fn single_can_open(&self) -> bool {
        self.family == Family::Single && !self.apostrophe && self.ctx == Context::Open
    }
    fn single_can_close(&self) -> bool {
        self.family == Family::Single
            && !self.apostrophe
            && matches!(self.ctx, Context::Close | Context::Glued)
    }
}

/// Words whose leading apostrophe marks an elision, not a quotation.
fn is_elision(after: &str) -> bool {
    let word: String = after
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .take(6)
        .flat_map(char::to_lowercase)
        .collect();
    if after.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return true;
    }
    matches!(
        word.as_str(),
        "n" | "em"
            | "til"
            | "tis"
            | "twas"
            | "cause"
            | "bout"
            | "round"
            | "nuff"
            | "s"
            | "t"
            | "ll"
            | "re"
            | "ve"
            | "d"
            | "m"
            | "er"
            | "ello"
            | "ere"
            | "ow"
            | "scuse"
            | "fraid"
    )
}

fn candidates(text: &str, para: Span) -> Vec<Cand> {
    let slice = para.slice(text);
    let bytes = slice.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        // Only '"', '\'', '`' and non-ASCII characters can be (or start) a mark: skip
        // the other bytes without decoding them.
        let b = bytes[i];
        if b < 0x80 && b != b'"' && b != b'\'' && b != b'`' {
            i += 1;
            continue;
        }
        // `i` is on a character boundary: ASCII bytes step by one, others by their
        // character's length.
        let Some(c) = slice.get(i..).and_then(|s| s.chars().next()) else {
            i += 1;
            continue;
        };
        let after_c = i + c.len_utf8();
        let char_after = |at: usize| slice.get(at..).and_then(|s| s.chars().next());
        let mut next = char_after(after_c);
        // Two apostrophes or two backticks stand for a double mark (''news'', ``TeX'').
        let doubled = (c == '\'' || c == '`') && next == Some(c);
        let kind = if doubled {
            next = char_after(after_c + 1);
            Some((
                Family::Double,
                if c == '`' { Glyph::Open } else { Glyph::Either },
            ))
        } else {
            mark_kind(c)
        };
        if let Some((family, glyph)) = kind {
            let prev = if i == 0 {
                text.get(..para.start).and_then(|s| s.chars().next_back())
            } else {
                slice.get(..i).and_then(|s| s.chars().next_back())
            };
            let ctx = context(prev, next);
            let pos = para.start + i;
            let len = if doubled { 2 } else { c.len_utf8() };
            let apostrophe = family == Family::Single
                && (prev.is_some_and(char::is_alphanumeric)
                    && next.is_some_and(char::is_alphanumeric)
                    || (ctx == Context::Open && is_elision(text.get(pos + len..).unwrap_or(""))));
            out.push(Cand {
                pos,
                len,
                family,
                glyph,
                ctx,
                apostrophe,
            });
        }
        i = if doubled { after_c + 1 } else { after_c };
    }
    out
}

/// Whether the paragraph begins with an opening double mark.
fn starts_with_opening_mark(text: &str, para: Span) -> bool {
    let slice = para.slice(text);
    if slice.starts_with("''") || slice.starts_with("``") {
        return true;
    }
    let mut chars = slice.chars();
    match chars.next().and_then(mark_kind) {
        Some((Family::Double, glyph)) => {
            glyph != Glyph::Close || chars.next().is_some_and(|c| !c.is_whitespace())
        }
        _ => false,
    }
}

/// An open double quotation while scanning a paragraph.
#[derive(Clone, Copy)]
struct Open {
    start: usize,
    inner_start: usize,
    continues: bool,
}

fn scan_paragraph(
    text: &str,
    para: Span,
    continue_next: &mut bool,
    next_para_opens: bool,
    out: &mut Vec<Quote>,
) {
    let cands = candidates(text, para);
    let pending_continue = std::mem::take(continue_next);

    // For each candidate, the index of the next single mark that can close a quote,
    // and a running count of double marks (to reject single quotes that would
    // swallow half a double quotation).
    let mut next_single_close = vec![usize::MAX; cands.len()];
    let mut following = usize::MAX;
    for i in (0..cands.len()).rev() {
        next_single_close[i] = following;
        if cands[i].single_can_close() {
            following = i;
        }
    }
    let mut doubles_before = Vec::with_capacity(cands.len() + 1);
    let mut count = 0usize;
    for c in &cands {
        doubles_before.push(count);
        if c.family == Family::Double {
            count += 1;
        }
    }
    doubles_before.push(count);

    let mut open: Option<Open> = None;
    let mut i = 0;
    while i < cands.len() {
        let c = cands[i];
        match (open, c.family) {
            (None, Family::Double) => {
                let opens = match c.ctx {
                    Context::Open | Context::Glued => true,
                    Context::Spaced => c.glyph == Glyph::Open,
                    Context::Close => false,
                };
                if opens {
                    open = Some(Open {
                        start: c.pos,
                        inner_start: c.end(),
                        continues: pending_continue
                            && out_is_first_here(out, para)
                            && c.pos == para.start,
                    });
                }
            }
            (None, Family::Single) => {
                if c.single_can_open() {
                    let j = next_single_close[i];
                    if let Some(close) = cands.get(j) {
                        let inner = Span::new(c.end(), close.pos);
                        let doubles_inside = doubles_before[j] - doubles_before[i + 1];
                        if close.pos - c.pos <= MAX_SINGLE_QUOTE
                            && doubles_inside % 2 == 0
                            && plausible_single(inner.slice(text))
                        {
                            push_quote(text, out, c.pos, inner, close.end(), false, true);
                            i = j + 1;
                            continue;
                        }
                    }
                }
            }
            (Some(o), Family::Double) => {
                let action = match c.ctx {
                    Context::Close | Context::Glued => Some(true),
                    Context::Spaced => Some(c.glyph != Glyph::Open),
                    Context::Open => Some(false),
                };
                match action {
                    Some(true) => {
                        let inner = Span::new(o.inner_start, c.pos);
                        push_quote(text, out, o.start, inner, c.end(), o.continues, true);
                        open = None;
                    }
                    Some(false) => {
                        // An opening mark inside an open quote: the first one was
                        // never closed. End it here and open the new one.
                        let inner = trim(text, Span::new(o.inner_start, c.pos));
                        push_quote(text, out, o.start, inner, inner.end, o.continues, false);
                        open = Some(Open {
                            start: c.pos,
                            inner_start: c.end(),
                            continues: false,
                        });
                    }
                    None => {}
                }
            }
            (Some(_), Family::Single) => {}
        }
        i += 1;
    }
    if let Some(o) = open {
        let inner = trim(text, Span::new(o.inner_start, para.end));
        let before = out.len();
        push_quote(text, out, o.start, inner, inner.end, o.continues, false);
        if next_para_opens && out.len() > before {
            *continue_next = true;
        }
    }
}

/// True when no quote has been found yet in this paragraph.
fn out_is_first_here(out: &[Quote], para: Span) -> bool {
    out.last().map_or(true, |q| q.span.start < para.start)
}

/// Whether the text between two single marks reads as a quotation rather than the
/// stretch between two apostrophes.
fn plausible_single(inner: &str) -> bool {
    let letters = inner.chars().filter(|c| c.is_alphabetic()).count();
    if letters == 0 {
        return false;
    }
    // 'n', 'em: too short to be a quotation.
    if letters <= 2 && !inner.contains(' ') {
        return false;
    }
    // A quotation starts with a word, not with a space.
    !inner.starts_with(char::is_whitespace) && !inner.ends_with(char::is_whitespace)
}

fn push_quote(
    text: &str,
    out: &mut Vec<Quote>,
    start: usize,
    inner: Span,
    end: usize,
    continues_previous: bool,
    closed: bool,
) {
    let inner_text = inner.slice(text);
    if inner_text.trim().is_empty() || inner.start > inner.end || end < inner.end {
        return;
    }
    out.push(Quote {
        span: Span::new(start, end),
        inner,
        text: inner_text.to_string(),
        speaker: None,
        cue: None,
        continues_previous,
        closed,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(prose: &str) -> Vec<String> {
        find_quotes(prose).into_iter().map(|q| q.text).collect()
    }

    #[test]
    fn straight_and_curly_double_quotes() {
        assert_eq!(
            texts(r#"He said "we will go" and left. She said “no way” twice."#),
            vec!["we will go", "no way"]
        );
    }

    #[test]
    fn guillemets_and_low_high_marks() {
        assert_eq!(texts("Il a dit « non merci » hier."), vec![" non merci "]);
        assert_eq!(texts("Er sagte „nein danke“ gestern."), vec!["nein danke"]);
        assert_eq!(texts("Han sa »ja takk« i går."), vec!["ja takk"]);
    }

    #[test]
    fn apostrophes_are_not_quote_marks() {
        let t = "It's Assad's war, the Smiths' house, rock 'n' roll in the '90s, isn't it?";
        assert!(texts(t).is_empty(), "{:?}", texts(t));
        let t = "It’s Assad’s war and the Smiths’ house.";
        assert!(texts(t).is_empty());
    }

    #[test]
    fn headline_single_quotes() {
        assert_eq!(
            texts("Putin praises Erdogan’s ‘great political authority’"),
            vec!["great political authority"]
        );
        assert_eq!(
            texts("Putin praises Erdogan's 'great political authority'"),
            vec!["great political authority"]
        );
        assert_eq!(
            texts("'We will fight on,' he said of the Smiths' plan."),
            vec!["We will fight on,"]
        );
    }

    #[test]
    fn nested_quotes_stay_inside_the_outer_one() {
        let q = find_quotes(r#""He called it 'a disaster' and left," she said."#);
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].text, "He called it 'a disaster' and left,");
        let q = find_quotes("“They told me ‘go home’ and I did,” she said.");
        assert_eq!(q.len(), 1);
    }

    #[test]
    fn split_quotes_are_two() {
        let q = find_quotes(r#""It's important," he said, "that we go.""#);
        assert_eq!(q.len(), 2);
        assert_eq!(q[0].text, "It's important,");
        assert_eq!(q[1].text, "that we go.");
    }

    #[test]
    fn multi_paragraph_quote() {
        let t = "“First part of it.\n\n“Second part of it.\n\n“Last part.”\n\nNarration.";
        let q = find_quotes(t);
        assert_eq!(q.len(), 3);
        assert!(!q[0].continues_previous);
        assert!(q[1].continues_previous && q[2].continues_previous);
        assert!(!q[0].closed && !q[1].closed && q[2].closed);
        assert_eq!(q[1].text, "Second part of it.");
    }

    #[test]
    fn unclosed_mark_stops_at_paragraph() {
        let t = "He said \"this never ends.\nNext paragraph is \"fine\" here.\nMore.";
        let q = find_quotes(t);
        assert_eq!(q.len(), 2);
        assert_eq!(q[0].text, "this never ends.");
        assert!(!q[0].closed);
        assert_eq!(q[1].text, "fine");
    }

    #[test]
    fn opening_mark_inside_open_quote_ends_it() {
        let t = "“It’s important to return home. “There is lots of work to do.”";
        assert_eq!(
            texts(t),
            vec![
                "It’s important to return home.",
                "There is lots of work to do."
            ]
        );
    }

    #[test]
    fn missing_spaces_in_scraped_text() {
        let t = r#"at their summit this week."Specific proposals have been sent," he said.He said the plan "takes into account" it. Mizintsev said"The Russian proposals are examined," he said."#;
        assert_eq!(
            texts(t),
            vec![
                "Specific proposals have been sent,",
                "takes into account",
                "The Russian proposals are examined,"
            ]
        );
    }

    #[test]
    fn soft_wrapped_markdown_quote_spans_lines() {
        let t = "Intro.\n\nHe said \"this goes\non and on\" today.\n\nEnd.";
        assert_eq!(texts(t), vec!["this goes\non and on"]);
    }

    #[test]
    fn spans_cover_marks_and_inner_text() {
        let t = "A “b c” d";
        let q = &find_quotes(t)[0];
        assert_eq!(q.span.slice(t), "“b c”");
        assert_eq!(q.inner.slice(t), "b c");
    }
}
