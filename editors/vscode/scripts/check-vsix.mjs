#!/usr/bin/env node
// Checks the packaged extension: the .vsix holds the bundled extension (dist/extension.js,
// one file with vscode-languageclient inside, no node_modules), its package.json and README,
// the `sourced` server for its platform (executable, answering --version), and the bundle
// loads and exports activate/deactivate.
//
// usage: node scripts/check-vsix.mjs sourced-linux-x64.vsix linux-x64
// The .vsix is a zip; `python3 -m zipfile` reads it (Python is on every machine that runs
// the tests; Node has no zip reader of its own).
import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import Module from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";

const vsix = process.argv[2];
const target = process.argv[3];
if (!vsix || !target) {
    console.error("usage: node scripts/check-vsix.mjs <file.vsix> <target>");
    process.exit(2);
}
const problems = [];
const dir = mkdtempSync(join(tmpdir(), "sourced-vsix-"));
try {
    execFileSync("python3", ["-m", "zipfile", "-e", vsix, dir], { stdio: "inherit" });
    const listing = execFileSync("python3", ["-m", "zipfile", "-l", vsix], { encoding: "utf8" });
    const server = target.startsWith("win32") ? "extension/server/sourced.exe" : "extension/server/sourced";
    for (const file of ["extension/package.json", "extension/dist/extension.js", "extension/readme.md", "extension.vsixmanifest", server]) {
        if (!listing.includes(file)) {
            problems.push(`${file} is missing from ${vsix}`);
        }
    }
    if (listing.includes("node_modules/")) {
        problems.push(`${vsix} contains node_modules: the extension should be one bundle`);
    }
    const vsixManifest = readFileSync(join(dir, "extension.vsixmanifest"), "utf8");
    if (!vsixManifest.includes(`TargetPlatform="${target}"`)) {
        problems.push(`extension.vsixmanifest does not name the platform ${target}`);
    }
    if (!target.startsWith("win32")) {
        // The zip keeps the Unix mode, which VS Code restores when it installs the .vsix.
        const mode = execFileSync(
            "python3",
            ["-c", "import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).getinfo(sys.argv[2]).external_attr >> 16)", vsix, server],
            { encoding: "utf8" },
        );
        if ((Number(mode) & 0o111) === 0) {
            problems.push(`${server} is not executable in ${vsix} (mode ${Number(mode).toString(8)})`);
        }
        if (target === `${process.platform}-${process.arch}`) {
            chmodSync(join(dir, server), 0o755); // python's zipfile does not restore the mode
            const version = execFileSync(join(dir, server), ["--version"], { encoding: "utf8" }).trim();
            if (!version.startsWith("sourced ")) {
                problems.push(`${server} --version printed ${JSON.stringify(version)}`);
            }
        }
    }
    const manifest = JSON.parse(readFileSync(join(dir, "extension", "package.json"), "utf8"));
    if (manifest.main !== "./dist/extension.js") {
        problems.push(`package.json main is ${manifest.main}, expected ./dist/extension.js`);
    }
    const bundle = readFileSync(join(dir, "extension", "dist", "extension.js"), "utf8");
    if (!bundle.includes("workspace/executeCommand") || !bundle.includes("sourced/status")) {
        problems.push("dist/extension.js does not contain the language client and the sourced/status handler");
    }

    // Load the bundle with a stand-in `vscode` module: it must not need any other module.
    const stub = () =>
        new Proxy(function () {}, {
            get: (_target, prop) => (prop === "prototype" ? {} : stub()),
            apply: () => stub(),
            construct: () => stub(),
        });
    const originalResolve = Module._resolveFilename;
    Module._resolveFilename = function (request, ...rest) {
        return request === "vscode" ? "vscode" : originalResolve.call(this, request, ...rest);
    };
    const require = createRequire(import.meta.url);
    require.cache["vscode"] = { id: "vscode", filename: "vscode", loaded: true, exports: stub() };
    const extension = require(join(dir, "extension", "dist", "extension.js"));
    for (const name of ["activate", "deactivate"]) {
        if (typeof extension[name] !== "function") {
            problems.push(`the bundled extension does not export ${name}()`);
        }
    }
} catch (error) {
    problems.push(`could not check ${vsix}: ${error.stack ?? error}`);
} finally {
    rmSync(dir, { recursive: true, force: true });
}

if (problems.length > 0) {
    console.error(`FAIL: ${problems.join("\nFAIL: ")}`);
    process.exit(1);
}
console.log(`ok: ${vsix} holds the bundled extension, which loads and exports activate/deactivate, and the server for ${target}`);
