#pragma once

#include <optional>
#include <string>

#include "domain/TheatreSession.hpp"

namespace caseboard::domain {

// A committed change to one theatre session: its new state (computed fields included: a case
// booked in or out changes them too), or none when it was deleted.
struct SessionChange {
    std::string sessionId;
    std::optional<TheatreSession> after;
};

}  // namespace caseboard::domain
