//! A few connections to the archive, kept open and shared by the threads that ask it
//! questions. A connection found closed (the server restarted) is dropped, with every
//! other idle one (opened before the restart too), and the question asked once more on
//! a new connection. After a failed attempt to connect, questions fail at once for
//! [`QUIET`] instead of each waiting for its own attempt: a checker asks hundreds of
//! questions, and an unreachable host must cost it one connection timeout, not hundreds.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use postgres::{Client, NoTls};

use crate::error::describe;
use crate::{ArchiveError, ArchiveUrl};

/// The most idle connections kept.
const KEPT: usize = 8;

/// How long after a failed attempt to connect no new attempt is made.
pub(crate) const QUIET: Duration = Duration::from_secs(1);

pub(crate) struct Pool {
    url: ArchiveUrl,
    /// Statements run on each new connection (session settings, constant text).
    setup: &'static str,
    idle: Mutex<Vec<Client>>,
    /// The last failed attempt to connect, when it was and why.
    refused: Mutex<Option<(Instant, ArchiveError)>>,
}

impl Pool {
    pub(crate) fn new(url: ArchiveUrl, setup: &'static str) -> Pool {
        Pool {
            url,
            setup,
            idle: Mutex::new(Vec::new()),
            refused: Mutex::new(None),
        }
    }

    pub(crate) fn url(&self) -> &ArchiveUrl {
        &self.url
    }

    /// Run `f` on a connection of the pool (a new one when none is idle); the
    /// connection goes back to the pool afterwards unless it broke. A kept connection
    /// found broken is replaced and `f` run once more.
    pub(crate) fn with<T>(
        &self,
        mut f: impl FnMut(&mut Client) -> Result<T, ArchiveError>,
    ) -> Result<T, ArchiveError> {
        let (mut client, kept) = self.client()?;
        let mut result = f(&mut client);
        if result.is_err() && kept && client.is_closed() {
            // Kept from before the server went away: so are the other idle ones.
            if let Ok(mut idle) = self.idle.lock() {
                idle.clear();
            }
            client = self.fresh()?;
            result = f(&mut client);
        }
        if !client.is_closed() {
            if let Ok(mut idle) = self.idle.lock() {
                if idle.len() < KEPT {
                    idle.push(client);
                }
            }
        }
        result
    }

    /// An idle connection (true) or a new one (false).
    fn client(&self) -> Result<(Client, bool), ArchiveError> {
        loop {
            let idle = self.idle.lock().ok().and_then(|mut v| v.pop());
            match idle {
                Some(c) if c.is_closed() => continue,
                Some(c) => return Ok((c, true)),
                None => return Ok((self.fresh()?, false)),
            }
        }
    }

    /// A new connection, unless an attempt failed less than [`QUIET`] ago.
    fn fresh(&self) -> Result<Client, ArchiveError> {
        if let Ok(refused) = self.refused.lock() {
            if let Some((at, e)) = refused.as_ref() {
                if at.elapsed() < QUIET {
                    return Err(e.clone());
                }
            }
        }
        let made = connect(&self.url, self.setup);
        if let Ok(mut refused) = self.refused.lock() {
            *refused = made.as_ref().err().map(|e| (Instant::now(), e.clone()));
        }
        made
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
