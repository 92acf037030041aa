#!/usr/bin/env bash
# A throw-away OpenLDAP server for the directory tests, owned by whoever runs it (root too): no
# system service, no debconf, nothing outside DIR. Debian's packages slapd and ldap-utils.
#   slapd.sh prepare DIR          config, data (slapadd) and a throw-away CA + server certificate
#   slapd.sh start DIR [PORT TLS_PORT]
#                                 prepare, start slapd in the background (pid file in DIR), wait
#                                 until it answers, print ldap_url=, ldaps_url=, ca_file=, pid=
#   slapd.sh stop DIR             stop the slapd started by `start` in DIR (only that PID)
# The C++ fixture (SlapdServer) runs `prepare`, then slapd in the foreground itself.
# Directory: dc=hospital,dc=test; the passwords are in DIR/passwords (one `name=secret` a line),
# the service account's alone in DIR/service.password.
set -euo pipefail
PATH=/usr/sbin:/usr/bin:/sbin:/bin

die() { echo "slapd.sh: $*" >&2; exit 1; }

base="dc=hospital,dc=test"
service_dn="cn=caseboard-service,ou=services,$base"
manager_dn="cn=manager,$base"

# The users: uid, mail, groups they are in. `twin1`/`twin2` share one address on purpose.
# `dora` is disabled the Active Directory way (userAccountControl bit 0x2).
people() {
  cat <<'LIST'
alice|alice@hospital.test|admins editors
eddie|eddie@hospital.test|editors
vera|vera@hospital.test|viewers
nora|nora@hospital.test|
dora|dora@hospital.test|editors
leaver|leaver@hospital.test|editors
mover|mover@hospital.test|editors viewers
twin1|twin@hospital.test|viewers
twin2|twin@hospital.test|viewers
LIST
}
# A user whose DN needs escaping inside a filter (parentheses, an escaped comma).
odd_cn='Pat (Nights)\, Smith'
odd_mail=pat@hospital.test

secret() { openssl rand -hex 12; }
ssha() { slappasswd -h '{SSHA}' -s "$1"; }

write_schema() {  # a stand-in for Active Directory's account-state attribute
  cat >"$1/ad.schema" <<'SCHEMA'
attributetype ( 1.2.840.113556.1.4.8 NAME 'userAccountControl'
  EQUALITY integerMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.27 SINGLE-VALUE )
objectclass ( 1.2.840.113556.1.5.9 NAME 'user' SUP top AUXILIARY MAY userAccountControl )
SCHEMA
}

write_config() {  # write_config DIR MANAGER_HASH
  local dir=$1
  cat >"$dir/slapd.conf" <<CONF
include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
include $dir/ad.schema
pidfile $dir/slapd.pid
modulepath /usr/lib/ldap
moduleload back_mdb
TLSCACertificateFile $dir/ca.pem
TLSCertificateFile $dir/server.pem
TLSCertificateKeyFile $dir/server.key
# Like many servers (Active Directory among them), accept a DN with an empty password as an
# anonymous bind: a client that forwards an empty password would sign anyone in.
allow bind_anon_dn

database mdb
suffix "$base"
rootdn "$manager_dn"
rootpw $2
directory $dir/data
maxsize 16777216
index mail eq
index member,uniqueMember eq

# Anonymous may only authenticate; the service account reads the tree but no password.
access to attrs=userPassword
  by anonymous auth
  by * none
access to *
  by dn.exact="$service_dn" read
  by * none
CONF
}

write_ldif() {  # write_ldif FILE (needs the passwords file)
  local file=$1 uid mail groups
  {
    printf 'dn: %s\nobjectClass: dcObject\nobjectClass: organization\no: Hospital\ndc: hospital\n\n' "$base"
    for ou in people groups services; do
      printf 'dn: ou=%s,%s\nobjectClass: organizationalUnit\nou: %s\n\n' "$ou" "$base" "$ou"
    done
    printf 'dn: %s\nobjectClass: person\nobjectClass: simpleSecurityObject\ncn: caseboard-service\nsn: service\nuserPassword: %s\n\n' \
      "$service_dn" "$(ssha "$(password service)")"
    while IFS='|' read -r uid mail groups; do
      printf 'dn: uid=%s,ou=people,%s\nobjectClass: inetOrgPerson\nobjectClass: user\nuid: %s\ncn: %s\nsn: %s\nmail: %s\nuserPassword: %s\n' \
        "$uid" "$base" "$uid" "$uid" "$uid" "$mail" "$(ssha "$(password "$uid")")"
      [ "$uid" = dora ] && printf 'userAccountControl: 514\n'
      [ "$uid" = alice ] && printf 'userAccountControl: 512\n'
      printf '\n'
    done < <(people)
    printf 'dn: cn=%s,ou=people,%s\nobjectClass: inetOrgPerson\ncn: %s\nsn: Smith\nmail: %s\nuserPassword: %s\n\n' \
      "$odd_cn" "$base" "${odd_cn//\\/}" "$odd_mail" "$(ssha "$(password pat)")"
    for group in admins editors viewers; do
      printf 'dn: cn=caseboard-%s,ou=groups,%s\nobjectClass: groupOfNames\ncn: caseboard-%s\n' "$group" "$base" "$group"
      # groupOfNames needs a member: the service account stands in for an empty group.
      printf 'member: %s\n' "$service_dn"
      while IFS='|' read -r uid mail groups; do
        [[ " $groups " == *" $group "* ]] && printf 'member: uid=%s,ou=people,%s\n' "$uid" "$base"
      done < <(people)
      [ "$group" = editors ] && printf 'member: cn=%s,ou=people,%s\n' "$odd_cn" "$base"
      printf '\n'
    done
  } >"$file"
}

password() { sed -n "s/^$1=//p" "$dir/passwords"; }

write_certificates() {  # a CA, a server certificate for 127.0.0.1 it signed, and an unrelated CA
  local dir=$1
  (
    cd "$dir"
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
      -subj "/CN=Caseboard test CA" -keyout ca.key -out ca.pem 2>/dev/null
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
      -subj "/CN=Caseboard test CA" -keyout wrong-ca.key -out wrong-ca.pem 2>/dev/null
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=127.0.0.1" \
      -keyout server.key -out server.csr 2>/dev/null
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' >server.ext
    openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 \
      -extfile server.ext -out server.pem 2>/dev/null
    rm -f server.csr server.ext ca.key wrong-ca.key ca.srl
  )
}

prepare() {
  dir=$1
  [ -d "$dir" ] || die "no directory $dir"
  [ -f "$dir/slapd.conf" ] && return 0
  command -v slapd >/dev/null || die "slapd is missing: apt-get install slapd ldap-utils"
  umask 077
  {
    echo "service=$(secret)"
    echo "manager=$(secret)"
    echo "pat=$(secret)"
    while IFS='|' read -r uid _; do echo "$uid=$(secret)"; done < <(people)
  } >"$dir/passwords"
  printf '%s' "$(password service)" >"$dir/service.password"
  mkdir -p "$dir/data"
  write_schema "$dir"
  write_certificates "$dir"
  write_config "$dir" "$(ssha "$(password manager)")"
  write_ldif "$dir/directory.ldif"
  slapadd -q -f "$dir/slapd.conf" -l "$dir/directory.ldif" >"$dir/slapadd.log" 2>&1 \
    || die "slapadd failed: $(cat "$dir/slapadd.log")"
}

answers() {  # answers DIR URL: the service account can bind and read the base entry
  LDAPTLS_CACERT="$1/ca.pem" ldapsearch -x -o nettimeout=2 -l 2 -H "$2" -D "$service_dn" \
    -w "$(password service)" -b "$base" -s base dn >/dev/null 2>&1
}

start() {
  dir=$1
  prepare "$dir"
  [ -s "$dir/slapd.pid" ] && kill -0 "$(cat "$dir/slapd.pid")" 2>/dev/null && die "already running"
  local port=${2:-$((20000 + RANDOM % 20000))} tls_port=${3:-$((40000 + RANDOM % 20000))}
  local url="ldap://127.0.0.1:$port/" tls_url="ldaps://127.0.0.1:$tls_port/"
  slapd -h "$url $tls_url" -f "$dir/slapd.conf" -s 0 >"$dir/slapd.log" 2>&1 \
    || die "slapd did not start: $(cat "$dir/slapd.log")"
  for _ in $(seq 100); do
    if answers "$dir" "$url"; then
      printf 'ldap_url=%s\nldaps_url=%s\nca_file=%s\npid=%s\n' \
        "${url%/}" "${tls_url%/}" "$dir/ca.pem" "$(cat "$dir/slapd.pid")"
      return 0
    fi
    sleep 0.1
  done
  stop "$dir"
  die "slapd does not answer on $url"
}

stop() {
  dir=$1
  [ -s "$dir/slapd.pid" ] || return 0
  local pid
  pid=$(cat "$dir/slapd.pid")
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 50); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
}

case "${1:-}" in
  prepare) prepare "${2:?DIR}" ;;
  start) start "${2:?DIR}" "${3:-}" "${4:-}" ;;
  stop) stop "${2:?DIR}" ;;
  *) echo "usage: slapd.sh prepare|start|stop DIR [PORT TLS_PORT]" >&2; exit 2 ;;
esac
