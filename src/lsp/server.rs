//! The `LanguageServer` implementation: capabilities, lifecycle, document sync and the
//! routing of each request to the module of its feature.
//!
//! Handlers stay thin. Text changes are applied to the document store synchronously, at
//! the top of the handler, before anything is awaited, so they land in the order the
//! editor sent them; everything slow happens in background tasks or blocking threads.

use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::Value;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

use super::checked::{Checked, Skipped};
use super::documents::{uri_path, ChangeError};
use super::guard::lock;
use super::position::Encoding;
use super::session::{Caps, Session};
use super::settings::ClientSettings;
use super::{
    archive, code_action, commands, config_problems, definition, diagnostics, hover, indexing,
    inlay_hints, symbols,
};

/// The longest a pull for diagnostics waits for its corpus to be indexed.
const PULL_WAIT: Duration = Duration::from_secs(30);

/// LSP's `ServerCancelled`: the server cancelled the request (with `retriggerRequest`,
/// the client asks again).
const SERVER_CANCELLED: i64 = -32802;

/// The language server; all state is in the shared [`Session`].
pub struct Server {
    session: Arc<Session>,
    /// Problems with the initial settings, reported once the client is initialized.
    pending_problems: Mutex<Vec<String>>,
}

impl Server {
    pub fn new(client: Client) -> Server {
        Server {
            session: Arc::new(Session::new(client)),
            pending_problems: Mutex::new(Vec::new()),
        }
    }

    pub fn session(&self) -> Arc<Session> {
        self.session.clone()
    }

    async fn apply_settings(&self, value: &Value) {
        let (settings, problems) = ClientSettings::from_json(value);
        for p in problems {
            self.session.say_once(MessageType::WARNING, p).await;
        }
        // Any change (severity, debounce, corpus) makes earlier checks stale; a corpus
        // whose files stay the same keeps its index.
        self.session.set_settings(settings);
        indexing::reset(&self.session);
    }

    /// The current check of an open document (computed now if the latest is stale).
    async fn checked(&self, uri: &Uri) -> Option<Arc<Checked>> {
        let c = diagnostics::fresh(&self.session, uri).await?;
        // Never answer with a file that is gone: check again without it.
        if indexing::drop_missing_sources(&self.session, &c).await {
            return diagnostics::fresh(&self.session, uri).await;
        }
        Some(c)
    }

    /// The check of an open document for a pull: while its corpus is being indexed, the
    /// answer waits for the index (an empty report now would read as a clean draft),
    /// without holding up anything else; past [`PULL_WAIT`] the client is told to ask
    /// again (and is asked to, by a refresh, when indexing ends).
    async fn checked_when_indexed(&self, uri: &Uri) -> Result<Option<Arc<Checked>>> {
        let deadline = tokio::time::Instant::now() + PULL_WAIT;
        loop {
            let checked = self.checked(uri).await;
            let indexing = checked
                .as_ref()
                .is_some_and(|c| c.skipped == Skipped::Indexing);
            let Some(assignment) = self.session.assignments.get(uri).filter(|_| indexing) else {
                return Ok(checked);
            };
            let waited = tokio::time::timeout_at(deadline, assignment.corpus.wait_ready()).await;
            if waited.is_err() {
                return Err(tower_lsp_server::jsonrpc::Error {
                    code: tower_lsp_server::jsonrpc::ErrorCode::ServerError(SERVER_CANCELLED),
                    message: "the sources are still being indexed".into(),
                    data: Some(serde_json::json!({ "retriggerRequest": true })),
                });
            }
        }
    }

    fn debounce_for(&self, uri: &Uri) -> Duration {
        let toml = self
            .session
            .assignments
            .get(uri)
            .and_then(|a| a.config.debounce_ms);
        self.session.debounce(toml)
    }
}

fn folder_paths(folders: &[WorkspaceFolder]) -> Vec<PathBuf> {
    folders.iter().filter_map(|f| uri_path(&f.uri)).collect()
}

/// What the server offers; diagnostics are offered for pulling only to a client that pulls
/// (see `Caps::pulls_diagnostics`), the others get them pushed.
fn capabilities(enc: Encoding, pulls: bool) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(enc.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::Supported(false)),
                ..Default::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        workspace_symbol_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
            resolve_provider: Some(false),
            ..Default::default()
        })),
        execute_command_provider: Some(ExecuteCommandOptions {
            commands: commands::COMMANDS.iter().map(|c| c.to_string()).collect(),
            ..Default::default()
        }),
        inlay_hint_provider: Some(OneOf::Left(true)),
        diagnostic_provider: pulls.then(|| {
            DiagnosticServerCapabilities::Options(DiagnosticOptions {
                identifier: Some("sourced".into()),
                inter_file_dependencies: false,
                workspace_diagnostics: false,
                ..Default::default()
            })
        }),
        workspace: Some(WorkspaceServerCapabilities {
            workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                supported: Some(true),
                change_notifications: Some(OneOf::Left(true)),
            }),
            file_operations: None,
        }),
        ..Default::default()
    }
}

impl LanguageServer for Server {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let enc = Encoding::negotiate(
            params
                .capabilities
                .general
                .as_ref()
                .and_then(|g| g.position_encodings.as_deref()),
        );
        self.session.set_encoding(enc);
        self.session
            .set_caps(Caps::from_client(&params.capabilities));
        let mut folders = params
            .workspace_folders
            .as_deref()
            .map(folder_paths)
            .unwrap_or_default();
        #[allow(deprecated)]
        if folders.is_empty() {
            if let Some(root) = params.root_uri.as_ref().and_then(uri_path) {
                folders.push(root);
            }
        }
        self.session.workspace.set_folders(folders);
        if let Some(opts) = &params.initialization_options {
            let (settings, problems) = ClientSettings::from_json(opts);
            self.session.set_settings(settings);
            lock(&self.pending_problems).extend(problems);
        }
        Ok(InitializeResult {
            capabilities: capabilities(enc, self.session.caps().pulls_diagnostics()),
            server_info: Some(ServerInfo {
                name: "sourced".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        let problems = std::mem::take(&mut *lock(&self.pending_problems));
        for p in problems {
            self.session.say_once(MessageType::WARNING, p).await;
        }
        let caps = self.session.caps();
        if caps.watched_files_dynamic {
            let mut watchers: Vec<FileSystemWatcher> =
                ["**/*.{txt,md,markdown,html,htm}", "**/sourced.toml"]
                    .into_iter()
                    .map(|g| FileSystemWatcher {
                        glob_pattern: GlobPattern::String(g.into()),
                        kind: None,
                    })
                    .collect();
            // Folders created and deleted (a sources folder renamed or removed whole
            // comes as one event for the folder).
            watchers.push(FileSystemWatcher {
                glob_pattern: GlobPattern::String("**/*".into()),
                kind: Some(WatchKind::Create | WatchKind::Delete),
            });
            let options = DidChangeWatchedFilesRegistrationOptions { watchers };
            let registration = Registration {
                id: "sourced-watch-sources".into(),
                method: "workspace/didChangeWatchedFiles".into(),
                register_options: serde_json::to_value(options).ok(),
            };
            // A client that never answers must not hold anything up.
            let session = self.session.clone();
            tokio::spawn(async move {
                let sent = session.client.register_capability(vec![registration]);
                match tokio::time::timeout(Duration::from_secs(5), sent).await {
                    Ok(Ok(())) => {}
                    Ok(Err(e)) => {
                        session
                            .log(
                                MessageType::WARNING,
                                format!("file watching not registered: {e}"),
                            )
                            .await
                    }
                    Err(_) => {
                        session
                            .log(
                                MessageType::WARNING,
                                "file watching: no answer from the client",
                            )
                            .await
                    }
                }
            });
        } else {
            self.session
                .watcher
                .start(&self.session, &self.session.workspace.folders());
        }
        // Start indexing the workspace folders' corpora before any draft is opened.
        let settings = self.session.settings();
        for folder in self.session.workspace.folders() {
            let probe = folder.join("draft.md");
            if let super::workspace::Resolved::Corpus(a, true) =
                self.session.workspace.resolve(Some(&probe), &settings)
            {
                indexing::start(self.session.clone(), a.corpus);
            }
        }
        config_problems::publish(&self.session).await;
        self.session
            .log(
                MessageType::INFO,
                format!(
                    "sourced {} ready ({:?} positions)",
                    env!("CARGO_PKG_VERSION"),
                    self.session.encoding()
                ),
            )
            .await;
    }

    async fn shutdown(&self) -> Result<()> {
        self.session.shutting_down.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        if archive::is_archived_document(&doc.uri) {
            return;
        }
        lock(&self.session.docs).open(doc.uri.clone(), &doc.text, doc.version, &doc.language_id);
        self.session.scheduler.schedule(doc.uri, Duration::ZERO);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let version = params.text_document.version;
        let enc = self.session.encoding();
        // Applied before anything is awaited: changes land in arrival order.
        let outcome = lock(&self.session.docs).change(&uri, version, &params.content_changes, enc);
        match outcome {
            Ok(applied) => {
                let delay = self.debounce_for(&uri);
                self.session.scheduler.schedule(uri.clone(), delay);
                if applied.out_of_order {
                    self.session
                        .log(
                            MessageType::WARNING,
                            format!(
                                "{}: version {version} does not follow the previous one; changes applied in arrival order",
                                uri.as_str()
                            ),
                        )
                        .await;
                }
            }
            Err(ChangeError::NotOpen) => {
                self.session
                    .log(
                        MessageType::WARNING,
                        format!("ignored a change to {}: it is not open", uri.as_str()),
                    )
                    .await;
            }
        }
    }

    async fn did_save(&self, _: DidSaveTextDocumentParams) {}

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        let was_open = lock(&self.session.docs).close(&uri);
        self.session.forget(&uri);
        indexing::draft_closed(&self.session, &uri);
        if was_open {
            self.session
                .client
                .publish_diagnostics(uri, Vec::new(), None)
                .await;
        }
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let mut value = params.settings;
        let empty = value.is_null() || value.as_object().is_some_and(|o| o.is_empty());
        if empty && self.session.caps().configuration {
            let item = ConfigurationItem {
                scope_uri: None,
                section: Some("sourced".into()),
            };
            let asked = self.session.client.configuration(vec![item]);
            if let Ok(Ok(mut answer)) = tokio::time::timeout(Duration::from_secs(5), asked).await {
                value = answer.pop().unwrap_or(Value::Null);
            }
        }
        self.apply_settings(&value).await;
    }

    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        for f in folder_paths(&params.event.removed) {
            self.session.workspace.remove_folder(&f);
        }
        let added = folder_paths(&params.event.added);
        self.session.watcher.watch_folders(&self.session, &added);
        for f in added {
            self.session.workspace.add_folder(f);
        }
        indexing::reset(&self.session);
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        indexing::files_changed(&self.session, params.changes).await;
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        let uri = params.text_document.uri;
        let report = match self.checked_when_indexed(&uri).await? {
            Some(c) if params.previous_result_id.as_deref() == Some(c.result_id().as_str()) => {
                DocumentDiagnosticReport::Unchanged(RelatedUnchangedDocumentDiagnosticReport {
                    related_documents: None,
                    unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport {
                        result_id: c.result_id(),
                    },
                })
            }
            Some(c) => DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: FullDocumentDiagnosticReport {
                    result_id: Some(c.result_id()),
                    items: c.diagnostics.clone(),
                },
            }),
            // Not open.
            None => DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport::default()),
        };
        Ok(DocumentDiagnosticReportResult::Report(report))
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let p = params.text_document_position_params;
        let Some(c) = self.checked(&p.text_document.uri).await else {
            return Ok(None);
        };
        Ok(hover::hover(
            &c,
            p.position,
            self.session.caps().markdown_hover,
        ))
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        let p = params.text_document_position_params;
        let Some(c) = self.checked(&p.text_document.uri).await else {
            return Ok(None);
        };
        let locations = definition::definition(&c, p.position);
        Ok((!locations.is_empty()).then_some(GotoDefinitionResponse::Array(locations)))
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let p = params.text_document_position;
        let Some(c) = self.checked(&p.text_document.uri).await else {
            return Ok(None);
        };
        let locations = definition::references(&c, p.position, params.context.include_declaration);
        Ok((!locations.is_empty()).then_some(locations))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let Some(c) = self.checked(&params.text_document.uri).await else {
            return Ok(None);
        };
        let actions = code_action::code_actions(&c, params.range);
        Ok((!actions.is_empty()).then_some(actions))
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<LSPAny>> {
        commands::execute(&self.session, params).await
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let Some(c) = self.checked(&params.text_document.uri).await else {
            return Ok(None);
        };
        Ok(Some(DocumentSymbolResponse::Nested(
            symbols::document_symbols(&c),
        )))
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<WorkspaceSymbolResponse>> {
        let session = self.session.clone();
        let enc = session.encoding();
        let corpora = session.workspace.corpora();
        let found = tokio::task::spawn_blocking(move || {
            symbols::workspace_symbols(&corpora, &params.query, enc)
        })
        .await
        .unwrap_or_default();
        Ok(Some(WorkspaceSymbolResponse::Nested(found)))
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let Some(c) = self.checked(&params.text_document.uri).await else {
            return Ok(None);
        };
        Ok(Some(inlay_hints::inlay_hints(&c, params.range)))
    }
}
