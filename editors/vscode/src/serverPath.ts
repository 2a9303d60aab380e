/**
 * Finding the `sourced` binary: the `sourced.server.path` setting, else the binary packaged
 * inside the extension (`server/sourced` in a platform-specific .vsix), else `sourced` on PATH.
 *
 * No `vscode` import: file system and environment only, so it can be unit-tested.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export type ServerLookup =
    | { found: true; path: string; from: "setting" | "packaged" | "PATH" }
    | { found: false; reason: string };

function isExecutableFile(file: string): boolean {
    try {
        const stat = fs.statSync(file);
        if (!stat.isFile()) {
            return false;
        }
        if (process.platform === "win32") {
            return true;
        }
        fs.accessSync(file, fs.constants.X_OK);
        return true;
    } catch {
        return false;
    }
}

/** `~/x` -> home directory + `/x`; other paths unchanged. */
export function expandHome(p: string, home: string = os.homedir()): string {
    if (p === "~") {
        return home;
    }
    if (p.startsWith("~/") || p.startsWith("~\\")) {
        return path.join(home, p.slice(2));
    }
    return p;
}

/** Where a platform-specific .vsix keeps the server, inside the extension's folder. */
export function packagedServer(extensionPath: string, platform: NodeJS.Platform = process.platform): string {
    return path.join(extensionPath, "server", platform === "win32" ? "sourced.exe" : "sourced");
}

/**
 * Where the server binary is. `configured` is the `sourced.server.path` setting (empty
 * when unset), `envPath` the PATH variable, `workspaceRoot` the folder relative
 * setting values are resolved against, and `packaged` the binary shipped inside the
 * extension (absent from a .vsix built without one).
 */
export function findServer(
    configured: string,
    envPath: string | undefined,
    workspaceRoot: string | undefined,
    platform: NodeJS.Platform = process.platform,
    packaged?: string,
): ServerLookup {
    const setting = configured.trim();
    if (setting !== "") {
        let candidate = expandHome(setting);
        if (!path.isAbsolute(candidate) && workspaceRoot) {
            candidate = path.join(workspaceRoot, candidate);
        }
        if (isExecutableFile(candidate)) {
            return { found: true, path: candidate, from: "setting" };
        }
        return {
            found: false,
            reason: `The setting sourced.server.path is "${setting}", but ${candidate} is not an executable file.`,
        };
    }
    if (packaged !== undefined && isExecutableFile(packaged)) {
        return { found: true, path: packaged, from: "packaged" };
    }
    const names = platform === "win32" ? ["sourced.exe", "sourced.cmd", "sourced"] : ["sourced"];
    const separator = platform === "win32" ? ";" : ":";
    for (const dir of (envPath ?? "").split(separator)) {
        if (dir === "") {
            continue;
        }
        for (const name of names) {
            const candidate = path.join(dir, name);
            if (isExecutableFile(candidate)) {
                return { found: true, path: candidate, from: "PATH" };
            }
        }
    }
    return {
        found: false,
        reason: "This extension has no `sourced` program of its own, none was found on PATH, and sourced.server.path is not set.",
    };
}

/** What to tell the user when the binary is missing. */
export const INSTALL_HINT =
    "Install the .vsix made for your platform (it carries the server), or install the server with `cargo install --path .` in a checkout of Sourced (it puts `sourced` in ~/.cargo/bin), " +
    "then make sure that folder is on PATH or set sourced.server.path to the binary.";
