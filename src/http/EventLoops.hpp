#pragma once

#include <memory>
#include <vector>

#include "http/Beast.hpp"
#include "http/SocketGroup.hpp"
#include "realtime/Hub.hpp"

namespace caseboard::http {

// One event loop per I/O thread, each connection pinned to one of them. A connection's handlers
// then always run on the same thread, in order, without a strand, and a broadcast reaches all the
// WebSocket sessions of a loop in one pass of that loop (its SocketGroup).
class EventLoops {
  public:
    EventLoops(unsigned count, realtime::Hub& hub);
    EventLoops(const EventLoops&) = delete;
    EventLoops& operator=(const EventLoops&) = delete;

    struct Loop {
        asio::io_context& io;
        SocketGroup& sockets;
    };

    // The loop of the listener and of the signal handler.
    asio::io_context& first() { return *loops_.front(); }
    // The loop a new connection goes to, in turn. Called by the listener's one accepting task.
    Loop nextForConnection();

    // Runs every loop, the first on the calling thread, until each has stopped: after release(),
    // once its work is done; after stop(), at once.
    void run();
    // Until now the loops ran even when idle, waiting for connections.
    void release();
    void stop();

  private:
    using Guard = asio::executor_work_guard<asio::io_context::executor_type>;
    std::vector<std::unique_ptr<asio::io_context>> loops_;
    std::vector<std::shared_ptr<SocketGroup>> groups_;  // groups_[i]: the screens of loops_[i]
    std::vector<Guard> guards_;
    std::size_t next_ = 0;
};

}  // namespace caseboard::http
