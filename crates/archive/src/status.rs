//! What the archive holds, for `sourced archive status`: read from the archive's state row
//! and the database's own size functions, without counting the tables.

use crate::{pool, schema, ArchiveError, ArchiveUrl};

#[derive(Clone, Debug, PartialEq)]
pub struct ArchiveStatus {
    /// The schema version.
    pub version: i32,
    pub sources: i64,
    /// Bytes of the archived files.
    pub text_bytes: i64,
    /// When an ingest last wrote, in UTC (`None`: never).
    pub last_ingest: Option<String>,
    /// The whole database on disk, and the part of it that is the word and bigram index.
    pub database_bytes: i64,
    pub index_bytes: i64,
}

pub fn status(url: &ArchiveUrl) -> Result<ArchiveStatus, ArchiveError> {
    let mut client = pool::connect(url, "SET default_transaction_read_only = on")?;
    let version = schema::check(&mut client)?;
    let row = client
        .query_one(
            "SELECT s.sources, s.text_bytes,
                    to_char(s.last_ingest AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS \"UTC\"'),
                    pg_database_size(current_database()),
                    pg_total_relation_size('postings') + pg_total_relation_size('words')
             FROM archive_state s",
            &[],
        )
        .map_err(|e| ArchiveError::db("the archive's state could not be read", &e))?;
    Ok(ArchiveStatus {
        version,
        sources: row.get(0),
        text_bytes: row.get(1),
        last_ingest: row.get(2),
        database_bytes: row.get(3),
        index_bytes: row.get(4),
    })
}
