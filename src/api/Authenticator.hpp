#pragma once

#include <boost/asio/awaitable.hpp>

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "api/ApiRequest.hpp"
#include "api/GenerationCache.hpp"
#include "auth/TokenService.hpp"
#include "domain/Audit.hpp"
#include "domain/CaseChange.hpp"
#include "domain/User.hpp"
#include "store/Store.hpp"
#include "work/Workers.hpp"

namespace caseboard::api {

// What a route needs of its caller: a live session (a pending account too), or a role.
enum class Need { SignedIn, Reader, Editor, Admin };

// A caller with a live session: what its token says, and the user as the store knows them now.
struct Caller {
    auth::TokenClaims claims;
    domain::User user;
};

// Who is calling, from the bearer token of the request and the session it names. A token is
// honoured only while its session is live and its user active: every request (reads and /ws
// included) checks both, so that a sign-out or a deactivation cuts access off at once.
class Authenticator final : public domain::ChangeListener {
  public:
    // rememberSessions: keep the users of live sessions in memory, so that most requests need
    // not read the store to learn who is calling. Exact only when every access change reaches
    // this process before the write that made it returns (one instance on SQLite).
    Authenticator(const auth::TokenService& tokens, store::Store& store, work::Workers& workers,
                  bool rememberSessions)
        : tokens_(tokens), store_(store), workers_(workers), rememberSessions_(rememberSessions) {}

    // requireUser for a handler on its event loop: from memory when the session is remembered,
    // else read from the store on a worker.
    boost::asio::awaitable<domain::User> user(const ApiRequest& request, Need need) const;

    // The caller as the store knows them now: 401 (with WWW-Authenticate: Bearer) without a
    // valid token or a live session, 403 if their role is not enough ("Awaiting approval" for a
    // pending account). May read the store: worker lanes only.
    Caller requireCaller(const ApiRequest& request, Need need) const;
    domain::User requireUser(const ApiRequest& request, Need need) const {
        return requireCaller(request, need).user;
    }
    // The same check for a session already established (a WebSocket's).
    domain::User currentUser(const auth::TokenClaims& claims, Need need) const;

    // The token's claims, without the session check (401 if there is no valid token).
    auth::TokenClaims requireToken(const ApiRequest& request) const;
    std::optional<auth::TokenClaims> verify(std::string_view token) const {
        return tokens_.verify(token);
    }

    // A store event: what was remembered of sessions may no longer hold.
    void onAccessChanged(const domain::AccessChange& change) override;
    // A case change says nothing about who may sign in.
    void onCommitted(const domain::CaseChange&) override {}
    // Moves on every access change: a socket opened while one happened checks itself again.
    std::uint64_t accessGeneration() const { return accessGeneration_.load(); }

    // The token of an "Authorization: Bearer <token>" header value, if that is what it is.
    static std::optional<std::string_view> bearerToken(std::string_view header);
    static domain::Actor actorOf(const domain::User& user) { return {user.id, user.email}; }

  private:
    static constexpr std::size_t kRememberedSessions = 4096;
    static domain::User allowed(domain::User user, Need need);
    std::optional<domain::User> sessionUser(const auth::TokenClaims& claims) const;

    const auth::TokenService& tokens_;
    store::Store& store_;
    work::Workers& workers_;
    const bool rememberSessions_;
    // Session id → its user, without the password hash.
    mutable GenerationCache<domain::User> sessions_{kRememberedSessions};
    std::atomic<std::uint64_t> accessGeneration_{0};
};

}  // namespace caseboard::api
