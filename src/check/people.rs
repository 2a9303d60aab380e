//! What the corpus knows of each person and organisation the draft names: the corpus
//! entity a draft entity is, found by its names, the reporter's aliases and the corpus's.

use std::sync::Arc;

use crate::analysis::{Analysis, Entity};
use crate::corpus::{CorpusEntity, CorpusIndex};

use super::report::PersonReport;
use super::speakers::name_key;
use super::CheckOptions;

/// A report for every draft entity the corpus knows, in entity order.
pub fn people(
    analysis: &Analysis,
    corpus: &dyn CorpusIndex,
    options: &CheckOptions,
) -> Vec<PersonReport> {
    analysis
        .entities
        .iter()
        .filter_map(|e| {
            corpus_entity(e, corpus, options).map(|c| PersonReport {
                entity: e.id,
                corpus: (*c).clone(),
            })
        })
        .collect()
}

/// The corpus entity a draft entity is, when exactly one fits best.
pub fn corpus_entity(
    entity: &Entity,
    corpus: &dyn CorpusIndex,
    options: &CheckOptions,
) -> Option<Arc<CorpusEntity>> {
    let mut names: Vec<String> = vec![entity.canonical.clone()];
    names.extend(entity.aliases.iter().cloned());
    let declared: Vec<String> = names
        .iter()
        .filter_map(|n| options.alias_of(n).map(str::to_string))
        .collect();
    // A declared alias decides.
    for n in &declared {
        if let Some(e) = best(corpus.entities_named(n), n, entity) {
            return Some(e);
        }
    }
    for n in &names {
        if let Some(e) = best(corpus.entities_named(n), &entity.canonical, entity) {
            return Some(e);
        }
    }
    None
}

/// Of the candidates, the one of the same kind sharing most name words with `name`;
/// `None` when two tie.
fn best(
    candidates: Vec<Arc<CorpusEntity>>,
    name: &str,
    entity: &Entity,
) -> Option<Arc<CorpusEntity>> {
    let key = name_key(name);
    let mut scored: Vec<(usize, Arc<CorpusEntity>)> = candidates
        .into_iter()
        .filter(|c| c.kind == entity.kind)
        .map(|c| {
            let ck = name_key(&c.canonical);
            (key.iter().filter(|w| ck.contains(w)).count(), c)
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0));
    match scored.as_slice() {
        [] => None,
        [(_, only)] => Some(only.clone()),
        [(a, first), (b, second), ..] => {
            if a > b || first.canonical == second.canonical {
                Some(first.clone())
            } else {
                None
            }
        }
    }
}
