#pragma once

#include <atomic>
#include <cstdint>

#include "api/Application.hpp"
#include "http/AllowedHosts.hpp"
#include "http/Beast.hpp"
#include "http/BodyFiles.hpp"
#include "http/ConnectionLimits.hpp"
#include "http/IdleConnections.hpp"
#include "http/SessionRegistry.hpp"
#include "http/TrustedProxies.hpp"
#include "realtime/Hub.hpp"

namespace caseboard::http {

// What every session needs: the application, and the server-wide state used to stop gracefully.
struct ServerContext {
    api::Application& app;
    realtime::Hub& hub;
    SessionRegistry& sessions;
    const TrustedProxies& trustedProxies;
    const AllowedHosts& allowedHosts;
    ConnectionLimits& connections;
    IdleConnections& idleConnections;
    BodyFiles& bodyFiles;
    std::atomic<bool> stopping{false};
    std::atomic<std::uint64_t> nextRequestId{1};
};

}  // namespace caseboard::http
