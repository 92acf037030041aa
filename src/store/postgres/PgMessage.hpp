#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace caseboard::store::postgres {

// The NOTIFY payload of one screen's text: "<e-mail>.<text>", each base64url (which never uses
// '.'), so that quotes, backslashes, control characters and any UTF-8 pass through as ASCII.
// Bound: the text is at most 4 KiB (a WebSocket message's limit) and an e-mail at most 254
// bytes, so the payload stays under 5,900 bytes, well within NOTIFY's limit (kMaxPayloadBytes).
struct PgMessage {
    std::string fromEmail;
    std::string text;

    // Nothing if it would not fit in one NOTIFY.
    std::optional<std::string> payload() const;
    // Nothing if the payload is not one of ours.
    static std::optional<PgMessage> parse(std::string_view payload);
};

// PostgreSQL refuses a NOTIFY payload of 8000 bytes or more.
inline constexpr std::size_t kMaxPayloadBytes = 7999;

// The channel every instance LISTENs on for screens' text.
inline constexpr const char* kMessageChannel = "caseboard_messages";

}  // namespace caseboard::store::postgres
