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

// The WebSocket sessions of one event loop (its members), woken by the hub as one subscriber. An
// event then costs one post per loop instead of one per socket, the log is read once per loop, and
// a pass on the loop's own thread writes the new frames to every socket: no lock, no atomic
// reference count shared with the other loops, nothing allocated per socket.
class SocketGroup final : public realtime::Subscriber,
                          public std::enable_shared_from_this<SocketGroup> {
  public:
    using FramePtr = std::shared_ptr<const realtime::Frame>;

    // A socket of the group (a WebSocketSession). Called on the loop's thread only.
    class Member {
      public:
        virtual ~Member() = default;
        // `batch` holds the broadcast frames numbered from+1..to, and outlives the call.
        virtual void deliver(std::uint64_t from, std::uint64_t to,
                             const std::vector<FramePtr>& batch) = 0;
        // The server is stopping.
        virtual void goAway() = 0;
        // Closes (1008) if the change ends this socket's session.
        virtual void revoke(const domain::AccessChange& change) = 0;
    };

    SocketGroup(asio::io_context& loop, realtime::Hub& hub);

    // On the loop's thread only. Returns the member's starting cursor: it is to be written every
    // frame broadcast after this call.
    std::uint64_t add(Member& member);
    void remove(Member& member);

    void wake() override;
    void goAway() override;
    void revoke(const domain::AccessChange& change) override;

    // Frames gathered into one write at most, and their bytes (beyond the first frame): a socket
    // that stops reading holds on to one write's frames, so this is its share of what they pin.
    static constexpr std::size_t kMaxBatch = 64;
    static constexpr std::size_t kMaxBatchBytes = 256 * 1024;
    // Sockets written per turn of a pass. Between turns the loop runs whatever else is waiting,
    // so that a request on this loop (the next event's POST, say) is not held up for the whole
    // pass over thousands of sockets (about 5 µs each on loopback).
    static constexpr std::size_t kSocketsPerTurn = 256;

  private:
    void startPass();
    void continuePass();

    asio::io_context& loop_;
    realtime::Hub& hub_;
    std::atomic<bool> wakePending_{false};
    // How many members there are, for wake() on other threads: a loop with none is left asleep.
    std::atomic<std::size_t> memberCount_{0};
    // The rest is touched on the loop's thread only.
    std::vector<Member*> members_;  // null: left during a pass, erased after it
    std::uint64_t cursor_ = 0;      // the newest frame handed to the sessions
    // The pass in progress: the frames after `from_` up to cursor_, and the next member.
    bool passing_ = false;
    std::uint64_t from_ = 0;
    std::vector<FramePtr> batch_;
    std::size_t next_ = 0;
};

}  // namespace caseboard::http
