#include "store/postgres/PgFailureLog.hpp"

#include <algorithm>

namespace caseboard::store::postgres {

namespace {

// An attempt is checked and counted under two advisory locks, its e-mail's and its client's,
// taken lowest first (so two attempts never wait for each other in a circle): every attempt
// that shares either with it, on any instance, waits until it is counted.
constexpr PgStatement kLockFirst{
    "failure_lock_first",
    "SELECT pg_advisory_xact_lock(1128350538, least(hashtext($1::text), hashtext($2::text)))"};
constexpr PgStatement kLockSecond{
    "failure_lock_second",
    "SELECT pg_advisory_xact_lock(1128350538, greatest(hashtext($1::text), hashtext($2::text)))"};

// Times travel as microseconds since the Unix epoch, exactly: $3 now, $4 the start of the
// window, $5 the age beyond which rows go. $6, $7, $8: the limits per e-mail and client, per
// client, per e-mail. For each limit, the limit-th most recent failure in the window, if there
// are that many: the attempt may be made once the latest of them leaves the window.
constexpr PgStatement kReserve{
    "failure_reserve",
    "WITH times AS (SELECT 'epoch'::timestamptz + $3::bigint * interval '1 microsecond' AS "
    "attempted_at,"
    "  'epoch'::timestamptz + $4::bigint * interval '1 microsecond' AS since,"
    "  'epoch'::timestamptz + $5::bigint * interval '1 microsecond' AS expiry),"
    " expired AS (DELETE FROM login_failures WHERE failed_at < (SELECT expiry FROM times)),"
    " reached AS (SELECT greatest("
    "  (SELECT failed_at FROM login_failures, times WHERE email = $1 AND client = $2"
    "   AND failed_at > since ORDER BY failed_at DESC OFFSET $6::bigint - 1 LIMIT 1),"
    "  (SELECT failed_at FROM login_failures, times WHERE client = $2"
    "   AND failed_at > since ORDER BY failed_at DESC OFFSET $7::bigint - 1 LIMIT 1),"
    "  (SELECT failed_at FROM login_failures, times WHERE email = $1"
    "   AND failed_at > since ORDER BY failed_at DESC OFFSET $8::bigint - 1 LIMIT 1))"
    "  AS oldest_counted),"
    " counted AS (INSERT INTO login_failures (email, client, failed_at)"
    "  SELECT $1, $2, attempted_at FROM reached, times WHERE oldest_counted IS NULL)"
    " SELECT (extract(epoch FROM oldest_counted) * 1000000)::bigint FROM reached"};
constexpr PgStatement kClear{"failure_clear",
                             "DELETE FROM login_failures WHERE email = $1 AND client = $2"};

std::string micros(auth::FailureLog::Clock::time_point at) {
    return std::to_string(
        std::chrono::duration_cast<std::chrono::microseconds>(at.time_since_epoch()).count());
}

}  // namespace

std::optional<auth::FailureLog::Clock::time_point> PgFailureLog::reserve(
    const std::string& email, const std::string& client, const auth::FailureLimits& limits,
    Clock::time_point at) {
    auto connection = pool_->acquire();
    connection->exec("BEGIN");
    connection->run(kLockFirst, {email, client});
    connection->run(kLockSecond, {email, client});
    auto reached = connection->run(
        kReserve,
        {email, client, micros(at), micros(at - limits.window),
         micros(at - std::max(retention_, limits.window)), std::to_string(limits.perEmailAndClient),
         std::to_string(limits.perClient), std::to_string(limits.perEmail)});
    connection->exec("COMMIT");
    if (reached.isNull(0, 0)) return std::nullopt;
    auto oldestCounted = std::chrono::duration_cast<Clock::duration>(
        std::chrono::microseconds(reached.integer(0, 0)));
    return Clock::time_point(oldestCounted) + limits.window;
}

void PgFailureLog::clear(const std::string& email, const std::string& client) {
    auto connection = pool_->acquire();
    connection->run(kClear, {email, client});
}

}  // namespace caseboard::store::postgres
