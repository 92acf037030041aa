#pragma once

#include "api/Authenticator.hpp"
#include "api/Router.hpp"
#include "store/Store.hpp"
#include "work/Workers.hpp"

namespace caseboard::api {

// GET /audit: the audit trail, newest first, for admins.
class AuditApi {
  public:
    AuditApi(store::Store& store, work::Workers& workers, const Authenticator& authenticator)
        : store_(store), workers_(workers), authenticator_(authenticator) {}

    void addRoutes(Router& router);
    Awaitable list(const ApiRequest& request);

  private:
    store::Store& store_;
    work::Workers& workers_;
    const Authenticator& authenticator_;
};

}  // namespace caseboard::api
