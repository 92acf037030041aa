#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "http/AllowedHosts.hpp"
#include "http/Beast.hpp"
#include "http/ConnectionLimits.hpp"
#include "http/ConnectionSlot.hpp"
#include "http/IdleConnections.hpp"
#include "http/TrustedProxies.hpp"

namespace caseboard::http {

// Who may connect, and as whom: the proxies whose X-Forwarded-For is believed, the Host names
// served, each client's share of the connections, and which idle connection makes room when
// they run out.
class ClientGate {
  public:
    ClientGate(TrustedProxies proxies, AllowedHosts hosts, unsigned perClient, std::size_t capacity)
        : proxies_(std::move(proxies)),
          hosts_(std::move(hosts)),
          connections_(perClient, capacity) {}

    // A slot for a new connection from peer; nothing (close it unread) when its client has its
    // share, or when every slot is taken and no idle connection could make room.
    std::optional<ConnectionSlot> admit(const asio::ip::address& peer);
    // The client a request comes from: the peer, or whom a trusted proxy names.
    std::string clientAddress(const asio::ip::address& peer, std::string_view forwardedFor) const {
        return proxies_.clientAddress(peer, forwardedFor);
    }
    bool isProxy(const asio::ip::address& peer) const { return proxies_.isProxy(peer); }
    bool servesHost(std::string_view host) const { return hosts_.allows(host); }

    IdleConnections& idleConnections() { return idle_; }
    const ConnectionLimits& connections() const { return connections_; }

  private:
    // Connections let in beyond the capacity while as many idle ones are closing to make room:
    // the descriptors kept in reserve cover them.
    static constexpr std::size_t kHeadroom = 16;

    const TrustedProxies proxies_;
    const AllowedHosts hosts_;
    ConnectionLimits connections_;
    IdleConnections idle_;
};

}  // namespace caseboard::http
