#pragma once

#include <boost/json.hpp>

#include <string>

namespace caseboard::it {

// Just enough JWT to inspect the server's tokens and to forge bad ones.
class Jwt {
  public:
    static std::string base64UrlEncode(const std::string& bytes);
    static std::string base64UrlDecode(const std::string& text);

    static boost::json::object header(const std::string& token);
    static boost::json::object payload(const std::string& token);

    // header.payload.signature with HMAC (alg "HS256" or "HS512") over the given key; any other
    // alg (e.g. "none") gets an empty signature.
    static std::string sign(const boost::json::object& header, const boost::json::object& payload,
                            const std::string& key);
    // The token with the last character of its signature changed.
    static std::string tamperSignature(const std::string& token);
    // The token with its payload replaced (the original signature kept).
    static std::string replacePayload(const std::string& token, const boost::json::object& payload);
};

}  // namespace caseboard::it
