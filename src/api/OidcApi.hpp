#pragma once

#include "api/Router.hpp"
#include "api/UsersApi.hpp"
#include "oidc/OidcClient.hpp"
#include "store/Store.hpp"
#include "work/Workers.hpp"

namespace caseboard::api {

// Sign-in through the hospital's OpenID provider: GET /auth/oidc/login sends the browser to the
// provider, GET /auth/oidc/callback brings it back, opens a session and hands the board its
// token in the address's fragment, which never reaches a server's log.
class OidcApi {
  public:
    OidcApi(oidc::OidcClient& client, store::Store& store, work::Workers& workers,
            const UsersApi& users)
        : client_(client), store_(store), workers_(workers), users_(users) {}

    void addRoutes(Router& router);

    // Both talk to the provider (discovery, the code exchange, its keys) and wait for it: on a
    // worker.
    Awaitable login(const ApiRequest& request);
    Awaitable callback(const ApiRequest& request);

  private:
    ApiResponse loginNow();
    ApiResponse callbackNow(const ApiRequest& request);
    static ApiResponse redirect(const std::string& location);
    ApiResponse refuse(const std::string& email, unsigned status, std::string_view detail);

    oidc::OidcClient& client_;
    store::Store& store_;
    work::Workers& workers_;
    const UsersApi& users_;
};

}  // namespace caseboard::api
