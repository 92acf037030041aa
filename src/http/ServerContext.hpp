#pragma once

#include <atomic>
#include <cstdint>

#include "api/Application.hpp"
#include "http/Beast.hpp"
#include "http/BodyFiles.hpp"
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
    BodyFiles& bodyFiles;
    std::atomic<bool> stopping{false};
    std::atomic<std::uint64_t> nextRequestId{1};
    std::atomic<int> hashBacklog{0};
    PendingReplies replies{};
};

}  // namespace caseboard::http
