#!/usr/bin/env bash
# Two Caseboard instances on one PostgreSQL database behind nginx, set up from deploy/ as the
# README says (the systemd unit's command line and environment file, nginx's configuration, a
# self-signed certificate), then a WebSocket client on each instance and two through nginx
# (wss://) must receive every event of writes made through A, through B and through nginx, and
# every text typed on A and through nginx, exactly once.
#
#   tests/pg/run-two-instances.sh [path/to/caseboard]
#
# Runs its own private PostgreSQL (tests/pg/with-postgres.sh) unless CASEBOARD_TEST_DATABASE_URL
# is set. Needs nginx, openssl, psql and node (18+, with npm ci done). Exit code 77 (skipped) if nginx or node is
# missing.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
binary="${1:-${CASEBOARD_BINARY:-$root/build/caseboard}}"
binary="$(realpath "$binary")"

if [[ -z "${CASEBOARD_TEST_DATABASE_URL:-}" ]]; then
    exec "$here/with-postgres.sh" "$0" "$binary"
fi
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"
for tool in "$nginx_bin" node openssl psql; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "skipped: $tool is not installed" >&2
        exit 77
    fi
done

work="$(mktemp -d "${TMPDIR:-/tmp}/caseboard-nginx.XXXXXX")"
pids=()
nginx_pid=""
database=""
# SIGTERM, then SIGKILL if a process is still there after 15 s, so that the test always ends;
# false if one needed it (a server must stop on SIGTERM).
stop_all() {
    local pid stopped=0
    for pid in "$@"; do kill "$pid" 2>/dev/null || true; done
    for _ in $(seq 1 150); do
        local alive=0
        for pid in "$@"; do kill -0 "$pid" 2>/dev/null && alive=1; done
        [[ $alive -eq 0 ]] && break
        sleep 0.1
    done
    for pid in "$@"; do
        if kill -0 "$pid" 2>/dev/null; then
            echo "process $pid did not stop within 15 s of SIGTERM" >&2
            kill -KILL "$pid" 2>/dev/null || true
            stopped=1
        fi
        wait "$pid" 2>/dev/null || true
    done
    return $stopped
}
cleanup() {
    local code=$?
    if [[ -n "$nginx_pid" ]]; then stop_all "$nginx_pid" || code=1; fi
    if [[ ${#pids[@]} -gt 0 ]]; then stop_all "${pids[@]}" || code=1; fi
    if [[ $code -ne 0 ]]; then
        for file in "$work"/instance-*.log "$work"/nginx-error.log; do
            [[ -f "$file" ]] && { echo "----- $(basename "$file") (tail) -----" >&2; tail -n 20 "$file" >&2; }
        done
    fi
    if [[ -n "$database" ]]; then
        PGCONNECT_TIMEOUT=10 psql "$CASEBOARD_TEST_DATABASE_URL" -qc "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null 2>&1 || true
    fi
    rm -rf "$work"
    exit $code
}
trap cleanup EXIT
trap 'exit 130' INT TERM

source "$root/scripts/lib/ports.sh"

# 1. A database of its own on the test server.
database="caseboard_nginx_${RANDOM}${RANDOM}"
psql "$CASEBOARD_TEST_DATABASE_URL" -qc "CREATE DATABASE $database" >/dev/null
url="${CASEBOARD_TEST_DATABASE_URL%/*}/$database"

# 2. The systemd unit is valid, and its command line and environment file start the instances.
unit="$root/deploy/systemd/caseboard@.service"
if command -v systemd-analyze >/dev/null 2>&1; then
    mkdir -p "$work/units"
    touch "$work/jwt-secret-for-verify"
    sed -e "s|^ExecStart=/usr/local/bin/caseboard|ExecStart=$binary|" \
        -e "s|^EnvironmentFile=.*|EnvironmentFile=$root/deploy/caseboard.env.example|" \
        -e "s|^LoadCredential=jwt-secret:.*|LoadCredential=jwt-secret:$work/jwt-secret-for-verify|" \
        "$unit" >"$work/units/caseboard@8001.service"
    if systemd-analyze verify "$work/units/caseboard@8001.service" 2>&1 | tee "$work/verify.log" | grep -q .; then
        echo "systemd-analyze verify found problems in $unit:" >&2
        cat "$work/verify.log" >&2
        exit 1
    fi
fi
mkdir -p "$work/credentials"
head -c 32 /dev/urandom >"$work/credentials/jwt-secret"   # as /etc/caseboard/jwt-secret
chmod 0600 "$work/credentials/jwt-secret"
sed -e "s|^CASEBOARD_DATABASE_URL=.*|CASEBOARD_DATABASE_URL=$url|" \
    -e "s|^CASEBOARD_REGISTRATION=.*|CASEBOARD_REGISTRATION=open|" \
    "$root/deploy/caseboard.env.example" >"$work/caseboard.env"
mapfile -t environment < <(grep -E '^[A-Z_]+=' "$work/caseboard.env")
exec_start="$(sed -n 's/^ExecStart=//p' "$unit")"
# Each instance binds a port of the kernel's choosing (the unit's %i is the port) and logs it,
# so no other process can take it between choosing and binding.
instance_ports=()
for instance in a b; do
    command_line="${exec_start//%i/0}"
    command_line="${command_line//%d/$work/credentials}"
    command_line="${command_line/\/usr\/local\/bin\/caseboard/$binary}"
    # Created here, not by the redirection below: that one happens in the child, so a read
    # just after the fork could find no file, fail and end the script (set -e). The clean-up's
    # SIGTERM then reached the other instance 50 ms after it started, and now and then the new
    # one still between fork and exec, where the signal can be lost (1 in 200 in a loop here).
    : >"$work/instance-$instance.log"
    # shellcheck disable=SC2086  # the unit's command line, split into words as systemd does
    env -i PATH=/usr/bin:/bin "${environment[@]}" $command_line >>"$work/instance-$instance.log" 2>&1 &
    pids+=("$!")
    port=""
    for _ in $(seq 1 150); do
        port="$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9]*\).*|\1|p' "$work/instance-$instance.log")"
        [[ -n "$port" ]] && break
        sleep 0.1
    done
    if [[ -z "$port" ]]; then
        echo "instance $instance did not start" >&2
        exit 1
    fi
    instance_ports+=("$port")
done
port_a="${instance_ports[0]}"
port_b="${instance_ports[1]}"

# 3. TLS and nginx, from deploy/, on free loopback ports instead of 80 and 443.
"$root/deploy/make-self-signed-cert.sh" 127.0.0.1 "$work/tls" >/dev/null
port_http="$(unused_loopback_port)"
port_tls="$(unused_loopback_port)"
sed -e "s|server 127.0.0.1:8001|server 127.0.0.1:$port_a|" \
    -e "s|server 127.0.0.1:8002|server 127.0.0.1:$port_b|" \
    -e "s|listen 80;|listen 127.0.0.1:$port_http;|" \
    -e "s|listen 443 ssl;|listen 127.0.0.1:$port_tls ssl;|" \
    -e "/listen \[::\]/d" \
    -e "s|/etc/caseboard/tls/|$work/tls/|" \
    -e "s|/var/log/nginx/|$work/|" \
    "$root/deploy/nginx/caseboard.conf" >"$work/caseboard.conf"
mkdir -p "$work/tmp"
chmod 0777 "$work/tmp"
user_line=""
if [[ "$(id -u)" -eq 0 ]]; then user_line="user nobody nogroup;"; fi
cat >"$work/nginx.conf" <<CONF
$user_line
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
events { worker_connections 256; }
http {
    access_log off;
    client_body_temp_path $work/tmp/body;
    proxy_temp_path $work/tmp/proxy;
    fastcgi_temp_path $work/tmp/fastcgi;
    uwsgi_temp_path $work/tmp/uwsgi;
    scgi_temp_path $work/tmp/scgi;
    include $work/caseboard.conf;
}
CONF
chmod 0755 "$work"
"$nginx_bin" -t -q -p "$work" -c "$work/nginx.conf" -e "$work/nginx-error.log"
"$nginx_bin" -p "$work" -c "$work/nginx.conf" -e "$work/nginx-error.log" -g "daemon off;" &
nginx_pid=$!
for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port_tls") 2>/dev/null && break
    sleep 0.1
done

# Plain HTTP only redirects to HTTPS.
redirect="$(curl -s --max-time 10 -o /dev/null -w '%{http_code} %{redirect_url}' "http://127.0.0.1:$port_http/cases/" || true)"
if [[ "$redirect" != 301\ https://* ]]; then
    echo "http:// did not redirect to https://: $redirect" >&2
    exit 1
fi

# 4. The WebSocket clients.
NODE_EXTRA_CA_CERTS="$work/tls/caseboard.crt" node --no-warnings \
    "$here/ws-check.mjs" "http://127.0.0.1:$port_a" "http://127.0.0.1:$port_b" \
    "https://127.0.0.1:$port_tls"

# nginx spread the sockets over both instances, and kept tokens out of its log.
for _ in $(seq 1 50); do
    [[ $(grep -c "GET /ws\" 101" "$work/caseboard.access.log" 2>/dev/null || true) -ge 2 ]] && break
    sleep 0.1
done
for port in "$port_a" "$port_b"; do
    if ! grep -q "GET /ws\" 101 .*upstream=127.0.0.1:$port" "$work/caseboard.access.log"; then
        echo "nginx sent no WebSocket to the instance on port $port" >&2
        cat "$work/caseboard.access.log" >&2
        exit 1
    fi
done
if grep -q "token=" "$work/caseboard.access.log"; then
    echo "a token reached nginx's access log" >&2
    exit 1
fi
echo "ok: two instances on one database, directly and through nginx (TLS, WebSocket upgrade)"
