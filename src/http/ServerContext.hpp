#pragma once

#include <atomic>
#include <cstdint>

#include "api/Application.hpp"
#include "http/AllowedHosts.hpp"
#include "http/Beast.hpp"
#include "http/BodyFiles.hpp"
#include "http/ConnectionLimits.hpp"
#include "http/HashBacklog.hpp"
#include "http/IdleConnections.hpp"
#include "http/PendingReplies.hpp"
#include "http/SessionRegistry.hpp"
#include "http/TrustedProxies.hpp"
#include "realtime/Hub.hpp"

namespace caseboard::http {

// What every session needs: the application, the worker pools it hands work to, and the
// server-wide state used to stop gracefully.
struct ServerContext {
    api::Application& app;
    realtime::Hub& hub;
    asio::thread_pool& storePool;
    asio::thread_pool& hashPool;
    SessionRegistry& sessions;
    const TrustedProxies& trustedProxies;
    const AllowedHosts& allowedHosts;
    ConnectionLimits& connections;
    IdleConnections& idleConnections;
    BodyFiles& bodyFiles;
    std::atomic<bool> stopping{false};
    std::atomic<std::uint64_t> nextRequestId{1};
    // Sign-ins waiting for a hash: 256 at most, 16 of them from any one client address.
    HashBacklog hashBacklog{256, 16};
    PendingReplies replies{};
};

}  // namespace caseboard::http
