#!/usr/bin/env bash
# Caseboard benchmark harness — the one command (from the repository root, as root on Debian 12):
#
#   bash bench/run.sh
#
# Installs what is missing (wrk, nginx, build tools) with apt-get, builds the server (Release, into
# build-bench/) unless CASEBOARD_BINARY names one, builds the load tool (build-bench/tools/), seeds
# a database and measures everything of bench/README.md in one run; raw outputs go to
# bench/results/latest/ and the results section of bench/README.md is regenerated.
#
# Knobs (environment):
#   CASEBOARD_BINARY     use this server binary instead of building one
#   BENCH_SERVER_CMAKE_ARGS  extra arguments for the server's cmake configure (word-split)
#   BENCH_DURATION       seconds per wrk run (10)          BENCH_ROUNDS       rounds per measure (3)
#   BENCH_WS_CLIENTS     fan-out client counts ("1000 10000")
#   BENCH_WS_DURATION    seconds of writing (10)           BENCH_WS_RATE      POSTs per second (20)
#   BENCH_CRASH_ROUNDS   crash probe rounds (10)
#   BENCH_QUICK=1        smoke run: 2 s runs, 1 round, 200 clients, 3 s of writing, 2 crash rounds
#   BENCH_PHASES         a subset of "http ws crash" (default: all); a partial run writes
#                        bench/results/latest/results.md but leaves bench/README.md alone
#   BENCH_KEEP=1         keep the temporary work directory (databases, nginx root)
#   BENCH_REPORT_ONLY=1  measure nothing: regenerate bench/README.md from bench/results/latest/
#
# Only 127.0.0.1 is ever targeted; every loop is bounded; only processes started here are stopped,
# by their PID.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/.." && pwd)
LUA=$BENCH_DIR/lua
RAW=$BENCH_DIR/results/latest

for lib in common install server nginx wrk seed http_bench ws_bench crash_probe report; do
    # shellcheck source=/dev/null
    . "$BENCH_DIR/lib/$lib.sh"
done

if [[ ${BENCH_QUICK:-0} == 1 ]]; then
    RUN_KIND="quick smoke run (BENCH_QUICK=1): figures are indicative only"
    : "${BENCH_DURATION:=2}" "${BENCH_ROUNDS:=1}" "${BENCH_WS_CLIENTS:=200}" "${BENCH_WS_DURATION:=3}"
    : "${BENCH_CRASH_ROUNDS:=2}"
else
    RUN_KIND="full run"
fi
: "${BENCH_DURATION:=10}" "${BENCH_ROUNDS:=3}" "${BENCH_WS_CLIENTS:=1000 10000}"
: "${BENCH_WS_DURATION:=10}" "${BENCH_WS_RATE:=20}" "${BENCH_CRASH_ROUNDS:=10}"
: "${BENCH_PHASES:=http ws crash}"
has_phase() { [[ " $BENCH_PHASES " == *" $1 "* ]]; }
WRK_CONNECTIONS=64
WRK_THREADS=1
LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg)

SERVER_PID='' NGINX_PID='' FLOOD_PID='' TOOL_PID=''
WORK=
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    [[ -n $FLOOD_PID ]] && stop_pid "$FLOOD_PID" TERM 5
    [[ -n $TOOL_PID ]] && stop_pid "$TOOL_PID" TERM 5
    [[ -n $SERVER_PID ]] && stop_pid "$SERVER_PID" TERM 15
    [[ -n $NGINX_PID ]] && stop_pid "$NGINX_PID" TERM 10
    if [[ -n $WORK && ${BENCH_KEEP:-0} != 1 ]]; then rm -rf "$WORK"; fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ ${BENCH_REPORT_ONLY:-0} == 1 ]]; then
    [[ -f $RAW/run.env ]] || die "no previous run in bench/results/latest/"
    # shellcheck source=/dev/null
    . "$RAW/run.env"
    report_generate
    readme_update "$BENCH_DIR/README.md" "$RAW/results.md"
    log "bench/README.md regenerated from the previous run's raw outputs"
    exit 0
fi

# --- 1. tools ----------------------------------------------------------------------------------
install_packages

# Descriptors for 10,000 sockets in the server and as many in the tool (children inherit this).
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" || true
log "open files limit: $(ulimit -n)"

configure() { # configure SRC BUILD [cmake args…] — Ninja for a new build tree, the cache's otherwise
    local src=$1 build=$2
    shift 2
    local gen=()
    [[ -f $build/CMakeCache.txt ]] || { command -v ninja >/dev/null && gen=(-G Ninja); }
    cmake -S "$src" -B "$build" "${gen[@]}" "$@" >&2
}

if [[ -n ${CASEBOARD_BINARY:-} ]]; then
    [[ -x $CASEBOARD_BINARY ]] || die "CASEBOARD_BINARY is not an executable file"
    CASEBOARD_BIN=$(cd "$(dirname "$CASEBOARD_BINARY")" && pwd)/$(basename "$CASEBOARD_BINARY")
    SERVER_BUILD="binary given by CASEBOARD_BINARY"
else
    log "building the server (Release, build-bench/)"
    # shellcheck disable=SC2086
    configure "$REPO" "$REPO/build-bench" -DCMAKE_BUILD_TYPE=Release -DCASEBOARD_TESTS=OFF \
        ${BENCH_SERVER_CMAKE_ARGS:-}
    cmake --build "$REPO/build-bench" -j2 >&2 || die "the server's Release build failed (see above)"
    CASEBOARD_BIN=$REPO/build-bench/caseboard
    SERVER_BUILD="Release build by run.sh${BENCH_SERVER_CMAKE_ARGS:+ (cmake $BENCH_SERVER_CMAKE_ARGS)}"
fi
log "building the load tool (build-bench/tools/)"
configure "$BENCH_DIR" "$REPO/build-bench/tools" -DCMAKE_BUILD_TYPE=Release
cmake --build "$REPO/build-bench/tools" -j2 >&2
TOOL=$REPO/build-bench/tools/wsfanout

rm -rf "$RAW"
mkdir -p "$RAW/wrk" "$RAW/bodies" "$RAW/logs" "$RAW/crash"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/caseboard-bench.XXXXXX")
chmod 755 "$WORK"
# One binary for the whole run, even if the original is rebuilt meanwhile.
cp "$CASEBOARD_BIN" "$WORK/caseboard"
CASEBOARD_BIN=$WORK/caseboard
SNAPSHOT=$WORK/seeded
RUN_DATE=$(date -u '+%Y-%m-%d %H:%M UTC')
: >"$RAW/http.tsv"
: >"$RAW/flood.tsv"
: >"$RAW/crash.tsv"

# What the report needs besides the raw outputs (BENCH_REPORT_ONLY=1 reads it back).
save_run_env() {
    declare -p RUN_KIND RUN_DATE LOAD_AT_START SERVER_BUILD BENCH_DURATION BENCH_ROUNDS BENCH_WS_CLIENTS \
        BENCH_WS_DURATION BENCH_WS_RATE BENCH_CRASH_ROUNDS WRK_CONNECTIONS WRK_THREADS FILTERED_NOTE \
        2>/dev/null | sed 's/^declare -- /declare -g /' >"$RAW/run.env"
}

# --- 2. seed -----------------------------------------------------------------------------------
log "seeding: 1 user, $SEED_CASES cases"
mkdir -p "$WORK/seed"
server_start "$WORK/seed" "$RAW/logs/server-seed.log"
seed_user
FILTER_EXPECTED=$(seed_cases "$RAW/ids.txt")
IDS_FILE=$RAW/ids.txt
server_stop
db_copy "$WORK/seed" "$SNAPSHOT"

# --- 3. capture the bytes nginx will serve -----------------------------------------------------
log "capturing response bodies"
db_copy "$SNAPSHOT" "$WORK/capture"
server_start "$WORK/capture" "$RAW/logs/server-capture.log"
capture() { # capture NAME METHOD PATH [BODY_FILE] [HEADERS_FILE] — byte-exact body, status must be 2xx
    local args=(-sS -m 10 -X "$2" -o "$RAW/bodies/$1.json" -w '%{http_code}' -H "Authorization: Bearer $TOKEN")
    [[ -n ${4:-} ]] && args+=(-H 'Content-Type: application/json' --data-binary "@$4")
    [[ -n ${5:-} ]] && args+=(-D "$5")
    local code
    code=$(curl "${args[@]}" "$(server_url)$3")
    [[ $code == 2* ]] || die "$2 $3 → $code: $(head -c 300 "$RAW/bodies/$1.json")"
}
printf '{"outcome":"Review 1"}' >"$WORK/patch_body.json"
capture list GET /cases/ "" "$RAW/bodies/list.headers"
capture filtered GET "/cases/?$FILTER_QUERY"
capture post POST /cases/ "$LUA/post_body.json"
capture patch PATCH "/cases/$(head -n1 "$IDS_FILE")" "$WORK/patch_body.json"
server_stop
LIST_COUNT=$(count_cases "$RAW/bodies/list.json")
FILTERED_COUNT=$(count_cases "$RAW/bodies/filtered.json")
log "list: $LIST_COUNT cases, $(wc -c <"$RAW/bodies/list.json") bytes; filtered: $FILTERED_COUNT cases" \
    "(expected $FILTER_EXPECTED), $(wc -c <"$RAW/bodies/filtered.json") bytes"
FILTERED_NOTE=
if [[ $FILTERED_COUNT != "$FILTER_EXPECTED" ]]; then
    FILTERED_NOTE="**Note:** the filtered list returned $FILTERED_COUNT cases where the seed has $FILTER_EXPECTED matching (server bug?); measured as returned."
    log "WARNING: $FILTERED_NOTE"
fi
# Caseboard's extra headers (not those every server sets itself), for nginx to send too.
tr -d '\r' <"$RAW/bodies/list.headers" | grep -iv -E '^(HTTP/|server:|date:|content-type:|content-length:|connection:|keep-alive:|x-request-id:|etag:|$)' \
    >"$RAW/bodies/extra.headers" || true

# --- 4. HTTP measures (one server for all; the writes come last so the lists stay at 100) ------
if has_phase http; then
    mkdir -p "$WORK/nginx/www"
    for m in "${HTTP_MEASURES[@]}"; do cp "$RAW/bodies/$m.json" "$WORK/nginx/www/$m.json"; done
    chmod -R a+rX "$WORK/nginx"
    nginx_start "$WORK/nginx" "$RAW/bodies/extra.headers"
    for m in "${HTTP_MEASURES[@]}"; do
        cmp -s <(curl -sS -m 5 "http://127.0.0.1:$NGINX_PORT/$m.json") "$RAW/bodies/$m.json" ||
            die "nginx does not serve the captured bytes of $m"
    done

    log "HTTP measures: ${BENCH_DURATION}s × $BENCH_ROUNDS round(s) each"
    db_copy "$SNAPSHOT" "$WORK/http"
    server_start "$WORK/http" "$RAW/logs/server-http.log"
    http_measure list
    http_measure filtered
    log "login flood"
    login_flood_measure
    http_measure post fresh
    http_measure patch fresh
    server_stop
    rm -rf "$WORK/http-post" "$WORK/http-patch"
    nginx_stop
fi

# --- 5. WebSocket fan-out ----------------------------------------------------------------------
if has_phase ws; then
    log "WebSocket fan-out: $BENCH_WS_CLIENTS clients"
    for n in $BENCH_WS_CLIENTS; do ws_measure "$n" "$WORK/ws-$n"; done
fi

# --- 6. crash probe ----------------------------------------------------------------------------
if has_phase crash; then
    log "crash probe: $BENCH_CRASH_ROUNDS round(s)"
    crash_probe "$WORK/crash"
fi

# --- 7. report ---------------------------------------------------------------------------------
save_run_env
report_generate
if [[ $BENCH_PHASES == "http ws crash" ]]; then
    readme_update "$BENCH_DIR/README.md" "$RAW/results.md"
    log "done: bench/README.md regenerated (raw outputs in bench/results/latest/)"
else
    log "done: partial run ($BENCH_PHASES): bench/results/latest/results.md only, README untouched"
fi
cat "$RAW/results.md"
