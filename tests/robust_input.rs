//! Hostile input for the pure layers: drafts that try to crash, hang or confuse the quote
//! extraction, and invariants that must hold for any text.
//!
//! Every test asserts what a user would notice: the checker finishes, every position it
//! reports points into the text on a character boundary (the server converts and slices
//! them), and a stray or odd character does not blind it to the quotes around it.

use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use sourced::analysis::{analyze, Analysis, Span, TextFormat};

/// A span the server could slice and convert: inside `text`, on char boundaries.
fn assert_span(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what} span {span:?} outside a text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what} span {span:?} cuts a character"
    );
}

fn assert_valid(text: &str, a: &Analysis) {
    for q in &a.quotes {
        assert_span(text, q.span, "quote");
        assert_span(text, q.inner, "quote inner");
        assert!(q.span.contains_span(q.inner), "inner {:?} outside {:?}", q.inner, q.span);
        if let Some(s) = &q.speaker {
            assert_span(text, s.mention, "speaker");
            if let Some(id) = s.entity {
                assert!(a.entity(id).is_some(), "speaker entity {id:?} does not exist");
            }
        }
        if let Some(c) = &q.cue {
            assert_span(text, c.span, "cue");
        }
    }
    for e in &a.entities {
        for m in &e.mentions {
            assert_span(text, m.span, "mention");
        }
        for t in &e.titles {
            assert_span(text, t.span, "title");
        }
    }
}

/// Analyse on another thread and give up after `limit`: a hang guard, not a benchmark
/// (the limit is many times what a linear pass needs, even unoptimised).
fn analyze_within(text: String, format: TextFormat, limit: Duration) -> (String, Analysis) {
    let (tx, rx) = mpsc::channel();
    let started = Instant::now();
    thread::spawn(move || {
        let a = analyze(&text, format);
        let _ = tx.send((text, a));
    });
    match rx.recv_timeout(limit) {
        Ok((text, a)) => {
            assert_valid(&text, &a);
            (text, a)
        }
        Err(mpsc::RecvTimeoutError::Timeout) => {
            panic!("analysis still running after {:?}", started.elapsed())
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("analysis panicked"),
    }
}

fn both_formats(text: &str) -> Vec<Analysis> {
    [TextFormat::Plain, TextFormat::Markdown]
        .into_iter()
        .map(|f| {
            let a = analyze(text, f);
            assert_valid(text, &a);
            a
        })
        .collect()
}

fn quote_texts(a: &Analysis) -> Vec<String> {
    a.quotes.iter().map(|q| q.text.trim().to_string()).collect()
}

const CLEAR: &str = "\"We will rebuild every school in the province,\" Governor Ahmed Karimi said on Monday.";

fn has_quote(a: &Analysis, words: &str) -> bool {
    a.quotes.iter().any(|q| q.text.contains(words))
}

#[test]
fn a_lone_quotation_mark_does_not_blind_the_rest() {
    for stray in ["\"", "\u{201c}", "\u{201d}", "\u{ab}", "'", "\u{2018}"] {
        let text = format!(
            "The minister said {stray}that was enough.\n\nA second paragraph with no quotes.\n\n{CLEAR}\n"
        );
        for a in both_formats(&text) {
            assert!(
                has_quote(&a, "We will rebuild every school"),
                "after a stray {stray:?} the clear quote was lost: {:?}",
                quote_texts(&a)
            );
        }
    }
}

#[test]
fn only_quotation_marks() {
    for mark in ["\"", "\u{201c}", "\u{201d}", "\u{ab}\u{bb}", "'", "\"\n", "\"\r\n\r\n"] {
        let text = mark.repeat(5000);
        analyze_within(text.clone(), TextFormat::Plain, Duration::from_secs(60));
        analyze_within(text, TextFormat::Markdown, Duration::from_secs(60));
    }
}

#[test]
fn thousands_of_quotes_are_all_found() {
    let n = 3000;
    let text = (0..n)
        .map(|i| format!("\"Statement number {i} stands,\" the spokesman said.\n\n"))
        .collect::<String>();
    let (_, a) = analyze_within(text, TextFormat::Plain, Duration::from_secs(60));
    assert_eq!(a.quotes.len(), n, "every quote of a long document is found");
    assert!(a.quotes[n - 1].text.contains("Statement number 2999"));
}

#[test]
fn a_five_megabyte_single_line() {
    // One paragraph of 5 MB: real quotes in it, no line break anywhere.
    let unit = "Officials met again. \"We will keep the border open for now,\" Karimi said. ";
    let reps = 5 * 1024 * 1024 / unit.len() + 1;
    let text = unit.repeat(reps);
    assert!(text.len() >= 5 * 1024 * 1024 && !text.contains('\n'));
    let (_, a) = analyze_within(text, TextFormat::Plain, Duration::from_secs(120));
    assert_eq!(a.quotes.len(), reps, "each quote of the line is found once");
    // The same line of one unbroken word, and of unclosed quotes.
    analyze_within("x".repeat(5 << 20), TextFormat::Markdown, Duration::from_secs(120));
    let opens = "\"and then ".repeat((5 << 20) / 10);
    analyze_within(opens, TextFormat::Plain, Duration::from_secs(120));
}

#[test]
fn control_characters_and_invisible_marks() {
    let nasties = [
        "\0", "\u{7}", "\u{1b}[31m", "\u{8}", "\u{7f}", "\u{feff}", "\u{200b}", "\u{200d}",
        "\u{2028}", "\u{2029}", "\u{85}", "\u{c}", "\u{b}", "\u{fffd}", "\u{e000}", "\u{10ffff}",
    ];
    for n in nasties {
        let text = format!(
            "{n}Reporters waited.{n} \"We will{n} rebuild every school in the province,\" Governor{n} Ahmed Karimi said.{n}\n\n{CLEAR}{n}"
        );
        for a in both_formats(&text) {
            assert!(
                has_quote(&a, "We will rebuild every school"),
                "with {n:?} around, the clean quote was lost: {:?}",
                quote_texts(&a)
            );
        }
    }
    // All of them together, many times over.
    let soup: String = nasties.concat().repeat(2000);
    analyze_within(soup, TextFormat::Markdown, Duration::from_secs(60));
}

#[test]
fn mixed_scripts_and_right_to_left_text() {
    let text = concat!(
        "قال الوزير: «سنعيد بناء المدارس» في مؤتمر صحفي.\n\n",
        "\u{202b}\"نحن هنا\" قال المتحدث\u{202c}.\n\n",
        "השר אמר: \"אנחנו נשארים כאן\".\n\n",
        "Путин сказал: «Мы готовы к сотрудничеству».\n\n",
        "習近平表示：「我們將繼續合作。」\n\n",
        "Emoji \u{1f469}\u{200d}\u{1f469}\u{200d}\u{1f467} and flags \u{1f1f8}\u{1f1fe} in a quote: \"we \u{1f600} agree,\" she said.\n\n",
        "\u{200f}\u{200e}",
        "\"We will rebuild every school in the province,\" Governor Ahmed Karimi said on Monday.\n",
    );
    for a in both_formats(text) {
        assert!(
            has_quote(&a, "We will rebuild every school"),
            "the English quote after RTL and CJK text was lost: {:?}",
            quote_texts(&a)
        );
    }
}

#[test]
fn line_endings_do_not_change_what_is_found() {
    let draft = include_str!("fixtures/syria-refugees/draft.md");
    let lf = draft.replace("\r\n", "\n");
    let crlf = lf.replace('\n', "\r\n");
    let cr = lf.replace('\n', "\r");
    for format in [TextFormat::Plain, TextFormat::Markdown] {
        let base = analyze(&lf, format);
        assert!(!base.quotes.is_empty(), "the fixture draft has quotes");
        for (name, text) in [("CRLF", &crlf), ("lone CR", &cr)] {
            let a = analyze(text, format);
            assert_valid(text, &a);
            assert_eq!(
                quote_texts(&a),
                quote_texts(&base),
                "{name} line endings ({format:?}) change the quotes found"
            );
            let speakers = |a: &Analysis| -> Vec<Option<String>> {
                a.quotes
                    .iter()
                    .map(|q| q.speaker.as_ref().map(|s| s.mention_text.clone()))
                    .collect()
            };
            assert_eq!(speakers(&a), speakers(&base), "{name} line endings change the speakers");
        }
    }
}

#[test]
fn markdown_torture() {
    let pieces = [
        "```\n\"a quote in code\" he said\n",
        "    \"indented code,\" she said\n",
        "> \"a quote in a blockquote,\" he said\n> > nested\n",
        "[\"link text\"](http://x \"title\") said Smith\n",
        "![\"alt\"](",
        "<div>\"html\" <!-- \"comment",
        "---\ntitle: \"front matter\"\n---\n",
        "***\"bold italic\"***, he said\n",
        "| \"a\" | \"b\" |\n|---|---|\n",
        "`` ` `` \"tick\" `\n",
        "\\\"escaped\\\" he said\n",
        "[^1]: \"footnote\"\n",
        "<",
        "&quot;entity&quot; &#8220;numeric&#8221;",
    ];
    // Each piece alone, all of them, and every pair, followed by a clean quote.
    let mut texts: Vec<String> = pieces.iter().map(|p| p.to_string()).collect();
    texts.push(pieces.concat());
    for a in pieces {
        for b in pieces {
            texts.push(format!("{a}{b}"));
        }
    }
    for t in texts {
        // (No assertion on the clean quote here: an unclosed code fence rightly hides it.)
        both_formats(&format!("{t}\n\n{CLEAR}\n"));
        both_formats(&t);
    }
}
