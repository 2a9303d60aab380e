// Runs the packaged extension (dist/extension.js) against the real `sourced lsp`, with the
// `vscode` module replaced by test/fake-vscode.cjs (VS Code itself cannot be installed
// where the tests run). It checks what a VS Code user would see:
//   - the server starts for the open draft, and its diagnostics have the codes and lines
//     of the story's expected.md, with no other error or warning;
//   - the status bar shows the corpus size from sourced/status;
//   - "Show the Sources of the Quote under the Cursor" offers the source and opens it;
//   - changing sourced.severity in the settings reaches the server;
//   - "Re-index the Sources" re-indexes;
//   - a sourced://archive document is asked of the server, and its refusal is shown;
//   - without a server binary, a message says what to do and the commands explain it.
//
// usage: node test/extension-host.test.cjs <sourced binary> <story folder> [dist/extension.js]
// Prints PASS/FAIL lines and `vscode-host: N passed, M failed`; exits 1 when a check failed.
"use strict";
const path = require("path");
const Module = require("module");
const { fork } = require("child_process");
const { createVscode } = require("./fake-vscode.cjs");

const [sourced, storyArg, bundleArg, scenario = "server"] = process.argv.slice(2);
const story = path.resolve(storyArg || path.join(__dirname, "..", "..", "..", "tests", "fixtures", "syria-refugees"));
const bundle = path.resolve(bundleArg || path.join(__dirname, "..", "dist", "extension.js"));
const TIMEOUT_MS = Number(process.env.SOURCED_VSCODE_TIMEOUT_MS) || 30000;

let passed = 0;
let failed = 0;
function check(name, ok, detail) {
    if (ok) {
        passed++;
        console.log(`PASS ${name}`);
    } else {
        failed++;
        console.log(`FAIL ${name}${detail ? `: ${detail}` : ""}`);
    }
}

async function waitFor(predicate, timeout = TIMEOUT_MS) {
    const end = Date.now() + timeout;
    while (Date.now() < end) {
        if (predicate()) return true;
        await new Promise((r) => setTimeout(r, 50));
    }
    return predicate();
}

function loadExtension(vscode) {
    const original = Module._resolveFilename;
    Module._resolveFilename = function (request, ...rest) {
        return request === "vscode" ? "vscode" : original.call(this, request, ...rest);
    };
    require.cache.vscode = { id: "vscode", filename: "vscode", loaded: true, exports: vscode };
    return require(bundle);
}

function context() {
    const memento = { get: (_k, d) => d, update: () => Promise.resolve(), keys: () => [] };
    return {
        subscriptions: [],
        extensionPath: path.dirname(path.dirname(bundle)),
        extensionUri: { fsPath: path.dirname(path.dirname(bundle)) },
        globalState: memento,
        workspaceState: memento,
        asAbsolutePath: (p) => path.join(path.dirname(path.dirname(bundle)), p),
        logUri: { fsPath: "/tmp" },
        storageUri: undefined,
        globalStorageUri: { fsPath: "/tmp" },
        environmentVariableCollection: { replace() {}, append() {}, prepend() {}, clear() {} },
    };
}

const codeOf = (d) => (d.code !== null && typeof d.code === "object" ? d.code.value : d.code);
const describe = (diags) =>
    diags.map((d) => `${d.range.start.line + 1}:${codeOf(d)}(${["error", "warning", "info", "hint"][d.severity]})`).join(", ") || "none";

async function serverScenario() {
    const draft = path.join(story, "draft.md");
    const { vscode, recorded, textDocuments, user } = createVscode({
        folder: story,
        documents: [draft],
        settings: { "sourced.server.path": sourced },
    });
    const extension = loadExtension(vscode);
    const draftDoc = textDocuments[0];
    const draftUri = draftDoc.uri.toString();

    let activated = true;
    try {
        await extension.activate(context());
    } catch (error) {
        activated = false;
        check("the extension activates", false, String(error && error.stack));
    }
    if (activated) {
        check(
            "the extension activates and starts the server without an error message",
            recorded.messages.filter((m) => m.level === "error").length === 0,
            JSON.stringify(recorded.messages),
        );
    }
    const ids = user.commandIds();
    const wanted = ["sourced.reindex", "sourced.showSources", "sourced.ignoreFinding", "sourced.addAlias", "sourced.showOutput"];
    check("the server's commands and the extension's are registered", wanted.every((c) => ids.includes(c)), `registered: ${ids.join(", ")}`);

    const expected = [
        [7, "misattributed-quote"],
        [9, "altered-quote"],
        [11, "unsourced-quote"],
        [15, "misspelled-name"],
        [17, "title-mismatch"],
    ];
    const diags = () => recorded.diagnostics.get(draftUri) || [];
    const has = (line, code) => diags().some((d) => d.range.start.line + 1 === line && codeOf(d) === code);
    await waitFor(() => expected.every(([l, c]) => has(l, c)));
    await new Promise((r) => setTimeout(r, 1000)); // let late diagnostics arrive too
    for (const [line, code] of expected) {
        check(`diagnostic ${code} on line ${line}`, has(line, code), `got ${describe(diags())}`);
    }
    const others = diags().filter(
        (d) => d.severity <= 1 && !expected.some(([l, c]) => d.range.start.line + 1 === l && codeOf(d) === c),
    );
    check("no other errors or warnings in the draft", others.length === 0, describe(others));

    await waitFor(() => /Sourced: 3 sources/.test(recorded.statusItem ? recorded.statusItem.text : ""));
    check(
        "the status bar shows the corpus size (sourced/status)",
        /Sourced: 3 sources, [\d.]+ KB/.test(recorded.statusItem ? recorded.statusItem.text : ""),
        `status texts: ${JSON.stringify(recorded.statusTexts)}`,
    );

    // Show the sources of the Mattis quote in line 13.
    const line13 = draftDoc.lineAt(12).text;
    user.setActiveEditor(draftDoc, 12, line13.indexOf("all for re-opening") + 2);
    try {
        await user.runCommand("sourced.showSources");
    } catch (error) {
        recorded.messages.push({ level: "error", text: String(error) });
    }
    const picks = recorded.quickPicks[recorded.quickPicks.length - 1] || [];
    check(
        "Show Sources on the Mattis quote (line 13) offers breitbart.txt",
        picks.some((i) => /breitbart\.txt/.test(i.description)),
        `quick pick: ${JSON.stringify(picks.map((i) => `${i.label} | ${i.description}`))}; messages: ${JSON.stringify(recorded.messages)}`,
    );
    const shown = recorded.shownDocuments[recorded.shownDocuments.length - 1];
    check(
        "picking a source opens it in the editor",
        shown !== undefined && shown.uri.endsWith("/sources/breitbart.txt") && shown.selection !== undefined,
        JSON.stringify(shown),
    );

    // Turning a code off in the settings reaches the server.
    user.changeSettings({ "sourced.severity": { "altered-quote": "off" } });
    await waitFor(() => !has(9, "altered-quote") && has(7, "misattributed-quote"));
    check(
        'setting sourced.severity {"altered-quote": "off"} removes that diagnostic (didChangeConfiguration)',
        !has(9, "altered-quote") && has(7, "misattributed-quote"),
        `got ${describe(diags())}`,
    );

    const before = recorded.statusTexts.length;
    try {
        await user.runCommand("sourced.reindex");
    } catch (error) {
        recorded.messages.push({ level: "error", text: String(error) });
    }
    await waitFor(() => recorded.statusTexts.slice(before).some((t) => /Sourced: 3 sources/.test(t)));
    check(
        "Re-index the Sources re-indexes and the status bar shows the corpus again",
        recorded.statusTexts.slice(before).some((t) => /Sourced: 3 sources/.test(t)),
        `status texts after: ${JSON.stringify(recorded.statusTexts.slice(before))}; messages: ${JSON.stringify(recorded.messages)}`,
    );

    // Archived evidence opens as a sourced:// document whose text the server gives; this
    // story has no archive, so the server's refusal is what the editor shows.
    const provider = recorded.contentProviders.get("sourced");
    let refusal = null;
    let text = null;
    try {
        text = await provider.provideTextDocumentContent(
            vscode.Uri.parse("sourced://archive/1/afp-0720.txt"),
            new vscode.CancellationTokenSource().token,
        );
    } catch (error) {
        refusal = String(error && error.message);
    }
    check(
        "a sourced://archive document is asked of the server, which says no archive is configured",
        provider !== undefined &&
            text === null &&
            refusal === "Sourced: cannot show the archived source sourced://archive/1/afp-0720.txt: no archive is configured",
        `provider: ${provider !== undefined}, text: ${JSON.stringify(text)}, refusal: ${refusal}`,
    );

    let stopped = true;
    try {
        await Promise.race([extension.deactivate(), new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), 10000))]);
    } catch (error) {
        stopped = false;
        check("deactivating stops the server", false, String(error));
    }
    if (stopped) check("deactivating stops the server", true);
    if (process.env.SOURCED_TEST_VERBOSE) {
        console.log(`  stubbed: ${[...recorded.stubbed].filter((n) => !n.includes("()")).join(", ")}`);
        console.log(`  output:\n    ${recorded.output.join("\n    ")}`);
    }
}

async function missingScenario() {
    const { vscode, recorded, user } = createVscode({
        folder: story,
        documents: [path.join(story, "draft.md")],
        settings: { "sourced.server.path": "/nonexistent/bin/sourced" },
    });
    const extension = loadExtension(vscode);
    await extension.activate(context());
    const errors = recorded.messages.filter((m) => m.level === "error");
    check(
        "without the server binary, an error says what to do (install it or set sourced.server.path)",
        errors.length === 1 && /sourced\.server\.path/.test(errors[0].text) && /cargo install/.test(errors[0].text),
        JSON.stringify(recorded.messages),
    );
    check(
        "... and the status bar says there is no server",
        /no server/.test(recorded.statusItem ? recorded.statusItem.text : ""),
        recorded.statusItem && recorded.statusItem.text,
    );
    let threw = null;
    try {
        await user.runCommand("sourced.reindex");
    } catch (error) {
        threw = error;
    }
    check(
        "... and running a command repeats the explanation instead of failing",
        threw === null && recorded.messages.filter((m) => m.level === "error").length === 2,
        threw ? String(threw) : JSON.stringify(recorded.messages),
    );
    await extension.deactivate();
}

async function main() {
    if (scenario === "missing") {
        await missingScenario();
        process.send && process.send({ passed, failed });
        return;
    }
    await serverScenario();
    // The second scenario needs a fresh extension host: a child process.
    const child = fork(__filename, [sourced, story, bundle, "missing"], { stdio: "inherit" });
    const result = await new Promise((resolve) => {
        let got = null;
        child.on("message", (m) => (got = m));
        child.on("exit", (code) => resolve(got || { passed: 0, failed: 1, code }));
    });
    if (result.code !== undefined) {
        check("the no-server scenario ran", false, `exit code ${result.code}`);
    }
    passed += result.passed;
    failed += result.failed;
    console.log(`vscode-host: ${passed} passed, ${failed} failed`);
    process.exit(failed === 0 ? 0 : 1);
}

main().catch((error) => {
    console.log(`FAIL the test itself crashed: ${error && error.stack}`);
    console.log(`vscode-host: ${passed} passed, ${failed + 1} failed`);
    process.exit(1);
});
