#include "domain/SessionInput.hpp"

#include <boost/json.hpp>

#include "domain/QueryReader.hpp"
#include "domain/SessionBodyReader.hpp"
#include "domain/Uuid.hpp"
#include "domain/ValidationError.hpp"

namespace caseboard::domain {

namespace json = boost::json;

namespace {

SessionPatch readPatch(SessionBodyReader& reader) {
    SessionPatch patch;
    patch.date = reader.date();
    patch.theatre = reader.text("theatre", 1, 64, true, std::nullopt);
    patch.period = reader.period();
    patch.startsAt = reader.time("starts_at");
    patch.endsAt = reader.time("ends_at");
    patch.capacityMinutes = reader.capacity();
    patch.consultant = reader.text("consultant", 0, 100, false, "");
    patch.notes = reader.text("notes", 0, 10000, false, "");
    return patch;
}

// A full day's list is twice a half day's.
std::int64_t defaultCapacity(std::string_view period) {
    return period == "all_day" ? 480 : 240;
}

}  // namespace

TheatreSession parseSessionDraft(const json::object& body) {
    SessionBodyReader reader(body);
    reader.refuseUnknown(false);
    for (const char* key : {"date", "theatre", "period"}) reader.require(key);
    SessionPatch patch = readPatch(reader);
    reader.throwIfFailed();
    TheatreSession session;
    session.id = newUuid();
    session.capacityMinutes = defaultCapacity(*patch.period);
    session = patch.appliedTo(std::move(session));
    checkSessionTimes(session);
    return session;
}

SessionPatch parseSessionPatch(const json::object& body) {
    SessionBodyReader reader(body);
    reader.refuseUnknown(true);
    SessionPatch patch = readPatch(reader);
    patch.caseIds = reader.caseIds();
    reader.throwIfFailed();
    return patch;
}

// "HH:MM" is five characters, a normalised RFC 3339 time more: the same form is the same length,
// and either form orders as text.
void checkSessionTimes(const TheatreSession& session) {
    if (!session.startsAt || !session.endsAt) return;
    if (session.startsAt->size() != session.endsAt->size()) return;
    if (*session.endsAt > *session.startsAt) return;
    throw ValidationError(
        {{{"body", "ends_at"}, "ends_at should be later than starts_at", "time_order"}});
}

SessionRange parseSessionRange(const QueryParams& params) {
    QueryReader reader(params);
    SessionRange range{reader.date("from"), reader.date("to"), kMaxListedSessions};
    reader.throwIfFailed();
    return range;
}

}  // namespace caseboard::domain
