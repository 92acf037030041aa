#pragma once

#include <string>
#include <string_view>

namespace caseboard::oidc {

// An address the relying party may talk to: https://, or http:// when the host is a loopback
// address (127.0.0.0/8, ::1, localhost), where nothing on the network can read or change it.
class EndpointUrl {
  public:
    // Throws OidcError (unavailable) for anything else, or a URL with user info or a fragment.
    static EndpointUrl parse(std::string_view text);

    bool tls() const { return tls_; }
    // The host as the resolver and certificate check take it (an IPv6 address without brackets).
    const std::string& host() const { return host_; }
    bool hostIsAddress() const { return hostIsAddress_; }
    const std::string& port() const { return port_; }
    // Path and query, as sent in the request line.
    const std::string& target() const { return target_; }
    // The Host header field.
    const std::string& authority() const { return authority_; }

  private:
    EndpointUrl() = default;

    bool tls_ = true;
    std::string host_;
    bool hostIsAddress_ = false;
    std::string port_;
    std::string target_;
    std::string authority_;
};

}  // namespace caseboard::oidc
