#pragma once

#include <boost/asio/awaitable.hpp>

#include <functional>
#include <memory>

#include "api/AuditApi.hpp"
#include "api/Authenticator.hpp"
#include "api/CasesApi.hpp"
#include "api/ListCache.hpp"
#include "api/OidcApi.hpp"
#include "api/ReportsApi.hpp"
#include "api/Router.hpp"
#include "api/SessionsApi.hpp"
#include "api/StaticFiles.hpp"
#include "api/UsersApi.hpp"
#include "api/WebSocketApi.hpp"
#include "api/WriteLimiter.hpp"
#include "auth/LoginThrottle.hpp"
#include "auth/PasswordHasher.hpp"
#include "auth/TokenService.hpp"
#include "clock/ClockWatch.hpp"
#include "domain/ChangeFanout.hpp"
#include "realtime/Hub.hpp"
#include "store/Store.hpp"
#include "work/Workers.hpp"

namespace caseboard::api {

// What the api layer needs from configuration.
struct ApiSettings {
    std::string jwtSecret;
    std::chrono::seconds tokenTtl{43200};
    domain::RegistrationPolicy registration;
    std::vector<std::string> allowedOrigins;
    // Where failed sign-ins are counted; null: in memory (one instance).
    std::shared_ptr<auth::FailureLog> failureLog;
    // This process is the only one that changes the database (SQLite): case lists and users can
    // be kept in memory, since every change passes here before it is acknowledged. Not so when
    // other instances write to the same database.
    bool soleInstance = false;
    // Bytes of serialized lists kept in memory at most.
    std::size_t listCacheBytes = 64 << 20;
    // Case writes per user per second (bursts of four seconds' worth); 0: no limit.
    unsigned writesPerSecond = 50;
    // What GET /config tells the board: sign out after this long without activity.
    std::chrono::seconds idleTimeout{1800};
    // The hospital's directory; null: passwords are checked here only.
    std::shared_ptr<const directory::LdapDirectory> directory;
    // The hospital's OpenID provider; null: no "Sign in with …".
    std::shared_ptr<oidc::OidcClient> oidc;
    // Store workers mostly wait (on a commit, a lock, the network): enough of them that a burst
    // of writes from many screens lands in one group commit.
    unsigned storeThreads = 64;
    unsigned hashThreads = 1;
};

// Every endpoint of Caseboard, wired to the store and the hub; the http layer only asks it
// where a request goes. It listens to the store's changes for as long as it lives.
class Application {
  public:
    Application(ApiSettings settings, store::Store& store, realtime::Hub& hub);
    ~Application();
    Application(const Application&) = delete;
    Application& operator=(const Application&) = delete;

    // The response to a request, from its route's handler (path parameters filled in), every
    // failure answered as ErrorMapping says. Unknown paths fall back to the embedded files, then
    // 404; a known path with another method is 405 with Allow. Starts on the caller's event loop
    // and resumes there.
    boost::asio::awaitable<ApiResponse> respond(ApiRequest& request) const;

    const WebSocketApi& webSocket() const { return webSocket_; }
    work::Workers& workers() { return workers_; }
    const Router& router() const { return router_; }

  private:
    void addOperationalRoutes();
    void addConfigRoute(std::chrono::seconds idleTimeout, bool oidc);
    void addTargetsRoute();

    ApiResponse fallback(const ApiRequest& request, const Router::Match& match) const;

    store::Store& store_;
    work::Workers workers_;
    std::shared_ptr<const directory::LdapDirectory> directory_;
    std::shared_ptr<oidc::OidcClient> oidcClient_;
    std::unique_ptr<ListCache> listCache_;
    domain::ChangeFanout changes_;
    auth::PasswordHasher hasher_;
    auth::TokenService tokens_;
    auth::LoginThrottle throttle_;
    Authenticator authenticator_;
    WriteLimiter writeLimiter_;
    UsersApi users_;
    CasesApi cases_;
    SessionsApi sessions_;
    AuditApi audit_;
    ReportsApi reports_;
    WebSocketApi webSocket_;
    std::unique_ptr<OidcApi> oidc_;
    StaticFiles files_;
    Router router_;
    clock::ClockWatch clockWatch_;  // last: its thread stops before what it uses goes
};

}  // namespace caseboard::api
