#pragma once

#include "domain/Date.hpp"
#include "domain/QueryReader.hpp"

namespace caseboard::domain {

// The UTC days a report covers, both included.
struct ReportPeriod {
    Date from;
    Date to;

    // Its bounds as text that compares with a stored RFC 3339 UTC time, character by character:
    // a time t is in the period when first() <= t < afterLast().
    std::string first() const { return from.str(); }
    std::string afterLast() const { return to.afterLastTime(); }
};

// How many days a report covers when the client names no start: the last 30, today included.
inline constexpr int kDefaultReportDays = 30;

// ?from=&to= (YYYY-MM-DD); `to` defaults to today, `from` to kDefaultReportDays days up to `to`.
// A bad date, or `to` before `from`, is recorded in the reader (loc "query").
ReportPeriod readReportPeriod(QueryReader& reader, Date today);

}  // namespace caseboard::domain
