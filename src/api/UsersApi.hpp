#pragma once

#include "api/Authenticator.hpp"
#include "api/Router.hpp"
#include "auth/LoginThrottle.hpp"
#include "auth/PasswordHasher.hpp"
#include "auth/TokenService.hpp"
#include "domain/RegistrationPolicy.hpp"
#include "store/Store.hpp"

namespace caseboard::api {

// /users/register, /users/login, /users/me; for admins, /users and a user's role.
class UsersApi {
  public:
    UsersApi(store::Store& store, const auth::PasswordHasher& hasher,
             const auth::TokenService& tokens, const Authenticator& authenticator,
             auth::LoginThrottle& throttle, domain::RegistrationPolicy policy)
        : store_(store),
          hasher_(hasher),
          tokens_(tokens),
          authenticator_(authenticator),
          throttle_(throttle),
          policy_(std::move(policy)) {}

    void addRoutes(Router& router);

    ApiResponse registerUser(const ApiRequest& request);
    ApiResponse login(const ApiRequest& request);
    ApiResponse me(const ApiRequest& request);
    ApiResponse list(const ApiRequest& request);
    ApiResponse setRole(const ApiRequest& request);

  private:
    store::Store& store_;
    const auth::PasswordHasher& hasher_;
    const auth::TokenService& tokens_;
    const Authenticator& authenticator_;
    auth::LoginThrottle& throttle_;
    domain::RegistrationPolicy policy_;
};

}  // namespace caseboard::api
