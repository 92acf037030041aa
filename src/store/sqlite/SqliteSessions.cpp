#include "store/sqlite/SqliteSessions.hpp"

#include "store/SessionBookings.hpp"

namespace caseboard::store::sqlite {

using domain::TheatreSession;

namespace {

constexpr const char* kColumns =
    "id, date, theatre, period, starts_at, ends_at, capacity_minutes, consultant, notes,"
    " created_at, updated_at";
constexpr const char* kBookingColumns =
    "session_id, id, coalesce(estimated_minutes, 0) + turnaround_minutes";
// A day's lists in the order they run.
constexpr const char* kListOrder =
    " ORDER BY date, CASE period WHEN 'am' THEN 0 WHEN 'all_day' THEN 1 WHEN 'pm' THEN 2"
    " ELSE 3 END, theatre, id";

TheatreSession readSession(const Statement& row) {
    TheatreSession session;
    session.id = row.text(0);
    session.date = row.text(1);
    session.theatre = row.text(2);
    session.period = row.text(3);
    session.startsAt = row.optionalText(4);
    session.endsAt = row.optionalText(5);
    session.capacityMinutes = row.integer(6);
    session.consultant = row.text(7);
    session.notes = row.text(8);
    session.createdAt = row.text(9);
    session.updatedAt = row.text(10);
    return session;
}

std::vector<Booking> readBookings(Statement& select) {
    std::vector<Booking> bookings;
    while (select.step()) bookings.push_back({select.text(0), select.text(1), select.integer(2)});
    return bookings;
}

std::optional<std::string> dateText(const std::optional<domain::Date>& date) {
    return date ? std::optional<std::string>(date->str()) : std::nullopt;
}

void bindStored(Statement& statement, const TheatreSession& session) {
    statement.bind(1, session.id).bind(2, session.date).bind(3, session.theatre);
    statement.bind(4, session.period).bind(5, session.startsAt).bind(6, session.endsAt);
    statement.bind(7, session.capacityMinutes).bind(8, session.consultant);
    statement.bind(9, session.notes).bind(10, session.createdAt).bind(11, session.updatedAt);
}

}  // namespace

std::optional<TheatreSession> selectTheatreSession(Connection& db, const std::string& id) {
    auto select =
        db.prepare(std::string("SELECT ") + kColumns + " FROM theatre_sessions WHERE id = ?1");
    select.bind(1, id);
    if (!select.step()) return std::nullopt;
    std::vector<TheatreSession> sessions{readSession(select)};
    auto booked = db.prepare(std::string("SELECT ") + kBookingColumns +
                             " FROM cases WHERE session_id = ?1 ORDER BY session_position, id");
    booked.bind(1, id);
    attachBookings(sessions, readBookings(booked));
    return std::move(sessions.front());
}

std::vector<TheatreSession> selectTheatreSessions(Connection& db,
                                                  const domain::SessionRange& range) {
    const std::string within =
        " FROM theatre_sessions WHERE (?1 IS NULL OR date >= ?1) AND (?2 IS NULL OR date <= ?2)";
    auto select = db.prepare(std::string("SELECT ") + kColumns + within + kListOrder + " LIMIT ?3");
    select.bind(1, dateText(range.from)).bind(2, dateText(range.to)).bind(3, range.limit);
    std::vector<TheatreSession> sessions;
    while (select.step()) sessions.push_back(readSession(select));
    if (sessions.empty()) return sessions;
    auto booked = db.prepare(std::string("SELECT ") + kBookingColumns +
                             " FROM cases WHERE session_id IN (SELECT id" + within +
                             ") ORDER BY session_id, session_position, id");
    booked.bind(1, dateText(range.from)).bind(2, dateText(range.to));
    attachBookings(sessions, readBookings(booked));
    return sessions;
}

void insertTheatreSession(Connection& db, const TheatreSession& session) {
    auto insert = db.prepare(std::string("INSERT INTO theatre_sessions (") + kColumns +
                             ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    bindStored(insert, session);
    insert.run();
}

void updateTheatreSession(Connection& db, const TheatreSession& session) {
    auto update = db.prepare(
        "UPDATE theatre_sessions SET date = ?2, theatre = ?3, period = ?4, starts_at = ?5,"
        " ends_at = ?6, capacity_minutes = ?7, consultant = ?8, notes = ?9, created_at = ?10,"
        " updated_at = ?11 WHERE id = ?1");
    bindStored(update, session);
    update.run();
}

}  // namespace caseboard::store::sqlite
