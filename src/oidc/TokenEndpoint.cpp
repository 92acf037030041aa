#include "oidc/TokenEndpoint.hpp"

#include "oidc/OidcError.hpp"

#include <sodium.h>
#include <boost/json/parse.hpp>
#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include <algorithm>
#include <initializer_list>
#include <utility>

namespace caseboard::oidc {

namespace json = boost::json;

namespace {

constexpr std::size_t kMaxErrorCodeLength = 64;

std::string formEncode(std::string_view value) {
    return boost::urls::encode(value, boost::urls::unreserved_chars);
}

std::string formBody(std::initializer_list<std::pair<std::string_view, std::string_view>> fields) {
    std::string body;
    for (const auto& [name, value] : fields) {
        if (!body.empty()) body += '&';
        body += formEncode(name) + "=" + formEncode(value);
    }
    return body;
}

std::string base64(std::string_view bytes) {
    constexpr int variant = sodium_base64_VARIANT_ORIGINAL;
    std::string out(sodium_base64_ENCODED_LEN(bytes.size(), variant), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                      bytes.size(), variant);
    out.resize(out.find('\0'));
    return out;
}

// The provider's error code (RFC 6749, 5.2) is a short token; anything else in it is dropped
// before it reaches a log.
std::string errorCode(const json::value& body) {
    const json::value* error = body.is_object() ? body.get_object().if_contains("error") : nullptr;
    if (error == nullptr || !error->is_string()) return "no error code";
    std::string code(error->get_string());
    code.resize(std::min(code.size(), kMaxErrorCodeLength));
    std::erase_if(code, [](char c) { return !((c >= 'a' && c <= 'z') || c == '_'); });
    return code;
}

}  // namespace

TokenEndpoint::TokenEndpoint(const HttpsClient& http, std::string clientId,
                             std::string clientSecret, std::string redirectUri)
    : http_(http),
      clientId_(std::move(clientId)),
      clientSecret_(std::move(clientSecret)),
      redirectUri_(std::move(redirectUri)) {}

TokenResponse TokenEndpoint::exchange(std::string_view tokenEndpoint, std::string_view code,
                                      std::string_view codeVerifier) const {
    const HttpsResponse response = http_.postForm(tokenEndpoint,
                                                  formBody({{"grant_type", "authorization_code"},
                                                            {"code", code},
                                                            {"redirect_uri", redirectUri_},
                                                            {"code_verifier", codeVerifier}}),
                                                  basicCredentials());
    boost::system::error_code parseError;
    const json::value body = json::parse(response.body, parseError);
    if (response.status == 400 || response.status == 401) {
        throw OidcError::refused("token endpoint refused the code: " + errorCode(body));
    }
    if (response.status != 200 || parseError || !body.is_object()) {
        throw OidcError::unavailable("token endpoint answered HTTP " +
                                     std::to_string(response.status));
    }
    const json::value* idToken = body.get_object().if_contains("id_token");
    if (idToken == nullptr || !idToken->is_string()) {
        throw OidcError::unverified("token response has no ID token");
    }
    const json::value* accessToken = body.get_object().if_contains("access_token");
    return TokenResponse{std::string(idToken->get_string()),
                         accessToken != nullptr && accessToken->is_string()
                             ? std::string(accessToken->get_string())
                             : std::string()};
}

// RFC 6749, 2.3.1: both parts are form-encoded before they are joined and base64-encoded.
std::string TokenEndpoint::basicCredentials() const {
    return "Basic " + base64(formEncode(clientId_) + ":" + formEncode(clientSecret_));
}

}  // namespace caseboard::oidc
