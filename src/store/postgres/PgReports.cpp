#include "store/postgres/PgReports.hpp"

namespace caseboard::store::postgres {

namespace {

// The time in theatre is compared as the index cases_in_theatre spells it: the stored RFC 3339
// UTC text, which sorts as the times do byte by byte. The other times are read back in the text
// form the API writes (domain/Clock.hpp), whatever the session's time zone.
constexpr PgStatement kTheatreArrivals{
    "report_theatre_arrivals",
    "SELECT pathway, priority,"
    " to_char(admitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'),"
    " to_char(decision_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'),"
    " to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'),"
    " theatre_times ->> 'in_theatre' FROM cases"
    " WHERE ((theatre_times ->> 'in_theatre') COLLATE \"C\") >= $1::text"
    " AND ((theatre_times ->> 'in_theatre') COLLATE \"C\") < $2::text"};

// "cancellations <> '[]'::jsonb" is the condition of the partial index cases_cancelled: only the
// cases ever cancelled are read.
constexpr PgStatement kCancellationCounts{
    "report_cancellation_counts",
    "SELECT cancellation ->> 'reason', count(*)"
    " FROM cases, jsonb_array_elements(cases.cancellations) AS cancellation"
    " WHERE cases.cancellations <> '[]'::jsonb"
    " AND (cancellation ->> 'at') COLLATE \"C\" >= $1::text"
    " AND (cancellation ->> 'at') COLLATE \"C\" < $2::text"
    " GROUP BY 1"};

}  // namespace

std::vector<domain::Case> selectTheatreArrivals(PgConnection& db,
                                                const domain::ReportPeriod& period) {
    auto rows = db.run(kTheatreArrivals, {period.first(), period.afterLast()});
    std::vector<domain::Case> arrivals;
    arrivals.reserve(static_cast<std::size_t>(rows.rows()));
    for (int row = 0; row < rows.rows(); ++row) {
        domain::Case c;
        c.pathway = rows.optionalText(row, 0);
        c.priority = rows.optionalText(row, 1);
        c.admittedAt = rows.optionalText(row, 2);
        c.decisionAt = rows.optionalText(row, 3);
        c.createdAt = rows.text(row, 4);
        c.theatreTimes.emplace("in_theatre", rows.text(row, 5));
        arrivals.push_back(std::move(c));
    }
    return arrivals;
}

domain::CountsByReason countCancellations(PgConnection& db, const domain::ReportPeriod& period) {
    auto rows = db.run(kCancellationCounts, {period.first(), period.afterLast()});
    domain::CountsByReason counts;
    for (int row = 0; row < rows.rows(); ++row) {
        counts.emplace(rows.text(row, 0), rows.integer(row, 1));
    }
    return counts;
}

}  // namespace caseboard::store::postgres
