#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace caseboard::testing {

// A WebSocket frame as a client sends it (RFC 6455 §5.2): the first byte as given (FIN and
// opcode), masked with a fixed key unless told otherwise (to test that the server refuses it),
// payloads under 64 KiB.
inline std::string clientFrame(std::uint8_t firstByte, std::string_view payload,
                               bool masked = true) {
    std::string frame(1, static_cast<char>(firstByte));
    const std::uint8_t maskBit = masked ? 0x80 : 0;
    if (payload.size() < 126) {
        frame.push_back(static_cast<char>(maskBit | payload.size()));
    } else {
        frame.push_back(static_cast<char>(maskBit | 126));
        frame.push_back(static_cast<char>(payload.size() >> 8));
        frame.push_back(static_cast<char>(payload.size() & 0xff));
    }
    const char key[4] = {0x12, 0x34, 0x56, 0x78};
    if (masked) frame.append(key, 4);
    for (std::size_t i = 0; i < payload.size(); ++i) {
        frame.push_back(masked ? static_cast<char>(payload[i] ^ key[i % 4]) : payload[i]);
    }
    return frame;
}

}  // namespace caseboard::testing
