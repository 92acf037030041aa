# The ceiling: nginx with its own configuration in a temporary directory — 1 worker, keep-alive,
# no access log, loopback port — serving static files (bytes captured from Caseboard).
# Globals: NGINX_PID, NGINX_PORT.

# nginx_start DIR HEADERS_FILE → serves DIR/www/* on a free 127.0.0.1 port; HEADERS_FILE holds
# "Name: value" lines (Caseboard's extra response headers) that nginx adds to every response, so
# that both servers send comparable headers.
nginx_start() {
    local dir=$1 headers=$2 attempt port extra="" name value
    mkdir -p "$dir/logs"
    while IFS= read -r line; do
        name=${line%%:*}
        value=${line#*: }
        value=${value//\"/\\\"}
        extra+="        add_header $name \"$value\" always;"$'\n'
    done <"$headers"
    for ((attempt = 0; attempt < 20; attempt++)); do
        port=$(unused_loopback_port)
        {
            [[ $EUID -eq 0 ]] && echo "user root;"
            cat <<CONF
worker_processes 1;
daemon off;
master_process on;
pid $dir/nginx.pid;
error_log $dir/logs/error.log warn;
worker_rlimit_nofile 65536;
events {
    worker_connections 4096;
}
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    tcp_nodelay on;
    keepalive_timeout 65s;
    keepalive_requests 1000000;
    server_tokens off;
    etag off;
    types { }
    default_type application/json;
    server {
        listen 127.0.0.1:$port;
        root $dir/www;
$extra        location / {
            try_files \$uri =404;
        }
    }
}
CONF
        } >"$dir/nginx.conf"
        nginx -p "$dir" -c "$dir/nginx.conf" -e "$dir/logs/error.log" >"$dir/logs/stdout.log" 2>&1 </dev/null &
        NGINX_PID=$!
        local i
        for ((i = 0; i < 50; i++)); do
            if port_in_use "$port"; then
                NGINX_PORT=$port
                return 0
            fi
            is_alive "$NGINX_PID" || break
            sleep 0.1
        done
        stop_pid "$NGINX_PID" TERM 5
        NGINX_PID=
        grep -q 'Address already in use' "$dir/logs/error.log" 2>/dev/null && continue
        cat "$dir/logs/error.log" "$dir/logs/stdout.log" >&2 2>/dev/null || true
        die "nginx did not start"
    done
    die "no free port for nginx"
}

nginx_stop() {
    [[ -n ${NGINX_PID:-} ]] || return 0
    stop_pid "$NGINX_PID" TERM 10
    NGINX_PID=
}
