#include "api/Authenticator.hpp"

#include <strings.h>

#include "api/ApiError.hpp"

namespace caseboard::api {

std::optional<std::string_view> Authenticator::bearerToken(std::string_view header) {
    constexpr std::string_view scheme = "bearer ";
    if (header.size() <= scheme.size() ||
        strncasecmp(header.data(), scheme.data(), scheme.size()) != 0) {
        return std::nullopt;
    }
    header.remove_prefix(scheme.size());
    while (!header.empty() && header.front() == ' ') header.remove_prefix(1);
    while (!header.empty() && header.back() == ' ') header.remove_suffix(1);
    if (header.empty()) return std::nullopt;
    return header;
}

domain::User Authenticator::requireUser(const ApiRequest& request, Need need) const {
    return currentUser(require(request).userId, need);
}

std::optional<domain::User> Authenticator::requireRememberedUser(const ApiRequest& request,
                                                                 Need need) const {
    auto user = users_.find(require(request).userId);
    if (!user) return std::nullopt;
    return allowed(std::move(*user), need);
}

domain::User Authenticator::currentUser(const std::string& userId, Need need) const {
    if (auto remembered = users_.find(userId)) return allowed(std::move(*remembered), need);
    auto generation = users_.generation();
    auto user = store_.findUserById(userId);
    if (!user) throw ApiError::unauthorized("Could not validate credentials");
    if (rememberUsers_) {
        domain::User remembered = *user;
        remembered.passwordHash.clear();  // not needed to authorize, so not kept
        users_.keep(userId, std::move(remembered), generation);
    }
    return allowed(std::move(*user), need);
}

domain::User Authenticator::allowed(domain::User user, Need need) {
    bool allowed = need == Need::Reader || (need == Need::Editor && domain::mayEdit(user.role)) ||
                   user.role == domain::Role::Admin;
    if (!allowed) throw ApiError(403, "Forbidden");
    return user;
}

auth::TokenClaims Authenticator::require(const ApiRequest& request) const {
    if (request.authorization.empty()) throw ApiError::unauthorized("Not authenticated");
    auto token = bearerToken(request.authorization);
    if (!token) throw ApiError::unauthorized("Not authenticated");
    auto claims = tokens_.verify(*token);
    if (!claims) throw ApiError::unauthorized("Could not validate credentials");
    return *claims;
}

}  // namespace caseboard::api
