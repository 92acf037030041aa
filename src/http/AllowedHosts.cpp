#include "http/AllowedHosts.hpp"

#include <boost/asio/ip/address.hpp>

#include <algorithm>
#include <stdexcept>

#include "domain/Text.hpp"

namespace caseboard::http {

namespace {

bool isPort(std::string_view text) {
    return !text.empty() && text.size() <= 5 &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

AllowedHosts::AllowedHosts(const std::string& bindAddress, const std::vector<std::string>& names) {
    for (const auto& text : names) {
        auto name = parse(domain::trimmed(text));
        if (!name) throw std::invalid_argument("--allowed-hosts: not a host name: " + text);
        names_.push_back(std::move(*name));
    }
    boost::system::error_code ec;
    auto address = boost::asio::ip::make_address(bindAddress, ec);
    enforced_ = (!ec && address.is_loopback()) || !names_.empty();
}

bool AllowedHosts::allows(std::string_view host) const {
    if (!enforced_ || host.empty()) return true;
    auto name = parse(host);
    if (!name) return false;
    if (isLoopbackName(name->host)) return true;
    return std::any_of(names_.begin(), names_.end(), [&name](const Name& allowed) {
        return allowed.host == name->host && (!allowed.port || allowed.port == name->port);
    });
}

// "host", "host:port", "[v6]" or "[v6]:port".
std::optional<AllowedHosts::Name> AllowedHosts::parse(std::string_view text) {
    const std::string lower = domain::lowerAscii(text);
    std::string_view rest = lower;
    std::size_t hostLength = std::min(rest.find(':'), rest.size());
    if (rest.starts_with('[')) {
        auto close = rest.find(']');
        if (close == std::string_view::npos) return std::nullopt;
        hostLength = close + 1;
    }
    Name name{std::string(rest.substr(0, hostLength)), std::nullopt};
    rest.remove_prefix(hostLength);
    if (name.host.empty()) return std::nullopt;
    if (rest.empty()) return name;
    if (!rest.starts_with(':') || !isPort(rest.substr(1))) return std::nullopt;
    name.port = std::string(rest.substr(1));
    return name;
}

bool AllowedHosts::isLoopbackName(const std::string& host) {
    if (host == "localhost" || host == "[::1]") return true;
    boost::system::error_code ec;
    auto address = boost::asio::ip::make_address_v4(host, ec);
    return !ec && address.is_loopback();
}

}  // namespace caseboard::http
