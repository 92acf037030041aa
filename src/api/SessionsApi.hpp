#pragma once

#include "api/Authenticator.hpp"
#include "api/Router.hpp"
#include "api/WriteLimiter.hpp"
#include "store/Store.hpp"
#include "work/Workers.hpp"

namespace caseboard::api {

// /sessions: the theatre lists, each with the cases booked into it. Every signed-in user reads
// them; editors and admins change them.
class SessionsApi {
  public:
    SessionsApi(store::Store& store, const Authenticator& authenticator, work::Workers& workers,
                WriteLimiter& writeLimiter)
        : store_(store),
          authenticator_(authenticator),
          workers_(workers),
          writeLimiter_(writeLimiter) {}

    void addRoutes(Router& router);

    Awaitable list(const ApiRequest& request);
    Awaitable create(const ApiRequest& request);
    Awaitable get(const ApiRequest& request);
    Awaitable update(const ApiRequest& request);
    Awaitable remove(const ApiRequest& request);

  private:
    // The caller, if it may change sessions now (its role, and its share of writes per second).
    boost::asio::awaitable<domain::User> writer(const ApiRequest& request);

    store::Store& store_;
    const Authenticator& authenticator_;
    work::Workers& workers_;
    WriteLimiter& writeLimiter_;
};

}  // namespace caseboard::api
