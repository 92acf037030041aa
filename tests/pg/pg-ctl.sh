#!/usr/bin/env bash
# Stops or starts the private cluster of with-postgres.sh (for fault tests):
#   tests/pg/pg-ctl.sh stop|start
# "stop" is an immediate shutdown (as a crash: every connection drops at once).
set -euo pipefail
: "${CASEBOARD_TEST_PG_DATA:?run under tests/pg/with-postgres.sh}"
run_as=()
if [[ "$(id -u)" -eq 0 ]]; then run_as=(runuser -u postgres --); fi
ctl=("${run_as[@]}" "$CASEBOARD_TEST_PG_BIN/pg_ctl" -D "$CASEBOARD_TEST_PG_DATA")
case "${1:-}" in
    stop) "${ctl[@]}" -m immediate -w stop >/dev/null ;;
    start)
        "${ctl[@]}" -l "$CASEBOARD_TEST_PG_LOG" -w -t 30 start -o "-p $CASEBOARD_TEST_PG_PORT \
-k $CASEBOARD_TEST_PG_SOCKET_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" >/dev/null ;;
    *) echo "usage: $0 stop|start" >&2; exit 2 ;;
esac
