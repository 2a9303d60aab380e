//! The archive's tables, and the migrations that bring a database up to date with them.
//!
//! Each migration is applied once, in order, in one transaction with the others of the
//! same run, under an advisory lock so that two `init`s at once do not both apply it.
//! The version a database is at is the highest of `sourced_migrations`; a database made
//! by a newer Sourced is refused rather than misread.

use postgres::Client;

use crate::{pool, ArchiveError, ArchiveUrl};

/// The migrations, in order: (version, what it does, its statements).
pub const MIGRATIONS: &[(i32, &str, &str)] = &[
    (
        1,
        "sources, their word and bigram postings, capitalised words",
        r#"
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- One row: what `status` shows without counting the tables.
CREATE TABLE archive_state (
    one boolean PRIMARY KEY DEFAULT true CHECK (one),
    sources bigint NOT NULL DEFAULT 0,
    text_bytes bigint NOT NULL DEFAULT 0,
    last_ingest timestamptz
);
INSERT INTO archive_state DEFAULT VALUES;

-- Each source as the story loader reads it: the text its spans point into, what it
-- says about itself, and for a web page the page itself. A changed file is a new row
-- (a new id), so that an id always means the same text.
CREATE TABLE sources (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    path text NOT NULL UNIQUE,
    size bigint NOT NULL,
    mtime_ns bigint NOT NULL,
    hash bigint NOT NULL,
    markdown boolean NOT NULL,
    text_is_file boolean NOT NULL,
    title text,
    outlet text,
    date text,
    url text,
    author text,
    text text NOT NULL,
    page text,
    ingested_at timestamptz NOT NULL DEFAULT now()
);

-- The running text's normalised words and word bigrams (64-bit hashes), each source
-- once per gram: the quote search and the sources that give a name.
CREATE TABLE grams (
    gram bigint NOT NULL,
    source integer NOT NULL,
    PRIMARY KEY (gram, source)
);

-- The capitalised words of all sources, for near-miss names.
CREATE TABLE words (
    word text PRIMARY KEY
);
CREATE INDEX words_trigrams ON words USING gin (word gin_trgm_ops);
"#,
    ),
    (
        2,
        "postings packed per gram and block of sources",
        r#"
-- The postings packed: for each gram, a row per block of sources (the sources one
-- ingest transaction wrote) with the block's sources in increasing order and how many
-- they are, instead of a row per gram and source. The count is in the key's index, so
-- that how common a gram is can be read without its postings.
CREATE TABLE postings (
    gram bigint NOT NULL,
    block integer NOT NULL,
    n integer NOT NULL,
    sources integer[] NOT NULL,
    PRIMARY KEY (gram, block) INCLUDE (n)
);

-- The block of each source's postings (taking a source out rewrites only its block's
-- rows). The blocks of sources archived before are runs of 512 numbers; those of new
-- ingests are numbered after them.
ALTER TABLE sources ADD COLUMN block integer NOT NULL DEFAULT 0;
UPDATE sources SET block = id & ~511;
INSERT INTO postings (gram, block, n, sources)
    SELECT gram, source & ~511, count(*), array_agg(source ORDER BY source)
    FROM grams GROUP BY gram, source & ~511;
DROP TABLE grams;
CREATE SEQUENCE blocks;
SELECT setval('blocks', (SELECT coalesce(max(id), 0) + 1 FROM sources));
"#,
    ),
    (
        3,
        "each source's people and organisations kept with it",
        r#"
-- What a source gives the names index (its people and organisations with their names,
-- titles, mentions and quote counts), worked out at ingest, so that a name's question
-- reads them instead of analysing the sources that give the name. NULL for a source
-- archived before (or whose analysis failed): a reader analyses it. They hold for the
-- code that worked them out (`names_key`): a reader of another build analyses the source
-- instead, and an ingest works them out again for the files it finds unchanged.
ALTER TABLE sources ADD COLUMN names bytea, ADD COLUMN names_key bigint;
"#,
    ),
];

/// The version this build of Sourced reads and writes.
pub fn current_version() -> i32 {
    MIGRATIONS.last().map_or(0, |m| m.0)
}

/// The advisory lock key under which migrations run ("sourced\0" in ASCII).
const MIGRATION_LOCK: i64 = 0x736f_7572_6365_6400;

/// Create the archive's tables in the database at `url`, or bring them up to date;
/// returns the versions applied (none when it was up to date).
pub fn init(url: &ArchiveUrl) -> Result<Vec<i32>, ArchiveError> {
    let mut client = pool::connect(url, "")?;
    migrate(&mut client)
}

/// Bring the database up to date; returns the versions applied (none when it was).
pub fn migrate(client: &mut Client) -> Result<Vec<i32>, ArchiveError> {
    migrate_to(client, current_version())
}

/// Bring the database up to version `target` (no further); returns the versions applied.
/// What `init` does with the latest version; an older one makes the database an older
/// Sourced made, to test its upgrade.
pub fn migrate_to(client: &mut Client, target: i32) -> Result<Vec<i32>, ArchiveError> {
    let doing = "the archive's tables could not be created";
    let mut tx = client
        .transaction()
        .map_err(|e| ArchiveError::db(doing, &e))?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
        .map_err(|e| ArchiveError::db(doing, &e))?;
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS sourced_migrations (
             version integer PRIMARY KEY,
             description text NOT NULL,
             applied_at timestamptz NOT NULL DEFAULT now()
         )",
    )
    .map_err(|e| ArchiveError::db(doing, &e))?;
    let at: i32 = tx
        .query_one(
            "SELECT coalesce(max(version), 0) FROM sourced_migrations",
            &[],
        )
        .map_err(|e| ArchiveError::db(doing, &e))?
        .get(0);
    refuse_newer(at)?;
    let mut applied = Vec::new();
    for &(version, description, statements) in
        MIGRATIONS.iter().filter(|m| m.0 > at && m.0 <= target)
    {
        tx.batch_execute(statements).map_err(|e| {
            ArchiveError::db(&format!("migration {version} ({description}) failed"), &e)
        })?;
        tx.execute(
            "INSERT INTO sourced_migrations (version, description) VALUES ($1, $2)",
            &[&version, &description],
        )
        .map_err(|e| ArchiveError::db(doing, &e))?;
        applied.push(version);
    }
    tx.commit().map_err(|e| ArchiveError::db(doing, &e))?;
    Ok(applied)
}

/// The version the database is at; an error when it has no archive tables or newer ones.
pub fn check(client: &mut Client) -> Result<i32, ArchiveError> {
    let exists: bool = client
        .query_one("SELECT to_regclass('sourced_migrations') IS NOT NULL", &[])
        .map_err(|e| ArchiveError::db("the archive could not be read", &e))?
        .get(0);
    if !exists {
        return Err(ArchiveError::new(
            "this database holds no archive yet: run `sourced archive init` first",
        ));
    }
    let at: i32 = client
        .query_one(
            "SELECT coalesce(max(version), 0) FROM sourced_migrations",
            &[],
        )
        .map_err(|e| ArchiveError::db("the archive could not be read", &e))?
        .get(0);
    refuse_newer(at)?;
    if at < current_version() {
        return Err(ArchiveError::new(format!(
            "the archive's tables are at version {at}, this Sourced needs {}: run `sourced archive init` to update them",
            current_version()
        )));
    }
    Ok(at)
}

fn refuse_newer(at: i32) -> Result<(), ArchiveError> {
    if at > current_version() {
        return Err(ArchiveError::new(format!(
            "the archive's tables are at version {at}, newer than this Sourced knows ({}): update Sourced",
            current_version()
        )));
    }
    Ok(())
}
