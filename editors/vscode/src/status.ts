/**
 * The `sourced/status` notification, turned into the status bar item's text.
 *
 * Pure: no `vscode` import. The server sends
 * `{ state: "indexing"|"ready"|"no-corpus"|"error", sources, bytes, percentage, message }`.
 */

export type StatusState = "indexing" | "ready" | "no-corpus" | "error";

export interface StatusParams {
    state: StatusState;
    sources: number;
    bytes: number;
    percentage: number | null;
    message: string;
}

export interface StatusView {
    /** Status bar text, with a `$(codicon)`. */
    text: string;
    tooltip: string;
    /** Whether to draw the item in the error colours. */
    error: boolean;
}

/** A byte count for people: `812 B`, `8.8 KB`, `1.2 MB`. */
export function formatBytes(bytes: number): string {
    if (!Number.isFinite(bytes) || bytes < 0) {
        return "? B";
    }
    const units = ["B", "KB", "MB", "GB", "TB"];
    let value = bytes;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
        value /= 1024;
        unit += 1;
    }
    return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}

function plural(n: number, word: string): string {
    return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** Check a notification's params; anything else yields undefined (and is ignored). */
export function parseStatus(params: unknown): StatusParams | undefined {
    if (params === null || typeof params !== "object") {
        return undefined;
    }
    const p = params as Record<string, unknown>;
    const states: readonly string[] = ["indexing", "ready", "no-corpus", "error"];
    if (typeof p.state !== "string" || !states.includes(p.state)) {
        return undefined;
    }
    return {
        state: p.state as StatusState,
        sources: typeof p.sources === "number" ? p.sources : 0,
        bytes: typeof p.bytes === "number" ? p.bytes : 0,
        percentage: typeof p.percentage === "number" ? p.percentage : null,
        message: typeof p.message === "string" ? p.message : "",
    };
}

export function statusView(status: StatusParams): StatusView {
    const size = `${plural(status.sources, "source")}, ${formatBytes(status.bytes)}`;
    const detail = status.message ? `\n${status.message}` : "";
    switch (status.state) {
        case "indexing": {
            const pct = status.percentage === null ? "" : ` ${Math.round(status.percentage)}%`;
            return {
                text: `$(sync~spin) Sourced: indexing${pct}`,
                tooltip: `Sourced is indexing the story's sources (${size} so far).${detail}`,
                error: false,
            };
        }
        case "ready":
            return {
                text: `$(book) Sourced: ${size}`,
                tooltip: `Sourced checks this draft against ${size} of sources. Click to re-index.${detail}`,
                error: false,
            };
        case "no-corpus":
            return {
                text: "$(circle-slash) Sourced: no sources",
                tooltip:
                    "Sourced found no corpus for this file: add a sources/ folder beside the draft, " +
                    "a sourced.toml with [corpus] paths, or set sourced.corpus.paths." + detail,
                error: false,
            };
        case "error":
            return {
                text: "$(error) Sourced: error",
                tooltip: `Sourced could not index the sources.${detail}`,
                error: true,
            };
    }
}
