/**
 * The Sourced extension: starts `sourced lsp` for Markdown and plain text files, passes the
 * user's settings to it, and shows its status and its sources.
 *
 * Thin: every check happens in the server. The server's commands (`sourced.reindex`,
 * `sourced.showSources`, `sourced.ignoreFinding`, `sourced.addAlias`) are registered as
 * VS Code commands of the same name by vscode-languageclient; the middleware below gives
 * `sourced.showSources` its arguments when it is run from the command palette and shows
 * the answer in a quick pick. Archived evidence that is not a file on this machine opens as a
 * read-only `sourced://` document whose text the server gives (`sourced.archiveDocument`).
 */
import * as vscode from "vscode";
import {
    DidChangeConfigurationNotification,
    ExecuteCommandRequest,
    ExecuteCommandSignature,
    LanguageClient,
    LanguageClientOptions,
    ServerOptions,
    TransportKind,
} from "vscode-languageclient/node";

import { ARCHIVE_SCHEME, archivedDocumentProblem, parseArchivedDocument } from "./archived";
import { findServer, INSTALL_HINT, packagedServer } from "./serverPath";
import { serverSettings, ServerSettings } from "./settings";
import { parseSources, sourceItems, SourceItem } from "./sources";
import { parseStatus, statusView } from "./status";

/** The commands the server provides; the extension contributes each under the same id. */
export const SERVER_COMMANDS = ["sourced.reindex", "sourced.showSources", "sourced.ignoreFinding", "sourced.addAlias"];

const DOCUMENT_SELECTOR = [
    { scheme: "file", language: "markdown" },
    { scheme: "file", language: "plaintext" },
];

let client: LanguageClient | undefined;
let output: vscode.OutputChannel;
let statusItem: vscode.StatusBarItem;
/** Stand-ins for the server's commands while no server runs, saying why. */
let fallbackCommands: vscode.Disposable[] = [];
/** The folder the extension is installed in (where a platform-specific .vsix puts the server). */
let extensionPath: string | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
    extensionPath = context.extensionPath;
    output = vscode.window.createOutputChannel("Sourced");
    statusItem = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 10);
    statusItem.name = "Sourced";
    context.subscriptions.push(output, statusItem);
    context.subscriptions.push({ dispose: () => disposeFallbackCommands() });
    // The extension's own command; the server's commands are registered by the language client.
    context.subscriptions.push(vscode.commands.registerCommand("sourced.showOutput", () => output.show()));
    context.subscriptions.push(
        vscode.workspace.registerTextDocumentContentProvider(ARCHIVE_SCHEME, {
            provideTextDocumentContent: (uri, token) => archivedText(uri, token),
        }),
    );

    context.subscriptions.push(
        vscode.workspace.onDidChangeConfiguration(async (event) => {
            if (event.affectsConfiguration("sourced.server.path")) {
                await restart();
            } else if (event.affectsConfiguration("sourced")) {
                await sendSettings();
            }
        }),
        vscode.window.onDidChangeActiveTextEditor(() => updateStatusVisibility()),
    );

    await start();
}

export async function deactivate(): Promise<void> {
    await stop();
}

/** The server settings from the user's configuration; `report` shows the problems found in it. */
function currentSettings(report: boolean): ServerSettings {
    const config = vscode.workspace.getConfiguration("sourced");
    const { settings, problems } = serverSettings((key) => config.inspect(key));
    for (const problem of report ? problems : []) {
        const text = `Sourced: the setting ${problem.key} ${problem.message}; it is ignored.`;
        output.appendLine(text);
        void vscode.window.showWarningMessage(text);
    }
    return settings;
}

function workspaceRoot(): string | undefined {
    return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
}

async function start(): Promise<void> {
    const configured = vscode.workspace.getConfiguration("sourced").get<string>("server.path", "");
    const packaged = extensionPath === undefined ? undefined : packagedServer(extensionPath);
    const lookup = findServer(configured, process.env.PATH, workspaceRoot(), process.platform, packaged);
    if (!lookup.found) {
        const message = `Sourced: cannot start the language server. ${lookup.reason} ${INSTALL_HINT}`;
        output.appendLine(message);
        registerFallbackCommands(message);
        statusItem.text = "$(warning) Sourced: no server";
        statusItem.tooltip = message;
        statusItem.command = { title: "Open Settings", command: "workbench.action.openSettings", arguments: ["sourced.server.path"] };
        updateStatusVisibility();
        void vscode.window.showErrorMessage(message, "Open Settings").then((choice) => {
            if (choice === "Open Settings") {
                void vscode.commands.executeCommand("workbench.action.openSettings", "sourced.server.path");
            }
        });
        return;
    }
    output.appendLine(`Sourced: starting ${lookup.path} lsp (found via ${lookup.from})`);
    disposeFallbackCommands();

    const serverOptions: ServerOptions = {
        command: lookup.path,
        args: ["lsp"],
        transport: TransportKind.stdio,
    };
    const clientOptions: LanguageClientOptions = {
        documentSelector: DOCUMENT_SELECTOR,
        outputChannel: output,
        initializationOptions: () => currentSettings(true),
        middleware: {
            executeCommand: (command: string, args: unknown[], next: ExecuteCommandSignature) => {
                if (command === "sourced.showSources" && args.length === 0) {
                    return showSourcesAtCursor(next);
                }
                return next(command, args);
            },
            workspace: {
                // Servers that pull settings get the same object as initializationOptions.
                configuration: async (params, token, next) => {
                    const answer = await next(params, token);
                    if (!Array.isArray(answer)) {
                        return answer;
                    }
                    return params.items.map((item, i) => (item.section === "sourced" ? currentSettings(false) : answer[i]));
                },
            },
        },
    };

    const newClient = new LanguageClient("sourced", "Sourced", serverOptions, clientOptions);
    newClient.onNotification("sourced/status", (params: unknown) => {
        const status = parseStatus(params);
        if (!status) {
            output.appendLine(`Sourced: ignored a malformed sourced/status notification: ${JSON.stringify(params)}`);
            return;
        }
        const view = statusView(status);
        statusItem.text = view.text;
        statusItem.tooltip = view.tooltip;
        statusItem.backgroundColor = view.error ? new vscode.ThemeColor("statusBarItem.errorBackground") : undefined;
        statusItem.command = status.state === "error" ? "sourced.showOutput" : "sourced.reindex";
        updateStatusVisibility();
    });
    client = newClient;
    statusItem.text = "$(sync~spin) Sourced: starting";
    statusItem.tooltip = `Starting ${lookup.path} lsp`;
    statusItem.command = undefined;
    updateStatusVisibility();
    try {
        await newClient.start();
    } catch (error) {
        const message = `Sourced: the language server ${lookup.path} failed to start: ${String(error)}`;
        output.appendLine(message);
        statusItem.text = "$(error) Sourced: server failed";
        statusItem.tooltip = message;
        void vscode.window.showErrorMessage(message);
    }
}

async function stop(): Promise<void> {
    const old = client;
    client = undefined;
    if (old) {
        try {
            await old.stop();
        } catch (error) {
            output.appendLine(`Sourced: stopping the server failed: ${String(error)}`);
        }
    }
}

async function restart(): Promise<void> {
    await stop();
    await start();
}

async function sendSettings(): Promise<void> {
    if (!client || !client.isRunning()) {
        return;
    }
    await client.sendNotification(DidChangeConfigurationNotification.type, {
        settings: { sourced: currentSettings(true) },
    });
}

function registerFallbackCommands(message: string): void {
    disposeFallbackCommands();
    for (const command of SERVER_COMMANDS) {
        fallbackCommands.push(
            vscode.commands.registerCommand(command, () => {
                void vscode.window.showErrorMessage(message, "Open Settings").then((choice) => {
                    if (choice === "Open Settings") {
                        void vscode.commands.executeCommand("workbench.action.openSettings", "sourced.server.path");
                    }
                });
            }),
        );
    }
}

function disposeFallbackCommands(): void {
    for (const d of fallbackCommands) {
        d.dispose();
    }
    fallbackCommands = [];
}

function updateStatusVisibility(): void {
    const language = vscode.window.activeTextEditor?.document.languageId;
    if (language === "markdown" || language === "plaintext") {
        statusItem.show();
    } else {
        statusItem.hide();
    }
}

/** `sourced.showSources` from the palette: ask about the cursor, then open the chosen source. */
async function showSourcesAtCursor(next: ExecuteCommandSignature): Promise<unknown> {
    const editor = vscode.window.activeTextEditor;
    const running = client;
    if (!editor || !running) {
        void vscode.window.showInformationMessage("Sourced: put the cursor on a quote or a person in a draft first.");
        return [];
    }
    const arg = {
        uri: running.code2ProtocolConverter.asUri(editor.document.uri),
        position: running.code2ProtocolConverter.asPosition(editor.selection.active),
    };
    const result: unknown = await next("sourced.showSources", [arg]);
    const passages = parseSources(result);
    if (passages === undefined) {
        const message = "Sourced: the server's answer to sourced.showSources was not a list of sources.";
        output.appendLine(`${message} ${JSON.stringify(result)}`);
        void vscode.window.showErrorMessage(message);
        return result;
    }
    if (passages.length === 0) {
        void vscode.window.showInformationMessage("Sourced: the sources say nothing about what is under the cursor.");
        return result;
    }
    const pick = await vscode.window.showQuickPick<SourceItem & vscode.QuickPickItem>(sourceItems(passages), {
        title: "Sources of this quote",
        placeHolder: "Open a source",
        matchOnDescription: true,
        matchOnDetail: true,
    });
    if (pick) {
        const uri = running.protocol2CodeConverter.asUri(pick.passage.uri);
        const range = running.protocol2CodeConverter.asRange(pick.passage.range);
        const document = await vscode.workspace.openTextDocument(uri);
        await vscode.window.showTextDocument(document, { selection: range, preview: true });
    }
    return result;
}

/** The text of a `sourced://archive/ID/NAME` document, asked of the server. */
async function archivedText(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const running = client;
    const shown = uri.toString();
    if (!running || !running.isRunning()) {
        const message = archivedDocumentProblem(shown, "the language server is not running");
        output.appendLine(message);
        throw new Error(message);
    }
    let result: unknown;
    try {
        result = await running.sendRequest(
            ExecuteCommandRequest.type,
            { command: "sourced.archiveDocument", arguments: [{ uri: running.code2ProtocolConverter.asUri(uri) }] },
            token,
        );
    } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        const message = archivedDocumentProblem(shown, reason);
        output.appendLine(message);
        throw new Error(message);
    }
    const document = parseArchivedDocument(result);
    if (document === undefined) {
        const message = archivedDocumentProblem(shown, "the server's answer was not a document");
        output.appendLine(`${message} ${JSON.stringify(result)}`);
        throw new Error(message);
    }
    return document.text;
}
