#pragma once

#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>

#include "domain/Date.hpp"
#include "domain/QueryParams.hpp"
#include "domain/SessionPatch.hpp"
#include "domain/TheatreSession.hpp"

// What a client may send about theatre sessions, checked. Failures are ValidationError (422),
// every bad field of the request at once, loc ["body", field] or ["query", param].
namespace caseboard::domain {

// POST /sessions: a new session with a fresh id; date, theatre and period required, capacity
// by period when not sent. The store sets its timestamps.
TheatreSession parseSessionDraft(const boost::json::object& body);
// PATCH /sessions/{id}.
SessionPatch parseSessionPatch(const boost::json::object& body);
// When starts_at and ends_at are both set and of the same form, ends_at must be later.
void checkSessionTimes(const TheatreSession& session);

// GET /sessions lists at most this many.
inline constexpr std::int64_t kMaxListedSessions = 2000;

// GET /sessions?from=&to= (inclusive dates, either may be left out).
struct SessionRange {
    std::optional<Date> from;
    std::optional<Date> to;
    std::int64_t limit = kMaxListedSessions;  // more only for a copy of the whole database
};
SessionRange parseSessionRange(const QueryParams& params);

}  // namespace caseboard::domain
