//! What can go wrong with the archive, in words for the user. Messages never contain the
//! connection's password (see [`crate::ArchiveUrl`]).

use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArchiveError {
    pub message: String,
}

impl ArchiveError {
    pub fn new(message: impl Into<String>) -> ArchiveError {
        ArchiveError {
            message: message.into(),
        }
    }

    /// An error from the database, said with what was being done.
    pub(crate) fn db(doing: &str, e: &postgres::Error) -> ArchiveError {
        ArchiveError::new(format!("{doing}: {}", describe(e)))
    }
}

/// The database's own message when there is one (it names the problem), else the
/// client's.
pub(crate) fn describe(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => match db.hint() {
            Some(hint) => format!("{} ({hint})", db.message()),
            None => db.message().to_string(),
        },
        None => {
            let text = e.to_string();
            match std::error::Error::source(e) {
                Some(cause) if !text.contains(&cause.to_string()) => format!("{text}: {cause}"),
                _ => text,
            }
        }
    }
}

/// Whether the statement may succeed when tried again (a deadlock between two ingests,
/// a serialization failure).
pub(crate) fn is_retryable(e: &postgres::Error) -> bool {
    use postgres::error::SqlState;
    matches!(
        e.code(),
        Some(c) if *c == SqlState::T_R_DEADLOCK_DETECTED || *c == SqlState::T_R_SERIALIZATION_FAILURE
    )
}

impl fmt::Display for ArchiveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ArchiveError {}
