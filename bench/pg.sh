#!/usr/bin/env bash
# PostgreSQL figures beside SQLite's (bench/run.sh): the same wrk measures against one instance,
# then against two instances on one database at once (wrk on each, figures added up). Runs on a
# private throw-away PostgreSQL cluster (tests/pg/with-postgres.sh). As root, once bench/run.sh
# or ./caseboard.sh has built the server:
#   bash bench/pg.sh        → prints a Markdown table, also saved in bench/results/latest/pg.md
# Knobs: CASEBOARD_BINARY (default build/caseboard), BENCH_DURATION (s, default 10).
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
if [[ -z ${CASEBOARD_TEST_DATABASE_URL:-} ]]; then
    exec "$ROOT/tests/pg/with-postgres.sh" bash "$0" "$@"
fi
source "$BENCH_DIR/lib/common.sh"
source "$BENCH_DIR/lib/wrk.sh"
source "$BENCH_DIR/lib/seed.sh"
source "$BENCH_DIR/lib/server.sh"
source "$BENCH_DIR/lib/http_bench.sh"

CASEBOARD_BIN=${CASEBOARD_BINARY:-$ROOT/build/caseboard}
BENCH_DURATION=${BENCH_DURATION:-10}
WRK_THREADS=1
WRK_CONNECTIONS=64
LUA=$BENCH_DIR/lua
OUT=$BENCH_DIR/results/latest
mkdir -p "$OUT"
IDS_FILE=$OUT/pg-ids.txt
DATABASE=$("$ROOT/tests/pg/fresh-database.sh")
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do stop_pid "$pid" TERM 15; done
    "$ROOT/tests/pg/fresh-database.sh" --drop "$DATABASE" || true
}
trap cleanup EXIT

# start_instance NAME → starts one more instance on the database and sets STARTED_PORT. (Not in
# a subshell: its pid must reach PIDS, so that cleanup stops it.)
start_instance() {
    local logfile=$OUT/pg-$1.log i
    # The load writes as one user far beyond what one person would: no write limit.
    "$CASEBOARD_BIN" serve --host 127.0.0.1 --port 0 --database "$DATABASE" \
        --jwt-secret-file "$OUT/pg.jwt-secret" --writes-per-second 0 \
        --max-connections-per-client 1000000 >"$logfile" 2>&1 </dev/null &
    PIDS+=($!)
    STARTED_PORT=
    for ((i = 0; i < 300; i++)); do
        STARTED_PORT=$({ grep -m1 -o 'listening on http://127\.0\.0\.1:[0-9]*' "$logfile" || true; } | sed 's/.*://')
        [[ -n $STARTED_PORT ]] && break
        sleep 0.1
    done
    [[ -n $STARTED_PORT ]] || die "instance $1 did not start (see $logfile)"
}

# one MEASURE → wrk against instance A alone.
one() {
    local rps p50 p99
    SERVER_PORT=$PORT_A wrk_caseboard "$1" "$OUT/pg-1-$1.txt"
    read -r rps p50 p99 _ <<<"$(wrk_parse "$OUT/pg-1-$1.txt")"
    row 1 "$1" "$rps" "$p50" "$p99"
}

# two MEASURE → wrk against A and B at the same time; their req/s added up, A's latency.
two() {
    local rps_a rps_b p50 p99
    SERVER_PORT=$PORT_A wrk_caseboard "$1" "$OUT/pg-2a-$1.txt" &
    local first=$!
    SERVER_PORT=$PORT_B wrk_caseboard "$1" "$OUT/pg-2b-$1.txt"
    wait "$first"  # that wrk only: the instances are children of this shell too
    read -r rps_a p50 p99 _ <<<"$(wrk_parse "$OUT/pg-2a-$1.txt")"
    read -r rps_b _ _ _ <<<"$(wrk_parse "$OUT/pg-2b-$1.txt")"
    row 2 "$1 (both at once; latency of A)" "$(awk -v a="$rps_a" -v b="$rps_b" 'BEGIN { print a + b }')" "$p50" "$p99"
}

TABLE=$OUT/pg.md
row() { printf '| %s | %s | %.0f | %.2f / %.2f |\n' "$1" "$2" "$3" "$4" "$5" >>"$TABLE"; }

start_instance a
PORT_A=$STARTED_PORT
SERVER_PORT=$PORT_A
seed_user
seed_cases "$IDS_FILE" >/dev/null
printf '| instances | measure | req/s | p50 / p99 ms |\n| ---: | --- | ---: | ---: |\n' >"$TABLE"
# Reads first, while the board holds the 100 seeded cases; the writes add thousands.
one list
one filtered
start_instance b
PORT_B=$STARTED_PORT
two list
one post
one patch
two post
cat "$TABLE"
