#pragma once

#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "http/ConnectionSlot.hpp"

namespace caseboard::http {

// How many connections are open, in all and per client address, so that one client cannot take
// every descriptor the server has: beyond its share a new connection is closed at once, and
// beyond the total the listener makes room or refuses.
class ConnectionLimits {
  public:
    // `capacity`: connections the descriptors allow (see connectionCapacity()).
    ConnectionLimits(std::size_t perClient, std::size_t capacity)
        : perClient_(perClient), capacity_(capacity) {}
    ConnectionLimits(const ConnectionLimits&) = delete;
    ConnectionLimits& operator=(const ConnectionLimits&) = delete;

    enum class Refusal { ClientAtLimit, ServerFull };
    struct Admission {
        std::optional<ConnectionSlot> slot;
        Refusal refusal = Refusal::ServerFull;  // when there is no slot
    };

    // A new connection from `client` (empty: not counted per client). `headroom` more than the
    // capacity are let in while as many idle connections are being closed to make room.
    Admission admit(const std::string& client, std::size_t headroom = 0);

    std::size_t perClient() const { return perClient_; }
    std::size_t capacity() const { return capacity_; }

  private:
    friend class ConnectionSlot;
    bool move(const std::string& from, const std::string& to);
    void release(const std::string& client);
    void forget(const std::string& client);

    const std::size_t perClient_;
    const std::size_t capacity_;
    std::mutex mutex_;
    std::size_t open_ = 0;
    std::unordered_map<std::string, std::size_t> byClient_;  // no entry: none open
};

}  // namespace caseboard::http
