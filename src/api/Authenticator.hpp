#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "api/ApiRequest.hpp"
#include "api/GenerationCache.hpp"
#include "auth/TokenService.hpp"
#include "domain/Audit.hpp"
#include "domain/User.hpp"
#include "store/Store.hpp"

namespace caseboard::api {

// What a route needs of its caller.
enum class Need { Reader, Editor, Admin };

// Who is calling, from the bearer token of the request.
class Authenticator {
  public:
    // rememberUsers: keep the users read from the store in memory, so that most requests need
    // not read it to learn who is calling. Exact only when every role change goes through this
    // process (forgetUsers), not when other instances share the database.
    Authenticator(const auth::TokenService& tokens, store::Store& store, bool rememberUsers)
        : tokens_(tokens), store_(store), rememberUsers_(rememberUsers) {}

    // The caller's claims, or ApiError 401 with WWW-Authenticate: Bearer. Token only: cheap
    // enough for an I/O thread.
    auth::TokenClaims require(const ApiRequest& request) const;
    // The caller as the store knows them now, so that a role change applies to the very next
    // request; 401 if the token is bad or the user is gone, 403 if their role is not enough.
    // May read the store: worker lanes only.
    domain::User requireUser(const ApiRequest& request, Need need) const;
    // The same check without reading the store, for an I/O thread: nothing if the caller is not
    // in memory (requireUser on a worker then finds out).
    std::optional<domain::User> requireRememberedUser(const ApiRequest& request, Need need) const;
    // The same check for an identity already established (a WebSocket's user).
    domain::User currentUser(const std::string& userId, Need need) const;
    // A role changed: what was remembered of users no longer holds.
    void forgetUsers() const { users_.clear(); }

    std::optional<auth::TokenClaims> verify(std::string_view token) const {
        return tokens_.verify(token);
    }

    // The token of an "Authorization: Bearer <token>" header value, if that is what it is.
    static std::optional<std::string_view> bearerToken(std::string_view header);
    static domain::Actor actorOf(const domain::User& user) { return {user.id, user.email}; }

  private:
    static constexpr std::size_t kRememberedUsers = 4096;
    static domain::User allowed(domain::User user, Need need);

    const auth::TokenService& tokens_;
    store::Store& store_;
    const bool rememberUsers_;
    mutable GenerationCache<domain::User> users_{kRememberedUsers};
};

}  // namespace caseboard::api
