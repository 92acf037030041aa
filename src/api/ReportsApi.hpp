#pragma once

#include "api/Authenticator.hpp"
#include "api/Router.hpp"
#include "store/Store.hpp"
#include "work/Workers.hpp"

namespace caseboard::api {

// /reports: time to theatre and cancellations over a period of UTC days, as JSON or CSV, for any
// signed-in user who may read the board.
class ReportsApi {
  public:
    ReportsApi(store::Store& store, work::Workers& workers, const Authenticator& authenticator)
        : store_(store), workers_(workers), authenticator_(authenticator) {}

    void addRoutes(Router& router);
    Awaitable timeToTheatre(const ApiRequest& request, bool csv);
    Awaitable cancellations(const ApiRequest& request, bool csv);

  private:
    store::Store& store_;
    work::Workers& workers_;
    const Authenticator& authenticator_;
};

}  // namespace caseboard::api
