#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/TheatreSession.hpp"

namespace caseboard::domain {

// A validated partial update of a theatre session: each field sent, checked on its own. The
// rules that join two fields (ends_at after starts_at), or the session to its cases (case_ids),
// are checked against the stored session (SessionInput.hpp, store/SessionTransactions).
struct SessionPatch {
    std::optional<std::string> date;
    std::optional<std::string> theatre;
    std::optional<std::string> period;
    std::optional<std::optional<std::string>> startsAt;  // set to a time, or to none
    std::optional<std::optional<std::string>> endsAt;
    std::optional<std::int64_t> capacityMinutes;
    std::optional<std::string> consultant;
    std::optional<std::string> notes;
    // The session's booked cases in a new list order.
    std::optional<std::vector<std::string>> caseIds;

    // The session's stored fields with this patch applied (case_ids aside).
    TheatreSession appliedTo(TheatreSession session) const {
        if (date) session.date = *date;
        if (theatre) session.theatre = *theatre;
        if (period) session.period = *period;
        if (startsAt) session.startsAt = *startsAt;
        if (endsAt) session.endsAt = *endsAt;
        if (capacityMinutes) session.capacityMinutes = *capacityMinutes;
        if (consultant) session.consultant = *consultant;
        if (notes) session.notes = *notes;
        return session;
    }
};

}  // namespace caseboard::domain
