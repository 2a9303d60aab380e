//! The archive as a [`CorpusIndex`]: the questions a check asks, answered over SQL.
//!
//! The answers are worked out by the code that answers them for a story folder, from the
//! same data: the quote search ranks sources by the bigrams they share with the quote,
//! rarest bigrams first within the same budget of postings
//! ([`sourced_corpus::grams::DECODE_BUDGET`]), then places the quote in the best ones
//! ([`grams::locate_in`]); people and organisations are merged from the sources that
//! name them by the story folder's own names index ([`NameIndex`]), which asks this
//! index for the sources with a word, the sources' names, and the capitalised words near
//! a misspelled one (found with `pg_trgm`, then kept to those a few edits away exactly
//! as the story folder keeps them). Each question reads the postings of its own words
//! and the sources it names: its cost follows its answer, not the archive. Questions
//! are sent with their parameters' types, in one round trip each (no statement prepared
//! first), and the sources a question needs are read together (the texts of a quote's
//! candidates, the names of the sources a name is read from). A source's names (its
//! people and organisations) are worked out once, at ingest, and kept with it: a name's
//! question reads them rather than the sources, so that checkers at once do not each
//! analyse the same sources; a source archived without them is read and analysed.
//!
//! Its sources are numbered with [`ARCHIVE_BIT`] set, so that beside a story folder the
//! evidence of a finding says where it was found ([`crate::layered`]).
//!
//! A question the archive does not answer (the server went away) gets an empty answer
//! and is counted ([`ArchiveIndex::failures`], [`ArchiveIndex::failure`]): a caller must
//! not report findings made while the archive was failing as if it had answered
//! ([`crate::answers`]).

use std::cell::RefCell;
use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use postgres::fallible_iterator::FallibleIterator;
use postgres::types::{ToSql, Type};
use postgres::{Client, Row};
use rustc_hash::FxHashMap;
use sourced_core::analysis::{analyze, normalize::normalize_word, Analysis, TextFormat};
use sourced_core::index::{CorpusEntity, CorpusIndex, Passage, Source, SourceId, SourceMeta};
use sourced_corpus::entities::{NameIndex, NameSources};
use sourced_corpus::grams::{self, DECODE_BUDGET};
use sourced_corpus::recent::{Recent, RecentNames, RecentTokens};
use sourced_corpus::source_names::{names_key, SourceNames};
use sourced_corpus::vocabulary::Vocabulary;

use crate::layered::ARCHIVE_BIT;
use crate::pool::Pool;
use crate::{schema, ArchiveError, ArchiveUrl};

/// Session settings of a reader's connection: it never writes, and no statement runs
/// away.
const READER_SETUP: &str = "SET default_transaction_read_only = on; SET statement_timeout = '30s'";

/// A newsroom archive, opened for reading.
pub struct ArchiveIndex {
    pool: Pool,
    /// Sources in the archive when it was opened.
    count: usize,
    names: NameIndex,
    recent: Recent,
    tokens: RecentTokens,
    /// The names of sources read lately, as ingest kept them.
    source_names: RecentNames,
    /// Questions not answered since it was opened, and the latest reason.
    failures: AtomicU64,
    failure: Mutex<Option<ArchiveError>>,
}

/// What an open archive keeps in memory: (sources, bytes) of each cache.
#[derive(Clone, Copy, Debug, Default)]
pub struct Held {
    pub sources: (usize, usize),
    pub tokens: (usize, usize),
    /// Sources whose names (people and organisations) were read lately.
    pub names: (usize, usize),
}

/// The id of the archived source with database key `key`.
fn lift(key: i32) -> SourceId {
    SourceId(key as u32 | ARCHIVE_BIT)
}

/// The database key of archived source `id` (`None`: not an archived source).
fn key_of(id: SourceId) -> Option<i32> {
    if id.0 & ARCHIVE_BIT == 0 {
        return None;
    }
    i32::try_from(id.0 & !ARCHIVE_BIT).ok()
}

impl ArchiveIndex {
    /// Open the archive at `url`: an error when it cannot be reached or holds no archive
    /// this Sourced can read.
    pub fn open(url: &ArchiveUrl) -> Result<ArchiveIndex, ArchiveError> {
        let pool = Pool::new(url.clone(), READER_SETUP);
        let count = pool.with(|c| {
            schema::check(c)?;
            let n: i64 = c
                .query_one("SELECT sources FROM archive_state", &[])
                .map_err(|e| ArchiveError::db("the archive's state could not be read", &e))?
                .get(0);
            Ok(n)
        })?;
        Ok(ArchiveIndex {
            pool,
            count: usize::try_from(count).unwrap_or(0),
            names: NameIndex::default(),
            recent: Recent::default(),
            tokens: RecentTokens::default(),
            source_names: RecentNames::default(),
            failures: AtomicU64::new(0),
            failure: Mutex::new(None),
        })
    }

    /// Where the archive is (password redacted when shown).
    pub fn url(&self) -> &ArchiveUrl {
        self.pool.url()
    }

    /// What it keeps of the sources it read lately: (sources, bytes) analysed, and
    /// tokenized for placing quotes.
    pub fn held(&self) -> Held {
        Held {
            sources: self.recent.held(),
            tokens: self.tokens.held(),
            names: self.source_names.held(),
        }
    }

    /// Why the archive last failed to answer a question, if it ever did since it was
    /// opened.
    pub fn failure(&self) -> Option<ArchiveError> {
        self.failure.lock().ok().and_then(|f| f.clone())
    }

    /// How many questions it failed to answer since it was opened: an answer is the
    /// archive's only when this did not move while it was given.
    pub fn failures(&self) -> u64 {
        self.failures.load(Ordering::SeqCst)
    }

    /// Run a question; on failure, count it, remember why and answer `T::default()`
    /// (nothing).
    fn ask<T: Default>(
        &self,
        doing: &str,
        mut f: impl FnMut(&mut Client) -> Result<T, postgres::Error>,
    ) -> T {
        match self
            .pool
            .with(|c| f(c).map_err(|e| ArchiveError::db(doing, &e)))
        {
            Ok(v) => v,
            Err(e) => {
                self.failures.fetch_add(1, Ordering::SeqCst);
                if let Ok(mut failure) = self.failure.lock() {
                    *failure = Some(e);
                }
                T::default()
            }
        }
    }

    /// A question about names, whose answers the names index keeps: an answer given
    /// while the archive failed is not kept (it would say "nobody" ever after).
    fn about_names<T>(&self, f: impl FnOnce() -> T) -> T {
        let failures = self.failures();
        let answer = f();
        if self.failures() != failures {
            self.names.forget_answers();
        }
        answer
    }

    /// The archived files under `roots` (files, or folders: anything in them), each
    /// path as the archive writes paths (canonical): a story folder's files that were
    /// also ingested.
    pub fn sources_under(&self, roots: &[PathBuf]) -> Result<HashSet<SourceId>, ArchiveError> {
        let mut out = HashSet::new();
        for root in roots {
            let Some(exact) = root.to_str() else { continue };
            let folder = exact.trim_end_matches('/');
            let prefix = format!("{folder}/");
            // The paths after `folder/` and before `folder0` ('0' follows '/'): a range
            // the path index answers, checked exactly by starts_with.
            let after = format!("{folder}0");
            let rows = self.pool.with(|c| {
                c.query(
                    "SELECT id FROM sources WHERE path = $1
                        OR (path > $2 AND path < $3 AND starts_with(path, $2))",
                    &[&exact, &prefix, &after],
                )
                .map_err(|e| ArchiveError::db("the archive could not be read", &e))
            })?;
            out.extend(rows.iter().map(|r| lift(r.get::<_, i32>(0))));
        }
        Ok(out)
    }

    fn load(&self, id: SourceId) -> Option<Arc<Source>> {
        if let Some(s) = self.recent.get(id) {
            return Some(s);
        }
        let key = key_of(id)?;
        let row = self.ask("a source could not be read from the archive", |c| {
            c.query_typed_opt(
                "SELECT id, path, text, page, markdown, text_is_file,
                        title, outlet, date, url, author
                 FROM sources WHERE id = $1",
                &[(&key, Type::INT4)],
            )
        })?;
        let source = Arc::new(source_of(&row));
        self.recent.put(Arc::clone(&source));
        Some(source)
    }

    /// Read sources `ids` that are not kept yet in one question, and keep them analysed
    /// (on two threads): a names question reads up to [`sourced_corpus::entities::READ_LIMIT`]
    /// sources, and one question each would cost a round trip each.
    pub(crate) fn load_all(&self, ids: &[u32]) {
        let keys: Vec<i32> = ids
            .iter()
            .map(|&id| SourceId(id))
            .filter(|&id| self.recent.peek(id).is_none())
            .filter_map(key_of)
            .collect();
        if keys.len() < 2 {
            return;
        }
        let rows = self.ask("sources could not be read from the archive", |c| {
            c.query_typed(
                "SELECT id, path, text, page, markdown, text_is_file,
                        title, outlet, date, url, author
                 FROM sources WHERE id = ANY($1)",
                &[(&keys, Type::INT4_ARRAY)],
            )
        });
        let (a, b) = rows.split_at(rows.len() / 2);
        let analysed: Vec<Source> = std::thread::scope(|scope| {
            let other = scope.spawn(|| b.iter().map(source_of).collect::<Vec<_>>());
            let mut first: Vec<Source> = a.iter().map(source_of).collect();
            match other.join() {
                Ok(second) => first.extend(second),
                Err(_) => first.extend(b.iter().map(source_of)),
            }
            first
        });
        for source in analysed {
            self.recent.put(Arc::new(source));
        }
    }

    /// Read the names of sources `ids` not kept yet, in one question: the names ingest
    /// kept with each source, or, for a source archived without them (by an older
    /// Sourced, or whose analysis failed then) or with another build's, the source
    /// itself, analysed.
    fn load_names(&self, ids: &[u32]) {
        let keys: Vec<i32> = ids
            .iter()
            .map(|&id| SourceId(id))
            .filter(|&id| !self.source_names.contains(id) && self.recent.peek(id).is_none())
            .filter_map(key_of)
            .collect();
        if keys.is_empty() {
            return;
        }
        let rows = self.ask(
            "the names of sources could not be read from the archive",
            |c| {
                c.query_typed(
                    "SELECT id, names, names_key = $2 FROM sources WHERE id = ANY($1)",
                    &[(&keys, Type::INT4_ARRAY), (&names_key(), Type::INT8)],
                )
            },
        );
        let mut unkept: Vec<u32> = Vec::new();
        for row in &rows {
            let id = lift(row.get(0));
            let current = row.get::<_, Option<bool>>(2) == Some(true);
            let names = row
                .get::<_, Option<&[u8]>>(1)
                .filter(|_| current)
                .and_then(|bytes| SourceNames::decode(id, bytes));
            match names {
                Some(names) => self.source_names.put(Arc::new(names)),
                None => unkept.push(id.0),
            }
        }
        self.load_all(&unkept);
    }

    /// The names of source `id`: kept, or read (see [`Self::load_names`]).
    fn names_of(&self, id: SourceId) -> Option<SourceNames> {
        let kept = || {
            if let Some(names) = self.source_names.get(id) {
                return Some(SourceNames::clone(&names));
            }
            let source = self.recent.get(id)?;
            Some(SourceNames::of(id, &source.analysis))
        };
        if let Some(names) = kept() {
            return Some(names);
        }
        self.load_names(&[id.0]);
        if let Some(names) = kept() {
            return Some(names);
        }
        let source = self.load(id)?;
        Some(SourceNames::of(id, &source.analysis))
    }

    fn text_of(&self, id: SourceId) -> Option<Arc<str>> {
        if let Some(s) = self.recent.peek(id) {
            return Some(Arc::clone(&s.text));
        }
        let key = key_of(id)?;
        let row = self.ask("a source could not be read from the archive", |c| {
            c.query_typed_opt(
                "SELECT text FROM sources WHERE id = $1",
                &[(&key, Type::INT4)],
            )
        })?;
        Some(Arc::from(row.get::<_, String>(0)))
    }

    /// The texts of sources `ids` (those of the archive), in one question.
    fn texts_of(&self, ids: &[SourceId]) -> FxHashMap<SourceId, Arc<str>> {
        let keys: Vec<i32> = ids.iter().filter_map(|&id| key_of(id)).collect();
        if keys.is_empty() {
            return FxHashMap::default();
        }
        let rows = self.ask("sources could not be read from the archive", |c| {
            c.query_typed(
                "SELECT id, text FROM sources WHERE id = ANY($1)",
                &[(&keys, Type::INT4_ARRAY)],
            )
        });
        rows.iter()
            .map(|r| (lift(r.get(0)), Arc::from(r.get::<_, &str>(1))))
            .collect()
    }

    /// The sources that share most bigrams with the query, with how many, best first, at
    /// most `limit`: the rarest bigrams first, the commonest left out once the budget of
    /// postings is spent, as the story folder's index does. One question: how common
    /// each bigram is comes from the postings' key index (a row per block), and only the
    /// postings of the bigrams kept are read.
    fn candidates(&self, query: &[u64], limit: usize) -> Vec<(SourceId, usize)> {
        let mut distinct: Vec<u64> = query.to_vec();
        distinct.sort_unstable();
        distinct.dedup();
        let hashes: Vec<i64> = distinct.iter().map(|&g| g as i64).collect();
        let budget = DECODE_BUDGET as i64;
        let rows = self.ask("the archive's word index could not be read", |c| {
            c.query_typed(
                "WITH counted AS (
                     SELECT g, coalesce((SELECT sum(n) FROM postings WHERE gram = g), 0) AS n
                     FROM unnest($1::int8[]) AS g
                 ), ranked AS (
                     SELECT g, n, row_number() OVER w - 1 AS i, sum(n) OVER w AS upto
                     FROM counted WINDOW w AS (ORDER BY n, g)
                 ), cut AS (
                     SELECT coalesce(min(i), 9223372036854775807) AS i
                     FROM ranked WHERE i >= 3 AND upto > $2::int8
                 )
                 SELECT p.sources FROM ranked r JOIN postings p ON p.gram = r.g, cut
                 WHERE r.n > 0 AND r.i < cut.i",
                &[(&hashes, Type::INT8_ARRAY), (&budget, Type::INT8)],
            )
        });
        let mut shared: FxHashMap<i32, usize> = FxHashMap::default();
        for row in &rows {
            // A source is in one block: counted once per bigram.
            for id in row.get::<_, Vec<i32>>(0) {
                *shared.entry(id).or_default() += 1;
            }
        }
        let mut ranked: Vec<(i32, usize)> = shared.into_iter().collect();
        ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.truncate(limit);
        ranked.into_iter().map(|(id, n)| (lift(id), n)).collect()
    }
}

impl CorpusIndex for ArchiveIndex {
    fn source_count(&self) -> usize {
        self.count
    }

    fn source(&self, id: SourceId) -> Option<Arc<Source>> {
        self.load(id)
    }

    fn source_text(&self, id: SourceId) -> Option<Arc<str>> {
        self.text_of(id)
    }

    fn passages(&self, normalized_words: &[String], limit: usize) -> Vec<Passage> {
        // The candidates' texts read in one question with them (those not kept
        // tokenized), then each placed as the story folder places it.
        let texts = RefCell::new(FxHashMap::default());
        grams::passages(
            normalized_words,
            limit,
            |hashes, n| {
                let found = self.candidates(hashes, n);
                let unread: Vec<SourceId> = found
                    .iter()
                    .map(|&(id, _)| id)
                    .filter(|&id| !self.tokens.contains(id))
                    .collect();
                *texts.borrow_mut() = self.texts_of(&unread);
                found
                    .into_iter()
                    .map(|(id, shared)| (id.0, shared))
                    .collect()
            },
            &self.tokens,
            |id| {
                let read = texts.borrow_mut().remove(&id);
                read.or_else(|| self.text_of(id))
            },
        )
    }

    fn entities_named(&self, name: &str) -> Vec<Arc<CorpusEntity>> {
        self.about_names(|| self.names.named(self, name))
    }

    fn similar_names(&self, name: &str) -> Vec<(String, Arc<CorpusEntity>)> {
        self.about_names(|| self.names.similar(self, name))
    }

    fn entities_containing(&self, part: &str, limit: usize) -> Vec<Arc<CorpusEntity>> {
        self.about_names(|| self.names.containing(self, part, limit))
    }
}

impl NameSources for ArchiveIndex {
    fn sources_with_word(&self, norm: &str) -> Vec<u32> {
        let gram = grams::word_hash(norm) as i64;
        let rows = self.ask("the archive's word index could not be read", |c| {
            c.query_typed(
                "SELECT sources FROM postings WHERE gram = $1",
                &[(&gram, Type::INT8)],
            )
        });
        let mut ids: Vec<u32> = rows
            .iter()
            .flat_map(|r| r.get::<_, Vec<i32>>(0))
            .map(|id| lift(id).0)
            .collect();
        ids.sort_unstable();
        ids
    }

    fn sources_with_words(&self, norms: &[String]) -> Vec<Vec<u32>> {
        let grams: Vec<i64> = norms.iter().map(|n| grams::word_hash(n) as i64).collect();
        let rows = self.ask("the archive's word index could not be read", |c| {
            c.query_typed(
                "SELECT w.i, p.sources
                 FROM unnest($1::int8[]) WITH ORDINALITY AS w(gram, i)
                 JOIN postings p ON p.gram = w.gram",
                &[(&grams, Type::INT8_ARRAY)],
            )
        });
        let mut lists: Vec<Vec<u32>> = vec![Vec::new(); norms.len()];
        for row in &rows {
            let at = usize::try_from(row.get::<_, i64>(0) - 1).unwrap_or(usize::MAX);
            if let Some(list) = lists.get_mut(at) {
                list.extend(row.get::<_, Vec<i32>>(1).into_iter().map(|id| lift(id).0));
            }
        }
        for list in &mut lists {
            list.sort_unstable();
        }
        lists
    }

    fn first_sources(&self, limit: usize) -> Vec<u32> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = self.ask("the archive's sources could not be listed", |c| {
            c.query("SELECT id FROM sources ORDER BY id LIMIT $1", &[&limit])
        });
        rows.iter().map(|r| lift(r.get::<_, i32>(0)).0).collect()
    }

    fn read_ahead(&self, ids: &[u32]) {
        self.load_names(ids);
    }

    fn source_names(&self, id: SourceId) -> Option<SourceNames> {
        self.names_of(id)
    }

    /// The words sharing enough `pg_trgm` trigrams with `word` to be within `k` edits of
    /// it (an edit changes at most four of a word's trigrams and adds at most three), and
    /// its transpositions, which can change them all; then exactly those within `k`
    /// edits, as the story folder's vocabulary keeps them.
    fn near_words(&self, word: &str, k: usize) -> Vec<String> {
        let mut transposed: Vec<String> = vec![word.to_string()];
        let chars: Vec<char> = word.chars().collect();
        for i in 1..chars.len() {
            let mut t = chars.clone();
            t.swap(i - 1, i);
            transposed.push(normalize_word(&t.into_iter().collect::<String>()));
        }
        let k32 = i32::try_from(k).unwrap_or(i32::MAX / 8);
        if k == 0 {
            let found: Vec<String> = self
                .ask("the archive's names could not be read", |c| {
                    c.query("SELECT word FROM words WHERE word = $1", &[&word])
                })
                .iter()
                .map(|r| r.get(0))
                .collect();
            return Vocabulary::near_among(found, word, k);
        }
        self.ask("the archive's names could not be read", |c| {
            let mut tx = c.transaction()?;
            tx.query_one(
                "SELECT set_config('pg_trgm.similarity_threshold',
                     greatest(0.0, (n - 4 * $2)::float8 / (n + 7 * $2) - 0.001)::text,
                     true)
                 FROM (SELECT cardinality(show_trgm($1)) AS n) AS t",
                &[&word, &k32],
            )?;
            // Within k edits, a word is at most k letters longer or shorter: for a short
            // word the similarity threshold is near zero, and without this every word
            // sharing a trigram would come. Even so a short word's candidates can run to
            // millions at 100,000 articles: they are read as they come, each kept or
            // not, never all held at once.
            let params: [&(dyn ToSql + Sync); 3] = [&word, &transposed, &k32];
            let mut rows = tx.query_raw(
                "SELECT word FROM words
                 WHERE (word % $1 AND abs(length(word) - length($1)) <= $3)
                    OR word = ANY($2)",
                params,
            )?;
            let mut failed = None;
            let candidates = std::iter::from_fn(|| match rows.next() {
                Ok(row) => row.map(|r| r.get::<_, String>(0)),
                Err(e) => {
                    failed = Some(e);
                    None
                }
            });
            let near = Vocabulary::near_among(candidates, word, k);
            if let Some(e) = failed {
                return Err(e);
            }
            drop(rows);
            tx.commit()?;
            Ok(near)
        })
    }

    fn words_containing(&self, part: &str, limit: usize) -> Vec<String> {
        let pattern = format!("%{}%", escape_like(part));
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = self.ask("the archive's names could not be read", |c| {
            c.query(
                "SELECT word FROM words WHERE word LIKE $1 ORDER BY word LIMIT $2",
                &[&pattern, &limit],
            )
        });
        rows.iter().map(|r| r.get(0)).collect()
    }
}

/// An archived source from its row (`id, path, text, page, markdown, text_is_file, title,
/// outlet, date, url, author`), analysed.
fn source_of(row: &Row) -> Source {
    let text: String = row.get(2);
    let page: Option<String> = row.get(3);
    let format = if row.get::<_, bool>(4) {
        TextFormat::Markdown
    } else {
        TextFormat::Plain
    };
    let analysis =
        std::panic::catch_unwind(|| analyze(&text, format)).unwrap_or_else(|_| Analysis::default());
    Source {
        id: lift(row.get(0)),
        path: row.get::<_, String>(1).into(),
        meta: SourceMeta {
            title: row.get(6),
            outlet: row.get(7),
            date: row.get(8),
            url: row.get(9),
            author: row.get(10),
        },
        text: Arc::from(text),
        text_is_file: row.get(5),
        page: page.map(Arc::from),
        analysis,
    }
}

/// `s` as a literal inside a LIKE pattern (a parameter, never SQL text).
fn escape_like(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
