#include "http/TrustedProxies.hpp"

#include <algorithm>
#include <optional>
#include <stdexcept>

#include "domain/Text.hpp"

namespace caseboard::http {

namespace ip = boost::asio::ip;

namespace {

// A dual-stack socket shows an IPv4 peer as ::ffff:a.b.c.d; it is the same host as a.b.c.d.
ip::address canonical(const ip::address& address) {
    if (address.is_v6() && address.to_v6().is_v4_mapped()) {
        return ip::make_address_v4(ip::v4_mapped, address.to_v6());
    }
    return address;
}

std::optional<ip::address> parseAddress(std::string_view text) {
    boost::system::error_code ec;
    auto address = ip::make_address(domain::trimmed(text), ec);
    if (ec) return std::nullopt;
    return canonical(address);
}

}  // namespace

TrustedProxies::TrustedProxies(const std::vector<std::string>& addresses) {
    for (const auto& text : addresses) {
        auto address = parseAddress(text);
        if (!address) {
            throw std::invalid_argument("--trusted-proxy: not an IP address: " + text);
        }
        addresses_.push_back(*address);
    }
}

std::string TrustedProxies::clientAddress(const ip::address& peer,
                                          std::string_view forwardedFor) const {
    auto client = canonical(peer);
    std::string_view rest = forwardedFor;
    for (std::size_t hop = 0; hop < kMaxHops && trusts(client) && !rest.empty(); ++hop) {
        auto comma = rest.rfind(',');
        auto entry = comma == std::string_view::npos ? rest : rest.substr(comma + 1);
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(0, comma);
        if (auto address = parseAddress(entry)) client = *address;
    }
    return client.to_string();
}

bool TrustedProxies::isProxy(const ip::address& peer) const {
    return trusts(canonical(peer));
}

bool TrustedProxies::trusts(const ip::address& address) const {
    return std::find(addresses_.begin(), addresses_.end(), address) != addresses_.end();
}

}  // namespace caseboard::http
