#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace caseboard::http {

// The names this server answers to in the Host header. A page on an attacker's site can make a
// browser send requests to a server on 127.0.0.1 under the attacker's own name, once that name
// resolves there (DNS rebinding): the Host header still carries the attacker's name, so a server
// on loopback answers only to loopback names and the names it is given.
class AllowedHosts {
  public:
    // `bindAddress`: where the server listens. `names`: --allowed-hosts, each "name" (any port)
    // or "name:port". Throws std::invalid_argument naming an empty entry.
    AllowedHosts(const std::string& bindAddress, const std::vector<std::string>& names);

    // Whether a request carrying this Host header value may be served. A request without one
    // is no browser's, and is served.
    bool allows(std::string_view host) const;

  private:
    struct Name {
        std::string host;                 // lower case; IPv6 with its brackets
        std::optional<std::string> port;  // none: any port
    };
    static std::optional<Name> parse(std::string_view text);
    static bool isLoopbackName(const std::string& host);

    bool enforced_ = false;
    std::vector<Name> names_;
};

}  // namespace caseboard::http
