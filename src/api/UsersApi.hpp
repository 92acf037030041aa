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
#include "work/Workers.hpp"

namespace caseboard::api {

// Accounts and sessions: /users/register, /users/login, /users/logout, /users/me and its
// password; for admins, /users (list, create) and a user's role and active state.
class UsersApi {
  public:
    // directory: the hospital's directory, which checks every address that is not a local
    // account's; null: none.
    UsersApi(store::Store& store, work::Workers& workers, const auth::PasswordHasher& hasher,
             const auth::TokenService& tokens, const Authenticator& authenticator,
             auth::LoginThrottle& throttle, domain::RegistrationPolicy policy,
             const directory::LdapDirectory* directory)
        : store_(store),
          workers_(workers),
          hasher_(hasher),
          tokens_(tokens),
          authenticator_(authenticator),
          throttle_(throttle),
          policy_(std::move(policy)),
          directory_(directory) {}

    void addRoutes(Router& router);

    Awaitable registerUser(const ApiRequest& request);
    Awaitable login(const ApiRequest& request);
    Awaitable logout(const ApiRequest& request);
    Awaitable me(const ApiRequest& request);
    Awaitable changePassword(const ApiRequest& request);
    Awaitable list(const ApiRequest& request);
    Awaitable create(const ApiRequest& request);
    Awaitable update(const ApiRequest& request);

    // Opens a session for user (signed in by `method`) and returns the sign-in's answer:
    // {"access_token","token_type"}.
    boost::json::object signIn(const domain::User& user, const std::string& method) const;

  private:
    ApiResponse registerUserNow(const ApiRequest& request);
    ApiResponse loginNow(const ApiRequest& request);
    ApiResponse changePasswordNow(const ApiRequest& request);
    ApiResponse createNow(const ApiRequest& request);
    ApiResponse updateNow(const ApiRequest& request, const domain::User& admin);

    store::Store& store_;
    work::Workers& workers_;
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
