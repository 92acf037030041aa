#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/SessionInput.hpp"
#include "domain/TheatreSession.hpp"
#include "store/postgres/PgConnection.hpp"

// Theatre sessions in PostgreSQL, read with their booked cases (computed fields) and written, for
// PostgresStore's reads, PgTransaction's writes and the event feed alike. Ids that are no UUID
// name no session.
namespace caseboard::store::postgres {

// forUpdate: the row stays locked until the transaction ends.
std::optional<domain::TheatreSession> selectTheatreSession(PgConnection& db, const std::string& id,
                                                           bool forUpdate);
// In list order (date, period, theatre), at most 2000.
std::vector<domain::TheatreSession> selectTheatreSessions(PgConnection& db,
                                                          const domain::SessionRange& range);
// Those of these ids that exist, in no particular order.
std::vector<domain::TheatreSession> selectTheatreSessionsByIds(PgConnection& db,
                                                               const std::vector<std::string>& ids);
void insertTheatreSession(PgConnection& db, const domain::TheatreSession& session);
void updateTheatreSession(PgConnection& db, const domain::TheatreSession& session);
// For migrate-data: the session as it is, unless its id is there already; whether it was
// inserted.
bool importTheatreSession(PgConnection& db, const domain::TheatreSession& session);
// How many of these ids exist.
std::size_t countTheatreSessions(PgConnection& db, const std::vector<std::string>& ids);
void deleteTheatreSession(PgConnection& db, const std::string& id);
void appendToSession(PgConnection& db, const std::string& caseId, const std::string& sessionId);
void setSessionPosition(PgConnection& db, const std::string& caseId, std::int64_t position);

}  // namespace caseboard::store::postgres
