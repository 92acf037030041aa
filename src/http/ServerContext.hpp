#pragma once

#include <atomic>
#include <cstdint>

#include "api/Application.hpp"
#include "http/Beast.hpp"
#include "http/BodyFiles.hpp"
#include "http/ClientGate.hpp"
#include "http/SessionRegistry.hpp"
#include "realtime/Hub.hpp"

namespace caseboard::http {

// What a session needs of the server it belongs to: the application and the hub it serves, the
// gate that let it in, the memory files of shared bodies, and what a graceful stop uses.
struct ServerContext {
    api::Application& app;
    realtime::Hub& hub;
    SessionRegistry& sessions;
    ClientGate& gate;
    BodyFiles& bodyFiles;
    std::atomic<bool> stopping{false};
    std::atomic<std::uint64_t> nextRequestId{1};
};

}  // namespace caseboard::http
