# Starting and stopping the Caseboard server under test (one at a time).
# Globals: CASEBOARD_BIN (the binary), SERVER_PID, SERVER_PORT, SERVER_LOG.

# server_start DBDIR LOG → starts `caseboard serve` on 127.0.0.1 with a free port and the database
# DBDIR/caseboard.db; waits (30 s at most) for the "listening on" line and sets SERVER_PORT.
server_start() {
    server_start_on "$1/caseboard.db" "$2"
}

# server_start_on DATABASE LOG [FLAGS…] → the same on DATABASE (a SQLite file or a PostgreSQL
# URL), with any more `serve` flags.
server_start_on() {
    local database=$1 logfile=$2 i
    shift 2
    SERVER_LOG=$logfile
    # The load tools write as one user far beyond what one person would (no write limit), and
    # open all 10,000 screens from one address (no per-client connection cap).
    "$CASEBOARD_BIN" serve --host 127.0.0.1 --port 0 --database "$database" \
        --writes-per-second 0 --max-connections-per-client 1000000 "$@" >"$logfile" 2>&1 </dev/null &
    SERVER_PID=$!
    SERVER_PORT=
    for ((i = 0; i < 300; i++)); do
        SERVER_PORT=$({ grep -m1 -o 'listening on http://127\.0\.0\.1:[0-9]*' "$logfile" || true; } | sed 's/.*://')
        [[ -n $SERVER_PORT ]] && break
        is_alive "$SERVER_PID" || break
        sleep 0.1
    done
    if [[ -z $SERVER_PORT ]]; then
        tail -n 20 "$logfile" >&2 || true
        stop_pid "$SERVER_PID" KILL 2
        SERVER_PID=
        die "the server did not start (see its log above)"
    fi
}

# server_stop → SIGTERM (graceful), SIGKILL after 15 s.
server_stop() {
    [[ -n ${SERVER_PID:-} ]] || return 0
    stop_pid "$SERVER_PID" TERM 15
    SERVER_PID=
}

# server_crash → SIGKILL, no warning (the crash probe).
server_crash() {
    [[ -n ${SERVER_PID:-} ]] || return 0
    kill -KILL "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=
}

server_url() { printf 'http://127.0.0.1:%s' "$SERVER_PORT"; }

# db_copy FROM TO → a copy of a stopped server's database (with its WAL and JWT secret).
db_copy() {
    mkdir -p "$2"
    local f
    for f in "$1"/caseboard.db*; do cp "$f" "$2/"; done
}
