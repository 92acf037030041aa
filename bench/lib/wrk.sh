# Running wrk and reading its report.
# Globals: BENCH_DURATION (s), WRK_CONNECTIONS, WRK_THREADS.

# wrk_run OUTFILE [wrk arguments…] → wrk -t$WRK_THREADS -c$WRK_CONNECTIONS -d$BENCH_DURATION
# --latency, bounded by `timeout`. The report goes to OUTFILE.
wrk_run() {
    local out=$1
    shift
    timeout $((BENCH_DURATION + 30)) wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"${BENCH_DURATION}s" \
        --timeout 5s --latency "$@" >"$out" 2>&1 || log "wrk exited with $? (see $(basename "$out"))"
}

# wrk_parse FILE → "req/s p50_ms p99_ms non2xx socket_errors requests"
wrk_parse() {
    awk '
        function ms(v) {
            if (v ~ /us$/) { sub(/us$/, "", v); return v / 1000 }
            if (v ~ /ms$/) { sub(/ms$/, "", v); return v + 0 }
            if (v ~ /m$/)  { sub(/m$/, "", v);  return v * 60000 }
            if (v ~ /s$/)  { sub(/s$/, "", v);  return v * 1000 }
            return v + 0
        }
        $1 == "50%" { p50 = ms($2) }
        $1 == "99%" { p99 = ms($2) }
        $1 == "Requests/sec:" { rps = $2 }
        /Non-2xx or 3xx responses:/ { non = $NF }
        /Socket errors:/ { gsub(",", ""); err = $4 + $6 + $8 + $10 }
        / requests in / { reqs = $1 }
        END { printf "%.2f %.3f %.3f %d %d %d\n", rps, p50, p99, non, err, reqs }
    ' "$1"
}
