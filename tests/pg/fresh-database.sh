#!/usr/bin/env bash
# A fresh, empty database on the test server of with-postgres.sh, for one server under test:
#
#   tests/pg/fresh-database.sh             creates one and prints its postgresql:// URL
#   tests/pg/fresh-database.sh --drop URL  drops it again (connections are closed first)
#
# Needs CASEBOARD_TEST_DATABASE_URL (set by tests/pg/with-postgres.sh) and psql.
set -euo pipefail
: "${CASEBOARD_TEST_DATABASE_URL:?run under tests/pg/with-postgres.sh}"
base="${CASEBOARD_TEST_DATABASE_URL%%\?*}"
query=""
[[ "$CASEBOARD_TEST_DATABASE_URL" == *\?* ]] && query="?${CASEBOARD_TEST_DATABASE_URL#*\?}"

if [[ "${1:-}" == "--drop" ]]; then
    name="${2:?usage: $0 --drop <url>}"
    name="${name%%\?*}"
    name="${name##*/}"
    [[ "$name" =~ ^caseboard_it_[a-z0-9]+$ ]] || { echo "$0: not a database of mine: $name" >&2; exit 2; }
    psql "$CASEBOARD_TEST_DATABASE_URL" -qc "DROP DATABASE IF EXISTS $name WITH (FORCE)" >/dev/null
    exit 0
fi

name="caseboard_it_$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')"
psql "$CASEBOARD_TEST_DATABASE_URL" -qc "CREATE DATABASE $name" >/dev/null
echo "${base%/*}/$name$query"
