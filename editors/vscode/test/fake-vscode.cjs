// A stand-in for the `vscode` module, just enough of it for the bundled extension and
// vscode-languageclient to start the real `sourced lsp`, open a document, take diagnostics,
// run commands and show a quick pick, all in plain Node. VS Code itself cannot be
// downloaded where the tests run; this exercises everything of the extension except the
// editor's drawing.
//
// What the editor would show is recorded in `recorded` (messages, status bar texts,
// diagnostics per URI, quick picks, opened documents) for the test to assert on. Anything
// the extension or the client touches that is not modelled here is a harmless stub, and
// its name is listed in `recorded.stubbed` to make gaps visible.
"use strict";
const fs = require("fs");
const path = require("path");

const recorded = {
    messages: [], // { level, text }
    statusTexts: [],
    diagnostics: new Map(), // uri string -> Diagnostic[]
    quickPicks: [], // items arrays
    shownDocuments: [], // { uri, selection }
    executed: [], // built-in commands run: { command, args }
    contentProviders: new Map(), // scheme -> TextDocumentContentProvider
    stubbed: new Set(),
    output: [],
};

// ---- stubs for what is not modelled ------------------------------------------------------
function stub(name) {
    recorded.stubbed.add(name);
    const target = function () {};
    return new Proxy(target, {
        get(_t, prop) {
            if (prop === "then") return undefined; // not a promise
            if (prop === Symbol.iterator) return function* () {};
            if (prop === Symbol.toPrimitive) return () => `[stub ${name}]`;
            if (prop === "prototype") return {};
            if (prop === "dispose") return () => {};
            return stub(`${name}.${String(prop)}`);
        },
        apply() {
            return stub(`${name}()`);
        },
        construct() {
            return stub(`new ${name}`);
        },
    });
}

function withStubs(name, object) {
    return new Proxy(object, {
        get(t, prop) {
            if (prop in t) return t[prop];
            if (typeof prop === "symbol" || prop === "then" || prop === "toJSON" || prop === "__esModule") return undefined;
            return stub(`${name}.${prop}`);
        },
    });
}

// ---- basic types ----------------------------------------------------------------------------
class Disposable {
    constructor(fn) {
        this._fn = fn;
    }
    static from(...items) {
        return new Disposable(() => items.forEach((d) => d && d.dispose && d.dispose()));
    }
    dispose() {
        if (this._fn) {
            const fn = this._fn;
            this._fn = undefined;
            fn();
        }
    }
}

class EventEmitter {
    constructor() {
        this._listeners = new Set();
        this.event = (listener, thisArg, disposables) => {
            const bound = thisArg ? listener.bind(thisArg) : listener;
            this._listeners.add(bound);
            const d = new Disposable(() => this._listeners.delete(bound));
            if (Array.isArray(disposables)) disposables.push(d);
            return d;
        };
    }
    fire(value) {
        for (const l of [...this._listeners]) l(value);
    }
    dispose() {
        this._listeners.clear();
    }
}

class CancellationError extends Error {}

class CancellationTokenSource {
    constructor() {
        const emitter = new EventEmitter();
        this._emitter = emitter;
        this.token = { isCancellationRequested: false, onCancellationRequested: emitter.event };
    }
    cancel() {
        this.token.isCancellationRequested = true;
        this._emitter.fire();
    }
    dispose() {}
}

class Position {
    constructor(line, character) {
        this.line = line;
        this.character = character;
    }
    isEqual(o) {
        return o.line === this.line && o.character === this.character;
    }
    isBefore(o) {
        return this.line < o.line || (this.line === o.line && this.character < o.character);
    }
    translate() {
        return this;
    }
}

class Range {
    constructor(a, b, c, d) {
        if (typeof a === "number") {
            this.start = new Position(a, b);
            this.end = new Position(c, d);
        } else {
            this.start = a;
            this.end = b;
        }
    }
    get isEmpty() {
        return this.start.isEqual(this.end);
    }
    contains(p) {
        const pos = p.start ?? p;
        return !pos.isBefore(this.start) && !this.end.isBefore(pos);
    }
}

class Selection extends Range {
    constructor(anchor, active) {
        super(anchor, active);
        this.anchor = anchor;
        this.active = active;
    }
}

class Location {
    constructor(uri, rangeOrPosition) {
        this.uri = uri;
        this.range = rangeOrPosition;
    }
}

const DiagnosticSeverity = { Error: 0, Warning: 1, Information: 2, Hint: 3 };
const DiagnosticTag = { Unnecessary: 1, Deprecated: 2 };

class Diagnostic {
    constructor(range, message, severity = DiagnosticSeverity.Error) {
        this.range = range;
        this.message = message;
        this.severity = severity;
    }
}

class MarkdownString {
    constructor(value = "") {
        this.value = value;
    }
    appendText(t) {
        this.value += t;
        return this;
    }
    appendMarkdown(t) {
        this.value += t;
        return this;
    }
    appendCodeblock(t) {
        this.value += t;
        return this;
    }
}

class CodeActionKind {
    constructor(value) {
        this.value = value;
    }
    append(part) {
        return new CodeActionKind(this.value ? `${this.value}.${part}` : part);
    }
    contains(other) {
        return this.value === "" || other.value === this.value || other.value.startsWith(`${this.value}.`);
    }
    intersects(other) {
        return this.contains(other) || other.contains(this);
    }
}
for (const [k, v] of Object.entries({
    Empty: "",
    QuickFix: "quickfix",
    Refactor: "refactor",
    RefactorExtract: "refactor.extract",
    RefactorInline: "refactor.inline",
    RefactorRewrite: "refactor.rewrite",
    Source: "source",
    SourceOrganizeImports: "source.organizeImports",
    SourceFixAll: "source.fixAll",
})) {
    CodeActionKind[k] = new CodeActionKind(v);
}

// Editor tabs: the language client pulls diagnostics for documents visible in a tab.
class TabInputText {
    constructor(uri) {
        this.uri = uri;
    }
}
class TabInputTextDiff {
    constructor(original, modified) {
        this.original = original;
        this.modified = modified;
    }
}
class TabInputCustom {
    constructor(uri, viewType) {
        this.uri = uri;
        this.viewType = viewType;
    }
}
class TabInputNotebook {
    constructor(uri, notebookType) {
        this.uri = uri;
        this.notebookType = notebookType;
    }
}

class ThemeColor {
    constructor(id) {
        this.id = id;
    }
}

// ---- URIs -----------------------------------------------------------------------------------
class Uri {
    constructor(scheme, authority, p, query, fragment) {
        this.scheme = scheme;
        this.authority = authority || "";
        this.path = p || "/";
        this.query = query || "";
        this.fragment = fragment || "";
    }
    static file(fsPath) {
        return new Uri("file", "", path.resolve(fsPath).split(path.sep).join("/"));
    }
    static parse(value) {
        const m = /^([a-zA-Z][\w+.-]*):(\/\/([^/?#]*))?([^?#]*)(\?([^#]*))?(#(.*))?$/.exec(value);
        if (!m) throw new Error(`fake vscode: cannot parse URI ${value}`);
        return new Uri(m[1], m[3], decodeURIComponent(m[4]), m[6], m[8]);
    }
    static joinPath(base, ...parts) {
        return new Uri(base.scheme, base.authority, path.posix.join(base.path, ...parts));
    }
    get fsPath() {
        return this.path;
    }
    with(change) {
        return new Uri(
            change.scheme ?? this.scheme,
            change.authority ?? this.authority,
            change.path ?? this.path,
            change.query ?? this.query,
            change.fragment ?? this.fragment,
        );
    }
    toString() {
        const p = this.path
            .split("/")
            .map((s) => encodeURIComponent(s))
            .join("/");
        return `${this.scheme}://${this.authority}${p}${this.query ? `?${this.query}` : ""}${this.fragment ? `#${this.fragment}` : ""}`;
    }
    toJSON() {
        return { scheme: this.scheme, path: this.path, fsPath: this.fsPath, external: this.toString() };
    }
}

// ---- documents ------------------------------------------------------------------------------
class TextDocument {
    constructor(file, languageId) {
        this.uri = Uri.file(file);
        this.fileName = this.uri.fsPath;
        this.languageId = languageId;
        this.version = 1;
        this.isUntitled = false;
        this.isDirty = false;
        this.isClosed = false;
        this.eol = 1;
        this._text = fs.readFileSync(file, "utf8");
    }
    get lineCount() {
        return this._lines().length;
    }
    _lines() {
        return this._text.split("\n");
    }
    getText(range) {
        if (!range) return this._text;
        return this._text.slice(this.offsetAt(range.start), this.offsetAt(range.end));
    }
    lineAt(lineOrPos) {
        const line = typeof lineOrPos === "number" ? lineOrPos : lineOrPos.line;
        const text = this._lines()[line] ?? "";
        return { lineNumber: line, text, range: new Range(line, 0, line, text.length), isEmptyOrWhitespace: text.trim() === "" };
    }
    offsetAt(pos) {
        const lines = this._lines();
        let offset = 0;
        for (let i = 0; i < pos.line && i < lines.length; i++) offset += lines[i].length + 1;
        return offset + pos.character;
    }
    positionAt(offset) {
        const lines = this._lines();
        let line = 0;
        while (line < lines.length - 1 && offset > lines[line].length) {
            offset -= lines[line].length + 1;
            line++;
        }
        return new Position(line, offset);
    }
    getWordRangeAtPosition() {
        return undefined;
    }
    validateRange(r) {
        return r;
    }
    validatePosition(p) {
        return p;
    }
    save() {
        return Promise.resolve(true);
    }
}

function languageOf(file) {
    return file.endsWith(".md") ? "markdown" : file.endsWith(".txt") ? "plaintext" : "unknown";
}

// ---- the fake editor --------------------------------------------------------------------------
/**
 * Make a fresh `vscode` module. `folder` is the opened workspace folder, `documents` the
 * files open when the extension activates, `settings` the user's settings (full keys such
 * as "sourced.server.path").
 */
function createVscode({ folder, documents = [], settings = {} }) {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "package.json"), "utf8"));
    const defaults = {};
    for (const [key, schema] of Object.entries(pkg.contributes.configuration.properties)) {
        defaults[key] = schema.default;
    }
    const userSettings = { ...settings };

    const onDidOpen = new EventEmitter();
    const onDidClose = new EventEmitter();
    const onDidChange = new EventEmitter();
    const onDidSave = new EventEmitter();
    const onWillSave = new EventEmitter();
    const onDidChangeConfiguration = new EventEmitter();
    const onDidChangeWorkspaceFolders = new EventEmitter();
    const onDidChangeActiveTextEditor = new EventEmitter();
    const onDidChangeVisibleTextEditors = new EventEmitter();
    const onDidChangeTabs = new EventEmitter();

    const textDocuments = documents.map((f) => new TextDocument(f, languageOf(f)));
    const commands = new Map();

    function getConfiguration(section) {
        const prefix = section ? `${section}.` : "";
        const full = (key) => `${prefix}${key}`;
        const lookup = (key) => {
            const k = full(key);
            if (k in userSettings) return userSettings[k];
            if (k in defaults) return defaults[k];
            // A section such as "sourced.severity" asked for as a whole, or "sourced" itself.
            const nested = {};
            let found = false;
            for (const [name, value] of Object.entries({ ...defaults, ...userSettings })) {
                if (name.startsWith(`${k}.`)) {
                    found = true;
                    let node = nested;
                    const parts = name.slice(k.length + 1).split(".");
                    for (const part of parts.slice(0, -1)) node = node[part] ??= {};
                    node[parts[parts.length - 1]] = value;
                }
            }
            return found ? nested : undefined;
        };
        return withStubs("WorkspaceConfiguration", {
            get: (key, def) => {
                const v = lookup(key);
                return v === undefined ? def : v;
            },
            has: (key) => lookup(key) !== undefined,
            inspect: (key) => ({
                key: full(key),
                defaultValue: defaults[full(key)],
                globalValue: userSettings[full(key)],
            }),
            update: () => Promise.resolve(),
        });
    }

    const window = withStubs("window", {
        activeTextEditor: undefined,
        visibleTextEditors: [],
        onDidChangeActiveTextEditor: onDidChangeActiveTextEditor.event,
        onDidChangeVisibleTextEditors: onDidChangeVisibleTextEditors.event,
        // Every open document has a tab in one group, as when the user opened it.
        tabGroups: withStubs("tabGroups", {
            all: [{ isActive: true, viewColumn: 1, tabs: textDocuments.map((d) => ({ label: path.basename(d.fileName), input: new TabInputText(d.uri), isActive: true })) }],
            onDidChangeTabs: onDidChangeTabs.event,
            onDidChangeTabGroups: new EventEmitter().event,
        }),
        createOutputChannel: (name) =>
            withStubs("OutputChannel", {
                name,
                append: (s) => recorded.output.push(s),
                appendLine: (s) => recorded.output.push(s),
                replace: () => {},
                clear: () => {},
                show: () => {},
                hide: () => {},
                dispose: () => {},
                info: (s) => recorded.output.push(s),
                warn: (s) => recorded.output.push(s),
                error: (s) => recorded.output.push(String(s)),
                debug: () => {},
                trace: () => {},
                logLevel: 2,
                onDidChangeLogLevel: new EventEmitter().event,
            }),
        createStatusBarItem: () => {
            const item = { visible: false };
            let text = "";
            Object.defineProperty(item, "text", {
                get: () => text,
                set: (t) => {
                    text = t;
                    recorded.statusTexts.push(t);
                },
            });
            item.show = () => (item.visible = true);
            item.hide = () => (item.visible = false);
            item.dispose = () => {};
            recorded.statusItem = item;
            return item;
        },
        showErrorMessage: (text) => (recorded.messages.push({ level: "error", text }), Promise.resolve(undefined)),
        showWarningMessage: (text) => (recorded.messages.push({ level: "warning", text }), Promise.resolve(undefined)),
        showInformationMessage: (text) => (recorded.messages.push({ level: "information", text }), Promise.resolve(undefined)),
        showQuickPick: (items) =>
            Promise.resolve(items).then((list) => {
                recorded.quickPicks.push(list);
                return list[0];
            }),
        showTextDocument: (doc, options) => {
            recorded.shownDocuments.push({ uri: doc.uri.toString(), selection: options && options.selection });
            return Promise.resolve({ document: doc });
        },
        withProgress: (_options, task) => task({ report: () => {} }, new CancellationTokenSource().token),
    });

    const workspace = withStubs("workspace", {
        workspaceFolders: [{ uri: Uri.file(folder), name: path.basename(folder), index: 0 }],
        textDocuments,
        notebookDocuments: [],
        getConfiguration,
        getWorkspaceFolder: (uri) =>
            uri.fsPath.startsWith(folder) ? { uri: Uri.file(folder), name: path.basename(folder), index: 0 } : undefined,
        onDidOpenTextDocument: onDidOpen.event,
        onDidCloseTextDocument: onDidClose.event,
        onDidChangeTextDocument: onDidChange.event,
        onDidSaveTextDocument: onDidSave.event,
        onWillSaveTextDocument: onWillSave.event,
        onDidChangeConfiguration: onDidChangeConfiguration.event,
        onDidChangeWorkspaceFolders: onDidChangeWorkspaceFolders.event,
        onDidOpenNotebookDocument: new EventEmitter().event,
        onDidCloseNotebookDocument: new EventEmitter().event,
        onDidChangeNotebookDocument: new EventEmitter().event,
        onDidSaveNotebookDocument: new EventEmitter().event,
        createFileSystemWatcher: () =>
            withStubs("FileSystemWatcher", {
                onDidCreate: new EventEmitter().event,
                onDidChange: new EventEmitter().event,
                onDidDelete: new EventEmitter().event,
                dispose: () => {},
            }),
        openTextDocument: (uri) => Promise.resolve(new TextDocument(uri.fsPath, languageOf(uri.fsPath))),
        applyEdit: () => Promise.resolve(true),
        registerTextDocumentContentProvider: (scheme, provider) => {
            recorded.contentProviders.set(scheme, provider);
            return new Disposable(() => recorded.contentProviders.delete(scheme));
        },
    });

    const languages = withStubs("languages", {
        match: (selector, document) => {
            const filters = Array.isArray(selector) ? selector : [selector];
            for (const f of filters) {
                if (typeof f === "string" ? f === document.languageId : (!f.language || f.language === document.languageId) && (!f.scheme || f.scheme === document.uri.scheme)) {
                    return 10;
                }
            }
            return 0;
        },
        createDiagnosticCollection: (name) => {
            const own = new Map();
            return withStubs("DiagnosticCollection", {
                name,
                set: (uri, diagnostics) => {
                    if (Array.isArray(uri)) {
                        for (const [u, d] of uri) {
                            own.set(u.toString(), d || []);
                            recorded.diagnostics.set(u.toString(), d || []);
                        }
                        return;
                    }
                    own.set(uri.toString(), diagnostics || []);
                    recorded.diagnostics.set(uri.toString(), diagnostics || []);
                },
                get: (uri) => own.get(uri.toString()),
                has: (uri) => own.has(uri.toString()),
                delete: (uri) => {
                    own.delete(uri.toString());
                    recorded.diagnostics.delete(uri.toString());
                },
                clear: () => {
                    for (const k of own.keys()) recorded.diagnostics.delete(k);
                    own.clear();
                },
                forEach: (cb) => own.forEach((d, u) => cb(Uri.parse(u), d)),
                dispose: () => {},
            });
        },
    });

    const commandsApi = withStubs("commands", {
        registerCommand: (id, fn) => {
            if (commands.has(id)) {
                // As VS Code does.
                throw new Error(`command '${id}' already exists`);
            }
            commands.set(id, fn);
            return new Disposable(() => commands.delete(id));
        },
        executeCommand: (id, ...args) => {
            const fn = commands.get(id);
            if (fn) return Promise.resolve().then(() => fn(...args));
            recorded.executed.push({ command: id, args });
            return Promise.resolve(undefined);
        },
        getCommands: () => Promise.resolve([...commands.keys()]),
    });

    const vscode = withStubs("vscode", {
        version: "1.82.0",
        env: withStubs("env", { language: "en", appName: "Fake VS Code (sourced tests)", machineId: "test", sessionId: "test", openExternal: () => Promise.resolve(true) }),
        window,
        workspace,
        languages,
        commands: commandsApi,
        Uri,
        Disposable,
        EventEmitter,
        CancellationError,
        CancellationTokenSource,
        Position,
        Range,
        Selection,
        Location,
        Diagnostic,
        DiagnosticSeverity,
        DiagnosticTag,
        MarkdownString,
        CodeActionKind,
        ThemeColor,
        TabInputText,
        TabInputTextDiff,
        TabInputCustom,
        TabInputNotebook,
        StatusBarAlignment: { Left: 1, Right: 2 },
        ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
        TextDocumentSaveReason: { Manual: 1, AfterDelay: 2, FocusOut: 3 },
        ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
        EndOfLine: { LF: 1, CRLF: 2 },
    });

    /** What a user does, as the editor would report it. */
    const user = {
        setActiveEditor(document, line, character) {
            const pos = new Position(line, character);
            const editor = { document, selection: new Selection(pos, pos), selections: [new Selection(pos, pos)], viewColumn: 1 };
            window.activeTextEditor = editor;
            onDidChangeActiveTextEditor.fire(editor);
            return editor;
        },
        changeSettings(changes) {
            Object.assign(userSettings, changes);
            const keys = Object.keys(changes);
            onDidChangeConfiguration.fire({
                affectsConfiguration: (section) => keys.some((k) => k === section || k.startsWith(`${section}.`) || section.startsWith(`${k}.`)),
            });
        },
        runCommand: (id, ...args) => commandsApi.executeCommand(id, ...args),
        commandIds: () => [...commands.keys()],
    };

    return { vscode, recorded, textDocuments, user };
}

module.exports = { createVscode, DiagnosticSeverity };
