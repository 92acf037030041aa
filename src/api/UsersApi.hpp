#pragma once

#include <boost/json/object.hpp>

#include "api/Authenticator.hpp"
#include "api/Router.hpp"
#include "auth/LoginThrottle.hpp"
#include "auth/PasswordHasher.hpp"
#include "auth/TokenService.hpp"
#include "directory/LdapDirectory.hpp"
#include "domain/RegistrationPolicy.hpp"
#include "store/Store.hpp"

namespace caseboard::api {

// Accounts and sessions: /users/register, /users/login, /users/logout, /users/me and its
// password; for admins, /users (list, create) and a user's role and active state.
class UsersApi {
  public:
    // directory: the hospital's directory, which checks every address that is not a local
    // account's; null: none.
    UsersApi(store::Store& store, const auth::PasswordHasher& hasher,
             const auth::TokenService& tokens, const Authenticator& authenticator,
             auth::LoginThrottle& throttle, domain::RegistrationPolicy policy,
             const directory::LdapDirectory* directory)
        : store_(store),
          hasher_(hasher),
          tokens_(tokens),
          authenticator_(authenticator),
          throttle_(throttle),
          policy_(std::move(policy)),
          directory_(directory) {}

    void addRoutes(Router& router);

    ApiResponse registerUser(const ApiRequest& request);
    ApiResponse login(const ApiRequest& request);
    ApiResponse logout(const ApiRequest& request);
    ApiResponse me(const ApiRequest& request);
    ApiResponse changePassword(const ApiRequest& request);
    ApiResponse list(const ApiRequest& request);
    ApiResponse create(const ApiRequest& request);
    ApiResponse update(const ApiRequest& request);

    // Opens a session for user (signed in by `method`) and returns the sign-in's answer:
    // {"access_token","token_type"}.
    boost::json::object signIn(const domain::User& user, const std::string& method) const;

  private:
    store::Store& store_;
    const auth::PasswordHasher& hasher_;
    const auth::TokenService& tokens_;
    const Authenticator& authenticator_;
    auth::LoginThrottle& throttle_;
    ApiResponse directoryLogin(const std::string& email, const std::string& password,
                               const std::optional<domain::User>& known, const std::string& client);

    domain::RegistrationPolicy policy_;
    const directory::LdapDirectory* directory_;
};

}  // namespace caseboard::api
