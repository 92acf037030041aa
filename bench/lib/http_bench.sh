# wrk measures, Caseboard and the nginx ceiling side by side, rounds interleaved (nginx, then
# Caseboard, per round) so that noise from other work on the machine hits both alike.
# Globals: RAW (results dir), LUA (lua dir), TOKEN, IDS_FILE, BENCH_ROUNDS, NGINX_PORT.
# Output: RAW/http.tsv  measure target round req/s p50_ms p99_ms non2xx errors requests
#         RAW/flood.tsv condition round req/s p50_ms p99_ms non2xx errors requests login_req/s login_non2xx

HTTP_MEASURES=(list filtered post patch)

# wrk_caseboard MEASURE OUTFILE
wrk_caseboard() {
    local auth="Authorization: Bearer $TOKEN" base
    base=$(server_url)
    case $1 in
        list) wrk_run "$2" -H "$auth" "$base/cases/" ;;
        filtered) wrk_run "$2" -H "$auth" "$base/cases/?$FILTER_QUERY" ;;
        post) wrk_run "$2" -H "$auth" -s "$LUA/post_case.lua" "$base/cases/" -- "$LUA/post_body.json" ;;
        patch) wrk_run "$2" -H "$auth" -s "$LUA/patch_case.lua" "$base/cases/" -- "$IDS_FILE" ;;
    esac
}

# wrk_nginx MEASURE OUTFILE — a GET of the captured bytes (POST and PATCH too: nginx serves their
# typical response to a GET, which is as cheap as a request can get: that is the ceiling).
wrk_nginx() { wrk_run "$2" -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$NGINX_PORT/$1.json"; }

record() { printf '%s\t%s\n' "$1" "$(wrk_parse "$2" | tr ' ' '\t')" >>"$3"; }

# http_measure MEASURE [fresh] → BENCH_ROUNDS rounds of nginx then Caseboard. With "fresh", each
# Caseboard round gets a server of its own on a new copy of the seeded board (Globals: SNAPSHOT,
# WORK): a round of writes adds some 200,000 cases, so without it every round would measure a
# bigger board than the one before, and the median would depend on how many rounds ran.
http_measure() {
    local m=$1 fresh=${2:-} r out
    for ((r = 1; r <= BENCH_ROUNDS; r++)); do
        out="$RAW/wrk/$m-nginx-r$r.txt"
        wrk_nginx "$m" "$out"
        record "$m"$'\t'nginx$'\t'"$r" "$out" "$RAW/http.tsv"
        if [[ -n $fresh ]]; then
            server_stop
            rm -rf "$WORK/http-$m"
            db_copy "$SNAPSHOT" "$WORK/http-$m"
            server_start "$WORK/http-$m" "$RAW/logs/server-$m-r$r.log"
        fi
        out="$RAW/wrk/$m-caseboard-r$r.txt"
        wrk_caseboard "$m" "$out"
        record "$m"$'\t'caseboard$'\t'"$r" "$out" "$RAW/http.tsv"
        log "  $m round $r: nginx $(cut -f4 <(tail -n2 "$RAW/http.tsv" | head -n1)) req/s," \
            "caseboard $(tail -n1 "$RAW/http.tsv" | cut -f4) req/s"
    done
}

# login_flood_measure → per round: GET /cases/ alone, then GET /cases/ while a second wrk
# (16 connections) POSTs /users/login with the real password for the whole run.
login_flood_measure() {
    local r out flood
    for ((r = 1; r <= BENCH_ROUNDS; r++)); do
        out="$RAW/wrk/flood-without-r$r.txt"
        wrk_caseboard list "$out"
        printf 'without\t%s\t%s\t\t\n' "$r" "$(wrk_parse "$out" | tr ' ' '\t')" >>"$RAW/flood.tsv"

        flood="$RAW/wrk/flood-login-r$r.txt"
        timeout $((BENCH_DURATION + 40)) wrk -t1 -c16 -d"$((BENCH_DURATION + 3))s" --timeout 10s \
            --latency -s "$LUA/login.lua" "$(server_url)/users/login" -- "$BENCH_EMAIL" "$BENCH_PASSWORD" \
            >"$flood" 2>&1 &
        FLOOD_PID=$!
        sleep 1
        out="$RAW/wrk/flood-with-r$r.txt"
        wrk_caseboard list "$out"
        wait "$FLOOD_PID" || log "login flood wrk exited with $?"
        FLOOD_PID=
        local login
        login=$(wrk_parse "$flood")
        printf 'with\t%s\t%s\t%s\t%s\n' "$r" "$(wrk_parse "$out" | tr ' ' '\t')" \
            "$(cut -d' ' -f1 <<<"$login")" "$(cut -d' ' -f4 <<<"$login")" >>"$RAW/flood.tsv"
        log "  login flood round $r: GET p99 $(tail -n2 "$RAW/flood.tsv" | head -n1 | cut -f5) ms alone," \
            "$(tail -n1 "$RAW/flood.tsv" | cut -f5) ms under $(tail -n1 "$RAW/flood.tsv" | cut -f9) logins/s"
    done
}
