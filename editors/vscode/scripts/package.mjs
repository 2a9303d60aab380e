#!/usr/bin/env node
// Packages the extension for one platform, with the `sourced` server inside: the one file
// a VS Code user installs.
//
// usage: node scripts/package.mjs --server PATH [--target TARGET] [--out FILE]
//
// PATH is the `sourced` binary built for TARGET (for a release: `cargo build --release`,
// then target/release/sourced). TARGET is a VS Code platform such as linux-x64,
// linux-arm64, darwin-arm64 or win32-x64; the default is the machine's own. The .vsix is
// written to FILE, by default sourced-TARGET.vsix. The extension uses the packaged server
// unless `sourced.server.path` is set.
import { execFileSync } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdirSync, rmSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

function usage(message) {
    console.error(`${message}\nusage: node scripts/package.mjs --server PATH [--target TARGET] [--out FILE]`);
    process.exit(2);
}

const args = process.argv.slice(2);
const options = {};
for (let i = 0; i < args.length; i += 2) {
    const [key, value] = [args[i], args[i + 1]];
    if (!["--server", "--target", "--out"].includes(key) || value === undefined) {
        usage(`unknown or incomplete option: ${key}`);
    }
    options[key.slice(2)] = value;
}
if (!options.server) {
    usage("--server is required: the sourced binary to put inside the extension");
}
const server = resolve(options.server);
if (!existsSync(server) || !statSync(server).isFile()) {
    usage(`${server} is not a file`);
}
const target = options.target ?? `${process.platform}-${process.arch}`;
const known = ["win32-x64", "win32-arm64", "linux-x64", "linux-arm64", "linux-armhf", "alpine-x64", "alpine-arm64", "darwin-x64", "darwin-arm64"];
if (!known.includes(target)) {
    usage(`unknown target ${target}; one of ${known.join(", ")}`);
}
const out = resolve(options.out ?? `sourced-${target}.vsix`);

const dir = join(root, "server");
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir);
const inside = join(dir, target.startsWith("win32") ? "sourced.exe" : "sourced");
try {
    copyFileSync(server, inside);
    chmodSync(inside, 0o755);
    const vsce = join(root, "node_modules", ".bin", process.platform === "win32" ? "vsce.cmd" : "vsce");
    execFileSync(
        vsce,
        ["package", "--target", target, "--no-dependencies", "--allow-missing-repository", "--out", out],
        { cwd: root, stdio: "inherit" },
    );
} finally {
    rmSync(dir, { recursive: true, force: true });
}
console.log(`packaged ${out} for ${target} with ${server} inside`);
