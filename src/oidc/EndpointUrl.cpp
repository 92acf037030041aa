#include "oidc/EndpointUrl.hpp"

#include "oidc/OidcError.hpp"

#include <boost/url/parse.hpp>

#include <algorithm>
#include <cctype>

namespace caseboard::oidc {

namespace urls = boost::urls;

namespace {

bool isLocalhostName(std::string_view name) {
    constexpr std::string_view localhost = "localhost";
    return std::equal(
        name.begin(), name.end(), localhost.begin(), localhost.end(),
        [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
}

bool isLoopbackHost(const urls::url_view& url) {
    switch (url.host_type()) {
        case urls::host_type::ipv4:
            return url.host_ipv4_address().to_bytes()[0] == 127;
        case urls::host_type::ipv6:
            return url.host_ipv6_address().is_loopback();
        case urls::host_type::name:
            return isLocalhostName(url.host());
        default:
            return false;
    }
}

std::string hostOf(const urls::url_view& url) {
    if (url.host_type() == urls::host_type::ipv6) return url.host_ipv6_address().to_string();
    return url.host();
}

}  // namespace

EndpointUrl EndpointUrl::parse(std::string_view text) {
    // An absolute URI has no fragment: one is refused here already.
    const auto parsed = urls::parse_absolute_uri(text);
    if (!parsed) throw OidcError::unavailable("not an absolute URL: " + std::string(text));
    const urls::url_view& url = *parsed;
    const std::string scheme = url.scheme();
    // With an authority the path is empty or starts with "/" (RFC 3986, 3.3). Boost.URL 1.81
    // reads "127.0.0.1.example.test" as the address 127.0.0.1 and a path ".example.test":
    // that must not pass as loopback.
    const bool pathFollowsHost = url.encoded_path().empty() || url.encoded_path().starts_with('/');
    if (!pathFollowsHost || url.has_userinfo() || url.host().empty() ||
        (url.host_type() != urls::host_type::name && url.host_type() != urls::host_type::ipv4 &&
         url.host_type() != urls::host_type::ipv6)) {
        throw OidcError::unavailable("unusable host in URL: " + std::string(text));
    }
    if (scheme != "https" && !(scheme == "http" && isLoopbackHost(url))) {
        throw OidcError::unavailable(
            "only https://, or http:// on a loopback address, is allowed: " + std::string(text));
    }
    EndpointUrl endpoint;
    endpoint.tls_ = scheme == "https";
    endpoint.host_ = hostOf(url);
    endpoint.hostIsAddress_ = url.host_type() != urls::host_type::name;
    endpoint.port_ = url.port().empty() ? (endpoint.tls_ ? "443" : "80") : std::string(url.port());
    endpoint.target_ = url.encoded_path().empty() ? "/" : std::string(url.encoded_path());
    if (url.has_query()) endpoint.target_ += "?" + std::string(url.encoded_query());
    endpoint.authority_ = url.encoded_host_and_port();
    return endpoint;
}

}  // namespace caseboard::oidc
