#pragma once

#include "api/Authenticator.hpp"
#include "api/ListCache.hpp"
#include "api/Router.hpp"
#include "store/Store.hpp"

namespace caseboard::api {

// /cases: list, create, get, update, delete, reorder, history, restore, export. Every route needs
// a valid token; every signed-in user sees the team's one board, editors and admins change it.
class CasesApi {
  public:
    // cache: may be null (a store shared by several instances cannot keep it exact).
    CasesApi(store::Store& store, const Authenticator& authenticator, ListCache* cache)
        : store_(store), authenticator_(authenticator), cache_(cache) {}

    void addRoutes(Router& router);

    ApiResponse list(const ApiRequest& request);
    std::optional<ApiResponse> listFromCache(const ApiRequest& request);
    void createThen(const ApiRequest& request, Reply reply);
    bool createHere(const ApiRequest& request, Reply reply);
    ApiResponse get(const ApiRequest& request);
    void updateThen(const ApiRequest& request, Reply reply);
    bool updateHere(const ApiRequest& request, Reply reply);
    ApiResponse remove(const ApiRequest& request);
    ApiResponse reorder(const ApiRequest& request);
    ApiResponse history(const ApiRequest& request);
    ApiResponse restore(const ApiRequest& request);
    ApiResponse exportCsv(const ApiRequest& request);

  private:
    // The caller when it is known without reading the store and the write can be queued without
    // waiting: then an I/O thread can take the whole request.
    std::optional<domain::User> editorHere(const ApiRequest& request) const;
    void create(const ApiRequest& request, const domain::User& user, Reply reply);
    void update(const ApiRequest& request, const domain::User& user, Reply reply);

    store::Store& store_;
    const Authenticator& authenticator_;
    ListCache* cache_;
};

}  // namespace caseboard::api
