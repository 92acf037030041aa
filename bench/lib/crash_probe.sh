# Crash probe: 64 concurrent POST streams, SIGKILL of the server at a random moment 1–3 s in,
# restart on the same database, every acknowledged (201) id must still be there.
# Globals: RAW, TOOL, TOKEN, SERVER_*, BENCH_CRASH_ROUNDS.
# Output: RAW/crash.tsv  round acked lost other unchecked duplicate_acks kill_after_ms

crash_probe() {
    local dir=$1 r kill_ms load verify
    db_copy "$SNAPSHOT" "$dir"
    for ((r = 1; r <= BENCH_CRASH_ROUNDS; r++)); do
        load="$RAW/crash/r$r-load.txt"
        verify="$RAW/crash/r$r-verify.txt"
        server_start "$dir" "$RAW/logs/server-crash-r$r.log"
        timeout 60 "$TOOL" crash --port "$SERVER_PORT" --token "$TOKEN" --streams 64 --duration 20 \
            --tag "r$r" --out "$RAW/crash/r$r-ids.txt" >"$load" 2>"$RAW/crash/r$r-load.err" &
        TOOL_PID=$!
        kill_ms=$((1000 + RANDOM % 2000))
        sleep_ms "$kill_ms"
        server_crash
        wait "$TOOL_PID" || log "crash load exited with $?"
        TOOL_PID=
        server_start "$dir" "$RAW/logs/server-crash-r$r-restart.log"
        timeout 150 "$TOOL" verify --port "$SERVER_PORT" --token "$TOKEN" --ids "$RAW/crash/r$r-ids.txt" \
            --missing "$RAW/crash/r$r-missing.txt" --timeout 120 >"$verify" 2>"$RAW/crash/r$r-verify.err" ||
            log "verify exited with $?"
        server_stop
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$r" "$(kv acked "$load")" "$(kv missing "$verify")" \
            "$(kv other "$verify")" "$(kv unchecked "$verify")" "$(kv duplicate_acks "$verify")" \
            "$kill_ms" >>"$RAW/crash.tsv"
        log "  round $r: killed after ${kill_ms} ms, $(kv acked "$load") acknowledged," \
            "$(kv missing "$verify") lost"
    done
}
