#pragma once

#include <boost/asio/ip/address.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace caseboard::http {

// The reverse proxies in front of this server (nginx), by exact address. Behind them every
// connection comes from a proxy, so sign-in throttling and the access log need the address the
// proxy names in X-Forwarded-For. Anyone else's X-Forwarded-For is ignored: a client can write
// whatever it likes there.
class TrustedProxies {
  public:
    TrustedProxies() = default;
    // Throws std::invalid_argument naming an entry that is not an IP address.
    explicit TrustedProxies(const std::vector<std::string>& addresses);

    // Who the request is for. `forwardedFor`: the request's X-Forwarded-For values, joined by
    // commas in order. From a trusted proxy, the right-most entry that is not itself a trusted
    // proxy (each proxy appends the address it heard from, so entries further left are only
    // what the client claimed); malformed entries are skipped.
    std::string clientAddress(const boost::asio::ip::address& peer,
                              std::string_view forwardedFor) const;
    // Whether a connection from `peer` comes from one of the proxies.
    bool isProxy(const boost::asio::ip::address& peer) const;

  private:
    bool trusts(const boost::asio::ip::address& address) const;

    // No chain of proxies is longer; a longer header is someone padding it.
    static constexpr std::size_t kMaxHops = 32;

    std::vector<boost::asio::ip::address> addresses_;
};

}  // namespace caseboard::http
