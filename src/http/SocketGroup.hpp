#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

#include "http/Beast.hpp"
#include "realtime/Frame.hpp"
#include "realtime/Hub.hpp"
#include "realtime/Subscriber.hpp"

namespace caseboard::http {

class WebSocketSession;

// The WebSocket sessions of one event loop, woken by the hub as one subscriber. An event then
// costs one post per loop instead of one per socket, the log is read once per loop, and one
// pass on the loop's own thread writes the new frames to every socket: no lock, no atomic
// reference count shared with the other loops, nothing allocated per socket.
class SocketGroup final : public realtime::Subscriber,
                          public std::enable_shared_from_this<SocketGroup> {
  public:
    SocketGroup(asio::io_context& loop, realtime::Hub& hub);

    // On the loop's thread only. Returns the session's starting cursor: it is written every frame
    // broadcast after this call.
    std::uint64_t add(WebSocketSession& session);
    void remove(WebSocketSession& session);

    void wake() override;
    void goAway() override;

    // Frames gathered into one write at most.
    static constexpr std::size_t kMaxBatch = 64;

  private:
    void deliverNewFrames();

    asio::io_context& loop_;
    realtime::Hub& hub_;
    std::atomic<bool> wakePending_{false};
    // Touched on the loop's thread only.
    std::vector<WebSocketSession*> sessions_;
    std::uint64_t cursor_ = 0;  // the newest frame handed to the sessions
    std::vector<std::shared_ptr<const realtime::Frame>> batch_;
};

}  // namespace caseboard::http
