#include "http/Server.hpp"

#include <spdlog/spdlog.h>

#include <condition_variable>
#include <csignal>
#include <thread>

#include "http/Beast.hpp"
#include "http/ConnectionLimits.hpp"
#include "http/DescriptorLimit.hpp"
#include "http/EventLoops.hpp"
#include "http/IdleConnections.hpp"
#include "http/Listener.hpp"
#include "http/ServerContext.hpp"
#include "http/SessionRegistry.hpp"

namespace caseboard::http {

namespace {
// In-flight requests get this long to finish after a stop signal before the loop is cut.
constexpr std::chrono::seconds kStopGrace{10};

// Descriptors kept from connections: each store thread may hold a database connection (SQLite:
// the file and its -wal), and a few dozen go to the log, the loops and memory files of lists.
std::size_t descriptorReserve(unsigned storeThreads) {
    return 2 * static_cast<std::size_t>(storeThreads) + 64;
}

std::size_t capacityFor(unsigned storeThreads) {
    std::size_t capacity = connectionCapacity(descriptorReserve(storeThreads));
    if (capacity == 0) {
        throw std::runtime_error("the open-file limit (ulimit -n) leaves no room for connections");
    }
    return capacity;
}
}  // namespace

struct Server::State {
    State(const ServerOptions& options, api::Application& app, realtime::Hub& hub)
        : app(app),
          gate(options.trustedProxies, options.allowedHosts, options.maxConnectionsPerClient,
               capacityFor(app.workers().storeThreads())),
          bodyFiles(options.bodyFileBytes),
          context{app, hub, sessions, gate, bodyFiles},
          loops(options.ioThreads, hub),
          signals(loops.first(), SIGINT, SIGTERM),
          hub(hub) {
        auto address = asio::ip::make_address(options.host);
        listener = std::make_shared<Listener>(loops, tcp::endpoint(address, options.port), context);
        spdlog::info("at most {} connections open, {} per client", gate.connections().capacity(),
                     gate.connections().perClient());
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

    // What the sessions use comes before the loops: destroying a loop destroys the sessions whose
    // work it still held (after a stop that timed out), and they use it then.
    api::Application& app;
    SessionRegistry sessions;
    ClientGate gate;
    BodyFiles bodyFiles;
    ServerContext context;
    EventLoops loops;
    // I/O objects of the loops: destroyed before them.
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
    // Work handed to the workers, and writes handed to the store, answer through the event loops:
    // they must still exist then.
    state_->app.workers().finish();
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
