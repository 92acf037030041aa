#!/usr/bin/env bash
# Issue 17's reports on a large board: seeds BENCH_REPORT_CASES cases straight into the database
# (bench/sql/report-cases.*.sql: through the API it would take minutes), then times the last
# month's GET /reports/time-to-theatre and GET /reports/cancellations (and the first as CSV),
# BENCH_REPORT_RUNS times each over HTTP on 127.0.0.1, and prints the median, the fastest and the
# slowest, in ms, as a Markdown table.
#   bash bench/reports.sh             → SQLite
#   bash bench/reports.sh postgres    → PostgreSQL, on a private throw-away cluster
# Knobs: CASEBOARD_BINARY (default build/caseboard), BENCH_REPORT_CASES (100000),
# BENCH_REPORT_RUNS (9). Needs curl, and sqlite3 or psql.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
STORE=${1:-sqlite}
[[ $STORE == sqlite || $STORE == postgres ]] || { echo "usage: $0 [sqlite|postgres]" >&2; exit 2; }
if [[ $STORE == postgres && -z ${CASEBOARD_TEST_DATABASE_URL:-} ]]; then
    exec "$ROOT/tests/pg/with-postgres.sh" bash "$0" "$@"
fi
source "$BENCH_DIR/lib/common.sh"
source "$BENCH_DIR/lib/seed.sh"
source "$BENCH_DIR/lib/server.sh"

CASEBOARD_BIN=${CASEBOARD_BINARY:-$ROOT/build/caseboard}
CASES=${BENCH_REPORT_CASES:-100000}
RUNS=${BENCH_REPORT_RUNS:-9}
[[ -x $CASEBOARD_BIN ]] || die "no server binary at $CASEBOARD_BIN (set CASEBOARD_BINARY)"
WORK=$(mktemp -d)
DATABASE=
cleanup() {
    server_stop
    if [[ $STORE == postgres && -n $DATABASE ]]; then
        "$ROOT/tests/pg/fresh-database.sh" --drop "$DATABASE" || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

seed() {
    log "seeding $CASES cases ($STORE)"
    if [[ $STORE == sqlite ]]; then
        sqlite3 -bail "$DATABASE" ".timeout 10000" ".parameter set :cases $CASES" \
            ".read $BENCH_DIR/sql/report-cases.sqlite.sql" "ANALYZE"
    else
        psql -X -q -v ON_ERROR_STOP=1 -v "cases=$CASES" -d "$DATABASE" \
            -f "$BENCH_DIR/sql/report-cases.postgres.sql"
    fi
}

# timed PATH → RUNS durations of GET PATH in ms, one a line; fails on any status but 200.
timed() {
    local i out
    for ((i = 0; i < RUNS; i++)); do
        out=$(curl -sS -m 30 -o /dev/null -w '%{http_code} %{time_total}' \
            -H "Authorization: Bearer $TOKEN" "$(server_url)$1")
        [[ ${out%% *} == 200 ]] || die "GET $1 → ${out%% *}"
        awk '{ printf "%.1f\n", $2 * 1000 }' <<<"$out"
    done
}

if [[ $STORE == sqlite ]]; then
    DATABASE=$WORK/caseboard.db
else
    DATABASE=$("$ROOT/tests/pg/fresh-database.sh")
fi
server_start_on "$DATABASE" "$WORK/server.log" --jwt-secret-file "$WORK/jwt-secret"  # its migrations make the tables and the reports' indexes
seed_user
seed

FROM=$(date -u -d '30 days ago' +%F)
TO=$(date -u +%F)
in_month=$(curl -sS -m 30 -H "Authorization: Bearer $TOKEN" \
    "$(server_url)/reports/time-to-theatre?from=$FROM&to=$TO" | grep -o '"cases":[0-9]*' |
    awk -F: '{ n += $2 } END { print n + 0 }')
log "$in_month cases went into theatre from $FROM to $TO"

echo "| $STORE, $CASES cases ($in_month in theatre in the month) | median ms | fastest | slowest |"
echo "| --- | ---: | ---: | ---: |"
for path in "/reports/time-to-theatre?from=$FROM&to=$TO" \
    "/reports/time-to-theatre?from=$FROM&to=$TO&group=priority" \
    "/reports/time-to-theatre.csv?from=$FROM&to=$TO" \
    "/reports/cancellations?from=$FROM&to=$TO"; do
    times=$(timed "$path")
    printf '| `GET %s` | %s | %s | %s |\n' "$path" "$(median <<<"$times")" \
        "$(sort -g <<<"$times" | head -n1)" "$(sort -g <<<"$times" | tail -n1)"
done
