//! Titles around a name: the words of a title that run into the name from the left
//! ("senior ministry official General Mikhail Mizintsev", "former Soviet and Russian
//! diplomat to the U.S. Vladimir Frolov"), and titles in apposition ("Vladimir Frolov,
//! a former Soviet and Russian diplomat to the U.S., said"; "senior ministry official,
//! General Mikhail Mizintsev, said").
//!
//! Only words that belong in titles are accepted (title heads, ranks, portfolios,
//! nationalities, a short list of describing words), and a title must contain a head
//! ("official", "minister", "diplomat"): better to miss a title than to invent one.

use crate::analysis::lexicon as lx;
use crate::analysis::name_runs::{folded, NameMention};
use crate::analysis::name_tokens::Tok;
use crate::analysis::span::Span;

/// How much a word can belong to a title.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Fit {
    /// A title head: "minister", "official", "Gen.".
    Head,
    /// Any other title word: "senior", "Russian", "Defense", "U.S.".
    Word,
    /// "of", "to", "the", "and".
    Connector,
    /// Not a title word.
    No,
}

fn fit(text: &str, tok: &Tok) -> Fit {
    let mut buf = [0u8; 40];
    let Some(w) = folded(text, tok, &mut buf) else {
        return Fit::No;
    };
    let lex = lx::lookup(w);
    if lex.title_head().is_some() {
        return Fit::Head;
    }
    if lex.rank_modifier().is_some()
        || lex.portfolio().is_some()
        || lex.country().is_some()
        || lex.is_title_filler()
        || (tok.upper && (lex.is_org_name() || lex.is_org_word()))
    {
        return Fit::Word;
    }
    if tok.lower && lex.is_title_connector() {
        return Fit::Connector;
    }
    Fit::No
}

/// The titles the text gives the person of `m`: before the name (its in-run prefix
/// extended to the left), and in apposition on either side.
pub(crate) fn titles_of(text: &str, toks: &[Tok], m: &NameMention) -> Vec<Span> {
    let mut out = Vec::new();
    out.extend(title_before(text, toks, m));
    if let Some(t) = apposition_after(text, toks, m) {
        out.push(t);
    }
    if let Some(t) = apposition_before(text, toks, m) {
        out.push(t);
    }
    out
}

/// Title words running into the name from the left, and its in-run prefix. When both
/// have a head they are two titles ("senior ministry official" and "General");
/// otherwise they are one ("former" + "Russian President", "diplomat to the" + "U.S.").
fn title_before(text: &str, toks: &[Tok], m: &NameMention) -> Vec<Span> {
    let mut ext_head = false;
    let mut first = m.first_tok;
    let mut j = m.first_tok;
    let mut steps = 0;
    while j > 0 && toks[j].gap.space_only && steps < 12 {
        let f = fit(text, &toks[j - 1]);
        if f == Fit::No {
            break;
        }
        j -= 1;
        steps += 1;
        if f != Fit::Connector {
            first = j;
            ext_head |= f == Fit::Head;
        }
    }
    let extension = (first < m.first_tok)
        .then(|| Span::new(toks[first].span.start, toks[m.first_tok - 1].span.end));
    match (extension, m.prefix) {
        (Some(ext), Some(prefix)) if ext_head && m.prefix_has_head => vec![ext, prefix],
        (Some(ext), Some(prefix)) if ext_head || m.prefix_has_head => {
            // One title over both (in scraped text the prefix need not follow the
            // extension: cover whichever comes first to whichever ends last).
            vec![Span::new(
                ext.start.min(prefix.start),
                ext.end.max(prefix.end),
            )]
        }
        (Some(ext), None) if ext_head => vec![ext],
        (None, Some(prefix)) if m.prefix_has_head => vec![prefix],
        _ => Vec::new(),
    }
}

/// ", a former Soviet and Russian diplomat to the U.S.," after the name.
fn apposition_after(text: &str, toks: &[Tok], m: &NameMention) -> Option<Span> {
    let first = m.end_tok;
    let open = toks.get(first)?;
    if !(open.gap.comma && !open.gap.sentence && !open.gap.quote && !open.gap.other) {
        return None;
    }
    let mut k = first;
    let mut has_head = false;
    let mut last_fitting = None;
    while k < toks.len() && k - first < 14 {
        let t = &toks[k];
        if k > first && !t.gap.space_only {
            break;
        }
        let word = t.span.slice(text);
        let mut buf = [0u8; 40];
        let w = lx::fold(word, &mut buf).unwrap_or("");
        let f = fit(text, t);
        let article = k == first && matches!(w, "a" | "an" | "the");
        if f == Fit::No && !article {
            // Unknown lowercase words may describe ("a professor of economics"), but
            // never a verb, a pronoun or another name.
            if t.upper
                || !t.lower
                || lx::is_reporting_verb(w)
                || lx::is_stop(w) && !lx::is_title_connector(w)
            {
                return None;
            }
        }
        has_head |= f == Fit::Head;
        if f == Fit::Head || f == Fit::Word || (f == Fit::No && !article) {
            last_fitting = Some(k);
        }
        k += 1;
    }
    // The phrase must close: a comma, a sentence end, a closing bracket or a dash.
    let closes = match toks.get(k) {
        Some(next) => !next.gap.space_only && !next.gap.quote,
        None => true,
    };
    let last = last_fitting?;
    if !has_head || !closes || k == first {
        return None;
    }
    Some(Span::new(toks[first].span.start, toks[last].span.end))
}

/// "senior ministry official, General Mikhail Mizintsev," before the name: only title
/// words, starting a clause, with the name closed by a comma.
fn apposition_before(text: &str, toks: &[Tok], m: &NameMention) -> Option<Span> {
    let name_first = toks.get(m.first_tok)?;
    if !(name_first.gap.comma && !name_first.gap.sentence && !name_first.gap.quote) {
        return None;
    }
    let closed = toks.get(m.end_tok).is_some_and(|t| t.gap.comma);
    if !closed || m.first_tok == 0 {
        return None;
    }
    let last = m.first_tok - 1;
    let mut j = last;
    let mut has_head = false;
    let mut first = None;
    loop {
        let f = fit(text, &toks[j]);
        if f == Fit::No {
            return None;
        }
        has_head |= f == Fit::Head;
        if f != Fit::Connector {
            first = Some(j);
        }
        if !toks[j].gap.space_only || j == 0 || last - j >= 10 {
            break;
        }
        j -= 1;
    }
    // The phrase must begin a clause.
    let g = toks[j].gap;
    if !(g.sentence || g.quote || g.paragraph || j == 0) {
        return None;
    }
    let first = first?;
    if !has_head || fit(text, &toks[last]) != Fit::Head {
        return None;
    }
    Some(Span::new(toks[first].span.start, toks[last].span.end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::name_runs::find_names;
    use crate::analysis::name_tokens::tokenize;

    fn titles(text: &str, name: &str) -> Vec<String> {
        let toks = tokenize(text);
        let m = find_names(text, &toks)
            .into_iter()
            .find(|m| m.name.slice(text) == name)
            .expect("name found");
        titles_of(text, &toks, &m)
            .into_iter()
            .map(|s| s.slice(text).to_string())
            .collect()
    }

    #[test]
    fn lowercase_title_runs_into_the_name() {
        assert_eq!(
            titles(
                "have been sent,\" senior ministry official General Mikhail Mizintsev said.",
                "Mikhail Mizintsev"
            ),
            vec!["senior ministry official", "General"]
        );
        assert_eq!(
            titles(
                "stability,\u{201D} former Soviet and Russian diplomat to the U.S. Vladimir Frolov told the Journal.",
                "Vladimir Frolov"
            ),
            vec!["former Soviet and Russian diplomat to the U.S."]
        );
        assert_eq!(
            titles(
                "a meeting between him and Russian Defense Minister Sergei Shoigu.",
                "Sergei Shoigu"
            ),
            vec!["Russian Defense Minister"]
        );
    }

    #[test]
    fn apposition_after_the_name() {
        assert_eq!(
            titles(
                "Vladimir Frolov, a former Russian diplomat to the U.S., told The Wall Street Journal",
                "Vladimir Frolov"
            ),
            vec!["a former Russian diplomat to the U.S."]
        );
        assert_eq!(
            titles(
                "side,\" General Mikhail Mizintsev, a senior Russian defence ministry official, said in a statement.",
                "Mikhail Mizintsev"
            ),
            vec!["General", "a senior Russian defence ministry official"]
        );
    }

    #[test]
    fn apposition_before_the_name() {
        assert_eq!(
            titles(
                "the American side,\u{201D} senior ministry official, General Mikhail Mizintsev, said in a statement.",
                "Mikhail Mizintsev"
            ),
            vec!["General", "senior ministry official"]
        );
    }

    #[test]
    fn no_title_is_invented() {
        assert!(titles(
            "Trump met Vladimir Putin, who said nothing.",
            "Vladimir Putin"
        )
        .is_empty());
        assert!(titles(
            "He met Vladimir Putin, Donald Trump, and others.",
            "Vladimir Putin"
        )
        .is_empty());
        assert!(titles("the proposals of Vladimir Putin.", "Vladimir Putin").is_empty());
        assert!(titles(
            "a meeting with Vladimir Putin, the weather was cold.",
            "Vladimir Putin"
        )
        .is_empty());
    }
}
