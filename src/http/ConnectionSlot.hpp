#pragma once

#include <string>

namespace caseboard::http {

class ConnectionLimits;

// One open connection as ConnectionLimits counts it, for as long as the slot lives: the session
// that owns the socket owns its slot, and hands it on with the socket (to a WebSocket).
class ConnectionSlot {
  public:
    ConnectionSlot(ConnectionLimits& limits, std::string client)
        : limits_(&limits), client_(std::move(client)) {}
    ~ConnectionSlot();
    ConnectionSlot(ConnectionSlot&& other) noexcept;
    ConnectionSlot& operator=(ConnectionSlot&&) = delete;
    ConnectionSlot(const ConnectionSlot&) = delete;
    ConnectionSlot& operator=(const ConnectionSlot&) = delete;

    // Counts the connection against `client` from now on (a proxy's connection, for the client
    // its request names). False, and unchanged, if that client has all the connections it may.
    bool attributeTo(const std::string& client);
    // Empty: counted towards the total only.
    const std::string& client() const { return client_; }

  private:
    friend class ConnectionLimits;
    ConnectionLimits* limits_;  // null once moved from
    std::string client_;
};

}  // namespace caseboard::http
