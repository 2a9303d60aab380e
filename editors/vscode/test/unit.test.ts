// Unit tests of the extension's pure parts, run with `node --test` after esbuild bundles them.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { test } from "node:test";

import { findServer, packagedServer } from "../src/serverPath";
import { serverSettings, Inspected } from "../src/settings";
import { archivedDocumentProblem, parseArchivedDocument } from "../src/archived";
import { parseSources, sourceItems } from "../src/sources";
import { formatBytes, parseStatus, statusView } from "../src/status";

function inspector(values: Record<string, Inspected<unknown>>) {
    return (key: string) => values[key];
}

test("settings the user did not set are not sent, so sourced.toml keeps its say", () => {
    const { settings, problems } = serverSettings(inspector({}));
    assert.deepEqual(settings, {});
    assert.deepEqual(problems, []);
});

test("explicit settings map onto the server's settings object, folder over workspace over user", () => {
    const { settings, problems } = serverSettings(
        inspector({
            "corpus.paths": { globalValue: ["/global"], workspaceValue: ["sources", "wire"] },
            debounceMs: { globalValue: 300 },
            severity: { workspaceValue: { "altered-quote": "error" }, workspaceFolderValue: { "unattributed-quote": "off" } },
        }),
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(settings, {
        corpus: { paths: ["sources", "wire"] },
        debounceMs: 300,
        severity: { "unattributed-quote": "off" },
    });
});

test("settings of the wrong shape are reported and left out", () => {
    const { settings, problems } = serverSettings(
        inspector({
            "corpus.paths": { globalValue: "sources" },
            debounceMs: { globalValue: 20000 },
            severity: { globalValue: { "altered-quote": "loud", "made-up-code": "error", "title-mismatch": "hint" } },
        }),
    );
    assert.deepEqual(settings, { severity: { "title-mismatch": "hint" } });
    assert.deepEqual(
        problems.map((p) => p.key),
        ["sourced.corpus.paths", "sourced.debounceMs", "sourced.severity.altered-quote", "sourced.severity.made-up-code"],
    );
});

test("status: indexing shows progress, ready shows the corpus size, error is flagged", () => {
    const indexing = parseStatus({ state: "indexing", sources: 2, bytes: 4000, percentage: 66.6, message: "" });
    assert.ok(indexing);
    assert.equal(statusView(indexing).text, "$(sync~spin) Sourced: indexing 67%");
    const ready = parseStatus({ state: "ready", sources: 3, bytes: 8826, percentage: null, message: "3 sources" });
    assert.ok(ready);
    assert.equal(statusView(ready).text, "$(book) Sourced: 3 sources, 8.6 KB");
    assert.equal(statusView(ready).error, false);
    const one = parseStatus({ state: "ready", sources: 1, bytes: 12, percentage: null, message: "" });
    assert.ok(one);
    assert.equal(statusView(one).text, "$(book) Sourced: 1 source, 12 B");
    const error = parseStatus({ state: "error", sources: 0, bytes: 0, percentage: null, message: "cannot read sources/x.txt" });
    assert.ok(error);
    assert.equal(statusView(error).error, true);
    assert.match(statusView(error).tooltip, /cannot read sources\/x\.txt/);
    assert.equal(parseStatus({ state: "sleeping" }), undefined);
    assert.equal(parseStatus(null), undefined);
    assert.equal(formatBytes(3 * 1024 * 1024), "3.0 MB");
});

test("showSources answers become quick pick items; malformed answers are rejected", () => {
    const range = { start: { line: 4, character: 0 }, end: { line: 4, character: 20 } };
    const passages = parseSources([
        { uri: "file:///story/sources/arab-news.txt", range, title: "Russia asks US", outlet: "Arab News", text: "“Specific\n proposals”" },
        { uri: "file:///story/sources/wire%20copy.txt", range, title: null, outlet: null, text: "x" },
    ]);
    assert.ok(passages);
    const items = sourceItems(passages);
    assert.equal(items[0]?.label, "Russia asks US");
    assert.equal(items[0]?.description, "Arab News · arab-news.txt:5");
    assert.equal(items[0]?.detail, "“Specific proposals”");
    assert.equal(items[1]?.label, "wire copy.txt");
    assert.equal(items[1]?.description, "wire copy.txt:5");
    assert.deepEqual(parseSources(null), []);
    assert.equal(parseSources({ uri: "x" }), undefined);
    assert.equal(parseSources([{ uri: "file:///a", range: { start: { line: -1, character: 0 }, end: range.end } }]), undefined);
});

test("the server is found through the setting, else inside the extension, else on PATH, else a reason is given", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sourced-path-"));
    const bin = path.join(dir, "sourced");
    fs.writeFileSync(bin, "#!/bin/sh\n");
    fs.chmodSync(bin, 0o755);
    const notExecutable = path.join(dir, "plain");
    fs.writeFileSync(notExecutable, "");
    fs.chmodSync(notExecutable, 0o644);

    assert.deepEqual(findServer("", `/nonexistent:${dir}`, undefined, "linux"), { found: true, path: bin, from: "PATH" });
    assert.deepEqual(findServer(bin, "", undefined, "linux"), { found: true, path: bin, from: "setting" });
    assert.deepEqual(findServer("sourced", "", dir, "linux"), { found: true, path: bin, from: "setting" });
    // The binary packaged in the extension wins over PATH, and the setting wins over both.
    const extension = fs.mkdtempSync(path.join(os.tmpdir(), "sourced-extension-"));
    const packaged = packagedServer(extension, "linux");
    assert.equal(packaged, path.join(extension, "server", "sourced"));
    assert.deepEqual(findServer("", dir, undefined, "linux", packaged), { found: true, path: bin, from: "PATH" });
    fs.mkdirSync(path.dirname(packaged));
    fs.writeFileSync(packaged, "#!/bin/sh\n");
    fs.chmodSync(packaged, 0o755);
    assert.deepEqual(findServer("", dir, undefined, "linux", packaged), { found: true, path: packaged, from: "packaged" });
    assert.deepEqual(findServer(bin, dir, undefined, "linux", packaged), { found: true, path: bin, from: "setting" });
    fs.rmSync(extension, { recursive: true, force: true });
    const missing = findServer("", "/nonexistent", undefined, "linux");
    assert.equal(missing.found, false);
    const bad = findServer(notExecutable, dir, undefined, "linux");
    assert.equal(bad.found, false);
    if (!bad.found) {
        assert.match(bad.reason, /is not an executable file/);
    }
    fs.rmSync(dir, { recursive: true, force: true });
});

test("an archived document answer gives its text, with empty metadata as null", () => {
    const doc = parseArchivedDocument({
        uri: "sourced://archive/12/afp-0720.txt",
        text: "Line one.\nLine two.",
        path: "/archive/2018/afp-0720.txt",
        title: "Russia sends refugee plan",
        outlet: "AFP",
        date: "",
        url: null,
    });
    assert.deepEqual(doc, {
        uri: "sourced://archive/12/afp-0720.txt",
        text: "Line one.\nLine two.",
        title: "Russia sends refugee plan",
        outlet: "AFP",
        date: null,
        url: null,
    });
});

test("an answer without a text is not an archived document", () => {
    assert.equal(parseArchivedDocument(null), undefined);
    assert.equal(parseArchivedDocument([]), undefined);
    assert.equal(parseArchivedDocument({ uri: "sourced://archive/1/a.txt" }), undefined);
    assert.equal(parseArchivedDocument({ uri: "sourced://archive/1/a.txt", text: 3 }), undefined);
    assert.equal(
        archivedDocumentProblem("sourced://archive/1/a.txt", "no archive is configured"),
        "Sourced: cannot show the archived source sourced://archive/1/a.txt: no archive is configured",
    );
});
