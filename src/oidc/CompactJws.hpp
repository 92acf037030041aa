#pragma once

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace caseboard::oidc {

// The three parts of a JWS in compact serialisation (RFC 7515, 7.1), decoded; nothing checked.
struct CompactJws {
    boost::json::object header;
    boost::json::object payload;
    std::string signingInput;  // "<header>.<payload>" as received: what the signature covers
    std::string signature;

    // Empty unless `token` is three base64url parts whose first two are JSON objects.
    static std::optional<CompactJws> parse(std::string_view token);
};

}  // namespace caseboard::oidc
