/**
 * Archived sources: evidence the server found in the newsroom archive, when the original
 * file is not on this machine, is a read-only `sourced://archive/ID/NAME` document. VS Code
 * asks the extension for its text, and the extension asks the server with the command
 * `sourced.archiveDocument`.
 *
 * Pure: no `vscode` import. The server answers
 * `{ uri, text, path, title, outlet, date, url }` (all strings but `text` may be null).
 */

/** The URI scheme of archived documents. */
export const ARCHIVE_SCHEME = "sourced";

export interface ArchivedDocument {
    uri: string;
    /** The stored text; ranges the server gives into the document are ranges in it. */
    text: string;
    title: string | null;
    outlet: string | null;
    date: string | null;
    url: string | null;
}

function optionalString(v: unknown): string | null {
    return typeof v === "string" && v.trim() !== "" ? v : null;
}

/** The archived document in a `sourced.archiveDocument` answer, or undefined if it is not one. */
export function parseArchivedDocument(result: unknown): ArchivedDocument | undefined {
    const r = result as Record<string, unknown> | null;
    if (r === null || typeof r !== "object" || typeof r.uri !== "string" || typeof r.text !== "string") {
        return undefined;
    }
    return {
        uri: r.uri,
        text: r.text,
        title: optionalString(r.title),
        outlet: optionalString(r.outlet),
        date: optionalString(r.date),
        url: optionalString(r.url),
    };
}

/** Why an archived document cannot be shown, in words for the reporter. */
export function archivedDocumentProblem(uri: string, reason: string): string {
    return `Sourced: cannot show the archived source ${uri}: ${reason}`;
}
