//! Attribution: for each quote, the reporting cue and the mention of who spoke.
//!
//! Resolving that mention to a person (a pronoun, a surname, a title) is done by
//! [`super::entity`]; this module only finds the words.
//!
//! Where it looks, in order:
//! - after the quote, in the same sentence: `"...," Pompeo told reporters`,
//!   `"...," said the official`, `"..." on Monday, he said`;
//! - before the quote, in the same sentence: `Pompeo said: "..."`,
//!   `He said the proposals "take into account ..."`, `According to X, "..."`;
//! - otherwise the quote continues the previous speaker (marked `inherited`) when it
//!   carries on the previous quote, sits in the same paragraph as it, or its paragraph
//!   is only quotation.
//!
//! The search windows are bounded, so the work is linear in the text.

use super::cue::{cue_strength, is_cue_object, is_cue_particle, CueStrength};
use super::entity::MentionKind;
use super::quote::{is_quote_mark, paragraphs, Cue, Quote, Speaker};
use super::span::Span;
use super::words::{tokens, Tok, TokKind};

/// How far around a quote an attribution is looked for, in bytes.
const WINDOW: usize = 360;
/// Longest mention before a cue, in words.
const MAX_MENTION_WORDS: usize = 16;

/// Fill in `speaker` and `cue` of each quote where the text attributes it.
pub fn attribute(prose: &str, quotes: &mut [Quote]) {
    if quotes.is_empty() {
        return;
    }
    let paras = paragraphs(prose);
    let para_of = |offset: usize| -> usize { paras.partition_point(|p| p.end <= offset) };
    for i in 0..quotes.len() {
        let q = &quotes[i];
        let para_idx = para_of(q.span.start);
        let para = paras.get(para_idx).copied().unwrap_or(q.span);
        let prev_end = if i > 0 { quotes[i - 1].span.end } else { 0 };
        let next_start = quotes.get(i + 1).map_or(prose.len(), |n| n.span.start);
        let after_limit = next_start
            .min(para.end)
            .min(q.span.end.saturating_add(WINDOW));
        let before_limit = prev_end
            .max(para.start)
            .max(q.span.start.saturating_sub(WINDOW));
        let after = Span::new(q.span.end, after_limit.max(q.span.end));
        let before = Span::new(before_limit.min(q.span.start), q.span.start);
        let found = find_attribution(prose, q, after, before);
        if let Some((speaker, cue)) = found {
            quotes[i].speaker = Some(speaker);
            quotes[i].cue = Some(cue);
        }
    }
    mark_split_quotes(prose, quotes, &paras);
    inherit_speakers(prose, quotes, &paras);
}

/// `"It's important," he said, "that ..."`: the second part continues the first when
/// only an attribution separates them, within one sentence.
fn mark_split_quotes(prose: &str, quotes: &mut [Quote], paras: &[Span]) {
    let para_of = |offset: usize| -> usize { paras.partition_point(|p| p.end <= offset) };
    for i in 1..quotes.len() {
        let (prev, cur) = quotes.split_at_mut(i);
        let p = &prev[i - 1];
        let q = &mut cur[0];
        if q.continues_previous || para_of(p.span.start) != para_of(q.span.start) {
            continue;
        }
        let inner = p.inner.slice(prose).trim_end();
        let gap = Span::new(p.span.end, q.span.start);
        if gap.len() > WINDOW {
            continue;
        }
        let gap_toks = tokens(prose, gap);
        let open_ended = inner.ends_with([',', '-', '—', '–', ':', ';'])
            || inner.ends_with("...")
            || inner.ends_with('…')
            || gap_toks.first().is_some_and(|t| t.is_punct(','));
        let no_sentence_end = !gap_toks.iter().any(|t| t.ends_sentence(prose));
        let cue_in_gap = [p.cue.as_ref(), q.cue.as_ref()]
            .into_iter()
            .flatten()
            .any(|c| gap.contains_span(c.span));
        let starts_lower = q
            .inner
            .slice(prose)
            .chars()
            .next()
            .is_some_and(|c| !c.is_uppercase());
        if open_ended && no_sentence_end && cue_in_gap && (starts_lower || inner.ends_with(',')) {
            q.continues_previous = true;
        }
    }
}

fn find_attribution(prose: &str, q: &Quote, after: Span, before: Span) -> Option<(Speaker, Cue)> {
    let after_toks = tokens(prose, after);
    let before_toks = tokens(prose, before);
    let inner = q.inner.slice(prose).trim_end();
    let ends_with_comma =
        inner.ends_with(',') || after_toks.first().is_some_and(|t| t.is_punct(','));
    let ends_sentence = inner.ends_with(['.', '!', '?']);
    let close_before = before_cue_adjacent(prose, &before_toks);
    if !ends_with_comma && close_before {
        if let Some(found) = attribution_before(prose, &before_toks) {
            return Some(found);
        }
    }
    let fragment = !ends_with_comma && !inner.ends_with(['.', '!', '?', '-', '—', '…', ':', ';']);
    attribution_after(
        prose,
        &after_toks,
        ends_sentence && !ends_with_comma,
        fragment,
    )
    .or_else(|| attribution_before(prose, &before_toks))
}

/// Whether a cue stands right before the quote (`said: "`, `told reporters "`).
fn before_cue_adjacent(prose: &str, toks: &[Tok]) -> bool {
    let words: Vec<&Tok> = toks
        .iter()
        .rev()
        .filter(|t| !t.is_punct(',') && !t.is_punct(':'))
        .take(3)
        .collect();
    words
        .iter()
        .any(|t| t.is_word() && cue_strength(t.text(prose)).is_some())
}

/// `"...," Pompeo said` / `"...," said Pompeo` / `"..." on Monday, he said`.
fn attribution_after(
    prose: &str,
    toks: &[Tok],
    new_sentence: bool,
    fragment: bool,
) -> Option<(Speaker, Cue)> {
    // The clause after the quote: up to the end of the sentence.
    let mut end = toks.len();
    for (k, t) in toks.iter().enumerate() {
        if t.ends_sentence(prose) || t.is_quote_mark(prose) {
            end = k;
            break;
        }
    }
    let toks = &toks[..end];
    let start = toks.iter().position(|t| t.is_word())?;
    if new_sentence {
        // `"... Syria." Pompeo said` starts a new sentence: only a short attribution
        // that ends there belongs to the quote.
        let first = toks[start].text(prose);
        if first.chars().next().is_some_and(char::is_uppercase)
            && toks[start..].iter().filter(|t| t.is_word()).count() > 8
        {
            return None;
        }
    }
    // The first cue in the clause.
    let (k, _) = toks
        .iter()
        .enumerate()
        .skip(start)
        .take(MAX_MENTION_WORDS + 4)
        .find(|(k, t)| t.is_word() && is_cue_at(prose, toks, *k))?;
    if fragment && cue_strength(toks[k].text(prose)) != Some(CueStrength::Strong) {
        // `'concrete' Ukraine offer`: a quoted phrase inside a sentence needs a clear
        // reporting verb after it.
        return None;
    }
    let cue = cue_span(prose, toks, k);
    // Inverted: `said Pompeo`, `according to X`.
    let before_words: Vec<usize> = (start..k)
        .filter(|&j| toks[j].is_word() && !is_skip_word(toks[j].text(prose)))
        .collect();
    if before_words.is_empty() {
        let mention = mention_after(prose, toks, cue.1)?;
        return Some((speaker(prose, mention), make_cue(prose, cue.0)));
    }
    // `"...," senior ministry official General Mikhail Mizintsev said`: the whole
    // stretch between quote and cue names the speaker, unless it holds a clause.
    let last = *before_words.last()?;
    let first =
        (start..=last).find(|&j| toks[j].is_word() && !is_leading_junk(toks[j].text(prose)))?;
    let gap = &toks[first..=last];
    let gap_words = gap.iter().filter(|t| t.is_word()).count();
    let clean = gap_words <= MAX_MENTION_WORDS
        && !gap.iter().any(|t| {
            (t.is_word() && is_clause_word(t.text(prose)))
                || matches!(t.kind, TokKind::Punct(c) if c != ',' && c != '&' && c != '-' && c != '(' && c != ')')
        });
    let mention = if clean {
        Span::new(toks[first].span.start, toks[last].span.end)
    } else {
        mention_before(prose, toks, start, k)?
    };
    Some((speaker(prose, mention), make_cue(prose, cue.0)))
}

/// Words that show a stretch of text is a clause, not a name or description.
fn is_clause_word(w: &str) -> bool {
    matches!(
        w.to_lowercase().as_str(),
        "that"
            | "which"
            | "who"
            | "whom"
            | "whose"
            | "when"
            | "while"
            | "because"
            | "but"
            | "if"
            | "although"
            | "though"
            | "whether"
            | "what"
            | "how"
            | "why"
            | "where"
            | "is"
            | "was"
            | "were"
            | "are"
            | "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "can"
            | "could"
            | "should"
            | "may"
            | "might"
            | "must"
            | "did"
            | "do"
            | "does"
            | "been"
            | "being"
            | "it"
            | "he"
            | "she"
            | "they"
            | "we"
            | "i"
            | "you"
    )
}

/// `Pompeo said: "..."`, `He said the proposals "..."`, `According to X, "..."`.
fn attribution_before(prose: &str, toks: &[Tok]) -> Option<(Speaker, Cue)> {
    // The clause before the quote: from the start of its sentence.
    let mut start = 0;
    for (k, t) in toks.iter().enumerate() {
        if t.ends_sentence(prose) || t.is_quote_mark(prose) {
            start = k + 1;
        }
    }
    let toks = &toks[start..];
    // The last cue before the quote, not too far from it.
    let word_positions: Vec<usize> = (0..toks.len()).filter(|&k| toks[k].is_word()).collect();
    for &k in word_positions.iter().rev().take(24) {
        if !is_cue_at(prose, toks, k) {
            continue;
        }
        let cue = cue_span(prose, toks, k);
        let lower = toks[k].text(prose).to_lowercase();
        if lower == "according" {
            if let Some(m) = mention_after(prose, toks, cue.1) {
                return Some((speaker(prose, m), make_cue(prose, cue.0)));
            }
            continue;
        }
        if let Some(m) = mention_before(prose, toks, 0, k) {
            return Some((speaker(prose, m), make_cue(prose, cue.0)));
        }
        if let Some(m) = mention_after(prose, toks, cue.1) {
            return Some((speaker(prose, m), make_cue(prose, cue.0)));
        }
    }
    None
}

/// Whether the word at `k` is a reporting cue here.
fn is_cue_at(prose: &str, toks: &[Tok], k: usize) -> bool {
    let word = toks[k].text(prose);
    let lower = word.to_lowercase();
    if lower == "according" {
        return toks
            .get(k + 1)
            .is_some_and(|t| t.text(prose).eq_ignore_ascii_case("to"));
    }
    match cue_strength(word) {
        Some(CueStrength::Strong) => true,
        Some(CueStrength::Weak) => {
            // A weak cue needs a mention right next to it.
            let prev = prev_word(prose, toks, k);
            let next = toks.get(k + 1).filter(|t| t.is_word());
            prev.is_some_and(|p| looks_like_mention_end(p.text(prose)))
                || next.is_some_and(|n| looks_like_mention_start(n.text(prose)))
        }
        None => false,
    }
}

fn prev_word<'t>(prose: &str, toks: &'t [Tok], k: usize) -> Option<&'t Tok> {
    let mut j = k;
    while j > 0 {
        j -= 1;
        let t = &toks[j];
        if !t.is_word() {
            return None;
        }
        if !is_skip_word(t.text(prose)) {
            return Some(t);
        }
    }
    None
}

fn looks_like_mention_end(w: &str) -> bool {
    is_pronoun(w)
        || w.chars().next().is_some_and(char::is_uppercase)
        || is_person_noun(&w.to_lowercase())
}

fn looks_like_mention_start(w: &str) -> bool {
    is_pronoun(w)
        || w.chars().next().is_some_and(char::is_uppercase)
        || matches!(
            w.to_lowercase().as_str(),
            "the" | "a" | "an" | "his" | "her" | "their" | "its"
        )
}

/// The cue's span (verb plus particle or object), and the index after it.
fn cue_span(prose: &str, toks: &[Tok], k: usize) -> (Span, usize) {
    let verb = toks[k].text(prose);
    let mut end = k + 1;
    if let Some(next) = toks.get(k + 1).filter(|t| t.is_word()) {
        let n = next.text(prose);
        if is_cue_particle(verb, n)
            || (verb.to_lowercase().starts_with("tel") || verb.eq_ignore_ascii_case("told"))
                && is_cue_object(n)
        {
            end = k + 2;
        }
    }
    (Span::new(toks[k].span.start, toks[end - 1].span.end), end)
}

fn make_cue(prose: &str, span: Span) -> Cue {
    Cue {
        span,
        text: span.slice(prose).to_string(),
    }
}

/// The mention that ends right before the cue at `k`, not reaching before `from`.
fn mention_before(prose: &str, toks: &[Tok], from: usize, k: usize) -> Option<Span> {
    let mut j = k;
    // Skip adverbs and auxiliaries between mention and cue ("has also said").
    while j > from && toks[j - 1].is_word() && is_skip_word(toks[j - 1].text(prose)) {
        j -= 1;
    }
    let last = j.checked_sub(1)?;
    if last < from || !toks[last].is_word() {
        return None;
    }
    if is_pronoun(toks[last].text(prose)) {
        return Some(toks[last].span);
    }
    let mut first = last;
    let mut words = 1;
    while first > from && words < MAX_MENTION_WORDS {
        let t = &toks[first - 1];
        if t.is_word() {
            let w = t.text(prose);
            if is_boundary_word(w) || is_pronoun(w) || cue_strength(w) == Some(CueStrength::Strong)
            {
                break;
            }
            words += 1;
            first -= 1;
        } else if t.is_punct(',') || t.is_punct('&') || t.is_punct('\'') || t.is_punct('’') {
            // An apposition ("Mike Pompeo, the secretary of state,") continues the
            // mention only when it is followed by a name part.
            if t.is_punct(',') && !apposition_continues(prose, toks, from, first - 1) {
                break;
            }
            first -= 1;
        } else {
            break;
        }
    }
    // Drop leading function words the walk may have picked up.
    while first < last && toks[first].is_word() && is_leading_junk(toks[first].text(prose))
        || first < last && !toks[first].is_word()
    {
        first += 1;
    }
    Some(Span::new(toks[first].span.start, toks[last].span.end))
}

/// Before a comma inside a mention: keep walking when the comma sits inside
/// "Name, title," or "title, Name," (both sides short and name-like).
fn apposition_continues(prose: &str, toks: &[Tok], from: usize, comma: usize) -> bool {
    // The words right before the comma must be capitalised (a name or a title).
    let Some(prev) = comma.checked_sub(1).filter(|&p| p >= from) else {
        return false;
    };
    let w = toks[prev].text(prose);
    toks[prev].is_word()
        && w.chars().next().is_some_and(char::is_uppercase)
        && !is_boundary_word(w)
        && comma_count_is_small(prose, toks, from, comma)
}

fn comma_count_is_small(prose: &str, toks: &[Tok], from: usize, comma: usize) -> bool {
    toks[from..comma].iter().filter(|t| t.is_punct(',')).count() <= 2 && prose.len() > 0
}

/// The mention that starts after the cue (`said Pompeo`, `according to the ministry`).
fn mention_after(prose: &str, toks: &[Tok], from: usize) -> Option<Span> {
    let mut j = from;
    while j < toks.len() && toks[j].is_word() && is_skip_word(toks[j].text(prose)) {
        j += 1;
    }
    let first = j;
    let t = toks.get(first).filter(|t| t.is_word())?;
    if is_pronoun(t.text(prose)) {
        return Some(t.span);
    }
    let mut last = first;
    let mut words = 1;
    while last + 1 < toks.len() && words < MAX_MENTION_WORDS {
        let t = &toks[last + 1];
        if !t.is_word() && !t.is_punct('&') {
            break;
        }
        let w = t.text(prose);
        if is_boundary_word(w) || is_after_stop(w) || cue_strength(w).is_some() {
            break;
        }
        words += 1;
        last += 1;
    }
    if is_boundary_word(toks[first].text(prose)) {
        return None;
    }
    Some(Span::new(toks[first].span.start, toks[last].span.end))
}

fn speaker(prose: &str, mention: Span) -> Speaker {
    let text = mention.slice(prose);
    Speaker {
        mention,
        mention_text: text.to_string(),
        kind: mention_kind(text),
        entity: None,
        inherited: false,
    }
}

/// Give quotes without an attribution the speaker of the quote they carry on.
fn inherit_speakers(prose: &str, quotes: &mut [Quote], paras: &[Span]) {
    let para_of = |offset: usize| -> usize { paras.partition_point(|p| p.end <= offset) };
    for i in 1..quotes.len() {
        if quotes[i].speaker.is_some() {
            continue;
        }
        let (prev, cur) = quotes.split_at_mut(i);
        let p = &prev[i - 1];
        let q = &mut cur[0];
        let Some(ps) = &p.speaker else { continue };
        let pp = para_of(p.span.start);
        let qp = para_of(q.span.start);
        let same_para = pp == qp;
        let quote_only = qp <= pp + 2
            && paras
                .get(qp)
                .is_some_and(|para| paragraph_is_quotation(prose, *para, q));
        if q.continues_previous || same_para || quote_only {
            let mut s = ps.clone();
            s.inherited = true;
            q.speaker = Some(s);
        }
    }
}

/// Whether the paragraph holding `q` is nothing but quotation (and punctuation).
fn paragraph_is_quotation(prose: &str, para: Span, q: &Quote) -> bool {
    if q.span.start != para.start {
        return false;
    }
    let rest = Span::new(q.span.end.min(para.end), para.end).slice(prose);
    rest.chars().all(|c| !c.is_alphanumeric())
        || rest.chars().next().is_some_and(is_quote_mark) && rest.len() < 3
}

/// Classify a mention by its words.
pub fn mention_kind(text: &str) -> MentionKind {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() == 1 && is_pronoun(words[0]) {
        return MentionKind::Pronoun;
    }
    let capitalised = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
    let has_title = words.iter().any(|w| is_title_word(&w.to_lowercase()));
    let last_cap = words
        .last()
        .is_some_and(|w| capitalised(w) && !is_title_word(&w.to_lowercase()));
    let all_cap = words.iter().all(|w| capitalised(w) || is_name_joiner(w));
    if all_cap && !has_title {
        if words
            .first()
            .is_some_and(|w| matches!(w.to_lowercase().as_str(), "the" | "a" | "an"))
        {
            return MentionKind::Description;
        }
        return MentionKind::Name;
    }
    if has_title && last_cap {
        return MentionKind::TitledName;
    }
    let indefinite = words.first().is_some_and(|w| {
        matches!(
            w.to_lowercase().as_str(),
            "a" | "an" | "one" | "two" | "three" | "some" | "several"
        )
    });
    if has_title && words.len() <= 4 && !indefinite {
        return MentionKind::Title;
    }
    if last_cap
        && words.len() <= 4
        && words.iter().filter(|w| capitalised(w)).count() >= 1
        && !words
            .iter()
            .any(|w| matches!(w.to_lowercase().as_str(), "the" | "a" | "an"))
    {
        return MentionKind::Name;
    }
    MentionKind::Description
}

fn is_name_joiner(w: &str) -> bool {
    matches!(
        w,
        "de" | "van"
            | "von"
            | "al"
            | "bin"
            | "der"
            | "da"
            | "di"
            | "la"
            | "le"
            | "du"
            | "&"
            | "of"
            | "and"
    )
}

pub(crate) fn is_pronoun(w: &str) -> bool {
    matches!(
        w.to_lowercase().as_str(),
        "he" | "she" | "they" | "it" | "we" | "i" | "you" | "him" | "her" | "them" | "us" | "one"
    )
}

/// Words of a title or role ("secretary", "Gen.", "spokesman").
fn is_title_word(w: &str) -> bool {
    let w = w.trim_end_matches('.');
    matches!(
        w,
        "president"
            | "secretary"
            | "minister"
            | "general"
            | "gen"
            | "official"
            | "officials"
            | "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "senator"
            | "sen"
            | "rep"
            | "representative"
            | "governor"
            | "gov"
            | "mayor"
            | "chairman"
            | "chairwoman"
            | "chair"
            | "director"
            | "chief"
            | "ambassador"
            | "diplomat"
            | "envoy"
            | "judge"
            | "justice"
            | "attorney"
            | "lawyer"
            | "candidate"
            | "nominee"
            | "leader"
            | "speaker"
            | "adviser"
            | "advisor"
            | "aide"
            | "commander"
            | "colonel"
            | "col"
            | "lt"
            | "lieutenant"
            | "sgt"
            | "sergeant"
            | "capt"
            | "captain"
            | "admiral"
            | "adm"
            | "prime"
            | "chancellor"
            | "premier"
            | "king"
            | "queen"
            | "prince"
            | "dr"
            | "professor"
            | "prof"
            | "ceo"
            | "executive"
            | "manager"
            | "head"
            | "deputy"
            | "vice"
            | "congressman"
            | "congresswoman"
            | "strategist"
            | "analyst"
            | "economist"
            | "founder"
            | "pastor"
            | "rev"
            | "reverend"
            | "pope"
            | "bishop"
            | "sheriff"
            | "officer"
            | "commissioner"
            | "coach"
            | "host"
            | "correspondent"
            | "editor"
            | "columnist"
            | "author"
            | "expert"
            | "researcher"
            | "scientist"
            | "mr"
            | "mrs"
            | "ms"
            | "miss"
            | "sir"
            | "lord"
            | "lady"
            | "dame"
            | "senior"
            | "former"
    )
}

/// Nouns for people ("the official said", "a spokesman said").
fn is_person_noun(w: &str) -> bool {
    is_title_word(w)
        || matches!(
            w,
            "statement"
                | "ministry"
                | "department"
                | "agency"
                | "daily"
                | "newspaper"
                | "paper"
                | "report"
                | "campaign"
                | "source"
                | "sources"
                | "people"
                | "person"
                | "man"
                | "woman"
                | "group"
                | "government"
                | "administration"
                | "office"
                | "police"
                | "spokesmen"
                | "aides"
                | "advisers"
                | "critics"
                | "supporters"
                | "experts"
                | "analysts"
                | "witnesses"
                | "residents"
                | "voters"
                | "officials"
                | "democrats"
                | "republicans"
                | "lawmakers"
                | "members"
                | "committee"
                | "white"
                | "house"
        )
}

/// Adverbs, auxiliaries and time words that sit between a mention and its cue.
fn is_skip_word(w: &str) -> bool {
    matches!(
        w.to_lowercase().as_str(),
        "also"
            | "later"
            | "earlier"
            | "then"
            | "again"
            | "previously"
            | "recently"
            | "once"
            | "reportedly"
            | "allegedly"
            | "repeatedly"
            | "further"
            | "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "could"
            | "may"
            | "might"
            | "should"
            | "did"
            | "does"
            | "do"
            | "is"
            | "was"
            | "were"
            | "are"
            | "be"
            | "been"
            | "being"
            | "not"
            | "never"
            | "just"
            | "often"
            | "publicly"
            | "privately"
            | "separately"
            | "last"
            | "week"
            | "month"
            | "year"
            | "yesterday"
            | "today"
            | "tonight"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "night"
            | "morning"
            | "afternoon"
            | "evening"
            | "simply"
            | "flatly"
            | "bluntly"
            | "quickly"
            | "angrily"
            | "frequently"
            | "always"
            | "still"
            | "even"
            | "already"
            | "first"
            | "subsequently"
            | "finally"
            | "only"
            | "proudly"
            | "openly"
            | "firmly"
            | "clearly"
            | "confidently"
            | "emphatically"
            | "famously"
            | "memorably"
            | "calmly"
            | "quietly"
            | "loudly"
            | "directly"
            | "specifically"
            | "explicitly"
            | "curtly"
    )
}

/// Words that end a mention when walking away from the cue.
fn is_boundary_word(w: &str) -> bool {
    matches!(
        w.to_lowercase().as_str(),
        "that"
            | "which"
            | "who"
            | "whom"
            | "whose"
            | "when"
            | "while"
            | "because"
            | "but"
            | "if"
            | "although"
            | "though"
            | "as"
            | "after"
            | "before"
            | "since"
            | "where"
            | "so"
            | "what"
            | "how"
            | "why"
            | "whether"
            | "than"
            | "is"
            | "was"
            | "were"
            | "are"
            | "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "to"
            | "be"
            | "not"
            | "by"
            | "in"
            | "on"
            | "at"
            | "with"
            | "from"
            | "for"
            | "about"
            | "during"
            | "into"
            | "said"
            | "says"
            | "told"
            | "asked"
            | "this"
            | "these"
            | "those"
            | "there"
            | "here"
            | "can"
            | "could"
            | "should"
            | "may"
            | "might"
            | "must"
            | "did"
            | "do"
            | "does"
            | "been"
            | "being"
    )
}

/// Words after a mention that start something else (`said Pompeo in a statement`).
fn is_after_stop(w: &str) -> bool {
    matches!(
        w.to_lowercase().as_str(),
        "to" | "and"
            | "during"
            | "after"
            | "on"
            | "in"
            | "at"
            | "via"
            | "through"
            | "last"
            | "this"
            | "yesterday"
            | "today"
            | "earlier"
            | "later"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
    )
}

/// Words a backward walk may pick up at the start of a mention that are not part of it.
fn is_leading_junk(w: &str) -> bool {
    matches!(
        w.to_lowercase().as_str(),
        "and"
            | "or"
            | "but"
            | "then"
            | "also"
            | "so"
            | "yet"
            | "of"
            | "to"
            | "in"
            | "on"
            | "at"
            | "for"
            | "with"
            | "by"
            | "from"
            | "as"
            | "meanwhile"
            | "however"
            | "instead"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::quote::find_quotes;

    /// (quote text, mention text, cue text, inherited) for each quote.
    fn attributed(prose: &str) -> Vec<(String, Option<String>, Option<String>, bool)> {
        let mut quotes = find_quotes(prose);
        attribute(prose, &mut quotes);
        quotes
            .into_iter()
            .map(|q| {
                let inherited = q.speaker.as_ref().is_some_and(|s| s.inherited);
                (
                    q.text,
                    q.speaker.map(|s| s.mention_text),
                    q.cue.map(|c| c.text),
                    inherited,
                )
            })
            .collect()
    }

    fn speaker_of(prose: &str) -> (String, String) {
        let a = attributed(prose);
        let first = a.first().expect("a quote");
        (
            first.1.clone().unwrap_or_default(),
            first.2.clone().unwrap_or_default(),
        )
    }

    #[test]
    fn both_orders() {
        assert_eq!(
            speaker_of(r#""We will win," Pompeo said."#),
            ("Pompeo".into(), "said".into())
        );
        assert_eq!(
            speaker_of(r#""We will win," said Mike Pompeo."#),
            ("Mike Pompeo".into(), "said".into())
        );
        assert_eq!(
            speaker_of(r#""We will win," said the secretary of state, who was in New York."#),
            ("the secretary of state".into(), "said".into())
        );
        assert_eq!(
            speaker_of(r#"Pompeo said: "We will win.""#),
            ("Pompeo".into(), "said".into())
        );
    }

    #[test]
    fn cues_in_many_forms() {
        for (text, cue) in [
            (r#""It is over," she insisted."#, "insisted"),
            (r#""It is over," she added."#, "added"),
            (r#""It is over," she wrote in a memo."#, "wrote"),
            (
                r#""It is over," she told reporters on Monday."#,
                "told reporters",
            ),
            (r#""It is over," she has repeatedly argued."#, "argued"),
            (r#""It is over," tweeted Trump."#, "tweeted"),
            (r#""It is over," she is saying."#, "saying"),
        ] {
            assert_eq!(speaker_of(text).1, cue, "{text}");
        }
    }

    #[test]
    fn according_to() {
        assert_eq!(
            speaker_of(r#"According to the influential US daily, "the deal is done.""#),
            ("the influential US daily".into(), "According to".into())
        );
        assert_eq!(
            speaker_of(r#""The deal is done," according to a senior official."#),
            ("a senior official".into(), "according to".into())
        );
    }

    #[test]
    fn mention_kinds() {
        let kind = |prose: &str| {
            let mut q = find_quotes(prose);
            attribute(prose, &mut q);
            q[0].speaker.as_ref().map(|s| s.kind)
        };
        assert_eq!(kind(r#""Go," he said."#), Some(MentionKind::Pronoun));
        assert_eq!(kind(r#""Go," Mike Pompeo said."#), Some(MentionKind::Name));
        assert_eq!(
            kind(r#""Go," Secretary of State Mike Pompeo said."#),
            Some(MentionKind::TitledName)
        );
        assert_eq!(
            kind(r#""Go," Gen. Mizintsev said."#),
            Some(MentionKind::TitledName)
        );
        assert_eq!(
            kind(r#""Go," a senior official said."#),
            Some(MentionKind::Description)
        );
        assert_eq!(
            kind(r#""Go," the minister said."#),
            Some(MentionKind::Title)
        );
    }

    #[test]
    fn quote_only_paragraph_inherits_the_previous_speaker() {
        let a = attributed(
            "\"First,\" Mattis said.\n\n\"Second paragraph.\"\n\nNarration here.\n\n\"Far away.\"",
        );
        assert_eq!(a[1].1.as_deref(), Some("Mattis"));
        assert!(a[1].3);
        assert_eq!(a[1].2, None);
        // Two paragraphs of narration in between: no guess.
        let a = attributed("\"First,\" Mattis said.\n\nOne.\n\nTwo.\n\nThree.\n\n\"Far away.\"");
        assert_eq!(a[1].1, None);
    }

    #[test]
    fn split_quote_continues_and_shares_the_speaker() {
        let prose = r#""It's important," he said, "that we do this right.""#;
        let mut q = find_quotes(prose);
        attribute(prose, &mut q);
        assert_eq!(q.len(), 2);
        assert!(q[1].continues_previous);
        assert_eq!(q[0].speaker.as_ref().unwrap().mention_text, "he");
        assert_eq!(q[1].speaker.as_ref().unwrap().mention_text, "he");
    }

    #[test]
    fn no_speaker_when_none_is_given() {
        let a = attributed(r#"The so-called "peace dividend for the region" never came."#);
        assert_eq!(a[0].1, None);
    }
}
