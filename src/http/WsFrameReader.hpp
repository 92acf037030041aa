#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "realtime/WsProtocol.hpp"

namespace caseboard::http {

// Decodes what a WebSocket client sends (RFC 6455 §5): masked frames, text messages possibly
// fragmented, and the control frames. Feed it the bytes as they arrive, then take the complete
// messages with next(). Anything a client must not send ends the conversation with the close
// code the RFC asks for; the caller then closes the connection with it.
class WsFrameReader {
  public:
    struct Message {
        enum class Kind { Text, Ping, Pong, Close, Fail };
        Kind kind;
        std::string payload;     // text, ping/pong data, or the close reason
        std::uint16_t code = 0;  // Close: the peer's code (0 if none); Fail: ours to close with
    };

    explicit WsFrameReader(std::size_t maxMessageBytes) : maxMessageBytes_(maxMessageBytes) {}

    // Bytes after a Close or Fail are dropped: nothing follows them, so nothing is kept.
    void append(std::string_view bytes) {
        if (!finished_) input_.append(bytes);
    }
    // The next complete message, or nothing until more bytes arrive. After Close or Fail there is
    // nothing more.
    std::optional<Message> next();
    // What is held: input not yet decoded and the text being reassembled.
    std::size_t bufferedBytes() const { return input_.size() + message_.size(); }

  private:
    struct Header {
        bool fin;
        bool masked;
        std::uint8_t reserved;  // the RSV bits: no extension is negotiated, so they must be 0
        realtime::Opcode opcode;
        std::uint64_t length;
        std::size_t size;  // bytes of the header, masking key included
        std::uint8_t mask[4];
    };

    // nullopt: need more bytes. Sets failure_ when the header breaks the protocol.
    std::optional<Header> parseHeader();
    std::optional<std::uint16_t> refusal(const Header& header) const;
    std::string takePayload(const Header& header);
    std::optional<Message> onFrame(const Header& header, std::string payload);
    Message fail(std::uint16_t code);
    void finish();
    static Message closeFrom(std::string payload);

    std::size_t maxMessageBytes_;
    std::string input_;
    std::size_t consumed_ = 0;
    std::string message_;  // the text message being reassembled from fragments
    bool inMessage_ = false;
    bool finished_ = false;
};

}  // namespace caseboard::http
