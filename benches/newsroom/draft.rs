//! The reporter's draft and the edits typed into it.
//!
//! The draft is about 2,000 words of Markdown with about 40 quotations lifted from
//! articles spread across the generated corpus: most verbatim, some with a word changed,
//! some given to the wrong person, a few invented. The edit script types words and
//! backspaces in the running text and, now and then, inside a quotation.

use crate::generate::{next_quote, tokenize, Seeds};
use crate::names::{looks_like_name, strip_possessive};
use crate::rng::Rng;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuoteKind {
    Verbatim,
    Altered,
    Misattributed,
    Invented,
}

#[derive(Clone, Debug)]
pub struct DraftQuote {
    /// The words inside the quotation marks, as in the draft.
    pub inner: String,
    pub kind: QuoteKind,
    /// The generated article it was taken from.
    pub article: usize,
}

pub struct Draft {
    pub text: String,
    pub quotes: Vec<DraftQuote>,
    pub words: usize,
}

impl Draft {
    pub fn count(&self, kind: QuoteKind) -> usize {
        self.quotes.iter().filter(|q| q.kind == kind).count()
    }
}

struct QuoteParagraph {
    text: String,
    inner: String,
    speaker: Option<String>,
    article: usize,
}

const SPEECH_VERBS: &[&str] = &["said", "says", "told", "added", "asked", "wrote", "tweeted"];

/// The name next to a speech verb outside the quote ("Morris says", "said Morris").
fn speaker_of(paragraph: &str, quote: (usize, usize)) -> Option<String> {
    let mut offset = 0;
    let tokens: Vec<(usize, bool, &str)> = tokenize(paragraph)
        .into_iter()
        .map(|(w, t)| {
            let start = offset;
            offset += t.len();
            (start, w, t)
        })
        .collect();
    let words: Vec<(usize, &str)> = tokens
        .iter()
        .filter(|(start, w, _)| *w && (*start < quote.0 || *start > quote.1))
        .map(|(s, _, t)| (*s, *t))
        .collect();
    for k in 0..words.len() {
        if !SPEECH_VERBS.contains(&words[k].1) {
            continue;
        }
        for j in [k.wrapping_sub(1), k + 1] {
            if let Some((_, w)) = words.get(j) {
                let name = strip_possessive(w);
                if looks_like_name(name) && name.len() > 2 {
                    return Some(name.to_string());
                }
            }
        }
    }
    None
}

fn word_count(text: &str) -> usize {
    tokenize(text).iter().filter(|(w, _)| *w).count()
}

/// Build the draft from `articles` generated articles.
pub fn build(
    seeds: &Seeds,
    seed: u64,
    articles: usize,
    target_quotes: usize,
    target_words: usize,
) -> Draft {
    let mut rng = Rng::derive(seed, &[7, articles as u64]);
    let mut quoted: Vec<QuoteParagraph> = Vec::new();
    let mut plain: Vec<String> = Vec::new();
    let mut attempts = 0;
    while quoted.len() < target_quotes && attempts < 5000 {
        attempts += 1;
        let article = rng.below(articles);
        let (_, text) = seeds.article(seed, article);
        let paragraphs: Vec<&str> = text.split("\n\n").skip(1).map(str::trim).collect();
        let mut taken = 0;
        for p in paragraphs {
            // Markup, and quotation styles the draft does not count (''…'', ‘…’).
            if p.contains(['#', '\u{2018}'])
                || p.contains("''")
                || p.starts_with(['-', '*', '>', '|'])
            {
                continue;
            }
            match next_quote(p) {
                Some((open, close)) if taken < 2 => {
                    let inner_start = open + p[open..].chars().next().map_or(1, char::len_utf8);
                    let inner = &p[inner_start..close];
                    let rest = &p[close..];
                    let n = word_count(inner);
                    let more_quotes = rest.get(3..).is_some_and(|r| next_quote(r).is_some());
                    if (6..=50).contains(&n) && !more_quotes && word_count(p) <= 120 {
                        quoted.push(QuoteParagraph {
                            text: p.to_string(),
                            inner: inner.to_string(),
                            speaker: speaker_of(p, (open, close)),
                            article,
                        });
                        taken += 1;
                    }
                }
                None if plain.len() < 400 && word_count(p) >= 15 && rng.chance(0.3) => {
                    plain.push(p.to_string())
                }
                _ => {}
            }
        }
    }
    let speakers: Vec<String> = quoted.iter().filter_map(|q| q.speaker.clone()).collect();
    let mut quotes = Vec::new();
    let mut blocks: Vec<String> = Vec::new();
    let mut misattributed = 0;
    for (j, q) in quoted.iter().enumerate() {
        // About 1 in 10 given to another speaker (among quotes with a named speaker),
        // 1 in 5 with a word changed, 1 in 20 invented; the rest verbatim.
        let want_misattributed = quoted.len() / 10;
        let mut kind = match j % 20 {
            1 | 6 | 11 | 16 => QuoteKind::Altered,
            8 => QuoteKind::Invented,
            3 | 9 | 13 | 15 | 19 if q.speaker.is_some() && misattributed < want_misattributed => {
                misattributed += 1;
                QuoteKind::Misattributed
            }
            _ => QuoteKind::Verbatim,
        };
        let mut paragraph = q.text.clone();
        let mut inner = q.inner.clone();
        if kind == QuoteKind::Misattributed {
            let other = speakers
                .iter()
                .filter(|s| Some(*s) != q.speaker.as_ref())
                .nth(rng.below(4));
            match (&q.speaker, other) {
                (Some(speaker), Some(other)) => {
                    let (open, close) = next_quote(&paragraph).unwrap_or((0, 0));
                    let before = paragraph[..open].replace(speaker.as_str(), other);
                    let after = paragraph[close..].replace(speaker.as_str(), other);
                    paragraph = format!("{before}{}{after}", &paragraph[open..close]);
                }
                _ => {
                    misattributed -= 1;
                    kind = QuoteKind::Altered;
                }
            }
        }
        if kind == QuoteKind::Altered || kind == QuoteKind::Invented {
            let mut pieces: Vec<String> = tokenize(&inner)
                .iter()
                .map(|(_, t)| t.to_string())
                .collect();
            let word_slots: Vec<usize> = tokenize(&inner)
                .iter()
                .enumerate()
                .filter(|(_, (w, t))| *w && t.len() >= 4)
                .map(|(k, _)| k)
                .collect();
            let changes = if kind == QuoteKind::Invented {
                word_slots.len()
            } else {
                1
            };
            for &k in word_slots.iter().take(changes.max(1)) {
                if kind == QuoteKind::Altered {
                    // One word, somewhere in the middle.
                    let k = word_slots[word_slots.len() / 2];
                    if let Some(v) = rng.pick(&seeds.vocabulary) {
                        pieces[k] = v.clone();
                    }
                    break;
                }
                if let Some(v) = rng.pick(&seeds.vocabulary) {
                    pieces[k] = v.clone();
                }
            }
            let new_inner = pieces.concat();
            paragraph = paragraph.replacen(inner.as_str(), &new_inner, 1);
            inner = new_inner;
        }
        quotes.push(DraftQuote {
            inner,
            kind,
            article: q.article,
        });
        blocks.push(paragraph);
    }
    let mut words: usize = blocks.iter().map(|b| word_count(b)).sum();
    // Running text around the quotes, up to the target length.
    let mut k = 0;
    while words < target_words && k < plain.len() {
        let n = word_count(&plain[k]);
        let at = rng.below(blocks.len() + 1);
        blocks.insert(at, plain[k].clone());
        words += n;
        k += 1;
    }
    let title = "# Newsroom benchmark draft";
    let text = format!("{title}\n\n{}\n", blocks.join("\n\n"));
    let words = word_count(&text);
    Draft {
        text,
        quotes,
        words,
    }
}

/// One keystroke: replace `delete` bytes at byte `offset` with `insert`.
#[derive(Clone, Debug)]
pub struct Edit {
    pub offset: usize,
    pub delete: usize,
    pub insert: String,
    /// Whether the keystroke lands inside a quotation.
    pub in_quote: bool,
}

/// `count` keystrokes: words typed letter by letter at the end of paragraphs and between
/// words, some backspaces, and every 10th burst inside a quotation. Offsets are valid
/// for the text as it is after the previous edits.
pub fn edits(text: &str, seed: u64, count: usize) -> Vec<Edit> {
    let mut rng = Rng::derive(seed, &[9]);
    let mut text = text.to_string();
    let mut out = Vec::with_capacity(count);
    let mut burst = 0;
    while out.len() < count {
        burst += 1;
        let in_quote = burst % 10 == 0;
        let spots: Vec<usize> = if in_quote {
            quote_word_starts(&text)
        } else {
            text.match_indices(' ').map(|(i, _)| i).collect()
        };
        let Some(&at) = rng.pick(&spots) else { break };
        let word: String = (0..3 + rng.below(6))
            .map(|_| char::from(b'a' + rng.below(26) as u8))
            .collect();
        let typed = if in_quote {
            format!("{word} ")
        } else {
            format!(" {word}")
        };
        let mut offset = at;
        for (n, c) in typed.chars().enumerate() {
            if out.len() >= count {
                break;
            }
            let edit = Edit {
                offset,
                delete: 0,
                insert: c.to_string(),
                in_quote,
            };
            apply(&mut text, &edit);
            out.push(edit);
            offset += c.len_utf8();
            // A typo now and then, corrected at once.
            if n == 1 && rng.chance(0.3) && out.len() + 1 < count {
                let wrong = Edit {
                    offset,
                    delete: 0,
                    insert: "q".into(),
                    in_quote,
                };
                apply(&mut text, &wrong);
                out.push(wrong);
                let back = Edit {
                    offset,
                    delete: 1,
                    insert: String::new(),
                    in_quote,
                };
                apply(&mut text, &back);
                out.push(back);
            }
        }
        if in_quote && out.len() + typed.len() <= count {
            // Take the word typed into the quote out again, letter by letter.
            for _ in 0..typed.len() {
                offset -= 1;
                let back = Edit {
                    offset,
                    delete: 1,
                    insert: String::new(),
                    in_quote,
                };
                apply(&mut text, &back);
                out.push(back);
            }
        }
    }
    out
}

/// Byte offsets of word starts inside quotations.
fn quote_word_starts(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut base = 0;
    let mut rest = text;
    while let Some((open, close)) = next_quote(rest) {
        let inner = &rest[open..close];
        for (i, _) in inner.match_indices(' ') {
            out.push(base + open + i + 1);
        }
        let skip = close + rest[close..].chars().next().map_or(1, char::len_utf8);
        base += skip;
        rest = &rest[skip..];
    }
    out
}

pub fn apply(text: &mut String, edit: &Edit) {
    text.replace_range(edit.offset..edit.offset + edit.delete, &edit.insert);
}
