// Bundles the extension into dist/extension.js (one file, vscode left external), and
// with --tests the unit tests into out/unit.test.js.
import * as esbuild from "esbuild";

const production = process.argv.includes("--production");
const tests = process.argv.includes("--tests");

const common = {
    bundle: true,
    platform: "node",
    target: "node18",
    format: "cjs",
    logLevel: "warning",
};

if (tests) {
    await esbuild.build({
        ...common,
        entryPoints: ["test/unit.test.ts"],
        outfile: "out/unit.test.js",
        sourcemap: "inline",
    });
} else {
    await esbuild.build({
        ...common,
        entryPoints: ["src/extension.ts"],
        outfile: "dist/extension.js",
        external: ["vscode"],
        minify: production,
        sourcemap: !production,
    });
}
