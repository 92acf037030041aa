#pragma once

#include <cstddef>
#include <cstdint>

namespace caseboard::realtime {

// The numbers of RFC 6455 that both directions use: what the server frames and what it reads.

// Frame opcodes (§5.2).
enum class Opcode : std::uint8_t {
    Continuation = 0x0,
    Text = 0x1,
    Binary = 0x2,
    Close = 0x8,
    Ping = 0x9,
    Pong = 0xA
};

// Control frames carry at most this many bytes and are never fragmented (§5.5).
inline constexpr std::size_t kMaxControlPayload = 125;

// Close codes (§7.4.1).
namespace close_code {
inline constexpr std::uint16_t kNormal = 1000;
inline constexpr std::uint16_t kGoingAway = 1001;
inline constexpr std::uint16_t kProtocolError = 1002;
inline constexpr std::uint16_t kUnsupportedData = 1003;
inline constexpr std::uint16_t kInvalidPayload = 1007;
inline constexpr std::uint16_t kPolicyViolation = 1008;
inline constexpr std::uint16_t kMessageTooBig = 1009;
inline constexpr std::uint16_t kTryAgainLater = 1013;
}  // namespace close_code

}  // namespace caseboard::realtime
