//! What the corpus knows of each person and organisation the draft names: the corpus
//! entity a draft entity is, found by its names, the reporter's aliases and the corpus's.

use std::sync::Arc;

use crate::analysis::Entity;
use crate::index::{CorpusEntity, CorpusIndex};

use super::speakers::name_words;
use super::CheckOptions;

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
    let key = name_words(name);
    let mut scored: Vec<(usize, Arc<CorpusEntity>)> = candidates
        .into_iter()
        .filter(|c| c.kind == entity.kind)
        .map(|c| {
            let ck = name_words(&c.canonical);
            (key.iter().filter(|w| ck.contains(w)).count(), c)
        })
        .collect();
    scored.sort_by_key(|s| std::cmp::Reverse(s.0));
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

/// The name with the title the sources give most often, when it is a short capitalised
/// one ("General Mikhail Mizintsev", "Secretary of State Mike Pompeo"); else the name.
pub fn titled_name(entity: &CorpusEntity) -> String {
    let mut counts: Vec<(usize, &str)> = Vec::new();
    for t in &entity.titles {
        let text = t.text.trim();
        let words: Vec<&str> = text.split_whitespace().collect();
        let short = (1..=4).contains(&words.len());
        let capitalised = words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase) || matches!(*w, "of" | "the" | "for")
        });
        if !short || !capitalised || entity.canonical.contains(text) {
            continue;
        }
        match counts.iter_mut().find(|(_, s)| *s == text) {
            Some(c) => c.0 += 1,
            None => counts.push((1, text)),
        }
    }
    // Most often given; on a tie, the first given.
    let best = counts
        .iter()
        .enumerate()
        .max_by_key(|(i, (n, _))| (*n, std::cmp::Reverse(*i)))
        .map(|(_, (_, t))| *t);
    match best {
        Some(title) => format!("{title} {}", entity.canonical),
        None => entity.canonical.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{EntityKind, Span};
    use crate::index::{CorpusTitle, Location, SourceId};

    fn with_titles(titles: &[&str]) -> CorpusEntity {
        CorpusEntity {
            kind: EntityKind::Person,
            canonical: "Mikhail Mizintsev".into(),
            aliases: vec![],
            titles: titles
                .iter()
                .map(|t| CorpusTitle {
                    text: t.to_string(),
                    normalized: t.to_lowercase(),
                    location: Location {
                        source: SourceId(0),
                        span: Span::new(0, 1),
                    },
                })
                .collect(),
            mentions: vec![],
            quote_count: 0,
            unread: 0,
        }
    }

    #[test]
    fn the_name_takes_the_short_title_the_sources_give() {
        assert_eq!(
            titled_name(&with_titles(&[
                "senior ministry official",
                "General",
                "General"
            ])),
            "General Mikhail Mizintsev"
        );
        assert_eq!(titled_name(&with_titles(&[])), "Mikhail Mizintsev");
        assert_eq!(
            titled_name(&with_titles(&[
                "a former Soviet and Russian diplomat to the U.S."
            ])),
            "Mikhail Mizintsev"
        );
    }
}
