//! Property tests of the language server's text sync: random sequences of incremental
//! edits, in UTF-8 and UTF-16 positions, applied to the server's document store leave
//! exactly the text that the same edits give when applied to a plain `String` by an
//! independent, deliberately simple model of the LSP rules:
//!
//! - lines end at `\n`, `\r\n` or a lone `\r` (nothing else);
//! - `character` counts UTF-8 bytes or UTF-16 code units of the line;
//! - a character past the end of its line means the end of the line (before its break), a
//!   line past the last means the end of the text, a position inside a character means
//!   the start of that character, and a reversed range means the range between its ends.
//!
//! The texts are built from characters that stress those rules: multi-byte letters,
//! astral characters (surrogate pairs in UTF-16), combining marks, and all three line
//! breaks, including a `\r` and a `\n` that meet to become one `\r\n` by an edit.

use proptest::prelude::*;
use ropey::Rope;
use std::str::FromStr;

use sourced::lsp::documents::{apply, Documents};
use sourced::lsp::position::{offset_at, position_at, Encoding};
use tower_lsp_server::ls_types::{Position, Range, TextDocumentContentChangeEvent, Uri};

// ---------------------------------------------------------------------------------------
// The model.

/// For each line: its first byte and the end of its content (its break excluded).
fn model_lines(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut lines = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\n' => {
                lines.push((start, i));
                start = i + 1;
            }
            b'\r' => {
                lines.push((start, i));
                if b.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    lines.push((start, b.len()));
    lines
}

fn units(c: char, enc: Encoding) -> usize {
    match enc {
        Encoding::Utf8 => c.len_utf8(),
        Encoding::Utf16 => c.len_utf16(),
    }
}

fn model_offset(text: &str, pos: Position, enc: Encoding) -> usize {
    let lines = model_lines(text);
    let Some(&(start, end)) = lines.get(pos.line as usize) else {
        return text.len();
    };
    let want = pos.character as usize;
    let mut counted = 0;
    for (i, c) in text[start..end].char_indices() {
        if counted + units(c, enc) > want {
            return start + i; // at or inside this character: its start
        }
        counted += units(c, enc);
    }
    end
}

fn model_position(text: &str, offset: usize, enc: Encoding) -> Position {
    let lines = model_lines(text);
    let line = lines
        .iter()
        .rposition(|&(start, _)| start <= offset)
        .unwrap_or(0);
    let start = lines[line].0;
    let character: usize = text[start..offset].chars().map(|c| units(c, enc)).sum();
    Position::new(line as u32, character as u32)
}

fn model_apply(text: &mut String, change: &TextDocumentContentChangeEvent, enc: Encoding) {
    match change.range {
        None => *text = change.text.clone(),
        Some(r) => {
            let a = model_offset(text, r.start, enc);
            let b = model_offset(text, r.end, enc);
            text.replace_range(a.min(b)..a.max(b), &change.text);
        }
    }
}

/// Whether `offset` is a place a position can name: a char boundary not between the
/// `\r` and the `\n` of one line break.
fn nameable(text: &str, offset: usize) -> bool {
    text.is_char_boundary(offset)
        && !(offset > 0
            && text.as_bytes()[offset - 1] == b'\r'
            && text.as_bytes().get(offset) == Some(&b'\n'))
}

#[test]
fn the_model_reads_lsp_positions_as_the_spec_says() {
    let t = "a\u{e9}\u{1f600}b\r\nx\ry\n";
    // Line 0 is "aé😀b": UTF-16 units a=1 é=1 😀=2 b=1.
    let p = |l, c| Position::new(l, c);
    assert_eq!(model_offset(t, p(0, 2), Encoding::Utf16), 3); // before 😀
    assert_eq!(model_offset(t, p(0, 3), Encoding::Utf16), 3); // inside 😀: its start
    assert_eq!(model_offset(t, p(0, 4), Encoding::Utf16), 7); // after 😀
    assert_eq!(model_offset(t, p(0, 2), Encoding::Utf8), 1); // inside é: its start
    assert_eq!(model_offset(t, p(0, 99), Encoding::Utf8), 8); // end of line, before \r\n
    assert_eq!(model_offset(t, p(1, 0), Encoding::Utf8), 10);
    assert_eq!(model_offset(t, p(2, 1), Encoding::Utf8), 13); // lone \r broke the line
    assert_eq!(model_offset(t, p(3, 0), Encoding::Utf8), 14); // empty last line
    assert_eq!(model_offset(t, p(9, 9), Encoding::Utf16), 14); // past the end
    assert_eq!(model_position(t, 13, Encoding::Utf16), p(2, 1));
}

// ---------------------------------------------------------------------------------------
// Strategies.

fn piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "a", "b", "Z", " ", "\"", "é", "€", "ß", "😀", "𝄞", "\u{301}", "ع", "\n", "\r", "\r\n",
        "\n\n", "\u{2028}", "\u{85}", "\t", "\u{feff}",
    ])
}

fn text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..max).prop_map(|v| v.concat())
}

/// A raw position near the text: lines and characters a little past the ends too.
#[derive(Clone, Debug)]
struct RawPos {
    line: u32,
    character: u32,
}

fn raw_pos() -> impl Strategy<Value = RawPos> {
    (0u32..12, 0u32..14).prop_map(|(line, character)| RawPos { line, character })
}

#[derive(Clone, Debug)]
enum Edit {
    Range(RawPos, RawPos, String),
    /// A range built from byte offsets of the current text (so it lands on real text).
    Offsets(prop::sample::Index, prop::sample::Index, String),
    Full(String),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        4 => (raw_pos(), raw_pos(), text(4)).prop_map(|(a, b, t)| Edit::Range(a, b, t)),
        6 => (any::<prop::sample::Index>(), any::<prop::sample::Index>(), text(4))
            .prop_map(|(a, b, t)| Edit::Offsets(a, b, t)),
        1 => text(12).prop_map(Edit::Full),
    ]
}

fn encoding() -> impl Strategy<Value = Encoding> {
    prop_oneof![Just(Encoding::Utf8), Just(Encoding::Utf16)]
}

/// The change event an editor would send for `edit` on the current `text`.
fn event(text: &str, edit: &Edit, enc: Encoding) -> TextDocumentContentChangeEvent {
    let range = |start: Position, end: Position, t: &str| TextDocumentContentChangeEvent {
        range: Some(Range::new(start, end)),
        range_length: None,
        text: t.to_string(),
    };
    match edit {
        Edit::Range(a, b, t) => range(
            Position::new(a.line, a.character),
            Position::new(b.line, b.character),
            t,
        ),
        Edit::Offsets(a, b, t) => {
            let offsets: Vec<usize> = (0..=text.len()).filter(|&o| nameable(text, o)).collect();
            let a = offsets[a.index(offsets.len())];
            let b = offsets[b.index(offsets.len())];
            range(
                model_position(text, a, enc),
                model_position(text, b, enc),
                t,
            )
        }
        Edit::Full(t) => TextDocumentContentChangeEvent {
            range: None,
            range_length: None,
            text: t.clone(),
        },
    }
}

fn uri() -> Uri {
    Uri::from_str("file:///tmp/sourced-robust/draft.md").unwrap()
}

// ---------------------------------------------------------------------------------------
// Properties.

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// One change per notification, as most editors send them.
    #[test]
    fn edits_one_at_a_time_match_the_model(
        initial in text(30),
        edits in prop::collection::vec(edit(), 1..40),
        enc in encoding(),
    ) {
        let mut model = initial.clone();
        let mut rope = Rope::from_str(&initial);
        for (i, e) in edits.iter().enumerate() {
            let ev = event(&model, e, enc);
            let before = model.clone();
            model_apply(&mut model, &ev, enc);
            apply(&mut rope, &ev, enc);
            prop_assert_eq!(
                rope.to_string(), model.clone(),
                "edit {} {:?} on {:?} ({:?})", i, ev, before, enc
            );
        }
    }

    /// Several changes in one didChange, through the document store, as VS Code sends
    /// them when it applies a multi-cursor edit: each change applies to the text left by
    /// the one before.
    #[test]
    fn batched_changes_through_the_store_match_the_model(
        initial in text(30),
        batches in prop::collection::vec(prop::collection::vec(edit(), 1..6), 1..12),
        enc in encoding(),
    ) {
        let mut docs = Documents::new();
        docs.open(uri(), &initial, 1, "markdown");
        let mut model = initial.clone();
        for (v, batch) in batches.iter().enumerate() {
            let mut events = Vec::new();
            for e in batch {
                let ev = event(&model, e, enc);
                model_apply(&mut model, &ev, enc);
                events.push(ev);
            }
            let applied = docs.change(&uri(), v as i32 + 2, &events, enc);
            prop_assert!(applied.is_ok());
            let doc = docs.get(&uri()).unwrap();
            prop_assert_eq!(doc.rope.to_string(), model.clone(), "batch {} {:?}", v, events);
            prop_assert_eq!(doc.version, v as i32 + 2);
        }
    }

    /// Positions and offsets convert both ways as the model says, for every place in
    /// the text, in both encodings.
    #[test]
    fn positions_convert_as_the_model_says(t in text(40), raw in prop::collection::vec(raw_pos(), 1..20)) {
        let rope = Rope::from_str(&t);
        for enc in [Encoding::Utf8, Encoding::Utf16] {
            for offset in (0..=t.len()).filter(|&o| nameable(&t, o)) {
                let p = position_at(&rope, offset, enc);
                prop_assert_eq!(p, model_position(&t, offset, enc), "offset {} of {:?} ({:?})", offset, t, enc);
                prop_assert_eq!(offset_at(&rope, p, enc), offset, "round trip of {:?} in {:?}", p, t);
            }
            for r in &raw {
                let p = Position::new(r.line, r.character);
                prop_assert_eq!(offset_at(&rope, p, enc), model_offset(&t, p, enc), "{:?} in {:?} ({:?})", p, t, enc);
            }
        }
    }
}

#[test]
fn extreme_positions_clamp() {
    let t = "\u{1f600}\r\n\u{e9}\r";
    let rope = Rope::from_str(t);
    for enc in [Encoding::Utf8, Encoding::Utf16] {
        for (line, ch) in [
            (u32::MAX, u32::MAX),
            (0, u32::MAX),
            (u32::MAX, 0),
            (1, 1),
            (2, 5),
        ] {
            let p = Position::new(line, ch);
            assert_eq!(
                offset_at(&rope, p, enc),
                model_offset(t, p, enc),
                "{p:?} {enc:?}"
            );
        }
        assert_eq!(
            position_at(&rope, usize::MAX, enc),
            model_position(t, t.len(), enc)
        );
    }
    let mut docs = Documents::new();
    let ev = TextDocumentContentChangeEvent {
        range: Some(Range::new(
            Position::new(u32::MAX, u32::MAX),
            Position::new(0, u32::MAX),
        )),
        range_length: Some(u32::MAX),
        text: "!".into(),
    };
    docs.open(uri(), t, 1, "plaintext");
    docs.change(&uri(), 2, std::slice::from_ref(&ev), Encoding::Utf16)
        .unwrap();
    let mut model = t.to_string();
    model_apply(&mut model, &ev, Encoding::Utf16);
    assert_eq!(docs.get(&uri()).unwrap().rope.to_string(), model);
}

#[test]
fn changes_for_a_document_never_opened_are_refused() {
    let mut docs = Documents::new();
    let ev = TextDocumentContentChangeEvent {
        range: None,
        range_length: None,
        text: "x".into(),
    };
    assert!(docs.change(&uri(), 1, &[ev], Encoding::Utf16).is_err());
    assert!(docs.get(&uri()).is_none());
}
