#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "realtime/WsProtocol.hpp"

namespace caseboard::realtime {

// One WebSocket frame from the server, encoded once (RFC 6455 §5.2). A server's frames are not
// masked, so the same bytes go to every socket: the hub builds an event's frame once and every
// connection writes that one buffer.
class Frame {
  public:
    using Opcode = realtime::Opcode;

    static std::shared_ptr<const Frame> text(std::string_view payload);
    static std::shared_ptr<const Frame> control(Opcode opcode, std::string_view payload);
    // A close frame carrying `code` (RFC 6455 §7.4), or no status at all when code is 0.
    static std::shared_ptr<const Frame> close(std::uint16_t code);

    Frame(Opcode opcode, std::string_view payload);

    // Header and payload, ready for the socket.
    std::string_view wire() const { return bytes_; }
    std::string_view payload() const { return std::string_view(bytes_).substr(headerSize_); }
    Opcode opcode() const { return opcode_; }

  private:
    Opcode opcode_;
    std::string bytes_;
    std::size_t headerSize_;
};

}  // namespace caseboard::realtime
