# shellcheck shell=bash
# Loopback ports for the servers that tests and benchmarks start. They are drawn from below the
# kernel's ephemeral range: a port inside it can be held at any moment by an outgoing connection
# of the same run (to PostgreSQL, say), and binding it then fails with "address in use".

# port_in_use PORT → true if something accepts connections on 127.0.0.1:PORT.
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# unused_loopback_port → prints a port nothing listens on, outside the ephemeral range.
unused_loopback_port() {
    local ephemeral_low=32768 floor=10000 port
    read -r ephemeral_low _ </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || true
    if ((ephemeral_low - floor < 1000)); then floor=1024; fi
    for _ in $(seq 1 100); do
        port=$((floor + RANDOM % (ephemeral_low - floor)))
        port_in_use "$port" || { echo "$port"; return 0; }
    done
    echo "no unused loopback port below $ephemeral_low" >&2
    return 1
}
