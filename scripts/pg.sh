#!/usr/bin/env bash
# A project-local PostgreSQL server for Marsad's tests and development.
#
#   scripts/pg.sh start    install PostgreSQL (Debian package) if missing, init .pgdata/, start, create the
#                          databases, print the test database URL
#   scripts/pg.sh url      print the URL of the test database (MARSAD_TEST_PG_URL)
#   scripts/pg.sh status   say whether the server runs
#   scripts/pg.sh stop     stop the server
#
# Settings (environment): PGDIR (default /tmp/marsad-pg-<checkout hash>), MARSAD_PG_PORT (default 54329),
# MARSAD_PG_DB (default marsad_test). Run as root, the server runs as the `postgres` system user
# (initdb refuses root); the data directory belongs to it. Connections: 127.0.0.1 and a unix socket
# in $PGDIR/run, trust authentication (a local test server, never exposed).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
# outside the work tree by default: the `postgres` user must be able to reach it, which a clone under a
# private home folder does not allow; one folder per checkout
PGDIR="${PGDIR:-${TMPDIR:-/tmp}/marsad-pg-$(printf '%s' "$ROOT" | md5sum | cut -c1-8)}"
PORT="${MARSAD_PG_PORT:-54329}"
DB="${MARSAD_PG_DB:-marsad_test}"
DATA="$PGDIR/data"
RUN="$PGDIR/run"
LOG="$PGDIR/server.log"
ROLE="marsad"

find_bindir() {
    local d
    for d in /usr/lib/postgresql/*/bin; do
        if [[ -x "$d/initdb" && -x "$d/pg_ctl" ]]; then echo "$d"; fi
    done | sort -V | tail -n 1
}

BINDIR="$(find_bindir || true)"

ensure_installed() {
    if [[ -n "$BINDIR" ]]; then return; fi
    if [[ "$(id -u)" -ne 0 ]]; then
        echo "pg.sh: PostgreSQL is not installed and this is not root: apt-get install postgresql" >&2
        exit 1
    fi
    echo "pg.sh: installing PostgreSQL (apt-get install postgresql)" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2 || {
        apt-get update -q >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2
    }
    BINDIR="$(find_bindir)"
}

as_owner() {
    if [[ "$(id -u)" -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

url() {
    echo "postgresql+psycopg://$ROLE@127.0.0.1:$PORT/$DB"
}

running() {
    [[ -n "$BINDIR" && -f "$DATA/PG_VERSION" ]] && as_owner "$BINDIR/pg_ctl" -D "$DATA" status >/dev/null 2>&1
}

psql_q() {
    as_owner "$BINDIR/psql" -h "$RUN" -p "$PORT" -U "$ROLE" -d postgres -v ON_ERROR_STOP=1 -qAtc "$1"
}

start() {
    ensure_installed
    mkdir -p "$PGDIR"
    if [[ "$(id -u)" -eq 0 ]]; then chown postgres: "$PGDIR"; fi
    if [[ ! -f "$DATA/PG_VERSION" ]]; then
        as_owner mkdir -p "$DATA" "$RUN"
        as_owner "$BINDIR/initdb" -D "$DATA" -U "$ROLE" -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    as_owner mkdir -p "$RUN"
    if ! running; then
        as_owner "$BINDIR/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 \
            -o "-p $PORT -k $RUN -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off" start >/dev/null
    fi
    if [[ "$(psql_q "SELECT 1 FROM pg_database WHERE datname='$DB'")" != "1" ]]; then
        psql_q "CREATE DATABASE \"$DB\"" >/dev/null
    fi
    url
}

stop() {
    if running; then
        as_owner "$BINDIR/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null
        echo "pg.sh: stopped" >&2
    else
        echo "pg.sh: not running" >&2
    fi
}

case "${1:-start}" in
    start) start ;;
    stop) stop ;;
    url) url ;;
    status) if running; then echo "running: $(url)"; else echo "stopped"; exit 3; fi ;;
    *) echo "usage: $0 start|stop|url|status" >&2; exit 2 ;;
esac
