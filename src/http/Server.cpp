#include "http/Server.hpp"

#include <spdlog/spdlog.h>

#include <condition_variable>
#include <csignal>
#include <thread>

#include "http/Beast.hpp"
#include "http/EventLoops.hpp"
#include "http/Listener.hpp"
#include "http/PoolThreads.hpp"
#include "http/ServerContext.hpp"
#include "http/SessionRegistry.hpp"

namespace caseboard::http {

namespace {
// In-flight requests get this long to finish after a stop signal before the loop is cut.
constexpr std::chrono::seconds kStopGrace{10};
}  // namespace

struct Server::State {
    State(const ServerOptions& options, api::Application& app, realtime::Hub& hub)
        : loops(options.ioThreads, hub),
          storePool(options.storeThreads),
          hashPool(options.hashThreads),
          trustedProxies(options.trustedProxies),
          bodyFiles(options.bodyFileBytes),
          context{app, hub, storePool, hashPool, sessions, trustedProxies, bodyFiles},
          signals(loops.first(), SIGINT, SIGTERM),
          hub(hub) {
        setUpEachThread(storePool, options.storeThreads, [] { nameThisThread("caseboard-store"); });
        // argon2 takes only the CPU that the event loops leave: under a flood of sign-ins the
        // board's reads keep their latency and the sign-ins wait instead.
        setUpEachThread(hashPool, options.hashThreads, [] {
            nameThisThread("caseboard-hash");
            runThisThreadWhenIdle();
        });
        auto address = asio::ip::make_address(options.host);
        listener = std::make_shared<Listener>(loops, tcp::endpoint(address, options.port), context);
    }

    void stop(int signal) {
        // Which signal, so that an unexpected stop can be traced to whoever sent it.
        spdlog::info("stopping on {}: no new connections, finishing requests in flight",
                     signal == SIGINT ? "SIGINT" : "SIGTERM");
        context.stopping = true;
        listener->stop();
        context.sessions.stopAll();
        hub.goAwayAll();
        loops.release();
        std::lock_guard lock(mutex);
        stopRequested = true;
        wake.notify_all();
    }

    EventLoops loops;
    asio::thread_pool storePool;
    asio::thread_pool hashPool;
    SessionRegistry sessions;
    TrustedProxies trustedProxies;
    BodyFiles bodyFiles;
    ServerContext context;
    asio::signal_set signals;
    std::shared_ptr<Listener> listener;
    realtime::Hub& hub;
    std::mutex mutex;
    std::condition_variable wake;
    bool stopRequested = false;
    bool finished = false;
};

Server::Server(const ServerOptions& options, api::Application& app, realtime::Hub& hub)
    : state_(std::make_unique<State>(options, app, hub)) {}

Server::~Server() {
    // Before the event loop the sessions post to goes: nothing may wake them after.
    state_->hub.detachAll();
    state_->storePool.join();
    state_->hashPool.join();
    // Writes handed to the store answer through the event loop: it must still exist then.
    state_->context.replies.waitIdle();
}

unsigned short Server::port() const {
    return state_->listener->port();
}

void Server::run() {
    State& s = *state_;
    s.signals.async_wait([&s](boost::system::error_code ec, int signal) {
        if (!ec) s.stop(signal);
    });
    s.listener->start();
    // Cuts the loop if sessions have not finished within the grace period after a stop.
    std::thread watchdog([&s] {
        std::unique_lock lock(s.mutex);
        s.wake.wait(lock, [&s] { return s.stopRequested || s.finished; });
        if (s.finished) return;
        if (!s.wake.wait_for(lock, kStopGrace, [&s] { return s.finished; })) s.loops.stop();
    });
    s.loops.run();
    {
        std::lock_guard lock(s.mutex);
        s.finished = true;
    }
    s.wake.notify_all();
    watchdog.join();
}

}  // namespace caseboard::http
