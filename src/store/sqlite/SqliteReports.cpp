#include "store/sqlite/SqliteReports.hpp"

namespace caseboard::store::sqlite {

namespace {

// Spelt exactly as the index cases_in_theatre is, or SQLite would not use it; it reads nothing
// that index does not hold. Times are stored as RFC 3339 UTC text, which sorts as the times do.
constexpr const char* kTheatreArrivals =
    "SELECT pathway, priority, admitted_at, decision_at, created_at,"
    " json_extract(theatre_times, '$.in_theatre') FROM cases"
    " WHERE json_extract(theatre_times, '$.in_theatre') >= ?1"
    " AND json_extract(theatre_times, '$.in_theatre') < ?2";

// "cancellations <> '[]'" is the condition of the partial index cases_cancelled: only the cases
// ever cancelled are read.
constexpr const char* kCancellationCounts =
    "SELECT json_extract(cancellation.value, '$.reason'), count(*)"
    " FROM cases, json_each(cases.cancellations) AS cancellation"
    " WHERE cases.cancellations <> '[]'"
    " AND json_extract(cancellation.value, '$.at') >= ?1"
    " AND json_extract(cancellation.value, '$.at') < ?2"
    " GROUP BY 1";

}  // namespace

std::vector<domain::Case> selectTheatreArrivals(Connection& db,
                                                const domain::ReportPeriod& period) {
    auto select = db.prepare(kTheatreArrivals);
    select.bind(1, period.first()).bind(2, period.afterLast());
    std::vector<domain::Case> arrivals;
    while (select.step()) {
        domain::Case c;
        c.pathway = select.optionalText(0);
        c.priority = select.optionalText(1);
        c.admittedAt = select.optionalText(2);
        c.decisionAt = select.optionalText(3);
        c.createdAt = select.text(4);
        c.theatreTimes.emplace("in_theatre", select.text(5));
        arrivals.push_back(std::move(c));
    }
    return arrivals;
}

domain::CountsByReason countCancellations(Connection& db, const domain::ReportPeriod& period) {
    auto select = db.prepare(kCancellationCounts);
    select.bind(1, period.first()).bind(2, period.afterLast());
    domain::CountsByReason counts;
    while (select.step()) counts.emplace(select.text(0), select.integer(1));
    return counts;
}

}  // namespace caseboard::store::sqlite
