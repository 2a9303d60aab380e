//! The archive's answers for one draft, kept so that checking the draft never waits on
//! the network.
//!
//! A check asks its questions of a [`Consult`]: answered from the [`Answers`] kept for
//! the draft when they are there; otherwise asked of the archive when the caller can
//! wait (`sourced check`), or noted as missed and answered with nothing when it cannot
//! (the language server's keystroke path). The missed questions are then fetched off
//! that path ([`fetch`]), and the draft checked again with their answers. An answer given
//! while the archive was failing is never kept: it would say "nothing" where the archive
//! did not answer. What a check said while questions were missed is corrected by
//! [`crate::withheld`] before anyone sees it.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use sourced_core::index::{CorpusEntity, CorpusIndex, Passage, Source, SourceId};
use sourced_corpus::heap;

use crate::{ArchiveError, ArchiveIndex};

/// A question a check asked of the archive.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Question {
    Passages(Vec<String>, usize),
    Named(String),
    Similar(String),
    Containing(String, usize),
    Source(SourceId),
    Text(SourceId),
}

/// Answers kept for one draft before they are all dropped (and fetched again as needed).
pub const MAX_ANSWERS: usize = 40_000;
/// Bytes of answers kept for one draft (sources with their analysis, texts, passages
/// and people, estimated: [`sourced_corpus::heap`]) before they are all dropped. A draft
/// of 2,000 words with 40 quotes and 80 people needs about 10 MB at 10,000 articles:
/// the sources its quotes are found in, analysed, and the texts around its people's
/// mentions.
pub const MAX_BYTES: usize = 48 << 20;

/// The archive's answers kept for one draft.
#[derive(Default)]
pub struct Answers {
    /// Sources in the archive, when it last answered.
    count: usize,
    passages: HashMap<(Vec<String>, usize), Vec<Passage>>,
    named: HashMap<String, Vec<Arc<CorpusEntity>>>,
    similar: HashMap<String, Vec<(String, Arc<CorpusEntity>)>>,
    containing: HashMap<(String, usize), Vec<Arc<CorpusEntity>>>,
    sources: HashMap<SourceId, Option<Arc<Source>>>,
    texts: HashMap<SourceId, Option<Arc<str>>>,
    /// What the answers above hold, estimated.
    bytes: usize,
}

impl Answers {
    fn len(&self) -> usize {
        self.passages.len()
            + self.named.len()
            + self.similar.len()
            + self.containing.len()
            + self.sources.len()
            + self.texts.len()
    }

    /// Past the bounds, everything dropped (and fetched again as checks need it). Only
    /// between rounds of fetching, never while a check reads: a check must find what
    /// the fetch before it kept.
    pub fn make_room(&mut self) {
        if self.len() >= MAX_ANSWERS || self.bytes >= MAX_BYTES {
            let count = self.count;
            *self = Answers::default();
            self.count = count;
        }
    }

    /// No answers yet, for an archive of `count` sources.
    pub fn counting(count: usize) -> Answers {
        Answers {
            count,
            ..Answers::default()
        }
    }

    /// Whether any answer is kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// (answers, sources kept, bytes they hold, estimated).
    pub fn held(&self) -> (usize, usize, usize) {
        (self.len(), self.sources.len(), self.bytes)
    }
}

fn entities_bytes<'e>(es: impl Iterator<Item = &'e Arc<CorpusEntity>>) -> usize {
    es.map(|e| heap::entity_bytes(e)).sum()
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// The archive as a check of one draft sees it: the draft's kept answers, and the archive
/// itself when the check may wait for it.
pub struct Consult<'a> {
    answers: &'a Mutex<Answers>,
    archive: Option<&'a ArchiveIndex>,
    missed: Mutex<Vec<Question>>,
}

impl<'a> Consult<'a> {
    /// Answers from `answers` only; every other question is missed.
    pub fn kept(answers: &'a Mutex<Answers>) -> Consult<'a> {
        Consult {
            answers,
            archive: None,
            missed: Mutex::new(Vec::new()),
        }
    }

    /// Answers from `answers`, else from `archive` (kept in `answers`); a question the
    /// archive fails to answer is missed.
    pub fn asking(answers: &'a Mutex<Answers>, archive: &'a ArchiveIndex) -> Consult<'a> {
        Consult {
            answers,
            archive: Some(archive),
            missed: Mutex::new(Vec::new()),
        }
    }

    /// The questions missed so far, each once, in the order first asked.
    pub fn missed(&self) -> Vec<Question> {
        let mut seen = HashSet::new();
        lock(&self.missed)
            .iter()
            .filter(|q| seen.insert(*q))
            .cloned()
            .collect()
    }

    fn answer<T: Clone + Default>(
        &self,
        question: impl FnOnce() -> Question,
        kept: impl FnOnce(&Answers) -> Option<T>,
        keep: impl FnOnce(&mut Answers, T),
        ask: impl FnOnce(&ArchiveIndex) -> T,
    ) -> T {
        if let Some(hit) = kept(&lock(self.answers)) {
            return hit;
        }
        if let Some(archive) = self.archive {
            let failures = archive.failures();
            let answer = ask(archive);
            if archive.failures() == failures {
                let mut answers = lock(self.answers);
                answers.count = archive.source_count();
                keep(&mut answers, answer.clone());
                return answer;
            }
        }
        lock(&self.missed).push(question());
        T::default()
    }
}

impl CorpusIndex for Consult<'_> {
    fn source_count(&self) -> usize {
        lock(self.answers).count
    }

    fn source(&self, id: SourceId) -> Option<Arc<Source>> {
        self.answer(
            || Question::Source(id),
            |a| a.sources.get(&id).cloned(),
            |a, s| {
                a.bytes += s.as_deref().map_or(0, heap::source_bytes);
                a.sources.insert(id, s);
            },
            |archive| archive.source(id),
        )
    }

    fn source_text(&self, id: SourceId) -> Option<Arc<str>> {
        self.answer(
            || Question::Text(id),
            |a| {
                a.texts.get(&id).cloned().or_else(|| {
                    a.sources
                        .get(&id)
                        .map(|s| s.as_ref().map(|s| Arc::clone(&s.text)))
                })
            },
            |a, t| {
                a.bytes += t.as_ref().map_or(0, |t| t.len());
                a.texts.insert(id, t);
            },
            |archive| archive.source_text(id),
        )
    }

    fn passages(&self, normalized_words: &[String], limit: usize) -> Vec<Passage> {
        let key = (normalized_words.to_vec(), limit);
        self.answer(
            || Question::Passages(key.0.clone(), limit),
            |a| a.passages.get(&key).cloned(),
            |a, p| {
                a.bytes += heap::passages_bytes(&key.0, &p);
                a.passages.insert(key.clone(), p);
            },
            |archive| archive.passages(normalized_words, limit),
        )
    }

    fn entities_named(&self, name: &str) -> Vec<Arc<CorpusEntity>> {
        self.answer(
            || Question::Named(name.to_string()),
            |a| a.named.get(name).cloned(),
            |a, e| {
                a.bytes += name.len() + entities_bytes(e.iter());
                a.named.insert(name.to_string(), e);
            },
            |archive| archive.entities_named(name),
        )
    }

    fn similar_names(&self, name: &str) -> Vec<(String, Arc<CorpusEntity>)> {
        self.answer(
            || Question::Similar(name.to_string()),
            |a| a.similar.get(name).cloned(),
            |a, e| {
                a.bytes += name.len() + entities_bytes(e.iter().map(|(_, e)| e));
                a.similar.insert(name.to_string(), e);
            },
            |archive| archive.similar_names(name),
        )
    }

    fn entities_containing(&self, part: &str, limit: usize) -> Vec<Arc<CorpusEntity>> {
        let key = (part.to_string(), limit);
        self.answer(
            || Question::Containing(part.to_string(), limit),
            |a| a.containing.get(&key).cloned(),
            |a, e| {
                a.bytes += part.len() + entities_bytes(e.iter());
                a.containing.insert(key.clone(), e);
            },
            |archive| archive.entities_containing(part, limit),
        )
    }
}

/// Ask the archive `questions` and keep the answers in `answers`; with the passages of a
/// quote, the sources they are in (the check reads them next). Up to `at_once`
/// questions are asked at the same time, each on its own connection: a draft's first
/// check misses a few hundred questions, and one at a time they add up to the sum of
/// their round trips. `answered` is called after each question answered (a caller's
/// sign that the archive is alive). Stops at the first question the archive does not
/// answer, with why (the questions being asked then are finished first).
pub fn fetch(
    archive: &ArchiveIndex,
    answers: &Mutex<Answers>,
    questions: &[Question],
    at_once: usize,
    answered: &(dyn Fn() + Sync),
) -> Result<(), ArchiveError> {
    lock(answers).make_room();
    // The questions about one name asked one after the other, by one thread: the answer
    // to the first is the names index's start on the others (asked at the same time,
    // each would read and merge the same sources).
    let mut seen = HashSet::new();
    let mut units: Vec<Vec<&Question>> = Vec::new();
    let mut of_name: HashMap<&str, usize> = HashMap::new();
    for q in questions.iter().filter(|q| seen.insert(*q)) {
        match q {
            Question::Named(name) | Question::Similar(name) => match of_name.get(name.as_str()) {
                Some(&u) => units[u].push(q),
                None => {
                    of_name.insert(name, units.len());
                    units.push(vec![q]);
                }
            },
            _ => units.push(vec![q]),
        }
    }
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let ask = || {
        let consult = Consult::asking(answers, archive);
        while !failed.load(Ordering::SeqCst) {
            let Some(unit) = units.get(next.fetch_add(1, Ordering::SeqCst)) else {
                break;
            };
            for q in unit {
                ask_one(&consult, archive, q);
                if !lock(&consult.missed).is_empty() {
                    failed.store(true, Ordering::SeqCst);
                    return;
                }
                answered();
            }
        }
    };
    let workers = at_once.clamp(1, units.len().max(1));
    if workers == 1 {
        ask();
    } else {
        std::thread::scope(|s| {
            for _ in 0..workers {
                s.spawn(ask);
            }
        });
    }
    if failed.load(Ordering::SeqCst) {
        return Err(archive
            .failure()
            .unwrap_or_else(|| ArchiveError::new("the archive did not answer")));
    }
    Ok(())
}

/// Ask `q` through `consult`, with the sources of a quote's passages (read from
/// `archive` in one statement).
fn ask_one(consult: &Consult<'_>, archive: &ArchiveIndex, q: &Question) {
    match q {
        Question::Passages(words, limit) => {
            let found = consult.passages(words, *limit);
            let ids: Vec<u32> = found.iter().map(|p| p.location.source.0).collect();
            archive.load_all(&ids);
            for p in found {
                consult.source(p.location.source);
            }
        }
        Question::Named(name) => {
            consult.entities_named(name);
        }
        Question::Similar(name) => {
            consult.similar_names(name);
        }
        Question::Containing(part, limit) => {
            consult.entities_containing(part, *limit);
        }
        Question::Source(id) => {
            consult.source(*id);
        }
        Question::Text(id) => {
            consult.source_text(*id);
        }
    }
}
