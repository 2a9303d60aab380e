#!/usr/bin/env bash
# Short fuzzing run of every target, for CI: builds the targets with cargo fuzz and runs
# each one for FUZZ_SECONDS (default 25). Exits non-zero when a target crashes, hangs
# (an input taking over 10 s) or goes over 2 GB of memory; the failing input is saved
# under fuzz/artifacts/<target>/ (see fuzz/README.md for how to replay it).
#
#   bash fuzz/smoke.sh                  # all targets, 25 s each
#   FUZZ_SECONDS=300 bash fuzz/smoke.sh analyze
#   FUZZ_SANITIZER=address bash fuzz/smoke.sh   # ASan (needs nightly features: uses RUSTC_BOOTSTRAP)
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${FUZZ_SECONDS:-25}"
sanitizer="${FUZZ_SANITIZER:-none}"

if ! command -v cargo-fuzz >/dev/null 2>&1; then
    echo "fuzz/smoke.sh: installing cargo-fuzz from crates.io"
    cargo install cargo-fuzz --locked --version '^0.13'
fi

# libFuzzer's instrumentation flags work on stable; sanitizers need -Z flags.
if [ "$sanitizer" != "none" ]; then
    export RUSTC_BOOTSTRAP=1
fi

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    mapfile -t targets < <(cargo fuzz list)
fi

# Seed the corpora with real news text (the test fixtures), so the fuzzer starts from
# quotes and attributions rather than from nothing. Corpora live in fuzz/corpus/ (ignored
# by git) and grow across runs on the same machine.
seed() {
    local target="$1" dir="fuzz/corpus/$1"
    mkdir -p "$dir"
    local f i=0
    for f in tests/fixtures/*/*.md tests/fixtures/*/*.txt tests/fixtures/*/sources/*; do
        [ -f "$f" ] || continue
        i=$((i + 1))
        case "$target" in
            analyze)
                # First byte picks the format: 0 plain, 1 Markdown.
                case "$f" in
                    *.md) { printf '\001'; cat "$f"; } > "$dir/seed-$i" ;;
                    *) { printf '\000'; cat "$f"; } > "$dir/seed-$i" ;;
                esac
                ;;
            normalize) cp "$f" "$dir/seed-$i" ;;
        esac
    done
    if [ "$target" = check ]; then
        # A draft and its sources, separated by U+001E.
        local story
        for story in tests/fixtures/*/; do
            [ -f "$story/draft.md" ] || continue
            i=$((i + 1))
            {
                cat "$story/draft.md"
                for f in "$story"/sources/*; do printf '\036'; cat "$f"; done
            } > "$dir/seed-$i"
        done
    fi
    if [ "$target" = lsp_framing ]; then
        # First byte seeds the read sizes; then the bytes of the wire.
        local msgs=(
            '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}'
            '{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///d.md","version":2},"contentChanges":[{"range":{"start":{"line":0,"character":1},"end":{"line":0,"character":1}},"text":"\u201c"}]}}'
            '{"jsonrpc":"2.0","id":"x","result":null}'
            '{"jsonrpc":"2.0","id":3,"method":"hover","params":3}'
            '{not json'
        )
        local m n=0
        printf '\001' > "$dir/seed-all"
        for m in "${msgs[@]}"; do
            n=$((n + 1))
            printf '\007Content-Length: %d\r\n\r\n%s' "${#m}" "$m" > "$dir/seed-msg-$n"
            printf 'Content-Length: %d\r\n\r\n%s' "${#m}" "$m" >> "$dir/seed-all"
        done
    fi
}

status=0
for target in "${targets[@]}"; do
    seed "$target"
    echo "fuzz/smoke.sh: $target for ${seconds}s (sanitizer: $sanitizer)"
    mkdir -p fuzz/artifacts
    log="fuzz/artifacts/$target.log"
    extra=()
    if [ -f "fuzz/dict/$target.dict" ]; then
        extra+=("-dict=fuzz/dict/$target.dict")
    fi
    if cargo fuzz run --sanitizer "$sanitizer" "$target" -- "${extra[@]}" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -print_final_stats=1 >"$log" 2>&1; then
        grep -E '^(Done|stat::number_of_executed_units|stat::peak_rss_mb)' "$log" || true
    else
        tail -n 40 "$log"
        echo "fuzz/smoke.sh: $target FAILED (log: $log; input saved under fuzz/artifacts/$target/)"
        status=1
    fi
done
exit $status
