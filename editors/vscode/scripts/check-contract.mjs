#!/usr/bin/env node
// Checks that the settings and commands package.json contributes are the server's:
// runs `<sourced> lsp --settings-schema`, which prints
//   {"settings": <JSON schema of the settings object>, "commands": [<command ids>]}
// and compares it with contributes.configuration and contributes.commands.
//
// usage: node scripts/check-contract.mjs <path to sourced binary>
// Exit 0 when they match; otherwise every mismatch is printed and the exit code is 1.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";

// Settings and commands that belong to the extension alone, not to the server.
const CLIENT_SETTINGS = new Set(["sourced.server.path", "sourced.trace.server"]);
const CLIENT_COMMANDS = new Set(["sourced.showOutput"]);

const here = dirname(fileURLToPath(import.meta.url));
const pkg = JSON.parse(readFileSync(join(here, "..", "package.json"), "utf8"));
const binary = process.argv[2] ?? process.env.SOURCED_BIN;
if (!binary) {
    console.error("usage: node scripts/check-contract.mjs <path to the sourced binary>");
    process.exit(2);
}

let raw;
try {
    raw = execFileSync(binary, ["lsp", "--settings-schema"], { encoding: "utf8", timeout: 30000 });
} catch (error) {
    console.error(`FAIL: \`${binary} lsp --settings-schema\` did not run: ${error.message}`);
    process.exit(1);
}
let server;
try {
    server = JSON.parse(raw);
} catch (error) {
    console.error(`FAIL: \`${binary} lsp --settings-schema\` did not print JSON (${error.message}):\n${raw.slice(0, 500)}`);
    process.exit(1);
}

const problems = [];
const fail = (message) => problems.push(message);

if (server === null || typeof server !== "object" || typeof server.settings !== "object" || !Array.isArray(server.commands)) {
    console.error(`FAIL: expected {"settings": {...}, "commands": [...]}, got:\n${raw.slice(0, 500)}`);
    process.exit(1);
}

const contributed = pkg.contributes?.configuration?.properties ?? {};
const used = new Set();

function types(schema) {
    const t = schema?.type;
    const list = t === undefined ? [] : Array.isArray(t) ? t : [t];
    return list.filter((x) => x !== "null").sort();
}

function withoutNull(values) {
    return (values ?? []).filter((v) => v !== null).map((v) => JSON.stringify(v)).sort();
}

function isEmpty(v) {
    return (Array.isArray(v) && v.length === 0) || (v !== null && typeof v === "object" && Object.keys(v).length === 0);
}

// The server's schema for `name` against the schema VS Code gets for it.
function compare(name, s, c) {
    if (!isDeepStrictEqual(types(s), types(c))) {
        fail(`${name}: the server's type is ${JSON.stringify(s.type)}, package.json says ${JSON.stringify(c.type)}`);
    }
    if (s.enum !== undefined && !isDeepStrictEqual(withoutNull(s.enum), withoutNull(c.enum))) {
        fail(`${name}: the server allows ${JSON.stringify(s.enum)}, package.json ${JSON.stringify(c.enum)}`);
    }
    for (const bound of ["minimum", "maximum"]) {
        if (s[bound] !== undefined && s[bound] !== c[bound]) {
            fail(`${name}: the server's ${bound} is ${s[bound]}, package.json's ${c[bound]}`);
        }
    }
    // An empty list or map in package.json means "not set" (the server decides); other defaults must agree.
    if (s.default !== undefined && c.default !== undefined && !isEmpty(c.default) && !isDeepStrictEqual(s.default, c.default)) {
        fail(`${name}: the server's default is ${JSON.stringify(s.default)}, package.json's ${JSON.stringify(c.default)}`);
    }
    if (s.items !== undefined) {
        if (c.items === undefined) {
            fail(`${name}: the server describes its items, package.json does not`);
        } else {
            compare(`${name}[]`, s.items, c.items);
        }
    }
    if (types(s).includes("object")) {
        const sProps = s.properties ?? {};
        const cProps = c.properties ?? {};
        const valueSchema = typeof s.additionalProperties === "object" ? s.additionalProperties : undefined;
        // Keys the server knows: its properties, or for a map the names its propertyNames allow.
        const sKeys = new Set(Object.keys(sProps));
        for (const key of s.propertyNames?.enum ?? []) {
            sKeys.add(key);
        }
        for (const key of sKeys) {
            if (!(key in cProps)) {
                fail(`${name}: the server knows "${key}", package.json does not`);
            }
        }
        for (const [key, cSchema] of Object.entries(cProps)) {
            const sSchema = sProps[key] ?? valueSchema;
            if (sSchema === undefined || (sKeys.size > 0 && !sKeys.has(key))) {
                fail(`${name}: package.json has "${key}", which the server does not know`);
            } else {
                compare(`${name}.${key}`, sSchema, cSchema);
            }
        }
        if (valueSchema !== undefined && c.additionalProperties !== undefined && typeof c.additionalProperties === "object") {
            compare(`${name}.*`, valueSchema, c.additionalProperties);
        }
    }
}

// Walk the server's settings: each leaf, or an object VS Code contributes whole, needs a setting.
function walk(path, s) {
    const key = `sourced.${path}`;
    if (key in contributed) {
        used.add(key);
        compare(key, s, contributed[key]);
        return;
    }
    if (types(s).includes("object") && s.properties && Object.keys(s.properties).length > 0) {
        for (const [child, schema] of Object.entries(s.properties)) {
            walk(`${path}.${child}`, schema);
        }
        return;
    }
    fail(`the server setting "${path}" has no VS Code setting ${key}`);
}

const rootProps = server.settings.properties ?? {};
if (Object.keys(rootProps).length === 0) {
    fail("the server's settings schema has no properties");
}
for (const [key, schema] of Object.entries(rootProps)) {
    walk(key, schema);
}
for (const key of Object.keys(contributed)) {
    if (!used.has(key) && !CLIENT_SETTINGS.has(key)) {
        fail(`package.json contributes ${key}, which is not a server setting`);
    }
}

const serverCommands = new Set(server.commands);
const ourCommands = new Set((pkg.contributes?.commands ?? []).map((c) => c.command).filter((c) => !CLIENT_COMMANDS.has(c)));
for (const command of serverCommands) {
    if (!ourCommands.has(command)) {
        fail(`the server command ${command} is not contributed in package.json`);
    }
}
for (const command of ourCommands) {
    if (!serverCommands.has(command)) {
        fail(`package.json contributes the command ${command}, which the server does not provide`);
    }
}

if (problems.length > 0) {
    console.error(`FAIL: package.json does not match \`sourced lsp --settings-schema\`:`);
    for (const p of problems) {
        console.error(`  - ${p}`);
    }
    process.exit(1);
}
console.log(
    `ok: ${used.size} settings and ${serverCommands.size} commands in package.json match the server's ` +
        `(${[...used].join(", ")}; ${[...serverCommands].join(", ")})`,
);
