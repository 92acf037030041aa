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

Caller Authenticator::requireCaller(const ApiRequest& request, Need need) const {
    auto claims = requireToken(request);
    auto user = currentUser(claims, need);
    return {std::move(claims), std::move(user)};
}

boost::asio::awaitable<domain::User> Authenticator::user(const ApiRequest& request,
                                                         Need need) const {
    auto claims = requireToken(request);
    if (auto remembered = sessions_.find(claims.sessionId)) {
        if (remembered->id != claims.userId)
            throw ApiError::unauthorized("Session ended or not valid");
        co_return allowed(std::move(*remembered), need);
    }
    co_return co_await workers_.onStore([&] { return currentUser(claims, need); });
}

domain::User Authenticator::currentUser(const auth::TokenClaims& claims, Need need) const {
    auto user = sessionUser(claims);
    if (!user) throw ApiError::unauthorized("Session ended or not valid");
    return allowed(std::move(*user), need);
}

std::optional<domain::User> Authenticator::sessionUser(const auth::TokenClaims& claims) const {
    if (auto remembered = sessions_.find(claims.sessionId)) {
        if (remembered->id != claims.userId) return std::nullopt;
        return remembered;
    }
    auto generation = sessions_.generation();
    auto user = store_.sessionUser(claims.sessionId);
    // A session is its user's alone: a token naming someone else's is not honoured.
    if (!user || user->id != claims.userId) return std::nullopt;
    user->passwordHash.clear();  // not needed to authorize, so not kept
    if (rememberSessions_) sessions_.keep(claims.sessionId, *user, generation);
    return user;
}

void Authenticator::onAccessChanged(const domain::AccessChange&) {
    // Before the sockets hear of it (the fan-out calls this first): a socket that joins after
    // this sees the generation move and checks itself again.
    ++accessGeneration_;
    sessions_.clear();
}

domain::User Authenticator::allowed(domain::User user, Need need) {
    if (need == Need::SignedIn) return user;
    if (!domain::mayRead(user.role)) throw ApiError(403, "Awaiting approval");
    bool allowed = need == Need::Reader || (need == Need::Editor && domain::mayEdit(user.role)) ||
                   user.role == domain::Role::Admin;
    if (!allowed) throw ApiError(403, "Forbidden");
    return user;
}

auth::TokenClaims Authenticator::requireToken(const ApiRequest& request) const {
    if (request.authorization.empty()) throw ApiError::unauthorized("Not authenticated");
    auto token = bearerToken(request.authorization);
    if (!token) throw ApiError::unauthorized("Not authenticated");
    auto claims = tokens_.verify(*token);
    if (!claims) throw ApiError::unauthorized("Could not validate credentials");
    return *claims;
}

}  // namespace caseboard::api
