#!/usr/bin/env bash
# A throwaway PostgreSQL server for the export tests (tests/test_export.py).
#
#   source scripts/ci_postgres.sh start   # exports FACTS_TEST_POSTGRES_URL
#   make test
#   scripts/ci_postgres.sh stop           # stops the server, deletes its data
#
# or, without sourcing:  eval "$(scripts/ci_postgres.sh start)"
#
# Why a private cluster: CI machines are fresh and the tests must not touch a
# real database. `start` installs PostgreSQL from the distribution's packages
# if no server binaries are found (apt-get, needs root or sudo), creates a
# cluster in a new temporary folder, listening on 127.0.0.1 only, on the first
# free port from $CI_POSTGRES_PORT (default 54329), with a random password,
# and creates the database `facts_test`. initdb refuses to run as root, so as
# root the server runs as the `postgres` user (created if missing).
#
# `stop` finds the cluster through $CI_POSTGRES_DATADIR (exported by a sourced
# `start`) or else the state file /tmp/facts-ci-postgres.state.

_cipg_state_file=${CI_POSTGRES_STATE:-/tmp/facts-ci-postgres.state}

_cipg_say() { printf 'ci_postgres: %s\n' "$*" >&2; }

# Print the folder holding initdb/pg_ctl, newest version first; empty if none.
_cipg_bindir() {
    local dir
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -V -r); do
        if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
            printf '%s\n' "$dir"
            return 0
        fi
    done
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(command -v initdb)"
        return 0
    fi
    if command -v pg_config >/dev/null 2>&1; then
        dir=$(pg_config --bindir 2>/dev/null)
        if [ -x "$dir/initdb" ]; then
            printf '%s\n' "$dir"
            return 0
        fi
    fi
    return 1
}

_cipg_install() {
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
            sudo="sudo -n"
        else
            _cipg_say "PostgreSQL is not installed and installing it needs root (or password-less sudo)"
            return 1
        fi
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        _cipg_say "PostgreSQL is not installed and there is no apt-get; install the server package yourself"
        return 1
    fi
    _cipg_say "installing PostgreSQL with apt-get"
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || return 1
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        postgresql postgresql-client >&2 || return 1
}

# Run a command as the server's user: ourselves, or `postgres` when we are root
# (from /, since that user may not be allowed into the current folder).
_cipg_as_owner() {
    if [ "$(id -u)" -ne 0 ]; then
        "$@"
    elif command -v runuser >/dev/null 2>&1; then
        (cd / && runuser -u "$_cipg_owner" -- "$@")
    else
        (cd / && su -s /bin/sh "$_cipg_owner" -c "$(printf '%q ' "$@")")
    fi
}

_cipg_port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

_cipg_start() {
    local bindir datadir port password url tries
    bindir=$(_cipg_bindir) || { _cipg_install && bindir=$(_cipg_bindir); } || {
        _cipg_say "no PostgreSQL server binaries (initdb, pg_ctl) found"
        return 1
    }
    _cipg_owner=$(id -un)
    if [ "$(id -u)" -eq 0 ]; then
        _cipg_owner=${CI_POSTGRES_OS_USER:-postgres}
        if ! id "$_cipg_owner" >/dev/null 2>&1; then
            useradd --system --no-create-home --shell /usr/sbin/nologin "$_cipg_owner" || return 1
        fi
    fi
    port=${CI_POSTGRES_PORT:-54329}
    tries=0
    while _cipg_port_in_use "$port"; do
        tries=$((tries + 1))
        [ "$tries" -lt 50 ] || { _cipg_say "no free port from ${CI_POSTGRES_PORT:-54329}"; return 1; }
        port=$((port + 1))
    done
    # /tmp, not $TMPDIR: the server's user must be able to reach the folder.
    datadir=$(mktemp -d /tmp/facts-ci-postgres.XXXXXX) || return 1
    password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
    printf '%s\n' "$password" >"$datadir.pw"
    chmod 600 "$datadir.pw"
    if [ "$(id -u)" -eq 0 ]; then
        chown "$_cipg_owner" "$datadir" "$datadir.pw" || return 1
    fi
    _cipg_as_owner "$bindir/initdb" --pgdata="$datadir/data" --username=facts \
        --pwfile="$datadir.pw" --auth-local=trust --auth-host=scram-sha-256 \
        --encoding=UTF8 --no-locale >"$datadir/initdb.log" 2>&1 || {
        _cipg_say "initdb failed:"; cat "$datadir/initdb.log" >&2; return 1
    }
    rm -f "$datadir.pw"
    # Loopback only, our port, the socket in the data folder (the distribution's
    # socket folder may not exist or belong to another cluster); durability off:
    # the data is thrown away.
    cat >>"$datadir/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$datadir/data'
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
    _cipg_as_owner "$bindir/pg_ctl" --pgdata="$datadir/data" --log="$datadir/data/server.log" \
        --wait --timeout=60 start >/dev/null || {
        _cipg_say "the server did not start:"; cat "$datadir/data/server.log" >&2; return 1
    }
    _cipg_as_owner "$bindir/createdb" --host="$datadir/data" --port="$port" --username=facts \
        facts_test || return 1
    url="postgresql+psycopg://facts:$password@127.0.0.1:$port/facts_test"
    printf 'CI_POSTGRES_DATADIR=%q\nCI_POSTGRES_BINDIR=%q\nCI_POSTGRES_OWNER=%q\n' \
        "$datadir" "$bindir" "$_cipg_owner" >"$_cipg_state_file"
    export FACTS_TEST_POSTGRES_URL="$url" CI_POSTGRES_DATADIR="$datadir"
    _cipg_say "PostgreSQL is running on 127.0.0.1:$port (data in $datadir)"
    printf 'export FACTS_TEST_POSTGRES_URL=%q\nexport CI_POSTGRES_DATADIR=%q\n' "$url" "$datadir"
}

_cipg_stop() {
    local datadir=${CI_POSTGRES_DATADIR:-} bindir="" owner=""
    if [ -f "$_cipg_state_file" ]; then
        # shellcheck disable=SC1090
        eval "$(grep -E '^CI_POSTGRES_(DATADIR|BINDIR|OWNER)=' "$_cipg_state_file" \
            | sed 's/^CI_POSTGRES_/local state_/')"
        [ -n "$datadir" ] || datadir=${state_DATADIR:-}
        if [ "$datadir" = "${state_DATADIR:-}" ]; then
            bindir=${state_BINDIR:-}
            owner=${state_OWNER:-}
        fi
    fi
    if [ -z "$datadir" ] || [ ! -d "$datadir" ]; then
        _cipg_say "no throwaway cluster to stop"
        return 0
    fi
    case "$datadir" in
        /tmp/facts-ci-postgres.*) ;;
        *) _cipg_say "refusing to delete $datadir: not a folder made by start"; return 1 ;;
    esac
    [ -n "$bindir" ] || bindir=$(_cipg_bindir) || true
    _cipg_owner=${owner:-$(stat -c %U "$datadir")}
    if [ -f "$datadir/data/postmaster.pid" ] && [ -n "$bindir" ]; then
        _cipg_as_owner "$bindir/pg_ctl" --pgdata="$datadir/data" --mode=fast --wait stop \
            >/dev/null || _cipg_say "pg_ctl stop failed; deleting the folder anyway"
    fi
    rm -rf "$datadir"
    rm -f "$datadir.pw"
    if [ -f "$_cipg_state_file" ] && grep -qF "$datadir" "$_cipg_state_file"; then
        rm -f "$_cipg_state_file"
    fi
    unset CI_POSTGRES_DATADIR FACTS_TEST_POSTGRES_URL
    _cipg_say "stopped and deleted $datadir"
}

_cipg_main() {
    case "${1:-}" in
        start) _cipg_start ;;
        stop) _cipg_stop ;;
        *) _cipg_say "usage: source scripts/ci_postgres.sh start | scripts/ci_postgres.sh stop"; return 2 ;;
    esac
}

if [ "${BASH_SOURCE[0]}" != "$0" ]; then
    # Sourced: run in the caller's shell (so the exports stay), print nothing
    # to stdout, and never `exit` the caller.
    _cipg_main "$@" >/dev/null
else
    set -euo pipefail
    _cipg_main "$@"
fi
