#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/AccessChange.hpp"

namespace caseboard::store::postgres {

// The NOTIFY payload of one access change (small JSON of ids and flags, nothing personal):
// {"user","ended_session","all_sessions","kept_session","reading_ended"}.
struct PgAccessEvent {
    static std::string payload(const domain::AccessChange& change);
    // Nothing if the payload is not one of ours.
    static std::optional<domain::AccessChange> parse(std::string_view payload);
};

// The channel every instance LISTENs on for access changes.
inline constexpr const char* kAccessChannel = "caseboard_access";

}  // namespace caseboard::store::postgres
