# The results section of bench/README.md, generated from the raw results of this run.
# Globals: RAW, BENCH_*, SERVER_BUILD, WRK_CONNECTIONS, WRK_THREADS.

# col FILE FILTER_AWK COLUMN → the median of COLUMN over the rows of FILE matching FILTER_AWK.
col_median() { awk -F'\t' "$2 { print \$$3 }" "$1" 2>/dev/null | median; }
col_min() { awk -F'\t' "$2 { print \$$3 }" "$1" 2>/dev/null | sort -g | head -n1; }
col_max() { awk -F'\t' "$2 { print \$$3 }" "$1" 2>/dev/null | sort -g | tail -n1; }
col_sum() { awk -F'\t' "$2 { s += \$$3 } END { print s + 0 }" "$1" 2>/dev/null; }

fmt0() { [[ $1 == n/a || -z $1 ]] && echo n/a || printf '%.0f' "$1"; }
fmt2() { [[ $1 == n/a || -z $1 ]] && echo n/a || printf '%.2f' "$1"; }
# ratio A B [DECIMALS] → A / B, or n/a. Verdicts are taken on the unrounded ratio
# (exact_ratio): 0.148 is not "≥ 0.15" even though it prints as 0.15.
ratio() { awk -v a="$1" -v b="$2" -v d="${3:-2}" 'BEGIN { if (a != "" && a != "n/a" && b + 0 > 0) printf "%.*f", d, a / b; else print "n/a" }'; }
exact_ratio() { ratio "$1" "$2" 9; }
# verdict VALUE OP LIMIT → "met" / "**not met**"
verdict() {
    awk -v v="$1" -v op="$2" -v l="$3" 'BEGIN {
        if (v == "n/a" || v == "") { print "n/a"; exit }
        ok = (op == ">=") ? (v + 0 >= l + 0) : (v + 0 <= l + 0)
        print ok ? "met" : "**not met**" }'
}

machine_facts() {
    local cpu mem
    cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
    mem=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
    printf -- '- **Date:** %s\n' "$RUN_DATE"
    printf -- '- **CPU:** %s — %s cores online (`nproc`), %s RAM\n' "${cpu:-unknown}" "$(nproc)" "$mem"
    printf -- '- **Kernel:** %s %s; %s\n' "$(uname -s)" "$(uname -r)" \
        "$(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME")"
    printf -- '- **Load average when the run started:** %s (the machine may be shared: noise)\n' "$LOAD_AT_START"
    printf -- '- **Server:** %s; **load:** %s, %s, wsfanout (this directory)\n' "$SERVER_BUILD" \
        "$(wrk -v 2>&1 | head -n1 | awk '{ print "wrk " $2 }')" "$(nginx -v 2>&1 | sed 's|.*nginx/|nginx |')"
    printf -- '- **Run:** %s; wrk -t%s -c%s -d%ss --latency, %s round(s), medians; fan-out %s POST/s for %s s\n' \
        "$RUN_KIND" "$WRK_THREADS" "$WRK_CONNECTIONS" "$BENCH_DURATION" "$BENCH_ROUNDS" "$BENCH_WS_RATE" \
        "$BENCH_WS_DURATION"
    echo '- Server, nginx, wrk and the fan-out tool all run on this machine and share its cores.'
}

http_table() {
    local f="$RAW/http.tsv" m label target limit bytes
    echo '| measure | body bytes | nginx req/s | nginx p50 / p99 ms | Caseboard req/s (min–max) | Caseboard p50 / p99 ms | ratio | target | |'
    echo '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |'
    for m in "${HTTP_MEASURES[@]}"; do
        case $m in
            list) label='`GET /cases/` (100 cases)'; limit=0.50 ;;
            filtered) label="\`GET /cases/?$FILTER_QUERY\`"; limit=0.50 ;;
            post) label='`POST /cases/`'; limit=0.15 ;;
            patch) label='`PATCH /cases/{id}`'; limit=0.15 ;;
        esac
        bytes=$(wc -c <"$RAW/bodies/$m.json" 2>/dev/null || echo n/a)
        local n_rps n_p50 n_p99 c_rps c_min c_max c_p50 c_p99 r bad notes=""
        n_rps=$(col_median "$f" "\$1==\"$m\" && \$2==\"nginx\"" 4)
        n_p50=$(col_median "$f" "\$1==\"$m\" && \$2==\"nginx\"" 5)
        n_p99=$(col_median "$f" "\$1==\"$m\" && \$2==\"nginx\"" 6)
        c_rps=$(col_median "$f" "\$1==\"$m\" && \$2==\"caseboard\"" 4)
        c_min=$(col_min "$f" "\$1==\"$m\" && \$2==\"caseboard\"" 4)
        c_max=$(col_max "$f" "\$1==\"$m\" && \$2==\"caseboard\"" 4)
        c_p50=$(col_median "$f" "\$1==\"$m\" && \$2==\"caseboard\"" 5)
        c_p99=$(col_median "$f" "\$1==\"$m\" && \$2==\"caseboard\"" 6)
        r=$(ratio "$c_rps" "$n_rps" 3)
        bad=$(col_sum "$f" "\$1==\"$m\" && \$2==\"caseboard\"" 7)
        ((bad > 0)) && notes+=" ($bad non-2xx!)"
        bad=$(col_sum "$f" "\$1==\"$m\" && \$2==\"caseboard\"" 8)
        ((bad > 0)) && notes+=" ($bad socket errors)"
        printf '| %s | %s | %s | %s / %s | %s (%s–%s)%s | %s / %s | %s | ≥ %s × nginx | %s |\n' \
            "$label" "$bytes" "$(fmt0 "$n_rps")" "$(fmt2 "$n_p50")" "$(fmt2 "$n_p99")" "$(fmt0 "$c_rps")" \
            "$(fmt0 "$c_min")" "$(fmt0 "$c_max")" "$notes" "$(fmt2 "$c_p50")" "$(fmt2 "$c_p99")" "$r" \
            "$limit" "$(verdict "$(exact_ratio "$c_rps" "$n_rps")" '>=' "$limit")"
    done
    echo
    echo "nginx serves each body as a static file (same bytes, same extra headers as Caseboard's); for"
    echo "POST and PATCH it answers a GET with the bytes of a typical response (captured once), so the"
    echo "ratio compares a durable write with the cheapest possible request of the same size."
    if [[ -n ${FILTERED_NOTE:-} ]]; then
        echo
        echo "$FILTERED_NOTE"
    fi
}

ws_table() {
    local n f
    echo '| clients | connected | events acked (POST/s) | expected | delivered | lost | duplicated | dropped | p50 ms | p99 ms | max ms | every-client p99 ms | POST round trip p50 / p99 ms | server VmRSS / VmHWM MB | target | |'
    echo '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |'
    for n in $BENCH_WS_CLIENTS; do
        f="$RAW/ws-$n.txt"
        [[ -s $f ]] || { echo "| $n | (no result: see ws-$n.err) | | | | | | | | | | | | | | |"; continue; }
        local p99 lost dup hwm rss target ok
        p99=$(kv latency_p99_ms "$f")
        lost=$(kv lost "$f")
        dup=$(kv duplicated "$f")
        hwm=$(kv server_vmhwm_kb "$f")
        rss=$(kv server_vmrss_kb_end "$f")
        if ((n >= 10000)); then
            target='p99 ≤ 50 ms, 0 lost, RSS ≤ 200 MB'
            ok=$(awk -v p="$p99" -v l="$lost" -v h="$hwm" -v c="$(kv connected "$f")" -v n="$n" \
                'BEGIN { print (c == n && p <= 50 && l == 0 && h > 0 && h <= 200 * 1024) ? "met" : "**not met**" }')
        else
            target='p99 ≤ 5 ms, 0 lost, 0 duplicated'
            ok=$(awk -v p="$p99" -v l="$lost" -v d="$dup" -v c="$(kv connected "$f")" -v n="$n" \
                'BEGIN { print (c == n && p <= 5 && l == 0 && d == 0) ? "met" : "**not met**" }')
        fi
        printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s / %s | %s / %s | %s | %s |\n' \
            "$n" "$(kv connected "$f")" "$(kv posts_acked "$f") ($(fmt2 "$(kv posts_per_second "$f")"))" \
            "$(kv expected "$f")" "$(kv delivered "$f")" \
            "$lost" "$dup" "$(kv dropped "$f")" "$(fmt2 "$(kv latency_p50_ms "$f")")" "$(fmt2 "$p99")" \
            "$(fmt2 "$(kv latency_max_ms "$f")")" "$(fmt2 "$(kv every_client_p99_ms "$f")")" \
            "$(fmt2 "$(kv post_rtt_p50_ms "$f")")" "$(fmt2 "$(kv post_rtt_p99_ms "$f")")" \
            "$(awk -v k="$rss" 'BEGIN { printf "%.1f", k / 1024 }')" \
            "$(awk -v k="$hwm" 'BEGIN { printf "%.1f", k / 1024 }')" "$target" "$ok"
    done
    echo
    echo "Latency: from just before the POST is written to the moment a client's read of the create"
    echo "event completes, one sample per (event, client); \"every-client p99\" is the p99 over events"
    echo "of the time until the last client had it. Expected = acknowledged POSTs × connected clients;"
    echo "lost = expected − delivered when the drain ended: it ends when every client has every event,"
    echo "or after 5 s without any new delivery, or 60 s after the last POST's response (so a late event"
    echo "still counts as delivered, with its latency). The writer is open-loop (up to 64 connections):"
    echo "the POST rate holds unless the server answers slower than that."
    echo "The POST round trip (the writer's own request, durable commit included) shows the commit's share:"
    echo "an event is broadcast only after its commit."
    # A run without the fan-out phase has no mode files (and cat would fail the pipeline).
    local modes=""
    if compgen -G "$RAW/ws-*.token-mode" >/dev/null; then
        modes=$(sort -u "$RAW"/ws-*.token-mode | tr '\n' ' ')
    fi
    if [[ $modes == *header* ]]; then
        echo
        echo "**Note:** the server refused \`/ws?token=<valid token>\` (401) in this run, so the clients"
        echo "sent \`Authorization: Bearer\` on the upgrade instead (see the bug in the lead's issue list)."
    fi
    for n in $BENCH_WS_CLIENTS; do
        local f="$RAW/ws-$n.txt" failed
        failed=$(kv connect_failed "$f")
        if [[ -n $failed && $failed != 0 ]]; then
            echo
            echo "$n clients: $failed connections failed ($(grep '^connect_failed_http_' "$f" | tr '\n' ' '))."
        fi
    done
}

ws_floor_table() {
    local n f c
    echo '| clients | frame bytes | events | delivered / expected | p50 ms | p99 ms | max ms | every-client p99 ms | Caseboard p99 / floor p99 |'
    echo '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |'
    for n in $BENCH_WS_CLIENTS; do
        f="$RAW/ws-floor-$n.txt"
        c="$RAW/ws-$n.txt"
        [[ -s $f ]] || { echo "| $n | (no result: see ws-floor-$n.err) | | | | | | | |"; continue; }
        printf '| %s | %s | %s | %s / %s | %s | %s | %s | %s | %s |\n' "$n" "$(kv frame_bytes "$f")" \
            "$(kv events "$f")" "$(kv delivered "$f")" "$(kv expected "$f")" \
            "$(fmt2 "$(kv latency_p50_ms "$f")")" "$(fmt2 "$(kv latency_p99_ms "$f")")" \
            "$(fmt2 "$(kv latency_max_ms "$f")")" "$(fmt2 "$(kv every_client_p99_ms "$f")")" \
            "$(ratio "$(kv latency_p99_ms "$c")" "$(kv latency_p99_ms "$f")")"
    done
    echo
    echo "What any server that sends each event over TCP to each screen must at least do, measured"
    echo "right after the row above on the same machine: \`wsfanout floor\` holds N loopback TCP"
    echo "connections and, at the same rate and for as long, writes one frame of the size of the create"
    echo "events just received (a WebSocket text frame header and that many bytes) to each, from one"
    echo "thread per core; a second process reads them all with epoll on one thread. Latency: from just"
    echo "before the first write of the event to the read that completes each frame. There is no HTTP"
    echo "request, commit or JSON in it, and its reader does what the load tool's clients do (one read"
    echo "per wake, frames parsed in place), so a target below this row cannot be met on this machine"
    echo "by any server."
}

flood_table() {
    local f="$RAW/flood.tsv" w_p99 f_p99 r
    w_p99=$(col_median "$f" '$1=="without"' 5)
    f_p99=$(col_median "$f" '$1=="with"' 5)
    r=$(ratio "$f_p99" "$w_p99")
    echo '| `GET /cases/` | req/s | p50 ms | p99 ms | logins/s (non-2xx) |'
    echo '| --- | ---: | ---: | ---: | ---: |'
    printf '| alone | %s | %s | %s | — |\n' "$(fmt0 "$(col_median "$f" '$1=="without"' 3)")" \
        "$(fmt2 "$(col_median "$f" '$1=="without"' 4)")" "$(fmt2 "$w_p99")"
    printf '| during a login flood (16 connections) | %s | %s | %s | %s (%s) |\n' \
        "$(fmt0 "$(col_median "$f" '$1=="with"' 3)")" "$(fmt2 "$(col_median "$f" '$1=="with"' 4)")" \
        "$(fmt2 "$f_p99")" "$(fmt0 "$(col_median "$f" '$1=="with"' 9)")" "$(col_sum "$f" '$1=="with"' 10)"
    echo
    echo "p99 under the flood / alone: **$r** (target ≤ 2): $(verdict "$(exact_ratio "$f_p99" "$w_p99")" '<=' 2)."
}

crash_table() {
    local f="$RAW/crash.tsv" total_lost total_acked
    total_lost=$(col_sum "$f" 'NR>0' 3)
    total_acked=$(col_sum "$f" 'NR>0' 2)
    echo '| round | killed after ms | acknowledged | lost | not 200/404 | unchecked |'
    echo '| ---: | ---: | ---: | ---: | ---: | ---: |'
    awk -F'\t' '{ printf "| %s | %s | %s | %s | %s | %s |\n", $1, $7, $2, $3, $4, $5 }' "$f" 2>/dev/null
    local rounds v
    rounds=$(wc -l <"$f" 2>/dev/null || echo 0)
    if ((rounds == 0)); then
        echo
        echo "Not run: no crash round in this run."
        return
    fi
    v=$(verdict "$total_lost" '<=' 0)
    ((rounds >= 10)) || v="$v so far (fewer than 10 rounds)"
    echo
    echo "$rounds round(s), $total_acked acknowledged writes, **$total_lost lost** (target: 0 in 10 rounds): $v."
}

report_generate() {
    local out="$RAW/results.md"
    {
        echo "## Results"
        echo
        echo "_Generated by \`bench/run.sh\` from the raw outputs in \`bench/results/latest/\`; do not edit by hand._"
        echo
        machine_facts
        echo
        echo "### HTTP: Caseboard against the nginx ceiling"
        echo
        http_table
        echo
        echo "### WebSocket fan-out"
        echo
        ws_table
        echo
        echo "### The fan-out floor: the same deliveries over raw loopback TCP, no server"
        echo
        ws_floor_table
        echo
        echo "### \`GET /cases/\` p99 under a login flood"
        echo
        flood_table
        echo
        echo "### Crash probe (64 POST streams, \`kill -9\`, restart, every acknowledged id read back)"
        echo
        crash_table
    } >"$out"
}

# readme_update README RESULTS → replaces what lies between the results markers with RESULTS.
readme_update() {
    local readme=$1 results=$2 tmp
    grep -q '^<!-- results:begin -->$' "$readme" && grep -q '^<!-- results:end -->$' "$readme" ||
        die "$readme lacks the <!-- results:begin --> / <!-- results:end --> markers"
    tmp=$(mktemp)
    awk -v results="$results" '
        /^<!-- results:begin -->$/ { print; while ((getline line < results) > 0) print line; skip = 1; next }
        /^<!-- results:end -->$/ { skip = 0 }
        !skip { print }
    ' "$readme" >"$tmp"
    cat "$tmp" >"$readme"
    rm -f "$tmp"
}
