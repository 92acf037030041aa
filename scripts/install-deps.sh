#!/usr/bin/env bash
# Installs what Caseboard needs from Debian 12's packages. `build` (default): compiler and
# libraries; `fuzz`: also clang and its libFuzzer runtime (the fuzz targets); `test`: all of that
# and the test tools (Chromium, Node.js, PostgreSQL, nginx, OpenLDAP: the system slapd that the
# package may start is never used; the tests run their own).
# Installs only what is missing, so it is cheap to run again. `--list build|fuzz|test` only prints
# the packages (the benchmark harness installs them with its own).
set -euo pipefail
list=0
if [ "${1:-}" = --list ]; then
  list=1
  shift
fi
mode=${1:-build}

build_packages=(g++ cmake ninja-build pkg-config git ca-certificates
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsodium-dev libspdlog-dev libcli11-dev libssl-dev libsqlite3-dev libpq-dev libldap-dev libgtest-dev)
fuzz_packages=(clang-14 libclang-rt-14-dev)
test_packages=(chromium postgresql nginx curl procps openssl slapd ldap-utils)
# Node.js and npm run the browser tests; a machine that already has node keeps its own.
command -v node >/dev/null 2>&1 || test_packages+=(nodejs npm)

wanted=("${build_packages[@]}")
[ "$mode" = fuzz ] && wanted+=("${fuzz_packages[@]}")
[ "$mode" = test ] && wanted+=("${fuzz_packages[@]}" "${test_packages[@]}")

if [ "$list" = 1 ]; then
  printf '%s\n' "${wanted[@]}"
  exit 0
fi

missing=()
for package in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing: ${missing[*]}"
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
