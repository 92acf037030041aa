#pragma once

#include "domain/AccessChange.hpp"

namespace caseboard::realtime {

// Who the hub wakes: in the server, the screens of one event loop (http::SocketGroup). Calls
// come from any thread; implementations hand them to their own event loop and return at once:
// the hub never waits for a socket.
class Subscriber {
  public:
    virtual ~Subscriber() = default;
    // New frames are in the hub's log.
    virtual void wake() = 0;
    // The server is stopping: close with 1001 (going away).
    virtual void goAway() = 0;
    // Someone's access changed: the screens whose session it ends close with 1008.
    virtual void revoke(const domain::AccessChange& change) = 0;
};

}  // namespace caseboard::realtime
