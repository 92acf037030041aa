# WebSocket fan-out, one fresh server per client count (so that its VmHWM is this measure's own).
# Globals: RAW, TOOL, TOKEN, SERVER_*, BENCH_WS_CLIENTS, BENCH_WS_DURATION, BENCH_WS_RATE.
# Output: RAW/ws-<N>.txt (the tool's key=value report), RAW/ws-<N>.err (its diagnostics), and
# RAW/ws-floor-<N>.txt / .err: the same deliveries over raw loopback TCP, without the server.

# ws_token_mode → "query" if /ws?token= is accepted (3 tries out of 3), else "header" if an
# Authorization: Bearer upgrade is (the harness then still measures, and says so).
ws_token_mode() {
    local i code ok=0
    local upgrade=(-s -o /dev/null -w '%{http_code}' -m 2 -H 'Connection: Upgrade' -H 'Upgrade: websocket'
        -H 'Sec-WebSocket-Version: 13' -H 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==')
    for i in 1 2 3; do
        code=$(curl "${upgrade[@]}" "$(server_url)/ws?token=$TOKEN" || true)
        [[ $code == 101 ]] && ok=$((ok + 1))
    done
    if ((ok == 3)); then
        echo query
        return
    fi
    code=$(curl "${upgrade[@]}" -H "Authorization: Bearer $TOKEN" "$(server_url)/ws" || true)
    log "WARNING: /ws?token= upgrade accepted $ok of 3 times (last status $code with the header)"
    echo header
}

ws_measure() {
    local n=$1 dir=$2 mode connect_timeout
    connect_timeout=$((n / 100 > 30 ? n / 100 : 30))
    db_copy "$SNAPSHOT" "$dir"
    server_start "$dir" "$RAW/logs/server-ws-$n.log"
    mode=$(ws_token_mode)
    echo "$mode" >"$RAW/ws-$n.token-mode"
    log "  $n clients (token via $mode)"
    # the tool bounds itself (connect + settle + 3 × duration + drain + 30 s); `timeout` is a backstop
    timeout $((connect_timeout + 3 * BENCH_WS_DURATION + 150)) "$TOOL" fanout --port "$SERVER_PORT" \
        --token "$TOKEN" --token-in "$mode" --clients "$n" --rate "$BENCH_WS_RATE" \
        --duration "$BENCH_WS_DURATION" --connect-timeout "$connect_timeout" --drain-timeout 60 --drain-idle 5 \
        --server-pid "$SERVER_PID" --tag "n$n" >"$RAW/ws-$n.txt" 2>"$RAW/ws-$n.err" ||
        log "wsfanout exited with $? (see ws-$n.err)"
    server_stop
    log "  $n clients: p99 $(kv latency_p99_ms "$RAW/ws-$n.txt") ms, lost $(kv lost "$RAW/ws-$n.txt")," \
        "duplicated $(kv duplicated "$RAW/ws-$n.txt"), VmHWM $(kv server_vmhwm_kb "$RAW/ws-$n.txt") kB"
    ws_floor "$n"
}

# ws_floor N → the floor for N clients: frames of the size of the create events just measured
# (480 bytes if none arrived), at the same rate and for as long, with no server in between.
ws_floor() {
    local n=$1 bytes
    bytes=$(kv event_bytes "$RAW/ws-$n.txt")
    [[ $bytes =~ ^[1-9][0-9]*$ ]] || bytes=480
    timeout $((BENCH_WS_DURATION + 60)) "$TOOL" floor --clients "$n" --rate "$BENCH_WS_RATE" \
        --duration "$BENCH_WS_DURATION" --payload-bytes "$bytes" \
        >"$RAW/ws-floor-$n.txt" 2>"$RAW/ws-floor-$n.err" || log "wsfanout floor exited with $? (see ws-floor-$n.err)"
    log "  $n clients, floor (raw TCP, no server): p99 $(kv latency_p99_ms "$RAW/ws-floor-$n.txt") ms"
}
