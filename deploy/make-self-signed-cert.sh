#!/usr/bin/env bash
# Makes a self-signed TLS certificate for nginx, for a trial or until the hospital's own
# certificate authority issues one:
#
#   deploy/make-self-signed-cert.sh <host name> [<directory>]
#
# writes <directory>/caseboard.crt and <directory>/caseboard.key (default /etc/caseboard/tls),
# valid for two years for <host name>, localhost and 127.0.0.1. The key never leaves the machine
# and is readable by root only. Browsers warn about a self-signed certificate until it is trusted
# (install caseboard.crt on the ward PCs, or replace both files with certificates from your CA).
set -euo pipefail

if [[ $# -lt 1 ]]; then
    echo "usage: $0 <host name> [<directory>]" >&2
    exit 2
fi
host="$1"
dir="${2:-/etc/caseboard/tls}"
san="DNS:${host},DNS:localhost,IP:127.0.0.1"
if [[ "$host" =~ ^[0-9.]+$ ]]; then san="IP:${host},DNS:localhost,IP:127.0.0.1"; fi

mkdir -p "$dir"
umask 077
openssl req -x509 -newkey rsa:3072 -sha256 -days 730 -nodes \
    -keyout "$dir/caseboard.key" -out "$dir/caseboard.crt" \
    -subj "/CN=${host}" -addext "subjectAltName=${san}" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=digitalSignature,keyCertSign" \
    -addext "extendedKeyUsage=serverAuth" 2>/dev/null
chmod 0600 "$dir/caseboard.key"
chmod 0644 "$dir/caseboard.crt"
echo "wrote $dir/caseboard.crt and $dir/caseboard.key for ${host}"
