//! The language server: `sourced lsp` over stdio.
//!
//! Thin: it keeps the open documents, translates positions and requests between the
//! editor and [`crate::analysis`], [`crate::corpus`] and [`crate::check`], and nothing
//! else. It never decides what a finding is.
//!
//! The pieces, each in its own file:
//! - [`transport`]: framing on stdin/stdout, answering malformed messages itself;
//!   [`guard`]: a panic in a handler becomes an error response.
//! - [`server`]: the `LanguageServer` implementation, delegating to the modules below;
//!   [`session`]: the shared state.
//! - [`documents`] (ropes, incremental sync) and [`position`] (UTF-8/UTF-16 conversion,
//!   the one place positions are converted).
//! - [`workspace`] (which corpus a draft uses) and [`indexing`] (loading with progress,
//!   changed files); [`watcher`] (the server's own file watching, for clients that cannot); [`settings`] (editor settings over `sourced.toml`);
//!   [`config_problems`] (errors in `sourced.toml`, shown on the file).
//! - [`checked`] (one check of one document, through [`crate::incremental`], which
//!   checks again only the quotes whose paragraphs changed) and [`diagnostics`]
//!   (debounced background checks, publishing and pull diagnostics); [`archive`] (the
//!   newsroom archive beside the story folder, its answers fetched off the keystroke
//!   path).
//! - Features on a check: [`hover`], [`definition`] (and references), [`code_action`],
//!   [`commands`] (`workspace/executeCommand`), [`symbols`], [`inlay_hints`].

pub mod archive;
pub mod checked;
pub mod coalesce;
pub mod code_action;
pub mod commands;
pub mod config_problems;
pub mod definition;
pub mod diagnostics;
pub mod documents;
pub mod guard;
pub mod hover;
pub mod indexing;
pub mod inlay_hints;
pub mod position;
pub mod server;
pub mod session;
pub mod settings;
pub mod symbols;
pub mod transport;
pub mod watcher;
pub mod workspace;

use std::process::ExitCode;
use std::time::Duration;

use tower_lsp_server::LspService;

/// `sourced lsp [--stdio] [--settings-schema]`.
pub fn run(args: &[String]) -> ExitCode {
    let mut schema = false;
    for arg in args {
        match arg.as_str() {
            "--stdio" => {}
            "--settings-schema" => schema = true,
            "-h" | "--help" => {
                println!("usage: sourced lsp [--stdio] [--settings-schema]\n\nServes the Language Server Protocol on stdin/stdout.\n--settings-schema prints the JSON schema of the editor settings and the command ids.");
                return ExitCode::SUCCESS;
            }
            other => {
                eprintln!("sourced lsp: unknown argument {other:?} (try --help)");
                return ExitCode::from(2);
            }
        }
    }
    if schema {
        let out = serde_json::json!({
            "settings": settings::schema(),
            "commands": commands::COMMANDS,
        });
        println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
        return ExitCode::SUCCESS;
    }
    run_stdio()
}

/// Serve LSP on stdin/stdout until the client says `exit` or stdin closes.
pub fn run_stdio() -> ExitCode {
    sourced_corpus::heap::one_arena();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("sourced lsp: cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    let code = runtime.block_on(serve());
    // Do not wait for the thread blocked reading stdin: the session is over.
    std::process::exit(code)
}

/// Messages from the editor handled at the same time (tower-lsp's default is 4).
const MAX_CONCURRENT_REQUESTS: usize = 64;

/// Run the diagnostics loop, restarting it should it ever panic.
async fn supervise_diagnostics(session: std::sync::Arc<session::Session>) {
    loop {
        match tokio::spawn(diagnostics::run(session.clone())).await {
            Ok(()) => return,
            Err(e) => eprintln!("sourced lsp: the diagnostics task stopped ({e}); restarting it"),
        }
    }
}

async fn serve() -> i32 {
    let (service, socket) = LspService::new(server::Server::new);
    let session = service.inner().session();
    tokio::spawn(supervise_diagnostics(session.clone()));
    let (server_in, server_in_reader) = tokio::io::duplex(1 << 20);
    let (server_out_writer, server_out) = tokio::io::duplex(1 << 20);
    let (rejects_tx, rejects_rx) = tokio::sync::mpsc::unbounded_channel();
    tokio::spawn(transport::pump_input(
        tokio::io::stdin(),
        server_in,
        rejects_tx,
    ));
    let output = tokio::spawn(transport::pump_output(
        server_out,
        tokio::io::stdout(),
        rejects_rx,
    ));
    tower_lsp_server::Server::new(server_in_reader, server_out_writer, socket)
        // Requests answered at once do not need this many; pulls for diagnostics that
        // wait for their corpus to be indexed (one per open draft) must not take every
        // place and hold up the editor's other requests and notifications behind them.
        .concurrency_level(MAX_CONCURRENT_REQUESTS)
        .serve(guard::CatchPanic::new(service))
        .await;
    let _ = tokio::time::timeout(Duration::from_secs(2), output).await;
    if session.is_shutting_down() {
        0
    } else {
        eprintln!("sourced lsp: input ended without a shutdown request");
        1
    }
}
