#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace caseboard::domain {

// The parts of a day a theatre list runs in, in the order a day's lists are shown.
inline constexpr std::string_view kSessionPeriods[] = {"am", "all_day", "pm", "evening"};

// One theatre's list on one day (a "session"): what it holds as stored, and what its booked cases
// make of it, worked out whenever it is read.
struct TheatreSession {
    std::string id;
    std::string date;  // YYYY-MM-DD
    std::string theatre;
    std::string period;                   // one of kSessionPeriods
    std::optional<std::string> startsAt;  // "HH:MM" or an RFC 3339 time in UTC
    std::optional<std::string> endsAt;
    std::int64_t capacityMinutes = 240;
    std::string consultant;
    std::string notes;
    std::string createdAt;
    std::string updatedAt;
    // Computed: the booked cases in list order, and the theatre time they need.
    std::vector<std::string> caseIds;
    std::int64_t bookedMinutes = 0;

    // Trauma lists overrun: allowed, and flagged.
    bool overCapacity() const { return bookedMinutes > capacityMinutes; }
};

}  // namespace caseboard::domain
