/**
 * The answer of the server command `sourced.showSources`, checked and labelled for a quick pick.
 *
 * Pure: no `vscode` import. The server returns
 * `[{ uri, range, title: string|null, outlet: string|null, text }]`.
 */

export interface LspPosition {
    line: number;
    character: number;
}

export interface LspRange {
    start: LspPosition;
    end: LspPosition;
}

export interface SourcePassage {
    uri: string;
    range: LspRange;
    title: string | null;
    outlet: string | null;
    text: string;
}

export interface SourceItem {
    label: string;
    description: string;
    detail: string;
    passage: SourcePassage;
}

function isPosition(v: unknown): v is LspPosition {
    const p = v as Record<string, unknown> | null;
    return (
        p !== null &&
        typeof p === "object" &&
        typeof p.line === "number" &&
        typeof p.character === "number" &&
        p.line >= 0 &&
        p.character >= 0
    );
}

function isRange(v: unknown): v is LspRange {
    const r = v as Record<string, unknown> | null;
    return r !== null && typeof r === "object" && isPosition(r.start) && isPosition(r.end);
}

/** The passages in a `sourced.showSources` answer, or undefined if it is not a list of them. */
export function parseSources(result: unknown): SourcePassage[] | undefined {
    if (result === null || result === undefined) {
        return [];
    }
    if (!Array.isArray(result)) {
        return undefined;
    }
    const passages: SourcePassage[] = [];
    for (const entry of result) {
        const e = entry as Record<string, unknown> | null;
        if (e === null || typeof e !== "object" || typeof e.uri !== "string" || !isRange(e.range)) {
            return undefined;
        }
        passages.push({
            uri: e.uri,
            range: e.range,
            title: typeof e.title === "string" && e.title.trim() !== "" ? e.title : null,
            outlet: typeof e.outlet === "string" && e.outlet.trim() !== "" ? e.outlet : null,
            text: typeof e.text === "string" ? e.text : "",
        });
    }
    return passages;
}

/** The last path segment of a URI, decoded: `file:///a/sources/arab-news.txt` -> `arab-news.txt`. */
export function uriBasename(uri: string): string {
    const withoutQuery = uri.split(/[?#]/, 1)[0] ?? uri;
    const segment = withoutQuery.split("/").filter((s) => s !== "").pop() ?? uri;
    try {
        return decodeURIComponent(segment);
    } catch {
        return segment;
    }
}

/** One quick pick entry per passage: the title (or file name), outlet and place, and the passage. */
export function sourceItems(passages: SourcePassage[]): SourceItem[] {
    return passages.map((passage) => {
        const file = uriBasename(passage.uri);
        const place = `${file}:${passage.range.start.line + 1}`;
        return {
            label: passage.title ?? file,
            description: passage.outlet ? `${passage.outlet} · ${place}` : place,
            detail: passage.text.replace(/\s+/g, " ").trim(),
            passage,
        };
    });
}
