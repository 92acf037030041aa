#pragma once

#include "api/Authenticator.hpp"
#include "api/Router.hpp"
#include "store/Store.hpp"

namespace caseboard::api {

// GET /audit: the audit trail, newest first, for admins.
class AuditApi {
  public:
    AuditApi(store::Store& store, const Authenticator& authenticator)
        : store_(store), authenticator_(authenticator) {}

    void addRoutes(Router& router);
    ApiResponse list(const ApiRequest& request);

  private:
    store::Store& store_;
    const Authenticator& authenticator_;
};

}  // namespace caseboard::api
