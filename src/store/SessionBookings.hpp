#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/TheatreSession.hpp"

namespace caseboard::store {

// One booked case as a store reads it, in list order within its session.
struct Booking {
    std::string sessionId;
    std::string caseId;
    std::int64_t minutes = 0;  // estimated (none: 0) plus turnaround
};

// Fills in each session's computed fields from the bookings (in list order); bookings of other
// sessions are passed over.
inline void attachBookings(std::vector<domain::TheatreSession>& sessions,
                           const std::vector<Booking>& bookings) {
    std::unordered_map<std::string, domain::TheatreSession*> byId;
    for (auto& session : sessions) {
        session.caseIds.clear();
        session.bookedMinutes = 0;
        byId.emplace(session.id, &session);
    }
    for (const auto& booking : bookings) {
        auto found = byId.find(booking.sessionId);
        if (found == byId.end()) continue;
        found->second->caseIds.push_back(booking.caseId);
        found->second->bookedMinutes += booking.minutes;
    }
}

}  // namespace caseboard::store
