#include "oidc/UserInfo.hpp"

#include "oidc/OidcError.hpp"

#include <boost/json/parse.hpp>

namespace caseboard::oidc {

namespace json = boost::json;

UserInfo::UserInfo(const HttpsClient& http) : http_(http) {}

json::object UserInfo::fetch(std::string_view endpoint, std::string_view accessToken,
                             std::string_view subject) const {
    const HttpsResponse response = http_.get(endpoint, "Bearer " + std::string(accessToken));
    if (response.status == 401 || response.status == 403) {
        throw OidcError::refused("UserInfo refused the access token");
    }
    boost::system::error_code error;
    json::value claims = json::parse(response.body, error);
    // A signed or encrypted answer (application/jwt) is not asked for, so not expected.
    if (response.status != 200 || error || !claims.is_object()) {
        throw OidcError::unavailable("UserInfo answered HTTP " + std::to_string(response.status));
    }
    const json::value* about = claims.get_object().if_contains("sub");
    if (about == nullptr || !about->is_string() || about->get_string() != subject) {
        throw OidcError::unverified("UserInfo is about another subject");
    }
    return std::move(claims.get_object());
}

}  // namespace caseboard::oidc
