#pragma once

#include "api/Router.hpp"
#include "api/UsersApi.hpp"
#include "oidc/OidcClient.hpp"
#include "store/Store.hpp"

namespace caseboard::api {

// Sign-in through the hospital's OpenID provider: GET /auth/oidc/login sends the browser to the
// provider, GET /auth/oidc/callback brings it back, opens a session and hands the board its
// token in the address's fragment, which never reaches a server's log.
class OidcApi {
  public:
    OidcApi(oidc::OidcClient& client, store::Store& store, const UsersApi& users)
        : client_(client), store_(store), users_(users) {}

    void addRoutes(Router& router);

    ApiResponse login(const ApiRequest& request);
    ApiResponse callback(const ApiRequest& request);

  private:
    static ApiResponse redirect(const std::string& location);
    ApiResponse refuse(const std::string& email, unsigned status, std::string_view detail);

    oidc::OidcClient& client_;
    store::Store& store_;
    const UsersApi& users_;
};

}  // namespace caseboard::api
