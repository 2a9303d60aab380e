/**
 * The extension's settings, as the Sourced server expects them.
 *
 * Pure: no `vscode` import, so it can be unit-tested under plain Node. The server's
 * settings object (see `sourced lsp --settings-schema`) is
 * `{ corpus: { paths }, debounceMs, severity: { <code>: <level> } }`, and any value the
 * client sends overrides the story's sourced.toml. So only values the user has set
 * explicitly are sent: a default copied from package.json would silently override the
 * corpus paths a story folder declares in its sourced.toml.
 */
import pkg from "../package.json";

/** What `WorkspaceConfiguration.inspect` tells about one setting (the fields we use). */
export interface Inspected<T> {
    globalValue?: T;
    workspaceValue?: T;
    workspaceFolderValue?: T;
}

/** Reads one setting below the `sourced.` section. */
export type Inspect = (key: string) => Inspected<unknown> | undefined;

/**
 * The finding codes and levels come from package.json's `sourced.severity` setting, which
 * scripts/check-contract.mjs compares with the server's own schema: one list to keep.
 */
const severitySchema = pkg.contributes.configuration.properties["sourced.severity"];
export const FINDING_CODES: readonly string[] = Object.keys(severitySchema.properties);
export const SEVERITY_LEVELS: readonly string[] = severitySchema.properties["misattributed-quote"].enum;
export const MAX_DEBOUNCE_MS: number = pkg.contributes.configuration.properties["sourced.debounceMs"].maximum;

export interface ServerSettings {
    corpus?: { paths: string[] };
    debounceMs?: number;
    severity?: Record<string, string>;
}

/** A problem with a setting's value, to show to the user. */
export interface SettingProblem {
    key: string;
    message: string;
}

/** The most specific value the user set, or undefined when only the default applies. */
export function explicitValue<T>(inspected: Inspected<T> | undefined): T | undefined {
    if (!inspected) {
        return undefined;
    }
    if (inspected.workspaceFolderValue !== undefined) {
        return inspected.workspaceFolderValue;
    }
    if (inspected.workspaceValue !== undefined) {
        return inspected.workspaceValue;
    }
    return inspected.globalValue;
}

/**
 * Build the settings object sent as `initializationOptions` and in
 * `workspace/didChangeConfiguration` (under the key `sourced`). Values of the wrong
 * shape are left out and reported, never passed on.
 */
export function serverSettings(inspect: Inspect): { settings: ServerSettings; problems: SettingProblem[] } {
    const settings: ServerSettings = {};
    const problems: SettingProblem[] = [];

    const paths = explicitValue(inspect("corpus.paths"));
    if (paths !== undefined) {
        if (Array.isArray(paths) && paths.every((p) => typeof p === "string")) {
            settings.corpus = { paths: paths.filter((p) => p.trim() !== "") };
        } else {
            problems.push({ key: "sourced.corpus.paths", message: "must be a list of file or folder paths" });
        }
    }

    const debounce = explicitValue(inspect("debounceMs"));
    if (debounce !== undefined) {
        if (typeof debounce === "number" && Number.isFinite(debounce) && debounce >= 0 && debounce <= MAX_DEBOUNCE_MS) {
            settings.debounceMs = debounce;
        } else {
            problems.push({ key: "sourced.debounceMs", message: `must be a number of milliseconds from 0 to ${MAX_DEBOUNCE_MS}` });
        }
    }

    const severity = explicitValue(inspect("severity"));
    if (severity !== undefined) {
        if (severity !== null && typeof severity === "object" && !Array.isArray(severity)) {
            const levels: Record<string, string> = {};
            for (const [code, level] of Object.entries(severity as Record<string, unknown>)) {
                if (!FINDING_CODES.includes(code)) {
                    problems.push({
                        key: `sourced.severity.${code}`,
                        message: `unknown finding code; known codes: ${FINDING_CODES.join(", ")}`,
                    });
                } else if (typeof level !== "string" || !SEVERITY_LEVELS.includes(level)) {
                    problems.push({
                        key: `sourced.severity.${code}`,
                        message: `must be one of ${SEVERITY_LEVELS.join(", ")}`,
                    });
                } else {
                    levels[code] = level;
                }
            }
            settings.severity = levels;
        } else {
            problems.push({ key: "sourced.severity", message: "must be an object mapping finding codes to levels" });
        }
    }

    return { settings, problems };
}
