// The packaged extension in a real VS Code: code-server (the VS Code workbench and its Node
// extension host) driven by headless Chromium through playwright-core. It installs the
// platform-specific .vsix, opens the sample story and checks what a reporter sees:
//   - the server that runs is the one packaged in the .vsix (no path set, none on PATH);
//   - the Problems panel lists each finding of the story exactly once, with its line and code;
//   - the hover on a quote names the sources that have it;
//   - go to definition on a quote opens the source file at the quote's line;
//   - the quick fix of a finding, applied, removes that finding and only that one;
//   - a sourced.toml saved with an error is shown in the Problems panel at its line and
//     column while the draft's findings stay, and the error goes once the file is mended;
//   - the story folder holds only the reporter's files afterwards (the index is cached
//     in the user's cache folder);
// and keeps screenshots in the output folder.
//
// usage: node test/real-vscode.test.mjs <code-server> <chromium> <file.vsix> <story folder> <output folder>
// Prints PASS/FAIL lines and `vscode: N passed, M failed`; exits 1 when a check failed.
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";

const [codeServer, chromiumPath, vsixArg, storyArg, outArg] = process.argv.slice(2);
if (!outArg) {
    console.error("usage: node test/real-vscode.test.mjs <code-server> <chromium> <file.vsix> <story folder> <output folder>");
    process.exit(2);
}
const vsix = resolve(vsixArg);
const out = resolve(outArg);
mkdirSync(out, { recursive: true });
const TIMEOUT_MS = Number(process.env.SOURCED_VSCODE_TIMEOUT_MS) || 60000;

// The findings of the sample story (tests/fixtures/syria-refugees/expected.md): line and code.
const EXPECTED = [
    [7, "misattributed-quote"],
    [9, "altered-quote"],
    [11, "unsourced-quote"],
    [15, "misspelled-name"],
    [17, "title-mismatch"],
];

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

async function waitFor(probe, timeout = TIMEOUT_MS) {
    const end = Date.now() + timeout;
    for (;;) {
        const value = await probe();
        if (value || Date.now() > end) {
            return value;
        }
        await new Promise((r) => setTimeout(r, 250));
    }
}

function freePort() {
    return new Promise((resolvePort, reject) => {
        const server = createServer();
        server.once("error", reject);
        server.listen(0, "127.0.0.1", () => {
            const { port } = server.address();
            server.close(() => resolvePort(port));
        });
    });
}

// Everything code-server writes goes under one temporary folder, removed at the end.
const home = mkdtempSync(join(tmpdir(), "sourced-vscode-"));
const story = join(home, "story");
// The story as a reporter has it (a cache left in the fixture by older builds is not).
cpSync(resolve(storyArg), story, { recursive: true, filter: (src) => !src.endsWith("/.sourced-cache") });
// Every file and folder of the story, relative to it.
const storyTree = () => readdirSync(story, { recursive: true }).map(String).sort();
const storyBefore = storyTree();
const env = {
    ...process.env,
    XDG_DATA_HOME: join(home, "data"),
    XDG_CONFIG_HOME: join(home, "config"),
    XDG_CACHE_HOME: join(home, "cache"),
    // No `sourced` on PATH: the extension must use the one inside the .vsix.
    PATH: "/usr/local/bin:/usr/bin:/bin",
};
const userData = join(home, "user-data");
const extensions = join(home, "extensions");
mkdirSync(join(userData, "User"), { recursive: true });
writeFileSync(
    join(userData, "User", "settings.json"),
    JSON.stringify({
        "workbench.startupEditor": "none",
        "workbench.tips.enabled": false,
        "workbench.enableExperiments": false,
        "telemetry.telemetryLevel": "off",
        "extensions.autoCheckUpdates": false,
        "extensions.autoUpdate": false,
        "security.workspace.trust.enabled": false,
        "editor.gotoLocation.multipleDefinitions": "goto",
        "editor.hover.delay": 100,
        "chat.disableAIFeatures": true,
    }),
);
const common = ["--user-data-dir", userData, "--extensions-dir", extensions];

let server;
let browser;
let page;
async function shot(name) {
    if (page) {
        await page.screenshot({ path: join(out, `${name}.png`) }).catch(() => {});
    }
}

try {
    const install = spawnSync(codeServer, [...common, "--install-extension", vsix], { env, encoding: "utf8", timeout: TIMEOUT_MS });
    check(
        "the .vsix installs in VS Code (code-server --install-extension)",
        install.status === 0 && /successfully installed/i.test(install.stdout),
        `${install.stdout}${install.stderr}`.trim(),
    );

    const port = await freePort();
    // Its own process group, ended as a whole at the end (code-server, its extension host,
    // the language server).
    server = spawn(
        codeServer,
        [...common, "--bind-addr", `127.0.0.1:${port}`, "--auth", "none", "--disable-telemetry", "--disable-update-check",
            "--disable-workspace-trust", "--disable-getting-started-override", story],
        { env, detached: true, stdio: ["ignore", "pipe", "pipe"] },
    );
    let serverLog = "";
    server.stdout.on("data", (d) => (serverLog += d));
    server.stderr.on("data", (d) => (serverLog += d));
    const listening = await waitFor(async () => /HTTP server listening/.test(serverLog), 30000);
    if (!listening) {
        throw new Error(`code-server did not start:\n${serverLog}`);
    }

    browser = await chromium.launch({
        executablePath: chromiumPath,
        args: process.getuid?.() === 0 ? ["--no-sandbox"] : [],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 1100 } });
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(story)}`);
    await page.waitForSelector(".monaco-workbench", { timeout: TIMEOUT_MS });
    await page.waitForSelector(".explorer-folders-view .monaco-list-row", { timeout: TIMEOUT_MS });

    // Open the draft as a reporter would: Quick Open, its name, Enter.
    const openFile = async (name) => {
        await page.keyboard.press("Control+P");
        await page.waitForSelector(".quick-input-widget input", { state: "visible" });
        await page.keyboard.type(name);
        await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${name}"]`);
        await page.keyboard.press("Enter");
        await page.waitForSelector(`.tab.active[aria-label*="${name}"]`);
        await page.waitForSelector(".monaco-editor .view-lines");
    };
    await openFile("draft.md");

    // The Problems panel, row by row: "<message> ... Ln L, Col C" with the code.
    const problemRows = async () =>
        page.$$eval(".markers-panel .monaco-list-row", (rows) =>
            rows.map((row) => ({ label: row.getAttribute("aria-label") ?? "", text: row.textContent ?? "" })),
        );
    const findings = (rows) =>
        rows
            // A finding's row: "<message> sourced(<code>) [Ln L, Col C]"; the rows of its
            // related information below it have no code.
            .map((r) => /sourced\(?\s*(misattributed-quote|altered-quote|unsourced-quote|misspelled-name|title-mismatch|unattributed-quote)\)?\s*\[Ln (\d+), Col \d+\]/.exec(r.text))
            .filter((m) => m !== null)
            .map((m) => ({ line: Number(m[2]), code: m[1] }))
            .sort((a, b) => a.line - b.line);
    const same = (got, want) =>
        got.length === want.length && got.every((f, i) => f.line === want[i][0] && f.code === want[i][1]);
    const show = (got) => got.map((f) => `${f.line}:${f.code}`).join(", ") || "none";

    await page.keyboard.press("Control+Shift+M");
    await page.waitForSelector(".markers-panel", { state: "visible" });
    let got = await waitFor(async () => {
        const f = findings(await problemRows());
        return same(f, EXPECTED) ? f : false;
    });
    if (!got) {
        got = findings(await problemRows());
    }
    await shot("problems");
    check(
        "the Problems panel lists each of the story's five findings exactly once, with its line and code",
        same(got, EXPECTED),
        `got ${show(got)}; expected ${EXPECTED.map(([l, c]) => `${l}:${c}`).join(", ")}`,
    );
    const badge = await page
        .$eval(".part.panel .composite-bar .action-item.checked .badge-content", (e) => e.textContent ?? "")
        .catch(() => "no badge");
    check("the Problems tab's badge counts 5", badge.trim() === "5", `the badge says ${badge}`);

    // The language server that runs is the one from the .vsix.
    const servers = readdirSync("/proc")
        .filter((p) => /^\d+$/.test(p))
        .map((p) => {
            try {
                const argv = readFileSync(`/proc/${p}/cmdline`, "utf8").split("\0");
                return argv[1] === "lsp" ? readlinkSync(`/proc/${p}/exe`) : null;
            } catch {
                return null;
            }
        })
        .filter((exe) => exe && exe.startsWith(extensions));
    check(
        "the server that runs is the one packaged in the .vsix",
        servers.length === 1 && servers[0].endsWith("/server/sourced"),
        `sourced lsp processes from ${extensions}: ${servers.join(", ") || "none"}`,
    );

    // Put the cursor at line:column of the draft (Go to Line/Column).
    const focusEditor = async (file) => {
        await page.click(`.tab[aria-label*="${file}"]`);
        await page.click(".monaco-editor .view-lines");
    };
    const goTo = async (line, column) => {
        await page.keyboard.press("Control+G");
        await page.waitForSelector(".quick-input-widget input", { state: "visible" });
        await page.keyboard.type(`${line}:${column}`);
        await page.keyboard.press("Enter");
        await page.waitForSelector(".quick-input-widget", { state: "hidden" });
    };
    const cursor = async () => {
        const text = await page.$eval("#status\\.editor\\.selection", (e) => e.textContent ?? "").catch(() => "");
        const m = /Ln (\d+), Col (\d+)/.exec(text);
        return m ? [Number(m[1]), Number(m[2])] : null;
    };

    // Hover on the quote of line 7: the sources that have it.
    await focusEditor("draft.md");
    await goTo(7, 10);
    await page.keyboard.press("Control+K");
    await page.keyboard.press("Control+I");
    const hover = await waitFor(async () => {
        const text = await page.$$eval(".monaco-hover .hover-contents, .monaco-hover .markdown-hover", (els) =>
            els.map((e) => e.textContent ?? "").join("\n"),
        );
        return /afp-wire-rewrite\.txt/.test(text) && /arab-news\.txt/.test(text) ? text : false;
    }, 20000);
    await shot("hover");
    const hoverText =
        hover || (await page.$$eval(".monaco-hover", (els) => els.map((e) => e.textContent ?? "").join("\n")).catch(() => ""));
    check(
        "the hover on a quote names its sources (afp-wire-rewrite.txt and arab-news.txt)",
        Boolean(hover),
        `hover said: ${JSON.stringify(hoverText.slice(0, 400))}`,
    );
    await page.keyboard.press("Escape");

    // Go to definition on the quote of line 9: its source file at the quote's line.
    const afp = readFileSync(join(story, "sources", "afp-wire-rewrite.txt"), "utf8").split("\n");
    const sourceLine = afp.findIndex((l) => l.includes("through a voluntary mechanism")) + 1;
    await goTo(9, 70);
    await page.keyboard.press("F12");
    const opened = await waitFor(async () => {
        const tab = await page.$eval(".tab.active", (e) => e.getAttribute("aria-label") ?? "").catch(() => "");
        const at = await cursor();
        return tab.includes("afp-wire-rewrite.txt") && at && at[0] === sourceLine ? { tab, at } : false;
    }, 20000);
    await shot("definition");
    const tabNow = await page.$eval(".tab.active", (e) => e.getAttribute("aria-label") ?? "").catch(() => "");
    check(
        `go to definition on a quote opens afp-wire-rewrite.txt at line ${sourceLine}`,
        Boolean(opened),
        `active tab ${JSON.stringify(tabNow)}, cursor at ${JSON.stringify(await cursor())}`,
    );

    // The quick fix of the title on line 17, applied from the light bulb menu (Ctrl+.).
    await focusEditor("draft.md");
    await goTo(17, 3);
    await page.keyboard.press("Control+.");
    const action = await waitFor(async () => {
        const items = await page.$$eval(".action-widget .monaco-list-row", (rows) => rows.map((r) => r.textContent ?? ""));
        return items.find((t) => /Russian Defense Minister/.test(t)) ?? false;
    }, 20000);
    await shot("quick-fix-menu");
    check("the quick fix for the wrong title is offered", Boolean(action), "no action naming “Russian Defense Minister”");
    if (action) {
        // Down to the action, Enter: as a reporter does it from the keyboard.
        for (let i = 0; i < 10; i++) {
            const focused = await page.$eval(".action-widget .monaco-list-row.focused", (e) => e.textContent ?? "").catch(() => "");
            if (focused.includes("Russian Defense Minister")) {
                break;
            }
            await page.keyboard.press("ArrowDown");
        }
        await page.keyboard.press("Enter");
    }
    const afterFix = await waitFor(async () => {
        const f = findings(await problemRows());
        return same(f, EXPECTED.filter(([, c]) => c !== "title-mismatch")) ? f : false;
    });
    // The editor draws spaces as no-break spaces.
    const line17 = (
        await page.$$eval(".monaco-editor .view-line", (ls) => ls.map((l) => l.textContent ?? "").find((t) => t.includes("Shoigu")) ?? "")
    ).replace(/\u00a0/g, " ");
    await shot("after-quick-fix");
    check(
        "the applied quick fix corrects the title and removes its finding, and only that one",
        Boolean(afterFix) && line17.includes("Russian Defense Minister Sergei Shoigu"),
        `line: ${JSON.stringify(line17)}; problems now ${show(findings(await problemRows()))}`,
    );

    // A sourced.toml saved with a typo: the Problems panel shows it at its line and
    // column, and the draft keeps its findings (a vanished list would read as a clean
    // draft). Mended, the problem goes.
    const remaining = EXPECTED.filter(([, c]) => c !== "title-mismatch");
    const configRows = (rows) =>
        rows
            .map((r) => /sourced\(?\s*config-error\)?\s*\[Ln (\d+), Col (\d+)\]/.exec(r.text))
            .filter((m) => m !== null)
            .map((m) => ({ line: Number(m[1]), column: Number(m[2]) }));
    const toml = join(story, "sourced.toml");
    writeFileSync(toml, '[corpus]\npaths = ["sources"]\n[check.severity]\nunsourced-quote = "loud"\n');
    const broken = await waitFor(async () => {
        const rows = await problemRows();
        const config = configRows(rows);
        return config.length === 1 && same(findings(rows), remaining) ? { config, rows } : false;
    });
    await shot("broken-sourced-toml");
    const rowsNow = await problemRows();
    check(
        "a sourced.toml saved with an error shows in the Problems panel at line 4, column 19, and the draft keeps its findings",
        Boolean(broken) && broken.config[0].line === 4 && broken.config[0].column === 19,
        `sourced.toml problems ${JSON.stringify(configRows(rowsNow))}; draft problems ${show(findings(rowsNow))}`,
    );
    writeFileSync(toml, '[corpus]\npaths = ["sources"]\n[check.severity]\nunsourced-quote = "error"\n');
    const mended = await waitFor(async () => {
        const rows = await problemRows();
        return configRows(rows).length === 0 && same(findings(rows), remaining) ? rows : false;
    });
    const rowsAfter = await problemRows();
    check(
        "the sourced.toml problem goes once the file is mended, the findings stay",
        Boolean(mended),
        `sourced.toml problems ${JSON.stringify(configRows(rowsAfter))}; draft problems ${show(findings(rowsAfter))}`,
    );
    rmSync(toml);
    await shot("vscode");
} catch (error) {
    await shot("failure");
    check("the real VS Code test ran to its end", false, error.stack ?? String(error));
} finally {
    await browser?.close().catch(() => {});
    if (server?.pid) {
        try {
            process.kill(-server.pid, "SIGTERM");
        } catch {}
        await new Promise((r) => setTimeout(r, 500));
        try {
            process.kill(-server.pid, "SIGKILL");
        } catch {}
    }
    if (existsSync(story)) {
        // After the session (the server has written its index by now): nothing of
        // Sourced's in the story folder.
        const added = storyTree().filter((p) => !storyBefore.includes(p));
        const cached = existsSync(join(home, "cache", "sourced"))
            ? readdirSync(join(home, "cache", "sourced"), { recursive: true }).map(String).filter((p) => p.endsWith(".idx"))
            : [];
        check(
            "the story folder holds only the reporter's files (the index is in the user's cache folder)",
            added.length === 0 && cached.length === 1,
            `new in the story folder: ${JSON.stringify(added)}; index files in the cache folder: ${JSON.stringify(cached)}`,
        );
    }
    rmSync(home, { recursive: true, force: true });
}

console.log(`screenshots in ${out}`);
console.log(`vscode: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
