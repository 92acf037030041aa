# Installs what the harness needs from Debian (bookworm) with apt-get, only what is missing.
#   wrk, nginx, curl             the load generator, the ceiling, one-off requests
#   g++ cmake ninja-build        to build the load tool (and the server unless CASEBOARD_BINARY)
#   libboost1.81-dev libssl-dev  Boost.Beast/Asio and the WebSocket accept-key hash for the tool
#   and, unless CASEBOARD_BINARY names a server, the server's build deps (scripts/install-deps.sh)
# An nginx installed here must not start as a system service on port 80: while installing, a
# policy-rc.d that forbids service starts is put in place if none exists, and removed afterwards.

bench_packages() {
    local pkgs=(wrk curl g++ cmake ninja-build libboost1.81-dev libssl-dev)
    command -v nginx >/dev/null 2>&1 || pkgs+=(nginx)
    printf '%s\n' "${pkgs[@]}"
    # The server's own build needs what the project's installer lists (one list, one place).
    [[ -n "${CASEBOARD_BINARY:-}" ]] || bash "$REPO/scripts/install-deps.sh" --list build
}

is_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

install_packages() {
    local missing=() pkg
    while read -r pkg; do
        is_installed "$pkg" || missing+=("$pkg")
    done < <(bench_packages | awk '!seen[$0]++')
    if ((${#missing[@]} == 0)); then
        log "packages: all present"
        return 0
    fi
    [[ $EUID -eq 0 ]] || die "missing packages (${missing[*]}); run as root or install them first"
    log "installing: ${missing[*]}"
    local policy=/usr/sbin/policy-rc.d created_policy=0
    if [[ ! -e $policy ]]; then
        printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 755 "$policy" && created_policy=1
    fi
    local rc=0
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
        --no-install-recommends "${missing[@]}"; } >&2 || rc=$?
    ((created_policy)) && rm -f "$policy"
    ((rc == 0)) || die "apt-get install failed ($rc)"
}
