#pragma once

#include "api/Authenticator.hpp"
#include "api/Router.hpp"
#include "store/Store.hpp"

namespace caseboard::api {

// /cases: list, create, get, update, delete, reorder. Every route needs a valid token; every
// signed-in user sees and edits the team's one board.
class CasesApi {
public:
    CasesApi(store::Store& store, const Authenticator& authenticator)
        : store_(store), authenticator_(authenticator) {}

    void addRoutes(Router& router);

    ApiResponse list(const ApiRequest& request);
    ApiResponse create(const ApiRequest& request);
    ApiResponse get(const ApiRequest& request);
    ApiResponse update(const ApiRequest& request);
    ApiResponse remove(const ApiRequest& request);
    ApiResponse reorder(const ApiRequest& request);

private:
    store::Store& store_;
    const Authenticator& authenticator_;
};

}  // namespace caseboard::api
