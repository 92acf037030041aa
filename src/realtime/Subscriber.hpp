#pragma once

namespace caseboard::realtime {

// One connected screen, as the hub sees it. Calls come from any thread; implementations hand
// them to their own strand and return at once: the hub never waits for a socket.
class Subscriber {
  public:
    virtual ~Subscriber() = default;
    // New frames are in the hub's log after this subscriber's cursor.
    virtual void wake() = 0;
    // The server is stopping: close with 1001 (going away).
    virtual void goAway() = 0;
};

}  // namespace caseboard::realtime
