#pragma once

#include <vector>

#include "domain/CancellationCounts.hpp"
#include "domain/Case.hpp"
#include "domain/ReportPeriod.hpp"
#include "store/sqlite/SqliteConnection.hpp"

// The reports' reads (Store::theatreArrivals, Store::cancellationCounts) in SQLite's SQL, each
// through the index migration 7 made for it.
namespace caseboard::store::sqlite {

std::vector<domain::Case> selectTheatreArrivals(Connection& db, const domain::ReportPeriod& period);
domain::CountsByReason countCancellations(Connection& db, const domain::ReportPeriod& period);

}  // namespace caseboard::store::sqlite
