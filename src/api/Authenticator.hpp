#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "api/ApiRequest.hpp"
#include "auth/TokenService.hpp"

namespace caseboard::api {

// Who is calling, from the bearer token of the request.
class Authenticator {
public:
    explicit Authenticator(const auth::TokenService& tokens) : tokens_(tokens) {}

    // The caller's claims, or ApiError 401 with WWW-Authenticate: Bearer.
    auth::TokenClaims require(const ApiRequest& request) const;
    std::optional<auth::TokenClaims> verify(std::string_view token) const {
        return tokens_.verify(token);
    }

    // The token of an "Authorization: Bearer <token>" header value, if that is what it is.
    static std::optional<std::string_view> bearerToken(std::string_view header);

private:
    const auth::TokenService& tokens_;
};

}  // namespace caseboard::api
