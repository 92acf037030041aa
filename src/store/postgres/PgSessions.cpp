#include "store/postgres/PgSessions.hpp"

#include "store/SessionBookings.hpp"
#include "store/postgres/PgRows.hpp"

namespace caseboard::store::postgres {

using domain::TheatreSession;

namespace {

#define SESSION_TIMESTAMP(column) \
    "to_char(" column " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"
#define SESSION_SELECT                                                             \
    "SELECT id, to_char(date, 'YYYY-MM-DD'), theatre, period, starts_at, ends_at," \
    " capacity_minutes, consultant, notes, " SESSION_TIMESTAMP(                    \
        "created_at") ", " SESSION_TIMESTAMP("updated_at") " FROM theatre_sessions"
#define BOOKING_SELECT \
    "SELECT session_id, id, coalesce(estimated_minutes, 0) + turnaround_minutes FROM cases"
#define SESSION_RANGE \
    " WHERE ($1::date IS NULL OR date >= $1::date) AND ($2::date IS NULL OR date <= $2::date)"

constexpr PgStatement kSessionById{"theatre_session_by_id", SESSION_SELECT " WHERE id = $1"};
constexpr PgStatement kSessionForUpdate{"theatre_session_for_update",
                                        SESSION_SELECT " WHERE id = $1 FOR UPDATE"};
constexpr PgStatement kSessionsByIds{"theatre_sessions_by_ids",
                                     SESSION_SELECT " WHERE id = ANY($1::uuid[])"};
// A day's lists in the order they run.
constexpr PgStatement kSessionsInRange{
    "theatre_sessions_in_range", SESSION_SELECT SESSION_RANGE
    " ORDER BY date, CASE period WHEN 'am' THEN 0 WHEN 'all_day' THEN 1 WHEN 'pm' THEN 2"
    " ELSE 3 END, theatre, id LIMIT $3::bigint"};
constexpr PgStatement kBookingsOf{"bookings_of_sessions", BOOKING_SELECT
                                  " WHERE session_id = ANY($1::uuid[])"
                                  " ORDER BY session_id, session_position, id"};
constexpr PgStatement kBookingsInRange{
    "bookings_in_range",
    BOOKING_SELECT " WHERE session_id IN (SELECT id FROM theatre_sessions" SESSION_RANGE
                   ") ORDER BY session_id, session_position, id"};
constexpr PgStatement kInsertSession{
    "insert_theatre_session",
    "INSERT INTO theatre_sessions (id, date, theatre, period, starts_at, ends_at,"
    " capacity_minutes, consultant, notes, created_at, updated_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7::bigint, $8, $9, $10, $11)"};
constexpr PgStatement kUpdateSession{
    "update_theatre_session",
    "UPDATE theatre_sessions SET date = $2, theatre = $3, period = $4, starts_at = $5,"
    " ends_at = $6, capacity_minutes = $7::bigint, consultant = $8, notes = $9,"
    " created_at = $10, updated_at = $11 WHERE id = $1"};
constexpr PgStatement kImportSession{
    "import_theatre_session",
    "INSERT INTO theatre_sessions (id, date, theatre, period, starts_at, ends_at,"
    " capacity_minutes, consultant, notes, created_at, updated_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7::bigint, $8, $9, $10, $11) ON CONFLICT DO NOTHING"};
constexpr PgStatement kCountSessions{
    "count_theatre_sessions", "SELECT count(*) FROM theatre_sessions WHERE id = ANY($1::uuid[])"};
constexpr PgStatement kDeleteSession{"delete_theatre_session",
                                     "DELETE FROM theatre_sessions WHERE id = $1"};
constexpr PgStatement kAppendToSession{
    "append_to_session",
    "UPDATE cases SET session_position = (SELECT coalesce(max(session_position), 0) + 1"
    " FROM cases WHERE session_id = $2 AND id <> $1) WHERE id = $1"};
constexpr PgStatement kSetSessionPosition{
    "set_session_position", "UPDATE cases SET session_position = $2::bigint WHERE id = $1"};

#undef SESSION_RANGE
#undef BOOKING_SELECT
#undef SESSION_SELECT
#undef SESSION_TIMESTAMP

std::vector<TheatreSession> readSessions(const PgResult& rows) {
    std::vector<TheatreSession> sessions;
    sessions.reserve(static_cast<std::size_t>(rows.rows()));
    for (int row = 0; row < rows.rows(); ++row) {
        TheatreSession session;
        session.id = rows.text(row, 0);
        session.date = rows.text(row, 1);
        session.theatre = rows.text(row, 2);
        session.period = rows.text(row, 3);
        session.startsAt = rows.optionalText(row, 4);
        session.endsAt = rows.optionalText(row, 5);
        session.capacityMinutes = rows.integer(row, 6);
        session.consultant = rows.text(row, 7);
        session.notes = rows.text(row, 8);
        session.createdAt = rows.text(row, 9);
        session.updatedAt = rows.text(row, 10);
        sessions.push_back(std::move(session));
    }
    return sessions;
}

void attach(std::vector<TheatreSession>& sessions, const PgResult& rows) {
    std::vector<Booking> bookings;
    bookings.reserve(static_cast<std::size_t>(rows.rows()));
    for (int row = 0; row < rows.rows(); ++row) {
        bookings.push_back({rows.text(row, 0), rows.text(row, 1), rows.integer(row, 2)});
    }
    attachBookings(sessions, bookings);
}

std::vector<TheatreSession> withBookings(PgConnection& db, std::vector<TheatreSession> sessions) {
    if (sessions.empty()) return sessions;
    std::vector<std::string> ids;
    for (const auto& session : sessions) ids.push_back(session.id);
    attach(sessions, db.run(kBookingsOf, {textArray(ids)}));
    return sessions;
}

PgParams storedParams(const TheatreSession& session) {
    return {session.id,
            session.date,
            session.theatre,
            session.period,
            session.startsAt,
            session.endsAt,
            std::to_string(session.capacityMinutes),
            session.consultant,
            session.notes,
            session.createdAt,
            session.updatedAt};
}

PgValue dateParam(const std::optional<domain::Date>& date) {
    return date ? PgValue(date->str()) : std::nullopt;
}

}  // namespace

std::optional<TheatreSession> selectTheatreSession(PgConnection& db, const std::string& id,
                                                   bool forUpdate) {
    if (!isId(id)) return std::nullopt;
    auto sessions =
        withBookings(db, readSessions(db.run(forUpdate ? kSessionForUpdate : kSessionById, {id})));
    if (sessions.empty()) return std::nullopt;
    return std::move(sessions.front());
}

std::vector<TheatreSession> selectTheatreSessions(PgConnection& db,
                                                  const domain::SessionRange& range) {
    const PgParams params{dateParam(range.from), dateParam(range.to)};
    PgParams limited = params;
    limited.emplace_back(std::to_string(range.limit));
    auto sessions = readSessions(db.run(kSessionsInRange, limited));
    if (!sessions.empty()) attach(sessions, db.run(kBookingsInRange, params));
    return sessions;
}

std::vector<TheatreSession> selectTheatreSessionsByIds(PgConnection& db,
                                                       const std::vector<std::string>& ids) {
    std::vector<std::string> valid;
    for (const auto& id : ids) {
        if (isId(id)) valid.push_back(id);
    }
    if (valid.empty()) return {};
    return withBookings(db, readSessions(db.run(kSessionsByIds, {textArray(valid)})));
}

void insertTheatreSession(PgConnection& db, const TheatreSession& session) {
    db.run(kInsertSession, storedParams(session));
}

void updateTheatreSession(PgConnection& db, const TheatreSession& session) {
    db.run(kUpdateSession, storedParams(session));
}

bool importTheatreSession(PgConnection& db, const TheatreSession& session) {
    return db.run(kImportSession, storedParams(session)).affected() > 0;
}

std::size_t countTheatreSessions(PgConnection& db, const std::vector<std::string>& ids) {
    return static_cast<std::size_t>(db.run(kCountSessions, {textArray(ids)}).integer(0, 0));
}

void deleteTheatreSession(PgConnection& db, const std::string& id) {
    db.run(kDeleteSession, {id});
}

void appendToSession(PgConnection& db, const std::string& caseId, const std::string& sessionId) {
    db.run(kAppendToSession, {caseId, sessionId});
}

void setSessionPosition(PgConnection& db, const std::string& caseId, std::int64_t position) {
    db.run(kSetSessionPosition, {caseId, std::to_string(position)});
}

}  // namespace caseboard::store::postgres
