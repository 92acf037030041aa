#!/usr/bin/env bash
# Runs a command against a private, throw-away PostgreSQL cluster:
#
#   tests/pg/with-postgres.sh <command…>
#
# initdb into a temporary directory, start the server on a free loopback port (a Unix socket in
# the same directory, nothing on other interfaces), create a database, export
#   CASEBOARD_TEST_DATABASE_URL=postgresql://caseboard@127.0.0.1:<port>/caseboard_test
#   CASEBOARD_TEST_PG_DATA / CASEBOARD_TEST_PG_BIN / CASEBOARD_TEST_PG_PORT (so that a test can
#   stop and start the server: see tests/pg/pg-ctl.sh)
# run the command, then stop the cluster and remove the directory. Exits with the command's code.
#
# PostgreSQL refuses to run as root: as root the cluster runs as the unprivileged user
# "postgres" (created by Debian's postgresql package; created here if missing).
# Needs Debian's postgresql package (server binaries under /usr/lib/postgresql/<version>/bin).
set -euo pipefail
# shellcheck source=../../scripts/lib/ports.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib/ports.sh"

if [[ $# -eq 0 ]]; then
    echo "usage: $0 <command…>" >&2
    exit 2
fi

pg_bin="${CASEBOARD_TEST_PG_BIN:-}"
if [[ -z "$pg_bin" ]]; then
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [[ -x "$dir/initdb" ]]; then pg_bin="$dir"; break; fi
    done
fi
if [[ -z "$pg_bin" || ! -x "$pg_bin/initdb" ]]; then
    echo "$0: PostgreSQL server binaries not found (apt-get install -y postgresql)" >&2
    exit 2
fi

run_as=()
if [[ "$(id -u)" -eq 0 ]]; then
    if ! id postgres >/dev/null 2>&1; then
        useradd --system --home-dir /nonexistent --shell /usr/sbin/nologin postgres
    fi
    run_as=(runuser -u postgres --)
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/caseboard-pg.XXXXXX")"
chmod 0755 "$work"
if [[ ${#run_as[@]} -gt 0 ]]; then chown postgres: "$work"; fi
data="$work/data"
log="$work/server.log"

started=0
cleanup() {
    local code=$?
    if [[ $started -eq 1 ]]; then
        "${run_as[@]}" "$pg_bin/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    if [[ $code -ne 0 && -f "$log" ]]; then
        echo "----- postgresql log (tail) -----" >&2
        tail -n 30 "$log" >&2 || true
    fi
    rm -rf "$work"
    exit $code
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Trust authentication is confined to this private cluster: loopback and its own socket only.
"${run_as[@]}" "$pg_bin/initdb" -D "$data" -U caseboard --auth=trust --encoding=UTF8 \
    --locale=C.UTF-8 --no-sync >"$work/initdb.log" 2>&1 || {
    cat "$work/initdb.log" >&2
    exit 1
}

port=""
for _ in 1 2 3 4 5 6 7 8 9 10; do
    candidate="$(unused_loopback_port)"
    if "${run_as[@]}" "$pg_bin/pg_ctl" -D "$data" -l "$log" -w -t 30 start \
        -o "-p $candidate -k $work -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" \
        >/dev/null 2>&1; then
        port=$candidate
        started=1
        break
    fi
done
if [[ -z "$port" ]]; then
    echo "$0: could not start PostgreSQL" >&2
    exit 1
fi

"${run_as[@]}" "$pg_bin/createdb" -h 127.0.0.1 -p "$port" -U caseboard caseboard_test

export CASEBOARD_TEST_DATABASE_URL="postgresql://caseboard@127.0.0.1:$port/caseboard_test"
export CASEBOARD_TEST_PG_DATA="$data"
export CASEBOARD_TEST_PG_BIN="$pg_bin"
export CASEBOARD_TEST_PG_PORT="$port"
export CASEBOARD_TEST_PG_SOCKET_DIR="$work"
export CASEBOARD_TEST_PG_LOG="$log"
echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port" >&2

set +e
"$@"
code=$?
set -e
exit $code
