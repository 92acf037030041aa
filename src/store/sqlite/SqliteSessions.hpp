#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/SessionInput.hpp"
#include "domain/TheatreSession.hpp"
#include "store/sqlite/SqliteConnection.hpp"

// Theatre sessions in SQLite, read with their booked cases (computed fields) and written, for
// SqliteStore's reads and SqliteTransaction's writes alike.
namespace caseboard::store::sqlite {

std::optional<domain::TheatreSession> selectTheatreSession(Connection& db, const std::string& id);
// In list order (date, period, theatre), at most range.limit.
std::vector<domain::TheatreSession> selectTheatreSessions(Connection& db,
                                                          const domain::SessionRange& range);
void insertTheatreSession(Connection& db, const domain::TheatreSession& session);
void updateTheatreSession(Connection& db, const domain::TheatreSession& session);

}  // namespace caseboard::store::sqlite
