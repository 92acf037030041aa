#include "store/postgres/PgFailureLog.hpp"

namespace caseboard::store::postgres {

namespace {

// Times travel as microseconds since the Unix epoch, exactly.
constexpr PgStatement kRecord{
    "failure_record",
    "WITH expired AS (DELETE FROM login_failures"
    " WHERE failed_at < 'epoch'::timestamptz + $4::bigint * interval '1 microsecond')"
    " INSERT INTO login_failures (email, client, failed_at)"
    " VALUES ($1, $2, 'epoch'::timestamptz + $3::bigint * interval '1 microsecond')"};
constexpr PgStatement kRecent{
    "failure_recent",
    "SELECT (extract(epoch FROM failed_at) * 1000000)::bigint FROM login_failures"
    " WHERE email = $1 AND client = $2"
    " AND failed_at > 'epoch'::timestamptz + $3::bigint * interval '1 microsecond'"
    " ORDER BY failed_at"};
constexpr PgStatement kClear{"failure_clear",
                             "DELETE FROM login_failures WHERE email = $1 AND client = $2"};

std::string micros(auth::FailureLog::Clock::time_point at) {
    return std::to_string(
        std::chrono::duration_cast<std::chrono::microseconds>(at.time_since_epoch()).count());
}

}  // namespace

void PgFailureLog::recordFailure(const std::string& email, const std::string& client,
                                 Clock::time_point at) {
    auto connection = pool_->acquire();
    connection->run(kRecord, {email, client, micros(at), micros(at - retention_)});
}

std::vector<auth::FailureLog::Clock::time_point> PgFailureLog::recentFailures(
    const std::string& email, const std::string& client, Clock::time_point since) {
    auto connection = pool_->acquire();
    auto rows = connection->run(kRecent, {email, client, micros(since)});
    std::vector<Clock::time_point> times;
    for (int row = 0; row < rows.rows(); ++row) {
        times.emplace_back(std::chrono::duration_cast<Clock::duration>(
            std::chrono::microseconds(rows.integer(row, 0))));
    }
    return times;
}

void PgFailureLog::clear(const std::string& email, const std::string& client) {
    auto connection = pool_->acquire();
    connection->run(kClear, {email, client});
}

}  // namespace caseboard::store::postgres
