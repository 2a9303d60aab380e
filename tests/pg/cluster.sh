#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the archive's tests: created in a temporary folder,
# listening only on a Unix socket in that folder (no TCP port), owned by a non-root user
# when run as root, and removed when stopped. It installs nothing: PostgreSQL's server
# binaries (Debian's `postgresql` package, with `pg_trgm` from its contrib) must be there.
#
#   tests/pg/cluster.sh start [--owner-pid PID]   prints the connection URL on stdout;
#                                                 with --owner-pid, the cluster stops by
#                                                 itself once that process has ended
#   tests/pg/cluster.sh stop DIR                  stops the cluster in DIR and removes DIR
#   tests/pg/cluster.sh down DIR                  stops the server of the cluster in DIR,
#                                                 keeping its data (a database gone away)
#   tests/pg/cluster.sh up DIR                    starts it again
#
# The database is `sourced`, its user the cluster's owner, trusted on the socket only.
set -euo pipefail

die() { echo "cluster.sh: $*" >&2; exit 1; }

bin_dir() {
    if [[ -n "${PG_BIN:-}" ]]; then echo "$PG_BIN"; return; fi
    local d
    for d in /usr/lib/postgresql/*/bin; do
        [[ -x "$d/initdb" ]] && { echo "$d"; return; }
    done
    command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return; }
    die "PostgreSQL's server binaries (initdb, pg_ctl) were not found: install Debian's \`postgresql\` package (apt-get install -y postgresql) or set PG_BIN"
}

# Run a command as the cluster's owner: ourselves, or `postgres` (else `nobody`) as root.
as_owner() {
    if [[ "$(id -u)" != 0 ]]; then "$@"; return; fi
    local user=postgres
    id "$user" >/dev/null 2>&1 || user=nobody
    if command -v runuser >/dev/null 2>&1; then
        runuser -u "$user" -- "$@"
    else
        su -s /bin/sh "$user" -c "$(printf '%q ' "$@")"
    fi
}

owner_name() {
    if [[ "$(id -u)" != 0 ]]; then id -un; elif id postgres >/dev/null 2>&1; then echo postgres; else echo nobody; fi
}

start() {
    local owner_pid=""
    while [[ $# -gt 0 ]]; do
        case "$1" in
            --owner-pid) owner_pid="${2:?--owner-pid needs a process id}"; shift 2 ;;
            *) die "unknown option $1" ;;
        esac
    done
    local bin dir user
    bin="$(bin_dir)"
    dir="$(mktemp -d "${TMPDIR:-/tmp}/sourced-pg.XXXXXX")"
    user="$(owner_name)"
    chmod 700 "$dir"
    [[ "$(id -u)" == 0 ]] && chown "$user" "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -U "$user" --auth=trust --encoding=UTF8 \
        --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; rm -rf "$dir"; die "initdb failed"; }
    serve "$bin" "$dir" || { rm -rf "$dir"; die "the server did not start"; }
    as_owner "$bin/createdb" -h "$dir" -U "$user" sourced \
        || { stop "$dir"; die "createdb failed"; }
    if [[ -n "$owner_pid" ]]; then
        # Stop the cluster once the test process is gone, however it ended.
        (
            trap '' HUP INT
            while kill -0 "$owner_pid" 2>/dev/null; do sleep 1; done
            "$0" stop "$dir" >/dev/null 2>&1
        ) </dev/null >/dev/null 2>&1 &
        disown
    fi
    echo "postgresql://$user@$(urlencode "$dir")/sourced"
}

# Start the server of the cluster in $2 (binaries in $1).
serve() {
    local bin="$1" dir="$2"
    # No TCP at all: the socket in the folder is the only way in.
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
        -o "-c listen_addresses='' -k $dir -c fsync=off -c full_page_writes=off -c synchronous_commit=off" \
        start >/dev/null \
        || { cat "$dir/server.log" >&2; return 1; }
}

down() {
    local dir="${1:?down needs the cluster folder}"
    [[ -d "$dir/data" ]] || die "$dir is not a cluster made by this script"
    as_owner "$(bin_dir)/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
}

up() {
    local dir="${1:?up needs the cluster folder}"
    [[ -d "$dir/data" ]] || die "$dir is not a cluster made by this script"
    serve "$(bin_dir)" "$dir" || die "the server did not start"
}

urlencode() { local s="${1//%/%25}"; echo "${s//\//%2F}"; }

stop() {
    local dir="${1:?stop needs the cluster folder}"
    [[ -d "$dir/data" ]] || die "$dir is not a cluster made by this script"
    local bin
    bin="$(bin_dir)"
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
}

case "${1:-}" in
    start) shift; start "$@" ;;
    stop) shift; stop "$@" ;;
    down) shift; down "$@" ;;
    up) shift; up "$@" ;;
    *) die "usage: cluster.sh start [--owner-pid PID] | stop DIR | down DIR | up DIR" ;;
esac
