//! Inherited speakers: a quote with no attribution of its own carries on the speaker of
//! the quote before it, when it continues that quote, sits in the same paragraph, or its
//! paragraph is nothing but quotation (then the last attribution of the paragraph
//! before counts).
//!
//! A step of [`crate::analysis::analyze`], run once every quote's own attribution has
//! been looked for ([`crate::analysis::attribution::attribute`]), with the same cue and
//! mention readers.

use crate::analysis::attribution::{clause_before, speaker, WINDOW};
use crate::analysis::cue::{cue_strength, CueStrength};
use crate::analysis::cue_tokens::{tokens, Tok};
use crate::analysis::lower::LowerExt;
use crate::analysis::mention::{
    capitalised, is_determiner, is_person_like, is_pronoun, mention_after, mention_before,
    sentence_subject,
};
use crate::analysis::paragraphs::paragraphs;
use crate::analysis::quote::{Quote, Speaker};
use crate::analysis::signature::{signed_after, unnamed_turn};
use crate::analysis::span::Span;

/// Give quotes without an attribution the speaker of the quote they carry on.
pub fn inherit_speakers(prose: &str, quotes: &mut [Quote]) {
    if quotes.is_empty() {
        return;
    }
    let paras = paragraphs(prose);
    let para_of = |offset: usize| -> usize { paras.partition_point(|p| p.end <= offset) };
    for i in 0..quotes.len() {
        if quotes[i].speaker.is_some() {
            continue;
        }
        let (prev, cur) = quotes.split_at_mut(i);
        let (q, later) = cur.split_first_mut().expect("index in range");
        let qp = para_of(q.span.start);
        if unnamed_turn(prose, q) {
            continue;
        }
        // `"Do I think that dealer should be sued?" Sanders asked rhetorically,
        // shaking his head no. "But I do believe ..."`: the attribution between two
        // quotes, read as the second's, is the first's too.
        if let Some(s) = later
            .first()
            .filter(|n| para_of(n.span.start) == qp)
            .and_then(|n| cue_between(prose, q, n))
        {
            q.speaker = Some(s);
            continue;
        }
        // `"... what he calls "hell" than live ..." ― Adriana Rodarte`: a signature at
        // the end of a paragraph that opens with a quotation signs every part of it.
        let signed = paras
            .get(qp)
            .filter(|para| para.start == q.span.start)
            .and_then(|para| paragraph_signature(prose, *para));
        if let Some(mut s) = signed {
            s.inherited = true;
            q.speaker = Some(s);
            continue;
        }
        let p = prev.last();
        let pp = p.map(|p| para_of(p.span.start));
        let same_para = pp == Some(qp);
        // (`Dr. Ward stated:` then a paragraph that opens with the quotation, even
        // when a quotation nested in it leaves words outside the marks.)
        let opens_para = paras.get(qp).is_some_and(|para| para.start == q.span.start);
        // (An unclosed quotation carries on one that ran to the end of the paragraph
        // before; after narrative, a stray mark opens nothing.)
        let runs_on = qp > 0
            && !q.closed
            && p.is_some_and(|p| {
                pp == Some(qp - 1)
                    && Span::new(p.span.end.min(paras[qp - 1].end), paras[qp - 1].end)
                        .slice(prose)
                        .chars()
                        .all(|c| !c.is_alphanumeric())
            });
        let introduced = qp > 0
            && opens_para
            && (runs_on || paras[qp - 1].slice(prose).trim_end().ends_with(':'));
        let quote_only = introduced
            || paras
                .get(qp)
                .is_some_and(|para| paragraph_is_quotation(prose, *para, q));
        let mut inherited: Option<Speaker> = None;
        if q.continues_previous || same_para {
            inherited = p.and_then(|p| p.speaker.clone());
        } else if quote_only && qp > 0 {
            // The paragraph before may name the speaker ("Stated Stone:", "Trump was
            // quick to add that ..."); else the previous quote's speaker carries on.
            let before = paras[qp - 1];
            let recent = p.map_or(0, |p| p.span.end);
            // A paragraph of narrative about someone, with no quote of its own
            // (`Valastro praised Christie's leadership.`), leads into their words.
            let narrated = || {
                (recent <= before.start)
                    .then(|| narrative_subject(prose, before))
                    .flatten()
            };
            inherited = last_attribution(prose, before, recent)
                .or_else(narrated)
                .or_else(|| {
                    p.filter(|_| pp.is_some_and(|pp| qp <= pp + 2))
                        .and_then(|p| p.speaker.clone())
                });
        }
        if let Some(mut s) = inherited {
            s.inherited = true;
            q.speaker = Some(s);
            continue;
        }
        // `Clinton touted her credentials as a co-sponsor. "We need to find ways to
        // support families."`: a quotation that is a sentence of its own, after a
        // sentence of the same paragraph, illustrates that sentence's speaker.
        let Some(para) = paras.get(qp) else {
            continue;
        };
        let lead_start = if same_para {
            p.map_or(para.start, |p| p.span.end)
        } else {
            para.start
        };
        if q.continues_previous || lead_start >= q.span.start {
            continue;
        }
        let lead = Span::new(lead_start, q.span.start);
        let toks = tokens(prose, lead);
        let opens_sentence = toks.last().is_some_and(|t| t.ends_sentence(prose))
            && q.inner
                .slice(prose)
                .chars()
                .find(|c| c.is_alphanumeric())
                .is_some_and(char::is_uppercase);
        if !opens_sentence {
            continue;
        }
        q.speaker = last_attribution(prose, lead, 0).or_else(|| {
            let sentence = clause_before(prose, &toks[..toks.len() - 1]);
            sentence_subject(prose, sentence)
                .filter(|m| is_person_like(m.slice(prose)))
                .map(|m| speaker(prose, m))
        });
    }
}

/// The tokens of paragraph `para` from byte `from` (moved forward to a character
/// boundary) to its end; `None` when nothing is left.
fn tail_tokens(prose: &str, para: Span, from: usize) -> Option<Vec<Tok>> {
    let mut s = from;
    while s < prose.len() && !prose.is_char_boundary(s) {
        s += 1;
    }
    if s >= para.end {
        return None;
    }
    Some(tokens(prose, Span::new(s, para.end)))
}

/// The last speaker the paragraph `para` attributes words to (after `not_before`).
fn last_attribution(prose: &str, para: Span, not_before: usize) -> Option<Speaker> {
    let toks = tail_tokens(
        prose,
        para,
        para.start
            .max(not_before)
            .max(para.end.saturating_sub(WINDOW * 2)),
    )?;
    let ends_with_colon = toks.last().is_some_and(|t| t.is_punct(':'));
    for k in (0..toks.len()).rev() {
        let t = &toks[k];
        if !t.is_word() || cue_strength(t.text(prose)) != Some(CueStrength::Strong) {
            continue;
        }
        // "The remarks came ...": after a determiner the word is a noun.
        if k > 0
            && toks[k - 1].is_word()
            && matches!(
                toks[k - 1].text(prose).lower().as_str(),
                "the" | "a" | "an" | "his" | "her" | "their" | "its" | "these" | "those"
            )
        {
            continue;
        }
        // ("Howard continued his scathing remarks.": a possessive names no speaker.)
        if let Some(m) = mention_before(prose, &toks, 0, k)
            .or_else(|| mention_after(prose, &toks, k + 1))
            .filter(|m| {
                let text = m.slice(prose);
                !opens_with_possessive(text) || is_person_like(text)
            })
        {
            return Some(speaker(prose, m));
        }
    }
    if ends_with_colon {
        let sentence = clause_before(prose, &toks);
        // `As Joel Pollak observed, the biggest victor was the stage itself:` a weaker
        // cue of the introducing sentence.
        let from = toks.len() - sentence.len();
        for k in (from..toks.len()).rev() {
            let t = &toks[k];
            if t.is_word() && cue_strength(t.text(prose)) == Some(CueStrength::Weak) {
                if let Some(m) = mention_before(prose, &toks, from, k)
                    .filter(|m| is_person_like(m.slice(prose)) && !is_pronoun(m.slice(prose)))
                {
                    return Some(speaker(prose, m));
                }
            }
        }
        // ("Partial transcript as follows:" introduces a document, not a speaker.)
        let document = sentence
            .iter()
            .any(|t| t.is_word() && names_a_document(t.text(prose)));
        if let Some(m) = sentence_subject(prose, sentence)
            .filter(|m| !document && is_person_like(m.slice(prose)))
        {
            return Some(speaker(prose, m));
        }
    }
    None
}

/// The speaker of `next` when its cue stands between `q` and it, in the sentence that
/// `q` ends (`"...?" Sanders asked, shaking his head. "..."`).
fn cue_between(prose: &str, q: &Quote, next: &Quote) -> Option<Speaker> {
    // (`"We won." Trump said the result "was clear."`: a sentence of its own before
    // a new one is not attributed there.)
    let inner = q.inner.slice(prose).trim_end();
    if !inner.ends_with([',', '?', '!', '—', '–', '-', '…']) {
        return None;
    }
    // (`... telling her, "you are an all-star!" She replied ...`: a quote inside a
    // sentence has its attribution before it.)
    let para_start = prose[..q.span.start].rfind('\n').map_or(0, |k| k + 1);
    let opens_sentence = tokens(prose, Span::new(para_start, q.span.start))
        .last()
        .map_or(true, |t| t.ends_sentence(prose));
    if !opens_sentence {
        return None;
    }
    let cue = next.cue.as_ref()?;
    let s = next.speaker.as_ref()?;
    let gap = Span::new(q.span.end, next.span.start);
    if !gap.contains_span(cue.span) || !gap.contains_span(s.mention) || gap.len() > WINDOW {
        return None;
    }
    // Nothing but the attribution between the quote and its cue: no sentence ends.
    let lead = Span::new(q.span.end, cue.span.start.min(s.mention.start));
    if tokens(prose, lead)
        .iter()
        .any(|t| t.ends_sentence(prose) || t.is_word())
    {
        return None;
    }
    Some(s.clone())
}

/// The name signed with a dash after the last closing mark of a paragraph
/// (`... president.” ― Adriana Rodarte`).
fn paragraph_signature(prose: &str, para: Span) -> Option<Speaker> {
    let mut from = para.start.max(para.end.saturating_sub(WINDOW));
    while !prose.is_char_boundary(from) {
        from += 1;
    }
    let tail = Span::new(from, para.end.max(from)).slice(prose);
    let (k, mark) = tail
        .char_indices()
        .rfind(|&(_, c)| matches!(c, '”' | '"'))?;
    let after = Span::new(from + k + mark.len_utf8(), para.end);
    signed_after(prose, after).map(|(name, _)| speaker(prose, name))
}

/// "his scathing", "their": a mention that opens with a possessive determiner.
fn opens_with_possessive(text: &str) -> bool {
    let first = text.split_whitespace().next().unwrap_or("").lower();
    matches!(
        first.as_str(),
        "his" | "her" | "their" | "its" | "my" | "our" | "your"
    )
}

/// "transcript", "excerpt": a word that names a document, not a speaker.
fn names_a_document(word: &str) -> bool {
    matches!(
        word.lower().as_str(),
        "transcript" | "transcripts" | "excerpt" | "excerpts" | "exchange" | "text"
    )
}

/// The person a paragraph of narrative is about: the subject of its last sentence, when
/// that is a name or "he"/"she" (`Valastro praised Christie's leadership in the
/// aftermath of Hurricane Sandy.`). Descriptions ("The remarks", "the crowd") say
/// nothing about who speaks next.
fn narrative_subject(prose: &str, para: Span) -> Option<Speaker> {
    let toks = tail_tokens(prose, para, para.start.max(para.end.saturating_sub(WINDOW)))?;
    let last = toks.last()?;
    if !last.ends_sentence(prose) {
        return None;
    }
    let sentence = clause_before(prose, &toks[..toks.len() - 1]);
    // A sentence, not a stage direction ("Pause.").
    if sentence.iter().filter(|t| t.is_word()).count() < 4 {
        return None;
    }
    let m = sentence_subject(prose, sentence)?;
    let text = m.slice(prose);
    let first = text.split_whitespace().next()?;
    let named =
        capitalised(first) && !is_determiner(first) && !is_pronoun(first) && is_person_like(text);
    let person_pronoun = matches!(text, "He" | "She" | "he" | "she");
    (named || person_pronoun).then(|| speaker(prose, m))
}

/// Whether the paragraph holding `q` is nothing but quotation (and punctuation).
fn paragraph_is_quotation(prose: &str, para: Span, q: &Quote) -> bool {
    if q.span.start != para.start {
        return false;
    }
    let rest = Span::new(q.span.end.min(para.end), para.end).slice(prose);
    rest.chars().all(|c| !c.is_alphanumeric())
}

#[cfg(test)]
#[path = "inherit_tests.rs"]
mod tests;
