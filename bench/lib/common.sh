# Shared helpers of bench/run.sh: logging, key=value reading, medians.

log() { printf '[bench %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# kv KEY FILE → the value of the first "KEY=value" line of FILE (empty if none).
kv() { { grep -m1 "^$1=" "$2" 2>/dev/null || true; } | cut -d= -f2-; }

# median < numbers (one per line) → the median ("n/a" if none).
median() {
    sort -g | awk '{ a[NR] = $1 } END {
        if (NR == 0) { print "n/a"; exit }
        if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

# sleep_ms N → sleeps N milliseconds.
sleep_ms() { sleep "$(printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)))"; }

# is_alive PID → true while the process runs (a zombie, exited but not yet reaped, is not alive).
is_alive() {
    [[ -n "${1:-}" ]] && kill -0 "$1" 2>/dev/null || return 1
    local state
    state=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1)
    [[ "$state" != Z ]]
}

# stop_pid PID [SIGNAL] [TIMEOUT_S] → sends SIGNAL (TERM), waits up to TIMEOUT_S (10), then KILL.
stop_pid() {
    local pid=$1 signal=${2:-TERM} timeout_s=${3:-10} i
    is_alive "$pid" || { wait "$pid" 2>/dev/null || true; return 0; }
    kill -"$signal" "$pid" 2>/dev/null || true
    for ((i = 0; i < timeout_s * 10; i++)); do
        is_alive "$pid" || break
        sleep 0.1
    done
    if is_alive "$pid"; then
        log "pid $pid still alive after ${timeout_s}s: SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
}

# port_in_use and unused_loopback_port.
# shellcheck source=../../scripts/lib/ports.sh
. "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib/ports.sh"
