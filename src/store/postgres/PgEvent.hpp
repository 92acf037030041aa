#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/CaseChange.hpp"

namespace caseboard::store::postgres {

// The NOTIFY payload of one committed change: small JSON (the limit is 8000 bytes), never the
// case itself, which listeners read from the database.
// {"action":"create|update|delete|clock","case":"<id>","origin":"<instance id>","seq":<n>}
// and, for "clock", "clock":"<state announced>"; for a theatre session's change
// {"action":"session|session_delete","session":"<id>","origin":…,"seq":…}.
// `origin` and `seq` let the writing instance recognise its own change when it comes back.
struct PgEvent {
    domain::ChangeKind kind = domain::ChangeKind::Update;
    std::string caseId;
    std::string origin;
    std::uint64_t seq = 0;
    std::string clock{};
    // A theatre session's change instead of a case's (caseId then empty): kind is Update, or
    // Delete for a deletion.
    std::string sessionId{};

    std::string payload() const;
    // Nothing if the payload is not one of ours.
    static std::optional<PgEvent> parse(std::string_view payload);
};

// The channel every instance LISTENs on.
inline constexpr const char* kEventChannel = "caseboard_events";

}  // namespace caseboard::store::postgres
