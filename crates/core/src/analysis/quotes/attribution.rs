//! Attribution: for each quote, the reporting cue and the mention of who spoke.
//!
//! Resolving that mention to a person (a pronoun, a surname, a title) is done by
//! [`crate::analysis::entity`]; this module only finds the words.
//!
//! Where it looks, in order:
//! - after the quote, in the same sentence: `"...," Pompeo told reporters`,
//!   `"...," said the official`, `"..." on Monday, he said`;
//! - before the quote, in the same sentence: `Pompeo said: "..."`,
//!   `He said the proposals "take into account ..."`, `According to X, "..."`,
//!   `He adopted an accent and joked, "..."` (the subject of a coordinated or
//!   participle cue);
//! - a quotation inside a sentence with no cue (`Clinton blamed the "fog of war"`,
//!   `She addressed the crowd: "..."`) is given to the sentence's subject when that
//!   names a person (no cue is reported then);
//! - otherwise the quote continues the previous speaker (marked `inherited`) when it
//!   carries on the previous quote, sits in the same paragraph as it, or its paragraph
//!   is only quotation (then the most recent attribution of the paragraph before, or
//!   the previous quote's speaker): [`crate::analysis::inherit`].
//!
//! The search windows are bounded, so the work is linear in the text. Quotations signed
//! with a dash are read by [`crate::analysis::signature`]; whether a word is a reporting
//! cue where it stands is [`crate::analysis::cue_context`]'s.

use crate::analysis::cue::{cue_strength, is_cue_object, CueStrength};
use crate::analysis::cue_context::{cue_span, is_cue_at, make_cue, names_its_object, strong_verb};
use crate::analysis::cue_tokens::{tokens, Tok, TokKind};
use crate::analysis::lower::LowerExt;
use crate::analysis::mention::{
    is_clause_word, is_leading_junk, is_person_like, is_pronoun, is_skip_word, is_valid_mention,
    mention_after, mention_before, mention_before_aside, mention_kind, np_forward, object_of_place,
    sentence_subject, MAX_MENTION_WORDS,
};
use crate::analysis::quote::{paragraphs, Cue, Quote, Speaker};
use crate::analysis::signature::{signed_after, signed_below, turn_label};
use crate::analysis::span::Span;

/// How far around a quote an attribution is looked for, in bytes.
pub(super) const WINDOW: usize = 360;

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
        let reaches_next_quote = after_limit == next_start;
        // `Brooks stated that the debate was "more Rubio-style" and the candidate "did
        // well"`: the window before the second quote starts at the first, whose
        // sentence runs on.
        // Only when the quote before was reported, not named (`a clip the judge
        // called "distasteful," Santilli ...`).
        let after_open_quote = i > 0 && before_limit == prev_end && {
            let p = &quotes[i - 1];
            para_of(p.span.start) == para_idx
                && !p.inner.slice(prose).trim_end().ends_with(['.', '!', '?'])
                && p.cue
                    .as_ref()
                    .is_some_and(|c| !names_its_object(&c.text.lower()))
        };
        if let Some((speaker, cue)) = find_attribution(
            prose,
            q,
            after,
            before,
            reaches_next_quote,
            after_open_quote,
        ) {
            quotes[i].speaker = Some(speaker);
            quotes[i].cue = cue;
        }
    }
    mark_split_quotes(prose, quotes, &paras);
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
            || inner.ends_with('…')
            || gap_toks.first().is_some_and(|t| t.is_punct(','));
        let no_sentence_end = !gap_toks.iter().any(|t| t.ends_sentence(prose));
        let cue_in_gap = [p.cue.as_ref(), q.cue.as_ref()]
            .into_iter()
            .flatten()
            .any(|c| gap.contains_span(c.span));
        if open_ended && no_sentence_end && cue_in_gap {
            q.continues_previous = true;
        }
    }
}

/// The tokens of the sentence after a quote, up to its end.
fn clause_after<'t>(prose: &str, toks: &'t [Tok]) -> &'t [Tok] {
    let end = toks
        .iter()
        .position(|t| t.ends_sentence(prose))
        .unwrap_or(toks.len());
    &toks[..end]
}

/// The tokens of the sentence before a quote, from its start.
pub(super) fn clause_before<'t>(prose: &str, toks: &'t [Tok]) -> &'t [Tok] {
    let start = toks
        .iter()
        .rposition(|t| t.ends_sentence(prose))
        .map_or(0, |k| k + 1);
    &toks[start..]
}

fn find_attribution(
    prose: &str,
    q: &Quote,
    after: Span,
    before: Span,
    reaches_next_quote: bool,
    after_open_quote: bool,
) -> Option<(Speaker, Option<Cue>)> {
    let after_all = tokens(prose, after);
    let before_all = tokens(prose, before);
    let after_toks = clause_after(prose, &after_all);
    let before_toks = clause_before(prose, &before_all);
    let inner = without_nested_close(q.inner.slice(prose));
    let ends_with_comma =
        inner.ends_with(',') || after_toks.first().is_some_and(|t| t.is_punct(','));
    let ends_sentence = inner.ends_with(['.', '!', '?']);
    let fragment = !ends_with_comma && !inner.ends_with(['.', '!', '?', '-', '—', '…', ':', ';']);
    let with_cue = |found: Option<(Span, Span)>| {
        found.map(|(m, c)| (speaker(prose, m), Some(make_cue(prose, c))))
    };
    let signed = signed_after(prose, after)
        .or_else(|| signed_below(prose, q))
        .or_else(|| turn_label(prose, q));
    if let Some(found) = with_cue(signed) {
        return Some(found);
    }
    // `X said the approach remained "...", but he also warned`: a clause joined after
    // the quote is a new statement; an attribution before the quote comes first.
    let after_is_new_clause = after_toks
        .iter()
        .find(|t| !t.is_punct(','))
        .is_some_and(|t| {
            t.is_word()
                && matches!(
                    t.text(prose).lower().as_str(),
                    "but" | "and" | "while" | "although" | "though" | "whereas" | "yet"
                )
        });
    if (!ends_with_comma && before_cue_adjacent(prose, before_toks)) || after_is_new_clause {
        if let Some(found) = with_cue(attribution_before(prose, before_toks)) {
            return Some(found);
        }
    }
    if let Some(found) = with_cue(attribution_after(
        prose,
        after_toks,
        ends_sentence && !ends_with_comma,
        fragment,
        reaches_next_quote && after_toks.len() == after_all.len(),
    )) {
        return Some(found);
    }
    if let Some(found) = with_cue(attribution_before(prose, before_toks)) {
        return Some(found);
    }
    // A quotation inside a sentence with no cue: the sentence's subject, when it names
    // a person ("Clinton blamed the “fog of war”", "She told the crowd: “...”").
    // One- and two-word quotations are often words borrowed from someone else, not
    // the subject's: they get no guess. Nor does a quote in the same sentence as the
    // quote before it, whose speaker's sentence this is (`Kerry said that although
    // the elections were an "important step," they were "far from perfect."`): it
    // carries on that speaker.
    // (`..., but he gave the Texan a compliment: "..."` is a clause of its own.)
    // (A quote that ends its own sentence has no more of it to look at.)
    let final_cue = (!ends_sentence)
        .then(|| sentence_final_attribution(prose, q))
        .flatten();
    if let Some(found) = with_cue(final_cue) {
        return Some(found);
    }
    let same_sentence_as_previous = after_open_quote
        && !before_all.iter().any(|t| {
            t.ends_sentence(prose)
                || t.is_punct(';')
                || t.is_punct(':')
                || t.is_word()
                    && matches!(t.text(prose).lower().as_str(), "but" | "yet" | "whereas")
        });
    if same_sentence_as_previous {
        return None;
    }
    let quoted_words = inner
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count();
    if quoted_words >= 3 && before_toks.iter().any(|t| t.is_word()) {
        if let Some(subject) = sentence_subject(prose, before_toks) {
            if is_person_like(subject.slice(prose)) {
                return Some((speaker(prose, subject), None));
            }
        }
    }
    None
}

/// `Donations were "flat for about a month" as donors waited to see how the race
/// played out, he said.`: an attribution that closes the quote's sentence after a
/// comma ("he said", "Smith said", "said Smith") is the speaker of every quote in
/// it, however far from the quote it stands.
fn sentence_final_attribution(prose: &str, q: &Quote) -> Option<(Span, Span)> {
    // Bounded before the line break is looked for: the work stays linear on a long line.
    let mut end = q.span.end.saturating_add(WINDOW * 2).min(prose.len());
    while !prose.is_char_boundary(end) {
        end -= 1;
    }
    let rest = prose.get(q.span.end..end)?;
    let end = q.span.end + rest.find(['\n', '\r']).unwrap_or(rest.len());
    let toks = tokens(prose, Span::new(q.span.end, end));
    let stop = toks.iter().position(|t| t.ends_sentence(prose))?;
    let comma = toks[..stop].iter().rposition(|t| t.is_punct(','))?;
    let seg = &toks[comma + 1..stop];
    if seg.is_empty() || seg.len() > 5 || !seg.iter().all(|t| t.is_word()) {
        return None;
    }
    let k = seg.iter().position(|t| strong_verb(prose, t))?;
    let (cue, after_cue) = cue_span(prose, seg, k);
    let m = if k == 0 {
        // "..., said Smith."
        let m = mention_after(prose, seg, after_cue)?;
        (m.end == seg[seg.len() - 1].span.end).then_some(m)?
    } else {
        // "..., he said." / "..., Smith said." (nothing after the cue)
        let m = mention_before(prose, seg, 0, k)?;
        (after_cue == seg.len() && m.start == seg[0].span.start).then_some(m)?
    };
    let text = m.slice(prose);
    (is_pronoun(text) && !text.eq_ignore_ascii_case("it") || is_person_like(text))
        .then_some((m, cue))
}

/// The quoted words without the closing mark of a quotation nested at their end:
/// in `"She said, 'I refuse to use the phrase,'" he noted.` the outer quotation ends
/// with a comma, as any quote before its attribution does.
fn without_nested_close(inner: &str) -> &str {
    let t = inner.trim_end();
    let opens_nested = t.contains(['‘', '\'']);
    let stripped = t.trim_end_matches(['’', '\'']).trim_end();
    if opens_nested && stripped.ends_with([',', '.', '!', '?']) {
        stripped
    } else {
        t
    }
}

/// Whether a cue stands right before the quote (`said: "`, `told reporters "`).
fn before_cue_adjacent(prose: &str, toks: &[Tok]) -> bool {
    toks.iter()
        .rev()
        .filter(|t| !t.is_punct(',') && !t.is_punct(':'))
        .take(3)
        .any(|t| t.is_word() && cue_strength(t.text(prose)).is_some())
}

/// `"...," Pompeo said` / `"...," said Pompeo` / `"..." on Monday, he said`.
/// Returns the mention and cue spans.
fn attribution_after(
    prose: &str,
    toks: &[Tok],
    new_sentence: bool,
    fragment: bool,
    runs_to_next_quote: bool,
) -> Option<(Span, Span)> {
    let start = toks.iter().position(|t| t.is_word())?;
    let (k, _) = toks
        .iter()
        .enumerate()
        .skip(start)
        .take(MAX_MENTION_WORDS + 4)
        .find(|(k, t)| t.is_word() && is_cue_at(prose, toks, *k))?;
    let words_to_cue = toks[start..k].iter().filter(|t| t.is_word()).count();
    // `Cruz said he'd make sand "glow in the dark," for instance, and Trump vowed`:
    // a conjunction that opens a clause whose subject runs, unbroken, to the cue
    // starts a new statement, whose cue is not this quote's. (`..., and migration,
    // said X`: a comma after the conjunction closes a list, not a clause.)
    let new_clause = (start..k).any(|j| {
        let opens = j == start || toks[j - 1].is_punct(',');
        opens
            && toks[j].is_word()
            && matches!(
                toks[j].text(prose).lower().as_str(),
                "and" | "but" | "while" | "whereas"
            )
            && k - j <= 5
            && toks[j + 1..k].iter().all(|t| t.is_word())
    });
    if new_clause {
        return None;
    }
    if new_sentence {
        // `"... Syria." Pompeo said` starts a new sentence: only a short attribution
        // right after the quote, that ends soon after its cue, belongs to it. (`He
        // writes that "..."` introduces the next quote instead.)
        let first = toks[start].text(prose);
        if first.chars().next().is_some_and(char::is_uppercase) {
            let tail = toks[k + 1..]
                .iter()
                .take_while(|t| !t.is_punct(','))
                .filter(|t| t.is_word())
                .count();
            // `Trump asked, repeating a broadside that ...`: a participle after the
            // cue and its comma is an aside of the attribution, which ends there.
            let closed = toks.get(k + 1).is_some_and(|t| t.is_punct(','))
                && toks.get(k + 2).is_some_and(|t| {
                    let w = t.text(prose);
                    t.is_word()
                        && w.len() > 5
                        && w.ends_with("ing")
                        && !super::mention::capitalised(w)
                });
            let introduces = !closed
                && toks[k + 1..].iter().any(|t| {
                    t.is_punct(':') || t.is_word() && t.text(prose).eq_ignore_ascii_case("that")
                });
            // A long tail is a new statement (`Trump said the plan would fail ...`)
            // unless it is only adjuncts (`asked reporters rhetorically during a news
            // conference`, `said in a statement on Monday`).
            let adjuncts = toks[k + 1..].iter().find(|t| t.is_word()).is_some_and(|t| {
                let w = t.text(prose);
                let lw = w.lower();
                is_cue_object(w)
                    || is_skip_word(w)
                    || matches!(
                        lw.as_str(),
                        "in" | "at"
                            | "on"
                            | "during"
                            | "about"
                            | "into"
                            | "to"
                            | "from"
                            | "with"
                            | "of"
                            | "before"
                            | "after"
                            | "while"
                            | "as"
                            | "outside"
                    )
            });
            let tail_is_statement = tail > 6 && !adjuncts;
            // `"...," Murphy, the head of the super PAC, tweeted`: a name and its
            // apposition, however long, up to the comma before the cue.
            // (Not a name that opens the next line.)
            let opens_line = prose[..toks[start].span.start]
                .trim_end_matches([' ', '\t'])
                .ends_with(['\n', '\r']);
            let named_aside = k > start
                && !opens_line
                && toks[k - 1].is_punct(',')
                && np_forward(prose, toks, start).is_some_and(|(f, l)| {
                    let w = toks[f].text(prose);
                    toks.get(l + 1).is_some_and(|t| t.is_punct(','))
                        && l + 1 < k - 1
                        && super::mention::capitalised(w)
                        && !super::mention::is_determiner(w)
                        && !is_pronoun(w)
                });
            if (words_to_cue > 6 && !named_aside)
                || tail_is_statement
                || introduces
                || runs_to_next_quote && !closed
            {
                return None;
            }
        }
    }
    if fragment && cue_strength(toks[k].text(prose)) != Some(CueStrength::Strong) {
        // `'concrete' Ukraine offer`: a quoted phrase inside a sentence needs a clear
        // reporting verb after it.
        return None;
    }
    let (cue, after_cue) = cue_span(prose, toks, k);
    if toks[k].text(prose).eq_ignore_ascii_case("according") {
        // `"...," according to X`; but in `That's bad, according to X` the quote is
        // not X's.
        if words_to_cue > 2 {
            return None;
        }
        return mention_after(prose, toks, after_cue).map(|m| (m, cue));
    }
    let before_words: Vec<usize> = (start..k)
        .filter(|&j| toks[j].is_word() && !is_skip_word(toks[j].text(prose)))
        .collect();
    if before_words.is_empty() {
        // Inverted: `said Pompeo`.
        return mention_after(prose, toks, after_cue).map(|m| (m, cue));
    }
    // `"This will be a challenge" for Clinton, said Kunin`: after a comma, a cue
    // followed by a name is inverted; the words before the comma end the quoted
    // sentence.
    let opens_mention = {
        let w = toks[before_words[0]].text(prose);
        let lw = w.lower();
        (crate::analysis::mention::capitalised(w)
            || crate::analysis::mention::is_determiner(w)
            || crate::analysis::mention::is_person_noun(&lw)
            || crate::analysis::mention::is_title_word(&lw))
            && !is_leading_junk(w)
    };
    if !opens_mention && k > 0 && toks[k - 1].is_punct(',') && strong_verb(prose, &toks[k]) {
        if let Some(m) = mention_after(prose, toks, after_cue) {
            return Some((m, cue));
        }
    }
    // `"...," senior ministry official General Mikhail Mizintsev said`: the whole
    // stretch between quote and cue names the speaker, unless it holds a clause.
    let last = *before_words.last()?;
    if is_pronoun(toks[last].text(prose)) {
        // "... on Monday, he said".
        return Some((toks[last].span, cue));
    }
    let first =
        (start..=last).find(|&j| toks[j].is_word() && !is_leading_junk(toks[j].text(prose)))?;
    let gap = &toks[first..=last];
    let clean = !gap.iter().any(|t| {
        (t.is_word()
            && is_clause_word(t.text(prose))
            && !(gap.len() == 1 && is_pronoun(t.text(prose))))
            || matches!(t.kind, TokKind::Punct(c) if !matches!(c, ',' | '&' | '-' | '(' | ')'))
    });
    if clean && is_valid_mention(prose, gap) {
        // "Harry M. Reid (D-Nev.)": keep the closing parenthesis.
        let open = gap.iter().filter(|t| t.is_punct('(')).count();
        let close = gap.iter().filter(|t| t.is_punct(')')).count();
        let end = match toks.get(last + 1) {
            Some(t) if t.is_punct(')') && open > close => t.span.end,
            _ => toks[last].span.end,
        };
        return Some((Span::new(toks[first].span.start, end), cue));
    }
    // `"...?" a reporter can be heard asking`: the subject of the clause.
    if let Some((f, l)) = np_forward(prose, toks, first) {
        if is_valid_mention(prose, &toks[f..=l]) && l < k {
            return Some((Span::new(toks[f].span.start, toks[l].span.end), cue));
        }
    }
    mention_before(prose, toks, start, k).map(|m| (m, cue))
}

/// `Pompeo said: "..."`, `He said the proposals "..."`, `According to X, "..."`.
/// Returns the mention and cue spans.
fn attribution_before(prose: &str, toks: &[Tok]) -> Option<(Span, Span)> {
    // Strong cues first: in `Cruz said he's certain Rubio will continue to be "..."`
    // the quote is Cruz's, not Rubio's.
    attribution_before_with(prose, toks, true)
        .or_else(|| attribution_before_with(prose, toks, false))
}

fn attribution_before_with(prose: &str, toks: &[Tok], strong_only: bool) -> Option<(Span, Span)> {
    let word_positions: Vec<usize> = (0..toks.len()).filter(|&k| toks[k].is_word()).collect();
    for &k in word_positions.iter().rev().take(24) {
        if !is_cue_at(prose, toks, k) {
            continue;
        }
        let verb = toks[k].text(prose).lower();
        let strong = verb == "according" || cue_strength(&verb) == Some(CueStrength::Strong);
        if strong_only && !strong {
            continue;
        }
        let (cue, after_cue) = cue_span(prose, toks, k);
        if verb == "according" {
            if let Some(m) = mention_after(prose, toks, after_cue) {
                return Some((m, cue));
            }
            continue;
        }
        let before = mention_before(prose, toks, 0, k)
            .map(|m| subject_before_place(prose, toks, m).unwrap_or(m))
            .map(|m| subject_before_object(prose, toks, m).unwrap_or(m));
        let participle = verb.ends_with("ing");
        if let Some(m) = before {
            // `Bolton said he would advise Trump on the "..."`: a cue inside what an
            // earlier reporting verb reports belongs to that verb's speaker.
            let text = m.slice(prose);
            // (A capitalised "He" mid-clause starts a sentence the splitter missed.)
            if (is_pronoun(text) && !crate::analysis::mention::capitalised(text)) || !strong {
                if let Some(found) = governing_attribution(prose, toks, m.start) {
                    return Some(found);
                }
            }
        }
        // ("with Gorka noting", "to see a Republican administration defending": there
        // the noun before the participle is its subject.)
        let object_before = before.is_some_and(|m| {
            !is_pronoun(m.slice(prose))
                && toks
                    .iter()
                    .rposition(|t| t.span.end <= m.start)
                    .is_some_and(|p| {
                        toks[p].is_word()
                            && !matches!(
                                toks[p].text(prose).lower().as_str(),
                                "with"
                                    | "without"
                                    | "see"
                                    | "saw"
                                    | "seen"
                                    | "hear"
                                    | "heard"
                                    | "watch"
                                    | "watched"
                                    | "of"
                                    | "and"
                                    | "or"
                            )
                    })
        });
        if participle && object_before {
            // `Trump and Ryan issued a statement describing ...`, `The senator emailed
            // supporters saying: "..."`: a participle clause reports the words of the
            // main clause's subject, not of the noun just before it.
            if let Some(s) = sentence_subject(prose, &toks[..k]).filter(|s| {
                s.end <= before.map_or(s.end, |m| m.start) && is_person_like(s.slice(prose))
            }) {
                return Some((s, cue));
            }
        }
        if let Some(m) = before {
            // "issued a statement saying": the statement's author speaks.
            if !participle || is_person_like(m.slice(prose)) {
                return Some((m, cue));
            }
        }
        // "..., adding", "and joked", "by calling": the speaker of an earlier cue in
        // the sentence ("Spicer said, adding"), else the sentence's subject.
        let mut j = k;
        while j > 0 && toks[j - 1].is_word() && is_skip_word(toks[j - 1].text(prose)) {
            j -= 1;
        }
        if before.is_none() && !participle && j > 0 && toks[j - 1].is_punct(',') {
            if let Some(m) = mention_before_aside(prose, toks, 0, j - 1) {
                return Some((m, cue));
            }
        }
        let joined = j == 0
            || toks[j - 1].is_punct(',')
            || toks[j - 1].is_word()
                && matches!(
                    toks[j - 1].text(prose).lower().as_str(),
                    "and" | "by" | "while" | "before" | "after" | "when" | "then" | "but"
                );
        if joined || participle {
            let earlier = attribution_before_with(prose, &toks[..j], false).map(|(m, _)| m);
            if let Some(s) = earlier.or_else(|| sentence_subject(prose, &toks[..k])) {
                return Some((s, cue));
            }
        }
        if let Some(m) = before {
            return Some((m, cue));
        }
        // "Pence, who called": the relative pronoun is the mention (as "he" would be);
        // the entity resolution takes it to the name before it.
        if j >= 2
            && toks[j - 1].text(prose).eq_ignore_ascii_case("who")
            && toks[j - 2].is_punct(',')
            && mention_before(prose, toks, 0, j - 2).is_some()
        {
            return Some((toks[j - 1].span, cue));
        }
        // Inverted before the quote: `Said Pompeo: "..."`. (`Calling Clinton, "..."`:
        // after a participle or a naming verb comes its object, never the speaker; so
        // does the listener after "told" or "asked": `As one aide told the Times, "..."`.)
        let names_listener = matches!(verb.as_str(), "told" | "tells" | "asked" | "asks");
        if strong && !participle && !names_its_object(&verb) && !names_listener {
            if let Some(m) = mention_after(prose, toks, after_cue) {
                let next = toks.iter().position(|t| t.span.start >= m.end);
                if next.is_some_and(|n| toks[n].is_punct(':') || toks[n].is_punct(',')) {
                    return Some((m, cue));
                }
            }
        }
    }
    None
}

/// `A source speaking to Fox News said`, `Sanders during a rally thanked`, `a spokesman
/// for the campaign said`: a mention right after a preposition is that preposition's
/// object; the noun phrase before the preposition (perhaps with a participle between,
/// "speaking", "obtained") is the subject. An affiliation ("for", "at", "from", "of",
/// "by") stays part of a description: "a spokesman for the campaign". Returns the
/// subject.
fn subject_before_object(prose: &str, toks: &[Tok], m: Span) -> Option<Span> {
    // ("in Florida, Trump said": a place and the subject after it, in apposition.)
    let object = m.slice(prose);
    if object.contains(',') || object.split_whitespace().any(|w| w == "and") {
        return None;
    }
    let first = toks.iter().position(|t| t.span.start >= m.start)?;
    let prep = first.checked_sub(1)?;
    let p = toks[prep].text(prose).lower();
    let affiliation = matches!(p.as_str(), "for" | "at" | "from" | "of" | "by");
    if !toks[prep].is_word()
        || !(affiliation || matches!(p.as_str(), "to" | "during" | "in" | "on" | "with"))
    {
        return None;
    }
    let mut end = prep;
    let verbal = |w: &str| {
        !crate::analysis::mention::capitalised(w)
            && w.len() > 4
            && (w.ends_with("ing") || w.ends_with("ed"))
    };
    let participle = end > 0 && toks[end - 1].is_word() && verbal(toks[end - 1].text(prose));
    if participle {
        end -= 1;
    }
    let subject = mention_before(prose, toks, 0, end)?;
    let text = subject.slice(prose);
    let words = text.split_whitespace().count();
    // ("Led by ...", "Speaking to ...": a sentence that opens with a participle has
    // its subject after it.)
    let opens_verbal = text.split_whitespace().next().is_some_and(|w| {
        let lw = w.lower();
        lw.len() > 4 && (lw.ends_with("ing") || lw.ends_with("ed")) || lw == "led"
    });
    let person = is_pronoun(text) && !text.eq_ignore_ascii_case("it") || is_person_like(text);
    // (A long subject is only kept with its affiliation: "a group of experts at".)
    let keeps_affiliation = affiliation && !participle;
    if !person || opens_verbal || (words > 5 && !keeps_affiliation) {
        return None;
    }
    // ("Ortega at the podium": a name needs no affiliation.)
    let described = text
        .split_whitespace()
        .last()
        .is_some_and(|w| !crate::analysis::mention::capitalised(w));
    Some(if keeps_affiliation && described {
        Span::new(subject.start, m.end)
    } else {
        subject
    })
}

/// `Clinton, during a town hall in Columbus, Ohio, said`: a mention that is the object
/// of a preposition inside a phrase set off by commas between the subject and its verb
/// is not who spoke; the subject before the phrase is. Returns that subject.
fn subject_before_place(prose: &str, toks: &[Tok], m: Span) -> Option<Span> {
    if !object_of_place(prose, toks, 0, m) {
        return None;
    }
    let prep = toks.iter().position(|t| t.span.start >= m.start)? - 1;
    // The comma that opens the phrase, within the clause: the phrase begins with a
    // preposition or a time word ("during", "after", "on Tuesday").
    for c in (1..prep).rev().take(16) {
        let t = &toks[c];
        if t.ends_sentence(prose) || t.is_punct(';') || t.is_punct(':') {
            return None;
        }
        if !t.is_punct(',') {
            continue;
        }
        let opener = toks.get(c + 1).filter(|t| t.is_word())?.text(prose).lower();
        if !matches!(
            opener.as_str(),
            "during" | "in" | "at" | "on" | "after" | "before" | "while" | "speaking" | "from"
        ) {
            return None;
        }
        return mention_before(prose, toks, 0, c).filter(|s| {
            let text = s.slice(prose);
            is_person_like(text) && text.split_whitespace().count() <= 6
        });
    }
    None
}

/// `X said [that] he ...`: the attribution of a strong cue earlier in `toks` whose
/// reported clause runs on, unbroken, to `clause_start` (no comma, colon, dash or
/// coordinating conjunction between them).
fn governing_attribution(prose: &str, toks: &[Tok], clause_start: usize) -> Option<(Span, Span)> {
    let end = toks.iter().position(|t| t.span.start >= clause_start)?;
    for k in (0..end).rev() {
        let t = &toks[k];
        if !t.is_word() {
            if matches!(t.kind, TokKind::Punct(c) if matches!(c, ',' | ';' | ':' | '—' | '–' | '(' | ')'))
            {
                return None;
            }
            continue;
        }
        let w = t.text(prose).lower();
        if matches!(
            w.as_str(),
            "and" | "but" | "or" | "while" | "although" | "though"
        ) {
            return None;
        }
        if cue_strength(&w) == Some(CueStrength::Strong) && is_cue_at(prose, toks, k) {
            let (cue, _) = cue_span(prose, toks, k);
            // ("President Obama, dedicating the museum, said it would ...")
            let aside = || {
                k.checked_sub(1)
                    .filter(|&c| toks[c].is_punct(','))
                    .and_then(|c| mention_before_aside(prose, toks, 0, c))
            };
            return mention_before(prose, toks, 0, k)
                .or_else(aside)
                .map(|m| (m, cue));
        }
    }
    None
}

pub(super) fn speaker(prose: &str, mention: Span) -> Speaker {
    let text = mention.slice(prose);
    Speaker {
        mention,
        mention_text: text.to_string(),
        kind: mention_kind(text),
        entity: None,
        inherited: false,
    }
}

#[cfg(test)]
#[path = "attribution_tests.rs"]
pub(crate) mod tests;
