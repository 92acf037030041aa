#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "store/postgres/PgConnection.hpp"

namespace caseboard::store::postgres {

// The LISTEN side of the event feed: one dedicated connection and its own thread, waiting with
// poll() on the connection's socket. When the connection is lost it reconnects by itself, with
// backoff, and then asks for a resync: notifications sent meanwhile are gone for good.
class PgListener {
  public:
    // One NOTIFY, on one of the channels it LISTENs on.
    struct Notification {
        std::string channel;
        std::string payload;
    };
    struct Hooks {
        // Every notification that arrived, in commit order. Runs on the listener's thread and
        // may query through the connection; an exception counts as a lost connection.
        std::function<void(PgConnection&, const std::vector<Notification>&)> deliver;
        // The feed is back after a loss: changes may have been missed.
        std::function<void()> resync;
        // The feed went down (false) or came up (true).
        std::function<void(bool)> state;
    };

    PgListener(std::string url, Hooks hooks);
    ~PgListener();
    PgListener(const PgListener&) = delete;
    PgListener& operator=(const PgListener&) = delete;

    // Connects and LISTENs (case events and screens' text) now (throws Unavailable if it cannot),
    // then follows on its own thread.
    void start();
    bool connected() const { return connected_.load(); }

  private:
    std::unique_ptr<PgConnection> open();
    void run(std::unique_ptr<PgConnection> connection);
    void follow(PgConnection& connection);
    // Sleeps unless stopped meanwhile; false once stopping.
    bool pause(std::chrono::milliseconds duration);
    void setConnected(bool up);

    static constexpr std::chrono::milliseconds kFirstRetry{100};
    static constexpr std::chrono::milliseconds kLastRetry{2000};
    // A silent connection is checked with a trivial query this often.
    static constexpr std::chrono::seconds kProbeEvery{10};

    const std::string url_;
    Hooks hooks_;
    int wakeFd_ = -1;
    std::atomic<bool> stopping_{false};
    std::atomic<bool> connected_{false};
    std::thread thread_;
};

}  // namespace caseboard::store::postgres
