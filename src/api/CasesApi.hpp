#pragma once

#include "api/Authenticator.hpp"
#include "api/ListCache.hpp"
#include "api/Router.hpp"
#include "api/WriteLimiter.hpp"
#include "store/Store.hpp"

namespace caseboard::api {

// /cases: list, create, get, update, delete, reorder, history, restore, export. Every route needs
// a valid token; every signed-in user sees the team's one board, editors and admins change it.
class CasesApi {
  public:
    // cache: may be null (a store shared by several instances cannot keep it exact).
    CasesApi(store::Store& store, const Authenticator& authenticator, ListCache* cache,
             WriteLimiter& writeLimiter)
        : store_(store),
          authenticator_(authenticator),
          cache_(cache),
          writeLimiter_(writeLimiter) {}

    void addRoutes(Router& router);

    ApiResponse list(const ApiRequest& request);
    std::optional<ApiResponse> listFromCache(const ApiRequest& request);
    ApiResponse get(const ApiRequest& request);
    ApiResponse remove(const ApiRequest& request);
    ApiResponse reorder(const ApiRequest& request);
    ApiResponse history(const ApiRequest& request);
    ApiResponse restore(const ApiRequest& request);
    ApiResponse exportCsv(const ApiRequest& request);

  private:
    // A write that answers when its commit is reported, for a caller already found to be an
    // editor.
    using Write = void (CasesApi::*)(const ApiRequest&, const domain::User&, Reply);
    void create(const ApiRequest& request, const domain::User& user, Reply reply);
    void update(const ApiRequest& request, const domain::User& user, Reply reply);
    // On a worker: finds the caller (which may read the store), then writes.
    void writeAfterFindingCaller(const ApiRequest& request, Reply reply, Write write);
    // On the I/O thread, when the caller is known without reading the store and the store queues
    // writes without waiting; false (nothing done) otherwise.
    bool writeHere(const ApiRequest& request, Reply reply, Write write);
    // The caller, if it may change cases now (its role, and its share of writes per second).
    domain::User writer(const ApiRequest& request, Need need);

    store::Store& store_;
    const Authenticator& authenticator_;
    ListCache* cache_;
    WriteLimiter& writeLimiter_;
};

}  // namespace caseboard::api
