#pragma once

#include <vector>

#include "domain/CancellationCounts.hpp"
#include "domain/Case.hpp"
#include "domain/ReportPeriod.hpp"
#include "store/postgres/PgConnection.hpp"

// The reports' reads (Store::theatreArrivals, Store::cancellationCounts) in PostgreSQL's SQL,
// each through the index migration 7 made for it.
namespace caseboard::store::postgres {

std::vector<domain::Case> selectTheatreArrivals(PgConnection& db,
                                                const domain::ReportPeriod& period);
domain::CountsByReason countCancellations(PgConnection& db, const domain::ReportPeriod& period);

}  // namespace caseboard::store::postgres
