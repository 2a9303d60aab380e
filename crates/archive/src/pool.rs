//! A few connections to the archive, kept open and shared by the threads that ask it
//! questions. A connection found closed (the server restarted) is dropped and a new one
//! opened on the next question.

use std::sync::Mutex;

use postgres::{Client, NoTls};

use crate::error::describe;
use crate::{ArchiveError, ArchiveUrl};

/// The most idle connections kept.
const KEPT: usize = 8;

pub(crate) struct Pool {
    url: ArchiveUrl,
    /// Statements run on each new connection (session settings, constant text).
    setup: &'static str,
    idle: Mutex<Vec<Client>>,
}

impl Pool {
    pub(crate) fn new(url: ArchiveUrl, setup: &'static str) -> Pool {
        Pool {
            url,
            setup,
            idle: Mutex::new(Vec::new()),
        }
    }

    pub(crate) fn url(&self) -> &ArchiveUrl {
        &self.url
    }

    /// Run `f` on a connection of the pool (a new one when none is idle); the
    /// connection goes back to the pool afterwards unless it broke.
    pub(crate) fn with<T>(
        &self,
        f: impl FnOnce(&mut Client) -> Result<T, ArchiveError>,
    ) -> Result<T, ArchiveError> {
        let mut client = loop {
            let idle = self.idle.lock().ok().and_then(|mut v| v.pop());
            match idle {
                Some(c) if c.is_closed() => continue,
                Some(c) => break c,
                None => break connect(&self.url, self.setup)?,
            }
        };
        let result = f(&mut client);
        if !client.is_closed() {
            if let Ok(mut idle) = self.idle.lock() {
                if idle.len() < KEPT {
                    idle.push(client);
                }
            }
        }
        result
    }
}

/// A new connection to `url`, with `setup` run on it.
pub(crate) fn connect(url: &ArchiveUrl, setup: &str) -> Result<Client, ArchiveError> {
    let mut client = url.config().connect(NoTls).map_err(|e| {
        ArchiveError::new(format!(
            "the archive at {} cannot be reached: {}",
            url.redacted(),
            describe(&e)
        ))
    })?;
    if !setup.is_empty() {
        client
            .batch_execute(setup)
            .map_err(|e| ArchiveError::db("the archive connection could not be set up", &e))?;
    }
    Ok(client)
}
