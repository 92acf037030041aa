#pragma once

#include <memory>
#include <string>

namespace caseboard::realtime {

// One connected screen, as the hub sees it. Implementations queue the message on their own
// strand and return at once: the hub never waits for a socket.
class Subscriber {
  public:
    virtual ~Subscriber() = default;
    virtual void deliver(std::shared_ptr<const std::string> message) = 0;
    // The server is stopping: close with 1001 (going away).
    virtual void goAway() = 0;
};

}  // namespace caseboard::realtime
