//! `workspace/executeCommand`: the server-side actions (docs/protocol.md). Changes to
//! `sourced.toml` go through [`crate::config`]'s writers, so every editor gets the same
//! behaviour; the open drafts are re-checked afterwards.

use std::sync::Arc;

use serde::Deserialize;
use serde_json::{json, Value};
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::{ExecuteCommandParams, MessageType, Position, Uri};

use crate::check::FindingCode;
use crate::config;

use super::definition;
use super::diagnostics;
use super::documents::uri_path;
use super::indexing;
use super::session::Session;

pub const REINDEX: &str = "sourced.reindex";
pub const IGNORE_FINDING: &str = "sourced.ignoreFinding";
pub const ADD_ALIAS: &str = "sourced.addAlias";
pub const SHOW_SOURCES: &str = "sourced.showSources";
pub const ARCHIVE_DOCUMENT: &str = "sourced.archiveDocument";

/// The commands the server handles, as listed in `executeCommandProvider`.
pub const COMMANDS: [&str; 5] = [
    REINDEX,
    IGNORE_FINDING,
    ADD_ALIAS,
    SHOW_SOURCES,
    ARCHIVE_DOCUMENT,
];

/// A test-only command that panics, to show that a panic becomes an error response.
/// Only served when the environment variable `SOURCED_TEST_HOOKS=1` is set.
const DEBUG_PANIC: &str = "sourced.debug.panic";

#[derive(Deserialize)]
struct IgnoreArgs {
    uri: Uri,
    code: String,
    text: String,
}

#[derive(Deserialize)]
struct AliasArgs {
    uri: Uri,
    alias: String,
    canonical: String,
}

#[derive(Deserialize)]
struct DocumentArgs {
    uri: String,
}

#[derive(Deserialize)]
struct PositionArgs {
    uri: Uri,
    position: Position,
}

/// The single object argument of a command.
fn arg<T: for<'de> Deserialize<'de>>(params: &ExecuteCommandParams) -> Result<T> {
    let first = params.arguments.first().cloned().unwrap_or(Value::Null);
    serde_json::from_value(first).map_err(|e| {
        Error::invalid_params(format!(
            "{}: expected one argument object (see docs/protocol.md): {e}",
            params.command
        ))
    })
}

fn failed(message: String) -> Error {
    Error {
        code: tower_lsp_server::jsonrpc::ErrorCode::InternalError,
        message: message.into(),
        data: None,
    }
}

pub async fn execute(
    session: &Arc<Session>,
    params: ExecuteCommandParams,
) -> Result<Option<Value>> {
    match params.command.as_str() {
        REINDEX => {
            indexing::reindex_all(session);
            Ok(None)
        }
        IGNORE_FINDING => {
            let a: IgnoreArgs = arg(&params)?;
            if FindingCode::parse(&a.code).is_none() {
                return Err(Error::invalid_params(format!(
                    "unknown finding code {:?}",
                    a.code
                )));
            }
            let draft = uri_path(&a.uri);
            let toml = toml_for(session, &a.uri).await?;
            let written = tokio::task::spawn_blocking({
                let toml = toml.clone();
                move || config::add_ignore(&toml, &a.code, draft.as_deref(), &a.text)
            })
            .await;
            finish_write(session, &toml, written).await
        }
        ADD_ALIAS => {
            let a: AliasArgs = arg(&params)?;
            if a.alias.trim().is_empty() || a.canonical.trim().is_empty() {
                return Err(Error::invalid_params(
                    "alias and canonical must not be empty",
                ));
            }
            let toml = toml_for(session, &a.uri).await?;
            let written = tokio::task::spawn_blocking({
                let toml = toml.clone();
                move || config::add_alias(&toml, &a.alias, &a.canonical)
            })
            .await;
            finish_write(session, &toml, written).await
        }
        SHOW_SOURCES => {
            let a: PositionArgs = arg(&params)?;
            let Some(c) = diagnostics::fresh(session, &a.uri).await else {
                return Ok(Some(json!([])));
            };
            Ok(Some(Value::Array(definition::show_sources(&c, a.position))))
        }
        ARCHIVE_DOCUMENT => {
            let a: DocumentArgs = arg(&params)?;
            if !a.uri.starts_with("sourced://archive/") {
                return Err(Error::invalid_params(format!(
                    "{} is not an archived document (sourced://archive/ID/NAME)",
                    a.uri
                )));
            }
            super::archive::archive_document(session, &a.uri)
                .await
                .map(Some)
                .map_err(failed)
        }
        DEBUG_PANIC if std::env::var("SOURCED_TEST_HOOKS").as_deref() == Ok("1") => {
            panic!("sourced.debug.panic was called")
        }
        other => Err(Error::invalid_params(format!(
            "unknown command {other:?}; this server handles {}",
            COMMANDS.join(", ")
        ))),
    }
}

/// The `sourced.toml` governing the draft at `uri` (created beside the corpus when absent).
async fn toml_for(session: &Arc<Session>, uri: &Uri) -> Result<std::path::PathBuf> {
    if let Some(a) = session.assignments.get(uri) {
        return Ok(a.toml_path());
    }
    let Some(path) = uri_path(uri) else {
        return Err(Error::invalid_params(format!(
            "{} is not a file",
            uri.as_str()
        )));
    };
    match session.workspace.resolve(Some(&path), &session.settings()) {
        super::workspace::Resolved::Corpus(a, _) => Ok(a.toml_path()),
        super::workspace::Resolved::None(message) => Err(failed(message)),
    }
}

async fn finish_write(
    session: &Arc<Session>,
    toml: &std::path::Path,
    written: std::result::Result<
        std::result::Result<(), config::ConfigError>,
        tokio::task::JoinError,
    >,
) -> Result<Option<Value>> {
    match written {
        Ok(Ok(())) => {
            session
                .log(MessageType::INFO, format!("updated {}", toml.display()))
                .await;
            indexing::reset(session);
            Ok(None)
        }
        Ok(Err(e)) => {
            let m = format!("Sourced could not update {}: {e}", toml.display());
            session.say_once(MessageType::ERROR, m.clone()).await;
            Err(failed(m))
        }
        Err(e) => Err(failed(format!("writing {} failed: {e}", toml.display()))),
    }
}
