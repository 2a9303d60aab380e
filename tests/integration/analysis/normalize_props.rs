//! The fast forms of the shared tokenizer give exactly what the reference tokenizer gives.
//!
//! The corpus index persists word hashes made by `normalize::for_each_word_hash`, and
//! quote matching compares them with hashes of `normalize::words`'s `norm` made by
//! `corpus::grams::word_hash`: if the two ever disagreed, quotes would silently stop
//! being found. `reference` below is the straightforward tokenizer (one `String` per
//! word, initialisms merged afterwards) that `normalize.rs` used before it was made fast;
//! every form must agree with it on any text, tricky cases included.

use proptest::prelude::*;
use sourced::analysis::normalize::{
    for_each_word, for_each_word_hash, norm_hash, normalize_word, words, Word,
};
use sourced::analysis::Span;
use sourced::corpus::grams::word_hash;

mod reference {
    use sourced::analysis::normalize::Word;
    use sourced::analysis::Span;

    pub fn words(text: &str) -> Vec<Word> {
        merge_initialisms(text, raw_words(text))
    }

    fn raw_words(text: &str) -> Vec<Word> {
        let mut out = Vec::new();
        let mut start: Option<usize> = None;
        let mut iter = text.char_indices().peekable();
        while let Some((i, c)) = iter.next() {
            let inner_joiner = matches!(c, '\'' | '\u{2019}' | '-' | '\u{2010}' | '\u{2011}')
                && start.is_some()
                && iter.peek().is_some_and(|(_, n)| n.is_alphanumeric());
            if c.is_alphanumeric() || inner_joiner {
                if start.is_none() {
                    start = Some(i);
                }
            } else if let Some(s) = start.take() {
                out.push(word(text, s, i));
            }
        }
        if let Some(s) = start {
            out.push(word(text, s, text.len()));
        }
        out
    }

    fn merge_initialisms(text: &str, raw: Vec<Word>) -> Vec<Word> {
        let single_letter = |w: &Word| {
            let mut cs = w.span.slice(text).chars();
            matches!((cs.next(), cs.next()), (Some(c), None) if c.is_alphabetic())
        };
        let dot_at = |i: usize| text.get(i..).is_some_and(|rest| rest.starts_with('.'));
        let mut out = Vec::new();
        let mut i = 0;
        while i < raw.len() {
            let mut j = i;
            while j + 1 < raw.len()
                && single_letter(&raw[j])
                && single_letter(&raw[j + 1])
                && raw[j + 1].span.start == raw[j].span.end + 1
                && dot_at(raw[j].span.end)
            {
                j += 1;
            }
            if j > i {
                let mut end = raw[j].span.end;
                if dot_at(end) {
                    end += 1;
                }
                let norm: String = raw[i..=j].iter().map(|w| w.norm.as_str()).collect();
                out.push(Word {
                    span: Span::new(raw[i].span.start, end),
                    norm,
                });
                i = j + 1;
            } else {
                out.push(raw[i].clone());
                i += 1;
            }
        }
        out
    }

    fn word(text: &str, start: usize, end: usize) -> Word {
        let span = Span::new(start, end);
        Word {
            span,
            norm: normalize_word(span.slice(text)),
        }
    }

    pub fn normalize_word(word: &str) -> String {
        let mut s: String = word
            .chars()
            .flat_map(|c| c.to_lowercase())
            .filter(|c| !matches!(c, '-' | '.' | '\u{2010}' | '\u{2011}'))
            .map(|c| match c {
                '\u{2019}' | '\u{2018}' | '\u{02bc}' => '\'',
                other => other,
            })
            .collect();
        if let Some(us) = us_spelling(&s) {
            s = us;
        }
        s
    }

    fn us_spelling(w: &str) -> Option<String> {
        const EXACT: &[(&str, &str)] = &[
            ("defence", "defense"),
            ("offence", "offense"),
            ("licence", "license"),
            ("pretence", "pretense"),
            ("centre", "center"),
            ("centres", "centers"),
            ("theatre", "theater"),
            ("metre", "meter"),
            ("metres", "meters"),
            ("colour", "color"),
            ("favour", "favor"),
            ("favourable", "favorable"),
            ("honour", "honor"),
            ("labour", "labor"),
            ("neighbour", "neighbor"),
            ("neighbours", "neighbors"),
            ("neighbouring", "neighboring"),
            ("behaviour", "behavior"),
            ("programme", "program"),
            ("programmes", "programs"),
            ("travelled", "traveled"),
            ("travelling", "traveling"),
            ("cancelled", "canceled"),
            ("cancelling", "canceling"),
            ("labelled", "labeled"),
            ("modelling", "modeling"),
            ("fulfil", "fulfill"),
            ("enrol", "enroll"),
            ("grey", "gray"),
            ("catalogue", "catalog"),
            ("dialogue", "dialog"),
            ("analyse", "analyze"),
            ("analysed", "analyzed"),
            ("paralyse", "paralyze"),
        ];
        if let Some((_, us)) = EXACT.iter().find(|(uk, _)| *uk == w) {
            return Some((*us).to_string());
        }
        for (uk, us) in [
            ("isation", "ization"),
            ("isations", "izations"),
            ("ised", "ized"),
            ("ises", "izes"),
            ("ising", "izing"),
            ("ise", "ize"),
        ] {
            if let Some(stem) = w.strip_suffix(uk) {
                if stem.chars().count() >= 3 {
                    return Some(format!("{stem}{us}"));
                }
            }
        }
        None
    }
}

/// Every form of the tokenizer agrees with the reference on `text`.
fn assert_all_forms_agree(text: &str) {
    let expected = reference::words(text);
    assert_eq!(words(text), expected, "words({text:?})");

    let mut borrowed: Vec<Word> = Vec::new();
    for_each_word(text, |span, norm| {
        borrowed.push(Word {
            span,
            norm: norm.to_owned(),
        })
    });
    assert_eq!(borrowed, expected, "for_each_word({text:?})");

    let mut hashed: Vec<(Span, u64)> = Vec::new();
    for_each_word_hash(text, |span, h| hashed.push((span, h)));
    let expected_hashes: Vec<(Span, u64)> = expected
        .iter()
        .map(|w| (w.span, word_hash(&w.norm)))
        .collect();
    assert_eq!(hashed, expected_hashes, "for_each_word_hash({text:?})");

    for w in &expected {
        assert_eq!(norm_hash(&w.norm), word_hash(&w.norm));
        let slice = w.span.slice(text);
        assert_eq!(
            normalize_word(slice),
            reference::normalize_word(slice),
            "normalize_word({slice:?})"
        );
    }
}

const TRICKY: &[&str] = &[
    "",
    "a",
    "U.S.",
    "the U.S. side",
    "the US side",
    "U.S",
    "U.S.A. and U.N.",
    "John F. Kennedy",
    "A.B.",
    "a.b.c.d.e.f.g.h.i.s.e.",
    "é.é. É.Å.Ø. x.y",
    "1.2.3 a.1.b",
    "U.S.\u{2019}s role, the U.S.-led coalition",
    "It\u{2019}s Assad's regime, the Smiths' house, rock 'n' roll, 'quoted'",
    "re-opening reopening dit-il \u{2010}x a\u{2010}b a\u{2011}b a--b a-'b a'-b -a- 'a'",
    "organised organized organisation organisations organising organises realise rise wise",
    "Defence defense DEFENCE centre Centres theatre colour neighbouring programmes grey",
    "fulfil enrol catalogue dialogue analyse analysed paralyse travelled cancelling",
    "ÉTÉ été Straße İstanbul ΣΊΣΥΦΟΣ Ὀδυσσεύς",
    "\u{201c}We will organise,\u{201d} he said \u{2014} and \u{2013} then\u{2026}",
    "Москва́ и Ки\u{301}ев, 北京市, مرحبا 123 ١٢٣",
    "naïve café résumé coöperate e\u{301}te\u{301}",
    "\u{02bc}okina Hawai\u{02bb}i x\u{02bc}y",
    "«Bonjour», dit-il — re-opening",
    "\u{1f600}-a \u{1f600}a\u{1f600} a\u{200d}b",
    "Ⅻ ⅻ ½ ² x²",
];

#[test]
fn tricky_texts_agree_with_the_reference() {
    for t in TRICKY {
        assert_all_forms_agree(t);
    }
    // Every pair of tricky texts glued together, so words meet at the seams.
    for a in TRICKY {
        for b in TRICKY {
            assert_all_forms_agree(&format!("{a}{b}"));
        }
    }
}

#[test]
fn real_news_text_agrees_with_the_reference() {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/syria-refugees");
    let mut seen = 0;
    for entry in walk(&dir) {
        if let Ok(text) = std::fs::read_to_string(&entry) {
            assert_all_forms_agree(&text);
            seen += 1;
        }
    }
    assert!(seen >= 3, "the syria fixture has a draft and three sources");
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p);
            }
        }
    }
    out
}

/// Characters that decide word boundaries, spelling and initialisms, mixed with
/// arbitrary ones.
fn tricky_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => prop::sample::select(vec![
            'a', 'e', 'i', 's', 'z', 'd', 'n', 'g', 'o', 'u', 'r', 'l', 'c', 't', 'y', 'U', 'S',
            'A', 'I', 'E', '1', '0', '.', '.', ' ', ' ', ',', '\'', '-', '\u{2019}', '\u{2018}',
            '\u{2010}', '\u{2011}', '\u{2013}', '\u{2014}', '\u{201c}', '\u{201d}', '\u{02bc}',
            'é', 'É', 'İ', 'ß', 'Σ', 'ς', 'ǅ', 'Ⅻ', '²', '١', '北', 'я', 'Я', '\u{301}', '\n',
            '\u{1f600}', '\u{200d}', '\u{a0}',
        ]),
        1 => any::<char>(),
    ]
}

fn tricky_text() -> impl Strategy<Value = String> {
    prop::collection::vec(tricky_char(), 0..60).prop_map(|cs| cs.into_iter().collect())
}

/// Words the spelling rules care about, glued with separators.
fn wordy_text() -> impl Strategy<Value = String> {
    let word = prop::sample::select(vec![
        "organise",
        "organised",
        "organisation",
        "organisations",
        "Organising",
        "rise",
        "wise",
        "ise",
        "ised",
        "xise",
        "ABISE",
        "défence",
        "defence",
        "Centre",
        "grey",
        "GREY",
        "labour",
        "U",
        "S",
        "N",
        "u",
        "s",
        "É",
        "x",
        "re",
        "opening",
        "it",
        "s",
        "Assad",
        "1",
        "2018",
        "İse",
        "Σise",
    ]);
    let sep = prop::sample::select(vec![
        "", " ", ".", ". ", "-", "'", "\u{2019}", "\u{2010}", ", ", "\u{2014}", "..", "\n\n",
        "\u{201c}", "é",
    ]);
    prop::collection::vec((word, sep), 0..20).prop_map(|parts| {
        parts
            .into_iter()
            .flat_map(|(w, s)| [w, s])
            .collect::<String>()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_strings_agree(text in any::<String>()) {
        assert_all_forms_agree(&text);
    }

    #[test]
    fn tricky_strings_agree(text in tricky_text()) {
        assert_all_forms_agree(&text);
    }

    #[test]
    fn wordy_strings_agree(text in wordy_text()) {
        assert_all_forms_agree(&text);
    }
}
