#pragma once

#include "api/Authenticator.hpp"
#include "api/ListCache.hpp"
#include "api/Router.hpp"
#include "api/WriteLimiter.hpp"
#include "store/Store.hpp"
#include "work/Workers.hpp"

namespace caseboard::api {

// /cases: list, create, get, update, delete, reorder, history, restore, cancel, export.
// Every route needs a valid token; every signed-in user sees the team's one board, editors and
// admins change it.
class CasesApi {
  public:
    // cache: may be null (a store shared by several instances cannot keep it exact).
    CasesApi(store::Store& store, const Authenticator& authenticator, work::Workers& workers,
             ListCache* cache, WriteLimiter& writeLimiter)
        : store_(store),
          authenticator_(authenticator),
          workers_(workers),
          cache_(cache),
          writeLimiter_(writeLimiter) {}

    void addRoutes(Router& router);

    Awaitable list(const ApiRequest& request);
    Awaitable create(const ApiRequest& request);
    Awaitable get(const ApiRequest& request);
    Awaitable update(const ApiRequest& request);
    Awaitable remove(const ApiRequest& request);
    Awaitable reorder(const ApiRequest& request);
    Awaitable history(const ApiRequest& request);
    Awaitable restore(const ApiRequest& request);
    Awaitable cancel(const ApiRequest& request);
    Awaitable exportCsv(const ApiRequest& request);

  private:
    // The caller, if it may change cases now (its role, and its share of writes per second).
    boost::asio::awaitable<domain::User> writer(const ApiRequest& request, Need need);
    // The cases the filter selects, those on computed fields included (blocks: a worker).
    std::vector<domain::Case> matchingCases(const domain::CaseFilter& filter);
    ApiResponse historyNow(const ApiRequest& request);
    ApiResponse exportNow(const ApiRequest& request, const domain::User& user);

    store::Store& store_;
    const Authenticator& authenticator_;
    work::Workers& workers_;
    ListCache* cache_;
    WriteLimiter& writeLimiter_;
};

}  // namespace caseboard::api
